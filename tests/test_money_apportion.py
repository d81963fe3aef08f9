"""Largest remainder, written once (money.apportion) and used by allocate and discounting:
checked against its definition on random exact targets, negatives included."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.discount import round_keeping_sum
from sharegov.errors import InvalidValue
from sharegov.money import Money, apportion

targets_st = st.lists(
    st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=12), max_size=8
).map(lambda values: dict(enumerate(values)))


def _frac(value: Fraction) -> Fraction:
    return value - math.floor(value)


@given(targets_st)
def test_rounded_total_is_kept_and_the_largest_remainders_go_up(
    targets: dict[int, Fraction],
) -> None:
    parts = apportion(targets, round_total=True)
    assert list(parts) == list(targets)
    exact = sum(targets.values(), Fraction(0))
    assert sum(parts.values(), Money(0)) == Money(round(exact))
    up = [k for k in targets if parts[k].pence == math.floor(targets[k]) + 1]
    down = [k for k in targets if parts[k].pence == math.floor(targets[k])]
    assert sorted(up + down) == list(targets)  # every part is its floor or one more
    for a in up:
        for b in down:
            # An up-rounded target has a larger fractional part, or an equal one earlier.
            assert _frac(targets[a]) > _frac(targets[b]) or (
                _frac(targets[a]) == _frac(targets[b]) and a < b
            )
    assert round_keeping_sum(targets) == (parts, Money(round(exact)))


@given(targets_st)
def test_whole_totals_round_the_same_either_way(targets: dict[int, Fraction]) -> None:
    exact = sum(targets.values(), Fraction(0))
    whole = {**targets, "rest": math.ceil(exact) - exact}
    assert apportion(whole) == apportion(whole, round_total=True)


def test_ties_go_to_the_first_and_half_pennies_round_half_even() -> None:
    third = Fraction(1, 3)
    assert round_keeping_sum({"A": third, "B": third, "C": third}) == (
        {"A": Money(1), "B": Money(0), "C": Money(0)},
        Money(1),
    )
    # 1/2 + 2 = 5/2 rounds half-even to 2: nothing to hand out.
    assert round_keeping_sum({"A": Fraction(1, 2), "B": Fraction(2)}) == (
        {"A": Money(0), "B": Money(2)},
        Money(2),
    )
    assert round_keeping_sum({}) == ({}, Money(0))
    with pytest.raises(InvalidValue, match="pence summing to a whole number"):
        apportion({"A": Fraction(1, 2)})
