"""Who may see or change one subject: a logged-in user through their scope, or a household through the
personal link opened in this browser. The link is remembered in the session so that the household's
own evidence (pictures in <img>, files) is served like any page, without the token in every URL."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

from accounts.enums import Capability
from accounts.scope import get_visible_or_404, require
from assessments.models import Assessment, Evidence, PersonalLink
from assessments.services import Actor

SESSION_KEY = "personal_links"
# A shared phone may open a few households' links; the oldest are forgotten first.
REMEMBERED = 20

SUBJECTS = Assessment.objects.select_related("campaign__criteria_set", "campaign__area", "area")


def remember_link(request: HttpRequest, link: PersonalLink) -> None:
    held = [pk for pk in request.session.get(SESSION_KEY, []) if pk != link.pk]
    request.session[SESSION_KEY] = [*held, link.pk][-REMEMBERED:]


def held_link(request: HttpRequest, assessment_id: int) -> PersonalLink | None:
    """The working link for this subject that this browser opened, if any."""
    held = request.session.get(SESSION_KEY)
    if not held:
        return None
    links = PersonalLink.objects.filter(pk__in=held, assessment_id=assessment_id, revoked_at__isnull=True)
    return next((link for link in links.order_by("-pk") if link.is_usable()), None)


def login_or_link(view):
    """Let in a logged-in user or a browser holding a personal link; send anyone else to log in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.user.is_authenticated or request.session.get(SESSION_KEY):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapper


def subject_for(request: HttpRequest, assessment_id: int, *, write: bool) -> tuple[Assessment, Actor]:
    """The subject and who acts on it. Outside the user's scope (and without its link): 404; in scope
    but only allowed to read: 403 on writes."""
    link = held_link(request, assessment_id)
    if link is not None:
        return SUBJECTS.get(pk=assessment_id), Actor(link=link)
    if not request.user.is_authenticated:
        raise Http404
    assessment = get_visible_or_404(SUBJECTS, request.user, pk=assessment_id)
    if write:
        require(request.user, Capability.REVIEW_VILLAGE, assessment.area)
    return assessment, Actor(user=request.user)


def evidence_for(request: HttpRequest, evidence_id: int, *, write: bool) -> tuple[Evidence, Actor]:
    """A piece of evidence still shown, checked through its subject like subject_for."""
    evidence = Evidence.objects.filter(pk=evidence_id, removed_at__isnull=True).first()
    if evidence is None:
        raise Http404
    evidence.assessment, actor = subject_for(request, evidence.assessment_id, write=write)
    return evidence, actor
