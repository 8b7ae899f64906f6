"""The set pages: list, detail, create, edit, publish, retire, new version, extend, delete."""

import pytest
from django.urls import reverse

from criteria import services
from criteria.enums import Status
from criteria.models import CriteriaSet


def url(name, *args):
    return reverse(f"criteria:{name}", args=args)


def test_anonymous_users_are_sent_to_the_login_page(client, national):
    for target in (url("list"), url("detail", national.pk), url("create")):
        response = client.get(target)
        assert response.status_code == 302 and reverse("login") in response.url


def test_everyone_reads_national_sets_and_the_sets_of_the_areas_above_them(client_for, world, national, province_set):
    body = client_for(world.viewer_a).get(url("list")).content.decode()
    assert "Bộ thử nghiệm" in body and "Bộ của tỉnh" in body
    assert client_for(world.officer_a).get(url("detail", province_set.pk)).status_code == 200


def test_another_communes_set_answers_404(client_for, world, commune_b_set):
    assert "Bộ của Xã Bình Minh" not in client_for(world.officer_a).get(url("list")).content.decode()
    assert client_for(world.officer_a).get(url("detail", commune_b_set.pk)).status_code == 404
    assert client_for(world.officer_b).get(url("detail", commune_b_set.pk)).status_code == 200


def test_the_list_filters_by_title_and_status(client_for, world, national, province_set, draft):
    client = client_for(world.staff)
    body = client.get(url("list"), {"title": "clan"}).content.decode()
    assert "Bộ của tỉnh" in body and "Bộ thử nghiệm" not in body
    body = client.get(url("list"), {"status": "draft"}).content.decode()
    assert "Bản nháp tỉnh" in body and "Bộ của tỉnh" not in body


def test_the_list_page_runs_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(12):
        services.criteria_set_create(
            by=world.staff, area=world.province, title="family", name=f"Bộ {n}", rule="pass_mark"
        )
    client = client_for(world.officer_a)
    with django_assert_max_num_queries(7):
        assert client.get(url("list")).status_code == 200


def test_the_detail_page_runs_a_fixed_number_of_queries(client_for, world, national, django_assert_max_num_queries):
    client = client_for(world.staff)
    with django_assert_max_num_queries(13):
        body = client.get(url("detail", national.pk)).content.decode()
    assert "1.1" in body and "Đạt khi được từ 80 trên 100 điểm trở lên" in body


def test_a_template_is_labelled_as_not_official(client_for, world, national):
    CriteriaSet.objects.filter(pk=national.pk).update(is_template=True)
    body = client_for(world.viewer_a).get(url("detail", national.pk)).content.decode()
    assert "không phải văn bản chính thức" in body


def test_pages_refuse_the_wrong_method(client_for, world, national):
    client = client_for(world.staff)
    assert client.post(url("detail", national.pk)).status_code == 405
    assert client.post(url("list")).status_code == 405
    for name in ("publish", "retire", "new_version", "delete"):
        assert client.get(url(name, national.pk)).status_code == 405


def test_staff_create_a_draft_for_their_province(client_for, world):
    response = client_for(world.staff).post(
        url("create"),
        {
            "area": world.province.pk,
            "title": "citizen",
            "name": "CDHT tỉnh",
            "rule": "pass_mark",
            "labour_groups": ["farmer", "official"],
        },
    )
    created = CriteriaSet.objects.get(name="CDHT tỉnh")
    assert response.status_code == 302 and response.url == url("detail", created.pk)
    assert (created.area, created.status, created.created_by) == (world.province, Status.DRAFT, world.staff)
    assert [v["key"] for v in created.variants] == ["farmer", "official"]


def test_a_viewer_and_a_commune_officer_may_not_create_sets(client_for, world):
    for user in (world.viewer_a, world.officer_a):
        assert client_for(user).get(url("create")).status_code == 403


def test_a_commune_officer_reads_the_province_set_but_may_not_change_it(client_for, world, province_set, draft):
    client = client_for(world.officer_a)
    assert client.post(url("new_version", province_set.pk)).status_code == 403
    assert client.post(url("retire", province_set.pk)).status_code == 403
    assert client.get(url("edit", draft.pk)).status_code == 403
    assert client.post(url("publish", draft.pk)).status_code == 403


def test_a_published_set_cannot_be_edited_only_versioned(client_for, world, national):
    client = client_for(world.staff)
    assert client.get(url("edit", national.pk)).status_code == 403
    response = client.post(url("new_version", national.pk))
    new = CriteriaSet.objects.get(key=national.key, version=2)
    assert response.url == url("detail", new.pk)
    assert client.get(url("edit", new.pk)).status_code == 200


def test_staff_edit_the_details_of_a_draft(client_for, world, draft):
    data = {
        "title": "family",
        "name": "Tên mới",
        "rule": "pass_mark",
        "total_points": "100",
        "pass_mark": "82,5",
        "item_floor": "5",
    }
    response = client_for(world.staff).post(url("edit", draft.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.name, str(draft.pass_mark)) == ("Tên mới", "82.50")


def test_publishing_a_draft_with_problems_shows_them_and_keeps_the_draft(client_for, world, draft):
    CriteriaSet.objects.filter(pk=draft.pk).update(total_points=90)
    client = client_for(world.staff)
    response = client.post(url("publish", draft.pk), follow=True)
    assert "Chưa công bố được bộ tiêu chí này." in response.content.decode()
    assert CriteriaSet.objects.get(pk=draft.pk).status == Status.DRAFT
    assert "không khớp tổng điểm đã khai là 90" in response.content.decode()


def test_staff_publish_then_retire_a_set(client_for, world, draft):
    client = client_for(world.staff)
    client.post(url("publish", draft.pk))
    assert CriteriaSet.objects.get(pk=draft.pk).status == Status.PUBLISHED
    client.post(url("retire", draft.pk))
    assert CriteriaSet.objects.get(pk=draft.pk).status == Status.RETIRED


def test_staff_delete_a_draft_but_not_a_published_set(client_for, world, draft, national):
    client = client_for(world.staff)
    assert client.post(url("delete", national.pk)).status_code == 403
    assert client.post(url("delete", draft.pk)).status_code == 302
    assert not CriteriaSet.objects.filter(pk=draft.pk).exists()


def test_staff_extend_the_national_set_for_their_province(client_for, world, national):
    client = client_for(world.staff)
    assert client.get(url("extend", national.pk)).status_code == 200
    response = client.post(url("extend", national.pk), {"area": world.province.pk, "name": "Bổ sung của tỉnh"})
    local = CriteriaSet.objects.get(name="Bổ sung của tỉnh")
    assert response.url == url("detail", local.pk)
    assert (local.extends, local.area, local.base_ids) == (national, world.province, [national.pk])


@pytest.mark.parametrize("user", ["officer_a", "viewer_a"])
def test_only_criteria_managers_may_extend(client_for, world, national, user):
    assert client_for(getattr(world, user)).get(url("extend", national.pk)).status_code == 403


def test_the_nav_links_to_the_criteria_sets(client_for, world):
    assert url("list") in client_for(world.viewer_a).get(reverse("home")).content.decode()
