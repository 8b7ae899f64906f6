"""The SQL that counts the indicators: for a set of area subtrees, a key length and some years, one
statement returns numerator and denominator per (row, year, indicator), grouped by a fixed-length prefix
of the area path. Subjects never reach Python; the statement's size depends on the indicators asked for,
not on the number of areas or subjects.

Two kinds of source, and how each is placed on a map:
- records (recognitions, villages as communities, entered figures) carry the area of their time;
- registry rows (households, persons, clans, units) carry today's area.
On today's map (`MapChoice.NOW`) every source goes through `areas.Equivalent` to the latest map: a
record of a former area counts under its successor times the equivalent's share, and the row is flagged
an estimate when a share came from a partial succession (today's areas are their own equivalents).
On the map of the time (`MapChoice.THEN`) records count where they were recorded. The households, clans
and units a title is measured against are then those the year's campaigns of that title took from the
registry when they opened — recorded, like their results, on the areas of the time. Persons (workers,
staff) are taken back from today's registry to the former areas in force on the year's map day: a today's
area counts under the former areas of its own level that became it — failing any, those that became its
parent — split by their shares when there are several, which is then flagged an estimate.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from areas.enums import Level
from areas.models import Area, Equivalent
from areas.paths import outermost, upper_bound
from assessments.models import Assessment, Campaign
from assessments.services import WORKING_AGE
from criteria.enums import Title
from recognition.enums import DecisionStatus
from recognition.models import Decision, Entry
from registry.models import Clan, Household, Person, Unit
from reports.enums import Computation, MapChoice
from reports.models import ManualFigure, Tally

# 01/07/2025: the district tier ended and most communes merged, nationwide. A year's "map of the time" is
# the one in force on its last day before this (30/06/2025 for 2025).
REFORM_DAY = datetime.date(2025, 7, 1)

# PostgreSQL's memory for each hash or sort of a report statement (see `figures`).
WORK_MEM = "256MB"

T = {
    "area": Area._meta.db_table,
    "equivalent": Equivalent._meta.db_table,
    "entry": Entry._meta.db_table,
    "decision": Decision._meta.db_table,
    "campaign": Campaign._meta.db_table,
    "assessment": Assessment._meta.db_table,
    "household": Household._meta.db_table,
    "person": Person._meta.db_table,
    "clan": Clan._meta.db_table,
    "unit": Unit._meta.db_table,
    "figure": ManualFigure._meta.db_table,
    "tally": Tally._meta.db_table,
}


def count_day(year: int, today: datetime.date) -> datetime.date:
    """The day registry rows and villages are counted on: 31/12, or today within the current year."""
    return min(datetime.date(year, 12, 31), today)


def map_day(year: int, today: datetime.date) -> datetime.date:
    """The day whose map is "the map of the time" of a year."""
    return min(count_day(year, today), REFORM_DAY - datetime.timedelta(days=1))


def has_map_of_the_time(year: int) -> bool:
    return datetime.date(year, 1, 1) < REFORM_DAY


@dataclass(frozen=True)
class Figure:
    numerator: Decimal
    denominator: Decimal
    # False when a share of a partial succession (or of a split back to former areas) went into it.
    exact: bool = True

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (self.numerator * 100 / self.denominator).quantize(Decimal("0.1"))

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(
            self.numerator + other.numerator, self.denominator + other.denominator, self.exact and other.exact
        )


EMPTY = Figure(Decimal(0), Decimal(0))
SHARE_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Frame:
    """What to count: the subtrees under `scope` (path prefixes), grouped by the first `key_length`
    characters of the path (a row is a path prefix; a shorter key means a record on an area above the rows),
    for `years`, on a map."""

    scope: tuple[str, ...]
    key_length: int
    years: tuple[int, ...]
    today: datetime.date
    map: str = MapChoice.NOW

    def __post_init__(self):
        object.__setattr__(self, "scope", tuple(outermost(self.scope)))


@dataclass(frozen=True)
class Wanted:
    """An indicator to count: its code, how, and its primary key (entered figures are found by it)."""

    code: str
    computation: str
    pk: int


@dataclass
class _Sql:
    """SQL text and its parameters, kept in the order they appear. With `everywhere`, the sources count
    every area (to fill the tally) and nothing is placed: the filters near a scope fall away."""

    years: tuple[int, ...]
    everywhere: bool = False
    ctes: list[tuple[str, str, list]] = field(default_factory=list)
    parts: list[tuple[str, list]] = field(default_factory=list)

    def in_years(self, column: str) -> tuple[str, list]:
        """`column` among the years, as values the planner can estimate (a join on `yrs` it cannot)."""
        return f"{column} IN ({', '.join('%s' for _year in self.years)})", list(self.years)

    def within(self, column: str, places: str) -> str:
        """`column` (an area id) among the areas of the CTE `places`: near the scope."""
        return "1 = 1" if self.everywhere else f"{column} IN (SELECT area_id FROM {places})"

    def cte(self, name: str, sql: str, params: Iterable = (), *, materialized: bool = False) -> None:
        if all(head.split()[0] != name for head, _sql, _params in self.ctes):
            self.ctes.append((f"{name} AS MATERIALIZED" if materialized else f"{name} AS", sql, list(params)))

    def text(self, select: str) -> tuple[str, list]:
        """`WITH <ctes> <select>`, where `select` reads the union of the parts as `counted`."""
        params: list = []
        with_parts = []
        for head, sql, cte_params in self.ctes:
            with_parts.append(f"{head} ({sql})")
            params += cte_params
        union = []
        for sql, part_params in self.parts:
            union.append(sql)
            params += part_params
        body = " UNION ALL ".join(union)
        return f"WITH {', '.join(with_parts)} {select.format(counted=f'({body}) counted')}", params


# Shares multiply as floating point: the product is exact for a whole share (1 times a count), the others
# are estimates to six places anyway, and decimal arithmetic costs the province dashboard a tenth more.
_FLOAT = "CAST({} AS DOUBLE PRECISION)"


def _in_scope(column: str, scope: tuple[str, ...]) -> tuple[str, list]:
    if "" in scope:
        return "1 = 1", []
    ranges = " OR ".join(f"({column} >= %s AND {column} < %s)" for _prefix in scope)
    return f"({ranges})", [value for prefix in scope for value in (prefix, upper_bound(prefix))]


def _valid(alias: str, day: str) -> str:
    return (
        f"({alias}.valid_from IS NULL OR {alias}.valid_from <= {day}) "
        f"AND ({alias}.valid_to IS NULL OR {alias}.valid_to > {day})"
    )


def _active(alias: str, day: str = "y.day") -> str:
    return (
        f"({alias}.active_from IS NULL OR {alias}.active_from <= {day}) "
        f"AND ({alias}.active_to IS NULL OR {alias}.active_to > {day})"
    )


def _years(q: _Sql, frame: Frame) -> None:
    days = [(year, count_day(year, frame.today), map_day(year, frame.today)) for year in frame.years]
    q.cte(
        "yrs",
        " UNION ALL ".join("SELECT %s AS year, %s AS day, %s AS map_day" for _day in days),
        [value for row in days for value in row],
    )


def _places(q: _Sql, frame: Frame) -> None:
    """`places`: where a record's area counts, as (area_id, key, share, exact); `regplaces` the same for
    registry rows, with a year (on the map of the time the split depends on the year's map)."""
    k = frame.key_length
    if frame.map == MapChoice.NOW:
        where, params = _in_scope("l.path", frame.scope)
        q.cte(
            "places",
            f"SELECT e.area_id, SUBSTR(l.path, 1, {k}) AS key, {_FLOAT.format('e.share')} AS share, "
            f"CASE WHEN e.exact THEN 1 ELSE 0 END AS exact "
            f"FROM {T['equivalent']} e JOIN {T['area']} l ON l.id = e.latest_id WHERE {where}",
            params,
        )
        q.cte("regplaces", "SELECT y.year, p.area_id, p.key, p.share, p.exact FROM places p CROSS JOIN yrs y")
        q.cte("recnear", "SELECT area_id FROM places")
        return
    where, params = _in_scope("o.path", frame.scope)
    q.cte(
        "places",
        f"SELECT o.id AS area_id, SUBSTR(o.path, 1, {k}) AS key, 1 AS share, 1 AS exact "
        f"FROM {T['area']} o WHERE {where}",
        params,
    )
    # Today's areas that the scope's former areas became…
    q.cte(
        "lat",
        f"SELECT DISTINCT e.latest_id FROM {T['equivalent']} e JOIN {T['area']} o ON o.id = e.area_id WHERE {where}",
        params,
    )
    # …with their children (a village may fall back on its commune's predecessors)…
    q.cte(
        "targets",
        f"SELECT id FROM {T['area']} "
        f"WHERE id IN (SELECT latest_id FROM lat) OR parent_id IN (SELECT latest_id FROM lat)",
    )
    # …and every former area of the same level, in force on the map day, that became one of them — in the
    # scope or not: a today's area made of two former districts' communes is split between both, and a
    # village that came from another commune's village does not fall back on its own commune.
    q.cte(
        "cand",
        f"SELECT y.year, e.latest_id, o.path, {_FLOAT.format('e.share')} AS share, "
        f"CASE WHEN e.exact THEN 1 ELSE 0 END AS exact "
        f"FROM {T['equivalent']} e "
        f"JOIN targets t ON t.id = e.latest_id JOIN {T['area']} o ON o.id = e.area_id "
        f"JOIN {T['area']} l ON l.id = e.latest_id JOIN yrs y ON {_valid('o', 'y.map_day')} "
        f"WHERE o.level = l.level",
    )
    q.cte(
        "links",
        f"SELECT year, latest_id AS area_id, path, share, exact FROM cand UNION ALL "
        f"SELECT c.year, x.id, c.path, c.share, c.exact FROM {T['area']} x JOIN cand c ON c.latest_id = x.parent_id "
        f"WHERE NOT EXISTS (SELECT 1 FROM cand d WHERE d.year = c.year AND d.latest_id = x.id)",
    )
    split_where, split_params = _in_scope("path", frame.scope)
    q.cte(
        "regplaces",
        f"SELECT year, area_id, key, share, exact FROM ("
        f"SELECT year, area_id, path, SUBSTR(path, 1, {k}) AS key, "
        f"share / SUM(share) OVER (PARTITION BY year, area_id) AS share, "
        f"CASE WHEN COUNT(*) OVER (PARTITION BY year, area_id) = 1 THEN exact ELSE 0 END AS exact FROM links"
        f") split WHERE {split_where}",
        split_params,
    )
    # Records near the scope: those placed in it, and those of the subjects its registry rows hold.
    q.cte(
        "recnear",
        f"SELECT area_id FROM places UNION "
        f"SELECT e.area_id FROM {T['equivalent']} e WHERE e.latest_id IN (SELECT area_id FROM regplaces)",
    )


def _recognised(q: _Sql, title: str, subject: str, *, name: str = "", where: str = "") -> str:
    """Define `<name>` (default `rec_<title>`): (year, area_id, subject_id) of the assessments of the title's
    campaigns of the years that are listed — not left out — in an issued decision of their campaign, among
    those meeting `where` (default: recorded on an area near the scope). Return the name.

    The campaigns' assessments in the scope come first, MATERIALIZED so that the planner knows how many
    there are (CROSS JOIN keeps the campaigns first on SQLite, whose planner would otherwise start from every
    assessment of the areas); then the listed entries: one probe each for a few, or — through the year's
    decisions of the title — one hash for many."""
    name = name or f"rec_{title}"
    years, year_params = q.in_years("c.year")
    entry_years, _same = q.in_years("ec.year")
    q.cte(
        f"{name}_subjects",
        f"SELECT c.year, a.campaign_id, a.id, a.area_id, a.{subject}_id AS subject_id "
        f"FROM {T['campaign']} c CROSS JOIN {T['assessment']} a WHERE a.campaign_id = c.id AND c.title = %s "
        f"AND {years} AND {where or q.within('a.area_id', 'recnear')}",
        [title, *year_params],
        materialized=True,
    )
    q.cte(
        name,
        f"SELECT DISTINCT s.year, s.area_id, s.subject_id FROM {name}_subjects s WHERE EXISTS ("
        f"SELECT 1 FROM {T['entry']} en JOIN {T['decision']} de ON de.id = en.decision_id "
        f"JOIN {T['campaign']} ec ON ec.id = de.campaign_id WHERE en.assessment_id = s.id "
        f"AND de.campaign_id = s.campaign_id AND en.excluded_reason = '' AND de.status = '{DecisionStatus.ISSUED}' "
        f"AND ec.title = %s AND {entry_years})",
        [title, *year_params],
    )
    return name


# --- Sources: each a statement of (year, area_id, num, den) that indicators add up -------------------

Build = Callable[[_Sql, Frame], tuple[str, list]]


@dataclass(frozen=True)
class Source:
    """One count that indicators add up, before it is placed on a map: `build` adds the CTEs it needs and
    returns SQL of (year, area_id, num, den); `places` names the CTE that places its areas on the rows —
    `places` for records (areas of their time), `regplaces` for today's registry rows. Every source is also
    kept, counted per area and year, in `reports.Tally`."""

    build: Build
    places: str


def _recognised_count(title: str, subject: str) -> Build:
    """Subjects recognised with the title, where their assessment was recorded."""

    def build(q: _Sql, frame: Frame) -> tuple[str, list]:
        name = _recognised(q, title, subject)
        return (
            f"SELECT year, area_id, COUNT(DISTINCT subject_id) AS num, 0 AS den FROM {name} GROUP BY year, area_id",
            [],
        )

    return build


def _registry_count(table: str) -> Build:
    """The denominator of a title on today's map: the registry's rows active on the count day."""

    def build(q: _Sql, frame: Frame) -> tuple[str, list]:
        return (
            f"SELECT y.year, r.area_id, 0 AS num, COUNT(*) AS den FROM {T[table]} r JOIN yrs y ON {_active('r')} "
            f"WHERE {q.within('r.area_id', 'regplaces')} GROUP BY y.year, r.area_id",
            [],
        )

    return build


def _campaign_count(title: str, subject: str) -> Build:
    """The denominator of a title on the map of the time: the subjects that year's campaigns of the title
    took from the registry when they opened, where they were."""

    def build(q: _Sql, frame: Frame) -> tuple[str, list]:
        years, params = q.in_years("c.year")
        return (
            f"SELECT c.year, a.area_id, 0 AS num, COUNT(DISTINCT a.{subject}_id) AS den "
            f"FROM {T['assessment']} a JOIN {T['campaign']} c ON c.id = a.campaign_id "
            f"WHERE c.title = %s AND {years} AND {q.within('a.area_id', 'places')} "
            f"GROUP BY c.year, a.area_id",
            [title, *params],
        )

    return build


def _villages(day: str) -> Build:
    """The villages in force on the year's `day` (the count day for today's map, the map day for the map of
    the time): on today's map those of a past year roll up like its records. (No filter on the scope: the
    join with `places` is the filter, and a cheaper one.)"""

    def build(q: _Sql, frame: Frame) -> tuple[str, list]:
        return (
            f"SELECT y.year, v.id AS area_id, 0 AS num, 1 AS den FROM {T['area']} v "
            f"JOIN yrs y ON {_valid('v', f'y.{day}')} WHERE v.level = %s",
            [Level.VILLAGE],
        )

    return build


def _workers(q: _Sql, frame: Frame) -> tuple[str, list]:
    """Workers (see the indicator's rules) of households recognised as learning families, of clans recognised
    as learning clans, or living in villages recognised as learning communities; and those of them who are
    recognised learning citizens. Counted where they live."""
    _recognised(q, Title.FAMILY, "household")
    _recognised(q, Title.CLAN, "clan")
    _recognised(q, Title.COMMUNITY, "community")
    _recognised(q, Title.CITIZEN, "person")
    # A former village recognised as a community is matched with the village of today it became.
    q.cte(
        "rec_villages",
        f"SELECT DISTINCT r.year, e.latest_id AS area_id FROM rec_{Title.COMMUNITY} r "
        f"JOIN {T['equivalent']} e ON e.area_id = r.subject_id",
    )
    return (
        f"SELECT y.year, p.area_id, COUNT(rp.subject_id) AS num, COUNT(*) AS den "
        f"FROM {T['person']} p JOIN {T['household']} h ON h.id = p.household_id "
        f"JOIN yrs y ON {_active('p')} AND {_active('h')} AND p.birth_year <= y.year - {WORKING_AGE} "
        f"LEFT JOIN (SELECT DISTINCT year, subject_id FROM rec_{Title.FAMILY}) rf "
        f"ON rf.year = y.year AND rf.subject_id = p.household_id "
        f"LEFT JOIN (SELECT DISTINCT year, subject_id FROM rec_{Title.CLAN}) rc "
        f"ON rc.year = y.year AND rc.subject_id = h.clan_id "
        f"LEFT JOIN rec_villages rv ON rv.year = y.year AND rv.area_id = p.area_id "
        f"LEFT JOIN (SELECT DISTINCT year, subject_id FROM rec_{Title.CITIZEN}) rp "
        f"ON rp.year = y.year AND rp.subject_id = p.id "
        f"WHERE p.unit_id IS NULL AND {q.within('p.area_id', 'regplaces')} "
        f"AND (rf.subject_id IS NOT NULL OR rc.subject_id IS NOT NULL OR rv.area_id IS NOT NULL) "
        f"GROUP BY y.year, p.area_id",
        [],
    )


def _staff(q: _Sql, frame: Frame) -> tuple[str, list]:
    """Staff of units recognised as learning units, and those of them recognised as learning citizens;
    counted where their unit is, wherever they live (so their citizen title is looked up by person)."""
    _recognised(q, Title.UNIT, "unit")
    q.cte(
        "staff",
        f"SELECT p.id, p.unit_id, u.area_id, p.active_from, p.active_to FROM {T['person']} p "
        f"JOIN {T['unit']} u ON u.id = p.unit_id WHERE {q.within('u.area_id', 'regplaces')}",
    )
    _recognised(q, Title.CITIZEN, "person", name="rec_staff_citizens", where="a.person_id IN (SELECT id FROM staff)")
    return (
        f"SELECT y.year, p.area_id, COUNT(rp.subject_id) AS num, COUNT(*) AS den "
        f"FROM staff p JOIN yrs y ON {_active('p')} "
        f"JOIN (SELECT DISTINCT year, subject_id FROM rec_{Title.UNIT}) ru "
        f"ON ru.year = y.year AND ru.subject_id = p.unit_id "
        f"LEFT JOIN (SELECT DISTINCT year, subject_id FROM rec_staff_citizens) rp "
        f"ON rp.year = y.year AND rp.subject_id = p.id "
        f"GROUP BY y.year, p.area_id",
        [],
    )


SOURCES: dict[str, Source] = {
    **{
        f"{title}.{kind}": source
        for title, subject in [
            (Title.FAMILY, "household"),
            (Title.CLAN, "clan"),
            (Title.UNIT, "unit"),
            (Title.COMMUNITY, "community"),
        ]
        for kind, source in [
            ("recognised", Source(_recognised_count(title, subject), "places")),
            ("registry", Source(_registry_count(subject), "regplaces")),
            ("campaign", Source(_campaign_count(title, subject), "places")),
        ]
        if not (title == Title.COMMUNITY and kind != "recognised")
    },
    "community.villages": Source(_villages("day"), "places"),
    "community.villages_then": Source(_villages("map_day"), "places"),
    "workers": Source(_workers, "regplaces"),
    "staff": Source(_staff, "regplaces"),
}


def sources_of(computation: str, map: str) -> list[str]:
    """The sources an indicator adds up: a title's recognitions out of its subjects — on today's map those
    of the registry, on the map of the time those its campaigns took — or one source counting both."""
    if computation in (Computation.WORKERS, Computation.STAFF):
        return [str(computation)]
    if computation == Computation.COMMUNITY:
        return ["community.recognised", "community.villages" if map == MapChoice.NOW else "community.villages_then"]
    return [f"{computation}.recognised", f"{computation}.{'registry' if map == MapChoice.NOW else 'campaign'}"]


def _placed(ind: str, source: str, places: str) -> str:
    """A part of the union: a source of (year, area_id, num, den) spread onto the rows."""
    on = "pl.area_id = s.area_id" + (" AND pl.year = s.year" if places == "regplaces" else "")
    return (
        f"SELECT '{ind}' AS ind, s.year, pl.key, s.num * pl.share AS num, s.den * pl.share AS den, pl.exact "
        f"FROM ({source}) s JOIN {places} pl ON {on}"
    )


def _tallies_placed(q: _Sql, pairs: list[tuple[str, str]], places: str) -> tuple[str, list]:
    """A part of the union: the tallies of the (source, indicator) pairs spread onto the rows, in one join
    (a join per source costs the province dashboard twice as much). The tallies are read first, along the
    index of their part and year (CROSS JOIN keeps that order on SQLite, which would otherwise probe the
    index for every place, part and year), and added up per source and row before the sources are matched
    with their indicators (rather than each tally with the list of pairs): together, half the time of
    SQLite's province dashboard."""
    wanted = " UNION ALL ".join(f"SELECT '{name}' AS part, '{ind}' AS ind" for name, ind in pairs)
    names = sorted({name for name, _ind in pairs})
    on = "pl.area_id = t.area_id" + (" AND pl.year = t.year" if places == "regplaces" else "")
    years, params = q.in_years("t.year")
    return (
        f"SELECT w.ind, s.year, s.key, s.num, s.den, s.exact FROM ("
        f"SELECT t.part, t.year, pl.key, SUM(t.num * pl.share) AS num, SUM(t.den * pl.share) AS den, "
        f"MIN(pl.exact) AS exact FROM {T['tally']} t CROSS JOIN {places} pl "
        f"WHERE {on} AND t.part IN ({', '.join('%s' for _name in names)}) AND {years} GROUP BY t.part, t.year, pl.key"
        f") s JOIN ({wanted}) w ON w.part = s.part",
        [*names, *params],
    )


def _manual(q: _Sql, wanted: list[Wanted]) -> None:
    ids = ", ".join("%s" for _w in wanted)
    q.parts.append(
        (
            "SELECT CAST(f.indicator_id AS VARCHAR(20)) AS ind, f.year, pl.key, f.numerator * pl.share AS num, "
            f"f.denominator * pl.share AS den, pl.exact FROM {T['figure']} f JOIN places pl ON pl.area_id = f.area_id "
            f"WHERE f.indicator_id IN ({ids}) AND f.year IN (SELECT year FROM yrs)",
            [w.pk for w in wanted],
        )
    )


def statement(frame: Frame, wanted: list[Wanted], *, tallied: bool = False) -> tuple[str, list]:
    """The one statement of `figures`. `tallied`: read the sources from `reports.Tally` (which must be fresh
    for the frame's years, see `reports.tallies`) rather than count them from their rows."""
    q = _Sql(tuple(frame.years))
    _years(q, frame)
    _places(q, frame)
    from_tally: dict[str, list[tuple[str, str]]] = {"places": [], "regplaces": []}
    for item in wanted:
        if item.computation == Computation.MANUAL:
            continue
        for name in sources_of(item.computation, frame.map):
            source = SOURCES[name]
            if tallied:
                # On today's map `regplaces` is `places` for every year: one join serves all the tallies.
                from_tally["places" if frame.map == MapChoice.NOW else source.places].append((name, item.code))
            else:
                sql, params = source.build(q, frame)
                q.parts.append((_placed(item.code, sql, source.places), params))
    for places, pairs in from_tally.items():
        if pairs:
            q.parts.append(_tallies_placed(q, pairs, places))
    manual = [item for item in wanted if item.computation == Computation.MANUAL]
    if manual:
        _manual(q, manual)
    return q.text("SELECT ind, year, key, SUM(num), SUM(den), MIN(exact) FROM {counted} GROUP BY ind, year, key")


def tally_statement(years: tuple[int, ...], today: datetime.date) -> tuple[str, list]:
    """INSERT … SELECT of every source, counted on every area for `years`."""
    frame = Frame(("",), 0, years, today)
    q = _Sql(years, everywhere=True)
    _years(q, frame)
    for name, source in SOURCES.items():
        sql, params = source.build(q, frame)
        q.parts.append((f"SELECT %s AS part, s.year, s.area_id, s.num, s.den FROM ({sql}) s", [name, *params]))
    sql, params = q.text("SELECT part, year, area_id, num, den FROM {counted}")
    return f"INSERT INTO {T['tally']} (part, year, area_id, num, den) {sql}", params


def analytical(cursor) -> None:
    """For one analytical statement over millions of rows, on PostgreSQL: its hashes and sorts in memory
    rather than on disk. For the transaction."""
    if connection.vendor == "postgresql":
        cursor.execute("SELECT set_config('work_mem', %s, true)", [WORK_MEM])


def figures(frame: Frame, wanted: list[Wanted], *, tallied: bool = False) -> dict[tuple[str, int, str], Figure]:
    """{(row key, year, indicator code): Figure} in one query. Keys are path prefixes of `key_length`
    characters, or shorter for what was recorded above the rows. `tallied`: see `statement`."""
    if not frame.years or not wanted or not frame.scope:
        return {}
    sql, params = statement(frame, wanted, tallied=tallied)
    by_pk = {str(item.pk): item.code for item in wanted}
    with transaction.atomic(), connection.cursor() as cursor:
        analytical(cursor)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        (key, int(year), by_pk.get(ind, ind)): Figure(_decimal(num), _decimal(den), bool(exact))
        for ind, year, key, num, den, exact in rows
    }


def _decimal(value) -> Decimal:
    """Sums come as floats (shares multiply as such) or decimals; shares have six places, counts none."""
    value = value or 0
    if value == int(value):  # a count, as most are: quicker than through text
        return Decimal(int(value))
    return Decimal(str(value)).quantize(SHARE_PLACES).normalize()
