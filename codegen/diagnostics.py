"""Problems found in a spec or config, as values: gathered, sorted by pointer, reported together."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True, order=True)
class Diagnostic:
    pointer: str
    severity: Severity
    message: str
    hint: str = ""
    file: str = ""
    line: int = 0
    column: int = 0

    def render(self) -> str:
        where = self.file or "<spec>"
        if self.line:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.severity.name.lower()}: {self.message}"
        if self.pointer:
            text += f"\n  at {self.pointer or '#'}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass
class Diagnostics:
    """The list every stage appends to; never raised."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, severity: Severity, pointer: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(pointer, severity, message, hint))

    def error(self, pointer: str, message: str, hint: str = "") -> None:
        self.add(Severity.ERROR, pointer, message, hint)

    def warning(self, pointer: str, message: str, hint: str = "") -> None:
        self.add(Severity.WARNING, pointer, message, hint)

    def info(self, pointer: str, message: str, hint: str = "") -> None:
        self.add(Severity.INFO, pointer, message, hint)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: (d.pointer, -d.severity, d.message))

    def count(self, severity: Severity) -> int:
        return sum(1 for d in set(self.items) if d.severity is severity)


class FatalError(Exception):
    """Stops the run: the input cannot be used at all (unreadable file, not OpenAPI, bad config).

    Carries diagnostics, never a traceback, to the CLI.
    """

    def __init__(self, *diagnostics: Diagnostic) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = list(diagnostics)
