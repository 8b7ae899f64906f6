"""The tallies serve the dashboards while they describe their inputs, and are counted again when not.
(That added-up tallies equal the figures counted from the rows is checked by every test of
test_indicators.py.)"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from areas.enums import Kind, Level
from areas.services import equivalents_rebuild, village_end
from assessments.models import Assessment
from recognition.services import decision_revoke
from registry.enums import EndReason, Gender
from registry.models import Person
from registry.services import household_end
from reports.models import Tally, TallyYear
from reports.tallies import Freshness, freshness, tally_refresh
from reports.tests.conftest import TODAY, household
from tests.world import make_area

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def enqueued() -> list:
    return task_backends["default"].results


def test_a_refresh_counts_every_source_of_every_area(ledger):
    w = ledger.world
    tally_refresh(years=[2026], today=TODAY)
    assert Tally.objects.get(part="family.recognised", year=2026, area=w.village_a1).num == 1
    assert Tally.objects.get(part="family.registry", year=2026, area=w.village_a1).den == 2
    workers = Tally.objects.get(part="workers", year=2026, area=w.village_a1)
    assert (workers.num, workers.den) == (1, 2)
    assert Tally.objects.get(part="community.villages", year=2026, area=w.village_a1).den == 1
    year = TallyYear.objects.get(year=2026)
    assert year.counted_on == TODAY and year.counted_at and year.requested_at is None
    assert freshness((2026,), TODAY).tallied


def revoke(ledger):
    decision = ledger.book.decisions[(ledger.book.campaigns[(2026, "family", ledger.world.commune_a.pk)].pk, "issued")]
    decision_revoke(by=ledger.world.staff, decision=decision, reason="Sai sót", revoking_decision="9/QĐ-UBND")


def end_household(ledger):
    household_end(household=ledger.h4, on=datetime.date(2026, 6, 1), reason=EndReason.MOVED)


def add_person(ledger):
    Person.objects.create(
        area=ledger.world.village_b1, household=ledger.h4, full_name="Mới", birth_year=2000, gender=Gender.MALE
    )


def add_assessment(ledger):
    campaign = ledger.book.campaign(2025, "family", ledger.world.commune_b)
    Assessment.objects.create(campaign=campaign, area=ledger.world.village_b1, household=ledger.h4, subject_name="x")


def end_village(ledger):
    village_end(village=ledger.world.village_b1, on=datetime.date(2026, 6, 1))


def add_village(ledger):
    village = make_area("90002.009", "Thôn Mới", Kind.VILLAGE, Level.VILLAGE, ledger.world.commune_b)
    household(village, "HN", (1970, "farmer"))
    equivalents_rebuild()


@pytest.mark.parametrize("change", [revoke, end_household, add_person, add_assessment, end_village, add_village])
def test_a_change_to_an_input_makes_the_tallies_stale_and_asks_for_one_refresh(ledger, settings, change):
    tally_refresh(years=[2025, 2026], today=TODAY)
    settings.TASKS = DUMMY
    assert freshness((2025, 2026), TODAY).tallied and not enqueued()
    change(ledger)
    assert not freshness((2025, 2026), TODAY).tallied
    assert not freshness((2026,), TODAY).tallied  # asked already: not again
    assert [list(result.args) for result in enqueued()] == [[[2025, 2026], "2026-11-29"]]


def test_the_current_years_tallies_are_counted_again_on_a_new_day(ledger, settings):
    tally_refresh(years=[2025, 2026], today=TODAY)
    settings.TASKS = DUMMY
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert freshness((2025,), tomorrow).tallied  # 2025 was counted on 31/12/2025 either way
    assert not freshness((2026,), tomorrow).tallied


def test_a_refresh_asked_long_ago_and_never_done_is_asked_again(ledger, settings):
    settings.TASKS = DUMMY
    assert not freshness((2026,), TODAY).tallied
    TallyYear.objects.filter(year=2026).update(requested_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    assert not freshness((2026,), TODAY).tallied
    assert len(enqueued()) == 2


def test_the_dashboard_follows_a_revoked_decision_at_once(client_for, ledger):
    w = ledger.world
    client = client_for(w.staff)
    address = reverse("reports:area", args=[w.province.pk])

    def families_of_a() -> tuple:
        board = client.get(address, {"year": 2026}).context["board"]
        line = next(line for line in board.lines if line.area == w.commune_a)
        return line.figure("families").numerator, line.figure("families").denominator

    assert families_of_a() == (1, 3)
    assert TallyYear.objects.get(year=2026).counted_at  # the view had the tallies counted (at once, in tests)
    revoke(ledger)
    assert families_of_a() == (0, 3)


def test_a_screen_shows_the_last_tallies_with_their_time_while_they_are_counted_again(client_for, ledger, settings):
    w = ledger.world
    today = timezone.localdate()  # the view's
    tally_refresh(years=list(range(2021, today.year + 1)), today=today)
    settings.TASKS = DUMMY
    revoke(ledger)
    assert freshness((2026,), today, stale_ok=True).as_of == TallyYear.objects.get(year=2026).counted_at
    assert freshness((2026,), today) == Freshness(tallied=False)  # an official report counts from the rows
    response = client_for(w.staff).get(reverse("reports:area", args=[w.province.pk]), {"year": 2026})
    board = response.context["board"]
    line = next(line for line in board.lines if line.area == w.commune_a)
    assert line.figure("families").numerator == 1 and board.as_of
    assert "đang được cập nhật" in response.content.decode()
    asked = len(enqueued())
    exported = client_for(w.staff).get(reverse("reports:area_xlsx", args=[w.province.pk]), {"year": 2026})
    assert exported.status_code == 200 and len(enqueued()) == asked  # the refresh was asked for already
