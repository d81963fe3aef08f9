"""Fairness: least core and nucleolus against published games and brute force; tables."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Money
from sharegov._exactlp import solve
from sharegov.costs import MAX_NUCLEOLUS_PARTIES, CostGame, Equal, fairness, nucleolus
from sharegov.errors import LimitExceeded

CODES = ["A", "B", "C", "D", "E", "F", "G", "H", "I"]


def value_game(parties: list[str], v: Callable[[frozenset[str]], int]) -> CostGame:
    """A savings (value) game as a cost game: c(S) = -v(S), so cost shares are -payoffs."""
    return CostGame.from_function(parties, lambda g: Money(-v(g)))


def excesses(game: CostGame, x: dict[str, Fraction]) -> list[Fraction]:
    """Every proper coalition's excess (charged less its own cost), largest first."""
    n = len(game.parties)
    out = [
        sum((x[p] for p in g), Fraction(0)) - game.cost(g).pence
        for k in range(1, n)
        for g in itertools.combinations(game.parties, k)
    ]
    return sorted(out, reverse=True)


@pytest.mark.parametrize(
    ("estate", "expected"),
    [(100, (Fraction(100, 3),) * 3), (200, (50, 75, 75)), (300, (50, 100, 150))],
)
def test_talmud_bankruptcy_games(estate: int, expected: tuple[Fraction, ...]) -> None:
    # Aumann and Maschler (1985): the nucleolus of the bankruptcy game is the Talmud's
    # division of an estate among claims of 100, 200 and 300.
    claims = {"A": 100, "B": 200, "C": 300}
    game = value_game(
        list(claims), lambda g: max(0, estate - sum(d for p, d in claims.items() if p not in g))
    )
    nu = nucleolus(game)
    assert tuple(-nu.allocation[p] for p in claims) == tuple(map(Fraction, expected))


def test_airport_game_littlechild() -> None:
    # An airport game (Littlechild and Owen 1973): c(S) is the longest runway S needs.
    # Littlechild (1974): the nucleolus charges x1 = min_k c_k / (k + 1) = 600 / 2, then
    # x2 = min_(k>=2) (c_k - x1) / k = (1,200 - 300) / 2, and the last player the rest; it is
    # not the Shapley value (200, 500, 1,100).
    costs = {"A": 600, "B": 1_200, "C": 1_800}
    game = CostGame.from_function(list(costs), lambda g: Money(max(costs[p] for p in g)))
    nu = nucleolus(game)
    assert nu.allocation == {"A": 300, "B": 450, "C": 1_050}
    assert not nu.core_empty
    assert nu.least_core == -300
    report = fairness(nu.split(), game)
    assert report.shapley_split() == {"A": Money(200), "B": Money(500), "C": Money(1_100)}


def test_two_player_standard_solution() -> None:
    for a, b, ab in [(6_000, 4_000, 8_000), (10, 100, 60), (5, 5, 30)]:
        game = CostGame(["A", "B"], {"A": Money(a), "B": Money(b), ("A", "B"): Money(ab)})
        nu = nucleolus(game)
        saving = Fraction(a + b - ab, 2)
        assert nu.allocation == {"A": a - saving, "B": b - saving}


def small_games(n: int, top: int = 12) -> st.SearchStrategy[CostGame]:
    codes = CODES[:n]
    groups = [frozenset(g) for k in range(1, n + 1) for g in itertools.combinations(codes, k)]
    return st.lists(st.integers(0, top), min_size=len(groups), max_size=len(groups)).map(
        lambda costs: CostGame(
            codes, {g: Money(c * 12) for g, c in zip(groups, costs, strict=True)}
        )
    )


@settings(max_examples=40)
@given(small_games(3, top=4))
def test_nucleolus_lexicographically_least_on_a_grid(game: CostGame) -> None:
    nu = nucleolus(game)
    x = dict(nu.allocation)
    total = game.cost(game.parties).pence
    alone = {p: game.cost({p}).pence for p in game.parties}
    assert sum(x.values()) == total
    mine = excesses(game, x)
    a, b, c = game.parties
    if nu.imputations:
        assert all(x[p] <= alone[p] for p in game.parties)
    # Every split on a grid of whole pence (costs are multiples of 12 pence).
    groups = [
        ([game.parties.index(p) for p in g], game.cost(g).pence)
        for k in (1, 2)
        for g in itertools.combinations(game.parties, k)
    ]
    low = total - sum(alone.values()) if nu.imputations else -200
    best = None
    for xa in range(min(low + alone[a], alone[a]) - 1, alone[a] + 1):
        for xb in range(min(low + alone[b], alone[b]) - 1, alone[b] + 1):
            xs = (xa, xb, total - xa - xb)
            if nu.imputations and xs[2] > alone[c]:
                continue
            vec = sorted(
                (Fraction(sum(xs[i] for i in idx) - cost) for idx, cost in groups), reverse=True
            )
            assert mine <= vec
            best = vec if best is None or vec < best else best
    # The least core: no split does better than its bound; the nucleolus lies in it.
    if nu.imputations and nu.least_core <= 0:
        assert mine[0] == nu.least_core
    if best is not None:
        assert best[0] >= nu.least_core


@settings(max_examples=40)
@given(small_games(4, top=6))
def test_least_core_bound_is_exact(game: CostGame) -> None:
    nu = nucleolus(game)
    # No split does better than the least core bound ...
    if nu.imputations and nu.least_core <= 0:
        assert excesses(game, dict(nu.allocation))[0] == nu.least_core
    # ... and the bound is met by some split (stage 1 solved directly, here by its own LP).
    assert nu.core_empty == (nu.least_core > 0)


@settings(max_examples=40)
@given(
    st.lists(st.integers(1, 50), min_size=3, max_size=4),
    st.lists(st.integers(0, 40), min_size=5, max_size=5),
    st.integers(0, 60),
)
def test_concave_cost_games_have_the_nucleolus_in_the_core(
    runway: list[int], weight: list[int], cap: int
) -> None:
    # Airport costs plus a capped usage cost: submodular (concave) costs, so the core is
    # non-empty and holds the nucleolus (and the Shapley value: Shapley 1971).
    codes = CODES[: len(runway)]

    def cost(g: frozenset[str]) -> Money:
        w = sum(weight[codes.index(p)] for p in g)
        return Money(max(runway[codes.index(p)] for p in g) + min(w, cap))

    game = CostGame.from_function(codes, cost)
    nu = nucleolus(game)
    assert not nu.core_empty
    assert all(e <= 0 for e in excesses(game, dict(nu.allocation)))
    report = fairness(nu.split(), game)
    assert report.core_empty is False
    assert "it is in the core" in report.explain()


def test_empty_core_is_said_plainly() -> None:
    game = CostGame(
        ["A", "B", "C"],
        {"A": "£100", "B": "£100", "C": "£100", ("A", "B"): "£100", ("A", "C"): "£100"}
        | {("B", "C"): "£100", ("A", "B", "C"): "£200"},
    )
    report = fairness(Equal().split(Money.parse("£200"), game.parties), game)
    assert report.core_empty
    assert report.nucleolus is not None
    assert report.nucleolus.least_core == Fraction(10_000, 3)
    text = report.explain()
    assert (
        "Core: the core is empty: whatever the split, some group of councils would be charged"
        " at least £33.33 more than on its own, and better off leaving."
    ) in text
    assert "like every split, it is outside the (empty) core" in text


def test_shapley_outside_a_non_empty_core_is_said_plainly() -> None:
    game = CostGame(
        ["A", "B", "C"],
        {"A": "£4", "B": "£4", "C": "£8", ("A", "B"): "£18", ("A", "C"): "£18"}
        | {("B", "C"): "£16", ("A", "B", "C"): "£13"},
    )
    report = fairness({"A": Money(300), "B": Money(300), "C": Money(700)}, game)
    assert report.in_core
    assert report.core_empty is False
    assert report.shapley_blocking() is not None
    assert (
        "The Shapley split would charge: A £4.34; B £3.33; C £5.33; it lies outside the core,"
        " though the core is not empty: A would pay £4.00 on its own but would be charged"
        " £4.34 (£0.34 more); it would be better off leaving."
    ) in report.explain()


def test_stand_alone_passes_at_equality_in_its_flags_words() -> None:
    game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£100k"})
    report = fairness({"A": Money.parse("£60k"), "B": Money.parse("£40k")}, game)
    assert report.stand_alone_ok
    assert "no council pays more than it would alone" in (type(report).stand_alone_ok.__doc__ or "")
    assert (
        "Stand-alone test: passed: no council pays more than it would alone (A pays"
        " £60,000.00, exactly as much as alone, saving nothing, B pays £40,000.00, exactly as"
        " much as alone, saving nothing)."
    ) in report.explain()
    failed = fairness({"A": Money.parse("£60,000.01"), "B": Money.parse("£39,999.99")}, game)
    assert not failed.stand_alone_ok
    assert "Stand-alone test: failed: A pays £60,000.01, more than alone" in failed.explain()


@settings(max_examples=40)
@given(st.integers(2, 4).flatmap(lambda n: small_games(n, top=10**6)))
def test_displayed_shapley_amounts_sum_to_the_totals_shown(game: CostGame) -> None:
    report = fairness(dict.fromkeys(game.parties, Money(0)), game)
    shown = report.shapley_display()
    assert sum(shown.values(), Money(0)) == game.savings(game.parties)
    assert sum(report.shapley_split().values(), Money(0)) == game.cost(game.parties)
    for p, m in shown.items():
        assert abs(m.pence - report.shapley_savings[p]) < 1
    assert sum(report.nucleolus.split().values(), Money(0)) == game.cost(game.parties)  # type: ignore[union-attr]


def test_shapley_thirds_display_adds_up() -> None:
    # Savings of 1p among three symmetric councils: shown as 0p, 0p, 1p, never 0p x 3.
    game = CostGame.from_function(["A", "B", "C"], lambda g: Money(len(g) if len(g) < 3 else 2))
    text = fairness(dict.fromkeys(game.parties, Money(0)), game).explain()
    assert "Shapley value of the savings (£0.01 in all): A £0.00; B £0.00; C £0.01" in text


def test_limits() -> None:
    parties = CODES[: MAX_NUCLEOLUS_PARTIES + 1]
    game = CostGame.from_function(parties, lambda g: Money(100 * len(g)))
    with pytest.raises(LimitExceeded, match=f"limited to {MAX_NUCLEOLUS_PARTIES} councils"):
        nucleolus(game)
    report = fairness(Equal().split(game.cost(parties), parties), game)
    assert report.nucleolus is None
    assert report.core_empty is None
    assert f"not computed for {MAX_NUCLEOLUS_PARTIES + 1} councils" in report.explain()


def test_tables_in_jupyter() -> None:
    game = CostGame(["<A&B>", "C"], {"<A&B>": "£60k", "C": "£40k", ("<A&B>", "C"): "£80k"})
    report = fairness({"<A&B>": Money.parse("£50k"), "C": Money.parse("£30k")}, game)
    out = report._repr_html_()
    assert "&lt;A&amp;B&gt;" in out
    assert "<A&B>" not in out
    assert "£50,000.00" in out
    assert "£30,000.00" in out
    frame = report.to_dataframe()
    assert str(frame["charged_pence"].dtype) == "int64"
    assert str(frame["charged_pounds"].dtype) == "float64"
    assert frame["charged_pence"].tolist() == [5_000_000, 3_000_000]
    assert frame["nucleolus_charge_pence"].tolist() == [5_000_000, 3_000_000]
    assert frame["saves_pounds"].sum() == 20_000.0
    gframe = game.to_dataframe()
    assert gframe["cost_pence"].tolist() == [6_000_000, 4_000_000, 8_000_000]
    assert str(gframe["cost_pence"].dtype) == "int64"
    html = game._repr_html_()
    assert "&lt;A&amp;B&gt; and C" in html
    assert "£20,000.00" in html


def test_statement_frame_is_numeric_and_html_escaped() -> None:
    from sharegov.costs import Category, CostItem, CostPlan

    plan = CostPlan(
        ["<X>", "B"],
        items=[
            CostItem("x", "Study", "£1,000.01", category=Category.INVESTIGATION, year="2008/09")
        ],
    )
    statement = plan.statement(years=2)
    frame = statement.to_dataframe()
    assert str(frame["net_pence"].dtype) == "int64"
    assert frame["net_pence"].sum() == -100_001
    assert frame["cumulative_pounds"].astype(float).min() == -500.01
    frame["net_pounds"].plot  # noqa: B018 - a float column pandas can plot
    out = statement._repr_html_()
    assert "&lt;X&gt;" in out
    assert "£500.01" in out


def test_exact_lp_against_highs() -> None:
    # The exact simplex agrees with HiGHS (scipy) on random small programmes, free and
    # non-negative variables mixed, and its duals satisfy the optimality conditions exactly:
    # reduced costs zero on free (and positive) variables, >= 0 on bounded ones, inequality
    # duals <= 0 and non-zero only where the inequality is tight.
    optimize = pytest.importorskip("scipy.optimize")
    rng = random.Random(16)
    for _ in range(200):
        n, m, me = rng.randint(1, 4), rng.randint(0, 6), rng.randint(0, 2)
        nonneg = [rng.random() < 0.5 for _ in range(n)]
        c = [rng.randint(-5, 5) for _ in range(n)]
        a = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(m)]
        b = [rng.randint(-5, 10) for _ in range(m)]
        ae = [[rng.randint(-3, 3) for _ in range(n)] for _ in range(me)]
        be = [rng.randint(-5, 5) for _ in range(me)]
        out = solve(c, a, b, ae, be, nonneg=nonneg)
        problem = {
            "A_ub": a or None,
            "b_ub": b or None,
            "A_eq": ae or None,
            "b_eq": be or None,
            "bounds": [(0, None) if f else (None, None) for f in nonneg],
        }
        ref = optimize.linprog(c, **problem)
        status = {0: "optimal", 2: "infeasible", 3: "unbounded"}[ref.status]
        if status == "infeasible" and optimize.linprog([0] * n, **problem).status == 0:
            status = "unbounded"  # HiGHS's presolve calls "infeasible or unbounded" infeasible
        assert out.status == status
        if out.status != "optimal":
            continue
        assert abs(float(out.value) - ref.fun) < 1e-7
        for j in range(n):
            reduced = c[j] - sum((a[i][j] * out.duals_ub[i] for i in range(m)), Fraction(0))
            reduced -= sum((ae[i][j] * out.duals_eq[i] for i in range(me)), Fraction(0))
            if nonneg[j]:
                assert out.x[j] >= 0
                assert reduced >= 0
                assert reduced == 0 or out.x[j] == 0
            else:
                assert reduced == 0
        for i in range(m):
            lhs = sum(a[i][j] * out.x[j] for j in range(n))
            assert lhs <= b[i]
            assert out.duals_ub[i] <= 0
            if out.duals_ub[i]:
                assert lhs == b[i]
        for i in range(me):
            assert sum(ae[i][j] * out.x[j] for j in range(n)) == be[i]


@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_two_player_standard_solution_property(a: int, b: int, ab: int) -> None:
    # Two councils: each is charged its own cost less half the joint saving (the standard
    # solution), whether the saving is positive or not, and the least core is minus that half.
    game = CostGame(["A", "B"], {"A": Money(a), "B": Money(b), ("A", "B"): Money(ab)})
    nu = nucleolus(game)
    half = Fraction(a + b - ab, 2)
    assert nu.allocation == {"A": a - half, "B": b - half}
    assert nu.least_core == -half


def test_hostile_games_are_refused_by_field() -> None:
    from sharegov.errors import InvalidValue as Invalid

    with pytest.raises(Invalid, match="game"):
        nucleolus("not a game")  # type: ignore[arg-type]
    game = CostGame(["A"], {"A": "£5"})
    nu = nucleolus(game)
    assert nu.allocation == {"A": 500}
    assert nu.stages == ()


def test_nucleolus_explains_its_stages() -> None:
    # The Talmud's estate of 200 (Aumann and Maschler 1985): two stages, A fixed first.
    claims = {"A": 100, "B": 200, "C": 300}
    game = value_game(
        list(claims),
        lambda g: max(0, 20_000 - 100 * sum(d for p, d in claims.items() if p not in g)),
    )
    text = nucleolus(game).explain()
    assert text.splitlines() == [
        "Nucleolus by sequential linear programmes, solved exactly (simplex over fractions):",
        "  Stage 1: the largest excess is held to -£50.00 (every group pays at least £50.00"
        " less than alone); fixed: A; B and C",
        "  Stage 2: the largest excess is held to -£75.00 (every other group pays at least"
        " £75.00 less than alone); fixed: B; C",
        "  The nucleolus charges: A a credit of £50.00; B a credit of £75.00; C a credit of £75.00",
    ]
