import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.enums import EventKind, ScoreLayer, Stage, Status
from assessments.models import PersonalLink
from assessments.tests.test_evidence_views import fetch
from assessments.tests.test_services import advance_to, register_all
from assessments.tests.test_uploads import jpeg


@pytest.fixture
def an(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    return cw.assessment("Nguyễn Văn An")


@pytest.fixture
def link(cw, an) -> PersonalLink:
    return services.link_issue(by=cw.world.head_a1, assessment=an)


def public(link) -> str:
    return reverse("personal_link", args=[link.token])


def scores(assessment, **points) -> dict:
    data = {"version": assessment.version, "save": "1"}
    return data | {f"points-{code}": "" for code in ("1.1", "1.2", "2.1", "2.2")} | points


# --- Issuing and revoking ---------------------------------------------------------------------------


def test_issuing_needs_a_login_and_review_rights_in_scope(client, client_for, cw, an):
    url = reverse("assessments:link_issue", args=[an.pk])
    assert client.post(url).status_code == 302
    assert client_for(cw.world.officer_b).post(url).status_code == 404
    assert client_for(cw.world.viewer_a).post(url).status_code == 403
    assert client_for(cw.world.head_a1).get(url).status_code == 405
    assert not an.links.exists()


def test_the_village_head_issues_a_link_and_a_new_one_replaces_it(client_for, cw, an):
    client = client_for(cw.world.head_a1)
    url = reverse("assessments:link_issue", args=[an.pk])
    response = client.post(url)
    assert response["Location"] == reverse("assessments:registration", args=[cw.campaign.pk, an.area_id])
    first = an.links.get()
    client.post(url)
    first.refresh_from_db()
    assert first.revoked_at is not None and an.links.filter(revoked_at__isnull=True).count() == 1


def test_revoking_stops_the_link(client_for, cw, an, link):
    url = reverse("assessments:link_revoke", args=[link.pk])
    assert client_for(cw.world.viewer_a).post(url).status_code == 403
    assert client_for(cw.world.officer_b).post(url).status_code == 404
    client_for(cw.world.head_a1).post(url)
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert an.events.filter(kind=EventKind.LINK_REVOKED).exists()
    assert Client().get(public(link)).status_code == 410


# --- The sheet to print -----------------------------------------------------------------------------


def test_the_sheet_has_one_card_with_a_qr_code_per_working_link(client_for, cw, an, link):
    services.link_issue(by=cw.world.head_a1, assessment=cw.assessment("Trần Thị Bình"))
    url = reverse("assessments:link_sheet", args=[cw.campaign.pk, cw.world.village_a1.pk])
    page = client_for(cw.world.head_a1).get(url).content.decode()
    assert page.count('class="link-card"') == 2
    assert page.count("data:image/svg+xml") == 2
    assert f"http://testserver/s/{link.token}/" in page
    assert "Nguyễn Văn An" in page and "Lê Văn Cường" not in page


def test_the_sheet_is_only_for_those_who_hand_out_links(client, client_for, cw, link):
    url = reverse("assessments:link_sheet", args=[cw.campaign.pk, cw.world.village_a1.pk])
    assert client.get(url).status_code == 302
    assert client_for(cw.world.viewer_a).get(url).status_code == 403
    assert client_for(cw.world.officer_b).get(url).status_code == 404
    assert client_for(cw.world.head_a1).post(url).status_code == 405


# --- The household's side ----------------------------------------------------------------------------


def test_the_household_opens_its_form_without_an_account(cw, an, link):
    page = Client().get(public(link)).content.decode()
    assert "Nguyễn Văn An" in page and "Con em đi học đầy đủ" in page and 'id="scores"' in page
    assert "Trần Thị Bình" not in page


def test_the_household_saves_and_sends_its_points_and_the_history_names_the_link(cw, an, link):
    client = Client()
    client.post(public(link), scores(an, **{"points-1.2": "22,5", "points-2.1": "20"}))
    assert dict(an.scores.filter(layer=ScoreLayer.SELF).values_list("item_code", "points")) == {
        "1.2": Decimal("22.5"),
        "2.1": Decimal(20),
    }
    an.refresh_from_db()
    client.post(public(link), scores(an, **{"points-1.2": "22,5", "points-2.1": "20"}, send="1"))
    an.refresh_from_db()
    assert an.status == Status.SELF_ASSESSED
    event = an.events.filter(kind=EventKind.SCORE).first()
    assert event.link == link and event.actor is None


def test_out_of_range_points_through_the_link_are_refused(cw, an, link):
    response = Client().post(public(link), scores(an, **{"points-1.2": "30"}))
    assert response.status_code == 400 and "vượt điểm tối đa" in response.content.decode()
    assert not an.scores.exists()


def test_the_household_adds_a_photo_and_sees_it_and_no_other(cw, an, link):
    client = Client()
    client.get(public(link))
    photo = SimpleUploadedFile("giay-khen.jpg", jpeg(), content_type="image/jpeg")
    response = client.post(
        reverse("assessments:evidence_add", args=[an.pk]), {"item": "1.1", "files": [photo], "next": public(link)}
    )
    assert response["Location"] == public(link) + "#item-1.1"
    piece = an.evidence.get()
    assert piece.added_by is None and an.events.get(kind=EventKind.EVIDENCE_ADDED).link == link
    assert fetch(client, reverse("assessments:evidence_thumb", args=[piece.pk]))[0].status_code == 200
    assert fetch(client, reverse("assessments:evidence_file", args=[piece.pk]))[0].status_code == 200
    # The link opens its own subject only.
    other = cw.assessment("Trần Thị Bình")
    assert (
        client.post(reverse("assessments:evidence_add", args=[other.pk]), {"item": "1.1", "note": "x"}).status_code
        == 404
    )
    assert client.get(reverse("assessments:self_assess", args=[an.pk])).status_code == 302


def test_a_revoked_link_no_longer_serves_its_files(cw, an, link):
    client = Client()
    client.get(public(link))
    piece = services.evidence_add(
        actor=services.Actor(link=link),
        assessment=an,
        item_code="1.1",
        upload=SimpleUploadedFile("a.jpg", jpeg()),
    )
    services.link_revoke(by=cw.world.head_a1, link=link)
    assert client.get(reverse("assessments:evidence_file", args=[piece.pk])).status_code == 404


def test_an_expired_link_is_refused_with_a_plain_message(cw, an, link):
    PersonalLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().get(public(link))
    assert response.status_code == 410
    page = response.content.decode()
    assert "không còn dùng được" in page and "Nguyễn Văn An" not in page


def test_links_stop_when_the_village_review_starts(cw, an, link):
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    assert Client().get(public(link)).status_code == 410


def test_an_unknown_token_is_not_found(db):
    assert Client().get(reverse("personal_link", args=["x" * 32])).status_code == 404


def test_a_household_not_yet_registered_registers_itself_through_its_link(cw):
    binh = cw.assessment("Trần Thị Bình")
    link = services.link_issue(by=cw.world.head_a1, assessment=binh)
    client = Client()
    assert "Đăng ký" in client.get(public(link)).content.decode()
    client.post(public(link), {"register": "1"})
    binh.refresh_from_db()
    assert binh.status == Status.REGISTERED
    assert binh.events.get(kind=EventKind.STATUS).link == link
    response = client.post(public(link), {"register": "1"}, follow=True)
    assert "đã đăng ký" in response.content.decode()


def test_the_link_page_refuses_other_methods(cw, link):
    assert Client().put(public(link)).status_code == 405
