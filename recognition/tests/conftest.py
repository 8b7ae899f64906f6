import datetime

import pytest

from assessments import services as assessing
from assessments.enums import ScoreLayer, Stage
from assessments.services import Actor
from assessments.tests.conftest import cw, points  # noqa: F401  (the campaign world fixture)
from recognition import services

PASSING = {"i1_1": 24, "i1_2": 22, "i2_1": 20, "i2_2": 20}
FAILING = {"i1_1": 10, "i1_2": 10, "i2_1": 10, "i2_2": 10}


@pytest.fixture
def approved(cw):  # noqa: F811
    """The campaign at the decision stage: four households of commune A approved as passing, one failing."""
    campaign = cw.campaign
    ids = list(campaign.assessments.values_list("pk", flat=True))
    assessing.registration_set(by=None, campaign=campaign, assessment_ids=ids, registered=True)
    while campaign.stage != Stage.VILLAGE_REVIEW:
        assessing.campaign_advance(by=None, campaign=campaign)
    for assessment in campaign.assessments.all():
        scores = FAILING if assessment.subject_name == "Hoàng Văn Em" else PASSING
        assessing.scores_save(
            actor=Actor(user=cw.world.head_a1),
            assessment=assessment,
            layer=ScoreLayer.VILLAGE,
            scores=points(**scores),
            version=assessment.version,
            explanations={"1.1": "Xác nhận của nhà trường"},
        )
    assessing.village_submit(by=None, campaign=campaign, assessment_ids=ids)
    assessing.campaign_advance(by=None, campaign=campaign)
    assessing.council_approve(by=cw.world.council_a, campaign=campaign, assessment_ids=ids)
    assessing.campaign_advance(by=None, campaign=campaign)
    return cw


@pytest.fixture
def draft_decision(approved):
    """Commune A's draft for the approved campaign, as the officer prepared it."""
    return services.decision_create(
        by=approved.world.officer_a, campaign=approved.campaign, commune=approved.world.commune_a
    )


@pytest.fixture
def issued_decision(approved, draft_decision):
    """Decision 12/QĐ-UBND of commune A, issued on 20/12/2026 with four households."""
    services.decision_update(
        by=None, decision=draft_decision, number="12", date=datetime.date(2026, 12, 20), signer_name="Nguyễn Thị Hương"
    )
    return services.decision_issue(by=approved.world.officer_a, decision=draft_decision)
