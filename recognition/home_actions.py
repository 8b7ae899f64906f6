"""The home page's to-do item from recognition: approved lists waiting for their decision."""

from django.urls import reverse
from django.utils.translation import gettext as _

from khuyenhoc.home import Action, provides_actions
from recognition.selectors import decision_work

SHOWN = 10


@provides_actions
def decisions_to_issue(user) -> list[Action]:
    """Campaigns at the decision stage in the user's communes that no decision in force answers yet."""
    waiting = [work for work in decision_work(user) if not work.issued]
    url = reverse("recognition:new")
    return [
        Action(
            label=_("Issue the recognition decision: %(campaign)s, %(commune)s")
            % {"campaign": work.campaign.name, "commune": work.commune.name},
            url=f"{url}#work-{work.campaign.pk}-{work.commune.pk}",
            count=work.waiting,
        )
        for work in waiting[:SHOWN]
    ]
