"""tonecheck's exceptions. Library code raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class TonecheckError(Exception):
    """Base class: anything tonecheck reports to the user as a one-line error."""

    kind = "error"

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self.args[0]) if self.args else self.kind


class ConfigError(TonecheckError):
    """A configuration file or option is invalid."""

    kind = "bad-config"


class InputError(TonecheckError):
    """An input could not be read or analysed (empty, binary, too large, badly encoded...)."""

    kind = "unreadable"


class ModelError(TonecheckError):
    """The shipped classifier could not be loaded or is inconsistent."""

    kind = "model"
