"""Results as JSON: plain data for apps, each form with a JSON Schema shipped in the package.

:func:`to_json` turns a result into plain JSON-compatible data (``str``, ``int``, ``bool``,
``float``, ``None``, lists and dicts), so ``json.dumps(to_json(result))`` always works.
:func:`schema` gives the JSON Schema (draft 2020-12) each form is tested against.

Numbers stay exact: money is integer pence with a display string, and power indices are
``Fraction`` strings (``"1/6"``) with a float beside them for display only.

Every document carries ``"kind"``, which is also the name of its schema: ``"outcome"``,
``"what_if"``, ``"statement"``, ``"power_index"``, ``"fairness"``, ``"deadline"`` and
``"phase"`` (as of a date: ``to_json(deadline, as_of=date)``), ``"deadlines"`` (a file's
listing as of a date: :func:`deadlines_as_of`), ``"withdrawal_impact"``,
``"withdrawal_table"`` and ``"who_acts"``. A document may hold another (a phase holds its
deadlines); its schema refers to the other's by ``$id``, and :func:`registry` resolves them.

Examples:
    >>> import json
    >>> from sharegov.reference import bromsgrove_redditch_board
    >>> board = bromsgrove_redditch_board()
    >>> out = board.decide({m.id: "for" for m in board.voting_members if m.id != "webb"},
    ...                    apologies={"webb"})
    >>> data = to_json(out)
    >>> data["kind"], data["status"], data["counts"]
    ('outcome', 'carried', {'for': 5, 'against': 0, 'abstain': 0})
    >>> data["attendance"]["apologies"]
    ['webb']
    >>> sorted(schema("outcome")["required"])[:3]
    ['advisory', 'attendance', 'basis']
    >>> json.loads(json.dumps(data)) == data
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from importlib import resources
from typing import Any

from sharegov import statute
from sharegov._words import day
from sharegov.boards import Outcome, WhatIf
from sharegov.conflicts import Acting, WhoActs
from sharegov.costs import Fairness, Statement
from sharegov.errors import InvalidValue, UnknownId, expected
from sharegov.graph import WithdrawalImpact, WithdrawalTable
from sharegov.meetings import actions_of
from sharegov.money import Money
from sharegov.power import PowerIndex
from sharegov.rules import MinutedTally, MissingCount, Tally, Vote
from sharegov.timeline import Amendment, Deadline, Phase

__all__ = ["SCHEMAS", "citations", "deadlines_as_of", "registry", "schema", "schema_id", "to_json"]

#: The names of the schemas shipped, one per form :func:`to_json` writes.
SCHEMAS: tuple[str, ...] = (
    "deadline",
    "deadlines",
    "fairness",
    "outcome",
    "phase",
    "power_index",
    "statement",
    "what_if",
    "who_acts",
    "withdrawal_impact",
    "withdrawal_table",
)

#: The forms that describe a state on a date: :func:`to_json` needs ``as_of`` for them.
_DATED = (Deadline, Phase)

# A provision as sharegov's explanations cite it: the Act, then a schedule paragraph or a
# section ("LGA 1972 Sch 12 para 39(2)", "Localism Act 2011 s.31(4)", "... ss.30-34").
# The repetition is bounded (an Act's name has at most eight words before "Act"), so a long
# run of capitalised words in a member's or board's name cannot make the search quadratic.
_ACT = r"(?:LGA \d{4}|(?:[A-Z][a-z]+ ){1,8}(?:and [A-Z][a-z]+ )?Act \d{4})"
_PROVISION = r"(?:Sch \d+ para \d+(?:\(\w+\))*|ss?\.\d+(?:-\d+)?(?:\(\w+\))*)"
_CITATION = re.compile(rf"{_ACT} {_PROVISION}")


def citations(text: str) -> list[str]:
    """The provisions cited in ``text``, each once, in order of first mention.

    A regular expression over the words, not a parse of them: it finds an Act followed by
    a schedule paragraph or a section, as sharegov writes them.

    Examples:
        >>> citations("lost (LGA 1972 Sch 12 para 39(2)); barred (Localism Act 2011 s.31(4))")
        ['LGA 1972 Sch 12 para 39(2)', 'Localism Act 2011 s.31(4)']
    """
    return list(dict.fromkeys(_CITATION.findall(text)))


@functools.cache
def _schema_text(name: str) -> str:
    return (resources.files("sharegov.io") / "schemas" / f"{name}.schema.json").read_text(
        encoding="utf-8"
    )


def schema_id(name: str) -> str:
    """The ``$id`` of the schema ``name``, by which other schemas refer to it.

    Examples:
        >>> schema_id("deadline")
        'urn:sharegov:schema:deadline.schema.json'
    """
    return f"urn:sharegov:schema:{name}.schema.json"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one form :func:`to_json` writes; a fresh copy.

    Args:
        name: One of :data:`SCHEMAS`, the ``"kind"`` of a document.

    Raises:
        UnknownId: ``name`` is not one of :data:`SCHEMAS`.

    Examples:
        >>> schema("statement")["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema("ballot")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        sharegov.errors.UnknownId: schema: expected one of 'deadline', ..., got 'ballot'
    """
    if name not in SCHEMAS:
        message = expected("schema", "one of " + ", ".join(map(repr, SCHEMAS)), name)
        raise UnknownId(message)
    loaded: dict[str, Any] = json.loads(_schema_text(name))
    return loaded


def registry() -> Any:
    """Every shipped schema in a :class:`referencing.Registry`, keyed by its ``$id``, so a
    validator resolves the references between them (a phase's deadlines).

    Examples:
        >>> import jsonschema
        >>> validator = jsonschema.Draft202012Validator(schema("phase"), registry=registry())
        >>> validator.is_valid({"kind": "phase"})
        False
    """
    from referencing import Registry, Resource

    return Registry().with_resources(
        (schema_id(name), Resource.from_contents(schema(name))) for name in SCHEMAS
    )


def to_json(
    result: object, *, as_of: dt.date | None = None, hindsight: bool = False
) -> dict[str, Any]:
    """``result`` as plain JSON-compatible data, in the form its schema describes.

    Args:
        result: An :class:`~sharegov.boards.Outcome`, :class:`~sharegov.boards.WhatIf`,
            :class:`~sharegov.costs.Statement`, :class:`~sharegov.power.PowerIndex`,
            :class:`~sharegov.costs.Fairness`, :class:`~sharegov.timeline.Deadline`,
            :class:`~sharegov.timeline.Phase`, :class:`~sharegov.graph.WithdrawalImpact`,
            :class:`~sharegov.graph.WithdrawalTable` or :class:`~sharegov.conflicts.WhoActs`.
        as_of: For a deadline or phase (required): the date to describe it as of. The
            document gives only what was known that day: the due date and amendments then,
            ``set_on`` and ``done_on`` only if on or before it, and ``due_now`` and
            ``moved_since`` null. Refused for anything else.
        hindsight: For a deadline or phase: also give what was decided after ``as_of``
            (``due_now``, ``moved_since``, a later ``set_on`` or ``done_on``, and the
            explanation's "Since then" lines), as looked back on with today's file.

    Raises:
        InvalidValue: ``result`` is of any other type (the message names it); ``as_of``
            missing for a deadline or phase, or given for anything else.

    Examples:
        >>> to_json(42)
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: result: expected an Outcome, WhatIf, Statement, \
PowerIndex, Fairness, Deadline, Phase, WithdrawalImpact, WithdrawalTable or WhoActs, got an \
object of type int
        >>> from sharegov.timeline import Deadline
        >>> to_json(Deadline("Report", due=dt.date(2009, 1, 31)))
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: as_of: expected the date to describe the Deadline as \
of, got nothing
    """
    if isinstance(result, _DATED):
        day = _check_as_of(as_of, f"the {type(result).__name__}")
        if not isinstance(hindsight, bool):
            raise InvalidValue(expected("hindsight", "True or False", hindsight))
        if isinstance(result, Deadline):
            return _deadline(result, day, hindsight)
        return _phase(result, day, hindsight)
    if as_of is not None:
        what = "None: only a Deadline or Phase is described as of a date"
        raise InvalidValue(expected("as_of", what, as_of))
    if hindsight is not False:
        what = "False: only a Deadline or Phase is described as of a date"
        raise InvalidValue(expected("hindsight", what, hindsight))
    for cls, writer in _WRITERS:
        if isinstance(result, cls):
            return writer(result)
    message = (
        "result: expected an Outcome, WhatIf, Statement, PowerIndex, Fairness, Deadline, "
        "Phase, WithdrawalImpact, WithdrawalTable or WhoActs, "
        f"got an object of type {type(result).__qualname__}"
    )
    raise InvalidValue(message)


# ---------------------------------------------------------------------------------------------
# Outcome
# ---------------------------------------------------------------------------------------------


def _counts(tally: Tally) -> dict[str, int]:
    return {v.value: tally.count(v) for v in Vote}


def _by_authority(tally: Tally) -> dict[str, dict[str, int]]:
    """Counts per authority code; ``{}`` when counts were minuted with no breakdown."""
    if isinstance(tally, MinutedTally):
        try:
            tally.minuted.parts()
        except MissingCount:  # the minutes gave no breakdown by authority
            return {}
    return {code: _counts(tally.by_authority(code)) for code in tally.seats}


def _ids(tally: Tally, ids: Iterable[str]) -> list[str]:
    """Member ids in the board's roster order."""
    wanted = frozenset(ids)
    return [m for m in tally.authority_of if m in wanted]


def _attendance(outcome: Outcome) -> dict[str, Any]:
    tally, assumed = outcome.tally, outcome.assumed
    counts = tally.counts
    present = counts.present
    cast = counts.support + counts.against + counts.abstain
    minuted = isinstance(tally, MinutedTally)
    return {
        "present": present,
        # Minuted counts name nobody: no list (an empty one would read as nobody), but
        # the number, as the text's "Votes:" line gives it (or null if not minuted).
        "present_not_voting": None if minuted else _ids(tally, tally.not_voting - assumed),
        "present_not_voting_count": None if present is None else present - cast,
        "apologies": _ids(tally, outcome.apologies),
        "absent": _ids(tally, tally.absent - outcome.apologies - assumed),
        "excluded": _ids(tally, tally.excluded),
        "assumed": _ids(tally, assumed),
        "unlisted": outcome.unlisted,
    }


def _law(on: dt.date | None, nation: str | None) -> dict[str, Any]:
    """The law modelled for a decision on ``on`` in ``nation``, with a note where none
    applies or where it is assumed.

    As :mod:`sharegov.statute` treats a date before a nation's first regime on interests
    (none is applied; the explanations say so), with two more cases: before the year of the
    earliest Act modelled (LGA 1972) no law modelled applies at all; and a date after
    :data:`~sharegov.statute.REVIEWED_TO` (the last day the law modelled was reviewed) is
    judged under the law as modelled, which is an assumption. Neither reads the clock, so
    the same decision gives the same document on any day.

    Examples:
        >>> note = _law(dt.date(1066, 10, 14), "wales")["note"]
        >>> note[:63]
        'No law modelled applies on 14 October 1066: the earliest Act mo'
        >>> _law(dt.date(2010, 3, 8), "wales")["regime"]
        'Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))'
    """
    out: dict[str, Any] = {"nation": nation, "regime": None, "since": None, "note": None}
    if on is None:
        out["note"] = "No date was given, so no law of a date was applied."
        return out
    before = statute.no_law_note(on)
    if before is not None:
        out["note"] = before
        return out
    regime = statute.regime(on, nation) if nation is not None else None
    if regime is not None:
        out["regime"], out["since"] = regime.name, regime.start.isoformat()
    elif nation is not None:
        firsts = sorted((r for r in statute.REGIMES if r.nation == nation), key=lambda r: r.start)
        where = f"for {nation.title()} on {day(on)}"
        why = f": the first there is the {firsts[0].name}, from {day(firsts[0].start)}"
        out["note"] = f"No regime on members' interests is modelled {where}{why if firsts else ''}."
    if on > statute.REVIEWED_TO:
        law = f" ({out['regime']})" if out["regime"] else ""
        out["note"] = (
            f"{day(on)} is after {day(statute.REVIEWED_TO)}, the last day the law modelled "
            f"here was reviewed: the law as modelled{law} was applied, assumed unchanged."
        )
    return out


def _outcome(outcome: Outcome) -> dict[str, Any]:
    tally = outcome.tally
    basis = outcome.basis
    text = outcome.explain()
    return {
        "kind": "outcome",
        "status": outcome.status.value,
        "carried": outcome.carried,
        "equality": outcome.equality,
        "advisory": outcome.advisory,
        "basis": basis.describe() if basis is not None else None,
        "rule": outcome.rule.describe(),
        "board": outcome.board.name,
        "date": outcome.date.isoformat() if outcome.date is not None else None,
        "chair": outcome.chair,
        "casting": outcome.casting.value if outcome.casting is not None else None,
        "counts": _counts(tally),
        "by_authority": _by_authority(tally),
        "attendance": _attendance(outcome),
        "minuted_counts": isinstance(tally, MinutedTally),
        "explanation": text,
        "lines": text.splitlines(),
        "citations": citations(text),
        "law": _law(outcome.date, outcome.board.nation),
    }


def _what_if(what_if: WhatIf) -> dict[str, Any]:
    outcome = what_if.outcome
    states = outcome.states()
    board = outcome.board
    text = what_if.explain()
    return {
        "kind": "what_if",
        "board": board.name,
        "status": outcome.status.value,
        "carried": outcome.carried,
        "size": what_if.size,
        "sets": [
            [
                {
                    "member": member,
                    "authority": board.member(member).authority,
                    "from": states[member],
                    "to": after,
                }
                for member, after in changes
            ]
            for changes in what_if.sets
        ],
        "explanation": text,
        "lines": text.splitlines(),
    }


# ---------------------------------------------------------------------------------------------
# Statement
# ---------------------------------------------------------------------------------------------


def _money(amount: Money) -> dict[str, Any]:
    return {"pence": amount.pence, "text": str(amount)}


def _moneys(amounts: Iterable[Money]) -> list[dict[str, Any]]:
    return [_money(m) for m in amounts]


def _statement(statement: Statement) -> dict[str, Any]:
    def position(council: str | None) -> dict[str, Any]:
        payback = statement.payback_year(council)
        return {
            "net": _moneys(statement.net(council)),
            "cumulative": _moneys(statement.cumulative(council)),
            "payback_year": str(payback) if payback is not None else None,
        }

    text = statement.explain()
    return {
        "kind": "statement",
        "parties": list(statement.parties),
        "years": [str(y) for y in statement.years],
        "assume": statement.assume,
        "councils": {
            p: {
                "pays": _moneys(statement.pays[p]),
                "receives": _moneys(statement.receives[p]),
                **position(p),
            }
            for p in statement.parties
        },
        "all": position(None),
        "notes": list(statement.notes),
        "explanation": text,
        "lines": text.splitlines(),
    }


# ---------------------------------------------------------------------------------------------
# PowerIndex
# ---------------------------------------------------------------------------------------------


def _value(value: Fraction | float) -> dict[str, Any]:
    exact = isinstance(value, Fraction)
    return {"value": str(value) if exact else None, "decimal": float(value)}


def _power_index(index: PowerIndex) -> dict[str, Any]:
    absolute = index.absolute_values
    values: dict[str, dict[str, Any]] = {}
    for i, player in enumerate(index.players):
        entry = {"label": index.labels[i], **_value(index.scores[i])}
        entry["swings"] = index.swings[i] if index.swings is not None else None
        entry["absolute"] = _value(absolute[i]) if absolute is not None else None
        values[player] = entry
    text = index.explain()
    return {
        "kind": "power_index",
        "index": index.index,
        "board": index.board,
        "rule": index.rule,
        "by": index.by,
        "method": index.method,
        "exact": index.exact,
        "players": list(index.players),
        "values": values,
        "samples": index.samples,
        "tolerance": index.tolerance,
        "confidence": index.confidence,
        "seed": index.seed,
        "unions": [list(u) for u in index.unions] if index.unions is not None else None,
        "union_names": list(index.union_names) if index.union_names is not None else None,
        "explanation": text,
        "lines": text.splitlines(),
    }


# ---------------------------------------------------------------------------------------------
# Fairness
# ---------------------------------------------------------------------------------------------


def _fraction(value: Fraction) -> str:
    return str(value)


def _fairness(report: Fairness) -> dict[str, Any]:
    game, alloc = report.game, report.allocation
    blocking = report.blocking
    text = report.explain()
    return {
        "kind": "fairness",
        "parties": list(game.parties),
        "total": _money(sum(alloc.values(), Money(0))),
        "joint_cost": _money(game.cost(game.parties)),
        "councils": {
            p: {
                "pays": _money(alloc[p]),
                "alone": _money(game.cost({p})),
                "saves": _money(game.cost({p}) - alloc[p]),
                "shapley_saving_pence": _fraction(report.shapley_savings[p]),
            }
            for p in game.parties
        },
        "stand_alone_ok": report.stand_alone_ok,
        "efficient": report.efficient,
        "in_core": report.in_core,
        "blocking": (
            None
            if blocking is None
            else {
                "coalition": [p for p in game.parties if p in blocking[0]],
                "pays": _money(blocking[1]),
                "alone": _money(blocking[2]),
            }
        ),
        "shapley_split": {p: _money(m) for p, m in report.shapley_split().items()},
        "explanation": text,
        "lines": text.splitlines(),
    }


# ---------------------------------------------------------------------------------------------
# Deadlines and phases, as of a date
# ---------------------------------------------------------------------------------------------


def _day(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _amendment(amendment: Amendment) -> dict[str, Any]:
    return {
        "old": amendment.old.isoformat(),
        "new": amendment.new.isoformat(),
        "decided_on": amendment.decided_on.isoformat(),
        "by": amendment.by,
        "reason": amendment.reason,
        "text": amendment.describe(),
    }


def _by(date: dt.date | None, as_of: dt.date, hindsight: bool) -> str | None:
    """``date`` if it was a fact on ``as_of`` (or ``hindsight`` asks for later facts)."""
    return None if date is None or (date > as_of and not hindsight) else date.isoformat()


def _deadline(deadline: Deadline, as_of: dt.date, hindsight: bool = False) -> dict[str, Any]:
    due = deadline.due_on(as_of=as_of)
    text = deadline.explain(as_of=as_of, since=hindsight)
    known = due is not None or hindsight  # before it was set, not even its first date
    return {
        "kind": "deadline",
        "title": deadline.title,
        "meeting": deadline.meeting,
        "as_of": as_of.isoformat(),
        "hindsight": hindsight,
        "due": _day(due),
        "state": deadline.state(as_of=as_of).value,
        "due_now": deadline.due.isoformat() if hindsight else None,
        "original": deadline.original.isoformat() if known else None,
        "set_on": _by(deadline.set_on, as_of, hindsight),
        "done_on": _by(deadline.done_on, as_of, hindsight),
        "owner": deadline.owner,
        "known": [_amendment(a) for a in deadline.known_on(as_of)],
        "moved_since": (
            [_amendment(a) for a in deadline.moved_since(as_of)] if hindsight else None
        ),
        "explanation": text,
        "lines": text.splitlines(),
    }


def _phase(phase: Phase, as_of: dt.date, hindsight: bool = False) -> dict[str, Any]:
    implement = phase.implement
    return {
        "kind": "phase",
        "name": phase.name,
        "what": phase.what,
        "as_of": as_of.isoformat(),
        "text": phase.describe(as_of=as_of),
        "identify": _deadline(phase.identify, as_of, hindsight),
        "implement": None if implement is None else _deadline(implement, as_of, hindsight),
    }


def _is_set(deadline: Deadline, as_of: dt.date) -> bool:
    return deadline.due_on(as_of=as_of) is not None


def deadlines_as_of(
    *,
    as_of: dt.date,
    phases: Iterable[Phase] = (),
    deadlines: Iterable[Deadline] = (),
    meetings: Iterable[Any] = (),
) -> dict[str, Any]:
    """The ``"deadlines"`` document: what was set by ``as_of``, as it stood that day.

    The one listing behind ``sharegov deadlines --json`` and ``GET /api/deadlines``.
    Nothing decided after ``as_of`` is given: a deadline, phase or meeting action set
    later is left out and only counted in ``not_listed`` (how many, and the first date),
    as the command's "no deadlines or actions set by ..." sentence does; each deadline
    listed is its :func:`to_json` form as of the date (no ``due_now``, no later
    amendments, no later ``done_on``).

    Args:
        as_of: The date to look from (required: nothing is presumed, not even today).
        phases: The phases; a phase is listed once any of its deadlines is set.
        deadlines: The other deadlines.
        meetings: Meetings (:class:`~sharegov.meetings.Meeting`): each action exists from
            the meeting's date, and is a deadline with its owner where the minutes give a
            due date, else listed in ``actions_without_due_date``.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_phases
        >>> phases = bromsgrove_redditch_phases()
        >>> early = deadlines_as_of(as_of=dt.date(2008, 8, 1), phases=phases)
        >>> early["deadlines"], early["not_listed"]
        ([], {'count': 5, 'first': '2008-08-18'})
        >>> late = deadlines_as_of(as_of=dt.date(2008, 9, 2), phases=phases)
        >>> [d["due"] for d in late["deadlines"]][:2], late["not_listed"]["count"]
        (['2008-09-30', '2009-01-31'], 0)
    """
    _check_as_of(as_of, "the deadlines")
    phases, own = tuple(phases), tuple(deadlines)
    actions, undated = actions_of(meetings)
    every = [d for p in phases for d in p.deadlines] + list(own) + actions
    # A deadline with no set_on is known from the start, so one not set has a set_on.
    later = [d.set_on for d in every if d.set_on is not None and not _is_set(d, as_of)]
    later += [on for _, on in undated if on > as_of]
    return {
        "kind": "deadlines",
        "as_of": as_of.isoformat(),
        "phases": [_phase(p, as_of) for p in phases if any(_is_set(d, as_of) for d in p.deadlines)],
        "deadlines": [_deadline(d, as_of) for d in every if _is_set(d, as_of)],
        "actions_without_due_date": [
            {"number": a.number, "text": a.text, "owner": a.owner, "set_on": on.isoformat()}
            for a, on in undated
            if on <= as_of
        ],
        "not_listed": {
            "count": len(later),
            "first": min(later).isoformat() if later else None,
        },
    }


def _check_as_of(as_of: object, what: str) -> dt.date:
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidValue(expected("as_of", f"the date to describe {what} as of", as_of))
    return as_of


# ---------------------------------------------------------------------------------------------
# Withdrawal
# ---------------------------------------------------------------------------------------------


def _withdrawal_impact(impact: WithdrawalImpact) -> dict[str, Any]:
    text = impact.explain()
    return {
        "kind": "withdrawal_impact",
        "council": impact.council,
        "name": impact.names[impact.council],
        "arrangements": list(impact.arrangements),
        "dissolved": list(impact.dissolved),
        "ended": list(impact.ended),
        "provides": list(impact.provides),
        "funds": list(impact.funds),
        "lose_host": list(impact.lose_host),
        "lose_lead": list(impact.lose_lead),
        "dependents": {k: list(v) for k, v in impact.dependents.items()},
        "continuing": list(impact.continuing),
        "isolated": list(impact.isolated),
        "affected": impact.affected,
        "assumed": {ident: list(lines) for ident, lines in impact.assumed.items()},
        "names": dict(impact.names),
        "services": dict(impact.services),
        "explanation": text,
        "lines": text.splitlines(),
    }


def _withdrawal_table(table: WithdrawalTable) -> dict[str, Any]:
    text = table.explain()
    return {
        "kind": "withdrawal_table",
        "rows": table.rows(),
        "explanation": text,
        "lines": text.splitlines(),
    }


# ---------------------------------------------------------------------------------------------
# Who acts
# ---------------------------------------------------------------------------------------------


def _acting(result: WhoActs, acting: Acting) -> dict[str, Any]:
    def name(officer: str | None) -> str | None:
        return None if officer is None else str(result.names.get(officer, officer))

    return {
        "authority": acting.authority,
        "officer": acting.officer,
        "name": name(acting.officer),
        "post_holder_acts": acting.decided_by is None,
        "decided_by": acting.decided_by,
        "decided_by_name": name(acting.decided_by),
        "consult": acting.consult,
        "source": acting.source,
        "chain": [
            {
                "officer": s.officer,
                "name": name(s.officer),
                "how": s.how,
                "conflicted": s.conflicted,
            }
            for s in acting.chain
        ],
    }


def _who_acts(result: WhoActs) -> dict[str, Any]:
    text = result.explain()
    return {
        "kind": "who_acts",
        "post": result.post.id,
        "title": result.post.title,
        "holder": result.post.holder,
        "matter": result.matter,
        "acting": [_acting(result, a) for a in result.acting],
        "conflicts": [
            {
                "officer": c.officer,
                "matter": c.matter,
                "kind": c.kind.value,
                "authorities": list(c.authorities),
                "raised": _day(c.raised),
                "informed": {code: day.isoformat() for code, day in c.informed.items()},
            }
            for c in result.conflicts
        ],
        "not_informed": [
            {"officer": officer, "authority": code} for officer, code in result.not_informed
        ],
        "duty": result.duty,
        "explanation": text,
        "lines": text.splitlines(),
    }


_WRITERS: tuple[tuple[type[Any], Callable[[Any], dict[str, Any]]], ...] = (
    (Outcome, _outcome),
    (WhatIf, _what_if),
    (Statement, _statement),
    (PowerIndex, _power_index),
    (Fairness, _fairness),
    (WithdrawalImpact, _withdrawal_impact),
    (WithdrawalTable, _withdrawal_table),
    (WhoActs, _who_acts),
)
