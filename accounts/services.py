"""Writes to accounts. Every function checks that `by` may hand out what it hands out."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.enums import ROLE_LEVELS, ROLES_GRANTED_BY, Capability, Role
from accounts.models import RoleAssignment, User
from areas.models import Area
from khuyenhoc.text import clean


class AccountError(Exception):
    """A change to accounts that the rules refuse; the message is for the user."""


def grantable_roles(by: User, area: Area) -> set[str]:
    """The roles `by` may hand out over `area`."""
    if by.is_superuser:
        return set(Role.values)
    if not by.can(Capability.MANAGE_USERS, area):
        return set()
    return {role for held in by.roles_over(area) for role in ROLES_GRANTED_BY.get(held, set())}


def _check_grant(by: User, role: str, area: Area) -> None:
    if role not in grantable_roles(by, area):
        raise AccountError(_("You may not give this role in %(area)s.") % {"area": area.name})
    if area.level not in ROLE_LEVELS[role]:
        raise AccountError(
            _("The role “%(role)s” cannot be held over %(area)s.") % {"role": Role(role).label, "area": area.name}
        )


def manages(by: User, user: User) -> bool:
    """A manager may change an account only if every role it holds lies where the manager grants."""
    if by.is_superuser:
        return True
    if user.is_superuser or user.pk == by.pk:
        return False
    assignments = user.assignments
    return bool(assignments) and all(a.role in grantable_roles(by, a.area) for a in assignments)


@transaction.atomic
def user_create(*, by: User, username: str, full_name: str, phone: str, password: str, role: str, area: Area) -> User:
    _check_grant(by, role, area)
    username = clean(username).lower()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("The login name “%(name)s” is taken.") % {"name": username})
    user = User(username=username, full_name=clean(full_name), phone=clean(phone))
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    RoleAssignment.objects.create(user=user, role=role, area=area, granted_by=by)
    return user


@transaction.atomic
def role_grant(*, by: User, user: User, role: str, area: Area) -> RoleAssignment:
    _check_grant(by, role, area)
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, area=area, defaults={"granted_by": by}
    )
    return assignment


@transaction.atomic
def role_revoke(*, by: User, assignment: RoleAssignment) -> None:
    if assignment.role not in grantable_roles(by, assignment.area):
        raise AccountError(_("You may not take this role away."))
    assignment.delete()


@transaction.atomic
def user_set_active(*, by: User, user: User, active: bool) -> User:
    if not manages(by, user):
        raise AccountError(_("You may not change this account."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user
