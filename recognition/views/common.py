"""What the recognition views share: fetching a decision or a commune within the user's scope, and
file responses."""

from django.http import HttpRequest
from django.utils.text import slugify

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require, visible_areas
from areas.enums import Level
from areas.models import Area
from khuyenhoc.text import fold
from recognition.models import Decision

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def decision_for(request: HttpRequest, decision_id: int) -> Decision:
    """A decision of a commune in the user's scope (404 otherwise): enough to read it."""
    queryset = Decision.objects.select_related("commune", "campaign__criteria_set")
    return get_visible_or_404(queryset, request.user, "commune__path", pk=decision_id)


def decision_to_change(request: HttpRequest, decision_id: int) -> Decision:
    """A decision the user may act on: in scope (404) and theirs to issue (403)."""
    decision = decision_for(request, decision_id)
    require(request.user, Capability.ISSUE_DECISIONS, decision.commune)
    return decision


def commune_to_manage(request: HttpRequest, commune_id: int) -> Area:
    commune = get_visible_or_404(
        visible_areas(request.user).filter(level=Level.COMMUNE), request.user, "path", pk=commune_id
    )
    require(request.user, Capability.ISSUE_DECISIONS, commune)
    return commune


def file_name(decision: Decision, what: str, extension: str) -> str:
    """ "quyet-dinh-12-qd-ubnd-2026.pdf"; a draft is named as one."""
    number = f"{decision.number} {decision.symbol} {decision.year or ''}" if not decision.is_draft else "du thao"
    return f"{slugify(fold(f'{what} {number}'))}.{extension}"
