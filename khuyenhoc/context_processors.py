from accounts.enums import Capability


def navigation(request):
    """What the shared header needs to know about the user, computed once per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_manage_users": user.can_anywhere(Capability.MANAGE_USERS)}
