"""Hypothesis strategies for sharegov's domain classes, for sharegov's tests and yours.

Needs the ``strategies`` extra (Hypothesis). Once sharegov is installed, its strategies
are registered through Hypothesis's entry point, so ``st.from_type(Board)`` works.

Every strategy builds values that are consistent with each other: a board's rule can be
met by its seats, and a ballot only names the board's members.

Examples:
    >>> from hypothesis import given
    >>> from sharegov.strategies import boards_with_ballots
    >>> @given(boards_with_ballots())
    ... def test_decides(pair):
    ...     board, ballot = pair
    ...     assert board.decide(**ballot).status is not None
    >>> test_decides()
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TypedDict

from sharegov import rules
from sharegov.boards import Board, ElectedChair
from sharegov.conflicts import (
    ConflictKind,
    Declaration,
    DelegationScheme,
    Dispensation,
    DispensationGround,
    DpiCategory,
    Interest,
    InterestKind,
    OfficerConflict,
    _add_years,
)
from sharegov.errors import InvalidBoard, MissingExtra, UnknownId, expected
from sharegov.parties import Authority, Member, Officer, Post
from sharegov.rules import Rule, Tally, Vote

try:
    from hypothesis import reject
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtra(
        'sharegov.strategies needs Hypothesis: install it with: pip install "sharegov[strategies]"'
    ) from exc

__all__ = [
    "Ballot",
    "allocation_weights",
    "authorities",
    "authority_codes",
    "ballots",
    "boards",
    "boards_with_ballots",
    "deadlines",
    "declarations",
    "delegations",
    "dispensations",
    "distributions",
    "gss_codes",
    "interests",
    "members",
    "moneys",
    "rules_for",
    "schedules",
    "simulation_plans",
    "split_rules",
    "strategy_for",
    "tallies",
]


class Ballot(TypedDict):
    """Keyword arguments for :meth:`Board.decide`: votes and every member's attendance.

    Every voting member is on record once: voted, present (not voting), apologies,
    absent or excluded.
    """

    votes: dict[str, Vote]
    present: frozenset[str]
    apologies: frozenset[str]
    absent: frozenset[str]
    excluded: frozenset[str]


authority_codes = st.text(string.ascii_uppercase, min_size=2, max_size=4)
gss_codes = st.builds(
    lambda letter, digits: f"{letter}{digits:08d}",
    st.sampled_from("EWSNK"),
    st.integers(0, 99_999_999),
)


@st.composite
def authorities(draw: st.DrawFn, code: str | None = None) -> Authority:
    """An authority, always with a population (population rules need one)."""
    code = code if code is not None else draw(authority_codes)
    return Authority(
        code,
        f"{code.title()} Council",
        population=draw(st.integers(1_000, 1_500_000)),
        gss=draw(st.none() | gss_codes),
    )


@st.composite
def members(
    draw: st.DrawFn, authority: str, *, id: str | None = None, voting: bool = True
) -> Member:
    """A member sitting for ``authority``."""
    member_id = (
        id if id is not None else draw(st.text(string.ascii_lowercase, min_size=1, max_size=8))
    )
    return Member(
        member_id,
        f"Cllr {member_id.title()}",
        authority,
        roles=draw(
            st.frozensets(st.sampled_from(["leader", "deputy leader", "group leader"]), max_size=1)
        ),
        voting=voting,
    )


_COMBINATORS = (rules.FirstOf, rules.AllOf, rules.AnyOf, rules.EachAuthority)


def rules_for(
    seats: dict[str, int],
    member_ids: list[str] | None = None,
    *,
    kind: type[Rule] | None = None,
) -> st.SearchStrategy[Rule]:
    """Rules, including nested combinators, that a board with ``seats`` can satisfy.

    All sharegov rules are monotone, so a rule is satisfiable exactly when it carries with
    every seat present and in support; the thresholds drawn here guarantee that for leaf
    rules. (A threshold nested under :class:`~sharegov.rules.EachAuthority` sees one
    authority's seats only, so :func:`boards` rejects the rare unsatisfiable draw.)

    Args:
        seats: Voting seats per authority code.
        member_ids: Member ids that :class:`~sharegov.rules.Weighted` may weight.
        kind: Only rules of this class (the outermost rule, for combinators).
    """
    kind_key: Any = kind  # classes hash by identity; typed loosely for lru_cache
    return _rules_for(tuple(seats.items()), tuple(member_ids or ()), kind_key)


@functools.lru_cache(maxsize=1024)
def _rules_for(
    seat_items: tuple[tuple[str, int], ...], member_ids: tuple[str, ...], kind: type[Rule] | None
) -> st.SearchStrategy[Rule]:
    # Building strategies is costly in Hypothesis; boards repeat shapes, so cache them.
    seats = dict(seat_items)
    total = sum(seats.values())
    smallest = min(seats.values())
    keys = list(seats) + list(member_ids)
    leaves: dict[type[Rule], st.SearchStrategy[Rule]] = {
        rules.Consensus: st.builds(rules.Consensus, abstention_blocks=st.booleans()),
        rules.Unanimity: st.builds(rules.Unanimity, of=st.sampled_from(["present", "seats"])),
        rules.Majority: st.builds(
            rules.Majority,
            of=st.sampled_from(["voting", "present", "seats"]),
            more_than=st.sampled_from(
                [Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), Fraction(1, 3)]
            ),
        ),
        rules.AtLeast: st.builds(rules.AtLeast, st.integers(1, total)),
        rules.Weighted: _weighted(keys),
        rules.DoubleMajority: st.builds(
            rules.DoubleMajority,
            authorities=st.sampled_from([Fraction(1, 2), Fraction(55, 100), Fraction(1)]),
            population=st.sampled_from([Fraction(1, 2), Fraction(65, 100), Fraction(1)]),
            blocking_at_least=st.integers(0, 3),
        ),
        rules.Quorum: st.builds(
            rules.Quorum,
            at_least=st.none() | st.integers(1, total),
            each_authority=st.integers(1, smallest),
        ),
    }
    any_leaf = st.one_of(
        *leaves.values(),
        st.builds(lambda k: rules.EachAuthority(at_least=k), st.integers(1, smallest)),
    )

    def combine(
        children: st.SearchStrategy[Rule], only: type[Rule] | None = None
    ) -> st.SearchStrategy[Rule]:
        many = st.lists(children, min_size=1, max_size=3)
        options: dict[type[Rule], st.SearchStrategy[Rule]] = {
            rules.FirstOf: many.map(lambda rs: rules.FirstOf(*rs)),
            rules.AllOf: many.map(lambda rs: rules.AllOf(*rs)),
            rules.AnyOf: many.map(lambda rs: rules.AnyOf(*rs)),
            rules.EachAuthority: st.builds(
                lambda r, c: rules.EachAuthority(rule=r, casting_within=c), children, st.booleans()
            ),
        }
        return options[only] if only is not None else st.one_of(*options.values())

    nested = st.recursive(any_leaf, combine, max_leaves=5)
    if kind is None:
        return nested
    if kind in leaves:
        return leaves[kind]
    return combine(nested, kind)


def _weighted(keys: list[str]) -> st.SearchStrategy[Rule]:
    @st.composite
    def build(draw: st.DrawFn) -> Rule:
        chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
        weights = {k: draw(st.integers(1, 10)) for k in chosen}
        quota = draw(st.integers(1, max(1, sum(weights.values()))))
        return rules.Weighted(weights, quota=quota)

    return build()


@st.composite
def boards(
    draw: st.DrawFn,
    *,
    max_authorities: int = 4,
    max_seats: int = 4,
    kind: type[Rule] | None = None,
) -> Board:
    """A valid board: 1–``max_authorities`` authorities, each with 1–``max_seats`` seats,
    a satisfiable rule (of class ``kind``, if given) and quorum, and sometimes a
    non-voting member."""
    codes = draw(st.lists(authority_codes, min_size=1, max_size=max_authorities, unique=True))
    auths = [draw(authorities(code)) for code in codes]
    seats = {code: draw(st.integers(1, max_seats)) for code in codes}
    member_list: list[Member] = []
    for code in codes:
        filled = draw(st.integers(1 if code == codes[0] else 0, seats[code]))
        for k in range(filled):
            member_list.append(draw(members(code, id=f"{code.lower()}{k + 1}")))
    if draw(st.booleans()):
        member_list.append(draw(members(codes[0], id="observer", voting=False)))
    ids = [m.id for m in member_list if m.voting]
    rule = draw(rules_for(seats, ids, kind=kind))
    quorum = draw(
        st.none()
        | st.builds(
            rules.Quorum,
            at_least=st.integers(1, sum(seats.values())),
            each_authority=st.none() | st.integers(1, min(seats.values())),
        )
    )
    try:
        return Board(
            "Generated Board",
            authorities=auths,
            seats=seats,
            members=member_list,
            rule=rule,
            quorum=quorum,
            casting_vote=draw(st.booleans()),
            advisory=draw(st.booleans()),
            chair_rule=ElectedChair(),
        )
    except InvalidBoard:  # a nested threshold beyond one authority's seats
        reject()


_STATES = ("for", "against", "abstain", "present", "apologies", "absent", "excluded")


@st.composite
def ballots(draw: st.DrawFn, board: Board) -> Ballot:
    """A record of votes and attendance that fits ``board``, with every member on record."""
    votes: dict[str, Vote] = {}
    away: dict[str, set[str]] = {"present": set(), "apologies": set(), "absent": set()}
    away["excluded"] = set()
    for member in board.voting_members:
        state = draw(st.sampled_from(_STATES))
        if state in away:
            away[state].add(member.id)
        else:
            votes[member.id] = Vote(state)
    return Ballot(
        votes=votes,
        present=frozenset(away["present"]),
        apologies=frozenset(away["apologies"]),
        absent=frozenset(away["absent"]),
        excluded=frozenset(away["excluded"]),
    )


@st.composite
def boards_with_ballots(draw: st.DrawFn, *, kind: type[Rule] | None = None) -> tuple[Board, Ballot]:
    """A board (whose rule is of class ``kind``, if given) and a ballot that fits it."""
    board = draw(boards(kind=kind))
    return board, draw(ballots(board))


@st.composite
def tallies(draw: st.DrawFn) -> Tally:
    """A tally from a generated board and ballot."""
    board, ballot = draw(boards_with_ballots())
    return board.tally(**ballot)


def _any_rule(kind: type[Rule] | None = None) -> st.SearchStrategy[Rule]:
    seats = st.dictionaries(authority_codes, st.integers(1, 4), min_size=1, max_size=3)
    return seats.flatmap(lambda s: rules_for(s, kind=kind))


def strategy_for(cls: type[Any]) -> st.SearchStrategy[Any]:
    """The strategy Hypothesis uses for ``st.from_type(cls)``.

    Raises:
        UnknownId: ``cls`` is not one of sharegov's domain classes.
    """
    simple: dict[type[Any], st.SearchStrategy[Any]] = {
        Authority: authorities(),
        Member: authority_codes.flatmap(members),
        Board: boards(),
        Tally: tallies(),
        Rule: _any_rule(),
    }
    if cls in simple:
        return simple[cls]
    if isinstance(cls, type) and issubclass(cls, Rule):
        return _any_rule(cls)
    raise UnknownId(expected("cls", "a sharegov domain class", cls))


# -- money, costs --


def moneys(min_pence: int = -(10**10), max_pence: int = 10**10) -> st.SearchStrategy[Any]:
    """Amounts of :class:`~sharegov.money.Money` between two bounds in pence."""
    from sharegov.money import Money

    return st.integers(min_pence, max_pence).map(Money)


def allocation_weights(codes: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Non-negative int or Fraction weights for ``codes``, at least one above zero."""
    weight = st.one_of(
        st.integers(0, 10**6),
        st.fractions(min_value=0, max_value=1000, max_denominator=1000),
    )
    return st.fixed_dictionaries(dict.fromkeys(codes, weight)).filter(
        lambda w: any(v > 0 for v in w.values())
    )


def split_rules(codes: list[str]) -> st.SearchStrategy[Any]:
    """Share-based split rules from :mod:`sharegov.costs` over the parties ``codes``."""
    from sharegov import costs

    positive = st.fixed_dictionaries({c: st.integers(1, 10**6) for c in codes})
    base = st.one_of(
        st.just(costs.Equal()),
        positive.map(lambda w: costs.Proportional(w, basis="population")),
        positive.map(
            lambda w: costs.Fixed({c: Fraction(v, sum(w.values())) for c, v in w.items()})
        ),
        st.sampled_from(codes).map(costs.LeadPays),
        st.tuples(st.sampled_from(codes), positive).map(lambda p: costs.HostRecharge(*p)),
    )
    return st.one_of(
        base,
        base.map(lambda r: costs.CaseByCase(r, reason="agreed by the board")),
        st.tuples(base, base).map(
            lambda pair: costs.Mix([(Fraction(1, 2), pair[0]), (Fraction(1, 2), pair[1])])
        ),
    )


# -- simulate --


@st.composite
def distributions(draw: st.DrawFn, *, max_pence: int = 10**9) -> Any:
    """Any :mod:`sharegov.simulate` distribution of amounts from £0 to ``max_pence``:
    fixed, uniform, triangular, PERT, lognormal or discrete."""
    from sharegov import simulate
    from sharegov.money import Money

    points = sorted(draw(st.lists(st.integers(0, max_pence), min_size=3, max_size=3)))
    low, mode, high = (Money(p) for p in points)
    kind = draw(
        st.sampled_from(["fixed", "uniform", "triangular", "pert", "lognormal", "discrete"])
    )
    if kind == "fixed":
        return simulate.FixedAmount(mode)
    if kind == "uniform":
        return simulate.Uniform(low, high)
    if kind == "triangular":
        return simulate.Triangular(low, mode, high)
    if kind == "pert":
        return simulate.Pert(low, mode, high, shape=draw(st.integers(1, 8)))
    if kind == "lognormal":
        median = draw(st.integers(1, max_pence // 2))
        return simulate.Lognormal(Money(median), Money(median + draw(st.integers(1, median))))
    amounts = sorted(set(points))
    weights = [draw(st.integers(1, 9)) for _ in amounts]
    return simulate.Discrete(
        [(Money(a), Fraction(w, sum(weights))) for a, w in zip(amounts, weights, strict=True)]
    )


@st.composite
def simulation_plans(draw: st.DrawFn, *, max_items: int = 5) -> Any:
    """A :class:`~sharegov.costs.CostPlan` with every amount fixed, that
    :meth:`sharegov.simulate.Model.from_plan` accepts: shared and unshared items over four
    years (one-off and recurring), grants covering some or all items, savings streams
    starting part-way through a year, and any share-based split rule. No match funding.
    """
    from sharegov import costs
    from sharegov.money import FinancialYear, Money

    codes = draw(
        st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=4, unique=True)
    )
    rules = split_rules(codes)
    first = FinancialYear(2008)
    amount = st.integers(-(10**6), 10**9).map(Money)
    items = []
    for i in range(draw(st.integers(1, max_items))):
        year = first + draw(st.integers(0, 3))
        recurring = draw(st.booleans())
        until = year + draw(st.integers(0, 2)) if recurring and draw(st.booleans()) else None
        shared = draw(st.booleans()) or i == 0
        items.append(
            costs.CostItem(
                f"i{i}",
                f"Item {i}",
                draw(amount),
                category=costs.Category.RUNNING,
                year=year,
                recurring=recurring,
                until=until,
                shared=shared,
                incurred_by=None if shared else codes[0],
                split=draw(st.none() | rules),
            )
        )
    ids = [item.id for item in items]
    grants = [
        costs.Grant(
            f"F{g}",
            draw(st.integers(0, 10**9).map(Money)),
            covers=draw(st.none() | st.sets(st.sampled_from(ids), min_size=1)),
        )
        for g in range(draw(st.integers(0, 3)))
    ]
    savings = [
        costs.SavingsStream(
            f"s{k}",
            f"Saving {k}",
            draw(amount),
            start=draw(st.dates(dt.date(2008, 4, 1), dt.date(2011, 3, 31)) | st.just(first + 1)),
            years=draw(st.none() | st.integers(1, 3)),
            split=draw(st.none() | rules),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    return costs.CostPlan(
        codes,
        items=items,
        grants=grants,
        savings=savings,
        cost_split=draw(rules),
        savings_split=draw(rules),
    )


# -- timeline --


@st.composite
def deadlines(draw: st.DrawFn, *, max_amendments: int = 5) -> Any:
    """A :class:`~sharegov.timeline.Deadline` with up to ``max_amendments`` amendments, each
    decided on or after the one before and after the day it was set."""
    import datetime as dt

    from sharegov.timeline import Deadline

    dates = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
    set_on = draw(st.none() | dates)
    deadline = Deadline("Deadline", due=draw(dates), set_on=set_on)
    when = set_on or draw(dates)
    for _ in range(draw(st.integers(0, max_amendments))):
        deadline = deadline.amend(draw(dates), decided_on=when, by="Board")
        when = draw(st.dates(when, dt.date(2036, 12, 31)))
    return deadline


@st.composite
def schedules(draw: st.DrawFn) -> Any:
    """A :class:`~sharegov.timeline.Schedule`: bi-monthly, quarterly, annual or an nth weekday."""
    import datetime as dt

    from sharegov.timeline import Schedule

    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
    kind = draw(st.sampled_from(["bimonthly", "quarterly", "annually", "nth"]))
    if kind == "nth":
        which = draw(st.sampled_from(["first", "second", "third", "fourth", "last"]))
        day = draw(st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]))
        return Schedule.monthly_on(
            "Meeting", f"{which} {day}", start=start, interval=draw(st.integers(1, 3))
        )
    return getattr(Schedule, kind)("Meeting", start=start)


# -- conflicts --

_DATES = st.dates(min_value=dt.date(2012, 7, 1), max_value=dt.date(2040, 12, 31))
_LOCALISM_KINDS = (
    InterestKind.DISCLOSABLE_PECUNIARY,
    InterestKind.OTHER_REGISTRABLE,
    InterestKind.NON_REGISTRABLE,
)


@st.composite
def interests(draw: st.DrawFn) -> Interest:
    """An entry in a register of interests, with a category when it is pecuniary."""
    # The kinds of the Localism Act regime, matching the dates drawn (from 1 July 2012).
    kind = draw(st.sampled_from(_LOCALISM_KINDS))
    category = (
        draw(st.none() | st.sampled_from(DpiCategory))
        if kind is InterestKind.DISCLOSABLE_PECUNIARY
        else None
    )
    registered = draw(_DATES)
    ended = draw(st.none() | st.dates(min_value=registered, max_value=dt.date(2045, 12, 31)))
    matter = draw(st.text(string.ascii_letters + " &", min_size=1, max_size=20).filter(str.strip))
    return Interest(
        kind,
        matter,
        category=category,
        sensitive=draw(st.booleans()),
        registered=registered,
        ended=ended,
    )


@st.composite
def declarations(draw: st.DrawFn, board: Board, *, item: str = "1") -> list[Declaration]:
    """Declarations on ``item`` by some of ``board``'s members (at most one each)."""
    ids = [m.id for m in board.members]
    who = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    out = []
    for member in who:
        interest = draw(interests())
        out.append(
            Declaration(
                member,
                item,
                interest.kind,
                interest.matter,
                category=interest.category,
                sensitive=interest.sensitive,
            )
        )
    return out


@st.composite
def dispensations(draw: st.DrawFn, member: str, *, matters: Sequence[str] = ("1",)) -> Dispensation:
    """A dispensation for ``member`` on some of ``matters``, for less than 4 years."""
    start = draw(_DATES)
    days = draw(st.integers(0, (_add_years(start, 4) - start).days - 1))
    return Dispensation(
        member,
        draw(st.lists(st.sampled_from(list(matters)), min_size=1, unique=True)),
        draw(st.sampled_from(DispensationGround)),
        granted_by="Standards Committee",
        start=start,
        until=start + dt.timedelta(days=days),
        vote=draw(st.booleans()),
        discussion=True,
    )


@st.composite
def delegations(draw: st.DrawFn, *, officers: int = 6) -> dict[str, Any]:
    """Keyword arguments for :func:`~sharegov.conflicts.who_acts` on matter ``"m"``: a post
    shared by two authorities, its staff, a delegation scheme each (deputies may loop) and
    personal conflicts; ``who_acts(case.pop("post"), "m", **case)``."""
    ids = [f"o{i}" for i in range(officers)]
    codes = ["P", "Q"]
    schemes = []
    for code in codes:
        deputies = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(ids)))
        schemes.append(
            DelegationScheme(
                code,
                monitoring_officer=draw(st.sampled_from(ids)),
                deputies={k: v for k, v in deputies.items() if k != v},
                fallbacks=draw(st.lists(st.sampled_from(ids), unique=True)),
                alternate=draw(st.none() | st.sampled_from(ids)),
            )
        )
    conflicted = draw(st.lists(st.sampled_from(ids), unique=True))
    return {
        "post": Post("p", "Shared Post", codes, holder=draw(st.sampled_from(ids))),
        "officers": [Officer(i, f"Officer {i}", "P") for i in ids],
        "schemes": schemes,
        "conflicts": [
            OfficerConflict(
                o,
                "m",
                kind=ConflictKind.PERSONAL,
                authorities=draw(st.sampled_from([(), ("P",), ("Q",)])),
            )
            for o in conflicted
        ],
    }
