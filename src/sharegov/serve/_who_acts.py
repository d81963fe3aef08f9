"""Reading a who-acts request: the shared post, its officers and the matter, from JSON.

The delegation schemes and officer conflicts default to those in the arrangement file;
the post and officers are given in the request, in the shapes the file format uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from sharegov.conflicts import DelegationScheme, OfficerConflict, WhoActs, who_acts
from sharegov.errors import InvalidValue, expected
from sharegov.io.files import Arrangement
from sharegov.parties import Officer, Post

__all__ = ["FIELDS", "who_acts_from"]

#: The fields of a who-acts request.
FIELDS = ("post", "matter", "officers", "schemes", "conflicts", "on", "duty")


class _Problems(InvalidValue):
    """Every problem found in the request, one per line, each with its path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def who_acts_from(data: Mapping[str, Any], arrangement: Arrangement) -> WhoActs:
    """Who acts, for the request ``data`` under ``arrangement``.

    Raises:
        InvalidValue: A field unknown, missing or malformed; each problem names its path.
        UnknownId: An officer or authority the request names that is not known.

    Examples:
        >>> from sharegov.reference import bromsgrove_redditch_arrangement
        >>> request = {"post": {"id": "jce", "title": "Acting Joint Chief Executive",
        ...                     "authorities": ["BDC", "RBC"], "holder": "dicks"},
        ...            "matter": "depot", "officers": [{"id": "dicks", "name": "Kevin Dicks",
        ...                                             "employer": "BDC"}]}
        >>> who_acts_from(request, bromsgrove_redditch_arrangement()).officer("RBC")
        'dicks'
    """
    from sharegov.io.files import _build, _converter

    unknown = sorted(k for k in data if k not in FIELDS)
    if unknown:
        raise InvalidValue(expected(unknown[0], f"one of the fields {list(FIELDS)}", unknown[0]))
    conv = _converter()
    problems: list[str] = []

    def read(field: str, kind: Any, default: Any, what: str) -> Any:
        if field not in data:
            if default is _REQUIRED:
                problems.append(f"{field}: required field missing")
            return default
        value = data[field]
        shape = Mapping if kind is Post else list
        if not isinstance(value, shape):
            problems.append(expected(field, what, value))
            return None
        return _build(problems, field, lambda: conv.structure(value, kind))

    post = read("post", Post, _REQUIRED, "the shared post, an object")
    officers = read("officers", tuple[Officer, ...], _REQUIRED, "a list of officers")
    schemes = read(
        "schemes",
        tuple[DelegationScheme, ...],
        arrangement.delegation_schemes,
        "a list of delegation schemes",
    )
    conflicts = read(
        "conflicts",
        tuple[OfficerConflict, ...],
        arrangement.officer_conflicts,
        "a list of officer conflicts",
    )
    matter = data.get("matter")
    if not isinstance(matter, str) or not matter.strip():
        problems.append(expected("matter", "the matter, in words", matter))
    on = data.get("on")
    if on is not None:
        try:
            on = dt.date.fromisoformat(on) if isinstance(on, str) else _bad_date(on)
        except ValueError:
            problems.append(expected("on", "a date as YYYY-MM-DD", data.get("on")))
            on = None
    duty = data.get("duty")
    if duty is not None and not isinstance(duty, str):
        problems.append(expected("duty", "text", duty))
    if problems:
        raise _Problems(problems)
    return who_acts(
        post,
        cast(str, matter),  # checked above
        officers=officers,
        schemes=schemes,
        conflicts=conflicts,
        on=on,
        duty=duty,
    )


_REQUIRED: Any = object()


def _bad_date(value: Any) -> dt.date:
    raise ValueError(value)
