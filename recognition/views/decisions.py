"""The decisions: the list, a new draft from the council's approved list, the draft's page (its text,
who is listed, issuing) and the issued decision's page (files, signed scan, revoking). Everyone whose
scope covers the commune reads; acting needs ISSUE_DECISIONS over it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.enums import Capability
from areas.enums import Level
from recognition import selectors, services
from recognition.forms import DecisionForm, IssueForm, ListFilterForm, RevokeForm, UploadForm
from recognition.models import Decision, Entry
from recognition.views.common import decision_for, decision_to_change

PAGE_SIZE = 50
ENTRIES_PAGE_SIZE = 100
SCAN_ACCEPT = "application/pdf,image/*"


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@require_GET
@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    decisions = selectors.decisions_visible_to(user)
    years = sorted(set(decisions.order_by().values_list("campaign__year", flat=True)), reverse=True)
    form = ListFilterForm(request.GET, years=years)
    filters = {
        "campaign__year": form.value("year"),
        "campaign__title": form.value("title"),
        "status": form.value("status"),
    }
    decisions = decisions.filter(**{key: value for key, value in filters.items() if value})
    rows = (
        decisions.select_related("commune", "campaign")
        .annotate(listed=Count("entries", filter=Q(entries__excluded_reason="")))
        .order_by("-campaign__year", "commune__path", "-date", "-pk")
    )
    communes = [
        a.area
        for a in user.assignments
        if a.area.level == Level.COMMUNE and user.can(Capability.ISSUE_DECISIONS, a.area)
    ]
    context = {
        "form": form,
        "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": _query_string(request),
        "may_issue": user.can_anywhere(Capability.ISSUE_DECISIONS),
        "communes": communes,
    }
    return render(request, "recognition/decision_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    """What waits for a decision, each with a button that prepares the draft from the approved list."""
    if not request.user.can_anywhere(Capability.ISSUE_DECISIONS):
        raise PermissionDenied
    work = selectors.decision_work(request.user)
    if request.method == "POST":
        pair = {(str(w.campaign.pk), str(w.commune.pk)): w for w in work}
        chosen = pair.get((request.POST.get("campaign", ""), request.POST.get("commune", "")))
        if chosen is None:
            raise Http404  # not a campaign at the decision stage in one of the user's communes
        if chosen.drafts:
            return redirect("recognition:detail", chosen.drafts[0].pk)
        try:
            decision = services.decision_create(by=request.user, campaign=chosen.campaign, commune=chosen.commune)
        except services.RecognitionError as error:
            messages.error(request, str(error))
            return redirect("recognition:new")
        messages.success(
            request, _("The draft lists everyone the council approved. Fill in the number, date and signer.")
        )
        return redirect("recognition:detail", decision.pk)
    return render(request, "recognition/decision_new.html", {"work": work})


def _page(request: HttpRequest, decision: Decision, *, form: DecisionForm | None = None) -> HttpResponse:
    may_act = request.user.can(Capability.ISSUE_DECISIONS, decision.commune)
    listed = selectors.listed_entries(decision).select_related("certificate")
    context = {
        "decision": decision,
        "may_act": may_act,
        "entries": Paginator(listed, ENTRIES_PAGE_SIZE).get_page(request.GET.get("page")),
        "left_out": decision.entries.exclude(excluded_reason="").select_related("assessment__area"),
        "template": selectors.template_for(decision.commune),
    }
    if may_act and decision.is_draft:
        if form is None:
            year = (decision.date or timezone.localdate()).year
            initial = {name: getattr(decision, name) for name in services.EDITABLE}
            initial["number"] = decision.number or services.next_number(decision.commune, year)
            form = DecisionForm(initial=initial)
        context |= {"form": form, "issue_form": IssueForm()}
    elif may_act:
        context |= {"revoke_form": RevokeForm(), "scan_form": UploadForm(accept=SCAN_ACCEPT)}
    return render(request, "recognition/decision_detail.html", context)


@require_GET
@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _page(request, decision_for(request, decision_id))


@require_POST
@login_required
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_to_change(request, decision_id)
    try:
        services.require_draft(decision)
    except services.RecognitionError as error:
        messages.error(request, str(error))
        return redirect("recognition:detail", decision.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, decision, form=form)
    services.decision_update(by=request.user, decision=decision, **form.cleaned_data)
    messages.success(request, _("The draft was saved."))
    return redirect("recognition:detail", decision.pk)


def _entry(request: HttpRequest, decision_id: int, entry_id: int) -> Entry:
    decision = decision_to_change(request, decision_id)
    return get_object_or_404(decision.entries.select_related("assessment", "decision"), pk=entry_id)


def _back_to_list(decision_id: int) -> HttpResponse:
    return redirect(reverse("recognition:detail", args=[decision_id]) + "#entries")


@require_POST
@login_required
def entry_exclude(request: HttpRequest, decision_id: int, entry_id: int) -> HttpResponse:
    entry = _entry(request, decision_id, entry_id)
    try:
        services.entry_exclude(by=request.user, entry=entry, reason=request.POST.get("reason", ""))
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is left out of the decision.") % {"name": entry.assessment.subject_name})
    return _back_to_list(decision_id)


@require_POST
@login_required
def entry_include(request: HttpRequest, decision_id: int, entry_id: int) -> HttpResponse:
    entry = _entry(request, decision_id, entry_id)
    try:
        services.entry_include(by=request.user, entry=entry)
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is listed again.") % {"name": entry.assessment.subject_name})
    return _back_to_list(decision_id)


@require_POST
@login_required
def decision_issue(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_to_change(request, decision_id)
    if not IssueForm(request.POST).is_valid():
        messages.error(request, _("Tick the confirmation to issue the decision."))
        return redirect("recognition:detail", decision.pk)
    try:
        services.decision_issue(by=request.user, decision=decision)
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Decision %(number)s is issued; its certificates have their verification codes.")
            % {"number": decision.number_text},
        )
    return redirect("recognition:detail", decision.pk)


@require_POST
@login_required
def decision_revoke(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_to_change(request, decision_id)
    try:
        services.decision_revoke(
            by=request.user,
            decision=decision,
            reason=request.POST.get("reason", ""),
            revoking_decision=request.POST.get("revoking_decision", ""),
        )
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Decision %(number)s is revoked.") % {"number": decision.number_text})
    return redirect("recognition:detail", decision.pk)


@require_POST
@login_required
def scan_attach(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_to_change(request, decision_id)
    form = UploadForm(request.POST, request.FILES, accept=SCAN_ACCEPT)
    if not form.is_valid():
        messages.error(request, _("Choose the scanned file."))
        return redirect("recognition:detail", decision.pk)
    try:
        services.scan_attach(by=request.user, decision=decision, upload=form.cleaned_data["file"])
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The signed scan is attached."))
    return redirect("recognition:detail", decision.pk)
