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
    # Households, persons, clans and units: entering, editing, importing, deactivating.
    MANAGE_REGISTRY = "manage_registry", _("Manage the registry")
    # Citizen ID numbers and other personal data shown unmasked (Nghị định 13/2023).
    VIEW_PERSONAL_DATA = "view_personal_data", _("See personal data unmasked")
    # Criteria sets: create, import, edit, publish (programme staff of the Hội Khuyến học).
    MANAGE_CRITERIA = "manage_criteria", _("Manage criteria sets")
    # Yearly campaigns: open, set stages, close.
    MANAGE_CAMPAIGNS = "manage_campaigns", _("Manage assessment campaigns")
    # Registration and the village review grid.
    REVIEW_VILLAGE = "review_village", _("Review at village level")
    # The commune council's queue: adjust, return, approve.
    REVIEW_COMMUNE = "review_commune", _("Review at commune level")
    # Recognition decisions and certificates.
    ISSUE_DECISIONS = "issue_decisions", _("Issue recognition decisions")


ROLE_LEVELS: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE},
    Role.COMMUNE_OFFICER: {Level.COMMUNE},
    Role.VILLAGE_HEAD: {Level.VILLAGE},
    Role.COUNCIL_MEMBER: {Level.COMMUNE},
    Role.VIEWER: {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.VILLAGE},
}

ROLE_CAPABILITIES: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: {
        Capability.MANAGE_VILLAGES,
        Capability.MANAGE_USERS,
        Capability.MANAGE_REGISTRY,
        Capability.VIEW_PERSONAL_DATA,
        Capability.MANAGE_CRITERIA,
        Capability.MANAGE_CAMPAIGNS,
    },
    Role.COMMUNE_OFFICER: {
        Capability.MANAGE_VILLAGES,
        Capability.MANAGE_USERS,
        Capability.MANAGE_REGISTRY,
        Capability.VIEW_PERSONAL_DATA,
        Capability.MANAGE_CAMPAIGNS,
        Capability.REVIEW_VILLAGE,
        Capability.REVIEW_COMMUNE,
        Capability.ISSUE_DECISIONS,
    },
    Role.VILLAGE_HEAD: {Capability.MANAGE_REGISTRY, Capability.REVIEW_VILLAGE},
    Role.COUNCIL_MEMBER: {Capability.REVIEW_COMMUNE},
    Role.VIEWER: set(),
}

# Which roles a holder of MANAGE_USERS may hand out (inside their own area).
ROLES_GRANTED_BY: dict[str, set[str]] = {
    Role.PROGRAMME_STAFF: set(Role.values),
    Role.COMMUNE_OFFICER: {Role.VILLAGE_HEAD, Role.COUNCIL_MEMBER, Role.VIEWER},
}
