"""Errors a user can cause. Each carries its exit code; `ictrack.cli.main` catches them once."""

from __future__ import annotations


class IctrackError(Exception):
    exit_code = 1
    field: str | None = None  # the one input at fault, where a form can mark it: "due", "title", "person", …

    def about(self, field: str) -> IctrackError:
        """This error, marked as about one input `field`."""
        self.field = field
        return self


class NotFound(IctrackError):
    exit_code = 1


class NotAllowed(IctrackError):
    exit_code = 1


class BadInput(IctrackError):
    exit_code = 2


class StorageProblem(IctrackError):
    exit_code = 3
