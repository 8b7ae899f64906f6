"""The dashboard of an area (or of the group of areas a user follows), its Excel and PDF exports, the
indicators' definitions, the target plans, and the figures communes enter by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require, visible_areas
from areas.enums import Level
from areas.models import Area
from areas.paths import outermost
from areas.selectors import successor_on
from khuyenhoc.downloads import XLSX, attachment
from reports import documents, exports, selectors, services
from reports.enums import Computation, MapChoice
from reports.forms import DashboardForm, FiguresForm, PlanForm, TargetsForm
from reports.models import Indicator, ManualFigure, Plan

# Plans are the programme's reference data, like criteria sets: programme staff keep both.
PLAN_CAPABILITY = Capability.MANAGE_CRITERIA
# Entered figures are the commune's own report, kept by whoever runs its campaigns.
FIGURES_CAPABILITY = Capability.MANAGE_CAMPAIGNS


def _roots(user) -> list[Area]:
    """Where a user's dashboards start: the areas their roles are held over (every province of today
    for a superuser). Several make one group — how a former district is followed since 07/2025."""
    if user.is_superuser:
        return list(Area.objects.filter(parent__isnull=True).current().order_by("code"))
    areas = {assignment.area.path: assignment.area for assignment in user.assignments}
    return [areas[path] for path in outermost(areas)]


def _area(request: HttpRequest, area_id: int) -> tuple[Area]:
    return (get_visible_or_404(visible_areas(request.user), request.user, "path", pk=area_id),)


def _group(request: HttpRequest) -> tuple[Area, ...]:
    roots = _roots(request.user)
    if len(roots) < 2:
        raise Http404
    return tuple(roots)


def _dashboard(request: HttpRequest, areas: tuple[Area, ...], *, stale_ok: bool = False) -> selectors.Dashboard:
    """The dashboard the request asks for; `stale_ok` for the screen, never for the files sent on."""
    today = timezone.localdate()
    years = selectors.years_of(areas, today)
    if not years:
        raise Http404
    form = DashboardForm(request.GET, years=years)
    form.is_valid()  # a wrong value falls back to its default
    data = form.cleaned_data
    return selectors.dashboard(
        areas,
        year=data.get("year"),
        map=data.get("map") or MapChoice.NOW,
        today=today,
        plan_id=data.get("plan"),
        stale_ok=stale_ok,
    )


def _query(board: selectors.Dashboard) -> str:
    values = {"year": board.year, "map": board.map, "plan": board.plan.pk if board.plan else ""}
    return urlencode({key: value for key, value in values.items() if value != ""})


def _page(request: HttpRequest, board: selectors.Dashboard, *, export_names: tuple[str, str], export_args: list):
    area = board.areas[0] if not board.is_group else None
    visible = visible_areas(request.user)
    roots = _roots(request.user)
    query = _query(board)
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "query": query,
            "xlsx_url": _url(export_names[0], export_args, query),
            "pdf_url": _url(export_names[1], export_args, query),
            "ancestors": visible.filter(pk__in=area.ancestor_ids).order_by("depth") if area else [],
            "roots": roots,
            "group_offered": len(roots) > 1,
            "today_areas": successor_on(area, timezone.localdate()) if area and not area.is_current else [],
            "figures_year": board.year
            if area and area.level == Level.COMMUNE and request.user.can(FIGURES_CAPABILITY, area)
            else None,
        },
    )


def _url(name: str, args: list, query: str) -> str:
    return f"{reverse(name, args=args)}?{query}"


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    roots = _roots(request.user)
    if not roots:
        raise Http404
    return redirect("reports:area", roots[0].pk) if len(roots) == 1 else redirect("reports:group")


@require_GET
@login_required
def area_dashboard(request: HttpRequest, area_id: int) -> HttpResponse:
    board = _dashboard(request, _area(request, area_id), stale_ok=True)
    return _page(request, board, export_names=("reports:area_xlsx", "reports:area_pdf"), export_args=[area_id])


@require_GET
@login_required
def group_dashboard(request: HttpRequest) -> HttpResponse:
    board = _dashboard(request, _group(request), stale_ok=True)
    return _page(request, board, export_names=("reports:group_xlsx", "reports:group_pdf"), export_args=[])


def _file_name(board: selectors.Dashboard, extension: str) -> str:
    place = slugify(board.areas[0].name if not board.is_group else "nhom-dia-ban") or "dia-ban"
    return f"chi-tieu-{place}-{board.year}{'-ban-do-cu' if board.map == MapChoice.THEN else ''}.{extension}"


def _workbook(board: selectors.Dashboard) -> HttpResponse:
    return attachment(exports.workbook(board), name=_file_name(board, "xlsx"), content_type=XLSX)


def _report(board: selectors.Dashboard) -> HttpResponse:
    pdf = documents.report_pdf(board, timezone.localdate())
    return attachment(pdf, name=_file_name(board, "pdf"), content_type="application/pdf")


@require_GET
@login_required
def area_xlsx(request: HttpRequest, area_id: int) -> HttpResponse:
    return _workbook(_dashboard(request, _area(request, area_id)))


@require_GET
@login_required
def group_xlsx(request: HttpRequest) -> HttpResponse:
    return _workbook(_dashboard(request, _group(request)))


@require_GET
@login_required
def area_pdf(request: HttpRequest, area_id: int) -> HttpResponse:
    return _report(_dashboard(request, _area(request, area_id)))


@require_GET
@login_required
def group_pdf(request: HttpRequest) -> HttpResponse:
    return _report(_dashboard(request, _group(request)))


@require_GET
@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/indicators.html", {"indicators": Indicator.objects.all()})


# --- Plans ------------------------------------------------------------------------------------------


def _editable(user, plans: list[Plan], book: selectors.PlanBook) -> set[int]:
    """The plans `user` may change: over a plan's area — or, when it no longer exists, over every area of
    today that took its territory — the user must hold the plan capability. National plans: superusers."""
    if user.is_superuser:
        return {plan.pk for plan in plans}
    paths = {path for plan in plans for path in book.successors.get(plan.pk, [])}
    successors = {area.path: area for area in Area.objects.filter(path__in=paths)}
    editable = set()
    for plan in plans:
        if plan.is_national:
            continue
        areas = [plan.area] if plan.area.is_current else [successors[p] for p in book.successors.get(plan.pk, [])]
        if areas and all(user.can(PLAN_CAPABILITY, area) for area in areas):
            editable.add(plan.pk)
    return editable


def _plan_areas(user):
    if user.is_superuser:
        return Area.objects.filter(parent__isnull=True).current()
    return Area.objects.filter(pk__in=[a.area_id for a in user.assignments if user.can(PLAN_CAPABILITY, a.area)])


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    book = selectors.plan_book()
    indicators = list(Indicator.objects.all())
    plans = [(plan, [(indicator, _plan_row(book, plan, indicator)) for indicator in indicators]) for plan in book.plans]
    return render(
        request,
        "reports/plans.html",
        {
            "plans": plans,
            "editable": _editable(request.user, book.plans, book),
            "can_create": request.user.can_anywhere(PLAN_CAPABILITY),
        },
    )


def _plan_row(book: selectors.PlanBook, plan: Plan, indicator: Indicator) -> list:
    return sorted(book.points.get((plan.pk, indicator.code), []), key=lambda point: point.year)


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    areas = _plan_areas(request.user)
    if not request.user.can_anywhere(PLAN_CAPABILITY):
        raise PermissionDenied
    form = PlanForm(request.POST or None, areas=areas, national=request.user.is_superuser)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, **form.cleaned_data)
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan was added; now set its targets."))
            return redirect("reports:plan_edit", plan.pk)
    return render(request, "reports/plan_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("area"), pk=plan_id)
    book = selectors.plan_book()
    if plan.pk not in _editable(request.user, [plan], book):
        raise PermissionDenied
    indicators = list(Indicator.objects.all())
    form = PlanForm(request.POST or None, instance=plan)
    targets = TargetsForm(request.POST or None, plan=plan, indicators=indicators)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("issuer", "number", "date", "title", "note")}
        try:
            services.plan_update(by=request.user, plan=plan, **fields)
            services.targets_save(by=request.user, plan=plan, values=targets.values())
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan and its targets were saved."))
            return redirect("reports:plans")
    return render(request, "reports/plan_form.html", {"form": form, "targets": targets, "plan": plan})


# --- Entered figures ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def figures_edit(request: HttpRequest, area_id: int, year: int) -> HttpResponse:
    (area,) = _area(request, area_id)
    require(request.user, FIGURES_CAPABILITY, area)
    today = timezone.localdate()
    if area.level != Level.COMMUNE or year not in selectors.programme_years(today):
        raise Http404
    indicators = list(Indicator.objects.filter(computation=Computation.MANUAL))
    current = {f.indicator_id: f for f in ManualFigure.objects.filter(area=area, year=year)}
    form = FiguresForm(request.POST or None, indicators=indicators, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.figures_save(by=request.user, area=area, year=year, values=form.values())
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The figures of %(year)s were saved.") % {"year": year})
            return redirect(_url("reports:area", [area.pk], urlencode({"year": year})))
    years = [y for y in selectors.programme_years(today) if y != year]
    return render(
        request, "reports/figures_form.html", {"form": form, "area": area, "year": year, "other_years": years}
    )
