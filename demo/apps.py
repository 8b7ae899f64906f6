from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district generator. It sits above every other app and nothing depends on it; the
    benchmarks use the same generator at other sizes."""

    name = "demo"
    verbose_name = _("Demo data")
