"""Money: exact pence, parsing as written in council papers, exact allocation, financial years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import Money, SharegovError, allocate
from sharegov.errors import InvalidValue
from sharegov.money import FinancialYear, MoneyRange, apportion
from sharegov.strategies import allocation_weights, moneys

CODES = ["BDC", "RBC", "HDC", "SCDC", "CCC"]


def test_contract() -> None:
    assert Money(4_000_000) == Money.parse("£40,000")
    assert str(Money(4_000_000)) == "£40,000.00"
    assert str(Money(-123_450)) == "-£1,234.50"
    assert allocate(Money(10_000), {"A": 1, "B": 1, "C": 1}) == {
        "A": Money(3_334),
        "B": Money(3_333),
        "C": Money(3_333),
    }


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("£40,000", 4_000_000),
        ("£40,000.00", 4_000_000),
        ("-£1,234.50", -123_450),
        ("£-1,234.50", -123_450),
        ("£30k", 3_000_000),
        ("£0.5M", 50_000_000),  # seed 002: "£0.5M from the Transformation Challenge Fund"
        ("£19.2m", 1_920_000_000),  # seed 003: "net savings of £19.2m over 3 years"
        ("£54m", 5_400_000_000),
        ("£1.5bn", 150_000_000_000),
        ("40000", 4_000_000),
        ("£0.01", 1),
    ],
)
def test_parse(text: str, pence: int) -> None:
    assert Money.parse(text) == Money(pence)


@pytest.mark.parametrize("text", ["", "£", "forty pounds", "£1.234", "£30,000 to £40,000", "£1e3"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(InvalidValue, match="amount: expected"):
        Money.parse(text)


def test_range_text_points_to_money_range() -> None:
    with pytest.raises(InvalidValue, match="MoneyRange.parse"):
        Money.parse("£30,000 to £40,000")


@pytest.mark.parametrize("bad", [40_000.0, 0.5, True, "40000", Decimal(1)])
def test_only_int_pence(bad: object) -> None:
    with pytest.raises(TypeError, match="pence: expected a whole number of pence"):
        Money(bad)  # type: ignore[arg-type]


def test_no_float_anywhere() -> None:
    with pytest.raises(TypeError):
        Money(100) * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(100).scale(0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.from_pounds(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate(Money(100), {"A": 0.5, "B": 0.5})
    with pytest.raises(TypeError):
        Money(100) + 1.0  # type: ignore[operator]


def test_arithmetic_and_order() -> None:
    a, b = Money.parse("£30k"), Money.parse("£40k")
    assert a + b == Money.parse("£70k")
    assert b - a == Money.parse("£10k")
    assert sorted([b, a]) == [a, b]
    assert sum([a, b]) == Money.parse("£70k")
    assert b / a == Fraction(4, 3)
    assert Money(0) is not None
    assert not Money(0)
    assert Money.from_pounds("0.5") == Money(50)
    assert Money(123_450).pounds == Decimal("1234.50")
    with pytest.raises(InvalidValue):
        Money.from_pounds(Fraction(1, 3))


def test_hashable_and_short() -> None:
    assert len({Money(1), Money(1), Money(2)}) == 2
    assert Money.parse("£0.5M").short() == "£0.5M"
    assert Money.parse("£19.2m").short() == "£19.2M"
    assert Money.parse("£40,000").short() == "£40k"
    assert Money(5).short() == "£0.05"


@given(st.integers(-(10**15), 10**15))
def test_str_parse_round_trip(pence: int) -> None:
    money = Money(pence)
    assert Money.parse(str(money)) == money
    assert Money.parse(money.short()) == money


def test_money_range() -> None:
    grant = MoneyRange.parse("between £30,000 to £40,000")  # seed 001, report 4.3
    assert (grant.low, grant.high) == (Money.parse("£30k"), Money.parse("£40k"))
    assert MoneyRange.parse("£30,000 to £40,000") == grant
    assert MoneyRange.parse("£30,000 – £40,000") == grant
    assert MoneyRange.parse("£30k and £40k") == grant
    assert grant.midpoint == Money.parse("£35k")
    assert grant.width == Money.parse("£10k")
    assert Money.parse("£30k") in grant
    assert Money.parse("£40,000.01") not in grant
    assert MoneyRange(Money(1), Money(2)).midpoint == Money(2)  # 1.5 rounds half-even to 2
    assert MoneyRange(Money(3), Money(4)).midpoint == Money(4)  # 3.5 rounds to 4
    with pytest.raises(InvalidValue, match="high: expected at least"):
        MoneyRange("£40k", "£30k")
    with pytest.raises(InvalidValue, match="range: expected"):
        MoneyRange.parse("£30k to")


@given(moneys(), st.sampled_from(range(1, 6)).flatmap(lambda k: allocation_weights(CODES[:k])))
def test_allocation_sums_exactly_within_a_penny(total: Money, weights: dict[str, object]) -> None:
    parts = allocate(total, weights)  # type: ignore[arg-type]
    assert list(parts) == list(weights)
    assert sum(parts.values(), Money(0)) == total
    whole = sum(Fraction(w) for w in weights.values())  # type: ignore[arg-type]
    for code, part in parts.items():
        exact = total.pence * Fraction(weights[code]) / whole  # type: ignore[arg-type]
        assert abs(part.pence - exact) < 1
        if weights[code] == 0:
            assert part == Money(0)


@given(moneys(), allocation_weights(CODES[:3]))
def test_negative_total_is_allocated_the_same_way(total: Money, weights: dict[str, object]) -> None:
    assert allocate(-total, weights) == {  # type: ignore[arg-type]
        k: -v
        for k, v in allocate(total, weights).items()  # type: ignore[arg-type]
    }


@given(st.integers(0, 10**9), st.permutations(CODES))
def test_ties_go_in_the_order_given(pence: int, order: list[str]) -> None:
    parts = allocate(Money(pence), dict.fromkeys(order, 1))
    values = [parts[c].pence for c in order]
    assert values == sorted(values, reverse=True)  # the odd pennies go to the first given


def test_allocate_refuses() -> None:
    with pytest.raises(InvalidValue, match="at least one weight above zero"):
        allocate(Money(100), {"A": 0, "B": 0})
    with pytest.raises(InvalidValue, match="at least one weight above zero"):
        allocate(Money(100), {})
    with pytest.raises(InvalidValue, match=r"weights\['A'\]: expected a weight >= 0"):
        allocate(Money(100), {"A": -1, "B": 2})
    with pytest.raises(SharegovError):
        allocate(100, {"A": 1})  # type: ignore[arg-type]


def test_apportion_needs_a_whole_sum() -> None:
    with pytest.raises(InvalidValue):
        apportion({"A": Fraction(1, 2)})
    assert apportion({"A": Fraction(-5, 2), "B": Fraction(5, 2)}) == {"A": Money(-2), "B": Money(2)}


def test_financial_year() -> None:
    fy = FinancialYear.of(dt.date(2008, 9, 1))  # the board's first meeting
    assert fy == FinancialYear(2008) == FinancialYear.parse("2008/09")
    assert FinancialYear.parse("2008-2009") == fy
    assert (fy.start, fy.end) == (dt.date(2008, 4, 1), dt.date(2009, 3, 31))
    assert dt.date(2009, 3, 31) in fy
    assert dt.date(2009, 4, 1) not in fy
    assert FinancialYear.of(dt.date(2009, 4, 1)) == fy + 1
    assert (fy + 2) - fy == 2
    assert str(FinancialYear(1999)) == "1999/00"
    assert fy.months_from(dt.date(2008, 9, 1)) == Fraction(7, 12)
    assert fy.months_from(dt.date(2008, 4, 1)) == 1
    assert fy.months_from(dt.date(2009, 4, 1)) == 0
    with pytest.raises(InvalidValue):
        FinancialYear.parse("2008/10")
    with pytest.raises(InvalidValue):
        FinancialYear(2008.0)  # type: ignore[arg-type]


@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
def test_every_date_is_in_its_financial_year(day: dt.date) -> None:
    fy = FinancialYear.of(day)
    assert fy.start <= day <= fy.end
    assert day in fy
    assert day not in fy + 1
