from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import services
from accounts.enums import Capability, Role
from accounts.forms import RoleGrantForm, UserCreateForm, roles_for_level
from accounts.models import RoleAssignment
from accounts.scope import get_visible_or_404, require, visible_areas
from accounts.selectors import users_visible_to

PAGE_SIZE = 50


def _manager_required(request: HttpRequest) -> None:
    """Only someone who may manage accounts somewhere sees the account pages."""
    if not request.user.can_anywhere(Capability.MANAGE_USERS):
        raise PermissionDenied


@require_GET
@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _manager_required(request)
    search = request.GET.get("q", "").strip()
    page = Paginator(users_visible_to(request.user, search=search), PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = f"q={search}&" if search else ""
    return render(request, "accounts/user_list.html", {"page_obj": page, "q": search, "query_string": query_string})


@require_http_methods(["GET", "POST"])
@login_required
def user_create(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_visible_or_404(visible_areas(request.user), request.user, "path", pk=area_id)
    require(request.user, Capability.MANAGE_USERS, area)
    roles = roles_for_level(services.grantable_roles(request.user, area), area.level)
    form = UserCreateForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(by=request.user, area=area, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The account %(name)s was created.") % {"name": user.username})
            return redirect("accounts:user", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "area": area})


def _account(request: HttpRequest, user_id: int):
    """An account the user may see: one holding a role inside their scope."""
    _manager_required(request)
    return get_object_or_404(users_visible_to(request.user), pk=user_id)


@require_GET
@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "can_manage": services.manages(request.user, account),
            "areas": _grant_areas(request),
            "role_choices": Role.choices,
        },
    )


def _grant_areas(request: HttpRequest):
    """Today's areas where the user hands out roles: their own assignments' areas and what lies one
    tier under them (a commune officer grants in the commune and its villages)."""
    areas = visible_areas(request.user).current().order_by("path")
    own = [a.area for a in request.user.assignments if request.user.can(Capability.MANAGE_USERS, a.area)]
    if request.user.is_superuser:
        return areas.filter(depth__lte=2)
    return areas.filter(pk__in=[a.pk for a in own]) | areas.filter(parent__in=own)


@require_POST
@login_required
def role_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    area = get_visible_or_404(visible_areas(request.user), request.user, "path", pk=request.POST.get("area") or 0)
    form = RoleGrantForm(request.POST, roles=roles_for_level(services.grantable_roles(request.user, area), area.level))
    if not form.is_valid():
        messages.error(request, _("This role cannot be given in %(area)s.") % {"area": area.name})
        return redirect("accounts:user", account.pk)
    try:
        services.role_grant(by=request.user, user=account, role=form.cleaned_data["role"], area=area)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role was given."))
    return redirect("accounts:user", account.pk)


@require_POST
@login_required
def role_revoke(request: HttpRequest, user_id: int, assignment_id: int) -> HttpResponse:
    account = _account(request, user_id)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id, user=account)
    try:
        services.role_revoke(by=request.user, assignment=assignment)
    except services.AccountError as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, _("The role was taken away."))
    return redirect("accounts:user", account.pk)


@require_POST
@login_required
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    try:
        services.user_set_active(by=request.user, user=account, active=request.POST.get("active") == "1")
    except services.AccountError as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, _("The account was updated."))
    return redirect("accounts:user", account.pk)
