"""Discounting, prices and payback, exactly: HM Treasury Green Book rates on a statement.

The Green Book (HM Treasury, *The Green Book: Central Government Guidance on Appraisal
and Evaluation*, 2022), Annex A6, Table 8, sets the social time preference rate for
discounting real (constant-price) costs and benefits: 3.5% for years 0 to 30, then a
declining long-term schedule, 3.0% for years 31 to 75, 2.5% for 76 to 125, 2.0% for 126 to
200, 1.5% for 201 to 300 and 1.0% from 301. The same schedule has stood since the 2003
edition (Annex 6), so it is the rate of the day for the papers of 2005 onwards that
sharegov models; the 2022 edition is cited as the current text. The discount factor for
year ``t`` is the product of ``1 / (1 + r)`` over years 1 to ``t``, each year at the rate of
its band, so the factor is continuous where the rate steps down (year 0's factor is 1).

Here every factor is an exact :class:`~fractions.Fraction` (``1 / 1.035 = 200 / 207``), the
present values are exact, and money is rounded once, at the end, to the penny. Each
council's rounded value is within a penny of its exact value and they sum exactly to the
rounded total (largest remainder), so a table of present values adds up.

The Green Book discounts real values. A statement's amounts are taken to be in the base
year's prices unless an :class:`Inflation` assumption is given, when they are taken as
nominal (cash) amounts and deflated first; the explanation says which.

Examples:
    >>> from sharegov.costs import Category, CostItem, CostPlan, SavingsStream
    >>> plan = CostPlan(["A", "B"],
    ...     items=[CostItem("set-up", "Set-up", "£100k", category=Category.IMPLEMENTATION,
    ...                     year="2010/11")],
    ...     savings=[SavingsStream("s", "Saving", "£40k", start=FinancialYear(2011))])
    >>> statement = plan.statement(years=4)
    >>> pv = npv(statement, rate=GREEN_BOOK)
    >>> str(pv.total)
    '£12,065.48'
    >>> print(payback(statement, discounted=True).explain())
    Payback on values discounted at the Green Book rate (3.5% for years 0-30, 3.0% for \
31-75, 2.5% for 76-125, 2.0% for 126-200, 1.5% for 201-300, 1.0% from 301), base year \
2010/11 (the statement's first year, taken as year 0):
      A: pays back in 2013/14
      B: pays back in 2013/14
      All: pays back in 2013/14
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal, TypeVar

import attrs

from sharegov._frozen import frozen_map
from sharegov._optional import require
from sharegov._validate import exact_fraction, sequence
from sharegov.costs import Statement
from sharegov.errors import InvalidValue, LimitExceeded, expected
from sharegov.money import ZERO, FinancialYear, Money, apportion

__all__ = [
    "GREEN_BOOK",
    "MAX_YEARS",
    "DiscountRate",
    "Inflation",
    "Payback",
    "PresentValue",
    "npv",
    "payback",
    "reprice",
    "round_keeping_sum",
]

K = TypeVar("K", bound=Hashable)

#: The most years a discount factor is computed for (exact factors grow with the year).
MAX_YEARS = 500


def _rate_value(field: str, value: Any) -> Fraction:
    if isinstance(value, float):
        raise TypeError(expected(field, "a Fraction or str such as '3.5%' (no floats)", value))
    if isinstance(value, str):
        text = value.strip()
        words = "a rate such as '3.5%'"
        if text.endswith("%"):
            rate = exact_fraction(text[:-1], field, words) / 100
        else:
            rate = exact_fraction(text, field, words)
    elif isinstance(value, int | Fraction) and not isinstance(value, bool):
        rate = Fraction(value)
    else:
        raise InvalidValue(expected(field, "a rate such as '3.5%' or Fraction(7, 200)", value))
    if not -1 < rate < 1:
        raise InvalidValue(expected(field, "a rate above -100% and below 100%", value))
    return rate


def _bands(value: Any) -> tuple[tuple[int, Fraction], ...]:
    bands = tuple(sequence(value, "bands", "a list of (first year, rate) bands"))
    if not bands:
        raise InvalidValue(expected("bands", "at least one (first year, rate) band", value))
    out = []
    for i, band in enumerate(bands):
        if not isinstance(band, tuple | list) or len(band) != 2:
            raise InvalidValue(expected(f"bands[{i}]", "a (first year, rate) pair", band))
        first, rate = band
        if isinstance(first, bool) or not isinstance(first, int) or first < 0:
            raise InvalidValue(expected(f"bands[{i}]", "a first year >= 0", first))
        out.append((first, _rate_value(f"bands[{i}]", rate)))
    if out[0][0] != 0 or any(a[0] >= b[0] for a, b in itertools.pairwise(out)):
        raise InvalidValue(expected("bands", "first years rising from 0", [b[0] for b in out]))
    return tuple(out)


def _percent(rate: Fraction) -> str:
    return f"{float(rate * 100):.1f}%" if (rate * 1000).denominator == 1 else f"{rate * 100}%"


@attrs.frozen
class DiscountRate:
    """A discount rate by year: one rate, or bands that step down (the Green Book's).

    Args:
        bands: ``(first year, rate)`` pairs, first years rising from 0; each rate holds
            from its first year until the next band's.
        name: How the explanation names it, e.g. "the Green Book rate".

    Examples:
        >>> GREEN_BOOK.rate(30), GREEN_BOOK.rate(31), GREEN_BOOK.rate(301)
        (Fraction(7, 200), Fraction(3, 100), Fraction(1, 100))
        >>> GREEN_BOOK.factor(1), GREEN_BOOK.factor(0)
        (Fraction(200, 207), Fraction(1, 1))
        >>> round(float(GREEN_BOOK.factor(10)), 4)  # Green Book Table 8 shows 0.709
        0.7089
        >>> DiscountRate.flat("6%").describe()
        'a flat rate of 6.0%'
    """

    bands: tuple[tuple[int, Fraction], ...] = attrs.field(converter=_bands)
    name: str = attrs.field(default="", kw_only=True)

    @classmethod
    def flat(cls, rate: Fraction | str | int) -> DiscountRate:
        """One rate for every year."""
        return cls([(0, rate)])

    def rate(self, year: int) -> Fraction:
        """The rate that discounts year ``year`` back to year ``year - 1``."""
        found = self.bands[0][1]
        for first, rate in self.bands:
            if first <= year:
                found = rate
        return found

    def factor(self, year: int) -> Fraction:
        """The exact discount factor for year ``year`` (0 is the base year, factor 1)."""
        return self.factors(year)[year]

    def factors(self, last: int) -> list[Fraction]:
        """The exact factors for years 0 to ``last``."""
        if isinstance(last, bool) or not isinstance(last, int) or last < 0:
            raise InvalidValue(expected("year", "a whole number of years >= 0", last))
        if last > MAX_YEARS:
            raise LimitExceeded(
                expected("year", f"at most {MAX_YEARS} years from the base year", last)
            )
        out = [Fraction(1)]
        for t in range(1, last + 1):
            out.append(out[-1] / (1 + self.rate(t)))
        return out

    def describe(self) -> str:
        """The rate in words, band by band."""
        if len(self.bands) == 1:
            words = _percent(self.bands[0][1])
            return f"{self.name} of {words}" if self.name else f"a flat rate of {words}"
        parts = []
        for i, (first, rate) in enumerate(self.bands):
            if i + 1 < len(self.bands):
                span = f"{first}-{self.bands[i + 1][0] - 1}"
                parts.append(f"{_percent(rate)} for {'years ' if i == 0 else ''}{span}")
            else:
                parts.append(f"{_percent(rate)} from {first}")
        return f"{self.name or 'a declining rate'} ({', '.join(parts)})"


#: HM Treasury Green Book (2022), Annex A6, Table 8: the social time preference rate,
#: 3.5% for years 0-30 and declining thereafter, for discounting real values.
GREEN_BOOK = DiscountRate(
    [
        (0, Fraction(35, 1000)),
        (31, Fraction(3, 100)),
        (76, Fraction(25, 1000)),
        (126, Fraction(2, 100)),
        (201, Fraction(15, 1000)),
        (301, Fraction(1, 100)),
    ],
    name="the Green Book rate",
)


def _inflation_rate(value: Any) -> Fraction:
    return _rate_value("rate", value)


@attrs.frozen
class Inflation:
    """An inflation assumption, for moving amounts between cash and constant prices.

    Args:
        rate: The yearly rate, e.g. ``"2%"`` (GDP deflator forecasts are the Green Book's
            usual source), as a Fraction or a string; no floats.
        base_year: The year whose prices real amounts are in.

    Examples:
        >>> cpi = Inflation("2%", base_year=FinancialYear(2010))
        >>> cpi.nominal(Money.parse("£100"), FinancialYear(2012))
        Money(10404)
        >>> cpi.real(Money(10404), FinancialYear(2012))
        Money(10000)
    """

    rate: Fraction = attrs.field(converter=_inflation_rate)
    base_year: FinancialYear = attrs.field(
        kw_only=True, validator=attrs.validators.instance_of(FinancialYear)
    )

    def index(self, year: FinancialYear) -> Fraction:
        """The exact price index of ``year`` relative to the base year (base = 1)."""
        if not isinstance(year, FinancialYear):
            raise InvalidValue(expected("year", "a FinancialYear", year))
        gap = year - self.base_year
        if abs(gap) > MAX_YEARS:
            raise LimitExceeded(expected("year", f"within {MAX_YEARS} years of the base", year))
        return (1 + self.rate) ** gap

    def nominal(self, real: Money, year: FinancialYear) -> Money:
        """A base-year-price amount in ``year``'s cash prices, to the penny (half-even)."""
        return real.scale(self.index(year))

    def real(self, nominal: Money, year: FinancialYear) -> Money:
        """A cash amount of ``year`` in base-year prices, to the penny (half-even)."""
        return nominal.scale(1 / self.index(year))

    def describe(self) -> str:
        return f"inflation of {_percent(self.rate)} a year from {self.base_year} prices"


def round_keeping_sum(targets: Mapping[K, Fraction]) -> tuple[dict[K, Money], Money]:
    """Round exact pence to whole pence once: the total half-even, each part within a penny,
    the parts summing exactly to the rounded total (largest remainder, ties to the first:
    :func:`~sharegov.money.apportion` with ``round_total=True``).

    Examples:
        >>> parts, total = round_keeping_sum({"A": Fraction(1, 3), "B": Fraction(1, 3),
        ...                                   "C": Fraction(1, 3)})
        >>> parts, total
        ({'A': Money(1), 'B': Money(0), 'C': Money(0)}, Money(1))
    """
    parts = apportion(targets, round_total=True)
    return parts, sum(parts.values(), ZERO)


def _base(
    statement: Statement,
    base_year: FinancialYear | None,
    rate: Any = None,
    inflation: Any = None,
) -> tuple[FinancialYear, str]:
    """The base year and its words, after checking what :func:`npv` and :func:`payback` take."""
    if not isinstance(statement, Statement):
        raise InvalidValue(expected("statement", "a costs.Statement", statement))
    if rate is not None and not isinstance(rate, DiscountRate):
        raise InvalidValue(expected("rate", "a DiscountRate such as GREEN_BOOK", rate))
    if inflation is not None and not isinstance(inflation, Inflation):
        raise InvalidValue(expected("inflation", "an Inflation or None", inflation))
    first = statement.years[0]
    if base_year is None:
        return first, f"base year {first} (the statement's first year, taken as year 0)"
    if not isinstance(base_year, FinancialYear):
        raise InvalidValue(expected("base_year", "a FinancialYear", base_year))
    if base_year > first:
        raise InvalidValue(
            expected("base_year", f"a year no later than the statement's first, {first}", base_year)
        )
    return base_year, f"base year {base_year} (year 0)"


def _exact_values(
    statement: Statement,
    rate: DiscountRate | None,
    base: FinancialYear,
    inflation: Inflation | None,
) -> dict[str, list[Fraction]]:
    """Each council's net per year in exact pence, deflated and discounted as asked."""
    offsets = [year - base for year in statement.years]
    factors = rate.factors(max(offsets)) if rate is not None else None
    out: dict[str, list[Fraction]] = {}
    for party in statement.parties:
        row = []
        for year, t, net in zip(statement.years, offsets, statement.net(party), strict=True):
            value = Fraction(net.pence)
            if inflation is not None:
                value /= inflation.index(year)
            if factors is not None:
                value *= factors[t]
            row.append(value)
        out[party] = row
    return out


def _prices(inflation: Inflation | None, base: FinancialYear) -> str:
    if inflation is None:
        return f"amounts taken as already in real {base} prices"
    return f"cash amounts deflated to {inflation.base_year} prices by {inflation.describe()}"


@attrs.frozen
class PresentValue:
    """Net present values by council; from :func:`npv`."""

    rate: DiscountRate
    base_year: FinancialYear
    years: tuple[FinancialYear, ...]
    by_council: Mapping[str, Money] = attrs.field(converter=frozen_map)
    by_year: Mapping[str, tuple[Money, ...]] = attrs.field(converter=frozen_map)
    total: Money
    basis: str
    prices: str

    def explain(self) -> str:
        """The present values in words, with the rate, base year and prices stated.

        Examples:
            >>> from sharegov.costs import Category, CostItem, CostPlan
            >>> plan = CostPlan(["A", "B"], items=[CostItem("x", "Study", "£207",
            ...     category=Category.INVESTIGATION, year="2009/10")])
            >>> print(npv(plan.statement(years=1), rate=GREEN_BOOK,
            ...           base_year=FinancialYear(2008)).explain())
            Net present value at the Green Book rate (3.5% for years 0-30, 3.0% for 31-75, \
2.5% for 76-125, 2.0% for 126-200, 1.5% for 201-300, 1.0% from 301), base year 2008/09 \
(year 0); amounts taken as already in real 2008/09 prices:
              A: -£100.00
              B: -£100.00
              All: -£200.00
        """
        lines = [f"Net present value at {self.rate.describe()}, {self.basis}; {self.prices}:"]
        lines.extend(f"  {p}: {m}" for p, m in self.by_council.items())
        lines.append(f"  All: {self.total}")
        return "\n".join(lines)

    def to_dataframe(self) -> Any:
        """One row per council and year: discounted net in pence (int64) and pounds (float).

        The per-year values are each rounded to the penny for display; the council totals
        in :attr:`by_council` are rounded once from the exact sum.
        """
        pd = require("pandas", "simulate")
        rows = [
            (str(year), p, t, self.by_year[p][t].pence)
            for p in self.by_year
            for t, year in enumerate(self.years)
        ]
        frame = pd.DataFrame(rows, columns=["year", "council", "index", "pv_pence"])
        frame["pv_pence"] = frame["pv_pence"].astype("int64")
        frame["pv_pounds"] = frame["pv_pence"] / 100.0
        return frame.drop(columns="index")

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{esc(p)}</td><td>{esc(str(m))}</td></tr>" for p, m in self.by_council.items()
        )
        return (
            "<div><table><thead><tr><th>council</th><th>net present value</th></tr></thead>"
            f"<tbody>{rows}<tr><td>All</td><td>{esc(str(self.total))}</td></tr></tbody></table>"
            f"<p>{esc(self.explain().splitlines()[0])}</p></div>"
        )


def npv(
    statement: Statement,
    *,
    rate: DiscountRate = GREEN_BOOK,
    base_year: FinancialYear | None = None,
    inflation: Inflation | None = None,
) -> PresentValue:
    """Each council's net present value of a statement, exact and rounded once.

    Args:
        statement: From :meth:`~sharegov.costs.CostPlan.statement`.
        rate: A :class:`DiscountRate`; the Green Book's by default.
        base_year: Year 0; the statement's first year when None (and the explanation says
            it was taken so). A year after the statement's first is refused.
        inflation: Given, the statement's amounts are taken as cash and deflated to its base
            year's prices before discounting; None, they are taken as real already.
    """
    base, basis = _base(statement, base_year, rate, inflation)
    exact = _exact_values(statement, rate, base, inflation)
    by_council, total = round_keeping_sum({p: sum(v, Fraction(0)) for p, v in exact.items()})
    by_year = {p: tuple(Money(round(v)) for v in row) for p, row in exact.items()}
    return PresentValue(
        rate,
        base,
        statement.years,
        by_council,
        by_year,
        total,
        basis,
        _prices(inflation, base),
    )


@attrs.frozen
class Payback:
    """The payback year of each council, on discounted or undiscounted values."""

    years: Mapping[str | None, FinancialYear | None] = attrs.field(converter=frozen_map)
    discounted: bool
    last: FinancialYear
    words: str

    def explain(self) -> str:
        lines = [f"Payback on {self.words}:"]
        for p, year in self.years.items():
            name = "All" if p is None else p
            back = f"pays back in {year}" if year else f"not paid back by {self.last}"
            lines.append(f"  {name}: {back}")
        return "\n".join(lines)


def _first_from(years: Sequence[FinancialYear], values: Sequence[Fraction]) -> FinancialYear | None:
    """The first year from which the running total stays at or above zero."""
    found: FinancialYear | None = None
    running = Fraction(0)
    for year, value in zip(years, values, strict=True):
        running += value
        if running < 0:
            found = None
        elif found is None:
            found = year
    return found


def payback(
    statement: Statement,
    *,
    discounted: bool,
    rate: DiscountRate = GREEN_BOOK,
    base_year: FinancialYear | None = None,
    inflation: Inflation | None = None,
) -> Payback:
    """The first year from which each council's cumulative net stays at or above zero.

    ``discounted`` must be given: True discounts each year's net at ``rate`` (from
    ``base_year``), False takes the cash (or, with ``inflation``, real) values as they are.
    The test is made on exact values, so rounding never moves a payback year.

    Examples:
        >>> from sharegov.costs import Category, CostItem, CostPlan, SavingsStream
        >>> plan = CostPlan(["A"], items=[CostItem("x", "Set-up", "£100",
        ...     category=Category.IMPLEMENTATION, year="2010/11")],
        ...     savings=[SavingsStream("s", "Saving", "£50", start=FinancialYear(2011))])
        >>> st = plan.statement(years=3)
        >>> payback(st, discounted=False).years["A"], payback(st, discounted=True).years["A"]
        (FinancialYear(2012), None)
    """
    if not isinstance(discounted, bool):
        raise InvalidValue(expected("discounted", "True or False", discounted))
    base, basis = _base(statement, base_year, rate, inflation)
    exact = _exact_values(statement, rate if discounted else None, base, inflation)
    years: dict[str | None, FinancialYear | None] = {
        p: _first_from(statement.years, exact[p]) for p in statement.parties
    }
    whole = [sum(col, Fraction(0)) for col in zip(*exact.values(), strict=True)]
    years[None] = _first_from(statement.years, whole)
    if discounted:
        words = f"values discounted at {rate.describe()}, {basis}"
    else:
        words = "undiscounted values"
    if inflation is not None:
        words += f"; {_prices(inflation, base)}"
    return Payback(years, discounted, statement.years[-1], words)


def reprice(
    statement: Statement, inflation: Inflation, *, to: Literal["nominal", "real"]
) -> Statement:
    """The statement in other prices: ``to="nominal"`` takes its amounts as real (in the
    inflation's base-year prices) and gives cash; ``to="real"`` the reverse.

    Each amount is scaled once, to the penny (half-even), so every council's row is exact in
    its own right and the whole arrangement's figures are their sums. A note records it.

    Examples:
        >>> from sharegov.costs import Category, CostItem, CostPlan
        >>> plan = CostPlan(["A"], items=[CostItem("x", "Running", "£100",
        ...     category=Category.RUNNING, year="2010/11", recurring=True)])
        >>> cash = reprice(plan.statement(years=3), Inflation("2%", base_year=FinancialYear(2010)),
        ...                to="nominal")
        >>> [str(m) for m in cash.pays["A"]], cash.notes[-1]
        (['£100.00', '£102.00', '£104.04'], 'Amounts in cash prices: inflation of 2.0% a year \
from 2010/11 prices.')
    """
    if not isinstance(statement, Statement):
        raise InvalidValue(expected("statement", "a costs.Statement", statement))
    if not isinstance(inflation, Inflation):
        raise InvalidValue(expected("inflation", "an Inflation", inflation))
    if to not in ("nominal", "real"):
        raise InvalidValue(expected("to", "'nominal' or 'real'", to))
    move = inflation.nominal if to == "nominal" else inflation.real

    def row(amounts: Sequence[Money]) -> tuple[Money, ...]:
        return tuple(move(m, y) for m, y in zip(amounts, statement.years, strict=True))

    words = "cash prices" if to == "nominal" else f"real {inflation.base_year} prices"
    return attrs.evolve(
        statement,
        pays={p: row(statement.pays[p]) for p in statement.parties},
        receives={p: row(statement.receives[p]) for p in statement.parties},
        notes=(*statement.notes, f"Amounts in {words}: {inflation.describe()}."),
    )
