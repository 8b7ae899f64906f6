"""The editor of a draft: groups, items, bands, levels and their order."""

import pytest
from django.urls import reverse

from criteria import services
from criteria.models import Band, Group, Item, Level


def url(name, *args):
    return reverse(f"criteria:{name}", args=args)


@pytest.fixture
def banded_draft(world):
    return services.criteria_set_create(by=world.staff, area=world.province, title="unit", name="Đơn vị", rule="bands")


def test_anonymous_users_are_sent_to_the_login_page(client, draft):
    group = draft.groups.first()
    for target in (url("group_create", draft.pk), url("item_create", group.pk), url("group_edit", group.pk)):
        assert reverse("login") in client.get(target).url


def test_staff_add_a_group_and_an_item_to_a_draft(client_for, world, draft):
    client = client_for(world.staff)
    response = client.post(url("group_create", draft.pk), {"code": "3", "title": "Tiêu chí 3", "points": "10"})
    assert response.status_code == 302 and response.url == url("detail", draft.pk)
    group = draft.groups.get(code="3")
    data = {"code": "3.1", "text": "Đọc sách", "max_points": "10", "min_points": "2,5", "mandatory": "on"}
    assert client.post(url("item_create", group.pk), data).status_code == 302
    item = Item.objects.get(criteria_set=draft, code="3.1")
    assert (item.group, str(item.min_points), item.mandatory) == (group, "2.50", True)


def test_an_item_with_a_floor_above_its_maximum_is_refused_with_a_message(client_for, world, draft):
    group = draft.groups.first()
    data = {"code": "1.9", "text": "x", "max_points": "5", "min_points": "6"}
    response = client_for(world.staff).post(url("item_create", group.pk), data)
    assert response.status_code == 200
    assert "Điểm tối thiểu không được lớn hơn điểm tối đa." in response.content.decode()
    assert not Item.objects.filter(code="1.9").exists()


def test_a_duplicate_code_is_refused_with_a_message(client_for, world, draft):
    group = draft.groups.first()
    response = client_for(world.staff).post(
        url("item_create", group.pk), {"code": "1.1", "text": "x", "max_points": "5"}
    )
    assert "Mã 1.1 đã được dùng trong bộ tiêu chí này." in response.content.decode()


def test_staff_edit_and_delete_items_and_groups(client_for, world, draft):
    client = client_for(world.staff)
    item = draft.items.get(code="1.1")
    assert client.get(url("item_edit", item.pk)).status_code == 200
    client.post(url("item_edit", item.pk), {"code": "1.1", "text": "Lời mới", "max_points": "25"})
    assert Item.objects.get(pk=item.pk).text == "Lời mới"
    client.post(url("item_delete", item.pk))
    assert not Item.objects.filter(pk=item.pk).exists()
    group = draft.groups.get(code="2")
    client.post(url("group_edit", group.pk), {"code": "2", "title": "Tên nhóm mới", "points": ""})
    assert Group.objects.get(pk=group.pk).title == "Tên nhóm mới"
    client.post(url("group_delete", group.pk))
    assert not Group.objects.filter(pk=group.pk).exists()


def test_moving_an_item_with_htmx_returns_the_editor_alone(client_for, world, draft):
    item = draft.items.get(code="1.2")
    response = client_for(world.staff).post(url("item_move", item.pk), {"direction": "up"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="editor"') and "<html" not in body
    assert list(draft.groups.get(code="1").items.order_by("position").values_list("code", flat=True)) == ["1.2", "1.1"]


def test_moving_a_group_without_htmx_returns_to_the_page(client_for, world, draft):
    group = draft.groups.get(code="2")
    response = client_for(world.staff).post(url("group_move", group.pk), {"direction": "up"})
    assert response.status_code == 302 and response.url.endswith("#editor")
    assert list(draft.groups.order_by("position").values_list("code", flat=True)) == ["2", "1"]


def test_staff_add_and_delete_bands_and_levels(client_for, world, banded_draft):
    client = client_for(world.staff)
    client.post(url("band_create", banded_draft.pk), {"label": "Tốt", "low": "85", "high": "100", "passes": "on"})
    band = Band.objects.get(criteria_set=banded_draft)
    assert (band.label, band.passes) == ("Tốt", True)
    client.post(url("band_delete", band.pk))
    assert not Band.objects.exists()
    client.post(url("level_create", banded_draft.pk), {"number": "1", "name": "Mức 1"})
    level = Level.objects.get(criteria_set=banded_draft)
    client.post(url("level_delete", level.pk))
    assert not Level.objects.exists()


def test_the_editor_refuses_the_wrong_method(client_for, world, draft):
    client = client_for(world.staff)
    item, group = draft.items.first(), draft.groups.first()
    for target in (
        url("item_move", item.pk),
        url("item_delete", item.pk),
        url("group_move", group.pk),
        url("group_delete", group.pk),
    ):
        assert client.get(target).status_code == 405


def test_a_viewer_and_a_commune_officer_may_not_edit_the_province_draft(client_for, world, draft):
    group, item = draft.groups.first(), draft.items.first()
    for user in (world.viewer_a, world.officer_a):
        client = client_for(user)
        assert client.get(url("group_create", draft.pk)).status_code == 403
        assert client.post(url("item_move", item.pk), {"direction": "up"}).status_code == 403
        assert client.post(url("group_delete", group.pk)).status_code == 403


def test_another_communes_draft_answers_404(client_for, world):
    other = services.criteria_set_create(by=world.staff, area=world.commune_b, title="unit", name="B", rule="pass_mark")
    group = services.group_create(by=world.staff, criteria_set=other, code="1", title="Một")
    client = client_for(world.officer_a)
    assert client.get(url("group_create", other.pk)).status_code == 404
    assert client.get(url("item_create", group.pk)).status_code == 404


def test_a_published_sets_parts_cannot_be_edited(client_for, world, national):
    client = client_for(world.staff)
    item = national.items.first()
    assert client.get(url("item_edit", item.pk)).status_code == 403
    assert client.post(url("item_delete", item.pk)).status_code == 403
    assert client.get(url("group_create", national.pk)).status_code == 403
