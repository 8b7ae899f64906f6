from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.enums import ScoreLayer, Stage, Status
from assessments.tests.test_services import advance_to, register_all


@pytest.fixture
def an(cw):
    """Nguyễn Văn An, registered, in a campaign at the self-assessment stage."""
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    return cw.assessment("Nguyễn Văn An")


def url(assessment) -> str:
    return reverse("assessments:self_assess", args=[assessment.pk])


def form(assessment, **points) -> dict:
    data = {"version": assessment.version, "save": "1"}
    for code in ("1.1", "1.2", "2.1", "2.2"):
        data[f"points-{code}"] = ""
        data[f"explain-{code}"] = ""
    return data | {key.replace("_", "-", 1).replace("_", "."): value for key, value in points.items()}


def own(assessment) -> dict[str, Decimal]:
    return dict(assessment.scores.filter(layer=ScoreLayer.SELF).values_list("item_code", "points"))


def test_it_needs_a_login(client, an):
    response = client.get(url(an))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_is_hidden_from_other_communes(client_for, cw, an):
    assert client_for(cw.world.officer_b).get(url(an)).status_code == 404


def test_a_viewer_reads_the_form_but_cannot_save(client_for, cw, an):
    client = client_for(cw.world.viewer_a)
    page = client.get(url(an)).content.decode()
    assert "Con em đi học đầy đủ" in page and 'id="scores"' not in page
    assert client.post(url(an), form(an, points_1_2="20")).status_code == 403
    assert not own(an)


def test_it_refuses_other_methods(client_for, cw, an):
    assert client_for(cw.world.head_a1).delete(url(an)).status_code == 405


def test_the_form_shows_the_items_grouped_with_their_evidence_badge(client_for, cw, an):
    page = client_for(cw.world.head_a1).get(url(an)).content.decode()
    assert page.index("Tiêu chí 1") < page.index("Con em đi học đầy đủ") < page.index("Tiêu chí 2")
    assert page.count("cần minh chứng") == 1  # only 1.1 asks for evidence
    assert 'name="explain-1.1"' in page and 'name="explain-1.2"' not in page


def test_the_village_head_saves_points_with_a_decimal_comma_and_sees_the_total(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    response = client.post(url(an), form(an, points_1_2="20,5", points_2_1="18"), follow=True)
    assert own(an) == {"1.2": Decimal("20.5"), "2.1": Decimal(18)}
    an.refresh_from_db()
    assert an.self_total == Decimal("38.5") and an.status == Status.REGISTERED
    page = response.content.decode()
    assert "38,5" in page and 'value="20,5"' in page


def test_sending_saves_then_hands_the_self_assessment_to_the_village(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    data = form(an, points_1_2="20") | {"send": "1"}
    data.pop("save")
    response = client.post(url(an), data, follow=True)
    an.refresh_from_db()
    assert an.status == Status.SELF_ASSESSED and an.self_submitted_at is not None
    assert 'id="scores"' not in response.content.decode()


def test_points_outside_an_items_range_are_refused_and_nothing_is_stored(client_for, cw, an):
    response = client_for(cw.world.head_a1).post(url(an), form(an, points_1_2="26", points_2_1="10"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "26" in page and "25" in page and 'value="26"' in page
    assert not own(an)


def test_points_that_are_not_numbers_are_refused(client_for, cw, an):
    response = client_for(cw.world.head_a1).post(url(an), form(an, points_1_2="hai mươi"))
    assert response.status_code == 400 and "phải là một số" in response.content.decode()
    assert not own(an)


def test_points_without_the_evidence_an_item_asks_for_need_an_explanation(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    response = client.post(url(an), form(an, points_1_1="20"))
    assert response.status_code == 400 and "1.1" in response.content.decode()
    assert not own(an)
    client.post(url(an), form(an, points_1_1="20", explain_1_1="Giấy xác nhận của trường nộp sau"))
    assert own(an) == {"1.1": Decimal(20)}
    assert an.scores.get(item_code="1.1").explanation == "Giấy xác nhận của trường nộp sau"


def test_a_closed_stage_refuses_with_a_message(client_for, cw):
    register_all(cw)
    an = cw.assessment("Nguyễn Văn An")
    client = client_for(cw.world.head_a1)
    assert "sau khi đăng ký" in client.get(url(an)).content.decode()
    response = client.post(url(an), form(an, points_1_2="20"))
    assert response.status_code == 400 and "Không thể thực hiện ở giai đoạn" in response.content.decode()
    assert not own(an)


def test_a_save_on_a_stale_page_is_refused(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    stale = form(an, points_1_2="10")
    client.post(url(an), form(an, points_1_2="20"))
    response = client.post(url(an), stale)
    assert response.status_code == 400 and "người khác" in response.content.decode()
    assert own(an) == {"1.2": Decimal(20)}


def test_a_subject_out_of_the_heads_village_is_out_of_scope(client_for, cw, an):
    dung = cw.assessment("Phạm Thị Dung")  # Tổ dân phố Tây
    client = client_for(cw.world.head_a1)
    assert client.get(url(dung)).status_code == 404
    assert client.post(url(dung), form(dung, points_1_2="20")).status_code == 404
    assert not own(dung)
