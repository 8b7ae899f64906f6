"""What-if: a set evaluated against a table of scores, for staff weighing local additions before they
publish them. The table has one row per subject and one column per item code, plus optionally a subject
column (its name) and a form column (the labour group, for sets with forms). An empty cell is an item not
scored; a score outside 0–maximum is reported on its row, never clipped.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.utils.translation import gettext as _

from criteria.engine import InvalidScores, Outcome, RuleSet, Tally, evaluate
from criteria.spec import FormatError
from criteria.xlsx import header_cells, header_label
from khuyenhoc import spreadsheets
from khuyenhoc.spreadsheets import Column, SpreadsheetError, as_text
from khuyenhoc.text import clean, fold

SUBJECT = Column("subject", "Đối tượng", aliases=("subject", "họ và tên", "họ tên", "tên", "name"), width=30)
FORM = Column("form", "Phiếu", aliases=("form", "nhóm lao động", "labour group"), width=16)
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Row:
    line: int
    subject: str
    form: str | None
    scores: dict[str, object]


@dataclass
class Result:
    line: int
    subject: str
    form: str | None
    outcome: Outcome | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    results: list[Result]
    tally: Tally

    @property
    def rejected(self) -> int:
        return sum(1 for result in self.results if result.outcome is None)


def score_columns(rules: RuleSet) -> list[Column]:
    columns = [SUBJECT]
    if rules.variants:
        columns.append(FORM)
    return columns + [Column(item.code, item.code, text=False, width=8) for item in rules.all_items()]


def read_scores(file: IO[bytes], name: str, rules: RuleSet) -> list[Row]:
    """The rows of an .xlsx or .csv score table; raises FormatError for unknown columns or a bad file."""
    columns = score_columns(rules)
    if name.lower().endswith(".csv"):
        return _read_csv(file, columns)
    try:
        table = spreadsheets.read_table(file, columns)
    except SpreadsheetError as error:
        raise FormatError([str(error)]) from None
    with table:
        rows = [
            Row(row.number, as_text(row["subject"]), as_text(row["form"]) or None, _scores(row.values)) for row in table
        ]
    _check_headers(header_cells(file, table.sheet, table.header_row), columns)
    return rows


def _scores(values: dict) -> dict:
    return {key: value for key, value in values.items() if key not in ("subject", "form") and value is not None}


def _check_headers(headers: list[str], columns: list[Column]) -> None:
    known = set().union(*(column.labels() for column in columns))
    unknown = [header for header in headers if header_label(header) not in known]
    if unknown:
        raise FormatError(
            [_("Unknown column “%(column)s”: it is not an item code of this set.") % {"column": h} for h in unknown]
        )


def _read_csv(file: IO[bytes], columns: list[Column]) -> list[Row]:
    content = file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise FormatError([_("The file is larger than 10 MB.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError([_("The file is not UTF-8 text; save it as “CSV UTF-8”.")]) from None
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    headers = next(reader, None)
    if not headers:
        raise FormatError([_("The file is empty.")])
    _check_headers([h for h in headers if clean(h)], columns)
    by_label = {label: column.key for column in columns for label in column.labels()}
    keys = [by_label.get(header_label(header)) if clean(header) else None for header in headers]
    rows = []
    for line, values in enumerate(reader, start=2):
        cells = {key: clean(value) or None for key, value in zip(keys, values, strict=False) if key}
        if not any(cells.values()):
            continue
        rows.append(Row(line, cells.get("subject") or "", cells.get("form"), _scores(cells)))
    return rows


def _score(value: object) -> Decimal:
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    return Decimal(str(value))


def _form(rules: RuleSet, value: str | None) -> str | None:
    """A form named by its key or its label, without accents or case."""
    if value is None:
        return None
    wanted = fold(value)
    for variant in rules.variants:
        if wanted in (fold(variant.key), fold(variant.label)):
            return variant.key
    return value


def run(rules: RuleSet, rows: list[Row]) -> Report:
    results, tally = [], Tally()
    for row in rows:
        result = Result(row.line, row.subject or _("Row %(row)s") % {"row": row.line}, _form(rules, row.form))
        try:
            scores = {code: _score(value) for code, value in row.scores.items()}
        except (InvalidOperation, ValueError):
            result.errors = [_("A score is not a number.")]
        else:
            try:
                result.outcome = evaluate(rules, scores, result.form)
            except InvalidScores as error:
                result.errors = error.problems
            else:
                tally.add(result.outcome)
        results.append(result)
    return Report(results=results, tally=tally)


def write_csv(report: Report, out: IO[str]) -> None:
    writer = csv.writer(out)
    writer.writerow(["line", "subject", "form", "outcome", "passed", "total", "grade", "level", "reasons"])
    for result in report.results:
        outcome = result.outcome
        if outcome is None:
            writer.writerow(
                [
                    result.line,
                    result.subject,
                    result.form or "",
                    _("Rejected"),
                    "",
                    "",
                    "",
                    "",
                    "; ".join(result.errors),
                ]
            )
            continue
        writer.writerow(
            [
                result.line,
                result.subject,
                result.form or "",
                outcome.label,
                int(outcome.passed),
                outcome.total,
                outcome.grade,
                outcome.level or "",
                "; ".join(outcome.messages),
            ]
        )
