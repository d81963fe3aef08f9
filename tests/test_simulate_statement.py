"""The simulation agrees with the exact statement: grants, years, splits, to the penny."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Money
from sharegov.costs import (
    Capped,
    Category,
    CostItem,
    CostPlan,
    Equal,
    Grant,
    LeadPays,
    Proportional,
)
from sharegov.errors import InvalidRule
from sharegov.money import FinancialYear
from sharegov.simulate import Flow, Model, Triangular, Uniform
from sharegov.strategies import simulation_plans

np = pytest.importorskip("numpy")
FY = FinancialYear(2008)


def simulated(plan: CostPlan, years: int, n: int = 3) -> object:
    return Model.from_plan(plan, years=years).run(n, seed=0).net


def exact(plan: CostPlan, years: int) -> list[list[int]]:
    statement = plan.statement(years=years, start=plan.first_year)
    return [[m.pence for m in statement.net(p)] for p in plan.parties]


def test_a_grant_on_one_councils_item_credits_only_that_council() -> None:
    # £60k grant on a £120k item paid by one council: only that council gains from it.
    plan = CostPlan(
        ["A", "B", "C"],
        items=[
            CostItem("ict", "ICT", "£120k", category=Category.IMPLEMENTATION, year=FY,
                     split=LeadPays("A")),
        ],
        grants=[Grant("Fund", "£60k", covers={"ict"})],
    )  # fmt: skip
    net = simulated(plan, years=1)
    assert net[0, :, 0].tolist() == [-6_000_000.0, 0.0, 0.0]
    assert exact(plan, 1) == [[-6_000_000], [0], [0]]


def test_a_grant_is_spent_in_the_years_of_the_costs_it_covers() -> None:
    # A £0.5M grant against £300k a year for two years: £300k in the first, £200k in the
    # second, as the statement books it; never a lump in one year.
    plan = CostPlan(
        ["HDC", "SCDC", "CCC"],
        items=[
            CostItem("pm", "Programme management", "£300k", category=Category.IMPLEMENTATION,
                     year=FY, recurring=True, until=FY + 1),
        ],
        grants=[Grant("TCF", "£0.5M")],
    )  # fmt: skip
    net = simulated(plan, years=2)
    assert net[0].sum(axis=0).tolist() == [0.0, -10_000_000.0]
    assert net[0, :, 1].tolist() == [-3_333_334.0, -3_333_333.0, -3_333_333.0]
    assert [list(r) for r in net[0]] == exact(plan, 2)


def test_a_grant_is_capped_at_the_cost_it_covers() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("x", "X", "£10k", category=Category.RUNNING, year=FY)],
        grants=[Grant("F", "£50k")],
    )
    net = simulated(plan, years=2)
    assert net[0].tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_uncertain_grant_never_exceeds_the_cost() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("x", "X", "£10k to £30k", category=Category.RUNNING, year=FY)],
        grants=[Grant("F", "£15k to £25k")],
    )
    net = Model.from_plan(plan, years=1).run(5_000, seed=2).net
    assert net.max() <= 0  # the grant never leaves a council in credit
    assert (net.sum(axis=1) == 0).any()  # and sometimes covers the whole cost


@settings(max_examples=150, deadline=None)
@given(simulation_plans())
def test_fixed_amounts_equal_the_statement_to_the_penny(plan: CostPlan) -> None:
    years = 4
    net = simulated(plan, years, n=2)
    for c, row in enumerate(exact(plan, years)):
        assert net[0, c].tolist() == row
        assert net[1, c].tolist() == row


def test_rules_it_cannot_simulate_are_refused_naming_the_item() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("ict", "ICT", "£1", category=Category.RUNNING, year=FY,
                        split=Capped(Equal(), {"A": Money(1)}))],
    )  # fmt: skip
    with pytest.raises(InvalidRule, match=r"^items\[0\] \(ict\): split: expected a share"):
        Model.from_plan(plan)


def test_a_rule_with_its_own_split_is_refused_naming_the_flow() -> None:
    @attrs.frozen
    class WholePounds(Equal):
        """Shares equally but splits to whole pounds: not a fixed share of the amount."""

        def split(self, amount: Money, parties: Sequence[str]) -> dict[str, Money]:
            return super().split(amount, parties)

    with pytest.raises(InvalidRule, match=r"^flows\[1\] \(ict\)\.split: the simulation cannot"):
        Model(
            ["A", "B"],
            [
                Flow("rent", "Rent", "£1", kind="cost", start=FY),
                Flow("ict", "ICT", "£1", kind="cost", start=FY, split=WholePounds()),
            ],
        )


def test_a_bare_model_grant_without_covers_is_an_income() -> None:
    model = Model(
        ["A", "B"],
        [
            Flow("g", "Grant", "£1", kind="grant", start=FY, split=Proportional({"A": 2, "B": 1})),
            Flow("c", "Cost", Triangular("£1", "£2", "£3"), kind="cost", start=FY),
        ],
    )
    net = model.run(1, seed=0).net[0, :, 0]
    assert net.sum() <= 100 - 100  # £1 in, at least £1 out
    assert all(float(v).is_integer() for v in net)


@settings(max_examples=40, deadline=None)
@given(simulation_plans(), st.integers(0, 2**32))
def test_each_scenario_is_the_statement_of_its_own_draws(plan: CostPlan, seed: int) -> None:
    # Make every amount uncertain, run, then rebuild each scenario from its own draws with
    # the amounts fixed: that is the exact statement, so the two must agree (to the odd
    # penny where draws feeding whole-share sums are rounded once per sum, not each).
    uncertain: dict[str, object] = {}
    for item in plan.items:
        if item.shared and isinstance(item.amount, Money) and item.amount.pence > 0:
            a = item.amount
            uncertain[item.id] = Triangular(a.scale(Fraction(1, 2)), a, a.scale(2))
    for grant in plan.grants:
        if isinstance(grant.amount, Money) and grant.amount.pence > 0:
            uncertain[grant.funder] = Uniform(Money(0), grant.amount.scale(2))
    for stream in plan.savings:
        if isinstance(stream.amount, Money) and stream.amount.pence > 0:
            uncertain[stream.id] = Uniform(stream.amount, stream.amount.scale(3))
    model = Model.from_plan(plan, uncertain, years=4)
    result = model.run(3, seed=seed)
    inputs = result.inputs()
    for s in range(3):
        drawn = {k: Money(round(inputs.loc[s, k] * 100)) for k in uncertain}
        again = Model.from_plan(plan, drawn, years=4).run(1, seed=0).net[0]
        assert np.abs(result.net[s] - again).max() <= len(uncertain)
