from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from khuyenhoc.home import actions_for
from khuyenhoc.models import Job


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {"assignments": request.user.assignments, "actions": actions_for(request.user)},
    )


@require_GET
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's own background jobs, newest first: where they come back to a long import."""
    page = Paginator(Job.objects.filter(owner=request.user).select_related("area"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "jobs/list.html", {"page_obj": page})


@require_GET
@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    return render(request, "jobs/detail.html", {"job": get_object_or_404(Job, pk=job_id, owner=request.user)})


@require_GET
@login_required
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar, polled by htmx. Once the job stops running, the page that polls it reloads to
    show the outcome in its own way."""
    job = get_object_or_404(Job, pk=job_id, owner=request.user)
    response = render(request, "jobs/_progress.html", {"job": job})
    if not job.is_active:
        response["HX-Refresh"] = "true"
    return response


# Friendly error pages: they render without the request context processors, so nothing here may
# depend on the database or the session (a 500 may come from either).


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
