"""The officer's page: check a recommendation in a browser, and copy the result.

A democratic services officer chooses a board and a meeting date; the page shows the
roster in force that day (:meth:`Board.at <sharegov.boards.Board.at>`) and, for each
member, attendance, a vote, a declared interest and a dispensation, then the chair and a
casting vote. The result is decided by :meth:`Board.decide <sharegov.boards.Board.decide>`
on the server and shown at once: the status, the basis rule, the counts per authority and
the explanation for the minutes with its citations. An error from the library is shown
beside the field it names (``votes.webb: ...`` beside Cllr Webb's vote), in its own words.

The page also shows the phases and deadlines as of a date with their amendments, each
council's cost statement, and links the decision as a Popolo vote event
(:func:`sharegov.io.popolo.vote_event`).

The page is plain HTML from Jinja2 templates; a little local JavaScript updates the result
as the officer records votes and copies the text. Nothing is fetched from any other host.

Examples:
    >>> from sharegov.io import load
    >>> from sharegov.serve import Service
    >>> service = Service(load("examples/bromsgrove_redditch.toml"))
    >>> query = {"board": "ssb", "date": "2008-09-01", "chair": "hollingworth",
    ...          "att.webb": "apologies", "vote.hall": "against",
    ...          **{f"vote.{m}": "for" for m in ("hollingworth", "luck", "gandy", "mcmillan")}}
    >>> view(service, query)["result"]["headline"]
    'Carried on the fallback rule (at least 2 in support from each authority)'
    >>> view(service, {**query, "vote.webb": "for"})["errors"]
    {'vote-webb': 'votes.webb: Cllr M. Webb, BDC is recorded as sending apologies, so cannot vote'}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sharegov import statute
from sharegov._optional import require
from sharegov._words import day
from sharegov.conflicts import (
    Declaration,
    Dispensation,
    DispensationGround,
    InterestKind,
    interest_kinds,
)
from sharegov.errors import InvalidValue, SharegovError, UnknownId, expected
from sharegov.serve.app import Service
from sharegov.statute import StandardsGround
from sharegov.timeline import format_date

if TYPE_CHECKING:
    from sharegov.boards import Board, Outcome

__all__ = [
    "ATTENDANCE",
    "VOTES",
    "Field",
    "Record",
    "dispensation_grounds",
    "minuted_form",
    "minuted_items",
    "place",
    "read",
    "routes",
    "substitute_id",
    "summary",
    "view",
]

_HERE = Path(__file__).parent

#: The attendance an officer may record, as the form sends it.
ATTENDANCE: tuple[str, ...] = ("present", "apologies", "absent")
#: The votes an officer may record; ``"none"`` is no vote (attendance says where they were).
VOTES: tuple[str, ...] = ("for", "against", "abstain", "none")

# The most form fields read from one request: a board of 100 members uses about 1,000.
_MAX_FIELDS = 5_000
_MAX_TEXT = 2_000
# Nothing but this server: the page must work offline, in a locked-down network.
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
}
_PATH = re.compile(r"\A([A-Za-z_]+)(?:\.([^\s:]+))?:")


@attrs.frozen
class Field:
    """Where on the page an error is shown: a control's id and the member it concerns.

    Args:
        control: The id of the control or fieldset, e.g. ``"vote-webb"``.
        member: The member's id, or ``None`` for a field of the whole meeting.
    """

    control: str
    member: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Record:
    """What the officer recorded for one item, as read from the form.

    Args:
        votes: Member id to vote, for those who voted.
        present: Ids of members present and not voting.
        apologies: Ids of members who sent apologies.
        absent: Ids of members absent.
        declarations: Interests declared on the item.
        dispensations: Dispensations the officer recorded.
        chair: The member presiding.
        casting: The chair's casting vote.
        item: The item's number or name.
        substitutes: Member id to the name of the substitute sitting in their place; the
            substitute's attendance and vote are recorded under :func:`substitute_id`.
        errors: Control id to the library's message, for what could not even be built.
    """

    votes: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    present: frozenset[str] = attrs.field(default=frozenset(), kw_only=True)
    apologies: frozenset[str] = attrs.field(default=frozenset(), kw_only=True)
    absent: frozenset[str] = attrs.field(default=frozenset(), kw_only=True)
    declarations: tuple[Declaration, ...] = attrs.field(default=(), kw_only=True)
    dispensations: tuple[Dispensation, ...] = attrs.field(default=(), kw_only=True)
    chair: str | None = attrs.field(default=None, kw_only=True)
    casting: str | None = attrs.field(default=None, kw_only=True)
    item: str = attrs.field(default="", kw_only=True)
    substitutes: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    errors: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)

    def decide(self, board: Board, on: dt.date) -> Outcome:
        """Decide the item on ``board`` as constituted on ``on``.

        Raises:
            SharegovError: The library's own refusal, naming the field.
        """
        if self.substitutes:
            from sharegov.io.files import seat_substitutes
            from sharegov.parties import Member

            roster = board.at(on)
            # The name is stripped and not empty, which is all a Member's name needs; the
            # substitute sits for the replaced member's authority.
            subs = {
                member: Member(substitute_id(member), name, roster.member(member).authority)
                for member, name in self.substitutes.items()
            }
            board = seat_substitutes(board, subs, on=on)
        return board.decide(
            dict(self.votes),
            present=self.present,
            apologies=self.apologies,
            absent=self.absent,
            chair=self.chair,
            casting=self.casting,
            declarations=self.declarations,
            dispensations=self.dispensations,
            on=on,
            item=self.item or None,
        )


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(expected(field, "a date as YYYY-MM-DD", text)) from None


def _optional_date(form: Mapping[str, str], field: str, errors: dict[str, str]) -> dt.date | None:
    """The form's date ``field``, or ``None`` if not given; a bad one is put in ``errors``."""
    if not form.get(field):
        return None
    try:
        return _date(form[field], field)
    except SharegovError as exc:
        errors[field] = str(exc)
        return None


_KINDS = {k.name.lower(): k for k in InterestKind}
_GROUNDS: dict[str, DispensationGround | StandardsGround] = {
    **{f"s33-{g.value}": g for g in DispensationGround},
    **{f"sc-{g.name.lower()}": g for g in StandardsGround},
}


Ground = DispensationGround | StandardsGround


def _ground_label(ground: Ground) -> str:
    if isinstance(ground, DispensationGround):
        return f"{ground.citation}: {ground.words}"
    return ground.citation


def dispensation_grounds(on: dt.date, nation: str | None) -> tuple[Ground, ...]:
    """The grounds on which the law of ``on`` in ``nation`` let a dispensation be granted.

    The statutory regime in force that day (:func:`sharegov.statute.regime`) says who
    grants dispensations and on what grounds: the standards committee's grounds
    (:class:`~sharegov.statute.StandardsGround`) before 1 July 2012 in England, and in
    Wales; Localism Act 2011 s.33(2) (:class:`~sharegov.conflicts.DispensationGround`)
    from then in England. Where the nation is not known (``None``: no GSS codes, or
    authorities in more than one nation) the grounds of each modelled nation are given,
    each naming its own law; where no regime is modelled (Scotland, Northern Ireland, or
    an earlier date) there are none.

    Examples:
        >>> import datetime as dt
        >>> [g.value for g in dispensation_grounds(dt.date(2009, 11, 27), "england")]
        ['SI 2009/1255 reg 17(1)(a)(i)', 'SI 2009/1255 reg 17(1)(a)(ii)']
        >>> [g.citation for g in dispensation_grounds(dt.date(2012, 7, 1), "england")][:2]
        ['Localism Act 2011 s.33(2)(a)', 'Localism Act 2011 s.33(2)(b)']
        >>> dispensation_grounds(dt.date(2009, 11, 27), "scotland")
        ()
    """
    nations = (nation,) if nation is not None else (statute.ENGLAND, statute.WALES)
    out: list[Ground] = []
    for n in nations:
        law = statute.regime(on, n)
        rule = law.dispensation(on) if law is not None else None
        if rule is not None:
            # A rule with no grounds of its own is the Localism Act's (DispensationRule); a
            # rule's grounds may have been added later (Wales, reg 2(j) from 2016).
            out.extend(g for g in rule.grounds if g.available(on))
            out.extend(() if rule.grounds else DispensationGround)
    return tuple(out)


def _kind_options(kinds: tuple[InterestKind, ...] | None = None) -> list[tuple[str, str]]:
    """The interest select's options: each kind's form value and label."""
    chosen = tuple(InterestKind) if kinds is None else kinds
    return [(k.name.lower(), k.value) for k in chosen]


def _law_in(on: dt.date, nation: str | None) -> str:
    where = nation.title() if nation is not None else "England or Wales (the nation is not known)"
    return f"on {day(on)} in {where}"


def _dispensation(
    member: str,
    row: str,
    form: Mapping[str, str],
    item: str,
    allowed: Mapping[str, Ground] | None,
    law: str,
) -> Dispensation:
    key = form.get(f"disp_ground.{row}", "")
    known = _GROUNDS if allowed is None else allowed
    if key and key not in known:
        # A stale form (the date changed) or a hand-made one: never a ground out of its time.
        what = f"one of the grounds the law allows {law}" if law else "one of the grounds"
        offered = ", ".join(known) or "none is modelled"
        raise InvalidValue(expected(f"disp_ground.{row}", f"{what} ({offered})", key))
    ground = _GROUNDS.get(key)
    return Dispensation(
        member,
        [item] if item else [],
        ground if isinstance(ground, DispensationGround) else None,
        standards_ground=ground if isinstance(ground, StandardsGround) else None,
        granted_by=form.get(f"disp_by.{row}", ""),
        start=_date(form.get(f"disp_start.{row}", ""), "start"),
        until=_date(form.get(f"disp_until.{row}", ""), "until"),
    )


def substitute_id(member: str) -> str:
    """The id under which the substitute for ``member`` is recorded.

    Examples:
        >>> substitute_id("wilcox")
        'substitute-for-wilcox'
    """
    return f"substitute-for-{member}"


def read(
    form: Mapping[str, str],
    members: list[str],
    *,
    on: dt.date | None = None,
    nation: str | None = None,
) -> Record:
    """The officer's record from the form's fields, for the members on the roster.

    Fields are ``att.<id>`` (present, apologies, absent), ``vote.<id>`` (for, against,
    abstain, none), ``interest.<id>`` and ``detail.<id>`` (a declared interest),
    ``disp.<id>`` with ``disp_by``, ``disp_ground``, ``disp_start`` and ``disp_until``
    (a dispensation), ``sub.<id>`` (the name of a substitute sitting in the member's
    place, whose attendance and vote the row then records), and ``chair``, ``casting``
    and ``item``. A declaration or
    dispensation that cannot be built is reported under its control, in the library's
    words; votes and attendance are passed on as given, so that the library judges them.
    With ``on`` (the meeting's date) and ``nation`` (the board's), a declared interest's
    kind must be one the law of that day allows
    (:func:`~sharegov.conflicts.interest_kinds`), and a dispensation's ground likewise
    (:func:`dispensation_grounds`); a stale form's kind or ground is refused beside it.

    Examples:
        >>> r = read({"att.a": "apologies", "vote.a": "for", "att.b": "present",
        ...           "vote.b": "none", "vote.c": "none"}, ["a", "b", "c"])
        >>> dict(r.votes), sorted(r.apologies), sorted(r.present)
        ({'a': 'for'}, ['a'], ['b'])
    """
    votes: dict[str, str] = {}
    present, apologies, absent = set(), set(), set()
    declarations, dispensations = [], []
    errors: dict[str, str] = {}
    item = form.get("item", "").strip()
    substitutes: dict[str, str] = {}
    allowed = None
    kinds = _KINDS
    law = ""
    if on is not None:
        allowed = {_ground_key(g): g for g in dispensation_grounds(on, nation)}
        kinds = {k.name.lower(): k for k in interest_kinds(on, nation)}
        law = _law_in(on, nation)
    for row in members:
        name = form.get(f"sub.{row}", "").strip()
        if name:
            substitutes[row] = name
        # A substitute's attendance and vote are recorded on the row of the member they
        # replace, and decided under the substitute's own id.
        member = substitute_id(row) if name else row
        att = form.get(f"att.{row}", "")
        vote = form.get(f"vote.{row}", "")
        if att == "apologies":
            apologies.add(member)
        elif att == "absent":
            absent.add(member)
        elif att == "present":
            present.add(member)
        elif att:
            errors[f"att-{row}"] = expected(f"att.{row}", "one of " + ", ".join(ATTENDANCE), att)
        if vote in ("for", "against", "abstain"):
            votes[member] = vote
            present.discard(member)
        elif vote and vote != "none":  # "none": no vote; attendance says where they were
            errors[f"vote-{row}"] = expected(f"vote.{row}", "one of " + ", ".join(VOTES), vote)
        key = form.get(f"interest.{row}", "")
        kind = kinds.get(key)
        if key and kind is None:
            # A stale form (the date changed) or a hand-made one: never a kind out of its time.
            what = f"a kind of interest the law allows {law}" if law else "a kind of interest"
            offered = ", ".join(kinds) or "none is modelled"
            errors[f"interest-{row}"] = expected(f"interest.{row}", f"{what} ({offered})", key)
        elif kind is not None:
            try:
                declarations.append(
                    Declaration(member, item, kind, form.get(f"detail.{row}", "").strip())
                )
            except SharegovError as exc:
                field = str(exc).split(":", 1)[0]
                control = "item" if field == "item" else f"interest-{row}"
                errors[control] = str(exc)
        if form.get(f"disp.{row}"):
            try:
                dispensations.append(_dispensation(member, row, form, item, allowed, law))
            except SharegovError as exc:
                errors[f"disp-{row}"] = str(exc)
    casting = form.get("casting", "") or None
    if casting == "none":
        casting = None
    return Record(
        votes=votes,
        present=frozenset(present),
        apologies=frozenset(apologies),
        absent=frozenset(absent),
        declarations=tuple(declarations),
        dispensations=tuple(dispensations),
        chair=form.get("chair") or None,
        casting=casting,
        item=item,
        substitutes=substitutes,
        errors=errors,
    )


def place(
    message: str, board: Board, *, substitutes: Mapping[str, str] | None = None
) -> list[Field]:
    """Where to show the library's ``message``: the controls of the field it names.

    ``votes.webb: ...`` goes beside Cllr Webb's vote; ``attendance: ...`` beside the
    attendance of each member it names; ``chair: ...`` beside the chair;
    ``substitute: ...`` beside the substitute of the member it names. A substitute's
    messages go on the row of the member they replace (``substitutes`` maps each such
    member to the substitute's name). A message naming no field of the form is shown
    with the result.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> place("votes.webb: Cllr M. Webb, BDC is recorded as absent", board)
        [Field(control='vote-webb', member='webb')]
        >>> [f.control for f in place("attendance: not recorded for Cllr J. Luck, BDC", board)]
        ['att-luck']
        >>> [f.control for f in place("votes.substitute-for-luck: ...", board)]
        ['vote-luck']
        >>> place("rule: something else", board)
        []
    """
    match = _PATH.match(message)
    if match is None:
        return []
    field, member = match.group(1), match.group(2)
    subs = substitutes or {}
    rows = {m.id: m.id for m in board.members}
    rows.update({substitute_id(m.id): m.id for m in board.members})
    if field in ("chair", "casting", "item"):
        return [Field(field)]
    if field in ("on", "date"):
        return [Field("date")]
    if field == "substitute":
        return [
            Field(f"sub-{m.id}", member=m.id)
            for m in board.members
            if f"in place of {m.name}" in message
        ]
    kinds = {
        "votes": "vote",
        "present": "att",
        "apologies": "att",
        "absent": "att",
        "excluded": "att",
        "attendance": "att",
        "declarations": "interest",
        "dispensations": "disp",
        "substitutions": "sub",
    }
    kind = kinds.get(field)
    if kind is None:
        return []
    if member in rows:
        return [Field(f"{kind}-{rows[member]}", member=rows[member])]
    # A message about several members names them by name (or by id in quotes).
    named = [
        m.id
        for m in board.members
        if f"{subs.get(m.id, m.name)}, {m.authority}" in message
        or f"'{m.id}'" in message
        or f"'{substitute_id(m.id)}'" in message
    ]
    return [Field(f"{kind}-{m}", member=m) for m in named]


def _ground_key(ground: Ground | None) -> str:
    for key, value in _GROUNDS.items():
        if value is ground:
            return key
    return ""


def minuted_items(service: Service, board_id: str) -> list[tuple[str, str]]:
    """The items of the arrangement's recorded meetings of ``board_id`` that the page can
    fill in: each ``(key, label)``, the key being ``"<meeting index>.<item number>"``.

    Items put to a named vote are offered; those minuted only as counts, or with members
    excluded other than by a declared interest, are not (the page records names).

    Examples:
        >>> from sharegov.io import load
        >>> service = Service(load("examples/bromsgrove_redditch.toml"))
        >>> minuted_items(service, "ssb")[0]
        ('0.2', '1 September 2008, item 2: Draft Concordat')
    """
    board = service.arrangement.boards.get(board_id)
    out: list[tuple[str, str]] = []
    if board is None:
        return out
    for index, meeting in enumerate(service.arrangement.meetings):
        if meeting.board != board:
            continue
        for item in meeting.items:
            declared = {d.member for d in meeting.declarations if d.item == str(item.number)}
            if item.votes is None or not item.excluded <= declared:
                continue
            label = f"{format_date(meeting.date)}, item {item.number}: {item.title}"
            out.append((f"{index}.{item.number}", label))
    return out


def minuted_form(service: Service, board_id: str, key: str) -> dict[str, str]:
    """The page's fields for a recorded meeting's item (see :func:`minuted_items`).

    Raises:
        UnknownId: No such item among the board's recorded meetings.

    Examples:
        >>> from sharegov.io import load
        >>> service = Service(load("examples/bromsgrove_redditch.toml"))
        >>> form = minuted_form(service, "ssb", "0.2")
        >>> form["date"], form["chair"], form["att.webb"], form["vote.hall"]
        ('2008-09-01', 'hollingworth', 'apologies', 'for')
    """
    offered = dict(minuted_items(service, board_id))
    if key not in offered:
        raise UnknownId(expected("minuted", "an item of the board's recorded meetings", key))
    index, number = (int(part) for part in key.split("."))
    meeting = service.arrangement.meetings[index]
    item = next(i for i in meeting.items if i.number == number)
    votes = dict(item.votes or {})
    form = {
        "board": board_id,
        "date": meeting.date.isoformat(),
        "item": str(item.number),
        "motion": item.title,
        "check": "1",
    }
    if meeting.chair is not None:
        form["chair"] = meeting.chair
    substitute_of = {sub.id: member for member, sub in meeting.substitutions.items()}
    for member, sub in meeting.substitutions.items():
        form[f"sub.{member}"] = sub.name
    lists = (("present", meeting.present), ("apologies", meeting.apologies))
    for state, ids in (*lists, ("absent", meeting.absent)):
        for member in sorted(ids):
            if member in meeting.substitutions:
                continue  # the row records the substitute
            row = substitute_of.get(member, member)
            form[f"att.{row}"] = state
            vote = votes.get(member)
            form[f"vote.{row}"] = vote.value if vote is not None else "none"
    for d in meeting.declarations:
        if d.item != str(item.number):
            continue
        row = substitute_of.get(d.member, d.member)
        form[f"interest.{row}"] = d.kind.name.lower()
        form[f"detail.{row}"] = d.detail
        for disp in meeting.dispensations:
            if disp.covers(d, meeting.date):  # only one that applies to this item
                form[f"disp.{row}"] = "1"
                form[f"disp_by.{row}"] = disp.granted_by
                form[f"disp_ground.{row}"] = _ground_key(disp.ground or disp.standards_ground)
                form[f"disp_start.{row}"] = disp.start.isoformat()
                form[f"disp_until.{row}"] = disp.until.isoformat()
    return form


def summary(errors: Mapping[str, str]) -> list[tuple[str, str]]:
    """Each distinct message once, with the first control it is shown beside, in order.

    Examples:
        >>> summary({"att-luck": "attendance: x", "att-webb": "attendance: x", "chair": "y"})
        [('att-luck', 'attendance: x'), ('chair', 'y')]
    """
    seen: dict[str, str] = {}
    for control, message in errors.items():
        seen.setdefault(message, control)
    return [(control, message) for message, control in seen.items()]


def _form(params: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The request's fields, and why they are refused when there are too many or one is too
    long: never cut short silently (a cut key could even become another field's)."""
    out: dict[str, str] = {}
    for n, (key, value) in enumerate(params.items()):
        if n >= _MAX_FIELDS:
            return {}, f"form: expected at most {_MAX_FIELDS:,} fields; the rest were not read"
        if len(key) > _MAX_TEXT or len(value) > _MAX_TEXT:
            what = f"at most {_MAX_TEXT:,} characters"
            return {}, expected(f"form.{key[:40]}", what, f"{len(value):,} characters")
        out[key] = value
    return out, None


def _deadlines(service: Service, as_of: dt.date) -> list[dict[str, Any]]:
    arrangement = service.arrangement
    rows: list[dict[str, Any]] = []
    groups = [(p.describe(as_of=as_of), p.deadlines) for p in arrangement.phases]
    if arrangement.deadlines:
        groups.append(("Other deadlines", arrangement.deadlines))
    for heading, deadlines in groups:
        for d in deadlines:
            due = d.due_on(as_of=as_of)
            rows.append(
                {
                    "group": heading,
                    "title": d.title,
                    "due": format_date(due) if due is not None else "not yet set",
                    "state": d.state(as_of=as_of).value,
                    "known": [a.describe() for a in d.known_on(as_of)],
                    "since": [a.describe() for a in d.moved_since(as_of)],
                }
            )
    return rows


def _costs(service: Service) -> dict[str, Any] | None:
    plan = service.arrangement.costs
    if plan is None:
        return None
    statement = plan.statement()
    councils = []
    for p in statement.parties:
        payback = statement.payback_year(p)
        councils.append(
            {
                "code": p,
                "rows": [
                    ("Pays", [str(m) for m in statement.pays[p]]),
                    ("Receives", [str(m) for m in statement.receives[p]]),
                    ("Net", [str(m) for m in statement.net(p)]),
                    ("Cumulative", [str(m) for m in statement.cumulative(p)]),
                ],
                "payback": str(payback) if payback is not None else "not within these years",
            }
        )
    return {
        "years": [str(y) for y in statement.years],
        "councils": councils,
        "explanation": statement.explain(),
    }


def _result(out: Outcome) -> dict[str, Any]:
    from sharegov.io.results import to_json

    data = to_json(out)
    data["headline"] = out.headline()
    data["rows"] = out.rows()
    data["names"] = {a.code: a.name for a in out.board.authorities}
    return data


def view(service: Service, params: Mapping[str, str]) -> dict[str, Any]:
    """Everything the page template shows, for the form fields in ``params``."""
    form, refused = _form(params)
    arrangement = service.arrangement
    boards = dict(arrangement.boards)
    errors: dict[str, str] = {}
    general: list[str] = []
    ctx: dict[str, Any] = {
        "service": service,
        "arrangement": arrangement,
        "boards": boards,
        "form": form,
        "errors": errors,
        "general": general,
        "attendance": ATTENDANCE,
        "vote_options": VOTES,
        "kinds": _kind_options(),
        "grounds": [],
        "grounds_note": "",
        "members": [],
        "observers": [],
        "minuted": [],
        "result": None,
        "board": None,
        "date": None,
        "costs": service.once("page.costs", lambda: _costs(service)),
        "deadlines": None,
        "as_of": None,
    }
    if refused is not None:
        general.append(refused)
        ctx["board_id"] = ""
        return ctx
    board_id = form.get("board") or (next(iter(boards)) if boards else "")
    ctx["board_id"] = board_id
    ctx["minuted"] = minuted_items(service, board_id)
    board = boards.get(board_id)
    if board is None and boards:
        errors["board"] = expected("board", "one of " + ", ".join(boards), board_id)
    date = _optional_date(form, "date", errors)
    ctx["date"] = date
    as_of = _optional_date(form, "as_of", errors) or date  # a bad one: the meeting's
    if as_of is not None:
        ctx["as_of"] = as_of
        ctx["deadlines"] = _deadlines(service, as_of)
    if board is None or date is None:
        return ctx
    try:
        sitting = board.at(date)
    except SharegovError as exc:
        errors["date"] = str(exc)
        return ctx
    ctx["board"] = sitting
    ctx["members"] = list(sitting.voting_members)
    ctx["observers"] = [m for m in sitting.members if not m.voting]
    ids = [m.id for m in sitting.voting_members]
    nation = sitting.nation
    ctx["kinds"] = _kind_options(interest_kinds(date, nation))
    offered = dispensation_grounds(date, nation)
    ctx["grounds"] = [(_ground_key(g), _ground_label(g)) for g in offered]
    if not offered:
        ctx["grounds_note"] = f"No dispensation grounds are modelled {_law_in(date, nation)}."
    if not any(k.startswith(("att.", "vote.")) for k in form) and "check" not in form:
        return ctx  # nothing recorded yet: no result, and no error either
    record = read(form, ids, on=date, nation=nation)
    errors.update(record.errors)
    if record.errors:
        return ctx
    try:
        out = record.decide(board, date)
    except SharegovError as exc:
        message = str(exc)
        fields = place(message, sitting, substitutes=record.substitutes)
        for f in fields:
            errors.setdefault(f.control, message)
        if not fields:
            general.append(message)
        return ctx
    ctx["result"] = _result(out)
    ctx["outcome"] = out
    return ctx


def routes(service: Service) -> list[Any]:
    """The page's routes for ``service``: ``/``, ``/decision.popolo.json`` and ``/static``.

    Raises:
        MissingExtra: starlette or jinja2 is not installed (``pip install "sharegov[http]"``).
    """
    require("starlette", "http")
    jinja2 = require("jinja2", "http")
    import json
    from urllib.parse import urlencode

    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = format_date
    env.filters["summary"] = summary
    template = env.get_template("page.html")

    async def page(request: Request) -> Response:
        params = request.query_params
        refused = None
        if "fill" in params:  # fill the form from a recorded meeting, then show it
            try:
                filled = minuted_form(service, params.get("board", ""), params.get("minuted", ""))
            except SharegovError as exc:
                refused = str(exc)  # shown beside the choice
            else:
                return RedirectResponse("?" + urlencode(filled), status_code=303)
        ctx = view(service, params)
        if refused is not None:
            ctx["errors"]["minuted"] = refused
        ctx["query"] = urlencode(list(request.query_params.multi_items())[:_MAX_FIELDS])
        status = 400 if ctx["errors"] or ctx["general"] else 200
        return HTMLResponse(template.render(ctx), status_code=status, headers=_HEADERS)

    async def popolo_json(request: Request) -> Response:
        from sharegov.io import popolo

        ctx = view(service, request.query_params)
        out = ctx.get("outcome")
        if out is None:
            problems = [*ctx["errors"].values(), *ctx["general"]] or [
                "board, date: choose a board and a meeting date and record the votes"
            ]
            return JSONResponse({"errors": problems}, status_code=400)
        motion = ctx["form"].get("motion", "").strip()
        try:
            event = popolo.vote_event(out, motion=motion, date=ctx["date"])
        except SharegovError as exc:
            return JSONResponse({"errors": [str(exc)]}, status_code=400)
        return Response(
            json.dumps(event, indent=2, ensure_ascii=False),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="decision.popolo.json"'},
        )

    return [
        Route("/", page, name="page"),
        Route("/decision.popolo.json", popolo_json, name="popolo"),
        Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
    ]
