"""To-do items on the home page: subjects waiting for the village review or for the council."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Capability
from accounts.scope import visible
from assessments.enums import ScoreLayer
from assessments.models import Assessment
from assessments.selectors import campaigns_visible_to
from assessments.services import EDITABLE
from khuyenhoc.home import Action, provides_actions


def _waiting(user, statuses, stages):
    """(campaign, count) of the user's subjects in the given statuses, in campaigns at those stages."""
    campaigns = campaigns_visible_to(user).filter(stage__in=stages)
    rows = (
        visible(Assessment.objects.filter(campaign__in=campaigns, status__in=statuses), user, "area__path")
        .values("campaign_id", "campaign__name")
        .annotate(n=Count("pk"))
        .order_by("campaign_id")
    )
    return [(row["campaign_id"], row["campaign__name"], row["n"]) for row in rows[:10]]


@provides_actions
def village_reviews(user) -> list[Action]:
    if not user.can_anywhere(Capability.REVIEW_VILLAGE):
        return []
    waiting = _waiting(user, *EDITABLE[ScoreLayer.VILLAGE])
    return [
        Action(
            label=_("To review in the village: %(campaign)s") % {"campaign": name},
            url=reverse("assessments:campaign", args=[pk]),
            count=n,
        )
        for pk, name, n in waiting
    ]


@provides_actions
def council_queue(user) -> list[Action]:
    if not user.can_anywhere(Capability.REVIEW_COMMUNE):
        return []
    waiting = _waiting(user, *EDITABLE[ScoreLayer.COUNCIL])
    return [
        Action(
            label=_("Waiting for the council: %(campaign)s") % {"campaign": name},
            url=reverse("assessments:council", args=[pk]),
            count=n,
        )
        for pk, name, n in waiting
    ]
