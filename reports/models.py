"""Indicators of the programme's targets, the plans that set target values for them, and the figures
entered by hand for indicators that rest on work the software does not model yet.

Indicators are data shipped in reports/data/indicators.yaml (each names the SQL aggregation that counts
it); plans are shipped in reports/data/plans.yaml and may be added or edited by programme staff. A plan
applies to the areas under its own and to those that succeeded from them (see `selectors.plans_for`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from areas.models import Area
from reports.enums import Computation, IndicatorGroup

PERCENT = {"max_digits": 5, "decimal_places": 2}


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    group = models.CharField(_("group"), max_length=12, choices=IndicatorGroup.choices)
    computation = models.CharField(_("computation"), max_length=12, choices=Computation.choices)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60)
    numerator = models.TextField(_("what is counted"))
    denominator = models.TextField(_("out of"))
    notes = models.TextField(_("rules"), blank=True)
    unit = models.CharField(_("counted in"), max_length=40, help_text=_("households, clans, persons…"))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def is_manual(self) -> bool:
        return self.computation == Computation.MANUAL


class Plan(models.Model):
    """A plan or programme that sets targets: 387/QĐ-TTg for the nation, a province's or a district's
    plan implementing it, a commune's own."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    issuer = models.CharField(_("issued by"), max_length=200)
    # Contexts: other apps' catalogues translate "number", "date" and "title" otherwise.
    number = models.CharField(pgettext_lazy("plan", "number"), max_length=60)
    date = models.DateField(pgettext_lazy("plan", "date"))
    title = models.CharField(pgettext_lazy("plan", "title"), max_length=500)
    # Empty for a national plan.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.PositiveSmallIntegerField(_("first year"), default=2021)
    period_end = models.PositiveSmallIntegerField(_("last year"), default=2030)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target plan")
        verbose_name_plural = _("target plans")
        ordering = [F("area__depth").asc(nulls_first=True), "date", "number"]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="plan_period_order")]

    def __str__(self) -> str:
        return f"{self.number} — {self.issuer}"

    @property
    def is_national(self) -> bool:
        return self.area_id is None


class Target(models.Model):
    """The value a plan sets for an indicator in a year: the 2025 and 2030 targets, or a yearly step."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target (%)"), **PERCENT)
    unconfirmed = models.BooleanField(
        _("unconfirmed"), default=False, help_text=_("The value is not confirmed by the published document.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "indicator__position", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "year"], name="target_once_per_year"),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="target_is_a_percentage"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}%"


class ManualFigure(models.Model):
    """A figure entered for an indicator that rests on the programme's other work (training, the
    learning centre), for one commune and year, with where it comes from."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", limit_choices_to={"computation": Computation.MANUAL}
    )
    area = models.ForeignKey(Area, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    numerator = models.PositiveIntegerField(_("counted"))
    denominator = models.PositiveIntegerField(_("out of"))
    source = models.CharField(_("source"), max_length=300, help_text=_("Where the figure comes from."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entered figure")
        verbose_name_plural = _("entered figures")
        ordering = ["year", "area__path", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "year"], name="figure_once_per_area_year"),
            models.CheckConstraint(condition=Q(numerator__lte=F("denominator")), name="figure_part_of_whole"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.year}: {self.numerator}/{self.denominator}"


class Tally(models.Model):
    """A count kept ready for the dashboards: one source of the indicators (`indicators.SOURCES`) for an
    area and a year, before it is placed on a map. Written only by `tallies.tally_refresh`: counting the
    raw rows of a province takes seconds, adding up its tallies milliseconds."""

    part = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    num = models.BigIntegerField(default=0)
    den = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["part", "year", "area"], name="tally_once")]

    def __str__(self) -> str:
        return f"{self.part} {self.year} {self.area_id}: {self.num}/{self.den}"


class TallyYear(models.Model):
    """When a year's tallies were counted and from which state of their inputs; they serve while both still
    hold (`tallies.freshness`)."""

    year = models.PositiveSmallIntegerField(unique=True)
    # The day the registry was counted on (today within the current year).
    counted_on = models.DateField(null=True)
    # `tallies.fingerprint()` when the counting began.
    inputs = models.CharField(max_length=400, blank=True)
    counted_at = models.DateTimeField(null=True)
    # A refresh asked for and not yet done, so that a busy dashboard asks once.
    requested_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return str(self.year)
