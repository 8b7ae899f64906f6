from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from criteria import selectors, services
from criteria.enums import LabourGroup, Status, Title
from criteria.forms import ExtendForm, SetForm
from criteria.models import CriteriaSet
from criteria.views.access import editable_set, manageable_areas, managed_set, readable_set, require_manager_somewhere

PAGE_SIZE = 50


@require_GET
@login_required
def set_list(request: HttpRequest) -> HttpResponse:
    title = request.GET.get("title", "") if request.GET.get("title") in Title.values else ""
    status = request.GET.get("status", "") if request.GET.get("status") in Status.values else ""
    search = request.GET.get("q", "").strip()
    sets = selectors.set_list(request.user, title=title, status=status, search=search)
    page = Paginator(sets, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {key: value for key, value in {"title": title, "status": status, "q": search}.items() if value}
    return render(
        request,
        "criteria/set_list.html",
        {
            "page_obj": page,
            "title": title,
            "status": status,
            "q": search,
            "titles": Title.choices,
            "statuses": Status.choices,
            "query_string": f"{urlencode(filters)}&" if filters else "",
            "can_create": services.may_manage(request.user, None) or bool(manageable_areas(request)),
        },
    )


def detail_context(request: HttpRequest, criteria_set: CriteriaSet) -> dict:
    """What the detail page and its editor partial show."""
    resolved = selectors.resolve(criteria_set)
    can_manage = services.may_manage(request.user, criteria_set.area)
    base = criteria_set.extends
    return {
        "set": criteria_set,
        "own": resolved.own,
        "effective": resolved.effective,
        "problems": selectors.set_problems(criteria_set, resolved) if criteria_set.is_draft else [],
        "can_manage": can_manage,
        "can_edit": can_manage and criteria_set.is_draft,
        "can_extend": not criteria_set.is_draft and bool(manageable_areas(request, within=criteria_set.area)),
        "bands": criteria_set.bands.all(),
        "levels": criteria_set.levels.all(),
        "versions": selectors.versions_of(criteria_set),
        "newer_base": base
        and selectors.versions_of(base).filter(status=Status.PUBLISHED, version__gt=base.version).first(),
    }


@require_GET
@login_required
def set_detail(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = readable_set(request, set_id)
    return render(request, "criteria/set_detail.html", detail_context(request, criteria_set))


def _set_values(data: dict, existing: list[dict] = ()) -> dict:
    """Form data as the services take it: the labour-group forms become the set's variants."""
    values = {key: value for key, value in data.items() if key != "area"}
    if "labour_groups" in values:
        values["variants"] = services.labour_group_forms(values.pop("labour_groups"), existing)
    return values


@require_http_methods(["GET", "POST"])
@login_required
def set_create(request: HttpRequest) -> HttpResponse:
    require_manager_somewhere(request)
    national = services.may_manage(request.user, None)
    form = SetForm(request.POST or None, areas=manageable_areas(request), national=national)
    if request.method == "POST" and form.is_valid():
        values = _set_values(form.cleaned_data)
        try:
            criteria_set = services.criteria_set_create(by=request.user, area=form.cleaned_data["area"], **values)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft %(name)s was created.") % {"name": criteria_set.name})
            return redirect("criteria:detail", criteria_set.pk)
    return render(
        request, "criteria/form.html", {"form": form, "heading": _("New criteria set"), "submit": _("Create the draft")}
    )


@require_http_methods(["GET", "POST"])
@login_required
def set_edit(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    local = criteria_set.extends_id is not None
    initial = {field: getattr(criteria_set, field) for field in services.SET_FIELDS}
    initial["labour_groups"] = [v["key"] for v in criteria_set.variants]
    # Forms other than labour groups come from an imported file and are edited there.
    custom = any(form["key"] not in LabourGroup.values for form in criteria_set.variants)
    form = SetForm(request.POST or None, initial=initial, local=local, custom_forms=custom)
    if request.method == "POST" and form.is_valid():
        values = _set_values(form.cleaned_data, criteria_set.variants)
        try:
            services.criteria_set_update(by=request.user, criteria_set=criteria_set, **values)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The details were saved."))
            return redirect("criteria:detail", criteria_set.pk)
    return render(
        request,
        "criteria/form.html",
        {"form": form, "set": criteria_set, "heading": _("Details of the set"), "submit": _("Save")},
    )


@require_POST
@login_required
def set_delete(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    services.criteria_set_delete(by=request.user, criteria_set=criteria_set)
    messages.success(request, _("The draft %(name)s was deleted.") % {"name": criteria_set.name})
    return redirect("criteria:list")


@require_POST
@login_required
def set_publish(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    try:
        services.criteria_set_publish(by=request.user, criteria_set=criteria_set)
    except services.CriteriaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Version %(version)s is published.") % {"version": criteria_set.version})
    return redirect("criteria:detail", criteria_set.pk)


@require_POST
@login_required
def set_retire(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = managed_set(request, set_id)
    try:
        services.criteria_set_retire(by=request.user, criteria_set=criteria_set)
    except services.CriteriaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Version %(version)s is retired.") % {"version": criteria_set.version})
    return redirect("criteria:detail", criteria_set.pk)


@require_POST
@login_required
def set_new_version(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = managed_set(request, set_id)
    try:
        draft = services.criteria_set_new_version(by=request.user, criteria_set=criteria_set)
    except services.CriteriaError as error:
        messages.error(request, str(error))
        return redirect("criteria:detail", criteria_set.pk)
    messages.success(request, _("Version %(version)s was created as a draft.") % {"version": draft.version})
    return redirect("criteria:detail", draft.pk)


@require_http_methods(["GET", "POST"])
@login_required
def set_extend(request: HttpRequest, set_id: int) -> HttpResponse:
    base = readable_set(request, set_id)
    require_manager_somewhere(request)
    areas = manageable_areas(request, within=base.area)
    form = ExtendForm(request.POST or None, areas=areas, initial={"name": base.name})
    if request.method == "POST" and form.is_valid():
        try:
            local = services.criteria_set_extend(by=request.user, base=base, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The local set was created: add its criteria, then publish it."))
            return redirect("criteria:detail", local.pk)
    return render(
        request,
        "criteria/form.html",
        {
            "form": form,
            "set": base,
            "heading": _("Local set on top of %(name)s") % {"name": base.name},
            "intro": _(
                "A local set inherits every criterion and threshold of the set it extends. It may add groups "
                "and items and raise the pass mark, the floor or the bands, never lower them."
            ),
            "submit": _("Create the local set"),
            "back": reverse("criteria:detail", args=[base.pk]),
        },
    )
