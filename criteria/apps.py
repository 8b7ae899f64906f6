from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Criteria sets")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from criteria import home_actions  # noqa: F401  (registers the home page's to-do item)
        from criteria.models import Band, CriteriaSet, Group, Item, Level

        # Who changed which set, item or threshold, and when: the audit trail of the rules themselves.
        for model in (CriteriaSet, Group, Item, Band, Level):
            auditlog.register(model)
