from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The tier of an area, whatever the name of its kind. Depth in the tree varies (the district
    tier ended on 01/07/2025), so code that means "communes" asks for the level, never a depth."""

    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")


class Kind(models.TextChoices):
    """The official kind of an area (loại đơn vị hành chính), or of a village-level community."""

    PROVINCE = "province", _("Province")
    CENTRAL_CITY = "central_city", _("Centrally-run city")
    RURAL_DISTRICT = "rural_district", _("Rural district")
    URBAN_DISTRICT = "urban_district", _("Urban district")
    DISTRICT_TOWN = "district_town", _("District-level town")
    PROVINCIAL_CITY = "provincial_city", _("Provincial city")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    VILLAGE = "village", _("Village (thôn)")
    HAMLET = "hamlet", _("Hamlet (xóm)")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group (tổ dân phố)")
    QUARTER = "quarter", _("Quarter (khu phố)")
    AP = "ap", _("Hamlet (ấp)")
    BAN = "ban", _("Hamlet (bản)")


LEVEL_OF_KIND = {
    Kind.PROVINCE: Level.PROVINCE,
    Kind.CENTRAL_CITY: Level.PROVINCE,
    Kind.RURAL_DISTRICT: Level.DISTRICT,
    Kind.URBAN_DISTRICT: Level.DISTRICT,
    Kind.DISTRICT_TOWN: Level.DISTRICT,
    Kind.PROVINCIAL_CITY: Level.DISTRICT,
    Kind.COMMUNE: Level.COMMUNE,
    Kind.WARD: Level.COMMUNE,
    Kind.TOWNSHIP: Level.COMMUNE,
    Kind.SPECIAL_ZONE: Level.COMMUNE,
    Kind.VILLAGE: Level.VILLAGE,
    Kind.HAMLET: Level.VILLAGE,
    Kind.RESIDENTIAL_GROUP: Level.VILLAGE,
    Kind.QUARTER: Level.VILLAGE,
    Kind.AP: Level.VILLAGE,
    Kind.BAN: Level.VILLAGE,
}
VILLAGE_KINDS = [kind for kind, level in LEVEL_OF_KIND.items() if level == Level.VILLAGE]


class SuccessionKind(models.TextChoices):
    """How much of the old area passed to the new one."""

    FULL = "full", _("Whole area")
    PARTIAL = "partial", _("Part of the area")
