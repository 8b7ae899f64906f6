import datetime

import pytest

from areas.enums import Kind, Level
from areas.services import AreaError, village_create, village_end, village_update


def test_a_new_village_gets_the_next_code_and_a_path_under_its_commune(world):
    village = village_create(commune=world.commune_a, name="  Tổ dân phố   Nam ", kind=Kind.RESIDENTIAL_GROUP)
    assert village.name == "Tổ dân phố Nam"
    assert village.code == "90001.003"
    assert village.level == Level.VILLAGE
    assert village.path.startswith(world.commune_a.path) and village.depth == world.commune_a.depth + 1
    assert village.search_name == "to dan pho nam"


def test_a_decomposed_name_is_stored_composed_and_clashes_with_its_twin(world):
    decomposed = "To\u0302\u0309 da\u0302n pho\u0302\u0301 \u0110o\u0302ng"  # "Tổ dân phố Đông" in NFD
    with pytest.raises(AreaError, match="đã có"):
        village_create(commune=world.commune_a, name=decomposed, kind=Kind.RESIDENTIAL_GROUP)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "Cần nhập tên"),
        ({"name": "Thôn X", "kind": Kind.WARD}, "không phải là loại"),
    ],
)
def test_bad_village_input_is_refused(world, kwargs, message):
    with pytest.raises(AreaError, match=message):
        village_create(commune=world.commune_a, **kwargs)


def test_a_village_cannot_hang_under_a_province(world):
    with pytest.raises(AreaError):
        village_create(commune=world.province, name="Thôn Lạc")


def test_renaming_keeps_the_row_and_refreshes_the_search_form(world):
    village_update(village=world.village_a2, name="Tổ dân phố Tây Sơn", kind=Kind.RESIDENTIAL_GROUP)
    world.village_a2.refresh_from_db()
    assert world.village_a2.search_name == "to dan pho tay son"


def test_an_ended_village_stays_in_history(world):
    village_end(village=world.village_a2, on=datetime.date(2026, 1, 1))
    world.village_a2.refresh_from_db()
    assert world.village_a2.valid_to == datetime.date(2026, 1, 1)
    assert world.village_a2.is_valid_on(datetime.date(2025, 12, 31))
    with pytest.raises(AreaError):
        village_end(village=world.village_a2, on=datetime.date(2026, 6, 1))
