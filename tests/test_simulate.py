"""Simulation: reproducible across chunk sizes and on Dask, right distributions, exact edges."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

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
    MatchFunding,
    Proportional,
    SavingsStream,
)
from sharegov.errors import InvalidRule, InvalidValue, UnknownId
from sharegov.money import FinancialYear
from sharegov.simulate import (
    BLOCK,
    FixedAmount,
    Flow,
    Model,
    Pert,
    Triangular,
    Uniform,
    as_distribution,
)

np = pytest.importorskip("numpy")
FY = FinancialYear(2008)


def three_council_model() -> Model:
    """Seed 002's shape: three councils, a £0.5M grant, ICT led by HDC. Amounts illustrative."""
    usage = Proportional({"HDC": 3, "SCDC": 2, "CCC": 4}, basis="ICT users")
    return Model(
        ["HDC", "SCDC", "CCC"],
        [
            Flow("tcf", "Transformation Challenge Fund", "£0.5M", kind="grant", start=FY),
            Flow("pm", "Programme management", Triangular("£300k", "£450k", "£700k"),
                 kind="cost", start=FY, years=2, per_year=True),
            Flow("ict-build", "ICT integration", Pert("£400k", "£600k", "£1.1M"), kind="cost",
                 start=FY + 1, split=usage),
            Flow("ict-saving", "ICT saving", Uniform("£200k", "£450k"), kind="saving",
                 start=dt.date(2010, 1, 1), years=None, split=usage),
            Flow("legal", "Legal saving", Triangular("£50k", "£120k", "£150k"), kind="saving",
                 start=FY + 2, years=None, per_year=True, split=LeadPays("CCC")),
        ],
        years=6,
    )  # fmt: skip


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3 * BLOCK), st.integers(1, 5 * BLOCK), st.integers(0, 2**32))
def test_same_seed_identical_across_chunk_sizes(n: int, chunk: int, seed: int) -> None:
    model = three_council_model()
    a = model.run(n, seed=seed, chunk_size=chunk).net
    b = model.run(n, seed=seed, chunk_size=BLOCK).net
    assert a.shape == (n, 3, 6)
    assert np.array_equal(a, b)


def test_smaller_run_is_a_prefix_and_seeds_differ() -> None:
    model = three_council_model()
    big = model.run(2 * BLOCK + 7, seed=3).net
    assert np.array_equal(model.run(100, seed=3).net, big[:100])
    assert not np.array_equal(model.run(100, seed=4).net, big[:100])


def one_flow(dist: object, n: int = 200_000) -> object:
    model = Model(["A"], [Flow("x", "X", dist, kind="saving", start=FY)])
    return model.run(n, seed=11).net[:, 0, 0] / 100  # pounds


def test_uniform() -> None:
    x = one_flow(Uniform("£30k", "£40k"))
    assert x.min() >= 30_000
    assert x.max() <= 40_000
    assert abs(x.mean() - 35_000) < 4 * (10_000 / 12**0.5) / 200_000**0.5  # type: ignore[attr-defined]


def test_triangular_matches_its_cdf() -> None:
    low, mode, high = 60_000, 80_000, 120_000
    x = one_flow(Triangular("£60k", "£80k", "£120k"))
    assert low <= x.min()
    assert x.max() <= high
    assert abs(x.mean() - (low + mode + high) / 3) < 100  # type: ignore[attr-defined]
    # The CDF at the mode is (mode - low) / (high - low) = 1/3; and at 100k it is
    # 1 - (high - 100k)^2 / ((high - low)(high - mode)) = 5/6.
    sigma = (1 / 3 * 2 / 3 / 200_000) ** 0.5
    assert abs((x <= mode).mean() - 1 / 3) < 4 * sigma  # type: ignore[operator]
    assert abs((x <= 100_000).mean() - 5 / 6) < 4 * sigma  # type: ignore[operator]


def test_triangular_with_mode_at_an_end() -> None:
    x = one_flow(Triangular("£10k", "£10k", "£20k"), n=50_000)
    assert x.min() >= 10_000
    assert x.max() <= 20_000
    assert abs(x.mean() - 40_000 / 3) < 60  # type: ignore[attr-defined]


def test_pert_and_fixed() -> None:
    x = one_flow(Pert("£400k", "£600k", "£1.1M"))
    assert abs(x.mean() - (400_000 + 4 * 600_000 + 1_100_000) / 6) < 1_000  # type: ignore[attr-defined]
    fixed = one_flow(FixedAmount("£40k"), n=10)
    assert set(fixed.tolist()) == {40_000.0}  # type: ignore[attr-defined]
    assert as_distribution(Money(5)) == FixedAmount(Money(5))


def seed_001_plan() -> CostPlan:
    return CostPlan(
        ["BDC", "RBC"],
        items=[
            CostItem("analysis", "Analysis", "£35,000", category=Category.INVESTIGATION, year=FY),
            CostItem("business-case", "Business case", "£80,000",
                     category=Category.INVESTIGATION, year=FY),
            CostItem("interim", "Interim management", "£50,000", category=Category.RUNNING,
                     year=FY, incurred_by="RBC", shared=False),
        ],
        grants=[Grant("WMRIEP", "£30,000 to £40,000", covers={"analysis"})],
        match_funding=[MatchFunding("£40,000", covers={"business-case"})],
        savings=[SavingsStream("payroll", "Payroll", "£40k", start=dt.date(2008, 9, 1))],
    )  # fmt: skip


def test_fixed_amounts_reproduce_the_exact_statement() -> None:
    plan = seed_001_plan()
    statement = plan.statement(years=4, assume="low")
    model = Model.from_plan(plan, {"WMRIEP": Money.parse("£30k")}, years=4)
    net = model.run(5, seed=0).net
    for c, p in enumerate(plan.parties):
        exact = [m.pence for m in statement.net(p)]
        assert (net[:, c, :] == exact).all()
    result = model.run(5, seed=0)
    assert result.p_better_off() == {"BDC": 1.0, "RBC": 1.0}
    assert result.p_payback(within=2) == 0.0
    assert result.p_payback(within=3) == 1.0
    assert result.p_payback(within=4) == 1.0
    with pytest.raises(InvalidValue, match=r"^within: expected at most the 4 years simulated"):
        result.p_payback(within=9)  # beyond the horizon: unknown, not 0 and not 1


def test_results_are_money_at_the_edge() -> None:
    result = three_council_model().run(5_000, seed=7)
    quant = result.quantiles()
    assert set(quant) == {"HDC", "SCDC", "CCC"}
    assert all(isinstance(v, Money) for q in quant.values() for v in q.values())
    assert quant["HDC"][0.05] <= quant["HDC"][0.5] <= quant["HDC"][0.95]
    totals = result.totals()
    assert quant["CCC"][0.5] == Money(round(float(np.quantile(totals[:, 2], 0.5))))
    assert sum(result.mean().values(), Money(0)).pence == pytest.approx(
        totals.sum(axis=1).mean(), abs=2
    )
    better = result.p_better_off()
    assert better["CCC"] == float((totals[:, 2] > 0).mean())
    assert 0 <= result.p_payback(3) <= result.p_payback(6) <= 1
    df = result.to_dataframe()
    assert list(df.columns) == ["mean", "p5", "p50", "p95", "P(better off than alone)"]
    assert df.dtypes.astype(str).tolist() == ["float64"] * 5
    assert df.loc["HDC", "p50"] == quant["HDC"][0.5].pence / 100
    pence = result.to_dataframe(unit="pence")
    assert pence.dtypes.astype(str).tolist() == ["int64"] * 4 + ["float64"]
    assert pence.loc["HDC", "p50"] == quant["HDC"][0.5].pence
    assert df.astype(float).equals(df)
    scenarios = result.scenarios()
    assert scenarios.shape == (5_000, 3)
    assert scenarios["CCC"].tolist() == (totals[:, 2] / 100).tolist()
    assert result.scenarios(unit="pence").dtypes.astype(str).tolist() == ["int64"] * 3
    text = result.explain()
    assert text.startswith("Simulated 5,000 scenarios over 2008/09 to 2013/14 (seed 7):")
    assert f"better off than alone in {better['HDC']:.0%} of scenarios" in text
    assert "<table" in result._repr_html_()


def test_plots() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = three_council_model().run(2_000, seed=1)
    try:
        ax = result.plot_fan()
        assert len(ax.collections) == 2  # the 5-95% and 25-75% bands
        assert next(t.get_text() for t in ax.get_xticklabels()) == "2008/09"
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["5–95% of scenarios", "25–75% of scenarios", "median"]
        assert ax.yaxis.get_major_formatter()(-1_250_000, None) == "-£1.25M"
        result.plot_fan(council="HDC")
    finally:
        plt.close("all")


def test_validation() -> None:
    with pytest.raises(InvalidRule, match="share-based split rule"):
        Flow("x", "X", "£1", kind="cost", start=FY, split=Capped(Equal(), {"A": Money(1)}))
    with pytest.raises(InvalidValue, match="kind"):
        Flow("x", "X", "£1", kind="loss", start=FY)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="mode"):
        Triangular("£3", "£1", "£2")
    with pytest.raises(InvalidRule, match="lead"):
        Model(["A"], [Flow("x", "X", "£1", kind="cost", start=FY, split=LeadPays("B"))])
    model = Model(["A"], [Flow("x", "X", "£1", kind="cost", start=FY)])
    for bad in ({"n": 0}, {"n": 1.5}, {"chunk_size": 0}):
        with pytest.raises(InvalidValue):
            model.run(**{"n": 10, "seed": 1, **bad})  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="seed"):
        model.run(10, seed=-1)
    with pytest.raises(UnknownId):
        Model.from_plan(seed_001_plan(), {"nope": Money(1)})
    unequal = CostPlan(
        ["A", "B"],
        items=[CostItem("x", "X", "£1", category=Category.RUNNING, year=FY)],
        match_funding=[MatchFunding("£1", parties=("A",))],
    )
    with pytest.raises(InvalidRule, match="match funding in the proportions"):
        Model.from_plan(unequal)
    result = model.run(3, seed=1)
    with pytest.raises(UnknownId):
        result.p_payback(1, council="B")
    with pytest.raises(InvalidValue):
        result.quantiles([1.5])


def test_grant_share_follows_the_cost_split() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("x", "X", "£90", category=Category.RUNNING, year=FY)],
        grants=[Grant("F", "£30")],
        cost_split=Proportional({"A": 2, "B": 1}),
    )
    net = Model.from_plan(plan, years=1).run(1, seed=0).net[0, :, 0]
    assert net.tolist() == [-4000.0, -2000.0]  # (£90 - £30) split 2:1, in pence


def test_import_does_not_load_numpy() -> None:
    code = "import sys, sharegov.simulate, sharegov.costs; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_scenario_is_one_scenario() -> None:
    model = Model(["A", "B"], [Flow("s", "Saving", "£10k", kind="saving", start="2010/11")])
    text = model.run(1, seed=0).explain(within=1)
    assert text.startswith("Simulated 1 scenario over 2010/11 (seed 0):")
    assert "pays back within 1 year in 100% of scenarios" in text
    assert "within 1 year in" in model.run(1, seed=0).explain()
    with pytest.raises(InvalidValue, match="within"):
        model.run(1, seed=0).explain(within=2)


def test_distribution_errors_show_pounds_not_money_reprs() -> None:
    with pytest.raises(InvalidValue) as bad:
        Triangular("£1", "£9", "£5")
    assert str(bad.value) == "mode: expected low <= mode <= high, got £1.00, £9.00, £5.00"
    with pytest.raises(InvalidValue, match=r"^high: expected at least low \(£5.00\), got £1.00$"):
        Uniform("£5", "£1")


def test_summed_triangular_rows_are_their_own_draws_added_up() -> None:
    # Rows only summed never become whole amounts: their roots are added, weighted, per
    # segment of rows (runs broken by payer, by sign, by a whole row needed for a grant,
    # and longer than a segment). Each council's net must still be the sum of its own
    # draws, as result.inputs() redraws them whole, to within half a penny a draw.
    from sharegov.simulate import _GROUP

    payers = ["A", "A", "B", "A"] + ["C"] * (2 * _GROUP + 3) + ["B", "B"]
    saving = {1, len(payers) - 1}
    flows = [
        Flow(f"t{i}", "Item", Triangular(f"£{10 + i}", f"£{20 + 2 * i}", f"£{40 + 3 * i}"),
             kind="saving" if i in saving else "cost", start=FY, split=LeadPays(p))
        for i, p in enumerate(payers)
    ] + [
        Flow("g", "Grant", Triangular("£1", "£5", "£9"), kind="grant", start=FY,
             covers=["t2"]),
        Flow("u", "Uniform", Uniform("£3", "£8"), kind="cost", start=FY, split=LeadPays("B")),
    ]  # fmt: skip
    model = Model(["A", "B", "C"], flows)
    n = 2 * BLOCK + 3
    result = model.run(n, seed=11, chunk_size=BLOCK)
    assert np.array_equal(result.net, model.run(n, seed=11).net)
    inputs = result.inputs(limit=n) * 100
    expected = np.zeros((n, 3))
    count = np.zeros(3)
    for i, p in enumerate([*payers, "B"]):
        c, name = "ABC".index(p), f"t{i}" if i < len(payers) else "u"
        sign = 1 if i in saving else -1
        expected[:, c] += sign * inputs[name].to_numpy()
        count[c] += 1
    spent = np.minimum(inputs["g"].to_numpy(), inputs["t2"].to_numpy())
    expected[:, 1] += spent  # the grant covers B's item t2, capped at its cost
    diff = np.abs(result.net[:, :, 0] - expected)
    assert (diff <= count / 2 + 0.5).all()
    assert diff.max() > 0  # the summed rows were rounded once per sum, not each


def test_fixed_is_said_only_of_a_result_that_cannot_vary() -> None:
    certain = Model(["A", "B"], [Flow("s", "Saving", "£10k", kind="saving", start="2010/11")])
    text = certain.run(50, seed=0).explain()
    assert "No figure in the plan is uncertain: the result is fixed." in text
    assert "  A: £5,000.00 in every scenario; better off than alone in 100% of scenarios" in text
    assert "90% between" not in text
    ranged = Flow("s", "Saving", Uniform("£8k", "£12k"), kind="saving", start="2010/11")
    for n in (1, 50):  # one scenario of an uncertain plan is not a fixed result
        text = Model(["A", "B"], [ranged]).run(n, seed=0).explain()
        assert "fixed" not in text
        assert "in every scenario" not in text
        assert "90% between" in text
