"""Arrangement files: TOML, YAML or JSON in, the same out, validated on the way.

An :class:`Arrangement` is everything one file describes: the authorities, their boards
(with members, rules and quorum) and the service arrangements between them. Loading
checks the file against the JSON Schema first (:mod:`sharegov.io.schema`), then builds
the domain objects, whose own validation runs too; every problem is reported at once,
one line each, with the file and the path inside it::

    bromsgrove.toml: boards.ssb.seats.BDC: expected a positive integer, got -1

Files are data only: YAML is read with ``yaml.safe_load``, nothing is executed or
imported, and files larger than :data:`MAX_BYTES` or nested deeper than
:data:`MAX_DEPTH` are refused.

Examples:
    >>> from sharegov.io import dumps, loads
    >>> from sharegov.reference import bromsgrove_redditch_arrangement
    >>> text = dumps(bromsgrove_redditch_arrangement(), "toml")
    >>> print(text.splitlines()[0])
    name = "Bromsgrove and Redditch strategic alliance"
    >>> loads(text, "toml") == bromsgrove_redditch_arrangement()
    True
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

import attrs
from dateutil.relativedelta import relativedelta

from sharegov._frozen import FrozenMap
from sharegov._optional import require
from sharegov._validate import identifier, instances
from sharegov.agreements import (
    ExitStrategy,
    ScrutinyArrangement,
    Secondment,
    ServiceLevelAgreement,
    StatutoryDuty,
)
from sharegov.apportion import Apportionment, Dampened, WithEffectFrom
from sharegov.boards import (
    STATUTORY_MAJORITY,
    Board,
    ChairRule,
    ElectedChair,
    FixedChair,
    HostLeaderChairs,
    Membership,
    Outcome,
    _count,
    _counted,
)
from sharegov.concordat import _VERSIONED, Concordat, ServiceArrangement
from sharegov.conflicts import (
    DelegationScheme,
    Dispensation,
    InterestKind,
    InterestOrders,
    OfficerConflict,
    Register,
)
from sharegov.costs import (
    Capped,
    CaseByCase,
    CostPlan,
    Equal,
    Fixed,
    Floored,
    HostRecharge,
    LeadPays,
    Mix,
    Pot,
    Proportional,
    SplitRule,
)
from sharegov.decisions import Recommendation
from sharegov.errors import (
    InvalidValue,
    InvalidVote,
    LimitExceeded,
    SharegovError,
    UnknownId,
    expected,
    shown,
)
from sharegov.io._guard import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    FileError,
    check_data,
    parse_json,
    parse_yaml,
    read_text,
    scan_toml,
)
from sharegov.io.schema import RULE_TYPES, _hints
from sharegov.meetings import Meeting, MeetingPlan, _keyed
from sharegov.money import FinancialYear, Money, MoneyRange
from sharegov.parties import Authority, Body, Member, Officer, Post, _text, assumed_lines
from sharegov.rules import (
    AllOf,
    AnyOf,
    AtLeast,
    DoubleMajority,
    EachAuthority,
    FirstOf,
    Quorum,
    Rule,
    Vote,
    Weighted,
)
from sharegov.timeline import Deadline, Phase

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "VOTE_RECORD_FIELDS",
    "Arrangement",
    "Assumption",
    "FileError",
    "VoteRecord",
    "dump",
    "dumps",
    "from_data",
    "load",
    "load_data",
    "loads",
    "read_vote_record",
    "seat_substitutes",
    "to_data",
]

Format = Literal["toml", "yaml", "json"]
_SUFFIXES: dict[str, Format] = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


# ---------------------------------------------------------------------------------------------
# The aggregate
# ---------------------------------------------------------------------------------------------


def _authorities(value: Any) -> tuple[Authority, ...]:
    return instances(value, Authority, "authorities")


def _arrangements(value: Any) -> tuple[ServiceArrangement, ...]:
    return instances(value, ServiceArrangement, "arrangements")


def _phases(value: Any) -> tuple[Phase, ...]:
    return instances(value, Phase, "phases")


def _deadlines(value: Any) -> tuple[Deadline, ...]:
    return instances(value, Deadline, "deadlines")


def _registers(value: Any) -> tuple[Register, ...]:
    return instances(value, Register, "registers")


def _dispensations(value: Any) -> tuple[Dispensation, ...]:
    return instances(value, Dispensation, "dispensations")


def _schemes(value: Any) -> tuple[DelegationScheme, ...]:
    return instances(value, DelegationScheme, "delegation_schemes")


def _officer_conflicts(value: Any) -> tuple[OfficerConflict, ...]:
    return instances(value, OfficerConflict, "officer_conflicts")


def _meetings(value: Any) -> tuple[Meeting, ...]:
    return instances(value, Meeting, "meetings")


def _meeting_plans(value: Any) -> tuple[MeetingPlan, ...]:
    return instances(value, MeetingPlan, "meeting_plans")


def _bodies(value: Any) -> tuple[Body, ...]:
    return instances(value, Body, "bodies")


def _officers(value: Any) -> tuple[Officer, ...]:
    return instances(value, Officer, "officers")


def _posts(value: Any) -> tuple[Post, ...]:
    return instances(value, Post, "posts")


def _secondments(value: Any) -> tuple[Secondment, ...]:
    return instances(value, Secondment, "secondments")


def _service_levels(value: Any) -> tuple[ServiceLevelAgreement, ...]:
    return instances(value, ServiceLevelAgreement, "service_levels")


def _exit_strategies(value: Any) -> tuple[ExitStrategy, ...]:
    return instances(value, ExitStrategy, "exit_strategies")


def _scrutiny(value: Any) -> tuple[ScrutinyArrangement, ...]:
    return instances(value, ScrutinyArrangement, "scrutiny")


def _statutory_duties(value: Any) -> tuple[StatutoryDuty, ...]:
    return instances(value, StatutoryDuty, "statutory_duties")


_PARTIES_A: dict[str, type[Any]] = {
    "bodies": Body,
    "officers": Officer,
    "posts": Post,
    "secondments": Secondment,
    "service_levels": ServiceLevelAgreement,
    "exit_strategies": ExitStrategy,
    "scrutiny": ScrutinyArrangement,
    "statutory_duties": StatutoryDuty,
}
"""Top-level lists of parties that are not councils, officers and posts, and the agreements
between the parties, each of one class, in the order files hold them (after
``arrangements``); each names authorities, bodies, officers, posts and arrangements by id."""


def _cost_plans(value: Any) -> FrozenMap[str, CostPlan]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected("cost_plans", "a mapping of service id to CostPlan", value))
    for key, plan in value.items():
        if not isinstance(plan, CostPlan):
            raise InvalidValue(expected(f"cost_plans.{key}", "a CostPlan", plan))
    return FrozenMap(value)


def _pots(value: Any) -> tuple[Pot, ...]:
    return instances(value, Pot, "pots")


def _recommendations(value: Any) -> tuple[Recommendation, ...]:
    return instances(value, Recommendation, "recommendations")


def _assumption_path(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A path in the file: an identifier (no spaces, control or bidirectional characters)
    starting with a letter or underscore."""
    identifier(instance, attribute, value)
    if not re.match(r"[A-Za-z_]", value):
        raise InvalidValue(expected("path", "a path in the file, such as 'boards.b.rule'", value))


@attrs.frozen
class Assumption:
    """A fact in the file that the paper does not give, for a part of the file that has no
    ``assumed`` flag of its own (a board's seats or rule, say): the path inside the file,
    and why. ``sharegov check`` lists each, and ``sharegov decide`` shows those of the
    board it decides under.

    Args:
        path: Where in the file, e.g. ``"boards.emiep.rule"``.
        note: What is assumed and why.
    """

    # Both as strict as the file's schema, so any Assumption saves and loads back equal.
    path: str = attrs.field(validator=_assumption_path)
    note: str = attrs.field(validator=_text)

    def describe(self) -> str:
        """The assumption in a line."""
        return f"{self.path}: assumed, not minuted: {self.note}"


def _assumptions(value: Any) -> tuple[Assumption, ...]:
    return instances(value, Assumption, "assumptions")


def _apportionments(value: Any) -> tuple[Apportionment, ...]:
    return instances(value, Apportionment, "apportionments")


def _boards(value: Any) -> FrozenMap[str, Board]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected("boards", "a mapping of board id to Board", value))
    for key, board in value.items():
        if not isinstance(board, Board):
            raise InvalidValue(expected(f"boards.{key}", "a Board", board))
    return FrozenMap(value)


@attrs.frozen
class Arrangement:
    """Everything one arrangement file describes.

    Args:
        name: The arrangement's name, e.g. "Bromsgrove and Redditch strategic alliance".
        authorities: Every authority any board or arrangement refers to.
        boards: Boards and joint committees, by id.
        arrangements: Service arrangements (shared services, posts, contracts).
        phases: Phases ("identify by X for implementation by Y"), with their amendments.
        deadlines: Other deadlines, with their amendments.
        costs: The finances: costs, funding, savings and how they are split.
        concordat: The concordat (its latest version; earlier ones hang off ``previous``).
        registers: Members' registers of interests.
        dispensations: Dispensations granted to members.
        delegation_schemes: Each authority's scheme for who acts when an officer is
            conflicted.
        officer_conflicts: Conflicts that stop shared officers acting.
        meeting_plans: Boards' recurring meetings.
        meetings: Records of meetings held.
        cost_plans: Further cost plans, one per service, by service id (``costs`` is the
            arrangement's own; ``sharegov split FILE --plan ID`` picks one of these).
        pots: Sums held to be given out (a capital pot), with their allocations.
        recommendations: A board's recommendations, each council's (or body's) decision
            on them; addressed to authorities or boards in the file.
        assumptions: Facts the paper does not give, by their path in the file, for parts
            of the file with no ``assumed`` flag of their own (a board's seats or rule).
        description: Free text.
        bodies: Parties that are not councils (universities, contractors, regional
            bodies, improvement partnerships), by id; arrangements name them as parties,
            funders or providers.
        officers: Officers, each with an employer (an authority or body).
        posts: Posts (shared or not), with their statutory roles and holders.
        secondments: Staff employed by one party and seconded to another.
        service_levels: Service level agreements.
        exit_strategies: Exit strategies and termination terms.
        scrutiny: Scrutiny arrangements (a joint scrutiny body, call-in).
        statutory_duties: Which authority keeps each statutory duty.

    Raises:
        InvalidValue: Duplicate authority codes, or a board, arrangement, scheme or
            concordat naming an authority that is not listed.

    A concordat, meeting or meeting plan names its board by id in the file when the board
    is one of :attr:`boards` (and is written out in full when it is not).
    """

    name: str = attrs.field(validator=attrs.validators.min_len(1))
    authorities: tuple[Authority, ...] = attrs.field(
        default=(), kw_only=True, converter=_authorities
    )
    boards: FrozenMap[str, Board] = attrs.field(factory=FrozenMap, kw_only=True, converter=_boards)
    arrangements: tuple[ServiceArrangement, ...] = attrs.field(
        default=(), kw_only=True, converter=_arrangements
    )
    phases: tuple[Phase, ...] = attrs.field(default=(), kw_only=True, converter=_phases)
    deadlines: tuple[Deadline, ...] = attrs.field(default=(), kw_only=True, converter=_deadlines)
    costs: CostPlan | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(CostPlan)),
    )
    concordat: Concordat | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(Concordat)),
    )
    registers: tuple[Register, ...] = attrs.field(default=(), kw_only=True, converter=_registers)
    dispensations: tuple[Dispensation, ...] = attrs.field(
        default=(), kw_only=True, converter=_dispensations
    )
    delegation_schemes: tuple[DelegationScheme, ...] = attrs.field(
        default=(), kw_only=True, converter=_schemes
    )
    officer_conflicts: tuple[OfficerConflict, ...] = attrs.field(
        default=(), kw_only=True, converter=_officer_conflicts
    )
    meeting_plans: tuple[MeetingPlan, ...] = attrs.field(
        default=(), kw_only=True, converter=_meeting_plans
    )
    meetings: tuple[Meeting, ...] = attrs.field(default=(), kw_only=True, converter=_meetings)
    cost_plans: FrozenMap[str, CostPlan] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_cost_plans
    )
    pots: tuple[Pot, ...] = attrs.field(default=(), kw_only=True, converter=_pots)
    recommendations: tuple[Recommendation, ...] = attrs.field(
        default=(), kw_only=True, converter=_recommendations
    )
    assumptions: tuple[Assumption, ...] = attrs.field(
        default=(), kw_only=True, converter=_assumptions
    )
    #: Published apportionment schedules, one line per service (see sharegov.apportion).
    apportionments: tuple[Apportionment, ...] = attrs.field(
        default=(), kw_only=True, converter=_apportionments
    )
    description: str = attrs.field(default="", kw_only=True)
    # Part A of issue 14: bodies, officers, posts and agreements.
    bodies: tuple[Body, ...] = attrs.field(default=(), kw_only=True, converter=_bodies)
    officers: tuple[Officer, ...] = attrs.field(default=(), kw_only=True, converter=_officers)
    posts: tuple[Post, ...] = attrs.field(default=(), kw_only=True, converter=_posts)
    secondments: tuple[Secondment, ...] = attrs.field(
        default=(), kw_only=True, converter=_secondments
    )
    service_levels: tuple[ServiceLevelAgreement, ...] = attrs.field(
        default=(), kw_only=True, converter=_service_levels
    )
    exit_strategies: tuple[ExitStrategy, ...] = attrs.field(
        default=(), kw_only=True, converter=_exit_strategies
    )
    scrutiny: tuple[ScrutinyArrangement, ...] = attrs.field(
        default=(), kw_only=True, converter=_scrutiny
    )
    statutory_duties: tuple[StatutoryDuty, ...] = attrs.field(
        default=(), kw_only=True, converter=_statutory_duties
    )

    def __attrs_post_init__(self) -> None:
        codes = [a.code for a in self.authorities]
        known = set(codes)
        if len(known) != len(codes):
            seen: set[str] = set()
            twice = next(c for c in codes if c in seen or seen.add(c))  # type: ignore[func-returns-value]
            raise InvalidValue(expected("authorities", "unique authority codes", twice))
        listed = set(self.authorities)
        for key, board in self.boards.items():
            for authority in board.authorities:
                if authority not in listed:
                    raise InvalidValue(
                        expected(
                            f"boards.{key}.authorities",
                            "authorities listed in the file",
                            authority.code,
                        )
                    )
        parties = [*codes, *(b.id for b in self.bodies)]
        party_set = frozenset(parties)  # membership tests stay linear over a large file
        for i, arrangement in enumerate(self.arrangements):
            for code in arrangement.parties:
                if code not in party_set:
                    raise InvalidValue(
                        expected(
                            f"arrangements[{i}].parties",
                            f"one of the authorities and bodies {parties}",
                            code,
                        )
                    )
        for code in self.costs.parties if self.costs is not None else ():
            if code not in known:
                raise InvalidValue(expected("costs.parties", f"one of {codes}", code))
        for key, plan in self.cost_plans.items():
            for code in plan.parties:
                if code not in known:
                    raise InvalidValue(
                        expected(f"cost_plans.{key}.parties", f"one of {codes}", code)
                    )
        for i, assumption in enumerate(self.assumptions):
            head, _, rest = assumption.path.partition(".")
            if head.partition("[")[0] not in _SECTIONS:  # "posts[0].holder" is in posts
                what = f"a path starting with one of {sorted(_SECTIONS)}"
                raise InvalidValue(expected(f"assumptions[{i}].path", what, assumption.path))
            key = rest.split(".")[0]
            if head.startswith("boards") and (head != "boards" or key not in self.boards):
                what = f"a path to one of the boards {list(self.boards)}"
                raise InvalidValue(expected(f"assumptions[{i}].path", what, assumption.path))
        addressees = [*codes, *self.boards]
        addressee_set = frozenset(addressees)
        for i, rec in enumerate(self.recommendations):
            for code in rec.to:
                if code not in addressee_set:
                    what = f"one of the authorities or boards {addressees}"
                    raise InvalidValue(expected(f"recommendations[{i}].to", what, code))
        for i, line in enumerate(self.apportionments):
            for code in line.drivers:
                if code not in known:
                    raise InvalidValue(
                        expected(f"apportionments[{i}].drivers", f"one of {codes}", code)
                    )
        for i, scheme in enumerate(self.delegation_schemes):
            if scheme.authority not in known:
                raise InvalidValue(
                    expected(
                        f"delegation_schemes[{i}].authority", f"one of {codes}", scheme.authority
                    )
                )
        for version in self.concordat.versions if self.concordat is not None else ():
            where = "concordat" if version is self.concordat else f"concordat v{version.version}"
            for party in version.parties:
                if party not in listed:
                    raise InvalidValue(
                        expected(f"{where}.parties", "authorities listed in the file", party.code)
                    )

    def board(self, board_id: str) -> Board:
        """The board with ``board_id``.

        Raises:
            UnknownId: No such board; the message lists those there are.
        """
        try:
            return self.boards[board_id]
        except (KeyError, TypeError):  # TypeError: an unhashable id, such as a list
            raise UnknownId(expected("board", f"one of {list(self.boards)}", board_id)) from None

    def cost_plan(self, plan: str | None = None, *, field: str = "plan") -> CostPlan:
        """The cost plan ``plan`` names (an id in :attr:`cost_plans`); without one, the
        file's ``costs``, or its only cost plan. Errors name ``field`` (say, ``--plan``).

        Raises:
            UnknownId: No cost plan has the id ``plan``.
            InvalidValue: No ``plan`` given, no ``costs``, and not exactly one cost plan.

        Examples:
            >>> from sharegov.io import load
            >>> seed = load("examples/seeds/003_em_iep_2009_11_27.toml")
            >>> seed.cost_plan().parties == seed.cost_plan("decats").parties
            True
            >>> seed.cost_plan("ict")
            Traceback (most recent call last):
            ...
            sharegov.errors.UnknownId: plan: expected one of the cost plans ['decats'], got 'ict'
        """
        plans = list(self.cost_plans)
        if plan is not None:
            if plan not in self.cost_plans:
                raise UnknownId(expected(field, f"one of the cost plans {plans}", plan))
            return self.cost_plans[plan]
        if self.costs is not None:
            return self.costs
        if len(plans) == 1:
            return self.cost_plans[plans[0]]
        what = f"one of the cost plans {plans}" if plans else "a [costs] section in the file"
        raise InvalidValue(expected(field if plans else "costs", what, None))

    def authority(self, code: str) -> Authority:
        """The authority with ``code``.

        Raises:
            UnknownId: No such authority.
        """
        for authority in self.authorities:
            if authority.code == code:
                return authority
        raise UnknownId(expected("authority", f"one of {[a.code for a in self.authorities]}", code))


# ---------------------------------------------------------------------------------------------
# Plain data <-> objects
# ---------------------------------------------------------------------------------------------

_RULES = RULE_TYPES
_SPLITS: dict[str, type[SplitRule]] = {
    cls.__name__: cls
    for cls in (
        Equal,
        Proportional,
        Fixed,
        LeadPays,
        HostRecharge,
        CaseByCase,
        Mix,
        Capped,
        Floored,
        Apportionment,
        WithEffectFrom,
        Dampened,
    )
}
_CHAIRS: dict[str, type[ChairRule]] = {
    cls.__name__: cls for cls in (HostLeaderChairs, FixedChair, ElectedChair)
}


def _tag_in(data: Mapping[str, Any], table: Mapping[str, Any]) -> bool:
    """Whether ``data`` is tagged with a ``type`` in ``table`` (a list is no type)."""
    tag = data.get("type")
    return isinstance(tag, str) and tag in table


def _text_args(cls: type[Any], args: Mapping[str, Any]) -> None:
    """Refuse a value that is not text for a field that holds text (attrs does not check)."""
    hints = _hints(cls)
    for name, value in args.items():
        hint = hints.get(name)
        text = hint is str or set(typing.get_args(hint)) == {str, type(None)}
        if text and value is not None and not isinstance(value, str):
            raise InvalidValue(expected(name, "text", value))


def _fraction_out(value: Fraction) -> int | str:
    return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _fraction_in(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidValue(expected("value", "a whole number or a fraction such as '2/3'", value))
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise InvalidValue(
            expected("value", "a whole number or a fraction such as '2/3'", value)
        ) from None


_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}
_PERIOD = "a period such as '12 months' or '1 year 6 months', or {years, months, days}"


def _period_out(period: relativedelta) -> str:
    """``relativedelta(years=1, months=6)`` as ``"1 year 6 months"``; only years, months and
    days can be written (a period with hours or absolute fields is refused)."""
    if period != relativedelta(years=period.years, months=period.months, days=period.days):
        raise InvalidValue(expected("period", "a period of years, months and days", period))
    parts = [
        f"{n} {unit}{'' if abs(n) == 1 else 's'}"
        for unit, n in (("year", period.years), ("month", period.months), ("day", period.days))
        if n
    ]
    return " ".join(parts) or "0 days"


def _period_in(value: Any) -> relativedelta:
    if isinstance(value, Mapping):
        if value and set(value) <= set(_UNITS.values()):
            numbers = dict(value)
            if all(isinstance(n, int) and not isinstance(n, bool) for n in numbers.values()):
                return _period(numbers)
    elif isinstance(value, str):
        words = value.replace(",", " ").replace(" and ", " ").split()
        if words and len(words) % 2 == 0:
            amounts: dict[str, int] = {}
            for number, unit in zip(words[::2], words[1::2], strict=True):
                key = _UNITS.get(unit.removesuffix("s"))
                digits = number.removeprefix("-")
                # ASCII digits only (int() refuses "²"), and at most six of them.
                if key is None or key in amounts or not (digits.isascii() and digits.isdigit()):
                    break
                if len(digits) > 6:
                    break
                amounts[key] = int(number)
            else:
                return _period(amounts)
    raise InvalidValue(expected("period", _PERIOD, value))


def _period(numbers: Mapping[str, int]) -> relativedelta:
    return relativedelta(
        years=numbers.get("years", 0),
        months=numbers.get("months", 0),
        weeks=numbers.get("weeks", 0),
        days=numbers.get("days", 0),
    )


def _time_in(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue(expected("time", "a time as HH:MM", value))


def _vote_in(value: Any) -> Vote:
    try:
        return Vote(value)
    except ValueError:
        raise InvalidValue(expected("vote", f"one of {[v.value for v in Vote]}", value)) from None


def _register_containers(conv: Any) -> None:
    """Sets written sorted and tuples as lists (YAML's safe_dump and TOML accept them), and
    mappings as tables, each element written by ``conv`` itself."""

    def is_set(t: Any) -> bool:
        return (typing.get_origin(t) or t) in (frozenset, set)

    def is_tuple(t: Any) -> bool:
        return (typing.get_origin(t) or t) is tuple

    conv.register_unstructure_hook_func(
        is_set, lambda s: sorted((conv.unstructure(v) for v in s), key=str)
    )
    conv.register_unstructure_hook_func(is_tuple, lambda s: [conv.unstructure(v) for v in s])
    conv.register_unstructure_hook(
        FrozenMap, lambda m: {k: conv.unstructure(v) for k, v in m.items()}
    )


def _apportionment_in(data: Any) -> Apportionment:
    """A schedule line, read strictly: counts as whole numbers or fractions such as '7/2',
    percentages as whole numbers (a float is refused, not truncated)."""
    if not isinstance(data, Mapping):
        raise InvalidValue(expected("apportionment", "a table of service, basis, drivers", data))
    args = {k: v for k, v in data.items() if k != "type"}
    known = {f.name for f in attrs.fields(Apportionment)}
    for name in args:
        if name not in known:
            raise InvalidValue(f"unexpected field {name!r}")
    _text_args(Apportionment, args)
    for name in ("drivers", "actual"):
        if isinstance(args.get(name), Mapping):
            args[name] = {k: _fraction_in(v) for k, v in args[name].items()}
    if "tolerance" in args:
        args["tolerance"] = _fraction_in(args["tolerance"])
    for name in ("effective_from", "effective_to"):
        if args.get(name) is not None:
            args[name] = _date_in(args[name])
    return Apportionment(**args)


@cache
def _converter() -> Any:
    """The converter, built once per process: after this setup it is only read (cattrs
    caches the functions it generates, and generating one twice in two threads is harmless),
    so threads share it."""
    cattrs = require("cattrs", "io")
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)

    conv.register_unstructure_hook(Fraction, _fraction_out)
    conv.register_structure_hook(Fraction, lambda v, _: _fraction_in(v))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, lambda v, _: _date_in(v))
    conv.register_unstructure_hook(dt.time, lambda t: t.isoformat(timespec="minutes"))
    conv.register_structure_hook(dt.time, lambda v, _: _time_in(v))
    conv.register_unstructure_hook(relativedelta, _period_out)
    conv.register_structure_hook(relativedelta, lambda v, _: _period_in(v))
    # Votes are read as Vote (a vote written "for" comes back as Vote.FOR).
    conv.register_structure_hook(Vote | str, lambda v, _: _vote_in(v))
    conv.register_structure_hook(Vote, lambda v, _: _vote_in(v))

    _register_containers(conv)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )

    def rule_out(rule: Rule) -> dict[str, Any]:
        out: dict[str, Any] = {"type": type(rule).__name__}
        if isinstance(rule, FirstOf | AllOf | AnyOf):
            out["rules"] = [rule_out(r) for r in rule.rules]
        elif isinstance(rule, EachAuthority):
            if isinstance(rule.rule, AtLeast):
                out["at_least"] = rule.rule.n
            else:
                out["rule"] = rule_out(rule.rule)
            if rule.casting_within:
                out["casting_within"] = True
        else:
            for name, value in _changed(rule):
                out[name] = rule_out(value) if isinstance(value, Rule) else conv.unstructure(value)
        return out

    def rule_in(data: Any, _: Any = None) -> Rule:
        if not isinstance(data, Mapping) or not _tag_in(data, _RULES):
            raise InvalidValue(expected("type", f"one of {sorted(_RULES)}", _get(data, "type")))
        cls = _RULES[data["type"]]
        args = {k: v for k, v in data.items() if k != "type"}
        if cls in (FirstOf, AllOf, AnyOf):
            return cls(*(rule_in(r) for r in args.get("rules", ())))
        if cls is EachAuthority:
            casting = args.get("casting_within", False)
            if "rule" in args:
                return EachAuthority(rule=rule_in(args["rule"]), casting_within=casting)
            return EachAuthority(at_least=args.get("at_least"), casting_within=casting)
        if cls is DoubleMajority and "within" in args:
            args["within"] = rule_in(args["within"])
        for name in ("more_than", "quota", "authorities", "population", "fraction"):
            if name in args:
                args[name] = _fraction_in(args[name])
        if cls is Weighted:
            weights = {k: _fraction_in(v) for k, v in args.pop("weights", {}).items()}
            return Weighted(weights, **args)
        if cls is AtLeast:
            return AtLeast(args.get("n"))  # type: ignore[arg-type]
        return cls(**args)

    def chair_out(chair: ChairRule) -> dict[str, Any]:
        fields = attrs.fields(type(chair))  # type: ignore[arg-type]
        values = {f.name: getattr(chair, f.name) for f in fields}
        return {"type": type(chair).__name__, **{k: v for k, v in values.items() if v is not None}}

    def chair_in(data: Any, _: Any = None) -> ChairRule:
        if not isinstance(data, Mapping) or not _tag_in(data, _CHAIRS):
            raise InvalidValue(expected("type", f"one of {sorted(_CHAIRS)}", _get(data, "type")))
        args = {k: v for k, v in data.items() if k != "type"}
        return _CHAIRS[data["type"]](**args)  # the chair rules validate their own fields

    def split_out(rule: SplitRule) -> dict[str, Any]:
        out: dict[str, Any] = {"type": type(rule).__name__}
        if isinstance(rule, Mix):
            out["parts"] = [
                {"weight": _fraction_out(w), "rule": split_out(r)} for w, r in rule.parts
            ]
            return out
        for name, value in _changed(rule):
            out[name] = (
                split_out(value) if isinstance(value, SplitRule) else conv.unstructure(value)
            )
        return out

    def split_in(data: Any, _: Any = None) -> SplitRule:
        if not isinstance(data, Mapping) or not _tag_in(data, _SPLITS):
            raise InvalidValue(expected("type", f"one of {sorted(_SPLITS)}", _get(data, "type")))
        cls = _SPLITS[data["type"]]
        args = {k: v for k, v in data.items() if k != "type"}
        _text_args(cls, args)
        if cls is Mix:
            return Mix([(_fraction_in(p["weight"]), split_in(p["rule"])) for p in args["parts"]])
        if cls is Apportionment:
            return _apportionment_in(args)
        for name in ("agreed", "rule", "before", "after"):
            if name in args:
                args[name] = split_in(args[name])
        for name in ("decided_on", "day"):
            if name in args:
                args[name] = _date_in(args[name])
        for name in ("by", "of", "usage"):
            if name in args:
                args[name] = {k: _fraction_in(v) for k, v in args[name].items()}
        return cls(**args)

    def money_in(value: Any, _: Any = None) -> Money | MoneyRange:
        if isinstance(value, str):
            return (
                MoneyRange.parse(value)
                if " to " in value or "between" in value
                else Money.parse(value)
            )
        if isinstance(value, int) and not isinstance(value, bool):
            return Money(value)
        raise InvalidValue(
            expected("amount", "an amount such as '£40,000' or '£30k to £40k'", value)
        )

    def year_in(value: Any, _: Any = None) -> FinancialYear:
        if isinstance(value, int) and not isinstance(value, bool):
            return FinancialYear(value)
        if isinstance(value, str):
            return FinancialYear.parse(value)
        raise InvalidValue(expected("year", "a financial year such as '2008/09'", value))

    def start_in(value: Any, _: Any = None) -> dt.date | FinancialYear:
        if isinstance(value, dt.date) or (isinstance(value, str) and len(value) == 10):
            return _date_in(value)
        return year_in(value)

    conv.register_unstructure_hook(Money, str)
    # Both ends always: str() gives a one-value range as a single amount, which would
    # load back as Money, not the MoneyRange saved.
    conv.register_unstructure_hook(MoneyRange, lambda r: f"{r.low} to {r.high}")
    conv.register_unstructure_hook(FinancialYear, str)
    conv.register_structure_hook(
        Money, lambda v, _: Money.parse(v) if isinstance(v, str) else money_in(v)
    )
    conv.register_structure_hook(Money | MoneyRange, money_in)
    conv.register_structure_hook(FinancialYear, year_in)
    conv.register_structure_hook(dt.date | FinancialYear, start_in)
    conv.register_structure_hook(
        FinancialYear | None, lambda v, _: None if v is None else year_in(v)
    )
    for split_cls in _SPLITS.values():
        conv.register_unstructure_hook(split_cls, split_out)
    conv.register_unstructure_hook(SplitRule, split_out)
    conv.register_structure_hook(SplitRule, split_in)
    conv.register_structure_hook(SplitRule | None, lambda v, _: None if v is None else split_in(v))
    conv.register_structure_hook(Apportionment, lambda v, _: _apportionment_in(v))

    for cls in _RULES.values():
        conv.register_unstructure_hook(cls, rule_out)
    conv.register_unstructure_hook(Rule, rule_out)
    conv.register_structure_hook(Rule, rule_in)
    conv.register_structure_hook(Quorum, rule_in)
    for chair_cls in _CHAIRS.values():
        conv.register_unstructure_hook(chair_cls, chair_out)
    conv.register_unstructure_hook(ChairRule, chair_out)
    conv.register_structure_hook(ChairRule, chair_in)

    # TOML has no null: a scheme that consults nobody is written with consult = "".
    scheme_out = cattrs.gen.make_dict_unstructure_fn(
        DelegationScheme, conv, _cattrs_omit_if_default=True
    )
    scheme_in = cattrs.gen.make_dict_structure_fn(
        DelegationScheme, conv, _cattrs_forbid_extra_keys=True
    )

    def scheme_out_hook(scheme: DelegationScheme) -> dict[str, Any]:
        out: dict[str, Any] = scheme_out(scheme)
        if scheme.consult is None:
            out["consult"] = ""
        return out

    def scheme_in_hook(data: Any, _: Any) -> DelegationScheme:
        if isinstance(data, Mapping) and data.get("consult") == "":
            data = {**data, "consult": None}
        scheme: DelegationScheme = scheme_in(data, DelegationScheme)
        return scheme

    conv.register_unstructure_hook(DelegationScheme, scheme_out_hook)

    # relativedelta warns when compared with None, as the generated code compares each
    # field with its default: an exit strategy's notice is written by hand.
    exit_out = cattrs.gen.make_dict_unstructure_fn(
        ExitStrategy,
        conv,
        _cattrs_omit_if_default=True,
        notice=cattrs.gen.override(omit=True),
    )

    def exit_out_hook(strategy: ExitStrategy) -> dict[str, Any]:
        out: dict[str, Any] = exit_out(strategy)
        if strategy.notice is not None:
            out = {
                "arrangement": out.pop("arrangement"),
                "notice": _period_out(strategy.notice),
                **out,
            }
        return out

    conv.register_unstructure_hook(ExitStrategy, exit_out_hook)
    conv.register_structure_hook(DelegationScheme, scheme_in_hook)

    # A recommendation's board outcome is not written: the meeting record holds the vote.
    skip_outcome = cattrs.gen.override(omit=True)
    conv.register_unstructure_hook(
        Recommendation,
        cattrs.gen.make_dict_unstructure_fn(
            Recommendation, conv, _cattrs_omit_if_default=True, outcome=skip_outcome
        ),
    )
    conv.register_structure_hook(
        Recommendation,
        cattrs.gen.make_dict_structure_fn(
            Recommendation, conv, _cattrs_forbid_extra_keys=True, outcome=skip_outcome
        ),
    )

    def is_frozen_map(t: Any) -> bool:
        # Public fields are typed Mapping and hold FrozenMaps (the classes convert).
        return (typing.get_origin(t) or t) in (FrozenMap, Mapping)

    def frozen_map_in(data: Any, t: Any) -> FrozenMap[Any, Any]:
        args = typing.get_args(t)
        return FrozenMap(conv.structure(data, types.GenericAlias(dict, args) if args else dict))

    conv.register_structure_hook_func(is_frozen_map, frozen_map_in)
    return conv


class _Skipped(SharegovError):
    """A reference to something that is itself broken: its own problem is reported once,
    where it is, and not again at every reference."""


_Context = tuple[Mapping[str, Authority], Mapping[str, Board], frozenset[str]]
_CONTEXT: ContextVar[_Context] = ContextVar("sharegov_io_context")
"""The arrangement being read or written: its authorities by code, boards by id, and the
codes and ids already reported broken. A context variable, so each thread (and each asyncio
task) sees its own, and the converter that reads it is built once."""


@contextmanager
def _in_context(
    authorities: Mapping[str, Authority],
    boards: Mapping[str, Board],
    broken: frozenset[str] = frozenset(),
) -> Iterator[Any]:
    """Within the block, a converter that writes authorities by code and boards by id, and
    reads them back from the arrangement's own lists (so a concordat or meeting does not
    repeat them). References to ``broken`` codes and board ids (reported already) are
    skipped."""
    token = _CONTEXT.set((authorities, boards, broken))
    try:
        yield _contextual()
    finally:
        _CONTEXT.reset(token)


@cache
def _contextual() -> Any:
    """A copy of the converter whose authority and board hooks look the arrangement up in
    :data:`_CONTEXT`; built once per process, like :func:`_converter`."""
    conv = _converter()
    local = conv.copy()
    _register_containers(local)

    def authority_in(code: Any, _: Any) -> Authority:
        authorities, _boards, broken = _CONTEXT.get()
        if isinstance(code, str) and code in authorities:
            return authorities[code]
        if isinstance(code, str) and code in broken:
            raise _Skipped(code)
        what = f"one of the authorities {list(authorities)}"
        raise InvalidValue(f"expected {what}, got {shown(code)}")

    def board_in(key: Any, _: Any) -> Board:
        authorities, boards, broken = _CONTEXT.get()
        if isinstance(key, Mapping):
            return _board_in(conv, key, authorities, "", broken)
        if isinstance(key, str) and key in boards:
            return boards[key]
        if isinstance(key, str) and key in broken:
            raise _Skipped(key)
        raise InvalidValue(f"expected one of the boards {list(boards)}, got {shown(key)}")

    def board_out(board: Board) -> str | dict[str, Any]:
        _authorities, boards, _broken = _CONTEXT.get()
        for key, candidate in boards.items():
            if candidate == board:
                return key
        return _board_out(conv, board)

    local.register_unstructure_hook(Authority, lambda a: a.code)
    local.register_structure_hook(Authority, authority_in)
    local.register_unstructure_hook(Board, board_out)
    local.register_structure_hook(Board, board_in)
    return local


_TERMS = tuple(f.name for f in attrs.fields(Concordat) if f.name not in _VERSIONED)
"""The concordat's fields that a variation may change (versions manage the rest)."""


def _concordat_out(conv: Any, concordat: Concordat) -> dict[str, Any]:
    """The first version in full, then each variation with only the fields it changed."""
    hints = _hints(Concordat)
    first, *later = concordat.versions
    out: dict[str, Any] = {}
    for name, value in _changed(first):
        if name not in ("version", "previous"):
            out[name] = conv.unstructure(value, hints[name])
    variations = []
    for before, version in zip(concordat.versions, later, strict=False):
        entry: dict[str, Any] = {
            "version": version.version,
            "in_force_from": version.in_force_from.isoformat(),
            "change": version.variation,
            "agreements": conv.unstructure(version.agreements, hints["agreements"]),
        }
        changes = {
            name: False if value is None else conv.unstructure(value, hints[name])
            for name in _TERMS
            if (value := getattr(version, name)) != getattr(before, name)
        }
        if changes:
            entry["changes"] = changes
        variations.append(entry)
    if variations:
        out["variations"] = variations
    return out


def _vary(
    concordat: Concordat,
    variation: Mapping[str, Any],
    changes: dict[str, Any],
    agreements: tuple[Any, ...],
) -> Concordat:
    """The next version of ``concordat``, as a variation in the file describes it."""
    return attrs.evolve(
        concordat,
        **changes,
        version=variation["version"],
        in_force_from=_date_in(variation["in_force_from"]),
        agreements=agreements,
        variation=variation["change"],
        previous=concordat,
    )


def _concordat_in(conv: Any, data: Mapping[str, Any], problems: list[str]) -> Concordat | None:
    """The concordat with its versions; problems are added to ``problems`` with their paths."""
    hints = _hints(Concordat)
    before = len(problems)
    first = {k: v for k, v in data.items() if k != "variations"}
    concordat = _build(problems, "concordat", lambda: conv.structure(first, Concordat))
    for i, variation in enumerate(data.get("variations", [])):
        where = f"concordat.variations[{i}]"
        changes = {}
        for name, value in variation.get("changes", {}).items():
            removed = value is False and type(None) in typing.get_args(hints[name])
            changes[name] = (
                None
                if removed
                else _build(
                    problems,
                    f"{where}.changes.{name}",
                    lambda value=value, name=name: conv.structure(value, hints[name]),
                )
            )
        agreements = _build(
            problems,
            f"{where}.agreements",
            lambda variation=variation: conv.structure(
                variation["agreements"], hints["agreements"]
            ),
        )
        if concordat is None or agreements is None or len(problems) > before:
            return None
        concordat = _build(
            problems, where, partial(_vary, concordat, variation, changes, agreements)
        )
    return typing.cast(Concordat | None, concordat)


def _changed(obj: Any) -> Iterator[tuple[str, Any]]:
    """The (name, value) of each of an attrs object's fields that differs from its default;
    written files leave defaults out."""
    for field in attrs.fields(type(obj)):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        value = getattr(obj, field.name)
        if value != default:
            yield field.name, value


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, Mapping) else data


def _date_in(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue(expected("date", "a date as YYYY-MM-DD", value))


def to_data(arrangement: Arrangement) -> dict[str, Any]:
    """The arrangement as plain data (dicts, lists, strings, numbers), ready to write.

    Boards name their authorities by code; the authorities themselves are listed once.
    """
    conv = _converter()
    out: dict[str, Any] = {"name": arrangement.name}
    if arrangement.description:
        out["description"] = arrangement.description
    out["authorities"] = [conv.unstructure(a) for a in arrangement.authorities]
    boards = {key: _board_out(conv, board) for key, board in arrangement.boards.items()}
    if boards:
        out["boards"] = boards
    if arrangement.arrangements:
        out["arrangements"] = [conv.unstructure(a) for a in arrangement.arrangements]
    for name in _PARTIES_A:
        values = getattr(arrangement, name)
        if values:
            out[name] = [conv.unstructure(v) for v in values]
    if arrangement.phases:
        out["phases"] = [conv.unstructure(p) for p in arrangement.phases]
    if arrangement.deadlines:
        out["deadlines"] = [conv.unstructure(d) for d in arrangement.deadlines]
    if arrangement.costs is not None:
        out["costs"] = conv.unstructure(arrangement.costs)
    if arrangement.cost_plans:
        out["cost_plans"] = {k: conv.unstructure(v) for k, v in arrangement.cost_plans.items()}
    if arrangement.pots:
        out["pots"] = [conv.unstructure(p) for p in arrangement.pots]
    if arrangement.recommendations:
        out["recommendations"] = [
            conv.unstructure(r, Recommendation) for r in arrangement.recommendations
        ]
    if arrangement.assumptions:
        out["assumptions"] = [conv.unstructure(a) for a in arrangement.assumptions]
    codes = {a.code: a for a in arrangement.authorities}
    with _in_context(codes, arrangement.boards) as local:
        if arrangement.concordat is not None:
            out["concordat"] = _concordat_out(local, arrangement.concordat)
        for name in _LISTS:
            values = getattr(arrangement, name)
            if values:
                out[name] = [local.unstructure(v) for v in values]
    if arrangement.apportionments:
        # Listed in their own section, so untagged (as a cost item's split they carry a type).
        out["apportionments"] = [
            {k: v for k, v in conv.unstructure(line).items() if k != "type"}
            for line in arrangement.apportionments
        ]
    return out


def _board_out(conv: Any, board: Board) -> dict[str, Any]:
    data: dict[str, Any] = {"name": board.name}
    data["authorities"] = [a.code for a in board.authorities]
    data["seats"] = dict(board.seats)
    if not board.rule_is_default:
        data["rule"] = conv.unstructure(board.rule, Rule)
    if board.quorum is not None:
        data["quorum"] = conv.unstructure(board.quorum, Rule)
    for flag, default in (
        ("casting_vote", True),
        ("advisory", False),
        ("substitutes_allowed", False),
    ):
        if getattr(board, flag) != default:
            data[flag] = getattr(board, flag)
    if not isinstance(board.chair_rule, ElectedChair):
        data["chair_rule"] = conv.unstructure(board.chair_rule, ChairRule)
    data["members"] = [conv.unstructure(m) for m in board.members]
    if board.memberships:
        data["memberships"] = [_membership_out(conv, board, m) for m in board.memberships]
    if board.interest_orders != InterestOrders():
        data["interest_orders"] = conv.unstructure(board.interest_orders)
    return data


_SECTIONS = frozenset(f.name for f in attrs.fields(Arrangement)) - {"assumptions"}
"""The top-level sections an assumption's path may start with: every section of the file
(the fields of :class:`Arrangement`, which the schema's top level also lists), but the
assumptions themselves."""

_LISTS: dict[str, type[Any]] = {
    "registers": Register,
    "dispensations": Dispensation,
    "delegation_schemes": DelegationScheme,
    "officer_conflicts": OfficerConflict,
    "meeting_plans": MeetingPlan,
    "meetings": Meeting,
}
"""Top-level lists after the concordat, each of one class, in the order files hold them."""


def _membership_out(conv: Any, board: Board, membership: Membership) -> dict[str, Any]:
    """A membership, naming its member by id when the member is also on the board's list."""
    data: dict[str, Any] = conv.unstructure(membership)
    if membership.member in board.members:
        data["member"] = membership.member.id
    return data


def _membership_in(conv: Any, item: Mapping[str, Any], members: list[Member]) -> Membership:
    """A membership whose member is a member id from the board's list, or a member in full."""
    who = item.get("member")
    if isinstance(who, str):
        found = [m for m in members if m.id == who]
        if not found:
            ids = [m.id for m in members]
            raise InvalidValue(expected("member", f"one of the board's members {ids}", who))
        item = {**item, "member": conv.unstructure(found[0])}
    membership: Membership = conv.structure(item, Membership)
    return membership


def from_data(data: Any, *, source: str = "<data>", _checked: bool = False) -> Arrangement:
    """Build an :class:`Arrangement` from plain data, reporting every problem at once.

    Raises:
        FileError: Problems against the schema or in the domain objects, each with its path.
    """
    from sharegov.io.schema import validate

    if not _checked:
        check_data(data, source)
    problems = validate(data)
    if problems:
        raise FileError(source, problems)
    conv = _converter()
    problems = []
    authorities = []
    broken: set[str] = set()  # codes and board ids that failed, not reported again
    for i, item in enumerate(data.get("authorities", [])):
        authority = _build(
            problems, f"authorities[{i}]", lambda item=item: conv.structure(item, Authority)
        )
        if authority is not None:
            authorities.append(authority)
        elif isinstance(item, Mapping) and isinstance(item.get("code"), str):
            broken.add(item["code"])
    by_code = {a.code: a for a in authorities}
    boards = {}
    for key, item in data.get("boards", {}).items():
        board = _build(
            problems,
            f"boards.{key}",
            lambda key=key, item=item: _board_in(conv, item, by_code, key, frozenset(broken)),
        )
        if board is not None:
            boards[key] = board
        else:
            broken.add(key)
    arrangements = _each(problems, data, "arrangements", ServiceArrangement, conv)
    parts_a = {name: _each(problems, data, name, cls, conv) for name, cls in _PARTIES_A.items()}
    phases = _each(problems, data, "phases", Phase, conv)
    deadlines = _each(problems, data, "deadlines", Deadline, conv)
    costs = None
    if "costs" in data:
        costs = _build(problems, "costs", lambda: conv.structure(data["costs"], CostPlan))
    cost_plans = {}
    for key, item in data.get("cost_plans", {}).items():
        plan = _build(
            problems, f"cost_plans.{key}", lambda item=item: conv.structure(item, CostPlan)
        )
        if plan is not None:
            cost_plans[key] = plan
    pots = _each(problems, data, "pots", Pot, conv)
    assumptions = _each(problems, data, "assumptions", Assumption, conv)
    recommendations = _each(problems, data, "recommendations", Recommendation, conv)
    with _in_context(by_code, boards, frozenset(broken)) as local:
        concordat = None
        if "concordat" in data:
            concordat = _concordat_in(local, data["concordat"], problems)
        lists = {name: _each(problems, data, name, cls, local) for name, cls in _LISTS.items()}
    problems = _with_dispensation_notes(problems, data, lists["dispensations"])
    apportionments = _each(problems, data, "apportionments", Apportionment, conv)
    if problems:
        raise FileError(source, problems)
    built = _build(
        problems,
        "",
        lambda: Arrangement(
            data["name"],
            authorities=authorities,
            boards=boards,
            arrangements=arrangements,
            phases=phases,
            deadlines=deadlines,
            costs=costs,
            concordat=concordat,
            **lists,
            **parts_a,
            cost_plans=cost_plans,
            pots=pots,
            recommendations=recommendations,
            assumptions=assumptions,
            apportionments=apportionments,
            description=data.get("description", ""),
        ),
    )
    if not isinstance(built, Arrangement):
        raise FileError(source, problems)
    problems = _references(built)
    if problems:
        raise FileError(source, problems)
    return built


def _references(arrangement: Arrangement) -> list[str]:
    """Cross-references the classes cannot check alone, with the file's own paths: so that
    a file that loads works with every command."""
    problems: list[str] = []
    for key, board in arrangement.boards.items():
        chair = board.chair_rule
        ids = list(
            dict.fromkeys(
                [*(m.id for m in board.members), *(ms.member.id for ms in board.memberships)]
            )
        )
        if isinstance(chair, FixedChair) and chair.member not in ids:
            what = f"one of the board's members {ids}"
            problems.append(expected(f"boards.{key}.chair_rule.member", what, chair.member))
    for field in ("arrangements", "pots", "recommendations"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(arrangement, field)):
            if item.id in seen:
                problems.append(
                    f"{field}[{i}].id: {item.id!r} is given twice (also {field}[{seen[item.id]}])"
                )
            seen.setdefault(item.id, i)
    for i, phase in enumerate(arrangement.phases):
        for name in ("identify", "implement"):
            deadline = getattr(phase, name, None)
            if isinstance(deadline, Deadline):
                problems.extend(_deadline_dates(deadline, f"phases[{i}].{name}"))
    for i, deadline in enumerate(arrangement.deadlines):
        problems.extend(_deadline_dates(deadline, f"deadlines[{i}]"))
    if arrangement.costs is not None:
        problems.extend(_split_parties(arrangement.costs))
    for key, plan in arrangement.cost_plans.items():
        problems.extend(_split_parties(plan, f"cost_plans.{key}"))
    problems.extend(_references_a(arrangement))
    return problems


def _references_a(arrangement: Arrangement) -> list[str]:
    """Cross-references of bodies, officers, posts, arrangements and agreements: every id
    any command follows resolves, so that ``graph`` and ``who-acts`` work on a file that
    loads. Each problem names the path inside the file."""
    problems: list[str] = []
    councils = [a.code for a in arrangement.authorities]
    bodies = [b.id for b in arrangement.bodies]
    parties = [*councils, *bodies]
    arrangements = {a.id: a for a in arrangement.arrangements}
    arrangement_ids = list(arrangements)
    officers = [o.id for o in arrangement.officers]
    posts = [p.id for p in arrangement.posts]
    # Each list's set, built once here, so that every check is linear over a large file.
    known_sets = {
        id(ids): frozenset(ids)
        for ids in (councils, bodies, parties, arrangement_ids, officers, posts)
    }

    def need(path: str, value: Any, among: list[str], what: str) -> None:
        # Membership in a set (a short list of one arrangement's parties is made a set here),
        # and at most 10 names shown.
        known = known_sets.get(id(among)) or frozenset(among)
        if value is not None and value not in known:
            shown = repr(among[:10])[:-1] + ", ...]" if len(among) > 10 else repr(among)
            problems.append(expected(path, f"{what} {shown}", value))

    for field, ids in (("bodies", bodies), ("officers", officers), ("posts", posts)):
        seen: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident in seen:
                problems.append(
                    f"{field}[{i}].id: {ident!r} is given twice (also {field}[{seen[ident]}])"
                )
            seen.setdefault(ident, i)
    council_set, body_set = frozenset(councils), frozenset(bodies)
    for i, body in enumerate(arrangement.bodies):
        if body.id in council_set:
            what = "an id not used by an authority"
            problems.append(expected(f"bodies[{i}].id", what, body.id))
    for i, a in enumerate(arrangement.arrangements):
        where = f"arrangements[{i}]"
        for j, dep in enumerate(a.depends_on):
            need(f"{where}.depends_on[{j}]", dep, arrangement_ids, "one of the arrangements")
        for j, funder in enumerate(a.funded_by):
            need(f"{where}.funded_by[{j}]", funder, bodies, "one of the bodies")
        need(f"{where}.provider", a.provider, bodies, "one of the bodies")
        if a.id in council_set or a.id in body_set:
            what = "an id not used by an authority or body"
            problems.append(expected(f"{where}.id", what, a.id))
    for i, officer in enumerate(arrangement.officers):
        need(f"officers[{i}].employer", officer.employer, parties, "one of the employers")
    for i, post in enumerate(arrangement.posts):
        for j, code in enumerate(post.authorities):
            need(f"posts[{i}].authorities[{j}]", code, parties, "one of the authorities and bodies")
        need(f"posts[{i}].holder", post.holder, officers, "one of the officers")
        need(f"posts[{i}].employer", post.employer, parties, "one of the authorities and bodies")
    if arrangement.posts or arrangement.officers:
        # who-acts follows these: with officers listed, every id a scheme names resolves.
        for i, scheme in enumerate(arrangement.delegation_schemes):
            for name in ("monitoring_officer", "alternate"):
                need(
                    f"delegation_schemes[{i}].{name}",
                    getattr(scheme, name),
                    officers,
                    "one of the officers",
                )
            for who, deputy in scheme.deputies.items():
                need(f"delegation_schemes[{i}].deputies", who, officers, "one of the officers")
                need(
                    f"delegation_schemes[{i}].deputies.{who}",
                    deputy,
                    officers,
                    "one of the officers",
                )
            for j, fallback in enumerate(scheme.fallbacks):
                need(
                    f"delegation_schemes[{i}].fallbacks[{j}]",
                    fallback,
                    officers,
                    "one of the officers",
                )
        for i, conflict in enumerate(arrangement.officer_conflicts):
            need(
                f"officer_conflicts[{i}].officer", conflict.officer, officers, "one of the officers"
            )
    schemes: dict[str, int] = {}
    for i, scheme in enumerate(arrangement.delegation_schemes):
        if scheme.authority in schemes:
            problems.append(
                f"delegation_schemes[{i}].authority: {scheme.authority!r} has a scheme already "
                f"(delegation_schemes[{schemes[scheme.authority]}]); give one per authority"
            )
        schemes.setdefault(scheme.authority, i)
    for i, conflict in enumerate(arrangement.officer_conflicts):
        for j, code in enumerate(conflict.authorities):
            need(
                f"officer_conflicts[{i}].authorities[{j}]", code, councils, "one of the authorities"
            )
    for i, s in enumerate(arrangement.secondments):
        where = f"secondments[{i}]"
        need(f"{where}.officer", s.officer, officers, "one of the officers")
        need(f"{where}.employer", s.employer, parties, "one of the authorities and bodies")
        need(f"{where}.host", s.host, parties, "one of the authorities and bodies")
        need(f"{where}.arrangement", s.arrangement, arrangement_ids, "one of the arrangements")
        need(f"{where}.post", s.post, posts, "one of the posts")
    for i, sla in enumerate(arrangement.service_levels):
        where = f"service_levels[{i}]"
        need(f"{where}.arrangement", sla.arrangement, arrangement_ids, "one of the arrangements")
        among = (
            list(arrangements[sla.arrangement].parties)
            if sla.arrangement in arrangements
            else parties
        )
        for j, code in enumerate(sla.parties):
            need(f"{where}.parties[{j}]", code, among, "one of the arrangement's parties")
    for i, exit in enumerate(arrangement.exit_strategies):
        where = f"exit_strategies[{i}]"
        need(f"{where}.arrangement", exit.arrangement, arrangement_ids, "one of the arrangements")
        if exit.exit_costs is not None and exit.arrangement in arrangements:
            among = list(arrangements[exit.arrangement].parties)
            problems.extend(_split_names(exit.exit_costs, f"{where}.exit_costs", among))
    for i, scrutiny in enumerate(arrangement.scrutiny):
        for j, ident in enumerate(scrutiny.arrangements):
            need(
                f"scrutiny[{i}].arrangements[{j}]",
                ident,
                arrangement_ids,
                "one of the arrangements",
            )
    for i, duty in enumerate(arrangement.statutory_duties):
        where = f"statutory_duties[{i}]"
        need(f"{where}.authority", duty.authority, councils, "one of the authorities")
        need(f"{where}.post", duty.post, posts, "one of the posts")
        for j, ident in enumerate(duty.arrangements):
            need(f"{where}.arrangements[{j}]", ident, arrangement_ids, "one of the arrangements")
    members = {
        m.id
        for board in arrangement.boards.values()
        for m in (*board.members, *(ms.member for ms in board.memberships))
    }
    for i, dispensation in enumerate(arrangement.dispensations):
        if dispensation.member not in members:
            what = f"a member of a board in the file {sorted(members)}"
            problems.append(expected(f"dispensations[{i}].member", what, dispensation.member))
    return problems


def _split_names(rule: Any, path: str, parties: list[str]) -> list[str]:
    """Every party a split rule names, nested rules included, is among ``parties``."""
    problems: list[str] = []
    known = frozenset(parties)
    for name in ("by", "of", "usage", "limits", "drivers", "old"):
        table = getattr(rule, name, None)
        if isinstance(table, Mapping):
            for code in table:
                if code not in known:
                    what = f"one of the parties {parties}"
                    problems.append(expected(f"{path}.{name}", what, code))
    for name in ("lead", "host"):
        code = getattr(rule, name, None)
        if isinstance(code, str) and code not in known:
            problems.append(expected(f"{path}.{name}", f"one of the parties {parties}", code))
    for name in ("agreed", "rule", "before", "after"):
        inner = getattr(rule, name, None)
        if isinstance(inner, SplitRule):
            problems.extend(_split_names(inner, f"{path}.{name}", parties))
    if isinstance(rule, Mix):
        for i, (_, part) in enumerate(rule.parts):
            problems.extend(_split_names(part, f"{path}.parts[{i}].rule", parties))
    return problems


def assumed_facts(arrangement: Arrangement) -> list[str]:
    """Every fact the file marks ``assumed``, one line each with its path and note, so that
    ``sharegov check`` shows them as assumed, never as minuted."""
    lines: list[str] = [a.describe() for a in arrangement.assumptions]
    for name in ("arrangements", *_PARTIES_A):
        for i, item in enumerate(getattr(arrangement, name)):
            lines.extend(assumed_lines(item, f"{name}[{i}]"))
            for j, indicator in enumerate(getattr(item, "indicators", ())):
                lines.extend(assumed_lines(indicator, f"{name}[{i}].indicators[{j}]"))

    def whole(path: str, thing: Any) -> None:
        # Money and recommendations are assumed whole (``assumed = true`` with a ``note``).
        if thing.assumed:
            lines.append(f"{path}: assumed, not minuted: {thing.note or 'no note given'}")

    plans = {"costs": arrangement.costs} if arrangement.costs is not None else {}
    plans.update({f"cost_plans.{k}": v for k, v in arrangement.cost_plans.items()})
    for where, plan in plans.items():
        for field in ("items", "grants", "savings"):
            for i, entry in enumerate(getattr(plan, field)):
                whole(f"{where}.{field}[{i}]", entry)
    for i, pot in enumerate(arrangement.pots):
        whole(f"pots[{i}]", pot)
        for j, allocation in enumerate(pot.allocations):
            whole(f"pots[{i}].allocations[{j}]", allocation)
    for i, rec in enumerate(arrangement.recommendations):
        whole(f"recommendations[{i}]", rec)
        for j, decision in enumerate(rec.decisions):
            whole(f"recommendations[{i}].decisions[{j}]", decision)
    return lines


_EXCLUDED_VOTE = re.compile(
    r"\Ameetings\[(\d+)\]\.items\[(\d+)\]: votes\.(\S+): .* is recorded as excluded "
    r"from this item, so cannot vote\Z"
)


def _with_dispensation_notes(
    problems: list[str], data: Mapping[str, Any], dispensations: list[Dispensation]
) -> list[str]:
    """Each refused vote of a member excluded by a declaration that a top-level dispensation
    covers (and could lift) but the meeting does not apply, with that said in the same
    message (as :func:`unapplied_dispensations` notes it once the vote is removed)."""
    if not dispensations:
        return problems
    out = []
    for problem in problems:
        match = _EXCLUDED_VOTE.match(problem)
        if match is not None:
            i, j, member = int(match[1]), int(match[2]), match[3]
            problem += "".join(_covering(data["meetings"][i], j, member, dispensations))
        out.append(problem)
    return out


def _covering(
    meeting: Mapping[str, Any], j: int, member: str, dispensations: list[Dispensation]
) -> list[str]:
    """The notes for ``member``'s declarations on the meeting's item ``j`` (plain, schema-
    checked data) that a top-level dispensation covers."""
    when = meeting["date"]
    when = when if isinstance(when, dt.date) else dt.date.fromisoformat(str(when))
    number = str(meeting["items"][j]["number"])
    notes: list[str] = []
    for d in meeting.get("declarations", []):
        if d.get("member") != member or str(d.get("item")) != number:
            continue
        subject = d.get("matter") if d.get("matter") is not None else str(d.get("item"))
        dpi = d.get("kind") == InterestKind.DISCLOSABLE_PECUNIARY.value
        for k, g in enumerate(dispensations):
            lifts = g.ground is not None or not dpi  # only s.33 lifts the s.31(4) bar
            if g.member == member and subject in g.matters and g.in_force(when) and lifts:
                notes.append(
                    f"; dispensations[{k}] covers this declaration on {when.isoformat()}, but "
                    "the meeting does not apply it (list it in the meeting's dispensations)"
                )
    return notes


def dispensation_notes(arrangement: Arrangement) -> list[str]:
    """What ``sharegov check`` notes of each standards committee's dispensation in Wales
    (top-level and in meetings): that no limit on its length is modelled (not verified
    here), with its length; and for a reg 2(j) one, the 12-month review (SI 2016/85)."""
    found = [(f"dispensations[{k}]", d) for k, d in enumerate(arrangement.dispensations)]
    found += [
        (f"meetings[{i}].dispensations[{k}]", d)
        for i, meeting in enumerate(arrangement.meetings)
        for k, d in enumerate(meeting.dispensations)
    ]
    lines: list[str] = []
    for path, d in found:
        g = d.standards_ground
        if g is None or g.nation != "wales":
            continue
        days = (d.until - d.start).days + 1
        lines.append(
            f"{path}: {g.value}, {days} days ({d.start.isoformat()} to {d.until.isoformat()}): "
            "no limit on a Welsh dispensation's length is modelled here (not verified)"
            + (f"; {g.review}" if g.review is not None else "")
        )
    return lines


def unapplied_dispensations(arrangement: Arrangement) -> list[str]:
    """Declarations at meetings that a top-level dispensation covers (same member, a matter
    in scope, in force that day) but that the meeting does not apply: the meeting is decided
    with only its own ``dispensations``, so ``sharegov check`` notes each, to be added there
    or left out on purpose."""
    lines: list[str] = []
    by_member: dict[str, list[tuple[int, Dispensation]]] = {}
    for k, dispensation in enumerate(arrangement.dispensations):
        by_member.setdefault(dispensation.member, []).append((k, dispensation))
    for i, meeting in enumerate(arrangement.meetings):
        applied = set(meeting.dispensations)
        for j, declaration in enumerate(meeting.declarations):
            for k, dispensation in by_member.get(declaration.member, ()):
                if dispensation.covers(declaration, meeting.date) and dispensation not in applied:
                    lines.append(
                        f"meetings[{i}].declarations[{j}]: dispensations[{k}] covers this "
                        f"declaration on {meeting.date.isoformat()}, but the meeting does not "
                        "apply it (list it in the meeting's dispensations)"
                    )
    return lines


def early_actions(arrangement: Arrangement) -> list[str]:
    """Actions due before the meeting that set them: a file loads with them (the calendar
    shows them overdue), but ``sharegov check`` reports each as a problem."""
    return [
        f"meetings[{i}].items[{j}].actions[{k}].due: due {action.due.isoformat()}, before "
        f"the meeting of {meeting.date.isoformat()} that set it"
        for i, meeting in enumerate(arrangement.meetings)
        for j, item in enumerate(meeting.items)
        for k, action in enumerate(item.actions)
        if action.due is not None and action.due < meeting.date
    ]


def unlisted_employers(arrangement: Arrangement) -> list[str]:
    """Officers at meetings whose employer is neither an authority nor a body in the file:
    allowed, as no command needs a meeting officer's employer, but ``sharegov check`` notes
    each (officers listed under ``officers`` must name a listed employer)."""
    codes = {a.code for a in arrangement.authorities} | {b.id for b in arrangement.bodies}
    return [
        f"meetings[{i}].officers[{j}].employer: {officer.employer!r} is not an authority "
        "listed in the file"
        for i, meeting in enumerate(arrangement.meetings)
        for j, officer in enumerate(meeting.officers)
        if officer.employer not in codes
    ]


def _deadline_dates(deadline: Deadline, path: str) -> list[str]:
    first = deadline.history[0].old if deadline.history else deadline.due
    if deadline.set_on is not None and first < deadline.set_on:
        return [
            f"{path}.due: due {first.isoformat()}, before it was set on "
            f"{deadline.set_on.isoformat()}"
        ]
    return []


def _split_parties(plan: CostPlan, where: str = "costs") -> list[str]:
    """Every council a split rule names is a party to the plan."""
    parties = list(plan.parties)
    problems = _split_names(plan.cost_split, f"{where}.cost_split", parties)
    problems += _split_names(plan.savings_split, f"{where}.savings_split", parties)
    for field in ("items", "savings"):
        for i, entry in enumerate(getattr(plan, field)):
            if getattr(entry, "split", None) is not None:
                problems += _split_names(entry.split, f"{where}.{field}[{i}].split", parties)
    return problems


def _board_in(
    conv: Any,
    item: Mapping[str, Any],
    by_code: Mapping[str, Authority],
    key: str,
    broken: frozenset[str] = frozenset(),
) -> Board:
    codes = item["authorities"]
    missing = [c for c in codes if c not in by_code]
    if missing:
        if all(c in broken for c in missing):
            raise _Skipped(missing[0])
        raise InvalidValue(
            expected("authorities", "codes of authorities listed in the file", missing[0])
        )
    problems: list[str] = []
    members = []
    for i, m in enumerate(item.get("members", [])):
        member = _build(problems, f"members[{i}]", lambda m=m: conv.structure(m, Member))
        if member is None:
            continue
        if member.authority not in codes:
            what = f"one of the board's authorities {list(codes)}"
            problems.append(expected(f"members[{i}].authority", what, member.authority))
        members.append(member)
    memberships = [
        _build(problems, f"memberships[{i}]", lambda m=m: _membership_in(conv, m, members))
        for i, m in enumerate(item.get("memberships", []))
    ]
    raw = item.get("memberships", [])
    for i, (membership, given) in enumerate(zip(memberships, raw, strict=True)):
        in_full = isinstance(given, Mapping) and isinstance(given.get("member"), Mapping)
        if membership is not None and in_full and membership.member.authority not in codes:
            what = f"one of the board's authorities {list(codes)}"
            where = f"memberships[{i}].member.authority"
            problems.append(expected(where, what, membership.member.authority))
    orders = InterestOrders()
    if "interest_orders" in item:
        orders = _build(
            problems,
            "interest_orders",
            lambda: conv.structure(item["interest_orders"], InterestOrders),
        )
    # A board whose terms set no rule keeps the statutory default (Board.rule_is_default).
    rule = (
        _build(problems, "rule", lambda: conv.structure(item["rule"], Rule))
        if "rule" in item
        else STATUTORY_MAJORITY
    )
    quorum = None
    if "quorum" in item:
        quorum = _build(problems, "quorum", lambda: conv.structure(item["quorum"], Rule))
        if quorum is not None and not isinstance(quorum, Quorum):
            problems.append(
                f"quorum: expected a rule of type 'Quorum' (such as "
                f'{{ type = "Quorum", at_least = 3 }}), got type {type(quorum).__name__!r}'
            )
    chair_rule: Any = ElectedChair()
    if "chair_rule" in item:
        chair_rule = _build(
            problems, "chair_rule", lambda: conv.structure(item["chair_rule"], ChairRule)
        )
    if problems:
        raise _Problems(problems)
    return Board(
        item["name"],
        authorities=[by_code[c] for c in codes],
        seats=item["seats"],
        members=members,
        rule=rule,
        quorum=quorum,
        casting_vote=item.get("casting_vote", True),
        advisory=item.get("advisory", False),
        substitutes_allowed=item.get("substitutes_allowed", False),
        chair_rule=chair_rule,
        memberships=memberships,
        interest_orders=orders,
    )


class _Problems(InvalidValue):
    """Several problems found while building one object, each with its path inside it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _each(
    problems: list[str], data: Mapping[str, Any], name: str, cls: Any, conv: Any
) -> list[Any]:
    """Each item of the file's list ``name`` built as a ``cls``; each that cannot be built
    is left out, and its problems recorded with its path (``name[i]``)."""
    out: list[Any] = []
    for i, item in enumerate(data.get(name, [])):
        value = _build(problems, f"{name}[{i}]", lambda item=item: conv.structure(item, cls))
        if value is not None:
            out.append(value)
    return out


def _build(problems: list[str], path: str, make: Any) -> Any:
    """Run ``make``; on failure record each problem with ``path`` in front and return None."""
    cattrs = require("cattrs", "io")
    try:
        return make()
    except _Skipped:
        pass
    except _Problems as exc:
        problems.extend(_join(path, "", p) for p in exc.problems)
    except cattrs.BaseValidationError as exc:
        for line in cattrs.transform_error(exc, path="$", format_exception=_format):
            message, _, where = line.rpartition(" @ ")
            if message == _SKIPPED:
                continue
            inner = where.removeprefix("$").lstrip(".")
            message = _unwrap(message)
            problems.append(_join(path, inner, _unhook(message)))
    except SharegovError as exc:
        problems.append(_join(path, "", _unhook(str(exc))))
    return None


_SKIPPED = "\x00skipped"
#: Names the reading hooks and classes put in front of messages that are not fields of the
#: file (the path in front says where).
_HOOK_FIELDS = frozenset(
    {"date", "amount", "value", "period", "time", "vote", "year", "start_year", "attendance"}
)


def _unhook(message: str) -> str:
    """``message`` without a hook's own name in front (the caller's path says where)."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head in _HOOK_FIELDS else message


def _format(exc: BaseException, type_: Any) -> str:
    """A problem cattrs met: sharegov's own message as it is, else cattrs' wording."""
    if isinstance(exc, _Skipped):
        return _SKIPPED
    if isinstance(exc, SharegovError):
        return str(exc)
    from cattrs.v import format_exception

    # cattrs' own wording names Python types (``sharegov.costs.SplitRule | None``): keep
    # only the class names, which the file's "type" fields use too.
    text: str = format_exception(exc, type_)
    text = re.sub(r"\b(?:[a-z_]+\.)+([A-Z]\w*)", r"\1", text).replace(" | None", "")
    return text.replace("unknown error (", "(")


def _unwrap(message: str) -> str:
    # cattrs reports a validator's exception as "invalid value for type, expected X" or with
    # the exception's own text; keep sharegov's messages as they are.
    return message.removeprefix("invalid value for type, ")


def _join(path: str, inner: str, message: str) -> str:
    """``path`` and ``inner`` joined in front of ``message`` (which may start with a field)."""
    prefix = path + inner if inner.startswith("[") else ".".join(p for p in (path, inner) if p)
    if not prefix:
        return message
    return f"{prefix}.{message}" if _starts_with_field(message) else f"{prefix}: {message}"


def _starts_with_field(message: str) -> bool:
    """Whether ``message`` starts with a field path (``seats.BDC: ...``), to join onto ``path``."""
    head, sep, _ = message.partition(": ")
    return bool(sep) and " " not in head and "'" not in head


# ---------------------------------------------------------------------------------------------
# Text and files
# ---------------------------------------------------------------------------------------------


def _parse(text: str, fmt: Format, source: str) -> Any:
    """Parse ``text``, bounded (see :mod:`sharegov.io._guard`), then check its depth, size
    and keys."""
    try:
        if fmt == "toml":
            import tomllib

            scan_toml(text, source)
            data = tomllib.loads(text)
        elif fmt == "yaml":
            data = parse_yaml(text, source)
        else:
            data = parse_json(text)
    except RecursionError:
        raise LimitExceeded(f"{source}: data nested too deeply is refused") from None
    except SharegovError:
        raise
    except ValueError as exc:  # tomllib.TOMLDecodeError and json.JSONDecodeError
        raise FileError(source, [f"not valid {fmt.upper()}: {exc}"]) from None
    except Exception as exc:
        yaml_error = getattr(require("yaml", "io"), "YAMLError", None) if fmt == "yaml" else None
        if yaml_error is not None and isinstance(exc, yaml_error):
            raise FileError(source, [f"not valid YAML: {exc}"]) from None
        raise
    check_data(data, source)
    return data


def load_data(path: str | Path) -> Any:
    """Read any small data file (TOML, YAML or JSON, by suffix) as plain data, with the same
    limits and safe parsing as arrangement files; used for votes files and the like.

    Raises:
        FileError: The file cannot be read or does not parse.
        LimitExceeded: The file is too large or nested too deeply.
        InvalidValue: An unknown suffix.
    """
    path = Path(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InvalidValue(
            expected("path", f"a file ending in one of {sorted(_SUFFIXES)}", str(path))
        )
    return _parse(read_text(path), fmt, str(path))


def loads(text: str, fmt: Format, *, source: str = "<string>") -> Arrangement:
    """Read an arrangement from ``text`` in ``fmt`` ("toml", "yaml" or "json").

    Raises:
        FileError: The text does not parse, or the data has problems (all listed).
        LimitExceeded: The text is too large or nested too deeply.
    """
    if fmt not in ("toml", "yaml", "json"):
        raise InvalidValue(expected("format", "'toml', 'yaml' or 'json'", fmt))
    if len(text.encode()) > MAX_BYTES:
        raise LimitExceeded(f"{source}: files over {MAX_BYTES:,} bytes are refused")
    return from_data(_parse(text, fmt, source), source=source, _checked=True)


def load(path: str | Path) -> Arrangement:
    """Read an arrangement file; the format comes from the suffix (.toml, .yaml/.yml, .json).

    Raises:
        FileError: The file has problems; each is listed with its path inside the file.
        LimitExceeded: The file is too large or nested too deeply.
        InvalidValue: An unknown suffix.
    """
    return from_data(load_data(path), source=str(path), _checked=True)


def dumps(arrangement: Arrangement, fmt: Format) -> str:
    """Write ``arrangement`` as text in ``fmt`` ("toml", "yaml" or "json")."""
    data = to_data(arrangement)
    if fmt == "toml":
        tomli_w = require("tomli_w", "io")
        text: str = tomli_w.dumps(data)
        return text
    if fmt == "yaml":
        yaml = require("yaml", "io")
        dumped: str = yaml.dump(
            data, Dumper=_yaml_dumper(yaml), sort_keys=False, allow_unicode=True
        )
        return dumped
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    raise InvalidValue(expected("format", "'toml', 'yaml' or 'json'", fmt))


_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


def _yaml_dumper(yaml: Any) -> Any:
    """``yaml.SafeDumper`` writing text with U+0085, U+2028 or U+2029 double-quoted (and so
    escaped): written raw, YAML reads them back as line breaks, and folds them to spaces."""

    class Dumper(yaml.SafeDumper):  # type: ignore[misc]
        def choose_scalar_style(self) -> str:
            value = getattr(self.event, "value", "")
            if isinstance(value, str) and any(c in value for c in _YAML_BREAKS):
                return '"'
            style: str = super().choose_scalar_style()
            return style

    return Dumper


def dump(arrangement: Arrangement, path: str | Path) -> None:
    """Write ``arrangement`` to ``path``; the format comes from the suffix."""
    path = Path(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InvalidValue(
            expected("path", f"a file ending in one of {sorted(_SUFFIXES)}", str(path))
        )
    path.write_text(dumps(arrangement, fmt), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Vote records: one question's votes and attendance, as a votes file or an API body gives them
# ---------------------------------------------------------------------------------------------

#: The fields a vote record may have.
VOTE_RECORD_FIELDS = (
    "votes",
    "counts",
    "by_authority",
    "present",
    "apologies",
    "absent",
    "excluded",
    "unlisted",
    "date",
    "chair",
    "casting",
    "motion",
    "substitutions",
)
_VOTE_WORDS = [v.value for v in Vote]
_NAMED_ONLY = ("apologies", "absent", "excluded", "unlisted")


@attrs.frozen
class VoteRecord:
    """One question's votes and attendance, as read by :func:`read_vote_record`.

    Either named ``votes`` with the attendance of everyone else, or minuted ``counts``
    (with ``by_authority`` and ``present_count`` where the minutes give them) and no names.

    Attributes:
        votes: Member id to :class:`~sharegov.rules.Vote`; ``None`` for a counts-only record.
        counts: ``"for"``, ``"against"``, ``"abstain"`` to a number; ``None`` for named votes.
        by_authority: Authority code to such counts (and perhaps ``"present"``).
        present: Ids of members present who did not vote (named votes only).
        present_count: The number of eligible members present (counts only).
        apologies: Ids of members who sent apologies.
        absent: Ids of members absent without apologies.
        excluded: Ids of members barred from the item by an interest.
        unlisted: ``"present"`` or ``"absent"``: what to take anyone unrecorded as.
        date: The date of the meeting.
        chair: Id of the member presiding.
        casting: The chair's casting vote.
        motion: The question, in words.
        substitutions: Member id to the :class:`~sharegov.parties.Member` sitting in their
            place for this meeting (the board must permit substitutes).
    """

    votes: FrozenMap[str, Vote] | None = None
    counts: FrozenMap[str, int] | None = None
    by_authority: FrozenMap[str, FrozenMap[str, int]] | None = None
    present: frozenset[str] = frozenset()
    present_count: int | None = None
    apologies: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    unlisted: Literal["present", "absent"] | None = None
    date: dt.date | None = None
    chair: str | None = None
    casting: Vote | None = None
    motion: str | None = None
    substitutions: FrozenMap[str, Member] = attrs.field(factory=FrozenMap)

    @property
    def minuted(self) -> bool:
        """Whether the record is counts only (no names)."""
        return self.counts is not None

    def decide(self, board: Board, *, on: dt.date | None = None) -> Outcome:
        """Decide the record under ``board``, on the record's date (or ``on``).

        Named votes go to :meth:`Board.decide <sharegov.boards.Board.decide>` and counts to
        :meth:`Board.decide_counts <sharegov.boards.Board.decide_counts>`; nothing about
        attendance is presumed beyond what ``unlisted`` says.

        Raises:
            InvalidVote: The record does not fit the board, or ``on`` differs from its date,
                or no date is given for a board whose roster changes over time (the dates
                it changes are named).

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_board
            >>> board = bromsgrove_redditch_board()  # consensus, else 2 from each authority
            >>> record = read_vote_record({"counts": {"for": 5}, "present": 5,
            ...                            "by_authority": {"BDC": {"for": 2, "present": 2},
            ...                                             "RBC": {"for": 3, "present": 3}}})
            >>> print(record.decide(board).explain())
            Carried on consensus:
              consensus reached: 5 in support, none against
            Votes: 5 for, 0 against, 0 abstaining.
            The counts are as minuted; the names of those voting were not recorded.
            Shared Services Board is advisory: this is a recommendation to each council, not a \
decision.
        """
        if on is not None and self.date is not None and on != self.date:
            raise InvalidVote(
                f"date: the record is of a meeting on {self.date.isoformat()}, but "
                f"{on.isoformat()} was given as the date of the meeting"
            )
        when = self.date if on is None else on
        if when is None:  # the roster is never presumed: refused where it changes
            board.undated(what="deciding this record", field="date", fix="give its date")
        if self.chair is not None and self.chair in self.substitutions:
            raise InvalidVote(_substituted_chair(board, self.chair, self.substitutions, when))
        board = seat_substitutes(board, self.substitutions, on=when)
        if self.counts is not None:
            counts = _keyed(self.counts)
            parts: dict[str, Mapping[Vote | str, int]] | None = None
            if self.by_authority is not None:
                parts = {code: _keyed(c) for code, c in self.by_authority.items()}
            return board.decide_counts(
                counts,
                by_authority=parts,
                present=self.present_count,
                on=when,
                chair=self.chair,
                casting=self.casting,
            )
        votes = self.votes if self.votes is not None else FrozenMap()
        known = {m.id for m in board.members} | {ms.member.id for ms in board.memberships}
        replaced = set(self.substitutions)
        given: tuple[tuple[str, Collection[str]], ...] = (
            ("votes", votes),
            ("present", self.present),
        )
        for field, ids in given:
            for member_id in sorted(replaced & set(ids)):
                sitting = self.substitutions[member_id].name
                raise InvalidVote(
                    f"{field}: {member_id!r} was substituted by {sitting}, who sits and votes "
                    "in their place; record the substitute instead"
                )
        fields = {
            "votes": votes,
            "present": self.present,
            "apologies": self.apologies,
            "absent": self.absent,
            "excluded": self.excluded,
            "chair": () if self.chair is None else (self.chair,),
        }
        allowed = known | replaced
        for field, ids in fields.items():
            for member_id in sorted(ids):
                if member_id not in allowed:
                    where = f"votes.{member_id}" if field == "votes" else field
                    raise InvalidVote(expected(where, f"ids of members of {board.name}", member_id))
        return board.decide(
            votes,
            present=self.present,
            apologies=self.apologies - replaced,
            absent=self.absent - replaced,
            excluded=self.excluded,
            unlisted=self.unlisted,
            chair=self.chair,
            casting=self.casting,
            on=when,
        )


def _substituted_chair(
    board: Board, chair: str, substitutions: Mapping[str, Member], on: dt.date | None
) -> str:
    """The refusal of a chair who was substituted: the field is ``chair``."""
    sitting = board.at(on) if on is not None else board
    known = {m.id: m.name for m in sitting.members}
    name = known.get(chair, repr(chair))
    return (
        f"chair: {name} was substituted (substitutions.{chair}: {substitutions[chair].name} "
        "sits in their place), so cannot preside: give the member who presided"
    )


def seat_substitutes(
    board: Board, substitutions: Mapping[str, Member], *, on: dt.date | None = None
) -> Board:
    """The board as it sits on ``on``, each substitute in the seat of the member they
    replace (:meth:`Board.substitute <sharegov.boards.Board.substitute>`, which says whether
    the board's terms permit it), for a vote record and for the officer's page alike.

    Args:
        board: The board.
        substitutions: Member id to the :class:`~sharegov.parties.Member` sitting in their
            place.
        on: The date of the meeting: the roster in force that day (``None``: the board
            as given).

    Raises:
        InvalidVote: ``substitutions.<id>``: not a member of the board that day.
        InvalidBoard: The board does not permit substitutes, or the substitute is already
            on it.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> seat_substitutes(board, {}) is board
        True
        >>> seat_substitutes(board, {"nobody": Member("sub", "Cllr A. Sub", "BDC")})
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidVote: substitutions.nobody: expected a member of Shared \
Services Board, got 'nobody'
    """
    if not substitutions:
        return board
    sitting = board.at(on) if on is not None else board
    roster = {m.id for m in sitting.members}
    for member_id, substitute in substitutions.items():
        if member_id not in roster:
            where = f"a member of {sitting.name}"
            raise InvalidVote(expected(f"substitutions.{member_id}", where, member_id))
        sitting = sitting.substitute(member_id, substitute)
    return sitting


def _record_ids(data: Mapping[str, Any], field: str, source: str) -> frozenset[str]:
    value = data.get(field, [])
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise InvalidVote(expected(f"{source}: {field}", "a list of member ids", value))
    for i, member_id in enumerate(value):
        if not isinstance(member_id, str) or not member_id.strip():
            raise InvalidVote(expected(f"{source}: {field}[{i}]", "a member id", member_id))
    found = frozenset(value)
    if len(found) != len(value):
        seen: set[Any] = set()
        twice = next(m for m in value if m in seen or seen.add(m))  # type: ignore[func-returns-value]
        raise InvalidVote(f"{source}: {field}: {twice!r} is listed more than once")
    return found


def _record_counts(value: Any, path: str, *, present: bool = False) -> FrozenMap[str, int]:
    """Counts as minuted, checked by the boards' one rule for them (:func:`_counted`), kept
    by word (with the authority's ``present`` when given) as the record holds them."""
    votes, here = _counted(value, path, present=present)
    out = {vote.value: number for vote, number in votes.items()}
    return FrozenMap(out if here is None else {**out, "present": here})


def read_vote_record(data: Any, source: str = "<record>") -> VoteRecord:
    """Read one question's votes and attendance from plain data (a votes file, a JSON body).

    The fields: ``votes`` (member id to ``"for"``, ``"against"`` or ``"abstain"``) or
    ``counts`` (``{"for": 5, "against": 2}``, for minutes that give only the numbers, with
    ``by_authority`` optional); ``present`` (the ids of members present who did not vote,
    or with ``counts`` the number of eligible members present); ``apologies``, ``absent``,
    ``excluded`` (lists of ids); ``unlisted`` (``"present"`` or ``"absent"``); ``date``
    (``YYYY-MM-DD`` or a TOML date); ``chair``; ``casting`` (``"for"`` or ``"against"``);
    ``motion`` (text).

    Args:
        data: The parsed record, a mapping.
        source: Where it came from, put in front of every message (a file name).

    Raises:
        InvalidVote: A field that is unknown, missing or of the wrong kind, with ``source``
            and the path inside the record.

    Examples:
        >>> record = read_vote_record({"votes": {"a": "for"}, "absent": ["b"],
        ...                            "date": "2008-09-01"})
        >>> record.votes["a"], sorted(record.absent), record.date
        (Vote.FOR, ['b'], datetime.date(2008, 9, 1))
        >>> read_vote_record({"votes": {"a": "for"}, "casting": "yes"}, "votes.toml")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidVote: votes.toml: casting: expected 'for' or 'against', got 'yes'
    """
    if not isinstance(data, Mapping):
        raise InvalidVote(expected(source, "a table of votes and attendance", data))
    extra = sorted(k for k in data if k not in VOTE_RECORD_FIELDS)
    if extra:
        raise InvalidVote(expected(source, f"only the fields {list(VOTE_RECORD_FIELDS)}", extra[0]))
    fields: dict[str, Any] = {}
    if "counts" in data:
        if "votes" in data:
            raise InvalidVote(
                f"{source}: votes: give either votes by name or counts as minuted, not both"
            )
        for field in _NAMED_ONLY:
            if field in data:
                raise InvalidVote(
                    f"{source}: {field}: a record of counts names nobody; give present as "
                    "the number of eligible members present instead"
                )
        fields["counts"] = _record_counts(data["counts"], f"{source}: counts")
        if "by_authority" in data:
            table = data["by_authority"]
            if not isinstance(table, Mapping):
                what = "a table of authority code to counts"
                raise InvalidVote(expected(f"{source}: by_authority", what, table))
            fields["by_authority"] = FrozenMap(
                {
                    code: _record_counts(v, f"{source}: by_authority.{code}", present=True)
                    for code, v in table.items()
                }
            )
        if "present" in data:
            fields["present_count"] = _count(data["present"], f"{source}: present")
    else:
        if "by_authority" in data:
            raise InvalidVote(f"{source}: by_authority: given only with counts")
        votes = data.get("votes")
        if not isinstance(votes, Mapping):
            what = "a table of member id to for/against/abstain (or counts as minuted)"
            raise InvalidVote(expected(f"{source}: votes", what, votes))
        read: dict[str, Vote] = {}
        for member_id, vote in votes.items():
            if vote not in _VOTE_WORDS:
                what = "'for', 'against' or 'abstain'"
                raise InvalidVote(expected(f"{source}: votes.{member_id}", what, vote))
            read[member_id] = Vote(vote)
        fields["votes"] = FrozenMap(read)
        for field in ("present", *_NAMED_ONLY[:3]):
            fields[field] = _record_ids(data, field, source)
        unlisted = data.get("unlisted")
        if unlisted is not None and unlisted not in ("present", "absent"):
            raise InvalidVote(expected(f"{source}: unlisted", "'present' or 'absent'", unlisted))
        fields["unlisted"] = unlisted
    if "date" in data:
        try:
            fields["date"] = _date_in(data["date"])
        except InvalidValue:
            raise InvalidVote(
                expected(f"{source}: date", "a date as YYYY-MM-DD", data["date"])
            ) from None
    chair = data.get("chair")
    if chair is not None and (not isinstance(chair, str) or not chair.strip()):
        raise InvalidVote(expected(f"{source}: chair", "a member id", chair))
    fields["chair"] = chair
    casting = data.get("casting")
    if casting is not None:
        if casting not in ("for", "against"):
            raise InvalidVote(expected(f"{source}: casting", "'for' or 'against'", casting))
        if chair is None:
            raise InvalidVote(f"{source}: casting: a casting vote needs the chair who gave it")
        fields["casting"] = Vote(casting)
    motion = data.get("motion")
    if motion is not None and not isinstance(motion, str):
        raise InvalidVote(expected(f"{source}: motion", "text", motion))
    fields["motion"] = motion
    if "substitutions" in data:
        fields["substitutions"] = _record_substitutions(data["substitutions"], source)
    return VoteRecord(**fields)


def _record_substitutions(value: Any, source: str) -> FrozenMap[str, Member]:
    """``{absent member id: {id, name, authority}}``: who sat in whose place."""
    what = "a table of member id to the substitute's {id, name, authority}"
    if not isinstance(value, Mapping):
        raise InvalidVote(expected(f"{source}: substitutions", what, value))
    out: dict[str, Member] = {}
    taken: set[str] = set()
    for member_id, sub in value.items():
        path = f"{source}: substitutions.{member_id}"
        if not isinstance(sub, Mapping) or not {"id", "name"} <= set(sub):
            raise InvalidVote(expected(path, "a table with the substitute's id and name", sub))
        extra = sorted(set(sub) - {"id", "name", "authority"})
        if extra:
            raise InvalidVote(expected(path, "only the keys id, name and authority", extra[0]))
        authority = sub.get("authority", "-")
        try:
            member = Member(sub["id"], sub["name"], authority)
        except SharegovError as exc:
            raise InvalidVote(f"{path}.{exc}") from None
        if member.id in taken:
            raise InvalidVote(f"{path}.id: {member.id!r} substitutes for two members")
        taken.add(member.id)
        out[member_id] = member
    return FrozenMap(out)
