"""Arrangements as data: files (TOML, YAML, JSON), Popolo JSON, and iCalendar.

Everything here sits on top of the domain modules and is the only place that knows
about serialisation (domain classes never do). Heavy dependencies (cattrs, tomli-w,
PyYAML, icalendar, jsonschema) come with the ``io`` extra and load on first use.

``load`` and ``dump`` live in :mod:`sharegov.io.files`; ``popolo`` is the Popolo exchange
module. :func:`read_vote_record` reads one question's votes and attendance (a votes
file, or a request body) into a :class:`VoteRecord` that decides itself under a board.
They are imported on first access, so ``import sharegov.io`` stays light; type checkers
and IDEs see their real types. :class:`FileError` is what a file with problems raises.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the lazy names are, for type checkers and IDEs
    from sharegov.io import popolo
    from sharegov.io._guard import FileError
    from sharegov.io.files import (
        Arrangement,
        VoteRecord,
        dump,
        dumps,
        load,
        loads,
        read_vote_record,
    )

__all__ = [
    "Arrangement",
    "FileError",
    "VoteRecord",
    "dump",
    "dumps",
    "load",
    "loads",
    "popolo",
    "read_vote_record",
]

_FROM_FILES = {"Arrangement", "VoteRecord", "dump", "dumps", "load", "loads", "read_vote_record"}


def __getattr__(name: str) -> Any:
    if name == "FileError":  # light: no need to load the file machinery for the class
        return importlib.import_module("sharegov.io._guard").FileError
    if name in _FROM_FILES:
        return getattr(importlib.import_module("sharegov.io.files"), name)
    if name == "popolo":
        return importlib.import_module("sharegov.io.popolo")
    raise AttributeError(f"module 'sharegov.io' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
