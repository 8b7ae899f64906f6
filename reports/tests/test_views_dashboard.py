"""The dashboard of an area and of a user's group of areas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment
from areas.enums import Kind, Level
from areas.services import equivalents_rebuild
from reports.tests.conftest import household
from tests.world import make_area, make_user


def url(name, *args):
    return reverse(f"reports:{name}", args=args)


@pytest.mark.parametrize("name", ["start", "group", "indicators", "plans"])
def test_anonymous_users_are_sent_to_the_login_page(client, world, name):
    response = client.get(url(name))
    assert response.status_code == 302 and reverse("login") in response.url


def test_anonymous_users_cannot_see_an_area(client, ledger):
    response = client.get(url("area", ledger.world.commune_a.pk))
    assert response.status_code == 302 and reverse("login") in response.url


def test_another_communes_dashboard_answers_404(client_for, ledger):
    client = client_for(ledger.world.officer_b)
    assert client.get(url("area", ledger.world.commune_a.pk)).status_code == 404
    assert client.get(url("area_xlsx", ledger.world.commune_a.pk)).status_code == 404
    assert client.get(url("area_pdf", ledger.world.commune_a.pk)).status_code == 404
    # One area only: no group to show.
    assert client.get(url("group")).status_code == 404


def test_the_dashboard_refuses_other_methods(client_for, ledger):
    client = client_for(ledger.world.staff)
    for name, args in [
        ("area", [ledger.world.commune_a.pk]),
        ("group", []),
        ("start", []),
        ("area_xlsx", [ledger.world.commune_a.pk]),
    ]:
        assert client.post(url(name, *args)).status_code == 405


def test_a_user_starts_at_their_area(client_for, ledger):
    client = client_for(ledger.world.officer_a)
    assert client.get(url("start")).url == url("area", ledger.world.commune_a.pk)


def test_a_commune_shows_its_villages_against_the_most_local_plan(client_for, ledger):
    w = ledger.world
    response = client_for(w.officer_a).get(url("area", w.commune_a.pk), {"year": 2026})
    assert response.status_code == 200
    board = response.context["board"]
    assert [line.label for line in board.lines] == ["Tổ dân phố Đông", "Tổ dân phố Tây"]
    assert board.total.figure("families").numerator == 1 and board.total.figure("families").denominator == 3
    assert [plan.number for plan in board.plans] == ["387/QĐ-TTg"]
    content = response.content.decode()
    assert "Gia đình học tập" in content and "33,3%" in content
    assert "<svg" in content


def test_the_former_communes_roll_up_and_the_map_of_the_time_shows_them(client_for, ledger):
    w = ledger.world
    client = client_for(w.staff)
    now = client.get(url("area", w.province.pk), {"year": 2024}).context["board"]
    row = next(line for line in now.lines if line.area == w.commune_a)
    assert row.figure("families").numerator == 1.5 and not row.figure("families").exact
    then = client.get(url("area", w.commune_a.pk), {"year": 2024, "map": "then"}).context["board"]
    assert then.map == "then"
    assert {line.label for line in then.lines} == {"Xã Đồng Cũ", "Xã Chia Đôi"}
    # A former commune is in the staff's scope and shows its own villages, on its own map only.
    old = client.get(url("area", w.former.pk), {"year": 2024, "map": "now"}).context["board"]
    assert old.map == "then" and [line.label for line in old.lines] == ["Thôn Cũ"]
    assert old.years == [2021, 2022, 2023, 2024, 2025]


def test_a_year_without_a_map_of_the_time_stays_on_todays_map(client_for, ledger):
    board = client_for(ledger.world.staff).get(url("area", ledger.world.province.pk), {"year": 2026, "map": "then"})
    assert board.context["board"].map == "now" and not board.context["board"].map_offered


def test_a_user_holding_several_areas_sees_them_as_one_group(client_for, ledger):
    w = ledger.world
    user = make_user("hkh.nhom", Role.PROGRAMME_STAFF, w.commune_a)
    RoleAssignment.objects.create(user=user, role=Role.PROGRAMME_STAFF, area=w.commune_b)
    client = client_for(user)
    assert client.get(url("start")).url == url("group")
    board = client.get(url("group"), {"year": 2026}).context["board"]
    assert [line.area for line in board.lines] == [w.commune_a, w.commune_b]
    assert board.total.figure("families").numerator == 2 and board.total.figure("families").denominator == 4
    assert board.is_group and "2" in board.title


def test_wrong_filters_fall_back_to_the_defaults(client_for, ledger):
    response = client_for(ledger.world.staff).get(url("area", ledger.world.province.pk), {"year": "abc", "plan": "x"})
    assert response.status_code == 200 and response.context["board"].year == 2026


def test_the_dashboards_query_count_does_not_grow_with_communes_villages_or_subjects(client_for, ledger):
    w = ledger.world
    client = client_for(w.staff)

    def count() -> int:
        client.get(url("area", w.province.pk), {"year": 2026})  # the first view after a change counts the tallies
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("area", w.province.pk), {"year": 2026}).status_code == 200
        return len(queries.captured_queries)

    before = count()
    for number in range(3):
        commune = make_area(f"9010{number}", f"Xã Mới {number}", Kind.COMMUNE, Level.COMMUNE, w.province)
        for village_number in range(3):
            village = make_area(
                f"9010{number}.00{village_number}",
                f"Thôn {number}{village_number}",
                Kind.VILLAGE,
                Level.VILLAGE,
                commune,
            )
            household(village, f"HM{number}{village_number}", (1970, "farmer"), (1972, "farmer"))
    equivalents_rebuild()
    assert count() == before
