"""Months in a financial year, written once (costs.months_in) and used by the statement's
year fractions, savings streams and the simulation's flows: checked against counting the
calendar months one by one."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sharegov.costs import SavingsStream, months_in, year_fraction
from sharegov.money import FinancialYear, Money
from sharegov.simulate import Flow

starts = st.one_of(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.integers(2000, 2030).map(FinancialYear),
)
lengths = st.one_of(st.none(), st.integers(1, 6))


def _by_hand(start: dt.date | FinancialYear, years: int | None, last: int) -> Counter[int]:
    """Each financial year's months, counting calendar months from the start's month."""
    if isinstance(start, FinancialYear):
        year, month = start.start_year, 4
    else:
        year, month = start.year, start.month
    count: Counter[int] = Counter()
    months = 12 * (last - year + 2) if years is None else 12 * years
    for _ in range(months):
        fy = year if month >= 4 else year - 1
        if fy <= last:
            count[fy] += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return count


@given(starts, lengths)
def test_months_in_each_year_match_a_count_by_hand(
    start: dt.date | FinancialYear, years: int | None
) -> None:
    first = start.start_year if isinstance(start, FinancialYear) else start.year - 1
    last = first + 8
    count = _by_hand(start, years, last)
    running = 0
    for y in range(first - 1, last + 1):
        fy = FinancialYear(y)
        through, before = months_in(start, years, fy)
        assert before == running
        assert through - before == count[y]
        running = through
        assert year_fraction(start, years, fy) == Fraction(count[y], 12)
        flow = Flow("f", "F", "£1", kind="saving", start=start, years=years)
        assert flow.running_in(fy) == (Fraction(through, 12), Fraction(before, 12))
        stream = SavingsStream("s", "S", "£1", start=start, years=years)
        annual = Money(1_234_567)
        assert stream.amount_in(fy, annual) == annual.scale(Fraction(through, 12)) - annual.scale(
            Fraction(before, 12)
        )
    if years is not None:
        assert running == 12 * years
