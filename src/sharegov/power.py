"""Voting power: who really decides under a board's rule.

A board's rule says which combinations of votes carry a proposal; voting power says how
often each member (or each authority's bloc) is the one whose vote decides it.

**Convention.** A *coalition* is a set of players who vote FOR; every other voting member
votes AGAINST; everyone is present and nobody abstains. A coalition *wins* when the board
would record the proposal as carried: the board's quorum (always the same, as everyone is
present) and its rule are met. An equality of votes counts as not carried: a casting vote
belongs to whoever chairs, and this analysis assumes no chair. Players are the board's
voting members (``by="member"``) or each authority's members voting together as one bloc
(``by="authority"``). Vacant seats stay vacant; non-voting members never count.

- The **Banzhaf index** of a player is the number of coalitions of the *other* players
  that the player's vote turns from losing to winning (its *swings*), normalised so the
  indices sum to 1. :attr:`PowerIndex.absolute` gives swings / 2^(n-1) instead: the
  chance the player decides the question when everyone else votes at random.
- The **Shapley–Shubik index** is the share of the n! orders of joining in which the
  player is *pivotal*: the one whose arrival first makes the coalition win.

**Methods** (all exact, with :class:`~fractions.Fraction` results, unless Monte Carlo is
asked for):

- A rule that depends only on how many players vote for and their total weight
  (:class:`~sharegov.rules.Weighted`; :class:`~sharegov.rules.DoubleMajority` with
  authorities as players; head counts such as :class:`~sharegov.rules.AtLeast` or
  :class:`~sharegov.rules.Majority`; and any ``AllOf``/``AnyOf``/``FirstOf`` of them) is
  counted by dynamic programming over coalition weight: the generating function
  ``prod(1 + x^w)`` (with a size variable where the rule counts heads) truncated below
  the quota, from which each player's own factor is divided out rather than recomputing
  it for every player. Banzhaf takes O(n·q) array operations and Shapley–Shubik O(n²·q),
  with q the quota in units of the weights' greatest common divisor; the table is
  limited to :data:`MAX_TABLE_CELLS` cells.
- Any other rule (such as "consensus, else at least 2 in support from each authority")
  is compiled to numpy operations and evaluated on all 2^n coalitions at once, for up to
  :data:`MAX_EXACT_PLAYERS` players.
- Past those limits, ``method="monte-carlo"`` estimates the indices from random
  coalitions (Banzhaf) or random orders (Shapley–Shubik). The number of samples comes
  from Hoeffding's inequality with a union bound over the players, so that every
  estimate is within ``tolerance`` of the exact value, all at once, with probability at
  least ``confidence``. It is seeded and reproducible. Without it, a board past the
  limits raises :class:`~sharegov.errors.LimitExceeded` saying what to do instead.

numpy is needed (the ``simulate`` extra); it is imported when a function here is called.

Examples:
    The Bromsgrove–Redditch board (seed 001): "consensus, else at least 2 councillors
    from each authority in support".

    >>> from sharegov import power
    >>> from sharegov.reference import bromsgrove_redditch_board
    >>> board = bromsgrove_redditch_board()
    >>> banzhaf = power.banzhaf(board)
    >>> set(banzhaf.values())
    {Fraction(1, 6)}
    >>> power.shapley_shubik(board, by="authority")["RBC"]
    Fraction(1, 2)
    >>> print(power.veto_players(board, by="authority").explain())
    Each authority's bloc is a veto player: without it no proposal can carry (BDC, RBC).
    >>> print(power.minimal_blocking(board).explain().splitlines()[0])
    Any 2 members from one authority can block a proposal (6 minimal blocking coalitions).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from sharegov import _compiled, rules
from sharegov._compiled import CARRIED, Cast, Roster
from sharegov._optional import require
from sharegov._words import plural
from sharegov.errors import (
    InvalidRule,
    InvalidValue,
    InvalidVote,
    LimitExceeded,
    MissingExtra,
    expected,
)
from sharegov.rules import Vote

if TYPE_CHECKING:
    from sharegov.boards import Board, Status, Unlisted

__all__ = [
    "MAX_EXACT_PLAYERS",
    "MAX_SAMPLES",
    "MAX_TABLE_CELLS",
    "MAX_TABLE_WORK",
    "BatchOutcome",
    "Cast",
    "Coalitions",
    "Coleman",
    "InvalidUnions",
    "PowerIndex",
    "Sensitivity",
    "VetoPlayers",
    "banzhaf",
    "banzhaf_owen",
    "coleman",
    "decide_batch",
    "encode",
    "minimal_blocking",
    "minimal_winning",
    "monte_carlo_samples",
    "owen",
    "penrose",
    "sensitivity",
    "shapley_shubik",
    "symmetric_coalitional_banzhaf",
    "veto_players",
    "with_threshold",
]

#: Exact enumeration covers boards of up to this many players (2^25 coalitions).
MAX_EXACT_PLAYERS = 25
#: The counting table of a weighted or (size, weight) rule holds at most this many cells.
MAX_TABLE_CELLS = 2**25
#: Exact counting by table does at most this much work: cells visited, times 256 where
#: counts outgrow int64 (more than 56 players) and Python integers do the arithmetic.
MAX_TABLE_WORK = 2**32
#: Monte Carlo draws at most this many samples; ask for a looser tolerance past it.
MAX_SAMPLES = 10**8
#: Minimal coalitions are listed up to this many unless ``limit=`` says otherwise.
MAX_COALITIONS = 100_000

By = Literal["member", "authority"]
Method = Literal["auto", "enumerate", "monte-carlo"]

CONVENTION = (
    "Convention: a coalition votes for and every other voting member against, everyone "
    "present; an equality of votes counts as not carried."
)


PREVENT = "Coleman's power to prevent"
INITIATE = "Coleman's power to initiate"


def _np() -> Any:
    return require("numpy", "simulate")


# ---------------------------------------------------------------------------------------------
# The game: players, and which coalitions win
# ---------------------------------------------------------------------------------------------


class _Game:
    """A board seen as a simple game: its players and a vectorised test of coalitions."""

    def __init__(self, board: Board, by: str) -> None:
        if by not in ("member", "authority"):
            raise InvalidValue(expected("by", "'member' or 'authority'", by))
        self.board = board
        self.by = by
        self.layout = layout = Roster(board)
        if by == "member":
            self.players: tuple[str, ...] = layout.members
            names = {m.id: m.name for m in board.members}
            self.labels = tuple(f"{names[m]}, {layout.authority_of[m]}" for m in layout.members)
            self.blocs: tuple[tuple[int, ...], ...] = tuple((i,) for i in range(len(self.players)))
        else:
            self.players = layout.codes
            self.labels = layout.codes
            self.blocs = tuple(layout.columns[c] for c in layout.codes)
        self.n = len(self.players)
        self.player_of = [0] * len(layout.members)
        for p, cols in enumerate(self.blocs):
            for col in cols:
                self.player_of[col] = p
        self.rule = board.rule
        self.quorate = True
        if board.quorum is not None:
            everyone = layout.tally([int(Cast.FOR)] * len(layout.members))
            self.quorate = bool(board.quorum.evaluate(everyone).carried)

    def wins(self, bits: Any) -> Any:
        """Which coalitions win, for a (coalitions x players) boolean matrix."""
        np = _np()
        if not self.quorate:
            return np.zeros(len(bits), dtype=bool)
        member_for = bits[:, self.player_of]
        state = np.where(member_for, np.int8(Cast.FOR), np.int8(Cast.AGAINST))
        return _compiled.verdicts(self.rule, np, self.layout, state) == CARRIED

    def win_table(self) -> Any:
        """``win[mask]`` for every coalition; bit ``i`` of ``mask`` is player ``i``."""
        np = _np()
        n = self.n
        total = 1 << n
        win = np.empty(total, dtype=bool)
        chunk = 1 << 16
        shifts = np.arange(n, dtype=np.int64)
        for start in range(0, total, chunk):
            masks = np.arange(start, min(start + chunk, total), dtype=np.int64)
            bits = ((masks[:, None] >> shifts) & 1).astype(bool)
            win[start : start + len(masks)] = self.wins(bits)
        return win

    def describe(self) -> str:
        return self.rule.describe()

    def index(
        self, title: str, scores: tuple[Fraction | float, ...], method: str, **extra: Any
    ) -> PowerIndex:
        """A :class:`PowerIndex` of this game's players (``extra``: its optional fields)."""
        return PowerIndex(
            title,
            self.board.name,
            self.describe(),
            self.by,
            self.players,
            self.labels,
            scores,
            method,
            **extra,
        )


_ESTIMATE = (
    "estimate power instead with method='monte-carlo', tolerance=0.01, confidence=0.95, seed=..."
)


def _check_enumerable(game: _Game, what: str, instead: str = _ESTIMATE) -> None:
    if game.n > MAX_EXACT_PLAYERS:
        raise LimitExceeded(
            f"{what} for {game.n} players under {game.describe()!r} needs all 2^{game.n} "
            f"coalitions, past the limit of {MAX_EXACT_PLAYERS} players (2^{MAX_EXACT_PLAYERS}); "
            f"{instead}"
        )


# ---------------------------------------------------------------------------------------------
# Exact counting: marginal contributions by coalition size
# ---------------------------------------------------------------------------------------------
# margins[i][s] = #{S without i, |S| = s : S + i wins} - #{S without i, |S| = s : S wins}.
# Banzhaf swings are sum_s margins[i][s]; Shapley–Shubik is sum_s margins[i][s] s!(n-1-s)!/n!.


def _margins_by_enumeration(game: _Game) -> list[list[int]]:
    np = _np()
    n = game.n
    win = game.win_table()
    size = np.zeros(1, dtype=np.uint8)
    for _ in range(n):
        size = np.concatenate([size, size + 1])
    winners = np.bincount(size[win], minlength=n + 2)
    out = []
    for i in range(n):
        w3 = win.reshape(-1, 2, 1 << i)[:, 1, :]
        s3 = size.reshape(-1, 2, 1 << i)[:, 1, :]
        with_i = np.bincount(s3[w3], minlength=n + 2)
        out.append([int(with_i[s + 1]) - (int(winners[s]) - int(with_i[s])) for s in range(n)])
    return out


_SIZE_WEIGHT_LEAVES = (
    rules.Consensus,
    rules.Unanimity,
    rules.Majority,
    rules.AtLeast,
    rules.Quorum,
    rules.Weighted,
    rules.DoubleMajority,
)
_HEAD_COUNTS = (rules.Consensus, rules.Unanimity, rules.Majority, rules.AtLeast)


def _outer_rules(rule: rules.Rule) -> Iterator[rules.Rule]:
    """The rule and its parts, not descending into a double majority's ``within``."""
    yield rule
    if isinstance(rule, rules.AllOf | rules.AnyOf | rules.FirstOf):
        for sub in rule.rules:
            yield from _outer_rules(sub)


@attrs.frozen
class _SizeWeight:
    """A game in which a coalition of s players with total weight x wins iff x >= t[s]."""

    weights: tuple[int, ...]
    thresholds: tuple[int | None, ...]  # None: no coalition of that size wins

    @property
    def depth(self) -> int:
        return max([t for t in self.thresholds if t is not None] + [1])

    @property
    def sized(self) -> bool:
        return len(set(self.thresholds)) > 1


def _size_weight_form(game: _Game) -> _SizeWeight | None:
    """Express the game as a (size, weight) threshold game, or None if it is not one."""
    layout = game.layout
    parts = list(_outer_rules(game.rule))
    if any(
        type(r) not in (*_SIZE_WEIGHT_LEAVES, rules.AllOf, rules.AnyOf, rules.FirstOf)
        for r in parts
    ):
        return None
    vector: tuple[Fraction, ...] | None = None
    for part in parts:
        if isinstance(part, rules.Weighted):
            vec = tuple(
                sum(
                    (
                        part.weight_of(layout.members[c], layout.authority_of[layout.members[c]])
                        for c in bloc
                    ),
                    Fraction(0),
                )
                for bloc in game.blocs
            )
        elif isinstance(part, rules.DoubleMajority):
            if not _double_majority_ready(game, part):
                return None
            vec = tuple(
                Fraction(layout.population[_bloc_authority(game, p)]) for p in range(game.n)
            )
        else:
            continue
        if vector is None:
            vector = vec
        elif vec != vector:
            return None
    if vector is None:
        vector = (Fraction(0),) * game.n
    heads = {len(b) for b in game.blocs}
    if any(isinstance(p, _HEAD_COUNTS) for p in parts) and len(heads) != 1:
        return None
    k = heads.pop() if len(heads) == 1 else 0
    total = sum(vector, Fraction(0))
    candidates = sorted({Fraction(0)} | {c for p in parts for c in _thresholds(game, p)})
    candidates = [c for c in candidates if c <= total]

    def first_winning(s: int) -> Fraction | None:
        for x in candidates:
            if _sw_verdict(game, game.rule, s * k, s, x) == CARRIED:
                return x
        return None

    found = [first_winning(s) for s in range(game.n + 1)]
    scale = math.lcm(*(v.denominator for v in vector), *(t.denominator for t in found if t))
    ints = [int(v * scale) for v in vector]
    g = math.gcd(*ints) or 1
    return _SizeWeight(
        tuple(w // g for w in ints),
        tuple(None if t is None else max(0, -(-t * scale // g)) for t in found),
    )


def _bloc_authority(game: _Game, p: int) -> str:
    return game.layout.authority_of[game.layout.members[game.blocs[p][0]]]


def _double_majority_ready(game: _Game, rule: rules.DoubleMajority) -> bool:
    """Whether each player is exactly one authority's bloc, whose vote decides whether the
    authority is in favour: then the double majority depends only on (size, population)."""
    layout = game.layout
    if game.n != len(layout.codes) or any(not b for b in game.blocs):
        return False
    if [_bloc_authority(game, p) for p in range(game.n)] != list(layout.codes):
        return False
    if any(len(b) != len(layout.columns[c]) for b, c in zip(game.blocs, layout.codes, strict=True)):
        return False
    if any(c not in layout.population for c in layout.codes):
        return False
    for code in layout.codes:
        for cast, want in ((Cast.FOR, True), (Cast.AGAINST, False)):
            tally = layout.tally([int(cast)] * len(layout.members)).by_authority(code)
            if bool(rule.within.evaluate(tally).carried) is not want:
                return False
    return True


def _thresholds(game: _Game, rule: rules.Rule) -> list[Fraction]:
    if isinstance(rule, rules.Weighted):
        return [rule.quota]
    if isinstance(rule, rules.DoubleMajority):
        total = sum(game.layout.population[c] for c in game.layout.codes)
        return [rule.population * total]
    return []


class _Coalition(rules.Scope):
    """A coalition of a (size, weight) game as a :class:`~sharegov.rules.Scope`: every
    member present, ``heads`` of them in support and the rest against, total weight ``x``
    over ``s`` players; a double majority's authorities in favour are the ``s`` players."""

    __slots__ = ("_game", "_s", "_x", "abstain", "against", "present", "seats", "support")

    def __init__(self, game: _Game, heads: int, s: int, x: Fraction) -> None:
        layout = game.layout
        members = len(layout.members)
        self.support, self.against, self.abstain = heads, members - heads, 0
        self.present, self.seats = members, sum(layout.seats.values())
        self._game, self._s, self._x = game, s, x

    def parts(self) -> list[rules.Scope]:
        # Only a quorum's per-authority test reads the parts: everyone is present.
        layout = self._game.layout
        return [
            rules.Minuted({}, present=len(layout.columns[c]), seats=layout.seats[c], code=c)
            for c in layout.codes
        ]

    def weight(self, rule: rules.Weighted) -> tuple[Any, int]:
        return self._x, 1

    def in_favour(self, rule: rules.DoubleMajority, k: rules.Ops) -> tuple[Any, Any, int, int]:
        layout = self._game.layout
        total = sum(layout.population[c] for c in layout.codes)
        return self._s, self._x, len(layout.codes), total


def _sw_verdict(game: _Game, rule: rules.Rule, heads: int, s: int, x: Fraction) -> int:
    """A rule's verdict for a coalition of ``s`` players, ``heads`` members, weight ``x``:
    the rule's own definition, asked of the coalition's numbers."""
    code: int = rules.code_of(rule, _Coalition(game, heads, s, x), rules.SCALAR)
    return code


def _dtype(np: Any, n: int) -> Any:
    # Coalition counts are at most 2^n and the alternating sums below add up to n of them:
    # int64 is exact while n * 2^n < 2^63; past that, Python ints in object arrays.
    return np.int64 if n <= 56 else object


def _swings_weighted(form: _SizeWeight) -> list[int]:
    """Banzhaf swings of a weighted game (one quota for every size).

    The generating function P = prod(1 + x^w_j), truncated below the quota t, is built
    once (O(n·t)). A player's swings are the coefficients of P / (1 + x^w_i) on [t - w_i,
    t). The quotient's coefficients are c[x] = P[x] - c[x - w_i] = sum_k (-1)^k P[x - k
    w_i], so a prefix sum of the quotient is an alternating sum of prefix sums of P taken
    every w_i steps: O(t / w_i) per player, with no per-player pass over the table.
    """
    np = _np()
    w = form.weights
    n = len(w)
    t = form.thresholds[0]
    if t is None or t == 0:
        return [0] * n
    cum = np.zeros(t + 1, dtype=_dtype(np, n))
    poly = cum[1:]
    poly[0] = 1
    for wk in w:
        if wk < t:
            poly[wk:] += poly[: t - wk]
    np.cumsum(poly, out=poly)  # cum[b] = sum_{x < b} P[x]

    def below(a: int, wi: int) -> int:
        # sum_{x < a} of P / (1 + x^wi)
        if a <= 0:
            return 0
        values = cum[np.arange(a, 0, -wi)]
        return int(values[0::2].sum()) - int(values[1::2].sum())

    return [0 if wi == 0 else below(t, wi) - below(t - wi, wi) for wi in w]


def _margins_by_table(form: _SizeWeight) -> list[list[int]]:
    """Marginal counts by coalition size from a (size x weight) table.

    table[s, x] counts coalitions of s players with weight x (x below the largest
    threshold), built in O(n²·q). Dividing out player i's factor (1 + y x^w_i) gives
    c_i[s, x] = sum_k (-1)^k table[s - k, x - k w_i], so each prefix sum of c_i is an
    alternating sum of n prefix sums of the table: O(n²) lookups per player.
    """
    np = _np()
    w = form.weights
    n = len(w)
    t = form.thresholds
    depth = form.depth
    dtype = _dtype(np, n)
    # Column 0 stays zero; columns 1.. hold the table, then (in place) its prefix sums.
    cum = np.zeros((n + 1, depth + 1), dtype=dtype)
    table = cum[:, 1:]
    table[0, 0] = 1
    for k, wk in enumerate(w):
        if wk < depth:
            table[1 : k + 2, wk:] += table[0 : k + 1, : depth - wk]
    np.cumsum(table, axis=1, out=table)
    binom = np.array([math.comb(n - 1, s) for s in range(n)], dtype=dtype)
    sizes = np.arange(n)[:, None]
    steps = np.arange(n)[None, :]
    valid = steps <= sizes
    rows = np.where(valid, sizes - steps, 0)
    sign = np.where(steps % 2 == 0, 1, -1)

    def at_least(limits: list[int | None], wi: int) -> Any:
        # For each size s < n: coalitions of the others with s players and weight >= limit.
        reach = np.array([depth + 1 if a is None else max(a, 0) for a in limits])
        cols = np.clip(reach[:, None] - steps * wi, 0, depth)
        below = np.where(valid, cum[rows, cols] * sign, 0).sum(axis=1)
        none = np.array([a is None for a in limits])
        return np.where(none, 0, binom - below)

    by_weight: dict[int, list[int]] = {}  # players of equal weight have equal margins
    for wi in dict.fromkeys(w):
        joined = at_least([None if x is None else x - wi for x in t[1:]], wi)
        alone = at_least(list(t[:-1]), wi)
        by_weight[wi] = [int(v) for v in joined - alone]
    return [list(by_weight[wi]) for wi in w]


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def _pct(value: Fraction | float) -> str:
    return f"{float(value) * 100:.1f}%"


_NUMBERS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_PART_NAMES = ["half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def _count_words(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def _share_words(value: Fraction | float) -> str:
    """A share in words where it is a simple fraction ("a third", "two fifths"), else a
    percentage.

    Examples:
        >>> [_share_words(Fraction(1, k)) for k in (1, 2, 3, 8)]
        ['all of it', 'a half', 'a third', 'an eighth']
        >>> _share_words(Fraction(2, 3)), _share_words(Fraction(3, 11))
        ('two thirds', '27.3%')
    """
    if value == 0:
        return "none"
    if isinstance(value, Fraction) and 0 < value <= 1:
        num, den = value.numerator, value.denominator
        if den == 1:
            return "all of it"
        if den - 2 < len(_PART_NAMES):
            name = _PART_NAMES[den - 2]
            if num == 1:
                return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
            many = "halves" if den == 2 else name + "s"
            return f"{_count_words(num)} {many}"
    return _pct(value)


def _show(value: Fraction | float) -> str:
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else str(value.numerator)
    return f"{value:.4f}"


@attrs.frozen(eq=False)
class PowerIndex(Mapping[str, Fraction | float]):
    """A power index for every player: a mapping of player id to index, which explains itself.

    It compares equal to a plain dict with the same items.

    Attributes:
        index: ``"Banzhaf"`` or ``"Shapley–Shubik"``.
        board: The board's name.
        rule: The rule in plain English.
        by: ``"member"`` or ``"authority"``.
        players: Player ids (member ids or authority codes), in board order.
        labels: Players as named in minutes.
        scores: The index of each player: ``Fraction`` when exact, ``float`` when estimated.
        swings: Banzhaf only, exact only: coalitions of the others each player turns from
            losing to winning.
        method: How it was computed, in words.
        samples: Monte Carlo only: how many random coalitions or orders were drawn.
        tolerance: Monte Carlo only: the stated half-width of each estimate.
        confidence: Monte Carlo only: the probability that every estimate is that close.
        seed: Monte Carlo only: the seed, for reproducing the estimate.
        absolute_values: Banzhaf only: the unnormalised index, swings / 2^(n-1) (for Monte
            Carlo, the estimate the tolerance applies to); for the Banzhaf–Owen and
            symmetric coalitional Banzhaf indices, the raw (unnormalised) value.
        unions: Bloc indices only: the a priori unions, each a tuple of member ids.
        union_names: Bloc indices only: each union's name (an authority code, or its
            members joined by "+").
    """

    index: str
    board: str
    rule: str
    by: str
    players: tuple[str, ...]
    labels: tuple[str, ...]
    scores: tuple[Fraction | float, ...]
    method: str
    swings: tuple[int, ...] | None = None
    absolute_values: tuple[Fraction | float, ...] | None = None
    samples: int | None = None
    tolerance: float | None = None
    confidence: float | None = None
    seed: int | None = None
    unions: tuple[tuple[str, ...], ...] | None = None
    union_names: tuple[str, ...] | None = None

    def __getitem__(self, player: str) -> Fraction | float:
        try:
            return self.scores[self.players.index(player)]
        except ValueError:
            raise KeyError(player) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.players)

    def __len__(self) -> int:
        return len(self.players)

    @property
    def exact(self) -> bool:
        """Whether the values are exact (``Fraction``) rather than estimates."""
        return self.samples is None

    @property
    def absolute(self) -> dict[str, Fraction | float]:
        """Banzhaf only: each player's chance of deciding the question when the others vote
        at random (swings / 2^(n-1)); for the Banzhaf–Owen and symmetric coalitional
        Banzhaf indices, the raw value before normalising."""
        if self.absolute_values is None:
            raise InvalidValue(expected("index", "a Banzhaf-type index", self.index))
        return dict(zip(self.players, self.absolute_values, strict=True))

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(player, label, index, percent) per player, for tables."""
        return [
            (p, label, _show(v), _pct(v))
            for p, label, v in zip(self.players, self.labels, self.scores, strict=True)
        ]

    def headline(self) -> str:
        """The first line of :meth:`explain`."""
        who = "each member" if self.by == "member" else "each authority's bloc"
        blocs = f", in {plural(len(self.unions), 'bloc')}" if self.unions is not None else ""
        return (
            f"{self.index} power of {who}{blocs} on {self.board} under {self.rule!r} "
            f"({self.method})"
        )

    def observations(self) -> list[str]:
        """What the numbers say, in sentences."""
        notes: list[str] = []
        values = self.scores
        if all(v == 0 for v in values):
            return ["No coalition can carry a proposal, so nobody has any power."]
        if len(set(values)) == 1:
            notes.append(
                "Every member has equal power."
                if self.by == "member"
                else "Every authority's bloc has equal power."
            )
        null = [label for label, v in zip(self.labels, values, strict=True) if v == 0]
        if null and self.exact:
            notes.append(f"No power at all (never decides the question): {', '.join(null)}.")
        top = [label for label, v in zip(self.labels, values, strict=True) if v == 1]
        if top and self.exact and self.index == PREVENT:
            notes.append(f"Can block every proposal alone (veto players): {', '.join(top)}.")
        elif top and self.exact and self.index != INITIATE:
            notes.append(f"{top[0]} decides every question alone.")
        notes.extend(self.bloc_observations())
        return notes

    def bloc_power(self) -> dict[str, Fraction | float]:
        """Bloc indices only: each union's share of the power (its members' indices added
        up, as a share of everyone's), keyed by union name."""
        if self.unions is None or self.union_names is None:
            raise InvalidValue(expected("index", "an index with a priori unions", self.index))
        total = sum(self.scores, Fraction(0))
        out: dict[str, Fraction | float] = {}
        for name, union in zip(self.union_names, self.unions, strict=True):
            part = sum((self[p] for p in union), Fraction(0))
            out[name] = part / total if total else Fraction(0)
        return out

    def bloc_observations(self) -> list[str]:
        """Bloc indices only: each union's share, and how it is shared within, in words
        ("RBC's three members hold 50% of the bloc power; within RBC each holds a third")."""
        if self.unions is None or self.union_names is None:
            return []
        notes = []
        shares = self.bloc_power()
        label = dict(zip(self.players, self.labels, strict=True))
        for name, union in zip(self.union_names, self.unions, strict=True):
            share = shares[name]
            people = "one member" if len(union) == 1 else f"{_count_words(len(union))} members"
            verb = "holds" if len(union) == 1 else "hold"
            if share == 0:
                notes.append(f"{name}'s {people} {verb} no bloc power.")
                continue
            text = f"{name}'s {people} {verb} {_pct(share)} of the bloc power"
            if len(union) > 1:
                part = sum((self[p] for p in union), Fraction(0))
                within = [self[p] / part for p in union]
                if len(set(within)) == 1:
                    text += f"; within {name} each holds {_share_words(within[0])}"
                else:
                    text += f"; within {name}: " + ", ".join(
                        f"{label[p]} {_share_words(w)}" for p, w in zip(union, within, strict=True)
                    )
            notes.append(text + ".")
        return notes

    def explain(self) -> str:
        """The indices and what they mean, in words fit for a report; deterministic."""
        width = max(len(label) for label in self.labels)
        lines = [self.headline() + ":"]
        for label, v, k in zip(
            self.labels, self.scores, self.swings or (None,) * len(self.scores), strict=True
        ):
            extra = f"  ({plural(k, 'swing')})" if k is not None else ""
            lines.append(f"  {label:<{width}}  {_show(v):>9}  {_pct(v):>6}{extra}")
        lines.extend(self.observations())
        if not self.exact:
            lines.append(
                f"Estimated from {self.samples:,} samples (seed {self.seed}): each "
                f"{'absolute Banzhaf index' if self.index == 'Banzhaf' else 'index'} is within "
                f"±{self.tolerance} of the exact value, all at once, with probability at least "
                f"{self.confidence} (Hoeffding's inequality)."
            )
        lines.append(CONVENTION)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        body = "".join(
            f"<tr><td>{esc(label)}</td><td>{esc(value)}</td><td>{esc(pct)}</td></tr>"
            for _, label, value, pct in self.rows()
        )
        notes = "".join(f"<li>{esc(n)}</li>" for n in self.observations())
        return (
            f"<div><p><strong>{esc(self.headline())}</strong></p>"
            f"<table><thead><tr><th>{esc(self.by.title())}</th><th>{esc(self.index)}</th>"
            f"<th>%</th></tr></thead><tbody>{body}</tbody></table>"
            f"<ul>{notes}<li>{esc(CONVENTION)}</li></ul></div>"
        )


# ---------------------------------------------------------------------------------------------
# The indices
# ---------------------------------------------------------------------------------------------


def monte_carlo_samples(players: int, *, tolerance: float, confidence: float) -> int:
    """Samples needed so every one of ``players`` estimates of a probability is within
    ``tolerance``, all at once, with probability at least ``confidence``.

    Hoeffding's inequality bounds each estimate's miss by ``2 exp(-2 m tolerance²)``; a
    union bound over the players gives ``m = ceil(ln(2 players / (1 - confidence)) /
    (2 tolerance²))``.

    Examples:
        >>> monte_carlo_samples(30, tolerance=0.01, confidence=0.95)
        35451
    """
    if not isinstance(tolerance, float | int) or not 0 < tolerance < 1:
        raise InvalidValue(expected("tolerance", "a number in (0, 1)", tolerance))
    if not isinstance(confidence, float | int) or not 0 < confidence < 1:
        raise InvalidValue(expected("confidence", "a number in (0, 1)", confidence))
    spread = 2 * tolerance**2  # 0.0 for a tolerance such as 1e-300
    samples = math.log(2 * players / (1 - confidence)) / spread if spread else math.inf
    if samples > MAX_SAMPLES:
        least = 1.05 * math.sqrt(math.log(2 * players / (1 - confidence)) / (2 * MAX_SAMPLES))
        raise LimitExceeded(
            f"tolerance: {tolerance!r} needs about {samples:.3g} samples for {players} players, "
            f"past the limit of {MAX_SAMPLES:,}; ask for tolerance >= {least:.2g} (at this "
            "confidence), or a lower confidence"
        )
    return math.ceil(samples)


def _check_method(method: str) -> None:
    if method not in ("auto", "enumerate", "monte-carlo"):
        raise InvalidValue(expected("method", "'auto', 'enumerate' or 'monte-carlo'", method))


def _exact_margins(game: _Game, method: str, *, sized: bool) -> tuple[list[list[int]], str]:
    if not game.quorate:
        return [[0] * game.n for _ in range(game.n)], "exact: the quorum cannot be met"
    if method == "auto":
        form = _size_weight_form(game)
        if form is not None:
            cells = form.depth * (game.n + 1 if sized or form.sized else 1)
            work = _table_work(form, game.n, cells, sized=sized)
            if cells <= MAX_TABLE_CELLS and work <= MAX_TABLE_WORK:
                if not (sized or form.sized):
                    # Banzhaf needs only the total margin: one row per player.
                    return [[k] for k in _swings_weighted(form)], _table_words(form)
                return _margins_by_table(form), _table_words(form)
            if game.n > MAX_EXACT_PLAYERS:
                raise LimitExceeded(
                    f"exact power for {game.n:,} players under {game.describe()!r} needs a "
                    f"counting table of {cells:,} cells and about {work:,} steps, past the "
                    f"limits of {MAX_TABLE_CELLS:,} cells and {MAX_TABLE_WORK:,} steps: give "
                    "the weights in coarser units (e.g. populations in thousands), or estimate "
                    "with method='monte-carlo', tolerance=0.01, confidence=0.95, seed=..."
                )
    _check_enumerable(game, "exact power")
    return _margins_by_enumeration(game), f"exact, by enumerating all {2**game.n:,} coalitions"


def _table_work(form: _SizeWeight, n: int, cells: int, *, sized: bool) -> int:
    """The work of counting by table: building it (each player passes over every cell),
    then n² lookups for each distinct weight, and for Shapley–Shubik n² products."""
    if not (sized or form.sized):
        work = 2 * n * cells
    else:
        work = n * cells + 2 * len(set(form.weights)) * n * n + (n * n if sized else 0)
    return work * (256 if n > 56 else 1)


def _table_words(form: _SizeWeight) -> str:
    kind = "size and weight" if form.sized else "weight"
    return f"exact, by counting coalitions by {kind}"


def banzhaf(
    board: Board,
    *,
    by: By = "member",
    method: Method = "auto",
    tolerance: float = 0.01,
    confidence: float = 0.95,
    seed: int | None = None,
) -> PowerIndex:
    """The normalised Banzhaf index of every voting member (or every authority's bloc).

    Args:
        board: The board.
        by: ``"member"`` or ``"authority"`` (each authority's members vote as one bloc).
        method: ``"auto"`` (exact: the fastest exact method that applies),
            ``"enumerate"`` (exact, by enumerating every coalition) or ``"monte-carlo"``.
        tolerance: Monte Carlo only: the half-width for each absolute Banzhaf index.
        confidence: Monte Carlo only: the probability that every estimate is that close.
        seed: Monte Carlo only: the random seed (required there, for reproducibility).

    Returns:
        A :class:`PowerIndex`: a mapping of player id to index, with ``explain()``.

    Raises:
        LimitExceeded: The board is past the exact limits and Monte Carlo was not asked for.

    Examples:
        The Council of Ministers of the EEC, 1958 (weights 4, 4, 4, 2, 2, 1; quota 12):

        >>> from sharegov import Authority, Board, Member, rules
        >>> codes = ["DE", "FR", "IT", "BE", "NL", "LU"]
        >>> eec = Board("Council of Ministers",
        ...     authorities=[Authority(c, c) for c in codes], seats=dict.fromkeys(codes, 1),
        ...     members=[Member(c.lower(), c, c) for c in codes],
        ...     rule=rules.Weighted(dict(zip(codes, [4, 4, 4, 2, 2, 1])), quota=12))
        >>> [str(v) for v in banzhaf(eec, by="authority").values()]
        ['5/21', '5/21', '5/21', '1/7', '1/7', '0']
    """
    _check_method(method)
    game = _Game(board, by)
    if method == "monte-carlo":
        return _banzhaf_monte_carlo(game, tolerance, confidence, seed)
    margins, words = _exact_margins(game, method, sized=False)
    swings = [sum(m) for m in margins]
    total = sum(swings)
    values = tuple(Fraction(s, total) if total else Fraction(0) for s in swings)
    return game.index(
        "Banzhaf",
        values,
        words,
        swings=tuple(swings),
        absolute_values=tuple(Fraction(s, 2 ** (game.n - 1)) for s in swings),
    )


def shapley_shubik(
    board: Board,
    *,
    by: By = "member",
    method: Method = "auto",
    tolerance: float = 0.01,
    confidence: float = 0.95,
    seed: int | None = None,
) -> PowerIndex:
    """The Shapley–Shubik index of every voting member (or every authority's bloc).

    Arguments as for :func:`banzhaf`; for Monte Carlo the tolerance applies to each index.

    Examples:
        The UN Security Council since 1965: 9 of 15 votes, with all 5 permanent members (a
        weighted game with weights 7 and 1, quota 39). The published values are 421/2145
        for a permanent member and 4/2145 for an elected one:

        >>> from sharegov import Authority, Board, Member, rules
        >>> permanent = ["CN", "FR", "RU", "UK", "US"]
        >>> codes = permanent + [f"E{i}" for i in range(1, 11)]
        >>> unsc = Board("Security Council", authorities=[Authority(c, c) for c in codes],
        ...     seats=dict.fromkeys(codes, 1), members=[Member(c.lower(), c, c) for c in codes],
        ...     rule=rules.Weighted({c: 7 if c in permanent else 1 for c in codes}, quota=39))
        >>> index = shapley_shubik(unsc, by="authority")
        >>> str(index["US"]), str(index["E1"])
        ('421/2145', '4/2145')
    """
    _check_method(method)
    game = _Game(board, by)
    if method == "monte-carlo":
        return _shapley_monte_carlo(game, tolerance, confidence, seed)
    margins, words = _exact_margins(game, method, sized=True)
    n = game.n
    factor = [math.factorial(s) * math.factorial(n - 1 - s) for s in range(n)]
    whole = math.factorial(n)
    values = tuple(
        Fraction(sum(m * f for m, f in zip(row, factor, strict=True)), whole) for row in margins
    )
    return game.index("Shapley–Shubik", values, words)


def _monte_carlo_setup(
    game: _Game, tolerance: float, confidence: float, seed: int | None
) -> tuple[Any, int, dict[str, Any]]:
    """A generator seeded with ``seed`` (required, so the estimate can be reproduced), the
    number of samples for ``tolerance`` and ``confidence``, and the estimate's fields."""
    if seed is None or isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidValue(expected("seed", "an int seed, so the estimate can be reproduced", seed))
    samples = monte_carlo_samples(game.n, tolerance=tolerance, confidence=confidence)
    np = _np()
    rng = np.random.Generator(np.random.PCG64(seed))
    fields = {"samples": samples, "tolerance": tolerance, "confidence": confidence, "seed": seed}
    return rng, samples, fields


_CHUNK_ROWS = 1 << 14


def _banzhaf_monte_carlo(
    game: _Game, tolerance: float, confidence: float, seed: int | None
) -> PowerIndex:
    np = _np()
    rng, samples, fields = _monte_carlo_setup(game, tolerance, confidence, seed)
    n = game.n
    hits = np.zeros(n, dtype=np.int64)
    for start in range(0, samples, _CHUNK_ROWS):
        rows = min(_CHUNK_ROWS, samples - start)
        bits = rng.random((rows, n)) < 0.5
        for i in range(n):
            kept = bits[:, i].copy()
            bits[:, i] = True
            joined = game.wins(bits)
            bits[:, i] = False
            hits[i] += int(np.count_nonzero(joined & ~game.wins(bits)))
            bits[:, i] = kept
    absolute = tuple(float(h) / samples for h in hits)
    total = sum(absolute)
    return game.index(
        "Banzhaf",
        tuple(a / total if total else 0.0 for a in absolute),
        f"Monte Carlo estimate from {samples:,} random coalitions",
        absolute_values=absolute,
        **fields,
    )


def _shapley_monte_carlo(
    game: _Game, tolerance: float, confidence: float, seed: int | None
) -> PowerIndex:
    np = _np()
    rng, samples, fields = _monte_carlo_setup(game, tolerance, confidence, seed)
    n = game.n
    credit = np.zeros(n, dtype=np.int64)
    for start in range(0, samples, _CHUNK_ROWS):
        rows = min(_CHUNK_ROWS, samples - start)
        order = np.argsort(rng.random((rows, n)), axis=1)
        bits = np.zeros((rows, n), dtype=bool)
        before = game.wins(bits)
        index = np.arange(rows)
        for k in range(n):
            bits[index, order[:, k]] = True
            after = game.wins(bits)
            credit += np.bincount(
                order[:, k], weights=after.astype(np.int64) - before, minlength=n
            ).astype(np.int64)
            before = after
    return game.index(
        "Shapley–Shubik",
        tuple(float(c) / samples for c in credit),
        f"Monte Carlo estimate from {samples:,} random orders",
        **fields,
    )


# ---------------------------------------------------------------------------------------------
# Veto players and minimal coalitions
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class VetoPlayers:
    """The players without whose support no proposal can carry.

    Attributes:
        board: The board's name.
        by: ``"member"`` or ``"authority"``.
        players: Every player, in board order.
        labels: Players as named in minutes.
        vetoes: The veto players.
        possible: Whether any proposal can carry at all with the current members.
    """

    board: str
    by: str
    players: tuple[str, ...]
    labels: tuple[str, ...]
    vetoes: tuple[str, ...]
    possible: bool = True

    def explain(self) -> str:
        """The veto players in words; deterministic."""
        if not self.possible:
            return (
                f"No proposal can carry on {self.board} with its current members, even with "
                "everyone present and in support."
            )
        label = dict(zip(self.players, self.labels, strict=True))
        names = ", ".join(label[p] for p in self.vetoes)
        bloc = "member" if self.by == "member" else "authority's bloc"
        if not self.vetoes:
            return f"No single {bloc} can block a proposal on its own."
        if len(self.vetoes) == len(self.players) and len(self.players) > 1:
            who = "Each member" if self.by == "member" else "Each authority's bloc"
            return f"{who} is a veto player: without it no proposal can carry ({names})."
        return f"Veto players (without each of them no proposal can carry): {names}."

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.explain())}</p>"


def veto_players(board: Board, *, by: By = "member") -> VetoPlayers:
    """The players (members, or authorities' blocs) who can block any proposal alone.

    A player is a veto player when everyone else voting for, and the player against,
    does not carry. This needs one evaluation per player, at any board size.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> print(veto_players(bromsgrove_redditch_board()).explain())
        No single member can block a proposal on its own.
    """
    np = _np()
    game = _Game(board, by)
    bits = ~np.eye(game.n, dtype=bool)
    everyone = bool(game.wins(np.ones((1, game.n), dtype=bool))[0])
    wins = game.wins(bits)
    vetoes = tuple(p for p, w in zip(game.players, wins, strict=True) if not w) if everyone else ()
    return VetoPlayers(board.name, by, game.players, game.labels, vetoes, everyone)


@attrs.frozen
class Coalitions:
    """Minimal winning or minimal blocking coalitions, with a summary in words.

    A coalition is *winning* when its players voting for (everyone else against) carries;
    *blocking* when its players voting against (everyone else for) stops the proposal.
    It is *minimal* when no player in it can be left out.

    Attributes:
        kind: ``"winning"`` or ``"blocking"``.
        board: The board's name.
        by: ``"member"`` or ``"authority"``.
        players: Every player, in board order.
        labels: Players as named in minutes.
        groups: Each player's authority code (the player's own code when ``by="authority"``).
        coalitions: The minimal coalitions, each a tuple of player ids, smallest first.
    """

    kind: str
    board: str
    by: str
    players: tuple[str, ...]
    labels: tuple[str, ...]
    groups: tuple[str, ...]
    coalitions: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.coalitions)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.coalitions)

    def summary(self) -> list[str]:
        """The coalitions described by how many players they take from each authority."""
        verb = "carry" if self.kind == "winning" else "block"
        if not self.coalitions:
            return [f"No coalition can {verb} a proposal."]
        group_of = dict(zip(self.players, self.groups, strict=True))
        sizes = {g: self.groups.count(g) for g in dict.fromkeys(self.groups)}
        profiles: dict[tuple[tuple[str, int], ...], int] = {}
        for coalition in self.coalitions:
            counts: dict[str, int] = {}
            for p in coalition:
                counts[group_of[p]] = counts.get(group_of[p], 0) + 1
            key = tuple(sorted(counts.items(), key=lambda kv: list(sizes).index(kv[0])))
            profiles[key] = profiles.get(key, 0) + 1
        complete = {
            key: n
            for key, n in profiles.items()
            if n == math.prod(math.comb(sizes[g], c) for g, c in key)
        }
        lines: list[str] = []
        noun = "members" if self.by == "member" else "blocs"
        total = f"({plural(len(self.coalitions), f'minimal {self.kind} coalition')})"
        lengths = {len(c) for c in self.coalitions}
        if len(lengths) == 1 and len(self.coalitions) == math.comb(len(self.players), min(lengths)):
            k = lengths.pop()
            who = (
                ("member" if k == 1 else "members")
                if self.by == "member"
                else ("authority's bloc" if k == 1 else "authorities' blocs")
            )
            return [f"Any {k if k > 1 else 'one'} {who} can {verb} a proposal {total}."]
        single = [key for key in complete if len(key) == 1]
        counts_single = {key[0][1] for key in single}
        if (
            len(complete) == len(profiles)
            and single
            and len(single) == len(profiles)
            and len(counts_single) == 1
            and {key[0][0] for key in single}
            == {g for g, n in sizes.items() if n >= min(counts_single)}
            and len(sizes) > 1
        ):
            k = counts_single.pop()
            if self.by == "authority":
                return [f"Any one authority's bloc can {verb} a proposal {total}."]
            return [
                f"Any {k} {noun if k > 1 else 'member'} from one authority can "
                f"{verb} a proposal {total}."
            ]
        if self.by == "authority":
            label = dict(zip(self.players, self.labels, strict=True))
            lines.append(f"These authorities' blocs together can {verb} a proposal {total}:")
            lines.extend("  " + " and ".join(label[p] for p in c) for c in self.coalitions)
            return lines
        lines.append(f"These combinations can {verb} a proposal {total}:")
        for key, _ in profiles.items():
            if key in complete:
                parts = [f"{c} of {sizes[g]} from {g}" for g, c in key]
                lines.append("  any " + " and ".join(parts))
        label = dict(zip(self.players, self.labels, strict=True))
        for coalition in self.coalitions:
            counts = {}
            for p in coalition:
                counts[group_of[p]] = counts.get(group_of[p], 0) + 1
            key = tuple(sorted(counts.items(), key=lambda kv: list(sizes).index(kv[0])))
            if key not in complete:
                lines.append("  " + "; ".join(label[p] for p in coalition))
        return lines

    def explain(self) -> str:
        """The summary, then the convention; deterministic."""
        return "\n".join([*self.summary(), CONVENTION])

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in self.summary()[1:])
        head = html.escape(self.summary()[0])
        return f"<div><p>{head}</p><ul>{items}</ul></div>"


def _minimal(np: Any, good: Any, n: int) -> Any:
    """Which coalitions are good while every coalition one player smaller is not."""
    minimal = good.copy()
    for i in range(n):
        view = minimal.reshape(-1, 2, 1 << i)
        view[:, 1, :] &= ~good.reshape(-1, 2, 1 << i)[:, 0, :]
    return minimal


def _coalitions(board: Board, by: str, kind: str, limit: int) -> Coalitions:
    np = _np()
    game = _Game(board, by)
    instead = (
        "list them by='authority' (one player per authority's bloc), or see each member's "
        "power with banzhaf(board, method='monte-carlo', tolerance=0.01, seed=...)"
    )
    _check_enumerable(game, f"minimal {kind} coalitions", instead)
    win = game.win_table()
    good = win if kind == "winning" else ~win[::-1]
    masks = np.flatnonzero(_minimal(np, good, game.n))
    if len(masks) > limit:
        raise LimitExceeded(
            f"{board.name} has {len(masks):,} minimal {kind} coalitions, past limit={limit:,}; "
            "pass a larger limit= to list them all"
        )
    found = [tuple(p for i, p in enumerate(game.players) if m >> i & 1) for m in masks.tolist()]
    order = {p: i for i, p in enumerate(game.players)}
    found.sort(key=lambda c: (len(c), [order[p] for p in c]))
    layout = game.layout
    groups = tuple(layout.authority_of[m] for m in game.players) if by == "member" else game.players
    return Coalitions(kind, board.name, by, game.players, game.labels, groups, tuple(found))


def minimal_winning(board: Board, *, by: By = "member", limit: int = MAX_COALITIONS) -> Coalitions:
    """The smallest sets of players that carry a proposal by voting for it together.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> winning = minimal_winning(bromsgrove_redditch_board())
        >>> for line in winning.summary():
        ...     print(line)
        These combinations can carry a proposal (9 minimal winning coalitions):
          any 2 of 3 from BDC and 2 of 3 from RBC
    """
    return _coalitions(board, by, "winning", limit)


def minimal_blocking(board: Board, *, by: By = "member", limit: int = MAX_COALITIONS) -> Coalitions:
    """The smallest sets of players that stop a proposal by voting against it together.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> blocking = minimal_blocking(bromsgrove_redditch_board(), by="authority")
        >>> print(blocking.summary()[0])
        Any one authority's bloc can block a proposal (2 minimal blocking coalitions).
        >>> blocking.coalitions
        (('BDC',), ('RBC',))
    """
    return _coalitions(board, by, "blocking", limit)


# ---------------------------------------------------------------------------------------------
# Batch evaluation
# ---------------------------------------------------------------------------------------------


def encode(
    board: Board,
    votes: Mapping[str, Vote | str],
    *,
    present: Iterable[str] = (),
    apologies: Iterable[str] = (),
    absent: Iterable[str] = (),
    excluded: Iterable[str] = (),
    unlisted: Unlisted | None = None,
) -> list[int]:
    """One record of votes and attendance as a row of :class:`Cast` codes, in the order of
    ``board.voting_members`` (checked as :meth:`~sharegov.boards.Board.decide` checks it:
    every voting member on record, unless ``unlisted`` says otherwise; apologies are coded
    as absent).

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> encode(bromsgrove_redditch_board(), {"hollingworth": "for", "hall": "against"},
        ...        present={"luck", "gandy", "mcmillan"}, apologies={"webb"})
        [1, 0, 4, 0, 2, 0]
    """
    tally = board.tally(
        votes,
        present=present,
        apologies=apologies,
        absent=absent,
        excluded=excluded,
        unlisted=unlisted,
    )
    return _compiled.encode(
        Roster(board), dict(tally.votes), set(tally.absent), set(tally.excluded)
    )


@attrs.frozen(eq=False)
class BatchOutcome:
    """The outcomes of many recorded decisions on one board, as arrays.

    Attributes:
        board: The board's name.
        carried: Boolean array: the decision carried.
        equality: Boolean array: the votes were equal under the rule, and no casting vote
            was applied (so it was not carried).
        inquorate: Boolean array: the meeting was inquorate for the decision.
    """

    board: str
    carried: Any
    equality: Any
    inquorate: Any

    def __len__(self) -> int:
        return len(self.carried)

    @property
    def codes(self) -> Any:
        """``int8`` status per decision: 0 not carried, 1 carried, 2 inquorate."""
        np = _np()
        out = self.carried.astype(np.int8)
        out[self.inquorate] = 2
        return out

    def statuses(self) -> list[Status]:
        """The :class:`~sharegov.boards.Status` of each decision."""
        from sharegov.boards import Status

        table = (Status.NOT_CARRIED, Status.CARRIED, Status.INQUORATE)
        return [table[c] for c in self.codes.tolist()]

    def explain(self) -> str:
        """Counts of each outcome, in words."""
        carried = int(self.carried.sum())
        inquorate = int(self.inquorate.sum())
        equal = int(self.equality.sum())
        lost = len(self) - carried - inquorate
        tail = f" ({equal} on an equality of votes, no casting vote applied)" if equal else ""
        return (
            f"{plural(len(self), 'decision')} on {self.board}: {carried:,} carried, {lost:,} not "
            f"carried{tail}, {inquorate:,} inquorate."
        )


def decide_batch(
    board: Board, records: Any, *, members: Sequence[str] | None = None
) -> BatchOutcome:
    """Decide many recorded questions at once, with the board's rule compiled to arrays.

    Each row of ``records`` is one question; each column one voting member (in the order of
    ``board.voting_members``, or of ``members=``), holding a :class:`Cast` code: 0 present
    not voting, 1 for, 2 against, 3 abstain, 4 absent, 5 excluded. The result matches
    :meth:`~sharegov.boards.Board.decide` on each row with no casting vote: an equality of
    votes is not carried (and flagged in ``equality``).

    Raises:
        InvalidVote: ``records`` is not a 2-D integer array with one column per voting
            member, or holds a code that is not a :class:`Cast`.

    Examples:
        >>> import numpy as np
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> out = decide_batch(board, np.array([[1, 1, 4, 1, 2, 1], [1, 1, 1, 1, 2, 2]]))
        >>> out.carried.tolist()
        [True, False]
        >>> print(out.explain())
        2 decisions on Shared Services Board: 1 carried, 1 not carried, 0 inquorate.
    """
    np = _np()
    layout = Roster(board)
    state = np.asarray(records)
    if state.ndim != 2 or not np.issubdtype(state.dtype, np.integer):
        raise InvalidVote(
            expected("records", "a 2-D integer array (decisions x members)", state.shape)
        )
    if state.shape[1] != len(layout.members):
        raise InvalidVote(
            expected(
                "records",
                f"{plural(len(layout.members), 'column')}, one per voting member",
                state.shape[1],
            )
        )
    if members is not None:
        order = list(members)
        if sorted(order) != sorted(layout.members):
            raise InvalidVote(
                expected("members", f"each voting member once: {list(layout.members)}", order)
            )
        state = state[:, [order.index(m) for m in layout.members]]
    bad = (state < 0) | (state > max(Cast))
    if bad.any():
        row, col = (int(v) for v in np.argwhere(bad)[0])
        raise InvalidVote(
            expected(f"records[{row}, {col}]", "a Cast code 0-5", int(state[row, col]))
        )
    state = state.astype(np.int8)
    n = len(state)
    if board.quorum is not None:
        quorate = _compiled.verdicts(board.quorum, np, layout, state) == CARRIED
    else:
        quorate = np.ones(n, dtype=bool)
    verdict = _compiled.verdicts(board.rule, np, layout, state)
    return BatchOutcome(
        board.name,
        carried=quorate & (verdict == CARRIED),
        equality=quorate & (verdict == _compiled.EQUALITY),
        inquorate=~quorate,
    )


# ---------------------------------------------------------------------------------------------
# Bloc (a priori union) indices
# ---------------------------------------------------------------------------------------------
# A player i in union k swings for a pair (R, S): R a set of the other unions (voting for
# whole), S a set of i's union-mates; the margin is v(R ∪ S ∪ {i}) - v(R ∪ S). Each index
# weighs the margins by r = |R| and s = |S| only (m unions, u = |k|):
#   Owen (1977):                         r!(m-1-r)!/m!  *  s!(u-1-s)!/u!
#   Banzhaf–Owen (Owen 1982):            1/2^(m-1)      *  1/2^(u-1)
#   symmetric coalitional Banzhaf (2002): 1/2^(m-1)      *  s!(u-1-s)!/u!
# so one table of margins by (r, s) per player serves all three. Only coalitions made of
# whole other unions and part of one union are ever evaluated: sum_k 2^(m-1+u_k) of them,
# far fewer than 2^n (3,584 for 27 members in unions of 6, 6, 5, 5, 5).

Unions = Sequence[Iterable[str]] | Mapping[str, Iterable[str]]


class InvalidUnions(InvalidValue):
    """``unions=`` is not a partition of the board's voting members."""


def _unions(
    board: Board, game: _Game, unions: Unions | None
) -> tuple[tuple[tuple[int, ...], ...], tuple[str, ...]]:
    """The unions as tuples of player positions (board order), and their names."""
    layout = game.layout
    position = {m: i for i, m in enumerate(game.players)}
    if unions is None:
        groups = [(c, layout.columns[c]) for c in layout.codes if layout.columns[c]]
        return tuple(tuple(cols) for _, cols in groups), tuple(c for c, _ in groups)
    if isinstance(unions, str | bytes) or not isinstance(unions, Iterable):
        raise InvalidUnions(expected("unions", "a list of sets of member ids", unions))
    if isinstance(unions, Mapping):
        named: list[tuple[str | None, Any]] = [(str(k), v) for k, v in unions.items()]
    else:
        named = [(None, v) for v in unions]
    seen: dict[str, int] = {}
    out: list[tuple[int, ...]] = []
    names: list[str] = []
    for k, (name, union) in enumerate(named):
        field = f"unions[{name!r}]" if name is not None else f"unions[{k}]"
        if isinstance(union, str | bytes) or not isinstance(union, Iterable):
            raise InvalidUnions(expected(field, "a set of member ids", union))
        ids = list(union)
        if not ids:
            raise InvalidUnions(expected(field, "at least one member id", union))
        for m in ids:
            if not isinstance(m, str) or m not in position:
                what = f"a voting member id of {board.name} ({', '.join(game.players)})"
                raise InvalidUnions(expected(field, what, m))
            if m in seen:
                first = seen[m]
                where = f"unions[{first}]" if name is None else "another union"
                message = expected(field, f"each member in one union only ({where} has it)", m)
                raise InvalidUnions(message)
            seen[m] = k
        cols = tuple(sorted(position[m] for m in ids))
        out.append(cols)
        if name is None:
            codes = {layout.authority_of[game.players[c]] for c in cols}
            whole = len(codes) == 1 and layout.columns[next(iter(codes))] == cols
            name = next(iter(codes)) if whole else "+".join(game.players[c] for c in cols)
        names.append(name)
    missing = [m for m in game.players if m not in seen]
    if missing:
        what = "every voting member in exactly one union"
        raise InvalidUnions(expected("unions", what, f"no union for {', '.join(missing)}"))
    return tuple(out), tuple(names)


def _popcounts(np: Any, bits: int) -> Any:
    size = np.zeros(1, dtype=np.int16)
    for _ in range(bits):
        size = np.concatenate([size, size + 1])
    return size


def _union_margins(game: _Game, unions: tuple[tuple[int, ...], ...]) -> list[list[list[int]]]:
    """margins[i][r][s]: over sets R of r other unions and S of s of i's union-mates, the
    number of (R, S) where adding i turns losing into winning, less those where it turns
    winning into losing (none, for a monotone rule)."""
    np = _np()
    n, m = game.n, len(unions)
    coalitions = sum(2 ** (m - 1 + len(u)) for u in unions)
    if coalitions > 2**MAX_EXACT_PLAYERS:
        raise LimitExceeded(
            f"bloc indices for {n} members in {m} unions (largest {max(map(len, unions))}) "
            f"under {game.describe()!r} need {coalitions:,} coalitions, past the limit of "
            f"2^{MAX_EXACT_PLAYERS}; use fewer unions or smaller ones, or compare the unions "
            "as blocs with banzhaf(board, by='authority')"
        )
    margins: list[list[list[int]]] = [[] for _ in range(n)]
    if not game.quorate:
        for union in unions:
            for i in union:
                margins[i] = [[0] * len(union) for _ in range(m)]
        return margins
    chunk = 1 << 16
    for k, union in enumerate(unions):
        u = len(union)
        others = [v for j, v in enumerate(unions) if j != k]
        bits_total = m - 1 + u
        shift = np.zeros(n, dtype=np.int64)
        for j, i in enumerate(union):
            shift[i] = j
        for j, other in enumerate(others):
            shift[list(other)] = u + j
        total = 1 << bits_total
        win = np.empty(total, dtype=bool)
        for start in range(0, total, chunk):
            masks = np.arange(start, min(start + chunk, total), dtype=np.int64)
            win[start : start + len(masks)] = game.wins(((masks[:, None] >> shift) & 1) == 1)
        key = (_popcounts(np, m - 1)[:, None] * u + _popcounts(np, u)[None, :]).ravel()
        for j, i in enumerate(union):
            joined = win.reshape(-1, 2, 1 << j)[:, 1, :]
            alone = win.reshape(-1, 2, 1 << j)[:, 0, :]
            where = key.reshape(-1, 2, 1 << j)[:, 0, :]
            gain = np.bincount(where[joined & ~alone], minlength=m * u)
            loss = np.bincount(where[alone & ~joined], minlength=m * u)
            diff = (gain - loss).tolist()
            margins[i] = [[int(x) for x in diff[r * u : (r + 1) * u]] for r in range(m)]
    return margins


def _shapley_weights(count: int) -> list[Fraction]:
    """s!(count-1-s)!/count! for s < count: the chance that exactly the s others go first."""
    whole = math.factorial(count)
    return [
        Fraction(math.factorial(s) * math.factorial(count - 1 - s), whole) for s in range(count)
    ]


_BLOC_METHOD = "exact, by enumerating the coalitions of whole unions and part of one"


def _bloc_index(board: Board, unions: Unions | None, kind: str) -> PowerIndex:
    game = _Game(board, "member")
    parts, names = _unions(board, game, unions)
    margins = _union_margins(game, parts)
    m = len(parts)
    values: list[Fraction] = [Fraction(0)] * game.n
    swings: list[int] = [0] * game.n
    for union in parts:
        u = len(union)
        a = _shapley_weights(m) if kind == "owen" else [Fraction(1, 2 ** (m - 1))] * m
        b = _shapley_weights(u) if kind != "banzhaf_owen" else [Fraction(1, 2 ** (u - 1))] * u
        for i in union:
            table = margins[i]
            values[i] = sum(
                (a[r] * b[s] * table[r][s] for r in range(m) for s in range(u) if table[r][s]),
                Fraction(0),
            )
            swings[i] = sum(map(sum, table))
    title = {
        "owen": "Owen",
        "banzhaf_owen": "Banzhaf–Owen",
        "symmetric": "Symmetric coalitional Banzhaf",
    }[kind]
    common: dict[str, Any] = {
        "unions": tuple(tuple(game.players[i] for i in union) for union in parts),
        "union_names": names,
    }
    scores: tuple[Fraction, ...] = tuple(values)
    if kind != "owen":
        total = sum(values, Fraction(0))
        scores = tuple(v / total if total else Fraction(0) for v in values)
        common["absolute_values"] = tuple(values)
        if kind == "banzhaf_owen":
            common["swings"] = tuple(swings)
    return game.index(title, scores, _BLOC_METHOD, **common)


def owen(board: Board, *, unions: Unions | None = None) -> PowerIndex:
    """The Owen value of every voting member, with the members grouped in a priori unions.

    The members of a union act together towards the others: the value is the average
    marginal contribution over the orders of joining in which each union's members
    arrive one after another (Owen 1977). Equivalently, the Shapley value of the game
    between unions (the union's share of the power) is shared among its members by the
    Shapley value of the game within it. The values sum to 1 when some coalition carries
    and the empty one does not. With every member a union of one, or one union of
    everyone, it is the Shapley–Shubik index.

    Args:
        board: The board.
        unions: The unions: a list of sets of member ids (or a mapping of a name to each
            set), every voting member in exactly one. Default: each authority's voting
            members.

    Returns:
        A :class:`PowerIndex` in Fractions; :meth:`PowerIndex.bloc_power` gives each
        union's share, and ``explain()`` says how each union's share is shared within.

    Raises:
        InvalidUnions: ``unions`` is not a partition of the voting members.
        LimitExceeded: Past 2^25 coalitions to evaluate (the sum over unions of
            2^(unions - 1 + members of the union)).

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> result = owen(bromsgrove_redditch_board())
        >>> result["hall"], result.bloc_power()["RBC"]
        (Fraction(1, 6), Fraction(1, 2))
        >>> print(result.bloc_observations()[1])
        RBC's three members hold 50.0% of the bloc power; within RBC each holds a third.
    """
    return _bloc_index(board, unions, "owen")


def banzhaf_owen(board: Board, *, unions: Unions | None = None) -> PowerIndex:
    """The Banzhaf–Owen index (Owen 1982) of every voting member, in a priori unions.

    For member i of a union of u members, with m unions in all: the number of pairs (R,
    S) in which i swings, R a set of the other unions voting for and S a set of i's
    union-mates voting for, divided by 2^(m-1) · 2^(u-1). That raw value is
    :attr:`PowerIndex.absolute`; the index itself is normalised to sum to 1, like
    :func:`banzhaf` (the raw values need not add up to anything). With every member a
    union of one, or one union of everyone, it is the Banzhaf index.

    Arguments as for :func:`owen`.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> result = banzhaf_owen(bromsgrove_redditch_board())
        >>> result["hall"], result.absolute["hall"]
        (Fraction(1, 6), Fraction(1, 4))
    """
    return _bloc_index(board, unions, "banzhaf_owen")


def symmetric_coalitional_banzhaf(board: Board, *, unions: Unions | None = None) -> PowerIndex:
    """The symmetric coalitional Banzhaf index (Alonso-Meijide and Fiestras-Janeiro 2002):
    Banzhaf between the unions, Shapley within them.

    For member i of a union of u members, with m unions: the sum over sets R of other
    unions and S of i's union-mates of i's margin, times s!(u-1-s)!/u! / 2^(m-1). Within
    each union the raw values add up to the union's Banzhaf value in the game between
    unions. :attr:`PowerIndex.absolute` is that raw value; the index is normalised to
    sum to 1.

    Arguments as for :func:`owen`.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> result = symmetric_coalitional_banzhaf(bromsgrove_redditch_board())
        >>> result["hall"], result.absolute["hall"]
        (Fraction(1, 6), Fraction(1, 6))
    """
    return _bloc_index(board, unions, "symmetric")


# ---------------------------------------------------------------------------------------------
# Absolute measures: Penrose and Coleman
# ---------------------------------------------------------------------------------------------


def penrose(board: Board, *, by: By = "member") -> PowerIndex:
    """The Penrose measure (the absolute Banzhaf index): each player's chance of deciding
    the question when every other player votes for or against at random, independently
    and with equal chance: swings / 2^(n-1) (Penrose 1946).

    Unlike the normalised :func:`banzhaf` index, it is a probability in its own right, so
    it compares across boards and rules. It is ``banzhaf(board).absolute``, as a
    :class:`PowerIndex` of its own, computed by the same exact methods.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> penrose(bromsgrove_redditch_board())["hall"]
        Fraction(1, 4)
    """
    index = banzhaf(board, by=by)
    absolute = index.absolute_values
    if absolute is None:  # pragma: no cover - exact Banzhaf always has them
        raise InvalidValue(expected("index", "an exact Banzhaf index", index.index))
    return attrs.evolve(index, index="Penrose (absolute Banzhaf)", scores=absolute)


@attrs.frozen(eq=False)
class Coleman:
    """Coleman's (1971) measures: the power of the collectivity to act, and each player's
    power to prevent and to initiate action.

    Attributes:
        board: The board's name.
        rule: The rule in plain English.
        by: ``"member"`` or ``"authority"``.
        players: Player ids, in board order.
        labels: Players as named in minutes.
        winning: How many of the 2^n coalitions carry a proposal.
        coalitions: 2^n.
        swings: Each player's swings (coalitions of the others it turns from losing to
            winning, as in :func:`banzhaf`).
        method: How it was computed, in words.
    """

    board: str
    rule: str
    by: str
    players: tuple[str, ...]
    labels: tuple[str, ...]
    winning: int
    coalitions: int
    swings: tuple[int, ...]
    method: str

    @property
    def act(self) -> Fraction:
        """The power of the collectivity to act: the share of all coalitions that carry,
        the chance a proposal carries when everyone votes at random."""
        return Fraction(self.winning, self.coalitions)

    def _index(self, title: str, base: int) -> PowerIndex:
        values = tuple(Fraction(k, base) if base else Fraction(0) for k in self.swings)
        return PowerIndex(
            title,
            self.board,
            self.rule,
            self.by,
            self.players,
            self.labels,
            values,
            self.method,
            swings=self.swings,
        )

    @property
    def prevent(self) -> PowerIndex:
        """Each player's power to prevent action: the share of winning coalitions that
        its vote against would defeat (swings / winning coalitions)."""
        return self._index(PREVENT, self.winning)

    @property
    def initiate(self) -> PowerIndex:
        """Each player's power to initiate action: the share of losing coalitions that its
        vote for would carry (swings / losing coalitions)."""
        return self._index(INITIATE, self.coalitions - self.winning)

    def explain(self) -> str:
        """The three measures in words fit for a report; deterministic."""
        lines = [
            f"Coleman's measures on {self.board} under {self.rule!r} ({self.method}):",
            f"Power of the board to act: {_show(self.act)} ({_pct(self.act)}): "
            f"{self.winning:,} of the {self.coalitions:,} ways of voting carry a proposal.",
        ]
        width = max(len(label) for label in self.labels)
        lines.append(f"  {'':<{width}}  {'prevent':>9}  {'initiate':>9}")
        for label, p, i in zip(
            self.labels, self.prevent.values(), self.initiate.values(), strict=True
        ):
            lines.append(f"  {label:<{width}}  {_show(p):>9}  {_show(i):>9}")
        lines.append(
            "Power to prevent: the share of the winning ways of voting that the member's "
            "vote against would defeat. Power to initiate: the share of the losing ways that "
            "the member's vote for would carry."
        )
        lines.append(CONVENTION)
        return "\n".join(lines)


def coleman(board: Board, *, by: By = "member") -> Coleman:
    """Coleman's power of the collectivity to act, and each player's power to prevent and
    to initiate action (Coleman 1971), exact.

    The power to act is the number of winning coalitions over 2^n; a player's power to
    prevent is its swings over the number of winning coalitions, and its power to
    initiate its swings over the number of losing ones. The winning coalitions are
    counted by size from the same exact margins as :func:`shapley_shubik`.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> result = coleman(bromsgrove_redditch_board())
        >>> result.act, result.winning
        (Fraction(1, 4), 16)
        >>> result.prevent["hall"], result.initiate["hall"]
        (Fraction(1, 2), Fraction(1, 6))
    """
    np = _np()
    game = _Game(board, by)
    margins, words = _exact_margins(game, "auto", sized=True)
    n = game.n
    empty = bool(game.wins(np.zeros((1, n), dtype=bool))[0])
    by_size = [int(empty)]
    for s in range(n):
        gained = sum(row[s] for row in margins) + (n - s) * by_size[s]
        by_size.append(gained // (s + 1))
    return Coleman(
        board.name,
        board.rule.describe(),
        by,
        game.players,
        game.labels,
        sum(by_size),
        2**n,
        tuple(sum(row) for row in margins),
        words,
    )


# ---------------------------------------------------------------------------------------------
# Quota sensitivity
# ---------------------------------------------------------------------------------------------

IndexName = Literal[
    "banzhaf",
    "shapley_shubik",
    "penrose",
    "owen",
    "banzhaf_owen",
    "symmetric_coalitional_banzhaf",
]
_THRESHOLD_RULES = (rules.Majority, rules.Weighted, rules.AtLeast, rules.DoubleMajority)


def _threshold_parts(rule: rules.Rule) -> int:
    if isinstance(rule, _THRESHOLD_RULES):
        return 1
    if isinstance(rule, rules.EachAuthority):
        return _threshold_parts(rule.rule)
    if isinstance(rule, rules.FirstOf | rules.AllOf | rules.AnyOf):
        return sum(_threshold_parts(r) for r in rule.rules)
    return 0


def with_threshold(rule: rules.Rule, value: Fraction | int) -> rules.Rule:
    """The rule with its one threshold set to ``value``: a majority's ``more_than``, a
    weighted vote's ``quota``, ``AtLeast``'s ``n``, or a double majority's ``population``
    share, also inside ``EachAuthority`` or a combinator that has exactly one of them.

    Raises:
        InvalidRule: The rule has no threshold, or more than one.

    Examples:
        >>> with_threshold(rules.Majority(), Fraction(2, 3)).describe()
        'more than 2/3 of those present and voting'
        >>> rule = rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2))
        >>> with_threshold(rule, 3).describe()
        'consensus, else at least 3 in support from each authority'
    """
    count = _threshold_parts(rule)
    if count != 1:
        what = (
            "a rule with exactly one threshold (Majority, Weighted, AtLeast or "
            "DoubleMajority, alone or inside EachAuthority, FirstOf, AllOf or AnyOf)"
        )
        raise InvalidRule(expected("rule", what, f"{rule.describe()} ({count} thresholds)"))
    return _substitute(rule, value)


def _substitute(rule: rules.Rule, value: Fraction | int) -> rules.Rule:
    if isinstance(rule, rules.Majority):
        return attrs.evolve(rule, more_than=value)
    if isinstance(rule, rules.Weighted):
        return attrs.evolve(rule, quota=value)
    if isinstance(rule, rules.AtLeast):
        if Fraction(value).denominator != 1:
            raise InvalidRule(expected("AtLeast.n", "a whole number of members", value))
        return attrs.evolve(rule, n=int(value))
    if isinstance(rule, rules.DoubleMajority):
        return attrs.evolve(rule, population=value)
    if isinstance(rule, rules.EachAuthority):
        return rules.EachAuthority(
            rule=_substitute(rule.rule, value), casting_within=rule.casting_within
        )
    if isinstance(rule, rules.FirstOf | rules.AllOf | rules.AnyOf):
        parts = [_substitute(r, value) if _threshold_parts(r) else r for r in rule.rules]
        return type(rule)(*parts)
    raise InvalidRule(expected("rule", "a rule with a threshold", rule.describe()))


@attrs.frozen(eq=False)
class Sensitivity:
    """A power index across a range of thresholds, as rows, a table and a plot.

    Attributes:
        board: The board's name.
        index: The index's name.
        thresholds: The thresholds, in the order given.
        rules: The rule at each threshold, in plain English.
        results: The index at each threshold.
    """

    board: str
    index: str
    thresholds: tuple[Fraction, ...]
    rules: tuple[str, ...]
    results: tuple[PowerIndex, ...]

    @property
    def players(self) -> tuple[str, ...]:
        return self.results[0].players

    def rows(self) -> list[tuple[Fraction, str, Fraction | float]]:
        """(threshold, player, index) for every threshold and player."""
        return [
            (t, p, v)
            for t, result in zip(self.thresholds, self.results, strict=True)
            for p, v in result.items()
        ]

    def bloc_rows(self) -> list[tuple[Fraction, str, Fraction | float]]:
        """Bloc indices only: (threshold, union, share of the power) for every threshold."""
        return [
            (t, name, v)
            for t, result in zip(self.thresholds, self.results, strict=True)
            for name, v in result.bloc_power().items()
        ]

    def table(self, *, blocs: bool = False) -> Any:
        """A pandas DataFrame (one row per threshold, one column per player, or per union
        with ``blocs=True``, values as floats) if pandas is installed, else :meth:`rows`."""
        rows = self.bloc_rows() if blocs else self.rows()
        try:
            pd = require("pandas", "simulate")
        except MissingExtra:
            return rows
        frame = pd.DataFrame(
            [(float(t), p, float(v)) for t, p, v in rows],
            columns=["threshold", "union" if blocs else "player", self.index],
        )
        return frame.pivot(index="threshold", columns=frame.columns[1], values=self.index)[
            list(dict.fromkeys(r[1] for r in rows))
        ]

    def plot(self, *, blocs: bool = False, ax: Any = None) -> Any:
        """A line per player (or union) against the threshold, with matplotlib; returns the
        axes."""
        plt = require("matplotlib.pyplot", "simulate")
        if ax is None:
            _, ax = plt.subplots()
        rows = self.bloc_rows() if blocs else self.rows()
        for who in dict.fromkeys(r[1] for r in rows):
            points = [(float(t), float(v)) for t, p, v in rows if p == who]
            ax.plot([x for x, _ in points], [y for _, y in points], marker="o", label=who)
        ax.set_xlabel("threshold")
        ax.set_ylabel(self.index)
        ax.set_title(f"{self.index} on {self.board}, by threshold")
        ax.legend()
        return ax

    def explain(self) -> str:
        """One line per threshold: the rule, then each player's (or union's) index."""
        lines = [f"{self.index} on {self.board}, by threshold:"]
        for rule, result in zip(self.rules, self.results, strict=True):
            shares = result.bloc_power() if result.unions is not None else dict(result)
            parts = ", ".join(f"{k} {_pct(v)}" for k, v in shares.items())
            lines.append(f"  {rule}: {parts}")
        lines.append(CONVENTION)
        return "\n".join(lines)


def sensitivity(
    board: Board,
    thresholds: Iterable[Fraction | int | str],
    *,
    index: IndexName = "banzhaf",
    by: By = "member",
    unions: Unions | None = None,
) -> Sensitivity:
    """A power index at each of a range of thresholds of the board's rule.

    Each threshold is put into the board's rule with :func:`with_threshold` (a majority's
    share, a weighted quota, an ``AtLeast`` count or a double majority's population
    share) and the index computed exactly on the board so changed.

    Args:
        board: The board.
        thresholds: The values to try, e.g. ``[Fraction(1, 2), Fraction(2, 3)]``.
        index: ``"banzhaf"``, ``"shapley_shubik"``, ``"penrose"``, ``"owen"``,
            ``"banzhaf_owen"`` or ``"symmetric_coalitional_banzhaf"``.
        by: For the first three: ``"member"`` or ``"authority"``.
        unions: For the bloc indices: the unions, as for :func:`owen`.

    Raises:
        InvalidRule: The board's rule has no threshold, or more than one.
        InvalidValue: ``index`` is unknown.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> table = sensitivity(bromsgrove_redditch_board(), [1, 2, 3], index="penrose")
        >>> [str(v) for t, p, v in table.rows() if p == "hall"]
        ['7/32', '1/4', '1/32']
    """
    plain = {"banzhaf": banzhaf, "shapley_shubik": shapley_shubik, "penrose": penrose}
    blocs = {
        "owen": owen,
        "banzhaf_owen": banzhaf_owen,
        "symmetric_coalitional_banzhaf": symmetric_coalitional_banzhaf,
    }
    if index not in plain and index not in blocs:
        raise InvalidValue(expected("index", f"one of {', '.join([*plain, *blocs])}", index))
    values = [Fraction(t) for t in thresholds]
    if not values:
        raise InvalidValue(expected("thresholds", "at least one threshold", values))
    results = []
    for value in values:
        rule = with_threshold(board.rule, value if value.denominator != 1 else int(value))
        changed = attrs.evolve(board, rule=rule)
        if index in blocs:
            results.append(blocs[index](changed, unions=unions))
        else:
            results.append(plain[index](changed, by=by))
    return Sensitivity(
        board.name,
        results[0].index,
        tuple(values),
        tuple(r.rule for r in results),
        tuple(results),
    )
