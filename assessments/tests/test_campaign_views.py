import datetime

import pytest
from django.urls import reverse

from assessments.enums import Stage, Status
from assessments.models import Campaign
from assessments.tests.test_services import advance_to, register_all


def detail(campaign) -> str:
    return reverse("assessments:campaign", args=[campaign.pk])


# --- The list --------------------------------------------------------------------------------------


def test_the_list_needs_a_login(client, cw):
    response = client.get(reverse("assessments:campaigns"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_and_the_page_are_only_read(client_for, cw):
    client = client_for(cw.world.officer_a)
    assert client.post(reverse("assessments:campaigns")).status_code == 405
    assert client.post(detail(cw.campaign)).status_code == 405


def test_the_list_filters_by_year_and_title(client_for, cw):
    Campaign.objects.create(
        name="Dòng họ học tập 2025", year=2025, title="clan", area=cw.world.commune_a, criteria_set=cw.criteria_set
    )
    client = client_for(cw.world.officer_a)
    url = reverse("assessments:campaigns")
    assert "Gia đình học tập 2026" in client.get(url).content.decode()
    by_year = client.get(url, {"year": 2025}).content.decode()
    assert "Dòng họ học tập 2025" in by_year and "Gia đình học tập 2026" not in by_year
    by_title = client.get(url, {"title": "family"}).content.decode()
    assert "Gia đình học tập 2026" in by_title and "Dòng họ học tập 2025" not in by_title
    assert client.get(url, {"year": "junk"}).status_code == 200


def test_the_list_offers_new_campaigns_only_to_those_who_run_them(client_for, cw):
    new = reverse("assessments:campaign_create")
    assert new in client_for(cw.world.officer_a).get(reverse("assessments:campaigns")).content.decode()
    assert new not in client_for(cw.world.viewer_a).get(reverse("assessments:campaigns")).content.decode()


def test_other_communes_do_not_see_the_campaign(client_for, cw):
    assert (
        "Gia đình học tập 2026"
        not in client_for(cw.world.officer_b).get(reverse("assessments:campaigns")).content.decode()
    )


def test_the_list_costs_the_same_queries_for_more_campaigns(client_for, cw, django_assert_max_num_queries):
    client = client_for(cw.world.officer_a)
    for year in range(2021, 2026):
        Campaign.objects.create(
            name=f"GĐHT {year}", year=year, title="family", area=cw.world.commune_a, criteria_set=cw.criteria_set
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("assessments:campaigns")).status_code == 200


# --- Creating ----------------------------------------------------------------------------------------


def _form(cw, **changes) -> dict:
    data = {
        "name": "",
        "year": "2027",
        "title": "family",
        "area": cw.world.commune_a.pk,
        "criteria_set": cw.criteria_set.pk,
        "registration_until": "28/02/2027",
        "self_assessment_until": "30/09/2027",
        "village_review_until": "",
        "commune_review_until": "",
        "decision_by": "15/12/2027",
    }
    return data | changes


def test_creating_needs_a_login_and_the_right_to_run_campaigns(client, client_for, cw):
    url = reverse("assessments:campaign_create")
    assert client.get(url).status_code == 302
    assert client_for(cw.world.viewer_a).get(url).status_code == 403
    assert client_for(cw.world.head_a1).post(url, _form(cw)).status_code == 403
    assert client_for(cw.world.officer_a).put(url).status_code == 405


def test_a_commune_officer_creates_a_campaign_with_its_stage_dates(client_for, cw):
    client = client_for(cw.world.officer_a)
    page = client.get(reverse("assessments:campaign_create")).content.decode()
    assert cw.criteria_set.name in page and cw.world.commune_b.name not in page
    response = client.post(reverse("assessments:campaign_create"), _form(cw))
    campaign = Campaign.objects.get(year=2027)
    assert response.status_code == 302 and response["Location"] == detail(campaign)
    assert campaign.name == "Gia đình học tập 2027" and campaign.stage == Stage.DRAFT
    assert campaign.self_assessment_until == datetime.date(2027, 9, 30)
    assert campaign.created_by == cw.world.officer_a


def test_an_area_outside_the_officers_commune_is_refused(client_for, cw):
    response = client_for(cw.world.officer_a).post(
        reverse("assessments:campaign_create"), _form(cw, area=cw.world.commune_b.pk)
    )
    assert response.status_code == 200 and not Campaign.objects.filter(year=2027).exists()
    assert "Hãy chọn" in response.content.decode()  # Django's "select a valid choice", in Vietnamese


def test_a_second_campaign_for_the_same_year_and_title_is_refused_with_a_message(client_for, cw):
    response = client_for(cw.world.officer_a).post(reverse("assessments:campaign_create"), _form(cw, year="2026"))
    assert "đã có" in response.content.decode()
    assert Campaign.objects.filter(year=2026).count() == 1


def test_stage_dates_out_of_order_are_refused(client_for, cw):
    response = client_for(cw.world.officer_a).post(
        reverse("assessments:campaign_create"), _form(cw, registration_until="01/10/2027")
    )
    assert "thứ tự" in response.content.decode()
    assert not Campaign.objects.filter(year=2027).exists()


def test_the_sets_offered_follow_the_title(client_for, cw):
    page = client_for(cw.world.officer_a).get(reverse("assessments:campaign_create"), {"title": "clan"})
    assert cw.criteria_set.name not in page.content.decode()
    response = client_for(cw.world.officer_a).post(reverse("assessments:campaign_create"), _form(cw, title="clan"))
    assert response.status_code == 200 and not Campaign.objects.filter(year=2027).exists()


# --- The campaign's page -----------------------------------------------------------------------------


def test_the_page_needs_a_login_and_is_hidden_from_other_communes(client, client_for, cw):
    assert client.get(detail(cw.campaign)).status_code == 302
    assert client_for(cw.world.officer_b).get(detail(cw.campaign)).status_code == 404


def test_the_page_shows_each_villages_progress_and_links(client_for, cw):
    register_all(cw)
    an = cw.assessment("Nguyễn Văn An")
    cw.campaign.assessments.filter(pk=an.pk).update(status=Status.APPROVED, passed=True)
    client = client_for(cw.world.officer_a)
    page = client.get(detail(cw.campaign)).content.decode()
    assert cw.world.village_a1.name in page and cw.world.village_a2.name in page
    assert reverse("assessments:registration", args=[cw.campaign.pk, cw.world.village_a1.pk]) in page
    assert "33%" in page  # 1 of the 3 households of Tổ dân phố Đông
    assert "20%" in page  # 1 of the 5 of the campaign
    assert reverse("assessments:campaign_advance", args=[cw.campaign.pk]) in page
    grid = reverse("assessments:grid", args=[cw.campaign.pk, cw.world.village_a1.pk])
    council = reverse("assessments:council", args=[cw.campaign.pk])
    assert grid not in page and council not in page  # their stages have not come yet
    advance_to(cw.campaign, Stage.COMMUNE_REVIEW)
    page = client.get(detail(cw.campaign)).content.decode()
    assert grid in page and f"{council}?village={cw.world.village_a1.pk}" in page


def test_a_village_head_sees_the_progress_of_their_village_only(client_for, cw):
    page = client_for(cw.world.head_a1).get(detail(cw.campaign)).content.decode()
    assert cw.world.village_a1.name in page and cw.world.village_a2.name not in page
    assert reverse("assessments:campaign_advance", args=[cw.campaign.pk]) not in page


def test_the_page_costs_the_same_queries_for_more_villages(client_for, cw, django_assert_max_num_queries):
    client = client_for(cw.world.officer_a)
    with django_assert_max_num_queries(10):
        assert client.get(detail(cw.campaign)).status_code == 200


# --- Opening and moving on ------------------------------------------------------------------------


@pytest.fixture
def draft(cw):
    return Campaign.objects.create(
        name="Nháp", year=2030, title="family", area=cw.world.commune_a, criteria_set=cw.criteria_set
    )


def test_opening_takes_the_subjects_from_the_registry(client_for, cw, draft):
    client = client_for(cw.world.officer_a)
    url = reverse("assessments:campaign_open", args=[draft.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "5 đối tượng" in response.content.decode()
    draft.refresh_from_db()
    assert draft.stage == Stage.REGISTRATION and draft.assessments.count() == 5


def test_opening_is_refused_to_viewers_and_hidden_from_other_communes(client_for, cw, draft):
    url = reverse("assessments:campaign_open", args=[draft.pk])
    assert client_for(cw.world.viewer_a).post(url).status_code == 403
    assert client_for(cw.world.officer_b).post(url).status_code == 404
    assert not draft.assessments.exists()


def test_opening_twice_says_why_not(client_for, cw):
    response = client_for(cw.world.officer_a).post(
        reverse("assessments:campaign_open", args=[cw.campaign.pk]), follow=True
    )
    assert "đã được mở" in response.content.decode()


def test_moving_on_asks_for_a_confirmation_then_moves_one_stage(client_for, cw):
    client = client_for(cw.world.officer_a)
    url = reverse("assessments:campaign_advance", args=[cw.campaign.pk])
    page = client.get(url).content.decode()
    assert "Tự đánh giá" in page and 'method="post"' in page
    cw.campaign.refresh_from_db()
    assert cw.campaign.stage == Stage.REGISTRATION
    client.post(url)
    cw.campaign.refresh_from_db()
    assert cw.campaign.stage == Stage.SELF_ASSESSMENT
    assert "đường dẫn tự đánh giá ngừng" in client.get(url).content.decode()  # at the village review


def test_moving_on_is_refused_to_viewers_and_hidden_from_other_communes(client_for, cw):
    url = reverse("assessments:campaign_advance", args=[cw.campaign.pk])
    assert client_for(cw.world.viewer_a).post(url).status_code == 403
    assert client_for(cw.world.head_a1).get(url).status_code == 403
    assert client_for(cw.world.officer_b).post(url).status_code == 404
    assert client_for(cw.world.officer_a).delete(url).status_code == 405
    cw.campaign.refresh_from_db()
    assert cw.campaign.stage == Stage.REGISTRATION


def test_a_draft_cannot_be_moved_on(client_for, cw, draft):
    response = client_for(cw.world.officer_a).post(
        reverse("assessments:campaign_advance", args=[draft.pk]), follow=True
    )
    assert "Hãy mở đợt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.stage == Stage.DRAFT
