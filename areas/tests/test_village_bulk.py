import pytest

from areas.enums import Kind
from areas.models import Area, Equivalent
from areas.services import AreaError, village_bulk_save


def test_villages_are_created_in_bulk_with_codes_paths_and_equivalents(world):
    created, updated = village_bulk_save(
        villages=[
            (world.commune_a, "Tổ dân phố Nam", Kind.RESIDENTIAL_GROUP),
            (world.commune_b, " Thôn  Đoài", Kind.VILLAGE),
        ]
    )
    assert updated == []
    south, west = created
    assert (south.code, south.parent, south.depth) == ("90001.003", world.commune_a, world.commune_a.depth + 1)
    assert south.path == world.commune_a.path + f"{south.pk:08d}/"
    assert Area.objects.get(pk=west.pk).name == "Thôn Đoài" and west.code == "90002.002"
    assert Equivalent.objects.filter(area=south, latest=south).exists()


def test_a_village_of_the_same_name_takes_the_new_kind_instead_of_a_duplicate(world):
    created, updated = village_bulk_save(villages=[(world.commune_a, "TỔ DÂN PHỐ ĐÔNG", Kind.QUARTER)])
    assert created == [] and updated == [world.village_a1]
    world.village_a1.refresh_from_db()
    assert world.village_a1.kind == Kind.QUARTER


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("province", "Thôn A", Kind.VILLAGE)], "phải thuộc"),
        ([("a", "Thôn A", Kind.WARD)], "không phải là loại thôn"),
        ([("a", "Thôn A", Kind.VILLAGE), ("a", "thôn a", Kind.VILLAGE)], "đã có"),
    ],
)
def test_the_rules_of_village_create_hold_and_nothing_is_written(world, rows, message):
    areas = {"a": world.commune_a, "province": world.province}
    before = Area.objects.count()
    with pytest.raises(AreaError, match=message):
        village_bulk_save(villages=[(areas[key], name, kind) for key, name, kind in rows])
    assert Area.objects.count() == before
