import datetime

import pytest
from django.urls import reverse

from registry import services
from registry.enums import Gender, LabourGroup, UnitKind
from registry.models import Person, Unit


@pytest.fixture
def unit(world):
    return services.unit_create(
        commune=world.commune_a,
        name="Trường Tiểu học An Hòa",
        kind=UnitKind.SCHOOL,
        village=world.village_a1,
        code="DV1",
    )


def url(name, *args):
    return reverse(f"registry:{name}", args=args)


def test_anonymous_users_are_sent_to_the_login_page(client, world, unit):
    for path in (url("units", world.commune_a.pk), url("unit", unit.pk), url("unit_export", world.commune_a.pk)):
        assert reverse("login") in client.get(path).url


def test_another_communes_units_answer_404(client_for, world, unit):
    client = client_for(world.officer_b)
    assert client.get(url("units", world.commune_a.pk)).status_code == 404
    assert client.get(url("unit", unit.pk)).status_code == 404


def test_a_village_head_sees_the_units_of_their_village_read_only(client_for, world, unit):
    client = client_for(world.head_a1)
    assert "Trường Tiểu học An Hòa" in client.get(url("units", world.village_a1.pk)).content.decode()
    assert client.get(url("unit", unit.pk)).status_code == 200
    assert client.post(url("unit", unit.pk), {"name": "X", "kind": "school"}).status_code == 403


def test_a_viewer_may_not_add_a_unit(client_for, world):
    client = client_for(world.viewer_a)
    assert client.get(url("unit_create", world.commune_a.pk)).status_code == 403


def test_the_unit_list_refuses_posts(client_for, world):
    assert client_for(world.officer_a).post(url("units", world.commune_a.pk)).status_code == 405


def test_an_officer_adds_a_unit_and_its_staff_who_live_elsewhere(client_for, world):
    client = client_for(world.officer_a)
    data = {"code": "", "name": "UBND Phường An Hòa", "kind": "agency", "village": "", "staff_count": "25"}
    assert client.post(url("unit_create", world.commune_a.pk), data).status_code == 302
    unit = Unit.objects.get()
    assert unit.area == world.commune_a and unit.staff_count == 25 and unit.code == "DV00001"
    staff = {"full_name": "Hoàng Minh Tuấn", "gender": "male", "birth_year": "1985", "citizen_id": ""}
    assert client.post(url("staff_create", unit.pk), staff).status_code == 302
    person = Person.objects.get()
    assert person.household is None and person.unit == unit and person.area == world.commune_a
    assert person.labour_group == LabourGroup.OFFICIAL
    assert "Hoàng Minh Tuấn" in client.get(url("unit", unit.pk)).content.decode()


def test_moving_a_unit_moves_its_staff_who_live_elsewhere(client_for, world, unit):
    person = services.staff_add(unit=unit, full_name="Vũ Thị Lan", gender=Gender.FEMALE)
    data = {"code": "DV1", "name": unit.name, "kind": "school", "village": world.village_a2.pk, "staff_count": ""}
    assert client_for(world.officer_a).post(url("unit", unit.pk), data).status_code == 302
    person.refresh_from_db()
    assert person.area == world.village_a2


def test_a_unit_that_closed_stops_counting_with_its_staff_from_elsewhere(client_for, world, unit):
    person = services.staff_add(unit=unit, full_name="Vũ Thị Lan", gender=Gender.FEMALE)
    today = datetime.date.today()
    response = client_for(world.officer_a).post(
        url("unit", unit.pk), {"end": "1", "on": f"{today:%d/%m/%Y}", "reason": "dissolved"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.active_to == today and not Unit.objects.active().exists()
