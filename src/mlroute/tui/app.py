"""The app: modes, global commands, theme, and loading the session after the first paint."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from mlroute import paths
from mlroute.settings import Settings, load_settings, save_settings
from mlroute.tui.commands import Command, bindings, check_keymap, effective, scope_of
from mlroute.tui.screens.base import ModeScreen, commands_of
from mlroute.tui.themes import install_themes, theme_named

if TYPE_CHECKING:
    from mlroute.session import Session
    from mlroute.tomlfile import TomlFileError
    from mlroute.tui.screens.faq import FaqScreen
    from mlroute.tui.screens.recommendation import RecommendationScreen

MODE_SCREENS: dict[str, tuple[str, str]] = {
    "advisor": ("advisor", "AdvisorScreen"),
    "catalog": ("catalog", "CatalogScreen"),
    "plan": ("plan", "PlanScreen"),
    "faq": ("faq", "FaqScreen"),
}
"""Each mode's screen as (module under mlroute.tui.screens, a `ModeScreen` class); imported on
first use."""

MODE_COMMANDS: dict[str, Command] = {
    "advisor": Command(
        "f2", "switch_mode('advisor')", "Advisor", "The questionnaire and the recommendation"
    ),
    "catalog": Command(
        "f3", "switch_mode('catalog')", "Catalog", "Browse programs, courses, stages and projects"
    ),
    "plan": Command(
        "f4", "switch_mode('plan')", "Plan", "Track your plan: stages, courses and projects"
    ),
    "faq": Command("f5", "switch_mode('faq')", "FAQ", "Read the FAQ and the guide, offline"),
}
"""The key that opens each mode."""

KEYED: tuple[tuple[str, str], ...] = (
    ("mlroute.tui.screens.advisor", "AdvisorScreen"),
    ("mlroute.tui.screens.recommendation", "RecommendationScreen"),
    ("mlroute.tui.screens.plan", "PlanScreen"),
    ("mlroute.tui.screens.catalog", "CatalogScreen"),
    ("mlroute.tui.screens.catalog", "CompareScreen"),
    ("mlroute.tui.screens.faq", "FaqScreen"),
    ("mlroute.tui.widgets.markdown_view", "MarkdownView"),
)
"""Every class besides the app that declares commands (module, class): where `[keys]` ids are
looked up. A test checks no class with a `COMMANDS_LIST` is missing."""


def command_ids() -> set[str]:
    """The id of every command in the app, for checking a `[keys]` table (imports every
    screen: call it off the event loop)."""
    owners = [getattr(import_module(module), name) for module, name in KEYED]
    return {
        binding.id
        for owner in [MLRouteApp, *owners]
        for binding in owner.BINDINGS
        if getattr(binding, "id", None)
    }


def available_modes() -> list[str]:
    """Modes whose screen module is present (a mode is never a placeholder)."""
    from importlib.util import find_spec

    return [
        mode
        for mode, (module, _) in MODE_SCREENS.items()
        if find_spec(f"mlroute.tui.screens.{module}") is not None
    ]


class MLRouteApp(App[None]):
    """mlroute's terminal app."""

    TITLE = "mlroute"
    SUB_TITLE = "an ML degree, or a course path?"
    CSS_PATH = "app.tcss"
    # Start straight in the Advisor mode, whose screen is the default screen: no empty screen
    # to build first (see get_default_screen).
    DEFAULT_MODE = "advisor"

    COMMANDS_LIST: ClassVar[tuple[Command, ...]] = (
        Command("question_mark,f1", "help", "Help", "Show every key of this screen and the app"),
        Command("ctrl+t", "change_theme", "Theme", "Pick a colour theme (remembered)", show=False),
        Command("ctrl+q", "quit", "Quit", "Quit mlroute", priority=True),
    )
    """App-wide commands; each mode adds its own switch key."""

    BINDINGS: ClassVar = bindings(COMMANDS_LIST) + bindings(MODE_COMMANDS.values())

    session: var[Session | None] = var(None, init=False)
    """Everything loaded from disk (catalog, weights, progress); None until loaded."""

    def __init__(
        self,
        *,
        start_mode: str | None = None,
        settings_path: Path | None = None,
        session_loader: Callable[[], Session] | None = None,
    ) -> None:
        """Build the app. `session_loader` runs in a thread after the first paint."""
        super().__init__()
        self._settings_path = settings_path or paths.settings_path()
        self._session_loader = session_loader
        self._modes_present = available_modes()
        self._start_mode = start_mode
        self._mode_screens: list[ModeScreen] = []
        self.load_problem: str | None = None
        """Why the session could not load (a damaged install), once that is known."""
        for mode in self._modes_present:
            if mode != self.DEFAULT_MODE:  # registered once its screen is built (on_mount)
                self.add_mode(mode, self._screen_factory(mode))
        self._settings = load_settings(self._settings_path)
        install_themes(self)
        # With no theme saved, the user's TEXTUAL_THEME (read here, not only when Textual was
        # imported), else Textual's default; neither is saved until the user picks a theme.
        # A Textual theme mlroute replaced (textual-light) opens mlroute's own.
        self._default_theme = theme_named(os.environ.get("TEXTUAL_THEME", "") or "textual-dark")
        for theme in (self._settings.theme, self._default_theme):
            if theme and theme_named(theme) in self.available_themes:
                self.theme = theme_named(theme)
                break
        keymap, problems = check_keymap(self._settings.keys)
        self.key_problems: list[str] = [*self._settings.problems, *problems]
        """What was wrong in the `[keys]` table, said at start; those commands keep their keys."""
        self.keys_remapped: dict[str, str] = keymap
        """The `[keys]` entries in use, by command id, keys normalised as Textual stores them."""
        self.set_keymap(keymap)

    def _screen_factory(self, mode: str) -> Callable[[], ModeScreen]:
        module, name = MODE_SCREENS[mode]

        def build() -> ModeScreen:
            screen_class = getattr(import_module(f"mlroute.tui.screens.{module}"), name)
            if not issubclass(screen_class, ModeScreen):
                raise TypeError(f"{name}, the {mode} mode's screen, is not a ModeScreen")
            screen = screen_class()
            # Attributes down: what the app knows so far (the rest arrives through
            # watch_session and _session_failed).
            if self.session is not None:
                screen.session = self.session
            if self.load_problem is not None:
                screen.load_problem = self.load_problem
            self._mode_screens.append(screen)
            return screen

        return build

    def get_default_screen(self) -> ModeScreen:
        """The Advisor's screen, built here rather than by its mode: after building a mode's
        first screen Textual re-parses every stylesheet and restyles and lays out that screen
        again (`App.refresh_css`), work the default screen is spared."""
        return self._screen_factory(self.DEFAULT_MODE)()

    def on_mount(self) -> None:
        # The Advisor's screen exists now; as a mode, switching back to it finds that screen.
        self.add_mode(self.DEFAULT_MODE, self._screen_factory(self.DEFAULT_MODE))
        if self._start_mode and self._start_mode != self.current_mode:
            self.switch_mode(self._start_mode)

    def watch_app_focus(self, focus: bool) -> None:
        # Served to a browser (textual-serve), the app starts blurred: Textual's web driver says
        # so before the first screen is composed, so the screen's AUTO_FOCUS is skipped, and
        # when the page gives focus back nothing would take the keys. Apply it then.
        screen = self.screen
        auto_focus = self.AUTO_FOCUS if screen.AUTO_FOCUS is None else screen.AUTO_FOCUS
        if focus and screen.focused is None and auto_focus:
            for widget in screen.query(auto_focus):
                if widget.focusable:
                    screen.set_focus(widget, scroll_visible=False)
                    break

    def on_ready(self) -> None:
        # Load after the first frame is on screen, so the load never delays it.
        self.screen.call_after_refresh(self._load_session)
        if self.keys_remapped:
            self.screen.call_after_refresh(self._check_key_ids)
        elif self.key_problems:
            self._tell_key_problems([])

    @work(thread=True, exclusive=True, group="keys")
    def _check_key_ids(self) -> None:
        _, unknown = check_keymap(self._settings.keys, command_ids())
        problems = [problem for problem in unknown if "no command has this id" in problem]
        self.call_from_thread(self._tell_key_problems, problems)

    def _tell_key_problems(self, unknown_ids: list[str]) -> None:
        self.key_problems += unknown_ids
        if self.key_problems:
            self.notify(
                "\n".join(self.key_problems[:6]),
                title=f"Some [keys] in {self._settings_path.name} were not used",
                severity="warning",
                timeout=20,
            )

    @work(thread=True, exclusive=True, group="session")
    def _load_session(self) -> None:
        from mlroute.tomlfile import TomlFileError

        loader = self._session_loader
        if loader is None:
            from mlroute.session import load_session

            loader = load_session
        try:
            session = loader()
        except TomlFileError as error:  # mlroute's own data (a damaged install)
            self.call_from_thread(self._session_failed, error)
            return
        # Everything loaded so far lives as long as the app: move it out of the collector's
        # sight, or each full collection rescans the whole catalog (100+ ms at 10,000 courses).
        gc.freeze()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._session_loaded, session)

    def _session_failed(self, error: TomlFileError) -> None:
        problems = "\n".join(str(problem) for problem in error.problems)
        self.load_problem = (
            f"mlroute could not load its own data:\n{problems}\n"
            "Reinstall mlroute; the questionnaire still works, but there is nothing to "
            "recommend from."
        )
        self.notify(self.load_problem, title="Damaged install", severity="error", timeout=60)
        for screen in self._mode_screens:
            screen.load_problem = self.load_problem

    def _session_loaded(self, session: Session) -> None:
        # A returning user who has chosen a path lands on their plan (switched first, so the
        # Advisor knows it is not on screen).
        if self._start_mode is None and session.progress.path and "plan" in self._modes_present:
            self.switch_mode("plan")
        self.session = session
        for message in session.messages:
            self.notify(message.text, title=message.title, severity=message.severity, timeout=12)

    def watch_session(self, session: Session | None) -> None:
        """Hand the session down to every mode screen built so far."""
        for screen in self._mode_screens:
            screen.session = session

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notify with markup always off: messages carry file paths and catalog text, which
        must show as written (a `[` in a path is not a style)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_recommendation_screen_plan_chosen(
        self, message: RecommendationScreen.PlanChosen
    ) -> None:
        """Open the plan once the user has chosen a path (handled here: modes are the app's)."""
        if "plan" in self._modes_present:
            self.switch_mode("plan")
        else:
            self.notify(f"Chosen: the {message.path} path. Your choice is saved.")

    def on_faq_screen_show_in_catalog(self, message: FaqScreen.ShowInCatalog) -> None:
        """Show an entry in the Catalog mode (a link from the FAQ reader)."""
        from mlroute.tui.screens.catalog import CatalogScreen

        if "catalog" not in self._modes_present:
            return
        self.switch_mode("catalog")
        if isinstance(self.screen, CatalogScreen):
            self.screen.show_entry(message.entry_id)

    # Commands --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A mode whose screen is not there yet is not offered at all.
        unknown_mode = (
            action == "switch_mode"
            and parameters[:1] != ()
            and (parameters[0] not in self._modes_present)
        )
        return not unknown_mode

    def action_help(self) -> None:
        from mlroute.tui.screens.help import HelpScreen

        screen_commands = commands_of(self.screen)
        modes = [MODE_COMMANDS[mode] for mode in self._modes_present]
        progress = self.session.store.path if self.session else paths.progress_path()
        footer = (
            f"Your progress: {progress}\n"
            f"Your overlay catalog (optional): {paths.overlay_path()}\n"
            f"Settings: {self._settings_path}"
        )
        pane_sections = [
            (heading, self.effective(pane, commands))
            for pane, heading, commands in _panes(self.screen)
        ]
        sections = [
            (
                f"This screen ({self.screen.title or self.current_mode})",
                self.effective(self.screen, screen_commands),
            ),
            *pane_sections,
            ("Modes", self.effective(self, modes)),
            ("Everywhere", self.effective(self, self.COMMANDS_LIST)),
        ]
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(sections, footer))

    def effective(self, owner: object, commands: Iterable[Command]) -> list[Command]:
        """`owner`'s commands with the keys that run them now, after the `[keys]` table."""
        scope = scope_of(owner)
        return [effective(command, scope, self.keys_remapped) for command in commands]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        modes = self.effective(self, [MODE_COMMANDS[mode] for mode in self._modes_present])
        for mode, command in zip(self._modes_present, modes, strict=True):
            yield SystemCommand(command.title, _keyed(command), _bound(self.switch_mode, mode))
        for command in self.effective(screen, commands_of(screen)):
            yield SystemCommand(command.title, _keyed(command), _action(screen, command.action))
        for pane, _, commands in _panes(screen):
            for command in self.effective(pane, commands):
                run = _action(pane, command.action, focus=True)
                yield SystemCommand(command.title, _keyed(command), run)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Textual's Screenshot command, written in a terminal with mlroute's one atomic writer
        (Textual's driver writes the file in place); in a browser it is still a download."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        from platformdirs import user_downloads_path
        from textual._files import generate_datetime_filename

        name = filename or generate_datetime_filename(self.title, ".svg", time_format)
        target = (Path(path) if path else user_downloads_path()) / name
        self._write_screenshot(target, self.export_screenshot())
        return str(target)

    @work(thread=True, group="screenshot")
    def _write_screenshot(self, target: Path, svg: str) -> None:
        from mlroute.atomic import write_atomic

        try:
            write_atomic(target, svg.encode())
        except OSError as error:
            problem = f"Could not save the screenshot to {target}: {error.strerror or error}"
            self.call_from_thread(self.notify, problem, severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"Screenshot saved to {target}", title="Screenshot")

    def watch_theme(self, theme: str) -> None:
        if theme != (self._settings.theme or self._default_theme):
            self._settings = self._settings._replace(theme=theme, problems=())
            self._save_settings(self._settings)

    @work(thread=True, exclusive=True, group="settings")
    def _save_settings(self, settings: Settings) -> None:
        try:
            save_settings(settings, self._settings_path)
        except OSError as error:
            self.call_from_thread(
                self.notify,
                f"Could not save the theme to {self._settings_path}: {error.strerror}",
                severity="warning",
            )


def _keyed(command: Command) -> str:
    """A palette entry's help line, led by the keys that run the command now."""
    return f"{command.keys_label} · {command.help}"


def _bound(method: Callable[[str], object], argument: str) -> Callable[[], None]:
    def call() -> None:
        method(argument)

    return call


def _action(node: Widget, action: str, *, focus: bool = False) -> Callable[[], object]:
    async def run() -> None:
        if focus:
            node.focus()
        await node.run_action(action)

    return run


@runtime_checkable
class Pane(Protocol):
    """A widget with keys of its own (`MarkdownView`: a page's links), listed under its own
    heading in the help screen and the palette."""

    HELP_HEADING: ClassVar[str]
    """The help screen's heading for these keys."""

    COMMANDS_LIST: ClassVar[tuple[Command, ...]]
    """The widget's commands."""


def _panes(screen: Screen[Any]) -> list[tuple[Widget, str, tuple[Command, ...]]]:
    """Widgets on `screen` with keys of their own, each with its heading and commands: one of
    each kind, the focused one where one has the focus, for the help screen and the palette."""
    panes: dict[type, tuple[Widget, str, tuple[Command, ...]]] = {}
    for widget in screen.query("*"):
        if isinstance(widget, Pane) and (type(widget) not in panes or widget.has_focus):
            panes[type(widget)] = (widget, widget.HELP_HEADING, widget.COMMANDS_LIST)
    return sorted(panes.values(), key=lambda pane: type(pane[0]).__name__)


def make_app(
    *,
    start_mode: str | None = None,
    settings_path: Path | None = None,
    session_loader: Callable[[], Session] | None = None,
) -> MLRouteApp:
    """Build the app; the CLI and the tests share this factory."""
    return MLRouteApp(
        start_mode=start_mode, settings_path=settings_path, session_loader=session_loader
    )


def run_app() -> int:
    """Run the app in the terminal; returns the exit status: 0, or Textual's non-zero code
    when an unhandled error ended the app (Textual restores the terminal and prints it)."""
    app = make_app()
    app.run()
    return app.return_code or 0
