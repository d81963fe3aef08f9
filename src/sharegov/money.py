"""Exact money: integer pence, ranges of amounts, exact allocation, UK financial years.

No float ever touches money. :class:`Money` holds whole pence as an ``int``; passing a
float anywhere raises :class:`TypeError`. :func:`allocate` splits an amount by weights
with the largest-remainder method, so the parts always sum exactly to the whole.

Examples:
    >>> from sharegov import Money, allocate
    >>> Money(4_000_000) == Money.parse("£40,000")
    True
    >>> str(Money(4_000_000)), str(Money(-123_450))
    ('£40,000.00', '-£1,234.50')
    >>> allocate(Money(10_000), {"A": 1, "B": 1, "C": 1})
    {'A': Money(3334), 'B': Money(3333), 'C': Money(3333)}
    >>> MoneyRange.parse("between £30,000 to £40,000")
    MoneyRange(Money(3000000), Money(4000000))
    >>> FinancialYear.of(dt.date(2008, 9, 1))
    FinancialYear(2008)
    >>> str(FinancialYear(2008))
    '2008/09'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from sharegov.errors import InvalidValue, expected

__all__ = [
    "MAX_POUNDS",
    "MAX_TEXT",
    "ZERO",
    "FinancialYear",
    "Money",
    "MoneyRange",
    "allocate",
    "apportion",
    "to_money",
]

K = TypeVar("K", bound=Hashable)

_SUFFIX = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
#: Text longer than this is refused before it is read (amounts and ranges are short).
MAX_TEXT = 200
#: Amounts of this many pounds or more are refused: 15 digits of pounds at most.
MAX_POUNDS = 10**15
# No two adjacent optional parts can match the same characters, so matching is linear.
_AMOUNT = re.compile(
    r"(?P<sign>[-−])?\s*(?:(?P<pound>£)\s*)?(?:(?P<sign2>[-−])\s*)?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?P<suffix>k|m|bn))?",
    re.IGNORECASE,
)
_RANGE_SEPARATOR = re.compile(
    r"\bto\b|\band\b|–|—|(?<=[\dkmn])\s*-(?=\s*[\d£.])|-(?=\s*£)", re.IGNORECASE
)
_BETWEEN = re.compile(r"between\s", re.IGNORECASE)
_AMOUNT_WORDS = "an amount such as '£40,000', '£30k' or '£0.5M'"
_TOO_LARGE = f"an amount under £{MAX_POUNDS:,} (at most 15 digits of pounds)"


def _short_text(text: Any, field: str, what: str) -> str:
    """``text`` stripped, refusing a non-string or text longer than :data:`MAX_TEXT`."""
    if not isinstance(text, str):
        raise InvalidValue(expected(field, what, text))
    if len(text) > MAX_TEXT:
        shown = text[:40] + "..."
        raise InvalidValue(expected(field, f"at most {MAX_TEXT} characters", shown))
    return text.strip()


def _amount_pence(match: re.Match[str], text: str, suffix: str | None = None) -> int:
    """Exact pence of a matched amount, by integer arithmetic; ``suffix`` overrides its own."""
    if match["sign"] and match["sign2"]:
        raise InvalidValue(expected("amount", "at most one minus sign", text))
    number: str = match["num"]
    whole, _, decimals = number.replace(",", "").partition(".")
    scale = _SUFFIX[(suffix if suffix is not None else match["suffix"] or "").lower()]
    unit: int = 10 ** len(decimals)
    pence, rest = divmod(int(whole + decimals or "0") * scale * 100, unit)
    if rest:
        raise InvalidValue(expected("amount", "a whole number of pence", text))
    if pence >= MAX_POUNDS * 100:
        raise InvalidValue(expected("amount", _TOO_LARGE, text))
    negative = bool(match["sign"] or match["sign2"])
    return -pence if negative else pence


def _pence(value: Any) -> int:
    """Validate the ``pence`` field: an int and nothing else (no float, no bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        message = expected(
            "pence", "a whole number of pence as an int (no floats for money)", value
        )
        raise TypeError(message)
    return value


def _half_even(value: Fraction) -> int:
    """Round an exact fraction to the nearest integer, ties to even (banker's rounding)."""
    return round(value)


@attrs.frozen(order=True, repr=False)
class Money:
    """An amount of money in whole pence (sterling), exact.

    Args:
        pence: The amount in pence, as an ``int``. A float raises :class:`TypeError`:
            ``Money(40_000.0)`` is refused, so no rounding error can creep in.

    Arithmetic with other :class:`Money` and multiplication by ``int`` are exact.
    ``money / money`` is the exact :class:`~fractions.Fraction` ratio. To take a fraction
    of an amount use :meth:`scale`, which rounds half-even to the penny, or
    :func:`allocate`, which never loses a penny.

    Examples:
        >>> Money(4_000_000)
        Money(4000000)
        >>> Money.parse("£30k") + Money.parse("£10,000.00")
        Money(4000000)
        >>> Money.parse("£0.5M").pounds
        Decimal('500000.00')
        >>> Money(1_000) * 3, -Money(1_000), Money(3_000) / Money(1_000)
        (Money(3000), Money(-1000), Fraction(3, 1))
        >>> sum([Money(1), Money(2)], Money(0))
        Money(3)
        >>> Money(40_000.0)
        Traceback (most recent call last):
        ...
        TypeError: pence: expected a whole number of pence as an int (no floats for money), \
got 40000.0
    """

    pence: int = attrs.field(converter=_pence)

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read an amount written as in council papers.

        Accepts ``"£40,000"``, ``"£40,000.00"``, ``"-£1,234.50"``, ``"£30k"``,
        ``"£0.5M"``, ``"£19.2m"``, ``"£1.5bn"`` and bare numbers such as ``"40000"``.

        Thousands separators must be in groups of three; one minus sign at most, before or
        after the ``£``. The amount is read exactly, with integer arithmetic.

        Raises:
            InvalidValue: The text is not an amount, is a range (use
                :meth:`MoneyRange.parse`), is not a whole number of pence, is longer than
                :data:`MAX_TEXT` characters, or is :data:`MAX_POUNDS` (£10¹⁵) or more.

        Examples:
            >>> Money.parse("£19.2m")
            Money(1920000000)
            >>> Money.parse("-£1,234.50")
            Money(-123450)
            >>> Money.parse("£1.234")
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidValue: amount: expected a whole number of pence, got '£1.234'
            >>> Money.parse("£1,2,3")
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidValue: amount: expected an amount such as '£40,000', '£30k' \
or '£0.5M', got '£1,2,3'
        """
        stripped = _short_text(text, "amount", "text such as '£40,000'")
        match = _AMOUNT.fullmatch(stripped)
        if match is None:
            what = _AMOUNT_WORDS
            if _RANGE_SEPARATOR.search(stripped, 1):
                what += " (for a range use MoneyRange.parse)"
            raise InvalidValue(expected("amount", what, text))
        return cls(_amount_pence(match, text))

    @classmethod
    def from_pounds(cls, pounds: int | Decimal | Fraction | str) -> Money:
        """An amount given in pounds, exactly (``Decimal("1.5")`` is 150 pence).

        Raises:
            TypeError: ``pounds`` is a float.
            InvalidValue: It is not a whole number of pence, is not finite, has an exponent
                (in text), or is :data:`MAX_POUNDS` (£10¹⁵) or more.

        Examples:
            >>> Money.from_pounds(40_000), Money.from_pounds(Decimal("0.01"))
            (Money(4000000), Money(1))
        """
        if isinstance(pounds, float | bool) or not isinstance(
            pounds, int | Decimal | Fraction | str
        ):
            raise TypeError(expected("pounds", "an int, Decimal, Fraction or str", pounds))
        if isinstance(pounds, str):
            words = "a number of pounds such as '1234.50' (no exponent)"
            text = _short_text(pounds, "pounds", words)
            if "e" in text.lower() or "n" in text.lower():  # exponents, nan, inf
                raise InvalidValue(expected("pounds", words, pounds))
        elif isinstance(pounds, Decimal):
            # Fraction(Decimal("1e100000000")) would build a 10**8-digit integer: check first.
            if not pounds.is_finite():
                raise InvalidValue(expected("pounds", "a finite number of pounds", pounds))
            if not pounds:
                return cls(0)
            if pounds.adjusted() >= 15:
                raise InvalidValue(expected("pounds", _TOO_LARGE, pounds))
            digits, exponent = pounds.as_tuple()[1:]
            zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
            if isinstance(exponent, int) and exponent + zeros < -2:
                raise InvalidValue(expected("pounds", "a whole number of pence", pounds))
        try:
            exact = Fraction(pounds) * 100
        except (ValueError, ZeroDivisionError) as exc:
            raise InvalidValue(expected("pounds", "a number of pounds", pounds)) from exc
        if exact.denominator != 1:
            raise InvalidValue(expected("pounds", "a whole number of pence", pounds))
        if abs(exact) >= MAX_POUNDS * 100:
            raise InvalidValue(expected("pounds", _TOO_LARGE, pounds))
        return cls(int(exact))

    # -- views ------------------------------------------------------------------------------

    @property
    def pounds(self) -> Decimal:
        """The amount in pounds as an exact :class:`~decimal.Decimal` with two places."""
        return Decimal(self.pence).scaleb(-2)

    def __str__(self) -> str:
        sign = "-" if self.pence < 0 else ""
        whole, pence = divmod(abs(self.pence), 100)
        return f"{sign}£{whole:,}.{pence:02d}"

    def __repr__(self) -> str:
        return f"Money({self.pence})"

    def short(self) -> str:
        """A compact form for prose: ``"£40k"``, ``"£0.5M"``, ``"£1,234.50"``.

        Examples:
            >>> Money.parse("£40,000").short(), Money.parse("£500,000").short()
            ('£40k', '£0.5M')
            >>> Money.parse("£1,234.50").short(), Money(-4_000_000).short()
            ('£1,234.50', '-£40k')
        """
        sign = "-" if self.pence < 0 else ""
        pence = abs(self.pence)
        if pence >= 50_000_000 and pence % 1_000_000 == 0:  # £500k+, in steps of £10k
            return f"{sign}£{(Decimal(pence) / 100_000_000).normalize():f}M"
        if pence >= 100_000 and pence % 10_000 == 0:  # £1k+, in steps of £100
            return f"{sign}£{(Decimal(pence) / 100_000).normalize():f}k"
        return str(self)

    # -- arithmetic -------------------------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence + other.pence)

    def __radd__(self, other: int) -> Money:
        # Lets the builtin sum() start from 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence - other.pence)

    def __neg__(self) -> Money:
        return Money(-self.pence)

    def __abs__(self) -> Money:
        return Money(abs(self.pence))

    def __mul__(self, other: int) -> Money:
        if isinstance(other, float):
            raise TypeError(expected("multiplier", "an int (no floats for money)", other))
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented
        return Money(self.pence * other)

    __rmul__ = __mul__

    def __truediv__(self, other: Money) -> Fraction:
        if not isinstance(other, Money):
            return NotImplemented
        if other.pence == 0:
            raise InvalidValue(expected("divisor", "a non-zero amount", other))
        return Fraction(self.pence, other.pence)

    def __bool__(self) -> bool:
        return self.pence != 0

    def scale(self, factor: Fraction | int) -> Money:
        """This amount times an exact factor, rounded half-even to the penny.

        Examples:
            >>> Money(4_000_000).scale(Fraction(7, 12))
            Money(2333333)
            >>> Money(5).scale(Fraction(1, 2)), Money(15).scale(Fraction(1, 2))
            (Money(2), Money(8))
        """
        if isinstance(factor, float | bool) or not isinstance(factor, Fraction | int):
            raise TypeError(expected("factor", "a Fraction or int (no floats for money)", factor))
        return Money(_half_even(self.pence * Fraction(factor)))


ZERO = Money(0)


def to_money(value: Money | str, field: str = "amount") -> Money:
    """Accept a :class:`Money` or text such as ``"£40,000"``; anything else is refused."""
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    raise InvalidValue(expected(field, "a Money or text such as '£40,000'", value))


@attrs.frozen(repr=False)
class MoneyRange:
    """An amount known only to lie in a range, e.g. a grant "between £30,000 to £40,000".

    Args:
        low: The least it may be.
        high: The most it may be (at least ``low``).

    Examples:
        >>> grant = MoneyRange.parse("£30,000 to £40,000")
        >>> str(grant), grant.midpoint, Money.parse("£35k") in grant
        ('£30,000.00 to £40,000.00', Money(3500000), True)
        >>> MoneyRange.parse("£30k-£40k") == grant
        True
        >>> MoneyRange("£40k", "£30k")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: high: expected at least the low end £40,000.00, \
got £30,000.00
    """

    low: Money = attrs.field(converter=to_money)
    high: Money = attrs.field(converter=to_money)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise InvalidValue(expected("high", f"at least the low end {self.low}", self.high))

    @classmethod
    def parse(cls, text: str) -> MoneyRange:
        """Read a range such as ``"£30,000 to £40,000"`` or ``"between £30k and £40k"``.

        A single amount gives a range of one value. A suffix written only on the upper
        bound, with no ``£`` of its own, applies to both: ``"£30–40k"`` is £30,000 to
        £40,000. Where the upper bound has its own ``£`` each bound is read as written:
        ``"£500 to £1m"`` is £500 to £1,000,000.

        Raises:
            InvalidValue: Either bound is not an amount (see :meth:`Money.parse`), the high
                end is below the low end, or the text is longer than :data:`MAX_TEXT`.

        Examples:
            >>> MoneyRange.parse("£40,000")
            MoneyRange(Money(4000000), Money(4000000))
            >>> MoneyRange.parse("£30–40k")
            MoneyRange(Money(3000000), Money(4000000))
            >>> MoneyRange.parse("£500 to £1m")
            MoneyRange(Money(50000), Money(100000000))
        """
        words = "text such as '£30,000 to £40,000'"
        stripped = _short_text(text, "range", words)
        if _AMOUNT.fullmatch(stripped):
            amount = Money.parse(stripped)
            return cls(amount, amount)
        if _BETWEEN.match(stripped):
            stripped = stripped[len("between") :].lstrip()
        separator = _RANGE_SEPARATOR.search(stripped, 1)
        low_text = stripped[: separator.start()].rstrip() if separator else ""
        high_text = stripped[separator.end() :].lstrip() if separator else ""
        if not low_text or not high_text:
            raise InvalidValue(expected("range", words, text))
        low, high = _AMOUNT.fullmatch(low_text), _AMOUNT.fullmatch(high_text)
        if low is None or high is None:
            Money.parse(low_text)  # says which bound is not an amount
            Money.parse(high_text)
            raise InvalidValue(expected("range", words, text))  # pragma: no cover
        suffix = None
        if high["suffix"] and not low["suffix"] and not high["pound"]:
            suffix = high["suffix"]  # "£30–40k": the k applies to both
        return cls(
            Money(_amount_pence(low, low_text, suffix)), Money(_amount_pence(high, high_text))
        )

    @property
    def midpoint(self) -> Money:
        """The middle of the range, rounded half-even to the penny."""
        return Money(_half_even(Fraction(self.low.pence + self.high.pence, 2)))

    @property
    def width(self) -> Money:
        """``high - low``."""
        return self.high - self.low

    def __contains__(self, amount: object) -> bool:
        return isinstance(amount, Money) and self.low <= amount <= self.high

    def __str__(self) -> str:
        if self.low == self.high:
            return str(self.low)
        return f"{self.low} to {self.high}"

    def short(self) -> str:
        """Compact form: ``"£30k–£40k"``."""
        if self.low == self.high:
            return self.low.short()
        return f"{self.low.short()}–{self.high.short()}"

    def __repr__(self) -> str:
        return f"MoneyRange({self.low!r}, {self.high!r})"


def _weight(key: object, value: Any) -> Fraction:
    if isinstance(value, float):
        raise TypeError(expected(f"weights[{key!r}]", "an int or Fraction (no floats)", value))
    if isinstance(value, bool) or not isinstance(value, int | Fraction | Decimal):
        raise InvalidValue(expected(f"weights[{key!r}]", "an int or Fraction", value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidValue(expected(f"weights[{key!r}]", "a finite weight", value))
    if value < 0:
        raise InvalidValue(expected(f"weights[{key!r}]", "a weight >= 0", value))
    return Fraction(value)


def apportion(targets: Mapping[K, Fraction], *, round_total: bool = False) -> dict[K, Money]:
    """Round exact pence targets that sum to a whole number of pence, keeping the sum.

    Largest remainder: every target is rounded down, and the pennies left over go to the
    largest fractional parts, ties to the earlier key. Each result is within a penny of
    its target, and the results sum to the targets' sum exactly.

    Args:
        targets: Exact pence.
        round_total: With True, the targets may sum to part of a penny: their sum is
            rounded once (half-even) and the results sum to that.

    Raises:
        InvalidValue: The targets do not sum to a whole number of pence (and
            ``round_total`` is False).

    Examples:
        >>> apportion({"A": Fraction(10_000, 3), "B": Fraction(20_000, 3)})
        {'A': Money(3333), 'B': Money(6667)}
        >>> apportion({"A": Fraction(1, 2), "B": Fraction(1, 4)}, round_total=True)
        {'A': Money(1), 'B': Money(0)}
    """
    exact = sum(targets.values(), Fraction(0))
    if round_total:
        total = round(exact)
    elif exact.denominator == 1:
        total = int(exact)
    else:
        raise InvalidValue(expected("targets", "pence summing to a whole number", exact))
    floors = {key: value.numerator // value.denominator for key, value in targets.items()}
    left = total - sum(floors.values())
    order = sorted(
        enumerate(targets), key=lambda pair: (-(targets[pair[1]] - floors[pair[1]]), pair[0])
    )
    for _, key in order[:left]:
        floors[key] += 1
    return {key: Money(pence) for key, pence in floors.items()}


def allocate(total: Money, weights: Mapping[K, int | Fraction]) -> dict[K, Money]:
    """Split ``total`` in proportion to ``weights``, exactly, by the largest remainder.

    The parts always sum to ``total``; each is within a penny of its exact share; ties
    for the odd penny go in the order the weights are given; a zero weight gets nothing.
    A negative total (a deficit, or a credit to hand back) is split the same way, with
    every part negated.

    Args:
        total: The amount to split.
        weights: Non-negative ``int`` or ``Fraction`` weights, not all zero. Floats raise
            :class:`TypeError`.

    Returns:
        A dict with the keys of ``weights``, in the same order.

    Raises:
        InvalidValue: Weights that are not a mapping, no weights, a negative or non-finite
            weight, or every weight zero.

    Examples:
        >>> allocate(Money(10_000), {"A": 1, "B": 1, "C": 1})
        {'A': Money(3334), 'B': Money(3333), 'C': Money(3333)}
        >>> allocate(Money(-10_000), {"A": 1, "B": 1, "C": 1})
        {'A': Money(-3334), 'B': Money(-3333), 'C': Money(-3333)}
        >>> allocate(Money(100), {"BDC": 93_637, "RBC": 84_214, "X": 0})
        {'BDC': Money(53), 'RBC': Money(47), 'X': Money(0)}
        >>> allocate(Money(100), {"A": 0})
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: weights: expected at least one weight above zero, \
got {'A': 0}
    """
    if not isinstance(total, Money):
        raise InvalidValue(expected("total", "a Money", total))
    if not isinstance(weights, Mapping):
        raise InvalidValue(expected("weights", "a mapping of key to weight", weights))
    exact = {key: _weight(key, value) for key, value in weights.items()}
    whole = sum(exact.values(), Fraction(0))
    if whole == 0:
        raise InvalidValue(expected("weights", "at least one weight above zero", dict(weights)))
    size = abs(total.pence)
    parts = apportion({key: size * w / whole for key, w in exact.items()})
    if total.pence < 0:
        return {key: -part for key, part in parts.items()}
    return parts


@attrs.frozen(order=True, repr=False)
class FinancialYear:
    """A UK local-government financial year, 1 April to 31 March, named by its first year.

    Args:
        start_year: ``2008`` for 2008/09 (1 April 2008 to 31 March 2009).

    Examples:
        >>> fy = FinancialYear.parse("2008/09")
        >>> fy.start, fy.end, str(fy + 1)
        (datetime.date(2008, 4, 1), datetime.date(2009, 3, 31), '2009/10')
        >>> FinancialYear.of(dt.date(2009, 3, 31)), FinancialYear.of(dt.date(2009, 4, 1))
        (FinancialYear(2008), FinancialYear(2009))
        >>> fy.months_from(dt.date(2008, 9, 1))
        Fraction(7, 12)
    """

    start_year: int = attrs.field()

    @start_year.validator
    def _check(self, attribute: attrs.Attribute[int], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
            raise InvalidValue(expected("start_year", "a year such as 2008", value))

    @classmethod
    def of(cls, day: dt.date) -> FinancialYear:
        """The financial year a date falls in."""
        if not isinstance(day, dt.date):
            raise InvalidValue(expected("day", "a datetime.date", day))
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read ``"2008/09"``, ``"2008-09"``, ``"2008/2009"`` or ``"2008"``."""
        match = re.fullmatch(r"\s*(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?\s*", str(text))
        if match is None:
            raise InvalidValue(expected("financial year", "text such as '2008/09'", text))
        year = int(match[1])
        if match[2] is not None and int(match[2]) % 100 != (year + 1) % 100:
            raise InvalidValue(
                expected("financial year", "consecutive years, e.g. '2008/09'", text)
            )
        return cls(year)

    @property
    def start(self) -> dt.date:
        """1 April of the first year."""
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        """31 March of the next year."""
        return dt.date(self.start_year + 1, 3, 31)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __add__(self, years: int) -> FinancialYear:
        if isinstance(years, bool) or not isinstance(years, int):
            return NotImplemented
        return FinancialYear(self.start_year + years)

    def __sub__(self, other: FinancialYear) -> int:
        if not isinstance(other, FinancialYear):
            return NotImplemented
        return self.start_year - other.start_year

    def months_from(self, day: dt.date) -> Fraction:
        """The share of this year from ``day``'s month on, in whole months (for part years)."""
        if day <= self.start:
            return Fraction(1)
        if day > self.end:
            return Fraction(0)
        months = (self.end.year - day.year) * 12 + self.end.month - day.month + 1
        return Fraction(months, 12)

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __repr__(self) -> str:
        return f"FinancialYear({self.start_year})"
