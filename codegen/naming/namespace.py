"""One scope of names: every "take this name, or the first free numbered variant" goes here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def _numbered(base: str, n: int) -> str:
    return f"{base}{n}"


def _same(name: str) -> str:
    return name


def _alone(name: str) -> tuple[str, ...]:
    return (name,)


@dataclass
class Namespace:
    """Names taken in one scope, each with the key of what took it.

    `numbered` spells the n-th variant of a wanted name (n from 2), `fold` says which names
    count as the same (case-insensitive file systems), `companions` the names that come with a
    name (a resource class brings its Async twin), and `parent` an enclosing scope whose names
    are taken here too."""

    taken: dict[str, str] = field(default_factory=dict)  # folded name -> owner
    numbered: Callable[[str, int], str] = _numbered
    fold: Callable[[str], str] = _same
    companions: Callable[[str], tuple[str, ...]] = _alone
    parent: Namespace | None = None

    def __contains__(self, name: str) -> bool:
        """Whether `name` itself is taken in this scope (companions and parents aside)."""
        return self.fold(name) in self.taken

    def free(self, name: str) -> bool:
        scope: Namespace | None = self
        while scope is not None:
            if any(scope.fold(c) in scope.taken for c in scope.companions(name)):
                return False
            scope = scope.parent
        return True

    def owner(self, name: str) -> str:
        """Who took `name` in this scope ("" when nobody did)."""
        return self.taken.get(self.fold(name), "")

    def reserve(self, *names: str) -> None:
        for name in names:
            self.taken.setdefault(self.fold(name), "")

    def claim(self, wanted: str, owner: str = "") -> str:
        """`wanted` if free, else its first free numbered variant; taken from now on."""
        name, n = wanted, 1
        while not self.free(name):
            n += 1
            name = self.numbered(wanted, n)
        for companion in self.companions(name):
            self.taken[self.fold(companion)] = owner
        return name
