"""Small helpers for wording fit for the minutes (private; imports nothing from sharegov)."""

from __future__ import annotations

import datetime as dt

__all__ = ["day", "from_to", "plural"]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` followed by the noun, singular for exactly one.

    ``many`` defaults to ``singular`` + "s"; give it for irregular nouns.

    Examples:
        >>> plural(1, "council")
        '1 council'
        >>> plural(3, "council")
        '3 councils'
        >>> plural(0, "authority", "authorities")
        '0 authorities'
        >>> plural(1234, "scenario")
        '1,234 scenarios'
    """
    return f"{count:,} {singular if count == 1 else (many or singular + 's')}"


def day(date: dt.date) -> str:
    """A date as minutes write it, on every platform (``%-d`` is glibc's alone).

    Examples:
        >>> day(dt.date(2008, 9, 1))
        '1 September 2008'
    """
    return f"{date.day} {date:%B %Y}"


def from_to(first: object, last: object, joint: str = " to ") -> str:
    """A run of years (or any ordered things) in words: one alone, else first to last.

    Examples:
        >>> from_to("2009/10", "2009/10"), from_to("2009/10", "2013/14"), from_to(1, 2, "–")
        ('2009/10', '2009/10 to 2013/14', '1–2')
    """
    return str(first) if first == last else f"{first}{joint}{last}"
