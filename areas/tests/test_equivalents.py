"""Where the records of former areas count on the latest map."""

import datetime
from decimal import Decimal

import pytest

from areas.enums import Kind, Level, SuccessionKind
from areas.models import Area, Equivalent
from areas.services import equivalents_rebuild, official_units_load, succession_record, village_create
from tests.world import MERGER, make_area


def equivalents(area):
    return {(e.latest.name, e.share, e.exact) for e in Equivalent.objects.filter(area=area).select_related("latest")}


def test_an_area_of_the_latest_map_is_its_own_equivalent(world):
    equivalents_rebuild()
    assert equivalents(world.commune_a) == {("Phường An Hòa", Decimal(1), True)}


def test_a_former_village_without_a_succession_counts_where_its_commune_went(world):
    equivalents_rebuild()
    assert equivalents(world.former_village) == {("Phường An Hòa", Decimal(1), True)}


def test_a_village_succession_makes_the_mapping_exact_to_the_village(world):
    succession_record(
        predecessor=world.former_village, successor=world.village_a2, kind=SuccessionKind.FULL, effective_date=MERGER
    )
    assert equivalents(world.former_village) == {("Tổ dân phố Tây", Decimal(1), True)}


def test_a_partial_succession_is_split_equally_and_flagged_as_an_estimate(world):
    split = make_area("90012", "Xã Chia Đôi", Kind.COMMUNE, Level.COMMUNE, world.former.parent, valid_to=MERGER)
    for successor in (world.commune_a, world.commune_b):
        succession_record(predecessor=split, successor=successor, kind=SuccessionKind.PARTIAL, effective_date=MERGER)
    assert equivalents(split) == {("Phường An Hòa", Decimal("0.5"), False), ("Xã Bình Minh", Decimal("0.5"), False)}


def test_a_new_village_is_its_own_equivalent_at_once(world):
    village = village_create(commune=world.commune_b, name="Thôn Mới", kind=Kind.VILLAGE)
    assert equivalents(village) == {("Thôn Mới", Decimal(1), True)}


@pytest.mark.django_db
def test_van_xa_of_2024_counts_under_phuong_kim_bang():
    official_units_load(provinces=["35"])
    van_xa = Area.objects.get(code="13417")
    assert equivalents(van_xa) == {("Phường Kim Bảng", Decimal(1), True)}
    nhat_tuu = Area.objects.get(code="13399")
    assert equivalents(nhat_tuu) == {("Phường Kim Thanh", Decimal(1), True)}
    assert Area.objects.get(code="13384", valid_from=datetime.date(2025, 7, 1)).valid_to is None
