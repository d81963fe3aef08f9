"""iCalendar (RFC 5545) export of meetings and deadlines, with Europe/London times.

Needs the ``icalendar`` package (the ``io`` extra), imported only when a calendar is built.
A meeting with a recorded time becomes a timed event in Europe/London (with its
``VTIMEZONE``); one without, and every deadline, becomes an all-day event. Each meeting
also gets an all-day event for its agenda publication deadline. A deadline is an event
"Due: <title>", except one that is a meeting to be held on its date
(``Deadline(meeting=True)``): that is an event "Meeting: <title>", whose description says
when it was held where that is recorded. A deadline's owner (the owner of a meeting's
action, say) is named in its description. The output is
deterministic: UIDs come from the content, and ``DTSTAMP`` defaults to midnight UTC after
the latest date in the calendar.

Examples:
    >>> import datetime as dt
    >>> from sharegov.reference import (
    ...     bromsgrove_redditch_meeting_2008_09_01, bromsgrove_redditch_phases)
    >>> phases = bromsgrove_redditch_phases()
    >>> text = to_ical(meetings=[bromsgrove_redditch_meeting_2008_09_01()],
    ...                deadlines=[d for p in phases for d in p.deadlines]).decode()
    >>> "DTSTART;TZID=Europe/London:20080901T173000" in text, text.count("BEGIN:VEVENT")
    (True, 7)
    >>> from sharegov.timeline import Deadline
    >>> agm = Deadline("Branch meeting and AGM", due=dt.date(2006, 5, 26), meeting=True)
    >>> [line for line in to_ical(deadlines=[agm]).decode().splitlines() if "SUMMARY" in line]
    ['SUMMARY:Meeting: Branch meeting and AGM']
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sharegov._optional import require
from sharegov.errors import InvalidValue, expected
from sharegov.meetings import Meeting, ScheduledMeeting
from sharegov.timeline import Deadline, format_date

__all__ = ["calendar", "to_ical", "write"]

TZ = "Europe/London"
PRODID = "-//sharegov//sharegov calendar//EN"
_MEETING_LENGTH = dt.timedelta(hours=2)


def _uid(*parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode(), usedforsecurity=False)
    return f"{digest.hexdigest()[:24]}@sharegov"


def _all_day(
    ical: Any, summary: str, date: dt.date, uid: str, stamp: dt.datetime, description: str = ""
) -> Any:
    event = ical.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    return event


def calendar(
    *,
    meetings: Iterable[Meeting | ScheduledMeeting] = (),
    deadlines: Iterable[Deadline] = (),
    name: str = "sharegov",
    stamp: dt.datetime | None = None,
) -> Any:
    """An ``icalendar.Calendar`` of meetings (with agenda deadlines) and deadlines.

    Raises:
        InvalidValue: Something that is neither a meeting nor a deadline.
        MissingExtra: ``icalendar`` is not installed.
    """
    ical = require("icalendar", "io")
    zone = ZoneInfo(TZ)
    meetings = list(meetings)
    deadlines = list(deadlines)
    for i, m in enumerate(meetings):
        if not isinstance(m, Meeting | ScheduledMeeting):
            raise InvalidValue(expected(f"meetings[{i}]", "a Meeting or ScheduledMeeting", m))
    for i, d in enumerate(deadlines):
        if not isinstance(d, Deadline):
            raise InvalidValue(expected(f"deadlines[{i}]", "a Deadline", d))
    if stamp is None:
        dates = [m.date for m in meetings] + [d.due for d in deadlines] or [dt.date(1970, 1, 1)]
        stamp = dt.datetime.combine(max(dates) + dt.timedelta(days=1), dt.time(), dt.UTC)
    cal = ical.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZ)
    for m in meetings:
        board = m.board.name if isinstance(m, Meeting) else name
        if isinstance(m, Meeting):
            agenda_by, time, venue = m.agenda_by(), m.time, m.venue
            description = m.explain()
        else:
            agenda_by, time, venue = m.agenda_by, None, m.venue
            description = m.explain()
        uid = _uid("meeting", board, m.date)
        if time is None:
            event = _all_day(ical, board, m.date, uid, stamp, description)
        else:
            event = ical.Event()
            start = dt.datetime.combine(m.date, time, zone)
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", start + _MEETING_LENGTH)
            event.add("summary", board)
            event.add("description", description)
        if venue:
            event.add("location", venue)
        cal.add_component(event)
        cal.add_component(
            _all_day(
                ical,
                f"Agenda deadline: {board}, {format_date(m.date)}",
                agenda_by,
                _uid("agenda", board, m.date),
                stamp,
            )
        )
    for d in deadlines:
        owner = [f"Owner: {d.owner}"] if d.owner else []
        held = [f"Held on {format_date(d.done_on)}."] if d.meeting and d.done_on else []
        history = "\n".join([*held, *owner, *(a.describe() for a in d.history)])
        cal.add_component(
            _all_day(
                ical,
                f"{'Meeting' if d.meeting else 'Due'}: {d.title}",
                d.due,
                _uid("deadline", d.title, d.original),
                stamp,
                history,
            )
        )
    cal.add_missing_timezones()
    return cal


def to_ical(**kw: Any) -> bytes:
    """The calendar as RFC 5545 bytes; takes the arguments of :func:`calendar`."""
    data: bytes = calendar(**kw).to_ical()
    return data


def write(path: str | Path, **kw: Any) -> Path:
    """Write the calendar to ``path`` (an ``.ics`` file) and return the path."""
    target = Path(path)
    target.write_bytes(to_ical(**kw))
    return target
