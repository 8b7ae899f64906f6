from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a campaign stands. The commune officer moves it forward one stage at a time; each stage
    allows its own work and refuses the others (a closed stage answers with a message)."""

    # Being prepared: name, criteria set, dates. No subject yet.
    DRAFT = "draft", _("In preparation")
    # Subjects taken from the registry; they register, or the village head registers them in bulk.
    REGISTRATION = "registration", _("Registration")
    # Registered subjects fill in their form and add evidence (through an account or a personal link).
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    # The village head scores every registered subject on the grid and sends them to the council.
    VILLAGE_REVIEW = "village_review", _("Village review")
    # The commune council adjusts, returns or approves.
    COMMUNE_REVIEW = "commune_review", _("Commune review")
    # Approved subjects wait for the recognition decision.
    DECISION = "decision", _("Decision")
    # Finished: everything is read-only.
    CLOSED = "closed", _("Closed")


STAGE_ORDER = list(Stage.values)


class Status(models.TextChoices):
    """Where one subject's assessment stands within its campaign."""

    # Taken from the registry when the campaign opened; not (yet) taking part.
    INVITED = "invited", _("Not registered")
    # Takes part; may self-assess.
    REGISTERED = "registered", _("Registered")
    # Sent its self-assessment; the village head reviews it.
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    # The village head scored it and sent it to the commune council.
    VILLAGE_REVIEWED = "village_reviewed", _("Sent to the council")
    # The council sent it back to the village with a reason; the village head fixes and resends it.
    RETURNED = "returned", _("Returned to the village")
    # The council approved its result: locked for the decision.
    APPROVED = "approved", _("Approved")


class ScoreLayer(models.TextChoices):
    """Who gave a score. The review outcome uses the village's scores with the council's adjustments
    on top; the self-assessment is kept beside them so the differences can be shown."""

    SELF = "self", _("Self-assessment")
    VILLAGE = "village", _("Village review")
    COUNCIL = "council", _("Council adjustment")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")
    NOTE = "note", _("Note")


class EventKind(models.TextChoices):
    """What a line of a subject's history records."""

    STATUS = "status", _("Status changed")
    SCORE = "score", _("Points changed")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    LINK_ISSUED = "link_issued", _("Personal link issued")
    LINK_REVOKED = "link_revoked", _("Personal link revoked")
    # Written by the recognition app when a decision listing the subject is issued or revoked.
    RECOGNISED = "recognised", _("Recognised by a decision")
    RECOGNITION_REVOKED = "recognition_revoked", _("Recognition revoked")
