from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.enums import LabourGroup  # noqa: F401  (re-exported: the registry and criteria use one)


class Title(models.TextChoices):
    """The five titles of the 2021–2030 programme (Decision 387/QĐ-TTg); each has its own criteria sets."""

    # A household: Gia đình học tập (GĐHT).
    FAMILY = "family", _("Learning family")
    # A clan or one of its branches (chi, phái): Dòng họ học tập (DHHT).
    CLAN = "clan", _("Learning clan")
    # A village or residential group: Cộng đồng học tập cấp thôn (CĐHT).
    COMMUNITY = "community", _("Learning community")
    # An agency, school, enterprise or production unit: Đơn vị học tập (ĐVHT).
    UNIT = "unit", _("Learning unit")
    # A person: Công dân học tập (CDHT).
    CITIZEN = "citizen", _("Learning citizen")


# The abbreviations every document uses; Vietnamese in both languages.
TITLE_ABBREVIATIONS = {
    Title.FAMILY: "GĐHT",
    Title.CLAN: "DHHT",
    Title.COMMUNITY: "CĐHT",
    Title.UNIT: "ĐVHT",
    Title.CITIZEN: "CDHT",
}


class Status(models.TextChoices):
    """Where a version of a set stands. Only drafts change; assessments use published versions."""

    # Being written or imported; may be incomplete.
    DRAFT = "draft", _("Draft")
    # In force and immutable; changing it means a new draft version.
    PUBLISHED = "published", _("Published")
    # Replaced by a later version or withdrawn; assessments scored with it keep it.
    RETIRED = "retired", _("Retired")


class Rule(models.TextChoices):
    """How a set turns item scores into an outcome. Mandatory items fail the subject in every shape."""

    # Passed with at least the pass mark on the total, and optionally no item under a floor.
    PASS_MARK = "pass_mark", _("Pass mark on the total")
    # A grade by the band the total falls in (Tốt, Khá, Trung bình); under the lowest band: not passed.
    BANDS = "bands", _("Grade bands on the total")
    # A level is reached when every target of it and of every lower level is met (Mức 1, 2, 3).
    LEVELS = "levels", _("Levels reached by meeting targets")


class ReasonCode(models.TextChoices):
    """Why an outcome is what it is: the rule that failed, or why the next level was not reached."""

    NOT_SCORED = "not_scored", _("Item not scored")
    MANDATORY_FAILED = "mandatory_failed", _("Mandatory item failed")
    BELOW_FLOOR = "below_floor", _("Item under its floor")
    BELOW_PASS_MARK = "below_pass_mark", _("Total under the pass mark")
    BELOW_BANDS = "below_bands", _("Total under the lowest grade")
    FAILING_BAND = "failing_band", _("Total in a grade that does not pass")
    TARGET_MISSED = "target_missed", _("Target not met")
