"""Concordats and the service arrangements agreed under them.

Concordat 3.3 (seed 001): "Accountability for services delivered through joint working
will remain with the Council with whom the relevant statutory responsibility rests. Day to
day managerial responsibility ... should rest with the Council providing the service."
A :class:`ServiceArrangement` records who takes part, who hosts or leads, and when.

A :class:`Concordat` is one immutable version of the agreement. :meth:`Concordat.vary`
makes the next version only with the recorded agreement of every party (concordat 1.4:
"may be varied at any time upon the agreement of both Councils"); :meth:`Concordat.at`
gives the version in force on a date. A :class:`Term` holds the trial period and its
reviews (a 12-month trial reviewed at 6 months, then annually) and any termination by
agreement with its :class:`ExitRecord`.

Examples:
    >>> import datetime as dt
    >>> payroll = ServiceArrangement(
    ...     "payroll", "Payroll", ["BDC", "RBC"], kind=ArrangementKind.SHARED_SERVICE,
    ...     host="RBC", start=dt.date(2008, 9, 1))
    >>> payroll.host, payroll.active_on(dt.date(2009, 1, 1))
    ('RBC', True)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from sharegov._frozen import FrozenMap
from sharegov._validate import instances, is_date, is_flag, optional_date, optional_text, sequence
from sharegov.boards import Board
from sharegov.errors import InvalidValue, LimitExceeded, UnknownId, expected
from sharegov.parties import (
    Authority,
    Extension,
    _assumed,
    _assumed_fields,
    _check_history,
    _end_as_of,
    _extensions,
    _identifier,
    _text,
)
from sharegov.timeline import Phase, format_date

__all__ = [
    "ACCOUNTABILITY",
    "Agreement",
    "ArrangementKind",
    "Concordat",
    "ExitRecord",
    "Extension",
    "ServiceArrangement",
    "Term",
    "TermState",
    "Variation",
]


class ArrangementKind(enum.Enum):
    """What sort of arrangement binds the parties."""

    SHARED_SERVICE = "shared service"
    """One team delivers a service for several authorities (e.g. payroll hosted by Redditch)."""
    SHARED_POST = "shared post"
    """One officer serves several authorities (e.g. a joint chief executive)."""
    JOINT_COMMITTEE = "joint committee"
    """A board or joint committee of members (LGA 1972 s.102 and s.101(5))."""
    CONTRACT = "contract"
    """A service bought from another body or a contractor."""
    PARTNERSHIP = "partnership"
    """A looser alliance: a concordat, a county-wide hub, a community safety partnership."""


def _codes(value: Any) -> tuple[str, ...]:
    return sequence(value, "parties", "a sequence of authority codes")


def _depends_on(value: Any) -> tuple[str, ...]:
    return instances(value, str, "depends_on")


def _funded_by(value: Any) -> tuple[str, ...]:
    return instances(value, str, "funded_by")


def _kind(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ArrangementKind):
        raise InvalidValue(expected("kind", "an ArrangementKind", value))


def _dated(field: str, value: Any) -> FrozenMap[str, dt.date]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected(field, "a table of party code to date", value))
    for code, when in value.items():
        if not isinstance(when, dt.date) or isinstance(when, dt.datetime):
            raise InvalidValue(expected(f"{field}.{code}", "a date", when))
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


def _joined(value: Any) -> FrozenMap[str, dt.date]:
    return _dated("joined", value)


def _left(value: Any) -> FrozenMap[str, dt.date]:
    return _dated("left", value)


def _optional_term(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Term):
        raise InvalidValue(expected("term", "a Term (a trial and its reviews) or None", value))


@attrs.frozen
class ServiceArrangement:
    """A service, post or committee shared by authorities, with its host or lead.

    Args:
        id: Identifier, unique within a concordat or graph.
        service: What is shared, in words: ``"Payroll"``, ``"Internal Audit"``.
        parties: Codes of the authorities taking part.
        kind: See :class:`ArrangementKind`.
        host: The party that employs the staff and delivers the service, if any.
        lead: The party that leads on it (e.g. "Bromsgrove should lead" on elections).
        start: When it began (or begins).
        end: When it ended (or ends), if known.
        depends_on: Ids of arrangements this one depends on (payroll → HR system).
        funded_by: External bodies funding it (e.g. a regional improvement partnership).
        provider: An external body or contractor that delivers it, if not a party.
        joined: Party code to the day it joined, for parties that joined after the start.
        left: Party code to its last day as a party, for parties that have left.
        history: Extensions of the end, oldest first (:class:`Extension`); the last one
            sets ``end``.
        term: A trial period and its reviews (:class:`Term`), where one was agreed.
        note: What else the paper says, in words.
        assumed: Facts not in the source paper, each with a note; outputs show them as
            assumed, never as minuted.

    Parties may be authorities or other bodies (a university, a contractor, a regional
    branch): an arrangement file lists the latter under ``bodies``.

    Raises:
        InvalidValue: No parties, a repeated party, a host or lead that is not a party,
            an end before the start, a joining or leaving date for someone who is not a
            party, or extensions that do not lead to the end.
    """

    id: str = attrs.field(validator=_identifier)
    service: str = attrs.field(validator=_text)
    parties: tuple[str, ...] = attrs.field(converter=_codes)
    kind: ArrangementKind = attrs.field(
        default=ArrangementKind.SHARED_SERVICE,
        kw_only=True,
        validator=_kind,
    )
    host: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    lead: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    depends_on: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_depends_on)
    funded_by: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_funded_by)
    provider: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    joined: Mapping[str, dt.date] = attrs.field(factory=FrozenMap, kw_only=True, converter=_joined)
    left: Mapping[str, dt.date] = attrs.field(factory=FrozenMap, kw_only=True, converter=_left)
    history: tuple[Extension, ...] = attrs.field(default=(), kw_only=True, converter=_extensions)
    term: Term | None = attrs.field(default=None, kw_only=True, validator=_optional_term)
    note: str = attrs.field(default="", kw_only=True)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def __attrs_post_init__(self) -> None:
        for field in ("joined", "left"):
            for code in getattr(self, field):
                if code not in self.parties:
                    what = f"one of the parties {list(self.parties)}"
                    raise InvalidValue(expected(field, what, code))
        for code, day in self.left.items():
            if code in self.joined and day < self.joined[code]:
                what = f"a date on or after it joined ({self.joined[code].isoformat()})"
                raise InvalidValue(expected(f"left.{code}", what, day))
        _check_history(self.history, self.end)
        if not self.parties or len(set(self.parties)) != len(self.parties):
            raise InvalidValue(
                expected("parties", "at least one authority code, no repeats", self.parties)
            )
        for role in ("host", "lead"):
            value = getattr(self, role)
            if value is not None and value not in self.parties:
                raise InvalidValue(
                    expected(role, f"one of the parties {list(self.parties)}", value)
                )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValue(
                expected("end", f"a date on or after the start {self.start}", self.end)
            )
        if self.id in self.depends_on:
            raise InvalidValue(expected("depends_on", "ids of other arrangements", self.id))

    def active_on(self, date: dt.date) -> bool:
        """Whether the arrangement is in force on ``date`` (open-ended where dates are unknown)."""
        started = self.start is None or self.start <= date
        ended = self.end is not None and self.end < date
        return started and not ended

    def parties_on(self, date: dt.date) -> tuple[str, ...]:
        """The parties on ``date``: those that had joined and not yet left.

        Examples:
            >>> sias = ServiceArrangement("sias", "Internal audit", ["HCC", "NHDC", "DBC"],
            ...                           joined={"DBC": dt.date(2011, 3, 1)})
            >>> sias.parties_on(dt.date(2011, 1, 1))
            ('HCC', 'NHDC')
        """
        return tuple(
            p
            for p in self.parties
            if (p not in self.joined or self.joined[p] <= date)
            and (p not in self.left or date <= self.left[p])
        )

    def end_on(self, *, as_of: dt.date) -> dt.date | None:
        """The end as it was known on ``as_of`` (before later extensions were decided)."""
        return _end_as_of(self.history, self.end, as_of)


# ---------------------------------------------------------------------------------------------
# Term: trial, reviews, termination
# ---------------------------------------------------------------------------------------------

#: Concordat 3.3 (seed 001), the default accountability rule.
ACCOUNTABILITY = (
    "Accountability for services delivered through joint working will remain with the Council "
    "with whom the relevant statutory responsibility rests. Day to day managerial "
    "responsibility for services delivered through joint working should rest with the Council "
    "providing the service."
)

_MAX_REVIEWS = 1_000


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return instances(value, str, "reviewers")


def _period(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, relativedelta):
        raise InvalidValue(expected(attribute.name, "a dateutil relativedelta", value))
    probe = dt.date(2000, 1, 1)
    try:
        later = probe + value
    except (ValueError, OverflowError):  # past the year 9999
        later = dt.date.max
    if later >= dt.date(3000, 1, 1):
        raise InvalidValue(expected(attribute.name, "a period of under 1,000 years", value))
    if later <= probe:
        raise InvalidValue(expected(attribute.name, "a positive period", value))


def _describe_period(period: relativedelta) -> str:
    months = period.years * 12 + period.months
    parts = [f"{months}-month"] if months else []
    if period.days:
        parts.append(f"{period.days}-day")
    return " ".join(parts) or "0-day"


@attrs.frozen
class Agreement:
    """A party's recorded agreement: the decision, the body that took it, and its date.

    Examples:
        >>> Agreement("BDC", "Minute 45/08", body="Council", on=dt.date(2008, 9, 17)).describe()
        'BDC Council, 17 September 2008 (Minute 45/08)'
    """

    party: str = attrs.field(validator=_identifier)
    decision: str = attrs.field(validator=_text)
    body: str = attrs.field(kw_only=True, validator=_text)
    on: dt.date = attrs.field(kw_only=True, validator=is_date)

    def describe(self) -> str:
        """The agreement in a line."""
        return f"{self.party} {self.body}, {format_date(self.on)} ({self.decision})"


def _agreements(value: Iterable[Agreement]) -> tuple[Agreement, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Agreement):
            raise InvalidValue(expected(f"agreements[{i}]", "an Agreement", item))
    return items


@attrs.frozen
class ExitRecord:
    """How an arrangement was brought to an end by agreement (concordat 7.1)."""

    decided_on: dt.date = attrs.field(validator=is_date)
    agreements: tuple[Agreement, ...] = attrs.field(kw_only=True, converter=_agreements)
    reason: str = attrs.field(default="", kw_only=True)
    handling: str = attrs.field(default="", kw_only=True)

    def describe(self) -> str:
        """The exit in words."""
        who = "; ".join(a.describe() for a in self.agreements)
        why = f" Reason: {self.reason}." if self.reason else ""
        how = f" Handling: {self.handling}." if self.handling else ""
        return f"Ended by agreement on {format_date(self.decided_on)}: {who}.{why}{how}"


def _optional_exit(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, ExitRecord):
        raise InvalidValue(expected("exit", "an ExitRecord or None", value))


class TermState(enum.Enum):
    """Where a term stands on a date."""

    NOT_STARTED = "not started"
    TRIAL = "in its trial period"
    CONTINUING = "continuing after the trial"
    ENDED = "ended"


@attrs.frozen
class Term:
    """A trial period from ``start``, its reviews, and any end.

    Reviews fall ``first_review`` after the start (6 months), at the end of the trial, and
    then every ``then_every`` (a year) while the arrangement continues.

    Args:
        start: When the arrangement began.
        trial: Length of the trial, e.g. ``relativedelta(months=12)``.
        first_review: When the first review falls after the start.
        then_every: Interval of later reviews, from the end of the trial.
        reviewers: Who reviews, e.g. ``("BDC Cabinet", "RBC Cabinet")``.
        independently: Whether each reviewer reviews separately (as the seed board agreed).
        end: The last day, if it has ended or an end is fixed.
        exit: The record of a termination by agreement.

    Raises:
        InvalidValue: An end before the start, or the first review after the term ends or
            not within the trial.

    Examples:
        >>> term = Term(dt.date(2008, 6, 30), reviewers=("BDC Cabinet", "RBC Cabinet"))
        >>> [format_date(d) for d in term.review_dates(until=dt.date(2010, 7, 1))]
        ['30 December 2008', '30 June 2009', '30 June 2010']
        >>> print(term.explain(as_of=dt.date(2008, 9, 2)))
        In its trial period (as of 2 September 2008): a 12-month trial from 30 June 2008 to 30 June
        2009; next review 30 December 2008 by BDC Cabinet and RBC Cabinet, each independently.
    """

    start: dt.date = attrs.field(validator=is_date)
    trial: relativedelta = attrs.field(
        factory=lambda: relativedelta(months=12), kw_only=True, validator=_period
    )
    first_review: relativedelta = attrs.field(
        factory=lambda: relativedelta(months=6), kw_only=True, validator=_period
    )
    then_every: relativedelta = attrs.field(
        factory=lambda: relativedelta(years=1), kw_only=True, validator=_period
    )
    reviewers: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    independently: bool = attrs.field(default=True, kw_only=True, validator=is_flag)
    end: dt.date | None = attrs.field(default=None, kw_only=True)
    exit: ExitRecord | None = attrs.field(default=None, kw_only=True, validator=_optional_exit)

    def __attrs_post_init__(self) -> None:
        if self.end is not None:
            is_date(self, attrs.fields(Term).end, self.end)
            if self.end < self.start:
                raise InvalidValue(
                    expected(
                        "end", f"a date on or after the start {format_date(self.start)}", self.end
                    )
                )
        first = self.start + self.first_review
        if first > self.trial_end:
            raise InvalidValue(
                expected(
                    "first_review",
                    f"a review within the trial (by {format_date(self.trial_end)})",
                    self.first_review,
                )
            )
        if self.end is not None and first > self.end and self.exit is None:
            raise InvalidValue(
                expected(
                    "first_review",
                    f"a review on or before the term ends ({format_date(self.end)})",
                    self.first_review,
                )
            )

    @property
    def trial_end(self) -> dt.date:
        """The day the trial period ends."""
        return self.start + self.trial

    def _reviews(self) -> Iterator[dt.date]:
        yield self.start + self.first_review
        if self.trial_end != self.start + self.first_review:
            yield self.trial_end
        k = 1
        while True:
            yield self.trial_end + self.then_every * k
            k += 1

    def review_dates(self, *, until: dt.date | None = None) -> list[dt.date]:
        """The review dates up to ``until`` (or the end), in order.

        Raises:
            InvalidValue: No ``until`` for a term with no end.
            LimitExceeded: More than 1,000 reviews.
        """
        stop = min(d for d in (until, self.end) if d is not None) if (until or self.end) else None
        if stop is None:
            raise InvalidValue(expected("until", "a date, since the term has no end", until))
        found = []
        for date in self._reviews():
            if date > stop:
                break
            found.append(date)
            if len(found) > _MAX_REVIEWS:
                raise LimitExceeded(f"review_dates: more than {_MAX_REVIEWS}; give a nearer until")
        return found

    def next_review(self, *, as_of: dt.date) -> dt.date | None:
        """The first review on or after ``as_of``, or ``None`` once the term has ended."""
        for date in self._reviews():
            if self.end is not None and date > self.end:
                return None
            if date >= as_of:
                return date
        return None  # pragma: no cover - the generator is endless

    def state(self, *, as_of: dt.date) -> TermState:
        """Where the term stood on ``as_of``."""
        if as_of < self.start:
            return TermState.NOT_STARTED
        if self.end is not None and as_of > self.end:
            return TermState.ENDED
        return TermState.TRIAL if as_of < self.trial_end else TermState.CONTINUING

    def describe(self) -> str:
        """The term in words, as of no date: the trial, its first review and any end.

        Examples:
            >>> Term(dt.date(2005, 12, 16), trial=relativedelta(years=1),
            ...      first_review=relativedelta(years=1)).describe()
            'a 12-month trial from 16 December 2005 to 16 December 2006, first reviewed on 16 \
December 2006'
        """
        text = (
            f"a {_describe_period(self.trial)} trial from {format_date(self.start)} to "
            f"{format_date(self.trial_end)}, first reviewed on "
            f"{format_date(self.start + self.first_review)}"
        )
        return text + (f"; ends {format_date(self.end)}" if self.end is not None else "")

    def explain(self, *, as_of: dt.date) -> str:
        """The term's state on ``as_of`` and the next review, in words."""
        state = self.state(as_of=as_of)
        head = f"{state.value[0].upper()}{state.value[1:]} (as of {format_date(as_of)}): "
        body = (
            f"a {_describe_period(self.trial)} trial from {format_date(self.start)} to "
            f"{format_date(self.trial_end)}"
        )
        if state is TermState.ENDED and self.end is not None:
            text = head + body + f"; ended on {format_date(self.end)}."
            return text + (f" {self.exit.describe()}" if self.exit else "")
        nxt = self.next_review(as_of=as_of)
        if nxt is not None:
            who = " and ".join(self.reviewers) if self.reviewers else "the parties"
            each = ", each independently" if self.independently and len(self.reviewers) > 1 else ""
            body += f"; next review {format_date(nxt)} by {who}{each}"
        return head + body + "."

    def terminate(
        self,
        on: dt.date,
        *,
        parties: Iterable[str],
        agreements: Iterable[Agreement],
        reason: str = "",
        handling: str = "",
    ) -> Term:
        """A new term ended on ``on`` by the agreement of every one of ``parties``.

        Raises:
            InvalidValue: A party has not agreed, an agreement after ``on``, or ``on`` before
                the start.
        """
        agreed = _agreements(agreements)
        _require_all(parties, agreed, "termination", on)
        record = ExitRecord(on, agreements=agreed, reason=reason, handling=handling)
        return attrs.evolve(self, end=on, exit=record)


def _require_all(
    parties: Iterable[str], agreements: tuple[Agreement, ...], what: str, on: dt.date
) -> None:
    wanted = list(parties)
    for i, a in enumerate(agreements):
        if a.party not in wanted:
            raise InvalidValue(expected(f"agreements[{i}].party", f"one of {wanted}", a.party))
        if a.on > on:
            raise InvalidValue(
                expected(f"agreements[{i}].on", f"a date on or before {format_date(on)}", a.on)
            )
    missing = [p for p in wanted if p not in {a.party for a in agreements}]
    if missing:
        who = " and ".join(missing)
        raise InvalidValue(
            f"agreements: a {what} needs the recorded agreement of every party; "
            f"{who} {'has' if len(missing) == 1 else 'have'} not agreed"
        )


# ---------------------------------------------------------------------------------------------
# Concordat and its versions
# ---------------------------------------------------------------------------------------------


def _parties(value: Iterable[Authority]) -> tuple[Authority, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Authority):
            raise InvalidValue(expected(f"parties[{i}]", "an Authority", item))
    return items


def _arrangements(value: Iterable[ServiceArrangement]) -> tuple[ServiceArrangement, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, ServiceArrangement):
            raise InvalidValue(expected(f"arrangements[{i}]", "a ServiceArrangement", item))
    return items


def _phases(value: Iterable[Phase]) -> tuple[Phase, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Phase):
            raise InvalidValue(expected(f"phases[{i}]", "a Phase", item))
    return items


@attrs.frozen
class Variation:
    """A variation of a concordat: the version it made, when, what changed, who agreed."""

    version: int
    in_force_from: dt.date
    change: str
    agreements: tuple[Agreement, ...]

    def describe(self) -> str:
        """The variation in a line fit for minutes."""
        agreed = "; ".join(a.describe() for a in self.agreements)
        return (
            f"Version {self.version}, in force from {format_date(self.in_force_from)}: "
            f"{self.change}. Agreed: {agreed}."
        )


_VERSIONED = ("version", "in_force_from", "agreements", "variation", "previous")


@attrs.frozen
class Concordat:
    """One version of a concordat between councils; earlier versions hang off ``previous``.

    Args:
        title: The concordat's title.
        parties: The councils party to it.
        in_force_from: When this version took effect.
        purpose, vision, aims, principles: As the document states them.
        board: The board it sets up, and ``terms_of_reference`` in words.
        phases: Phase targets set under it.
        financial: The financial clauses, in words.
        termination: The termination clause.
        legally_enforceable: Whether it is meant to be a legally enforceable contract.
        arrangements: Service arrangements agreed under it, each with host or lead.
        accountability: The accountability rule (by default concordat 3.3).
        term: The trial, its reviews and any end.
        agreements: Each party's recorded agreement to this version.
        version: 1 for the first, then one more per variation.
        variation: What this version changed, in words.
        previous: The version before, unchanged.

    Raises:
        InvalidValue: Repeated parties, an arrangement with a party not party to the
            concordat, or a board with authorities that are not parties.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_concordat
        >>> c = bromsgrove_redditch_concordat()
        >>> c2 = c.vary(variation="Add a shared Internal Audit service",
        ...             in_force_from=dt.date(2009, 4, 1),
        ...             agreements=[Agreement("BDC", "Minute 12/09", body="Cabinet",
        ...                                   on=dt.date(2009, 3, 4))])
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: agreements: a variation needs the recorded agreement of every
        party; RBC has not agreed
    """

    title: str = attrs.field(validator=_text)
    parties: tuple[Authority, ...] = attrs.field(kw_only=True, converter=_parties)
    in_force_from: dt.date = attrs.field(kw_only=True, validator=is_date)
    purpose: str = attrs.field(default="", kw_only=True)
    vision: str = attrs.field(default="", kw_only=True)
    aims: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    principles: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    board: Board | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(Board)),
    )
    terms_of_reference: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    phases: tuple[Phase, ...] = attrs.field(default=(), kw_only=True, converter=_phases)
    financial: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    termination: str = attrs.field(default="", kw_only=True)
    legally_enforceable: bool = attrs.field(
        default=False, kw_only=True, validator=attrs.validators.instance_of(bool)
    )
    arrangements: tuple[ServiceArrangement, ...] = attrs.field(
        default=(), kw_only=True, converter=_arrangements
    )
    accountability: str = attrs.field(default=ACCOUNTABILITY, kw_only=True)
    term: Term | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(Term)),
    )
    agreements: tuple[Agreement, ...] = attrs.field(default=(), kw_only=True, converter=_agreements)
    version: int = attrs.field(default=1, kw_only=True)
    variation: str = attrs.field(default="", kw_only=True)
    previous: Concordat | None = attrs.field(default=None, kw_only=True, repr=False)

    def __attrs_post_init__(self) -> None:
        codes = [p.code for p in self.parties]
        if len(codes) < 2 or len(set(codes)) != len(codes):
            raise InvalidValue(expected("parties", "two or more distinct authorities", codes))
        for i, arrangement in enumerate(self.arrangements):
            for code in arrangement.parties:
                if code not in codes:
                    raise InvalidValue(
                        expected(
                            f"arrangements[{i}].parties", f"parties to the concordat {codes}", code
                        )
                    )
        if self.board is not None:
            for authority in self.board.authorities:
                if authority.code not in codes:
                    raise InvalidValue(
                        expected(
                            "board.authorities", f"parties to the concordat {codes}", authority.code
                        )
                    )
        for i, a in enumerate(self.agreements):
            if a.party not in codes:
                raise InvalidValue(expected(f"agreements[{i}].party", f"one of {codes}", a.party))
        if self.previous is not None:
            if not isinstance(self.previous, Concordat):
                raise InvalidValue(expected("previous", "a Concordat", self.previous))
            if self.version != self.previous.version + 1:
                raise InvalidValue(
                    expected("version", str(self.previous.version + 1), self.version)
                )
            if self.in_force_from <= self.previous.in_force_from:
                raise InvalidValue(
                    expected(
                        "in_force_from",
                        "a date after the previous version's "
                        f"({format_date(self.previous.in_force_from)})",
                        self.in_force_from,
                    )
                )
            _require_all(codes, self.agreements, "variation", self.in_force_from)
        elif self.version != 1:
            raise InvalidValue(
                expected("version", "1 for a concordat with no previous version", self.version)
            )

    @property
    def party_codes(self) -> tuple[str, ...]:
        """The parties' codes."""
        return tuple(p.code for p in self.parties)

    @property
    def versions(self) -> tuple[Concordat, ...]:
        """Every version, oldest first, ending with this one."""
        chain: list[Concordat] = []
        node: Concordat | None = self
        while node is not None:
            chain.append(node)
            node = node.previous
        return tuple(reversed(chain))

    @property
    def variations(self) -> tuple[Variation, ...]:
        """Every variation made so far, oldest first (the first version is not one)."""
        return tuple(
            Variation(v.version, v.in_force_from, v.variation, v.agreements)
            for v in self.versions[1:]
        )

    def vary(
        self,
        *,
        variation: str,
        in_force_from: dt.date,
        agreements: Iterable[Agreement],
        **changes: Any,
    ) -> Concordat:
        """The next version, with ``changes``, agreed by every party; this one is unchanged.

        Raises:
            InvalidValue: A party has not agreed (the message names who), an agreement
                dated after ``in_force_from``, a date not after this version's, or a change to
                a field that versions manage.
        """
        for name in changes:
            if name in _VERSIONED:
                raise InvalidValue(expected(name, "a field of the concordat's terms", name))
        return attrs.evolve(
            self,
            **changes,
            version=self.version + 1,
            in_force_from=in_force_from,
            agreements=tuple(agreements),
            variation=variation,
            previous=self,
        )

    def at(self, date: dt.date) -> Concordat:
        """The version in force on ``date``.

        Raises:
            UnknownId: ``date`` is before the first version took effect.
        """
        for version in reversed(self.versions):
            if version.in_force_from <= date:
                return version
        raise UnknownId(
            expected(
                "date",
                f"a date on or after {format_date(self.versions[0].in_force_from)}, "
                "when the concordat took effect",
                date,
            )
        )

    def arrangement(self, arrangement_id: str) -> ServiceArrangement:
        """The service arrangement with ``arrangement_id``."""
        for a in self.arrangements:
            if a.id == arrangement_id:
                return a
        raise UnknownId(
            expected("arrangement", f"an arrangement under {self.title}", arrangement_id)
        )

    def accountable_for(self, arrangement_id: str, authority: str) -> str:
        """Who answers for ``authority``'s share of a shared service, and who manages it.

        Under the accountability rule, accountability stays with the council that holds the
        statutory duty (the service's recipient), whoever hosts or leads it.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_concordat
            >>> print(bromsgrove_redditch_concordat().accountable_for("payroll", "BDC"))
            Payroll for BDC: BDC remains accountable (it holds the statutory responsibility);
            day-to-day management rests with RBC, which provides the service.
        """
        a = self.arrangement(arrangement_id)
        if authority not in a.parties:
            raise UnknownId(
                expected("authority", f"a party to {a.service} {list(a.parties)}", authority)
            )
        provider = a.host or a.lead
        text = (
            f"{a.service} for {authority}: {authority} remains accountable "
            "(it holds the statutory responsibility)"
        )
        if provider is not None:
            verb = "provides" if a.host else "leads on"
            text += f"; day-to-day management rests with {provider}, which {verb} the service"
        return text + "."

    def history(self) -> str:
        """Every version with its date, change and agreements, oldest first."""
        lines = []
        for v in self.versions:
            change = v.variation or "first version"
            agreed = "; ".join(a.describe() for a in v.agreements) or "no agreements recorded"
            lines.append(
                f"Version {v.version}, in force from {format_date(v.in_force_from)}: {change}. "
                f"Agreed: {agreed}."
            )
        return "\n".join(lines)
