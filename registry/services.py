"""Writes to the registry, one row at a time (bulk loads go through registry.imports).

Each function cleans its text (NFC, single spaces), keeps the folded search form and the denormalised
areas in step (a person's area is their household's, or their unit's), and refuses what the rules
forbid with a `RegistryError` whose message is for the user.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.enums import Level
from areas.models import Area
from khuyenhoc.text import clean, fold
from registry.enums import EndReason, Gender, LabourGroup, UnitKind
from registry.models import Clan, Household, Person, Tracked, Unit, citizen_id_validator

HEAD_RELATION = "Chủ hộ"


class RegistryError(Exception):
    """A change to the registry that the rules refuse; the message is for the user."""


# --- Checks shared by the forms' services and the imports -----------------------------------------


def commune_of(area: Area) -> Area:
    """The commune an area belongs to: itself, or a village's parent."""
    return area.parent if area.level == Level.VILLAGE else area


def check_village(village: Area, commune: Area) -> None:
    if village.level != Level.VILLAGE or village.parent_id != commune.pk:
        raise RegistryError(
            _("%(village)s is not a village of %(commune)s.") % {"village": village, "commune": commune}
        )
    if not village.is_current:
        raise RegistryError(_("%(village)s no longer exists.") % {"village": village})


def check_birth_year(year: int | None) -> None:
    if year is not None and not 1900 <= year <= timezone.localdate().year:
        raise RegistryError(_("The birth year must lie between 1900 and this year."))


def check_citizen_id(value: str) -> str:
    value = clean(value).replace(" ", "")
    if value:
        try:
            citizen_id_validator(value)
        except ValidationError as error:
            raise RegistryError(error.messages[0]) from None
    return value


def _required(value: str, message: str) -> str:
    value = clean(value)
    if not value:
        raise RegistryError(message)
    return value


def _code(model, code: str, *, prefix: str, exclude: int | None = None, **scope) -> str:
    """The given code if free in its commune, or the next free "<prefix>00001"-style one."""
    rows = model.objects.filter(**scope)
    if exclude:
        rows = rows.exclude(pk=exclude)
    code = clean(code)
    if code:
        if rows.filter(code=code).exists():
            raise RegistryError(_("The code %(code)s is already used in this commune.") % {"code": code})
        return code
    number = rows.count() + 1
    while rows.filter(code=f"{prefix}{number:05d}").exists():
        number += 1
    return f"{prefix}{number:05d}"


def _end(row: Tracked, *, on: datetime.date, reason: str) -> None:
    if row.active_to is not None:
        raise RegistryError(_("It already stopped counting on %(day)s.") % {"day": row.last_day.strftime("%d/%m/%Y")})
    if row.active_from and on <= row.active_from:
        raise RegistryError(_("The end date must be after the date it began to count."))
    if reason not in EndReason.values:
        raise RegistryError(_("Choose a reason."))
    row.active_to, row.end_reason = on, reason
    row.save(update_fields=["active_to", "end_reason", "updated_at"])


# --- Households and their members -----------------------------------------------------------------


@transaction.atomic
def household_create(
    *,
    commune: Area,
    village: Area,
    head_name: str,
    head_gender: str,
    head_birth_year: int | None = None,
    code: str = "",
    address: str = "",
    clan: Clan | None = None,
    active_from: datetime.date | None = None,
) -> Household:
    """A household with its head as its first member."""
    check_village(village, commune)
    if clan is not None and clan.area_id != commune.pk:
        raise RegistryError(_("The clan must be registered in the same commune."))
    head_name = _required(head_name, _("The head of household needs a name."))
    household = Household.objects.create(
        commune=commune,
        area=village,
        code=_code(Household, code, prefix="HO", commune=commune),
        head_name=head_name,
        search_name=fold(head_name),
        address=clean(address),
        clan=clan,
        active_from=active_from,
    )
    member_add(
        household=household,
        full_name=head_name,
        gender=head_gender,
        birth_year=head_birth_year,
        relation=HEAD_RELATION,
        is_head=True,
        active_from=active_from,
    )
    return household


@transaction.atomic
def household_update(
    *, household: Household, code: str, village: Area, head_name: str, address: str, clan: Clan | None
) -> Household:
    """Change a household; moving it to another village of the commune moves its members' area too."""
    check_village(village, household.commune)
    if clan is not None and clan.area_id != household.commune_id:
        raise RegistryError(_("The clan must be registered in the same commune."))
    household.code = _code(
        Household, code or household.code, prefix="HO", exclude=household.pk, commune=household.commune
    )
    household.head_name = _required(head_name, _("The head of household needs a name."))
    household.search_name = fold(household.head_name)
    household.address, household.clan = clean(address), clan
    moved = household.area_id != village.pk
    household.area = village
    household.save(update_fields=["code", "head_name", "search_name", "address", "clan", "area", "updated_at"])
    if moved:
        household.members.update(area=village, updated_at=timezone.now())
    head = household.members.active().filter(is_head=True).first()
    if head and head.full_name != household.head_name:
        head.full_name, head.search_name = household.head_name, household.search_name
        head.save(update_fields=["full_name", "search_name", "updated_at"])
    return household


@transaction.atomic
def household_end(*, household: Household, on: datetime.date, reason: str) -> Household:
    """The household stops counting from `on` (moved away, dissolved…); so do its current members."""
    _end(household, on=on, reason=reason)
    household.members.filter(active_to__isnull=True).update(active_to=on, end_reason=reason, updated_at=timezone.now())
    return household


def _person_fields(
    *, full_name: str, gender: str, birth_year: int | None, labour_group: str, citizen_id: str, unit: Unit | None
) -> dict:
    full_name = _required(full_name, _("The person needs a name."))
    if gender not in Gender.values:
        raise RegistryError(_("Choose a gender."))
    if labour_group not in LabourGroup.values:
        raise RegistryError(_("Choose a labour group."))
    check_birth_year(birth_year)
    return {
        "full_name": full_name,
        "search_name": fold(full_name),
        "gender": gender,
        "birth_year": birth_year,
        "labour_group": labour_group,
        "citizen_id": check_citizen_id(citizen_id),
        "unit": unit,
    }


@transaction.atomic
def member_add(
    *,
    household: Household,
    full_name: str,
    gender: str,
    birth_year: int | None = None,
    labour_group: str = LabourGroup.OTHER,
    relation: str = "",
    citizen_id: str = "",
    unit: Unit | None = None,
    is_head: bool = False,
    active_from: datetime.date | None = None,
) -> Person:
    if not household.is_active:
        raise RegistryError(_("The household no longer counts; members cannot be added."))
    _check_unit(unit, household.commune_id)
    person = Person.objects.create(
        household=household,
        area_id=household.area_id,
        relation=clean(relation),
        is_head=is_head,
        active_from=active_from,
        **_person_fields(
            full_name=full_name,
            gender=gender,
            birth_year=birth_year,
            labour_group=labour_group,
            citizen_id=citizen_id,
            unit=unit,
        ),
    )
    if is_head:
        _make_head(person)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    full_name: str,
    gender: str,
    birth_year: int | None,
    labour_group: str,
    relation: str,
    citizen_id: str,
    unit: Unit | None,
    is_head: bool = False,
) -> Person:
    commune_id = person.household.commune_id if person.household else person.unit.commune_id
    _check_unit(unit, commune_id)
    if person.household is None and unit is None:
        raise RegistryError(_("A staff member who lives elsewhere must keep a workplace."))
    fields = _person_fields(
        full_name=full_name,
        gender=gender,
        birth_year=birth_year,
        labour_group=labour_group,
        citizen_id=citizen_id,
        unit=unit,
    )
    for name, value in fields.items():
        setattr(person, name, value)
    person.relation = clean(relation)
    if person.household is None:
        person.area_id = unit.area_id
    person.is_head = is_head and person.household is not None
    person.save(update_fields=[*fields, "relation", "area", "is_head", "updated_at"])
    if person.is_head:
        _make_head(person)
    return person


def _make_head(person: Person) -> None:
    """One head per household, and the household's head name is theirs."""
    household = person.household
    household.members.exclude(pk=person.pk).filter(is_head=True).update(is_head=False, updated_at=timezone.now())
    if household.head_name != person.full_name:
        household.head_name, household.search_name = person.full_name, person.search_name
        household.save(update_fields=["head_name", "search_name", "updated_at"])


@transaction.atomic
def person_end(*, person: Person, on: datetime.date, reason: str) -> Person:
    _end(person, on=on, reason=reason)
    return person


def _check_unit(unit: Unit | None, commune_id: int) -> None:
    if unit is not None and unit.commune_id != commune_id:
        raise RegistryError(_("The workplace must be a unit of the same commune."))


# --- Clans ----------------------------------------------------------------------------------------


def _clan_search(name: str, branch: str) -> str:
    return fold(f"{name} {branch}")


@transaction.atomic
def clan_create(
    *, commune: Area, name: str, branch: str = "", representative: str = "", code: str = "", active_from=None
) -> Clan:
    if commune.level != Level.COMMUNE:
        raise RegistryError(_("A clan is registered in a commune."))
    name = _required(name, _("The clan needs a name."))
    return Clan.objects.create(
        area=commune,
        code=_code(Clan, code, prefix="DH", area=commune),
        name=name,
        branch=clean(branch),
        search_name=_clan_search(name, branch),
        representative=clean(representative),
        active_from=active_from,
    )


@transaction.atomic
def clan_update(*, clan: Clan, code: str, name: str, branch: str, representative: str) -> Clan:
    clan.code = _code(Clan, code or clan.code, prefix="DH", exclude=clan.pk, area=clan.area)
    clan.name = _required(name, _("The clan needs a name."))
    clan.branch, clan.representative = clean(branch), clean(representative)
    clan.search_name = _clan_search(clan.name, clan.branch)
    clan.save(update_fields=["code", "name", "branch", "representative", "search_name", "updated_at"])
    return clan


@transaction.atomic
def clan_end(*, clan: Clan, on: datetime.date, reason: str) -> Clan:
    _end(clan, on=on, reason=reason)
    return clan


# --- Units and their staff ------------------------------------------------------------------------


def _unit_area(commune: Area, village: Area | None) -> Area:
    if village is None:
        return commune
    check_village(village, commune)
    return village


@transaction.atomic
def unit_create(
    *,
    commune: Area,
    name: str,
    kind: str,
    village: Area | None = None,
    staff_count: int | None = None,
    code: str = "",
    active_from=None,
) -> Unit:
    if commune.level != Level.COMMUNE:
        raise RegistryError(_("A unit belongs to a commune."))
    if kind not in UnitKind.values:
        raise RegistryError(_("Choose the kind of unit."))
    name = _required(name, _("The unit needs a name."))
    return Unit.objects.create(
        commune=commune,
        area=_unit_area(commune, village),
        code=_code(Unit, code, prefix="DV", commune=commune),
        name=name,
        search_name=fold(name),
        kind=kind,
        staff_count=staff_count,
        active_from=active_from,
    )


@transaction.atomic
def unit_update(*, unit: Unit, code: str, name: str, kind: str, village: Area | None, staff_count: int | None) -> Unit:
    if kind not in UnitKind.values:
        raise RegistryError(_("Choose the kind of unit."))
    unit.code = _code(Unit, code or unit.code, prefix="DV", exclude=unit.pk, commune=unit.commune)
    unit.name = _required(name, _("The unit needs a name."))
    unit.search_name, unit.kind, unit.staff_count = fold(unit.name), kind, staff_count
    unit.area = _unit_area(unit.commune, village)
    unit.save(update_fields=["code", "name", "search_name", "kind", "staff_count", "area", "updated_at"])
    # Staff who live elsewhere are counted where their unit is.
    unit.staff.filter(household__isnull=True).update(area=unit.area, updated_at=timezone.now())
    return unit


@transaction.atomic
def unit_end(*, unit: Unit, on: datetime.date, reason: str) -> Unit:
    _end(unit, on=on, reason=reason)
    unit.staff.filter(household__isnull=True, active_to__isnull=True).update(
        active_to=on, end_reason=reason, updated_at=timezone.now()
    )
    return unit


@transaction.atomic
def staff_add(
    *,
    unit: Unit,
    full_name: str,
    gender: str,
    birth_year: int | None = None,
    citizen_id: str = "",
    active_from=None,
) -> Person:
    """A staff member of the unit who does not live in one of the commune's households."""
    if not unit.is_active:
        raise RegistryError(_("The unit no longer counts; staff cannot be added."))
    return Person.objects.create(
        household=None,
        area_id=unit.area_id,
        active_from=active_from,
        **_person_fields(
            full_name=full_name,
            gender=gender,
            birth_year=birth_year,
            labour_group=LabourGroup.OFFICIAL,
            citizen_id=citizen_id,
            unit=unit,
        ),
    )
