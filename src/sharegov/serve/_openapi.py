"""The OpenAPI 3.1 document, generated from the JSON Schemas shipped in the package.

Each result schema of :mod:`sharegov.io.results` goes into ``components.schemas`` under
its kind, as shipped: only its ``$id`` and ``$schema`` are dropped and its references
rewritten to point inside the document, so the API and :func:`~sharegov.io.results.to_json`
can never describe different shapes.

Examples:
    >>> doc = document("Bromsgrove and Redditch")
    >>> doc["openapi"], sorted(doc["paths"])[:2]
    ('3.1.0', ['/api', '/api/arrangements'])
    >>> doc["components"]["schemas"]["phase"]["properties"]["identify"]
    {'$ref': '#/components/schemas/deadline'}
"""

from __future__ import annotations

import functools
from typing import Any

from sharegov.io.results import SCHEMAS, schema, schema_id

__all__ = ["document"]

_COMPONENTS = "#/components/schemas/"


def _closed(properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these properties, every one required."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_VOTE = {"enum": ["for", "against", "abstain"]}
_IDS = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
_COUNTS: dict[str, Any] = {
    "type": "object",
    "properties": {k: {"type": "integer", "minimum": 0} for k in ("for", "against", "abstain")},
    "additionalProperties": False,
}
_RECORD_COMMON = {
    "date": {"type": "string", "format": "date"},
    "chair": {"type": "string"},
    "casting": {"enum": ["for", "against"]},
    "motion": {"type": "string"},
}

#: The request and other shapes that are not results of :func:`to_json`.
_EXTRA: dict[str, dict[str, Any]] = {
    "vote_record": {
        "description": "One question's votes and attendance, as sharegov.io.read_vote_record "
        "reads them: votes by name, or counts as minuted.",
        "oneOf": [{"$ref": _COMPONENTS + "named_votes"}, {"$ref": _COMPONENTS + "counts_record"}],
    },
    "named_votes": {
        "type": "object",
        "properties": {
            "votes": {"type": "object", "additionalProperties": _VOTE},
            "present": _IDS,
            "apologies": _IDS,
            "absent": _IDS,
            "excluded": _IDS,
            "unlisted": {"enum": ["present", "absent"]},
            **_RECORD_COMMON,
        },
        "required": ["votes"],
        "additionalProperties": False,
    },
    "counts_record": {
        "type": "object",
        "properties": {
            "counts": _COUNTS,
            "by_authority": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        **_COUNTS["properties"],
                        "present": {"type": "integer", "minimum": 0},
                    },
                    "additionalProperties": False,
                },
            },
            "present": {"type": "integer", "minimum": 0},
            **_RECORD_COMMON,
        },
        "required": ["counts"],
        "additionalProperties": False,
    },
    "popolo_vote_event": {
        "description": "A Popolo vote_event (https://www.popoloproject.com/specs/vote-event.html)"
        ": votes by voter_id, or counts per group.",
        "type": "object",
    },
    "who_acts_request": {
        "type": "object",
        "description": "The shared post, its officers and the matter; schemes and conflicts "
        "default to the arrangement file's delegation_schemes and officer_conflicts.",
        "properties": {
            "post": {"type": "object"},
            "matter": {"type": "string", "minLength": 1},
            "officers": {"type": "array", "items": {"type": "object"}},
            "schemes": {"type": "array", "items": {"type": "object"}},
            "conflicts": {"type": "array", "items": {"type": "object"}},
            "on": {"type": "string", "format": "date"},
            "duty": {"type": "string"},
        },
        "required": ["post", "matter", "officers"],
        "additionalProperties": False,
    },
    "graph": _closed(
        {
            "kind": {"const": "graph"},
            "explanation": {"type": "string"},
            "lines": {"type": "array", "items": {"type": "string"}},
            "withdrawal": {"$ref": _COMPONENTS + "withdrawal_table"},
        }
    ),
    "check": _closed(
        {
            "source": {"type": "string"},
            "ok": {"type": "boolean"},
            "problems": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "array", "items": {"type": "string"}},
            "assumed": {"type": "array", "items": {"type": "string"}},
        }
    ),
    "problem": {
        "description": "RFC 9457 problem details; errors name each field as the request "
        "wrote it ('' for the request as a whole).",
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"field": {"type": "string"}, "detail": {"type": "string"}},
                    "required": ["field", "detail"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["type", "title", "status", "detail", "errors"],
    },
}


def _rewrite(value: Any, name: str) -> Any:
    """``value`` with its references pointing inside the OpenAPI document."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref" and isinstance(item, str):
                out[key] = _target(item, name)
            else:
                out[key] = _rewrite(item, name)
        return out
    if isinstance(value, list):
        return [_rewrite(item, name) for item in value]
    return value


def _target(ref: str, name: str) -> str:
    if ref.startswith("#/"):
        return f"{_COMPONENTS}{name}/{ref[2:]}"
    for other in SCHEMAS:
        if ref == schema_id(other):
            return _COMPONENTS + other
    return ref  # pragma: no cover - every shipped reference is to a shipped schema


def _json(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": _COMPONENTS + ref}}},
    }


def _problems(*statuses: int) -> dict[str, Any]:
    words = {
        400: "a bad query parameter or malformed JSON",
        404: "no such board, council or section in the file",
        413: "a body over 1 MiB",
        415: "a body that is not application/json",
        422: "the body does not fit: each error names its field",
        501: "an optional extra is not installed",
    }
    return {
        str(s): {
            "description": words[s],
            "content": {"application/problem+json": {"schema": {"$ref": _COMPONENTS + "problem"}}},
        }
        for s in statuses
    }


def _param(
    name: str, where: str, schema_: dict[str, Any], *, required: bool = False
) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema_}


_BOARD = _param("board", "path", {"type": "string"})
_BODY_ERRORS = (400, 404, 413, 415, 422)


def _body(ref: str) -> dict[str, Any]:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": _COMPONENTS + ref}}},
    }


def _paths() -> dict[str, Any]:
    obj = {"type": "object"}
    array = {"type": "array", "items": obj}

    def get(summary: str, response: dict[str, Any], *errors: int, **kw: Any) -> dict[str, Any]:
        return {
            "get": {"summary": summary, "responses": {"200": response, **_problems(*errors)}, **kw}
        }

    def post(summary: str, body: str, ref: str, *errors: int, **kw: Any) -> dict[str, Any]:
        return {
            "post": {
                "summary": summary,
                "requestBody": _body(body),
                "responses": {"200": _json(ref, ref), **_problems(*errors)},
                **kw,
            }
        }

    def plain(schema_: dict[str, Any], description: str) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": schema_}}}

    as_of = _param("as_of", "query", {"type": "string", "format": "date"})
    return {
        "/api": get("The arrangement: its name and what it holds", plain(obj, "summary")),
        "/api/authorities": get("The authorities", plain(array, "authorities")),
        "/api/arrangements": get(
            "The service arrangements, as the arrangement file gives them",
            plain(array, "arrangements"),
        ),
        "/api/boards": get("The boards, by id", plain(array, "boards")),
        "/api/boards/{board}": get(
            "One board: seats, rule, quorum, members",
            plain(obj, "board"),
            404,
            parameters=[_BOARD],
        ),
        "/api/boards/{board}/decide": post(
            "Decide a vote record (votes by name, or counts)",
            "vote_record",
            "outcome",
            *_BODY_ERRORS,
            parameters=[_BOARD],
        ),
        "/api/boards/{board}/decide-counts": post(
            "Decide counts as minuted ('carried by 5 votes to 2')",
            "counts_record",
            "outcome",
            *_BODY_ERRORS,
            parameters=[_BOARD],
        ),
        "/api/boards/{board}/decide-popolo": post(
            "Decide a Popolo vote_event under the board's rule",
            "popolo_vote_event",
            "outcome",
            *_BODY_ERRORS,
            parameters=[
                _BOARD,
                _param("source", "query", {"enum": ["auto", "votes", "counts"]}),
                _param("unlisted", "query", {"enum": ["present", "absent"]}),
            ],
        ),
        "/api/boards/{board}/power": get(
            "Voting power under the board's rule (exact where feasible)",
            _json("power_index", "power_index"),
            400,
            404,
            parameters=[
                _BOARD,
                _param("index", "query", {"enum": ["banzhaf", "shapley_shubik"]}),
                _param("by", "query", {"enum": ["member", "authority"]}),
            ],
        ),
        "/api/check": get("What `sharegov check` reports of the file", _json("check", "check")),
        "/api/split": get(
            "Each council's pays, receives and net position by year",
            _json("statement", "statement"),
            400,
            404,
            422,
            parameters=[
                _param("plan", "query", {"type": "string"}),
                _param("years", "query", {"type": "integer", "minimum": 1, "maximum": 50}),
                _param("assume", "query", {"enum": ["prudent", "low", "mid", "high"]}),
            ],
        ),
        "/api/deadlines": get(
            "Phases, deadlines and meeting actions set by a date, as they stood that day",
            _json("deadlines", "deadlines"),
            400,
            parameters=[{**as_of, "required": True}],
        ),
        "/api/graph": get(
            "Partnerships between the councils, and every council's withdrawal impact",
            _json("graph", "graph"),
            400,
            501,
            parameters=[as_of],
        ),
        "/api/graph/withdraw/{council}": get(
            "What breaks if one council leaves",
            _json("withdrawal_impact", "withdrawal_impact"),
            400,
            404,
            501,
            parameters=[_param("council", "path", {"type": "string"}), as_of],
        ),
        "/api/who-acts": post(
            "Who acts when a shared officer is conflicted",
            "who_acts_request",
            "who_acts",
            400,
            413,
            415,
            422,
        ),
    }


@functools.cache
def _components() -> dict[str, Any]:
    shipped = {name: _rewrite(schema(name), name) for name in SCHEMAS}
    return {**shipped, **_EXTRA}


def document(title: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API serving the arrangement ``title``."""
    import copy

    from sharegov import __version__

    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": f"sharegov: {title}",
            "version": __version__,
            "description": "Governance rules of a shared-service arrangement, as JSON. "
            "Errors are application/problem+json (RFC 9457).",
        },
        "paths": _paths(),
        "components": {"schemas": copy.deepcopy(_components())},
    }
