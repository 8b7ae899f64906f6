"""Project-wide records: the background jobs that any app may start (see khuyenhoc.jobs)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from khuyenhoc.enums import ACTIVE_STATUSES, JobStatus


class Job(models.Model):
    """A long piece of work run by the task worker, followed by its owner on a progress page they may
    leave and come back to. django-tasks runs it; this row says how far it got and what came out."""

    kind = models.CharField(_("kind"), max_length=60, help_text=_("What runs it, e.g. registry.import."))
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty while unknown."))
    message = models.CharField(_("message"), max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True, help_text=_("What the task needs besides the file."))
    result = models.JSONField(default=dict, blank=True)
    # The uploaded input, under MEDIA_ROOT with a random name; removed when the job no longer needs it.
    file = models.CharField(max_length=200, blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True, help_text=_("As the user named it."))
    # Where the job is followed, when an app has a page of its own for it.
    page_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.page_url or reverse("job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
