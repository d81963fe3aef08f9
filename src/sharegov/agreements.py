"""The agreements behind shared arrangements: service levels, secondments, exits, scrutiny,
and which authority keeps a statutory duty.

Seed 000's High Peak and Derbyshire Dales strategic housing team is typical: "Derbyshire
Dales host the team, High Peak second some staff. Simple Service Level Agreement used and
Exit Strategy exists." Each of those facts is one object here, naming its arrangement by
id; an arrangement file lists them under ``service_levels``, ``secondments``,
``exit_strategies``, ``scrutiny`` and ``statutory_duties``, and ``sharegov check`` makes
sure every id and code they name resolves.

Examples:
    >>> import datetime as dt
    >>> from fractions import Fraction
    >>> s = Secondment("hp_staff", employer="HPBC", host="DDDC", share=Fraction(1, 2),
    ...                arrangement="housing")
    >>> print(s.describe())
    Seconded from HPBC to DDDC, 1/2 of their time (for housing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from sharegov._frozen import FrozenMap
from sharegov._validate import (
    instances,
    is_flag,
    one_of,
    optional_date,
    optional_text,
    sequence,
)
from sharegov.costs import SplitRule
from sharegov.errors import InvalidValue, expected
from sharegov.parties import (
    Extension,
    StatutoryRole,
    _assumed,
    _assumed_fields,
    _check_history,
    _end_as_of,
    _extensions,
    _identifier,
    _text,
)
from sharegov.timeline import format_date

__all__ = [
    "ExitStrategy",
    "Indicator",
    "ScrutinyArrangement",
    "Secondment",
    "ServiceLevelAgreement",
    "StatutoryDuty",
]


_STATUSES = ("in place", "proposed", "to be agreed")
#: Validates the ``status`` of an agreement, strategy or scrutiny arrangement.
_status = one_of(_STATUSES)


def _optional_id(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _identifier(instance, attribute, value)


def _dates_in_order(instance: Any) -> None:
    start, end = getattr(instance, "start", None), getattr(instance, "end", None)
    if start is not None and end is not None and end < start:
        raise InvalidValue(expected("end", f"a date on or after the start {start}", end))


def _share(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Fraction) or not 0 < value <= 1:
        raise InvalidValue(expected("share", "a fraction of time above 0 and at most 1", value))


def _optional_fraction(value: Any) -> Fraction | None:
    if value is None or isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    raise InvalidValue(expected("share", "a fraction such as 1/2", value))


def _ids(field: str, value: Any) -> tuple[str, ...]:
    items = sequence(value, field, "a sequence of ids")
    for item in items:
        if not isinstance(item, str) or not item.strip() or any(c.isspace() for c in item):
            raise InvalidValue(expected(field, "ids without spaces", item))
    return items


def _party_ids(value: Any) -> tuple[str, ...]:
    return _ids("parties", value)


def _arrangement_ids(value: Any) -> tuple[str, ...]:
    return _ids("arrangements", value)


def _indicators(value: Any) -> tuple[Indicator, ...]:
    return instances(value, Indicator, "indicators")


def _dates(value: Any) -> tuple[dt.date, ...]:
    dates = instances(value, dt.date, "reviews")
    if list(dates) != sorted(dates):
        raise InvalidValue(expected("reviews", "dates in order, earliest first", dates))
    return dates


def _optional_period(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, relativedelta):
        raise InvalidValue(expected(attribute.name, "a period such as '6 months'", value))


def _optional_split(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, SplitRule):
        raise InvalidValue(expected(attribute.name, "a split rule", value))


def _optional_role(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, StatutoryRole):
        raise InvalidValue(expected(attribute.name, "a statutory role", value))


def _period_words(period: relativedelta) -> str:
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for unit, n in (("year", period.years), ("month", period.months), ("day", period.days))
        if n
    ]
    return " ".join(parts) or "no"


@attrs.frozen
class Secondment:
    """An officer (or a group of staff) employed by one party and seconded to another.

    Args:
        officer: The officer's id, or the id of a group of staff where the paper names
            no one (e.g. ``"hp_housing_staff"``); listed under ``officers`` in a file.
        employer: Who employs them (an authority code or body id).
        host: Who they are seconded to.
        share: The share of their time with the host, where given (``Fraction(1, 2)``).
        arrangement: The arrangement they are seconded for, by id.
        post: The post they fill at the host, by id.
        start: First day; end: last day (the last extension's end, if extended).
        history: Extensions, oldest first.
        note: What else the paper says.
        assumed: Facts not in the source paper, each with a note.

    Raises:
        InvalidValue: The same employer and host, an end before the start, a share
            outside (0, 1], or extensions that do not lead to the end.

    Examples:
        >>> Secondment("x", employer="A", host="A")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: host: expected a party other than the employer 'A', got 'A'
    """

    officer: str = attrs.field(validator=_identifier)
    employer: str = attrs.field(kw_only=True, validator=_identifier)
    host: str = attrs.field(kw_only=True, validator=_identifier)
    share: Fraction | None = attrs.field(
        default=None, kw_only=True, converter=_optional_fraction, validator=_share
    )
    arrangement: str | None = attrs.field(default=None, kw_only=True, validator=_optional_id)
    post: str | None = attrs.field(default=None, kw_only=True, validator=_optional_id)
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    history: tuple[Extension, ...] = attrs.field(default=(), kw_only=True, converter=_extensions)
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def __attrs_post_init__(self) -> None:
        if self.host == self.employer:
            what = f"a party other than the employer {self.employer!r}"
            raise InvalidValue(expected("host", what, self.host))
        _dates_in_order(self)
        _check_history(self.history, self.end)

    def active_on(self, date: dt.date) -> bool:
        """Whether the secondment runs on ``date`` (open-ended where dates are unknown)."""
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def end_on(self, *, as_of: dt.date) -> dt.date | None:
        """The end as known on ``as_of`` (before later extensions were decided)."""
        return _end_as_of(self.history, self.end, as_of)

    def describe(self) -> str:
        """The secondment in a sentence."""
        share = f", {self.share} of their time" if self.share is not None else ""
        what = f" (for {self.arrangement})" if self.arrangement else ""
        when = ""
        if self.start is not None:
            when += f" from {format_date(self.start)}"
        if self.end is not None:
            when += f" to {format_date(self.end)}"
        return f"Seconded from {self.employer} to {self.host}{share}{when}{what}."


@attrs.frozen
class Indicator:
    """A performance indicator in a service level agreement, with its target if agreed.

    Examples:
        >>> Indicator("Out-of-hours call-outs attended", target="all").describe()
        'Out-of-hours call-outs attended: target all'
    """

    name: str = attrs.field(validator=_text)
    target: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def describe(self) -> str:
        """The indicator and its target (or that none is recorded)."""
        return f"{self.name}: target {self.target or 'not recorded'}"


@attrs.frozen
class ServiceLevelAgreement:
    """A service level agreement: parties, service, term, indicators and review dates.

    Args:
        id: Identifier.
        arrangement: The arrangement it governs, by id.
        parties: Its parties (default: the arrangement's).
        service: What is delivered, in words (default: the arrangement's service).
        start: When it starts; end: its last day.
        indicators: Performance indicators with their targets.
        reviews: Review dates, earliest first.
        status: ``"in place"``, ``"proposed"`` or ``"to be agreed"``.
        note: What else the paper says; assumed: facts not in it, each with a note.

    Examples:
        >>> sla = ServiceLevelAgreement("sias_sla", arrangement="sias", status="to be agreed")
        >>> sla.status
        'to be agreed'
    """

    id: str = attrs.field(validator=_identifier)
    arrangement: str = attrs.field(kw_only=True, validator=_identifier)
    parties: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_party_ids)
    service: str | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(_text)
    )
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), kw_only=True, converter=_indicators)
    reviews: tuple[dt.date, ...] = attrs.field(default=(), kw_only=True, converter=_dates)
    status: str = attrs.field(default="in place", kw_only=True, validator=_status)
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def __attrs_post_init__(self) -> None:
        _dates_in_order(self)

    def next_review(self, *, as_of: dt.date) -> dt.date | None:
        """The first review on or after ``as_of``, if any is recorded."""
        return next((d for d in self.reviews if d >= as_of), None)


@attrs.frozen
class ExitStrategy:
    """How a party may leave an arrangement, and how the costs of leaving are shared.

    Args:
        arrangement: The arrangement, by id.
        notice: The notice a party must give, where the terms say (``relativedelta``).
        exit_costs: How exit costs are shared: a split rule from :mod:`sharegov.costs`.
        terms: The termination terms, in words.
        status: ``"in place"``, ``"proposed"`` or ``"to be agreed"``.
        note: What else the paper says; assumed: facts not in it, each with a note.

    Examples:
        >>> from dateutil.relativedelta import relativedelta
        >>> from sharegov.costs import Equal
        >>> print(ExitStrategy(arrangement="x", notice=relativedelta(months=6),
        ...                    exit_costs=Equal()).describe())
        Exit strategy for x (in place): 6 months' notice; exit costs shared equally.
    """

    arrangement: str = attrs.field(kw_only=True, validator=_identifier)
    notice: relativedelta | None = attrs.field(
        default=None, kw_only=True, validator=_optional_period
    )
    exit_costs: SplitRule | None = attrs.field(
        default=None, kw_only=True, validator=_optional_split
    )
    terms: str = attrs.field(default="", kw_only=True)
    status: str = attrs.field(default="in place", kw_only=True, validator=_status)
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def describe(self) -> str:
        """The strategy in a sentence; what is not recorded is said to be so."""
        notice = (
            f"{_period_words(self.notice)}' notice"
            if self.notice is not None
            else "notice not recorded"
        )
        costs = (
            f"exit costs {self.exit_costs.describe()}"
            if self.exit_costs is not None
            else "sharing of exit costs not recorded"
        )
        terms = f"; {self.terms}" if self.terms else ""
        return f"Exit strategy for {self.arrangement} ({self.status}): {notice}; {costs}{terms}."


@attrs.frozen
class ScrutinyArrangement:
    """How shared services are scrutinised: a joint scrutiny body, call-in.

    Args:
        arrangements: The arrangements scrutinised, by id (empty: all of them).
        body: The scrutinising body, e.g. ``"Joint Scrutiny Committee"``.
        joint: Whether the body is joint between the authorities.
        call_in: Whether decisions may be called in; ``None`` where not recorded.
        status: ``"in place"``, ``"proposed"`` or ``"to be agreed"``.
        note: What else the paper says; assumed: facts not in it, each with a note.

    Examples:
        >>> ScrutinyArrangement(status="to be agreed").status
        'to be agreed'
    """

    arrangements: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_arrangement_ids
    )
    body: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    joint: bool = attrs.field(default=False, kw_only=True, validator=is_flag)
    call_in: bool | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(bool)),
    )
    status: str = attrs.field(default="in place", kw_only=True, validator=_status)
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )


@attrs.frozen
class StatutoryDuty:
    """Which authority keeps a statutory duty (or role) when a service is shared.

    Concordat 3.3 (seed 001): "Accountability ... will remain with the Council with whom
    the relevant statutory responsibility rests."

    Args:
        duty: The duty in words, e.g. ``"Monitoring Officer"``.
        authority: The authority that keeps it.
        role: The statutory role, where the duty is one.
        post: The post that discharges it, by id.
        arrangements: The arrangements concerned, by id.
        note: What else the paper says; assumed: facts not in it, each with a note.

    Examples:
        >>> StatutoryDuty("Monitoring Officer", authority="HDC", post="cds").authority
        'HDC'
    """

    duty: str = attrs.field(validator=_text)
    authority: str = attrs.field(kw_only=True, validator=_identifier)
    role: StatutoryRole | None = attrs.field(default=None, kw_only=True, validator=_optional_role)
    post: str | None = attrs.field(default=None, kw_only=True, validator=_optional_id)
    arrangements: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_arrangement_ids
    )
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )
