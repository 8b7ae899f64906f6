"""A commune officer logs in on a phone-sized screen (Playwright driving Debian's Chromium)."""

import pytest

from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commune_officer_logs_in_on_a_phone(world, live_server, page, artifacts_dir):
    log_in(page, live_server, "officer_a")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")
    assert page.get_by_text("Phường An Hòa").first.is_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "home-commune-officer-360.png", full_page=True)
