"""Bloc (a priori union) power indices, Coleman and Penrose measures, quota sensitivity.

Oracles: a published worked example (checking the brute-force oracle itself), a small game
worked by hand, and the definitions by brute force over every ordering and every
coalition, through ``Board.decide``, for every rule class and unions of every shape.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, Vote, power, rules
from sharegov.errors import InvalidRule, InvalidValue, LimitExceeded, SharegovError
from sharegov.reference import bromsgrove_redditch_board
from sharegov.strategies import boards
from test_rules import RULE_CLASSES  # every rule class; test_rules checks it is complete

contract = pytest.mark.parametrize("kind", RULE_CLASSES, ids=lambda c: c.__name__)

Value = Callable[[frozenset[int]], Fraction]


# -- the definitions, for any characteristic function ----------------------------------------


def owen_by_orders(n: int, v: Value, unions: Sequence[Sequence[int]]) -> list[Fraction]:
    """The Owen value as the average marginal contribution over every order of joining in
    which each union's members arrive one after another (Owen 1977)."""
    total = [Fraction(0)] * n
    count = 0
    for union_order in itertools.permutations(unions):
        for inner in itertools.product(*(itertools.permutations(u) for u in union_order)):
            order = [i for block in inner for i in block]
            joined: frozenset[int] = frozenset()
            for i in order:
                total[i] += v(joined | {i}) - v(joined)
                joined = joined | {i}
            count += 1
    return [t / count for t in total]


def subsets(items: Sequence[int]) -> list[tuple[int, ...]]:
    return [c for k in range(len(items) + 1) for c in itertools.combinations(items, k)]


def coalitional(n: int, v: Value, unions: Sequence[Sequence[int]], within: str) -> list[Fraction]:
    """Banzhaf between unions, and within i's union Banzhaf (``within="banzhaf"``: the
    Banzhaf–Owen value, Owen 1982) or Shapley (``"shapley"``: the symmetric coalitional
    Banzhaf value, Alonso-Meijide and Fiestras-Janeiro 2002), summed coalition by
    coalition."""
    m = len(unions)
    out = [Fraction(0)] * n
    for k, union in enumerate(unions):
        others = [u for j, u in enumerate(unions) if j != k]
        u_k = len(union)
        for i in union:
            mates = [j for j in union if j != i]
            for rr in subsets(range(len(others))):
                r_set = frozenset(p for j in rr for p in others[j])
                for s_set in subsets(mates):
                    c = r_set | frozenset(s_set)
                    margin = v(c | {i}) - v(c)
                    s = len(s_set)
                    if within == "banzhaf":
                        w = Fraction(1, 2 ** (u_k - 1))
                    else:
                        w = Fraction(
                            math.factorial(s) * math.factorial(u_k - 1 - s), math.factorial(u_k)
                        )
                    out[i] += margin * w / 2 ** (m - 1)
    return out


def test_oracle_reproduces_the_published_owen_example() -> None:
    """The brute-force oracle against a published worked example.

    R package GameTheoryAllocation 1.0, ``Owen_value`` documentation (A. Saavedra-Nieves;
    Owen 1977): the cost game c({1}) = 1, c({2}) = 1, c({3}) = 2, c({1,2}) = 1,
    c({1,3}) = 2, c({2,3}) = 2, c(N) = 2 with unions {1,2}, {3} has Owen value
    (0.25, 0.25, 1.5), against the Shapley value (1/3, 1/3, 4/3).

    By hand: the quotient game gives {1,2} the Shapley share (1 + (2 - 2)) / 2 = 1/2 and
    {3} (2 + (2 - 1)) / 2 = 3/2; players 1 and 2 are symmetric, so 1/4 each.
    """
    cost = {(0,): 1, (1,): 1, (2,): 2, (0, 1): 1, (0, 2): 2, (1, 2): 2, (0, 1, 2): 2}

    def c(s: frozenset[int]) -> Fraction:
        return Fraction(cost.get(tuple(sorted(s)), 0))

    assert owen_by_orders(3, c, [[0, 1], [2]]) == [Fraction(1, 4), Fraction(1, 4), Fraction(3, 2)]
    assert owen_by_orders(3, c, [[0, 1, 2]]) == [Fraction(1, 3), Fraction(1, 3), Fraction(4, 3)]


def weighted_board(weights: list[int], quota: int) -> Board:
    codes = [f"A{i + 1}" for i in range(len(weights))]
    return Board(
        "Game",
        authorities=[Authority(c, f"Council {c}") for c in codes],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), f"Cllr {c}", c) for c in codes],
        rule=rules.Weighted(dict(zip(codes, weights, strict=True)), quota=quota),
    )


def test_weighted_game_3_2_1_1_with_unions_12_3() -> None:
    """The weighted majority game [3; 2, 1, 1] with unions {1, 2} and {3}, by hand.

    Winning coalitions: {1,2}, {1,3}, {1,2,3}. Shapley–Shubik: (2/3, 1/6, 1/6).

    Owen: in the quotient game the union {1,2} (weight 3) wins alone, so it takes
    everything and player 3 gets 0. The orders consistent with the unions, each 1/4:
    1,2,3 (2 pivotal), 2,1,3 (1 pivotal), 3,1,2 (1 pivotal), 3,2,1 (1 pivotal): Owen
    (3/4, 1/4, 0), against Shapley–Shubik (2/3, 1/6, 1/6).

    Banzhaf–Owen (Owen 1982), m = 2 unions, |{1,2}| = 2, divisor 2^1 * 2^1 = 4: player
    1 swings at (R, S) = (∅, {2}), ({3}, ∅), ({3}, {2}): 3/4; player 2 only at (∅, {1}):
    1/4; player 3 never. Symmetric coalitional Banzhaf: Shapley weights within a union of
    two are 1/2 for s = 0 and s = 1, so (1/2 + 1/2 + 1/2) / 2 = 3/4 and 1/4 again.
    Banzhaf without unions: swings (3, 1, 1), so (3/5, 1/5, 1/5).
    """
    board = weighted_board([2, 1, 1], 3)
    unions = [{"a1", "a2"}, {"a3"}]
    assert list(power.shapley_shubik(board).values()) == [Fraction(2, 3), *[Fraction(1, 6)] * 2]
    assert list(power.owen(board, unions=unions).values()) == [
        Fraction(3, 4),
        Fraction(1, 4),
        Fraction(0),
    ]
    bo = power.banzhaf_owen(board, unions=unions)
    assert list(bo.absolute.values()) == [Fraction(3, 4), Fraction(1, 4), Fraction(0)]
    assert bo.swings == (3, 1, 0)
    assert list(bo.values()) == [Fraction(3, 4), Fraction(1, 4), Fraction(0)]
    scb = power.symmetric_coalitional_banzhaf(board, unions=unions)
    assert list(scb.absolute.values()) == [Fraction(3, 4), Fraction(1, 4), Fraction(0)]
    assert list(power.banzhaf(board).values()) == [Fraction(3, 5), *[Fraction(1, 5)] * 2]
    text = power.owen(board, unions=unions).explain()
    assert "a1+a2's two members hold 100.0% of the bloc power" in text
    assert "Cllr A1, A1 three quarters, Cllr A2, A2 a quarter" in text
    assert "A3's one member holds no bloc power." in text


# -- every rule class, unions of every shape, by brute force ---------------------------------


def game_of(board: Board) -> tuple[list[str], Value]:
    ids = [m.id for m in board.voting_members]
    cache: dict[frozenset[int], Fraction] = {}

    def v(c: frozenset[int]) -> Fraction:
        if c not in cache:
            votes = {m: Vote.FOR if i in c else Vote.AGAINST for i, m in enumerate(ids)}
            cache[c] = Fraction(int(bool(board.decide(votes).carried)))
        return cache[c]

    return ids, v


small_boards = st.sampled_from(RULE_CLASSES).flatmap(
    lambda kind: boards(max_authorities=3, max_seats=3, kind=kind)
)


@st.composite
def boards_with_unions(draw: st.DrawFn, kind: type[rules.Rule]) -> tuple[Board, list[list[int]]]:
    board = draw(boards(max_authorities=3, max_seats=3, kind=kind))
    n = len(board.voting_members)
    assume(n <= 7)
    shape = draw(st.sampled_from(["singletons", "grand", "authorities", "random"]))
    if shape == "singletons":
        labels = list(range(n))
    elif shape == "grand":
        labels = [0] * n
    elif shape == "authorities":
        codes = list(board.seats)
        labels = [codes.index(m.authority) for m in board.voting_members]
    else:
        labels = draw(st.lists(st.integers(0, n - 1), min_size=n, max_size=n))
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return board, list(groups.values())


@contract
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_bloc_indices_match_their_definitions(kind: type[rules.Rule], data: st.DataObject) -> None:
    board, groups = data.draw(boards_with_unions(kind))
    ids, v = game_of(board)
    n = len(ids)
    unions = [{ids[i] for i in g} for g in groups]
    owen = power.owen(board, unions=unions)
    assert list(owen.values()) == owen_by_orders(n, v, groups)
    assert list(power.banzhaf_owen(board, unions=unions).absolute.values()) == coalitional(
        n, v, groups, "banzhaf"
    )
    scb = power.symmetric_coalitional_banzhaf(board, unions=unions)
    assert list(scb.absolute.values()) == coalitional(n, v, groups, "shapley")
    # Efficiency: the Owen values share out v(N) - v(∅).
    everyone = frozenset(range(n))
    assert sum(owen.values()) == v(everyone) - v(frozenset())
    if any(owen.values()):
        assert owen.explain().count("bloc power") == len(groups)


@contract
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_trivial_unions_give_the_plain_indices(kind: type[rules.Rule], data: st.DataObject) -> None:
    board = data.draw(boards(max_authorities=3, max_seats=3, kind=kind))
    ids = [m.id for m in board.voting_members]
    shapley = power.shapley_shubik(board)
    banzhaf = power.banzhaf(board)
    for unions in ([{m} for m in ids], [set(ids)]):
        assert power.owen(board, unions=unions) == shapley
        bo = power.banzhaf_owen(board, unions=unions)
        assert bo == banzhaf
        assert bo.absolute == banzhaf.absolute
        assert bo.swings == banzhaf.swings
    singletons = power.symmetric_coalitional_banzhaf(board, unions=[{m} for m in ids])
    assert singletons == banzhaf
    assert power.symmetric_coalitional_banzhaf(board, unions=[set(ids)]) == shapley


@contract
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_quotient_game_is_the_authorities_game(kind: type[rules.Rule], data: st.DataObject) -> None:
    """Owen's quotient property: a union's Owen values add up to its Shapley value in the
    game between unions; with the authorities as unions that is shapley_shubik(by=
    "authority"). Likewise the symmetric coalitional Banzhaf raw values add up to the
    union's absolute Banzhaf index."""
    board = data.draw(boards(max_authorities=3, max_seats=3, kind=kind))
    owen = power.owen(board)
    scb = power.symmetric_coalitional_banzhaf(board)
    by_authority = power.shapley_shubik(board, by="authority")
    banzhaf_authority = power.banzhaf(board, by="authority").absolute
    assert owen.unions is not None
    assert owen.union_names is not None
    for name, union in zip(owen.union_names, owen.unions, strict=True):
        assert sum(owen[m] for m in union) == by_authority[name]
        assert sum(scb.absolute[m] for m in union) == banzhaf_authority[name]


@contract
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_coleman_and_penrose_identities(kind: type[rules.Rule], data: st.DataObject) -> None:
    board = data.draw(boards(max_authorities=3, max_seats=3, kind=kind))
    ids, v = game_of(board)
    n = len(ids)
    winning = sum(int(v(frozenset(c))) for c in subsets(range(n)))
    result = power.coleman(board)
    banzhaf = power.banzhaf(board)
    assert result.winning == winning
    assert result.act == Fraction(winning, 2**n)
    assert result.swings == banzhaf.swings
    for m, k in zip(ids, result.swings, strict=True):
        assert result.prevent[m] * winning == (k if winning else 0)
        assert result.initiate[m] * (2**n - winning) == (k if winning < 2**n else 0)
    assert dict(power.penrose(board)) == banzhaf.absolute
    authorities = power.coleman(board, by="authority")
    assert authorities.swings == power.banzhaf(board, by="authority").swings


# -- the reference board, and words ----------------------------------------------------------


def test_reference_board_in_words() -> None:
    board = bromsgrove_redditch_board()
    owen = power.owen(board)
    assert set(owen.values()) == {Fraction(1, 6)}
    assert owen.bloc_power() == {"BDC": Fraction(1, 2), "RBC": Fraction(1, 2)}
    text = owen.explain()
    assert "RBC's three members hold 50.0% of the bloc power; within RBC each holds a third." in (
        text
    )
    assert power.banzhaf_owen(board).absolute["hall"] == Fraction(1, 4)
    coleman = power.coleman(board)
    assert (coleman.winning, coleman.act) == (16, Fraction(1, 4))
    assert "16 of the 64 ways of voting carry a proposal" in coleman.explain()
    assert power.penrose(board)["hall"] == Fraction(1, 4)


def test_named_unions_and_a_veto_in_words() -> None:
    board = weighted_board([1, 1, 1], 3)  # unanimity: each member a veto
    result = power.coleman(board)
    assert result.prevent["a1"] == 1
    assert "Can block every proposal alone (veto players)" in result.prevent.explain()
    owen = power.owen(board, unions={"North": ["a1", "a2"], "South": ["a3"]})
    assert owen.union_names == ("North", "South")
    assert owen.bloc_power() == {"North": Fraction(1, 2), "South": Fraction(1, 2)}


# -- refusals --------------------------------------------------------------------------------


BDC = {"hollingworth", "luck", "webb"}
RBC = {"gandy", "hall", "mcmillan"}


@pytest.mark.parametrize(
    ("unions", "field", "value"),
    [
        ([BDC, {"gandy", "hall"}], "unions", "mcmillan"),
        (
            [{*BDC, "gandy"}, RBC],
            "unions[1]",
            "gandy",
        ),
        (
            [{*BDC, "nobody"}, RBC],
            "unions[0]",
            "nobody",
        ),
        (
            [set(), {*BDC, *RBC}],
            "unions[0]",
            "got {}",
        ),
        (["hollingworth"], "unions[0]", "hollingworth"),
        ("hall", "unions", "hall"),
        ({"X": 3}, "unions['X']", "3"),
    ],
)
def test_unions_must_partition_the_voting_members(unions: object, field: str, value: str) -> None:
    with pytest.raises(power.InvalidUnions) as caught:
        power.owen(bromsgrove_redditch_board(), unions=unions)  # type: ignore[arg-type]
    assert isinstance(caught.value, SharegovError)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"{field}: expected")
    assert value in str(caught.value)


def test_too_many_coalitions_is_refused_clearly() -> None:
    ids = [f"m{i}" for i in range(26)]
    board = Board(
        "Big",
        authorities=[Authority("A", "A")],
        seats={"A": 26},
        members=[Member(m, m, "A") for m in ids],
        rule=rules.Majority(),
    )
    with pytest.raises(LimitExceeded, match=r"2\^25"):
        power.banzhaf_owen(board)
    # 26 unions of one need 26 * 2^26 coalitions: past the limit too.
    with pytest.raises(LimitExceeded):
        power.owen(board, unions=[{m} for m in ids])


# -- quota sensitivity -----------------------------------------------------------------------


def test_sensitivity_majority_from_a_half_to_three_quarters() -> None:
    board = weighted_board([1, 1, 1, 1, 1], 1)
    board = Board(
        "Five",
        authorities=board.authorities,
        seats=board.seats,
        members=board.members,
        rule=rules.Majority(),
    )
    shares = [Fraction(1, 2), Fraction(3, 5), Fraction(3, 4)]
    table = power.sensitivity(board, shares, index="penrose")
    assert table.thresholds == tuple(shares)
    for t, result in zip(shares, table.results, strict=True):
        changed = Board(
            "Five",
            authorities=board.authorities,
            seats=board.seats,
            members=board.members,
            rule=rules.Majority(more_than=t),
        )
        assert dict(result) == power.banzhaf(changed).absolute
    # More than 1/2 of 5 is 3 votes: a member decides when 2 of the other 4 are for,
    # C(4, 2) / 16 = 3/8. More than 3/5 (and 3/4) is 4 votes: C(4, 3) / 16 = 1/4.
    assert [v for _, p, v in table.rows() if p == "a1"] == [
        Fraction(3, 8),
        Fraction(1, 4),
        Fraction(1, 4),
    ]
    assert "more than 3/4 of those present and voting" in table.explain()


def test_sensitivity_bloc_table_and_plot() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    board = bromsgrove_redditch_board()
    table = power.sensitivity(board, [1, 2, 3], index="owen")
    frame = table.table(blocs=True)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["BDC", "RBC"]
    assert frame.loc[2.0, "RBC"] == 0.5
    assert table.table().shape == (3, 6)
    ax = table.plot(blocs=True)
    assert len(ax.get_lines()) == 2


def test_sensitivity_refuses_rules_without_one_threshold() -> None:
    board = bromsgrove_redditch_board()
    consensus = Board(
        "C",
        authorities=board.authorities,
        seats=board.seats,
        members=board.members,
        rule=rules.Consensus(),
    )
    with pytest.raises(InvalidRule, match="exactly one threshold"):
        power.sensitivity(consensus, [Fraction(1, 2)])
    with pytest.raises(InvalidValue, match="index"):
        power.sensitivity(board, [2], index="nonsense")  # type: ignore[arg-type]
    with pytest.raises(InvalidRule, match="whole number"):
        power.sensitivity(board, [Fraction(3, 2)])


def test_eu27_in_five_unions_quotient_game() -> None:
    """The benchmark's game: 27 members (EU-27 populations, thousands; quota 65%) in five
    unions. Each union's Owen values add up to its Shapley–Shubik index in the weighted
    game between the five unions (weights summed), computed independently."""
    # fmt: off
    eu27 = [83166, 67320, 59641, 47332, 37958, 19328, 17408, 11523, 10694, 10719, 10296,
            10327, 9770, 8901, 6951, 5823, 5525, 5458, 4964, 4058, 2794, 2096, 1908, 1329,
            888, 626, 515]
    # fmt: on
    quota = math.ceil(Fraction(65, 100) * sum(eu27))
    board = weighted_board(eu27, quota)
    ids = [m.id for m in board.voting_members]
    unions = [set(ids[k::5]) for k in range(5)]
    owen = power.owen(board, unions=unions)
    quotient = weighted_board([sum(eu27[k::5]) for k in range(5)], quota)
    expected = list(power.shapley_shubik(quotient).values())
    assert list(owen.bloc_power().values()) == expected
    assert sum(owen.values()) == 1
    bo = power.banzhaf_owen(board, unions=unions)
    scb = power.symmetric_coalitional_banzhaf(board, unions=unions)
    quotient_banzhaf = list(power.banzhaf(quotient).absolute.values())
    for k, union in enumerate(unions):
        assert sum(scb.absolute[m] for m in union) == quotient_banzhaf[k]
        # Banzhaf–Owen and the symmetric coalitional index agree on who has none.
        assert {m for m in union if bo[m] == 0} == {m for m in union if scb[m] == 0}
