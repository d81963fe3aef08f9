"""A board's rule compiled to array operations over many vote records at once.

Private helper for :mod:`sharegov.power`. A *vote record* gives every voting member of a
board one state code (:class:`Cast`); a batch of records is an ``int8`` matrix (records
x members). :func:`verdicts` evaluates any sharegov rule on every record of a batch with
numpy operations and returns its verdict per record coded as ``0`` (not carried), ``1``
(an equality of votes) or ``2`` (carried). The coding makes Kleene logic plain
arithmetic: :class:`~sharegov.rules.AllOf` and :class:`~sharegov.rules.EachAuthority` are
the minimum of their parts; :class:`~sharegov.rules.FirstOf` and
:class:`~sharegov.rules.AnyOf` the maximum.

Nothing here restates a rule: each rule's one definition (its ``_decide``, see
:class:`~sharegov.rules.Rule`) runs on a :class:`~sharegov.rules.Scope` whose counts are
numpy arrays, one entry per record, with :class:`NumpyOps` combining verdict codes. A
rule with no ``_decide`` of its own is asked record by record through its ``check``, so
user-defined rules still work, slowly.

numpy is imported by the caller and passed in, so importing this module stays light.
"""

from __future__ import annotations

import enum
from functools import reduce
from math import lcm
from typing import TYPE_CHECKING, Any

from sharegov import rules
from sharegov.errors import InvalidRule, expected
from sharegov.rules import CARRIED, EQUALITY, NOT_CARRIED, Tally, Vote

if TYPE_CHECKING:
    from sharegov.boards import Board

__all__ = ["CARRIED", "EQUALITY", "NOT_CARRIED", "Cast", "NumpyOps", "Roster", "encode", "verdicts"]


class Cast(enum.IntEnum):
    """A voting member's state on one question, as a small integer code.

    ``SILENT`` is *present, not voting*; ``EXCLUDED`` is present but barred from the item
    by an interest (counted neither for quorum nor in any base).
    """

    SILENT = 0
    FOR = 1
    AGAINST = 2
    ABSTAIN = 3
    ABSENT = 4
    EXCLUDED = 5


_VOTE_CODE = {Vote.FOR: Cast.FOR, Vote.AGAINST: Cast.AGAINST, Vote.ABSTAIN: Cast.ABSTAIN}


class Roster:
    """Where each voting member of a board sits in a vote-record matrix, and what the rules
    need to know about the board (seats, populations, member weights).

    Args:
        board: The board.
    """

    def __init__(self, board: Board) -> None:
        self.members: tuple[str, ...] = tuple(m.id for m in board.voting_members)
        self.authority_of: dict[str, str] = {m.id: m.authority for m in board.voting_members}
        self.codes: tuple[str, ...] = tuple(c for c, n in board.seats.items() if n > 0)
        self.seats: dict[str, int] = dict(board.seats)
        self.population: dict[str, int] = {
            a.code: a.population for a in board.authorities if a.population is not None
        }
        self.columns: dict[str, tuple[int, ...]] = {
            code: tuple(i for i, m in enumerate(self.members) if self.authority_of[m] == code)
            for code in self.codes
        }

    def columns_of(self, scope: tuple[str, ...]) -> tuple[int, ...]:
        """Matrix columns of the members of the authorities in ``scope``."""
        if scope == self.codes:
            return tuple(range(len(self.members)))
        return tuple(i for code in scope for i in self.columns[code])

    def tally(self, row: Any) -> Tally:
        """The :class:`~sharegov.rules.Tally` of one vote record (for rules not compiled)."""
        votes: dict[str, Vote] = {}
        absent, excluded = set(), set()
        for member, code in zip(self.members, row, strict=True):
            cast = Cast(int(code))
            if cast is Cast.ABSENT:
                absent.add(member)
            elif cast is Cast.EXCLUDED:
                excluded.add(member)
            elif cast is not Cast.SILENT:
                votes[member] = Vote(cast.name.lower())
        return Tally(
            votes,
            authority_of=self.authority_of,
            seats=self.seats,
            absent=absent,
            excluded=excluded,
            population=self.population,
        )


class NumpyOps(rules.Ops):
    """:class:`~sharegov.rules.Ops` on numpy arrays of verdict codes."""

    def __init__(self, np: Any) -> None:
        self.np = np

    def of(self, ok: Any) -> Any:
        return self.np.where(ok, CARRIED, NOT_CARRIED).astype(self.np.int8)

    def verdict(self, ok: Any, equal: Any) -> Any:
        return self.np.where(equal, EQUALITY, self.of(ok)).astype(self.np.int8)

    def all(self, codes: Any) -> Any:
        return reduce(self.np.minimum, codes, self.np.int8(CARRIED))

    def any(self, codes: Any) -> Any:
        return reduce(self.np.maximum, codes, self.np.int8(NOT_CARRIED))

    def firm(self, code: Any) -> Any:
        return self.np.where(code == EQUALITY, NOT_CARRIED, code).astype(self.np.int8)


class _Records(rules.Scope):
    """A batch of vote records seen as one :class:`~sharegov.rules.Scope` of arrays."""

    __slots__ = (
        "_batch",
        "_columns",
        "_scope",
        "abstain",
        "against",
        "present",
        "seats",
        "support",
    )

    def __init__(self, batch: _Batch, scope: tuple[str, ...]) -> None:
        self._batch, self._scope = batch, scope
        np, layout, state = batch.np, batch.layout, batch.state
        cols = list(layout.columns_of(scope))
        self._columns = cols
        part = state[:, cols]
        self.support = (part == Cast.FOR).sum(axis=1, dtype=np.int64)
        self.against = (part == Cast.AGAINST).sum(axis=1, dtype=np.int64)
        self.abstain = (part == Cast.ABSTAIN).sum(axis=1, dtype=np.int64)
        self.present = (part < Cast.ABSENT).sum(axis=1, dtype=np.int64)
        self.seats = sum(layout.seats[c] for c in scope)

    def parts(self) -> list[rules.Scope]:
        return [self._batch.scope((code,)) for code in self._scope]

    @property
    def population(self) -> int:
        code = self._scope[0]
        population = self._batch.layout.population
        if code not in population:
            raise InvalidRule(
                expected(f"population.{code}", "a population for every authority", None)
            )
        return population[code]

    def weight(self, rule: rules.Weighted) -> tuple[Any, int]:
        np, layout = self._batch.np, self._batch.layout
        members = [layout.members[i] for i in self._columns]
        weights = [rule.weight_of(m, layout.authority_of[m]) for m in members]
        scale = lcm(*(w.denominator for w in weights)) if weights else 1
        ints = [int(w * scale) for w in weights]
        dtype = np.int64 if sum(ints) < 2**62 else object
        is_for = self._batch.state[:, self._columns] == Cast.FOR
        return is_for.astype(dtype) @ np.array(ints, dtype=dtype), scale

    def ask(self, rule: rules.Rule, k: rules.Ops) -> Any:
        """Record by record, through the rule's own ``check`` (user-defined rules)."""
        np, layout = self._batch.np, self._batch.layout
        out = np.empty(len(self._batch.state), dtype=np.int8)
        for i, row in enumerate(self._batch.state):
            tally = layout.tally(row)
            if self._scope != layout.codes:
                tally = tally.by_authority(self._scope[0])
            out[i] = rules._CODE[rule.check(tally)]
        return out


class _Batch:
    """A batch of vote records, with one cached scope per set of authorities."""

    def __init__(self, np: Any, layout: Roster, state: Any) -> None:
        self.np, self.layout, self.state = np, layout, state
        self._scopes: dict[tuple[str, ...], _Records] = {}

    def scope(self, codes: tuple[str, ...]) -> _Records:
        found = self._scopes.get(codes)
        if found is None:
            found = self._scopes[codes] = _Records(self, codes)
        return found


def verdicts(rule: rules.Rule, np: Any, layout: Roster, state: Any) -> Any:
    """The verdict of ``rule`` on each vote record in ``state`` (records x members int8).

    Every rule answers through its one definition (``rules.code_of``), here on arrays.
    Returns an ``int8`` array: 0 not carried, 1 an equality of votes, 2 carried.
    """
    batch = _Batch(np, layout, state)
    codes = rules.code_of(rule, batch.scope(layout.codes), NumpyOps(np))
    return np.broadcast_to(np.asarray(codes, dtype=np.int8), (len(state),)).copy()


def encode(
    layout: Roster, votes: dict[str, Vote], absent: set[str], excluded: set[str]
) -> list[int]:
    """One vote record as a list of :class:`Cast` codes in the layout's member order."""
    row = []
    for member in layout.members:
        if member in absent:
            row.append(int(Cast.ABSENT))
        elif member in excluded:
            row.append(int(Cast.EXCLUDED))
        elif member in votes:
            row.append(int(_VOTE_CODE[votes[member]]))
        else:
            row.append(int(Cast.SILENT))
    return row
