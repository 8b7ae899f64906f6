import datetime
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from khuyenhoc.spreadsheets import (
    EXAMPLE_MARK,
    CellError,
    Column,
    Problem,
    SpreadsheetError,
    as_choice,
    as_date,
    as_int,
    as_text,
    as_year,
    read_table,
    write_table,
)

COLUMNS = [
    Column("code", "Mã hộ", aliases=("Số hộ",), required=True, text=True),
    Column("name", "Họ tên chủ hộ", aliases=("Họ và tên chủ hộ", "Chủ hộ"), required=True),
    Column("year", "Năm sinh"),
    Column("gender", "Giới tính", choices=("Nam", "Nữ")),
]


def xlsx(*rows, merge: str | None = None, sheets: int = 1) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for _ in range(sheets - 1):
        workbook.create_sheet("Khác").append(["Hướng dẫn"])
        workbook.move_sheet("Khác", offset=-1)
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def read(file, columns=COLUMNS, **options):
    with read_table(file, columns, **options) as table:
        return table, [(row.number, row.values) for row in table]


def refused(file, **options) -> str:
    with pytest.raises(SpreadsheetError) as error:
        read_table(file, COLUMNS, **options)
    return str(error.value)


def test_it_finds_the_header_under_a_merged_title_and_skips_blank_and_total_rows():
    file = xlsx(
        ["DANH SÁCH HỘ GIA ĐÌNH NĂM 2026", None, None, None],
        [],
        ["STT", "Mã hộ", "Họ và tên chủ hộ (*)", "Năm sinh", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "H01", "Nguyễn Văn An", 1970, "mới chuyển đến"],
        [],
        [2, "H02", "Trần Thị Bình", "1985", None],
        ["Tổng cộng", None, None, None, "2 hộ"],
        [None, None, "Người lập biểu", None, None],
        merge="A1:D1",
    )
    table, rows = read(file)
    assert table.header_row == 3
    assert [column.key for column in table.columns] == ["code", "name", "year"]
    assert rows[:2] == [
        (5, {"code": "H01", "name": "Nguyễn Văn An", "year": 1970}),
        (7, {"code": "H02", "name": "Trần Thị Bình", "year": "1985"}),
    ]
    # The signature line after the total is read like any row: the caller reports what it lacks.
    assert rows[2] == (9, {"code": None, "name": "Người lập biểu", "year": None})


def test_text_is_stored_composed_with_single_spaces_and_whole_floats_become_ints():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Văn Đức ")
    _table, rows = read(xlsx(["Mã hộ", "Chủ hộ", "Năm sinh"], [12.0, decomposed, 1990.0]))
    values = rows[0][1]
    assert values["name"] == "Nguyễn Văn Đức" and unicodedata.is_normalized("NFC", values["name"])
    assert values["code"] == 12 and values["year"] == 1990


def test_a_person_named_tong_is_not_a_total_row():
    _table, rows = read(xlsx(["Chủ hộ", "Mã hộ"], ["Tống Văn Hải", "H9"], ["Cộng: 1 hộ", None]))
    assert [values["name"] for _number, values in rows] == ["Tống Văn Hải"]


def test_the_first_sheet_with_the_header_is_used():
    table, rows = read(xlsx(["Mã hộ", "Chủ hộ"], ["H1", "Lê Văn Tám"], sheets=2))
    assert table.sheet == "Sheet" and rows == [(2, {"code": "H1", "name": "Lê Văn Tám"})]


def test_a_missing_required_column_is_named():
    message = refused(xlsx(["Mã hộ", "Năm sinh"], ["H1", 1980]))
    assert "dòng 1" in message and "Họ tên chủ hộ" in message


def test_a_sheet_without_a_recognisable_header_is_refused():
    message = refused(xlsx(["Tên", "Tuổi"], ["An", 3]))
    assert "Không tìm thấy dòng tiêu đề" in message and "Mã hộ" in message


def test_an_empty_file_is_refused():
    assert refused(io.BytesIO(b"")) == "Tệp rỗng."


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened():
    assert "lớn hơn" in refused(xlsx(["Mã hộ", "Chủ hộ"]), max_bytes=1000)


def test_the_size_limit_comes_from_the_settings(settings):
    settings.SPREADSHEET_MAX_BYTES = 1000
    assert "lớn hơn" in refused(xlsx(["Mã hộ", "Chủ hộ"]))


def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name():
    assert "không phải bảng tính Excel" in refused(io.BytesIO("Mã hộ;Chủ hộ\nH1;An\n".encode()))
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "không phải bảng tính Excel" in refused(docx)


def test_an_old_xls_and_a_password_protected_workbook_get_their_own_messages():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert ".xls" in refused(io.BytesIO(ole + "Workbook".encode("utf-16-le")))
    assert "mật khẩu" in refused(io.BytesIO(ole + "EncryptedPackage".encode("utf-16-le")))


def test_a_damaged_zip_is_refused():
    good = xlsx(["Mã hộ", "Chủ hộ"], ["H1", "An"]).getvalue()
    assert "bị hỏng" in refused(io.BytesIO(good[: len(good) // 2]))
    assert "bị hỏng" in refused(io.BytesIO(b"PK\x03\x04" + b"\x00" * 100))


def test_an_opendocument_spreadsheet_is_asked_to_be_saved_as_xlsx():
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert ".ods" in refused(ods)


def test_a_wrong_dimension_tag_does_not_cut_the_rows_short():
    source = xlsx(["Mã hộ", "Chủ hộ"], *[[f"H{n}", "An"] for n in range(5)])
    patched = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(patched, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B6"/>', b'<dimension ref="A1"/>')
            new.writestr(item, data)
    _table, rows = read(patched)
    assert len(rows) == 5


def test_a_sheet_longer_than_the_row_limit_is_refused_while_reading():
    table = read_table(xlsx(["Mã hộ", "Chủ hộ"], *[[f"H{n}", "An"] for n in range(5)]), COLUMNS, max_rows=3)
    with pytest.raises(SpreadsheetError, match="nhiều hơn 3 dòng"):
        list(table)


def test_a_template_round_trips_with_its_example_row_skipped():
    out = io.BytesIO()
    write_table(out, COLUMNS, [["007", "Đỗ Thị Hoa", 1991, "Nữ"]], title="Hộ gia đình", example=["H01", "A", 1, "Nam"])
    out.seek(0)
    workbook = load_workbook(out)
    sheet = workbook["Hộ gia đình"]
    assert [cell.value for cell in sheet[1]][:4] == ["Mã hộ", "Họ tên chủ hộ", "Năm sinh", "Giới tính"]
    assert sheet[2][4].value == EXAMPLE_MARK
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].number_format == "@"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "D2" in str(validation.sqref)
    assert workbook["Danh mục"].sheet_state == "hidden"
    out.seek(0)
    _table, rows = read(out)
    assert rows == [(3, {"code": "007", "name": "Đỗ Thị Hoa", "year": 1991, "gender": "Nữ"})]


def test_a_problem_says_row_and_column():
    assert str(Problem(12, "Năm sinh", "Sai.")) == "Dòng 12, cột “Năm sinh”: Sai."
    assert str(Problem(3, "", "Trùng.")) == "Dòng 3: Trùng."
    assert str(Problem(None, "", "Tệp rỗng.")) == "Tệp rỗng."


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (12, 12), (12.0, 12), ("  40 ", 40), ("1.200", 1200), ("1,200", 1200), ("-3", -3)],
)
def test_whole_numbers_are_read_from_numbers_or_text(value, expected):
    assert as_int(value) == expected


@pytest.mark.parametrize("value", ["12a", 1.5, True, "1.2"])
def test_what_is_not_a_whole_number_is_said_so(value):
    with pytest.raises(CellError, match="không phải số nguyên"):
        as_int(value)


def test_whole_numbers_respect_their_bounds():
    with pytest.raises(CellError, match="nhỏ hơn 0"):
        as_int(-1, minimum=0)
    with pytest.raises(CellError, match="lớn hơn 10"):
        as_int(11, maximum=10)


def test_years_come_from_numbers_text_or_full_dates_and_not_from_the_future():
    assert as_year("1985") == 1985
    assert as_year(datetime.date(1985, 3, 12)) == 1985
    assert as_year("12/03/1985") == 1985
    with pytest.raises(CellError, match="tương lai"):
        as_year(datetime.date.today().year + 1)
    with pytest.raises(CellError, match="trước năm 1900"):
        as_year(1850)
    with pytest.raises(CellError, match="không phải là năm"):
        as_year("năm ngoái")


def test_dates_are_read_day_first():
    assert as_date("05/07/2025") == datetime.date(2025, 7, 5)
    assert as_date("5-7-2025") == datetime.date(2025, 7, 5)
    assert as_date(datetime.datetime(2025, 7, 5, 0, 0)) == datetime.date(2025, 7, 5)
    assert as_date(45843) == datetime.date(2025, 7, 5)
    with pytest.raises(CellError, match="dd/mm/yyyy"):
        as_date("31/02/2025")


def test_choices_match_labels_or_values_without_accents():
    choices = [("male", "Nam"), ("female", "Nữ")]
    assert as_choice("nu", choices) == "female"
    assert as_choice("NAM", choices) == "male"
    assert as_choice("female", dict(choices)) == "female"
    assert as_choice(None, choices) is None
    assert as_choice("Gái", choices, synonyms={"gái": "female"}) == "female"
    with pytest.raises(CellError, match="Nam, Nữ"):
        as_choice("khác", choices)


def test_text_keeps_codes_whole_and_checks_length():
    assert as_text(None) == "" and as_text(7.0) == "7" and as_text(datetime.date(2025, 1, 2)) == "02/01/2025"
    with pytest.raises(CellError, match="tối đa 3"):
        as_text("abcd", max_length=3)
