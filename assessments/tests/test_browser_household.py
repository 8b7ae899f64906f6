"""A village head registers the village and hands out a personal link; the household opens it on its own
phone (a fresh browser, no account), gives its points, adds a photo and sends its self-assessment."""

import random

import pytest
from PIL import Image

from assessments import services
from assessments.enums import Stage, Status
from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_photo(path) -> None:
    """A 3000×2000 JPEG with some texture, as a phone would take it."""
    noise = Image.frombytes("L", (300, 200), random.Random(3).randbytes(300 * 200)).resize((3000, 2000))
    Image.merge("RGB", (noise, noise.rotate(180), noise)).save(path, "JPEG", quality=90)


def test_a_household_self_assesses_through_its_link_with_a_photo(
    cw, live_server, page, browser, artifacts_dir, tmp_path
):
    services.campaign_advance(by=cw.world.officer_a, campaign=cw.campaign)  # the officer opened self-assessment
    assert cw.campaign.stage == Stage.SELF_ASSESSMENT
    log_in(page, live_server, "head_a1")

    # The village head registers the whole village, then issues An's link and reads it off the sheet.
    page.goto(f"{live_server.url}/campaigns/{cw.campaign.pk}/")
    page.get_by_role("link", name="Đăng ký").first.click()
    page.get_by_role("button", name="Đăng ký tất cả").click()
    assert page.get_by_text("Đã đăng ký 3 đối tượng").is_visible()
    row = page.locator(".subject-list li", has_text="Nguyễn Văn An")
    row.get_by_role("button", name="cấp đường dẫn tự đánh giá").click()
    page.get_by_role("link", name="In phiếu đường dẫn tự đánh giá").click()
    card = page.locator(".link-card", has_text="Nguyễn Văn An")
    assert card.locator("img").get_attribute("src").startswith("data:image/svg+xml")
    url = card.locator(".link-url").inner_text()
    assert url.startswith(f"{live_server.url}/s/")

    # The household, on its own phone: no account, no session of the village head.
    household = browser.new_context(viewport=PHONE)
    phone = household.new_page()
    phone.goto(url)
    assert phone.get_by_role("heading", level=1).inner_text() == "Tự đánh giá: Nguyễn Văn An"
    for code, points in {"1.1": "20", "1.2": "22,5", "2.1": "20", "2.2": "19"}.items():
        phone.locator(f'input[name="points-{code}"]').fill(points)
    photo = tmp_path / "IMG_2026.jpg"
    phone_photo(photo)
    item = phone.locator('[id="item-1.1"]')
    item.get_by_text("Thêm minh chứng").click()
    item.locator('input[type="file"]').set_input_files(photo)
    item.get_by_role("button", name="Thêm").click()
    item.locator(".evidence-list img").wait_for()
    # Only the item's evidence was refreshed: the points typed but not yet saved are still there.
    assert phone.locator('input[name="points-1.2"]').input_value() == "22,5"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=artifacts_dir / "household-self-assessment-360.png", full_page=True)
    phone.get_by_role("button", name="Lưu và gửi phiếu tự đánh giá").click()
    assert phone.get_by_text("Đã gửi phiếu tự đánh giá cho thôn.").is_visible()

    an = cw.assessment("Nguyễn Văn An")
    assert an.status == Status.SELF_ASSESSED and str(an.self_total) == "81.50"
    evidence = an.evidence.get()
    assert evidence.thumbnail and evidence.content_type == "image/jpeg"
    with evidence.file.open("rb") as stored, Image.open(stored) as picture:
        assert max(picture.size) == 1600  # made smaller in the browser before it was sent
    household.close()
