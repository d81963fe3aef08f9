"""Results as JSON: plain data for apps, each form with a JSON Schema shipped in the package.

:func:`to_json` turns a result into plain JSON-compatible data (``str``, ``int``, ``bool``,
``float``, ``None``, lists and dicts), so ``json.dumps(to_json(result))`` always works.
:func:`schema` gives the JSON Schema (draft 2020-12) each form is tested against.

Numbers stay exact: money is integer pence with a display string, and power indices are
``Fraction`` strings (``"1/6"``) with a float beside them for display only.

Every document carries ``"kind"``: ``"outcome"``, ``"statement"``, ``"power_index"`` or
``"what_if"``, which is also the name of its schema.

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

import functools
import json
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from importlib import resources
from typing import Any

from sharegov.boards import Outcome, WhatIf
from sharegov.costs import Statement
from sharegov.errors import InvalidValue, UnknownId, expected
from sharegov.money import Money
from sharegov.power import PowerIndex
from sharegov.rules import MinutedTally, MissingCount, Tally, Vote

__all__ = ["SCHEMAS", "citations", "schema", "to_json"]

#: The names of the schemas shipped, one per form :func:`to_json` writes.
SCHEMAS: tuple[str, ...] = ("outcome", "power_index", "statement", "what_if")

# A provision as sharegov's explanations cite it: the Act, then a schedule paragraph or a
# section ("LGA 1972 Sch 12 para 39(2)", "Localism Act 2011 s.31(4)", "... ss.30-34").
_ACT = r"(?:LGA \d{4}|(?:[A-Z][a-z]+ )+(?:and [A-Z][a-z]+ )?Act \d{4})"
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


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one form :func:`to_json` writes; a fresh copy.

    Args:
        name: One of :data:`SCHEMAS`, the ``"kind"`` of a document.

    Raises:
        UnknownId: ``name`` is not one of :data:`SCHEMAS`.

    Examples:
        >>> schema("statement")["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema("ballot")
        Traceback (most recent call last):
        ...
        sharegov.errors.UnknownId: schema: expected one of 'outcome', 'power_index', \
'statement', 'what_if', got 'ballot'
    """
    if name not in SCHEMAS:
        message = expected("schema", "one of " + ", ".join(map(repr, SCHEMAS)), name)
        raise UnknownId(message)
    loaded: dict[str, Any] = json.loads(_schema_text(name))
    return loaded


def to_json(result: object) -> dict[str, Any]:
    """``result`` as plain JSON-compatible data, in the form its schema describes.

    Args:
        result: An :class:`~sharegov.boards.Outcome`, :class:`~sharegov.boards.WhatIf`,
            :class:`~sharegov.costs.Statement` or :class:`~sharegov.power.PowerIndex`.

    Raises:
        InvalidValue: ``result`` is of any other type; the message names it.

    Examples:
        >>> to_json(42)
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: result: expected an Outcome, WhatIf, Statement or \
PowerIndex, got an object of type int
    """
    for cls, writer in _WRITERS:
        if isinstance(result, cls):
            return writer(result)
    message = (
        "result: expected an Outcome, WhatIf, Statement or PowerIndex, "
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
    return {
        "present": tally.counts.present,
        "present_not_voting": _ids(tally, tally.not_voting - assumed),
        "apologies": _ids(tally, outcome.apologies),
        "absent": _ids(tally, tally.absent - outcome.apologies - assumed),
        "excluded": _ids(tally, tally.excluded),
        "assumed": _ids(tally, assumed),
        "unlisted": outcome.unlisted,
    }


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


_WRITERS: tuple[tuple[type[Any], Callable[[Any], dict[str, Any]]], ...] = (
    (Outcome, _outcome),
    (WhatIf, _what_if),
    (Statement, _statement),
    (PowerIndex, _power_index),
)
