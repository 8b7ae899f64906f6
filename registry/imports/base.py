"""What every registry import shares: the report, the lookups by name or code, and the run itself.

A kind of import is a `Spec`: its columns, an example row for the template, and a `Loader` that turns
rows into records (reporting every problem it finds) and records into rows of the database, a batch at
a time with a fixed number of queries per batch. The same run serves the preview (`write=False`: read
and compare, never write), the confirmed import and the command line (`write=True`: everything in one
transaction, and nothing at all if any row has a problem).
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area
from khuyenhoc.spreadsheets import CellError, Column, Problem, Row, SpreadsheetError, read_table
from khuyenhoc.text import fold

# The preview lists every problem up to this many (a file with more has a systematic fault).
MAX_PROBLEMS = 1000
BATCH = 500
# What the counts of a report say, in the order shown. The same words serve the preview and the result.
COUNT_LABELS = {
    "households_created": gettext_lazy("New households"),
    "households_updated": gettext_lazy("Households changed"),
    "households_unchanged": gettext_lazy("Households unchanged"),
    "persons_created": gettext_lazy("New members"),
    "persons_updated": gettext_lazy("Members changed"),
    "persons_ended": gettext_lazy("Members no longer on the list"),
    "clans_created": gettext_lazy("New clans"),
    "clans_updated": gettext_lazy("Clans changed"),
    "clans_unchanged": gettext_lazy("Clans unchanged"),
    "units_created": gettext_lazy("New units"),
    "units_updated": gettext_lazy("Units changed"),
    "units_unchanged": gettext_lazy("Units unchanged"),
    "villages_created": gettext_lazy("New villages"),
    "villages_updated": gettext_lazy("Villages changed"),
    "villages_unchanged": gettext_lazy("Villages unchanged"),
}


@dataclass
class Context:
    """Where and when an import applies: the commune (for villages, any area above the communes the
    rows name) and the day whose map is meant — today unless the command line says otherwise."""

    area: Area
    day: datetime.date


@dataclass
class Report:
    kind: str
    rows: int = 0
    counts: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def summary(self) -> list[tuple[str, int]]:
        return [(label, self.counts[key]) for key, label in COUNT_LABELS.items() if self.counts[key]]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "counts": dict(self.counts),
            "problems": [[p.row, p.column, p.message] for p in self.problems],
            "problem_count": self.problem_count,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        return cls(
            kind=data.get("kind", ""),
            rows=data.get("rows", 0),
            counts=Counter(data.get("counts", {})),
            problems=[Problem(*problem) for problem in data.get("problems", [])],
            problem_count=data.get("problem_count", 0),
        )


def vietnamese(choices) -> list[tuple[str, str]]:
    """Choices with their Vietnamese labels: the files are written in Vietnamese, whatever language the
    pages are shown in."""
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices]


class Cells:
    """Reads one row's cells through the typed converters; a failed cell becomes a problem of the
    report (with the column's header) and the row is marked bad."""

    def __init__(self, row: Row, columns: dict[str, Column], report: Report):
        self.row, self.columns, self.report = row, columns, report
        self.bad = False

    def get(self, key: str, convert: Callable[..., Any], *args, required: bool = False, **kwargs) -> Any:
        value = self.row[key]
        if value is None:
            if required:
                self.fail(key, _("This cell is empty."))
            return convert(None, *args, **kwargs)
        try:
            return convert(value, *args, **kwargs)
        except CellError as error:
            self.fail(key, str(error))
            return convert(None, *args, **kwargs)

    def fail(self, key: str, message: str) -> None:
        self.bad = True
        self.report.add(self.row.number, self.columns[key].header if key else "", message)


class Lookup:
    """Rows of the commune found by code or by name (accents, case and a kind prefix aside), as a
    cell converter. Names shared by two rows are ambiguous and must be given by code."""

    def __init__(self, items: Iterable[tuple[Any, str, list[str]]], missing: str, **params: str):
        self.missing, self.params = missing, params
        self.by_key: dict[str, Any] = {}
        ambiguous: set[str] = set()
        for item, code, names in items:
            self.by_key[fold(code)] = item
            for name in {fold(name) for name in names}:
                if name in self.by_key and self.by_key[name] is not item:
                    ambiguous.add(name)
                self.by_key.setdefault(name, item)
        for name in ambiguous:
            self.by_key.pop(name, None)

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        found = self.by_key.get(value) or self.by_key.get(fold(value))
        if found is None:
            raise CellError(self.missing % {"value": value, **self.params})
        self.by_key[value] = found  # the same village is written the same way on many rows
        return found


class Loader:
    """One run of one kind of import. `records` reads rows into records; `flush` compares a batch of
    records with the database and, when `write` is true, writes it."""

    batch_size = BATCH

    def __init__(self, context: Context, report: Report):
        self.context, self.report = context, report

    def records(self, rows: Iterator[Row]) -> Iterator[Any]:
        raise NotImplementedError

    def flush(self, records: list[Any], *, write: bool) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Spec:
    kind: str
    title: str
    columns: Callable[[Context], list[Column]]
    example: Callable[[Context], list[Any]]
    loader: type[Loader]


Progress = Callable[..., None]


class _Refused(Exception):
    """Raised inside the transaction of an import that found problems, to write nothing."""


def run_import(
    spec: Spec,
    file: str | IO[bytes],
    context: Context,
    *,
    write: bool,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> Report:
    """Check (`write=False`) or apply (`write=True`) a file, and report what was or would be done and
    every problem found. Applying is one transaction: if any problem turns up, nothing is saved."""
    report = Report(kind=spec.kind)
    try:
        table = read_table(file, spec.columns(context), max_bytes=max_bytes)
    except SpreadsheetError as error:
        report.add(None, "", str(error))
        return report
    with table:
        if not write:
            _feed(spec, table, context, report, write=False, progress=progress)
            return report
        try:
            with transaction.atomic():
                _feed(spec, table, context, report, write=True, progress=None)
                if not report.ok:
                    raise _Refused
        except _Refused:
            pass
    return report


def _feed(spec: Spec, table, context: Context, report: Report, *, write: bool, progress: Progress | None) -> None:
    loader = spec.loader(context, report)
    total = table.size_hint

    def counted(rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            report.rows += 1
            if progress:
                progress(report.rows, total=total)
            yield row

    batch: list = []
    try:
        for record in loader.records(counted(iter(table))):
            batch.append(record)
            if len(batch) >= loader.batch_size:
                # Once a problem is found nothing more is written (the transaction is undone anyway),
                # but the comparison goes on so that the report lists every problem.
                loader.flush(batch, write=write and report.ok)
                batch = []
        loader.flush(batch, write=write and report.ok)
    except SpreadsheetError as error:
        report.add(None, "", str(error))
    if report.rows == 0 and report.ok:
        report.add(None, "", _("The sheet has a header but no rows under it."))
