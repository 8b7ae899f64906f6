"""Typed readers for settings that come from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env_str(name: str, default: str | object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return default  # type: ignore[return-value]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be a yes/no value, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be an integer.") from None


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if items:
        return items
    if default is _MISSING:
        raise ImproperlyConfigured(f"The environment variable {name} must list at least one value.")
    return list(default)  # type: ignore[arg-type]
