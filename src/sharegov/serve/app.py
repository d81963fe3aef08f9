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

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sharegov._optional import require

if TYPE_CHECKING:
    from sharegov.io.files import Arrangement

__all__ = ["Service", "create_app"]


@attrs.frozen
class Service:
    """What every route of one running service shares.

    Args:
        arrangement: The arrangement the service answers for.
        source: Where it came from, as the user wrote it (a path), for messages.
    """

    arrangement: Arrangement
    source: str = attrs.field(default="<arrangement>", kw_only=True)


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
