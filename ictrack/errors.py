"""Errors a user can cause. Each carries its exit code; `ictrack.cli.main` catches them once."""


class IctrackError(Exception):
    exit_code = 1


class NotFound(IctrackError):
    exit_code = 1


class NotAllowed(IctrackError):
    exit_code = 1


class BadInput(IctrackError):
    exit_code = 2


class StorageProblem(IctrackError):
    exit_code = 3
