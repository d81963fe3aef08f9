"""Quantiles sum each council's years in one pass: the figures are numpy's own quantiles of
each council's totals, for any horizon."""

from __future__ import annotations

import numpy as np
import pytest

from sharegov.money import FinancialYear, Money
from sharegov.simulate import SimulationResult


@pytest.mark.parametrize("years", [1, 3, 9])
def test_quantiles_are_numpys_of_each_councils_totals(years: int) -> None:
    rng = np.random.default_rng(years)
    parties = ("A", "B", "C", "D")
    # Whole pence and a half: the totals land on and between pennies, so a different sum
    # order or a wrong council would show after rounding.
    net = np.round(rng.standard_normal((5_001, len(parties), years)) * 1e6) + 0.5
    before = net.copy()
    result = SimulationResult(
        parties, tuple(FinancialYear(2010 + y) for y in range(years)), net, seed=0
    )
    qs = (0.0, 0.05, 0.5, 0.95, 1.0)
    got = result.quantiles(qs)
    for c, p in enumerate(parties):
        want = np.quantile(net[:, c, :].sum(axis=1), qs)
        assert got[p] == {q: Money(round(float(w))) for q, w in zip(qs, want, strict=True)}
    assert np.array_equal(result.net, before)  # sorted in a copy, not in place
