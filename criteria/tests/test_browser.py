"""Programme staff, on a phone, import a set from Excel, add two local criteria, publish them and
evaluate a sample subject (Playwright driving Debian's Chromium)."""

import re

import pytest

from criteria.models import CriteriaSet
from criteria.tests.builders import spec
from criteria.xlsx import write_workbook
from tests.browser.steps import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_import_extend_publish_and_evaluate_on_a_phone(world, live_server, page, artifacts_dir, tmp_path):
    workbook = tmp_path / "bo-tieu-chi.xlsx"
    write_workbook(spec(key="gdht-tinh", name="Gia đình học tập của tỉnh"), str(workbook))
    log_in(page, live_server, "staff", start="/criteria/")

    # Import the set from Excel, for the province, and publish it.
    page.get_by_role("button", name="Nhập bộ tiêu chí từ tệp").click()
    page.get_by_label("Ban hành cho").select_option(label="Tỉnh Thử Nghiệm")
    page.get_by_label("Tệp").set_input_files(workbook)
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.get_by_text("Đã nhập bộ tiêu chí Gia đình học tập của tỉnh thành bản nháp.").wait_for()
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Đã công bố phiên bản 1.").wait_for()

    # A local set on top of it, with two local criteria, the total and a raised pass mark.
    page.get_by_role("link", name=re.compile("Bổ sung tiêu chí của địa phương")).click()
    page.get_by_label("Tên bộ tiêu chí của địa phương").fill("Gia đình học tập — bổ sung của tỉnh")
    page.get_by_role("button", name="Tạo bộ địa phương").click()
    page.get_by_role("button", name="Thêm nhóm tiêu chí").click()
    page.get_by_label("Mã").fill("5")
    page.get_by_label("Tên nhóm").fill("Tiêu chí bổ sung của tỉnh")
    page.get_by_role("button", name="Thêm nhóm").click()
    for code, text in (
        ("5.1", "Gia đình tham gia đọc sách ở thư viện thôn"),
        ("5.2", "Có người học nghề hoặc học trực tuyến"),
    ):
        page.get_by_role("link", name="Thêm mục").click()
        page.get_by_label("Mã").fill(code)
        page.get_by_label("Nội dung").fill(text)
        page.get_by_label("Điểm tối đa").fill("5")
        page.get_by_role("button", name="Thêm mục").click()
        page.get_by_text("Đã thêm mục.").wait_for()
    assert page.get_by_text("không khớp tổng điểm đã khai là 100").is_visible()
    page.get_by_role("button", name="Sửa thông tin chung").click()
    page.get_by_label("Tổng điểm").fill("110")
    page.get_by_label("Điểm đạt").fill("88")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã qua mọi bước kiểm tra: có thể công bố bộ tiêu chí.").wait_for()
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Đã công bố phiên bản 1.").wait_for()
    assert page.get_by_text("bổ sung: Tỉnh Thử Nghiệm").count() >= 3  # the group and its two items
    page.screenshot(path=artifacts_dir / "criteria-local-set-360.png", full_page=True)

    # A sample subject: full marks except 4.5 on item 2.2 and 3 on the local 5.2.
    page.get_by_role("button", name="Xem trước và đánh giá thử").click()
    for code, score in (("1.1", "25"), ("1.2", "25"), ("2.1", "25"), ("2.2", "4,5"), ("5.1", "5"), ("5.2", "3")):
        page.locator(f'input[name="item-{code}"]').fill(score)
    page.get_by_role("button", name="Đánh giá").click()
    outcome = page.locator("#outcome")
    outcome.get_by_text("Kết quả: Chưa đạt").wait_for()
    assert "Mục 2.2 được 4,5 điểm, dưới mức sàn 5 điểm." in outcome.inner_text()
    assert "Tổng điểm 87,5 thấp hơn điểm đạt 88." in outcome.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "criteria-evaluation-360.png", full_page=True)

    local = CriteriaSet.objects.get(name="Gia đình học tập — bổ sung của tỉnh")
    assert local.status == "published" and local.extends.key == "gdht-tinh"
