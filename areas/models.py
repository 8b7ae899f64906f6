"""The administrative map over time.

Identity: an Area row is one unit with a fixed code, parent and territory over [valid_from, valid_to).
A change of name or kind alone (Thị trấn Quế → Phường Quế) keeps the row and records a FormerName; a
change of territory or parent (a merger, a split, the end of the district tier) ends the row and starts
a new one, linked by Successions. Codes are reused across time (13384 was Thị trấn Quế and is now
Phường Kim Bảng), so (code, valid_from) is the natural key, never the code alone.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.enums import Kind, Level, SuccessionKind
from areas.fields import PathField
from areas.paths import ids, subtree_q


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


class AreaQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "AreaQuerySet":
        return self.filter(valid_on_q(day))

    def current(self) -> "AreaQuerySet":
        return self.valid_on(timezone.localdate())

    def under(self, *areas: "Area") -> "AreaQuerySet":
        """The areas in the subtrees of the given areas, themselves included."""
        return self.filter(subtree_q(area.path for area in areas))

    def under_paths(self, paths: list[str]) -> "AreaQuerySet":
        return self.filter(subtree_q(paths))

    def at_level(self, level: Level) -> "AreaQuerySet":
        return self.filter(level=level)


class Area(models.Model):
    code = models.CharField(_("code"), max_length=20, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    search_name = models.CharField(max_length=150, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = PathField(max_length=120, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, help_text=_("Empty: before records began."))
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The first day it no longer exists; empty while it does.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="area_code_from_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_from__isnull=True), name="area_code_unique_since_records"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="area_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return ids(self.path)[:-1]

    def ancestors(self) -> AreaQuerySet:
        return Area.objects.filter(pk__in=self.ancestor_ids).order_by("depth")

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    @property
    def last_day(self) -> datetime.date | None:
        return self.valid_to - datetime.timedelta(days=1) if self.valid_to else None

    def is_within(self, other: "Area") -> bool:
        return self.path.startswith(other.path)

    def name_on(self, day: datetime.date) -> str:
        """The name the unit bore on `day` (renames keep the row; see FormerName). Read from `former_names`
        as a whole, so that a list of areas with them prefetched asks nothing more."""
        former = [name for name in self.former_names.all() if name.until > day]
        return min(former, key=lambda name: name.until).name if former else self.name


class FormerName(models.Model):
    """A name (and kind) an area bore until a date, before a rename that kept its territory."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    until = models.DateField(_("until"), help_text=_("The first day of the new name."))

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["area", "until"]
        constraints = [models.UniqueConstraint(fields=["area", "until"], name="former_name_unique")]

    def __str__(self) -> str:
        return self.name


class Succession(models.Model):
    """The whole or a part of `predecessor` became (part of) `successor` on `effective_date`."""

    predecessor = models.ForeignKey(
        Area, verbose_name=_("former area"), on_delete=models.PROTECT, related_name="successions_out"
    )
    successor = models.ForeignKey(
        Area, verbose_name=_("new area"), on_delete=models.PROTECT, related_name="successions_in"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["effective_date", "successor__path", "predecessor__path"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Equivalent(models.Model):
    """How the records of an area count on the latest map (derived; rebuilt by
    `areas.services.equivalents_rebuild`). Reports join through it to put a 2024 figure of Xã Văn Xá
    under Phường Kim Bảng. An area of the latest map is its own equivalent (share 1, exact)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="equivalents")
    latest = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    # The part of the area's records that counts under `latest`: 1 for a whole succession; split
    # equally between the successors of a partial one unless its villages say where they went.
    share = models.DecimalField(max_digits=7, decimal_places=6)
    exact = models.BooleanField(help_text=_("False when the share is an estimate (a partial succession)."))

    class Meta:
        verbose_name = _("equivalent on the latest map")
        verbose_name_plural = _("equivalents on the latest map")
        constraints = [models.UniqueConstraint(fields=["area", "latest"], name="equivalent_unique")]

    def __str__(self) -> str:
        return f"{self.area} → {self.latest} ({self.share})"
