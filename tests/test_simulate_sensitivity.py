"""Sensitivity computes the council-independent parts (inputs, ranks, tails) once: the whole
table equals each council's on its own, and each figure equals an outside computation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sharegov.costs import Equal, LeadPays, Proportional
from sharegov.money import FinancialYear
from sharegov.simulate import Flow, Model, Pert, Triangular, Uniform

FY = FinancialYear(2010)


def mixed_model() -> Model:
    return Model(
        ["A", "B", "C"],
        [
            Flow("big", "Big cost", Uniform("£0", "£100k"), kind="cost", start=FY,
                 split=Proportional({"A": 3, "B": 1, "C": 1})),
            Flow("small", "Small cost", Pert("£0", "£10k", "£50k"), kind="cost", start=FY,
                 years=2, split=Equal()),
            Flow("saving", "Saving", Triangular("£0", "£10k", "£20k"), kind="saving",
                 start=FY, split=LeadPays("B")),
            Flow("rent", "Rent", "£5k", kind="cost", start=FY),
        ],
        start=FY,
        years=2,
    )  # fmt: skip


def test_the_whole_table_is_each_councils_table() -> None:
    result = mixed_model().run(3_000, seed=11)
    table = result.sensitivity(limit=2_500)
    for council in result.parties:
        alone = result.sensitivity(council, limit=2_500)
        assert alone.equals(table.loc[[council]])


def test_each_figure_matches_an_outside_computation() -> None:
    result = mixed_model().run(2_000, seed=5)
    table = result.sensitivity()
    inputs = result.inputs()
    totals = result.totals() / 100
    assert set(table.index.get_level_values(1)) == set(inputs.columns)
    for c, council in enumerate(result.parties):
        y = totals[:, c]
        for name in inputs.columns:
            x = inputs[name].to_numpy()
            row = table.loc[(council, name)]
            rho = stats.spearmanr(x, y).statistic if np.std(y) > 0 else 0.0
            assert row["spearman"] == pytest.approx(rho, abs=1e-12)
            # Continuous draws: no ties, so the lowest 10% by rank are the lowest 10% by value.
            order = np.argsort(x)
            k = int(np.floor(0.1 * (len(x) - 1))) + 1
            assert row["low (£)"] == pytest.approx(y[order[:k]].mean(), rel=1e-12)
            assert row["high (£)"] == pytest.approx(y[order[-k:]].mean(), rel=1e-12)
