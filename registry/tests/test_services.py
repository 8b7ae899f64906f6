import datetime

import pytest

from registry import services
from registry.enums import EndReason, Gender, UnitKind
from registry.models import Household, Person

TODAY = datetime.date.today()


def add(world, **extra) -> Household:
    data = {
        "commune": world.commune_a,
        "village": world.village_a1,
        "head_name": "Nguyễn Văn An",
        "head_gender": "male",
    }
    return services.household_create(**{**data, **extra})


def test_codes_are_numbered_when_left_empty_and_unique_in_the_commune(world):
    assert add(world).code == "HO00001"
    assert add(world, code=" H9 ").code == "H9"
    with pytest.raises(services.RegistryError, match="đã được dùng"):
        add(world, code="H9")
    # Another commune may use the same code.
    assert add(world, commune=world.commune_b, village=world.village_b1, code="H9").code == "H9"


def test_a_household_lives_in_a_current_village_of_its_commune(world):
    with pytest.raises(services.RegistryError, match="không phải thôn, tổ của"):
        add(world, village=world.village_b1)
    with pytest.raises(services.RegistryError, match="không phải thôn, tổ của"):
        add(world, village=world.commune_a)
    with pytest.raises(services.RegistryError, match="không còn tồn tại"):
        add(world, commune=world.former, village=world.former_village)


def test_the_clan_of_a_household_is_of_its_commune(world):
    clan = services.clan_create(commune=world.commune_b, name="Dòng họ Lê")
    with pytest.raises(services.RegistryError, match="cùng xã"):
        add(world, clan=clan)


def test_birth_years_and_citizen_ids_are_checked(world):
    household = add(world)
    with pytest.raises(services.RegistryError, match="1900"):
        services.member_add(household=household, full_name="A", gender=Gender.MALE, birth_year=TODAY.year + 1)
    with pytest.raises(services.RegistryError, match="12 chữ số"):
        services.member_add(household=household, full_name="A", gender=Gender.MALE, citizen_id="0340 1234")
    person = services.member_add(household=household, full_name="A", gender=Gender.MALE, citizen_id="0340 7000 1234")
    assert person.citizen_id == "034070001234" and person.masked_citizen_id() == "0340••••••34"


def test_a_person_counts_where_their_household_is(world):
    household = add(world)
    person = services.member_add(household=household, full_name="Trần Thị Bình", gender=Gender.FEMALE)
    assert person.area == world.village_a1
    services.household_update(
        household=household,
        code=household.code,
        village=world.village_a2,
        head_name="Nguyễn Văn An",
        address="",
        clan=None,
    )
    assert set(Person.objects.values_list("area_id", flat=True)) == {world.village_a2.pk}
    assert (
        Person.objects.in_area(world.commune_a).count() == 2 and not Person.objects.in_area(world.village_a1).exists()
    )


def test_renaming_the_head_renames_the_household_and_a_new_head_replaces_the_old(world):
    household = add(world)
    services.household_update(
        household=household,
        code=household.code,
        village=world.village_a1,
        head_name="Nguyễn Văn Ân",
        address="",
        clan=None,
    )
    assert household.members.get(is_head=True).full_name == "Nguyễn Văn Ân"
    son = services.member_add(household=household, full_name="Nguyễn Văn Bảo", gender=Gender.MALE, is_head=True)
    household.refresh_from_db()
    assert household.head_name == "Nguyễn Văn Bảo" and household.search_name == "nguyen van bao"
    assert list(household.members.filter(is_head=True)) == [son]


def test_a_row_counts_between_its_dates_and_keeps_them(world):
    household = add(world, active_from=datetime.date(2024, 1, 1))
    services.household_end(household=household, on=datetime.date(2025, 7, 1), reason=EndReason.MOVED)
    assert Household.objects.active_on(datetime.date(2025, 6, 30)).count() == 1
    assert Household.objects.active_on(datetime.date(2025, 7, 1)).count() == 0
    assert Household.objects.active_on(datetime.date(2023, 12, 31)).count() == 0
    assert household.last_day == datetime.date(2025, 6, 30)
    assert Person.objects.active_on(datetime.date(2025, 6, 30)).count() == 1
    with pytest.raises(services.RegistryError, match="Đã thôi tính"):
        services.household_end(household=household, on=TODAY, reason=EndReason.MOVED)
    with pytest.raises(services.RegistryError, match="không thể thêm"):
        services.member_add(household=household, full_name="A", gender=Gender.MALE)


def test_an_end_date_must_follow_the_start(world):
    household = add(world, active_from=datetime.date(2025, 1, 1))
    with pytest.raises(services.RegistryError, match="phải sau"):
        services.household_end(household=household, on=datetime.date(2025, 1, 1), reason=EndReason.MOVED)


def test_staff_are_linked_to_a_unit_of_their_commune(world):
    unit = services.unit_create(commune=world.commune_b, name="Trường Mầm non Bình Minh", kind=UnitKind.SCHOOL)
    household = add(world)
    with pytest.raises(services.RegistryError, match="cùng xã"):
        services.member_add(household=household, full_name="A", gender=Gender.MALE, unit=unit)
    staff = services.staff_add(unit=unit, full_name="Bùi Thị Mai", gender=Gender.FEMALE)
    assert staff.area == world.commune_b and staff.household is None
    with pytest.raises(services.RegistryError, match="nơi công tác"):
        services.person_update(
            person=staff,
            full_name="Bùi Thị Mai",
            gender="female",
            birth_year=None,
            labour_group="official",
            relation="",
            citizen_id="",
            unit=None,
        )


def test_units_sit_in_the_commune_or_one_of_its_villages(world):
    unit = services.unit_create(commune=world.commune_a, name="HTX Nông nghiệp", kind=UnitKind.PRODUCTION)
    assert unit.area == world.commune_a and unit.commune == world.commune_a
    with pytest.raises(services.RegistryError):
        services.unit_create(commune=world.commune_a, name="X", kind=UnitKind.OTHER, village=world.village_b1)
    with pytest.raises(services.RegistryError, match="loại đơn vị"):
        services.unit_create(commune=world.commune_a, name="X", kind="bank")
