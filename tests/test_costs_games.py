"""Cost games: every function that lists coalitions lists the same ones, checked against the
definitions (all 2**n - 1 groups; Shapley as the average over all n! joining orders)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import Money
from sharegov.costs import CostGame, nucleolus, shapley
from sharegov.errors import InvalidValue

CODES = ["BDC", "RBC", "HDC", "SCDC", "CCC"]


def games(n: int) -> st.SearchStrategy[CostGame]:
    codes = CODES[:n]
    groups = [frozenset(g) for k in range(1, n + 1) for g in itertools.combinations(codes, k)]
    return st.lists(st.integers(0, 10**7), min_size=len(groups), max_size=len(groups)).map(
        lambda costs: CostGame(codes, {g: Money(c) for g, c in zip(groups, costs, strict=True)})
    )


@given(st.integers(1, 5).flatmap(games))
def test_shapley_is_the_average_marginal_saving_over_every_joining_order(game: CostGame) -> None:
    parties = game.parties
    total = dict.fromkeys(parties, Fraction(0))
    for order in itertools.permutations(parties):
        before: set[str] = set()
        for p in order:
            gain = game.savings(before | {p}).pence - (game.savings(before).pence if before else 0)
            total[p] += gain
            before.add(p)
    orders = math.factorial(len(parties))
    assert shapley(game) == {p: v / orders for p, v in total.items()}


@given(st.integers(1, 5).flatmap(games))
def test_every_listing_of_coalitions_is_every_group_once_smallest_first(game: CostGame) -> None:
    n = len(game.parties)
    frame = game.to_dataframe()
    assert len(frame) == 2**n - 1
    assert frame["size"].is_monotonic_increasing
    groups = [frozenset(c.split("+")) for c in frame["coalition"]]
    assert set(groups) == set(game.costs)
    # Within a size, in the parties' order (as itertools.combinations gives them).
    expected = [
        "+".join(g) for k in range(1, n + 1) for g in itertools.combinations(game.parties, k)
    ]
    assert frame["coalition"].tolist() == expected
    rebuilt = CostGame.from_function(game.parties, lambda g: game.cost(g))
    assert rebuilt == game


def test_a_missing_coalition_is_named() -> None:
    costs = {"A": "£1", "B": "£1", "C": "£1", ("A", "B"): "£1", ("A", "C"): "£1", ("B", "C"): "£1"}
    with pytest.raises(InvalidValue) as error:
        CostGame(["A", "B", "C"], costs)
    assert str(error.value) == "costs[A, B and C]: expected a cost for every coalition, got nothing"


def test_nucleolus_stages_range_over_proper_coalitions_only() -> None:
    game = CostGame.from_function(["A", "B", "C"], lambda g: Money(100 * len(g) ** 2))
    nu = nucleolus(game)
    for _, tight in nu.stages:
        assert all(0 < len(g) < 3 for g in tight)
    assert sum(nu.allocation.values()) == game.cost(game.parties).pence
