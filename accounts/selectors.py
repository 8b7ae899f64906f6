from django.db.models import Q, QuerySet

from accounts.models import RoleAssignment, User
from accounts.scope import visible


def users_visible_to(user: User, *, search: str = "") -> QuerySet:
    """Accounts holding at least one role inside the user's scope (every account for a superuser)."""
    users = User.objects.all()
    if not user.is_superuser:
        users = users.filter(pk__in=visible(RoleAssignment.objects.all(), user).values("user_id"))
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(full_name__icontains=search) | Q(phone__icontains=search)
        )
    return users.prefetch_related("role_assignments__area").order_by("username")
