"""The official map of Hà Nam and the new Ninh Bình, loaded from the shipped fixture."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from areas.enums import Level, SuccessionKind
from areas.models import Area, FormerName, Succession
from areas.selectors import predecessors, successor_on, successors
from areas.services import AreaError, official_units_load

ON_2024 = datetime.date(2024, 6, 1)
ON_2025_03 = datetime.date(2025, 3, 1)
TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def ha_nam(db):
    return official_units_load(provinces=["35"])


def kim_bang_units(day):
    district = Area.objects.get(code="350")
    return Area.objects.under(district).valid_on(day).at_level(Level.COMMUNE)


def test_kim_bang_has_18_communes_in_2023_and_17_units_in_march_2025(ha_nam):
    assert kim_bang_units(ON_2024).count() == 18
    units_2025 = kim_bang_units(ON_2025_03)
    assert units_2025.count() == 17
    assert "Phường Tân Tựu" in set(units_2025.values_list("name", flat=True))


def test_kim_bang_is_six_wards_of_ninh_binh_today(ha_nam):
    kim_bang_codes = ["13384", "13393", "13396", "13402", "13420", "13435"]
    wards = Area.objects.current().filter(code__in=kim_bang_codes, level=Level.COMMUNE)
    assert sorted(w.name for w in wards) == [
        "Phường Kim Bảng",
        "Phường Kim Thanh",
        "Phường Lê Hồ",
        "Phường Lý Thường Kiệt",
        "Phường Nguyễn Úy",
        "Phường Tam Chúc",
    ]
    assert {w.parent.name for w in wards} == {"Tỉnh Ninh Bình"}
    assert all(w.valid_from == datetime.date(2025, 7, 1) for w in wards)


def test_van_xa_passed_whole_into_phuong_kim_bang(ha_nam):
    van_xa = Area.objects.get(code="13417")
    kim_bang = Area.objects.get(code="13384", valid_from=datetime.date(2025, 7, 1))
    link = Succession.objects.get(predecessor=van_xa, successor=kim_bang)
    assert link.kind == SuccessionKind.FULL
    assert link.effective_date == datetime.date(2025, 7, 1)
    assert "1674/NQ-UBTVQH15" in link.legal_basis
    assert successor_on(van_xa, TODAY) == [kim_bang]
    assert {a.name for a in predecessors(kim_bang)} == {"Phường Quế", "Xã Văn Xá", "Phường Ngọc Sơn"}


def test_a_code_reused_by_a_new_ward_is_another_area(ha_nam):
    que, kim_bang = Area.objects.filter(code="13384").order_by(F("valid_from").asc(nulls_first=True))
    assert que.valid_from is None and que.valid_to == datetime.date(2025, 7, 1)
    assert que.name_on(ON_2024) == "Thị trấn Quế"
    assert que.name_on(ON_2025_03) == "Phường Quế"
    assert kim_bang.name == "Phường Kim Bảng"


def test_nhat_tuu_and_nhat_tan_became_tan_tuu_then_kim_thanh(ha_nam):
    nhat_tuu = Area.objects.get(code="13399")
    chain = {a.name for a in successors(nhat_tuu)}
    assert chain == {"Phường Tân Tựu", "Phường Kim Thanh"}
    tan_tuu = Area.objects.get(code="13402", valid_from=datetime.date(2025, 1, 1))
    assert {a.name for a in predecessors(tan_tuu)} == {"Xã Nhật Tựu", "Xã Nhật Tân"}


def test_a_commune_split_between_several_wards_is_recorded_as_partial(ha_nam):
    quang_trung = Area.objects.get(code="13285", valid_from__isnull=True)
    links = Succession.objects.filter(predecessor=quang_trung)
    assert links.count() >= 2
    assert set(links.values_list("kind", flat=True)) == {SuccessionKind.PARTIAL}
    assert "Phường Phủ Lý" in {link.successor.name for link in links}


def test_loading_twice_changes_nothing(ha_nam):
    counts = (Area.objects.count(), Succession.objects.count(), FormerName.objects.count())
    again = official_units_load(provinces=["35"])
    assert (again.created, again.updated, again.successions, again.former_names) == (0, 0, 0, 0)
    assert (Area.objects.count(), Succession.objects.count(), FormerName.objects.count()) == counts


def test_an_unknown_province_code_is_refused_by_name_and_writes_nothing(db):
    with pytest.raises(AreaError, match="99"):
        official_units_load(provinces=["35", "99"])
    assert not Area.objects.exists()


def test_the_command_exits_non_zero_on_an_unknown_code(db):
    with pytest.raises(CommandError, match="99"):
        call_command("load_areas", "--province", "99")
    assert not Area.objects.exists()
