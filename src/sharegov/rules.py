"""Voting and quorum rules as data, the :class:`Tally` they read and the :class:`Verdict` they give.

A rule is a frozen value: it can be compared, hashed, described in plain English,
serialised and analysed for voting power, and it has one pure method,
``evaluate(tally) -> Verdict``. Composite rules (:class:`FirstOf`, :class:`AllOf`,
:class:`AnyOf`, :class:`EachAuthority`) are built from other rules.

Verdicts are three-valued: ``True`` (carried), ``False`` (not carried) or ``None``
for an *equality of votes* that a chair's casting vote may settle (LGA 1972 Sch 12
para 39(2)). Composites combine them as Kleene logic: a composite is ``None`` only
when the equality could still change its answer.

Examples:
    The Bromsgrove–Redditch rule, "consensus, else at least 2 councillors from each
    authority in support":

    >>> from sharegov import rules
    >>> from sharegov.rules import Tally, Vote
    >>> rule = rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2))
    >>> rule.describe()
    'consensus, else at least 2 in support from each authority'
    >>> tally = Tally(
    ...     {"a1": Vote.FOR, "a2": Vote.FOR, "b1": Vote.FOR, "b2": Vote.FOR, "b3": Vote.AGAINST},
    ...     authority_of={"a1": "A", "a2": "A", "b1": "B", "b2": "B", "b3": "B"},
    ...     seats={"A": 2, "B": 3},
    ... )
    >>> verdict = rule.evaluate(tally)
    >>> verdict.carried, verdict.basis == rules.EachAuthority(at_least=2)
    (True, True)
    >>> print("\\n".join(verdict.reasons))
    consensus not reached: 1 against (b3, B)
    A: 2 in support >= 2  yes
    B: 2 in support >= 2  yes
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, ClassVar, Literal, NamedTuple, TypeAlias

import attrs

from sharegov._frozen import FrozenMap, assemble, frozen_map
from sharegov._validate import flag, one_of, sequence
from sharegov._words import plural
from sharegov.errors import InvalidRule, InvalidVote, expected

__all__ = [
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Consensus",
    "Counts",
    "DoubleMajority",
    "EachAuthority",
    "FirstOf",
    "Majority",
    "Minuted",
    "MinutedTally",
    "MissingCount",
    "Quorum",
    "Rule",
    "Tally",
    "Unanimity",
    "Verdict",
    "Vote",
    "Weighted",
    "parse_vote",
    "walk",
]


class Vote(enum.Enum):
    """How a member voted on a question.

    Examples:
        >>> Vote("for") is Vote.FOR
        True
    """

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"

    # Members are singletons, so identity hashing is exact; Enum's own hash runs in Python
    # and would be most of the cost of counting a tally (see Layout).
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Vote.{self.name}"


def _percent(value: Fraction) -> str:
    """Format a fraction as a percentage, exact where it is a whole percent."""
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{float(pct):.1f}%"


def _fraction(value: Fraction) -> str:
    return str(value) if value.denominator != 1 else str(value.numerator)


def _yes(ok: bool | None) -> str:
    return "yes" if ok else ("equality" if ok is None else "no")


# ---------------------------------------------------------------------------------------------
# Tally
# ---------------------------------------------------------------------------------------------


def parse_vote(member: str, vote: object) -> Vote:
    """``vote`` as a :class:`Vote`, accepting its value (``"for"``) too.

    Raises:
        InvalidVote: Anything else, naming the member.
    """
    return _vote(f"votes.{member}", vote)


def _vote(field: str, vote: object) -> Vote:
    if isinstance(vote, Vote):
        return vote
    if isinstance(vote, str) and vote in Vote._value2member_map_:
        return Vote(vote)
    what = "'for', 'against' or 'abstain' (or Vote.FOR, Vote.AGAINST, Vote.ABSTAIN)"
    raise InvalidVote(expected(field, what, vote))


def _vote_map(value: Mapping[str, Any]) -> FrozenMap[str, Vote]:
    if not isinstance(value, Mapping):
        raise InvalidVote(expected("votes", "a mapping of member id to Vote", value))
    return FrozenMap({member: parse_vote(member, vote) for member, vote in value.items()})


def _id_set(value: Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(sequence(value, "attendance", "a set of member ids", InvalidVote))


_INDEX = {Vote.FOR: 0, Vote.AGAINST: 1, Vote.ABSTAIN: 2}
# Building a NamedTuple through tuple.__new__ skips its Python-level __new__ (hot path).
_new_counts = tuple.__new__

#: A question checked and counted against a board's layout, before any :class:`Tally` is
#: built: (votes, absent, excluded, fields); see :meth:`Layout.pack`.
Pending: TypeAlias = tuple[dict[str, Vote], frozenset[str], frozenset[str], Sequence[int]]
#: A rule's answer as a function of the packed counts and the rest of the question
#: (see :meth:`Layout.compile`).
Check: TypeAlias = Callable[[Sequence[int], Pending], bool | None]

#: Verdict codes. Ordering them makes Kleene logic plain arithmetic: "all of" is the
#: minimum of its parts, "any of" the maximum, on ints and numpy arrays alike.
NOT_CARRIED, EQUALITY, CARRIED = 0, 1, 2
_ANSWER: tuple[bool | None, ...] = (False, None, True)
_MISS: Any = object()
#: Distinct questions whose answers a board keeps (see :meth:`Layout.compile`).
MEMO_SIZE = 4096
_CODE: dict[bool | None, int] = {False: NOT_CARRIED, None: EQUALITY, True: CARRIED}


def answer(code: int) -> bool | None:
    """A verdict code as an answer: ``True`` carried, ``False`` not, ``None`` an equality."""
    return _ANSWER[code]


class Counts(NamedTuple):
    """The numbers most rules decide on, for a whole tally or one authority's share of it."""

    support: int
    against: int
    abstain: int
    present: int
    seats: int


class MissingCount(InvalidVote):
    """A rule needs a number that the question, as minuted, does not give.

    Raised while deciding from counts alone (:meth:`~sharegov.boards.Board.decide_counts`),
    which names the rule and what to give.
    """

    def __init__(self, field: str, what: str) -> None:
        super().__init__(f"{field}: {what}")
        self.field = field
        self.what = what


class Ops:
    """How verdict codes are made and combined; this one on plain ints.

    ``sharegov._compiled`` has the same operations on numpy arrays, so one definition of
    each rule (its ``_decide``) answers one question here and a batch of them there.
    """

    def of(self, ok: Any) -> Any:
        """``ok`` as a verdict code: carried or not."""
        return CARRIED if ok else NOT_CARRIED

    def verdict(self, ok: Any, equal: Any) -> Any:
        """An equality where ``equal``, else carried where ``ok``."""
        return EQUALITY if equal else (CARRIED if ok else NOT_CARRIED)

    def all(self, codes: Iterable[Any]) -> Any:
        """Kleene AND: not carried if any part is not, else an equality if any is one.

        Parts are asked only as far as needed (``codes`` may be a generator)."""
        worst = CARRIED
        for code in codes:
            if code == NOT_CARRIED:
                return code
            worst = code if code < worst else worst
        return worst

    def any(self, codes: Iterable[Any]) -> Any:
        """Kleene OR: carried if any part is, else an equality if any is one.

        Parts are asked only as far as needed (``codes`` may be a generator)."""
        best = NOT_CARRIED
        for code in codes:
            if code == CARRIED:
                return code
            best = code if code > best else best
        return best

    def firm(self, code: Any) -> Any:
        """An equality read as *not carried* (a tie that no casting vote may settle)."""
        return NOT_CARRIED if code == EQUALITY else code

    def carried(self, code: Any) -> Any:
        """Whether ``code`` is *carried* (an equality is not)."""
        return code == CARRIED


SCALAR = Ops()


class Scope:
    """The numbers a rule reads: of a whole question, or of one authority's share of it.

    ``support``, ``against``, ``abstain``, ``present`` and ``seats`` are ints here and
    numpy arrays in a batch (``sharegov._compiled``); a question minuted only as counts
    raises :class:`MissingCount` for a number it does not give.
    """

    __slots__ = ()
    support: Any
    against: Any
    abstain: Any
    present: Any
    seats: Any

    def parts(self) -> Sequence[Scope]:  # pragma: no cover - abstract
        """One scope per authority with seats, in the board's order."""
        raise NotImplementedError

    @property
    def population(self) -> int:  # pragma: no cover - abstract
        """The population of this scope's authority."""
        raise NotImplementedError

    def weight(self, rule: Weighted) -> tuple[Any, int]:  # pragma: no cover - abstract
        """The weight in support under ``rule``, scaled: (weight x scale, scale)."""
        raise NotImplementedError

    def in_favour(self, rule: DoubleMajority, k: Ops) -> tuple[Any, Any, int, int]:
        """(authorities in favour, their population, authorities, total population)."""
        parts = self.parts()
        populations = [p.population for p in parts]
        favour = [k.carried(code_of(rule.within, p, k)) for p in parts]
        pop_for = sum((f * n for f, n in zip(favour, populations, strict=True)), 0)
        return sum(favour, 0), pop_for, len(parts), sum(populations)

    def ask(self, rule: Rule, k: Ops) -> Any:  # pragma: no cover - abstract
        """The verdict code of a rule with no ``_decide`` of its own, through its ``check``."""
        raise NotImplementedError


_NATIVE: dict[type, bool] = {}
_DEFINING = ("_decide", "_combine", "check", "check_in", "on_counts")


def _native(cls: type) -> bool:
    """Whether ``cls`` answers through its own ``_decide``: the most derived class in its
    MRO that defines a deciding method defines ``_decide``. A user's subclass that changes
    ``check`` or ``on_counts`` is therefore asked through them, never answered by its
    parent's definition."""
    found = _NATIVE.get(cls)
    if found is None:
        owner = next(c for c in cls.__mro__ if any(name in c.__dict__ for name in _DEFINING))
        found = _NATIVE[cls] = "_decide" in owner.__dict__ or "_combine" in owner.__dict__
    return found


def code_of(rule: Rule, scope: Scope, k: Ops) -> Any:
    """The verdict code of ``rule`` on ``scope``: the one place a rule is asked."""
    if _NATIVE.get(type(rule)) or _native(type(rule)):
        return rule._decide(scope, k)
    return scope.ask(rule, k)


class _Fields(Scope):
    """A scope read from a question packed by a :class:`Layout` (one slot of its fields)."""

    __slots__ = ("_at", "_layout", "_pending", "abstain", "against", "present", "seats", "support")

    def __init__(self, layout: Layout, pending: Pending, at: int) -> None:
        fields = pending[3]
        members, self.seats = layout.sizes[at]
        i = 4 * at
        self.support, self.against, self.abstain = fields[i], fields[i + 1], fields[i + 2]
        self.present = members - fields[i + 3]
        self._layout, self._pending, self._at = layout, pending, at

    def parts(self) -> Sequence[Scope]:
        layout, pending = self._layout, self._pending
        return [_Fields(layout, pending, j) for j in layout.parts(self._at)]

    @property
    def population(self) -> int:
        code = self._layout.codes[self._at]
        if code not in self._layout.population:
            raise InvalidRule(
                expected(f"population.{code}", "a population for every authority", None)
            )
        return self._layout.population[code]

    def weight(self, rule: Weighted) -> tuple[Any, int]:
        layout = self._layout
        authority_of = layout.authority_of
        code = layout.codes[self._at] if self._at < layout.whole else None
        total = sum(
            (
                rule.weight_of(m, authority_of[m])
                for m, v in self._pending[0].items()
                if v is Vote.FOR and (code is None or authority_of[m] == code)
            ),
            Fraction(0),
        )
        return total, 1

    def ask(self, rule: Rule, k: Ops) -> Any:
        tally = self._layout.tally(self._pending)
        if self._at == self._layout.whole:
            answer = rule.check(tally)
        else:
            answer = rule.check_in(tally, self._layout.codes[self._at])
        return EQUALITY if answer is None else k.of(answer)


class Minuted(Scope):
    """A scope from numbers as minuted ("carried by 5 votes to 2"), with no names.

    Numbers not given are ``None`` and raise :class:`MissingCount` when a rule reads them.
    Weights must be given per authority (the caller checks; names were not recorded).
    """

    __slots__ = (
        "_parts",
        "_population",
        "_present",
        "abstain",
        "against",
        "code",
        "seats",
        "support",
    )

    def __init__(
        self,
        counts: Mapping[Vote, int],
        *,
        present: int | None,
        seats: int,
        code: str | None = None,
        parts: Sequence[Minuted] | None = None,
        population: int | None = None,
    ) -> None:
        self.support = counts.get(Vote.FOR, 0)
        self.against = counts.get(Vote.AGAINST, 0)
        self.abstain = counts.get(Vote.ABSTAIN, 0)
        self.seats, self.code = seats, code
        self._present, self._parts, self._population = present, parts, population

    @property
    def present(self) -> int:
        if self._present is None:
            raise MissingCount("present", "the number of eligible members present")
        return self._present

    def parts(self) -> Sequence[Scope]:
        if self.code is not None:
            return [self]  # one authority's share is its own only part
        if self._parts is None:
            raise MissingCount("by_authority", "the counts of each authority")
        return self._parts

    @property
    def population(self) -> int:
        if self._population is None:
            raise MissingCount(f"population.{self.code}", "a population for every authority")
        return self._population

    def weight(self, rule: Weighted) -> tuple[Any, int]:
        parts = [self] if self.code is not None else self.parts()
        weights = rule.weights
        total = sum(
            (weights.get(p.code, Fraction(0)) * p.support for p in parts),  # type: ignore[attr-defined]
            Fraction(0),
        )
        return total, 1

    def ask(self, rule: Rule, k: Ops) -> Any:
        raise MissingCount("votes", f"the names of those voting, to ask {rule.describe()!r}")


class Layout:
    """Who sits for whom, computed once per board and shared by all its tallies (private).

    A layout also counts a tally in one pass. Each authority has a *slot*, in the order
    of ``seats``, and one slot past the last (:attr:`whole`) stands for the whole tally.
    Slot ``i`` owns four *fields* of a single integer, starting at field ``4 * i``:
    support, against, abstentions, and members gone (absent or excluded); one last field
    counts votes given as text (``"for"``). Every (member, vote) pair maps to an integer
    with a one in each field it counts towards, so summing those integers over a tally's
    votes counts everything at once, in a loop that runs in C; ``int.to_bytes`` then
    splits the fields apart. A field is wide enough to hold the board's size, so a sum
    never carries into its neighbour.
    """

    __slots__ = (
        "_cell",
        "_gone",
        "_text",
        "authorities",
        "authority_of",
        "codes",
        "members",
        "members_of",
        "names",
        "nbytes",
        "population",
        "seats",
        "size",
        "sizes",
        "slot",
        "sub",
        "total_seats",
        "whole",
        "width",
    )

    def __init__(
        self,
        authority_of: Mapping[str, str],
        seats: Mapping[str, int],
        names: Mapping[str, str],
        population: Mapping[str, int],
    ) -> None:
        self.authority_of = authority_of
        self.seats = seats
        self.names = names
        self.population = population
        self.members = frozenset(authority_of)
        self.members_of: dict[str, tuple[str, ...]] = dict.fromkeys(seats, ())
        for member, code in authority_of.items():
            self.members_of[code] += (member,)
        self.authorities = tuple(code for code, n in seats.items() if n > 0)
        self.total_seats = sum(seats.values())
        self.size = len(self.members)
        self.sub: dict[str, Layout] = {}
        self.codes = tuple(seats)
        self.slot = {code: i for i, code in enumerate(self.codes)}
        self.whole = len(self.codes)
        #: (members, seats) per slot.
        per = ((len(self.members_of[code]), seats[code]) for code in self.codes)
        self.sizes = (*per, (self.size, self.total_seats))
        self.width = next(w for w in (1, 2, 4, 8) if self.size < 256**w)
        text = 4 * self.whole + 4
        self.nbytes = self.width * (text + 1)
        bits = 8 * self.width
        self._text = bits * text
        total = 4 * self.whole
        cells: dict[tuple[str, object], int] = {}
        gone: dict[str, int] = {}
        for member, code in authority_of.items():
            field = 4 * self.slot[code]
            for vote, offset in _INDEX.items():
                step = (1 << bits * (field + offset)) | (1 << bits * (total + offset))
                cells[member, vote] = step
                cells[member, vote.value] = step | (1 << self._text)
            gone[member] = (1 << bits * (field + 3)) | (1 << bits * (total + 3))
        self._cell = cells.__getitem__
        self._gone = gone.__getitem__

    def of(self, code: str) -> Layout:
        """The layout of one authority's members and seats."""
        sub = self.sub.get(code)
        if sub is None:
            ids = self.members_of[code]
            population = {code: self.population[code]} if code in self.population else {}
            sub = Layout(
                FrozenMap(dict.fromkeys(ids, code)),
                FrozenMap({code: self.seats[code]}),
                self.names,
                FrozenMap(population),
            )
            self.sub[code] = sub
        return sub

    # -- counting ---------------------------------------------------------------------------

    def pack(
        self, votes: dict[str, Any], absent: frozenset[str], excluded: frozenset[str]
    ) -> Sequence[int]:
        """Every count of a tally, as fields (see the class docstring); the hot path.

        ``votes`` holds only this layout's members; it is the caller's own dict, in which a
        vote given as text (``"for"``) is replaced by its :class:`Vote`.

        Raises:
            InvalidVote: A vote that is neither a :class:`Vote` nor the text of one.
        """
        try:
            packed = sum(map(self._cell, votes.items()))
        except (KeyError, TypeError):  # not a vote (or unhashable): parse_vote names it
            packed = -1
        if packed < 0 or packed >> self._text:
            for member, vote in list(votes.items()):
                votes[member] = parse_vote(member, vote)
            packed = sum(map(self._cell, votes.items()))
        if absent:
            packed += sum(map(self._gone, absent))
        if excluded:
            packed += sum(map(self._gone, excluded))
        if self.width == 1:
            return packed.to_bytes(self.nbytes, "little")
        bits = 8 * self.width
        mask = (1 << bits) - 1
        return tuple((packed >> bits * i) & mask for i in range(self.nbytes // self.width))

    def tally(self, pending: Pending) -> Tally:
        """The :class:`Tally` of a question already checked and counted against this layout."""
        votes, absent, excluded, fields = pending
        return assemble(  # Tally(...) without checking again
            Tally,
            {
                "votes": FrozenMap.adopt(votes),
                "authority_of": self.authority_of,
                "seats": self.seats,
                "absent": absent,
                "excluded": excluded,
                "names": self.names,
                "population": self.population,
                "_layout": self,
                "_fields": fields,
            },
        )

    def counts_at(self, fields: Sequence[int], at: int) -> Counts:
        """The :class:`Counts` of slot ``at``, from a tally's fields."""
        members, seats = self.sizes[at]
        i = 4 * at
        return _new_counts(
            Counts, (fields[i], fields[i + 1], fields[i + 2], members - fields[i + 3], seats)
        )

    def parts(self, at: int) -> tuple[int, ...]:
        """The slots of the authorities with seats within slot ``at``."""
        if at == self.whole:
            return tuple(self.slot[code] for code in self.authorities)
        return (at,) if self.sizes[at][1] > 0 else ()

    def compile(self, rule: Rule, at: int | None = None) -> Check:
        """The answer of ``rule`` on slot ``at`` (default: all) of a packed question.

        A rule that reads counts alone (every built-in rule, but for weights given to
        members by name) answers the same for the same fields, and a board sees few
        distinct fields: the answers are memoised per fields, in a table of at most
        :data:`MEMO_SIZE` entries that is emptied when full.
        """
        at = self.whole if at is None else at
        scalar = SCALAR

        def check(fields: Sequence[int], pending: Pending) -> bool | None:
            return answer(code_of(rule, _Fields(self, pending, at), scalar))

        if not self.counts_only(rule):
            return check
        memo: dict[Sequence[int], bool | None] = {}
        get, miss = memo.get, _MISS

        def memoised(fields: Sequence[int], pending: Pending) -> bool | None:
            found = get(fields, miss)
            if found is miss:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                found = memo[fields] = check(fields, pending)
            return found  # type: ignore[no-any-return]

        memoised.memo = memo  # type: ignore[attr-defined]  # for tests and benchmarks
        return memoised

    def counts_only(self, rule: Rule) -> bool:
        """Whether ``rule`` is decided by the counts of a question alone."""
        return self.needs_names(rule) is None

    def needs_names(self, rule: Rule) -> Rule | None:
        """The first part of ``rule`` that needs the names of those voting, not just the
        counts: weights given to members by name, or a rule asked through its own check."""
        for sub in walk(rule):
            if not _native(type(sub)) or (
                isinstance(sub, Weighted) and any(k in self.authority_of for k in sub.weights)
            ):
                return sub
        return None


@attrs.frozen(slots=False)  # dict-based, so Layout.tally builds one in a single step
class Tally:
    """Who was eligible, who was present, and how each member present voted, on one question.

    The tally covers the board's voting members. A member is *present* unless listed in
    ``absent`` or ``excluded``; a member present who is missing from ``votes`` is
    *present, not voting*. Excluded members (barred by an interest) are in the room but
    count neither for quorum nor in any base.

    Args:
        votes: Member id to :class:`Vote`, for the members present who voted.
        authority_of: Every voting member's id to the code of the authority they sit for.
        seats: Voting seats per authority code (vacant seats included).
        absent: Ids of members not present.
        excluded: Ids of members present but barred from the item.
        names: Display names for explanations (ids are used where missing).
        population: Population per authority code, for population-based rules.

    Raises:
        InvalidVote: A vote from a member who is absent, excluded or not in ``authority_of``,
            or a member both absent and excluded.

    Examples:
        >>> t = Tally({"a": Vote.FOR, "b": Vote.AGAINST},
        ...           authority_of={"a": "X", "b": "Y", "c": "Y"}, seats={"X": 1, "Y": 2})
        >>> t.count(Vote.FOR), sorted(t.present), sorted(t.not_voting)
        (1, ['a', 'b', 'c'], ['c'])
        >>> t.by_authority("Y").count(Vote.AGAINST)
        1
        >>> t.counts_in("Y")
        Counts(support=0, against=1, abstain=0, present=2, seats=2)
    """

    votes: Mapping[str, Vote] = attrs.field(converter=_vote_map)
    authority_of: Mapping[str, str] = attrs.field(kw_only=True, converter=frozen_map)
    seats: Mapping[str, int] = attrs.field(kw_only=True, converter=frozen_map)
    absent: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_id_set)
    excluded: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_id_set)
    names: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map, eq=False, repr=False
    )
    population: Mapping[str, int] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map
    )
    _layout: Layout = attrs.field(init=False, eq=False, repr=False)
    #: Every count, packed by the layout (see :class:`Layout`).
    _fields: Sequence[int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        members = self.authority_of
        for code, n in self.seats.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise InvalidVote(expected(f"seats.{code}", "a whole number >= 0", n))
        for member, code in members.items():
            if code not in self.seats:
                raise InvalidVote(expected(f"authority_of.{member}", "an authority in seats", code))
        for group, label in ((self.absent, "absent"), (self.excluded, "excluded")):
            for member in group:
                if member not in members:
                    raise InvalidVote(expected(label, "ids of the board's voting members", member))
        both = self.absent & self.excluded
        if both:
            who = sorted(both)[0]
            raise InvalidVote(f"attendance: {who!r} is recorded as both absent and excluded")
        for member in self.votes:
            if member in self.absent or member in self.excluded:
                state = "absent" if member in self.absent else "excluded from this item"
                raise InvalidVote(
                    f"votes.{member}: {self.label(member)} is {state}, so cannot vote"
                )
            if member not in members:
                raise InvalidVote(
                    expected("votes", "votes only from the board's voting members", member)
                )
        layout = Layout(self.authority_of, self.seats, self.names, self.population)
        object.__setattr__(self, "_layout", layout)
        fields = layout.pack(dict(self.votes), self.absent, self.excluded)
        object.__setattr__(self, "_fields", fields)

    # -- counts -----------------------------------------------------------------------------

    def count(self, vote: Vote) -> int:
        """How many members present voted ``vote`` (a :class:`Vote` or its word, ``"for"``).

        Raises:
            InvalidVote: ``vote`` is neither.
        """
        index = _INDEX.get(vote)
        if index is None:
            index = _INDEX[_vote("vote", vote)]
        return self._fields[4 * self._layout.whole + index]

    @property
    def counts(self) -> Counts:
        """Support, against, abstentions, members present and voting seats, overall."""
        return self._layout.counts_at(self._fields, self._layout.whole)

    def counts_in(self, authority: str) -> Counts:
        """The same numbers for one authority's members and seats.

        Raises:
            InvalidVote: ``authority`` has no seats in this tally.
        """
        return self._layout.counts_at(self._fields, self._slot(authority))

    def _slot(self, authority: str) -> int:
        at = self._layout.slot.get(authority) if isinstance(authority, str) else None
        if at is None:
            raise InvalidVote(expected("authority", f"one of {list(self.seats)}", authority))
        return at

    @property
    def present(self) -> frozenset[str]:
        """Eligible members present: neither absent nor excluded."""
        return self._layout.members - self.absent - self.excluded

    @property
    def not_voting(self) -> frozenset[str]:
        """Eligible members present who gave no vote."""
        return self.present - self.votes.keys()

    @property
    def voting_seats(self) -> int:
        """All voting seats on the board (in this tally's scope), vacant or not."""
        return self._layout.total_seats

    @property
    def authorities(self) -> tuple[str, ...]:
        """Codes of the authorities with at least one voting seat, in the order given."""
        return self._layout.authorities

    def members(self, vote: Vote) -> tuple[str, ...]:
        """Ids of the members who voted ``vote`` (a :class:`Vote` or its word), in roster
        order."""
        vote = _vote("vote", vote)
        return tuple(m for m in self.authority_of if self.votes.get(m) is vote)

    def scope(self, authority: str | None = None) -> Scope:
        """The numbers rules read, for the whole tally or one authority's share of it."""
        layout = self._layout
        at = layout.whole if authority is None else self._slot(authority)
        pending = (self.votes, self.absent, self.excluded, self._fields)
        return _Fields(layout, pending, at)  # type: ignore[arg-type]

    def present_from(self, authority: str) -> int:
        """How many eligible members of ``authority`` are present."""
        return self.counts_in(authority).present

    def by_authority(self, code: str) -> Tally:
        """The tally restricted to one authority's members and seats.

        Raises:
            InvalidVote: ``code`` has no seats in this tally.
        """
        self._slot(code)  # raises for an unknown authority
        layout = self._layout.of(code)
        ids = layout.members
        votes = {m: v for m, v in self.votes.items() if m in ids}
        absent, excluded = self.absent & ids, self.excluded & ids
        return layout.tally((votes, absent, excluded, layout.pack(votes, absent, excluded)))

    # -- words ------------------------------------------------------------------------------

    def label(self, member: str) -> str:
        """A member as named in minutes: ``"Cllr Hall, RBC"``."""
        name = self.names.get(member, member)
        authority = self.authority_of.get(member)
        return f"{name}, {authority}" if authority else name

    def who(self, vote: Vote) -> str:
        """The members who voted ``vote``, for an explanation: ``"Cllr Hall, RBC; ..."``."""
        return "; ".join(self.label(m) for m in self.members(vote))

    def summary(self) -> str:
        """One line with the counts, e.g. ``"4 for, 1 against, 0 abstentions"``."""
        parts = [
            f"{self.count(Vote.FOR)} for",
            f"{self.count(Vote.AGAINST)} against",
            f"{self.count(Vote.ABSTAIN)} abstaining",
        ]
        not_voting = len(self.not_voting)
        if not_voting:
            parts.append(f"{not_voting} present not voting")
        return ", ".join(parts)


class MinutedTally(Tally):
    """A question minuted only as counts ("carried by 5 votes to 2"): no names, no members.

    Offers the counting part of :class:`Tally`'s API; who voted how is unknown, and a
    number the minutes do not give (members present) is ``None`` in :attr:`counts`.
    Built by :meth:`~sharegov.boards.Board.decide_counts`.
    """

    @classmethod
    def of(
        cls, scope: Minuted, *, seats: Mapping[str, int], population: Mapping[str, int]
    ) -> MinutedTally:
        """The tally of a minuted :class:`Minuted` scope (its parts per authority, if given)."""
        return assemble(
            cls,
            {
                "votes": FrozenMap(),
                "authority_of": FrozenMap(),
                "seats": seats,
                "absent": frozenset(),
                "excluded": frozenset(),
                "names": FrozenMap(),
                "population": population,
                "_minuted": scope,
            },
        )

    @property
    def minuted(self) -> Minuted:
        """The numbers as minuted."""
        scope: Minuted = self.__dict__["_minuted"]
        return scope

    def count(self, vote: Vote) -> int:
        m = self.minuted
        count: int = {Vote.FOR: m.support, Vote.AGAINST: m.against, Vote.ABSTAIN: m.abstain}[vote]
        return count

    @property
    def counts(self) -> Counts:
        m = self.minuted
        return Counts(m.support, m.against, m.abstain, m._present, m.seats)  # type: ignore[arg-type]

    def counts_in(self, authority: str) -> Counts:
        return self.by_authority(authority).counts

    def scope(self, authority: str | None = None) -> Scope:
        return self.minuted if authority is None else self.by_authority(authority).minuted

    def by_authority(self, code: str) -> MinutedTally:
        for part in self.minuted.parts():
            if isinstance(part, Minuted) and part.code == code:
                population = {code: self.population[code]} if code in self.population else {}
                return MinutedTally.of(
                    part,
                    seats=FrozenMap({code: self.seats[code]}),
                    population=FrozenMap(population),
                )
        raise InvalidVote(expected("authority", f"one of {list(self.seats)}", code))

    @property
    def present(self) -> frozenset[str]:
        return frozenset()  # nobody is named

    @property
    def not_voting(self) -> frozenset[str]:
        return frozenset()

    @property
    def voting_seats(self) -> int:
        return sum(self.seats.values())

    @property
    def authorities(self) -> tuple[str, ...]:
        return tuple(code for code, n in self.seats.items() if n > 0)

    def members(self, vote: Vote) -> tuple[str, ...]:
        return ()

    def who(self, vote: Vote) -> str:
        return "names not recorded"

    def summary(self) -> str:
        m = self.minuted
        parts = [f"{m.support} for", f"{m.against} against", f"{m.abstain} abstaining"]
        if m._present is not None:
            silent = m._present - m.support - m.against - m.abstain
            if silent:
                parts.append(f"{silent} present not voting")
        return ", ".join(parts)


# ---------------------------------------------------------------------------------------------
# Verdict and the Rule base
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Verdict:
    """What a rule found on a tally, and why.

    Attributes:
        carried: ``True``, ``False``, or ``None`` for an equality a casting vote may settle.
        rule: The rule that was evaluated.
        reasons: Lines fit for minutes, each a test and its answer.
        children: The verdicts of the rules this one is built from.
        basis: The rule that carried it: the rule itself, or for :class:`FirstOf` and
            :class:`AnyOf` the alternative that carried; ``None`` when not carried.
    """

    carried: bool | None
    rule: Rule
    reasons: tuple[str, ...] = ()
    children: tuple[Verdict, ...] = ()
    basis: Rule | None = None


class Rule:
    """Base of every rule. Subclasses are frozen attrs classes.

    Each built-in rule states its meaning once, in ``_decide(scope, ops)``: a function of
    the counts a :class:`Scope` gives (overall, and per authority through
    ``scope.parts()``) that returns a verdict code (:data:`NOT_CARRIED`,
    :data:`EQUALITY` or :data:`CARRIED`). Deciding one vote (:meth:`check`, and boards
    through ``Layout.compile``), explaining it (:meth:`evaluate` takes its answer from
    the same code), deciding from counts alone, batches of records (numpy, in
    ``sharegov._compiled``) and voting power all ask that one function.

    A rule of your own needs :meth:`check`, :meth:`evaluate` and :meth:`describe`; it is
    asked through :meth:`check` everywhere (record by record in a batch).

    Attributes:
        monotone: Turning an AGAINST into a FOR never turns *carried* into *not carried*.
    """

    monotone: ClassVar[bool] = True

    def check(self, tally: Tally) -> bool | None:
        """The answer alone: carried (``True``), not (``False``) or an equality (``None``)."""
        return answer(code_of(self, tally.scope(), SCALAR))

    def check_in(self, tally: Tally, authority: str) -> bool | None:
        """The answer on one authority's members alone (what :class:`EachAuthority` asks)."""
        return self.check(tally.by_authority(authority))

    def evaluate(self, tally: Tally) -> Verdict:  # pragma: no cover - abstract
        """The answer with its reasons."""
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        """The rule in plain English, lower case, fit to follow "carried on"."""
        raise NotImplementedError

    def subrules(self) -> tuple[Rule, ...]:
        """The rules this rule is built from (none for a leaf rule)."""
        return ()

    def _decide(self, c: Scope, k: Ops) -> Any:  # pragma: no cover - abstract
        """The rule's meaning, once: its verdict code on the counts of ``c``."""
        raise NotImplementedError

    def _code(self, tally: Tally) -> int:
        """The verdict code on ``tally``, from the rule's one definition."""
        code: int = code_of(self, tally.scope(), SCALAR)
        return code

    def _leaf(self, code: int, *reasons: str) -> Verdict:
        carried = _ANSWER[code]
        return Verdict(carried, self, reasons, (), self if carried else None)


class _CountsRule(Rule):
    """A rule decided by the :class:`Counts` of a tally alone."""

    def check(self, tally: Tally) -> bool | None:
        if _native(type(self)):
            return super().check(tally)
        return self.on_counts(tally.counts)  # a subclass that redefines on_counts

    def on_counts(self, counts: Counts) -> bool | None:
        """The answer on these counts (of a tally, or of one authority's share)."""
        scope = Minuted(
            dict(zip(Vote, counts[:3], strict=True)), present=counts.present, seats=counts.seats
        )
        return answer(code_of(self, scope, SCALAR))


def _positive_int(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidRule(expected(attribute.name, "a whole number >= 1", value))


def _count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRule(expected(attribute.name, "a whole number >= 0", value))


def _optional_positive_int(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _positive_int(instance, attribute, value)


def _to_fraction(value: Any) -> Any:
    """Convert ints and Fractions to Fraction; leave other values for the validator to reject."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return value


def _fraction_in(low: Fraction, high: Fraction, *, low_open: bool = False) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = isinstance(value, Fraction) and (value > low if low_open else value >= low)
        if not ok or value > high:
            bracket = "(" if low_open else "["
            what = f"a Fraction in {bracket}{low}, {high}] (floats are not accepted)"
            raise InvalidRule(expected(attribute.name, what, value))

    return check


def _positive_fraction(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Fraction) or value <= 0:
        what = "a number > 0 as an int or Fraction (floats are not accepted)"
        raise InvalidRule(expected(attribute.name, what, value))


#: How deep rules may be built from rules; real terms of reference need two or three.
MAX_DEPTH = 32


def _within_depth(name: str, parts: Iterable[Rule]) -> None:
    """Refuse a rule nested past :data:`MAX_DEPTH` (deeper would exhaust Python's stack)."""

    def depth(rule: Rule, level: int) -> int:
        if level > MAX_DEPTH:
            raise InvalidRule(
                f"{name}: rules nested more than {MAX_DEPTH} deep; no terms of reference need "
                "that many, so flatten the rule (e.g. AllOf(a, b, c) for AllOf(a, AllOf(b, c)))"
            )
        return max((depth(sub, level + 1) for sub in rule.subrules()), default=level)

    for part in parts:
        depth(part, 2)


def walk(rule: Rule) -> Iterator[Rule]:
    """Yield ``rule`` and every rule it is built from, depth first.

    Examples:
        >>> [type(r).__name__ for r in walk(FirstOf(Consensus(), EachAuthority(at_least=2)))]
        ['FirstOf', 'Consensus', 'EachAuthority', 'AtLeast']
    """
    yield rule
    for sub in rule.subrules():
        yield from walk(sub)


# ---------------------------------------------------------------------------------------------
# Leaf rules
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Consensus(_CountsRule):
    """At least one member in support and none against.

    Args:
        abstention_blocks: If true, an abstention also prevents consensus.

    Examples:
        >>> t = Tally({"a": Vote.FOR, "b": Vote.ABSTAIN}, authority_of={"a": "X", "b": "X"},
        ...           seats={"X": 2})
        >>> Consensus().evaluate(t).carried, Consensus(abstention_blocks=True).evaluate(t).carried
        (True, False)
    """

    abstention_blocks: bool = attrs.field(default=False, kw_only=True, validator=flag(InvalidRule))

    def describe(self) -> str:
        return "consensus (abstentions block)" if self.abstention_blocks else "consensus"

    def _decide(self, c: Scope, k: Ops) -> Any:
        ok = (c.against == 0) & (c.support > 0)
        return k.of(ok & (c.abstain == 0) if self.abstention_blocks else ok)

    def evaluate(self, tally: Tally) -> Verdict:
        counts = tally.counts
        code = self._code(tally)
        if code == CARRIED:
            return self._leaf(code, f"consensus reached: {counts.support} in support, none against")
        if counts.against:
            why = f"{counts.against} against ({tally.who(Vote.AGAINST)})"
        elif self.abstention_blocks and counts.abstain:
            why = f"{counts.abstain} abstaining ({tally.who(Vote.ABSTAIN)})"
        else:
            why = "nobody voted in support"
        return self._leaf(code, f"consensus not reached: {why}")


@attrs.frozen
class Unanimity(_CountsRule):
    """Every eligible member present (or every voting seat) votes in support.

    Args:
        of: ``"present"``: every eligible member present; ``"seats"``: every voting seat.

    Examples:
        >>> t = Tally({"a": Vote.FOR}, authority_of={"a": "X", "b": "X"}, seats={"X": 2},
        ...           absent={"b"})
        >>> Unanimity().evaluate(t).carried, Unanimity(of="seats").evaluate(t).carried
        (True, False)
    """

    of: Literal["present", "seats"] = attrs.field(
        default="present", kw_only=True, validator=one_of(("present", "seats"), InvalidRule)
    )

    def describe(self) -> str:
        if self.of == "seats":
            return "unanimity of all voting seats"
        return "unanimity of those present"

    def _base(self, c: Counts | Scope) -> Any:
        return c.seats if self.of == "seats" else c.present

    def _decide(self, c: Scope, k: Ops) -> Any:
        base = self._base(c)
        return k.of((base > 0) & (c.support == base))

    def evaluate(self, tally: Tally) -> Verdict:
        counts = tally.counts
        code = self._code(tally)
        noun = "voting seats" if self.of == "seats" else "present"
        return self._leaf(
            code,
            f"{counts.support} of {self._base(counts)} {noun} in support  {_yes(_ANSWER[code])}",
        )


_BASES = ("voting", "present", "seats")
_HALF = Fraction(1, 2)


@attrs.frozen
class Majority(_CountsRule):
    """More than ``more_than`` of a base vote in support.

    The base is FOR + AGAINST for ``"voting"`` (the statutory default, LGA 1972 Sch 12
    para 39(1)), the eligible members present for ``"present"``, and the voting seats for
    ``"seats"``. At one half, FOR equal to AGAINST with the whole base voting is an
    *equality* (``carried is None``), which a chair's casting vote may settle.

    Examples:
        >>> t = Tally({"a": Vote.FOR, "b": Vote.AGAINST}, authority_of={"a": "X", "b": "X"},
        ...           seats={"X": 2})
        >>> Majority().evaluate(t).carried is None
        True
        >>> Majority(more_than=Fraction(2, 3)).describe()
        'more than 2/3 of those present and voting'
    """

    of: Literal["voting", "present", "seats"] = attrs.field(
        default="voting", kw_only=True, validator=one_of(_BASES, InvalidRule)
    )
    more_than: Fraction = attrs.field(
        default=_HALF,
        kw_only=True,
        converter=_to_fraction,
        validator=_fraction_in(Fraction(0), Fraction(1) - Fraction(1, 10**9)),
    )

    def _base_words(self) -> str:
        return {
            "voting": "those present and voting",
            "present": "the members present",
            "seats": "all voting seats",
        }[self.of]

    def describe(self) -> str:
        if self.more_than == _HALF:
            return f"a majority of {self._base_words()}"
        return f"more than {_fraction(self.more_than)} of {self._base_words()}"

    def _base(self, c: Counts | Scope) -> Any:
        if self.of == "voting":
            return c.support + c.against
        return c.present if self.of == "present" else c.seats

    def _decide(self, c: Scope, k: Ops) -> Any:
        base, support = self._base(c), c.support
        num, den = self.more_than.numerator, self.more_than.denominator
        ok = (base > 0) & (support * den > num * base)
        if self.more_than != _HALF:
            return k.of(ok)
        # An equality: those voting on the question split evenly (LGA 1972 Sch 12 para 39(2)).
        return k.verdict(ok, (base > 0) & (support == c.against) & (2 * support == base))

    def evaluate(self, tally: Tally) -> Verdict:
        counts = tally.counts
        code = self._code(tally)
        votes = f"{counts.support} for, {counts.against} against"
        if code == EQUALITY:
            return self._leaf(code, f"equality of votes: {votes}")
        test = f"{counts.support} > {_fraction(self.more_than)} of {self._base(counts)}"
        return self._leaf(code, f"{self.describe()}: {votes} ({test})  {_yes(_ANSWER[code])}")


@attrs.frozen
class AtLeast(_CountsRule):
    """At least ``n`` members vote in support.

    Examples:
        >>> AtLeast(4).describe()
        'at least 4 in support'
    """

    n: int = attrs.field(validator=_positive_int)

    def describe(self) -> str:
        return f"at least {self.n} in support"

    def _decide(self, c: Scope, k: Ops) -> Any:
        return k.of(c.support >= self.n)

    def evaluate(self, tally: Tally) -> Verdict:
        code = self._code(tally)
        support = tally.counts.support
        return self._leaf(code, f"{support} in support >= {self.n}  {_yes(_ANSWER[code])}")


def _weights(value: Any) -> FrozenMap[str, Fraction]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidRule(expected("weights", "a non-empty mapping of id to weight", value))
    out: dict[str, Fraction] = {}
    for key, weight in value.items():
        w = _to_fraction(weight)
        if not isinstance(w, Fraction) or w < 0:
            what = "a weight >= 0 as an int or Fraction (floats are not accepted)"
            raise InvalidRule(expected(f"weights.{key}", what, weight))
        out[key] = w
    return FrozenMap(out)


@attrs.frozen
class Weighted(Rule):
    """The total weight of the members in support reaches ``quota``.

    ``weights`` is keyed by member id or by authority code; an authority's weight goes
    to each of its members, and a member's own entry takes precedence. Members with
    neither have weight 0.

    Examples:
        >>> t = Tally({"a": Vote.FOR, "b": Vote.AGAINST}, authority_of={"a": "X", "b": "Y"},
        ...           seats={"X": 1, "Y": 1})
        >>> Weighted({"X": 3, "Y": 2}, quota=3).evaluate(t).carried
        True
    """

    weights: Mapping[str, Fraction] = attrs.field(converter=_weights)
    quota: Fraction = attrs.field(
        kw_only=True, converter=_to_fraction, validator=_positive_fraction
    )

    def weight_of(self, member: str, authority: str) -> Fraction:
        """The weight of one member sitting for ``authority``."""
        if member in self.weights:
            return self.weights[member]
        weight: Fraction = self.weights.get(authority, Fraction(0))
        return weight

    def describe(self) -> str:
        return f"a weighted vote reaching a quota of {_fraction(self.quota)}"

    def _decide(self, c: Scope, k: Ops) -> Any:
        scaled, scale = c.weight(self)
        return k.of(scaled * self.quota.denominator >= self.quota.numerator * scale)

    def evaluate(self, tally: Tally) -> Verdict:
        code = self._code(tally)
        total = tally.scope().weight(self)[0]
        quota = _fraction(self.quota)
        return self._leaf(
            code, f"weight in support {_fraction(total)} >= quota {quota}  {_yes(_ANSWER[code])}"
        )


@attrs.frozen
class DoubleMajority(Rule):
    """Enough authorities, representing enough of the population, are in favour.

    An authority is *in favour* when ``within`` carries on its own members' votes (by
    default a majority of its members present and voting; an equality is not in favour).
    The proposal carries when at least ``authorities`` of the authorities with seats are
    in favour and they hold at least ``population`` of the total population. With
    ``blocking_at_least=k``, a proposal that has enough authorities also carries unless
    at least ``k`` authorities are not in favour (the EU Council's "blocking minority must
    include at least four members").

    Examples:
        >>> rule = DoubleMajority(authorities=Fraction(55, 100), population=Fraction(65, 100))
        >>> rule.describe()
        'a double majority: at least 55% of authorities, with at least 65% of the population'
    """

    authorities: Fraction = attrs.field(
        kw_only=True, converter=_to_fraction, validator=_fraction_in(Fraction(0), Fraction(1))
    )
    population: Fraction = attrs.field(
        kw_only=True, converter=_to_fraction, validator=_fraction_in(Fraction(0), Fraction(1))
    )
    blocking_at_least: int = attrs.field(
        default=0,
        kw_only=True,
        validator=_count,
    )
    within: Rule = attrs.field(factory=lambda: Majority(), kw_only=True)

    def subrules(self) -> tuple[Rule, ...]:
        return (self.within,)

    def describe(self) -> str:
        text = (
            f"a double majority: at least {_percent(self.authorities)} of authorities, "
            f"with at least {_percent(self.population)} of the population"
        )
        if self.blocking_at_least:
            least = plural(self.blocking_at_least, "authority", "authorities")
            text += f" (a blocking minority needs at least {least})"
        return text

    def _decide(self, c: Scope, k: Ops) -> Any:
        in_favour, pop_for, n, total = c.in_favour(self, k)
        a, p = self.authorities, self.population
        enough = in_favour * a.denominator >= a.numerator * n
        # No population at all: only a zero threshold is met.
        populous = pop_for * p.denominator >= p.numerator * total if total else (p == 0)
        if not self.blocking_at_least:
            return k.of(enough & populous)
        return k.of(enough & (populous | (n - in_favour < self.blocking_at_least)))

    def evaluate(self, tally: Tally) -> Verdict:
        code = self._code(tally)
        codes = tally.authorities
        children = tuple(self.within.evaluate(tally.by_authority(c)) for c in codes)
        in_favour = [c for c, v in zip(codes, children, strict=True) if v.carried]
        population = tally.population
        total = sum(population[c] for c in codes)
        pop_for = sum(population[c] for c in in_favour)
        share_auth = Fraction(len(in_favour), len(codes))
        share_pop = Fraction(pop_for, total) if total else Fraction(0)
        auth_ok, pop_ok = share_auth >= self.authorities, share_pop >= self.population
        reasons = [
            f"authorities in favour: {len(in_favour)} of {len(codes)} "
            f"({_percent(share_auth)}) >= {_percent(self.authorities)}  {_yes(auth_ok)}",
            f"population in favour: {pop_for:,} of {total:,} "
            f"({_percent(share_pop)}) >= {_percent(self.population)}  {_yes(pop_ok)}",
        ]
        if auth_ok and not pop_ok and self.blocking_at_least:
            blocked = len(codes) - len(in_favour) >= self.blocking_at_least
            reasons.append(
                f"authorities not in favour: {len(codes) - len(in_favour)} >= "
                f"{self.blocking_at_least} needed to block  {_yes(blocked)}"
            )
        ok = _ANSWER[code]
        return Verdict(ok, self, tuple(reasons), children, self if ok else None)


@attrs.frozen
class Quorum(Rule):
    """Enough eligible members present, overall and from each authority.

    Used as a :class:`~sharegov.boards.Board`'s ``quorum``. Excluded members (barred by
    an interest) and non-voting members never count towards it.

    Args:
        at_least: Minimum eligible members present.
        fraction: Minimum share of the voting seats present (rounded up).
        each_authority: Minimum eligible members present from every authority with seats.

    Examples:
        >>> Quorum(at_least=4, each_authority=2).describe()
        'a quorum of at least 4 members present, at least 2 from each authority'
    """

    at_least: int | None = attrs.field(default=None, kw_only=True, validator=_optional_positive_int)
    fraction: Fraction | None = attrs.field(
        default=None,
        kw_only=True,
        converter=attrs.converters.optional(_to_fraction),
        validator=attrs.validators.optional(_fraction_in(Fraction(0), Fraction(1), low_open=True)),
    )
    each_authority: int | None = attrs.field(
        default=None, kw_only=True, validator=_optional_positive_int
    )

    def __attrs_post_init__(self) -> None:
        if self.at_least is None and self.fraction is None and self.each_authority is None:
            raise InvalidRule(
                "Quorum: expected at least one of at_least, fraction or each_authority, got none"
            )

    def required(self, voting_seats: int) -> int:
        """Members that must be present overall, for a board with ``voting_seats``."""
        need = self.at_least or 0
        if self.fraction is not None:
            need = max(need, -(-self.fraction * voting_seats // 1))
        return int(need)

    def describe(self) -> str:
        parts = []
        if self.at_least is not None:
            parts.append(f"at least {plural(self.at_least, 'member')} present")
        if self.fraction is not None:
            parts.append(f"at least {_fraction(self.fraction)} of the voting seats present")
        if self.each_authority is not None:
            parts.append(f"at least {self.each_authority} from each authority")
        return "a quorum of " + ", ".join(parts)

    def _decide(self, c: Scope, k: Ops) -> Any:
        ok = c.present >= self.required(c.seats)
        if self.each_authority is not None:
            for part in c.parts():
                ok = ok & (part.present >= self.each_authority)
        return k.of(ok)

    def evaluate(self, tally: Tally) -> Verdict:
        reasons: list[str] = []
        need = self.required(tally.voting_seats)
        if need:
            here = tally.counts.present
            reasons.append(f"eligible members present: {here} >= {need}  {_yes(here >= need)}")
        if self.each_authority is not None:
            for code in tally.authorities:
                here = tally.counts_in(code).present
                good = here >= self.each_authority
                reasons.append(f"{code} present: {here} >= {self.each_authority}  {_yes(good)}")
        ok = _ANSWER[self._code(tally)]
        return Verdict(ok, self, tuple(reasons), (), self if ok else None)


# ---------------------------------------------------------------------------------------------
# Composite rules
# ---------------------------------------------------------------------------------------------


@attrs.frozen(init=False)
class EachAuthority(Rule):
    """A test that must hold within every authority that has seats.

    Give either ``at_least=k`` (at least ``k`` of that authority's members in support)
    or ``rule=`` (any rule, evaluated on that authority's members alone).

    A tie inside one authority's delegation is not an *equality of votes*: LGA 1972
    Sch 12 para 39(2) gives the person presiding a casting vote on an equality of the
    votes of the meeting on the question, so a 1–1 split within one council simply
    fails that council's test. Only a board whose own terms give a casting vote within
    an authority treats it as an equality: say so with ``casting_within=True``.

    Examples:
        >>> EachAuthority(at_least=2) == EachAuthority(rule=AtLeast(2))
        True
        >>> EachAuthority(rule=Majority()).describe()
        'a majority of those present and voting within each authority'
        >>> t = Tally({"a1": Vote.FOR, "a2": Vote.AGAINST, "b1": Vote.FOR},
        ...           authority_of={"a1": "A", "a2": "A", "b1": "B"}, seats={"A": 2, "B": 1})
        >>> EachAuthority(rule=Majority()).evaluate(t).carried
        False
        >>> EachAuthority(rule=Majority(), casting_within=True).evaluate(t).carried is None
        True
    """

    rule: Rule
    casting_within: bool = False

    def __init__(
        self,
        *,
        at_least: int | None = None,
        rule: Rule | None = None,
        casting_within: bool = False,
    ) -> None:
        if (at_least is None) == (rule is None):
            raise InvalidRule(
                "EachAuthority: expected exactly one of at_least= or rule=, "
                f"got at_least={at_least!r}, rule={rule!r}"
            )
        inner = AtLeast(at_least) if at_least is not None else rule
        if not isinstance(inner, Rule):
            raise InvalidRule(expected("EachAuthority.rule", "a sharegov rule", inner))
        _within_depth("EachAuthority", (inner,))
        if not isinstance(casting_within, bool):
            raise InvalidRule(
                expected("EachAuthority.casting_within", "True or False", casting_within)
            )
        self.__attrs_init__(inner, casting_within)

    def subrules(self) -> tuple[Rule, ...]:
        return (self.rule,)

    def describe(self) -> str:
        if isinstance(self.rule, AtLeast):
            text = f"at least {self.rule.n} in support from each authority"
        else:
            text = f"{self.rule.describe()} within each authority"
        return text + (
            " (the chair's casting vote settles a tie within one)" if self.casting_within else ""
        )

    def _combine(self, codes: Iterable[Any], k: Ops) -> Any:
        if self.casting_within:
            return k.all(codes)
        return k.all(k.firm(code) for code in codes)

    def _decide(self, c: Scope, k: Ops) -> Any:
        return self._combine((code_of(self.rule, part, k) for part in c.parts()), k)

    def evaluate(self, tally: Tally) -> Verdict:
        children = []
        reasons: list[str] = []
        for code in tally.authorities:
            child = self.rule.evaluate(tally.by_authority(code))
            children.append(child)
            lines = child.reasons
            if child.carried is None and not self.casting_within:
                c = tally.counts_in(code)
                lines = (
                    f"{c.support} for, {c.against} against: a tie within {code}, so not "
                    f"{self.rule.describe()}  no",
                )
            reasons.extend(f"{code}: {line}" for line in lines)
        code = self._combine((_CODE[v.carried] for v in children), SCALAR)
        carried = _ANSWER[code]
        return Verdict(carried, self, tuple(reasons), tuple(children), self if carried else None)


@attrs.frozen(init=False)
class _Combinator(Rule):
    """A rule built from one or more rules given positionally (FirstOf, AllOf, AnyOf)."""

    rules: tuple[Rule, ...]

    def __init__(self, *rules: Rule) -> None:
        name = type(self).__name__
        if not rules:
            raise InvalidRule(f"{name}: expected at least one rule, got none")
        for i, rule in enumerate(rules):
            if not isinstance(rule, Rule):
                raise InvalidRule(expected(f"{name}[{i}]", "a sharegov rule", rule))
        _within_depth(name, rules)
        self.__attrs_init__(rules)

    def subrules(self) -> tuple[Rule, ...]:
        return self.rules

    def _combine(self, codes: Iterable[Any], k: Ops) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _decide(self, c: Scope, k: Ops) -> Any:
        return self._combine((code_of(rule, c, k) for rule in self.rules), k)


@attrs.frozen(init=False)
class FirstOf(_Combinator):
    """An ordered fallback: the first rule that carries is the basis.

    Examples:
        >>> FirstOf(Consensus(), EachAuthority(at_least=2)).describe()
        'consensus, else at least 2 in support from each authority'
    """

    def describe(self) -> str:
        return ", else ".join(r.describe() for r in self.rules)

    def _combine(self, codes: Iterable[Any], k: Ops) -> Any:
        return k.any(codes)

    def evaluate(self, tally: Tally) -> Verdict:
        children = []
        reasons: list[str] = []
        for rule in self.rules:
            child = rule.evaluate(tally)
            children.append(child)
            reasons.extend(child.reasons)
            if child.carried:
                return Verdict(True, self, tuple(reasons), tuple(children), rule)
        carried = _ANSWER[self._combine((_CODE[c.carried] for c in children), SCALAR)]
        return Verdict(carried, self, tuple(reasons), tuple(children), None)


@attrs.frozen(init=False)
class AllOf(_Combinator):
    """Every rule carries.

    Examples:
        >>> AllOf(AtLeast(3), EachAuthority(at_least=1)).describe()
        'at least 3 in support, and at least 1 in support from each authority'
    """

    def describe(self) -> str:
        return ", and ".join(r.describe() for r in self.rules)

    def _combine(self, codes: Iterable[Any], k: Ops) -> Any:
        return k.all(codes)

    def evaluate(self, tally: Tally) -> Verdict:
        children = tuple(r.evaluate(tally) for r in self.rules)
        reasons = tuple(line for c in children for line in c.reasons)
        carried = _ANSWER[self._combine((_CODE[c.carried] for c in children), SCALAR)]
        return Verdict(carried, self, reasons, children, self if carried else None)


@attrs.frozen(init=False)
class AnyOf(_Combinator):
    """Some rule carries; the first that does is the basis.

    Examples:
        >>> AnyOf(Consensus(), AtLeast(4)).describe()
        'consensus, or at least 4 in support'
    """

    def describe(self) -> str:
        return ", or ".join(r.describe() for r in self.rules)

    def _combine(self, codes: Iterable[Any], k: Ops) -> Any:
        return k.any(codes)

    def evaluate(self, tally: Tally) -> Verdict:
        children = tuple(r.evaluate(tally) for r in self.rules)
        reasons = tuple(line for c in children for line in c.reasons)
        basis = next((c.rule for c in children if c.carried), None)
        carried = _ANSWER[self._combine((_CODE[c.carried] for c in children), SCALAR)]
        return Verdict(carried, self, reasons, children, basis)
