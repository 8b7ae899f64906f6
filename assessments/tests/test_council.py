"""The commune council: its queue, a subject's page, and adjusting, returning and approving."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.models import Assessment
from assessments.services import Actor
from assessments.tests.conftest import points
from assessments.tests.test_grid import add_households, open_village_review
from assessments.tests.test_services import advance_to
from assessments.tests.test_uploads import jpeg

FULL = {"1.1": "Trưởng thôn đã xem giấy khen"}


def village_scores(cw, name, **scores):
    a = cw.assessment(name)
    services.scores_save(
        actor=Actor(user=cw.world.head_a1),
        assessment=a,
        layer=ScoreLayer.VILLAGE,
        scores=points(**scores),
        version=a.version,
        explanations=FULL,
    )


@pytest.fixture
def council(cw):
    """An (self-assessed, 80 from the village: passes) and Bình (no self-assessment, 60: fails) of
    village A1, and Dung of A2 (85), all sent to the council at the commune review."""
    open_village_review(cw)
    an = cw.assessment("Nguyễn Văn An")
    services.evidence_add(
        actor=Actor(user=cw.world.head_a1),
        assessment=an,
        item_code="1.1",
        upload=SimpleUploadedFile("giay-khen.jpg", jpeg(), content_type="image/jpeg"),
    )
    village_scores(cw, "Nguyễn Văn An", i1_1=20, i1_2=20, i2_1=20, i2_2=20)
    village_scores(cw, "Trần Thị Bình", i1_1=15, i1_2=15, i2_1=15, i2_2=15)
    village_scores(cw, "Phạm Thị Dung", i1_1=25, i1_2=20, i2_1=20, i2_2=20)
    services.village_submit(
        by=cw.world.officer_a, campaign=cw.campaign, assessment_ids=cw.campaign.assessments.values_list("pk", flat=True)
    )
    advance_to(cw.campaign, Stage.COMMUNE_REVIEW)
    return cw


def queue_url(cw):
    return reverse("assessments:council", args=[cw.campaign.pk])


def subject_url(cw, name, action=""):
    return reverse(f"assessments:subject{'_' + action if action else ''}", args=[cw.assessment(name).pk])


def approve_village_url(cw, village=None):
    return reverse("assessments:council_approve_village", args=[cw.campaign.pk, (village or cw.world.village_a1).pk])


def message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def adjust(client, cw, name, item, value, reason, version=None):
    a = cw.assessment(name)
    data = {"item": item, "points": value, "reason": reason, "version": a.version if version is None else version}
    return client.post(subject_url(cw, name, "adjust"), data)


# --- Access -----------------------------------------------------------------------------------------


def test_it_sends_an_anonymous_visitor_to_the_login_page(council, client):
    for target in (queue_url(council), subject_url(council, "Nguyễn Văn An")):
        assert client.get(target).url.startswith(reverse("login"))
    for action in ("adjust", "return", "approve"):
        assert client.post(subject_url(council, "Nguyễn Văn An", action)).url.startswith(reverse("login"))
    assert client.post(approve_village_url(council)).url.startswith(reverse("login"))


def test_it_hides_the_queue_and_subjects_from_another_commune(council, client_for):
    client = client_for(council.world.officer_b)
    assert client.get(queue_url(council)).status_code == 404
    assert client.get(subject_url(council, "Nguyễn Văn An")).status_code == 404
    assert client.post(subject_url(council, "Nguyễn Văn An", "approve")).status_code == 404
    assert client.post(approve_village_url(council), {"count": 2}).status_code == 404


@pytest.mark.parametrize("role", ["viewer_a", "head_a1"])
def test_a_viewer_or_village_head_reads_but_may_not_decide(council, client_for, role):
    client = client_for(getattr(council.world, role))
    queue = client.get(queue_url(council))
    assert queue.status_code == 200 and "Nguyễn Văn An" in queue.content.decode()
    assert "council-approve" not in queue.content.decode()
    page = client.get(subject_url(council, "Nguyễn Văn An"))
    assert page.status_code == 200 and "/adjust/" not in page.content.decode()
    assert adjust(client, council, "Nguyễn Văn An", "1.2", "10", "Thiếu minh chứng").status_code == 403
    assert client.post(subject_url(council, "Nguyễn Văn An", "return"), {"reason": "x"}).status_code == 403
    assert client.post(subject_url(council, "Nguyễn Văn An", "approve")).status_code == 403
    assert client.post(approve_village_url(council), {"count": 2}).status_code == 403
    assert not council.campaign.assessments.filter(status=Status.APPROVED).exists()


def test_the_village_head_does_not_see_another_villages_subjects(council, client_for):
    client = client_for(council.world.head_a1)
    assert "Phạm Thị Dung" not in client.get(queue_url(council)).content.decode()
    assert client.get(subject_url(council, "Phạm Thị Dung")).status_code == 404


def test_the_pages_answer_only_get_and_the_actions_only_post(council, client_for):
    client = client_for(council.world.council_a)
    assert client.post(queue_url(council)).status_code == 405
    assert client.post(subject_url(council, "Nguyễn Văn An")).status_code == 405
    for action in ("adjust", "return", "approve"):
        assert client.get(subject_url(council, "Nguyễn Văn An", action)).status_code == 405
    assert client.get(approve_village_url(council)).status_code == 405


# --- The queue --------------------------------------------------------------------------------------


def row_of(page: str, name: str) -> str:
    return re.search(rf"<tr>\s*<td[^>]*><a [^>]*>{name}</a>.*?</tr>", page, re.S).group(0)


def test_the_queue_shows_outcomes_evidence_and_the_differences_with_the_self_assessment(council, client_for):
    page = client_for(council.world.council_a).get(queue_url(council)).content.decode()
    an = row_of(page, "Nguyễn Văn An")
    assert "80" in an and "Đạt" in an
    assert "2 mục khác" in an and "1.1: – → 20" in an and "2.1: 18 → 20" in an
    assert '<td data-label="Minh chứng">1</td>' in an
    binh = row_of(page, "Trần Thị Bình")
    assert "Chưa đạt" in binh and "80" in binh  # the reason names the pass mark
    assert "chưa tự đánh giá" in binh
    assert "council-approve" in page


def test_the_queue_filters_by_village_and_outcome(council, client_for):
    client = client_for(council.world.council_a)
    by_village = client.get(queue_url(council), {"village": council.world.village_a2.pk}).context["rows"]
    assert [row.assessment.subject_name for row in by_village] == ["Phạm Thị Dung"]
    failed = client.get(queue_url(council), {"outcome": "failed"}).context["rows"]
    assert [row.assessment.subject_name for row in failed] == ["Trần Thị Bình"]


def test_the_queue_needs_as_many_queries_for_many_rows_as_for_few(council, client_for, django_assert_max_num_queries):
    client = client_for(council.world.council_a)
    client.get(queue_url(council))
    with CaptureQueriesContext(connection) as few:
        client.get(queue_url(council))
    add_households(council, 30)
    Assessment.objects.filter(status=Status.SELF_ASSESSED).update(status=Status.VILLAGE_REVIEWED, passed=False)
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(queue_url(council)).context["rows"]) == 33


# --- A subject's page -------------------------------------------------------------------------------


def test_the_subject_page_shows_the_layers_evidence_outcome_and_history(council, client_for):
    page = client_for(council.world.viewer_a).get(subject_url(council, "Nguyễn Văn An")).content.decode()
    item = re.search(r'<tr id="item-2.1" class="is-different">.*?</tr>', page, re.S).group(0)
    assert "18" in item and "<mark>20</mark>" in item
    evidence = council.assessment("Nguyễn Văn An").evidence.get()
    assert reverse("assessments:evidence_file", args=[evidence.pk]) in page
    assert reverse("assessments:evidence_thumb", args=[evidence.pk]) in page
    assert "evidence-add" not in page  # nobody adds evidence once the village has sent the subject
    assert "Đạt" in page
    assert "hộ gia đình, qua đường dẫn riêng" in page  # the self-assessment came through the link
    assert "Head_A1" in page and "Đã gửi hội đồng" in page


def test_during_the_village_review_the_village_head_may_attach_evidence_from_the_subject_page(cw, client_for):
    open_village_review(cw)
    target = reverse("assessments:subject", args=[cw.assessment("Trần Thị Bình").pk])
    assert "evidence-add" in client_for(cw.world.head_a1).get(target).content.decode()
    assert "evidence-add" not in client_for(cw.world.viewer_a).get(target).content.decode()


def test_the_council_adjusts_an_item_with_a_reason(council, client_for):
    client = client_for(council.world.council_a)
    response = adjust(client, council, "Nguyễn Văn An", "1.2", "15,5", "Kết quả học tập chưa đủ minh chứng")
    assert response.status_code == 302
    an = council.assessment("Nguyễn Văn An")
    assert an.total == Decimal("75.5") and an.passed is False
    assert an.scores.get(layer=ScoreLayer.COUNCIL).points == Decimal("15.5")
    page = client.get(subject_url(council, "Nguyễn Văn An")).content.decode()
    assert "Kết quả học tập chưa đủ minh chứng" in page and "20 → 15,5" in page


def test_an_adjustment_without_a_reason_is_refused(council, client_for):
    response = adjust(client_for(council.world.council_a), council, "Nguyễn Văn An", "1.2", "15", "  ")
    assert response.status_code == 400 and "lý do" in response.content.decode()
    assert not council.assessment("Nguyễn Văn An").scores.filter(layer=ScoreLayer.COUNCIL).exists()


def test_an_adjustment_made_on_a_stale_page_is_refused(council, client_for):
    client = client_for(council.world.council_a)
    old = council.assessment("Nguyễn Văn An").version
    adjust(client, council, "Nguyễn Văn An", "1.2", "15", "Thiếu minh chứng")
    response = adjust(client, council, "Nguyễn Văn An", "2.1", "10", "Thiếu minh chứng", version=old)
    assert response.status_code == 409 and "tải lại" in response.content.decode().lower()
    assert council.assessment("Nguyễn Văn An").scores.filter(layer=ScoreLayer.COUNCIL).count() == 1


def test_an_adjustment_out_of_range_is_refused(council, client_for):
    response = adjust(client_for(council.world.council_a), council, "Nguyễn Văn An", "1.2", "30", "Quá cao")
    assert response.status_code == 400 and "tối đa 25" in response.content.decode()


def test_the_council_returns_a_subject_and_the_grid_shows_why(council, client_for):
    client = client_for(council.world.council_a)
    an = council.assessment("Nguyễn Văn An")
    refused = client.post(subject_url(council, "Nguyễn Văn An", "return"), {"reason": "", "version": an.version})
    assert refused.status_code == 400 and "lý do trả về" in refused.content.decode()
    data = {"reason": "Bổ sung giấy khen của cháu", "version": an.version}
    assert client.post(subject_url(council, "Nguyễn Văn An", "return"), data).status_code == 302
    assert council.assessment("Nguyễn Văn An").status == Status.RETURNED
    grid = reverse("assessments:grid", args=[council.campaign.pk, council.world.village_a1.pk])
    assert "Bổ sung giấy khen của cháu" in client_for(council.world.head_a1).get(grid).content.decode()


def test_the_council_approves_one_subject_which_is_then_locked(council, client_for):
    client = client_for(council.world.council_a)
    back = queue_url(council) + "?outcome=passed"
    response = client.post(subject_url(council, "Nguyễn Văn An", "approve"), {"next": back})
    assert response.status_code == 302 and response.url == back
    assert council.assessment("Nguyễn Văn An").status == Status.APPROVED
    page = client.get(subject_url(council, "Nguyễn Văn An")).content.decode()
    assert "🔒" in page and "/adjust/" not in page
    again = client.post(subject_url(council, "Nguyễn Văn An", "approve"), follow=True)
    assert "Chỉ" in message(again)


def test_approving_a_whole_village_needs_the_count_the_page_showed(council, client_for):
    client = client_for(council.world.council_a)
    response = client.post(approve_village_url(council), {"count": 1}, follow=True)
    assert not council.campaign.assessments.filter(status=Status.APPROVED).exists()
    assert "đã thay đổi" in message(response)
    response = client.post(approve_village_url(council), {"count": 2}, follow=True)
    assert "2" in message(response)
    approved = set(council.campaign.assessments.filter(status=Status.APPROVED).values_list("subject_name", flat=True))
    assert approved == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_at_the_wrong_stage_the_council_gets_the_services_message(council, client_for):
    advance_to(council.campaign, Stage.DECISION)
    response = adjust(client_for(council.world.council_a), council, "Nguyễn Văn An", "1.2", "15", "Thiếu")
    assert response.status_code == 400 and "giai đoạn" in response.content.decode()
