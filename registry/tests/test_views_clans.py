import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry import services
from registry.enums import Gender
from registry.models import Clan


@pytest.fixture
def clan(world):
    return services.clan_create(commune=world.commune_a, name="Dòng họ Nguyễn Văn", branch="Chi 2", code="DH01")


def url(name, *args):
    return reverse(f"registry:{name}", args=args)


def test_anonymous_users_are_sent_to_the_login_page(client, world, clan):
    for path in (url("clans", world.commune_a.pk), url("clan_edit", clan.pk)):
        assert reverse("login") in client.get(path).url


def test_another_communes_clans_answer_404(client_for, world, clan):
    client = client_for(world.officer_b)
    assert client.get(url("clans", world.commune_a.pk)).status_code == 404
    assert client.get(url("clan_edit", clan.pk)).status_code == 404


def test_a_viewer_sees_the_clans_but_may_not_change_them(client_for, world, clan):
    client = client_for(world.viewer_a)
    assert "Dòng họ Nguyễn Văn — Chi 2" in client.get(url("clans", world.commune_a.pk)).content.decode()
    assert client.get(url("clan_create", world.commune_a.pk)).status_code == 403
    assert client.post(url("clan_edit", clan.pk), {"name": "X"}).status_code == 403


def test_the_clan_list_refuses_posts(client_for, world):
    assert client_for(world.officer_a).post(url("clans", world.commune_a.pk)).status_code == 405


def test_an_officer_adds_edits_and_ends_a_clan(client_for, world):
    client = client_for(world.officer_a)
    data = {"code": "", "name": "Dòng họ Trần", "branch": "", "representative": "Trần Văn Hòa"}
    assert client.post(url("clan_create", world.commune_a.pk), data).status_code == 302
    clan = Clan.objects.get()
    assert clan.code == "DH00001" and clan.area == world.commune_a
    data = {**data, "code": "DH01", "branch": "Phái Đông"}
    assert client.post(url("clan_edit", clan.pk), data).status_code == 302
    clan.refresh_from_db()
    assert (
        clan.code == "DH01" and str(clan) == "Dòng họ Trần — Phái Đông" and clan.search_name == "dong ho tran phai dong"
    )
    today = datetime.date.today()
    response = client.post(url("clan_edit", clan.pk), {"end": "1", "on": f"{today:%d/%m/%Y}", "reason": "dissolved"})
    assert response.status_code == 302
    assert not Clan.objects.active().exists()


def test_the_clan_list_searches_without_accents_and_counts_member_households(client_for, world, clan):
    services.household_create(
        commune=world.commune_a, village=world.village_a1, head_name="Nguyễn Văn An", head_gender=Gender.MALE, clan=clan
    )
    services.clan_create(commune=world.commune_a, name="Dòng họ Lê")
    response = client_for(world.officer_a).get(url("clans", world.commune_a.pk), {"q": "nguyen chi"})
    rows = list(response.context["page_obj"])
    assert [(c.name, c.household_count) for c in rows] == [("Dòng họ Nguyễn Văn", 1)]


def test_the_clans_export_reimports_as_it_is(client_for, world, clan):
    response = client_for(world.officer_a).get(url("clan_export", world.commune_a.pk))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["Mã dòng họ", "Tên dòng họ", "Chi/phái", "Người đại diện"]
    assert [c.value for c in sheet[2]][:3] == ["DH01", "Dòng họ Nguyễn Văn", "Chi 2"]
