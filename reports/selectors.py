"""Reads for the dashboard and its exports: which plans apply where, and the table of an area's rows ×
indicators for a year with the plans' targets, plus each indicator's trend over the programme's years.

Everything is fetched in a number of queries that does not depend on how many rows, villages or subjects
there are: the figures come from `reports.indicators` (one statement per depth of rows), the rows and the
plans from a handful of plain queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from areas.enums import Level
from areas.models import Area, Equivalent
from areas.paths import SEGMENT_WIDTH, outermost, subtree_q
from reports import charts
from reports.enums import IndicatorGroup, MapChoice, Progress
from reports.indicators import EMPTY, Figure, Frame, Wanted, figures, has_map_of_the_time, map_day
from reports.models import Indicator, Plan
from reports.tallies import freshness
from reports.targets import PROGRAMME_END, PROGRAMME_START, Goal, Point, gap, goal_for, progress


def programme_years(today: datetime.date) -> list[int]:
    return list(range(PROGRAMME_START, min(today.year, PROGRAMME_END) + 1))


# --- Plans ------------------------------------------------------------------------------------------


@dataclass
class PlanBook:
    """The plans in force, their targets by indicator, and where each applies."""

    plans: list[Plan]
    points: dict[tuple[int, str], list[Point]]
    # Path prefixes of today's areas that succeeded from (part of) each local plan's area.
    successors: dict[int, list[str]]

    def applies(self, plan: Plan, area: Area) -> bool:
        if plan.is_national or area.path.startswith(plan.area.path):
            return True
        return any(area.path.startswith(prefix) for prefix in self.successors.get(plan.pk, ()))

    def applying(self, *areas: Area) -> list[Plan]:
        """The plans that apply to every one of `areas`, national first, then by depth."""
        return [plan for plan in self.plans if all(self.applies(plan, area) for area in areas)]

    def goal(self, plan: Plan, code: str, year: int) -> Goal | None:
        return goal_for(self.points.get((plan.pk, code), []), year, plan.period_start)


def plan_book() -> PlanBook:
    """A plan applies to the areas under its own and to those that succeeded from them: plan 54/KH-UBND
    of the former Huyện Kim Bảng applies to the six wards that took its territory in 2025."""
    plans = list(Plan.objects.select_related("area").prefetch_related("targets__indicator"))
    points: dict[tuple[int, str], list[Point]] = defaultdict(list)
    for plan in plans:
        for target in plan.targets.all():
            points[plan.pk, target.indicator.code].append(
                Point(target.year, target.value, target.unconfirmed, target.note)
            )
    local = [plan for plan in plans if plan.area_id]
    successors: dict[int, set[str]] = defaultdict(set)
    if local:
        links = (
            Equivalent.objects.filter(subtree_q([plan.area.path for plan in local], "area__path"))
            .exclude(area__level=Level.VILLAGE)
            .exclude(latest__level=Level.VILLAGE)
            .values_list("area__path", "latest__path")
        )
        for old, new in links:
            for plan in local:
                if old.startswith(plan.area.path):
                    successors[plan.pk].add(new)
    plans.sort(key=lambda plan: (plan.area.depth if plan.area else -1, plan.date))
    return PlanBook(plans, dict(points), {pk: outermost(paths) for pk, paths in successors.items()})


# --- The dashboard ----------------------------------------------------------------------------------


@dataclass
class Cell:
    indicator: Indicator
    figure: Figure | None
    goal: Goal | None
    status: str

    @property
    def percent(self) -> Decimal | None:
        return self.figure.percent if self.figure else None

    @property
    def gap(self) -> Decimal | None:
        return gap(self.percent, self.goal)


@dataclass
class Line:
    """A row of the table: an area, the total, or what the rows do not hold."""

    label: str
    figures: dict[str, Figure]
    plans: list[Plan]
    area: Area | None = None
    cells: list[Cell] = field(default_factory=list)

    def figure(self, code: str) -> Figure | None:
        return self.figures.get(code)

    @property
    def is_estimate(self) -> bool:
        return any(not figure.exact for figure in self.figures.values())


@dataclass
class Section:
    """One group of indicators as a table: its rows with the cells of those indicators only."""

    label: str
    indicators: list[Indicator]
    rows: list[tuple[Line, list[Cell], str]]  # (line, cells, "row" | "remainder" | "total")


@dataclass
class Standing:
    """An indicator of the whole area against every plan that applies."""

    indicator: Indicator
    figure: Figure | None
    goals: list[tuple[Plan, Goal | None, Progress]]

    @property
    def percent(self) -> Decimal | None:
        return self.figure.percent if self.figure else None


@dataclass
class Trend:
    indicator: Indicator
    points: list[tuple[int, Figure | None]]
    # Each plan's targets of the indicator, year by year (the chart's target lines).
    steps: list[tuple[Plan, list[Point]]]

    @cached_property
    def svg(self) -> str:
        """Drawn when first shown, in the language active then (the PDF's is Vietnamese)."""
        return charts.trend_svg(self.indicator, self.points, self.steps)


@dataclass
class Dashboard:
    areas: tuple[Area, ...]
    title: str
    year: int
    years: list[int]
    map: str
    # Whether this year can also be shown on the other map.
    map_offered: bool
    indicators: list[Indicator]
    lines: list[Line]
    total: Line
    remainder: Line | None
    plans: list[Plan]
    plan: Plan | None
    book: PlanBook
    trends: list[Trend]
    rows_label: str
    # Set when the figures are the last tallies, counted then, while they are counted again.
    as_of: datetime.datetime | None = None

    @property
    def groups(self) -> list[tuple[str, list[Indicator]]]:
        return [
            (label, [indicator for indicator in self.indicators if indicator.group == group])
            for group, label in IndicatorGroup.choices
            if any(indicator.group == group for indicator in self.indicators)
        ]

    @property
    def heading(self) -> str:
        """The page's title: the area, or how many areas the group holds (they are listed under it)."""
        return self.areas[0].name if len(self.areas) == 1 else _("%(count)s areas") % {"count": len(self.areas)}

    @property
    def map_label(self) -> str:
        return MapChoice(self.map).label

    @property
    def sections(self) -> list[Section]:
        lines = [(line, "row") for line in self.lines]
        if self.remainder:
            lines.append((self.remainder, "remainder"))
        lines.append((self.total, "total"))
        return [
            Section(
                str(label),
                indicators,
                [(line, [c for c in line.cells if c.indicator in indicators], kind) for line, kind in lines],
            )
            for label, indicators in self.groups
        ]

    @cached_property
    def standings(self) -> list[Standing]:
        standings = []
        for indicator in self.indicators:
            figure = self.total.figure(indicator.code)
            percent = figure.percent if figure else None
            goals = [
                (plan, goal := self.goal(plan, indicator), Progress(progress(percent, goal))) for plan in self.plans
            ]
            standings.append(Standing(indicator, figure, goals))
        return standings

    @property
    def has_unconfirmed(self) -> bool:
        return any(goal and goal.unconfirmed for standing in self.standings for _plan, goal, _status in standing.goals)

    @property
    def has_estimates(self) -> bool:
        return any(line.is_estimate for line in [*self.lines, self.total])

    @property
    def is_group(self) -> bool:
        return len(self.areas) > 1

    def goal(self, plan: Plan, indicator: Indicator) -> Goal | None:
        return self.book.goal(plan, indicator.code, self.year)


def years_of(areas: tuple[Area, ...], today: datetime.date) -> list[int]:
    """The programme years an area can be shown for: all of them for today's areas, and for a former area
    those whose map of the time holds it."""
    years = programme_years(today)
    if all(area.is_valid_on(today) for area in areas):
        return years
    return [
        year for year in years if has_map_of_the_time(year) and all(a.is_valid_on(map_day(year, today)) for a in areas)
    ]


def dashboard(
    areas: tuple[Area, ...],
    *,
    year: int | None,
    map: str,
    today: datetime.date,
    plan_id: int | None = None,
    stale_ok: bool = False,
) -> Dashboard:
    """The table of `areas` (one area: its rows are its children; several: the areas themselves) for
    `year` on `map`, against every plan that applies, with the trend of every indicator. Without a year:
    the latest with any recognition (this year's campaigns may not have reached their decisions). A former
    area has only the map of its time; a year after the reorganisation only today's. `stale_ok`: a screen
    may show the last tallies, saying when they were counted, while they are counted again."""
    current = all(area.is_valid_on(today) for area in areas)
    indicators = list(Indicator.objects.all())
    wanted = [Wanted(indicator.code, indicator.computation, indicator.pk) for indicator in indicators]
    years = years_of(areas, today)
    trend_map = MapChoice.NOW if current else MapChoice.THEN
    counting = freshness(tuple(years), today, stale_ok=stale_ok)
    trend_figures = _set_figures(areas, tuple(years), today, trend_map, wanted, counting.tallied)
    if year not in years:
        computed = {indicator.code for indicator in indicators if not indicator.is_manual}
        found_years = [y for (_key, y, code), figure in trend_figures.items() if code in computed and figure.numerator]
        year = max(found_years, default=years[-1])
    if not current:
        map = MapChoice.THEN
    elif not has_map_of_the_time(year):
        map = MapChoice.NOW
    rows, found, remainder_figures = _rows(areas, year, map, today, wanted, trend_figures, counting.tallied)
    # On the map of the time, today's areas are shown through the former areas that became them.
    totals = _summed(found if map != trend_map else trend_figures, rows if map != trend_map else areas, year)

    book = plan_book()
    plans = book.applying(*areas)
    chosen = next((plan for plan in plans if plan.pk == plan_id), plans[-1] if plans else None)
    by_row: dict[str, dict[str, Figure]] = defaultdict(dict)
    for (key, found_year, code), figure in found.items():
        if found_year == year:
            by_row[key][code] = figure
    lines = [
        Line(
            row.name_on(map_day(year, today)) if map == MapChoice.THEN else row.name,
            by_row[row.path],
            book.applying(row),
            row,
        )
        for row in rows
    ]
    label = _subject_label(areas)
    total = Line(pgettext("report row", "Total") if len(areas) > 1 or map != trend_map else label, totals, plans)
    remainder = None
    if any(figure.numerator or figure.denominator for figure in remainder_figures.values()):
        # Subjects of the area itself (a clan of a commune), or records of a former area that no row took.
        remainder = Line(
            _("Not held by any row: recorded on %(area)s itself or on former areas") % {"area": label},
            remainder_figures,
            plans,
        )
    for line in [*lines, total, *([remainder] if remainder else [])]:
        line.cells = [_cell(indicator, line, chosen, year, book) for indicator in indicators]
    return Dashboard(
        areas=areas,
        title=label,
        year=year,
        years=years,
        map=map,
        map_offered=current and has_map_of_the_time(year),
        indicators=indicators,
        lines=lines,
        total=total,
        remainder=remainder,
        plans=plans,
        plan=chosen,
        book=book,
        trends=[_trend(indicator, areas, years, trend_figures, plans, book, today) for indicator in indicators],
        rows_label=_rows_label(rows, areas),
        as_of=counting.as_of,
    )


Found = dict[tuple[str, int, str], Figure]


def _set_figures(
    areas: Iterable[Area], years: tuple[int, ...], today, map: str, wanted: list[Wanted], tallied: bool
) -> Found:
    """Figures keyed by each of `areas` (rows of the same depth share one statement)."""
    by_depth: dict[int, list[str]] = defaultdict(list)
    for area in areas:
        by_depth[len(area.path)].append(area.path)
    found: Found = {}
    for length, paths in sorted(by_depth.items()):
        found.update(figures(Frame(tuple(paths), length, years, today, map), wanted, tallied=tallied))
    return found


def _rows(areas: tuple[Area, ...], year: int, map: str, today, wanted, trend_figures: Found, tallied: bool):
    """The rows' areas, their figures for the year, and what falls under no row (by indicator)."""
    if map == MapChoice.THEN and all(area.is_valid_on(today) for area in areas):
        rows = list(
            Area.objects.filter(equivalents__latest__in=areas, level=areas[0].level)
            .valid_on(map_day(year, today))
            .distinct()
            .order_by("code")
            .prefetch_related("former_names")
        )
        return rows, _set_figures(rows, (year,), today, map, wanted, tallied), {}
    if len(areas) > 1:
        return list(areas), trend_figures, {}
    (area,) = areas
    day = today if map == MapChoice.NOW else map_day(year, today)
    rows = list(area.children.valid_on(day).order_by("code").prefetch_related("former_names"))
    frame = Frame((area.path,), len(area.path) + SEGMENT_WIDTH, (year,), today, map)
    found = figures(frame, wanted, tallied=tallied)
    held = {row.path for row in rows}
    remainder: dict[str, Figure] = defaultdict(lambda: EMPTY)
    for (key, _year, code), figure in found.items():
        if key not in held:
            remainder[code] += figure
    return rows, found, dict(remainder)


def _summed(found: Found, areas: Iterable[Area], year: int) -> dict[str, Figure]:
    summed: dict[str, Figure] = defaultdict(lambda: EMPTY)
    paths = {area.path for area in areas}
    for (key, found_year, code), figure in found.items():
        if found_year == year and key in paths:
            summed[code] += figure
    return dict(summed)


def _cell(indicator: Indicator, line: Line, plan: Plan | None, year: int, book: PlanBook) -> Cell:
    figure = line.figure(indicator.code)
    goal = book.goal(plan, indicator.code, year) if plan and plan in line.plans else None
    return Cell(indicator, figure, goal, progress(figure.percent if figure else None, goal))


def _trend(indicator, areas, years, found: Found, plans: list[Plan], book: PlanBook, today) -> Trend:
    """The whole area's figure year by year. The current year shows once something has been recorded in
    it: before its first decision, a zero would read as a fall."""
    points = []
    for year in years:
        figure = _summed(found, areas, year).get(indicator.code)
        points.append((year, None if year == today.year and not (figure and figure.numerator) else figure))
    steps = [(plan, book.points.get((plan.pk, indicator.code), [])) for plan in plans]
    return Trend(indicator, points, steps)


def _subject_label(areas: tuple[Area, ...]) -> str:
    if len(areas) == 1:
        return areas[0].name
    return _("%(count)s areas: %(names)s") % {"count": len(areas), "names": ", ".join(a.name for a in areas)}


ROW_LABELS = {
    Level.PROVINCE: gettext_lazy("Province"),
    Level.DISTRICT: gettext_lazy("District"),
    Level.COMMUNE: gettext_lazy("Commune or ward"),
    Level.VILLAGE: gettext_lazy("Village or residential group"),
}


def _rows_label(rows: list[Area], areas: tuple[Area, ...]) -> str:
    level = rows[0].level if rows else areas[0].level
    return str(ROW_LABELS[level])
