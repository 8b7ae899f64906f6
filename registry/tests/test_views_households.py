import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from khuyenhoc.text import fold
from registry import services
from registry.enums import EndReason, Gender, LabourGroup
from registry.models import Household, Person

TODAY = datetime.date.today()


@pytest.fixture
def household(world):
    household = services.household_create(
        commune=world.commune_a,
        village=world.village_a1,
        code="H001",
        head_name="Nguyễn Văn An",
        head_gender=Gender.MALE,
        head_birth_year=1970,
    )
    services.member_add(
        household=household, full_name="Trần Thị Bình", gender=Gender.FEMALE, birth_year=1972, citizen_id="034172001234"
    )
    return household


def url(name, *args):
    return reverse(f"registry:{name}", args=args)


# --- Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["households", "household_create", "persons", "household_export"])
def test_anonymous_users_are_sent_to_the_login_page(client, world, name):
    response = client.get(url(name, world.commune_a.pk))
    assert response.status_code == 302 and reverse("login") in response.url


def test_another_communes_households_answer_404(client_for, world, household):
    client = client_for(world.officer_b)
    assert client.get(url("households", world.commune_a.pk)).status_code == 404
    assert client.get(url("household", household.pk)).status_code == 404
    assert client.post(url("household_edit", household.pk), {"end": "1"}).status_code == 404
    person = household.members.first()
    assert client.get(url("person_edit", person.pk)).status_code == 404


def test_a_village_head_sees_only_their_village(client_for, world, household):
    client = client_for(world.head_a1)
    assert client.get(url("households", world.village_a1.pk)).status_code == 200
    assert client.get(url("household", household.pk)).status_code == 200
    assert client.get(url("households", world.village_a2.pk)).status_code == 404
    assert client.get(url("households", world.commune_a.pk)).status_code == 404
    assert client.get(reverse("registry:index")).url == url("households", world.village_a1.pk)


def test_a_viewer_may_look_but_not_change(client_for, world, household):
    client = client_for(world.viewer_a)
    assert client.get(url("households", world.commune_a.pk)).status_code == 200
    assert client.get(url("household", household.pk)).status_code == 200
    assert client.get(url("household_create", world.commune_a.pk)).status_code == 403
    assert client.post(url("household_edit", household.pk), {"head_name": "X"}).status_code == 403
    assert client.get(url("member_create", household.pk)).status_code == 403
    assert client.get(url("person_edit", household.members.first().pk)).status_code == 403


def test_list_and_detail_pages_refuse_other_methods(client_for, world, household):
    client = client_for(world.officer_a)
    assert client.post(url("households", world.commune_a.pk)).status_code == 405
    assert client.post(url("household", household.pk)).status_code == 405
    assert client.post(url("household_export", world.commune_a.pk)).status_code == 405
    assert client.delete(url("household_edit", household.pk)).status_code == 405


# --- Lists ------------------------------------------------------------------------------------------


def test_typing_a_name_without_accents_finds_the_household(client_for, world, household):
    services.household_create(
        commune=world.commune_a, village=world.village_a2, head_name="Lê Thị Hoa", head_gender=Gender.FEMALE
    )
    client = client_for(world.officer_a)
    body = client.get(url("households", world.commune_a.pk), {"q": "nguyen van a"}).content.decode()
    assert "Nguyễn Văn An" in body and "Lê Thị Hoa" not in body
    body = client.get(url("households", world.commune_a.pk), {"q": "NGUYEN an"}).content.decode()
    assert "Nguyễn Văn An" in body
    body = client.get(url("households", world.commune_a.pk), {"q": "h001"}).content.decode()
    assert "Nguyễn Văn An" in body and "Lê Thị Hoa" not in body


def test_the_list_filters_by_village_and_status(client_for, world, household):
    other = services.household_create(
        commune=world.commune_a, village=world.village_a2, head_name="Lê Thị Hoa", head_gender=Gender.FEMALE
    )
    client = client_for(world.officer_a)
    body = client.get(url("households", world.commune_a.pk), {"village": world.village_a2.pk}).content.decode()
    assert "Lê Thị Hoa" in body and "Nguyễn Văn An" not in body
    services.household_end(household=other, on=TODAY, reason=EndReason.MOVED)
    assert "Lê Thị Hoa" not in client.get(url("households", world.commune_a.pk)).content.decode()
    body = client.get(url("households", world.commune_a.pk), {"status": "inactive"}).content.decode()
    assert "Lê Thị Hoa" in body and "Nguyễn Văn An" not in body


def _queries(client, path: str, **query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, query).status_code == 200
    return len(queries.captured_queries)


def test_the_household_list_takes_as_many_queries_for_a_full_page_as_for_a_short_one(client_for, world):
    Household.objects.bulk_create(
        Household(
            commune=world.commune_a, area=world.village_a1, code=f"K{n:04d}", head_name=name, search_name=fold(name)
        )
        for n, name in enumerate(["Đào Văn Ít"] * 3 + ["Mai Văn Nhiều"] * 120)
    )
    client = client_for(world.officer_a)
    short = _queries(client, url("households", world.commune_a.pk), q="it")
    full = _queries(client, url("households", world.commune_a.pk), q="nhieu")
    assert short == full <= 10


def test_the_persons_list_takes_as_many_queries_for_a_full_page_as_for_a_short_one(client_for, world, household):
    Person.objects.bulk_create(
        Person(household=household, area=world.village_a1, full_name=name, search_name=fold(name), gender="male")
        for name in ["Đào Văn Ít"] * 3 + ["Mai Văn Nhiều"] * 120
    )
    client = client_for(world.officer_a)
    short = _queries(client, url("persons", world.commune_a.pk), q="it")
    full = _queries(client, url("persons", world.commune_a.pk), q="nhieu")
    assert short == full <= 10


def test_the_persons_list_searches_and_filters_by_labour_group(client_for, world, household):
    client = client_for(world.officer_a)
    services.member_add(
        household=household, full_name="Nguyễn Văn Cường", gender=Gender.MALE, labour_group=LabourGroup.WORKER
    )
    body = client.get(url("persons", world.commune_a.pk), {"q": "cuong"}).content.decode()
    assert "Nguyễn Văn Cường" in body and "Trần Thị Bình" not in body
    body = client.get(url("persons", world.commune_a.pk), {"group": "worker"}).content.decode()
    assert "Nguyễn Văn Cường" in body and "Nguyễn Văn An" not in body


def test_citizen_ids_are_masked_unless_the_user_may_see_personal_data(client_for, world, household):
    for name in ("household",):
        assert "034172001234" in client_for(world.officer_a).get(url(name, household.pk)).content.decode()
    body = client_for(world.viewer_a).get(url("household", household.pk)).content.decode()
    assert "034172001234" not in body and "0341••••••34" in body
    body = client_for(world.head_a1).get(url("persons", world.village_a1.pk)).content.decode()
    assert "034172001234" not in body and "0341••••••34" in body


def test_the_export_holds_the_filtered_list_with_ids_masked_for_viewers(client_for, world, household):
    services.household_create(
        commune=world.commune_a, village=world.village_a2, head_name="Lê Thị Hoa", head_gender=Gender.FEMALE
    )

    def rows(user, **query):
        response = client_for(user).get(url("household_export", world.commune_a.pk), query)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
        return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]

    exported = rows(world.officer_a, q="nguyen")
    assert [row[4] for row in exported] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert exported[0][:2] == ["H001", "Tổ dân phố Đông"] and exported[1][9] == "034172001234"
    assert rows(world.viewer_a, q="nguyen")[1][9] == "0341••••••34"


# --- Writing ----------------------------------------------------------------------------------------


def test_an_officer_adds_a_household_with_its_head(client_for, world):
    response = client_for(world.officer_a).post(
        url("household_create", world.commune_a.pk),
        {
            "code": "",
            "village": world.village_a2.pk,
            "head_name": "  Phạm   Văn Tú ",
            "head_gender": "male",
            "head_birth_year": "1985",
            "address": "",
            "clan": "",
            "active_from": "",
        },
    )
    household = Household.objects.get()
    assert response.status_code == 302 and response.url == url("household", household.pk)
    assert household.code == "HO00001" and household.head_name == "Phạm Văn Tú" and household.area == world.village_a2
    head = household.members.get()
    assert head.is_head and head.birth_year == 1985 and head.area == world.village_a2


def test_a_village_head_adds_a_household_in_their_village_only(client_for, world):
    client = client_for(world.head_a1)
    data = {"village": world.village_a1.pk, "head_name": "Đỗ Văn Bình", "head_gender": "male"}
    assert client.post(url("household_create", world.village_a1.pk), data).status_code == 302
    # Tây is not among the choices of a head of Đông.
    data["village"] = world.village_a2.pk
    response = client.post(url("household_create", world.village_a1.pk), data)
    assert response.status_code == 200 and Household.objects.count() == 1


def test_a_future_birth_year_is_refused_by_the_form(client_for, world):
    data = {"village": world.village_a1.pk, "head_name": "A", "head_gender": "male", "head_birth_year": "2999"}
    response = client_for(world.officer_a).post(url("household_create", world.commune_a.pk), data)
    assert "Năm sinh không thể ở tương lai." in response.content.decode()
    assert not Household.objects.exists()


def test_moving_a_household_moves_its_members_and_is_in_its_history(client_for, world, household):
    client = client_for(world.officer_a)
    data = {"code": "H001", "village": world.village_a2.pk, "head_name": "Nguyễn Văn An", "address": "Số 1", "clan": ""}
    assert client.post(url("household_edit", household.pk), data).status_code == 302
    household.refresh_from_db()
    assert household.area == world.village_a2
    assert set(household.members.values_list("area_id", flat=True)) == {world.village_a2.pk}
    body = client.get(url("household", household.pk)).content.decode()
    assert "Lịch sử của hộ" in body and "Số 1" in body and "Officer_A" in body


def test_a_household_that_moved_away_stops_counting_with_its_members(client_for, world, household):
    response = client_for(world.officer_a).post(
        url("household_edit", household.pk), {"end": "1", "on": TODAY.strftime("%d/%m/%Y"), "reason": "moved"}
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.active_to == TODAY and household.end_reason == EndReason.MOVED
    assert not household.members.active().exists() and household.members.count() == 2
    assert Household.objects.active().count() == 0


def test_a_member_is_added_then_made_head(client_for, world, household):
    client = client_for(world.officer_a)
    data = {"full_name": "Nguyễn Văn Cường", "gender": "male", "birth_year": "1995", "labour_group": "worker"}
    assert client.post(url("member_create", household.pk), {**data, "relation": "Con"}).status_code == 302
    person = household.members.get(full_name="Nguyễn Văn Cường")
    assert person.area == world.village_a1 and not person.is_head
    response = client.post(url("person_edit", person.pk), {**data, "relation": "Chủ hộ", "is_head": "on"})
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.head_name == "Nguyễn Văn Cường"
    assert list(household.members.filter(is_head=True)) == [person]


def test_a_member_who_died_stops_counting(client_for, world, household):
    person = household.members.get(full_name="Trần Thị Bình")
    response = client_for(world.officer_a).post(
        url("person_edit", person.pk), {"end": "1", "on": TODAY.strftime("%d/%m/%Y"), "reason": "deceased"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.active_to == TODAY and person.end_reason == EndReason.DECEASED


def test_an_officer_without_the_right_keeps_the_citizen_id_when_editing(client_for, world, household):
    person = household.members.get(full_name="Trần Thị Bình")
    data = {"full_name": "Trần Thị Bình", "gender": "female", "birth_year": "1972", "labour_group": "farmer"}
    assert client_for(world.head_a1).post(url("person_edit", person.pk), data).status_code == 302
    person.refresh_from_db()
    assert person.citizen_id == "034172001234" and person.labour_group == LabourGroup.FARMER
