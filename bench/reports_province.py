"""Benchmark: the reports' dashboard over a province of 1,000,000 households.

    .venv/bin/python bench/reports_province.py --engine sqlite   [--repeat 7] [--regenerate] [--communes 130]
    .venv/bin/python bench/reports_province.py --engine postgres [--repeat 7] [--regenerate] [--communes 130]
        [--rows-repeat 3] [--no-recount]

The first run generates the province (bench/province_data.py) into var/bench/reports-province.sqlite3 or
the PostgreSQL database khuyenhoc_bench, and keeps it: later runs only measure. It prints the generation
time and the database size, then:

- the time to count the tallies (`reports.tallies.tally_refresh`) of 2025, and of every programme year
  (what the worker does after a change);
- the median of the selector `reports.indicators.figures` — every indicator, for every commune of the
  province, for 2025 on today's map (the dashboard's table), and for ten communes (a former district) —
  adding up the tallies, beside one hand-written SQL query over the same tallies (checked equal);
- the selector counting from the rows ("rows": what a screen does while no tallies were ever counted, and what
  an official export does while they are stale), beside one hand-written SQL query over the rows;
- the whole dashboard (`reports.selectors.dashboard`: the table, the trends of 2021–2026, the plans).

The selector and its hand-written query run turn about, so that a busy machine slows both alike.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
SQLITE = OUT / "reports-province.sqlite3"
POSTGRES = "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench"
TODAY = datetime.date(2026, 3, 1)
YEAR = 2025

# The communes asked for, and each commune and village with its commune: where both queries below start.
PLACES = """
WITH
commune AS (SELECT id FROM areas_area WHERE id IN ({communes})),
place AS (
    SELECT id, id AS commune_id FROM commune
    UNION ALL SELECT v.id, v.parent_id FROM areas_area v JOIN commune c ON c.id = v.parent_id
)"""
# The same numbers as the selector, written by hand for this one map (every area its own equivalent):
# each indicator's numerator and denominator per commune, in one statement.
HAND_WRITTEN = (
    PLACES
    + """,
rec AS (
    SELECT c.title, a.area_id, a.household_id, a.clan_id, a.community_id, a.unit_id, a.person_id
    FROM recognition_entry en
    JOIN recognition_decision d ON d.id = en.decision_id
    JOIN assessments_campaign c ON c.id = d.campaign_id
    JOIN assessments_assessment a ON a.id = en.assessment_id
    WHERE d.status = 'issued' AND en.excluded_reason = '' AND c.year = %(year)s
      AND a.area_id IN (SELECT id FROM place)
),
rf AS (SELECT DISTINCT household_id FROM rec WHERE title = 'family'),
rc AS (SELECT DISTINCT clan_id FROM rec WHERE title = 'clan'),
rv AS (SELECT DISTINCT community_id FROM rec WHERE title = 'community'),
ru AS (SELECT DISTINCT unit_id FROM rec WHERE title = 'unit'),
rp AS (SELECT DISTINCT person_id FROM rec WHERE title = 'citizen'),
counted AS (
    SELECT r.title AS ind, p.commune_id, COUNT(DISTINCT COALESCE(r.household_id, r.clan_id, r.community_id, r.unit_id))
        AS num, 0 AS den
    FROM rec r JOIN place p ON p.id = r.area_id WHERE r.title <> 'citizen' GROUP BY r.title, p.commune_id
    UNION ALL
    SELECT 'family', p.commune_id, 0, COUNT(*) FROM registry_household h JOIN place p ON p.id = h.area_id
    WHERE (h.active_from IS NULL OR h.active_from <= %(day)s) AND (h.active_to IS NULL OR h.active_to > %(day)s)
    GROUP BY p.commune_id
    UNION ALL
    SELECT 'clan', p.commune_id, 0, COUNT(*) FROM registry_clan h JOIN place p ON p.id = h.area_id
    WHERE (h.active_from IS NULL OR h.active_from <= %(day)s) AND (h.active_to IS NULL OR h.active_to > %(day)s)
    GROUP BY p.commune_id
    UNION ALL
    SELECT 'unit', p.commune_id, 0, COUNT(*) FROM registry_unit h JOIN place p ON p.id = h.area_id
    WHERE (h.active_from IS NULL OR h.active_from <= %(day)s) AND (h.active_to IS NULL OR h.active_to > %(day)s)
    GROUP BY p.commune_id
    UNION ALL
    SELECT 'community', v.parent_id, 0, COUNT(*) FROM areas_area v JOIN commune c ON c.id = v.parent_id
    WHERE v.level = 'village' AND (v.valid_from IS NULL OR v.valid_from <= %(day)s)
      AND (v.valid_to IS NULL OR v.valid_to > %(day)s)
    GROUP BY v.parent_id
    UNION ALL
    SELECT 'workers', p.commune_id, COUNT(rp.person_id), COUNT(*)
    FROM registry_person s JOIN registry_household h ON h.id = s.household_id JOIN place p ON p.id = s.area_id
    LEFT JOIN rf ON rf.household_id = s.household_id
    LEFT JOIN rc ON rc.clan_id = h.clan_id
    LEFT JOIN rv ON rv.community_id = s.area_id
    LEFT JOIN rp ON rp.person_id = s.id
    WHERE s.unit_id IS NULL AND s.birth_year <= %(year)s - 15
      AND (s.active_from IS NULL OR s.active_from <= %(day)s) AND (s.active_to IS NULL OR s.active_to > %(day)s)
      AND (h.active_from IS NULL OR h.active_from <= %(day)s) AND (h.active_to IS NULL OR h.active_to > %(day)s)
      AND (rf.household_id IS NOT NULL OR rc.clan_id IS NOT NULL OR rv.community_id IS NOT NULL)
    GROUP BY p.commune_id
    UNION ALL
    SELECT 'staff', p.commune_id, COUNT(rp.person_id), COUNT(*)
    FROM registry_person s JOIN registry_unit u ON u.id = s.unit_id JOIN place p ON p.id = u.area_id
    JOIN ru ON ru.unit_id = s.unit_id LEFT JOIN rp ON rp.person_id = s.id
    WHERE (s.active_from IS NULL OR s.active_from <= %(day)s) AND (s.active_to IS NULL OR s.active_to > %(day)s)
    GROUP BY p.commune_id
)
SELECT ind, commune_id, SUM(num), SUM(den) FROM counted GROUP BY ind, commune_id
"""
)
# The same numbers from the tallies, by hand: the sources of today's map, per commune.
HAND_WRITTEN_TALLY = (
    PLACES
    + """
SELECT SPLIT_PART(t.part, '.', 1), p.commune_id, SUM(t.num), SUM(t.den)
FROM reports_tally t JOIN place p ON p.id = t.area_id
WHERE t.year = %(year)s AND t.part IN ('family.recognised', 'family.registry', 'clan.recognised', 'clan.registry',
  'community.recognised', 'community.villages', 'unit.recognised', 'unit.registry', 'workers', 'staff')
GROUP BY SPLIT_PART(t.part, '.', 1), p.commune_id
"""
)
# SQLite has no SPLIT_PART.
SQLITE_SPLIT = ("SPLIT_PART(t.part, '.', 1)", "SUBSTR(t.part, 1, INSTR(t.part || '.', '.') - 1)")
# The indicator each part of the hand-written queries stands for.
HAND_CODES = {
    "family": "families",
    "clan": "clans",
    "unit": "units",
    "community": "communities",
    "workers": "citizens_in_models",
    "staff": "citizens_in_units",
}


def django_setup(engine: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}" if engine == "sqlite" else POSTGRES
    os.environ["DEBUG"] = "0"  # as on a server: DEBUG would keep every statement in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyenhoc.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _meta_path(engine: str) -> Path:
    return OUT / f"reports-province-{engine}.json"


def prepare(engine: str, regenerate: bool, communes: int) -> dict:
    """Generate the province once (or again with --regenerate); return what the generation recorded."""
    meta = _meta_path(engine)
    if meta.exists() and not regenerate:
        return json.loads(meta.read_text())
    OUT.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        for stale in OUT.glob(SQLITE.name + "*"):
            stale.unlink()
    else:
        import psycopg

        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS khuyenhoc_bench")
            admin.execute("CREATE DATABASE khuyenhoc_bench")
    django_setup(engine)
    from django.core.management import call_command
    from django.db import connection

    from bench.province_data import Loader, Shape

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_report_data", verbosity=0)
    ids = Loader(connection, Shape(communes=communes)).load()
    recorded = {"seconds": round(time.perf_counter() - started, 1), **ids}
    meta.write_text(json.dumps(recorded))
    return recorded


def database_size(engine: str) -> str:
    from django.db import connection

    if engine == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the write-ahead log is not the database
        size = sum(path.stat().st_size for path in OUT.glob(SQLITE.name + "*"))
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    return f"{size / 1024**3:.2f} GiB"


def counts() -> str:
    from django.db import connection

    parts = []
    with connection.cursor() as cursor:
        for label, table in [
            ("households", "registry_household"),
            ("persons", "registry_person"),
            ("assessments", "assessments_assessment"),
            ("decision entries", "recognition_entry"),
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            parts.append(f"{cursor.fetchone()[0]:,} {label}")
    return ", ".join(parts)


def timed(*functions, repeat: int) -> list[tuple[float, float, float, object]]:
    """For each function: median, fastest and slowest in ms over `repeat` runs after one warm-up, and the last
    result. The functions run turn about, so that all see the same moments of a busy machine."""
    results = [function() for function in functions]
    timings: list[list[float]] = [[] for _function in functions]
    for _run in range(repeat):
        for index, function in enumerate(functions):
            began = time.perf_counter()
            results[index] = function()
            timings[index].append((time.perf_counter() - began) * 1000)
    pairs = zip(timings, results, strict=True)
    return [(statistics.median(spent), min(spent), max(spent), result) for spent, result in pairs]


def hand_written(query: str, communes: list[int]) -> dict:
    from django.db import connection, transaction

    from reports.indicators import analytical, count_day

    sql = query.format(communes=", ".join(str(pk) for pk in communes))
    if connection.vendor == "sqlite":
        sql = sql.replace(*SQLITE_SPLIT)
    summed: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    with transaction.atomic(), connection.cursor() as cursor:
        analytical(cursor)
        if connection.vendor == "postgresql" and query is HAND_WRITTEN:
            # Its CTEs' estimates are off by 100×; without this the planner loops for over 13 minutes.
            cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(sql, {"year": YEAR, "day": count_day(YEAR, TODAY)})
        for ind, commune, num, den in cursor.fetchall():
            pair = summed[(HAND_CODES[ind], commune)]
            pair[0] += int(num)
            pair[1] += int(den)
    return {key: tuple(pair) for key, pair in summed.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rows-repeat", type=int, default=3, help="Runs of the slow counts from the rows (0: none).")
    parser.add_argument(
        "--recount", action=argparse.BooleanOptionalAction, default=True, help="Count the tallies even when fresh."
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--communes", type=int, default=130, help="Generate fewer communes (a quick trial).")
    args = parser.parse_args()
    recorded = prepare(args.engine, args.regenerate, args.communes)
    if "DATABASE_URL" not in os.environ:
        django_setup(args.engine)
    from django.db import connection

    from areas.models import Area
    from areas.paths import SEGMENT_WIDTH
    from reports.enums import MapChoice
    from reports.indicators import Frame, Wanted, figures
    from reports.models import Indicator, Tally
    from reports.selectors import dashboard, programme_years
    from reports.tallies import freshness, tally_refresh

    print(f"{args.engine}: {counts()}")
    print(f"generated in {recorded['seconds']:.0f} s; database {database_size(args.engine)}")
    province = Area.objects.get(pk=recorded["province"])
    communes = {area.path: area.pk for area in Area.objects.filter(pk__in=recorded["communes"])}
    group = sorted(communes)[:10]
    wanted = [Wanted(i.code, i.computation, i.pk) for i in Indicator.objects.all()]
    years = programme_years(TODAY)

    if args.recount or not freshness(tuple(years), TODAY).tallied:
        began = time.perf_counter()
        tally_refresh(years=[YEAR], today=TODAY)
        print(f"tallies of {YEAR} counted in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        tally_refresh(years=years, today=TODAY)
        print(f"tallies of {years[0]}–{years[-1]} counted in {time.perf_counter() - began:.1f} s")
    assert freshness(tuple(years), TODAY).tallied
    if args.engine == "postgres":
        # What autovacuum does within a minute of a refresh: measure the tallies as they are read all day.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Tally._meta.db_table}")

    def selector(scope: tuple[str, ...], key_length: int, tallied: bool):
        return lambda: figures(Frame(scope, key_length, (YEAR,), TODAY, MapChoice.NOW), wanted, tallied=tallied)

    def compare(label: str, mine, theirs, repeat: int) -> None:
        mine, theirs = timed(mine, theirs, repeat=repeat)
        found = {
            (code, communes[key]): (int(f.numerator), int(f.denominator))
            for (key, _year, code), f in mine[3].items()
            if key in communes
        }
        assert found == theirs[3], f"{label}: the selector and the hand-written query disagree"
        print(f"{label + ': selector':<44} {mine[0]:>10.0f} {mine[1]:>8.0f} {mine[2]:>8.0f}")
        print(f"{label + ': hand-written SQL':<44} {theirs[0]:>10.0f} {theirs[1]:>8.0f} {theirs[2]:>8.0f}")
        print(f"{label + ': ratio':<44} {mine[0] / theirs[0]:>10.2f}")

    scopes = [
        ("province", (province.path,), len(province.path) + SEGMENT_WIDTH, list(communes.values())),
        ("ten communes", tuple(group), len(group[0]), [communes[path] for path in group]),
    ]
    print(f"\n{'view (2025, today’s map), ms':<44} {'median':>10} {'min':>8} {'max':>8}")
    ways = [("tallies", True, HAND_WRITTEN_TALLY, args.repeat), ("rows", False, HAND_WRITTEN, args.rows_repeat)]
    for how, tallied, query, repeat in [way for way in ways if way[3]]:
        for label, scope, length, ids in scopes:
            compare(f"{label}, {how}", selector(scope, length, tallied), partial(hand_written, query, ids), repeat)
    areas = Area.objects.filter(path__in=group).order_by("path")
    for label, subject in [("province", (province,)), ("ten communes", tuple(areas))]:
        (whole,) = timed(
            lambda subject=subject: dashboard(subject, year=YEAR, map=MapChoice.NOW, today=TODAY), repeat=3
        )
        print(f"{label + ': whole dashboard, tallies':<44} {whole[0]:>10.0f} {whole[1]:>8.0f} {whole[2]:>8.0f}")


if __name__ == "__main__":
    main()
