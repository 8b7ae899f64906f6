"""Criteria sets as Excel workbooks, for review in a spreadsheet and for travel between provinces.

Sheets: "Tiêu chí" (one row per item, with its group's code, title and points), "Thông tin" (the set's
details as name/value rows), and when the set has them "Xếp loại" (bands), "Mức" (levels) and "Phiếu"
(forms). Reading goes through `khuyenhoc.spreadsheets` (file checks, header detection, cleaned cells);
the rows are turned into the same mapping a YAML file gives, so `criteria.spec` checks both alike.
An unknown column or an unknown detail is an error naming it.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import IO

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from criteria.enums import Rule, Title
from criteria.spec import FormatError, SetSpec, spec_from_mapping, spec_to_mapping
from khuyenhoc import spreadsheets
from khuyenhoc.spreadsheets import Column, SpreadsheetError

ITEMS = "Tiêu chí"
DETAILS = "Thông tin"
BANDS = "Xếp loại"
LEVELS = "Mức"
FORMS = "Phiếu"

# Each column's key is the name the YAML document uses; the English names are accepted as headers too.
ITEM_COLUMNS = (
    Column("group", "Mã nhóm", aliases=("group", "group code"), required=True, text=True, width=10),
    Column("group_title", "Tên nhóm", aliases=("group title",), width=30),
    Column("group_points", "Điểm nhóm", aliases=("group points",), width=10),
    Column("group_placeholder", "Điểm nhóm giữ chỗ", aliases=("group placeholder",), width=10),
    Column("code", "Mã mục", aliases=("code", "item code"), required=True, text=True, width=10),
    Column("text", "Nội dung", aliases=("text",), required=True, width=60),
    Column("max", "Điểm tối đa", aliases=("max",), required=True, width=10),
    Column("min", "Điểm tối thiểu", aliases=("min",), width=10),
    Column("mandatory", "Bắt buộc", aliases=("mandatory",), width=10),
    Column("evidence_required", "Cần minh chứng", aliases=("evidence required", "evidence_required"), width=12),
    Column("level", "Thuộc mức", aliases=("level",), width=10),
    Column("target", "Chỉ tiêu", aliases=("target",), width=20),
    Column("forms", "Áp dụng cho phiếu", aliases=("forms",), width=16),
    Column("placeholder", "Điểm giữ chỗ", aliases=("placeholder",), width=10),
    Column("guidance", "Hướng dẫn chấm", aliases=("guidance",), width=40),
    Column("evidence", "Minh chứng", aliases=("evidence",), width=40),
)
DETAIL_COLUMNS = (
    Column("name", "Thông tin", aliases=("detail", "field"), required=True, width=28),
    Column("value", "Giá trị", aliases=("value",), width=80),
)
BAND_COLUMNS = (
    Column("label", "Xếp loại", aliases=("band", "grade", "label"), required=True, width=16),
    Column("from", "Từ điểm", aliases=("from",), required=True, width=10),
    Column("to", "Đến dưới điểm", aliases=("to",), required=True, width=14),
    Column("passes", "Được công nhận", aliases=("passes",), width=14),
)
LEVEL_COLUMNS = (
    Column("number", "Số mức", aliases=("level number", "number"), required=True, width=10),
    Column("name", "Tên mức", aliases=("level name",), required=True, width=20),
)
FORM_COLUMNS = (
    Column("key", "Mã phiếu", aliases=("form key",), required=True, text=True, width=12),
    Column("label", "Tên phiếu", aliases=("form label",), required=True, width=40),
)
# The "Thông tin" rows: label → the YAML key (the YAML key itself is accepted as a label too).
DETAILS_ORDER = (
    ("Khóa", "key"),
    ("Phiên bản", "version"),
    ("Danh hiệu", "title"),
    ("Tên bộ tiêu chí", "name"),
    ("Cơ quan ban hành", "issuer"),
    ("Số văn bản", "document_number"),
    ("Ngày văn bản", "document_date"),
    ("Từ năm", "period_from"),
    ("Đến năm", "period_to"),
    ("Mẫu tham khảo", "template"),
    ("Nguồn", "source"),
    ("Giá trị giữ chỗ", "placeholders"),
    ("Mở rộng bộ (khóa)", "extends_key"),
    ("Mở rộng bộ (phiên bản)", "extends_version"),
    ("Cách xét", "rule"),
    ("Tổng điểm", "total"),
    ("Điểm đạt", "pass_mark"),
    ("Điểm sàn mỗi mục", "item_floor"),
)
CHOICES = {"title": Title, "rule": Rule}


def header_label(text: object) -> str:
    """A header or detail name as the shared reader compares them (no accents, case or punctuation)."""
    return Column("", str(text)).labels().pop()


def _cell(sheet, column: Column, value) -> WriteOnlyCell:
    """A document value as a cell: lists joined, flags as "x", codes kept as text."""
    if isinstance(value, bool):
        value = "x" if value else None
    elif isinstance(value, list):
        value = ", ".join(value)
    cell = WriteOnlyCell(sheet, value=value)
    if column.text:
        cell.number_format = "@"
    return cell


def write_workbook(spec: SetSpec, destination: str | IO[bytes]) -> None:
    data = spec_to_mapping(spec)
    details = dict(data)
    if "extends" in details:
        extends = details.pop("extends")
        details["extends_key"], details["extends_version"] = extends["key"], extends["version"]
    for name, choices in CHOICES.items():
        details[name] = str(choices(details[name]).label)
    items = [
        [
            group["code"],
            group.get("title"),
            group.get("points"),
            group.get("placeholder"),
            *(item.get(column.key) for column in ITEM_COLUMNS[4:]),
        ]
        for group in data["groups"]
        for item in group["items"]
    ]
    sheets = [
        (ITEMS, ITEM_COLUMNS, items),
        (DETAILS, DETAIL_COLUMNS, [(label, details.get(key)) for label, key in DETAILS_ORDER if key in details]),
    ]
    if data.get("bands"):
        bands = [
            [b["label"], b["from"], b["to"], _("yes") if b.get("passes", True) else _("no")] for b in data["bands"]
        ]
        sheets.append((BANDS, BAND_COLUMNS, bands))
    if data.get("levels"):
        sheets.append((LEVELS, LEVEL_COLUMNS, [[lv["number"], lv["name"]] for lv in data["levels"]]))
    if data.get("forms"):
        sheets.append((FORMS, FORM_COLUMNS, [[f["key"], f["label"]] for f in data["forms"]]))
    _write_sheets(destination, sheets)


def _write_sheets(destination, sheets: Sequence[tuple[str, Sequence[Column], list]]) -> None:
    # `spreadsheets.write_table` writes one sheet per workbook; a set needs several.
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        for number, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = column.width
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(sheet, column, value) for column, value in zip(columns, row, strict=True)])
    workbook.save(destination)


def read_workbook(file: IO[bytes]) -> SetSpec:
    """The set a workbook describes; raises FormatError naming every unknown column, row or detail."""
    problems: list[str] = []
    try:
        items = _rows(file, ITEM_COLUMNS, problems, required=True)
        details = _rows(file, DETAIL_COLUMNS, problems, required=True)
        bands = _rows(file, BAND_COLUMNS, problems)
        levels = _rows(file, LEVEL_COLUMNS, problems)
        forms = _rows(file, FORM_COLUMNS, problems)
    except SpreadsheetError as error:
        raise FormatError([str(error)]) from None
    data = _details(details, problems)
    data["groups"] = _groups(items, problems)
    if bands:
        data["bands"] = [_compact(row.values) for row in bands]
    if levels:
        data["levels"] = [row.values for row in levels]
    if forms:
        data["forms"] = [row.values for row in forms]
    if problems:
        raise FormatError(problems)
    return spec_from_mapping(data)


def _rows(file: IO[bytes], columns: Sequence[Column], problems: list[str], *, required: bool = False) -> list:
    """The rows of the sheet whose header names these columns; an absent optional sheet gives none."""
    try:
        table = spreadsheets.read_table(file, columns)
    except SpreadsheetError:
        if required:
            raise
        return []
    with table:
        rows = list(table)
    known = set().union(*(column.labels() for column in columns))
    for header in header_cells(file, table.sheet, table.header_row):
        if header_label(header) not in known:
            problems.append(
                _("Sheet “%(sheet)s”: unknown column “%(column)s”.") % {"sheet": table.sheet, "column": header}
            )
    return rows


def header_cells(file: IO[bytes], sheet: str, row: int) -> list[str]:
    file.seek(0)
    workbook = load_workbook(file, read_only=True, data_only=True)
    try:
        values = next(workbook[sheet].iter_rows(min_row=row, max_row=row, values_only=True), ())
    finally:
        workbook.close()
        file.seek(0)
    return [str(value) for value in values if value not in (None, "")]


def _details(rows: list, problems: list[str]) -> dict:
    names = {header_label(label): key for label, key in DETAILS_ORDER}
    names.update({header_label(key): key for _name, key in DETAILS_ORDER})
    data: dict = {}
    for row in rows:
        key = names.get(header_label(row["name"]))
        if key is None:
            problems.append(
                _("Sheet “%(sheet)s”, row %(row)s: unknown detail “%(name)s”.")
                % {"sheet": DETAILS, "row": row.number, "name": row["name"]}
            )
            continue
        value = row["value"]
        if key in CHOICES and value is not None:
            value = _choice(value, CHOICES[key], row.number, problems)
        data[key] = value
    if "extends_key" in data:
        data["extends"] = {"key": data.pop("extends_key"), "version": data.pop("extends_version", 1)}
    data.pop("extends_version", None)
    return data


def _choice(value, choices, row: int, problems: list[str]) -> str | None:
    """A title or rule by its value or its label in either language."""
    for language in ("vi", "en"):
        with translation.override(language):
            try:
                return spreadsheets.as_choice(value, choices.choices)
            except spreadsheets.CellError:
                continue
    problems.append(
        _("Sheet “%(sheet)s”, row %(row)s: “%(value)s” is not one of %(choices)s.")
        % {"sheet": DETAILS, "row": row, "value": value, "choices": ", ".join(str(label) for label in choices.labels)}
    )
    return None


def _groups(rows: list, problems: list[str]) -> list[dict]:
    groups: dict[str, dict] = {}
    for row in rows:
        code = str(row["group"] or "").strip()
        group = groups.setdefault(code, {"code": code, "items": []})
        for column, key in zip(ITEM_COLUMNS[1:4], ("title", "points", "placeholder"), strict=True):
            value = row[column.key]
            if value is None:
                continue
            if key in group and group[key] != value:
                problems.append(
                    _("Sheet “%(sheet)s”, row %(row)s: “%(column)s” differs from an earlier row of group %(group)s.")
                    % {"sheet": ITEMS, "row": row.number, "group": code, "column": column.header}
                )
            group[key] = value
        group["items"].append(
            _compact({key: value for key, value in row.values.items() if not key.startswith("group")})
        )
    return list(groups.values())


def _compact(values: dict) -> dict:
    return {
        key: (str(value) if isinstance(value, Decimal) else value) for key, value in values.items() if value is not None
    }
