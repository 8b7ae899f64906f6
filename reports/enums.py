from django.db import models
from django.utils.translation import gettext_lazy as _


class Computation(models.TextChoices):
    """How an indicator's numbers are made: each value names one SQL aggregation in
    `reports.indicators`, or figures entered by hand."""

    FAMILY = "family", _("Households recognised as learning families")
    CLAN = "clan", _("Clans recognised as learning clans")
    COMMUNITY = "community", _("Villages recognised as learning communities")
    UNIT = "unit", _("Units recognised as learning units")
    # Workers of recognised families, clans and communities who hold the learning-citizen title.
    WORKERS = "workers", _("Learning citizens among the workers of recognised families, clans and communities")
    # Staff of recognised units who hold the learning-citizen title.
    STAFF = "staff", _("Learning citizens among the staff of recognised units")
    # Rests on work the software does not model yet (training, the learning centre): entered per commune.
    MANUAL = "manual", _("Figures entered per commune and year")


class IndicatorGroup(models.TextChoices):
    """How indicators are grouped on screen and in the workbook (one sheet each)."""

    MODELS = "models", _("Learning models")
    CITIZENS = "citizens", _("Learning citizens")
    ASSOCIATION = "association", _("Hội Khuyến học and the learning centre")


class MapChoice(models.TextChoices):
    """On which map a year is shown."""

    # Today's areas; results recorded on former areas roll up into their successors.
    NOW = "now", _("Today's map")
    # The areas in force in that year, as the results were recorded.
    THEN = "then", _("Map of the time")


class Progress(models.TextChoices):
    """How an actual figure stands against a plan (the rule is in `reports.targets.progress`)."""

    MET = "met", _("Target met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    # No target for that indicator, or nothing to count.
    NONE = "none", _("No target or no data")
