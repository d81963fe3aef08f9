"""Deadlines that move, phases, milestone plans, recurring schedules and clear working days.

Everything here answers "as of date D": what was due then, what was known then, what has
moved since and who moved it. Nothing is changed in place: :meth:`Deadline.amend` returns a
new deadline whose history keeps every earlier date.

Clear days (for publishing an agenda before a meeting) exclude the day of publication, the
day of the meeting, weekends and the bank holidays of the nation concerned, taken from the
``holidays`` package (loaded on first use, not by ``import sharegov``).

Examples:
    >>> import datetime as dt
    >>> d = Deadline("Phase 2: identify medium-term opportunities", due=dt.date(2008, 12, 31))
    >>> d2 = d.amend(dt.date(2009, 1, 31), decided_on=dt.date(2008, 9, 1),
    ...              by="Shared Services Board", reason="holidays")
    >>> d2.due, d2.due_on(as_of=dt.date(2008, 8, 31)), d.due
    (datetime.date(2009, 1, 31), datetime.date(2008, 12, 31), datetime.date(2008, 12, 31))
    >>> print(d2.explain(as_of=dt.date(2008, 9, 2)))
    Phase 2: identify medium-term opportunities: due 31 January 2009 (as of 2 September 2008).
      On 1 September 2008 Shared Services Board moved it from 31 December 2008 to 31 January 2009:
      holidays.
    >>> notice_deadline(dt.date(2008, 9, 1), clear_days=5, nation="england")
    datetime.date(2008, 8, 21)
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import graphlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from dateutil import rrule as dateutil_rrule

from sharegov._validate import is_date, is_flag, optional_date, optional_text, sequence
from sharegov._words import day
from sharegov.errors import InvalidValue, LimitExceeded, expected
from sharegov.parties import _identifier, _text

__all__ = [
    "NATIONS",
    "Amendment",
    "Deadline",
    "DeadlineState",
    "Milestone",
    "MilestonePlan",
    "MilestoneStatus",
    "Phase",
    "Schedule",
    "bank_holidays",
    "clear_days_between",
    "format_date",
    "is_working_day",
    "notice_deadline",
]

#: The UK nations and their subdivision codes in the ``holidays`` package.
NATIONS: Mapping[str, str] = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern ireland": "NIR",
}

#: The most dates a schedule will list in one call; past it, ask for a narrower window.
MAX_OCCURRENCES = 10_000


def format_date(date: dt.date) -> str:
    """A date as written in minutes: ``1 September 2008``.

    Examples:
        >>> format_date(dt.date(2008, 9, 1))
        '1 September 2008'
    """
    return day(date)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return sequence(value, "depends_on", "a sequence of ids")


def _check_date(field: str, value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValue(expected(field, "a datetime.date", value))
    return value


# ---------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Amendment:
    """One recorded move of a deadline: who moved it, when, from what, to what and why.

    Examples:
        >>> a = Amendment(dt.date(2008, 12, 31), dt.date(2009, 1, 31),
        ...               decided_on=dt.date(2008, 9, 1), by="Shared Services Board")
        >>> a.describe()
        'On 1 September 2008 Shared Services Board moved it from 31 December 2008 to 31 January
        2009.'
    """

    old: dt.date = attrs.field(validator=is_date)
    new: dt.date = attrs.field(validator=is_date)
    decided_on: dt.date = attrs.field(kw_only=True, validator=is_date)
    by: str = attrs.field(kw_only=True, validator=_text)
    reason: str = attrs.field(default="", kw_only=True)

    def describe(self) -> str:
        """The amendment in a sentence fit for minutes."""
        why = f": {self.reason}" if self.reason else ""
        return (
            f"On {format_date(self.decided_on)} {self.by} moved it from "
            f"{format_date(self.old)} to {format_date(self.new)}{why}."
        )


class DeadlineState(enum.Enum):
    """Where a deadline or milestone stands on a given date.

    A task (a thing to be done by its date) is pending, due soon, overdue or done. A
    meeting (``Deadline(meeting=True)``, a meeting to be held on its date) has states of
    its own, as a clerk would say them: to be held, held, or not recorded as held; it is
    never overdue or due soon. Either is "not yet set" before the deadline was set.

    Examples:
        >>> [s.value for s in DeadlineState if s.for_meeting]
        ['not yet set', 'to be held', 'held', 'not recorded as held']
        >>> [s.value for s in DeadlineState if s.for_task]
        ['not yet set', 'pending', 'due soon', 'overdue', 'done']
    """

    NOT_SET = "not yet set"
    PENDING = "pending"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    """Past its due date and not recorded as done."""
    DONE = "done"
    SCHEDULED = "to be held"
    """A meeting on or before the date it is to be held, not yet recorded as held."""
    HELD = "held"
    """A meeting recorded as held (``done_on``) on or before the date looked from."""
    NOT_RECORDED_AS_HELD = "not recorded as held"
    """A meeting past the date it was due to be held, not recorded as held."""

    @property
    def for_meeting(self) -> bool:
        """Whether a meeting can be in this state."""
        return self in _MEETING_STATES

    @property
    def for_task(self) -> bool:
        """Whether a task (a deadline that is not a meeting) can be in this state."""
        return self is DeadlineState.NOT_SET or self not in _MEETING_STATES


_MEETING_STATES = frozenset(
    {
        DeadlineState.NOT_SET,
        DeadlineState.SCHEDULED,
        DeadlineState.HELD,
        DeadlineState.NOT_RECORDED_AS_HELD,
    }
)


def _meeting_words(state: DeadlineState, due: dt.date, done_on: dt.date | None) -> str:
    """A meeting's date as a clerk words it in ``state``: held on, due to be held on, or to
    be held on."""
    if state is DeadlineState.HELD and done_on is not None:
        return f"held on {format_date(done_on)}"
    if state is DeadlineState.NOT_RECORDED_AS_HELD:
        return f"due to be held on {format_date(due)}"
    return f"to be held on {format_date(due)}"


def _history(value: Iterable[Amendment]) -> tuple[Amendment, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Amendment):
            raise InvalidValue(expected(f"history[{i}]", "an Amendment", item))
    return items


@attrs.frozen
class Deadline:
    """A date by which something is due, with the history of every amendment.

    Args:
        title: What is due, e.g. ``"Phase 2: identify medium-term opportunities"``.
        due: The date now in force (after every amendment in ``history``).
        set_on: When the deadline was first set; an amendment may not be dated before it.
        history: The amendments, oldest first. Build it with :meth:`amend`.
        done_on: When the thing due was done, if it has been (for a meeting: when it was
            held).
        owner: Who must meet it, if recorded.
        meeting: True where what is due is a meeting to be held on the date (say, "De
            Montfort be invited to host the 26/5/06 meeting"), not a task to be done by it:
            its explanation says it was due to be held, or held, never that it is overdue.

    Raises:
        InvalidValue: An amendment dated before the deadline was set or before an earlier
            amendment, a history whose dates do not chain to ``due``, or ``done_on`` before
            ``set_on``.

    Examples:
        >>> d = Deadline("Identify quick wins", due=dt.date(2008, 9, 30),
        ...              set_on=dt.date(2008, 6, 30))
        >>> d.amend(dt.date(2008, 10, 31), decided_on=dt.date(2008, 6, 1), by="Board")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: history[0].decided_on: expected a date on or after the \
deadline was set (30 June 2008), got 2008-06-01
    """

    title: str = attrs.field(validator=_text)
    due: dt.date = attrs.field(kw_only=True, validator=is_date)
    set_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    history: tuple[Amendment, ...] = attrs.field(default=(), kw_only=True, converter=_history)
    done_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    owner: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    meeting: bool = attrs.field(default=False, kw_only=True, validator=is_flag)

    def __attrs_post_init__(self) -> None:
        previous, since = self.set_on, "the deadline was set"
        for i, amendment in enumerate(self.history):
            if previous is not None and amendment.decided_on < previous:
                what = f"a date on or after {since} ({format_date(previous)})"
                raise InvalidValue(expected(f"history[{i}].decided_on", what, amendment.decided_on))
            if i and amendment.old != self.history[i - 1].new:
                raise InvalidValue(
                    expected(
                        f"history[{i}].old", "the date the previous amendment set", amendment.old
                    )
                )
            previous, since = amendment.decided_on, "the previous amendment"
        if self.history and self.history[-1].new != self.due:
            raise InvalidValue(expected("due", "the date the last amendment set", self.due))
        if self.set_on is not None and self.done_on is not None and self.done_on < self.set_on:
            raise InvalidValue(
                expected("done_on", f"a date on or after {format_date(self.set_on)}", self.done_on)
            )

    @property
    def original(self) -> dt.date:
        """The date first set, before any amendment."""
        return self.history[0].old if self.history else self.due

    def amend(
        self, new_due: dt.date, *, decided_on: dt.date, by: str, reason: str = ""
    ) -> Deadline:
        """A new deadline due on ``new_due``, with this amendment added to the history.

        This deadline is not changed.

        Raises:
            InvalidValue: ``decided_on`` before the deadline was set or before the last
                amendment, or a bad date.
        """
        amendment = Amendment(self.due, new_due, decided_on=decided_on, by=by, reason=reason)
        return attrs.evolve(self, due=new_due, history=(*self.history, amendment))

    def complete(self, on: dt.date) -> Deadline:
        """A new deadline recorded as done on ``on``."""
        return attrs.evolve(self, done_on=on)

    def known_on(self, as_of: dt.date) -> tuple[Amendment, ...]:
        """The amendments decided on or before ``as_of``."""
        _check_date("as_of", as_of)
        return tuple(a for a in self.history if a.decided_on <= as_of)

    def moved_since(self, as_of: dt.date) -> tuple[Amendment, ...]:
        """The amendments decided after ``as_of``: what has moved since, and who moved it."""
        _check_date("as_of", as_of)
        return tuple(a for a in self.history if a.decided_on > as_of)

    def due_on(self, *, as_of: dt.date) -> dt.date | None:
        """The due date as it stood on ``as_of``, or ``None`` before the deadline was set.

        A step function of the amendment dates: it changes only on the day an amendment
        was decided.
        """
        _check_date("as_of", as_of)
        if self.set_on is not None and as_of < self.set_on:
            return None
        known = self.known_on(as_of)
        return known[-1].new if known else self.original

    def state(self, *, as_of: dt.date, soon: dt.timedelta = dt.timedelta(days=14)) -> DeadlineState:
        """Where the deadline stood on ``as_of``.

        A task: done, overdue, due soon (within ``soon`` of its date), pending or not set.
        A meeting (``meeting=True``): held, to be held (up to and on its date), not
        recorded as held (after it), or not set; never overdue or due soon, and ``soon``
        does not apply.

        Examples:
            >>> agm = Deadline("Branch meeting and AGM", due=dt.date(2006, 5, 26), meeting=True)
            >>> [agm.state(as_of=dt.date(2006, 5, d)).value for d in (20, 26, 27)]
            ['to be held', 'to be held', 'not recorded as held']
            >>> agm.complete(dt.date(2006, 5, 26)).state(as_of=dt.date(2006, 5, 27))
            <DeadlineState.HELD: 'held'>
            >>> task = Deadline("Circulate the minutes", due=dt.date(2006, 5, 26))
            >>> [task.state(as_of=dt.date(2006, 5, d)).value for d in (1, 20, 27)]
            ['pending', 'due soon', 'overdue']
        """
        due = self.due_on(as_of=as_of)
        if due is None:
            return DeadlineState.NOT_SET
        done = self.done_on is not None and self.done_on <= as_of
        if self.meeting:
            if done:
                return DeadlineState.HELD
            if as_of > due:
                return DeadlineState.NOT_RECORDED_AS_HELD
            return DeadlineState.SCHEDULED
        if done:
            return DeadlineState.DONE
        if as_of > due:
            return DeadlineState.OVERDUE
        if due - as_of <= soon:
            return DeadlineState.DUE_SOON
        return DeadlineState.PENDING

    def explain(self, *, as_of: dt.date, since: bool = True) -> str:
        """What was due on ``as_of``, what had been moved by then and what has moved since.

        With ``since=False``, only what was known on ``as_of``: no "Since then" lines, so
        the text reveals nothing decided after that date (the form of
        :func:`sharegov.io.results.to_json` as of a date).

        A meeting (``meeting=True``) is to be held on its date, and after it was due to be
        held: held on the date recorded, or not recorded as held; it is never overdue.

        Examples:
            >>> agm = Deadline("Branch meeting and AGM", due=dt.date(2006, 5, 26), meeting=True)
            >>> print(agm.explain(as_of=dt.date(2006, 5, 1)))
            Branch meeting and AGM: to be held on 26 May 2006 (as of 1 May 2006).
            >>> print(agm.explain(as_of=dt.date(2009, 11, 1)))
            Branch meeting and AGM: due to be held on 26 May 2006 (as of 1 November 2009); not \
recorded as held.
            >>> print(agm.complete(dt.date(2006, 5, 26)).explain(as_of=dt.date(2009, 11, 1)))
            Branch meeting and AGM: held on 26 May 2006 (as of 1 November 2009).
            >>> moved = Deadline("Report", due=dt.date(2008, 12, 31)).amend(
            ...     dt.date(2009, 1, 31), decided_on=dt.date(2008, 9, 1), by="Board")
            >>> print(moved.explain(as_of=dt.date(2008, 8, 31)))
            Report: due 31 December 2008 (as of 31 August 2008).
              Since then:
                On 1 September 2008 Board moved it from 31 December 2008 to 31 January 2009.
            >>> print(moved.explain(as_of=dt.date(2008, 8, 31), since=False))
            Report: due 31 December 2008 (as of 31 August 2008).
        """
        due = self.due_on(as_of=as_of)
        when = format_date(as_of)
        if due is None:
            return f"{self.title}: not yet set (as of {when})."
        state = self.state(as_of=as_of)
        owner = f"; owner: {self.owner}" if self.owner else ""
        if self.meeting:
            lines = [f"{self.title}: {_meeting_words(state, due, self.done_on)} (as of {when})"]
            if state is DeadlineState.NOT_RECORDED_AS_HELD:
                lines[0] += "; not recorded as held"
            lines[0] += f"{owner}."
        else:
            suffix = "" if state is DeadlineState.PENDING else f"; {state.value}"
            if state is DeadlineState.OVERDUE:
                suffix += " (not recorded as done)"
            if state is DeadlineState.DONE and self.done_on is not None:
                suffix = f"; done on {format_date(self.done_on)}"
            lines = [f"{self.title}: due {format_date(due)} (as of {when}){suffix}{owner}."]
        lines.extend(f"  {a.describe()}" for a in self.known_on(as_of))
        later = self.moved_since(as_of) if since else ()
        if later:
            lines.append("  Since then:")
            lines.extend(f"    {a.describe()}" for a in later)
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Phases
# ---------------------------------------------------------------------------------------------


def _optional_deadline(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Deadline):
        raise InvalidValue(expected(attribute.name, "a Deadline or None", value))


@attrs.frozen
class Phase:
    """"By X identify ..., for implementation by Y": two amendable deadlines.

    Args:
        name: E.g. ``"Phase 1"``.
        identify: When the targets or opportunities must be identified.
        implement: When they must be implemented, if the phase sets a date.

    Raises:
        InvalidValue: The identify date after the implementation date.

    Examples:
        >>> p = Phase.plan("Phase 1", "quick wins", identify_by=dt.date(2008, 9, 30),
        ...                implement_by=dt.date(2008, 12, 31))
        >>> p2 = p.amend("implement", dt.date(2009, 1, 31), decided_on=dt.date(2008, 9, 1),
        ...              by="Shared Services Board")
        >>> p2.describe()
        'Phase 1: by 30 September 2008 identify quick wins, for implementation by 31 January 2009'
        >>> p2.amend("identify", dt.date(2009, 2, 28), decided_on=dt.date(2008, 9, 2), by="Board")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: identify.due: expected a date on or before the \
implementation date 31 January 2009, got 2009-02-28
    """

    name: str = attrs.field(validator=_text)
    what: str = attrs.field(validator=_text)
    identify: Deadline = attrs.field(kw_only=True, validator=attrs.validators.instance_of(Deadline))
    implement: Deadline | None = attrs.field(
        default=None, kw_only=True, validator=_optional_deadline
    )

    def __attrs_post_init__(self) -> None:
        if self.implement is not None and self.identify.due > self.implement.due:
            raise InvalidValue(
                expected(
                    "identify.due",
                    f"a date on or before the implementation date "
                    f"{format_date(self.implement.due)}",
                    self.identify.due,
                )
            )

    @classmethod
    def plan(
        cls,
        name: str,
        what: str,
        *,
        identify_by: dt.date,
        implement_by: dt.date | None = None,
        set_on: dt.date | None = None,
    ) -> Phase:
        """Build a phase from its two dates."""
        identify = Deadline(f"{name}: identify {what}", due=identify_by, set_on=set_on)
        implement = (
            None
            if implement_by is None
            else Deadline(f"{name}: implement {what}", due=implement_by, set_on=set_on)
        )
        return cls(name, what, identify=identify, implement=implement)

    def amend(
        self, which: str, new_due: dt.date, *, decided_on: dt.date, by: str, reason: str = ""
    ) -> Phase:
        """A new phase with the ``"identify"`` or ``"implement"`` date moved."""
        if which == "identify":
            moved = self.identify.amend(new_due, decided_on=decided_on, by=by, reason=reason)
            return attrs.evolve(self, identify=moved)
        if which == "implement" and self.implement is not None:
            moved = self.implement.amend(new_due, decided_on=decided_on, by=by, reason=reason)
            return attrs.evolve(self, implement=moved)
        raise InvalidValue(expected("which", "'identify' or 'implement' (if set)", which))

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        """The phase's deadlines, identify first."""
        return (self.identify,) if self.implement is None else (self.identify, self.implement)

    def describe(self, *, as_of: dt.date | None = None) -> str:
        """The phase as the terms of reference word it, with the dates in force on ``as_of``."""

        def on(d: Deadline) -> str:
            due = d.due if as_of is None else d.due_on(as_of=as_of)
            return "(not yet set)" if due is None else format_date(due)

        text = f"{self.name}: by {on(self.identify)} identify {self.what}"
        if self.implement is not None:
            text += f", for implementation by {on(self.implement)}"
        return text


# ---------------------------------------------------------------------------------------------
# Milestone plans
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Milestone:
    """One step of a plan, with its deadline and the steps it depends on.

    Examples:
        >>> m = Milestone("start", Deadline("External resource starts", due=dt.date(2009, 1, 31)),
        ...               depends_on=["procure"])
        >>> m.due, m.depends_on
        (datetime.date(2009, 1, 31), ('procure',))
    """

    id: str = attrs.field(validator=_identifier)
    deadline: Deadline = attrs.field(validator=attrs.validators.instance_of(Deadline))
    depends_on: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_str_tuple)

    @property
    def due(self) -> dt.date:
        """The date now in force."""
        return self.deadline.due

    @property
    def title(self) -> str:
        """What is due."""
        return self.deadline.title


@attrs.frozen
class MilestoneStatus:
    """Where one milestone stood on a date, with its reason in words."""

    milestone: Milestone
    state: DeadlineState
    due: dt.date | None
    as_of: dt.date

    def explain(self) -> str:
        """One line fit for a progress report."""
        if self.due is None:
            return f"{self.milestone.title}: not yet set."
        if self.milestone.deadline.meeting:
            words = _meeting_words(self.state, self.due, self.milestone.deadline.done_on)
            if self.state is DeadlineState.NOT_RECORDED_AS_HELD:
                words += f": {self.state.value}"
            return f"{self.milestone.title}: {words}."
        state = self.state.value
        if self.state is DeadlineState.OVERDUE:
            state += " (not recorded as done)"
        return f"{self.milestone.title}: due {format_date(self.due)}: {state}."


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Milestone):
            raise InvalidValue(expected(f"milestones[{i}]", "a Milestone", item))
    return items


@attrs.frozen
class MilestonePlan:
    """A plan of milestones that depend on each other: a directed acyclic graph.

    Dependency order comes from the standard library's :mod:`graphlib`, ties broken by due
    date then by the order given, so the order is deterministic.

    Raises:
        InvalidValue: Repeated ids, a dependency on an unknown milestone, or a cycle (the
            message names the cycle).

    Examples:
        >>> d = lambda t, m: Deadline(t, due=dt.date(2008, m, 28))
        >>> MilestonePlan("Loop", [Milestone("a", d("A", 9), depends_on=["b"]),
        ...                        Milestone("b", d("B", 10), depends_on=["a"])])
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: milestones: expected no cycle of dependencies, got 'a -> b ->
        a'
    """

    name: str = attrs.field(validator=_text)
    milestones: tuple[Milestone, ...] = attrs.field(converter=_milestones)
    _order: tuple[Milestone, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ids = [m.id for m in self.milestones]
        index = {m.id: i for i, m in enumerate(self.milestones)}
        if len(index) != len(ids):
            repeated = next(i for i in ids if ids.count(i) > 1)
            raise InvalidValue(expected("milestones", "unique milestone ids", repeated))
        for i, m in enumerate(self.milestones):
            for dep in m.depends_on:
                if dep not in index:
                    raise InvalidValue(
                        expected(f"milestones[{i}].depends_on", f"ids of milestones {ids}", dep)
                    )
        sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
        for m in self.milestones:
            sorter.add(m.id, *m.depends_on)
        try:
            sorter.prepare()
        except graphlib.CycleError as exc:
            cycle = list(exc.args[1])
            start = cycle.index(min(cycle[:-1], key=index.__getitem__))
            named = [*cycle[start:-1], *cycle[:start], cycle[start]]
            # graphlib reports the cycle against the direction of dependency; show a -> b as
            # "a depends on b".
            named.reverse()
            raise InvalidValue(
                expected("milestones", "no cycle of dependencies", " -> ".join(named))
            ) from None
        order: list[Milestone] = []
        by_id = {m.id: m for m in self.milestones}
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=lambda i: (by_id[i].due, index[i]))
            order.extend(by_id[i] for i in ready)
            sorter.done(*ready)
        object.__setattr__(self, "_order", tuple(order))

    def __getitem__(self, milestone_id: str) -> Milestone:
        for m in self.milestones:
            if m.id == milestone_id:
                return m
        raise InvalidValue(expected("milestone", f"a milestone of {self.name}", milestone_id))

    def order(self) -> tuple[Milestone, ...]:
        """The milestones in dependency order (each after everything it depends on)."""
        return self._order

    def dependents(self, milestone_id: str) -> tuple[Milestone, ...]:
        """The milestones that depend directly on ``milestone_id``."""
        self[milestone_id]
        return tuple(m for m in self.milestones if milestone_id in m.depends_on)

    def problems(self, *, as_of: dt.date | None = None) -> tuple[str, ...]:
        """Consistency problems: a milestone due before one it depends on.

        With ``as_of``, the dates in force on that day are checked.
        """

        def due(m: Milestone) -> dt.date | None:
            return m.due if as_of is None else m.deadline.due_on(as_of=as_of)

        found = []
        for m in self._order:
            mine = due(m)
            for dep_id in m.depends_on:
                dep = self[dep_id]
                theirs = due(dep)
                if mine is not None and theirs is not None and mine < theirs:
                    found.append(
                        f"{m.title} is due {format_date(mine)}, before {dep.title} "
                        f"({format_date(theirs)}), on which it depends"
                    )
        return tuple(found)

    def slack(self) -> dict[str, dt.timedelta]:
        """How far each milestone could slip before it would fall due after a milestone that
        depends on it (for a final milestone: before the plan's last date).

        Negative slack marks a milestone already due after one that depends on it.
        """
        end = max(m.due for m in self.milestones)
        return {
            m.id: min((d.due for d in self.dependents(m.id)), default=end) - m.due
            for m in self._order
        }

    def status(
        self, *, as_of: dt.date, soon: dt.timedelta = dt.timedelta(days=14)
    ) -> tuple[MilestoneStatus, ...]:
        """Each milestone's state on ``as_of``, in dependency order."""
        return tuple(
            MilestoneStatus(
                m, m.deadline.state(as_of=as_of, soon=soon), m.deadline.due_on(as_of=as_of), as_of
            )
            for m in self._order
        )

    def explain(self, *, as_of: dt.date) -> str:
        """The plan's status on ``as_of``, one line per milestone, then any problems."""
        lines = [f"{self.name} (as of {format_date(as_of)}):"]
        lines.extend(f"  {s.explain()}" for s in self.status(as_of=as_of))
        problems = self.problems(as_of=as_of)
        if problems:
            lines.append("Problems:")
            lines.extend(f"  {p}." for p in problems)
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Recurring schedules
# ---------------------------------------------------------------------------------------------

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _parse_rule(rule: str, start: dt.date) -> dateutil_rrule.rrule:
    start_dt = dt.datetime.combine(start, dt.time())
    try:
        parsed = dateutil_rrule.rrulestr(rule, dtstart=start_dt)
    except (ValueError, TypeError) as exc:
        raise InvalidValue(expected("rule", f"an RFC 5545 recurrence rule ({exc})", rule)) from None
    if not isinstance(parsed, dateutil_rrule.rrule):
        raise InvalidValue(expected("rule", "a single RFC 5545 recurrence rule", rule))
    return parsed


@attrs.frozen
class Schedule:
    """A recurring obligation or meeting series: an RFC 5545 rule from a start date.

    Build one with :meth:`bimonthly`, :meth:`quarterly`, :meth:`annually` or
    :meth:`monthly_on` (``"second Tuesday"``), or give any ``RRULE`` text.

    Args:
        title: What recurs, e.g. ``"Quarterly report to each council"``.
        start: The first date the rule may give.
        rule: The recurrence rule, e.g. ``"FREQ=MONTHLY;INTERVAL=2"``.
        until: The last date the rule may give, if any.
        owner: Who must meet it.

    Raises:
        InvalidValue: A rule that does not parse, or ``until`` before ``start``.

    Examples:
        >>> s = Schedule.monthly_on("Board", "second Tuesday", start=dt.date(2008, 9, 1),
        ...                         interval=2)
        >>> [format_date(d) for d in s.dates(until=dt.date(2009, 3, 31))]
        ['9 September 2008', '11 November 2008', '13 January 2009', '10 March 2009']
        >>> s.rule
        'FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU'
    """

    title: str = attrs.field(validator=_text)
    start: dt.date = attrs.field(kw_only=True, validator=is_date)
    rule: str = attrs.field(kw_only=True)
    until: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    owner: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    _parsed: dateutil_rrule.rrule = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.rule, str) or "DTSTART" in self.rule.upper():
            raise InvalidValue(expected("rule", "RRULE text without DTSTART", self.rule))
        if self.until is not None and self.until < self.start:
            raise InvalidValue(
                expected(
                    "until", f"a date on or after the start {format_date(self.start)}", self.until
                )
            )
        parsed = _parse_rule(self.rule, self.start)
        if self.until is not None:
            if "COUNT=" in self.rule.upper() or "UNTIL=" in self.rule.upper():
                raise InvalidValue(
                    expected("until", "None when the rule has its own COUNT or UNTIL", self.until)
                )
            parsed = parsed.replace(until=dt.datetime.combine(self.until, dt.time()))
        object.__setattr__(self, "_parsed", parsed)

    @classmethod
    def bimonthly(cls, title: str, *, start: dt.date, **kw: Any) -> Schedule:
        """Every two months on the start's day of the month."""
        return cls(title, start=start, rule="FREQ=MONTHLY;INTERVAL=2", **kw)

    @classmethod
    def quarterly(cls, title: str, *, start: dt.date, **kw: Any) -> Schedule:
        """Every three months on the start's day of the month."""
        return cls(title, start=start, rule="FREQ=MONTHLY;INTERVAL=3", **kw)

    @classmethod
    def annually(cls, title: str, *, start: dt.date, **kw: Any) -> Schedule:
        """Once a year on the start's date."""
        return cls(title, start=start, rule="FREQ=YEARLY", **kw)

    @classmethod
    def monthly_on(
        cls, title: str, which: str, *, start: dt.date, interval: int = 1, **kw: Any
    ) -> Schedule:
        """On e.g. the ``"second Tuesday"`` or ``"last Friday"`` of every ``interval`` months."""
        words = which.lower().split() if isinstance(which, str) else []
        if len(words) != 2 or words[0] not in _ORDINALS or words[1] not in _DAY_NAMES:
            raise InvalidValue(expected("which", "e.g. 'second Tuesday' or 'last Friday'", which))
        if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
            raise InvalidValue(expected("interval", "a positive integer", interval))
        n = _ORDINALS[words[0]]
        day = _WEEKDAYS[_DAY_NAMES.index(words[1])]
        return cls(
            title, start=start, rule=f"FREQ=MONTHLY;INTERVAL={interval};BYDAY={n:+d}{day}", **kw
        )

    def _iter(self) -> Iterator[dt.date]:
        for moment in self._parsed:
            yield moment.date()

    def dates(self, *, until: dt.date | None = None, after: dt.date | None = None) -> list[dt.date]:
        """The dates from the start (or strictly after ``after``) up to ``until`` inclusive.

        Raises:
            LimitExceeded: More than 10,000 dates; give a nearer ``until``.
        """
        end = until if until is not None else self.until
        found: list[dt.date] = []
        for date in self._iter():
            if end is not None and date > end:
                break
            if after is not None and date <= after:
                continue
            found.append(date)
            if len(found) > MAX_OCCURRENCES:
                raise LimitExceeded(
                    f"{self.title}: more than {MAX_OCCURRENCES:,} dates; give a nearer until= date"
                )
        return found

    def next_after(self, date: dt.date) -> dt.date | None:
        """The first date strictly after ``date``, or ``None`` when the schedule has ended."""
        _check_date("date", date)
        moment = self._parsed.after(dt.datetime.combine(date, dt.time()), inc=False)
        return None if moment is None else moment.date()

    def explain(self, *, as_of: dt.date) -> str:
        """The next occurrence after ``as_of``, in words."""
        nxt = self.next_after(as_of)
        text = "no further dates" if nxt is None else f"next {format_date(nxt)}"
        return f"{self.title}: {text} (as of {format_date(as_of)})."


# ---------------------------------------------------------------------------------------------
# Working days and clear days
# ---------------------------------------------------------------------------------------------


def _subdivision(nation: str) -> str:
    key = nation.lower().replace("_", " ") if isinstance(nation, str) else None
    if key not in NATIONS:
        raise InvalidValue(expected("nation", f"one of {sorted(NATIONS)}", nation))
    return NATIONS[key]


@functools.lru_cache(maxsize=256)
def _holidays_in(subdivision: str, year: int) -> frozenset[dt.date]:
    import holidays  # loaded on the first working-day question, not by `import sharegov`

    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    """The bank holidays of ``nation`` (england, wales, scotland, northern ireland) in ``year``.

    Examples:
        >>> dt.date(2008, 8, 25) in bank_holidays("england", 2008)
        True
        >>> dt.date(2008, 8, 25) in bank_holidays("scotland", 2008)
        False
    """
    return _holidays_in(_subdivision(nation), year)


def is_working_day(date: dt.date, nation: str = "england") -> bool:
    """Whether ``date`` is neither a weekend nor a bank holiday in ``nation``."""
    _check_date("date", date)
    return date.weekday() < 5 and date not in bank_holidays(nation, date.year)


def clear_days_between(
    publication: dt.date, meeting: dt.date, *, nation: str = "england"
) -> tuple[dt.date, ...]:
    """The clear days between publishing and the meeting: neither day itself, no weekend,
    no bank holiday of ``nation``.

    Raises:
        InvalidValue: The meeting before the publication.
    """
    _check_date("publication", publication)
    _check_date("meeting", meeting)
    if meeting < publication:
        raise InvalidValue(
            expected("meeting", f"a date after publication on {format_date(publication)}", meeting)
        )
    days = []
    day = publication + dt.timedelta(days=1)
    while day < meeting:
        if is_working_day(day, nation):
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


def notice_deadline(
    meeting_date: dt.date,
    clear_days: int = 5,
    nation: str = "england",
    *,
    publish_on_working_day: bool = True,
) -> dt.date:
    """The latest day to publish an agenda so that ``clear_days`` clear days remain.

    Clear days exclude the day of publication, the day of the meeting, weekends and the
    nation's bank holidays. How many clear days the law asks for depends on the nation and
    the date (five in England since 1 October 2002, three in Wales, under Local Government
    Act 1972 s.100B(3)): :func:`sharegov.statute.agenda_notice` gives it, and a
    :class:`~sharegov.meetings.Meeting` uses it; ``clear_days`` here is the number to count.
    With
    ``publish_on_working_day`` (the default), a weekend or bank holiday answer moves back to
    the working day before it.

    Examples:
        >>> notice_deadline(dt.date(2008, 9, 1))  # 25 August 2008 was a bank holiday
        datetime.date(2008, 8, 21)
        >>> notice_deadline(dt.date(2008, 9, 1), nation="scotland")
        datetime.date(2008, 8, 22)
    """
    _check_date("meeting_date", meeting_date)
    if isinstance(clear_days, bool) or not isinstance(clear_days, int) or clear_days < 0:
        raise InvalidValue(expected("clear_days", "a whole number of days, 0 or more", clear_days))
    if clear_days > 366:
        raise LimitExceeded(f"clear_days: at most 366, got {clear_days}")
    _subdivision(nation)
    day = meeting_date
    counted = 0
    while counted < clear_days:
        day -= dt.timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    publish = day - dt.timedelta(days=1)
    while publish_on_working_day and not is_working_day(publish, nation):
        publish -= dt.timedelta(days=1)
    return publish
