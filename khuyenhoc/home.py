"""The home page's "awaiting your action" list, filled by the apps.

Each app registers a provider in its AppConfig.ready(); a provider takes the user and returns the
to-do items it knows of. The home page thus shows every app's work without any app knowing the page.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    count: int | None = None


Provider = Callable[[object], list[Action]]
_providers: list[Provider] = []


def provides_actions(provider: Provider) -> Provider:
    _providers.append(provider)
    return provider


def actions_for(user) -> list[Action]:
    return [action for provider in _providers for action in provider(user)]
