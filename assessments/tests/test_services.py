from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.enums import EventKind, ScoreLayer, Stage, Status
from assessments.services import Actor, AssessmentError, StaleEdit
from assessments.tests.conftest import points, published_set
from assessments.tests.test_uploads import jpeg


def advance_to(campaign, stage):
    while campaign.stage != stage:
        services.campaign_advance(by=None, campaign=campaign)


def register_all(cw):
    ids = cw.campaign.assessments.values_list("pk", flat=True)
    return services.registration_set(by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=ids, registered=True)


def test_opening_takes_the_active_households_of_the_commune_only(cw):
    names = set(cw.campaign.assessments.values_list("subject_name", flat=True))
    assert names == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"}
    assert set(cw.campaign.assessments.values_list("status", flat=True)) == {Status.INVITED}
    assert cw.campaign.stage == Stage.REGISTRATION


def test_a_campaign_needs_a_published_set_of_its_title(world):
    criteria_set = published_set()
    with pytest.raises(AssessmentError):
        services.campaign_create(
            by=None, name="", year=2026, title="clan", area=world.commune_a, criteria_set=criteria_set
        )


def test_one_campaign_per_title_year_and_area(cw):
    with pytest.raises(AssessmentError, match="đã có"):
        services.campaign_create(
            by=None, name="", year=2026, title="family", area=cw.world.commune_a, criteria_set=cw.criteria_set
        )


def test_registering_in_bulk_counts_and_is_recorded(cw):
    assert register_all(cw) == 5
    assert register_all(cw) == 0
    an = cw.assessment("Nguyễn Văn An")
    assert an.status == Status.REGISTERED
    assert an.events.filter(kind=EventKind.STATUS, new=Status.REGISTERED).count() == 1


def test_self_assessment_points_give_an_outcome_from_the_engine(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Nguyễn Văn An")
    actor = Actor(user=cw.world.head_a1)
    services.scores_save(
        actor=actor,
        assessment=an,
        layer=ScoreLayer.SELF,
        scores=points(i1_1=20, i1_2=20, i2_1=20, i2_2=19.5),
        version=an.version,
        explanations={"1.1": "Giấy xác nhận sẽ nộp sau"},
    )
    an.refresh_from_db()
    assert an.self_total == Decimal("79.5") and an.self_passed is False


def test_points_outside_the_range_are_refused_not_clipped(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Nguyễn Văn An")
    with pytest.raises(AssessmentError, match="25"):
        services.scores_save(
            actor=Actor(), assessment=an, layer=ScoreLayer.SELF, scores=points(i1_2=26), version=an.version
        )
    with pytest.raises(AssessmentError):
        services.scores_save(
            actor=Actor(), assessment=an, layer=ScoreLayer.SELF, scores=points(i1_2=-1), version=an.version
        )
    assert not an.scores.exists()


def test_points_without_the_evidence_an_item_asks_for_need_an_explanation(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Nguyễn Văn An")
    with pytest.raises(AssessmentError, match=r"1\.1"):
        services.scores_save(
            actor=Actor(), assessment=an, layer=ScoreLayer.SELF, scores=points(i1_1=20), version=an.version
        )
    upload = SimpleUploadedFile("giay-khen.jpg", jpeg(), content_type="image/jpeg")
    services.evidence_add(actor=Actor(user=cw.world.head_a1), assessment=an, item_code="1.1", upload=upload)
    an.refresh_from_db()
    services.scores_save(
        actor=Actor(), assessment=an, layer=ScoreLayer.SELF, scores=points(i1_1=20), version=an.version
    )
    assert an.scores.get(layer=ScoreLayer.SELF, item_code="1.1").points == 20


def test_a_closed_stage_refuses_the_work_of_another(cw):
    register_all(cw)
    an = cw.assessment("Nguyễn Văn An")
    with pytest.raises(AssessmentError, match="giai đoạn"):
        services.scores_save(
            actor=Actor(), assessment=an, layer=ScoreLayer.VILLAGE, scores=points(i1_2=20), version=an.version
        )


def test_the_later_of_two_concurrent_saves_is_refused(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    first, second = cw.assessment("Nguyễn Văn An"), cw.assessment("Nguyễn Văn An")
    services.scores_save(
        actor=Actor(), assessment=first, layer=ScoreLayer.SELF, scores=points(i1_2=20), version=first.version
    )
    with pytest.raises(StaleEdit, match="Nguyễn Văn An"):
        services.scores_save(
            actor=Actor(), assessment=second, layer=ScoreLayer.SELF, scores=points(i1_2=10), version=second.version
        )
    assert first.scores.get(item_code="1.2").points == 20


def test_the_full_review_path_locks_an_approved_subject(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    an = cw.assessment("Nguyễn Văn An")
    head = Actor(user=cw.world.head_a1)
    services.scores_save(
        actor=head,
        assessment=an,
        layer=ScoreLayer.VILLAGE,
        scores=points(i1_1=24, i1_2=20, i2_1=20, i2_2=20),
        version=an.version,
        explanations={"1.1": "Trưởng thôn xác nhận"},
    )
    sent = services.village_submit(
        by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=[an.pk, cw.assessment("Trần Thị Bình").pk]
    )
    assert sent == 1  # the second has no village points yet
    advance_to(cw.campaign, Stage.COMMUNE_REVIEW)
    an.refresh_from_db()
    services.scores_save(
        actor=Actor(user=cw.world.council_a),
        assessment=an,
        layer=ScoreLayer.COUNCIL,
        scores=points(i1_2=15),
        version=an.version,
        reason="Kết quả học tập chưa đủ minh chứng",
    )
    an.refresh_from_db()
    assert (an.total, an.passed) == (Decimal(79), False)
    services.council_return(by=cw.world.council_a, assessment=an, reason="Bổ sung giấy khen", version=an.version)
    an.refresh_from_db()
    assert an.status == Status.RETURNED and an.returned_reason == "Bổ sung giấy khen"
    services.scores_save(
        actor=head, assessment=an, layer=ScoreLayer.VILLAGE, scores=points(i1_2=25), version=an.version
    )
    services.village_submit(by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=[an.pk])
    services.council_approve(by=cw.world.council_a, campaign=cw.campaign, assessment_ids=[an.pk])
    an.refresh_from_db()
    assert an.status == Status.APPROVED and an.is_locked
    with pytest.raises(AssessmentError):
        services.scores_save(
            actor=head, assessment=an, layer=ScoreLayer.VILLAGE, scores=points(i1_2=20), version=an.version
        )
    history = list(an.events.values_list("kind", "layer", "item_code", "old", "new"))
    assert (EventKind.SCORE, ScoreLayer.COUNCIL, "1.2", "20", "15") in history


def test_copying_the_self_assessment_fills_only_empty_village_points(cw):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Trần Thị Bình")
    services.scores_save(
        actor=Actor(), assessment=an, layer=ScoreLayer.SELF, scores=points(i1_2=20, i2_1=18), version=an.version
    )
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    an.refresh_from_db()
    services.scores_save(
        actor=Actor(), assessment=an, layer=ScoreLayer.VILLAGE, scores=points(i2_1=10), version=an.version
    )
    assert services.village_copy_self(by=cw.world.head_a1, campaign=cw.campaign, assessment_ids=[an.pk]) == 1
    village = dict(an.scores.filter(layer=ScoreLayer.VILLAGE).values_list("item_code", "points"))
    assert village == {"1.2": Decimal(20), "2.1": Decimal(10)}
    an.refresh_from_db()
    assert an.total == Decimal(30)


def test_a_personal_link_expires_with_the_stage_and_can_be_revoked(cw):
    register_all(cw)
    an = cw.assessment("Nguyễn Văn An")
    link = services.link_issue(by=cw.world.head_a1, assessment=an)
    assert link.is_usable() and len(link.token) >= 32
    again = services.link_issue(by=cw.world.head_a1, assessment=an)
    link.refresh_from_db()
    assert not link.is_usable() and again.is_usable()
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    again.refresh_from_db()
    assert not again.is_usable()


def test_a_refused_upload_stores_nothing(cw, settings):
    register_all(cw)
    advance_to(cw.campaign, Stage.SELF_ASSESSMENT)
    an = cw.assessment("Nguyễn Văn An")
    fake = SimpleUploadedFile("anh.jpg", b"<html><body>hi</body></html>", content_type="image/jpeg")
    with pytest.raises(AssessmentError):
        services.evidence_add(actor=Actor(), assessment=an, item_code="1.1", upload=fake)
    assert not an.evidence.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
