"""sharegov: executable governance rules for shared-service arrangements between UK councils.

Examples:
    >>> from sharegov import Vote
    >>> from sharegov.reference import bromsgrove_redditch_board
    >>> board = bromsgrove_redditch_board()
    >>> out = board.decide({"hollingworth": Vote.FOR, "luck": Vote.FOR, "gandy": Vote.FOR,
    ...                     "hall": Vote.AGAINST, "mcmillan": Vote.FOR}, apologies={"webb"})
    >>> print(out.explain())
    Carried on the fallback rule (at least 2 in support from each authority):
      consensus not reached: 1 against (Cllr M. Hall, RBC)
      BDC: 2 in support >= 2  yes
      RBC: 2 in support >= 2  yes
    Votes: 4 for, 1 against, 0 abstaining.
    Apologies: Cllr M. Webb, BDC.
    Shared Services Board is advisory: this is a recommendation to each council, not a decision.
"""

from __future__ import annotations

import types as _types
from typing import TYPE_CHECKING as _TYPE_CHECKING

from sharegov import rules
from sharegov.boards import Board, Outcome, Status
from sharegov.errors import SharegovError
from sharegov.money import Money, allocate
from sharegov.parties import Authority, Member, Officer, Post, StatutoryRole
from sharegov.rules import Tally, Verdict, Vote

__version__ = "0.1.0.dev0"

__all__ = [
    "Authority",
    "Board",
    "Member",
    "Money",
    "Officer",
    "Outcome",
    "Post",
    "SharegovError",
    "Status",
    "StatutoryRole",
    "Tally",
    "Verdict",
    "Vote",
    "__version__",
    "allocate",
    "power",
    "rules",
]

# Submodules imported on first access, so ``import sharegov`` stays light; type checkers
# and IDEs see them as the modules they are.
if _TYPE_CHECKING:
    import sharegov.power as power

_LAZY = frozenset({"power"})


def __getattr__(name: str) -> _types.ModuleType:
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"sharegov.{name}")
    raise AttributeError(f"module 'sharegov' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
