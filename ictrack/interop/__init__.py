"""Other formats in and out: ictrack's own JSON export, Taskwarrior's export, iCalendar."""
