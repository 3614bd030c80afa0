"""The palette's "Show configuration": where config.toml is and the settings in effect, as `ictrack config`
shows them, the ones the file sets in bold; the moving keys scroll it, esc closes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ictrack.core.settings import Config
from ictrack.core.settings_toml import FROM_FILE, shown
from ictrack.text import visible
from ictrack.tui.screens.form import Form, Page, hint


def settings_text(path: Path | None, config: Config, table: dict | None) -> Text:
    """The file's path and whether it is there, then every setting, one to a line (long ones wrap)."""
    if path is None:
        about = ["No config file: these settings are this session's own."]
    elif table is None:
        about = [f"Config file: {visible(path)}", "It is not there, so every setting is its default."]
    else:
        about = [f"Config file: {visible(path)}", 'The settings it sets are in bold, marked "from the file".']
    text = Text("\n".join(about) + "\n\n")
    for line in shown(config, table):
        text.append(visible(line) + "\n", style="bold" if line.endswith(FROM_FILE) else "")
    return text


class ConfigScreen(Form):
    """Shows the settings; dismisses with None."""

    AUTO_FOCUS = "#dialog"
    BINDINGS = [Binding("q", "cancel", "Close")]

    def __init__(self, path: Path | None, config: Config, table: dict | None) -> None:
        super().__init__()
        self.path, self.config, self.table = path, config, table

    def compose(self) -> ComposeResult:
        with Page(id="dialog"):
            yield Static(settings_text(self.path, self.config, self.table), id="settings")
            yield hint("esc or q closes", "ctrl+p, then Edit configuration, opens it in your editor")
