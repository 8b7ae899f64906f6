import random

from accounts.models import User
from assessments.enums import Stage, Status
from assessments.models import Campaign
from demo.generator import build_demo
from demo.recognition import build_recognition
from recognition.enums import DecisionStatus
from recognition.models import Decision
from recognition.selectors import decision_work, verify


def test_the_demo_issues_the_decisions_of_the_finished_campaigns(db):
    build_demo(households=60, seed=7)
    finished = Campaign.objects.filter(stage=Stage.CLOSED, assessments__status=Status.APPROVED).distinct()
    assert finished.exists()
    for campaign in finished:
        passed = set(campaign.assessments.filter(status=Status.APPROVED, passed=True).values_list("pk", flat=True))
        if not passed:
            continue
        decision = campaign.decisions.get(status=DecisionStatus.ISSUED)
        assert decision.number and decision.signer_name and decision.date.year in (campaign.year, campaign.year + 1)
        listed = decision.entries.filter(excluded_reason="")
        assert set(listed.values_list("assessment_id", flat=True)) <= passed
        assert not listed.filter(certificate__isnull=True).exists()
        assert verify(listed.first().certificate.code).title

    # One decision is revoked and replaced: its certificates show the title as revoked.
    revoked = Decision.objects.get(status=DecisionStatus.REVOKED)
    assert revoked.campaign.decisions.get(status=DecisionStatus.ISSUED).number_text in revoked.revoked_by_decision
    assert verify(revoked.entries.first().certificate.code).revoked

    # This year's campaign at the decision stage is left for the officer's screens.
    (waiting,) = Campaign.objects.filter(stage=Stage.DECISION)
    assert not waiting.decisions.exists()
    assert [work.campaign for work in decision_work(User.objects.get(username="admin"))] == [waiting]


def test_without_approved_assessments_nothing_is_issued(db):
    assert build_recognition(random.Random(1)).decisions == 0
    assert not Decision.objects.exists()
