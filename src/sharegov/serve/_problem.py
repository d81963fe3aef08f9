"""Errors as RFC 9457 ``application/problem+json``, and request bodies read within limits.

Every refusal names the field as the request wrote it (``votes.smith``,
``votes[2].voter_id``), in an ``errors`` list beside the RFC's ``type``, ``title``,
``status`` and ``detail``. No traceback ever reaches the client.

Examples:
    >>> from sharegov.errors import InvalidVote
    >>> problem = from_error(InvalidVote("body: votes.smith: expected 'for', got 'yes'"))
    >>> problem.status, problem.document()["errors"]
    (422, [{'field': 'votes.smith', 'detail': "expected 'for', got 'yes'"}])
"""

from __future__ import annotations

import json
import re
from typing import Any

from sharegov.errors import MAX_SHOWN, MissingExtra, SharegovError, UnknownId

__all__ = ["MAX_BODY", "MAX_SHOWN", "PROBLEM_JSON", "Problem", "brief", "from_error", "read_json"]

#: Request bodies larger than this many bytes are refused with 413.
MAX_BODY = 1024 * 1024
#: The media type of every error the API returns.
PROBLEM_JSON = "application/problem+json"
#: Where the request body is named in messages; stripped from the field paths reported.
BODY = "body"

_TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    501: "Not Implemented",
}
_FIELD = re.compile(r"[^\s:'\"]+")

# A quoted value as messages show text ('...' or "...", with backslash escapes), opening
# where a value starts (not an apostrophe inside a word); a run of digits; any other run of
# characters with no space. Each alternative is a plain loop over disjoint classes: linear.
_LONG = f"{{{MAX_SHOWN + 1},}}"
_VALUE = re.compile(
    rf"(?<![\w'\"])(?P<quoted>'(?:[^'\\\n]|\\.){_LONG}'|\"(?:[^\"\\\n]|\\.){_LONG}\")"
    r"|(?P<digits>\d{31,})"
    rf"|(?P<run>[^\s:'\"]{{{3 * MAX_SHOWN + 1},}})"
)


def brief(text: str) -> str:
    """``text`` with every over-long value cut short, saying how long it was: a quoted
    value past :data:`MAX_SHOWN` characters, a number past 30 digits, any other run of
    characters past three times that. A message names the field and what was expected; it
    never echoes hundreds of digits or a 5,000-character string back in full.

    Examples:
        >>> brief("present: expected a whole number of at most 1,000,000, got " + "1" + "0" * 400)
        'present: expected a whole number of at most 1,000,000, got 1000…0 (401 digits)'
        >>> brief("as_of: got '" + "9" * 5000 + "'")
        "as_of: got '99999999999999999999999999999999999999999999999999…' (5,000 characters)"
        >>> brief("the board's seats: expected a positive integer, got -1")
        "the board's seats: expected a positive integer, got -1"
    """

    def short(match: re.Match[str]) -> str:
        value = match.group(0)
        if match.group("quoted") is not None:
            inside = value[1:-1]
            return f"{value[0]}{inside[: MAX_SHOWN // 2]}…{value[0]} ({len(inside):,} characters)"
        if match.group("digits") is not None:
            return f"{value[:4]}…{value[-1]} ({len(value):,} digits)"
        return f"{value[: MAX_SHOWN // 2]}… ({len(value):,} characters)"

    return _VALUE.sub(short, text)  # one pass: what it writes is never cut again


class Problem(Exception):
    """An error response: ``status``, a short ``kind`` (the ``type`` URI's last part), a
    ``detail`` for people, and ``errors``, each a field path with what is wrong there."""

    def __init__(
        self,
        status: int,
        kind: str,
        detail: str,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        # Every message passes here: no value is echoed back at length, in the detail, a
        # field path (cut short: it stays one word) or an error's own detail.
        found = errors if errors is not None else [split(line) for line in detail.splitlines()]
        detail = brief(detail)
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.errors = [
            {k: _cut(v) if k == "field" else brief(v) for k, v in e.items()} for e in found
        ]

    def document(self, instance: str | None = None) -> dict[str, Any]:
        """The problem as RFC 9457 JSON; ``instance`` is the request's path, if given."""
        out: dict[str, Any] = {
            "type": f"urn:sharegov:problem:{self.kind}",
            "title": _TITLES.get(self.status, "Error"),
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }
        if instance is not None:
            out["instance"] = instance
        return out


def _cut(field: str) -> str:
    """A field path past three times :data:`MAX_SHOWN` characters, cut short to one word."""
    return field if len(field) <= 3 * MAX_SHOWN else f"{field[: MAX_SHOWN // 2]}…"


def split(line: str) -> dict[str, str]:
    """One message as ``{"field": path, "detail": the rest}``; ``""`` for the whole body.

    Examples:
        >>> split("body: votes[2].voter_id: expected a member id, got 3")
        {'field': 'votes[2].voter_id', 'detail': 'expected a member id, got 3'}
        >>> split("give either votes or counts")
        {'field': '', 'detail': 'give either votes or counts'}
    """
    text = line.strip()
    if text == BODY or text.startswith((f"{BODY}: ", f"{BODY}.")):
        text = text[len(BODY) :].lstrip(".: ")
    head, sep, rest = text.partition(": ")
    if sep and _FIELD.fullmatch(head):
        return {"field": head, "detail": rest}
    return {"field": "", "detail": text}


def _kind(exc: BaseException) -> str:
    """``InvalidVote`` as ``invalid-vote`` (a private class by its public base)."""
    name = next(c.__name__ for c in type(exc).__mro__ if not c.__name__.startswith("_"))
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def from_error(exc: SharegovError, *, status: int = 422, within: str | None = None) -> Problem:
    """The problem for a sharegov error raised while answering a request.

    ``status`` is for bad content (422 by default, a limit passed included: its kind is
    ``limit-exceeded``); a missing extra is 501. A body too large is 413 before it is read
    (see :func:`read_json`). A path parameter that names nothing is the caller's to map to 404.
    ``within`` (say :data:`BODY`) names where the error's fields are, for an error raised
    by code that did not know (deciding a record read from the body): each line of the
    detail that does not already start with it gets it, as the reader's own errors have.

    Examples:
        >>> from sharegov.errors import InvalidVote
        >>> from_error(InvalidVote("votes.zz: expected ids of members"), within=BODY).detail
        'body: votes.zz: expected ids of members'
    """
    if isinstance(exc, MissingExtra):
        status = 501
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list) and problems:
        lines = [str(p) for p in problems]
    else:
        lines = (str(exc) or type(exc).__name__).splitlines() or [type(exc).__name__]
    if within is not None:
        lines = [
            line
            if line == within or line.startswith((f"{within}: ", f"{within}."))
            else f"{within}: {line}"
            for line in lines
        ]
    return Problem(status, _kind(exc), "\n".join(lines), [split(line) for line in lines])


def not_found(exc: UnknownId, field: str) -> Problem:
    """A path parameter that names nothing in the file: 404, naming the parameter."""
    detail = str(exc)
    message = detail.partition(": ")[2] if ": " in detail else detail
    return Problem(404, "unknown-id", detail, [{"field": field, "detail": message}])


async def read_json(request: Any) -> Any:
    """The request's JSON body: refused by name if it is not JSON (415), larger than
    :data:`MAX_BODY` (413), malformed (400), or nested past the file limits (422)."""
    from sharegov.io._guard import check_data, parse_json

    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise Problem(
            415,
            "unsupported-media-type",
            f"content-type: expected application/json, got {media or 'none'!r}",
        )
    declared = request.headers.get("content-length")
    if (
        declared is not None
        and declared.isascii()
        and declared.isdigit()
        and (len(declared) > 9 or int(declared) > MAX_BODY)
    ):
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _too_large()
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        detail = f"body: expected UTF-8 text, got a byte that is not at offset {exc.start}"
        raise Problem(400, "malformed-json", detail) from None
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        detail = f"body: expected JSON, got {exc.msg} at line {exc.lineno} column {exc.colno}"
        raise Problem(400, "malformed-json", detail) from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise Problem(400, "malformed-json", f"body: expected JSON, got {exc}") from None
    except RecursionError:
        raise Problem(422, "limit-exceeded", "body: nested too deep to read") from None
    try:
        check_data(data, BODY)
    except SharegovError as exc:  # past a limit, or a key given twice
        raise from_error(exc) from None
    return data


def _too_large() -> Problem:
    return Problem(413, "content-too-large", f"body: bodies over {MAX_BODY:,} bytes are refused")
