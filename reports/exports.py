"""The dashboard as an Excel workbook: one sheet per group of indicators (rows × indicators, each plan's
target, gap and assessment beside the actual figures), the trend over the years, and how every number
is made. Written by the shared `khuyenhoc.spreadsheets.write_workbook`."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from khuyenhoc.spreadsheets import Column, Sheet, Strong, write_workbook
from reports.enums import MapChoice, Progress
from reports.indicators import Figure
from reports.models import Indicator, Plan
from reports.selectors import Dashboard, Line
from reports.targets import PROGRAMME_END, gap, progress

COUNT, PERCENT, POINTS = "#,##0.##", "0.0", "+0.0;-0.0;0.0"


def _columns(indicator: Indicator, plans: list[Plan]) -> list[Column]:
    unit = indicator.unit
    columns = [
        Column(f"{indicator.code}-n", _("Counted (%(unit)s)") % {"unit": unit}, width=11, number_format=COUNT),
        Column(f"{indicator.code}-d", _("Out of (%(unit)s)") % {"unit": unit}, width=11, number_format=COUNT),
        Column(f"{indicator.code}-p", _("Actual (%)"), width=9, number_format=PERCENT),
    ]
    for plan in plans:
        columns += [
            Column(
                f"{indicator.code}-t{plan.pk}",
                _("Target %(plan)s (%%)") % {"plan": plan.number},
                width=12,
                number_format=PERCENT,
            ),
            Column(
                f"{indicator.code}-g{plan.pk}",
                _("Gap %(plan)s (points)") % {"plan": plan.number},
                width=12,
                number_format=POINTS,
            ),
            Column(f"{indicator.code}-s{plan.pk}", _("Assessment %(plan)s") % {"plan": plan.number}, width=14),
        ]
    return columns


def _values(board: Dashboard, line: Line, indicator: Indicator) -> list:
    figure: Figure | None = line.figure(indicator.code)
    percent = figure.percent if figure else None
    values = [figure.numerator if figure else None, figure.denominator if figure else None, percent]
    for plan in board.plans:
        goal = board.goal(plan, indicator) if plan in line.plans else None
        status = progress(percent, goal)
        values += [
            goal.value if goal else None,
            gap(percent, goal),
            Progress(status).label if status != Progress.NONE else None,
        ]
    return values


def _estimates(line: Line, indicators: list[Indicator]) -> str:
    estimated = [i.short_name for i in indicators if (f := line.figure(i.code)) and not f.exact]
    return _("Estimated: %(indicators)s") % {"indicators": ", ".join(estimated)} if estimated else ""


def _heading(board: Dashboard, subtitle: str) -> list[str]:
    map_label = MapChoice(board.map).label
    return [
        _("PROGRESS AGAINST THE PLANS — %(group)s") % {"group": subtitle.upper()},
        _("%(area)s — year %(year)s — %(map)s") % {"area": board.title, "year": board.year, "map": map_label},
        _("Exported on %(date)s. Plans: %(plans)s.")
        % {
            "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
            "plans": "; ".join(
                f"{p.number} ({p.issuer}, {date_format(p.date, 'SHORT_DATE_FORMAT')})" for p in board.plans
            )
            or "—",
        },
    ]


def _group_sheet(board: Dashboard, label: str, indicators: list[Indicator]) -> Sheet:
    columns = [Column("code", _("Code"), width=11), Column("area", board.rows_label, width=28)]
    groups = [("", 2)]
    for indicator in indicators:
        own = _columns(indicator, board.plans)
        columns += own
        groups.append((indicator.short_name, len(own)))
    columns.append(Column("note", _("Note"), width=30))
    groups.append(("", 1))

    def row(line: Line, code: str, strong: bool = False):
        values = [code, line.label]
        for indicator in indicators:
            values += _values(board, line, indicator)
        values.append(_estimates(line, indicators))
        return Strong(values) if strong else values

    rows = [row(line, line.area.code) for line in board.lines]
    if board.remainder:
        rows.append(row(board.remainder, ""))
    rows.append(row(board.total, "", strong=True))
    return Sheet(
        title=label,
        columns=columns,
        rows=rows,
        heading=_heading(board, label),
        groups=groups,
        frozen_columns=2,
        notes=[_status_rule(), _estimate_rule()],
    )


def _trend_sheet(board: Dashboard) -> Sheet:
    years = [year for year, _figure in board.trends[0].points]
    target_years = sorted(
        {point.year for (plan_id, _code), points in board.book.points.items() for point in points}
        & set(range(years[0], PROGRAMME_END + 1))
    )
    columns = [Column("indicator", _("Indicator"), width=40)]
    columns += [Column(str(year), str(year), width=8, number_format=PERCENT) for year in years]
    for plan in board.plans:
        columns += [
            Column(
                f"{plan.pk}-{year}",
                _("%(plan)s, %(year)s") % {"plan": plan.number, "year": year},
                width=13,
                number_format=PERCENT,
            )
            for year in target_years
        ]
    rows = []
    for trend in board.trends:
        values = [trend.indicator.name] + [figure.percent if figure else None for _year, figure in trend.points]
        for plan in board.plans:
            points = {point.year: point.value for point in board.book.points.get((plan.pk, trend.indicator.code), [])}
            values += [points.get(year) for year in target_years]
        rows.append(values)
    groups = [("", 1), (_("Actual (%)"), len(years))]
    if board.plans and target_years:
        groups.append((_("Targets (%)"), len(target_years) * len(board.plans)))
    return Sheet(
        title=_("Trend"),
        columns=columns,
        rows=rows,
        heading=[
            _("TREND OF THE INDICATORS, %(first)s–%(last)s") % {"first": years[0], "last": years[-1]},
            board.title,
        ],
        groups=groups,
        frozen_columns=1,
    )


def _definitions_sheet(board: Dashboard) -> Sheet:
    columns = [
        Column("code", _("Code"), width=24),
        Column("name", _("Indicator"), width=50),
        Column("numerator", _("What is counted"), width=60),
        Column("denominator", _("Out of"), width=60),
        Column("notes", _("Rules"), width=70),
    ]
    rows = [[i.code, i.name, i.numerator, i.denominator, i.notes] for i in board.indicators]
    return Sheet(
        title=_("How it is counted"),
        columns=columns,
        rows=rows,
        heading=[_("HOW EVERY NUMBER IS MADE")],
        frozen_columns=1,
        notes=[_status_rule(), _estimate_rule()],
    )


def _status_rule() -> str:
    return _(
        "Assessment: “Target met” when the actual reaches the plan's target for the period (2025, then 2030); "
        "“On track” when it reaches the year's milestone — the plan's value for that year, or the straight line "
        "from the previous target (0% the year before the plan's period) to the target; “Behind” otherwise."
    )


def _estimate_rule() -> str:
    return _(
        "Results recorded on former areas count under the areas of today that succeeded them; where a former area "
        "was split, its results are shared between its successors and the figures are estimates."
    )


def workbook(board: Dashboard) -> bytes:
    sheets = [_group_sheet(board, str(label), indicators) for label, indicators in board.groups]
    sheets += [_trend_sheet(board), _definitions_sheet(board)]
    out = io.BytesIO()
    write_workbook(out, sheets)
    return out.getvalue()
