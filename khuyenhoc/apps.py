from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KhuyenHocConfig(AppConfig):
    """The project package: settings, shared chrome, home page and small shared helpers."""

    name = "khuyenhoc"
    verbose_name = _("Khuyến Học Số")
