"""Recognition decisions (quyết định công nhận) of a commune People's Committee, the subjects they list,
and the certificates that carry a public verification code.

A title exists from the day its decision is issued: reports count the entries of issued decisions
(revoked ones no longer count), by the year of the campaign that assessed the subject.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from assessments.models import Assessment, Campaign
from recognition.enums import DecisionStatus


class DecisionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=DecisionStatus.ISSUED)


class Decision(models.Model):
    commune = models.ForeignKey(
        Area, verbose_name=_("issuing commune"), on_delete=models.PROTECT, related_name="decisions"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("The number before the symbol."))
    symbol = models.CharField(_("symbol"), max_length=30, default="QĐ-UBND")
    date = models.DateField(_("date"), null=True, blank=True)
    # The year of `date`, kept so that a number is unique per commune and year (set when issued).
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    place = models.CharField(_("place"), max_length=80, help_text=_("As written before the date: “Kim Bảng, ngày …”."))
    subject_line = models.CharField(_("subject"), max_length=300)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_capacity = models.CharField(
        _("signing capacity"), max_length=120, default="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", help_text=_("One line each.")
    )
    legal_bases = models.JSONField(_("legal bases"), default=list)
    recipients = models.JSONField(_("recipients"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    # The signed paper, scanned after issuing (a PDF or a photo, checked like evidence).
    scan = models.FileField(_("signed scan"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by_decision = models.CharField(_("revoking decision"), max_length=120, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        ordering = ["-date", "-pk"]
        constraints = [
            # A number is used once per commune and year (drafts may still share one).
            models.UniqueConstraint(
                fields=["commune", "number", "symbol", "year"],
                condition=~Q(status="draft"),
                name="decision_number_unique_per_commune_year",
            )
        ]

    def __str__(self) -> str:
        return self.number_text or str(_("Draft decision"))

    @property
    def number_text(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else ""

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT


class Entry(models.Model):
    """A subject recognised by a decision (or, with `excluded_reason`, one the council approved but the
    decision leaves out — leaving one out needs a reason)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="entries")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="recognitions")
    position = models.PositiveIntegerField(default=0)
    excluded_reason = models.TextField(_("reason for leaving out"), blank=True)

    class Meta:
        verbose_name = _("decision entry")
        verbose_name_plural = _("decision entries")
        ordering = ["decision", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "assessment"], name="entry_once_per_decision")]

    def __str__(self) -> str:
        return str(self.assessment)

    @property
    def is_listed(self) -> bool:
        return not self.excluded_reason


class Certificate(models.Model):
    """The certificate of one recognised subject, verifiable by anyone through its short code."""

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=9, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class CertificateLayout(models.Model):
    """Where each field goes on the pre-printed certificate paper a commune buys (mm, pt)."""

    commune = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="certificate_layout")
    positions = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate paper layout")
        verbose_name_plural = _("certificate paper layouts")

    def __str__(self) -> str:
        return str(self.commune)


class DecisionTemplate(models.Model):
    """A commune's own decision template: a .docx a locality edited from the default one, keeping its
    placeholders. Checked by a trial rendering when uploaded; without one the default file is used."""

    commune = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="decision_template")
    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision template")
        verbose_name_plural = _("decision templates")

    def __str__(self) -> str:
        return self.original_name
