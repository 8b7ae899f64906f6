"""The commune's villages, clans and units as of the import's day: for drop-down lists in templates and
for matching names in files."""

from areas.enums import Level
from areas.models import Area
from registry.imports.base import Context
from registry.models import Clan, Unit


def villages_of(context: Context) -> list[Area]:
    return list(
        Area.objects.filter(parent=context.area, level=Level.VILLAGE).valid_on(context.day).order_by("code", "name")
    )


def clans_of(context: Context) -> list[Clan]:
    return list(Clan.objects.filter(area=context.area).active_on(context.day).order_by("search_name"))


def units_of(context: Context) -> list[Unit]:
    return list(Unit.objects.filter(commune=context.area).active_on(context.day).order_by("search_name"))


def bare_name(name: str) -> str:
    """A village's name without its kind ("Tổ dân phố Đông" → "Đông"), as lists often write it."""
    for prefix in ("Tổ dân phố ", "Thôn ", "Xóm ", "Khu phố ", "Ấp ", "Bản ", "Tổ "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
