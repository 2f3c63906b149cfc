"""The registry through which each app contributes to the shell and the start page, from its own
`apps.py`, so that adding an app never edits the `home` app (in the spirit of Wagtail's
construct_homepage_panels hook). `home` reads it; `core` only keeps it.

- Menu entries: shown when the user holds the entry's permission (one of several) and, for
  municipal work, belongs to a municipality.
- Start-page panels: a template and a function that gives its context for a user (or None to
  leave the panel out).
- Reading per role: a function that gives, per role code, the pages worth reading first.
- Set-up steps: what a new municipality has to arrange, each with a page that does it and a
  function that tells from the data whether it is done (the "Inrichten" checklist).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    #: One permission, or a tuple of which any one suffices; None for every signed-in user.
    permission: str | tuple[str, ...] | None
    order: int
    #: Work that belongs to one municipality: hidden for regional accounts.
    municipal: bool = True


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Callable  # (user) -> dict | None
    order: int
    #: Shown first, above the explanation of the roles: the work of the day (a dashboard).
    lead: bool = False


@dataclass(frozen=True)
class SetupStep:
    code: str
    label: str
    #: The page that does it.
    url_name: str
    #: (user) -> bool: is it done for the user's municipality, read from the data through the
    #: access policies (the user is its functioneel beheerder).
    done: Callable
    order: int
    explanation: str = ""


_MENU: list[MenuEntry] = []
_SETUP: list[SetupStep] = []
_PANELS: list[HomePanel] = []
_READING: list[Callable] = []  # (user, role_codes) -> dict[role_code, list]


def register_menu(*entries: MenuEntry) -> None:
    for entry in entries:
        if entry.url_name not in {known.url_name for known in _MENU}:
            _MENU.append(entry)


def register_home_panel(panel: HomePanel) -> None:
    if panel.template not in {known.template for known in _PANELS}:
        _PANELS.append(panel)


def register_role_reading(provider: Callable) -> None:
    if provider not in _READING:
        _READING.append(provider)


def register_setup_step(*steps: SetupStep) -> None:
    for step in steps:
        if step.code not in {known.code for known in _SETUP}:
            _SETUP.append(step)


def setup_steps() -> list[SetupStep]:
    return sorted(_SETUP, key=lambda step: step.order)


def menu_entries() -> list[MenuEntry]:
    return sorted(_MENU, key=lambda entry: entry.order)


def home_panels() -> list[HomePanel]:
    return sorted(_PANELS, key=lambda panel: panel.order)


def role_reading_providers() -> list[Callable]:
    return list(_READING)
