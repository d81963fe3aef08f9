"""Meetings of a board: when they fall, who hosts and chairs, and what each one decided.

A :class:`MeetingPlan` turns a board's recurring :class:`~sharegov.timeline.Schedule` into
dated meetings with the host (rotating between authorities), the chair under the board's
chair rule and the latest day to publish the agenda (clear working days, by nation).

A :class:`Meeting` is the record of one meeting, enough to write real minutes as data:
who was present, sent apologies, was absent, substituted, observed or attended as an
officer; declarations of interest; the items, each with its votes (decided against the
board as constituted on the meeting's date) and its actions with owners and due dates.

Examples:
    >>> import datetime as dt
    >>> from sharegov.reference import bromsgrove_redditch_meeting_plan
    >>> plan = bromsgrove_redditch_meeting_plan()
    >>> for m in plan.meetings(until=dt.date(2009, 1, 31)):
    ...     print(m.explain())
    1 September 2008: hosted by BDC, chaired by Cllr R. Hollingworth; agenda by 21 August 2008.
    3 November 2008: hosted by RBC, chaired by Cllr C. Gandy; agenda by 24 October 2008.
    5 January 2009: hosted by BDC, chaired by Cllr R. Hollingworth; agenda by 23 December 2008.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sharegov import statute
from sharegov._frozen import FrozenMap, frozen_map
from sharegov._validate import instances, is_date, optional_date, sequence
from sharegov.boards import Board, Outcome, _count, _counted, _same_nation
from sharegov.conflicts import Declaration, Dispensation, ItemRuling, rule_on_item
from sharegov.errors import InvalidBoard, InvalidValue, InvalidVote, UnknownId, expected
from sharegov.parties import Member, Officer, _text
from sharegov.rules import Vote, parse_vote
from sharegov.timeline import (
    Deadline,
    Schedule,
    _subdivision,
    format_date,
    is_working_day,
    notice_deadline,
)

__all__ = [
    "Action",
    "Item",
    "Meeting",
    "MeetingPlan",
    "ScheduledMeeting",
    "actions_of",
]


def _ids(value: Any) -> frozenset[str]:
    return frozenset(sequence(value, "attendance", "a set of member ids"))


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    return sequence(value, "hosts", "a sequence of authority codes")


def _dates(value: Iterable[dt.date]) -> tuple[dt.date, ...]:
    dates = sequence(value, "dates", "a sequence of dates")
    for i, date in enumerate(dates):
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise InvalidValue(expected(f"dates[{i}]", "a date", date))
    seen: set[dt.date] = set()
    for date in dates:
        if date in seen:
            raise InvalidValue(f"dates: {date.isoformat()} is given more than once")
        seen.add(date)
    return tuple(sorted(dates))


def _optional_schedule(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Schedule):
        raise InvalidValue(expected(attribute.name, "a Schedule or None", value))


def _actions(value: Iterable[Action]) -> tuple[Action, ...]:
    return instances(value, Action, "actions")


def _observers(value: Iterable[Member]) -> tuple[Member, ...]:
    return instances(value, Member, "observers")


def _officers(value: Iterable[Officer]) -> tuple[Officer, ...]:
    return instances(value, Officer, "officers")


def _declarations(value: Iterable[Declaration]) -> tuple[Declaration, ...]:
    return instances(value, Declaration, "declarations")


def _dispensations(value: Iterable[Dispensation]) -> tuple[Dispensation, ...]:
    return instances(value, Dispensation, "dispensations")


def _items(value: Iterable[Item]) -> tuple[Item, ...]:
    return instances(value, Item, "items")


# ---------------------------------------------------------------------------------------------
# Scheduling
# ---------------------------------------------------------------------------------------------


def _clear_days(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(expected(attribute.name, "a whole number of days >= 0", value))


def _statutory(source: str) -> bool:
    """Whether an agenda's clear days come from the record or the statute of its nation."""
    return source == "as recorded" or source.startswith("LGA")


def _agenda_days(clear_days: int | None, date: dt.date, nation: str | None) -> tuple[int, str]:
    """The clear days' notice for a meeting's agenda, and where the number comes from:
    ``clear_days`` where given, else the statute of the date in ``nation``
    (:func:`sharegov.statute.agenda_notice`), else England's, said to be assumed."""
    if clear_days is not None:
        return clear_days, "as recorded"
    law = statute.agenda_notice(date, nation) if nation is not None else None
    if law is not None:
        return law.clear_days, str(law.provision)
    england = statute.agenda_notice(date, statute.ENGLAND)
    days = england.clear_days if england is not None else 5
    if nation is None:
        return days, "assumed, England's: no nation given"
    return days, (
        f"as in England: no statutory notice period is modelled for {nation.title()}; "
        "give clear_days"
    )


def _optional_nation(value: Any) -> str | None:
    """A meeting's nation as :mod:`sharegov.statute` names it (``"england"``, ...), or
    ``None``; any spelling :func:`~sharegov.timeline.notice_deadline` accepts."""
    if value is None:
        return None
    _subdivision(value)
    name: str = value.lower().replace("_", " ")
    return name


@attrs.frozen
class ScheduledMeeting:
    """One meeting of a plan: date, host, chair and agenda deadline."""

    date: dt.date
    host: str | None
    chair: str | None
    chair_name: str | None
    agenda_by: dt.date
    venue: str | None = None
    working_day: bool = True
    #: Neither the plan nor its board's authorities give a nation, so England's bank
    #: holidays were assumed for ``agenda_by`` and ``working_day``.
    nation_assumed: bool = False
    #: The agenda's clear days, in words, where they are not the record's or the statute's of
    #: the meeting's nation (else ``None``).
    days_assumed: str | None = attrs.field(default=None, kw_only=True)

    def explain(self) -> str:
        """One line for a forward plan; flags a meeting that falls on a weekend or bank
        holiday, and says when England's bank holidays were assumed."""
        host = f"hosted by {self.host}" if self.host else "no host set"
        chair = f"chaired by {self.chair_name}" if self.chair_name else "chair to be elected"
        venue = f" at {self.venue}" if self.venue else ""
        warn = "" if self.working_day else " (not a working day)"
        if self.nation_assumed:
            notice = f", and {self.days_assumed}" if self.days_assumed else ""
            assumed = f" (England's bank holidays assumed{notice}: no nation given)"
        else:
            assumed = f" ({self.days_assumed})" if self.days_assumed is not None else ""

        return (
            f"{format_date(self.date)}{warn}{venue}: {host}, {chair}; "
            f"agenda by {format_date(self.agenda_by)}{assumed}."
        )


@attrs.frozen
class MeetingPlan:
    """A board's meetings, with hosts in rotation and chairs by the chair rule.

    A plan gives a recurrence rule, explicit dates ("the meeting on 20 January 2010"), or
    both; the meetings are the dates of either, in order, each once.

    Args:
        board: The board (with memberships over time, if any).
        schedule: When it meets, e.g. ``Schedule.bimonthly(...)``; None for dates only.
        dates: Explicit dates of meetings, as well as or instead of the schedule.
        hosts: Authority codes in rotation; the first hosts the first meeting.
        venues: Venue per host authority, if recorded.
        clear_days: Clear working days' notice for the agenda; ``None`` (the default): the
            statute's for the meeting's date and nation (LGA 1972 s.100B(3): five in England
            from 1 October 2002, three in Wales; :func:`sharegov.statute.agenda_notice`),
            England's where the nation is not known or not modelled (each line then says so).
        nation: Whose bank holidays and notice period count (``"england"``, ``"wales"``,
            ...); by default the board's, from its authorities' GSS codes, and England's
            where those give none (each meeting's line then says so).

    Raises:
        InvalidBoard: A host that is not one of the board's authorities.
        InvalidValue: Neither a schedule nor dates; a date given twice; a nation other
            than the one the board's GSS codes give.

    Examples:
        >>> from sharegov.reference import em_iep_board
        >>> plan = MeetingPlan(em_iep_board(), dates=[dt.date(2010, 4, 15), dt.date(2010, 1, 20)])
        >>> for m in plan.meetings(until=dt.date(2010, 12, 31)):
        ...     print(m.explain())
        20 January 2010: no host set, chaired by Cllr Martin Hill OBE; agenda by 12 January 2010 \
(England's bank holidays assumed, and England's notice of 5 clear days: no nation given).
        15 April 2010: no host set, chaired by Cllr Martin Hill OBE; agenda by 7 April 2010 \
(England's bank holidays assumed, and England's notice of 5 clear days: no nation given).
    """

    board: Board = attrs.field(validator=attrs.validators.instance_of(Board))
    schedule: Schedule | None = attrs.field(
        default=None, kw_only=True, validator=_optional_schedule
    )
    dates: tuple[dt.date, ...] = attrs.field(default=(), kw_only=True, converter=_dates)
    hosts: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_codes)
    venues: Mapping[str, str] = attrs.field(factory=dict, kw_only=True, converter=frozen_map)
    clear_days: int | None = attrs.field(default=None, kw_only=True, validator=_clear_days)
    nation: str | None = attrs.field(default=None, kw_only=True, converter=_optional_nation)

    def __attrs_post_init__(self) -> None:
        _same_nation(self.nation, self.board, "the plan")
        if self.schedule is None and not self.dates:
            raise InvalidValue(
                expected("schedule", "a recurrence rule, explicit dates, or both", None)
            )
        for i, code in enumerate(self.hosts):
            try:
                self.board.authority(code)
            except UnknownId:
                raise InvalidBoard(
                    expected(f"hosts[{i}]", f"an authority of {self.board.name}", code)
                ) from None

    def host_for(self, index: int) -> str | None:
        """The host of the ``index``-th meeting (from 0), by rotation."""
        return self.hosts[index % len(self.hosts)] if self.hosts else None

    def meetings(self, *, until: dt.date) -> tuple[ScheduledMeeting, ...]:
        """The meetings up to ``until``, each with host, chair (roster on its date) and
        agenda deadline."""
        out = []
        nation = self.nation if self.nation is not None else self.board.nation
        assumed = nation is None
        holidays = nation if nation is not None else "england"
        ruled = self.schedule.dates(until=until) if self.schedule is not None else ()
        every = sorted({*ruled, *(d for d in self.dates if d <= until)})
        for i, date in enumerate(every):
            host = self.host_for(i)
            board = self.board.at(date)
            chair = board.chair_for(host=host)
            name = board.member(chair).name if chair is not None else None
            days, source = _agenda_days(self.clear_days, date, nation)
            out.append(
                ScheduledMeeting(
                    date,
                    host,
                    chair,
                    name,
                    notice_deadline(date, days, holidays),
                    self.venues.get(host) if host else None,
                    is_working_day(date, holidays),
                    assumed,
                    days_assumed=(
                        None
                        if _statutory(source)
                        else f"England's notice of {days} clear days"
                        if assumed
                        else f"{days} clear days {source}"
                    ),
                )
            )
        return tuple(out)


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Action:
    """An action from a meeting: what, who, by when.

    Examples:
        >>> a = Action(2, "Clarify the Public Affairs project", owner="Northamptonshire SRP",
        ...            due=dt.date(2009, 12, 15))
        >>> a.describe()
        'Action 2 - Clarify the Public Affairs project - Northamptonshire SRP, by 15 December 2009.'
    """

    number: int
    text: str = attrs.field(validator=_text)
    owner: str = attrs.field(kw_only=True, validator=_text)
    due: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)

    def describe(self) -> str:
        """The action as minutes list it."""
        by = f", by {format_date(self.due)}" if self.due else ""
        return f"Action {self.number} - {self.text} - {self.owner}{by}."

    def deadline(self, *, set_on: dt.date) -> Deadline | None:
        """The action as a :class:`~sharegov.timeline.Deadline` set at the meeting."""
        if self.due is None:
            return None
        return Deadline(
            f"Action {self.number}: {self.text}", due=self.due, set_on=set_on, owner=self.owner
        )


def actions_of(
    meetings: Iterable[Meeting],
) -> tuple[list[Deadline], list[tuple[Action, dt.date]]]:
    """The meetings' actions: those with a due date as deadlines set at their meeting, and
    those without one with their meeting's date (an action exists from the meeting that
    set it). The one reading behind ``sharegov deadlines`` and its JSON.

    Examples:
        >>> from sharegov.reference import em_iep_meeting_2009_11_27
        >>> dated, undated = actions_of([em_iep_meeting_2009_11_27()])
        >>> len(dated), len(undated), dated[0].set_on
        (8, 2, datetime.date(2009, 11, 27))
    """
    dated: list[Deadline] = []
    undated: list[tuple[Action, dt.date]] = []
    for meeting in meetings:
        for action in meeting.actions:
            deadline = action.deadline(set_on=meeting.date)
            if deadline is None:
                undated.append((action, meeting.date))
            else:
                dated.append(deadline)
    return dated, undated


def _votes(value: Mapping[str, Vote | str] | None) -> FrozenMap[str, Vote] | None:
    """Votes as :class:`Vote`s, so ``"against"`` and ``Vote.AGAINST`` make equal items."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidVote(expected("votes", "a mapping of member id to vote", value))
    return FrozenMap({member: parse_vote(member, vote) for member, vote in value.items()})


_VOTE_KEYS = tuple(v.value for v in Vote)


def _minuted_counts(value: Any, field: str, *, present: bool = False) -> FrozenMap[str, int]:
    """Counts as minuted, keyed by ``"for"``, ``"against"``, ``"abstain"`` (and, for one
    authority, ``"present"``), checked as :meth:`Board.decide_counts` checks them."""
    votes, here = _counted(value, field, present=present)
    out = {vote.value: number for vote, number in votes.items()}
    if here is not None:
        out["present"] = here
    return frozen_map(out)


def _counts(value: Mapping[str, int] | None) -> FrozenMap[str, int] | None:
    return None if value is None else _minuted_counts(value, "counts")


def _by_authority(
    value: Mapping[str, Mapping[str, int]] | None,
) -> FrozenMap[str, FrozenMap[str, int]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidVote(expected("by_authority", "a mapping of authority code to counts", value))
    return frozen_map(
        {
            code: _minuted_counts(counts, f"by_authority.{code}", present=True)
            for code, counts in value.items()
        }
    )


def _keyed(counts: Mapping[str, int]) -> dict[Vote | str, int]:
    """Counts as :meth:`Board.decide_counts` takes them (keyed by a vote or its text)."""
    out: dict[Vote | str, int] = {}
    for key, number in counts.items():
        out[key] = number
    return out


def _present_count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _count(value, attribute.name)


@attrs.frozen
class Item:
    """An agenda item: its resolution, the votes if put to a vote, and its actions.

    An item put to a vote gives either the ``votes`` by name or, where the minutes give only
    the numbers ("passed by 5 to 2"), the ``counts``; then nobody is named and the item is
    decided with :meth:`Board.decide_counts <sharegov.boards.Board.decide_counts>`.

    Args:
        number: The item number in the minutes.
        title: The item's heading.
        resolution: What was resolved or agreed, in the minutes' words.
        votes: Member id to vote, where the item was put to a vote (decided against the board
            as constituted on the meeting's date).
        counts: ``"for"``, ``"against"``, ``"abstain"`` to a number, where the minutes give
            only the counts; instead of ``votes``.
        by_authority: With ``counts``: authority code to that authority's counts (and
            ``"present"``, its members present), where the minutes give them.
        present: With ``counts``: the number of eligible members present. By default, the
            voting members the meeting records as present, less those excluded from the item
            (left unknown when a declaration of interest concerns the item).
        excluded: Members barred from the item by an interest.
        minuted: The counts the minutes record (for, against, abstaining), checked against
            the votes.
        illustrative: ``True`` where the minutes give counts but not names, so the votes are
            an illustrative assignment consistent with those counts.
        actions: Actions arising.

    Raises:
        InvalidVote: Both ``votes`` and ``counts``; ``by_authority`` or ``present`` without
            ``counts``; counts that are not whole numbers >= 0 or disagree with ``minuted``.

    Examples:
        >>> item = Item(10, "Electric vehicles", counts={"for": 5, "against": 2})
        >>> dict(item.counts)
        {'for': 5, 'against': 2}
    """

    number: int
    title: str = attrs.field(validator=_text)
    resolution: str = attrs.field(default="", kw_only=True)
    votes: Mapping[str, Vote] | None = attrs.field(default=None, kw_only=True, converter=_votes)
    counts: Mapping[str, int] | None = attrs.field(default=None, kw_only=True, converter=_counts)
    by_authority: Mapping[str, Mapping[str, int]] | None = attrs.field(
        default=None, kw_only=True, converter=_by_authority
    )
    present: int | None = attrs.field(default=None, kw_only=True, validator=_present_count)
    excluded: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_ids)
    minuted: tuple[int, int, int] | None = attrs.field(default=None, kw_only=True)
    illustrative: bool = attrs.field(default=False, kw_only=True)
    actions: tuple[Action, ...] = attrs.field(default=(), kw_only=True, converter=_actions)

    def __attrs_post_init__(self) -> None:
        if self.counts is None:
            for field in ("by_authority", "present"):
                if getattr(self, field) is not None:
                    raise InvalidVote(
                        f"{field}: given only with counts (an item minuted as numbers)"
                    )
            return
        if self.votes is not None:
            raise InvalidVote(
                "counts: give either the votes by name or the counts as minuted, not both"
            )
        if self.minuted is not None:
            got = tuple(self.counts.get(v, 0) for v in _VOTE_KEYS)
            if got != tuple(self.minuted):
                raise InvalidVote(
                    expected("counts", f"counts matching the minutes {tuple(self.minuted)}", got)
                )


def _substitutions(value: Mapping[str, Member]) -> FrozenMap[str, Member]:
    out = frozen_map(value)
    for key, member in out.items():
        if not isinstance(member, Member):
            raise InvalidValue(expected(f"substitutions.{key}", "a Member", member))
    return out


@attrs.frozen
class Meeting:
    """The record of one meeting, evaluated against the board as constituted on its date.

    Every member on the roster that day must be listed exactly once as present, sending
    apologies or absent; a substituted member sends apologies and the substitute is present.

    Every declaration of interest, on whatever item (voted by name, decided from counts, or
    not put to a vote), is judged under the law of the meeting's date and nation
    (:func:`~sharegov.conflicts.rule_on_item`): a category of interest that did not exist
    that day is refused at construction. The nation is the meeting's ``nation`` if given,
    else the board's (from its authorities' GSS codes); where neither is known, the
    explanation says what was assumed. The same nation's bank holidays set
    :meth:`agenda_by`.

    Raises:
        InvalidVote: A member listed twice or not at all, an unknown member, a chair not
            present or not the one the chair rule gives, or votes that do not fit the board
            or the minuted counts.
        InvalidBoard: A substitution on a board that does not permit substitutes.
        InvalidValue: A ``nation`` that is not one of the four, or that differs from the
            nation the board's authorities' GSS codes give.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_meeting_2008_09_01
        >>> meeting = bromsgrove_redditch_meeting_2008_09_01()
        >>> meeting.chair, sorted(meeting.apologies)
        ('hollingworth', ['webb'])
        >>> meeting.outcome(4).carried
        True
    """

    board: Board = attrs.field(validator=attrs.validators.instance_of(Board))
    date: dt.date = attrs.field(validator=is_date)
    time: dt.time | None = attrs.field(default=None, kw_only=True)
    host: str | None = attrs.field(default=None, kw_only=True)
    venue: str | None = attrs.field(default=None, kw_only=True)
    chair: str | None = attrs.field(default=None, kw_only=True)
    present: frozenset[str] = attrs.field(factory=frozenset, kw_only=True, converter=_ids)
    apologies: frozenset[str] = attrs.field(factory=frozenset, kw_only=True, converter=_ids)
    absent: frozenset[str] = attrs.field(factory=frozenset, kw_only=True, converter=_ids)
    substitutions: Mapping[str, Member] = attrs.field(
        factory=dict, kw_only=True, converter=_substitutions
    )
    observers: tuple[Member, ...] = attrs.field(default=(), kw_only=True, converter=_observers)
    officers: tuple[Officer, ...] = attrs.field(default=(), kw_only=True, converter=_officers)
    declarations: tuple[Declaration, ...] = attrs.field(
        default=(), kw_only=True, converter=_declarations
    )
    dispensations: tuple[Dispensation, ...] = attrs.field(
        default=(), kw_only=True, converter=_dispensations
    )
    items: tuple[Item, ...] = attrs.field(default=(), kw_only=True, converter=_items)
    clear_days: int | None = attrs.field(default=None, kw_only=True, validator=_clear_days)
    nation: str | None = attrs.field(default=None, kw_only=True, converter=_optional_nation)
    _sitting: Board = attrs.field(init=False, eq=False, repr=False)
    _outcomes: dict[int, Outcome] = attrs.field(init=False, eq=False, repr=False)
    _rulings: dict[str, ItemRuling] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        board = self.board.at(self.date)
        for member_id, substitute in self.substitutions.items():
            if member_id not in self.apologies | self.absent:
                raise InvalidVote(
                    f"substitutions.{member_id}: a substituted member must be recorded as "
                    "sending apologies or absent"
                )
            board = board.substitute(member_id, substitute)
        object.__setattr__(self, "_sitting", board)
        subs = {s.id for s in self.substitutions.values()}
        roster = {m.id for m in board.members}
        lists = {"present": self.present, "apologies": self.apologies, "absent": self.absent}
        seen: dict[str, str] = {}
        for field, ids in lists.items():
            for member_id in sorted(ids):
                if member_id not in roster and member_id not in self.substitutions:
                    raise InvalidVote(
                        expected(field, f"members of {board.name} on {self.date}", member_id)
                    )
                if member_id in seen:
                    raise InvalidVote(
                        f"{field}: {member_id!r} is also recorded as {seen[member_id]}"
                    )
                seen[member_id] = field
        for member_id in sorted(roster - subs - set(seen)):
            raise InvalidVote(
                f"attendance: {board.member(member_id).name} is on {board.name} on "
                f"{format_date(self.date)} but is not recorded as present, apologies or absent"
            )
        missing_subs = subs - self.present
        if missing_subs:
            raise InvalidVote(expected("present", "every substitute", sorted(missing_subs)))
        self._check_chair(board)
        _same_nation(self.nation, self.board, "the meeting")
        object.__setattr__(self, "_rulings", self._rule(board))
        outcomes: dict[int, Outcome] = {}
        numbered: dict[int, int] = {}
        for index, item in enumerate(self.items):
            if item.number in numbered:
                raise InvalidVote(
                    f"items[{index}].number: item {item.number} is numbered twice "
                    f"(also items[{numbered[item.number]}]); give each item its own number"
                )
            numbered[item.number] = index
            if item.votes is not None:
                outcomes[item.number] = self._decide(board, item, item.votes, index)
            elif item.counts is not None:
                outcomes[item.number] = self._decide_counts(board, item, item.counts, index)
        object.__setattr__(self, "_outcomes", outcomes)

    def _check_chair(self, board: Board) -> None:
        if self.chair is None:
            return
        if self.chair in self.substitutions:
            raise InvalidVote(
                f"chair: {self._name(self.chair)} was substituted (substitutions.{self.chair}: "
                f"{self.substitutions[self.chair].name} sits in their place), so cannot preside: "
                "give the member who presided"
            )
        if self.chair not in self.present:
            raise InvalidVote(expected("chair", "a member present", self.chair))
        ruled = board.chair_for(host=self.host) if self.host is not None else None
        if ruled is not None and ruled != self.chair:
            raise InvalidVote(
                f"chair: under the rule '{board.chair_rule.describe(board)}' "
                f"{board.member(ruled).name} chairs when {self.host} hosts, "
                f"got {self.chair!r}"
            )

    @property
    def law_nation(self) -> str | None:
        """The nation whose law and bank holidays govern the meeting: its ``nation``, else
        its board's (from the authorities' GSS codes), else ``None`` (not known).

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_meeting_2008_09_01
            >>> bromsgrove_redditch_meeting_2008_09_01().law_nation
            'england'
        """
        return self.nation if self.nation is not None else self.board.nation

    def _rule(self, board: Board) -> dict[str, ItemRuling]:
        """Each declared-on item's ruling on interests under the law of the meeting's date
        and nation; refuses any declaration the law of the day does not allow, whatever
        its item. Linear in the declarations: each item is ruled on its own declarations
        and the dispensations of those who made them."""
        if not self.declarations:
            if self.dispensations:  # still checked: members, dates, the nation's law
                self._rule_item(board, None, None, (), self.dispensations)
            return {}
        numbers = {str(item.number): item for item in self.items}
        by_item: dict[str, list[Declaration]] = {}
        for d in self.declarations:
            by_item.setdefault(d.item, []).append(d)
        held: dict[str, list[Dispensation]] = {}
        for g in self.dispensations:
            held.setdefault(g.member, []).append(g)
        # One pass over every declaration and dispensation, so refusals name their index.
        first = next(iter(by_item))
        out = {
            first: self._rule_item(
                board, first, numbers.get(first), self.declarations, self.dispensations
            )
        }
        for key, declared in by_item.items():
            if key not in out:
                mine = dict.fromkeys(d.member for d in declared)
                granted = [g for m in mine for g in held.get(m, ())]
                out[key] = self._rule_item(board, key, numbers.get(key), declared, granted)
        return out

    def _rule_item(
        self,
        board: Board,
        key: str | None,
        item: Item | None,
        declarations: Iterable[Declaration],
        dispensations: Iterable[Dispensation],
    ) -> ItemRuling:
        roster = {m.id for m in board.members}
        away = (self.apologies | self.absent) & roster
        return rule_on_item(
            declarations,
            members=board.members,
            seats=board.seats,
            quorum=board.quorum,
            orders=board.interest_orders,
            dispensations=dispensations,
            on=self.date,
            item=key,
            absent=away,
            excluded=item.excluded if item is not None else (),
            body=board.name,
            nation=self.law_nation,
        )

    def _declared(self, item: Item) -> tuple[tuple[Declaration, ...], tuple[Dispensation, ...]]:
        """The declarations on ``item`` and the dispensations of those who made them: what
        the board rules the item on (the meeting has already ruled on them all)."""
        key = str(item.number)
        if key not in self._rulings:
            return (), ()
        declared = tuple(d for d in self.declarations if d.item == key)
        mine = {d.member for d in declared}
        return declared, tuple(g for g in self.dispensations if g.member in mine)

    def _decide(
        self, board: Board, item: Item, votes: Mapping[str, Vote | str], index: int
    ) -> Outcome:
        roster = {m.id for m in board.members}  # a substituted member is not on it
        # The meeting rules on interests under the law of its own date and nation: those it
        # keeps out are excluded; those who declared and may remain are present.
        ruling = self._rulings.get(str(item.number))
        excluded = item.excluded | (ruling.excluded if ruling is not None else frozenset())
        silent = (self.present & roster) - votes.keys() - excluded
        declared, granted = self._declared(item)
        try:
            outcome = board.decide(
                votes,
                present=silent,
                apologies=self.apologies & roster,
                absent=self.absent & roster,
                excluded=item.excluded,
                chair=self.chair,
                declarations=declared,
                dispensations=granted,
                on=self.date,
                item=str(item.number),
                nation=self.law_nation,
            )
        except InvalidVote as exc:
            raise InvalidVote(f"items[{index}]: {exc}") from None
        if item.minuted is not None:
            got = tuple(outcome.tally.count(v) for v in (Vote.FOR, Vote.AGAINST, Vote.ABSTAIN))
            if got != tuple(item.minuted):
                raise InvalidVote(
                    expected(
                        f"items[{index}].votes",
                        f"counts matching the minutes {tuple(item.minuted)}",
                        got,
                    )
                )
        return outcome

    def _decide_counts(
        self, board: Board, item: Item, counts: Mapping[str, int], index: int
    ) -> Outcome:
        """An item minuted only as counts: nobody is named, and nothing is invented.

        A declaration on the item is ruled under the law of the day like any other: the
        members it keeps out are not counted present, and the outcome names them."""
        ruling = self._rulings.get(str(item.number))
        excluded = item.excluded | (ruling.excluded if ruling is not None else frozenset())
        present = item.present
        if present is None:
            voting = {m.id for m in board.voting_members}
            present = len((self.present & voting) - excluded)
        declared, granted = self._declared(item)
        try:
            minuted = _keyed(counts)
            parts: dict[str, Mapping[Vote | str, int]] | None = None
            if item.by_authority is not None:
                parts = {code: _keyed(c) for code, c in item.by_authority.items()}
            return board.decide_counts(
                minuted,
                by_authority=parts,
                present=present,
                on=self.date,
                chair=self.chair,
                declarations=declared,
                dispensations=granted,
                excluded=item.excluded,
                item=str(item.number),
                nation=self.law_nation,
            )
        except InvalidVote as exc:
            raise InvalidVote(f"items[{index}]: {exc}") from None

    @property
    def sitting(self) -> Board:
        """The board as it sat: the roster on the date, with substitutes in their seats."""
        return self._sitting

    def outcome(self, number: int) -> Outcome:
        """The decision on item ``number``.

        Raises:
            UnknownId: No such item, or it was not put to a vote.
        """
        try:
            return self._outcomes[number]
        except KeyError:
            raise UnknownId(
                expected("number", f"an item put to a vote ({sorted(self._outcomes)})", number)
            ) from None

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action arising, in item order."""
        return tuple(a for item in self.items for a in item.actions)

    @property
    def agenda_nation(self) -> tuple[str, bool]:
        """Whose bank holidays :meth:`agenda_by` counts, and whether that was assumed:
        the meeting's nation (:attr:`law_nation`), or England where it is not known."""
        nation = self.law_nation
        return (nation, False) if nation is not None else ("england", True)

    def agenda_by(self) -> dt.date:
        """The latest day to publish the agenda: clear working days before the meeting,
        without the bank holidays of the meeting's nation (:attr:`law_nation`; England's
        where it is not known, and :meth:`explain` then says so).

        Examples:
            >>> from sharegov import Authority, Board, Member
            >>> board = Board("Joint Board", seats={"A": 1}, members=[Member("a1", "Cllr A", "A")],
            ...               authorities=[Authority("A", "Council A", gss="S12000036")])
            >>> Meeting(board, dt.date(2014, 1, 9), present={"a1"}).agenda_by()  # 2 Jan: Scots
            datetime.date(2013, 12, 30)
            >>> Meeting(board, dt.date(2014, 1, 9), present={"a1"}, nation="England")
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidValue: nation: the meeting is recorded as in England, but its \
board's authorities' GSS codes place it in Scotland
        """
        nation, _ = self.agenda_nation
        return notice_deadline(self.date, self.agenda_days[0], nation)

    @property
    def agenda_days(self) -> tuple[int, str]:
        """The clear days' notice for the agenda, and where the number comes from: the
        meeting's ``clear_days`` ("as recorded"), else the statute of its date and nation
        (LGA 1972 s.100B(3): five in England from 1 October 2002, three in Wales), else
        England's, "assumed" and why.

        Examples:
            >>> from sharegov import Authority, Board, Member
            >>> wales = Board("Joint Board", seats={"A": 1}, members=[Member("a1", "Cllr A", "A")],
            ...               authorities=[Authority("A", "Conwy", gss="W06000003")])
            >>> m = Meeting(wales, dt.date(2010, 3, 8), present={"a1"})
            >>> m.agenda_days[0], m.agenda_by()
            (3, datetime.date(2010, 3, 2))
            >>> Meeting(wales, dt.date(2010, 3, 8), present={"a1"}, clear_days=5).agenda_by()
            datetime.date(2010, 2, 26)
        """
        return _agenda_days(self.clear_days, self.date, self.law_nation)

    def _name(self, member_id: str) -> str:
        if member_id in self.substitutions:
            return self.board.at(self.date).member(member_id).name
        return self._sitting.member(member_id).name

    def explain(self) -> str:
        """The meeting as minutes: attendance, declarations, items, outcomes and actions."""
        order = [m.id for m in self._sitting.members]

        def names(ids: Iterable[str]) -> str:
            chosen = sorted(ids, key=lambda i: order.index(i) if i in order else len(order))
            return ", ".join(
                self._name(i) + (" (Chair)" if i == self.chair else "") for i in chosen
            )

        when = format_date(self.date) + (f" at {self.time:%H:%M}" if self.time else "")
        lines = [f"{self.board.name}, {when}" + (f", {self.venue}" if self.venue else "")]
        lines.append(f"Present: {names(self.present) or 'none recorded'}.")
        for absent_id, sub in self.substitutions.items():
            lines.append(f"Substitute: {sub.name} for {self._name(absent_id)}.")
        if self.apologies:
            lines.append(f"Apologies: {names(self.apologies)}.")
        if self.absent:
            lines.append(f"Absent: {names(self.absent)}.")
        if self.observers:
            lines.append("Observers: " + ", ".join(m.name for m in self.observers) + ".")
        if self.officers:
            lines.append("Officers: " + ", ".join(o.name for o in self.officers) + ".")
        for d in self.declarations:
            lines.append(
                f"Declaration of interest (item {d.item}): {self._name(d.member)}, {d.disclosed()}."
            )
        for item in self.items:
            lines.append(f"{item.number}. {item.title}")
            if item.resolution:
                lines.append(f"   {item.resolution}")
            if item.number in self._outcomes:
                if item.illustrative and item.votes is not None:
                    lines.append("   (votes by name are illustrative; the counts are minuted)")
                text = self._outcomes[item.number].explain()
                lines.extend(f"   {line}" for line in text.splitlines())
            lines.extend(f"   {a.describe()}" for a in item.actions)
        _, assumed = self.agenda_nation
        days, source = self.agenda_days
        if assumed:
            lines.append(
                f"Agenda by {format_date(self.agenda_by())} ({days} clear working "
                "days): England's bank holidays are assumed"
                + ("" if _statutory(source) else ", and so is England's notice period")
                + ", as neither the meeting nor its board's authorities (GSS codes) give a "
                "nation."
            )
        elif not _statutory(source):
            lines.append(
                f"Agenda by {format_date(self.agenda_by())} ({days} clear working days, {source})."
            )
        return "\n".join(lines)
