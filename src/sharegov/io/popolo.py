"""Popolo JSON: exchange boards, their members and their votes with other civic-data systems.

`Popolo <https://www.popoloproject.com/>`_ is the open data specification most civic
software uses for legislatures: organizations, posts, people, memberships, motions and
vote events. This module writes a board and its decisions as Popolo JSON, and reads a
Popolo vote event back to decide it under a board's own rule: "did this carry under our
terms of reference?".

How sharegov maps onto Popolo:

- each council is an ``organization`` (classification ``"council"``, its GSS code as an
  identifier); the board is an ``organization`` too (``"joint committee"``, or
  ``"advisory board"`` when it only recommends);
- each voting seat is a ``post`` of the board, labelled with the council it belongs to;
- each appointment is a ``membership`` of the board, ``on_behalf_of`` the council, holding
  one of that council's posts (co-opted and observer members hold no post);
- each member is a ``person``; a question put to the board is a ``motion`` whose
  ``requirement`` is the board's voting rule in words;
- a decision is a ``vote_event``: ``result`` is ``"pass"`` or ``"fail"`` (an inquorate
  meeting fails: nothing was decided); ``counts`` are the board-wide totals of ``"yes"``,
  ``"no"`` and ``"abstain"``; ``votes`` has one entry per voting member; and
  ``group_results`` has one entry per council.

Attendance in ``votes``: a member present who gave no vote has the option ``"not voting"``
and an absent member ``"absent"`` (both in Popolo's code list). A member excluded from
the item by an interest has the option ``"excluded"``: Popolo's code list allows values
outside it, and folding exclusion into ``"not voting"`` would lose a difference the rules
depend on (an excluded member counts neither for quorum nor in any base). The chair's
vote has the role ``"chair"``; a casting vote is a second entry for the chair with the
role ``"casting vote"``.

On import, as in :meth:`Board.decide <sharegov.boards.Board.decide>`, attendance is never
presumed: a voting member missing from a vote event (or from its counts) is refused by
name unless ``unlisted="present"`` (or ``"not voting"``) or ``unlisted="absent"`` says
what to take them as, and the explanation then names them. The event's ``start_date`` is
the date of the meeting: the board's roster on that day decides.

A group result says whether the board's per-council test holds within that council's
members: the rule inside the board's first :class:`~sharegov.rules.EachAuthority`, or,
where the rule has none, the whole rule applied to that council's members alone. An
equality is not a pass.

Dates: a :class:`datetime.date` is written as ``"YYYY-MM-DD"`` (minutes record the day,
not the minute); pass a timezone-aware :class:`datetime.datetime` to write a full
RFC 3339 timestamp. Popolo's draft-03 schemas mark those fields ``"format": "date-time"``,
which draft 3 leaves advisory.

Examples:
    >>> import datetime as dt
    >>> from sharegov.io import popolo
    >>> from sharegov.reference import bromsgrove_redditch_board
    >>> board = bromsgrove_redditch_board()
    >>> out = board.decide({"hollingworth": "for", "luck": "for", "gandy": "for",
    ...                     "hall": "against", "mcmillan": "for"}, absent={"webb"})
    >>> event = popolo.vote_event(out, motion="A shared Community Safety team",
    ...                           date=dt.date(2008, 9, 1))
    >>> event["result"], event["counts"]
    ('pass', [{'option': 'yes', 'value': 4}, {'option': 'no', 'value': 1}, \
{'option': 'abstain', 'value': 0}])
    >>> [(g["group_id"], g["result"]) for g in event["group_results"]]
    [('BDC', 'pass'), ('RBC', 'pass')]
    >>> popolo.decide_vote_event(board, event).carried
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from sharegov.boards import Board, ElectedChair, Outcome
from sharegov.errors import InvalidValue, InvalidVote, LimitExceeded, UnknownId, expected
from sharegov.parties import Authority, Member
from sharegov.rules import EachAuthority, Majority, Rule, Vote, Weighted, walk

__all__ = [
    "INTERESTS",
    "OPTIONS",
    "board_from_counts",
    "decide_vote_event",
    "document",
    "group_results",
    "memberships",
    "motion",
    "organizations",
    "persons",
    "posts",
    "vote_event",
]

#: How each :class:`~sharegov.rules.Vote` is written as a Popolo vote option.
OPTIONS: Mapping[Vote, str] = {Vote.FOR: "yes", Vote.AGAINST: "no", Vote.ABSTAIN: "abstain"}

_ABSENT, _NOT_VOTING, _EXCLUDED, _PAIRED = "absent", "not voting", "excluded", "paired"
_CASTING_ROLE, _CHAIR_ROLE = "casting vote", "chair"
#: Every option read on import: the votes, then attendance. A paired member does not vote
#: and is treated as absent.
_READ_OPTIONS: dict[str, Vote | str] = {
    **{option: vote for vote, option in OPTIONS.items()},
    _ABSENT: _ABSENT,
    _NOT_VOTING: _NOT_VOTING,
    _EXCLUDED: _EXCLUDED,
    _PAIRED: _ABSENT,
}
_OPTION_WORDS = ", ".join(repr(o) for o in _READ_OPTIONS)
#: The most votes :func:`board_from_counts` builds a board for (a large parliament has ~1,500).
MAX_COUNTED = 10_000
#: The vote event's field (outside Popolo's own, which its schema allows) holding the
#: interests declared on the item: ``item``, ``declarations`` and ``dispensations``, each
#: declaration and dispensation as arrangement files write them.
INTERESTS = "sharegov:interests"
#: What to take a voting member missing from a vote event as: present and not voting
#: (``"present"``, or Popolo's own word ``"not voting"``) or ``"absent"``.
Unlisted = Literal["present", "not voting", "absent"]


# ---------------------------------------------------------------------------------------------
# Identifiers and dates
# ---------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "board"


def _board_id(board: Board, board_id: str | None) -> str:
    if board_id is None:
        return _slug(board.name)
    if not isinstance(board_id, str) or not board_id.strip():
        raise InvalidValue(expected("board_id", "a non-empty string", board_id))
    return board_id


def _when(date: dt.date) -> str:
    if isinstance(date, dt.datetime):
        if date.tzinfo is None or date.utcoffset() is None:
            raise InvalidValue(expected("date", "a date, or a timezone-aware datetime", date))
        return date.isoformat()
    if not isinstance(date, dt.date):
        raise InvalidValue(expected("date", "a datetime.date", date))
    return date.isoformat()


def _seat_ids(board: Board, board_id: str) -> dict[str, str]:
    """Member id to the id of the post (seat) they hold, in roster order per authority."""
    taken = dict.fromkeys(board.seats, 0)
    out = {}
    for member in board.voting_members:
        taken[member.authority] += 1
        out[member.id] = f"{board_id}/{member.authority}/{taken[member.authority]}"
    return out


# ---------------------------------------------------------------------------------------------
# Organizations, posts, persons, memberships
# ---------------------------------------------------------------------------------------------


def _council(authority: Authority) -> dict[str, Any]:
    org: dict[str, Any] = {
        "id": authority.code,
        "name": authority.name,
        "classification": "council",
    }
    if authority.gss is not None:
        org["identifiers"] = [{"scheme": "gss", "identifier": authority.gss}]
    return org


def organizations(
    board: Board, *, board_id: str | None = None, classification: str | None = None
) -> list[dict[str, Any]]:
    """The councils on ``board``, then the board itself, as Popolo organizations.

    Args:
        board: The board.
        board_id: The board's Popolo id; by default a slug of its name.
        classification: The board's classification; by default ``"advisory board"`` for an
            advisory board and ``"joint committee"`` otherwise.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> [(o["id"], o["classification"])
        ...  for o in organizations(bromsgrove_redditch_board())]
        [('BDC', 'council'), ('RBC', 'council'), ('shared-services-board', 'advisory board')]
    """
    bid = _board_id(board, board_id)
    if classification is None:
        classification = "advisory board" if board.advisory else "joint committee"
    own = {"id": bid, "name": board.name, "classification": classification}
    return [_council(a) for a in board.authorities] + [own]


def posts(board: Board, *, board_id: str | None = None) -> list[dict[str, Any]]:
    """One Popolo post per voting seat on ``board``, vacant or filled, labelled by council.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> first = posts(bromsgrove_redditch_board())[0]
        >>> first["id"]
        'shared-services-board/BDC/1'
        >>> first["label"]
        'Bromsgrove District Council seat 1 on Shared Services Board'
    """
    bid = _board_id(board, board_id)
    return [
        {
            "id": f"{bid}/{code}/{k}",
            "label": f"{board.authority(code).name} seat {k} on {board.name}",
            "role": "member",
            "organization_id": bid,
        }
        for code, n in board.seats.items()
        for k in range(1, n + 1)
    ]


def persons(board: Board) -> list[dict[str, Any]]:
    """Every member of ``board`` as a Popolo person (id and name).

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> persons(bromsgrove_redditch_board())[0]
        {'id': 'hollingworth', 'name': 'Cllr R. Hollingworth'}
    """
    return [{"id": m.id, "name": m.name} for m in board.members]


def _membership(member: Member, bid: str, board: Board, post: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"{bid}/{member.id}",
        "label": f"{member.name}, for {board.authority(member.authority).name}",
        "role": "member" if member.voting else "non-voting member",
        "person_id": member.id,
        "organization_id": bid,
        "on_behalf_of_id": member.authority,
    }
    if post is not None:
        out["post_id"] = post
    return out


def memberships(board: Board, *, board_id: str | None = None) -> list[dict[str, Any]]:
    """Each member's membership of ``board``, on behalf of their council, in a seat.

    Voting members hold their council's seats in roster order; co-opted and observer
    members (``voting=False``) hold no seat.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> m = memberships(bromsgrove_redditch_board())[3]
        >>> m["person_id"], m["on_behalf_of_id"], m["post_id"]
        ('gandy', 'RBC', 'shared-services-board/RBC/1')
    """
    bid = _board_id(board, board_id)
    seat = _seat_ids(board, bid)
    return [_membership(m, bid, board, seat.get(m.id)) for m in board.members]


# ---------------------------------------------------------------------------------------------
# Motions and vote events
# ---------------------------------------------------------------------------------------------


def _result(carried: bool | None) -> str:
    return "pass" if carried else "fail"


def _motion_id(out: Outcome, bid: str, text: str, when: str) -> str:
    """``board/YYYY-MM-DD/digest``, the digest of the whole decision: the board, the date,
    the text, every member's vote or attendance, the chair, any casting vote, the interests
    declared, and the result. Two questions with the same words on the same day get
    different ids unless everything about them is the same."""
    tally = out.tally
    parts: list[str] = [bid, when, text, out.board.rule.describe(), out.status.value]
    parts += [f"{m.id}={_option(out, m.id)}" for m in out.board.voting_members]
    parts += [f"chair={out.chair}", f"casting={out.casting}", f"present={sorted(tally.present)}"]
    interests = _interests_out(out)
    if interests is not None:
        parts.append(json.dumps(interests, sort_keys=True, ensure_ascii=False))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{bid}/{when[:10]}/{digest}"


def _text_arg(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(expected(field, "a non-empty string", value))
    return value


def _outcome(out: Any) -> Outcome:
    if not isinstance(out, Outcome):
        raise InvalidValue(expected("out", "an Outcome from Board.decide", out))
    return out


def _motion(
    out: Outcome, text: str, *, date: dt.date, id: str | None, board_id: str | None
) -> dict[str, Any]:
    bid = _board_id(_outcome(out).board, board_id)
    when = _when(date)
    text = _text_arg(text, "motion")
    return {
        "id": _motion_id(out, bid, text, when) if id is None else _text_arg(id, "id"),
        "organization_id": bid,
        "text": text,
        "date": when,
        "requirement": out.board.rule.describe(),
        "result": _result(out.carried),
    }


def motion(
    out: Outcome,
    text: str,
    *,
    date: dt.date,
    id: str | None = None,
    board_id: str | None = None,
) -> dict[str, Any]:
    """The question decided in ``out`` as a Popolo motion.

    Its ``requirement`` is the board's voting rule in words and its ``result`` the outcome.
    Without ``id``, the id is derived from the whole decision (board, date, text, every
    vote and attendance, chair, casting vote, interests and result): the same decision
    always gets the same id, and two decisions on the same words the same day differ.

    Examples:
        >>> import datetime as dt
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> out = bromsgrove_redditch_board().decide({"hollingworth": "for"}, unlisted="present")
        >>> motion(out, "Substitutes not to be permitted", date=dt.date(2008, 9, 1))["requirement"]
        'consensus, else at least 2 in support from each authority'
    """
    return _motion(out, text, date=date, id=id, board_id=board_id)


def _group_test(rule: Rule) -> Rule:
    for sub in walk(rule):
        if isinstance(sub, EachAuthority):
            return sub.rule
    return rule


def group_results(out: Outcome) -> dict[str, str]:
    """Per council, ``"pass"`` or ``"fail"``: whether the board's per-council test holds.

    The test is the rule inside the board's first :class:`~sharegov.rules.EachAuthority`,
    or the board's whole rule where it has none, applied to that council's members alone.
    An equality is not a pass.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> out = bromsgrove_redditch_board().decide(
        ...     {"hollingworth": "for", "luck": "for", "gandy": "for", "hall": "against"},
        ...     present={"mcmillan"}, apologies={"webb"})
        >>> group_results(out)
        {'BDC': 'pass', 'RBC': 'fail'}
    """
    test = _group_test(out.board.rule)
    tally = out.tally
    return {code: _result(test.check_in(tally, code)) for code in tally.authorities}


def _option(out: Outcome, member_id: str) -> str:
    tally = out.tally
    vote = tally.votes.get(member_id)
    if vote is not None:
        return OPTIONS[vote]
    if member_id in tally.absent:
        return _ABSENT
    if member_id in tally.excluded:
        return _EXCLUDED
    return _NOT_VOTING


def _votes(out: Outcome, vote_event_id: str) -> list[dict[str, Any]]:
    rows = []
    for member in out.board.voting_members:
        row = {
            "vote_event_id": vote_event_id,
            "voter_id": member.id,
            "option": _option(out, member.id),
            "group_id": member.authority,
        }
        if member.id == out.chair:
            row["role"] = _CHAIR_ROLE
        rows.append(row)
    if out.casting is not None and out.chair is not None:
        rows.append(
            {
                "vote_event_id": vote_event_id,
                "voter_id": out.chair,
                "option": OPTIONS[out.casting],
                "group_id": out.board.member(out.chair).authority,
                "role": _CASTING_ROLE,
            }
        )
    return rows


def vote_event(
    out: Outcome,
    *,
    motion: str,
    date: dt.date,
    id: str | None = None,
    board_id: str | None = None,
) -> dict[str, Any]:
    """A board's decision as a Popolo vote event, with its motion embedded.

    Args:
        out: The outcome from :meth:`Board.decide <sharegov.boards.Board.decide>`.
        motion: The text of the question put.
        date: The date of the meeting (or a timezone-aware datetime).
        id: The vote event's id; by default the motion's id followed by ``/vote``.
        board_id: The board's Popolo id; by default a slug of its name.

    Returns:
        A dict valid against Popolo's ``vote_event`` schema: ``result`` (``"pass"`` or
        ``"fail"``), ``counts`` (board-wide totals of ``"yes"``, ``"no"`` and
        ``"abstain"``), ``votes`` (one per voting member, plus the chair's casting vote if
        one was given) and ``group_results`` (one per council).

    Examples:
        >>> import datetime as dt
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> out = bromsgrove_redditch_board().decide({"hollingworth": "for", "gandy": "for"},
        ...     present={"luck", "mcmillan"}, absent={"webb"}, excluded={"hall"})
        >>> event = vote_event(out, motion="Elections business case", date=dt.date(2008, 9, 1))
        >>> [(v["voter_id"], v["option"]) for v in event["votes"]]
        [('hollingworth', 'yes'), ('luck', 'not voting'), ('webb', 'absent'), \
('gandy', 'yes'), ('hall', 'excluded'), ('mcmillan', 'not voting')]
    """
    bid = _board_id(_outcome(out).board, board_id)
    the_motion = _motion(out, motion, date=date, id=None, board_id=bid)
    event_id = f"{the_motion['id']}/vote" if id is None else _text_arg(id, "id")
    if id is not None:  # the caller's id names the decision: its motion follows it
        the_motion["id"] = f"{event_id}/motion"
    authorities = {a.code: a for a in out.board.authorities}
    event: dict[str, Any] = {
        "id": event_id,
        "organization_id": bid,
        "motion_id": the_motion["id"],
        "motion": the_motion,
        "start_date": the_motion["date"],
        "result": the_motion["result"],
        "counts": [{"option": OPTIONS[v], "value": out.tally.count(v)} for v in OPTIONS],
        "votes": _votes(out, event_id),
        "group_results": [
            {"group_id": code, "group": {"name": authorities[code].name}, "result": result}
            for code, result in group_results(out).items()
        ],
    }
    interests = _interests_out(out)
    if interests is not None:
        event[INTERESTS] = interests
    return event


def _interests_out(out: Outcome) -> dict[str, Any] | None:
    """The item's declarations and the dispensations that applied, as arrangement files
    write them (:mod:`sharegov.io.files`), or ``None`` when none were declared."""
    ruling = out.interests
    if ruling is None:
        return None
    from sharegov.io.files import _converter

    conv = _converter()
    declarations = [d for entry in ruling.entries for d in entry.declarations]
    dispensations = list(
        dict.fromkeys(e.dispensation for e in ruling.entries if e.dispensation is not None)
    )
    data: dict[str, Any] = {}
    if ruling.item is not None:
        data["item"] = ruling.item
    data["declarations"] = [conv.unstructure(d) for d in declarations]
    if dispensations:
        data["dispensations"] = [conv.unstructure(d) for d in dispensations]
    return data


def document(
    board: Board, vote_events: Iterable[Mapping[str, Any]] = (), *, board_id: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A whole board and its decisions as one Popolo document.

    The document has the collections Popolo exporters commonly use: ``organizations``,
    ``posts``, ``persons``, ``memberships``, ``motions`` and ``vote_events``; each item is
    valid against its Popolo schema. Motions are listed once, in ``motions``; each vote
    event refers to its motion by ``motion_id``.

    Args:
        board: The board.
        vote_events: Vote events from :func:`vote_event` for this board.
        board_id: The board's Popolo id; by default a slug of its name.

    Raises:
        InvalidValue: A vote event for another board.

    Examples:
        >>> import datetime as dt
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> out = board.decide({"hollingworth": "for"}, unlisted="present")
        >>> event = vote_event(out, motion="Agree the minutes", date=dt.date(2008, 9, 1))
        >>> doc = document(board, [event])
        >>> {name: len(items) for name, items in doc.items()}
        {'organizations': 3, 'posts': 6, 'persons': 6, 'memberships': 6, 'motions': 1, \
'vote_events': 1}
    """
    bid = _board_id(board, board_id)
    motions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for i, event in enumerate(vote_events):
        if not isinstance(event, Mapping) or event.get("organization_id") != bid:
            got = event.get("organization_id") if isinstance(event, Mapping) else event
            raise InvalidValue(expected(f"vote_events[{i}]", f"a vote event of {bid!r}", got))
        events.append({k: v for k, v in event.items() if k != "motion"})
        if "motion" in event:
            motions.append(dict(_object(event["motion"], f"vote_events[{i}].motion")))
    return {
        "organizations": organizations(board, board_id=bid),
        "posts": posts(board, board_id=bid),
        "persons": persons(board),
        "memberships": memberships(board, board_id=bid),
        "motions": motions,
        "vote_events": events,
    }


# ---------------------------------------------------------------------------------------------
# Import: decide a Popolo vote event under a board's rule
# ---------------------------------------------------------------------------------------------


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidVote(expected(path, "a JSON object", value))
    return value


def _list(event: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = event.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidVote(expected(key, "a list", value))
    return value


def _read_option(value: Any, path: str) -> Vote | str:
    option = value.strip().lower() if isinstance(value, str) else value
    if not isinstance(option, str) or option not in _READ_OPTIONS:
        raise InvalidVote(expected(path, f"one of {_OPTION_WORDS}", value))
    return _READ_OPTIONS[option]


@attrs.define
class _Record:
    """Votes and attendance read from a vote event's individual votes."""

    votes: dict[str, Vote] = attrs.Factory(dict)
    present: set[str] = attrs.Factory(set)
    absent: set[str] = attrs.Factory(set)
    excluded: set[str] = attrs.Factory(set)
    chair: str | None = None
    casting: Vote | None = None


def _voter(board: Board, row: Mapping[str, Any], path: str) -> str:
    voter = row.get("voter_id")
    if voter is None and isinstance(row.get("voter"), Mapping):
        voter = row["voter"].get("id")
    try:
        member = board.member(voter) if isinstance(voter, str) else None
    except UnknownId:
        member = None
    if member is None:
        what = f"the id of a member of {board.name}"
        raise InvalidVote(expected(f"{path}.voter_id", what, voter))
    if not member.voting:
        raise InvalidVote(
            f"{path}.voter_id: {member.name} ({member.authority}) is a non-voting member "
            f"of {board.name}, so cannot vote"
        )
    return member.id


def _chair(record: _Record, voter: str, path: str) -> None:
    if record.chair not in (None, voter):
        raise InvalidVote(f"{path}.role: {voter!r} cannot chair: {record.chair!r} already does")
    record.chair = voter


def _read_votes(board: Board, rows: Sequence[Any]) -> _Record:
    record = _Record()
    seen: set[str] = set()
    for i, raw in enumerate(rows):
        path = f"votes[{i}]"
        row = _object(raw, path)
        voter = _voter(board, row, path)
        option = _read_option(row.get("option"), f"{path}.option")
        if row.get("role") == _CASTING_ROLE:
            if option is not Vote.FOR and option is not Vote.AGAINST:
                what = "'yes' or 'no' for a casting vote"
                raise InvalidVote(expected(f"{path}.option", what, row.get("option")))
            if record.casting is not None:
                raise InvalidVote(f"{path}.role: a second casting vote in this event")
            _chair(record, voter, path)
            record.casting = option
            continue
        if voter in seen:
            raise InvalidVote(f"{path}.voter_id: {voter!r} has more than one vote in this event")
        seen.add(voter)
        if row.get("role") == _CHAIR_ROLE:
            _chair(record, voter, path)
        if isinstance(option, Vote):
            record.votes[voter] = option
        elif option == _ABSENT:
            record.absent.add(voter)
        elif option == _EXCLUDED:
            record.excluded.add(voter)
        else:
            record.present.add(voter)
    return record


def _group_code(board: Board, count: Mapping[str, Any], path: str) -> str | None:
    """The council a count's group names (by id, code or name), or None for no group."""
    group = count.get("group")
    keys = [count.get("group_id")]
    if isinstance(group, Mapping):
        keys += [group.get("id"), group.get("name")]
    given = [k for k in keys if k is not None]
    if not given:
        return None
    for code in board.seats:  # codes first, so a council's name can never shadow a code
        if code in given:
            return code
    for code in board.seats:
        if board.authority(code).name in given:
            return code
    what = f"a council with seats on {board.name} ({', '.join(board.seats)})"
    raise InvalidVote(expected(f"{path}.group", what, given[0]))


@attrs.frozen
class _Count:
    path: str
    group: str | None
    option: Vote | str
    value: int


def _read_counts(board: Board, rows: Sequence[Any]) -> list[_Count]:
    """Each count with its council (None for a board-wide total), checked."""
    out: list[_Count] = []
    seen: set[tuple[str | None, Vote | str]] = set()
    for i, raw in enumerate(rows):
        path = f"counts[{i}]"
        row = _object(raw, path)
        option = _read_option(row.get("option"), f"{path}.option")
        value = row.get("value")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidVote(expected(f"{path}.value", "a whole number >= 0", value))
        code = _group_code(board, row, path)
        if (code, option) in seen:
            where = f"for {code}" if code else "in total"
            raise InvalidVote(f"{path}: a second count of {row.get('option')!r} {where}")
        seen.add((code, option))
        out.append(_Count(path, code, option, value))
    return out


def _check_counts(
    board: Board,
    record: _Record,
    counts: Iterable[_Count],
    unlisted: Literal["present", "absent"] | None,
    on: dt.date | None,
) -> None:
    """The totals given must agree with the individual votes."""
    tally = board.tally(
        record.votes,
        present=record.present,
        absent=record.absent,
        excluded=record.excluded,
        unlisted=unlisted,
        on=on,
    )
    for count in counts:
        scope = tally if count.group is None else tally.by_authority(count.group)
        if isinstance(count.option, Vote):
            have = scope.count(count.option)
        elif count.option == _ABSENT:
            have = len(scope.absent)
        elif count.option == _EXCLUDED:
            have = len(scope.excluded)
        else:
            have = len(scope.not_voting)
        if have != count.value:
            where = f"for {count.group}" if count.group else "in total"
            option = OPTIONS[count.option] if isinstance(count.option, Vote) else count.option
            raise InvalidVote(
                f"{count.path}: {option!r} {where} is {count.value}, "
                f"but the individual votes give {have}"
            )


def _placeholders(code: str, n: int) -> list[Member]:
    return [Member(f"{code}:{k}", f"unnamed member {k}", code) for k in range(1, n + 1)]


def _decide_counts(
    board: Board,
    counts: Sequence[_Count],
    unlisted: Literal["present", "absent"] | None,
    on: dt.date | None,
) -> Outcome:
    for sub in walk(board.rule):
        if isinstance(sub, Weighted) and any(key not in board.seats for key in sub.weights):
            raise InvalidVote(
                f"counts: {board.name}'s rule weights named members, so it cannot be decided "
                "from counts; give the individual votes instead"
            )
    if on is not None:
        board = board.at(on)
    per: dict[str, dict[Vote | str, int]] = {code: {} for code in board.seats}
    for count in counts:
        if count.group is None:
            if len(board.seats) != 1:
                raise InvalidVote(
                    f"{count.path}.group: a count with no group cannot be shared among the "
                    f"{len(board.seats)} councils of {board.name}; give each count's group"
                )
            per[next(iter(board.seats))][count.option] = count.value
        else:
            per[count.group][count.option] = count.value
    members: list[Member] = []
    votes: dict[str, Vote] = {}
    present: set[str] = set()
    absent: set[str] = set()
    excluded: set[str] = set()
    unrecorded: list[str] = []
    for code, given in per.items():
        sitting = sum(1 for m in board.voting_members if m.authority == code)
        total = sum(given.values())
        if total > sitting:
            raise InvalidVote(
                f"counts: {total} counted for {code}, but {board.name} has "
                f"{sitting} voting {'member' if sitting == 1 else 'members'} for {code}"
            )
        placeholders = _placeholders(code, sitting)
        members += placeholders
        ids = iter(m.id for m in placeholders)
        order: tuple[Vote | str, ...] = (*OPTIONS, _NOT_VOTING, _EXCLUDED, _ABSENT)
        for option in order:
            chosen = [next(ids) for _ in range(given.get(option, 0))]
            if isinstance(option, Vote):
                votes.update(dict.fromkeys(chosen, option))
            elif option == _ABSENT:
                absent.update(chosen)
            elif option == _EXCLUDED:
                excluded.update(chosen)
            else:
                present.update(chosen)
        left = sitting - total
        if left and unlisted is None:
            unrecorded.append(f"{left} of {code}'s {sitting}")
    if unrecorded:
        raise InvalidVote(
            f"counts: not every voting member is counted ({'; '.join(unrecorded)} are not): "
            "count them as 'not voting', 'absent' or 'excluded', or say unlisted='present' "
            "or unlisted='absent'"
        )
    anonymous = attrs.evolve(board, members=members, chair_rule=ElectedChair(), memberships=())
    return anonymous.decide(
        votes, present=present, absent=absent, excluded=excluded, unlisted=unlisted, on=on
    )


def _start_date(event: Mapping[str, Any]) -> dt.date | None:
    """The day of the vote event, from its ``start_date`` (a date or an RFC 3339 timestamp)."""
    value = event.get("start_date")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InvalidVote(expected("start_date", "a date as YYYY-MM-DD, or a timestamp", value))


def decide_vote_event(
    board: Board,
    event: Mapping[str, Any],
    *,
    source: Literal["auto", "votes", "counts"] = "auto",
    unlisted: Unlisted | None = None,
) -> Outcome:
    """Decide a Popolo vote event under ``board``'s rule: did this carry under our terms?

    From the individual ``votes`` (by ``voter_id``, a member id of ``board``), with the
    options ``"yes"``, ``"no"``, ``"abstain"``, ``"absent"``, ``"not voting"``,
    ``"excluded"`` and ``"paired"`` (read as absent); a vote with the role ``"chair"``
    names the chair, one with the role ``"casting vote"`` is the chair's casting vote.
    Any ``counts`` given must agree with the votes. Or, from the ``counts`` per group
    (a group is a council, named by its code or name), when the event lists no individual
    votes or ``source="counts"``; the members are then anonymous.

    The event's own ``result`` is not read: the answer is the board's.

    Args:
        board: The board whose rule applies.
        event: A Popolo vote event, e.g. parsed from JSON.
        source: ``"votes"``, ``"counts"``, or ``"auto"`` (votes if any are listed).
        unlisted: What to take a voting member missing from the record as: ``"present"``
            (not voting; ``"not voting"`` is read the same) or ``"absent"``. By default
            nothing is presumed: a member missing from the record is refused, by name, as
            :meth:`Board.decide <sharegov.boards.Board.decide>` does; when ``unlisted`` is
            given, the explanation names who was taken so.

    The event's ``start_date`` is the date of the meeting: the board's roster that day
    decides, as with ``Board.decide(..., on=)``.

    Returns:
        The :class:`~sharegov.boards.Outcome`, with its explanation.

    Raises:
        InvalidVote: Bad input, with the path inside the event, e.g.
            ``votes[2].voter_id: expected the id of a member of ..., got 'smith'``.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> event = {"votes": [{"voter_id": "hollingworth", "option": "yes"},
        ...                    {"voter_id": "luck", "option": "yes"},
        ...                    {"voter_id": "gandy", "option": "yes"},
        ...                    {"voter_id": "hall", "option": "no"},
        ...                    {"voter_id": "mcmillan", "option": "no"},
        ...                    {"voter_id": "webb", "option": "absent"}]}
        >>> print(decide_vote_event(board, event).explain())
        Not carried under the rule: consensus, else at least 2 in support from each authority:
          consensus not reached: 2 against (Cllr M. Hall, RBC; Cllr C. McMillan, RBC)
          BDC: 2 in support >= 2  yes
          RBC: 1 in support >= 2  no
        Votes: 3 for, 2 against, 0 abstaining.
        Absent: Cllr M. Webb, BDC.
        >>> decide_vote_event(board, {"votes": [{"voter_id": "smith", "option": "yes"}]})
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidVote: votes[0].voter_id: expected the id of a member of \
Shared Services Board, got 'smith'
    """
    if not isinstance(board, Board):
        raise InvalidValue(expected("board", "a sharegov Board", board))
    event = _object(event, "vote event")
    if source not in ("auto", "votes", "counts"):
        raise InvalidValue(expected("source", "'auto', 'votes' or 'counts'", source))
    if unlisted not in (None, "present", _NOT_VOTING, _ABSENT):
        what = "None, 'present' (or 'not voting') or 'absent'"
        raise InvalidValue(expected("unlisted", what, unlisted))
    taken: Literal["present", "absent"] | None = (
        None if unlisted is None else "absent" if unlisted == _ABSENT else "present"
    )
    on = _start_date(event)
    rows = _list(event, "votes")
    count_rows = _list(event, "counts")
    if source == "counts" or (source == "auto" and not rows):
        if not count_rows:
            raise InvalidVote(expected("counts", "a list of counts per group", count_rows))
        return _decide_counts(board, _read_counts(board, count_rows), taken, on)
    if not rows:
        raise InvalidVote(expected("votes", "a list of individual votes", rows))
    record = _read_votes(board, rows)
    if count_rows:
        _check_counts(board, record, _read_counts(board, count_rows), taken, on)
    item, declarations, dispensations = _interests_in(event)

    def decide(excluded: Iterable[str]) -> Outcome:
        return board.decide(
            record.votes,
            present=record.present,
            absent=record.absent,
            excluded=excluded,
            unlisted=taken,
            chair=record.chair,
            casting=record.casting,
            on=on,
            declarations=declarations,
            dispensations=dispensations,
            item=item,
        )

    if not declarations:
        return decide(record.excluded)
    # A member excluded by their own declaration is not excluded again directly (that would
    # change the reason the explanation gives); one whose declaration does not bar them but
    # who is recorded as excluded was excluded directly.
    declared = {d.member for d in declarations}
    out = decide(record.excluded - declared)
    also = (record.excluded & declared) - out.tally.excluded
    return decide((record.excluded - declared) | also) if also else out


def _interests_in(event: Mapping[str, Any]) -> tuple[str | None, list[Any], list[Any]]:
    """(item, declarations, dispensations) from the event's :data:`INTERESTS`, if any."""
    data = event.get(INTERESTS)
    if data is None:
        return None, [], []
    data = _object(data, INTERESTS)
    extra = sorted(set(data) - {"item", "declarations", "dispensations"})
    if extra:
        raise InvalidVote(
            expected(INTERESTS, "only item, declarations and dispensations", extra[0])
        )
    item = data.get("item")
    if item is not None and (not isinstance(item, str) or not item.strip()):
        raise InvalidVote(expected(f"{INTERESTS}.item", "the item as text", item))
    from sharegov.conflicts import Declaration, Dispensation
    from sharegov.io.files import _build, _converter

    conv = _converter()
    problems: list[str] = []
    read: dict[str, list[Any]] = {}
    for field, cls in (("declarations", Declaration), ("dispensations", Dispensation)):
        rows = _list(data, field)
        read[field] = [
            _build(problems, f"{INTERESTS}.{field}[{i}]", lambda r=raw, c=cls: conv.structure(r, c))
            for i, raw in enumerate(rows)
        ]
    if problems:
        raise InvalidVote("; ".join(problems))
    return item, read["declarations"], read["dispensations"]


def board_from_counts(
    event: Mapping[str, Any], rule: Rule | None = None, *, name: str | None = None
) -> Board:
    """A board for a vote event known only by its counts per group: one "authority" per group.

    Each group becomes an authority whose seats are the votes counted in it, filled by
    anonymous members. Use it with ``decide_vote_event(board, event, source="counts")``
    to ask how another body's vote would have gone under a rule of your choosing.

    Args:
        event: A Popolo vote event with grouped ``counts``.
        rule: The rule to decide by; by default the statutory majority of those present
            and voting.
        name: The board's name; by default the event's organization, or "Vote event".

    Two groups whose names reduce to the same code (``"North East"`` and ``"north-east"``)
    are refused, never merged: give them ids that differ.

    Raises:
        InvalidVote: A count with no group, a group with nothing counted, or two groups
            that would share a code.
        LimitExceeded: More than :data:`MAX_COUNTED` votes counted.

    Examples:
        >>> from sharegov import rules
        >>> event = {"counts": [
        ...     {"option": "yes", "value": 3, "group": {"name": "North"}},
        ...     {"option": "no", "value": 1, "group": {"name": "North"}},
        ...     {"option": "yes", "value": 1, "group": {"name": "South"}},
        ...     {"option": "no", "value": 2, "group": {"name": "South"}}]}
        >>> board = board_from_counts(event, rules.EachAuthority(rule=rules.Majority()))
        >>> out = decide_vote_event(board, event)
        >>> out.carried, group_results(out)
        (False, {'North': 'pass', 'South': 'fail'})
    """
    event = _object(event, "vote event")
    groups: dict[str, str] = {}
    labels: dict[str, str] = {}  # code to the label that first gave it
    sizes: dict[str, int] = {}
    for i, raw in enumerate(_list(event, "counts")):
        row = _object(raw, f"counts[{i}]")
        found = row.get("group")
        group: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        label = row.get("group_id") or group.get("id") or group.get("name")
        if not isinstance(label, str) or not label.strip():
            raise InvalidVote(expected(f"counts[{i}].group", "a group id or name", label))
        code = label if re.fullmatch(r"\S+", label) else _slug(label)
        first = labels.setdefault(code, label)
        if first != label:  # two groups, one code: refuse rather than merge their counts
            raise InvalidVote(
                f"counts[{i}].group: {label!r} and {first!r} are different groups that would "
                f"both be known by the code {code!r}; give each group an id of its own "
                "(group_id) that differs"
            )
        groups.setdefault(code, group.get("name") or label)
        value = row.get("value")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidVote(expected(f"counts[{i}].value", "a whole number >= 0", value))
        sizes[code] = sizes.get(code, 0) + value
    if not groups:
        raise InvalidVote(expected("counts", "a list of counts per group", event.get("counts")))
    if sum(sizes.values()) > MAX_COUNTED:
        raise LimitExceeded(
            f"counts: {sum(sizes.values())} votes counted; board_from_counts builds boards of "
            f"at most {MAX_COUNTED} members"
        )
    for code, size in sizes.items():
        if size == 0:
            raise InvalidVote(f"counts: nothing is counted for the group {groups[code]!r}")
    organization = event.get("organization")
    for field, given in (
        (
            "organization.name",
            organization.get("name") if isinstance(organization, Mapping) else None,
        ),
        ("organization_id", event.get("organization_id")),
    ):
        if given is not None and (not isinstance(given, str) or not given.strip()):
            raise InvalidVote(expected(field, "a name or id as text", given))
    if name is None:
        name = (
            (organization.get("name") if isinstance(organization, Mapping) else None)
            or event.get("organization_id")
            or "Vote event"
        )
    return Board(
        name,
        authorities=[Authority(code, label) for code, label in groups.items()],
        seats=sizes,
        members=[m for code, n in sizes.items() for m in _placeholders(code, n)],
        rule=Majority() if rule is None else rule,
        casting_vote=False,
    )
