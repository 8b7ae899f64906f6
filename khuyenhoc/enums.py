from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where a background job stands."""

    # Waiting for the worker to pick it up.
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    # Its first step is done and it waits for the user to confirm the next (the input file is kept).
    WAITING = "waiting", _("Waiting for your confirmation")
    DONE = "done", _("Done")
    # Stopped on an error; `message` says what the user can do about it.
    FAILED = "failed", _("Failed")
    # Given up by the user, or left unconfirmed too long.
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = {JobStatus.QUEUED, JobStatus.RUNNING}


class LabourGroup(models.TextChoices):
    """The labour group of a person, which is also the form of the learning-citizen set they are assessed
    with. Defined here, below both apps that need it: the registry records it, criteria sets name their
    citizen forms by it (the two apps are siblings and do not import each other)."""

    FARMER = "farmer", _("Farmers and rural workers")
    WORKER = "worker", _("Industrial and craft workers")
    # Cán bộ, công chức, viên chức.
    OFFICIAL = "official", _("Officials and staff")
    OTHER = "other", _("Other")
