"""Reads of the registry: the lists behind the pages and exports, and a household's history."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.scope import visible_areas
from areas.enums import Level
from areas.models import Area
from khuyenhoc.text import clean, fold
from registry.models import Clan, Household, Person, Unit


def _active_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": today})) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gt": today})
    )


def _status(rows: QuerySet, status: str | None) -> QuerySet:
    if status == "all":
        return rows
    if status == "inactive":
        return rows.inactive()
    return rows.active()


def _search(rows: QuerySet, text: str | None, *, code: bool = True) -> QuerySet:
    """Every word typed, without accents or case, within the folded name ("nguyen an" finds Nguyễn
    Văn An); or the exact code. The same on SQLite and PostgreSQL."""
    words = fold(text or "").split()
    if not words:
        return rows
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    if code:
        condition |= Q(code__iexact=clean(text))
    return rows.filter(condition)


def registry_areas(user) -> QuerySet:
    """Where the user starts: the communes in their scope today or, for a village head, their villages;
    with the number of households counted in each."""
    areas = visible_areas(user).current()
    communes = areas.at_level(Level.COMMUNE)
    level_areas = communes if communes.exists() else areas.at_level(Level.VILLAGE)
    counted = Household.objects.active().filter(Q(commune=OuterRef("pk")) | Q(area=OuterRef("pk")))
    return level_areas.annotate(has_households=Exists(counted)).order_by("path")


def villages_of(area: Area) -> QuerySet:
    """Today's villages of a commune (a village: itself)."""
    if area.level == Level.VILLAGE:
        return Area.objects.filter(pk=area.pk)
    return area.children.current().filter(level=Level.VILLAGE).order_by("code", "name")


def households(*, area: Area, search: str | None = None, village: Area | None = None, status=None) -> QuerySet:
    if village is None and area.level != Level.VILLAGE:
        rows = Household.objects.filter(commune=area)
    else:
        rows = Household.objects.filter(area=village or area)
    rows = _search(_status(rows, status), search)
    # A subquery, not a JOIN with GROUP BY: it is counted for the page's rows only, and the order
    # comes straight from the (village, code) index.
    members = Person.objects.filter(_active_q(), household=OuterRef("pk")).order_by().values("household")
    member_count = Coalesce(Subquery(members.annotate(count=Count("pk")).values("count")), 0)
    return rows.select_related("area", "clan").annotate(member_count=member_count).order_by("code", "pk")


def persons(
    *, area: Area, search: str | None = None, village: Area | None = None, group: str | None = None, status=None
) -> QuerySet:
    rows = _search(_status(Person.objects.in_area(village or area), status), search, code=False)
    if group:
        rows = rows.filter(labour_group=group)
    return rows.select_related("area", "household", "unit").order_by("search_name", "pk")


def clans(*, commune: Area, search: str | None = None, status=None) -> QuerySet:
    rows = _search(_status(Clan.objects.filter(area=commune), status), search)
    return rows.annotate(household_count=Count("households", filter=_active_q("households__"))).order_by(
        "search_name", "code"
    )


def units(*, commune: Area, search: str | None = None, village: Area | None = None, status=None) -> QuerySet:
    rows = Unit.objects.filter(area=village) if village else Unit.objects.filter(commune=commune)
    rows = _search(_status(rows, status), search)
    return (
        rows.select_related("area")
        .annotate(staff_listed=Count("staff", filter=_active_q("staff__")))
        .order_by("search_name", "code")
    )


def communities(*, commune: Area) -> QuerySet:
    """The villages of a commune as communities, with what is counted in each."""
    return villages_of(commune).annotate(
        household_count=Count("households", filter=_active_q("households__"), distinct=True),
        person_count=Count("persons", filter=_active_q("persons__"), distinct=True),
    )


def members(household: Household) -> list[Person]:
    """Current members first (head first), then former ones."""
    people = list(household.members.select_related("unit"))
    return sorted(people, key=lambda person: (not person.is_active, not person.is_head))


def history(household: Household) -> QuerySet:
    """The audit log of the household and of its members, newest first."""
    types = ContentType.objects.get_for_models(Household, Person)
    return (
        LogEntry.objects.filter(
            Q(content_type=types[Household], object_id=household.pk)
            | Q(content_type=types[Person], object_id__in=household.members.values("pk"))
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:100]
    )
