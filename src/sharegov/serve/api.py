"""The JSON API: results as the documents of :mod:`sharegov.io.results`."""

from __future__ import annotations

from typing import Any

from sharegov.serve.app import Service

__all__ = ["routes"]


def routes(service: Service) -> list[Any]:
    """The API's routes for ``service``."""
    return []
