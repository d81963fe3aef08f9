"""The officer's page: check a recommendation in a browser, and copy the result."""

from __future__ import annotations

from typing import Any

from sharegov.serve.app import Service

__all__ = ["routes"]


def routes(service: Service) -> list[Any]:
    """The page's routes for ``service``."""
    return []
