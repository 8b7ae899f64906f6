"""The editor of a draft: groups, items, bands and levels. Every page returns to the set; moving up and
down answers htmx with the refreshed editor alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from criteria import selectors, services
from criteria.forms import BandForm, GroupForm, ItemForm, LevelForm
from criteria.models import Band, CriteriaSet, Group, Item, Level
from criteria.views.access import editable_part, editable_set
from criteria.views.sets import detail_context


def _form_page(request: HttpRequest, criteria_set: CriteriaSet, form, heading: str, submit: str) -> HttpResponse:
    back = reverse("criteria:detail", args=[criteria_set.pk])
    return render(
        request,
        "criteria/form.html",
        {"form": form, "set": criteria_set, "heading": heading, "submit": submit, "back": back},
    )


def _saved(request: HttpRequest, criteria_set: CriteriaSet, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("criteria:detail", criteria_set.pk)


def _moved(request: HttpRequest, criteria_set: CriteriaSet) -> HttpResponse:
    if request.htmx:
        return render(request, "criteria/_editor.html", detail_context(request, criteria_set))
    return redirect(reverse("criteria:detail", args=[criteria_set.pk]) + "#editor")


def _offset(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@require_http_methods(["GET", "POST"])
@login_required
def group_create(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_create(by=request.user, criteria_set=criteria_set, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, criteria_set, _("The group was added."))
    heading = _("New group of criteria")
    if criteria_set.extends_id:
        form.fields["code"].help_text = _("The code of an inherited group adds the new items to that group.")
    return _form_page(request, criteria_set, form, heading, _("Add the group"))


@require_http_methods(["GET", "POST"])
@login_required
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    group = editable_part(request, Group, group_id)
    initial = {"code": group.code, "title": group.title, "points": group.points, "placeholder": group.placeholder}
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(by=request.user, group=group, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, group.criteria_set, _("The group was saved."))
    return _form_page(request, group.criteria_set, form, _("Group %(code)s") % {"code": group.code}, _("Save"))


@require_POST
@login_required
def group_delete(request: HttpRequest, group_id: int) -> HttpResponse:
    group = editable_part(request, Group, group_id)
    services.group_delete(by=request.user, group=group)
    return _saved(request, group.criteria_set, _("The group and its items were deleted."))


@require_POST
@login_required
def group_move(request: HttpRequest, group_id: int) -> HttpResponse:
    group = editable_part(request, Group, group_id)
    services.group_move(by=request.user, group=group, offset=_offset(request))
    return _moved(request, group.criteria_set)


def _item_form(request: HttpRequest, criteria_set: CriteriaSet, **kwargs) -> ItemForm:
    forms_of_set = selectors.forms_of(criteria_set)
    return ItemForm(request.POST or None, rule=criteria_set.rule, forms_of_set=forms_of_set, **kwargs)


@require_http_methods(["GET", "POST"])
@login_required
def item_create(request: HttpRequest, group_id: int) -> HttpResponse:
    group = editable_part(request, Group, group_id)
    form = _item_form(request, group.criteria_set)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_create(by=request.user, group=group, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, group.criteria_set, _("The item was added."))
    heading = _("New item in group %(code)s") % {"code": group.code}
    return _form_page(request, group.criteria_set, form, heading, _("Add the item"))


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = editable_part(request, Item, item_id)
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = _item_form(request, item.criteria_set, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(by=request.user, item=item, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, item.criteria_set, _("The item was saved."))
    return _form_page(request, item.criteria_set, form, _("Item %(code)s") % {"code": item.code}, _("Save"))


@require_POST
@login_required
def item_delete(request: HttpRequest, item_id: int) -> HttpResponse:
    item = editable_part(request, Item, item_id)
    services.item_delete(by=request.user, item=item)
    return _saved(request, item.criteria_set, _("The item was deleted."))


@require_POST
@login_required
def item_move(request: HttpRequest, item_id: int) -> HttpResponse:
    item = editable_part(request, Item, item_id)
    services.item_move(by=request.user, item=item, offset=_offset(request))
    return _moved(request, item.criteria_set)


@require_http_methods(["GET", "POST"])
@login_required
def band_create(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    form = BandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.band_create(by=request.user, criteria_set=criteria_set, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, criteria_set, _("The band was added."))
    return _form_page(request, criteria_set, form, _("New grade band"), _("Add the band"))


@require_POST
@login_required
def band_delete(request: HttpRequest, band_id: int) -> HttpResponse:
    band = editable_part(request, Band, band_id)
    services.band_delete(by=request.user, band=band)
    return _saved(request, band.criteria_set, _("The band was deleted."))


@require_http_methods(["GET", "POST"])
@login_required
def level_create(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = editable_set(request, set_id)
    form = LevelForm(request.POST or None, initial={"number": criteria_set.levels.count() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.level_create(by=request.user, criteria_set=criteria_set, **form.cleaned_data)
        except services.CriteriaError as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, criteria_set, _("The level was added."))
    return _form_page(request, criteria_set, form, _("New level"), _("Add the level"))


@require_POST
@login_required
def level_delete(request: HttpRequest, level_id: int) -> HttpResponse:
    level = editable_part(request, Level, level_id)
    services.level_delete(by=request.user, level=level)
    return _saved(request, level.criteria_set, _("The level was deleted."))
