"""The indicator SQL against the hand-counted ledger (see conftest.py), on both maps."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areas.enums import Kind, Level
from areas.models import Area
from areas.paths import SEGMENT_WIDTH
from areas.services import equivalents_rebuild, official_units_load, succession_record
from assessments.models import Assessment
from registry.models import Household, Person
from reports.enums import MapChoice
from reports.indicators import Figure, Frame, Wanted, figures, map_day
from reports.models import Indicator, ManualFigure
from reports.shipped import shipped_data_load
from reports.tallies import tally_refresh
from reports.tests.conftest import TODAY, Book, household
from tests.world import MERGER, make_area


def wanted() -> list[Wanted]:
    return [Wanted(i.code, i.computation, i.pk) for i in Indicator.objects.all()]


def frame_of(scope: Area, *years: int, map: str = MapChoice.NOW, key_length: int | None = None, today=TODAY):
    return Frame(
        scope=(scope.path,),
        key_length=key_length or len(scope.path) + SEGMENT_WIDTH,
        years=years,
        today=today,
        map=map,
    )


def rows(scope: Area, *years: int, indicators=None, **options):
    """The figures counted from the rows — checked equal to those added up from freshly counted tallies."""
    frame, indicators = frame_of(scope, *years, **options), indicators or wanted()
    counted = figures(frame, indicators)
    tally_refresh(years=list(years), today=frame.today)
    assert figures(frame, indicators, tallied=True) == counted
    return counted


def pair(result, area: Area, year: int, code: str) -> tuple:
    figure = result.get((area.path, year, code))
    return (figure.numerator, figure.denominator, figure.exact) if figure else None


def test_todays_map_counts_each_indicator_by_commune(ledger):
    w = ledger.world
    result = rows(w.province, 2026)
    a, b = w.commune_a, w.commune_b
    assert pair(result, a, 2026, "families") == (1, 3, True)  # H2: revoked, then left out
    assert pair(result, b, 2026, "families") == (1, 1, True)
    assert pair(result, a, 2026, "clans") == (1, 1, True)
    assert pair(result, b, 2026, "clans") == (0, 1, True)
    assert pair(result, a, 2026, "communities") == (1, 2, True)
    assert pair(result, b, 2026, "communities") == (0, 1, True)
    assert pair(result, a, 2026, "units") == (1, 1, True)
    assert pair(result, b, 2026, "units") is None
    # Workers of H1 (family and clan) and H3 (community A2), not H1's child nor H3's official nor H2.
    assert pair(result, a, 2026, "citizens_in_models") == (2, 3, True)
    assert pair(result, b, 2026, "citizens_in_models") == (0, 1, True)
    # U1's staff: H3's official and the member who lives outside; only the latter is a learning citizen.
    assert pair(result, a, 2026, "citizens_in_units") == (1, 2, True)
    assert result[(a.path, 2026, "families")].percent == Decimal("33.3")


def test_villages_are_rows_under_a_commune_and_commune_level_subjects_stay_on_the_commune(ledger):
    w = ledger.world
    result = rows(w.commune_a, 2026)
    assert pair(result, w.village_a1, 2026, "families") == (1, 2, True)
    assert pair(result, w.village_a2, 2026, "families") == (0, 1, True)
    assert pair(result, w.village_a2, 2026, "communities") == (1, 1, True)
    # Clans and this unit are registered on the commune: no village holds them, the commune's own key does.
    assert pair(result, w.commune_a, 2026, "clans") == (1, 1, True)
    assert pair(result, w.commune_a, 2026, "citizens_in_units") == (1, 2, True)


def test_a_former_communes_results_roll_up_into_its_successor_exactly_or_by_shares(ledger):
    w = ledger.world
    result = rows(w.province, 2024)
    # H1 recorded on Thôn Cũ (Xã Đồng Cũ → A whole) counts 1; H4 on Thôn Chia (split A/B) counts half in each.
    assert pair(result, w.commune_a, 2024, "families") == (Decimal("1.5"), 3, False)
    assert pair(result, w.commune_b, 2024, "families") == (Decimal("0.5"), 1, False)
    # The villages of 2024 are today's communities of that year, shared the same way.
    assert pair(result, w.commune_a, 2024, "communities") == (0, Decimal("1.5"), False)


def test_a_full_merger_alone_is_exact(ledger):
    w = ledger.world
    ledger.book.recognise(2023, "family", commune=w.former, area=w.former_village, household=ledger.h2)
    result = rows(w.province, 2023)
    assert pair(result, w.commune_a, 2023, "families") == (1, 3, True)


def test_the_map_of_the_time_counts_what_the_campaigns_of_the_time_took_where_they_were(ledger):
    w = ledger.world
    campaign = ledger.book.campaign(2024, "family", w.former)
    Assessment.objects.create(campaign=campaign, area=w.former_village, household=ledger.h2, subject_name="H2")
    result = rows(w.former.parent, 2024, map=MapChoice.THEN)
    assert pair(result, w.former, 2024, "families") == (1, 2, True)
    assert pair(result, ledger.split, 2024, "families") == (1, 1, True)
    assert pair(result, w.former, 2024, "communities") == (0, 1, True)


def test_the_map_of_the_time_takes_todays_persons_back_to_the_former_areas(ledger):
    """Workers of the families recognised in 2024 (H1's two adults in village A1, H4's in B1): commune A came
    from Xã Đồng Cũ (whole) and part of Xã Chia Đôi, so its persons are shared ⅔–⅓; commune B came only from
    Xã Chia Đôi, but by a partial succession. Both are estimates."""
    w = ledger.world
    result = rows(w.former.parent, 2024, map=MapChoice.THEN)
    assert pair(result, w.former, 2024, "citizens_in_models") == (0, Decimal("1.333333"), False)
    assert pair(result, ledger.split, 2024, "citizens_in_models") == (0, Decimal("1.666667"), False)


def test_the_map_of_the_time_follows_village_successions_exactly(ledger):
    """When today's village records which former village it was, its persons go back to it exactly."""
    w = ledger.world
    succession_record(predecessor=w.former_village, successor=w.village_a1, kind="full", effective_date=MERGER)
    result = rows(w.former, 2024, map=MapChoice.THEN)
    assert pair(result, w.former_village, 2024, "citizens_in_models") == (0, 2, True)


def test_a_village_that_came_from_another_communes_village_does_not_fall_back_on_its_commune(ledger):
    """Today's A2 was Thôn Chia of Xã Chia Đôi: none of its persons go back to Xã Đồng Cũ, while A1 (with no
    village succession) shares commune A's split, ⅔ to Xã Đồng Cũ."""
    w = ledger.world
    succession_record(predecessor=ledger.split_village, successor=w.village_a2, kind="full", effective_date=MERGER)
    ledger.book.recognise(2024, "family", commune=ledger.split, area=ledger.split_village, household=ledger.h3)
    result = rows(w.former, 2024, map=MapChoice.THEN)
    assert pair(result, w.former, 2024, "citizens_in_models") == (0, Decimal("1.333333"), False)


def test_entered_figures_roll_up_like_records(ledger):
    w = ledger.world
    trained = Indicator.objects.get(code="members_trained")
    ManualFigure.objects.create(indicator=trained, area=w.former, year=2024, numerator=40, denominator=50, source="x")
    ManualFigure.objects.create(
        indicator=trained, area=w.commune_a, year=2026, numerator=45, denominator=50, source="x"
    )
    ManualFigure.objects.create(indicator=trained, area=w.commune_b, year=2026, numerator=9, denominator=10, source="x")
    result = rows(w.province, 2024, 2026)
    assert pair(result, w.commune_a, 2024, "members_trained") == (40, 50, True)
    assert pair(result, w.commune_a, 2026, "members_trained") == (45, 50, True)
    then = rows(w.former.parent, 2024, map=MapChoice.THEN)
    assert pair(then, w.former, 2024, "members_trained") == (40, 50, True)
    # A whole-province key sums the communes.
    total = rows(w.province, 2026, key_length=len(w.province.path))
    assert pair(total, w.province, 2026, "members_trained") == (54, 60, True)


def test_workers_are_counted_from_15_and_by_the_households_active_on_the_count_day(ledger):
    w = ledger.world
    # The child born 2015 turns 15 in 2030; H1 leaves on 01/06/2026 and no longer counts for 2026.
    assert pair(rows(w.province, 2026), w.commune_a, 2026, "citizens_in_models") == (2, 3, True)
    Household.objects.filter(pk=ledger.h1.pk).update(active_to=datetime.date(2026, 6, 1))
    result = rows(w.province, 2026)
    assert pair(result, w.commune_a, 2026, "citizens_in_models") == (1, 1, True)
    assert pair(result, w.commune_a, 2026, "families") == (1, 2, True)
    # A person without a birth year is never a worker.
    Person.objects.filter(household=ledger.h3, birth_year=1990).update(birth_year=None)
    assert pair(rows(w.province, 2026), w.commune_a, 2026, "citizens_in_models") is None


def test_the_current_year_counts_on_today(ledger):
    w = ledger.world
    Household.objects.filter(pk=ledger.h2.pk).update(active_to=datetime.date(2026, 12, 1))
    on_29_11 = rows(w.province, 2026)
    on_31_12 = rows(w.province, 2026, today=datetime.date(2027, 1, 5))
    assert pair(on_29_11, w.commune_a, 2026, "families") == (1, 3, True)
    assert pair(on_31_12, w.commune_a, 2026, "families") == (1, 2, True)


def test_several_years_come_from_one_query_whatever_the_number_of_areas(ledger):
    w = ledger.world
    indicators = wanted()
    with CaptureQueriesContext(connection) as few:
        figures(frame_of(w.province, 2024, 2025, 2026), indicators)
    for number in range(5):
        village = make_area(f"90002.1{number}", f"Thôn {number}", Kind.VILLAGE, Level.VILLAGE, w.commune_b)
        household(village, f"HX{number}", (1970, "farmer"), (1975, "farmer"))
    equivalents_rebuild()
    with CaptureQueriesContext(connection) as more:
        result = figures(frame_of(w.province, 2024, 2025, 2026), indicators)
    # Besides the one statement, only the transaction's set-up (a savepoint; PostgreSQL's settings).
    assert len(few.captured_queries) == len(more.captured_queries)
    assert [q["sql"][:4] for q in more.captured_queries].count("WITH") == 1
    assert pair(result, w.commune_b, 2026, "families") == (1, 6, True)


def test_the_map_day_of_2025_is_the_last_day_before_the_reorganisation():
    assert map_day(2024, TODAY) == datetime.date(2024, 12, 31)
    assert map_day(2025, TODAY) == datetime.date(2025, 6, 30)


def test_figures_add_up_and_keep_the_estimate_flag():
    total = Figure(Decimal(1), Decimal(2)) + Figure(Decimal("0.5"), Decimal(1), exact=False)
    assert total == Figure(Decimal("1.5"), Decimal(3), exact=False)
    assert total.percent == Decimal("50.0")
    assert Figure(Decimal(0), Decimal(0)).percent is None


@pytest.mark.django_db
def test_a_2024_figure_of_xa_van_xa_appears_under_phuong_kim_bang_on_todays_map():
    official_units_load(provinces=["35"])
    shipped_data_load()
    van_xa = Area.objects.get(code="13417")
    kim_bang = Area.objects.get(name="Phường Kim Bảng", valid_to__isnull=True)
    village_then = make_area("13417.001", "Thôn Văn Xá", Kind.VILLAGE, Level.VILLAGE, van_xa, valid_to=MERGER)
    village_now = make_area("13384.001", "Tổ dân phố Văn Xá", Kind.RESIDENTIAL_GROUP, Level.VILLAGE, kim_bang)
    equivalents_rebuild()
    home = household(village_now, "VX1", (1975, "farmer"))
    household(village_now, "VX2", (1980, "farmer"))
    Book().recognise(2024, "family", commune=van_xa, area=village_then, household=home)
    result = rows(kim_bang.parent, 2024)
    assert pair(result, kim_bang, 2024, "families") == (1, 2, True)
    assert result[(kim_bang.path, 2024, "families")].percent == Decimal("50.0")
    # On the map of the time the same figure stays with Xã Văn Xá, inside the district of Kim Bảng.
    then = rows(van_xa.parent, 2024, map=MapChoice.THEN)
    assert pair(then, van_xa, 2024, "families")[0] == 1
