"""Small attrs validators and converters shared by the domain modules (private).

Each raises a :class:`~sharegov.errors.SharegovError` subclass whose message names the
field, the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from sharegov.errors import InvalidValue, expected

__all__ = ["flag", "instances", "is_date", "of_type", "one_of", "optional_date", "sequence"]

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
