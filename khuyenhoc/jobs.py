"""Background jobs any app can start: an import, a batch of certificates, a large report.

The work runs in the django-tasks worker (`manage.py db_worker`; eagerly in tests). A `Job` row says how
far it got, so its owner can leave the page and come back. An app declares its work with `@job_task`
— a function `(job, progress) -> Outcome` — and starts it with `job_start`, outside any transaction
(the worker must see the row). Work that needs the user's go-ahead midway (a preview, then "confirm")
ends with `Outcome(waiting=True)`; `job_confirm` then runs the next step on the same job and file.

An uploaded input is stored under MEDIA_ROOT/jobs/ with a random name and removed as soon as the job
no longer needs it; inputs of jobs left unconfirmed for a day are removed too.
"""

import datetime
import functools
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import Task

from khuyenhoc.enums import JobStatus
from khuyenhoc.models import Job

FOLDER = "jobs"
UNCONFIRMED_FOR = datetime.timedelta(hours=24)


class JobFailed(Exception):
    """Raised by a job's work to stop it with a message for the user."""


@dataclass
class Outcome:
    """What a job's work returns: the message shown to the user and what the app's page needs."""

    message: str
    result: dict = field(default_factory=dict)
    # Stop here until the user confirms (`job_confirm`); the input file is kept for the next step.
    waiting: bool = False


class Progress:
    """Called by the work as it goes: progress(done, total=…, message=…). Writes at most twice a second,
    and outside the work's own transactions the page sees it at once."""

    def __init__(self, job: Job, *, interval: float = 0.5):
        self.job = job
        self.interval = interval
        self._last = 0.0

    def __call__(self, done: int, *, total: int | None = None, message: str | None = None, force: bool = False):
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        changes: dict = {"done": done}
        if total is not None:
            changes["total"] = total
        if message is not None:
            changes["message"] = message[:500]
        Job.objects.filter(pk=self.job.pk).update(**changes)


Work = Callable[[Job, Progress], Outcome]


def job_task(work: Work) -> Task:
    """Make `work(job, progress) -> Outcome` a task taking a job id, which marks the job running, then
    done, waiting or failed. A `JobFailed` ends the job with its message; any other exception too, with
    a general message, and is re-raised so that the worker logs it."""

    @functools.wraps(work)
    def run(job_id: int) -> None:
        job = Job.objects.get(pk=job_id)
        if job.status != JobStatus.QUEUED:
            return  # cancelled before the worker came to it
        job.status, job.started_at = JobStatus.RUNNING, timezone.now()
        job.done, job.total, job.message = 0, None, ""
        job.save(update_fields=["status", "started_at", "done", "total", "message"])
        try:
            outcome = work(job, Progress(job))
        except JobFailed as error:
            _finish(job, JobStatus.FAILED, str(error))
        except Exception:
            _finish(
                job,
                JobStatus.FAILED,
                _("The job stopped on an unexpected error. Try again, or tell the administrator."),
            )
            raise
        else:
            status = JobStatus.WAITING if outcome.waiting else JobStatus.DONE
            _finish(job, status, outcome.message, outcome.result)

    return task()(run)


def _finish(job: Job, status: str, message: str, result: dict | None = None) -> None:
    job.refresh_from_db(fields=["done", "total"])
    job.status, job.message, job.finished_at = status, message[:500], timezone.now()
    fields = ["status", "message", "finished_at"]
    if result is not None:
        job.result = result
        fields.append("result")
    if status == JobStatus.DONE and job.total:
        job.done = job.total
        fields.append("done")
    job.save(update_fields=fields)
    if status != JobStatus.WAITING:
        _delete_file(job)


def job_start(
    *,
    task: Task,
    kind: str,
    title: str,
    owner,
    area=None,
    upload: UploadedFile | None = None,
    params: dict | None = None,
    page: str | None = None,
) -> Job:
    """Record a job, keep its uploaded input, and queue `task` (made with `@job_task`) for it. `page` is
    the name of a URL taking the job's id where the app shows it; the generic job page otherwise."""
    _prune()
    job = Job.objects.create(kind=kind, title=title[:200], owner=owner, area=area, params=params or {})
    if upload is not None:
        suffix = PurePath(upload.name or "").suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
        job.file = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}{suffix}", upload)
        job.file_name = (upload.name or "")[:200]
    if page:
        job.page_url = reverse(page, args=[job.pk])
    job.save(update_fields=["file", "file_name", "page_url"])
    task.enqueue(job.pk)
    return job


def job_confirm(job: Job, *, task: Task, params: dict | None = None) -> Job:
    """Run the next step of a job that waits for the user's confirmation."""
    if job.status != JobStatus.WAITING:
        raise JobFailed(_("This job is not waiting for a confirmation."))
    job.status, job.finished_at, job.done, job.total = JobStatus.QUEUED, None, 0, None
    job.params = {**job.params, **(params or {})}
    job.save(update_fields=["status", "finished_at", "done", "total", "params"])
    task.enqueue(job.pk)
    return job


def job_cancel(job: Job) -> Job:
    """Give up a job that has not started or waits for a confirmation; its input is removed."""
    if job.status not in (JobStatus.QUEUED, JobStatus.WAITING):
        raise JobFailed(_("This job can no longer be cancelled."))
    job.status, job.finished_at, job.message = JobStatus.CANCELLED, timezone.now(), _("Cancelled.")
    job.save(update_fields=["status", "finished_at", "message"])
    _delete_file(job)
    return job


def job_file_path(job: Job) -> str:
    """Where the worker reads the job's input."""
    if not job.file or not default_storage.exists(job.file):
        raise JobFailed(_("The uploaded file is no longer kept; upload it again."))
    return default_storage.path(job.file)


def _delete_file(job: Job) -> None:
    if job.file:
        default_storage.delete(job.file)
        Job.objects.filter(pk=job.pk).update(file="")
        job.file = ""


def _prune() -> None:
    """Cancel jobs left waiting for a confirmation too long, removing their inputs."""
    stale = Job.objects.filter(status=JobStatus.WAITING, finished_at__lt=timezone.now() - UNCONFIRMED_FOR)
    for job in stale[:100]:
        job_cancel(job)
