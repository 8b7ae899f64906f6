import datetime

import pytest

from assessments.enums import EventKind, Stage
from recognition import services
from recognition.enums import DecisionStatus
from recognition.selectors import verify
from recognition.services import RecognitionError


def draft(approved, **fields):
    decision = services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)
    defaults = {"number": "12", "date": datetime.date(2026, 12, 20), "signer_name": "Nguyễn Thị Hương"}
    return services.decision_update(by=None, decision=decision, **{**defaults, **fields})


def test_a_draft_lists_the_subjects_the_council_approved_as_passing(approved):
    decision = draft(approved)
    names = [e.assessment.subject_name for e in decision.entries.order_by("position")]
    assert names == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"]
    assert decision.place == "An Hòa"
    assert "387/QĐ-TTg" in " ".join(decision.legal_bases)


def test_issuing_creates_certificates_and_records_the_recognition(approved):
    decision = services.decision_issue(by=None, decision=draft(approved))
    assert decision.status == DecisionStatus.ISSUED and decision.year == 2026
    codes = [e.certificate.code for e in decision.entries.all()]
    assert len(set(codes)) == 4 and all(len(c) == 9 and c[4] == "-" for c in codes)
    an = approved.assessment("Nguyễn Văn An")
    assert an.events.filter(kind=EventKind.RECOGNISED).exists()
    found = verify(codes[0])
    assert found.title == "Gia đình học tập" and found.decision_number == "12/QĐ-UBND" and not found.revoked


def test_an_issued_decision_is_immutable(approved):
    decision = services.decision_issue(by=None, decision=draft(approved))
    with pytest.raises(RecognitionError):
        services.decision_update(by=None, decision=decision, number="13")


def test_leaving_a_subject_out_needs_a_reason_and_drops_it_from_the_list(approved):
    decision = draft(approved)
    entry = decision.entries.get(assessment__subject_name="Lê Văn Cường")
    with pytest.raises(RecognitionError, match="Lê Văn Cường"):
        services.entry_exclude(by=None, entry=entry, reason=" ")
    services.entry_exclude(by=None, entry=entry, reason="Gia đình chuyển đi nơi khác")
    decision = services.decision_issue(by=None, decision=decision)
    assert decision.entries.filter(certificate__isnull=False).count() == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"number": ""}, "số"), ({"date": None}, "ngày"), ({"signer_name": ""}, "người ký")],
)
def test_a_decision_without_number_date_or_signer_is_not_issued(approved, fields, message):
    with pytest.raises(RecognitionError, match=message):
        services.decision_issue(by=None, decision=draft(approved, **fields))


def test_an_empty_list_is_refused(approved):
    decision = draft(approved)
    for entry in decision.entries.all():
        services.entry_exclude(by=None, entry=entry, reason="Thử")
    with pytest.raises(RecognitionError, match="không có ai"):
        services.decision_issue(by=None, decision=decision)


def test_a_number_is_used_once_per_commune_and_year(approved):
    first = draft(approved)
    services.entry_exclude(by=None, entry=first.entries.first(), reason="Xét ở quyết định bổ sung")
    services.decision_issue(by=None, decision=first)
    second = services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)
    services.decision_update(by=None, decision=second, number="12", date=datetime.date(2026, 12, 28), signer_name="X")
    with pytest.raises(RecognitionError, match="12/QĐ-UBND"):
        services.decision_issue(by=None, decision=second)


def test_a_subject_not_approved_cannot_be_listed(approved):
    decision = draft(approved)
    entry = decision.entries.first()
    entry.assessment.status = "village_reviewed"
    entry.assessment.save(update_fields=["status"])
    with pytest.raises(RecognitionError, match=entry.assessment.subject_name):
        services.decision_issue(by=None, decision=decision)


def test_a_revoked_decision_shows_as_revoked_and_keeps_its_history(approved):
    decision = services.decision_issue(by=None, decision=draft(approved))
    code = decision.entries.first().certificate.code
    with pytest.raises(RecognitionError):
        services.decision_revoke(by=None, decision=decision, reason="", revoking_decision="20/QĐ-UBND")
    services.decision_revoke(by=None, decision=decision, reason="Sai sót danh sách", revoking_decision="20/QĐ-UBND")
    assert verify(code).revoked
    assert decision.entries.first().assessment.events.filter(kind=EventKind.RECOGNITION_REVOKED).exists()


@pytest.mark.parametrize(
    ("typed", "stored"), [("k7q4 9mzp", "K7Q4-9MZP"), ("K7Q49MZP", "K7Q4-9MZP"), ("K7Q4-9MZ0", ""), ("x", "")]
)
def test_typed_codes_are_normalised_or_refused(typed, stored):
    assert services.normalise_code(typed) == stored


def test_a_draft_is_prepared_only_at_the_decision_stage(approved):
    approved.campaign.stage = Stage.COMMUNE_REVIEW
    approved.campaign.save(update_fields=["stage"])
    with pytest.raises(RecognitionError, match="quyết định"):
        services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)


def test_a_supplementary_draft_lists_only_those_not_yet_recognised(approved):
    first = draft(approved)
    services.entry_exclude(by=None, entry=first.entries.get(assessment__subject_name="Lê Văn Cường"), reason="Bổ sung")
    services.decision_issue(by=None, decision=first)
    second = services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)
    assert [e.assessment.subject_name for e in second.entries.all()] == ["Lê Văn Cường"]
    services.decision_update(by=None, decision=second, number="13", date=datetime.date(2026, 12, 28), signer_name="X")
    services.decision_issue(by=None, decision=second)
    with pytest.raises(RecognitionError, match="Phường An Hòa"):
        services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a)


def test_a_revoked_decision_frees_its_subjects_for_a_new_one(approved):
    decision = services.decision_issue(by=None, decision=draft(approved))
    services.decision_revoke(by=None, decision=decision, reason="Sai sót", revoking_decision="20/QĐ-UBND")
    assert (
        services.decision_create(by=None, campaign=approved.campaign, commune=approved.world.commune_a).entries.count()
        == 4
    )
