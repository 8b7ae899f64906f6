from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DecisionStatus(models.TextChoices):
    # Being prepared from the council's approved list; everything may change.
    DRAFT = "draft", pgettext_lazy("a decision", "Draft")
    # Signed and issued: immutable (a scan of the paper may still be attached).
    ISSUED = "issued", _("Issued")
    # Withdrawn by a later decision, with its reason; never deleted, its titles no longer count.
    REVOKED = "revoked", _("Revoked")
