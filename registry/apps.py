from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry of households, clans and units")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from registry import home_actions  # noqa: F401  (registers the home page's to-do items)
        from registry.models import Clan, Household, Person, Unit

        # Changes made by hand are logged (bulk imports are recorded by their job); derived columns are not.
        derived = ["search_name", "created_at", "updated_at"]
        for model in (Household, Clan, Unit):
            auditlog.register(model, exclude_fields=derived)
        auditlog.register(Person, exclude_fields=[*derived, "area"], mask_fields=["citizen_id"])
