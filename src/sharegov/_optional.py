"""Lazy loading of optional dependencies, with an error that names the extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from sharegov.errors import MissingExtra

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtra` naming the extra that provides it.

    Examples:
        >>> require("json", "io").__name__
        'json'
        >>> require("no_such_module_xyz", "graph")
        Traceback (most recent call last):
        ...
        sharegov.errors.MissingExtra: this needs the optional dependency 'no_such_module_xyz': \
install it with: pip install "sharegov[graph]"
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        message = (
            f"this needs the optional dependency {module!r}: "
            f'install it with: pip install "sharegov[{extra}]"'
        )
        raise MissingExtra(message) from exc
