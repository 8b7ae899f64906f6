"""The tallies behind the dashboards: each source of the indicators (`indicators.SOURCES`) counted once per
area and year into `Tally`, so that a dashboard adds up thousands of tallies instead of counting millions
of households, persons and assessments on every view.

A year's tallies serve while they still describe their inputs: the day the registry was counted on is
still the year's count day, and the fingerprint of the inputs — the latest change to the map and to each
registry table, the newest assessment, the decisions issued and revoked, the map's equivalents — is
unchanged. The lower apps know nothing of this: every area and registry write stamps `updated_at`,
assessments are only ever added, and
a decision changes only by being issued or revoked. Otherwise the worker is asked to count the tallies
again (once, however many users are looking); meanwhile a screen shows the last ones with the time they
were counted, and an official report counts from the rows, which is always right.
"""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from areas.models import Area, Equivalent
from assessments.models import Assessment
from recognition.enums import DecisionStatus
from recognition.models import Decision
from registry.models import Clan, Household, Person, Unit
from reports.indicators import analytical, count_day, tally_statement
from reports.models import Tally, TallyYear

# A refresh asked for longer ago than this and still not done is asked for again (a worker may have died).
PATIENCE = datetime.timedelta(minutes=15)


def fingerprint() -> str:
    """The state of the tallies' inputs, in one statement of index probes and a look at the small decision
    and equivalent tables."""
    latest = [
        f"(SELECT MAX(updated_at) FROM {model._meta.db_table})" for model in (Area, Household, Person, Clan, Unit)
    ]
    decisions = f"FROM {Decision._meta.db_table} WHERE status <> %s"
    equivalents = Equivalent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(latest)}, (SELECT MAX(id) FROM {Assessment._meta.db_table}), "
            f"(SELECT COUNT(*) {decisions}), (SELECT MAX(issued_at) {decisions}), "
            f"(SELECT MAX(revoked_at) {decisions}), "
            f"(SELECT COUNT(*) FROM {equivalents}), (SELECT MAX(id) FROM {equivalents})",
            [DecisionStatus.DRAFT] * 3,
        )
        stamps = cursor.fetchone()
    return "|".join("" if stamp is None else str(stamp) for stamp in stamps)[:400]


def tally_refresh(*, years: list[int], today: datetime.date) -> None:
    """Count the tallies of `years` again, from every area's rows, in one transaction: readers see the old
    tallies until the new ones are all in."""
    years = sorted(set(years))
    inputs = fingerprint()
    started = timezone.now()
    with transaction.atomic():
        TallyYear.objects.bulk_create([TallyYear(year=year) for year in years], ignore_conflicts=True)
        # Two refreshes of the same years wait for each other rather than collide.
        list(TallyYear.objects.select_for_update().filter(year__in=years))
        Tally.objects.filter(year__in=years).delete()
        with connection.cursor() as cursor:
            analytical(cursor)
            for year in years:
                cursor.execute(*tally_statement((year,), today))
            # Fresh statistics, or the planner takes the new tallies for a handful of rows and loops over them.
            cursor.execute(f"ANALYZE {Tally._meta.db_table}")
        for year in years:
            TallyYear.objects.filter(year=year).update(
                counted_on=count_day(year, today), inputs=inputs, counted_at=started, requested_at=None
            )


@task()
def refresh_task(years: list[int], today: str) -> None:
    tally_refresh(years=years, today=datetime.date.fromisoformat(today))


@dataclass(frozen=True)
class Freshness:
    # Add up the tallies (otherwise count from the rows).
    tallied: bool
    # When stale tallies are added up while they are counted again: when they were counted.
    as_of: datetime.datetime | None = None


def freshness(years: tuple[int, ...], today: datetime.date, *, stale_ok: bool = False) -> Freshness:
    """Whether the tallies of `years` may be added up. When they are not fresh, a refresh is asked for — the
    task worker does it, at once in tests — and meanwhile, with `stale_ok`, the last ones serve with the time
    they were counted (a screen may say "as of"; an official report may not)."""
    if _fresh(years, today):
        return Freshness(True)
    now = timezone.now()
    pending = TallyYear.objects.filter(year__in=years, requested_at__gt=now - PATIENCE).values_list("year", flat=True)
    asked = sorted(set(years) - set(pending))
    if asked:
        TallyYear.objects.bulk_create([TallyYear(year=year) for year in asked], ignore_conflicts=True)
        TallyYear.objects.filter(year__in=asked).update(requested_at=now)
        refresh_task.enqueue(asked, today.isoformat())
        if _fresh(years, today):
            return Freshness(True)
    counted = [row.counted_at for row in TallyYear.objects.filter(year__in=years, counted_at__isnull=False)]
    if stale_ok and len(counted) == len(set(years)):
        return Freshness(True, min(counted))
    return Freshness(False)


def _fresh(years: tuple[int, ...], today: datetime.date) -> bool:
    counted = {row.year: row for row in TallyYear.objects.filter(year__in=years, counted_at__isnull=False)}
    if any(year not in counted or counted[year].counted_on != count_day(year, today) for year in years):
        return False
    inputs = fingerprint()
    return all(counted[year].inputs == inputs for year in years)
