from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress against the plans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from reports.models import ManualFigure, Plan, Target

        # Targets and hand-entered figures change the numbers a report shows: who changed what is kept.
        for model in (Plan, Target, ManualFigure):
            auditlog.register(model)
