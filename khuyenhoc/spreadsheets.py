"""Reading and writing the .xlsx files that users exchange with the app.

Reading (`read_table`) accepts the lists people really keep: the header below a merged title, extra
columns, blank rows, a total row and a signature footer, text in composed or decomposed Unicode, numbers
stored as text. It checks the file first (size, real type by content, password, corruption) and then
streams the rows (khuyenhoc.ooxml), so memory stays flat however long the list is. Every
value is cleaned once here; the typed converters (`as_text`, `as_int`, `as_year`, `as_date`,
`as_choice`) turn a cell into what a caller needs or raise a `CellError` whose message is for the user.

Writing (`write_table`) makes templates and exports: a header row, an optional example row,
drop-down lists, a frozen header and column widths, streamed in write-only mode. `write_workbook` writes
reports of several sheets (`Sheet`): title lines, a row of merged group headers above the columns, frozen
headers and first columns, number formats, bold total rows (`Strong`) and notes under the table.

Columns are declared once (`Column`) and serve both directions.
"""

import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from khuyenhoc import ooxml
from khuyenhoc.text import clean, fold

# How far down the header may sit (under a title, a legal reference, the unit's name…).
HEADER_SEARCH_ROWS = 30
# More rows than any commune's list: a larger sheet is a mistake, not a register.
MAX_ROWS = 500_000
# The unzipped parts may not exceed this multiple of the size limit (a "zip bomb" guard).
MAX_EXPANSION = 30
# Written after the last column of the example row; rows carrying it are never read as data.
EXAMPLE_MARK = "Dòng ví dụ — hãy ghi đè hoặc xoá dòng này"
_EXAMPLE_START = fold(EXAMPLE_MARK)[:10]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# "Tổng", "Tổng cộng", "Tổng số: 125", "Cộng", "Total" — but not "Tống Văn Hải" nor "Công ty …".
_TOTAL = re.compile(r"^(tong cong|tong so|total)\b|^(tong|cong)(\s*[:.\-]|\s+\d|\s*$)")
# Column numbers printed under the header of official forms: "(1)", "(2)", … or "1", "2", …
_NUMBERING = re.compile(r"^\(?\d{1,3}\)?$")
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_GROUPED_INT = re.compile(r"^[+-]?\d{1,3}([., ]\d{3})+$")


class SpreadsheetError(Exception):
    """The file as a whole cannot be used. The message is for the user."""


class CellError(ValueError):
    """A cell's value cannot be used. The message is for the user."""


@dataclass(frozen=True)
class Column:
    """One column of a table, for reading and for writing.

    `header` is what templates write and what the reader looks for, together with `aliases` (the other
    names communes give the column); both are compared without accents, case or punctuation.
    `required` columns must be present in a file; others may be missing. `choices` become a drop-down
    list in templates. `text` keeps a column as text in templates (codes, ID numbers: Excel would drop
    their leading zeros).
    """

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    choices: tuple[str, ...] = ()
    text: bool = False
    width: int = 16
    # How numbers in the column are shown when written ("0.0", "#,##0"); text is never formatted.
    number_format: str = ""

    def labels(self) -> set[str]:
        return {_label(name) for name in (self.header, *self.aliases)}


@dataclass(frozen=True)
class Row:
    """A data row: its number in the spreadsheet (as Excel shows it) and its cleaned values by key."""

    number: int
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a row (or, with no row, with the file), said for the user."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Table:
    """The data rows of a sheet, read lazily. Iterate once; the file closes when the rows run out (or on
    `close()`, which a `with` block calls)."""

    sheet: str
    header_row: int
    columns: tuple[Column, ...]
    size_hint: int | None
    _rows: Iterator[Row] = field(repr=False)
    _workbook: Any = field(repr=False)

    def __iter__(self) -> Iterator[Row]:
        try:
            yield from self._rows
        finally:
            self.close()

    def close(self) -> None:
        self._workbook.close()

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- Reading -------------------------------------------------------------------------------------


def read_table(
    file: str | Path | IO[bytes], columns: Sequence[Column], *, max_bytes: int | None = None, max_rows: int = MAX_ROWS
) -> Table:
    """Open an uploaded .xlsx and find the table of `columns` in it.

    `file` is a path or a binary file object. The first sheet with a recognisable header is used; the
    header may be anywhere in the first rows. Raises `SpreadsheetError` when the file is not a usable
    workbook, has no such header, or lacks required columns. The returned `Table` yields `Row`s lazily;
    a file that turns out corrupt midway raises `SpreadsheetError` from the iteration.
    """
    check_file(file, max_bytes=max_bytes)
    try:
        workbook = ooxml.Workbook(str(file) if isinstance(file, Path) else file)
    except ooxml.OOXMLError as error:
        raise SpreadsheetError(_("The file is damaged and cannot be read.")) from error
    try:
        return _find_table(workbook, columns, max_rows)
    except BaseException:
        workbook.close()
        raise


def check_file(file: str | Path | IO[bytes], *, max_bytes: int | None = None) -> None:
    """Refuse at once what cannot be a usable .xlsx — empty, too large (default limit:
    settings.SPREADSHEET_MAX_BYTES), an old .xls or a password-protected workbook, an .ods, a damaged
    zip, anything else — without parsing it. `read_table` calls it first; a form may call it too, to
    answer before any work is queued."""
    limit = max_bytes if max_bytes is not None else settings.SPREADSHEET_MAX_BYTES
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            _check_stream(handle, limit)
    else:
        _check_stream(file, limit)
        file.seek(0)


def _check_stream(handle: IO[bytes], limit: int) -> None:
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(0)
    if size == 0:
        raise SpreadsheetError(_("The file is empty."))
    if size > limit:
        raise SpreadsheetError(
            _("The file is larger than %(limit)s. Split it, or remove pictures and unused sheets.")
            % {"limit": filesizeformat(limit)}
        )
    head = handle.read(8)
    handle.seek(0)
    if head == _OLE2:
        # Excel wraps a password-protected workbook in the old compound-file format, like an .xls.
        if _contains(handle, _ENCRYPTED):
            raise SpreadsheetError(_("The workbook is protected by a password. Remove the password and save again."))
        raise SpreadsheetError(
            _("This is an old Excel file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)”.")
        )
    if not head.startswith(b"PK"):
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            mimetype = archive.read("mimetype")[:60] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise SpreadsheetError(_("The file is damaged and cannot be read.")) from error
    finally:
        handle.seek(0)
    if b"opendocument.spreadsheet" in mimetype:
        raise SpreadsheetError(
            _("This is an OpenDocument spreadsheet (.ods). Save it as “Excel Workbook (.xlsx)” and try again.")
        )
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx)."))
    if unpacked > limit * MAX_EXPANSION:
        raise SpreadsheetError(_("The file unpacks to far more data than a list can hold; it cannot be read."))


def _contains(handle: IO[bytes], needle: bytes, chunk: int = 1 << 20) -> bool:
    tail = b""
    while block := handle.read(chunk):
        if needle in tail + block:
            return True
        tail = block[-len(needle) :]
    return False


@lru_cache(maxsize=4096)
def _label(value: object) -> str:
    """A header or choice as compared: no accents, case, punctuation or asterisks ("Họ và tên (*)" → "ho
    va ten"). Cached: the same few labels come back on every row."""
    return _NOT_WORD.sub(" ", fold(value)).strip()


def _find_table(workbook: ooxml.Workbook, columns: Sequence[Column], max_rows: int) -> Table:
    if not workbook.sheets:
        raise SpreadsheetError(_("The workbook has no sheet."))
    best_missing: tuple[str, int, list[str]] | None = None
    for sheet in workbook.sheets:
        rows = workbook.rows(sheet)
        raw = iter(rows)
        try:
            top = list(islice(raw, HEADER_SEARCH_ROWS))
        except ooxml.OOXMLError as error:
            raise SpreadsheetError(_("The file is damaged and cannot be read.")) from error
        found = _header([values for _number, values in top], columns)
        if found is None:
            continue
        index, positions = found
        header_row = top[index][0]
        missing = [column.header for column in columns if column.required and column.key not in positions.values()]
        if missing:
            if best_missing is None:
                best_missing = (sheet.name, header_row, missing)
            continue
        present = tuple(column for column in columns if column.key in positions.values())
        return Table(
            sheet=sheet.name,
            header_row=header_row,
            columns=present,
            size_hint=max(rows.size_hint - header_row, 0) if rows.size_hint else None,
            _rows=_rows(chain(top[index + 1 :], raw), header_row, positions, max_rows),
            _workbook=workbook,
        )
    if best_missing:
        sheet_name, row, missing = best_missing
        raise SpreadsheetError(
            _("The header on row %(row)s of sheet “%(sheet)s” lacks the columns: %(columns)s.")
            % {"row": row, "sheet": sheet_name, "columns": ", ".join(missing)}
        )
    raise SpreadsheetError(
        _("No header row was found in the first %(rows)s rows. The table needs the columns: %(columns)s.")
        % {
            "rows": HEADER_SEARCH_ROWS,
            "columns": ", ".join(column.header for column in columns if column.required) or columns[0].header,
        }
    )


def _header(top: list[tuple], columns: Sequence[Column]) -> tuple[int, dict[int, str]] | None:
    """The row among `top` that names the most columns, with its position → column key map."""
    labels = [(column.key, column.labels()) for column in columns]
    best: tuple[int, dict[int, str]] | None = None
    for index, values in enumerate(top):
        positions: dict[int, str] = {}
        for position, value in enumerate(values):
            if not isinstance(value, str):
                continue
            text = _label(value)
            for key, names in labels:
                if text in names and key not in positions.values():
                    positions[position] = key
                    break
        if positions and (best is None or len(positions) > len(best[1])):
            best = (index, positions)
    return best


def _rows(raw: Iterator[tuple[int, list]], header_row: int, positions: dict[int, str], max_rows: int) -> Iterator[Row]:
    number = header_row
    try:
        for count, (number, values) in enumerate(raw, start=1):
            if count > max_rows:
                raise SpreadsheetError(
                    _("The sheet has more than %(count)s rows; split it into several files.") % {"count": max_rows}
                )
            cleaned = {key: _cell(values[at]) if at < len(values) else None for at, key in positions.items()}
            if all(value is None for value in cleaned.values()) or _is_furniture(values, number == header_row + 1):
                continue
            yield Row(number, cleaned)
    except ooxml.OOXMLError as error:
        raise SpreadsheetError(
            _("The file is damaged after row %(row)s and cannot be read.") % {"row": number}
        ) from error


def _cell(value: Any) -> Any:
    """One stored form per value: text cleaned (NFC, single spaces; blank → None), whole floats as ints,
    dates without a midnight time."""
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def _is_furniture(values: tuple, right_after_header: bool) -> bool:
    """Rows that belong to the form, not to the list: a total line (its label comes first), the example
    row of our templates (its mark comes last), and the column numbers some forms print under the header."""
    filled = [value for value in values if value is not None and value != ""]
    if not filled:
        return True
    first, last = filled[0], filled[-1]
    # Folding every row is costly: only text starting like "Tổng", "Cộng", "Total" or "Dòng ví dụ" is looked at.
    if isinstance(first, str) and first[:1] in "TtCc" and _TOTAL.search(fold(first)):
        return True
    if isinstance(last, str) and last[:1] in "Dd" and fold(last).startswith(_EXAMPLE_START):
        return True
    return right_after_header and len(filled) > 1 and all(_NUMBERING.match(clean(value)) for value in filled)


# --- Converters ----------------------------------------------------------------------------------


def as_text(value: Any, *, max_length: int | None = None) -> str:
    """Text as stored: "" for an empty cell; numbers without a trailing ".0"; dates as dd/mm/yyyy.
    (Like every converter here it takes values as `read_table` gives them: text already cleaned.)"""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, datetime.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = clean(value)
    if max_length is not None and len(text) > max_length:
        raise CellError(_("Too long: at most %(count)s characters.") % {"count": max_length})
    return text


def as_int(value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number, also when typed as text ("12", "1.200"); None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED_INT.match(text):
            text = re.sub(r"[., ]", "", text)
        try:
            value = int(text)
        except ValueError:
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    if not isinstance(value, int):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
    if minimum is not None and value < minimum:
        raise CellError(_("%(value)s is less than %(minimum)s.") % {"value": value, "minimum": minimum})
    if maximum is not None and value > maximum:
        raise CellError(_("%(value)s is more than %(maximum)s.") % {"value": value, "maximum": maximum})
    return value


def as_year(value: Any, *, minimum: int = 1900, maximum: int | None = None) -> int | None:
    """A year between `minimum` and `maximum` (default: this year). A full date (a date cell or
    dd/mm/yyyy) gives its year, since many lists keep dates of birth."""
    maximum = maximum if maximum is not None else timezone.localdate().year
    if isinstance(value, datetime.date):
        value = value.year
    elif isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        value = as_date(value).year
    try:
        year = as_int(value)
    except CellError:
        raise CellError(_("“%(value)s” is not a year.") % {"value": value}) from None
    if year is not None and year > maximum:
        raise CellError(_("The year %(year)s is in the future.") % {"year": year})
    if year is not None and year < minimum:
        raise CellError(_("The year %(year)s is before %(minimum)s.") % {"year": year, "minimum": minimum})
    return year


def as_date(value: Any) -> datetime.date | None:
    """A date from a date cell, from text dd/mm/yyyy (also with - or .), or from an Excel day number."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return from_excel(value).date()
    match = _DATE_TEXT.match(str(value).strip())
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise CellError(_("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": value})


def as_choice(
    value: Any, choices: Mapping[str, str] | Iterable[tuple[str, str]], *, synonyms: Mapping[str, str] | None = None
) -> str | None:
    """The stored value of a choice given by its label or its value, ignoring accents and case.
    `choices` maps value → label (a TextChoices' `.choices` will do); `synonyms` maps other words
    people write to a value, without offering them in the error message. None for an empty cell."""
    if value is None:
        return None
    pairs = list(choices.items()) if isinstance(choices, Mapping) else list(choices)
    wanted = _label(value)
    for stored, label in [*pairs, *((stored, word) for word, stored in (synonyms or {}).items())]:
        if wanted in (_label(stored), _label(label)):
            return stored
    raise CellError(
        _("“%(value)s” is not one of: %(choices)s.")
        % {"value": value, "choices": ", ".join(str(label) for _stored, label in pairs)}
    )


# --- Writing -------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")


def write_table(
    destination: str | Path | IO[bytes],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]] = (),
    *,
    title: str,
    example: Sequence[Any] | None = None,
) -> None:
    """Write one sheet named `title`: the header, the `example` row if given (greyed, marked so that
    reading skips it), then `rows` (values in the order of `columns`; lazy translations are fine),
    streamed so that large exports stay small in memory. Columns with choices get a drop-down list
    (kept on a hidden sheet, which has no length limit); text columns stay text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for number, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        if column.text:
            dimension.number_format = "@"
    listed = [(number, column) for number, column in enumerate(columns, start=1) if column.choices]
    if listed:
        lists = workbook.create_sheet("Danh mục")
        lists.sheet_state = "hidden"
        longest = max(len(column.choices) for _number, column in listed)
        for index in range(longest):
            lists.append([column.choices[index] if index < len(column.choices) else None for _n, column in listed])
        for place, (number, column) in enumerate(listed, start=1):
            letter = get_column_letter(place)
            source = f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(column.choices)}"
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.error = _("Choose a value from the list.")
            validation.showErrorMessage = True
            target = get_column_letter(number)
            validation.add(f"{target}2:{target}{MAX_ROWS}")
            sheet.data_validations.append(validation)
    sheet.append([_styled(sheet, column.header, font=_HEADER_FONT, fill=_HEADER_FILL) for column in columns])
    if example is not None:
        sheet.append([_styled(sheet, value, font=_EXAMPLE_FONT) for value in (*example, EXAMPLE_MARK)])
    for values in rows:
        sheet.append([str(value) if isinstance(value, Promise) else value for value in values])
    workbook.save(destination)


def _styled(sheet, value: Any, *, font: Font, fill: PatternFill | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    if fill:
        cell.fill = fill
    return cell


# --- Reports of several sheets -------------------------------------------------------------------

_TITLE_FONT = Font(bold=True, size=13)
_NOTE_FONT = Font(italic=True, color="555555")
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


class Strong(tuple):
    """A row of values written in bold (a total)."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of a report. `groups` labels runs of columns above the header — (label, number of
    columns), merged; `frozen_columns` stay in view when scrolling sideways, and the header always does."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    heading: Sequence[str] = ()
    groups: Sequence[tuple[str, int]] = ()
    frozen_columns: int = 0
    notes: Sequence[str] = ()


def write_workbook(destination: str | Path | IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write each `Sheet` in order, streamed (write-only mode)."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for number, column in enumerate(spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = column.width
        header_row = len(spec.heading) + (1 if spec.heading else 0) + (1 if spec.groups else 0) + 1
        sheet.freeze_panes = f"{get_column_letter(spec.frozen_columns + 1)}{header_row + 1}"
        for number, line in enumerate(spec.heading):
            sheet.append([_styled(sheet, line, font=_NOTE_FONT if number else _TITLE_FONT)])
        if spec.heading:
            sheet.append([])
        if spec.groups:
            cells, start = [], 1
            for label, span in spec.groups:
                cells.append(_styled(sheet, label, font=_HEADER_FONT, fill=_HEADER_FILL))
                cells[-1].alignment = _CENTRED
                cells += [_styled(sheet, None, font=_HEADER_FONT, fill=_HEADER_FILL) for _n in range(span - 1)]
                if span > 1:
                    first, last = get_column_letter(start), get_column_letter(start + span - 1)
                    sheet.merged_cells.add(f"{first}{header_row - 1}:{last}{header_row - 1}")
                start += span
            sheet.append(cells)
        header = [_styled(sheet, column.header, font=_HEADER_FONT, fill=_HEADER_FILL) for column in spec.columns]
        for cell in header:
            cell.alignment = _CENTRED
        sheet.append(header)
        for values in spec.rows:
            sheet.append(_report_row(sheet, spec.columns, values))
        if spec.notes:
            sheet.append([])
            for note in spec.notes:
                sheet.append([_styled(sheet, note, font=_NOTE_FONT)])
    workbook.save(destination)


def _report_row(sheet, columns: Sequence[Column], values: Sequence[Any]) -> list:
    font = _HEADER_FONT if isinstance(values, Strong) else None
    cells = []
    for column, value in zip(columns, values, strict=False):
        cell = WriteOnlyCell(sheet, value=str(value) if isinstance(value, Promise) else value)
        if column.number_format and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            cell.number_format = column.number_format
        if font:
            cell.font = font
        cells.append(cell)
    return cells
