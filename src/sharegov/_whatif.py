"""The smallest changes to a recorded vote that would flip its result (private).

:meth:`sharegov.boards.Outcome.what_would_change_it` words what this finds. A member's
*state* on a question is ``"for"``, ``"against"``, ``"abstain"``, ``"present"`` (there,
not voting), ``"absent"``, ``"apologies"`` or ``"excluded"``. The changes considered are
those the minutes could have recorded instead: a vote changed (an abstention turned
included), a member present not voting casting a vote, and a member absent or sending
apologies attending (voting or not). A member excluded by an interest cannot change.

The search is exact: it tries every set of one change, then of two, and so on, and stops
at the first size at which some set flips the result, so every set it returns is of the
smallest size (and so minimal: no part of it flips the result alone). The number of
results it tries is bounded by ``limit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations, product

from sharegov.errors import InvalidValue, LimitExceeded, expected

__all__ = ["CHOICES", "MAX_CHECKS", "smallest_changes"]

_VOTES = ("for", "against", "abstain")
_ATTEND = ("for", "against", "abstain", "present")
#: What each state could have been instead.
CHOICES: dict[str, tuple[str, ...]] = {
    "for": ("against", "abstain"),
    "against": ("for", "abstain"),
    "abstain": ("for", "against"),
    "present": _VOTES,
    "absent": _ATTEND,
    "apologies": _ATTEND,
}
#: The most results :func:`smallest_changes` tries before it refuses.
MAX_CHECKS = 200_000

Change = tuple[str, str]  # (member id, the state instead)


def smallest_changes(
    states: Mapping[str, str],
    flips: Callable[[dict[str, str]], bool],
    *,
    limit: int = MAX_CHECKS,
) -> tuple[tuple[Change, ...], ...]:
    """Every smallest set of changes to ``states`` for which ``flips`` is true.

    Sets come in the order of ``states`` (members), then of :data:`CHOICES`.

    Raises:
        LimitExceeded: More than ``limit`` results would have to be tried.

    Examples:
        >>> states = {"a": "for", "b": "against", "c": "absent"}
        >>> carried = lambda s: list(s.values()).count("for") >= 2
        >>> smallest_changes(states, carried)
        ((('b', 'for'),), (('c', 'for'),))
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidValue(expected("limit", "a whole number >= 1", limit))
    movable = [m for m, s in states.items() if s in CHOICES]
    tried = 0
    for size in range(1, len(movable) + 1):
        found: list[tuple[Change, ...]] = []
        for members in combinations(movable, size):
            for targets in product(*(CHOICES[states[m]] for m in members)):
                tried += 1
                if tried > limit:
                    raise LimitExceeded(
                        f"limit: finding the smallest changes needs more than {limit:,} "
                        f"trial decisions ({len(movable)} members could change, and no set of "
                        f"fewer than {size} changes flips the result); pass a larger limit="
                    )
                trial = dict(states)
                trial.update(zip(members, targets, strict=True))
                if flips(trial):
                    found.append(tuple(zip(members, targets, strict=True)))
        if found:
            return tuple(found)
    return ()
