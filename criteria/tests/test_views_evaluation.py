"""The preview form and the what-if page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria import services
from criteria.tests.builders import spec


def url(name, *args):
    return reverse(f"criteria:{name}", args=args)


def test_anonymous_users_are_sent_to_the_login_page(client, national):
    for target in (url("preview", national.pk), url("whatif", national.pk), url("score_sheet", national.pk)):
        assert reverse("login") in client.get(target).url


def test_the_preview_shows_the_form_a_household_fills_in(client_for, world, national):
    body = client_for(world.viewer_a).get(url("preview", national.pk)).content.decode()
    assert "Phiếu tự đánh giá" in body and "Chấm từ 0 đến 25 điểm" in body and 'name="item-2.2"' in body


def test_evaluating_a_sample_subject_shows_the_outcome_and_its_reasons(client_for, world, national):
    scores = {"item-1.1": "25", "item-1.2": "25", "item-2.1": "25", "item-2.2": "4,5"}
    body = client_for(world.viewer_a).post(url("preview", national.pk), scores).content.decode()
    assert "Kết quả: Chưa đạt" in body
    assert "Mục 2.2 được 4,5 điểm, dưới mức sàn 5 điểm." in body
    assert "Tổng điểm 79,5 thấp hơn điểm đạt 80." in body


def test_with_htmx_only_the_outcome_comes_back(client_for, world, national):
    scores = {"item-1.1": "25", "item-1.2": "25", "item-2.1": "25", "item-2.2": "5"}
    body = client_for(world.viewer_a).post(url("preview", national.pk), scores, HTTP_HX_REQUEST="true").content.decode()
    assert "Kết quả: Đạt" in body and "<html" not in body


def test_a_score_above_the_maximum_is_refused_not_clipped(client_for, world, national):
    scores = {"item-1.1": "26", "item-1.2": "25", "item-2.1": "25", "item-2.2": "25"}
    body = client_for(world.viewer_a).post(url("preview", national.pk), scores).content.decode()
    assert "Điểm của mục 1.1 là 26, vượt điểm tối đa 25." in body


def test_a_set_with_forms_asks_for_the_form_first(client_for, world):
    groups = [
        {
            "code": "1",
            "items": [
                {"code": "1.1", "text": "Chung", "max": 50},
                {"code": "1.2", "text": "Cán bộ", "max": 50, "forms": ["official"]},
                {"code": "1.3", "text": "Nông dân", "max": 50, "forms": ["farmer"]},
            ],
        }
    ]
    forms = [{"key": "farmer", "label": "Nông dân"}, {"key": "official", "label": "Cán bộ"}]
    citizen = services.criteria_set_import(
        by=world.staff, spec=spec(title="citizen", forms=forms, groups=groups, item_floor=None), area=world.province
    )
    client = client_for(world.staff)
    assert 'name="item-1.1"' not in client.get(url("preview", citizen.pk)).content.decode()
    body = client.get(url("preview", citizen.pk), {"form": "official"}).content.decode()
    assert 'name="item-1.2"' in body and 'name="item-1.3"' not in body


def test_the_whatif_counts_who_would_pass(client_for, world, national):
    table = "Đối tượng,1.1,1.2,2.1,2.2\nHộ An,25,25,25,5\nHộ Bình,25,25,25,4.5\nHộ Cường,25,25,25,30\n"
    file = SimpleUploadedFile("diem.csv", table.encode())
    body = client_for(world.viewer_a).post(url("whatif", national.pk), {"file": file}).content.decode()
    assert "1 trên 2 đối tượng sẽ đạt." in body and "1 dòng bị từ chối." in body
    assert "Hộ Bình" in body and "Mục 2.2 được 4,5 điểm, dưới mức sàn 5 điểm." in body
    assert "Điểm của mục 2.2 là 30, vượt điểm tối đa 25." in body


def test_the_whatif_names_an_unknown_column(client_for, world, national):
    file = SimpleUploadedFile("diem.csv", "Đối tượng,1.1,ghi chú\nA,1,x\n".encode())
    body = client_for(world.viewer_a).post(url("whatif", national.pk), {"file": file}).content.decode()
    assert "Không có cột “ghi chú”" in body


def test_the_empty_score_table_lists_every_item_code(client_for, world, national):
    response = client_for(world.viewer_a).get(url("score_sheet", national.pk))
    assert response.content.decode("utf-8-sig").splitlines() == ["Đối tượng,1.1,1.2,2.1,2.2"]


def test_another_communes_set_answers_404_and_other_methods_405(client_for, world, commune_b_set, national):
    client = client_for(world.officer_a)
    assert client.get(url("preview", commune_b_set.pk)).status_code == 404
    assert client.get(url("whatif", commune_b_set.pk)).status_code == 404
    assert client.put(url("preview", national.pk)).status_code == 405
    assert client.post(url("score_sheet", national.pk)).status_code == 405
