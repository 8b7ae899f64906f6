import io

from django.urls import reverse
from openpyxl import load_workbook

from registry import services
from registry.enums import Gender


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    assert reverse("login") in client.get(reverse("registry:communities", args=[world.commune_a.pk])).url
    assert reverse("login") in client.get(reverse("registry:index")).url


def test_another_communes_villages_answer_404(client_for, world):
    url = reverse("registry:communities", args=[world.commune_a.pk])
    assert client_for(world.officer_b).get(url).status_code == 404


def test_the_villages_are_listed_with_what_each_counts(client_for, world):
    services.household_create(
        commune=world.commune_a, village=world.village_a2, head_name="Lê Thị Hoa", head_gender=Gender.FEMALE
    )
    response = client_for(world.viewer_a).get(reverse("registry:communities", args=[world.commune_a.pk]))
    counts = {v.name: (v.household_count, v.person_count) for v in response.context["communities"]}
    assert counts == {"Tổ dân phố Đông": (0, 0), "Tổ dân phố Tây": (1, 1)}
    assert (
        client_for(world.viewer_a).post(reverse("registry:communities", args=[world.commune_a.pk])).status_code == 405
    )


def test_the_villages_export_lists_them_with_the_communes_code(client_for, world):
    response = client_for(world.officer_a).get(reverse("registry:community_export", args=[world.commune_a.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [[c.value for c in row][:3] for row in sheet.iter_rows(min_row=2)] == [
        ["90001", "Tổ dân phố Đông", "Tổ dân phố"],
        ["90001", "Tổ dân phố Tây", "Tổ dân phố"],
    ]


def test_the_registry_starts_at_the_users_communes(client_for, world):
    assert client_for(world.officer_a).get(reverse("registry:index")).url == reverse(
        "registry:households", args=[world.commune_a.pk]
    )
    body = client_for(world.staff).get(reverse("registry:index")).content.decode()
    assert "Phường An Hòa" in body and "Xã Bình Minh" in body and "chưa có hộ nào" in body
