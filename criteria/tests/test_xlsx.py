"""Sets as Excel workbooks: round trips through the shared reader, and unknown columns refused."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from criteria.shipped import template_files
from criteria.spec import FormatError, spec_to_mapping
from criteria.tests.builders import spec
from criteria.xlsx import read_workbook, write_workbook
from criteria.yamlfile import read_yaml


def workbook_of(document) -> io.BytesIO:
    buffer = io.BytesIO()
    write_workbook(document, buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.stem)
def test_exporting_then_importing_gives_the_same_set(path):
    original = read_yaml(path.read_bytes())
    assert spec_to_mapping(read_workbook(workbook_of(original))) == spec_to_mapping(original)


def test_the_items_sheet_has_one_row_per_item_under_a_vietnamese_header():
    sheet = load_workbook(workbook_of(spec()))["Tiêu chí"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("Mã nhóm", "Tên nhóm", "Điểm nhóm", "Điểm nhóm giữ chỗ", "Mã mục", "Nội dung", "Điểm tối đa")
    assert [row[4] for row in rows[1:]] == ["1.1", "1.2", "2.1", "2.2"]


def edited(document, sheet_name: str, change) -> io.BytesIO:
    workbook = load_workbook(workbook_of(document))
    change(workbook[sheet_name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def refused(file) -> list[str]:
    with pytest.raises(FormatError) as error:
        read_workbook(file)
    return error.value.problems


def test_an_unknown_column_is_refused_naming_it():
    def add_column(sheet):
        sheet.cell(row=1, column=20, value="Ghi chú riêng")

    assert refused(edited(spec(), "Tiêu chí", add_column)) == ["Trang “Tiêu chí”: không có cột “Ghi chú riêng”."]


def test_an_unknown_detail_is_refused_naming_its_row():
    def add_row(sheet):
        sheet.append(["Màu sắc", "đỏ"])

    problems = refused(edited(spec(), "Thông tin", add_row))
    assert problems == ["Trang “Thông tin”, dòng 10: không có thông tin “Màu sắc”."]


def test_a_bad_value_names_the_item():
    def break_points(sheet):
        sheet.cell(row=3, column=7, value="hai mươi")

    assert refused(edited(spec(), "Tiêu chí", break_points)) == ["mục 1.2 › max: “hai mươi” không phải là số"]


def test_a_group_with_two_different_titles_is_refused_naming_the_row():
    def retitle(sheet):
        sheet.cell(row=3, column=2, value="Tên khác")

    assert refused(edited(spec(), "Tiêu chí", retitle)) == [
        "Trang “Tiêu chí”, dòng 3: “Tên nhóm” khác với dòng trước của nhóm 1."
    ]


def test_a_file_that_is_not_a_workbook_is_refused_by_the_shared_reader():
    assert refused(io.BytesIO(b"key: not a workbook")) == ["Tệp không phải bảng tính Excel (.xlsx)."]


def test_a_workbook_without_the_items_sheet_is_refused():
    workbook, buffer = Workbook(), io.BytesIO()
    workbook.active.append(["Họ và tên", "Ngày sinh"])
    workbook.save(buffer)
    buffer.seek(0)
    assert len(refused(buffer)) == 1
