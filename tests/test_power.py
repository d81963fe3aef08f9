"""Voting power: published results, powerindex, and the definition by brute force."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, Vote, power, rules
from sharegov.errors import InvalidValue, InvalidVote, LimitExceeded, SharegovError
from sharegov.power import Cast
from sharegov.reference import bromsgrove_redditch_board
from sharegov.strategies import ballots, boards

RULE_CLASSES = [
    rules.Consensus,
    rules.Unanimity,
    rules.Majority,
    rules.AtLeast,
    rules.Weighted,
    rules.DoubleMajority,
    rules.Quorum,
    rules.EachAuthority,
    rules.FirstOf,
    rules.AllOf,
    rules.AnyOf,
]


def weighted_board(weights: list[int], quota: int | Fraction, *, name: str = "Game") -> Board:
    """One single-member authority per weight, with a Weighted rule keyed by authority."""
    codes = [f"A{i:02d}" for i in range(len(weights))]
    return Board(
        name,
        authorities=[
            Authority(c, f"Council {c}", population=max(w, 1))
            for c, w in zip(codes, weights, strict=True)
        ],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), f"Cllr {c}", c) for c in codes],
        rule=rules.Weighted(dict(zip(codes, weights, strict=True)), quota=quota),
    )


# -- the definition, by brute force through Board.decide ------------------------------------


def players_of(board: Board, by: str) -> list[list[str]]:
    if by == "member":
        return [[m.id] for m in board.voting_members]
    return [[m.id for m in board.voting_members if m.authority == c] for c in board.seats]


def wins(board: Board, blocs: list[list[str]], coalition: frozenset[int]) -> bool:
    votes = {
        m: (Vote.FOR if i in coalition else Vote.AGAINST)
        for i, bloc in enumerate(blocs)
        for m in bloc
    }
    return board.decide(votes).carried


def definition(board: Board, by: str) -> tuple[list[int], list[Fraction]]:
    """Banzhaf swings and Shapley–Shubik indices straight from their definitions."""
    blocs = players_of(board, by)
    n = len(blocs)
    value = {}
    for size in range(n + 1):
        for c in map(frozenset, __import__("itertools").combinations(range(n), size)):
            value[c] = wins(board, blocs, c)
    swings, shapley = [], []
    for i in range(n):
        k, ss = 0, Fraction(0)
        for c, v in value.items():
            if i in c:
                continue
            margin = int(value[c | {i}]) - int(v)
            k += margin
            ss += Fraction(
                margin * math.factorial(len(c)) * math.factorial(n - len(c) - 1), math.factorial(n)
            )
        swings.append(k)
        shapley.append(ss)
    return swings, shapley


# -- published results -----------------------------------------------------------------------


def eec() -> Board:
    codes = ["DE", "FR", "IT", "BE", "NL", "LU"]
    return Board(
        "Council of Ministers of the EEC (1958)",
        authorities=[Authority(c, c) for c in codes],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), f"Minister ({c})", c) for c in codes],
        rule=rules.Weighted(dict(zip(codes, [4, 4, 4, 2, 2, 1], strict=True)), quota=12),
    )


@pytest.mark.parametrize("by", ["member", "authority"])
@pytest.mark.parametrize("method", ["auto", "enumerate"])
def test_eec_1958_published_indices(by: str, method: str) -> None:
    board = eec()
    banzhaf = power.banzhaf(board, by=by, method=method)
    shapley = power.shapley_shubik(board, by=by, method=method)
    assert list(banzhaf.values()) == [Fraction(k, 21) for k in (5, 5, 5, 3, 3, 0)]
    assert list(shapley.values()) == [Fraction(k, 60) for k in (14, 14, 14, 9, 9, 0)]
    assert banzhaf.exact
    assert all(isinstance(v, Fraction) for v in banzhaf.values())
    assert "No power at all" in banzhaf.explain()
    assert "LU" in banzhaf.explain().splitlines()[-2]


@pytest.mark.parametrize("method", ["auto", "enumerate"])
def test_un_security_council_published_shapley_shubik(method: str) -> None:
    # Shapley and Shubik's classic game, as enlarged in 1965: 9 of 15 votes, with all 5
    # permanent members; published values 421/2145 and 4/2145.
    permanent = ["CN", "FR", "RU", "UK", "US"]
    codes = permanent + [f"E{i}" for i in range(1, 11)]
    board = Board(
        "UN Security Council",
        authorities=[Authority(c, c) for c in codes],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), c, c) for c in codes],
        rule=rules.Weighted({c: 7 if c in permanent else 1 for c in codes}, quota=39),
    )
    index = power.shapley_shubik(board, by="authority", method=method)
    assert [index[c] for c in codes] == [Fraction(421, 2145)] * 5 + [Fraction(4, 2145)] * 10
    assert sum(index.values()) == 1


def test_result_is_a_mapping_equal_to_a_dict() -> None:
    result = power.banzhaf(eec(), by="authority")
    expected = dict(
        zip(
            ["DE", "FR", "IT", "BE", "NL", "LU"],
            [Fraction(k, 21) for k in (5, 5, 5, 3, 3, 0)],
            strict=True,
        )
    )
    assert result == expected
    assert result["LU"] == 0
    assert len(result) == 6
    assert result.swings == (10, 10, 10, 6, 6, 0)
    assert result.absolute["DE"] == Fraction(10, 32)
    with pytest.raises(KeyError):
        result["XX"]
    html = result._repr_html_()
    assert "<table>" in html
    assert "5/21" in html


# -- the reference board ---------------------------------------------------------------------


def test_seed_001_every_member_equal_and_each_council_a_veto() -> None:
    board = bromsgrove_redditch_board()
    for index in (power.banzhaf, power.shapley_shubik):
        result = index(board)
        assert set(result.values()) == {Fraction(1, 6)}
        assert "Every member has equal power." in result.explain()
        assert index(board, by="authority") == {"BDC": Fraction(1, 2), "RBC": Fraction(1, 2)}
    vetoes = power.veto_players(board, by="authority")
    assert vetoes.vetoes == ("BDC", "RBC")
    assert "Each authority's bloc is a veto player" in vetoes.explain()
    assert power.veto_players(board).vetoes == ()


def test_seed_001_blocking_in_words() -> None:
    board = bromsgrove_redditch_board()
    blocking = power.minimal_blocking(board)
    assert len(blocking) == 6
    assert all(len(c) == 2 for c in blocking)
    assert blocking.explain().startswith("Any 2 members from one authority can block")
    winning = power.minimal_winning(board)
    assert len(winning) == 9
    assert all(len(c) == 4 for c in winning)
    assert "any 2 of 3 from BDC and 2 of 3 from RBC" in winning.explain()


# -- powerindex and powerindices -------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 40), min_size=2, max_size=12),
    st.floats(0.05, 0.95),
)
def test_weighted_games_agree_with_powerindex(weights: list[int], share: float) -> None:
    powerindex = pytest.importorskip("powerindex")
    quota = max(1, math.ceil(share * sum(weights)))
    assume(max(weights) < quota)  # powerindex's own Banzhaf mishandles a weight >= quota
    board = weighted_board(weights, quota)
    game = powerindex.Game(quota, list(weights))
    game.calc_banzhaf()
    game.calc_shapley_shubik()
    ours_b = power.banzhaf(board, by="authority")
    ours_s = power.shapley_shubik(board, by="authority")
    assert [float(v) for v in ours_b.values()] == pytest.approx(game.banzhaf, abs=1e-12)
    assert [float(v) for v in ours_s.values()] == pytest.approx(game.shapley_shubik, abs=1e-12)


def test_large_weighted_game_agrees_with_powerindex() -> None:
    powerindex = pytest.importorskip("powerindex")
    rng = random.Random(7)
    weights = [rng.randint(1, 300) for _ in range(40)]
    quota = sum(weights) * 2 // 3
    board = weighted_board(weights, quota)
    game = powerindex.Game(quota, list(weights))
    game.calc_banzhaf()
    ours = power.banzhaf(board, by="authority")
    assert "counting coalitions by weight" in ours.method
    assert [float(v) for v in ours.values()] == pytest.approx(game.banzhaf, abs=1e-12)


def test_double_majority_agrees_with_powerindices() -> None:
    powerindices = pytest.importorskip("powerindices")
    rng = random.Random(3)
    pops = [rng.randint(50, 900) for _ in range(12)]
    codes = [f"C{i:02d}" for i in range(12)]
    board = Board(
        "Double majority",
        authorities=[Authority(c, c, population=p) for c, p in zip(codes, pops, strict=True)],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), c, c) for c in codes],
        rule=rules.DoubleMajority(authorities=Fraction(55, 100), population=Fraction(65, 100)),
    )
    quota = math.ceil(Fraction(65, 100) * sum(pops))
    size = math.ceil(Fraction(55, 100) * 12)
    theirs = powerindices.compute_pbi(quota, list(pops), minimalWinningCoalitionSize=size)
    ours = power.banzhaf(board, by="authority")
    assert "size and weight" in ours.method
    assert [float(v) for v in ours.absolute.values()] == theirs


# -- the definition, on every rule class -----------------------------------------------------


@pytest.mark.parametrize("kind", RULE_CLASSES, ids=lambda k: k.__name__)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_methods_equal_the_definition(kind: type[rules.Rule], data: st.DataObject) -> None:
    board = data.draw(boards(max_authorities=3, max_seats=3, kind=kind))
    by = data.draw(st.sampled_from(["member", "authority"]))
    swings, shapley = definition(board, by)
    for method in ("auto", "enumerate"):
        banzhaf = power.banzhaf(board, by=by, method=method)
        assert list(banzhaf.swings or ()) == swings
        total = sum(swings)
        assert list(banzhaf.values()) == [Fraction(k, total) if total else 0 for k in swings]
        assert list(power.shapley_shubik(board, by=by, method=method).values()) == shapley


@settings(max_examples=40, deadline=None)
@given(boards(max_authorities=3, max_seats=3), st.sampled_from(["member", "authority"]))
def test_veto_and_minimal_coalitions_match_the_definition(board: Board, by: str) -> None:
    blocs = players_of(board, by)
    n = len(blocs)
    everyone = frozenset(range(n))
    combos = [
        frozenset(c)
        for k in range(n + 1)
        for c in __import__("itertools").combinations(range(n), k)
    ]
    win = {c: wins(board, blocs, c) for c in combos}
    players = list(power.banzhaf(board, by=by))

    def minimal(good: dict[frozenset[int], bool]) -> set[tuple[str, ...]]:
        return {
            tuple(players[i] for i in sorted(c))
            for c, ok in good.items()
            if ok and not any(good[c - {i}] for i in c)
        }

    assert set(power.minimal_winning(board, by=by)) == minimal(win)
    blocking = {c: not win[everyone - c] for c in combos}
    assert set(power.minimal_blocking(board, by=by)) == minimal(blocking)
    vetoes = power.veto_players(board, by=by)
    if win[everyone]:
        assert set(vetoes.vetoes) == {players[i] for i in range(n) if not win[everyone - {i}]}
    else:
        assert not vetoes.possible
        assert "No proposal can carry" in vetoes.explain()


# -- batch evaluation ------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_batch_equals_board_decide_one_by_one(data: st.DataObject) -> None:
    board = data.draw(boards())
    records = data.draw(st.lists(ballots(board), min_size=1, max_size=12))
    matrix = np.array([power.encode(board, **r) for r in records], dtype=np.int8)
    out = power.decide_batch(board, matrix)
    expected = [board.decide(**r) for r in records]
    assert out.statuses() == [o.status for o in expected]
    assert out.carried.tolist() == [o.carried for o in expected]
    assert out.equality.tolist() == [o.equality for o in expected]


def test_batch_member_order_and_bad_records() -> None:
    board = bromsgrove_redditch_board()
    ids = [m.id for m in board.voting_members]
    row = [Cast.FOR, Cast.FOR, Cast.ABSENT, Cast.FOR, Cast.AGAINST, Cast.FOR]
    reordered = power.decide_batch(board, np.array([row[::-1]]), members=ids[::-1])
    assert reordered.carried.tolist() == [True]
    assert "1 carried" in reordered.explain()
    with pytest.raises(InvalidVote, match=r"records\[0, 2\]"):
        power.decide_batch(board, np.array([[1, 1, 9, 1, 1, 1]]))
    with pytest.raises(InvalidVote, match="6 columns"):
        power.decide_batch(board, np.array([[1, 1, 1]]))
    with pytest.raises(InvalidVote, match="2-D integer"):
        power.decide_batch(board, np.array([1.0, 2.0]))
    with pytest.raises(InvalidVote, match="members"):
        power.decide_batch(board, np.array([row]), members=[*ids[:-1], "nobody"])


# -- limits and Monte Carlo ------------------------------------------------------------------


def big_board(n_each: int) -> Board:
    members = [
        Member(f"{c.lower()}{k}", f"Cllr {c}{k}", c) for c in ("A", "B") for k in range(n_each)
    ]
    return Board(
        "Big Board",
        authorities=[Authority("A", "A", population=100), Authority("B", "B", population=300)],
        seats={"A": n_each, "B": n_each},
        members=members,
        rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2)),
    )


def test_past_the_exact_limit_says_to_use_monte_carlo() -> None:
    board = big_board(13)
    with pytest.raises(LimitExceeded, match="monte-carlo") as err:
        power.banzhaf(board)
    assert isinstance(err.value, SharegovError)
    with pytest.raises(LimitExceeded, match="monte-carlo"):
        power.minimal_winning(board)
    # by authority the same board is two players, and exact
    assert power.banzhaf(board, by="authority") == {"A": Fraction(1, 2), "B": Fraction(1, 2)}


def test_monte_carlo_is_within_tolerance_and_reproducible() -> None:
    board = big_board(5)
    exact_b = power.banzhaf(board).absolute
    exact_s = power.shapley_shubik(board)
    tol = 0.03
    est_b = power.banzhaf(board, method="monte-carlo", tolerance=tol, seed=11)
    est_s = power.shapley_shubik(board, method="monte-carlo", tolerance=tol, seed=11)
    assert not est_b.exact
    assert est_b.samples == power.monte_carlo_samples(10, tolerance=tol, confidence=0.95)
    for p in exact_b:
        assert abs(est_b.absolute[p] - float(exact_b[p])) <= tol
        assert abs(est_s[p] - float(exact_s[p])) <= tol
    assert power.banzhaf(board, method="monte-carlo", tolerance=tol, seed=11) == est_b
    assert "Hoeffding" in est_b.explain()
    assert "seed 11" in est_b.explain()


def test_monte_carlo_runs_past_the_exact_limit() -> None:
    board = big_board(14)
    est = power.shapley_shubik(board, method="monte-carlo", tolerance=0.05, seed=1)
    assert len(est) == 28
    assert sum(est.values()) == pytest.approx(1.0)


def test_bad_arguments() -> None:
    board = bromsgrove_redditch_board()
    with pytest.raises(InvalidValue, match="by"):
        power.banzhaf(board, by="council")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="method"):
        power.banzhaf(board, method="guess")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="seed"):
        power.banzhaf(board, method="monte-carlo")
    with pytest.raises(InvalidValue, match="tolerance"):
        power.monte_carlo_samples(3, tolerance=0, confidence=0.9)


def test_inquorate_board_has_no_power() -> None:
    board = Board(
        "Half empty",
        authorities=[Authority("A", "A"), Authority("B", "B")],
        seats={"A": 3, "B": 3},
        members=[Member("a1", "One", "A"), Member("b1", "Two", "B")],
        quorum=rules.Quorum(at_least=4),
        rule=rules.Majority(of="seats"),
    )
    result = power.banzhaf(board)
    assert set(result.values()) == {0}
    assert "nobody has any power" in result.explain()
    assert not power.veto_players(board).possible


def test_population_weighted_partnership_small_district_is_a_dummy() -> None:
    # Any two of the three large councils carry; the small district never decides.
    board = weighted_board([100_000, 100_000, 100_000, 10_000], 200_000)
    result = power.banzhaf(board, by="authority")
    assert result["A03"] == 0
    assert "No power at all" in result.explain()


def test_explanations_count_one_in_the_singular() -> None:
    # Two members who must both agree: each has one swing, one winning coalition.
    board = weighted_board([1, 1], 2)
    text = power.banzhaf(board).explain()
    assert "(1 swing)" in text
    assert "1 swings" not in text
    assert power.minimal_winning(board).summary() == [
        "Any 2 members can carry a proposal (1 minimal winning coalition)."
    ]
    batch = power.decide_batch(board, np.array([[Cast.FOR, Cast.FOR]]))
    assert batch.explain().startswith("1 decision on Game: 1 carried")
    with pytest.raises(InvalidVote, match="2 columns"):
        power.decide_batch(board, np.array([[1]]))
