"""Yearly assessment campaigns: one Assessment per subject taken from the registry, its scores by layer
(self, village, council), its evidence per criterion, and the history of every change.

An assessment keeps the area its subject sat in when the campaign opened (the village of a household,
the commune of a clan), so results stay on the map of their time; reports move them onto today's map
through areas.Equivalent.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from assessments.enums import EventKind, EvidenceKind, ScoreLayer, Stage, Status
from criteria.enums import Title
from criteria.models import POINTS, CriteriaSet
from registry.models import Clan, Household, Person, Unit


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=12, choices=Title.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("A commune, or a whole district or province at once."),
    )
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("A published version; the campaign keeps it even when a newer one is published."),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.DRAFT)
    # Planned last days of each stage (shown to users; a personal link expires with self-assessment).
    registration_until = models.DateField(_("registration until"), null=True, blank=True)
    self_assessment_until = models.DateField(_("self-assessment until"), null=True, blank=True)
    village_review_until = models.DateField(_("village review until"), null=True, blank=True)
    commune_review_until = models.DateField(_("commune review until"), null=True, blank=True)
    decision_by = models.DateField(_("decision by"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    stage_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "area__path", "title"]
        constraints = [
            models.UniqueConstraint(fields=["year", "title", "area"], name="campaign_one_per_year_title_area")
        ]

    def __str__(self) -> str:
        return self.name

    def is_at(self, *stages: str) -> bool:
        return self.stage in stages

    @property
    def link_expiry(self) -> datetime.datetime | None:
        """Personal links stop working at the end of the self-assessment's last day."""
        if not self.self_assessment_until:
            return None
        day_after = self.self_assessment_until + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time()))


class AssessmentQuerySet(models.QuerySet):
    def taking_part(self):
        return self.exclude(status=Status.INVITED)


class Assessment(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assessments")
    # Exactly one subject, by the campaign's title; a community is the village itself.
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    clan = models.ForeignKey(Clan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="assessments")
    subject_name = models.CharField(_("subject"), max_length=200)
    subject_code = models.CharField(_("code"), max_length=30, blank=True)
    # The form of the set the subject is assessed with (a citizen's labour group); empty: the only form.
    variant = models.CharField(_("form"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    # Raised by every change: a save that carries an older value was made on stale data and is refused.
    version = models.PositiveIntegerField(default=1)
    # The engine's outcomes, kept so that lists and reports need not re-evaluate (criteria.engine is
    # still the only thing that computes them: see services.refresh_outcomes).
    self_total = models.DecimalField(_("self-assessed total"), null=True, blank=True, **POINTS)
    self_passed = models.BooleanField(null=True, blank=True)
    total = models.DecimalField(_("reviewed total"), null=True, blank=True, **POINTS)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=60, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    returned_reason = models.TextField(_("reason for returning"), blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    village_submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["area__path", "subject_code", "subject_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", field], condition=Q(**{f"{field}__isnull": False}), name=f"assessment_one_{field}"
            )
            for field in ("household", "person", "clan", "unit", "community")
        ]
        indexes = [models.Index(fields=["campaign", "area", "status"], name="assessment_campaign_area")]

    def __str__(self) -> str:
        return self.subject_name

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    layer = models.CharField(_("given by"), max_length=8, choices=ScoreLayer.choices)
    item_code = models.CharField(_("item"), max_length=20)
    points = models.DecimalField(_("points"), **POINTS)
    # Why: an explanation for points given without the evidence the item asks for, or the council's
    # reason for an adjustment.
    explanation = models.TextField(_("explanation"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "layer", "item_code"], name="score_one_per_layer_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_code}: {self.points}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    item_code = models.CharField(_("item"), max_length=20)
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    # Stored under a random name (assessments.uploads.storage_name); served only through a scoped view.
    file = models.FileField(_("file"), max_length=200, blank=True)
    thumbnail = models.FileField(max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Evidence is never deleted: removing it hides it and keeps who and when.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["assessment", "item_code", "added_at"]
        indexes = [models.Index(fields=["assessment", "item_code"], name="evidence_assessment_item")]

    def __str__(self) -> str:
        return self.original_name or self.url or self.note[:40]

    @property
    def is_picture(self) -> bool:
        return self.content_type.startswith("image/")


class PersonalLink(models.Model):
    """A link (and its QR code) that lets a household self-assess without an account: bound to one
    assessment, revocable, and expiring with the self-assessment stage."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")

    def __str__(self) -> str:
        return f"{self.assessment} ({self.created_at:%d/%m/%Y})"

    def is_usable(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


class Event(models.Model):
    """One line of a subject's history: who changed what, when, from what to what, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.ForeignKey(PersonalLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    layer = models.CharField(max_length=8, choices=ScoreLayer.choices, blank=True)
    item_code = models.CharField(max_length=20, blank=True)
    old = models.CharField(max_length=200, blank=True)
    new = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["assessment", "-at", "-pk"]
        indexes = [models.Index(fields=["assessment", "at"], name="event_assessment_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item_code} {self.old} → {self.new}"
