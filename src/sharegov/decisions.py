"""Recommendations from an advisory board, each council's decision on them, and joint status.

An advisory board (concordat 4.2: "The Board will have no decision making power") only
recommends; each council then decides for itself. A :class:`Recommendation` records what
was recommended, to which councils and bodies, under which conditions, and the
:class:`CouncilDecision` each has taken. :meth:`Recommendation.status` says where things
stood on any date: not yet made, pending, adopted by all, rejected (by whom) or diverged
(adopted in different terms).

Examples:
    >>> import datetime as dt
    >>> rec = Recommendation(
    ...     "quick-wins", "Approve the quick wins for joint working",
    ...     to={"BDC": "Council", "RBC": "Council"}, made_on=dt.date(2008, 9, 1),
    ...     by="Shared Services Board",
    ...     conditions=["subject to consultation with affected staff and trade unions"])
    >>> rec = rec.record(CouncilDecision("BDC", Resolution.ADOPTED, on=dt.date(2008, 9, 17),
    ...                                  body="Council"))
    >>> print(rec.status(as_of=dt.date(2008, 9, 18)).explain())
    Approve the quick wins for joint working (subject to consultation with affected staff and trade
    unions): pending (as of 18 September 2008).
      BDC Council: adopted on 17 September 2008.
      RBC Council: no decision yet.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sharegov._frozen import FrozenMap, frozen_map
from sharegov._validate import is_date
from sharegov.boards import Outcome
from sharegov.errors import InvalidValue, expected
from sharegov.parties import _identifier, _text
from sharegov.timeline import format_date

__all__ = [
    "CouncilDecision",
    "JointState",
    "JointStatus",
    "Recommendation",
    "Resolution",
]


class Resolution(enum.Enum):
    """What a council resolved on a recommendation."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    AMENDED = "adopted with amendments"
    DEFERRED = "deferred"


class JointState(enum.Enum):
    """Where a recommendation stands across every council it went to."""

    NOT_MADE = "not yet made"
    """The date asked about is before the board made the recommendation."""
    PENDING = "pending"
    ADOPTED_BY_ALL = "adopted by all"
    REJECTED = "rejected"
    DIVERGED = "diverged"


@attrs.frozen
class CouncilDecision:
    """One council's decision on a recommendation.

    Args:
        authority: The council's code.
        resolution: Adopted, rejected, amended or deferred.
        on: The date of the decision.
        body: The body that decided, e.g. ``"Council"`` or ``"Cabinet"``.
        minute: The minute reference, if known.
        terms: For an amendment, the terms adopted (used to tell whether councils diverged).
        assumed: True where the paper does not record this decision as written here.
        note: Why, or where it comes from.

    Raises:
        InvalidValue: An amended decision without its terms.
    """

    authority: str = attrs.field(validator=_identifier)
    resolution: Resolution = attrs.field(validator=attrs.validators.instance_of(Resolution))
    on: dt.date = attrs.field(kw_only=True, validator=is_date)
    body: str = attrs.field(default="Council", kw_only=True, validator=_text)
    minute: str | None = attrs.field(default=None, kw_only=True)
    terms: str = attrs.field(default="", kw_only=True)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.resolution is Resolution.AMENDED and not self.terms:
            raise InvalidValue(expected("terms", "the amended terms adopted", self.terms))

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The decision in a line; ``names`` gives a name for a code (see
        :meth:`JointStatus.explain`).

        Examples:
            >>> d = CouncilDecision("emiep", Resolution.ADOPTED, on=dt.date(2009, 11, 27),
            ...                     body="Board", minute="8")
            >>> d.describe()
            'emiep Board: adopted on 27 November 2009 (minute 8)'
            >>> d.describe({"emiep": "East Midlands Improvement Partnership Board"})
            'East Midlands Improvement Partnership Board: adopted on 27 November 2009 (minute 8)'
        """
        minute = f" (minute {self.minute})" if self.minute else ""
        terms = f": {self.terms}" if self.terms else ""
        flag = f" (assumed: {self.note or 'not in the paper'})" if self.assumed else ""
        return (
            f"{_body(self.authority, self.body, names)}: {self.resolution.value} on "
            f"{format_date(self.on)}{minute}{terms}{flag}"
        )


def _body(code: str, body: str, names: Mapping[str, str] | None) -> str:
    """Who decides, in words: the code and its body (``BDC Council``), or, where ``names``
    names the code, that name, with the body unless the name already ends with it."""
    name = (names or {}).get(code)
    if name is None:
        return f"{code} {body}"
    return name if name.lower().endswith(body.lower()) else f"{name} {body}"


@attrs.frozen
class JointStatus:
    """A recommendation's joint status on a date, with each council's latest decision."""

    recommendation: Recommendation
    state: JointState
    as_of: dt.date
    latest: Mapping[str, CouncilDecision | None]

    @property
    def rejected_by(self) -> tuple[str, ...]:
        """The councils whose latest decision rejected it."""
        return tuple(
            code
            for code, d in self.latest.items()
            if d is not None and d.resolution is Resolution.REJECTED
        )

    def explain(self, names: Mapping[str, str] | None = None) -> str:
        """The status and each council's position, fit for a progress report.

        Args:
            names: Names for the codes the recommendation went to, where a code is not how
                the minutes name the body (a board's id in a file: ``{"emiep": "East
                Midlands Improvement Partnership Board"}``); codes not named are shown as
                they are, with their body (``BDC Council``).

        Examples:
            >>> rec = Recommendation("peer", "A Peer Review", to={"emiep": "Board"},
            ...                      made_on=dt.date(2009, 11, 27), by="the Board")
            >>> print(rec.status(as_of=dt.date(2009, 11, 26)).explain())
            A Peer Review: not yet made (as of 26 November 2009; made on 27 November 2009).
            >>> rec = rec.record(CouncilDecision("emiep", Resolution.ADOPTED, body="Board",
            ...                                  on=dt.date(2009, 11, 27)))
            >>> names = {"emiep": "East Midlands Improvement Partnership Board"}
            >>> print(rec.status(as_of=dt.date(2009, 11, 27)).explain(names))
            A Peer Review: adopted by East Midlands Improvement Partnership Board (as of 27 \
November 2009).
              East Midlands Improvement Partnership Board: adopted on 27 November 2009.
        """
        rec = self.recommendation
        when = format_date(self.as_of)
        if self.state is JointState.NOT_MADE:
            made = format_date(rec.made_on)
            return f"{rec.describe()}: not yet made (as of {when}; made on {made})."
        state = self.state.value
        if self.state is JointState.REJECTED:
            who = [(names or {}).get(code, code) for code in self.rejected_by]
            state = f"rejected by {', '.join(who)}"
        elif self.state is JointState.ADOPTED_BY_ALL and len(rec.to) == 1:
            code = next(iter(rec.to))
            state = f"adopted by {(names or {}).get(code, code)}"
        lines = [f"{rec.describe()}: {state} (as of {when})."]
        if rec.assumed:
            lines.append(f"  Assumed, not minuted: {rec.note or 'see the file'}.")
        for code, decision in self.latest.items():
            if decision is None:
                scheduled = rec.scheduled.get(code)
                due = f"; to be considered on {format_date(scheduled)}" if scheduled else ""
                lines.append(f"  {_body(code, rec.to[code], names)}: no decision yet{due}.")
            else:
                lines.append(f"  {decision.describe(names)}.")
        return "\n".join(lines)


def _decisions(value: Iterable[CouncilDecision]) -> tuple[CouncilDecision, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, CouncilDecision):
            raise InvalidValue(expected(f"decisions[{i}]", "a CouncilDecision", item))
    return items


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _optional_outcome(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Outcome):
        raise InvalidValue(expected(attribute.name, "a board Outcome or None", value))


@attrs.frozen
class Recommendation:
    """A recommendation from a board to named councils, and what each decided.

    Args:
        id: Identifier.
        text: What is recommended.
        to: Council code to the body that must decide (``{"BDC": "Council"}``).
        made_on: When the board made it.
        by: The board that made it.
        conditions: Conditions attached, e.g. staff and trade union consultation.
        outcome: The board's :class:`~sharegov.boards.Outcome`, if recorded; it must have
            carried.
        scheduled: Council code to the date its body is to consider it (e.g. the report to
            Council of 17 September 2008).
        decisions: Each council's decisions, in date order per council. Add with
            :meth:`record`.
        assumed: True where the paper does not give the recommendation as written here
            (who made it, say); the status says so.
        note: Why, or where it comes from.

    Raises:
        InvalidValue: No councils, an outcome that did not carry, a decision from a council
            not addressed, by another body, or dated before the recommendation or before that
            council's previous decision.
    """

    id: str = attrs.field(validator=_identifier)
    text: str = attrs.field(validator=_text)
    to: Mapping[str, str] = attrs.field(kw_only=True, converter=frozen_map)
    made_on: dt.date = attrs.field(kw_only=True, validator=is_date)
    by: str = attrs.field(kw_only=True, validator=_text)
    conditions: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_strings)
    outcome: Outcome | None = attrs.field(
        default=None, kw_only=True, validator=_optional_outcome, eq=False
    )
    scheduled: Mapping[str, dt.date] = attrs.field(factory=dict, kw_only=True, converter=frozen_map)
    decisions: tuple[CouncilDecision, ...] = attrs.field(
        default=(), kw_only=True, converter=_decisions
    )
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.to:
            raise InvalidValue(expected("to", "at least one council and body", dict(self.to)))
        if self.outcome is not None and not self.outcome.carried:
            raise InvalidValue(
                f"outcome: {self.by} did not carry this ({self.outcome.headline()}), "
                "so there is no recommendation"
            )
        for code, when in self.scheduled.items():
            if code not in self.to:
                raise InvalidValue(expected(f"scheduled.{code}", f"one of {list(self.to)}", code))
            if when < self.made_on:
                raise InvalidValue(
                    expected(f"scheduled.{code}", f"a date on or after {self.made_on}", when)
                )
        last: dict[str, dt.date] = {}
        for i, d in enumerate(self.decisions):
            if d.authority not in self.to:
                raise InvalidValue(
                    expected(f"decisions[{i}].authority", f"one of {list(self.to)}", d.authority)
                )
            if d.body != self.to[d.authority]:
                raise InvalidValue(
                    expected(f"decisions[{i}].body", repr(self.to[d.authority]), d.body)
                )
            floor = last.get(d.authority, self.made_on)
            if d.on < floor:
                raise InvalidValue(
                    expected(f"decisions[{i}].on", f"a date on or after {floor}", d.on)
                )
            last[d.authority] = d.on

    @classmethod
    def from_outcome(
        cls,
        outcome: Outcome,
        id: str,
        text: str,
        *,
        to: Mapping[str, str],
        made_on: dt.date,
        **kw: Any,
    ) -> Recommendation:
        """A recommendation from a carried board outcome, made by that board."""
        return cls(id, text, to=to, made_on=made_on, by=outcome.board.name, outcome=outcome, **kw)

    def record(self, decision: CouncilDecision) -> Recommendation:
        """A new recommendation with ``decision`` added; this one is not changed."""
        return attrs.evolve(self, decisions=(*self.decisions, decision))

    def describe(self) -> str:
        """The recommendation with its conditions."""
        conditions = f" ({'; '.join(self.conditions)})" if self.conditions else ""
        return f"{self.text}{conditions}"

    def status(self, *, as_of: dt.date) -> JointStatus:
        """The joint status on ``as_of``, from each council's latest decision by then; not
        yet made before :attr:`made_on`."""
        latest: dict[str, CouncilDecision | None] = dict.fromkeys(self.to)
        if as_of < self.made_on:
            return JointStatus(self, JointState.NOT_MADE, as_of, FrozenMap(latest))
        for d in self.decisions:
            if d.on <= as_of:
                latest[d.authority] = d
        found = list(latest.values())
        resolutions = [d.resolution if d is not None else None for d in found]
        if Resolution.REJECTED in resolutions:
            state = JointState.REJECTED
        elif None in resolutions or Resolution.DEFERRED in resolutions:
            state = JointState.PENDING
        elif all(r is Resolution.ADOPTED for r in resolutions):
            state = JointState.ADOPTED_BY_ALL
        else:
            terms = {d.terms if d.resolution is Resolution.AMENDED else "" for d in found if d}
            state = JointState.ADOPTED_BY_ALL if len(terms) == 1 else JointState.DIVERGED
        return JointStatus(self, state, as_of, FrozenMap(latest))
