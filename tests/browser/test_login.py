"""A commune officer logs in on a phone-sized screen (Playwright driving Debian's Chromium)."""

import pytest

from tests.world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_commune_officer_logs_in_on_a_phone(world, live_server, page, artifacts_dir):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("officer_a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")
    assert page.get_by_text("Phường An Hòa").first.is_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "home-commune-officer-360.png", full_page=True)
