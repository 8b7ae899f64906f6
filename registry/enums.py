from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.enums import LabourGroup  # noqa: F401  (re-exported: the registry and criteria use one)


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
