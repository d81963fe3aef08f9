"""Costs: split rules, funding, statements and fairness, against the seeds and brute force."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharegov import Authority, Money
from sharegov.costs import (
    Capped,
    CaseByCase,
    Category,
    CostGame,
    CostItem,
    CostPlan,
    Equal,
    Fixed,
    Floored,
    Grant,
    HostRecharge,
    LeadPays,
    MatchFunding,
    Mix,
    Proportional,
    SavingsStream,
    fairness,
    shapley,
)
from sharegov.errors import InvalidRule, InvalidValue, LimitExceeded, UnknownId
from sharegov.money import FinancialYear, MoneyRange
from sharegov.strategies import moneys, split_rules

FY = FinancialYear(2008)
CODES = ["BDC", "RBC", "HDC", "SCDC", "CCC"]
parties_st = st.integers(1, 5).map(lambda k: CODES[:k])


def seed_001_plan() -> CostPlan:
    """Seed 001: equal costs, a £30k-£40k WMRIEP grant, £40k match funding each, interim
    management coded separately, payroll saving £40k a year. Item amounts are illustrative."""
    return CostPlan(
        ["BDC", "RBC"],
        items=[
            CostItem("analysis", "Analysis of performance and costs", "£35,000",
                     category=Category.INVESTIGATION, year=FY),
            CostItem("business-case", "External support for the business case", "£80,000",
                     category=Category.INVESTIGATION, year=FY),
            CostItem("interim", "Interim management at Redditch", "£50,000",
                     category=Category.RUNNING, year=FY, incurred_by="RBC", shared=False),
        ],
        grants=[Grant("WMRIEP", "£30,000 to £40,000", covers={"analysis"})],
        match_funding=[MatchFunding("£40,000", covers={"business-case"})],
        savings=[SavingsStream("payroll", "Payroll moved to Redditch", "£40k",
                               start=dt.date(2008, 9, 1))],
    )  # fmt: skip


def test_seed_001_statement_by_hand() -> None:
    st_ = seed_001_plan().statement(years=3)
    # Grant (prudently £30k) meets £30k of the £35k analysis; £5k is shared equally.
    # Match funding meets the £80k business case, £40k each. Interim costs are not shared.
    assert st_.pays["BDC"] == (Money.parse("£42,500"), Money(0), Money(0))
    assert st_.pays["RBC"] == (Money.parse("£42,500"), Money(0), Money(0))
    # Payroll from 1 September 2008: 7 months of £40k = £23,333.33, shared equally.
    assert st_.receives["BDC"][0] + st_.receives["RBC"][0] == Money.parse("£23,333.33")
    assert st_.receives["BDC"][1] == Money.parse("£20,000")
    assert st_.cumulative("BDC")[-1] == Money.parse("£11,666.67") - Money.parse(
        "£42,500"
    ) + Money.parse("£40,000")
    assert str(st_.payback_year("BDC")) == "2010/11"
    assert str(st_.payback_year()) == "2010/11"
    text = st_.explain()
    assert "Interim management at Redditch: £50,000.00 coded separately to RBC, not shared" in text
    assert "WMRIEP grant £30,000.00" in text
    assert "match funding BDC £40,000.00, RBC £40,000.00" in text
    high = seed_001_plan().statement(years=3, assume="high")
    assert high.pays["BDC"][0] == Money.parse("£40,000")  # the £40k grant meets all but £0


def test_statement_outputs() -> None:
    st_ = seed_001_plan().statement(years=2)
    rows = st_.rows()
    assert len(rows) == 4
    assert rows[0][:2] == (FY, "BDC")
    html = st_._repr_html_()
    assert "<table>" in html
    assert "coded separately" in html
    df = st_.to_dataframe()
    assert df["net_pence"].dtype == "int64"
    assert df["net_pence"].sum() == sum(n.pence for p in st_.parties for n in st_.net(p))
    assert df["net_pounds"].astype(float).sum() == pytest.approx(df["net_pence"].sum() / 100)
    with pytest.raises(UnknownId):
        st_.net("XYZ")


def test_payback_is_when_cumulative_stays_non_negative() -> None:
    plan = CostPlan(
        ["A"],
        items=[CostItem("x", "X", "£100", category=Category.RUNNING, year=FY),
               CostItem("y", "Y", "£100", category=Category.RUNNING, year=FY + 2)],
        savings=[SavingsStream("s", "S", "£60", start=FY)],
    )  # fmt: skip
    # net -40, +60, -40, +60: cumulative -40, 20, -20, 40 -> back in the fourth year.
    assert plan.statement(years=4).payback_year("A") == FY + 3
    assert plan.statement(years=3).payback_year("A") is None


@given(parties_st.flatmap(lambda p: st.tuples(st.just(p), split_rules(p))), moneys())
def test_split_rules_sum_exactly(pair: tuple[list[str], object], amount: Money) -> None:
    parties, rule = pair
    parts = rule.split(amount, parties)  # type: ignore[attr-defined]
    assert list(parts) == parties
    assert sum(parts.values(), Money(0)) == amount
    shares = rule.shares(parties)  # type: ignore[attr-defined]
    assert sum(shares.values()) == 1
    for p in parties:
        assert abs(parts[p].pence - amount.pence * shares[p]) < len(parties)
    assert rule.describe()  # type: ignore[attr-defined]


@given(
    parties_st.flatmap(lambda p: st.tuples(st.just(p), split_rules(p))),
    st.lists(st.integers(0, 10**8), min_size=1, max_size=5),
    st.integers(0, 10**9),
    st.integers(0, 10**7),
)
def test_split_conserves_the_total_after_funding(
    pair: tuple[list[str], object], costs: list[int], grant: int, match: int
) -> None:
    parties, rule = pair
    items = [
        CostItem(f"i{k}", "cost", Money(c), category=Category.IMPLEMENTATION, year=FY + k % 2)
        for k, c in enumerate(costs)
    ]
    plan = CostPlan(parties, items=items, grants=[Grant("Fund", Money(grant))],
                    match_funding=[MatchFunding(Money(match))], cost_split=rule)  # type: ignore[arg-type]  # fmt: skip
    st_ = plan.statement(years=2)
    paid = sum((m for p in parties for m in st_.pays[p]), Money(0))
    assert paid == Money(max(0, sum(costs) - grant))


def test_caps_and_floors() -> None:
    rule = Capped(Proportional({"A": 1, "B": 1, "C": 2}), {"C": Money(1_000), "B": Money(2_500)})
    assert rule.split(Money(10_000), ["A", "B", "C"]) == {
        "A": Money(6_500), "B": Money(2_500), "C": Money(1_000)
    }  # fmt: skip
    assert rule.split(Money(-10_000), ["A", "B", "C"])["C"] == Money(-1_000)
    assert not rule.linear
    with pytest.raises(InvalidRule):
        rule.shares(["A", "B", "C"])
    with pytest.raises(InvalidValue, match="caps"):
        Capped(Equal(), {"A": Money(1), "B": Money(1)}).split(Money(10), ["A", "B"])
    with pytest.raises(InvalidValue, match="floors"):
        Floored(Equal(), {"A": Money(8), "B": Money(8)}).split(Money(10), ["A", "B"])
    assert "with caps (C £10.00" in rule.describe()


@given(
    moneys(0, 10**9),
    st.lists(st.integers(0, 10**9), min_size=3, max_size=3),
    st.lists(st.integers(1, 100), min_size=3, max_size=3),
)
def test_caps_hold_and_conserve(amount: Money, caps: list[int], weights: list[int]) -> None:
    assume(sum(caps) >= amount.pence)
    codes = ["A", "B", "C"]
    rule = Capped(Proportional(dict(zip(codes, weights, strict=True))),
                  {c: Money(v) for c, v in zip(codes, caps, strict=True)})  # fmt: skip
    parts = rule.split(amount, codes)
    assert sum(parts.values(), Money(0)) == amount
    assert all(Money(0) <= parts[c] <= Money(v) for c, v in zip(codes, caps, strict=True))


@given(moneys(0, 10**9), st.lists(st.integers(0, 10**8), min_size=3, max_size=3))
def test_floors_hold_and_conserve(amount: Money, floors: list[int]) -> None:
    assume(sum(floors) <= amount.pence)
    codes = ["A", "B", "C"]
    rule = Floored(Equal(), {c: Money(v) for c, v in zip(codes, floors, strict=True)})
    parts = rule.split(amount, codes)
    assert sum(parts.values(), Money(0)) == amount
    assert all(parts[c] >= Money(v) for c, v in zip(codes, floors, strict=True))


def test_rules_describe_themselves() -> None:
    bdc = Authority("BDC", "Bromsgrove District Council", population=93_637)
    rbc = Authority("RBC", "Redditch Borough Council", population=84_214)
    rule = Proportional.population([bdc, rbc])
    assert rule.describe() == "in proportion to population (BDC 93,637; RBC 84,214)"
    assert LeadPays("BDC").describe() == "met by the lead authority, BDC"
    case = CaseByCase(Equal(), reason="both gain equally", decided_on=dt.date(2008, 9, 1))
    assert case.describe() == (
        "as agreed case by case on 1 September 2008: shared equally, because both gain equally"
    )
    mix = Mix([(Fraction(1, 2), Equal()), (Fraction(1, 2), rule)])
    assert mix.describe().startswith("1/2 shared equally; 1/2 in proportion to population")
    assert rule == Proportional({"BDC": 93_637, "RBC": 84_214}, basis="population")
    assert hash(rule) == hash(Proportional({"RBC": 84_214, "BDC": 93_637}, basis="population"))


def test_rule_validation() -> None:
    with pytest.raises(InvalidRule, match="shares summing to 1"):
        Fixed({"A": Fraction(1, 2), "B": Fraction(1, 3)})
    with pytest.raises(UnknownId, match="lead: expected one of A and B"):
        LeadPays("C").split(Money(1), ["A", "B"])
    with pytest.raises(UnknownId, match="by: expected a value for every party"):
        Proportional({"A": 1}).split(Money(1), ["A", "B"])
    with pytest.raises(InvalidRule, match="host"):
        HostRecharge("C", {"A": 1})
    with pytest.raises(TypeError):
        Proportional({"A": 0.5})
    with pytest.raises(InvalidRule, match="weights summing to 1"):
        Mix([(Fraction(1, 3), Equal())])
    with pytest.raises(InvalidValue, match="incurred_by"):
        CostItem("x", "X", "£1", category=Category.RUNNING, year=FY, shared=False)
    with pytest.raises(UnknownId, match="covers"):
        CostPlan(["A"], items=[], grants=[Grant("F", "£1", covers={"nope"})])
    with pytest.raises(InvalidValue, match="parties"):
        CostPlan("AB")


# -- fairness -------------------------------------------------------------------------------


def games(n: int) -> st.SearchStrategy[CostGame]:
    codes = CODES[:n]
    groups = [frozenset(g) for k in range(1, n + 1) for g in itertools.combinations(codes, k)]
    return st.lists(st.integers(0, 10**7), min_size=len(groups), max_size=len(groups)).map(
        lambda costs: CostGame(codes, {g: Money(c) for g, c in zip(groups, costs, strict=True)})
    )


@given(st.integers(1, 5).flatmap(games))
def test_shapley_is_efficient(game: CostGame) -> None:
    values = shapley(game)
    assert sum(values.values()) == game.savings(game.parties).pence
    split = fairness(dict.fromkeys(game.parties, Money(0)), game).shapley_split()
    assert sum(split.values(), Money(0)) == game.cost(game.parties)


@given(st.integers(2, 5), st.lists(st.integers(0, 10**7), min_size=5, max_size=5), st.data())
def test_shapley_is_symmetric(n: int, by_size: list[int], data: st.DataObject) -> None:
    codes = CODES[:n]
    # A type per council; the cost depends on the coalition's size and the types in it.
    types = data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    types[1] = types[0]  # councils 0 and 1 are interchangeable

    def cost(g: frozenset[str]) -> Money:
        return Money(by_size[len(g) - 1] + 1000 * sum(types[codes.index(p)] for p in g))

    values = shapley(CostGame.from_function(codes, cost))
    assert values[codes[0]] == values[codes[1]]


@given(st.integers(1, 5), st.lists(st.integers(0, 10**7), min_size=5, max_size=5))
def test_equal_stand_alone_costs_and_equal_usage_split_equally(n: int, by_size: list[int]) -> None:
    codes = CODES[:n]
    game = CostGame.from_function(codes, lambda g: Money(by_size[len(g) - 1]))
    joint = game.cost(codes)
    equal = Equal().split(joint, codes)
    assert fairness(equal, game).shapley_split() == equal
    assert HostRecharge(codes[0], dict.fromkeys(codes, 7)).split(joint, codes) == equal


@given(games(3), moneys(0, 10**7), moneys(0, 10**7))
def test_core_against_brute_force(game: CostGame, a: Money, b: Money) -> None:
    joint = game.cost(game.parties)
    alloc = dict(zip(game.parties, (a, b, joint - a - b), strict=True))
    report = fairness(alloc, game)
    brute = all(
        sum((alloc[p] for p in g), Money(0)) <= game.cost(g)
        for k in (1, 2)
        for g in itertools.combinations(game.parties, k)
    )
    assert report.in_core == brute
    assert report.stand_alone_ok == all(alloc[p] <= game.cost({p}) for p in game.parties)
    if not brute:
        _group, charged, alone = report.blocking  # type: ignore[misc]
        assert charged > alone
        assert charged - alone == max(
            sum((alloc[p] for p in g), Money(0)) - game.cost(g)
            for k in (1, 2)
            for g in itertools.combinations(game.parties, k)
        )


@given(games(2), moneys(0, 10**7))
def test_two_council_core_is_the_stand_alone_test(game: CostGame, a: Money) -> None:
    joint = game.cost(game.parties)
    alloc = {"BDC": a, "RBC": joint - a}
    report = fairness(alloc, game)
    assert report.in_core == report.stand_alone_ok


def test_seed_002_core_names_the_coalition() -> None:
    # Seed 002: three councils share ICT. Stand-alone and pair costs are illustrative.
    game = CostGame(["HDC", "SCDC", "CCC"], {
        "HDC": "£1.2M", "SCDC": "£1M", "CCC": "£1.4M",
        ("HDC", "SCDC"): "£1.55M", ("HDC", "CCC"): "£2.1M", ("SCDC", "CCC"): "£1.9M",
        ("HDC", "SCDC", "CCC"): "£2.4M",
    })  # fmt: skip
    equal = Equal().split(game.cost(game.parties), game.parties)
    report = fairness(equal, game)
    assert report.stand_alone_ok
    assert not report.in_core
    assert report.blocking is not None
    assert report.blocking[0] == {"HDC", "SCDC"}
    text = report.explain()
    assert "Stand-alone test: passed" in text
    assert (
        "HDC and SCDC would pay £1,550,000.00 on their own but are charged £1,600,000.00"
        " (£50,000.00 more); they would be better off leaving." in text
    )
    shap = report.shapley_split()
    assert fairness(shap, game).in_core  # a concave cost game: Shapley is in the core
    assert sum(shap.values(), Money(0)) == Money.parse("£2.4M")


def test_game_validation() -> None:
    with pytest.raises(InvalidValue, match="a cost for every coalition"):
        CostGame(["A", "B"], {"A": "£1", "B": "£1"})
    with pytest.raises(LimitExceeded, match="limited to 12"):
        CostGame.from_function([f"C{i}" for i in range(13)], lambda g: Money(len(g)))
    game = CostGame(["A", "B"], {"A": "£1", "B": "£1", ("A", "B"): "£2"})
    with pytest.raises(UnknownId):
        fairness({"A": Money(1)}, game)
    report = fairness({"A": Money(50), "B": Money(50)}, game)
    assert not report.efficient
    assert "not the joint cost £2.00" in report.explain()


def test_money_range_items_follow_the_assumption() -> None:
    plan = CostPlan(["A", "B"], items=[CostItem("x", "X", MoneyRange.parse("£10 to £20"),
                    category=Category.RUNNING, year=FY)])  # fmt: skip
    pays = {a: plan.statement(years=1, assume=a).pays["A"][0] for a in ("low", "mid", "high")}
    assert pays == {"low": Money(500), "mid": Money(750), "high": Money(1000)}
    assert plan.statement(years=1).pays["A"][0] == Money(1000)  # prudent: costs high


# -- wording fit for minutes ------------------------------------------------------------------


def test_a_split_among_one_council_is_not_shared_equally() -> None:
    plan = CostPlan(
        ["BDC"],
        items=[CostItem("x", "Study", "£1,000", category=Category.INVESTIGATION, year="2008/09")],
        savings=[SavingsStream("s", "Payroll", "£1,200", start=dt.date(2008, 10, 1))],
    )
    text = plan.statement(years=1).explain()
    assert "shared equally" not in text
    assert "2008/09 Study £1,000.00: £1,000.00 paid by BDC alone" in text
    assert "2008/09 Payroll saving £600.00 (6 months), all to BDC" in text


def test_a_part_year_counts_its_months_in_words() -> None:
    # Six months is 1/2 of a year: it used to read "(1 months)".
    def note(start: dt.date) -> str:
        plan = CostPlan(["A", "B"], savings=[SavingsStream("s", "Payroll", "£1,200", start=start)])
        return plan.statement(years=1, start=FinancialYear(2008)).notes[0]

    assert note(dt.date(2009, 3, 1)) == "2008/09 Payroll saving £100.00 (1 month), shared equally"
    assert note(dt.date(2008, 10, 1)).endswith("£600.00 (6 months), shared equally")


def test_a_negative_saving_and_a_credit_read_as_such() -> None:
    plan = CostPlan(
        ["A", "B"],
        items=[CostItem("r", "Refund", Money(-10_000), category=Category.RUNNING, year="2008/09")],
        savings=[SavingsStream("t", "ICT", Money(-300_000), start="2008/09")],
    )
    text = plan.statement(years=1).explain()
    for bad in ("saving -£", "pays -£", "receives -£"):
        assert bad not in text
    assert "  A: receives a credit of £50.00, bears a loss of £1,500.00 on savings," in text
    assert "2008/09 Refund -£100.00: a credit of £100.00 shared equally" in text
    assert "2008/09 ICT costs £3,000.00 more, not a saving, shared equally" in text


def test_fairness_never_says_saves_a_negative_amount() -> None:
    # Together they cost more than apart: nobody saves anything.
    game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£120k"})
    text = fairness({"A": Money.parse("£70k"), "B": Money.parse("£50k")}, game).explain()
    assert "-£" not in text  # never "saves -£..." nor any other negative amount
    assert "    A pays £70,000.00; alone £60,000.00; costs £10,000.00 more" in text
    assert "would pay £60,000.00 on its own but is charged £70,000.00" in text
    assert "it would be better off leaving" in text
    assert (
        "Shapley value of the savings (none in all: together they cost £20,000.00 more): "
        "A none (costs £10,000.00 more); B none (costs £10,000.00 more)"
    ) in text


def test_fairness_shows_a_negative_charge_as_a_credit() -> None:
    game = CostGame(["A", "B"], {"A": "£10k", "B": "£100k", ("A", "B"): "£60k"})
    text = fairness({"A": Money.parse("-£10k"), "B": Money.parse("£70k")}, game).explain()
    assert "pays -£" not in text
    assert "    A receives a credit of £10,000.00; alone £10,000.00; saves £20,000.00" in text
    assert "The Shapley split would charge: A a credit of £15,000.00; B £75,000.00" in text


def test_fairness_for_one_council() -> None:
    game = CostGame(["A"], {"A": "£60k"})
    text = fairness({"A": Money.parse("£60k")}, game).explain()
    assert text.startswith("Fairness of the split of £60,000.00 charged to A alone:")


def test_limit_errors_show_pounds_not_money_reprs() -> None:
    with pytest.raises(InvalidValue) as bad:
        Capped(Equal(), {"C": Money(-100)})
    assert str(bad.value) == "limits.C: expected an amount >= £0, got -£1.00"
    with pytest.raises(InvalidValue) as short:
        Capped(Equal(), {"A": Money(100), "B": Money(100)}).split(Money(1_000), ["A", "B"])
    assert str(short.value) == (
        "limits: expected caps that can meet £10.00, got A £1.00 and B £1.00"
    )
    with pytest.raises(InvalidRule) as linear:
        Capped(Equal(), {"C": Money(100)}).shares(["A"])
    assert "Money(" not in str(linear.value)
    assert "got 'shared equally, with caps (C £1.00)'" in str(linear.value)


# -- savings streams: how long they run ---------------------------------------------------------


def test_6_4m_a_year_for_3_years_from_september_2009_is_19_2m() -> None:
    # Issue 14: this used to come to £16.5m, the last 5 months being dropped (years were
    # counted as financial years, and the first was only 7 months long).
    stream = SavingsStream("decats", "DECATS", "£6.4m", start=dt.date(2009, 9, 1), years=3)
    statement = CostPlan(["DERBY"], savings=[stream]).statement(years=5)
    receives = statement.receives["DERBY"]
    assert sum(receives, Money(0)) == Money.parse("£19.2m")
    assert receives == (
        Money.parse("£6.4m").scale(Fraction(7, 12)),
        Money.parse("£6.4m"),
        Money.parse("£6.4m"),
        Money.parse("£2,666,666.67"),  # the 5 months left of the 36
        Money(0),
    )
    text = statement.explain()
    assert "2012/13 DECATS saving £2,666,666.67 (5 months)" in text
    assert "September 2009 to August 2012 (36 months): £19,200,000.00 in all" in text
    # Cut short, the statement says how much of the total it shows.
    short = CostPlan(["DERBY"], savings=[stream]).statement(years=3).explain()
    assert "£19,200,000.00 in all; £16,533,333.33 of it within 2009/10 to 2011/12" in short


def test_years_count_from_the_start_and_whole_financial_years_from_a_year() -> None:
    september = SavingsStream("s", "S", "£1,200", start=dt.date(2009, 9, 1), years=1)
    assert september.months == 12
    receives = CostPlan(["A"], savings=[september]).statement(years=3).receives["A"]
    assert receives == (Money(70_000), Money(50_000), Money(0))  # 7 months, then 5
    # A financial-year start with years is whole financial years, as before.
    whole = SavingsStream("s", "S", "£1,200", start="2009/10", years=2)
    assert CostPlan(["A"], savings=[whole]).statement(years=3).receives["A"] == (
        Money(120_000),
        Money(120_000),
        Money(0),
    )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"years": 0}, "years: expected a whole number of years >= 1"),
        ({"years": True}, "years: expected a whole number of years >= 1"),
    ],
)
def test_a_stream_whose_years_make_no_sense_is_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        SavingsStream("s", "S", "£1k", start=dt.date(2009, 9, 1), **kw)  # type: ignore[arg-type]


@given(
    pence=st.integers(min_value=-(10**10), max_value=10**10),
    month=st.integers(min_value=1, max_value=12),
    years=st.integers(min_value=1, max_value=6),
)
def test_a_stream_sums_exactly_to_its_term(pence: int, month: int, years: int) -> None:
    stream = SavingsStream("s", "S", Money(pence), start=dt.date(2009, month, 15), years=years)
    total = sum(
        (stream.amount_in(FinancialYear(y), Money(pence)) for y in range(2008, 2018)), Money(0)
    )
    assert total == Money(pence * years)
    # Brute force: the months counted into each financial year, one by one.
    for y in range(2008, 2018):
        months = sum(
            1
            for k in range(years * 12)
            if (2009 * 12 + month - 1 + k) // 12 - ((2009 * 12 + month - 1 + k) % 12 < 3) == y
        )
        assert stream.fraction_in(FinancialYear(y)) == Fraction(months, 12)


def test_a_credit_neither_draws_on_a_grant_nor_refills_it() -> None:
    from sharegov.costs import Category, CostItem, CostPlan, Grant

    plan = CostPlan(
        ["A", "B"],
        items=[
            CostItem("refund", "Refund", "-£10", category=Category.RUNNING, year="2010/11"),
            CostItem("build", "Build", "£150", category=Category.IMPLEMENTATION, year="2011/12"),
        ],
        grants=[Grant("F", "£100")],
    )
    statement = plan.statement(years=2)
    # The -£10 credit of 2010/11 is shared, £5 back to each; the £100 grant then pays £100
    # of the £150 build in 2011/12, leaving £25 each. Were the credit to refill the grant,
    # 2010/11 would show nothing and the grant would pay £110 of the build (£20 each).
    assert [str(m) for m in statement.pays["A"]] == ["-£5.00", "£25.00"]
    assert [str(m) for m in statement.pays["B"]] == ["-£5.00", "£25.00"]
