import random
import time
from collections import Counter

from django.db import transaction
from django.db.models import F

from demo.places import build_map
from demo.registry import build_registry
from registry.enums import LabourGroup
from registry.models import Clan, Household, Person, Unit


def build(seed: int, households: int):
    rng = random.Random(seed)
    demo_map = build_map(rng)
    return demo_map, build_registry(rng, demo_map, households=households)


def test_every_village_of_today_gets_households_with_plausible_members(db):
    demo_map, made = build(7, 600)
    assert made["households"] == Household.objects.count() == 600
    villages = {village.pk for village in demo_map.villages_now}
    assert set(Household.objects.values_list("area_id", flat=True)) == villages
    assert not Household.objects.exclude(area__valid_to__isnull=True).exists()
    members = Person.objects.filter(household__isnull=False)
    assert 3.0 < members.count() / 600 < 4.2
    assert Household.objects.filter(members__is_head=True).distinct().count() == 600
    # Names are Vietnamese: a family name, a middle name and a given name.
    assert all(len(name.split()) == 3 for name in members.values_list("full_name", flat=True)[:200])
    groups = Counter(members.values_list("labour_group", flat=True))
    assert groups[LabourGroup.FARMER] > groups[LabourGroup.WORKER] > groups[LabourGroup.OFFICIAL] > 0
    assert not members.filter(labour_group=LabourGroup.FARMER, birth_year__gt=time.localtime().tm_year - 18).exists()
    # A person counts where their household lives; staff from elsewhere, where their unit is.
    assert not members.exclude(area_id=F("household__area_id")).exists()
    outsiders = Person.objects.filter(household__isnull=True)
    assert outsiders.exists() and not outsiders.filter(unit__isnull=True).exists()


def test_every_ward_has_its_units_and_clans(db):
    demo_map, made = build(7, 100)
    for ward in demo_map.wards:
        kinds = set(Unit.objects.filter(commune=ward).values_list("kind", flat=True))
        assert {"school", "agency", "enterprise", "production"} <= kinds
        assert Clan.objects.filter(area=ward).count() >= 4
    assert Clan.objects.filter(name__startswith="Dòng họ ").count() == made["clans"]


def test_the_registry_is_the_same_for_a_seed(db):
    def snapshot() -> list:
        with transaction.atomic():
            build(11, 150)
            rows = list(
                Person.objects.order_by("household__commune__code", "household__code", "pk").values_list(
                    "household__code", "household__area__code", "full_name", "birth_year", "labour_group", "citizen_id"
                )
            )
            transaction.set_rollback(True)
        return rows

    first = snapshot()
    assert first and snapshot() == first
