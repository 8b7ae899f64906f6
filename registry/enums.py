from django.db import models
from django.utils.translation import gettext_lazy as _


class LabourGroup(models.TextChoices):
    """The group whose learning-citizen form a person is assessed with. The values are those of
    criteria.enums.LabourGroup (registry and criteria are siblings and do not import each other)."""

    FARMER = "farmer", _("Farmers and rural workers")
    WORKER = "worker", _("Industrial and craft workers")
    OFFICIAL = "official", _("Officials and staff")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class UnitKind(models.TextChoices):
    """The kinds of unit a commune recognises as learning units (Đơn vị học tập)."""

    AGENCY = "agency", _("Agency")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    PRODUCTION = "production", _("Production unit")
    OTHER = "other", _("Other")


class EndReason(models.TextChoices):
    """Why a row stopped counting. The row stays, with its dates, for the years it did count."""

    MOVED = "moved", _("Moved away")
    DISSOLVED = "dissolved", _("Dissolved or merged")
    DECEASED = "deceased", _("Deceased")
    # A re-import listed the household without this member.
    UNLISTED = "unlisted", _("No longer on the list")
    OTHER = "other", _("Other")


class ImportKind(models.TextChoices):
    """What a registry import or export holds."""

    HOUSEHOLDS = "households", _("Households and members")
    CLANS = "clans", _("Clans")
    UNITS = "units", _("Units")
    VILLAGES = "villages", _("Villages and residential groups")
