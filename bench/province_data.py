"""A province of 1,000,000 households with five years of outcomes, written by bulk SQL for the reports'
benchmark (bench/reports_province.py).

Shape (defaults): 130 communes of 77 villages (10,010 villages), 100 households a village, 3.5 persons a
household (born 1940–2024; 1% on the staff of a unit of their commune), 40 clans and 8 units a commune.
For every year 2021–2025, commune and title a closed campaign whose assessments take every subject (every
person aged 15 or more, every household, clan, unit and village), an issued decision, and an entry for
each subject recognised — a share that differs by commune and title and grows over the years.

Small tables (areas, campaigns, decisions) go through the ORM; the big ones are filled with
INSERT … SELECT over a generated series (generate_series on PostgreSQL, a recursive CTE on SQLite), with
pseudo-random values taken from a multiplicative hash of the row number, so a run is deterministic. The
big tables' secondary indexes are dropped for the load and built again after it, and foreign keys are not
checked during it (session_replication_role on PostgreSQL, PRAGMA foreign_keys on SQLite); the rows are
right by construction.
"""

import datetime
import random
import time
from dataclasses import dataclass

YEARS = range(2021, 2026)
TITLES = ("family", "clan", "community", "unit", "citizen")
BIG = [
    "registry_household",
    "registry_person",
    "assessments_assessment",
    "recognition_entry",
]


@dataclass
class Shape:
    communes: int = 130
    villages_per_commune: int = 77
    households_per_village: int = 100
    persons_per_household: float = 3.5
    clans_per_commune: int = 40
    units_per_commune: int = 8

    @property
    def villages(self) -> int:
        return self.communes * self.villages_per_commune

    @property
    def households(self) -> int:
        return self.villages * self.households_per_village

    @property
    def persons(self) -> int:
        return round(self.households * self.persons_per_household)


def _hash(column: str, salt: int = 0) -> str:
    """A pseudo-random number 0–999,999 from an integer column (the same on both engines)."""
    return f"((({column}) * 2654435761 + {salt}) % 1000003 % 1000000)"


def _series(vendor: str, count: int) -> str:
    if vendor == "postgresql":
        return f"(SELECT generate_series(1, {count}) AS n) g"
    return f"(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {count}) SELECT n FROM s) g"


class Loader:
    def __init__(self, connection, shape: Shape, log=print):
        self.connection, self.shape, self.log = connection, shape, log
        self.vendor = connection.vendor
        self.started = time.perf_counter()

    def sql(self, statement: str, params=None) -> int:
        """Run one statement (without parameters, "%" is the modulo operator on both engines)."""
        with self.connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount

    def step(self, label: str, statement: str) -> None:
        began = time.perf_counter()
        rows = self.sql(statement)
        self.log(f"  {label}: {rows:,} rows in {time.perf_counter() - began:.1f} s")

    # --- Indexes ------------------------------------------------------------------------------------

    def drop_indexes(self) -> list[str]:
        """Drop the big tables' secondary indexes; return the statements that build them again."""
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                    [BIG],
                )
                found = cursor.fetchall()
                constraints = []
                cursor.execute(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid::regclass::text = ANY(%s) AND contype = 'u'",
                    [BIG],
                )
                for table, name, definition in cursor.fetchall():
                    constraints.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                for name, _definition in found:
                    cursor.execute(f'DROP INDEX "{name}"')
                return [definition for _name, definition in found] + constraints
            placeholders = ", ".join("%s" for _table in BIG)
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({placeholders})",
                BIG,
            )
            found = cursor.fetchall()
            for name, _sql in found:
                cursor.execute(f'DROP INDEX "{name}"')
            return [sql for _name, sql in found]

    def build_indexes(self, statements: list[str]) -> None:
        began = time.perf_counter()
        for statement in statements:
            self.sql(statement)
        self.log(f"  {len(statements)} indexes built in {time.perf_counter() - began:.1f} s")

    # --- The load -------------------------------------------------------------------------------------

    def load(self) -> dict:
        from django.db import transaction

        self.log(f"Generating {self.shape.households:,} households on {self.vendor}…")
        if self.vendor == "postgresql":
            self.sql("SET session_replication_role = replica")
            self.sql("SET maintenance_work_mem = '1GB'")
        else:
            self.sql("PRAGMA foreign_keys = OFF")
            self.sql("PRAGMA synchronous = OFF")
            self.sql("PRAGMA cache_size = -1000000")
        with transaction.atomic():
            ids = self._small_tables()
            rebuild = self.drop_indexes()
            self._registry(ids)
            self._outcomes(ids)
            self.build_indexes(rebuild)
        if self.vendor == "postgresql":
            self.sql("SET session_replication_role = DEFAULT")
            self.sql("VACUUM ANALYZE")
        else:
            self.sql("ANALYZE")
            self.sql("PRAGMA foreign_keys = ON")
        return ids

    def _small_tables(self) -> dict:
        from areas.enums import Kind, Level
        from areas.models import Area, Equivalent
        from areas.paths import segment
        from assessments.models import Campaign
        from criteria.models import CriteriaSet
        from recognition.models import Decision

        shape, rng = self.shape, random.Random(2021)
        began = time.perf_counter()
        province = Area.objects.create(
            code="98",
            name="Tỉnh Đo Đạc",
            search_name="tinh do dac",
            kind=Kind.PROVINCE,
            level=Level.PROVINCE,
            path="",
            depth=0,
        )
        province.path = segment(province.pk)
        province.save(update_fields=["path"])
        communes = Area.objects.bulk_create(
            Area(
                code=f"98{n:03d}", name=f"Phường Số {n}", search_name=f"phuong so {n}", kind=Kind.WARD,
                level=Level.COMMUNE, parent=province, path="", depth=1,
            )
            for n in range(1, shape.communes + 1)
        )  # fmt: skip
        for commune in communes:
            commune.path = province.path + segment(commune.pk)
        Area.objects.bulk_update(communes, ["path"], batch_size=1000)
        villages = Area.objects.bulk_create(
            (
                Area(
                    code=f"{commune.code}.{v:03d}", name=f"Tổ dân phố {v}", search_name=f"to dan pho {v}",
                    kind=Kind.RESIDENTIAL_GROUP, level=Level.VILLAGE, parent=commune, path="", depth=2,
                )
                for commune in communes
                for v in range(1, shape.villages_per_commune + 1)
            ),
            batch_size=2000,
        )  # fmt: skip
        for village in villages:
            village.path = village.parent.path + segment(village.pk)
        Area.objects.bulk_update(villages, ["path"], batch_size=2000)
        Equivalent.objects.bulk_create(
            (Equivalent(area_id=a.pk, latest_id=a.pk, share=1, exact=True) for a in [province, *communes, *villages]),
            batch_size=5000,
        )
        sets = {
            title: CriteriaSet.objects.create(
                key=f"do-dac-{title}", title=title, name=title, rule="pass_mark", status="published"
            )
            for title in TITLES
        }  # fmt: skip
        # Each commune's share recognised, per mille, by title: its own start and yearly gain.
        paces = {
            (commune.pk, title): (rng.randint(350, 800), rng.randint(10, 50))
            for commune in communes
            for title in TITLES
        }
        campaigns = Campaign.objects.bulk_create(
            Campaign(
                name=f"{title} {year} {commune.name}", year=year, title=title, area=commune, criteria_set=sets[title],
                stage="closed",
            )
            for year in YEARS
            for commune in communes
            for title in TITLES
        )  # fmt: skip
        Decision.objects.bulk_create(
            Decision(
                commune=campaign.area, campaign=campaign, number=str(campaign.pk),
                date=datetime.date(campaign.year, 12, 20), year=campaign.year, place="Đo Đạc",
                subject_line="Công nhận", status="issued",
            )
            for campaign in campaigns
        )  # fmt: skip
        # Lookup tables the bulk statements join: the n-th village, clan and unit, and each campaign's pace.
        self.sql("CREATE TABLE bench_village (n integer PRIMARY KEY, id bigint, commune_id bigint, commune_n integer)")
        self._insert(
            "bench_village", [(n, v.pk, v.parent_id, n // shape.villages_per_commune) for n, v in enumerate(villages)]
        )
        self.sql(
            "CREATE TABLE bench_campaign "
            "(id bigint PRIMARY KEY, commune_id bigint, year integer, title varchar(12), rate integer)"
        )
        self._insert(
            "bench_campaign",
            [
                (c.pk, c.area_id, c.year, c.title, min(990, start + gain * (c.year - 2021)))
                for c in campaigns
                for start, gain in [paces[c.area_id, c.title]]
            ],
        )  # fmt: skip
        self.log(f"  areas, campaigns, decisions: {time.perf_counter() - began:.1f} s")
        return {"province": province.pk, "first_commune": communes[0].pk, "communes": [c.pk for c in communes]}

    def _insert(self, table: str, rows: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            marks = ", ".join("%s" for _value in rows[0])
            cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _registry(self, ids: dict) -> None:
        shape = self.shape
        first = ids["first_commune"]
        now = "CURRENT_TIMESTAMP"
        self.step(
            "clans",
            f"INSERT INTO registry_clan (area_id, code, name, branch, search_name, representative, end_reason, "
            f"created_at, updated_at) SELECT {first} + (g.n - 1) / {shape.clans_per_commune}, 'DH' || g.n, "
            f"'Dòng họ ' || g.n, '', 'dong ho ' || g.n, '', '', {now}, {now} "
            f"FROM {_series(self.vendor, shape.communes * shape.clans_per_commune)}",
        )
        self.step(
            "units",
            f"INSERT INTO registry_unit (commune_id, area_id, code, name, search_name, kind, end_reason, created_at, "
            f"updated_at) SELECT {first} + (g.n - 1) / {shape.units_per_commune}, "
            f"{first} + (g.n - 1) / {shape.units_per_commune}, 'DV' || g.n, 'Đơn vị ' || g.n, 'don vi ' || g.n, "
            f"'school', '', {now}, {now} FROM {_series(self.vendor, shape.communes * shape.units_per_commune)}",
        )
        clan_1 = self._first_id("registry_clan")
        unit_1 = self._first_id("registry_unit")
        per_village = shape.households_per_village
        # 60% of households belong to one of their commune's clans.
        self.step(
            "households",
            f"INSERT INTO registry_household (commune_id, area_id, code, head_name, search_name, address, clan_id, "
            f"end_reason, created_at, updated_at) SELECT v.commune_id, v.id, 'HO' || g.n, 'Chủ hộ ' || g.n, "
            f"'chu ho ' || g.n, '', CASE WHEN {_hash('g.n', 1)} < 600000 THEN {clan_1} + v.commune_n * "
            f"{shape.clans_per_commune} + {_hash('g.n', 2)} % {shape.clans_per_commune} END, '', {now}, {now} "
            f"FROM {_series(self.vendor, shape.households)} JOIN bench_village v ON v.n = (g.n - 1) / {per_village}",
        )
        household_1 = self._first_id("registry_household")
        # Person n lives in household (n - 1) * 2 / 7: three or four a household.
        households_of = f"(CAST(g.n AS BIGINT) - 1) * {shape.households} / {shape.persons}"
        staff = f"{_hash('g.n', 3)} < 10000"
        self.step(
            "persons",
            f"INSERT INTO registry_person (area_id, household_id, unit_id, full_name, search_name, birth_year, gender, "
            f"labour_group, relation, is_head, citizen_id, end_reason, created_at, updated_at) "
            f"SELECT h.area_id, h.id, CASE WHEN {staff} THEN {unit_1} + (h.commune_id - {first}) * "
            f"{shape.units_per_commune} + {_hash('g.n', 4)} % {shape.units_per_commune} END, "
            f"'Người ' || g.n, 'nguoi ' || g.n, 1940 + {_hash('g.n', 5)} % 85, "
            f"CASE WHEN g.n % 2 = 0 THEN 'male' ELSE 'female' END, "
            f"CASE WHEN {staff} THEN 'official' WHEN {_hash('g.n', 6)} < 600000 THEN 'farmer' ELSE 'worker' END, "
            f"'', false, '', '', {now}, {now} "
            f"FROM {_series(self.vendor, shape.persons)} "
            f"JOIN registry_household h ON h.id = {household_1} + {households_of}",
        )

    def _first_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT MIN(id) FROM {table}")
            return cursor.fetchone()[0]

    def _outcomes(self, ids: dict) -> None:
        now = "CURRENT_TIMESTAMP"
        columns = (
            "campaign_id, {subject}_id, area_id, subject_name, subject_code, variant, status, version, passed, "
            "result, reasons, returned_reason, updated_at"
        )
        recognised = "{hash} < bc.rate * 1000"
        status = f"CASE WHEN {recognised} THEN 'approved' ELSE 'registered' END, 1, {recognised}"
        tail = f"'', '[]', '', {now}"
        sources = {
            "family": ("household", "registry_household s", "s.commune_id", "s.area_id", "s.id", ""),
            "clan": ("clan", "registry_clan s", "s.area_id", "s.area_id", "s.id", ""),
            "unit": ("unit", "registry_unit s", "s.commune_id", "s.area_id", "s.id", ""),
            "community": ("community", "areas_area s", "s.parent_id", "s.id", "s.id", "s.level = 'village'"),
            "citizen": (
                "person",
                "registry_person s JOIN registry_household ho ON ho.id = s.household_id",
                "ho.commune_id",
                "s.area_id",
                "s.id",
                "s.birth_year <= bc.year - 15",
            ),
        }
        for year in YEARS:
            for title, (subject, source, commune, area, key, where) in sources.items():
                hashed = _hash(key, year * 7919 + len(title))
                where_all = f"bc.title = '{title}' AND bc.year = {year}" + (f" AND {where}" if where else "")
                self.step(
                    f"{year} {title} assessments",
                    f"INSERT INTO assessments_assessment ({columns.format(subject=subject)}) "
                    f"SELECT bc.id, {key}, {area}, '', '', '', {status.format(hash=hashed)}, {tail} "
                    f"FROM {source} JOIN bench_campaign bc ON bc.commune_id = {commune} WHERE {where_all}",
                )
        self.step(
            "decision entries",
            "INSERT INTO recognition_entry (decision_id, assessment_id, position, excluded_reason) "
            "SELECT d.id, a.id, 0, '' FROM assessments_assessment a JOIN recognition_decision d "
            "ON d.campaign_id = a.campaign_id WHERE a.passed",
        )
