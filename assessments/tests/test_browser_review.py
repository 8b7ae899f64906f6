"""The reviews in a phone-sized Chromium: the village head scores on the grid's cards with the keyboard,
copies the self-assessment and sends to the council; the council approves from its queue."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.tests.test_grid import open_village_review
from assessments.tests.test_services import advance_to
from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_village_head_reviews_on_a_phone(cw, live_server, page, artifacts_dir):
    open_village_review(cw)
    an, binh, cuong = (cw.assessment(n) for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"))
    log_in(page, live_server, "head_a1")
    page.goto(live_server.url + reverse("assessments:grid", args=[cw.campaign.pk, cw.world.village_a1.pk]))

    # Cards: no table header, every input labelled with its item code, nothing wider than the phone.
    expect(page.locator(".grid thead")).to_be_hidden()
    expect(page.locator(f"#a{binh.pk} td[data-label='1.2']")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Keyboard entry: Enter saves and goes to the same item on the next row.
    page.get_by_label("1.2 · Trần Thị Bình").fill("7,5")
    page.keyboard.press("Enter")
    expect(page.get_by_label("1.2 · Lê Văn Cường")).to_be_focused()
    page.keyboard.type("10")
    page.keyboard.press("ArrowUp")
    expect(page.locator(f"#a{binh.pk} .grid-total")).to_have_text("7,5")
    expect(page.locator(f"#a{cuong.pk} .grid-total")).to_have_text("10")
    expect(page.locator(f"#a{binh.pk} .grid-outcome")).to_have_text("Chưa đạt")

    # Out of range: refused on the row, nothing saved.
    page.get_by_label("2.1 · Trần Thị Bình").fill("30")
    page.keyboard.press("Enter")
    expect(page.locator(f"#a{binh.pk} .grid-msg")).to_contain_text("tối đa 25")
    expect(page.locator(f"#a{binh.pk} .grid-total")).to_have_text("7,5")

    page.get_by_role("button", name="Chép điểm tự đánh giá").click()
    expect(page.locator(".messages")).to_contain_text("1 đối tượng")
    expect(page.locator(f"#a{an.pk} .grid-total")).to_have_text("58")

    # Item 1.1 asks for evidence: without any, the grid asks why before saving.
    page.get_by_label("1.1 · Nguyễn Văn An").fill("20")
    page.keyboard.press("Enter")
    dialog = page.locator("#grid-explain")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Lý do cho điểm khi chưa có minh chứng").fill("Trưởng thôn đã xem giấy khen")
    dialog.get_by_role("button", name="Lưu kèm lời giải thích").click()
    expect(page.locator(f"#a{an.pk} .grid-total")).to_have_text("78")

    page.get_by_label("Tìm theo tên").fill("binh")
    expect(page.locator(f"#a{an.pk}")).to_be_hidden()
    expect(page.locator(f"#a{binh.pk}")).to_be_visible()
    page.get_by_label("Tìm theo tên").fill("")

    page.get_by_role("button", name="Gửi hội đồng xã").click()
    expect(page.locator(".messages")).to_contain_text("1 đối tượng đã được gửi hội đồng xã")
    expect(page.locator(".messages")).to_contain_text("2 đối tượng chưa đủ điểm")
    an.refresh_from_db()
    assert an.status == Status.VILLAGE_REVIEWED
    page.screenshot(path=artifacts_dir / "grid-360.png", full_page=True)


def test_the_council_approves_from_its_queue_on_a_phone(cw, live_server, page, artifacts_dir):
    open_village_review(cw)
    an = cw.assessment("Nguyễn Văn An")
    services.village_copy_self(by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=[an.pk])
    an.refresh_from_db()
    services.scores_save(
        actor=services.Actor(user=cw.world.head_a1),
        assessment=an,
        layer=ScoreLayer.VILLAGE,
        scores={"1.1": Decimal(25)},
        version=an.version,
        explanations={"1.1": "Đã xem giấy khen"},
    )
    services.village_submit(by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=[an.pk])
    advance_to(cw.campaign, Stage.COMMUNE_REVIEW)

    log_in(page, live_server, "council_a")
    page.goto(live_server.url + reverse("assessments:council", args=[cw.campaign.pk]))
    row = page.locator(".council-queue tbody tr").filter(has_text="Nguyễn Văn An")
    expect(row).to_contain_text("83")
    expect(row).to_contain_text("Đạt")
    expect(row).to_contain_text("1 mục khác")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "council-queue-360.png", full_page=True)

    row.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.locator("#item-1\\.1")).to_have_class(re.compile("is-different"))
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt Nguyễn Văn An")
    expect(page.get_by_text("Đã khoá")).to_be_visible()
    an.refresh_from_db()
    assert an.status == Status.APPROVED
