"""Which plans apply where, and programme staff keeping them."""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment
from areas.enums import Level
from areas.models import Area
from areas.services import official_units_load
from reports.models import Plan, Target
from reports.selectors import plan_book
from reports.shipped import shipped_data_load
from tests.world import make_user


@pytest.fixture
def kim_bang(db):
    official_units_load(provinces=["35"])
    shipped_data_load()
    wards = list(
        Area.objects.current()
        .at_level(Level.COMMUNE)
        .filter(successions_in__predecessor__parent__code="350")
        .distinct()
        .order_by("code")
    )
    staff = make_user("hkh.kimbang", Role.PROGRAMME_STAFF, wards[0])
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=staff, role=Role.PROGRAMME_STAFF, area=ward) for ward in wards[1:]
    )
    return wards, staff


def test_the_district_plan_applies_to_the_six_wards_that_took_the_former_district(kim_bang):
    wards, _staff = kim_bang
    book = plan_book()
    assert len(wards) == 6
    assert [p.number for p in book.applying(*wards)] == ["387/QĐ-TTg", "54/KH-UBND"]
    # And to the former communes under it, and to a village of a ward (under a ward that succeeded it).
    van_xa = Area.objects.get(code="13417")
    assert [p.number for p in book.applying(van_xa)] == ["387/QĐ-TTg", "54/KH-UBND"]
    # Not to another ward of the province, nor to the whole province of today.
    other = Area.objects.current().at_level(Level.COMMUNE).exclude(pk__in=[w.pk for w in wards]).first()
    assert [p.number for p in book.applying(other)] == ["387/QĐ-TTg"]
    assert [p.number for p in book.applying(wards[0].parent)] == ["387/QĐ-TTg"]
    plan = next(p for p in book.plans if p.number == "54/KH-UBND")
    assert book.goal(plan, "families", 2024).value == 93


def test_a_plan_list_shows_every_plan_and_its_targets(client_for, kim_bang):
    _wards, staff = kim_bang
    response = client_for(staff).get(reverse("reports:plans"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "54/KH-UBND" in content and "387/QĐ-TTg" in content and "2030: 80%*" in content
    plan = Plan.objects.get(number="54/KH-UBND")
    assert response.context["editable"] == {plan.pk}


def test_the_staff_of_the_wards_that_took_a_former_district_edit_its_plan(client_for, kim_bang):
    _wards, staff = kim_bang
    plan = Plan.objects.get(number="54/KH-UBND")
    url = reverse("reports:plan_edit", args=[plan.pk])
    client = client_for(staff)
    assert client.get(url).status_code == 200
    data = {
        "number": "54/KH-UBND",
        "issuer": plan.issuer,
        "date": "16/03/2023",
        "title": plan.title,
        "note": "",
        "v_families_2025": "93",
        "v_families_2030": "98",
        "u_families_2030": "on",
        "v_families_2024": "85",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    families = {(t.year, t.value, t.unconfirmed) for t in Target.objects.filter(plan=plan, indicator__code="families")}
    assert families == {(2024, 85, False), (2025, 93, False), (2030, 98, True)}
    # Every other indicator's targets were emptied by the grid, as sent.
    assert not Target.objects.filter(plan=plan).exclude(indicator__code="families").exists()
    plan.refresh_from_db()
    assert plan.updated_by == staff


def test_a_target_outside_0_100_is_refused(client_for, kim_bang):
    _wards, staff = kim_bang
    plan = Plan.objects.get(number="54/KH-UBND")
    data = {"number": "54/KH-UBND", "issuer": "x", "date": "16/03/2023", "title": "x", "v_families_2025": "120"}
    response = client_for(staff).post(reverse("reports:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200
    assert Target.objects.get(plan=plan, indicator__code="families", year=2025).value == 93


def test_others_may_read_plans_but_not_change_them(client_for, kim_bang):
    wards, _staff = kim_bang
    officer = make_user("canbo", Role.COMMUNE_OFFICER, wards[0])
    one_ward = make_user("hkh.mot", Role.PROGRAMME_STAFF, wards[0])
    national = Plan.objects.get(number="387/QĐ-TTg")
    district = Plan.objects.get(number="54/KH-UBND")
    for user in (officer, one_ward):
        client = client_for(user)
        assert client.get(reverse("reports:plans")).status_code == 200
        assert client.get(reverse("reports:plan_edit", args=[district.pk])).status_code == 403
        assert client.post(reverse("reports:plan_edit", args=[national.pk]), {}).status_code == 403
    assert client_for(officer).get(reverse("reports:plan_create")).status_code == 403


def test_plan_pages_need_a_login_and_refuse_other_methods(client, client_for, kim_bang):
    _wards, staff = kim_bang
    plan = Plan.objects.get(number="54/KH-UBND")
    for url in (reverse("reports:plans"), reverse("reports:plan_create"), reverse("reports:plan_edit", args=[plan.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url
    assert client_for(staff).post(reverse("reports:plans")).status_code == 405
    assert client_for(staff).delete(reverse("reports:plan_edit", args=[plan.pk])).status_code == 405


def test_programme_staff_add_a_plan_for_their_area(client_for, kim_bang):
    wards, staff = kim_bang
    response = client_for(staff).post(
        reverse("reports:plan_create"),
        {
            "number": "12/KH-UBND",
            "issuer": "Ủy ban nhân dân phường Kim Bảng",
            "date": "10/01/2026",
            "title": "Kế hoạch năm 2026",
            "area": wards[0].pk,
            "period_start": 2026,
            "period_end": 2030,
        },
    )
    plan = Plan.objects.get(number="12/KH-UBND")
    assert response.url == reverse("reports:plan_edit", args=[plan.pk])
    assert plan.area == wards[0] and plan.date == datetime.date(2026, 1, 10) and plan.code == "12kh-ubnd-2026"
    assert [p.number for p in plan_book().applying(wards[0])][-1] == "12/KH-UBND"
