"""The registry's background work: checking an uploaded file, then importing it once confirmed."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from khuyenhoc.jobs import Outcome, Progress, job_file_path, job_task
from khuyenhoc.models import Job
from registry.imports import SPECS, Context, run_import

KIND = "registry.import"


def _run(job: Job, *, write: bool, progress: Progress | None):
    context = Context(area=job.area, day=timezone.localdate())
    return run_import(SPECS[job.params["kind"]], job_file_path(job), context, write=write, progress=progress)


def _problems(count: int) -> str:
    return ngettext(
        "%(count)s problem found; nothing was saved.", "%(count)s problems found; nothing was saved.", count
    ) % {"count": count}


@job_task
def import_check(job: Job, progress: Progress) -> Outcome:
    """Read and compare every row, writing nothing; wait for the user's go-ahead if all is well."""
    report = _run(job, write=False, progress=progress)
    if not report.ok:
        return Outcome(_problems(report.problem_count), report.as_dict())
    message = _("%(rows)s rows checked, no problem found. Confirm to import them.") % {"rows": report.rows}
    return Outcome(message, report.as_dict(), waiting=True)


@job_task
def import_apply(job: Job, progress: Progress) -> Outcome:
    """Check again (the registry may have changed meanwhile) and write everything in one transaction."""
    # Inside the import's transaction nobody else sees progress: say what happens, without a figure.
    progress(0, message=_("Saving…"), force=True)
    report = _run(job, write=True, progress=None)
    if not report.ok:
        return Outcome(_problems(report.problem_count), report.as_dict())
    return Outcome(_("Imported."), report.as_dict())
