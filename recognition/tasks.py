"""A decision's certificates as one PDF, rendered by the task worker: a ward's batch runs to hundreds of
pages (about 15 a second), too long for a web request. The file is kept a day for its owner to download."""

import datetime
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from khuyenhoc.enums import JobStatus
from khuyenhoc.jobs import JobFailed, Outcome, Progress, job_task
from khuyenhoc.models import Job
from recognition.certificates import render_certificates
from recognition.enums import DecisionStatus
from recognition.models import Decision
from recognition.selectors import certificate_texts, positions_for

KIND = "recognition.certificates"
FOLDER = "certificates"
KEPT_FOR = datetime.timedelta(days=1)


@job_task
def certificates_print(job: Job, progress: Progress) -> Outcome:
    """params: decision (id), preprinted (bool), verify_base (the absolute address of /v/)."""
    decision = Decision.objects.select_related("commune", "campaign").get(pk=job.params["decision"])
    if decision.status != DecisionStatus.ISSUED:
        raise JobFailed(_("Certificates are printed only for a decision in force."))
    base = job.params["verify_base"]
    texts = certificate_texts(decision, lambda code: f"{base}{code}/")
    # WeasyPrint lays out the whole batch at once: say what happens, without a figure.
    progress(0, message=_("Printing %(count)s certificates…") % {"count": len(texts)}, force=True)
    positions = positions_for(decision.commune) if job.params["preprinted"] else None
    data = render_certificates(texts, positions=positions)
    name = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}.pdf", ContentFile(data))
    message = ngettext("%(count)s certificate is ready.", "%(count)s certificates are ready.", len(texts)) % {
        "count": len(texts)
    }
    return Outcome(message, {"file": name, "count": len(texts)})


def prune_files() -> None:
    """Batches hold names of people: remove those older than a day."""
    old = Job.objects.filter(kind=KIND, status=JobStatus.DONE, finished_at__lt=timezone.now() - KEPT_FOR)
    for job in old.filter(result__has_key="file"):
        default_storage.delete(job.result["file"])
        Job.objects.filter(pk=job.pk).update(result={})
