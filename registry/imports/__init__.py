"""Imports of the registry from .xlsx: one declared spec per kind, shared by the web (upload → preview
→ confirm, in the background) and by `manage.py import_registry`. See registry.imports.base."""

from registry.enums import ImportKind
from registry.imports import clans, households, units, villages
from registry.imports.base import Context, Report, Spec, run_import

SPECS: dict[str, Spec] = {
    ImportKind.HOUSEHOLDS: households.SPEC,
    ImportKind.CLANS: clans.SPEC,
    ImportKind.UNITS: units.SPEC,
    ImportKind.VILLAGES: villages.SPEC,
}

__all__ = ["SPECS", "Context", "Report", "Spec", "run_import"]
