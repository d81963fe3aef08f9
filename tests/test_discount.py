"""Discounting and payback: Green Book factors, exact present values, payback both ways."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import Money
from sharegov.costs import Category, CostItem, CostPlan, SavingsStream, Statement
from sharegov.discount import (
    GREEN_BOOK,
    DiscountRate,
    Inflation,
    npv,
    payback,
    round_keeping_sum,
)
from sharegov.errors import InvalidValue, LimitExceeded
from sharegov.money import FinancialYear

FY = FinancialYear(2010)


def statement(nets: dict[str, list[int]]) -> Statement:
    """A statement straight from net pence per year (positive: receives)."""
    years = tuple(FY + i for i in range(len(next(iter(nets.values())))))
    pays = {p: [Money(max(-v, 0)) for v in row] for p, row in nets.items()}
    gets = {p: [Money(max(v, 0)) for v in row] for p, row in nets.items()}
    return Statement(tuple(nets), years, pays, gets)


def test_green_book_schedule_and_published_factors() -> None:
    # Green Book (2022) Annex A6: 3.5% to year 30, then 3.0%, 2.5%, 2.0%, 1.5%, 1.0%.
    expected = {0: "0.035", 30: "0.035", 31: "0.03", 75: "0.03", 76: "0.025", 125: "0.025"}
    expected |= {126: "0.02", 200: "0.02", 201: "0.015", 300: "0.015", 301: "0.01", 400: "0.01"}
    for year, rate in expected.items():
        assert GREEN_BOOK.rate(year) == Fraction(rate), year
    # The familiar published factors: 0.9662 (1), 0.7089 (10), 0.3563 (30).
    assert round(float(GREEN_BOOK.factor(1)), 4) == 0.9662
    assert round(float(GREEN_BOOK.factor(10)), 4) == 0.7089
    assert round(float(GREEN_BOOK.factor(30)), 4) == 0.3563
    # Beyond 30 the factor continues from year 30 at the lower rate (no jump).
    assert GREEN_BOOK.factor(45) == Fraction(200, 207) ** 30 * Fraction(100, 103) ** 15
    assert math.isclose(float(GREEN_BOOK.factor(80)), 1.035**-30 * 1.03**-45 * 1.025**-5)


def test_factors_refuse_too_many_years() -> None:
    with pytest.raises(LimitExceeded, match="at most 500 years"):
        GREEN_BOOK.factor(501)
    with pytest.raises(TypeError):
        DiscountRate.flat(0.035)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="rising from 0"):
        DiscountRate([(1, "3%")])


def test_npv_by_hand_and_stated() -> None:
    # £207 paid in year 1 is £200 at 3.5%; £10,712.25 in year 2 is £10,000.
    st_ = statement({"A": [0, -20_700, 1_071_225]})
    pv = npv(st_, rate=GREEN_BOOK)
    assert pv.by_council["A"] == Money(1_000_000 - 20_000)
    text = pv.explain()
    assert text.startswith("Net present value at the Green Book rate (3.5% for years 0-30")
    assert "base year 2010/11 (the statement's first year, taken as year 0)" in text
    assert "amounts taken as already in real 2010/11 prices" in text


@given(
    st.lists(
        st.lists(st.integers(-(10**8), 10**8), min_size=4, max_size=4), min_size=1, max_size=4
    ),
    st.integers(0, 50),
)
def test_npv_rounded_once_and_sums(rows: list[list[int]], rate_permille: int) -> None:
    nets = {f"C{i}": row for i, row in enumerate(rows)}
    rate = DiscountRate.flat(Fraction(rate_permille, 1000))
    pv = npv(statement(nets), rate=rate)
    exact_total = Fraction(0)
    for p, row in nets.items():
        factor = 1 / (1 + rate.rate(1))
        exact = sum((Fraction(v) * factor**t for t, v in enumerate(row)), Fraction(0))
        exact_total += exact
        assert abs(pv.by_council[p].pence - exact) < 1
    assert pv.total == Money(round(exact_total))
    assert sum(pv.by_council.values(), Money(0)) == pv.total


def test_round_keeping_sum_ties_and_negatives() -> None:
    parts, total = round_keeping_sum({"A": Fraction(-1, 2), "B": Fraction(-1, 2)})
    assert total == Money(-1)
    assert sum(parts.values(), Money(0)) == total


def test_inflation_round_trip_and_deflated_npv() -> None:
    cpi = Inflation("2%", base_year=FY)
    assert cpi.index(FY + 2) == Fraction(51, 50) ** 2
    assert cpi.nominal(Money(10_000), FY + 2) == Money(10_404)
    assert cpi.real(Money(10_404), FY + 2) == Money(10_000)
    # Nominal £102 in year 1 is £100 real; at 0% discount the NPV is £100.
    st_ = statement({"A": [0, 10_200]})
    pv = npv(st_, rate=DiscountRate.flat(0), inflation=cpi)
    assert pv.total == Money(10_000)
    assert "cash amounts deflated to 2010/11 prices by inflation of 2.0% a year" in pv.explain()


def test_base_year_after_the_statement_is_refused() -> None:
    with pytest.raises(InvalidValue, match="base_year"):
        npv(statement({"A": [1]}), base_year=FY + 1)


def test_base_year_earlier_discounts_further() -> None:
    pv = npv(statement({"A": [20_700]}), base_year=FinancialYear(2009))
    assert pv.total == Money(20_000)
    assert "base year 2009/10 (year 0)" in pv.explain()


def test_payback_discounted_or_not_matches_brute_force() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("x", "Set-up", "£100k", category=Category.IMPLEMENTATION, year=FY)],
        savings=[SavingsStream("s", "Saving", "£34k", start=FY + 1)],
    )
    st_ = plan.statement(years=5)
    cash, disc = payback(st_, discounted=False), payback(st_, discounted=True)
    # Cash: -100 + 34 * 3 = 2 >= 0 in year 3 (2013/14); discounted needs another year.
    assert cash.years["A"] == FY + 3
    assert disc.years["A"] == FY + 4
    assert cash.years[None] == st_.payback_year()
    assert "Payback on undiscounted values:" in cash.explain()
    assert "Payback on values discounted at the Green Book rate" in disc.explain()
    with pytest.raises(InvalidValue, match="discounted"):
        payback(st_, discounted=None)  # type: ignore[arg-type]


def test_present_value_frame_is_numeric() -> None:
    pv = npv(statement({"A": [-20_700, 20_700], "<B>": [100, 0]}))
    frame = pv.to_dataframe()
    assert str(frame["pv_pence"].dtype) == "int64"
    assert str(frame["pv_pounds"].dtype) == "float64"
    assert frame["pv_pence"].tolist() == [-20_700, 20_000, 100, 0]
    assert "&lt;B&gt;" in pv._repr_html_()


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=6), st.integers(0, 10))
def test_reprice_nominal_then_real_is_within_a_penny(pence: list[int], pct: int) -> None:
    from sharegov.discount import reprice

    st_ = statement({"A": [-p for p in pence], "B": pence})
    cpi = Inflation(Fraction(pct, 100), base_year=FY)
    cash = reprice(st_, cpi, to="nominal")
    back = reprice(cash, cpi, to="real")
    for t, year in enumerate(st_.years):
        exact = Fraction(pence[t]) * cpi.index(year)
        assert abs(cash.receives["B"][t].pence - exact) <= Fraction(1, 2)
        assert abs(back.receives["B"][t].pence - pence[t]) <= 1
    assert cash.net() == tuple(a + b for a, b in zip(cash.net("A"), cash.net("B"), strict=True))
    assert cash.notes[-1] == f"Amounts in cash prices: {cpi.describe()}."


def test_hostile_rates_and_assumptions() -> None:
    with pytest.raises(TypeError, match="no floats"):
        Inflation(0.02, base_year=FY)
    with pytest.raises(InvalidValue, match="rate"):
        Inflation("two per cent", base_year=FY)
    with pytest.raises(InvalidValue, match="below 100%"):
        DiscountRate.flat("150%")
    with pytest.raises(InvalidValue, match="statement"):
        npv("statement")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="rate"):
        npv(statement({"A": [1]}), rate="3.5%")  # type: ignore[arg-type]
    with pytest.raises(LimitExceeded):
        Inflation("2%", base_year=FY).index(FinancialYear(2999))


def test_cli_split_npv(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from conftest import ROOT
    from sharegov.cli import main

    path = str(ROOT / "examples" / "bromsgrove_redditch.toml")
    assert main(["split", path, "--npv"]) == 0
    out = capsys.readouterr().out
    assert "Net present value at the Green Book rate (3.5% for years 0-30" in out
    assert "Payback on values discounted at the Green Book rate" in out
    assert main(["split", path, "--npv", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"rows", "npv", "discounted_payback", "explanation"}
    total = sum(Money.parse(v).pence for k, v in data["npv"].items() if k != "All")
    assert Money(total) == Money.parse(data["npv"]["All"])
    assert main(["split", path, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)  # unchanged without --npv
