"""The registry: who and what the programme counts in each area.

Every row carries its area (a household and its members: today's village; a clan: its main commune; a
unit: its commune, or a village of it) so that "everything in this commune" is one range filter on
`area__path` and reports GROUP BY a prefix of it, without joining through households.

Rows are never deleted. A row counts on a day when `active_from` (empty: since records began) is on or
before it and `active_to` (the first day it no longer counts; empty while it does) is after it. A
household that moves away keeps its row and its dates, so the years it counted still count.
"""

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from areas.paths import subtree_q
from registry.enums import EndReason, Gender, LabourGroup, UnitKind

citizen_id_validator = RegexValidator(r"^\d{12}$", _("A citizen ID has 12 digits."))


class RegistryQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=day), Q(active_to__isnull=True) | Q(active_to__gt=day)
        )

    def active(self):
        return self.active_on(timezone.localdate())

    def inactive(self):
        return self.filter(active_to__lte=timezone.localdate())

    def in_area(self, area: Area):
        """The rows counted in `area` or anywhere under it."""
        return self.filter(subtree_q([area.path], "area__path"))


class Tracked(models.Model):
    """What every registry row has: the dates it counts between, and why it stopped."""

    active_from = models.DateField(_("counted from"), null=True, blank=True, help_text=_("Empty: since records began."))
    active_to = models.DateField(
        _("counted until"), null=True, blank=True, help_text=_("The first day it no longer counts.")
    )
    end_reason = models.CharField(_("reason"), max_length=12, choices=EndReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by every write, bulk ones included, and indexed: "the latest change" is one probe.
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistryQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day < self.active_to
        )

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def last_day(self) -> datetime.date | None:
        return self.active_to - datetime.timedelta(days=1) if self.active_to else None


class Clan(Tracked):
    """A clan (dòng họ), or one branch of it (chi, phái), registered in its main commune."""

    area = models.ForeignKey(Area, verbose_name=_("main commune"), on_delete=models.PROTECT, related_name="clans")
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("clan"), max_length=150)
    branch = models.CharField(_("branch"), max_length=100, blank=True, help_text=_("Chi or phái, if registered apart."))
    search_name = models.CharField(max_length=260, editable=False)
    representative = models.CharField(_("representative"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("clan")
        verbose_name_plural = _("clans")
        ordering = ["search_name", "code"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="clan_code_unique_in_commune")]
        indexes = [models.Index(fields=["updated_at"], name="clan_updated")]

    def __str__(self) -> str:
        return f"{self.name} — {self.branch}" if self.branch else self.name


class Unit(Tracked):
    """An agency, school, enterprise or production unit managed at commune level."""

    commune = models.ForeignKey(Area, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="units",
        help_text=_("The commune, or the village the unit sits in."),
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=UnitKind.choices)
    staff_count = models.PositiveIntegerField(
        _("staff count"), null=True, blank=True, help_text=_("Officials and staff on the payroll, as declared.")
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["search_name", "code"]
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="unit_code_unique_in_commune")]
        indexes = [models.Index(fields=["updated_at"], name="unit_updated")]

    def __str__(self) -> str:
        return self.name


class Household(Tracked):
    commune = models.ForeignKey(Area, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="households")
    code = models.CharField(_("household code"), max_length=30, help_text=_("Unique within the commune."))
    head_name = models.CharField(_("head of household"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False)
    address = models.CharField(_("address"), max_length=255, blank=True)
    clan = models.ForeignKey(
        Clan, verbose_name=_("clan"), null=True, blank=True, on_delete=models.PROTECT, related_name="households"
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="household_code_unique_in_commune")]
        indexes = [
            models.Index(fields=["area", "code"], name="household_village_code"),
            models.Index(fields=["updated_at"], name="household_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.head_name}"


class Person(Tracked):
    """A member of a household, or a staff member of a unit who lives elsewhere (then `area` is the
    unit's). `area` is kept equal to the household's (or unit's) by the services: reports count
    persons per area without joins."""

    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="persons")
    household = models.ForeignKey(
        Household, verbose_name=_("household"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("For officials and staff: the unit they work in."),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    labour_group = models.CharField(
        _("labour group"), max_length=10, choices=LabourGroup.choices, default=LabourGroup.OTHER
    )
    relation = models.CharField(_("relation to the head"), max_length=40, blank=True)
    is_head = models.BooleanField(_("head of household"), default=False)
    citizen_id = models.CharField(
        _("citizen ID"), max_length=12, blank=True, validators=[citizen_id_validator], help_text=_("12 digits.")
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["-is_head", models.F("birth_year").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(household__isnull=False) | Q(unit__isnull=False), name="person_in_household_or_unit"
            )
        ]
        indexes = [
            models.Index(fields=["area", "search_name"], name="person_area_name"),
            models.Index(fields=["updated_at"], name="person_updated"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def masked_citizen_id(self) -> str:
        """ "034012345678" → "0340••••••78": enough to tell two people apart, not enough to use."""
        value = self.citizen_id
        return f"{value[:4]}{'•' * (len(value) - 6)}{value[-2:]}" if len(value) > 6 else value
