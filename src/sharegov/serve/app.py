"""The application factory: one arrangement, the API routes and the officer's page.

Examples:
    >>> from sharegov.io import load
    >>> from sharegov.serve import create_app
    >>> app = create_app(load("examples/bromsgrove_redditch.toml"))
    >>> type(app).__name__
    'Starlette'

Errors on the API's paths (``/api/...``, ``/openapi.json``) are
``application/problem+json`` (RFC 9457); elsewhere Starlette's plain responses stand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from sharegov._optional import require

if TYPE_CHECKING:
    from sharegov.io.files import Arrangement

__all__ = ["Service", "create_app"]


T = TypeVar("T")


@attrs.frozen
class Service:
    """What every route of one running service shares.

    The arrangement is immutable, so what depends only on it (the check's findings, the
    partnership graph, the OpenAPI document, the cost statement) is built once, on first
    use, by :meth:`once`, and shared by every later request.

    Args:
        arrangement: The arrangement the service answers for.
        source: Where it came from, as the user wrote it (a path), for messages.
    """

    arrangement: Arrangement
    source: str = attrs.field(default="<arrangement>", kw_only=True)
    _built: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    # Reentrant: one build may ask for another.
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False, repr=False, eq=False)

    def once(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` the first time ``key`` is asked for, and the same value after.

        ``build`` must depend only on the arrangement (never on a request), and the
        caller must not change what it returns. Requests in threads that ask at once
        wait for the one build. An error is not kept: the next request tries again.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_arrangement
            >>> service = Service(bromsgrove_redditch_arrangement())
            >>> calls = []
            >>> service.once("n", lambda: calls.append(1) or len(calls))
            1
            >>> service.once("n", lambda: calls.append(1) or len(calls)), len(calls)
            (1, 1)
        """
        with self._lock:
            if key not in self._built:
                self._built[key] = build()
            value: T = self._built[key]
            return value


def create_app(arrangement: Arrangement | str | Path, *, source: str | None = None) -> Any:
    """The Starlette application serving ``arrangement`` (an object, or a file to load).

    Raises:
        MissingExtra: starlette, uvicorn or jinja2 is not installed
            (``pip install "sharegov[http]"``).
    """
    require("starlette", "http")
    from starlette.applications import Starlette

    from sharegov.serve import api, page

    if isinstance(arrangement, str | Path):
        from sharegov.io.files import load

        source = str(arrangement) if source is None else source
        arrangement = load(arrangement)
    service = Service(arrangement, source=source or "<arrangement>")
    return Starlette(
        routes=[*api.routes(service), *page.routes(service)],
        exception_handlers=api.exception_handlers(),
    )
