from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.enums import Level


class Role(models.TextChoices):
    """What a person does in the programme; every role is held over one area's subtree."""

    # Hội Khuyến học staff at province or district level (since 07/2025: a group of wards).
    PROGRAMME_STAFF = "programme_staff", _("Programme staff")
    # The commune's officer in charge of the programme: villages, registry, campaigns, decisions.
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    # Enters and reviews the village's households.
    VILLAGE_HEAD = "village_head", _("Village head")
    # Member of the commune review council: scores, returns and approves.
    COUNCIL_MEMBER = "council_member", _("Review council member")
    # Sees everything in the area, changes nothing.
    VIEWER = "viewer", _("Read-only viewer")


class Capability(models.TextChoices):
    """Things a role may do inside its area. Reading needs only scope; writing needs a capability."""

    MANAGE_VILLAGES = "manage_villages", _("Manage villages")
    MANAGE_USERS = "manage_users", _("Manage user accounts")


ROLE_LEVELS: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE},
    Role.COMMUNE_OFFICER: {Level.COMMUNE},
    Role.VILLAGE_HEAD: {Level.VILLAGE},
    Role.COUNCIL_MEMBER: {Level.COMMUNE},
    Role.VIEWER: {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.VILLAGE},
}

ROLE_CAPABILITIES: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: {Capability.MANAGE_VILLAGES, Capability.MANAGE_USERS},
    Role.COMMUNE_OFFICER: {Capability.MANAGE_VILLAGES, Capability.MANAGE_USERS},
    Role.VILLAGE_HEAD: set(),
    Role.COUNCIL_MEMBER: set(),
    Role.VIEWER: set(),
}

# Which roles a holder of MANAGE_USERS may hand out (inside their own area).
ROLES_GRANTED_BY: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: set(Role.values),
    Role.COMMUNE_OFFICER: {Role.VILLAGE_HEAD, Role.COUNCIL_MEMBER, Role.VIEWER},
}
