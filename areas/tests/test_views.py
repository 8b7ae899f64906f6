from django.urls import reverse

from areas.models import Area


def detail(area):
    return reverse("areas:detail", args=[area.pk])


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    response = client.get(detail(world.commune_a))
    assert response.status_code == 302 and reverse("login") in response.url


def test_an_officer_sees_their_commune_with_its_villages(client_for, world):
    response = client_for(world.officer_a).get(detail(world.commune_a))
    assert response.status_code == 200
    assert "Tổ dân phố Đông" in response.content.decode()


def test_an_officer_reads_the_history_of_the_commune_merged_into_theirs(client_for, world):
    response = client_for(world.officer_a).get(detail(world.former))
    assert response.status_code == 200
    assert "Thôn Cũ" in response.content.decode()


def test_another_communes_areas_answer_404(client_for, world):
    client = client_for(world.officer_b)
    assert client.get(detail(world.commune_a)).status_code == 404
    assert client.get(detail(world.village_a1)).status_code == 404


def test_an_officer_adds_a_village(client_for, world):
    url = reverse("areas:village_create", args=[world.commune_a.pk])
    response = client_for(world.officer_a).post(url, {"name": "Tổ dân phố Mới", "kind": "residential_group"})
    assert response.status_code == 302
    assert Area.objects.filter(parent=world.commune_a, name="Tổ dân phố Mới").exists()


def test_a_duplicate_village_is_refused_with_a_message_and_nothing_saved(client_for, world):
    url = reverse("areas:village_create", args=[world.commune_a.pk])
    before = Area.objects.count()
    response = client_for(world.officer_a).post(url, {"name": "tổ dân phố đông", "kind": "residential_group"})
    assert response.status_code == 200
    assert "đã có" in response.content.decode()
    assert Area.objects.count() == before


def test_an_officer_cannot_add_a_village_in_another_commune(client_for, world):
    url = reverse("areas:village_create", args=[world.commune_b.pk])
    assert client_for(world.officer_a).post(url, {"name": "Thôn X", "kind": "village"}).status_code == 404
    assert not Area.objects.filter(name="Thôn X").exists()


def test_a_viewer_may_look_but_not_add(client_for, world):
    client = client_for(world.viewer_a)
    assert client.get(detail(world.commune_a)).status_code == 200
    url = reverse("areas:village_create", args=[world.commune_a.pk])
    assert client.post(url, {"name": "Thôn X", "kind": "village"}).status_code == 403


def test_history_is_read_only_even_for_its_officer(client_for, world):
    url = reverse("areas:village_create", args=[world.former.pk])
    assert client_for(world.officer_a).post(url, {"name": "Thôn X", "kind": "village"}).status_code == 403


def test_an_officer_ends_a_village(client_for, world):
    url = reverse("areas:village_edit", args=[world.village_a2.pk])
    response = client_for(world.officer_a).post(url, {"end": "1", "on": "01/01/2026"})
    assert response.status_code == 302
    world.village_a2.refresh_from_db()
    assert str(world.village_a2.valid_to) == "2026-01-01"


def test_the_detail_page_refuses_other_methods(client_for, world):
    assert client_for(world.officer_a).post(detail(world.commune_a)).status_code == 405


def test_the_map_of_a_past_date_shows_the_areas_then(client_for, world):
    response = client_for(world.staff).get(detail(world.province), {"on": "30/06/2025"})
    body = response.content.decode()
    assert "Huyện Cũ" in body and "Phường An Hòa" not in body
