"""A commune officer, on a phone, turns the approved list into an issued decision, downloads its DOCX and
PDF and prints the certificates (Playwright driving Debian's Chromium)."""

import io
import subprocess

import pytest
from docx import Document

from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()


def test_an_officer_issues_a_decision_and_downloads_its_files(approved, live_server, page, artifacts_dir):
    log_in(page, live_server, "officer_a")

    # The home page asks for the decision; its link leads to the approved list waiting in the commune.
    page.get_by_role("link", name="Ban hành quyết định công nhận").click()
    page.get_by_role("button", name="Soạn dự thảo").click()
    page.get_by_role("heading", name="Dự thảo quyết định").wait_for()
    assert page.locator("#id_number").input_value() == "1"  # the next free number, suggested

    page.locator("#id_number").fill("15")
    page.locator("#id_date").fill("20/12/2026")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Thị Hương")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_text("Đã lưu dự thảo.").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "decision-draft-360.png", full_page=True)

    page.get_by_label("Quyết định đã được ký với số và ngày này").check()
    page.get_by_role("button", name="Ban hành quyết định").click()
    page.get_by_role("heading", name="Quyết định số 15/QĐ-UBND").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "decision-issued-360.png", full_page=True)

    with page.expect_download() as docx:
        page.get_by_role("button", name="Quyết định (Word, sửa được)").click()
    document = Document(io.BytesIO(docx.value.path().read_bytes()))
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Số: 15/QĐ-UBND" in cells and "Nguyễn Văn An" in cells and "Phạm Thị Dung" in cells

    with page.expect_download() as pdf:
        page.get_by_role("button", name="Quyết định (PDF)").click()
    text = pdf_text(pdf.value.path())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số: 15/QĐ-UBND" in text and "Trần Thị Bình" in text

    page.get_by_role("button", name="In giấy chứng nhận (cả trang)").click()
    with page.expect_download() as certificates:
        page.get_by_role("button", name="Tải giấy chứng nhận (PDF)").click()
    text = pdf_text(certificates.value.path())
    assert text.count("GIẤY CHỨNG NHẬN") == 4 and f"{live_server.url}/v/" in text
