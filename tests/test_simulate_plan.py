"""Model.from_plan names the plan entry whose split the simulation cannot use."""

from __future__ import annotations

import datetime as dt

import pytest

from sharegov.costs import Capped, Category, CostItem, CostPlan, Equal, Floored, SavingsStream
from sharegov.errors import InvalidRule
from sharegov.money import FinancialYear, Money
from sharegov.simulate import Model

FY = FinancialYear(2010)
LINEAR = "split: expected a share-based split rule (caps and floors depend on the amount), got"


def test_an_item_with_a_capped_split_is_named() -> None:
    capped = Capped(Equal(), {"A": Money(100)})
    plan = CostPlan(
        ["A", "B"],
        items=[
            CostItem("ok", "Fine", "£1k", category=Category.RUNNING, year=FY),
            CostItem("cap", "Capped", "£1k", category=Category.RUNNING, year=FY, split=capped),
        ],
    )
    with pytest.raises(InvalidRule) as error:
        Model.from_plan(plan)
    assert str(error.value) == f"items[1] (cap): {LINEAR} {capped.describe()!r}"


def test_a_saving_with_a_floored_split_is_named() -> None:
    floored = Floored(Equal(), {"B": Money(100)})
    plan = CostPlan(
        ["A", "B"],
        savings=[SavingsStream("pay", "Payroll", "£40k", start=dt.date(2010, 9, 1), split=floored)],
    )
    with pytest.raises(InvalidRule) as error:
        Model.from_plan(plan)
    assert str(error.value) == f"savings[0] (pay): {LINEAR} {floored.describe()!r}"
