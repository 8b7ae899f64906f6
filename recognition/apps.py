from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = _("Recognition decisions")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from recognition import home_actions  # noqa: F401  (registers the home page's to-do item)
        from recognition.models import CertificateLayout, Decision, DecisionTemplate, Entry

        # Who prepared, issued or revoked which decision, who was left out and why, and the paper settings.
        for model in (Decision, Entry, CertificateLayout, DecisionTemplate):
            auditlog.register(model)
