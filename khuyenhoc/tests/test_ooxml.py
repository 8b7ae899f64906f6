"""The reader on workbooks as Excel writes them (shared strings, styles), built here part by part."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from khuyenhoc.ooxml import MAIN, OOXMLError, Workbook

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def excel_file(sheet_data: str, *, strings: list[str] = (), strict: bool = False, date1904: bool = False) -> io.BytesIO:
    main = MAIN[1] if strict else MAIN[0]
    shared = "".join(strings)
    calendar = " date1904='1'" if date1904 else ""
    parts = {
        "[Content_Types].xml": "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
        "xl/workbook.xml": (
            f"<workbook xmlns='{main}' xmlns:r='{RELS}'>"
            f"<workbookPr{calendar}/>"
            "<sheets><sheet name='Hộ' sheetId='1' r:id='rId1'/></sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
            "<Relationship Id='rId1' Type='x' Target='/xl/worksheets/sheet1.xml'/></Relationships>"
        ),
        "xl/sharedStrings.xml": f"<sst xmlns='{main}'>{shared}</sst>",
        "xl/styles.xml": (
            f"<styleSheet xmlns='{main}'><numFmts><numFmt numFmtId='164' formatCode='dd/mm/yyyy'/></numFmts>"
            "<cellXfs><xf numFmtId='0'/><xf numFmtId='164'/><xf numFmtId='3'/></cellXfs></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            f"<worksheet xmlns='{main}'><dimension ref='A1:D3'/><sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    out.seek(0)
    return out


def rows(file) -> list:
    with Workbook(file) as workbook:
        return list(workbook.rows(workbook.sheets[0]))


def test_shared_rich_and_phonetic_strings_numbers_dates_and_booleans():
    strings = [
        "<si><t>Mã hộ</t></si>",
        "<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r><rPh><t>phiên âm</t></rPh></si>",
    ]
    data = (
        "<row r='1'><c r='A1' t='s'><v>0</v></c></row>"
        "<row r='3'><c r='B3' t='s'><v>1</v></c><c r='C3' s='1'><v>45843</v></c><c r='D3' s='2'><v>1200</v></c>"
        "<c r='E3' t='b'><v>1</v></c><c r='F3' t='e'><v>#N/A</v></c><c r='G3' t='str'><f>A1</f><v>Mã hộ</v></c>"
        "<c r='H3'><v>1.5</v></c><c r='I3' t='inlineStr'><is><t>Thôn Đông</t></is></c></row>"
    )
    assert rows(excel_file(data, strings=strings)) == [
        (1, ["Mã hộ"]),
        (3, [None, "Nguyễn Văn An", datetime.datetime(2025, 7, 5), 1200, True, "#N/A", "Mã hộ", 1.5, "Thôn Đông"]),
    ]


def test_cells_without_references_follow_each_other_and_the_size_is_declared():
    with Workbook(excel_file("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>")) as workbook:
        sheet_rows = workbook.rows(workbook.sheets[0])
        assert list(sheet_rows) == [(1, [1, 2]), (2, [3])]
        assert sheet_rows.size_hint == 3 and workbook.sheets[0].name == "Hộ"


def test_strict_workbooks_and_the_1904_calendar_are_read():
    data = "<row r='1'><c r='A1' s='1'><v>1</v></c></row>"
    assert rows(excel_file(data, strict=True, date1904=True)) == [(1, [datetime.datetime(1904, 1, 2)])]


def test_what_openpyxl_writes_reads_back_the_same():
    workbook = OpenpyxlWorkbook()
    sheet = workbook.active
    sheet.append(["Mã hộ", "Năm sinh", "Ngày", None, "Nữ"])
    sheet.append(["H01", 1985, datetime.date(2025, 1, 2)])
    out = io.BytesIO()
    workbook.save(out)
    assert rows(out) == [
        (1, ["Mã hộ", "Năm sinh", "Ngày", None, "Nữ"]),
        (2, ["H01", 1985, datetime.datetime(2025, 1, 2)]),
    ]


def test_broken_parts_raise_an_ooxml_error():
    with pytest.raises(OOXMLError):
        Workbook(io.BytesIO(b"PK\x05\x06" + b"\x00" * 18))
    broken = excel_file("<row r='1'><c r='A1'><v>1</v></c></row><row r='2'><c r='A2'")
    with Workbook(broken) as workbook, pytest.raises(OOXMLError):
        list(workbook.rows(workbook.sheets[0]))
