"""Analyst features: lognormal and discrete inputs, rank correlation, sensitivity, plots,
numeric output and progress."""

from __future__ import annotations

import io
import math
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov.costs import LeadPays
from sharegov.errors import InvalidValue, UnknownId
from sharegov.money import FinancialYear, Money
from sharegov.simulate import (
    BLOCK,
    Discrete,
    FixedAmount,
    Flow,
    Lognormal,
    Model,
    RankCorrelation,
    Triangular,
    Uniform,
    tqdm_progress,
)
from sharegov.strategies import distributions

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
FY = FinancialYear(2008)
N = 200_000


def draws(dist: object, n: int = N, seed: int = 11) -> object:
    model = Model(["A"], [Flow("x", "X", dist, kind="saving", start=FY)])
    return model.run(n, seed=seed).net[:, 0, 0]  # pence


# -- distributions -------------------------------------------------------------------------


def test_lognormal_matches_its_analytic_moments() -> None:
    dist = Lognormal("£100k", "£200k")
    x = draws(dist)
    mu, sigma = math.log(10_000_000), math.log(2) / 1.6448536269514722
    mean = math.exp(mu + sigma**2 / 2)
    sd = math.sqrt((math.exp(sigma**2) - 1) * math.exp(2 * mu + sigma**2))
    assert dist.mean == pytest.approx(mean)
    assert abs(x.mean() - mean) < 4 * sd / math.sqrt(N)  # type: ignore[attr-defined]
    assert x.std() == pytest.approx(sd, rel=0.02)  # type: ignore[attr-defined]
    # The median and the 95th percentile are what the analyst gave.
    assert abs((x <= 10_000_000).mean() - 0.5) < 4 * math.sqrt(0.25 / N)  # type: ignore[operator]
    assert abs((x <= 20_000_000).mean() - 0.95) < 4 * math.sqrt(0.95 * 0.05 / N)  # type: ignore[operator]
    assert x.min() > 0  # type: ignore[attr-defined]
    assert (x == np.rint(x)).all()  # whole pence


def test_lognormal_from_mean_and_sd() -> None:
    dist = Lognormal.from_mean_sd("£100k", "£30k")
    x = draws(dist)
    assert abs(x.mean() - 10_000_000) < 4 * 3_000_000 / math.sqrt(N)  # type: ignore[attr-defined]
    assert x.std() == pytest.approx(3_000_000, rel=0.02)  # type: ignore[attr-defined]


def test_discrete_matches_its_probabilities() -> None:
    dist = Discrete([("£0", Fraction(3, 4)), ("£80k", Fraction(1, 4))])
    assert dist.mean == 2_000_000
    x = draws(dist)
    assert set(np.unique(x).tolist()) == {0.0, 8_000_000.0}
    assert abs((x == 0).mean() - 0.75) < 4 * math.sqrt(0.75 * 0.25 / N)  # type: ignore[operator]
    three = Discrete({"£1": "1/6", "£2": "1/3", "£3": "1/2"})
    y = draws(three, n=60_000)
    assert abs(y.mean() - float(three.mean)) < 4 * math.sqrt(5 / 9) * 100 / math.sqrt(60_000)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Lognormal("£0", "£1"), "median"),
        (lambda: Lognormal("£2", "£1"), "p95"),
        (lambda: Lognormal.from_mean_sd("£1", "£0"), "sd"),
        (lambda: Discrete({"£1": "1/2", "£2": "1/3"}), "outcomes"),
        (lambda: Discrete({"£1": 0.5, "£2": 0.5}), "probabilities"),
        (lambda: Discrete({"£1": "-1/2", "£2": "3/2"}), "probabilities"),
        (lambda: Discrete([]), "outcomes"),
        (lambda: Discrete([("£1", "1/2", 3)]), "outcomes[0]"),
    ],
)
def test_distribution_validation_names_the_field(make: object, field: str) -> None:
    with pytest.raises(InvalidValue, match="^" + re.escape(field) + ": expected"):
        make()  # type: ignore[operator]


# -- rank correlation (Iman-Conover) -------------------------------------------------------


def correlated(matrix: object, n: int = 10 * BLOCK) -> object:
    flows = [
        Flow("ict-build", "ICT build", Triangular("£400k", "£600k", "£1.1M"), kind="cost",
             start=FY, split=LeadPays("A")),
        Flow("ict-saving", "ICT saving", Uniform("£200k", "£450k"), kind="saving", start=FY,
             split=LeadPays("B")),
        Flow("legal", "Legal", Lognormal("£50k", "£90k"), kind="saving", start=FY,
             split=LeadPays("C")),
    ]  # fmt: skip
    corr = None if matrix is None else RankCorrelation(["ict-build", "ict-saving", "legal"], matrix)
    return Model(["A", "B", "C"], flows, correlation=corr).run(n, seed=5).net[:, :, 0]


def spearman(a: object, b: object) -> float:
    return float(pd.Series(a).rank().corr(pd.Series(b).rank()))


def test_rank_correlation_reaches_its_target_and_keeps_the_marginals() -> None:
    target = [[1, 0.7, -0.3], [0.7, 1, 0.0], [-0.3, 0.0, 1]]
    free, tied = correlated(None), correlated(target)
    # The cost is paid (negative), so its correlation with the saving is the negation.
    assert spearman(-tied[:, 0], tied[:, 1]) == pytest.approx(0.7, abs=0.03)
    assert spearman(-tied[:, 0], tied[:, 2]) == pytest.approx(-0.3, abs=0.03)
    assert spearman(tied[:, 1], tied[:, 2]) == pytest.approx(0.0, abs=0.03)
    assert abs(spearman(-free[:, 0], free[:, 1])) < 0.03
    # Exactly the same values, only paired differently (in whole blocks: a run that ends
    # part-way through a block uses a different part of that block's draws).
    for c in range(3):
        assert np.array_equal(np.sort(free[:, c]), np.sort(tied[:, c]))


def test_correlated_runs_are_identical_across_chunk_sizes() -> None:
    target = [[1, 0.7, 0], [0.7, 1, 0], [0, 0, 1]]
    flows = correlated(target, n=2 * BLOCK + 3)
    model_net = Model(
        ["A", "B", "C"],
        [
            Flow("ict-build", "ICT build", Triangular("£400k", "£600k", "£1.1M"), kind="cost",
                 start=FY, split=LeadPays("A")),
            Flow("ict-saving", "ICT saving", Uniform("£200k", "£450k"), kind="saving",
                 start=FY, split=LeadPays("B")),
            Flow("legal", "Legal", Lognormal("£50k", "£90k"), kind="saving", start=FY,
                 split=LeadPays("C")),
        ],
        correlation=RankCorrelation(["ict-build", "ict-saving", "legal"], target),
    ).run(2 * BLOCK + 3, seed=5, chunk_size=1).net[:, :, 0]  # fmt: skip
    assert np.array_equal(flows, model_net)


@pytest.mark.parametrize(
    ("names", "matrix", "message"),
    [
        (["a", "b"], [[1, 0.5], [0.4, 1]], r"^matrix\[1\]\[0\]: expected symmetric"),
        (["a", "b"], [[1, 0.5], [0.5, 0.9]], r"^matrix\[1\]\[1\]: expected 1 on the diagonal"),
        (["a", "b"], [[1, 1.5], [1.5, 1]], r"^matrix\[0\]\[1\]: expected a number from -1 to 1"),
        (["a", "b"], [[1, 0.5]], r"^matrix: expected 2 rows of 2"),
        (["a", "a"], [[1, 0], [0, 1]], r"^names: expected at least two distinct flow ids"),
        (
            ["a", "b", "c"],
            [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]],
            r"^matrix: expected positive semi-definite .* got 'least eigenvalue -0\.",
        ),
    ],
)
def test_correlation_matrix_is_validated(names: list[str], matrix: object, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        RankCorrelation(names, matrix)  # type: ignore[arg-type]


def test_correlation_names_must_be_uncertain_flows_drawn_once() -> None:
    flows = [
        Flow("a", "A", Uniform("£1", "£2"), kind="cost", start=FY),
        Flow("b", "B", FixedAmount("£1"), kind="cost", start=FY),
        Flow("c", "C", Uniform("£1", "£2"), kind="cost", start=FY, per_year=True),
    ]
    ok = [[1, 0.5], [0.5, 1]]
    with pytest.raises(UnknownId, match=r"^correlation.names\[1\]: expected a flow id, got 'z'"):
        Model(["A"], flows, correlation=RankCorrelation(["a", "z"], ok))
    for name in ("b", "c"):
        with pytest.raises(InvalidValue, match=r"^correlation.names\[1\]: expected an uncertain"):
            Model(["A"], flows, correlation=RankCorrelation(["a", name], ok))


# -- sensitivity ---------------------------------------------------------------------------


def sensitivity_model() -> Model:
    return Model(
        ["A", "B"],
        [
            Flow("big", "Big cost", Uniform("£0", "£100k"), kind="cost", start=FY,
                 split=LeadPays("A")),
            Flow("small", "Small cost", Uniform("£0", "£50k"), kind="cost", start=FY,
                 split=LeadPays("A")),
            Flow("other", "B's saving", Triangular("£0", "£10k", "£20k"), kind="saving",
                 start=FY, split=LeadPays("B")),
            Flow("rent", "Rent", "£5k", kind="cost", start=FY),
        ],
    )  # fmt: skip


def test_sensitivity_ranks_the_drivers_with_analytic_variance_shares() -> None:
    result = sensitivity_model().run(40_000, seed=3)
    table = result.sensitivity()
    assert list(table.columns) == ["spearman", "variance share", "low (£)", "high (£)"]
    assert table.dtypes.astype(str).tolist() == ["float64"] * 4
    a = table.loc["A"]
    assert list(a.index) == ["big", "small", "other"]  # by |rank correlation|; fixed rent left out
    # A linear model with independent uniforms: shares are 100^2 : 50^2 of the variance.
    assert a.loc["big", "variance share"] == pytest.approx(0.8, abs=0.01)
    assert a.loc["small", "variance share"] == pytest.approx(0.2, abs=0.01)
    assert a.loc["other", "variance share"] == pytest.approx(0.0, abs=0.01)
    assert a.loc["big", "spearman"] < -0.8  # a cost: more of it, worse off
    # Mean net when "big" is in its lowest 10% (about £5k) and highest 10% (about £95k),
    # with "small" at its mean £25k and A's half of the rent £2.5k.
    assert a.loc["big", "low (£)"] == pytest.approx(-32_500, abs=600)
    assert a.loc["big", "high (£)"] == pytest.approx(-122_500, abs=600)
    b = table.loc["B"]
    assert b.index[0] == "other"
    assert b.loc["other", "spearman"] == pytest.approx(1.0, abs=1e-9)
    assert list(result.sensitivity("B").index.get_level_values(0).unique()) == ["B"]


# -- plots ---------------------------------------------------------------------------------


@pytest.fixture
def plt() -> object:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def test_small_multiples_one_panel_per_council(plt: object) -> None:
    from matplotlib.ticker import FuncFormatter

    result = sensitivity_model().run(4_000, seed=1)
    axes = result.plot_distribution()
    assert len(axes) == 2
    assert [ax.get_title(loc="left").split(":")[0] for ax in axes] == ["A", "B"]
    labels = {t.get_text() for t in axes[0].get_legend().get_texts()}
    assert labels == {"scenarios", "5–95% of scenarios", "median", "£0: as going alone"}
    formatter = axes[0].xaxis.get_major_formatter()
    assert isinstance(formatter, FuncFormatter)
    assert formatter(-25_000, None) == "-£25k"  # thousands: the amounts are below £1M
    median = float(np.median(result.totals()[:, 0]) / 100)
    assert any(line.get_xdata()[0] == pytest.approx(median) for line in axes[0].lines)
    assert axes[-1].get_xlabel() == "net position over 2008/09–2008/09"
    with pytest.raises(InvalidValue, match="ax: expected 2 Axes, one per council"):
        result.plot_distribution(axes[:1])


def test_s_curve_and_tornado(plt: object) -> None:
    result = sensitivity_model().run(4_000, seed=1)
    ax = result.plot_s_curve()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]
    assert ax.yaxis.get_major_formatter()(0.25, None) == "25%"
    assert ax.xaxis.get_major_formatter()(-150_000, None) == "-£150k"
    ax = result.plot_tornado("A")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["other", "small", "big"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "mean net position",
        "input in its lowest 10%",
        "input in its highest 10%",
    ]
    assert len(ax.patches) == 6  # two bars per input, as the legend says
    with pytest.raises(UnknownId):
        result.plot_tornado("Z")


def test_dataframes_plot_directly(plt: object) -> None:
    result = sensitivity_model().run(2_000, seed=1)
    ax = result.to_dataframe()[["p5", "p50", "p95"]].plot.bar()
    assert len(ax.patches) == 6
    assert result.scenarios().astype(float).sum().sum() == pytest.approx(
        float(result.totals().sum() / 100)
    )


# -- progress ------------------------------------------------------------------------------


def test_progress_reports_each_chunk_as_it_finishes() -> None:
    model = sensitivity_model()
    calls: list[tuple[int, int]] = []
    n = 3 * BLOCK + 5
    model.run(n, seed=1, chunk_size=BLOCK, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(BLOCK, n), (2 * BLOCK, n), (3 * BLOCK, n), (n, n)]


def test_tqdm_progress_bar() -> None:
    pytest.importorskip("tqdm")
    out = io.StringIO()
    sensitivity_model().run(2 * BLOCK, seed=1, chunk_size=BLOCK, progress=tqdm_progress(file=out))
    text = out.getvalue()
    assert "simulating" in text
    assert "100%" in text
    assert Money(0) == Money(0)


def test_dask_chunks_travel_as_int32_only_when_exact() -> None:
    from sharegov.simulate import _compile, _run_chunk, _run_chunk_packed

    small = sensitivity_model()
    big = Model(["A"], [Flow("x", "X", Uniform("£30M", "£40M"), kind="cost", start=FY)])
    for model, dtype in ((small, "int32"), (big, "float64")):
        compiled = _compile(model)
        packed = _run_chunk_packed(compiled, 1, 0, 2, 2 * BLOCK)
        assert str(packed.dtype) == dtype
        assert np.array_equal(packed, _run_chunk(compiled, 1, 0, 2, 2 * BLOCK))


@settings(max_examples=40, deadline=None)
@given(distributions(), st.integers(0, 2**32), st.integers(1, 3 * BLOCK))
def test_any_distribution_stays_in_its_support_in_whole_pence(
    dist: object, seed: int, chunk: int
) -> None:
    model = Model(["A", "B"], [Flow("x", "X", dist, kind="saving", start=FY)])
    net = model.run(BLOCK + 9, seed=seed, chunk_size=chunk).net
    assert np.array_equal(net, model.run(BLOCK + 9, seed=seed).net)
    total = net.sum(axis=(1, 2))
    assert (net == np.rint(net)).all()
    if isinstance(dist, Lognormal):
        assert total.min() >= 1
    elif isinstance(dist, Discrete):
        assert set(total.tolist()) <= {float(m.pence) for m, _ in dist.outcomes}
    else:
        low = getattr(dist, "low", getattr(dist, "amount", None))
        high = getattr(dist, "high", low)
        assert low.pence <= total.min() <= total.max() <= high.pence  # type: ignore[union-attr]
