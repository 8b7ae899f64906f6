"""The home page's to-do item from the criteria sets: drafts waiting to be finished and published."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.enums import Capability
from criteria import selectors, services
from criteria.enums import Status
from khuyenhoc.home import Action, provides_actions


@provides_actions
def drafts_to_publish(user) -> list[Action]:
    if not user.can_anywhere(Capability.MANAGE_CRITERIA):
        return []
    drafts = selectors.sets_visible_to(user).filter(status=Status.DRAFT)
    count = sum(1 for draft in drafts if services.may_manage(user, draft.area))
    if not count:
        return []
    url = reverse("criteria:list") + "?" + urlencode({"status": Status.DRAFT})
    return [Action(label=_("Draft criteria sets to finish and publish"), url=url, count=count)]
