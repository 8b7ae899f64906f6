"""Reports of several sheets: grouped headers, frozen panes, number formats, bold totals."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from khuyenhoc.spreadsheets import Column, Sheet, Strong, write_workbook


def test_a_workbook_keeps_its_sheets_groups_frozen_panes_formats_and_totals():
    columns = [Column("name", "Địa bàn", width=30), Column("rate", "Tỷ lệ (%)", number_format="0.0")]
    out = io.BytesIO()
    write_workbook(
        out,
        [
            Sheet(
                "Mô hình",
                columns,
                [["Phường A", Decimal("93.5")], Strong(["Tổng", Decimal("90")])],
                heading=["KẾT QUẢ", "Năm 2026"],
                groups=[("", 1), ("Gia đình học tập", 1)],
                frozen_columns=1,
                notes=["Ghi chú"],
            ),
            Sheet("Thứ hai", columns, [["x", 1]]),
        ],
    )
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == ["Mô hình", "Thứ hai"]
    sheet = book["Mô hình"]
    assert sheet["A1"].value == "KẾT QUẢ" and sheet["A1"].font.bold
    assert sheet["B4"].value == "Gia đình học tập" and sheet["A5"].value == "Địa bàn"
    assert sheet.freeze_panes == "B6"
    assert sheet["B6"].value == 93.5 and sheet["B6"].number_format == "0.0"
    assert sheet["A7"].font.bold and not sheet["A6"].font.bold
    assert sheet["A9"].value == "Ghi chú"
    assert book["Thứ hai"].freeze_panes == "A2"


def test_group_headers_wider_than_a_column_are_merged():
    columns = [Column(str(n), str(n)) for n in range(4)]
    out = io.BytesIO()
    write_workbook(out, [Sheet("S", columns, [], groups=[("a", 1), ("b", 3)])])
    sheet = load_workbook(io.BytesIO(out.getvalue()))["S"]
    assert [str(cells) for cells in sheet.merged_cells.ranges] == ["B1:D1"]
    assert sheet.freeze_panes == "A3"
