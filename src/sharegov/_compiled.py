"""A board's rule compiled to array operations over many vote records at once.

Private helper for :mod:`sharegov.power`. A *vote record* gives every voting member of a
board one state code (:class:`Cast`); a batch of records is an ``int8`` matrix (records
x members). :func:`verdicts` evaluates any sharegov rule on every record of a batch with
numpy operations and returns its verdict per record coded as ``0`` (not carried), ``1``
(an equality of votes) or ``2`` (carried). The coding makes Kleene logic plain
arithmetic: :class:`~sharegov.rules.AllOf` and :class:`~sharegov.rules.EachAuthority` are
the minimum of their parts; :class:`~sharegov.rules.FirstOf` and
:class:`~sharegov.rules.AnyOf` the maximum.

Each rule class is translated to the same arithmetic as its ``evaluate`` method, reading
counts per authority instead of a :class:`~sharegov.rules.Tally`; the tests check the
two agree record by record. A rule class this module does not know is evaluated record
by record through its own ``evaluate``, so user-defined rules still work, slowly.

numpy is imported by the caller and passed in, so importing this module stays light.
"""

from __future__ import annotations

import enum
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, Any

from sharegov import rules
from sharegov.errors import InvalidRule, expected
from sharegov.rules import Tally, Vote

if TYPE_CHECKING:
    from sharegov.boards import Board

__all__ = ["CARRIED", "EQUALITY", "NOT_CARRIED", "Cast", "Layout", "encode", "verdicts"]

NOT_CARRIED, EQUALITY, CARRIED = 0, 1, 2


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


class Layout:
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


class _Records:
    """A batch of vote records with cached counts per (what, scope)."""

    def __init__(self, np: Any, layout: Layout, state: Any) -> None:
        self.np = np
        self.layout = layout
        self.state = state
        self._cache: dict[tuple[Any, ...], Any] = {}

    def count(self, cast: Cast, scope: tuple[str, ...]) -> Any:
        key = ("count", cast, scope)
        if key not in self._cache:
            cols = list(self.layout.columns_of(scope))
            self._cache[key] = (self.state[:, cols] == cast).sum(axis=1, dtype=self.np.int64)
        return self._cache[key]

    def present(self, scope: tuple[str, ...]) -> Any:
        key = ("present", scope)
        if key not in self._cache:
            cols = list(self.layout.columns_of(scope))
            self._cache[key] = (self.state[:, cols] < Cast.ABSENT).sum(axis=1, dtype=self.np.int64)
        return self._cache[key]

    def seats(self, scope: tuple[str, ...]) -> int:
        return sum(self.layout.seats[c] for c in scope)


def _leaf(np: Any, ok: Any) -> Any:
    return np.where(ok, CARRIED, NOT_CARRIED).astype(np.int8)


def verdicts(rule: rules.Rule, np: Any, layout: Layout, state: Any) -> Any:
    """The verdict of ``rule`` on each vote record in ``state`` (records x members int8).

    Returns an ``int8`` array: 0 not carried, 1 an equality of votes, 2 carried.
    """
    return _eval(rule, _Records(np, layout, state), layout.codes)


def _eval(rule: rules.Rule, rec: _Records, scope: tuple[str, ...]) -> Any:
    np = rec.np
    if type(rule) is rules.Consensus:
        ok = (rec.count(Cast.AGAINST, scope) == 0) & (rec.count(Cast.FOR, scope) > 0)
        if rule.abstention_blocks:
            ok &= rec.count(Cast.ABSTAIN, scope) == 0
        return _leaf(np, ok)
    if type(rule) is rules.Unanimity:
        support = rec.count(Cast.FOR, scope)
        base = rec.seats(scope) if rule.of == "seats" else rec.present(scope)
        return _leaf(np, (base > 0) & (support == base))
    if type(rule) is rules.Majority:
        support, against = rec.count(Cast.FOR, scope), rec.count(Cast.AGAINST, scope)
        if rule.of == "voting":
            base = support + against
        elif rule.of == "present":
            base = rec.present(scope)
        else:
            base = rec.seats(scope) + np.zeros_like(support)
        num, den = rule.more_than.numerator, rule.more_than.denominator
        out = _leaf(np, (base > 0) & (support * den > num * base))
        if rule.more_than == Fraction(1, 2):
            out[(base > 0) & (support == against) & (2 * support == base)] = EQUALITY
        return out
    if type(rule) is rules.AtLeast:
        return _leaf(np, rec.count(Cast.FOR, scope) >= rule.n)
    if type(rule) is rules.Weighted:
        return _weighted(rule, rec, scope)
    if type(rule) is rules.DoubleMajority:
        return _double_majority(rule, rec, scope)
    if type(rule) is rules.Quorum:
        ok = np.ones(len(rec.state), dtype=bool)
        need = rule.required(rec.seats(scope))
        if need:
            ok &= rec.present(scope) >= need
        if rule.each_authority is not None:
            for code in scope:
                ok &= rec.present((code,)) >= rule.each_authority
        return _leaf(np, ok)
    if type(rule) is rules.EachAuthority:
        out = np.full(len(rec.state), CARRIED, dtype=np.int8)
        for code in scope:
            out = np.minimum(out, _eval(rule.rule, rec, (code,)))
        return out
    if isinstance(rule, rules.AllOf | rules.FirstOf | rules.AnyOf) and type(rule) in (
        rules.AllOf,
        rules.FirstOf,
        rules.AnyOf,
    ):
        parts = [_eval(sub, rec, scope) for sub in rule.rules]
        combine = np.minimum if type(rule) is rules.AllOf else np.maximum
        out = parts[0]
        for part in parts[1:]:
            out = combine(out, part)
        return out
    return _fallback(rule, rec, scope)


def _weighted(rule: rules.Weighted, rec: _Records, scope: tuple[str, ...]) -> Any:
    np = rec.np
    layout = rec.layout
    cols = layout.columns_of(scope)
    weights = [
        rule.weight_of(layout.members[i], layout.authority_of[layout.members[i]]) for i in cols
    ]
    scale = lcm(rule.quota.denominator, *(w.denominator for w in weights))
    ints = [int(w * scale) for w in weights]
    need = -(-rule.quota * scale // 1)
    dtype = np.int64 if sum(ints) < 2**62 else object
    is_for = rec.state[:, list(cols)] == Cast.FOR
    total = is_for.astype(dtype) @ np.array(ints, dtype=dtype)
    return _leaf(np, total >= need)


def _double_majority(rule: rules.DoubleMajority, rec: _Records, scope: tuple[str, ...]) -> Any:
    np = rec.np
    population = rec.layout.population
    missing = [c for c in scope if c not in population]
    if missing:
        raise InvalidRule(
            expected(f"population.{missing[0]}", "a population for every authority", None)
        )
    in_favour = np.zeros(len(rec.state), dtype=np.int64)
    pop_for = np.zeros(
        len(rec.state), dtype=np.int64 if sum(population.values()) < 2**62 else object
    )
    for code in scope:
        yes = _eval(rule.within, rec, (code,)) == CARRIED
        in_favour += yes
        pop_for += yes * population[code]
    total_pop = sum(population[c] for c in scope)
    a, p = rule.authorities, rule.population
    auth_ok = in_favour * a.denominator >= a.numerator * len(scope)
    if total_pop:
        pop_ok = pop_for * p.denominator >= p.numerator * total_pop
    else:
        pop_ok = np.full(len(rec.state), p == 0)
    ok = auth_ok & pop_ok
    if rule.blocking_at_least:
        ok = auth_ok & (pop_ok | (len(scope) - in_favour < rule.blocking_at_least))
    return _leaf(np, ok)


def _fallback(rule: rules.Rule, rec: _Records, scope: tuple[str, ...]) -> Any:
    """Evaluate a rule class this module does not compile, record by record."""
    np = rec.np
    out = np.empty(len(rec.state), dtype=np.int8)
    for k, row in enumerate(rec.state):
        tally = rec.layout.tally(row)
        if scope != rec.layout.codes:
            tally = tally.by_authority(scope[0])
        carried = rule.evaluate(tally).carried
        out[k] = CARRIED if carried else (EQUALITY if carried is None else NOT_CARRIED)
    return out


def encode(
    layout: Layout, votes: dict[str, Vote], absent: set[str], excluded: set[str]
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
