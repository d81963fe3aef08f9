"""Hypothesis strategies for sharegov's domain classes, for sharegov's tests and yours.

Needs the ``strategies`` extra (Hypothesis). Once sharegov is installed, its strategies
are registered through Hypothesis's entry point, so ``st.from_type(Board)`` works.

Every strategy builds values that are consistent with each other: a board's rule can be
met by its seats, and a ballot only names the board's members.

Examples:
    >>> from hypothesis import given, settings
    >>> from sharegov.strategies import boards_with_ballots
    >>> @settings(max_examples=25, deadline=None)  # no timing: a shared machine is noisy
    ... @given(boards_with_ballots())
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
    "allocations",
    "apportion_rules",
    "apportionments",
    "arrangements",
    "assumptions",
    "authorities",
    "authority_codes",
    "ballots",
    "boards",
    "boards_with_ballots",
    "bodies",
    "cost_items",
    "cost_plans",
    "council_decisions",
    "deadlines",
    "declarations",
    "delegations",
    "discount_rates",
    "dispensations",
    "distributions",
    "exit_strategies",
    "extensions",
    "grants",
    "gss_codes",
    "histories",
    "indicators",
    "inflations",
    "interests",
    "meeting_plans",
    "members",
    "moneys",
    "officers",
    "periods",
    "posts",
    "recommendations",
    "rules_for",
    "savings_streams",
    "schedules",
    "scrutiny_arrangements",
    "secondments",
    "service_arrangements",
    "service_level_agreements",
    "simulation_plans",
    "split_rules",
    "statutory_duties",
    "strategy_for",
    "tallies",
    "terms",
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
    by_name = _file_strategies()
    key = f"{getattr(cls, '__module__', '')}.{getattr(cls, '__qualname__', '')}"
    if key in by_name:
        strategy: st.SearchStrategy[Any] = by_name[key]()
        return strategy
    raise UnknownId(expected("cls", "a sharegov domain class", cls))


def _file_strategies() -> dict[str, Any]:
    """Strategies for the classes of arrangement files, by ``module.Class`` (so that their
    modules are imported only when one is asked for)."""
    codes = list(_COUNCILS)
    return {
        "sharegov.parties.Body": bodies,
        "sharegov.parties.Extension": extensions,
        "sharegov.parties.Officer": officers,
        "sharegov.parties.Post": lambda: posts(holders=["holder"]),
        "sharegov.concordat.ServiceArrangement": lambda: service_arrangements(
            bodies=["uni"], others=["s1"]
        ),
        "sharegov.concordat.Term": terms,
        "sharegov.agreements.Secondment": lambda: secondments(arrangements=["s0"], posts=["p"]),
        "sharegov.agreements.Indicator": indicators,
        "sharegov.agreements.ServiceLevelAgreement": service_level_agreements,
        "sharegov.agreements.ExitStrategy": exit_strategies,
        "sharegov.agreements.ScrutinyArrangement": scrutiny_arrangements,
        "sharegov.agreements.StatutoryDuty": lambda: statutory_duties(
            posts=["p"], arrangements=["s0"]
        ),
        "sharegov.costs.Allocation": allocations,
        "sharegov.costs.Pot": pots,
        "sharegov.costs.CostItem": cost_items,
        "sharegov.costs.Grant": lambda: grants(items=["i0", "i1"]),
        "sharegov.costs.SavingsStream": savings_streams,
        "sharegov.costs.CostPlan": cost_plans,
        "sharegov.apportion.Apportionment": apportionments,
        "sharegov.apportion.WithEffectFrom": lambda: _with_effect_from(codes),
        "sharegov.apportion.Dampened": lambda: _dampened(codes),
        "sharegov.decisions.CouncilDecision": council_decisions,
        "sharegov.decisions.Recommendation": recommendations,
        "sharegov.meetings.MeetingPlan": meeting_plans,
        "sharegov.discount.DiscountRate": discount_rates,
        "sharegov.discount.Inflation": inflations,
        "sharegov.io.files.Assumption": assumptions,
        "sharegov.io.files.Arrangement": arrangements,
    }


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
    deadline = Deadline("Deadline", due=draw(dates), set_on=set_on, meeting=draw(st.booleans()))
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


# -- arrangement files: bodies, posts, agreements, money, decisions, schedules --
#
# Each strategy builds only valid objects; those that name other things (parties, officers,
# posts, arrangements) take the ids they may name, so that :func:`arrangements` can keep a
# whole file's cross-references resolving (``sharegov check`` passes on every draw).

_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
#: Free text as papers have it: any printable Unicode, not blank.
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(str.strip)
_NOTES = st.just("") | _TEXT
_STATUSES = ("in place", "proposed", "to be agreed")
_COUNCILS = ("A", "B", "C")


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


def _is_set(value: Any) -> bool:
    """Whether a field is given, so that an ``assumed`` note may name it."""
    return value is not None and (isinstance(value, bool | int | Fraction) or bool(value))


def _with_assumed(draw: st.DrawFn, obj: Any) -> Any:
    """``obj`` with notes saying some of its given fields are assumed, not minuted."""
    import attrs

    names = [
        f.name
        for f in attrs.fields(type(obj))
        if f.name not in ("assumed", "note") and _is_set(getattr(obj, f.name))
    ]
    if not names:
        return obj
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=2))
    return attrs.evolve(obj, assumed={name: draw(_TEXT) for name in chosen})


def periods() -> st.SearchStrategy[Any]:
    """Positive periods of whole years, months and days (``relativedelta``), as files
    write them."""
    from dateutil.relativedelta import relativedelta

    return st.builds(
        relativedelta, years=st.integers(0, 3), months=st.integers(0, 11), days=st.integers(0, 40)
    ).filter(lambda p: dt.date(2000, 1, 1) + p > dt.date(2000, 1, 1))


@st.composite
def extensions(draw: st.DrawFn, *, new: dt.date | None = None) -> Any:
    """One :class:`~sharegov.parties.Extension`, to ``new`` if given; parts a paper may not
    give are sometimes left out."""
    from sharegov.parties import Extension

    return Extension(
        new if new is not None else draw(_DAYS),
        old=draw(st.none() | _DAYS),
        decided_on=draw(st.none() | _DAYS),
        by=draw(st.none() | _TEXT),
        reason=draw(_NOTES),
    )


@st.composite
def histories(draw: st.DrawFn, end: dt.date, *, max_size: int = 3) -> tuple[Any, ...]:
    """Extensions that lead to ``end``: each from the end the one before set (or with the
    earlier end not recorded), decisions dated in order where dated."""
    count = draw(st.integers(0, max_size))
    if count == 0:
        return ()
    ends = [*draw(st.lists(_DAYS, min_size=count - 1, max_size=count - 1)), end]
    decided = sorted(draw(st.lists(_DAYS, min_size=count, max_size=count)))
    out = []
    for i, new in enumerate(ends):
        ext = draw(extensions(new=new))
        old = ends[i - 1] if i and draw(st.booleans()) else (ext.old if i == 0 else None)
        out.append(
            type(ext)(
                new,
                old=old,
                decided_on=decided[i] if draw(st.booleans()) else None,
                by=ext.by,
                reason=ext.reason,
            )
        )
    return tuple(out)


@st.composite
def _span(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None, tuple[Any, ...]]:
    """A start, an end on or after it, and extensions leading to that end."""
    start = draw(st.none() | _DAYS)
    end = draw(st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    history = draw(histories(end)) if end is not None else ()
    return start, end, history


@st.composite
def bodies(draw: st.DrawFn, id: str | None = None) -> Any:
    """A :class:`~sharegov.parties.Body` (a party that is not a council)."""
    from sharegov.parties import Body

    return Body(
        id if id is not None else draw(authority_codes.map(str.lower)),
        draw(_TEXT),
        kind=draw(st.sampled_from(["university", "contractor", "improvement partnership"])),
        note=draw(_NOTES),
    )


@st.composite
def officers(
    draw: st.DrawFn, id: str | None = None, *, employers: Sequence[str] = _COUNCILS
) -> Officer:
    """An officer employed by one of ``employers``, perhaps with assumed facts."""
    officer = Officer(
        id if id is not None else draw(authority_codes.map(str.lower)),
        draw(_TEXT),
        draw(st.sampled_from(list(employers))),
    )
    return _with_assumed(draw, officer)  # type: ignore[no-any-return]


@st.composite
def posts(
    draw: st.DrawFn,
    id: str = "post",
    *,
    parties: Sequence[str] = _COUNCILS,
    holders: Sequence[str] = (),
) -> Post:
    """A post serving some of ``parties``, held by one of ``holders`` or vacant, with
    dates, extensions and assumed facts."""
    from sharegov.parties import StatutoryRole

    start, end, history = draw(_span())
    post = Post(
        id,
        draw(_TEXT),
        draw(st.lists(st.sampled_from(list(parties)), min_size=1, unique=True)),
        roles=draw(st.frozensets(st.sampled_from(StatutoryRole))),
        holder=draw(st.none() | st.sampled_from(list(holders))) if holders else None,
        employer=draw(st.none() | st.sampled_from(list(parties))),
        start=start,
        end=end,
        history=history,
    )
    return _with_assumed(draw, post)  # type: ignore[no-any-return]


@st.composite
def terms(draw: st.DrawFn, *, parties: Sequence[str] = _COUNCILS) -> Any:
    """A :class:`~sharegov.concordat.Term`: a trial, its first review within it, later
    reviews, and sometimes an end, perhaps by an agreement of some of ``parties`` to end it
    (which may come before the first review)."""
    from dateutil.relativedelta import relativedelta

    from sharegov.concordat import Agreement, ExitRecord, Term

    start = draw(_DAYS)
    trial = draw(periods())
    end = draw(st.none() | st.dates(start, dt.date(2040, 12, 31)))
    first = draw(
        st.sampled_from([relativedelta(days=1), relativedelta(months=1), trial]).filter(
            lambda p: start + p <= start + trial
        )
    )
    return Term(
        start,
        trial=trial,
        first_review=first,
        then_every=draw(periods()),
        reviewers=draw(st.lists(_TEXT, max_size=2)),
        independently=draw(st.booleans()),
        end=end,
        # Ended by agreement before the first review fell, or as it chose.
        exit=None
        if end is None or (end >= start + first and not draw(st.booleans()))
        else ExitRecord(
            end,
            agreements=[
                Agreement(code, draw(_TEXT), body=draw(_TEXT), on=end)
                for code in draw(st.lists(st.sampled_from(list(parties)), unique=True))
            ],
            reason=draw(_NOTES),
            handling=draw(_NOTES),
        ),
    )


@st.composite
def service_arrangements(
    draw: st.DrawFn,
    id: str = "s0",
    *,
    parties: Sequence[str] = _COUNCILS,
    bodies: Sequence[str] = (),
    others: Sequence[str] = (),
) -> Any:
    """A :class:`~sharegov.concordat.ServiceArrangement` among some of ``parties``, funded
    or provided by ``bodies``, depending on ``others`` (arrangement ids), with parties
    joining and leaving, extensions, a term and assumed facts."""
    from sharegov.concordat import ArrangementKind, ServiceArrangement

    chosen = draw(st.lists(st.sampled_from(list(parties)), min_size=1, unique=True))
    start, end, history = draw(_span())
    joined = draw(st.dictionaries(st.sampled_from(chosen), _DAYS))
    left = {
        code: draw(st.dates(joined.get(code, dt.date(2000, 1, 1)), dt.date(2040, 12, 31)))
        for code in draw(st.lists(st.sampled_from(chosen), unique=True))
    }
    arrangement = ServiceArrangement(
        id,
        draw(st.sampled_from(["Payroll", "Internal audit", "ICT", "Building control"])),
        chosen,
        kind=draw(st.sampled_from(ArrangementKind)),
        host=draw(st.none() | st.sampled_from(chosen)),
        lead=draw(st.none() | st.sampled_from(chosen)),
        start=start,
        end=end,
        depends_on=draw(st.lists(st.sampled_from(list(others)), unique=True)) if others else (),
        funded_by=draw(st.lists(st.sampled_from(list(bodies)), unique=True)) if bodies else (),
        provider=draw(st.none() | st.sampled_from(list(bodies))) if bodies else None,
        joined=joined,
        left=left,
        history=history,
        term=draw(st.none() | terms(parties=chosen)),
        note=draw(_NOTES),
    )
    return _with_assumed(draw, arrangement)


@st.composite
def secondments(
    draw: st.DrawFn,
    officer: str = "staff",
    *,
    parties: Sequence[str] = _COUNCILS,
    arrangements: Sequence[str] = (),
    posts: Sequence[str] = (),
) -> Any:
    """A :class:`~sharegov.agreements.Secondment` between two of ``parties`` (two or more)."""
    from sharegov.agreements import Secondment

    employer, host = draw(
        st.lists(st.sampled_from(list(parties)), min_size=2, max_size=2, unique=True)
    )
    start, end, history = draw(_span())
    secondment = Secondment(
        officer,
        employer=employer,
        host=host,
        share=draw(st.none() | st.fractions(0, 1, max_denominator=12).filter(lambda f: f > 0)),
        arrangement=draw(st.none() | st.sampled_from(list(arrangements))) if arrangements else None,
        post=draw(st.none() | st.sampled_from(list(posts))) if posts else None,
        start=start,
        end=end,
        history=history,
        note=draw(_NOTES),
    )
    return _with_assumed(draw, secondment)


@st.composite
def indicators(draw: st.DrawFn) -> Any:
    """A performance :class:`~sharegov.agreements.Indicator`, its target perhaps unknown."""
    from sharegov.agreements import Indicator

    return _with_assumed(draw, Indicator(draw(_TEXT), target=draw(st.none() | _TEXT)))


@st.composite
def service_level_agreements(draw: st.DrawFn, id: str = "sla", *, arrangement: Any = None) -> Any:
    """A :class:`~sharegov.agreements.ServiceLevelAgreement` for ``arrangement`` (a
    :class:`~sharegov.concordat.ServiceArrangement`; one is drawn if not given), between
    some of its parties."""
    from sharegov.agreements import ServiceLevelAgreement

    if arrangement is None:
        arrangement = draw(service_arrangements())
    start = draw(st.none() | _DAYS)
    sla = ServiceLevelAgreement(
        id,
        arrangement=arrangement.id,
        parties=draw(st.lists(st.sampled_from(arrangement.parties), unique=True)),
        service=draw(st.none() | _TEXT),
        start=start,
        end=draw(st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2040, 12, 31))),
        indicators=draw(st.lists(indicators(), max_size=2)),
        reviews=sorted(draw(st.lists(_DAYS, max_size=3))),
        status=draw(st.sampled_from(_STATUSES)),
        note=draw(_NOTES),
    )
    return _with_assumed(draw, sla)


@st.composite
def exit_strategies(draw: st.DrawFn, *, arrangement: Any = None) -> Any:
    """An :class:`~sharegov.agreements.ExitStrategy` for ``arrangement`` (drawn if not
    given), its exit costs split among that arrangement's parties."""
    from sharegov.agreements import ExitStrategy

    if arrangement is None:
        arrangement = draw(service_arrangements())
    exit_strategy = ExitStrategy(
        arrangement=arrangement.id,
        notice=draw(st.none() | periods()),
        exit_costs=draw(st.none() | split_rules(list(arrangement.parties))),
        terms=draw(_NOTES),
        status=draw(st.sampled_from(_STATUSES)),
        note=draw(_NOTES),
    )
    return _with_assumed(draw, exit_strategy)


@st.composite
def scrutiny_arrangements(draw: st.DrawFn, *, arrangements: Sequence[str] = ("s0",)) -> Any:
    """A :class:`~sharegov.agreements.ScrutinyArrangement` of some of ``arrangements``."""
    from sharegov.agreements import ScrutinyArrangement

    scrutiny = ScrutinyArrangement(
        arrangements=draw(st.lists(st.sampled_from(list(arrangements)), unique=True))
        if arrangements
        else (),
        body=draw(st.none() | st.just("Joint Scrutiny Committee") | _TEXT),
        joint=draw(st.booleans()),
        call_in=draw(st.none() | st.booleans()),
        status=draw(st.sampled_from(_STATUSES)),
        note=draw(_NOTES),
    )
    return _with_assumed(draw, scrutiny)


@st.composite
def statutory_duties(
    draw: st.DrawFn,
    *,
    authorities: Sequence[str] = _COUNCILS,
    posts: Sequence[str] = (),
    arrangements: Sequence[str] = (),
) -> Any:
    """A :class:`~sharegov.agreements.StatutoryDuty` kept by one of ``authorities``."""
    from sharegov.agreements import StatutoryDuty
    from sharegov.parties import StatutoryRole

    duty = StatutoryDuty(
        draw(st.sampled_from(["Monitoring Officer", "Electoral registration"]) | _TEXT),
        authority=draw(st.sampled_from(list(authorities))),
        role=draw(st.none() | st.sampled_from(StatutoryRole)),
        post=draw(st.none() | st.sampled_from(list(posts))) if posts else None,
        arrangements=draw(st.lists(st.sampled_from(list(arrangements)), unique=True))
        if arrangements
        else (),
        note=draw(_NOTES),
    )
    return _with_assumed(draw, duty)


# -- money in files: pots, plans with assumed figures, apportionment schedules --


@st.composite
def allocations(draw: st.DrawFn, *, max_pence: int = 10**8) -> Any:
    """An :class:`~sharegov.costs.Allocation` of £0 to ``max_pence``."""
    from sharegov.costs import Allocation

    assumed = draw(st.booleans())
    return Allocation(
        draw(_TEXT),
        draw(moneys(0, max_pence)),
        purpose=draw(_NOTES),
        assumed=assumed,
        note=draw(_TEXT) if assumed else draw(_NOTES),
    )


@st.composite
def pots(draw: st.DrawFn, id: str = "pot") -> Any:
    """A :class:`~sharegov.costs.Pot` whose allocations never exceed it (its size may be
    unknown)."""
    from sharegov.costs import Pot
    from sharegov.money import Money

    given = draw(st.lists(allocations(), max_size=4))
    total = sum((a.amount for a in given), Money(0))
    size = draw(st.none() | st.integers(0, 10**8).map(lambda extra: total + Money(extra)))
    return Pot(
        id,
        draw(_TEXT),
        size,
        allocations=given,
        decided_on=draw(st.none() | _DAYS),
        by=draw(_NOTES),
        unused=draw(_NOTES),
        assumed=draw(st.booleans()),
        note=draw(_NOTES),
    )


def _amounts(min_pence: int = 0, max_pence: int = 10**9) -> st.SearchStrategy[Any]:
    """An amount, or a range of amounts when the paper gives one."""
    from sharegov.money import MoneyRange

    ends = st.lists(moneys(min_pence, max_pence), min_size=2, max_size=2).map(sorted)
    return moneys(min_pence, max_pence) | ends.map(lambda pair: MoneyRange(*pair))


@st.composite
def cost_items(draw: st.DrawFn, id: str = "i0", *, parties: Sequence[str] = _COUNCILS) -> Any:
    """A :class:`~sharegov.costs.CostItem` (one-off or recurring, shared or not), perhaps
    assumed, with its own split rule over ``parties`` or none."""
    from sharegov.costs import Category, CostItem
    from sharegov.money import FinancialYear

    year = FinancialYear(draw(st.integers(2005, 2015)))
    recurring = draw(st.booleans())
    shared = draw(st.booleans())
    return CostItem(
        id,
        draw(_TEXT),
        draw(_amounts(-(10**6))),
        category=draw(st.sampled_from(Category)),
        year=year,
        recurring=recurring,
        until=year + draw(st.integers(0, 3)) if recurring and draw(st.booleans()) else None,
        shared=shared,
        incurred_by=None
        if shared and draw(st.booleans())
        else draw(st.sampled_from(list(parties))),
        split=draw(st.none() | split_rules(list(parties)) | apportion_rules(list(parties))),
        assumed=draw(st.booleans()),
        note=draw(_NOTES),
    )


@st.composite
def grants(draw: st.DrawFn, *, items: Sequence[str] = ()) -> Any:
    """A :class:`~sharegov.costs.Grant`, covering some of ``items`` or every shared one."""
    from sharegov.costs import Grant

    return Grant(
        draw(_TEXT),
        draw(_amounts()),
        covers=draw(st.none() | st.sets(st.sampled_from(list(items)), min_size=1))
        if items
        else None,
        assumed=draw(st.booleans()),
        note=draw(_NOTES),
    )


@st.composite
def savings_streams(draw: st.DrawFn, id: str = "sv0", *, parties: Sequence[str] = _COUNCILS) -> Any:
    """A :class:`~sharegov.costs.SavingsStream` from a date or a financial year."""
    from sharegov.costs import SavingsStream
    from sharegov.money import FinancialYear

    return SavingsStream(
        id,
        draw(_TEXT),
        draw(_amounts(-(10**6))),
        start=draw(_DAYS | st.builds(FinancialYear, st.integers(2005, 2015))),
        years=draw(st.none() | st.integers(1, 10)),
        split=draw(st.none() | split_rules(list(parties))),
        assumed=draw(st.booleans()),
        note=draw(_NOTES),
    )


@st.composite
def cost_plans(draw: st.DrawFn, parties: Sequence[str] = _COUNCILS) -> Any:
    """A :class:`~sharegov.costs.CostPlan` between ``parties``: items, grants and savings,
    each perhaps assumed, split by any rule (apportionment schedules included)."""
    from sharegov.costs import CostPlan

    codes = list(parties)
    items = [draw(cost_items(f"i{k}", parties=codes)) for k in range(draw(st.integers(0, 3)))]
    ids = [item.id for item in items]
    rules = split_rules(codes) | apportion_rules(codes)
    return CostPlan(
        codes,
        items=items,
        grants=draw(st.lists(grants(items=ids), max_size=2)),
        savings=[
            draw(savings_streams(f"sv{k}", parties=codes)) for k in range(draw(st.integers(0, 2)))
        ],
        cost_split=draw(rules),
        savings_split=draw(split_rules(codes)),
    )


@st.composite
def apportionments(draw: st.DrawFn, parties: Sequence[str] = _COUNCILS) -> Any:
    """An :class:`~sharegov.apportion.Apportionment` line over ``parties``: whole or
    fractional drivers, perhaps actuals and a tolerance, perhaps the published percentages
    (always the ones the drivers give), perhaps dates."""
    from sharegov.apportion import BASES, Apportionment

    codes = list(parties)
    count = st.integers(0, 10_000) | st.fractions(0, 10_000, max_denominator=12)
    drivers = draw(
        st.fixed_dictionaries(dict.fromkeys(codes, count)).filter(lambda d: any(d.values()))
    )
    actual = draw(
        st.none()
        | st.fixed_dictionaries(dict.fromkeys(codes, count)).filter(lambda d: any(d.values()))
    )
    start = draw(st.none() | _DAYS)
    line = Apportionment(
        draw(_TEXT),
        basis=draw(st.sampled_from(BASES) | _TEXT),
        drivers=drivers,
        actual=actual,
        tolerance=draw(st.fractions(0, 10, max_denominator=4)),
        effective_from=start,
        effective_to=draw(
            st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2040, 12, 31))
        ),
    )
    if draw(st.booleans()):
        import attrs

        line = attrs.evolve(line, published=dict(line.percentages()))
    return line


def apportion_rules(parties: Sequence[str]) -> st.SearchStrategy[Any]:
    """Split rules from :mod:`sharegov.apportion` over ``parties``: a schedule line, a split
    changing with effect from a day (between linear share-based rules), or a dampened one."""
    codes = list(parties)
    return st.one_of(apportionments(codes), _with_effect_from(codes), _dampened(codes))


def _with_effect_from(codes: list[str]) -> st.SearchStrategy[Any]:
    from sharegov.apportion import WithEffectFrom

    linear = split_rules(codes).filter(lambda rule: rule.linear)
    return st.builds(
        lambda before, after, day: WithEffectFrom(before, after, day=day), linear, linear, _DAYS
    )


def _dampened(codes: list[str]) -> st.SearchStrategy[Any]:
    from sharegov.apportion import Dampened

    return st.builds(
        lambda rule, old: Dampened(rule, old=old),
        split_rules(codes) | apportionments(codes),
        st.fixed_dictionaries(dict.fromkeys(codes, moneys(0, 10**9))),
    )


# -- decisions, meeting plans, assumptions --


@st.composite
def council_decisions(
    draw: st.DrawFn, authority: str = "A", *, body: str = "Council", on: dt.date | None = None
) -> Any:
    """A :class:`~sharegov.decisions.CouncilDecision` by ``body`` of ``authority``, on or
    after ``on``; an amended one always with its terms."""
    from sharegov.decisions import CouncilDecision, Resolution

    resolution = draw(st.sampled_from(Resolution))
    assumed = draw(st.booleans())
    return CouncilDecision(
        authority,
        resolution,
        on=draw(st.dates(on or dt.date(2000, 1, 1), dt.date(2040, 12, 31))),
        body=body,
        minute=draw(st.none() | _TEXT),
        terms=draw(_TEXT if resolution is Resolution.AMENDED else _NOTES),
        assumed=assumed,
        note=draw(_NOTES),
    )


@st.composite
def recommendations(draw: st.DrawFn, id: str = "r0", *, to: Sequence[str] = _COUNCILS) -> Any:
    """A :class:`~sharegov.decisions.Recommendation` to some of ``to`` (authority codes or
    board ids), with scheduled dates and decisions in date order per council."""
    from sharegov.decisions import Recommendation

    made = draw(_DAYS)
    addressed = draw(
        st.dictionaries(
            st.sampled_from(list(to)), st.sampled_from(["Council", "Cabinet", "Board"]), min_size=1
        )
    )
    scheduled = {
        code: draw(st.dates(made, dt.date(2040, 12, 31)))
        for code in draw(st.lists(st.sampled_from(list(addressed)), unique=True))
    }
    decisions = []
    last: dict[str, dt.date] = {}
    for code in draw(st.lists(st.sampled_from(list(addressed)), max_size=3)):
        decision = draw(council_decisions(code, body=addressed[code], on=last.get(code, made)))
        last[code] = decision.on
        decisions.append(decision)
    return Recommendation(
        id,
        draw(_TEXT),
        to=addressed,
        made_on=made,
        by=draw(_TEXT),
        conditions=draw(st.lists(_TEXT, max_size=2)),
        scheduled=scheduled,
        decisions=decisions,
        assumed=draw(st.booleans()),
        note=draw(_NOTES),
    )


@st.composite
def meeting_plans(draw: st.DrawFn, board: Board | None = None) -> Any:
    """A :class:`~sharegov.meetings.MeetingPlan` of ``board`` (drawn if not given): a
    recurrence rule, explicit dates, or both, with hosts in rotation and their venues."""
    from sharegov.meetings import MeetingPlan
    from sharegov.timeline import NATIONS

    if board is None:
        board = draw(boards(max_authorities=3, max_seats=3))
    codes = [a.code for a in board.authorities]
    schedule = draw(st.none() | schedules())
    dates = draw(st.lists(_DAYS, min_size=0 if schedule else 1, max_size=3, unique=True))
    return MeetingPlan(
        board,
        schedule=schedule,
        dates=dates,
        hosts=draw(st.lists(st.sampled_from(codes), unique=True)),
        venues=draw(st.dictionaries(st.sampled_from(codes), _TEXT)),
        clear_days=draw(st.integers(0, 10)),
        # A plan's nation may not contradict its board's GSS codes (MeetingPlan refuses it).
        nation=draw(st.sampled_from([None, board.nation]))
        if board.nation is not None
        else draw(st.none() | st.sampled_from(sorted(NATIONS))),
    )


@st.composite
def assumptions(draw: st.DrawFn, *, boards: Sequence[str] = ("jc",)) -> Any:
    """An :class:`~sharegov.io.files.Assumption`: a path in a file to one of ``boards``'
    parts, or into another section, and why it is assumed."""
    from sharegov.io.files import Assumption

    field = draw(st.sampled_from(["rule", "seats", "chair_rule", "quorum"]))
    paths = [f"boards.{b}.{field}" for b in boards]
    paths += ["costs.items", "concordat.term", "meetings", "pots", "recommendations"]
    return Assumption(draw(st.sampled_from(paths)), draw(_TEXT))


@st.composite
def arrangements(draw: st.DrawFn) -> Any:
    """A whole :class:`~sharegov.io.files.Arrangement` with the newer sections: bodies,
    officers, posts, service arrangements (joined, left, extensions, terms), secondments,
    service levels, exit strategies, scrutiny, statutory duties, cost plans with assumed
    figures and apportionment schedules, pots, recommendations, meeting plans, assumptions
    and schedule lines. Every cross-reference resolves: ``sharegov check`` passes on it.
    """
    from sharegov.io.files import Arrangement

    board = draw(boards(max_authorities=3, max_seats=3))
    codes = [a.code for a in board.authorities]
    body_ids = _ids("body", draw(st.integers(0, 2)))
    parties = [*codes, *body_ids]
    officer_ids = _ids("off", draw(st.integers(0, 3)))
    services: list[Any] = []
    for i in range(draw(st.integers(0, 3))):
        services.append(
            draw(
                service_arrangements(
                    f"svc{i}", parties=parties, bodies=body_ids, others=[s.id for s in services]
                )
            )
        )
    service_ids = [s.id for s in services]
    post_list = [
        draw(posts(f"post{i}", parties=parties, holders=officer_ids))
        for i in range(draw(st.integers(0, 2)))
    ]
    post_ids = [p.id for p in post_list]
    seconded = (
        [
            draw(
                secondments(
                    draw(st.sampled_from(officer_ids)),
                    parties=parties,
                    arrangements=service_ids,
                    posts=post_ids,
                )
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        if officer_ids and len(parties) > 1
        else []
    )
    return Arrangement(
        "Generated arrangement",
        authorities=board.authorities,
        boards={"jc": board},
        arrangements=services,
        costs=draw(st.none() | cost_plans(codes)),
        cost_plans={f"plan{k}": draw(cost_plans(codes)) for k in range(draw(st.integers(0, 1)))},
        pots=[draw(pots(f"pot{k}")) for k in range(draw(st.integers(0, 2)))],
        recommendations=[
            draw(recommendations(f"r{k}", to=[*codes, "jc"]))
            for k in range(draw(st.integers(0, 2)))
        ],
        meeting_plans=draw(st.lists(meeting_plans(board), max_size=1)),
        assumptions=draw(st.lists(assumptions(boards=["jc"]), max_size=2)),
        apportionments=draw(st.lists(apportionments(codes), max_size=2)),
        description=draw(_NOTES),
        bodies=[draw(bodies(b)) for b in body_ids],
        officers=[draw(officers(o, employers=parties)) for o in officer_ids],
        posts=post_list,
        secondments=seconded,
        service_levels=[
            draw(service_level_agreements(f"sla{k}", arrangement=draw(st.sampled_from(services))))
            for k in range(draw(st.integers(0, 2) if services else st.just(0)))
        ],
        exit_strategies=[
            draw(exit_strategies(arrangement=s))
            for s in draw(st.lists(st.sampled_from(services), unique_by=lambda s: s.id))
        ]
        if services
        else [],
        scrutiny=draw(st.lists(scrutiny_arrangements(arrangements=service_ids), max_size=1)),
        statutory_duties=draw(
            st.lists(
                statutory_duties(authorities=codes, posts=post_ids, arrangements=service_ids),
                max_size=2,
            )
        ),
    )


@st.composite
def discount_rates(draw: st.DrawFn) -> Any:
    """A :class:`~sharegov.discount.DiscountRate`: one rate, or bands stepping from year 0."""
    from sharegov.discount import DiscountRate

    rate = st.fractions(0, Fraction(1, 5), max_denominator=1000)
    firsts = sorted(draw(st.sets(st.integers(1, 300), max_size=3)))
    return DiscountRate([(first, draw(rate)) for first in [0, *firsts]], name=draw(_NOTES))


@st.composite
def inflations(draw: st.DrawFn) -> Any:
    """An :class:`~sharegov.discount.Inflation` rate from -5% to 20% with a base year."""
    from sharegov.discount import Inflation
    from sharegov.money import FinancialYear

    return Inflation(
        draw(st.fractions(Fraction(-1, 20), Fraction(1, 5), max_denominator=1000)),
        base_year=FinancialYear(draw(st.integers(2000, 2030))),
    )
