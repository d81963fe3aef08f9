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

from sharegov.errors import MissingExtra, SharegovError, UnknownId

__all__ = ["MAX_BODY", "PROBLEM_JSON", "Problem", "from_error", "read_json"]

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
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.errors = (
            errors if errors is not None else [split(line) for line in detail.splitlines()]
        )

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


def from_error(exc: SharegovError, *, status: int = 422) -> Problem:
    """The problem for a sharegov error raised while answering a request.

    ``status`` is for bad content (422 by default, a limit passed included: its kind is
    ``limit-exceeded``); a missing extra is 501. A body too large is 413 before it is read
    (see :func:`read_json`). A path parameter that names nothing is the caller's to map to 404.
    """
    if isinstance(exc, MissingExtra):
        status = 501
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list) and problems:
        errors = [split(str(p)) for p in problems]
        detail = "\n".join(str(p) for p in problems)
        return Problem(status, _kind(exc), detail, errors)
    return Problem(status, _kind(exc), str(exc) or type(exc).__name__)


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
