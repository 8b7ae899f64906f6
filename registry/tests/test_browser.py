"""A commune officer, on a phone, imports the ward's household list: sees the problems, fixes the file,
imports it twice without duplicates, and finds a household by typing its head's name without accents."""

import pytest

from registry.models import Household, Person
from registry.tests import sheets
from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(page, data: bytes) -> None:
    page.get_by_label("Nội dung tệp").select_option("households")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        files=[{"name": "danh-sach-ho.xlsx", "mimeType": XLSX, "buffer": data}]
    )
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_load_state()


def check_and_confirm(page, data: bytes) -> None:
    upload(page, data)
    assert page.get_by_text("Đã kiểm tra 5 dòng, không có lỗi").is_visible()
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã nhập xong.").is_visible()


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_officer_imports_fixes_reimports_and_finds_a_household(world, live_server, page, artifacts_dir):
    log_in(page, live_server, "officer_a")
    # The home page asks for the households of the empty villages and leads to the import.
    page.get_by_role("link", name="Thôn, tổ chưa có hộ nào ở Phường An Hòa").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nhập từ Excel"

    wrong = [5, "H001", "Thôn Bắc", None, None, "Vũ Văn Khoa", "Chủ hộ", 2999, "Nam", None, None, None]
    upload(page, sheets.households(wrong))
    problems = page.locator("table.registry-problems")
    assert "3 lỗi" in page.get_by_role("heading", level=2).inner_text()
    assert problems.get_by_text("Mã H001 trùng với dòng 4.").is_visible()
    assert problems.get_by_text("“Thôn Bắc” không phải thôn, tổ dân phố của Phường An Hòa.").is_visible()
    assert problems.get_by_text("Năm 2999 nằm trong tương lai.").is_visible()
    assert fits_the_phone(page)
    page.screenshot(path=artifacts_dir / "registry-import-problems-360.png", full_page=True)
    assert not Household.objects.exists()

    fixed = [5, "H003", "Tây", None, None, "Vũ Văn Khoa", "Chủ hộ", 1966, "Nam", None, None, None]
    page.get_by_role("button", name="Tải lên tệp đã sửa").click()
    check_and_confirm(page, sheets.households(fixed))
    # The same file again: every household is found by its code, none is added twice.
    page.goto(f"{live_server.url}/registry/{world.commune_a.pk}/import/")
    check_and_confirm(page, sheets.households(fixed))
    page.screenshot(path=artifacts_dir / "registry-import-done-360.png", full_page=True)
    assert Household.objects.count() == 3 and Person.objects.count() == 5

    page.get_by_role("button", name="Mở danh sách").click()
    page.get_by_label("Tìm").fill("nguyen van a")
    # The list narrows as one types (htmx swaps the results in place).
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Lê Thị Hoa')")
    results = page.locator("#results")
    assert results.get_by_role("link", name="Nguyễn Văn An").is_visible()
    assert "Vũ Văn Khoa" not in results.inner_text()
    assert fits_the_phone(page)
    page.screenshot(path=artifacts_dir / "registry-search-360.png", full_page=True)
    results.get_by_role("link", name="Nguyễn Văn An").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Văn An"
    assert page.get_by_text("Trần Thị Bình").is_visible()
    assert fits_the_phone(page)
