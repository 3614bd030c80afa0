"""The Textual TUI. Nothing here is imported by the headless commands."""
