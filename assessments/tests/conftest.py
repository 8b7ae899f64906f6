"""A family campaign in commune A of the shared world: five households in two villages, one more in
commune B, and a published pass-mark set whose item 1.1 asks for evidence."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from assessments import services
from assessments.models import Assessment, Campaign
from criteria.models import CriteriaSet
from criteria.services import criteria_set_import, criteria_set_publish
from criteria.spec import spec_from_mapping
from registry.services import household_create
from tests.world import World, make_user

SET = {
    "key": "gia-dinh-thu",
    "title": "family",
    "name": "Bộ tiêu chí gia đình (thử)",
    "rule": "pass_mark",
    "total": 100,
    "pass_mark": 80,
    "item_floor": 5,
    "groups": [
        {
            "code": "1",
            "title": "Tiêu chí 1",
            "points": 50,
            "items": [
                {"code": "1.1", "text": "Con em đi học đầy đủ", "max": 25, "evidence_required": True},
                {"code": "1.2", "text": "Kết quả học tập", "max": 25},
            ],
        },
        {
            "code": "2",
            "title": "Tiêu chí 2",
            "points": 50,
            "items": [
                {"code": "2.1", "text": "Người lớn học tập", "max": 25},
                {"code": "2.2", "text": "Đọc sách", "max": 25},
            ],
        },
    ],
}


@dataclass
class CampaignWorld:
    world: World
    criteria_set: CriteriaSet
    campaign: Campaign

    def assessment(self, name: str) -> Assessment:
        return self.campaign.assessments.get(subject_name=name)


def published_set(document: dict = SET) -> CriteriaSet:
    root = make_user("criteria-root", is_superuser=True)
    criteria_set = criteria_set_import(by=root, spec=spec_from_mapping(document), area=None)
    return criteria_set_publish(by=root, criteria_set=criteria_set)


@pytest.fixture
def cw(world) -> CampaignWorld:
    heads = [
        (world.village_a1, "Nguyễn Văn An"),
        (world.village_a1, "Trần Thị Bình"),
        (world.village_a1, "Lê Văn Cường"),
        (world.village_a2, "Phạm Thị Dung"),
        (world.village_a2, "Hoàng Văn Em"),
    ]
    for village, name in heads:
        household_create(
            commune=world.commune_a, village=village, head_name=name, head_gender="male", head_birth_year=1970
        )
    household_create(commune=world.commune_b, village=world.village_b1, head_name="Vũ Văn Giang", head_gender="male")
    criteria_set = published_set()
    campaign = services.campaign_create(
        by=world.officer_a,
        name="Gia đình học tập 2026",
        year=2026,
        title="family",
        area=world.commune_a,
        criteria_set=criteria_set,
        self_assessment_until=datetime.date(2026, 12, 31),
    )
    services.campaign_open(by=world.officer_a, campaign=campaign)
    return CampaignWorld(world=world, criteria_set=criteria_set, campaign=campaign)


def points(**scores) -> dict[str, Decimal]:
    """points(i1_1=20) → {"1.1": Decimal("20")}"""
    return {key[1:].replace("_", "."): Decimal(str(value)) for key, value in scores.items()}
