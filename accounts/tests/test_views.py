import pytest
from django.urls import reverse

from accounts.models import RoleAssignment, User
from tests.world import make_user


def test_the_login_page_logs_a_user_in(client, world):
    response = client.post(reverse("login"), {"username": "officer_a", "password": "a-long-test-password"})
    assert response.status_code == 302 and response.url == reverse("home")


def test_a_wrong_password_is_refused(client, world):
    response = client.post(reverse("login"), {"username": "officer_a", "password": "nope"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_the_home_page_names_the_role_and_area(client_for, world):
    body = client_for(world.officer_a).get(reverse("home")).content.decode()
    assert "Phường An Hòa" in body


def test_the_home_page_asks_an_officer_to_enter_villages_when_there_are_none(client_for, world):
    todo = "Nhập danh sách thôn, tổ dân phố của Xã Bình Minh"
    assert todo not in client_for(world.officer_b).get(reverse("home")).content.decode()
    world.village_b1.delete()
    assert todo in client_for(world.officer_b).get(reverse("home")).content.decode()


def test_logout_needs_post(client_for, world):
    client = client_for(world.officer_a)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_a_password_is_changed(client_for, world):
    client = client_for(world.officer_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": "x7-new-secret-pw",
            "new_password2": "x7-new-secret-pw",
        },
    )
    assert response.status_code == 302
    world.officer_a.refresh_from_db()
    assert world.officer_a.check_password("x7-new-secret-pw")


def test_the_user_list_shows_only_accounts_in_scope(client_for, world):
    body = client_for(world.officer_a).get(reverse("accounts:users")).content.decode()
    assert "head_a1" in body and "officer_b" not in body and "staff" not in body


def test_accounts_of_another_commune_answer_404(client_for, world):
    assert client_for(world.officer_a).get(reverse("accounts:user", args=[world.officer_b.pk])).status_code == 404


def test_a_village_head_cannot_open_the_account_pages(client_for, world):
    assert client_for(world.head_a1).get(reverse("accounts:users")).status_code == 403


def test_an_officer_creates_a_village_head_in_a_village_of_their_commune(client_for, world):
    url = reverse("accounts:user_create", args=[world.village_a2.pk])
    data = {
        "username": "Head_A2",
        "full_name": "Ngô Thị Hoa",
        "phone": "",
        "password": "tdp-tay-2026!",
        "role": "village_head",
    }
    response = client_for(world.officer_a).post(url, data)
    assert response.status_code == 302
    user = User.objects.get(username="head_a2")
    assert user.roles_over(world.village_a2) == {"village_head"}


def test_an_officer_may_not_create_another_commune_officer(client_for, world):
    url = reverse("accounts:user_create", args=[world.commune_a.pk])
    data = {"username": "boss", "full_name": "X", "phone": "", "password": "tdp-tay-2026!", "role": "commune_officer"}
    response = client_for(world.officer_a).post(url, data)
    assert response.status_code == 200
    assert not User.objects.filter(username="boss").exists()


def test_an_officer_cannot_create_accounts_in_another_commune(client_for, world):
    url = reverse("accounts:user_create", args=[world.commune_b.pk])
    assert client_for(world.officer_a).get(url).status_code == 404


def test_an_officer_takes_a_role_away_only_inside_their_commune(client_for, world):
    client = client_for(world.officer_a)
    assignment = RoleAssignment.objects.get(user=world.viewer_a)
    url = reverse("accounts:role_revoke", args=[world.viewer_a.pk, assignment.pk])
    assert client.post(url).status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    other = RoleAssignment.objects.get(user=world.officer_b)
    url = reverse("accounts:role_revoke", args=[world.officer_b.pk, other.pk])
    assert client.post(url).status_code == 404


def test_a_viewer_cannot_deactivate_anyone(client_for, world):
    url = reverse("accounts:user_set_active", args=[world.head_a1.pk])
    assert client_for(world.viewer_a).post(url, {"active": "0"}).status_code == 403


@pytest.mark.parametrize("flags", [{"is_staff": True}, {}])
def test_the_admin_is_for_superusers_only(client, world, flags):
    user = make_user("clerk", **flags)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response.url


def test_a_superuser_opens_the_admin(client, world):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 200
