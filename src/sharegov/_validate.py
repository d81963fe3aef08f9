"""Small attrs validators and converters shared by the domain modules (private).

Each raises a :class:`~sharegov.errors.SharegovError` subclass whose message names the
field, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from sharegov.errors import InvalidValue, expected

__all__ = [
    "exact_fraction",
    "flag",
    "identifier",
    "instances",
    "is_date",
    "is_flag",
    "of_type",
    "one_of",
    "optional_date",
    "optional_text",
    "safe_text",
    "sequence",
]

_ID = re.compile(r"\S+")
#: Control characters (NUL, ESC, ...) and the bidirectional controls that can make an id
#: display as a different one ("Trojan Source").
#: Also zero-width and byte-order marks, which hide inside an id. One definition, which the
#: file schema uses too, so an id the classes accept always saves and loads back.
UNSAFE_CHARS = r"\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate an identifier: a non-empty string without whitespace, control characters or
    bidirectional controls (the whole string: a trailing newline is refused too).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Thing:
        ...     id: str = attrs.field(validator=identifier)
        >>> Thing("BDC\\n")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: id: expected a non-empty identifier without spaces, \
got 'BDC\\n'
        >>> Thing("B\\u202eDC")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: id: expected an identifier without control or \
bidirectional characters (U+202E at position 1), got 'B\\u202eDC'
    """
    if not isinstance(value, str) or not _ID.fullmatch(value):
        what = "a non-empty identifier without spaces"
        raise InvalidValue(expected(attribute.name, what, value))
    _refuse_unsafe(attribute.name, "an identifier", value)


def safe_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate free text that is matched or shown as it is (a role such as
    ``"group leader"``): a string with something other than spaces in it, and no control or
    bidirectional characters.

    Examples:
        >>> @attrs.frozen
        ... class Rule:
        ...     role: str = attrs.field(validator=safe_text)
        >>> Rule("group leader").role
        'group leader'
        >>> Rule(" ")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: role: expected a non-blank string, got ' '
        >>> Rule("lea\u202eder")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: role: expected a string without control or \
bidirectional characters (U+202E at position 3), got 'lea\u202eder'
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(expected(attribute.name, "a non-blank string", value))
    _refuse_unsafe(attribute.name, "a string", value)


def _refuse_unsafe(field: str, kind: str, value: str) -> None:
    """Refuse ``value`` by ``field`` if it holds a control or bidirectional character."""
    bad = _UNSAFE.search(value)
    if bad is not None:
        where = f"U+{ord(bad.group()):04X} at position {bad.start()}"
        what = f"{kind} without control or bidirectional characters ({where})"
        raise InvalidValue(expected(field, what, value))


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a string or ``None``."""
    if value is not None and not isinstance(value, str):
        raise InvalidValue(expected(attribute.name, "a string or None", value))


Validator = Any  # an attrs validator: (instance, attribute, value) -> None


def of_type(kind: type[Any], what: str, error: type[InvalidValue] = InvalidValue) -> Validator:
    """An attrs validator for ``isinstance(value, kind)`` that raises ``error`` naming the
    field, ``what`` was expected and the value (attrs' own raises a bare ``TypeError``).

    Examples:
        >>> @attrs.frozen
        ... class Seat:
        ...     chair: str = attrs.field(validator=of_type(str, "a member id"))
        >>> Seat(5)
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: chair: expected a member id, got 5
    """

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise error(expected(attribute.name, what, value))

    return check


def flag(error: type[InvalidValue] = InvalidValue) -> Validator:
    """An attrs validator for ``True`` or ``False`` (``"no"`` is refused, not truthy)."""
    return of_type(bool, "True or False", error)


def one_of(options: Iterable[Any], error: type[InvalidValue] = InvalidValue) -> Validator:
    """An attrs validator for one of ``options``, naming them when refused."""
    allowed = tuple(options)
    what = "one of " + ", ".join(repr(o) for o in allowed)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not any(type(value) is type(o) and value == o for o in allowed):
            raise error(expected(attribute.name, what, value))

    return check


#: Validate a ``bool`` (``"no"`` is truthy, so only ``True`` or ``False`` will do).
is_flag = flag()


def is_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a calendar date (a ``datetime`` is refused: these are days, not moments)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValue(expected(attribute.name, "a datetime.date", value))


def optional_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a calendar date or ``None``."""
    if value is not None:
        is_date(instance, attribute, value)


def sequence(
    value: Any, field: str, what: str, error: type[InvalidValue] = InvalidValue
) -> tuple[Any, ...]:
    """``value`` as a tuple, refusing a bare string (it would become its letters) and
    anything that is not iterable; ``what`` says what was expected.

    Examples:
        >>> sequence({"BDC"}, "parties", "a sequence of authority codes")
        ('BDC',)
        >>> sequence("BDC", "parties", "a sequence of authority codes")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: parties: expected a sequence of authority codes, got 'BDC'
    """
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise error(expected(field, what, value))
    return tuple(value)


def instances(
    value: Any, kind: type[Any], field: str, error: type[InvalidValue] = InvalidValue
) -> tuple[Any, ...]:
    """``value`` as a tuple whose every element is a ``kind``, naming the first that is not.

    Examples:
        >>> instances([1, 2], int, "counts")
        (1, 2)
        >>> instances([1, "2"], int, "counts")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: counts[1]: expected an int, got '2'
    """
    items = sequence(value, field, f"a sequence of {kind.__name__}", error)
    name = kind.__name__
    article = "an" if name[0].lower() in "aeiou" else "a"
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise error(expected(f"{field}[{i}]", f"{article} {name}", item))
    return items


#: The longest text :func:`exact_fraction` reads, and the largest denominator it accepts.
_FRACTION_TEXT, _FRACTION_DENOMINATOR = 50, 10**12
_FRACTION = re.compile(r"\A\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:\s*/\s*\d+)?\s*\Z")


def exact_fraction(value: str, field: str, what: str) -> Fraction:
    """An exact fraction written as text (``"0.035"``, ``"7/200"``), refused by ``field``
    unless it is short plain decimal or ``a/b`` text: no exponents (``"1e-7000000"`` would
    take seconds to expand), no ``nan``, at most 50 characters and a denominator of at most
    10^12, so reading it is always quick.

    Examples:
        >>> exact_fraction("7/200", "rate", "a rate"), exact_fraction(" 0.25 ", "p", "a p")
        (Fraction(7, 200), Fraction(1, 4))
        >>> exact_fraction("1e-7000000", "p", "a probability such as '1/4'")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: p: expected a probability such as '1/4', got '1e-7000000'
    """
    if len(value) > _FRACTION_TEXT or not _FRACTION.match(value):
        raise InvalidValue(expected(field, what, value[:_FRACTION_TEXT]))
    try:
        found = Fraction(value.replace(" ", ""))
    except ZeroDivisionError:
        raise InvalidValue(expected(field, what, value)) from None
    if found.denominator > _FRACTION_DENOMINATOR:
        raise InvalidValue(expected(field, f"{what}, with a denominator of at most 10^12", value))
    return found
