"""Streaming the cell values out of an .xlsx, fast.

openpyxl's read-only mode builds an object per cell and, for files without a <dimension> (those written
in its own write-only mode, like our templates and exports), parses every sheet once more just to size
it: on a 35,000-row household list it took 4.5 times as long as this reader. This module reads only what
a table import needs — the sheets, the shared strings, which styles are dates, and each row's values —
with the standard library's C XML parser, keeping nothing but the current row. openpyxl still writes.

Errors in the file surface as `OOXMLError`; callers turn them into words for the user.
"""

import datetime
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, fromstring, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

# Transitional OOXML, as Excel, LibreOffice and openpyxl write it; and Strict, as Excel may save it.
MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(r"([A-Z]+)(\d+)")


class OOXMLError(ValueError):
    """The workbook's parts are missing or malformed."""


@dataclass(frozen=True)
class Sheet:
    name: str
    path: str


class SheetRows:
    """The rows of one sheet as (row number, values by column, None where empty), read as they are
    asked for. `size_hint` is the last row the sheet declares, once the rows have begun (or None)."""

    def __init__(self, workbook: "Workbook", sheet: Sheet):
        self.workbook, self.sheet = workbook, sheet
        self.size_hint: int | None = None

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        ns = self.workbook.ns
        row_tag, cell_tag, value_tag = f"{ns}row", f"{ns}c", f"{ns}v"
        dimension_tag, data_tag = f"{ns}dimension", f"{ns}sheetData"
        workbook = self.workbook
        number = 0
        try:
            with workbook.archive.open(self.sheet.path) as stream:
                data: Element | None = None
                for event, element in iterparse(stream, events=("start", "end")):
                    tag = element.tag
                    if event == "start":
                        if tag == data_tag:
                            data = element
                        continue
                    if tag == row_tag:
                        number = int(element.get("r") or number + 1)
                        yield number, self._values(element, cell_tag, value_tag)
                        if data is not None:
                            data.clear()  # only the current row is kept in memory
                    elif tag == dimension_tag:
                        match = _CELL.search(element.get("ref", "").rsplit(":", 1)[-1])
                        self.size_hint = int(match.group(2)) if match else None
        except (ParseError, KeyError, ValueError, IndexError, zipfile.BadZipFile, EOFError, OSError) as error:
            raise OOXMLError(f"sheet {self.sheet.name}, after row {number}") from error

    def _values(self, row: Element, cell_tag: str, value_tag: str) -> list[Any]:
        values: list[Any] = []
        for cell in row.iter(cell_tag):
            reference = cell.get("r")
            position = _column(_CELL.match(reference).group(1)) if reference else len(values)
            if position > len(values):
                values.extend([None] * (position - len(values)))
            values.append(self.workbook.value(cell, value_tag))
        return values


@lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    """ "A" → 0, "AB" → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


class Workbook:
    """An .xlsx opened for reading. Use as a context manager, or close() it."""

    def __init__(self, file: str | IO[bytes]):
        try:
            self.archive = zipfile.ZipFile(file)
            root = fromstring(self.archive.read("xl/workbook.xml"))
            self.ns = next((f"{{{ns}}}" for ns in MAIN if root.tag == f"{{{ns}}}workbook"), None)
            if self.ns is None:
                raise OOXMLError("not a SpreadsheetML workbook")
            self.sheets = self._sheets(root)
            properties = root.find(f"{self.ns}workbookPr")
            mac = properties is not None and properties.get("date1904") in ("1", "true")
            self.epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
            self.strings = self._strings()
            self.dates = self._date_styles()
        except (ParseError, KeyError, ValueError, zipfile.BadZipFile, EOFError, OSError) as error:
            raise OOXMLError("workbook") from error

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.archive.close()

    def rows(self, sheet: Sheet) -> SheetRows:
        return SheetRows(self, sheet)

    def value(self, cell: Element, value_tag: str) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return self._text(cell.find(f"{self.ns}is"))
        text = cell.findtext(value_tag)
        if text is None:
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind == "n":
            number = float(text) if any(mark in text for mark in ".eE") else int(text)
            return from_excel(number, self.epoch) if cell.get("s") in self.dates else number
        if kind == "b":
            return text == "1"
        if kind == "d":
            return datetime.datetime.fromisoformat(text)
        return text  # "str" (a formula's text) and "e" (an error such as #N/A)

    def _sheets(self, root: Element) -> list[Sheet]:
        rels = fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{PACKAGE}Relationship")}
        sheets = []
        for sheet in root.iter(f"{self.ns}sheet"):
            rid = next((sheet.get(f"{{{ns}}}id") for ns in RELATIONSHIP if sheet.get(f"{{{ns}}}id")), None)
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in self.archive.namelist():
                sheets.append(Sheet(name=sheet.get("name", ""), path=path))
        return sheets

    def _strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings = []
        with self.archive.open("xl/sharedStrings.xml") as stream:
            for _event, element in iterparse(stream):
                if element.tag == f"{self.ns}si":
                    strings.append(self._text(element))
                    element.clear()
        return strings

    def _text(self, element: Element | None) -> str:
        """A string item: plain (<t>) or rich (<r><t>…), leaving out phonetic guides (<rPh>)."""
        if element is None:
            return ""
        plain = element.find(f"{self.ns}t")
        if plain is not None:
            return plain.text or ""
        return "".join(run.findtext(f"{self.ns}t") or "" for run in element.iter(f"{self.ns}r"))

    def _date_styles(self) -> set[str]:
        """The cell styles (as written in a cell's s="…") whose number format shows a date."""
        if "xl/styles.xml" not in self.archive.namelist():
            return set()
        root = fromstring(self.archive.read("xl/styles.xml"))
        formats = dict(BUILTIN_FORMATS)
        for number_format in root.iter(f"{self.ns}numFmt"):
            formats[int(number_format.get("numFmtId"))] = number_format.get("formatCode", "")
        styles = root.find(f"{self.ns}cellXfs")
        if styles is None:
            return set()
        return {
            str(index)
            for index, style in enumerate(styles.iter(f"{self.ns}xf"))
            if is_date_format(formats.get(int(style.get("numFmtId", 0)), ""))
        }
