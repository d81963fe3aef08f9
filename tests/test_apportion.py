"""Apportionment schedules: published splits reproduced from their drivers, and brute force."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Money
from sharegov.apportion import Apportionment, Dampened, WithEffectFrom, whole_percentages
from sharegov.costs import Category, CostItem, CostPlan, Equal, Fixed, Proportional
from sharegov.errors import InvalidRule, InvalidValue, UnknownId
from sharegov.money import FinancialYear

CODES = ["A", "B", "C", "D", "E"]
drivers_st = st.integers(1, 5).flatmap(
    lambda k: (
        st.lists(st.integers(0, 5_000), min_size=k, max_size=k)
        .filter(lambda xs: sum(xs) > 0)
        .map(lambda xs: dict(zip(CODES, xs, strict=False)))
    )
)


# Published-style schedules: each printed split must come back from its drivers.
@pytest.mark.parametrize(
    ("drivers", "printed"),
    [
        ({"A": 1_200, "B": 800, "C": 500}, {"A": 48, "B": 32, "C": 20}),
        ({"A": 1, "B": 1, "C": 1}, {"A": 34, "B": 33, "C": 33}),
        # 66 and 37 managers (seed: the shared management team), by posts: 64.08 / 35.92.
        ({"A": 66, "B": 37}, {"A": 64, "B": 36}),
        ({"A": 93_637, "B": 84_214}, {"A": 53, "B": 47}),
    ],
)
def test_published_splits_reproduce(drivers: dict[str, int], printed: dict[str, int]) -> None:
    line = Apportionment("Service", basis="caseload", drivers=drivers, published=printed)
    assert dict(line.percentages()) == printed
    assert sum(line.percentages().values()) == 100


def test_a_misprinted_split_is_refused_naming_the_partner() -> None:
    with pytest.raises(InvalidRule, match=r"published\.B: expected 32%"):
        Apportionment(
            "Benefits",
            basis="caseload",
            drivers={"A": 1_200, "B": 800, "C": 500},
            published={"A": 48, "B": 33, "C": 19},
        )


def _brute_hamilton(counts: list[int]) -> list[int]:
    """Largest remainder by hand: floors, then +1 to the biggest remainders, first wins ties."""
    total = sum(counts)
    exact = [Fraction(100 * c, total) for c in counts]
    floors = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


@given(drivers_st)
def test_percentages_sum_to_100_within_a_point(drivers: dict[str, int]) -> None:
    got = whole_percentages(drivers)
    assert sum(got.values()) == 100
    total = sum(drivers.values())
    for p, pct in got.items():
        assert abs(pct - Fraction(100 * drivers[p], total)) < 1
    assert list(got.values()) == _brute_hamilton(list(drivers.values()))


@given(
    st.integers(1, 5).flatmap(
        lambda k: st.tuples(
            st.lists(st.integers(0, 5_000), min_size=k, max_size=k).filter(any),
            st.lists(st.integers(0, 5_000), min_size=k, max_size=k).filter(any),
        )
    ),
    st.integers(0, 10),
)
def test_tolerance_rule_against_brute_force(pair: tuple[list[int], list[int]], tol: int) -> None:
    est = dict(zip(CODES, pair[0], strict=False))
    act = dict(zip(CODES, pair[1], strict=False))
    line = Apportionment("S", basis="calls", drivers=est, actual=act, tolerance=tol)
    estimated = whole_percentages(est)
    total = sum(act.values())
    moved = any(abs(Fraction(100 * act[p], total) - estimated[p]) > tol for p in est)
    assert line.revised() is moved
    assert dict(line.in_force()) == (whole_percentages(act) if moved else estimated)
    assert ("so the split is revised" in line.explain()) is moved


def test_tolerance_boundary_is_not_more_than() -> None:
    # Actual 51/49 moves each partner exactly 3 points from 48/52... at equality it is kept.
    line = Apportionment(
        "S", basis="calls", drivers={"A": 48, "B": 52}, actual={"A": 51, "B": 49}, tolerance=3
    )
    assert not line.revised()
    assert "not more than the tolerance of 3 points" in line.explain()
    moved = Apportionment(
        "S", basis="calls", drivers={"A": 48, "B": 52}, actual={"A": 511, "B": 489}, tolerance=3
    )
    assert moved.revised()
    assert dict(moved.in_force()) == {"A": 51, "B": 49}


def test_schedule_in_a_cost_item_sums_to_the_penny() -> None:
    line = Apportionment("Benefits", basis="caseload", drivers={"A": 1_200, "B": 800, "C": 500})
    plan = CostPlan(
        ["A", "B", "C"],
        items=[
            CostItem(
                "benefits",
                "Benefits service",
                "£1,000,000.01",
                category=Category.RUNNING,
                year="2010/11",
                split=line,
            )
        ],
    )
    st_ = plan.statement(years=1)
    pays = {p: st_.pays[p][0] for p in "ABC"}
    assert sum(pays.values(), Money(0)) == Money(100_000_001)
    assert pays["A"] in (Money(48_000_000), Money(48_000_001))
    assert "Benefits apportionment on caseload (A 48%, B 32%, C 20%)" in st_.explain()


def test_schedule_parties_must_match() -> None:
    line = Apportionment("S", basis="equal", drivers={"A": 1, "B": 1})
    with pytest.raises(UnknownId, match="partners of the S schedule"):
        line.split(Money(100), ["A", "C"])
    with pytest.raises(UnknownId, match="actual"):
        Apportionment("S", basis="equal", drivers={"A": 1, "B": 1}, actual={"A": 1})
    with pytest.raises(TypeError, match=r"drivers\.A"):
        Apportionment("S", basis="calls", drivers={"A": 1.5, "B": 1})
    with pytest.raises(InvalidValue, match="drivers"):
        Apportionment("S", basis="calls", drivers={"A": 0, "B": 0})
    with pytest.raises(InvalidValue, match="effective_to"):
        Apportionment(
            "S",
            basis="calls",
            drivers={"A": 1},
            effective_from=dt.date(2010, 4, 1),
            effective_to=dt.date(2010, 3, 1),
        )


def test_to_frame_is_numeric() -> None:
    line = Apportionment(
        "Benefits",
        basis="caseload",
        drivers={"A": 1_200, "B": 800, "C": 500},
        actual={"A": 1_000, "B": 1_000, "C": 500},
        tolerance=3,
    )
    frame = line.to_dataframe()
    assert list(frame["percent"]) == [48, 32, 20]
    assert list(frame["in_force_percent"]) == [40, 40, 20]
    assert str(frame["percent"].dtype) == "int64"
    assert frame["drivers"].sum() == 2_500.0
    assert frame["move_points"].tolist() == [-8.0, 8.0, 0.0]


def test_html_escapes_names() -> None:
    line = Apportionment("<R&B>", basis="calls", drivers={"A": 3, "B": 1})
    out = line._repr_html_()
    assert "&lt;R&amp;B&gt;" in out
    assert "<R&B>" not in out
    assert "75%" in out
    assert "25%" in out


# With effect from: exact day pro-rating.
def test_with_effect_from_pro_rates_by_days() -> None:
    rule = WithEffectFrom(
        Equal(), Fixed({"A": Fraction(1), "B": Fraction(0)}), day=dt.date(2011, 1, 1)
    )
    before, after = rule.days()
    assert (before, after) == (275, 90)  # 1 Apr - 31 Dec 2010, then 1 Jan - 31 Mar 2011
    shares = rule.shares(["A", "B"])
    assert shares == {"A": Fraction(275, 730) + Fraction(90, 365), "B": Fraction(275, 730)}
    assert rule.year == FinancialYear(2010)
    assert "with effect from 1 January 2011 for 90 days of 2010/11" in rule.describe()


@given(st.dates(dt.date(2000, 4, 1), dt.date(2030, 3, 31)), st.integers(1, 10**9))
def test_with_effect_from_sums_and_bounds(day: dt.date, pence: int) -> None:
    new = Proportional({"A": 3, "B": 1, "C": 1})
    rule = WithEffectFrom(Equal(), new, day=day)
    before, after = rule.days()
    year = FinancialYear.of(day)
    assert before + after == (year.end - year.start).days + 1
    shares = rule.shares(["A", "B", "C"])
    assert sum(shares.values()) == 1
    parts = rule.split(Money(pence), ["A", "B", "C"])
    assert sum(parts.values(), Money(0)) == Money(pence)
    if day == year.start:
        assert shares == new.shares(["A", "B", "C"])


def test_with_effect_from_needs_linear_rules() -> None:
    damped = Dampened(Equal(), old={"A": "£1", "B": "£1"})
    with pytest.raises(InvalidRule, match="after"):
        WithEffectFrom(Equal(), damped, day=dt.date(2010, 5, 1))


# Dampening: nobody above the old contribution; the total unchanged, to the penny.
@given(
    st.lists(st.integers(0, 100), min_size=2, max_size=5).filter(lambda xs: sum(xs) > 0),
    st.lists(st.integers(0, 10**7), min_size=5, max_size=5),
    st.data(),
)
def test_dampening_properties(weights: list[int], olds: list[int], data: st.DataObject) -> None:
    parties = CODES[: len(weights)]
    old = {p: Money(olds[i]) for i, p in enumerate(parties)}
    ceiling = sum(m.pence for m in old.values())
    amount = Money(data.draw(st.integers(0, ceiling)))
    new = Proportional(dict(zip(parties, weights, strict=True)))
    rule = Dampened(new, old=old)
    got = rule.split(amount, parties)
    assert sum(got.values(), Money(0)) == amount
    plain = new.split(amount, parties)
    adjust = rule.adjustments(amount, parties)
    for p in parties:
        assert got[p] <= old[p]
        assert got[p].pence >= 0
        assert adjust[p] == got[p] - plain[p]
        # Those held down were above their old contribution; the absorbers stay below theirs.
        if plain[p] > old[p] + Money(1):
            assert got[p] == old[p]
    assert sum(adjust.values(), Money(0)) == Money(0)


def test_dampening_refuses_more_than_the_old_total() -> None:
    rule = Dampened(Equal(), old={"A": "£10", "B": "£10"})
    with pytest.raises(InvalidValue, match="at most the old contributions' total £20.00"):
        rule.split(Money.parse("£21"), ["A", "B"])
    with pytest.raises(UnknownId, match="old"):
        rule.split(Money.parse("£1"), ["A", "C"])


def test_dampening_worked_example_by_hand() -> None:
    # New method by calls 1:1:2 on £90k: 22.5k, 22.5k, 45k. C paid 40k before, so it is held
    # at 40k; its 5k is absorbed by A and B in proportion to their gains (7.5k each).
    rule = Dampened(
        Proportional({"A": 1, "B": 1, "C": 2}, basis="calls"),
        old={"A": "£30k", "B": "£30k", "C": "£40k"},
    )
    got = rule.split(Money.parse("£90k"), ["A", "B", "C"])
    assert got == {p: Money.parse(v) for p, v in (("A", "£25k"), ("B", "£25k"), ("C", "£40k"))}
    for combo in itertools.permutations(["A", "B", "C"]):
        assert rule.split(Money.parse("£90k"), list(combo)) == got


# The file section: apportionments listed in their own right, and as a cost item's split.
def _arrangement() -> Any:
    from sharegov import Authority
    from sharegov.io.files import Arrangement

    line = Apportionment(
        "Benefits",
        basis="caseload",
        drivers={"A": 1_200, "B": 800, "C": 500},
        actual={"A": 1_000, "B": Fraction(1_001, 2), "C": 500},
        tolerance=3,
        published={"A": 48, "B": 32, "C": 20},
        effective_from=dt.date(2010, 4, 1),
    )
    item = CostItem("x", "Benefits", "£100", category=Category.RUNNING, year="2010/11", split=line)
    return Arrangement(
        "Revenues and Benefits partnership",
        authorities=[Authority(c, f"{c} Council") for c in "ABC"],
        apportionments=[line],
        costs=CostPlan(["A", "B", "C"], items=[item]),
    )


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
def test_file_round_trip(fmt: Literal["toml", "yaml", "json"]) -> None:
    from sharegov.io.files import dumps, loads

    arrangement = _arrangement()
    text = dumps(arrangement, fmt)
    assert loads(text, fmt) == arrangement
    if fmt == "toml":
        assert "[[apportionments]]" in text
        assert 'basis = "caseload"' in text


def test_file_problems_name_their_path() -> None:
    from sharegov.io.files import FileError, dumps, loads

    text = dumps(_arrangement(), "toml")
    with pytest.raises(FileError) as bad:
        loads(text.replace("A = 48", "A = 47"), "toml")
    message = str(bad.value)
    assert "costs.items[0].split.published.A: expected 48%" in message
    assert "apportionments[0].published.A: expected 48%" in message
    with pytest.raises(FileError, match="published"):
        loads(text.replace("B = 32", "B = 32.5", 1), "toml")


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
def test_dated_and_dampened_splits_round_trip(fmt: Literal["toml", "yaml", "json"]) -> None:
    from sharegov import Authority
    from sharegov.io.files import Arrangement, dumps, loads

    line = Apportionment("ICT", basis="permanent posts", drivers={"A": 66, "B": 37})
    rules = [
        WithEffectFrom(Equal(), line, day=dt.date(2010, 10, 1)),
        Dampened(line, old={"A": "£70k", "B": "£40k"}),
    ]
    items = [
        CostItem(f"x{i}", "ICT", "£100k", category=Category.RUNNING, year="2010/11", split=r)
        for i, r in enumerate(rules)
    ]
    arrangement = Arrangement(
        "ICT partnership",
        authorities=[Authority(c, f"{c} Council") for c in "AB"],
        costs=CostPlan(["A", "B"], items=items),
    )
    assert loads(dumps(arrangement, fmt), fmt) == arrangement


def test_a_dampened_split_naming_a_stranger_is_refused_by_path() -> None:
    from sharegov.io.files import FileError, loads

    text = """
name = "X"
authorities = [{ code = "A", name = "A" }, { code = "B", name = "B" }]
[costs]
parties = ["A", "B"]
[[costs.items]]
id = "x"
description = "X"
amount = "£10"
category = "running"
year = "2010/11"
split = { type = "Dampened", rule = { type = "Equal" }, old = { A = "£5", Z = "£5" } }
"""
    with pytest.raises(FileError, match=r"costs\.items\[0\]\.split\.old: expected one of"):
        loads(text, "toml")


def test_schedule_frame_stacks_services() -> None:
    from sharegov.apportion import schedule_frame

    frame = schedule_frame(
        [
            Apportionment("Benefits", basis="caseload", drivers={"A": 1_200, "B": 800}),
            Apportionment(
                "ICT", basis="posts", drivers={"A": 66, "B": 37}, actual={"A": 1, "B": 1}
            ),
        ]
    )
    assert frame["service"].tolist() == ["Benefits", "Benefits", "ICT", "ICT"]
    assert frame["in_force_percent"].tolist() == [60, 40, 50, 50]
    assert frame["actual_percent"].isna().tolist() == [True, True, False, False]
    with pytest.raises(InvalidValue, match="at least one"):
        schedule_frame([])


_BASE = 'name = "X"\nauthorities = [{ code = "A", name = "A" }, { code = "B", name = "B" }]\n'
_LINE = '[[apportionments]]\nservice = "S"\nbasis = "calls"\n'


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("drivers = { A = 1.5, B = 1 }", "apportionments[0].drivers.A: expected a whole number"),
        ("drivers = { A = 1, Z = 1 }", "apportionments[0].drivers: expected one of ['A', 'B']"),
        ("drivers = { A = -1, B = 1 }", "apportionments[0].drivers.A: expected a driver count"),
        (
            "drivers = { A = 1, B = 1 }\npublished = { A = 50.0, B = 50 }",
            "apportionments[0].published.A: expected a whole percent 0 to 100, got 50.0",
        ),
        ("drivers = { A = 1, B = 1 }\nfoo = 1", "apportionments[0]: unexpected field 'foo'"),
    ],
)
def test_hostile_schedule_lines_are_one_problem_at_their_path(body: str, problem: str) -> None:
    from sharegov.io.files import FileError, loads

    with pytest.raises(FileError) as bad:
        loads(_BASE + _LINE + body + "\n", "toml")
    lines = str(bad.value).splitlines()
    assert len(lines) == 2
    assert problem in lines[1]


@settings(max_examples=30)
@given(
    st.lists(
        st.fractions(min_value=0, max_value=10_000, max_denominator=12), min_size=2, max_size=2
    ).filter(any),
    st.one_of(st.none(), st.lists(st.integers(0, 10_000), min_size=2, max_size=2).filter(any)),
    st.fractions(min_value=0, max_value=10, max_denominator=4),
    st.sampled_from(["toml", "yaml", "json"]),
)
def test_any_schedule_line_round_trips(
    drivers: list[Fraction],
    actual: list[int] | None,
    tolerance: Fraction,
    fmt: Literal["toml", "yaml", "json"],
) -> None:
    from sharegov import Authority
    from sharegov.io.files import Arrangement, dumps, loads

    line = Apportionment(
        "S",
        basis="time allocation",
        drivers=dict(zip("AB", drivers, strict=True)),
        actual=None if actual is None else dict(zip("AB", actual, strict=True)),
        tolerance=tolerance,
    )
    arrangement = Arrangement(
        "X", authorities=[Authority(c, c) for c in "AB"], apportionments=[line]
    )
    assert loads(dumps(arrangement, fmt), fmt) == arrangement
