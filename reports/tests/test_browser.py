"""Programme staff open the province's dashboard, drill into a commune, and download the Excel workbook
and the PDF annex — on a phone and on a desktop screen (Playwright driving Debian's Chromium)."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


def test_staff_drill_from_the_province_into_a_commune_and_download_both_exports(
    ledger, live_server, page, artifacts_dir
):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "staff")
    page.goto(live_server.url + "/reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tỉnh Thử Nghiệm"
    assert page.get_by_text("387/QĐ-TTg — Thủ tướng Chính phủ").is_visible()
    # The wide tables scroll inside their box: the page itself fits the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "reports-province-360.png", full_page=True)

    page.get_by_role("link", name="Phường An Hòa").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Phường An Hòa"
    table = page.locator("table.report-table").first
    assert table.get_by_text("Tổ dân phố Đông").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "reports-commune-360.png", full_page=True)

    page.set_viewport_size(DESKTOP)
    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    assert "năm 2024" in page.locator("hgroup p").inner_text()
    page.screenshot(path=artifacts_dir / "reports-commune-desktop.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Excel").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames[0] == "Mô hình học tập" and download.value.suggested_filename.endswith("2024.xlsx")

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải PDF").click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
