"""Criteria sets as data.

A set is one version of a key ("mau-gia-dinh-hoc-tap-2016" v1, v2…). Drafts change; a published
version never does, so an assessment that points at it keeps the rules it was scored with — changing
the rules means a new draft version (services.criteria_set_new_version). A local set extends a
published set of its own or a higher area: it adds groups and items and may raise thresholds; the
effective set is merged in `selectors.effective_set`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from areas.models import Area
from criteria.enums import TITLE_ABBREVIATIONS, Rule, Status, Title

POINTS = {"max_digits": 6, "decimal_places": 2}


class CriteriaSet(models.Model):
    key = models.SlugField(
        _("key"), max_length=80, help_text=_("Names the set across its versions and across databases.")
    )
    # Contexts: Django's own catalogues translate "version" and "title" otherwise.
    version = models.PositiveSmallIntegerField(pgettext_lazy("criteria set", "version"), default=1)
    title = models.CharField(pgettext_lazy("criteria set", "title"), max_length=12, choices=Title.choices)
    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    period_from = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    # The issuing locality; empty for a national set.
    area = models.ForeignKey(
        Area, verbose_name=_("issued for"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extends = models.ForeignKey(
        "self",
        verbose_name=_("extends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extensions",
    )
    # The ids of every set this one extends, nearest last: the effective set loads in one query, and a
    # cycle shows as the set's own id in its base's chain.
    base_ids = models.JSONField(default=list, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    rule = models.CharField(_("outcome rule"), max_length=10, choices=Rule.choices)
    total_points = models.DecimalField(_("total points"), null=True, blank=True, **POINTS)
    pass_mark = models.DecimalField(_("pass mark"), null=True, blank=True, **POINTS)
    item_floor = models.DecimalField(
        _("floor on every item"), null=True, blank=True, help_text=_("No item may score less."), **POINTS
    )
    # Forms of the set, e.g. one per labour group: [{"key": "farmer", "label": "…"}].
    variants = models.JSONField(_("forms"), default=list, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the criteria come from."))
    placeholder_note = models.TextField(
        _("placeholders"), blank=True, help_text=_("Which values are placeholders for the locality to replace.")
    )
    # Shipped with the software as a starting point: never an official document.
    is_template = models.BooleanField(_("template"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["title", "key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="criteria_set_key_version_unique"),
            models.UniqueConstraint(fields=["key"], condition=Q(status="draft"), name="criteria_set_one_draft"),
            models.UniqueConstraint(fields=["key"], condition=Q(status="published"), name="criteria_set_one_published"),
            models.CheckConstraint(condition=~Q(extends=F("pk")), name="criteria_set_not_extending_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def abbreviation(self) -> str:
        return TITLE_ABBREVIATIONS[self.title]

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def issued_for(self) -> str:
        return self.area.name if self.area else _("National")


class Group(models.Model):
    """A criterion ("Tiêu chí 1") or a competency. In a local set, a group with the code of an inherited
    group adds its items (and points) to that group."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("group name"), max_length=300, blank=True)
    points = models.DecimalField(_("points"), null=True, blank=True, **POINTS)
    placeholder = models.BooleanField(_("placeholder points"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("group of criteria")
        verbose_name_plural = _("groups of criteria")
        ordering = ["criteria_set", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="criteria_group_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Item(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="items")
    # Repeated from the group so that a code is unique in the set.
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("text"))
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("How to score it."))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What proves it: photos, lists, minutes…"))
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    min_points = models.DecimalField(
        _("minimum"),
        null=True,
        blank=True,
        help_text=_("Point sets: the least score allowed. Level sets: the score that meets the target."),
        **POINTS,
    )
    mandatory = models.BooleanField(_("mandatory"), default=False, help_text=_("Failing it fails the subject."))
    evidence_required = models.BooleanField(
        _("evidence required"), default=False, help_text=_("Points given without evidence need an explanation.")
    )
    level = models.PositiveSmallIntegerField(pgettext_lazy("criteria set", "level"), null=True, blank=True)
    target = models.CharField(_("target"), max_length=300, blank=True)
    variants = models.JSONField(_("forms"), default=list, blank=True, help_text=_("Empty: every form."))
    placeholder = models.BooleanField(_("placeholder points"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion item")
        verbose_name_plural = _("criterion items")
        ordering = ["group__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criteria_item_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criteria_item_max_not_negative"),
            models.CheckConstraint(
                condition=Q(min_points__isnull=True) | Q(min_points__gte=0, min_points__lte=F("max_points")),
                name="criteria_item_min_within_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class Band(models.Model):
    """A grade for totals from `low` (included) to `high` (excluded, except for the top band)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(_("grade"), max_length=60)
    low = models.DecimalField(_("from"), **POINTS)
    high = models.DecimalField(_("to"), **POINTS)
    passes = models.BooleanField(_("passes"), default=True)

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["criteria_set", "-low"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "label"], name="criteria_band_label_unique")]

    def __str__(self) -> str:
        return self.label


class Level(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = pgettext_lazy("criteria set", "level")
        verbose_name_plural = _("levels")
        ordering = ["criteria_set", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criteria_level_unique")]

    def __str__(self) -> str:
        return self.name
