import datetime
import random
from collections import defaultdict

import pytest
from django.db import transaction
from django.db.models import Count, Q

from areas.enums import Level
from assessments import services
from assessments.enums import ScoreLayer, Stage, Status
from assessments.models import Assessment, Campaign, PersonalLink
from assessments.rules import rules_for
from demo.assessments import PAST_YEARS, build_assessments
from demo.criteria import publish_templates
from demo.places import build_map
from demo.registry import build_registry
from registry.models import Household


def build(seed: int, households: int):
    rng = random.Random(seed)
    demo_map = build_map(rng)
    build_registry(rng, demo_map, households=households)
    publish_templates()
    return demo_map, build_assessments(rng, demo_map)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One demo for the module's tests (read-only), rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(5, 500)
        transaction.set_rollback(True)


@pytest.fixture
def db_demo(demo, db):
    return demo


def test_every_past_year_has_a_closed_family_campaign_per_commune_of_its_map(db_demo):
    for year in PAST_YEARS:
        campaigns = Campaign.objects.filter(year=year, title="family")
        assert {c.stage for c in campaigns} == {Stage.CLOSED}
        assert campaigns.count() == (18 if year < 2025 else 17)  # Nhật Tựu and Nhật Tân merged on 01/01/2025
        assert all(c.area.level == Level.COMMUNE and c.area.is_valid_on(datetime.date(year, 6, 1)) for c in campaigns)
        families = Assessment.objects.filter(campaign__in=campaigns)
        assert families.count() == Household.objects.count()
        assert families.values("household").distinct().count() == Household.objects.count()
    assert Campaign.objects.filter(year=2023, title="community").count() == 18
    assert Campaign.objects.filter(year=2023, title="clan").exists()


def test_past_results_sit_in_the_village_of_their_time(db_demo):
    past = Assessment.objects.filter(campaign__year__in=PAST_YEARS, household__isnull=False).select_related(
        "area", "household__area", "campaign"
    )
    for assessment in past[:400]:
        day = datetime.date(assessment.campaign.year, 6, 1)
        assert assessment.area.is_valid_on(day) and assessment.area.parent_id == assessment.campaign.area_id
        assert assessment.area != assessment.household.area  # today's residential groups began in 2025
        assert assessment.area.name.split()[-2:] == assessment.household.area.name.split()[-2:]


def test_past_outcomes_are_the_engines(db_demo):
    approved = Assessment.objects.filter(campaign__year=2024, status=Status.APPROVED).select_related("campaign")
    assert approved.exists() and not approved.filter(passed__isnull=True).exists()
    for assessment in approved[:150]:
        rules = rules_for(assessment.campaign.criteria_set)
        expected = services.outcome_fields(rules, assessment.variant, services.layered_scores(assessment))
        assert {name: getattr(assessment, name) for name in expected} == expected
    assert not Assessment.objects.filter(status=Status.INVITED, scores__isnull=False).exists()


def test_progress_differs_by_commune_and_grows_over_the_years(db_demo):
    rows = (
        Campaign.objects.filter(title="family", year__in=PAST_YEARS)
        .values("year", "area_id")
        .annotate(n=Count("assessments"), ok=Count("assessments", filter=Q(assessments__passed=True)))
    )
    shares: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        shares[row["year"]].append(row["ok"] / row["n"])
    overall = {year: sum(values) / len(values) for year, values in shares.items()}
    assert overall[2021] < overall[2023] < overall[2025]
    assert max(shares[2025]) >= 0.93 > min(shares[2025])


def test_this_year_has_a_campaign_at_each_stage_on_todays_map(db_demo):
    campaigns = Campaign.objects.filter(year=2026, title="family")
    assert all(c.area.is_current for c in campaigns)
    assert {c.stage for c in campaigns} == {
        Stage.DRAFT,
        Stage.REGISTRATION,
        Stage.SELF_ASSESSMENT,
        Stage.VILLAGE_REVIEW,
        Stage.COMMUNE_REVIEW,
        Stage.DECISION,
    }
    at = {c.stage: c for c in campaigns}
    links = PersonalLink.objects.filter(assessment__campaign=at[Stage.SELF_ASSESSMENT])
    assert links.exists() and all(link.is_usable() for link in links)
    reviewing = at[Stage.VILLAGE_REVIEW].assessments.taking_part()
    scored = reviewing.filter(scores__layer=ScoreLayer.VILLAGE).distinct()
    assert 0 < scored.count() < reviewing.count()
    assert at[Stage.COMMUNE_REVIEW].assessments.filter(status=Status.RETURNED).exists()
    assert at[Stage.DECISION].assessments.filter(status=Status.APPROVED, passed=True).exists()
    council = Campaign.objects.get(year=2026, title="community")
    assert council.stage == Stage.COMMUNE_REVIEW and council.assessments.filter(status=Status.RETURNED).exists()
