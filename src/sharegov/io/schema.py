"""The JSON Schema of arrangement files, generated from the domain classes.

The schema is generated, not written by hand, so it cannot drift from the classes: a
test compares :func:`generate` with the copy committed at
``docs/arrangement.schema.json``. :func:`validate` checks plain data against it and
returns every problem as one line, ``path: expected WHAT, got VALUE``.

Examples:
    >>> problems = validate({"name": "X", "boards": {"b": {"name": "B", "authorities": ["A"],
    ...     "seats": {"A": -1}, "members": [], "rule": {"type": "Majority"}}}})
    >>> problems
    ['boards.b.seats.A: expected a positive integer, got -1']
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from sharegov._frozen import FrozenMap
from sharegov._optional import require
from sharegov._validate import UNSAFE_CHARS
from sharegov.agreements import (
    ExitStrategy,
    ScrutinyArrangement,
    Secondment,
    ServiceLevelAgreement,
    StatutoryDuty,
)
from sharegov.apportion import Apportionment
from sharegov.boards import Board, ElectedChair, FixedChair, HostLeaderChairs, Membership
from sharegov.concordat import _VERSIONED, Concordat, ServiceArrangement, Variation
from sharegov.conflicts import (
    DelegationScheme,
    Dispensation,
    InterestOrders,
    OfficerConflict,
    Register,
)
from sharegov.costs import CostPlan, Pot, SplitRule
from sharegov.decisions import Recommendation
from sharegov.errors import shown
from sharegov.meetings import Meeting, MeetingPlan
from sharegov.money import FinancialYear, Money, MoneyRange
from sharegov.parties import Authority, Body, Member, Officer, Post
from sharegov.rules import (
    AllOf,
    AnyOf,
    AtLeast,
    Consensus,
    DoubleMajority,
    EachAuthority,
    FirstOf,
    Majority,
    Quorum,
    Rule,
    Unanimity,
    Vote,
    Weighted,
)
from sharegov.timeline import Deadline, Phase

__all__ = ["RULE_TYPES", "SCHEMA_ID", "generate", "validate"]

SCHEMA_ID = "https://sharegov.readthedocs.io/schema/arrangement.schema.json"

_FRACTION = {
    "description": "a whole number or a fraction such as '2/3'",
    "oneOf": [{"type": "integer"}, {"type": "string", "pattern": r"^-?\d+(/\d+)?$"}],
}
_DATE = {"description": "a date as YYYY-MM-DD", "type": "string", "format": "date"}
# Not r"^\S+$": Python's "$" also matches before a final newline. The lookahead is the end
# of the text in both Python and ECMA-262; control and bidirectional characters are refused.
_ID_CHARS = rf"[^\s{UNSAFE_CHARS}]"
_ID = {
    "description": "an identifier without spaces, control or bidirectional characters",
    "type": "string",
    "pattern": rf"^{_ID_CHARS}+(?![\s\S])",
}
_TEXT = {"description": "a non-blank string", "type": "string", "pattern": r"\S"}
_POSITIVE = {"description": "a positive integer", "type": "integer", "minimum": 1}
_MONEY = {
    "description": "an amount such as '£40,000', or a range such as '£30k to £40k'",
    "type": ["string", "integer"],
}
_YEAR = {"description": "a financial year such as '2008/09'", "type": ["string", "integer"]}
_ID_FIELDS = {
    "id",
    "code",
    "authority",
    "host",
    "lead",
    "provider",
    "member",
    "officer",
    "monitoring_officer",
    "alternate",
    "chair",
}
_UNIT = r"-?\d+\s+(year|month|week|day)s?"
_PERIOD = {
    "description": "a period such as '12 months' or '1 year 6 months', or {years, months, days}",
    "oneOf": [
        {"type": "string", "pattern": rf"^\s*{_UNIT}(\s*,?\s*(and\s+)?{_UNIT})*\s*$"},
        {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                unit: {"type": "integer"} for unit in ("years", "months", "weeks", "days")
            },
        },
    ],
}
_TIME = {"description": "a time as HH:MM", "type": "string", "pattern": r"^\d\d:\d\d(:\d\d)?$"}
_VOTE = {"description": "a vote", "enum": [v.value for v in Vote]}


def _type_schema(hint: Any, name: str) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            schema = _type_schema(inner[0], name)
        elif set(inner) == {Money, MoneyRange}:
            schema = dict(_MONEY)
        elif set(inner) == {Vote, str}:
            schema = dict(_VOTE)
        elif set(inner) == {dt.date, FinancialYear}:
            schema = {"description": "a date or a financial year", "type": ["string", "integer"]}
        else:
            schema = {}
        if type(None) in args:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (tuple, frozenset, set, list):
        return {"type": "array", "items": _type_schema(args[0], name) if args else {}}
    if origin in (FrozenMap, dict, Mapping) or hint is FrozenMap:
        value = _type_schema(args[1], name) if len(args) == 2 else {}
        return {"type": "object", "additionalProperties": value}
    if hint is str:
        return (
            dict(_ID)
            if name in _ID_FIELDS
            else dict(_TEXT)
            if name in {"name", "title", "service"}
            else {"type": "string"}
        )
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"description": "a whole number >= 0", "type": "integer", "minimum": 0}
    if hint is Fraction:
        return dict(_FRACTION)
    if hint is dt.date:
        return dict(_DATE)
    if hint is dt.time:
        return dict(_TIME)
    if hint is relativedelta:
        return dict(_PERIOD)
    if hint is Authority:
        return {**_ID, "description": "the code of an authority listed in the file"}
    if hint is Board:
        return {
            "description": "the id of a board in the file, or a board in full",
            "oneOf": [dict(_ID), {"$ref": "#/$defs/board"}],
        }
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value for m in hint]}
    if isinstance(hint, type) and issubclass(hint, Rule):
        return {"$ref": "#/$defs/rule"}
    if hint in (Money, MoneyRange):
        return dict(_MONEY)
    if hint is FinancialYear:
        return dict(_YEAR)
    if isinstance(hint, type) and issubclass(hint, SplitRule):
        return {
            "description": "a split rule, tagged by its type",
            "type": "object",
            "required": ["type"],
        }
    if isinstance(hint, type) and attrs.has(hint):
        return _object(hint)
    return {}


_HINTS: dict[type[Any], Mapping[str, Any]] = {}


def _hints(cls: type[Any]) -> Mapping[str, Any]:
    """``typing.get_type_hints(cls)``, worked out once per class (read only)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS.setdefault(cls, types.MappingProxyType(typing.get_type_hints(cls)))
    return hints


def _object(
    cls: type[Any], *, skip: tuple[str, ...] = (), extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    hints = _hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if not field.init or field.name in skip:
            continue
        properties[field.name] = _type_schema(hints[field.name], field.name)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    properties.update(extra or {})
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def _tagged(
    name: str, cls: type[Any], properties: dict[str, Any], required: list[str]
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {"type": {"const": name}, **properties},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = ["type", *required]
    return schema


RULE_TYPES: dict[str, type[Rule]] = {
    cls.__name__: cls
    for cls in (
        Consensus,
        Unanimity,
        Majority,
        AtLeast,
        EachAuthority,
        Weighted,
        DoubleMajority,
        Quorum,
        FirstOf,
        AllOf,
        AnyOf,
    )
}
"""Every rule class a file may name, by its ``type``: the one list the schema and the loader
(:mod:`sharegov.io.files`) share."""

_COMBINATORS: tuple[type[Rule], ...] = (FirstOf, AllOf, AnyOf)


def _rule_defs() -> dict[str, Any]:
    ref = {"$ref": "#/$defs/rule"}
    rules = {"type": "array", "minItems": 1, "items": ref}
    defs: dict[str, Any] = {}
    for cls in RULE_TYPES.values():
        if cls in _COMBINATORS or cls is EachAuthority:
            continue  # below: they hold other rules
        body = _object(cls)
        if cls is AtLeast:
            body["properties"]["n"] = dict(_POSITIVE)
        if cls is Weighted:
            body["properties"]["weights"] = {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": dict(_FRACTION),
            }
        if cls is Quorum:
            for key in ("at_least", "each_authority"):
                body["properties"][key] = dict(_POSITIVE)
        defs[cls.__name__] = _tagged(
            cls.__name__, cls, body["properties"], body.get("required", [])
        )
    for combinator in _COMBINATORS:
        defs[combinator.__name__] = _tagged(
            combinator.__name__, combinator, {"rules": rules}, ["rules"]
        )
    defs["EachAuthority"] = {
        **_tagged(
            "EachAuthority",
            EachAuthority,
            {"at_least": dict(_POSITIVE), "rule": ref, "casting_within": {"type": "boolean"}},
            [],
        ),
        "oneOf": [{"required": ["at_least"]}, {"required": ["rule"]}],
    }
    names = sorted(defs)
    defs["rule"] = {
        "description": "a voting or quorum rule, tagged by its type",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": names}},
        "allOf": [
            {"if": {"properties": {"type": {"const": n}}}, "then": {"$ref": f"#/$defs/{n}"}}
            for n in names
        ],
    }
    return defs


def _chair_rule() -> dict[str, Any]:
    bodies = {cls.__name__: _object(cls) for cls in (HostLeaderChairs, FixedChair, ElectedChair)}
    variants = {name: body["properties"] for name, body in bodies.items()}
    required = {name: body.get("required", []) for name, body in bodies.items()}
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": sorted(variants)}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": name}}},
                "then": _tagged(name, type(None), props, required.get(name, [])),
            }
            for name, props in variants.items()
        ],
    }


def _concordat() -> dict[str, Any]:
    """The first version in full; each variation lists only the fields it changed
    (``false`` for a board or term it removed)."""
    concordat = _object(Concordat, skip=("version", "previous"))
    changes = {}
    for name, schema in concordat["properties"].items():
        if name in _VERSIONED:
            continue
        changes[name] = (
            {"anyOf": [*schema["anyOf"][:-1], {"const": False}]} if "anyOf" in schema else schema
        )
    variation = _object(Variation)
    variation["properties"]["version"] = {
        "description": "an integer >= 2 (one more than the version before)",
        "type": "integer",
        "minimum": 2,
    }
    variation["properties"]["changes"] = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": changes,
    }
    concordat["properties"]["variations"] = {"type": "array", "items": variation}
    return concordat


def _minuted_counts(*, present: bool = False) -> dict[str, Any]:
    keys = [v.value for v in Vote] + (["present"] if present else [])
    whole = {"description": "a whole number >= 0", "type": "integer", "minimum": 0}
    return {
        "description": f"counts as minuted: {', '.join(keys)} to a number",
        "type": "object",
        "additionalProperties": False,
        "properties": {key: dict(whole) for key in keys},
    }


def _meeting() -> dict[str, Any]:
    """A meeting record; an item may give the counts as minuted instead of votes by name."""
    meeting = _object(Meeting)
    item = meeting["properties"]["items"]["items"]["properties"]
    item["counts"] = {"anyOf": [_minuted_counts(), {"type": "null"}]}
    item["by_authority"] = {
        "anyOf": [
            {
                "description": "authority code to that authority's counts as minuted",
                "type": "object",
                "additionalProperties": _minuted_counts(present=True),
            },
            {"type": "null"},
        ]
    }
    return meeting


def _assumption() -> dict[str, Any]:
    """A fact the paper does not give, by its path in the file (see ``io.files``)."""
    return {
        "type": "object",
        "required": ["path", "note"],
        "additionalProperties": False,
        "properties": {
            "path": {**_ID, "description": "a path in the file, such as 'boards.b.rule'"},
            "note": dict(_TEXT),
        },
    }


def generate() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of arrangement files."""
    membership = _object(Membership)
    membership["properties"]["member"] = {
        "description": "a member id from the board's members, or a member in full",
        "oneOf": [dict(_ID), _object(Member)],
    }
    board = {
        "type": "object",
        "required": ["name", "authorities", "seats", "members"],
        "additionalProperties": False,
        "properties": {
            "name": dict(_TEXT),
            "authorities": {"type": "array", "minItems": 1, "items": dict(_ID)},
            "seats": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": dict(_POSITIVE),
            },
            "members": {"type": "array", "items": _object(Member)},
            "rule": {"$ref": "#/$defs/rule"},
            "quorum": {"$ref": "#/$defs/rule"},
            "casting_vote": {"type": "boolean"},
            "advisory": {"type": "boolean"},
            "substitutes_allowed": {"type": "boolean"},
            "chair_rule": _chair_rule(),
            "memberships": {"type": "array", "items": membership},
            "interest_orders": _object(InterestOrders),
        },
    }
    authority = _object(Authority)
    authority["properties"]["gss"] = {
        "anyOf": [
            {
                "description": "a GSS code such as 'E07000234'",
                "type": "string",
                "pattern": r"^[EWSNK]\d{8}$",
            },
            {"type": "null"},
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sharegov arrangement",
        "description": "Authorities, their boards, the service arrangements and concordat "
        "between them, interests and delegation schemes, and meetings.",
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": dict(_TEXT),
            "description": {"type": "string"},
            "authorities": {"type": "array", "items": authority},
            "boards": {"type": "object", "additionalProperties": {"$ref": "#/$defs/board"}},
            "arrangements": {"type": "array", "items": _object(ServiceArrangement)},
            # Part A of issue 14: bodies, officers, posts and agreements.
            **{
                name: {"type": "array", "items": _object(cls)}
                for name, cls in (
                    ("bodies", Body),
                    ("officers", Officer),
                    ("posts", Post),
                    ("secondments", Secondment),
                    ("service_levels", ServiceLevelAgreement),
                    ("exit_strategies", ExitStrategy),
                    ("scrutiny", ScrutinyArrangement),
                    ("statutory_duties", StatutoryDuty),
                )
            },
            "phases": {"type": "array", "items": _object(Phase)},
            "deadlines": {"type": "array", "items": _object(Deadline)},
            "costs": _object(CostPlan),
            "concordat": _concordat(),
            "registers": {"type": "array", "items": _object(Register)},
            "dispensations": {"type": "array", "items": _object(Dispensation)},
            "delegation_schemes": {"type": "array", "items": _object(DelegationScheme)},
            "officer_conflicts": {"type": "array", "items": _object(OfficerConflict)},
            "meeting_plans": {"type": "array", "items": _object(MeetingPlan)},
            "meetings": {"type": "array", "items": _meeting()},
            "cost_plans": {"type": "object", "additionalProperties": _object(CostPlan)},
            "pots": {"type": "array", "items": _object(Pot)},
            "recommendations": {
                "type": "array",
                "items": _object(Recommendation, skip=("outcome",)),
            },
            "assumptions": {"type": "array", "items": _assumption()},
            "apportionments": {"type": "array", "items": _object(Apportionment)},
        },
        "$defs": {"board": board, **_rule_defs()},
    }


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _normalise(value: Any) -> Any:
    """Dates (as TOML and YAML give them) to ISO strings, so the schema sees text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _message(error: Any) -> tuple[str, str]:
    """(path, text) for one jsonschema error, in sharegov's ``expected ..., got ...`` form."""
    path = _path(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    kind = error.validator
    got = error.instance
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return path, f"missing required field {missing!r}"
    if kind == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = sorted(k for k in got if k not in allowed) if isinstance(got, Mapping) else []
        return (
            path,
            f"unexpected field{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}",
        )
    if kind in ("enum", "const"):
        values = error.validator_value if kind == "enum" else [error.validator_value]
        return path, f"expected one of {values}, got {shown(got)}"
    what = schema.get("description")
    if what is None and kind in ("anyOf", "oneOf"):
        branches = [b for b in error.validator_value if isinstance(b, Mapping)]
        what = next((b["description"] for b in branches if "description" in b), None)
    if what is None:
        what = {
            "type": _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value)),
            "minItems": "a non-empty list",
            "minProperties": "a non-empty table",
            "oneOf": "exactly one of the allowed forms",
        }.get(kind, error.message)
    return path, f"expected {what}, got {shown(got)}"


#: JSON Schema's type names in the words of a file's author (TOML's and YAML's too).
_TYPE_WORDS = {
    "array": "a list",
    "object": "a table",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@functools.cache
def _validator() -> Any:
    """The validator, built once per process: jsonschema validators are immutable, and the
    schema it holds is this module's own, so threads share it."""
    jsonschema = require("jsonschema", "io")
    return jsonschema.Draft202012Validator(generate())


def validate(data: Any) -> list[str]:
    """Every problem with ``data`` against the schema, one line each, sorted by path."""
    lines = set()
    for error in _validator().iter_errors(_normalise(data)):
        leaves = _leaves(error)
        for leaf in leaves:
            path, text = _message(leaf)
            lines.add(f"{path}: {text}" if path else text)
    return sorted(lines)


def _leaves(error: Any) -> list[Any]:
    """The most specific errors under ``error`` (if/then and oneOf wrap the useful ones)."""
    if error.validator in ("allOf", "if", "then", "$ref") and error.context:
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    if (
        error.validator == "anyOf"
        and {"type": "null"} in error.validator_value
        and error.instance is not None
        and error.context
    ):
        # An optional value that is present: report what is wrong with it, not "not null".
        given = [sub for sub in error.context if sub.schema != {"type": "null"}]
        return [leaf for sub in given for leaf in _leaves(sub)]
    return [error]


def main() -> None:
    """Print the schema: ``python -m sharegov.io.schema > docs/arrangement.schema.json``."""
    import json
    import sys

    sys.stdout.write(json.dumps(generate(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
