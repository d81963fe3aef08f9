"""The exceptions sharegov raises.

Every error sharegov raises on bad input is a :class:`SharegovError`. Each
subclass also inherits the builtin exception a Python user would expect, so
``except ValueError`` keeps working in code that does not know sharegov.

Messages name the field, the value and what was expected, in the form
``field: expected WHAT, got VALUE``; :func:`expected` builds that text.

Examples:
    >>> from sharegov.errors import InvalidValue, SharegovError, expected
    >>> err = InvalidValue(expected("seats.BDC", "a positive integer", -1))
    >>> str(err)
    'seats.BDC: expected a positive integer, got -1'
    >>> isinstance(err, SharegovError), isinstance(err, ValueError)
    (True, True)
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import math
import sys
from decimal import Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta

__all__ = [
    "MAX_ITEMS",
    "MAX_SHOWN",
    "InvalidBoard",
    "InvalidRule",
    "InvalidValue",
    "InvalidVote",
    "LimitExceeded",
    "MissingExtra",
    "SharegovError",
    "UnknownId",
    "expected",
    "located",
    "shown",
]


class SharegovError(Exception):
    """The root of every error sharegov raises on bad input or impossible requests."""


class InvalidValue(SharegovError, ValueError):
    """A value has the right type but is not acceptable (negative seats, bad GSS code, ...)."""


class InvalidRule(InvalidValue):
    """A voting or quorum rule is malformed, or can never be met on the board it is given."""


class InvalidBoard(InvalidValue):
    """A board's seats, members, rule or quorum are inconsistent with each other."""


class InvalidVote(InvalidValue):
    """A vote, attendance record, chair or casting vote does not fit the board."""


class UnknownId(SharegovError, LookupError):
    """An identifier (member, authority, board, ...) that is not known where it is used."""


class LimitExceeded(SharegovError, ValueError):
    """An input is past a documented limit; the message says what to use instead."""


class MissingExtra(SharegovError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def located(exc: SharegovError, where: str) -> SharegovError:
    """``exc`` again, its message prefixed with ``where`` (a file, an option), as the nearest
    class in its hierarchy that takes a plain message (so a ``FileError`` or any class with
    its own constructor is never rebuilt with the wrong arguments).

    Examples:
        >>> located(UnknownId("plan: expected one of ['a'], got 'b'"), "x.toml")
        UnknownId("x.toml: plan: expected one of ['a'], got 'b'")
    """
    for cls in type(exc).__mro__:
        ours = [c for c in cls.__mro__ if issubclass(c, SharegovError)]
        if ours and not any("__init__" in vars(c) for c in ours):
            found: SharegovError = cls(f"{where}: {exc}")
            return found
    return SharegovError(f"{where}: {exc}")  # pragma: no cover - SharegovError qualifies


def expected(field: str, what: str, got: object) -> str:
    """Build the standard message ``field: expected WHAT, got VALUE``.

    Args:
        field: The dotted path of the offending field, e.g. ``"seats.BDC"``.
        what: What was expected, as a noun phrase, e.g. ``"a positive integer"``.
        got: The value actually received, as :func:`shown`.

    Returns:
        The message text.

    Examples:
        >>> expected("gss", "a GSS code such as 'E07000234'", "X1")
        "gss: expected a GSS code such as 'E07000234', got 'X1'"
    """
    return f"{field}: expected {what}, got {shown(got)}"


#: Text longer than this many characters is cut short in a message, with its length.
MAX_SHOWN = 100
#: A list, tuple or set with more items than this shows its first ones and its length.
MAX_ITEMS = 20


def shown(value: object) -> str:
    """A value as a message meant for people shows it, never as a Python repr.

    Text is quoted, so ``'X1'`` is visibly text (and ``'hill\\n'`` shows its newline);
    numbers are written as Python writes them, a fraction as ``1/3``; a date in ISO form
    (``2017-06-02``), a date and time likewise with its time; a member of an enum by its
    value, as the file would give it (``'for'``); a missing value as ``nothing``; a list,
    tuple or set by its items, each shown so; and any other sharegov value that has words of
    its own (``Money``: ``£30,000.00``) by them.

    A message stays short whatever it is given: text past :data:`MAX_SHOWN` characters and
    a collection past :data:`MAX_ITEMS` items are cut short with their length, and a whole
    number too long for Python to write out (past ``sys.get_int_max_str_digits()``) is
    given by its size, so hostile input never turns an error message into another error.

    Examples:
        >>> import datetime as dt, enum
        >>> from fractions import Fraction
        >>> class Vote(enum.Enum):
        ...     FOR = "for"
        >>> shown(Vote.FOR), shown("for"), shown(3), shown(None)
        ("'for'", "'for'", '3', 'nothing')
        >>> shown(dt.date(2017, 6, 2)), shown(dt.datetime(2009, 1, 1, 10, 30))
        ('2017-06-02', '2009-01-01 10:30:00')
        >>> shown(("BDC",)), shown(frozenset({"b", "a"})), shown(Fraction(1, 3))
        ("['BDC']", "{'a', 'b'}", '1/3')
        >>> shown(relativedelta(years=1, months=6)), shown(dt.timedelta(days=14))
        ('1 year 6 months', '14 days')
        >>> shown("9" * 5000)[-24:], shown(list(range(50)))[-16:], shown(10**5000)
        ("999…' (5,000 characters)", '9, …] (50 items)', 'a whole number of about 5,001 digits')
    """
    if value is None:
        return "nothing"
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Fraction | Decimal):
        return str(value)
    if isinstance(value, dt.timedelta | relativedelta):
        return _period(value)
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        start = repr(value[: MAX_SHOWN // 2])
        return f"{start[:-1]}…{start[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool):
        limit = sys.get_int_max_str_digits()
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        if limit and digits > limit:
            return f"a{' negative' if value < 0 else ''} whole number of about {digits:,} digits"
    if isinstance(value, list | tuple | set | frozenset):
        items = [shown(item) for item in itertools.islice(value, MAX_ITEMS)]
        opening, closing = ("{", "}") if isinstance(value, set | frozenset) else ("[", "]")
        if opening == "{":
            items.sort()  # a set has no order of its own: sorted, so messages are stable
        if len(value) <= MAX_ITEMS:
            return opening + ", ".join(items) + closing
        return f"{opening}{', '.join(items)}, …{closing} ({len(value):,} items)"
    kind = type(value)
    if kind.__module__.startswith("sharegov") and kind.__str__ is not object.__str__:
        return str(value)
    return repr(value)


def _period(value: dt.timedelta | relativedelta) -> str:
    """A period in words; a relativedelta with absolute parts (``day=31``) as Python writes it."""
    if isinstance(value, dt.timedelta):
        value = relativedelta(
            days=value.days, seconds=value.seconds, microseconds=value.microseconds
        )
    absolute = (value.year, value.month, value.day, value.weekday, value.hour, value.minute)
    if any(part is not None for part in absolute) or value.microseconds:
        return repr(value)
    units = ("year", "month", "day", "hour", "minute", "second")
    amounts = (value.years, value.months, value.days, value.hours, value.minutes, value.seconds)
    words = [
        f"{n} {unit}{'' if abs(n) == 1 else 's'}"
        for n, unit in zip(amounts, units, strict=True)
        if n
    ]
    return " ".join(words) or "0 days"
