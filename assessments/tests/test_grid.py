"""The village review grid: who may see and change it, saving cell by cell, fill-down, copying the
self-assessment, sending to the council, and a query count that does not grow with the rows."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from assessments import services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.models import Assessment, Score
from assessments.services import Actor
from assessments.tests.conftest import SET, points
from assessments.tests.test_services import advance_to, register_all
from criteria.services import criteria_set_import, criteria_set_publish
from criteria.spec import spec_from_mapping
from registry.models import Person
from registry.services import household_create


def open_village_review(cw):
    """Everyone registered; An assessed himself through his personal link on three items (not 1.1,
    which asks for evidence)."""
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Nguyễn Văn An")
    link = services.link_issue(by=cw.world.head_a1, assessment=an)
    services.scores_save(
        actor=Actor(link=link),
        assessment=an,
        layer=ScoreLayer.SELF,
        scores=points(i1_2=20, i2_1=18, i2_2=20),
        version=an.version,
    )
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    return cw


@pytest.fixture
def review(cw):
    return open_village_review(cw)


def url(cw, name="grid", village=None):
    return reverse(f"assessments:{name}", args=[cw.campaign.pk, (village or cw.world.village_a1).pk])


def save_cell(client, cw, name, item, value, version=None, **extra):
    a = cw.assessment(name)
    data = {"assessment": a.pk, "item": item, "points": value, "version": a.version if version is None else version}
    return client.post(url(cw, "grid_cell"), data | extra)


def message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def village_points(a: Assessment) -> dict[str, Decimal]:
    return dict(a.scores.filter(layer=ScoreLayer.VILLAGE).values_list("item_code", "points"))


# --- Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["grid", "grid_cell", "grid_fill", "grid_copy_self", "grid_submit"])
def test_it_sends_an_anonymous_visitor_to_the_login_page(review, client, name):
    response = client.get(url(review, name)) if name == "grid" else client.post(url(review, name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_hides_a_village_of_another_commune(review, client_for):
    client = client_for(review.world.officer_b)
    assert client.get(url(review)).status_code == 404
    assert save_cell(client, review, "Nguyễn Văn An", "1.2", "20").status_code == 404


def test_it_hides_another_village_from_a_village_head(review, client_for):
    client = client_for(review.world.head_a1)
    assert client.get(url(review, village=review.world.village_a2)).status_code == 404


def test_it_refuses_a_row_of_another_village_posted_to_this_grid(review, client_for):
    client = client_for(review.world.officer_a)
    dung = review.assessment("Phạm Thị Dung")
    data = {"assessment": dung.pk, "item": "1.2", "points": "20", "version": dung.version}
    assert client.post(url(review, "grid_cell"), data).status_code == 404
    assert not dung.scores.exists()


@pytest.mark.parametrize("role", ["viewer_a", "council_a"])
def test_a_viewer_or_council_member_sees_the_grid_read_only(review, client_for, role):
    client = client_for(getattr(review.world, role))
    response = client.get(url(review))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Văn An" in page and 'inputmode="decimal"' not in page and "grid-actions" not in page
    assert save_cell(client, review, "Nguyễn Văn An", "1.2", "20").status_code == 403
    for name in ("grid_fill", "grid_copy_self", "grid_submit"):
        assert client.post(url(review, name)).status_code == 403
    assert not Score.objects.filter(layer=ScoreLayer.VILLAGE).exists()


@pytest.mark.parametrize("name", ["grid_cell", "grid_fill", "grid_copy_self", "grid_submit"])
def test_the_writes_answer_only_post(review, client_for, name):
    assert client_for(review.world.head_a1).get(url(review, name)).status_code == 405


def test_the_grid_answers_only_get(review, client_for):
    assert client_for(review.world.head_a1).post(url(review)).status_code == 405


# --- The page ---------------------------------------------------------------------------------------


def test_the_village_head_sees_the_taking_part_households_with_their_self_assessment(review, client_for):
    Assessment.objects.filter(pk=review.assessment("Lê Văn Cường").pk).update(status=Status.INVITED)
    response = client_for(review.world.head_a1).get(url(review))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page
    assert "Lê Văn Cường" not in page  # not registered
    assert "Phạm Thị Dung" not in page  # the other village
    an = review.assessment("Nguyễn Văn An")
    row = re.search(rf'<tr id="a{an.pk}".*?</tr>', page, re.S).group(0)
    assert row.count('inputmode="decimal"') == 4
    assert f'data-version="{an.version}"' in row
    assert '<small class="own">18</small>' in row  # An's own points for 2.1, beside the input
    assert "Tự xét" not in page and "Thôn xét" in page  # Vietnamese by default


def test_a_returned_row_shows_the_councils_reason(review, client_for):
    an = review.assessment("Nguyễn Văn An")
    Assessment.objects.filter(pk=an.pk).update(status=Status.RETURNED, returned_reason="Thiếu giấy khen của cháu")
    page = client_for(review.world.head_a1).get(url(review)).content.decode()
    assert "Thiếu giấy khen của cháu" in page and "is-returned" in page


def test_out_of_its_stage_the_grid_is_read_only_and_says_why(cw, client_for):
    register_all(cw)
    page = client_for(cw.world.head_a1).get(url(cw)).content.decode()
    assert 'inputmode="decimal"' not in page and "Thôn xét" in page


CITIZEN_SET = SET | {
    "key": "cong-dan-thu",
    "title": "citizen",
    "name": "Công dân học tập (thử)",
    "forms": [{"key": "farmer", "label": "Nông dân"}, {"key": "worker", "label": "Công nhân"}],
    "groups": [
        {
            "code": "1",
            "title": "Năng lực",
            "points": 100,
            "items": [
                {"code": "1.1", "text": "Tự học", "max": 50},
                {"code": "1.2", "text": "Học nghề nông", "max": 50, "forms": ["farmer"]},
                {"code": "1.3", "text": "Học nghề công nghiệp", "max": 50, "forms": ["worker"]},
            ],
        }
    ],
}


def test_each_citizen_gets_only_the_items_of_their_form(cw, client_for):
    Person.objects.filter(full_name="Nguyễn Văn An").update(labour_group="farmer")
    Person.objects.filter(full_name="Trần Thị Bình").update(labour_group="worker")
    root = User.objects.get(username="criteria-root")  # made by the cw fixture's set
    draft = criteria_set_import(by=root, spec=spec_from_mapping(CITIZEN_SET), area=None)
    campaign = services.campaign_create(
        by=None,
        name="",
        year=2026,
        title="citizen",
        area=cw.world.commune_a,
        criteria_set=criteria_set_publish(by=root, criteria_set=draft),
    )
    services.campaign_open(by=None, campaign=campaign)
    cw.campaign = campaign
    register_all(cw)
    advance_to(campaign, Stage.VILLAGE_REVIEW)
    client = client_for(cw.world.head_a1)
    page = client.get(url(cw)).content.decode()

    def cells(name):
        row = re.search(rf'<tr id="a{cw.assessment(name).pk}".*?</tr>', page, re.S).group(0)
        return {code: "<input" in cell for code, cell in re.findall(r'<td data-label="(1\.\d)"(.*?)</td>', row)}

    assert cells("Nguyễn Văn An") == {"1.1": True, "1.2": True, "1.3": False}
    assert cells("Trần Thị Bình") == {"1.1": True, "1.2": False, "1.3": True}
    assert cells("Lê Văn Cường") == {"1.1": False, "1.2": False, "1.3": False}  # no labour group: no form yet
    refused = save_cell(client, cw, "Nguyễn Văn An", "1.3", "20")
    assert refused.status_code == 400 and "1.3" in refused.json()["error"]


# --- Saving a cell ----------------------------------------------------------------------------------


def test_a_cell_is_saved_with_a_decimal_comma_and_the_row_gets_its_total(review, client_for):
    client = client_for(review.world.head_a1)
    an = review.assessment("Nguyễn Văn An")
    response = save_cell(client, review, "Nguyễn Văn An", "1.2", "7,5")
    assert response.status_code == 200
    data = response.json()
    assert data["value"] == "7,5" and data["total"] == "7,5" and data["label"] == "Chưa đạt"
    assert data["version"] == an.version + 1
    assert village_points(an) == {"1.2": Decimal("7.5")}
    # The next save carries the version the previous one returned.
    second = save_cell(client, review, "Nguyễn Văn An", "2.1", "20", version=data["version"])
    assert second.json()["total"] == "27,5"


def test_an_empty_cell_clears_the_item(review, client_for):
    client = client_for(review.world.head_a1)
    save_cell(client, review, "Nguyễn Văn An", "1.2", "20")
    response = save_cell(client, review, "Nguyễn Văn An", "1.2", "")
    assert response.status_code == 200 and response.json()["total"] == ""
    assert village_points(review.assessment("Nguyễn Văn An")) == {}


def test_a_stale_version_is_refused_and_says_to_reload(review, client_for):
    client = client_for(review.world.head_a1)
    an = review.assessment("Nguyễn Văn An")
    save_cell(client, review, "Nguyễn Văn An", "1.2", "20")
    response = save_cell(client, review, "Nguyễn Văn An", "2.1", "10", version=an.version)
    assert response.status_code == 409
    assert response.json()["stale"] is True and "tải lại" in response.json()["error"].lower()
    assert village_points(an) == {"1.2": Decimal(20)}


@pytest.mark.parametrize(
    ("value", "words"), [("26", "tối đa 25"), ("-1", "nhỏ hơn 0"), ("bảy", "số"), ("7,555", "hai")]
)
def test_points_out_of_range_or_not_a_number_are_refused_and_nothing_is_saved(review, client_for, value, words):
    response = save_cell(client_for(review.world.head_a1), review, "Nguyễn Văn An", "1.2", value)
    assert response.status_code == 400 and words in response.json()["error"]
    assert village_points(review.assessment("Nguyễn Văn An")) == {}


def test_points_on_an_item_asking_for_evidence_need_an_explanation(review, client_for):
    client = client_for(review.world.head_a1)
    refused = save_cell(client, review, "Nguyễn Văn An", "1.1", "20")
    assert refused.status_code == 400 and refused.json()["explain"] is True and "1.1" in refused.json()["error"]
    saved = save_cell(client, review, "Nguyễn Văn An", "1.1", "20", explanation="Trưởng thôn đã xem giấy khen")
    assert saved.status_code == 200
    assert review.assessment("Nguyễn Văn An").scores.get(layer=ScoreLayer.VILLAGE).explanation.startswith("Trưởng")


def test_at_the_wrong_stage_a_cell_gets_the_services_message(cw, client_for):
    register_all(cw)
    response = save_cell(client_for(cw.world.head_a1), cw, "Nguyễn Văn An", "1.2", "20")
    assert response.status_code == 400 and "giai đoạn" in response.json()["error"]
    assert not Score.objects.exists()


# --- Many rows at once --------------------------------------------------------------------------------


def test_fill_down_saves_each_row_with_its_own_version_and_reports_the_refused(review, client_for):
    client = client_for(review.world.head_a1)
    rows = [review.assessment(name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    stale = rows[2]
    Assessment.objects.filter(pk=stale.pk).update(version=stale.version + 1)
    data = {"item": "2.2", "points": "12,5", "row": [f"{a.pk}:{a.version}" for a in rows]}
    response = client.post(url(review, "grid_fill"), data)
    assert response.status_code == 200
    body = response.json()
    assert [state["id"] for state in body["rows"]] == [rows[0].pk, rows[1].pk]
    assert [refused["id"] for refused in body["refused"]] == [stale.pk]
    assert "Lê Văn Cường" in body["refused"][0]["error"]
    assert "2" in body["message"] and "1" in body["message"]
    assert village_points(rows[1]) == {"2.2": Decimal("12.5")}
    assert village_points(stale) == {}


def test_fill_down_does_not_reach_rows_of_another_village(review, client_for):
    dung = review.assessment("Phạm Thị Dung")
    data = {"item": "2.2", "points": "10", "row": [f"{dung.pk}:{dung.version}"]}
    body = client_for(review.world.officer_a).post(url(review, "grid_fill"), data).json()
    assert body["rows"] == [] and not dung.scores.exists()


def test_copying_the_self_assessment_fills_the_village_points(review, client_for):
    client = client_for(review.world.head_a1)
    response = client.post(url(review, "grid_copy_self"), follow=True)
    assert response.redirect_chain[-1][0] == url(review)
    assert "1 đối tượng" in message(response)
    an = review.assessment("Nguyễn Văn An")
    assert village_points(an) == points(i1_2=20, i2_1=18, i2_2=20)
    assert an.total == Decimal(58)


def test_sending_to_the_council_reports_what_went_and_what_stays(review, client_for):
    client = client_for(review.world.head_a1)
    an, binh = review.assessment("Nguyễn Văn An"), review.assessment("Trần Thị Bình")
    services.scores_save(
        actor=Actor(),
        assessment=an,
        layer=ScoreLayer.VILLAGE,
        scores=points(i1_1=20, i1_2=20, i2_1=20, i2_2=20),
        version=an.version,
        explanations={"1.1": "Đã xem giấy khen"},
    )
    response = client.post(url(review, "grid_submit"), {"ids": [an.pk, binh.pk]}, follow=True)
    text = message(response)
    assert "1 đối tượng đã được gửi" in text and "1 đối tượng chưa" in text
    assert review.assessment("Nguyễn Văn An").status == Status.VILLAGE_REVIEWED
    assert review.assessment("Trần Thị Bình").status == Status.REGISTERED
    assert review.assessment("Lê Văn Cường").status == Status.REGISTERED  # not ticked


def test_sending_at_the_wrong_stage_changes_nothing(cw, client_for):
    register_all(cw)
    response = client_for(cw.world.head_a1).post(url(cw, "grid_submit"), follow=True)
    assert "giai đoạn" in message(response)
    assert not cw.campaign.assessments.filter(status=Status.VILLAGE_REVIEWED).exists()


# --- Speed ------------------------------------------------------------------------------------------


def add_households(cw, count: int) -> None:
    """More registered households in village A1, each with a few points in both layers."""
    village, commune = cw.world.village_a1, cw.world.commune_a
    rows = [
        Assessment(
            campaign=cw.campaign,
            household=household_create(commune=commune, village=village, head_name=f"Hộ thêm {n}", head_gender="male"),
            area=village,
            subject_name=f"Hộ thêm {n}",
            status=Status.SELF_ASSESSED,
        )
        for n in range(count)
    ]
    Assessment.objects.bulk_create(rows)
    Score.objects.bulk_create(
        Score(assessment=a, layer=layer, item_code="2.1", points=Decimal(15))
        for a in rows
        for layer in (ScoreLayer.SELF, ScoreLayer.VILLAGE)
    )


def test_the_grid_needs_as_many_queries_for_50_rows_as_for_5(review, client_for, django_assert_max_num_queries):
    client = client_for(review.world.head_a1)
    add_households(review, 2)
    client.get(url(review))  # the first page of the session loads the set's rules once
    with CaptureQueriesContext(connection) as five:
        assert client.get(url(review)).context["row_count"] == 5
    add_households(review, 45)
    with django_assert_max_num_queries(len(five)):
        assert client.get(url(review)).context["row_count"] == 50
