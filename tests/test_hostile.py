"""Hostile input: every case is accepted correctly or refused by field with a SharegovError.

Each case is small and fast; ``benchmarks/hostile.py`` times them (no timing asserted here).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from sharegov import Authority, Board, Member, power, rules
from sharegov.concordat import ServiceArrangement, Term
from sharegov.costs import Equal, Proportional
from sharegov.errors import InvalidValue, LimitExceeded, SharegovError
from sharegov.money import Money, MoneyRange, allocate
from sharegov.parties import Officer, Post
from sharegov.reference import bromsgrove_redditch_board
from sharegov.timeline import Deadline


def refused(kind: type[SharegovError], match: str) -> Any:
    """``pytest.raises`` for a SharegovError subclass whose message matches ``match``."""
    assert issubclass(kind, SharegovError)
    return pytest.raises(kind, match=match)


# -- 1. Money parsing runs in linear time, on bounded text ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "-" + " " * 150 + "x",  # was cubic: 47 s at 2,000 spaces
        "£" + " " * 150 + "-" + " " * 40 + "x",
        "1" * 150 + "x",
        "1," * 90 + "x",
    ],
)
def test_money_parse_backtracking_text_is_refused(text: str) -> None:
    with refused(InvalidValue, "amount: expected an amount such as"):
        Money.parse(text)


def test_money_parse_refuses_long_text() -> None:
    with refused(InvalidValue, r"amount: expected at most 200 characters, got '-\s+\.\.\.'"):
        Money.parse("-" + " " * 2000 + "x")
    with refused(InvalidValue, "range: expected at most 200 characters"):
        MoneyRange.parse("£1 to " + " " * 2000 + "£2")


@pytest.mark.parametrize(
    "text", ["£1" + " " * 150 + "to", "between " + " -" * 90, "£1" + " " * 150 + "- x"]
)
def test_money_range_parse_bad_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"(range|amount): expected"):
        MoneyRange.parse(text)


# -- 2. Money is never silently wrong ----------------------------------------------------------


def test_money_parse_is_exact_to_fifteen_digits_of_pounds() -> None:
    assert Money.parse("£999,999,999,999,999.99") == Money(99_999_999_999_999_999)
    assert Money.parse("£123456789012345.67") == Money(12_345_678_901_234_567)
    assert Money.parse("£1.5bn") == Money(150_000_000_000)


@pytest.mark.parametrize(
    "text",
    ["£123456789012345678901234567.89", "£" + "9" * 40, "£1,000,000,000,000,000", "£1000000bn"],
)
def test_money_parse_refuses_huge_amounts(text: str) -> None:
    with refused(InvalidValue, r"amount: expected an amount under £1,000,000,000,000,000"):
        Money.parse(text)


@pytest.mark.parametrize("text", ["-£-5", "−£-5", "- £ - 5"])
def test_money_parse_refuses_double_signs(text: str) -> None:
    with refused(InvalidValue, "amount: expected at most one minus sign"):
        Money.parse(text)


@pytest.mark.parametrize("text", ["£1,2,3", "£1,0000", "£,100", "£1,000,00", "£10,00.50"])
def test_money_parse_refuses_bad_thousands_groups(text: str) -> None:
    with refused(InvalidValue, "amount: expected an amount such as"):
        Money.parse(text)


def test_money_parse_accepts_groups_of_three() -> None:
    assert Money.parse("£1,234,567.89") == Money(123_456_789)
    assert Money.parse("£-1,234.50") == Money(-123_450)


def test_money_range_suffix_on_the_upper_bound_applies_to_both() -> None:
    assert MoneyRange.parse("£30–40k") == MoneyRange(Money(3_000_000), Money(4_000_000))
    assert MoneyRange.parse("£30-40k") == MoneyRange(Money(3_000_000), Money(4_000_000))
    assert MoneyRange.parse("£1.5–2m") == MoneyRange(Money(150_000_000), Money(200_000_000))
    # With its own £ the upper bound is read as written.
    assert MoneyRange.parse("£500 to £1m") == MoneyRange(Money(50_000), Money(100_000_000))
    assert MoneyRange.parse("£30k–£40k") == MoneyRange(Money(3_000_000), Money(4_000_000))


@pytest.mark.parametrize(
    ("pounds", "match"),
    [
        ("1e100000000", "no exponent"),
        ("1E5", "no exponent"),
        ("inf", "no exponent"),
        ("nan", "no exponent"),
        ("1" * 300, "at most 200 characters"),
        (Decimal("1e100000000"), "an amount under £1,000,000,000,000,000"),
        (Decimal("1e-100000000"), "a whole number of pence"),
        (Decimal("NaN"), "a finite number of pounds"),
        (Decimal("-Infinity"), "a finite number of pounds"),
        (10**15, "an amount under"),
        (Fraction(10**20, 3), "a whole number of pence"),
        (Fraction(10**20), "an amount under"),
    ],
)
def test_from_pounds_refuses_quickly(pounds: Any, match: str) -> None:
    with refused(InvalidValue, f"pounds: expected .*{match}"):
        Money.from_pounds(pounds)


def test_from_pounds_accepts_exact_amounts() -> None:
    assert Money.from_pounds(Decimal("0E-100000000")) == Money(0)
    assert Money.from_pounds(Decimal("1.500")) == Money(150)
    assert Money.from_pounds(10**15 - 1) == Money((10**15 - 1) * 100)
    assert Money.from_pounds("1/4") == Money(25)


# -- 3. Allocation weights -------------------------------------------------------------------


@pytest.mark.parametrize("weight", [Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN")])
def test_allocate_refuses_non_finite_weights(weight: Decimal) -> None:
    with refused(InvalidValue, r"weights\['B'\]: expected a finite weight"):
        allocate(Money(100), {"A": 1, "B": weight})


def test_allocate_refuses_a_list_of_weights() -> None:
    with refused(InvalidValue, "weights: expected a mapping"):
        allocate(Money(100), [1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize("weights", [{"A": Decimal("NaN")}, {"A": Decimal("Infinity")}, [1, 2]])
def test_split_rules_refuse_bad_weights(weights: Any) -> None:
    with refused(InvalidValue, "by(.A)?: expected"):
        Proportional(weights)


def test_split_refuses_a_party_named_twice() -> None:
    with refused(InvalidValue, r"parties: expected each party once, got \['BDC', 'BDC'\]"):
        Equal().split(Money(101), ["BDC", "BDC"])
    with refused(InvalidValue, "parties: expected each party once"):
        Proportional({"BDC": 1}).split(Money(101), ["BDC", "BDC"])
    with refused(InvalidValue, "parties: expected a sequence of authority codes, got 'BDC'"):
        Equal().split(Money(101), "BDC")


# -- 4. Limits instead of hangs ----------------------------------------------------------------


def majority_board(n_each: int) -> Board:
    members = [
        Member(f"{c.lower()}{k}", f"Cllr {c}{k}", c) for c in ("A", "B") for k in range(n_each)
    ]
    return Board(
        "Big Board",
        authorities=[Authority("A", "A"), Authority("B", "B")],
        seats={"A": n_each, "B": n_each},
        members=members,
        rule=rules.Majority(),
    )


@pytest.fixture(scope="module")
def board_of_5000() -> Board:
    return majority_board(2_500)


def test_exact_power_on_a_huge_majority_board_is_refused(board_of_5000: Board) -> None:
    for index in (power.banzhaf, power.shapley_shubik):
        with refused(LimitExceeded, r"5,000 players.*steps.*method='monte-carlo', tolerance="):
            index(board_of_5000)


def test_exact_power_on_a_large_majority_board_is_exact() -> None:
    board = majority_board(30)  # 60 players: past int64, still well within the limit
    result = power.banzhaf(board)
    assert result.exact
    assert set(result.values()) == {Fraction(1, 60)}


@pytest.mark.parametrize("tolerance", [1e-6, 1e-300, 5e-324])
def test_monte_carlo_refuses_too_many_samples(tolerance: float) -> None:
    with refused(LimitExceeded, r"tolerance: .* samples .* past the limit .* tolerance >= "):
        power.monte_carlo_samples(30, tolerance=tolerance, confidence=0.95)


def test_monte_carlo_too_fine_a_tolerance_is_refused_before_sampling() -> None:
    with refused(LimitExceeded, "tolerance: 1e-06"):
        power.banzhaf(bromsgrove_redditch_board(), method="monte-carlo", tolerance=1e-6, seed=1)


def test_minimal_coalitions_past_the_limit_suggest_what_they_accept() -> None:
    board = majority_board(13)
    for listing in (power.minimal_blocking, power.minimal_winning):
        with refused(LimitExceeded, "by='authority'") as err:
            listing(board)
        assert "method='monte-carlo'" in str(err.value)  # named for banzhaf, not for listing
        assert "banzhaf(board, method='monte-carlo'" in str(err.value)


def test_simulation_refuses_a_billion_scenarios() -> None:
    from sharegov.simulate import Flow, Model, Triangular

    model = Model(
        ["A", "B"],
        [Flow("x", "X", Triangular("£1", "£2", "£3"), kind="saving", start=dt.date(2010, 4, 1))],
    )
    with refused(LimitExceeded, r"n: expected at most 100,000,000 scenarios .* got 1,000,000,000"):
        model.run(1_000_000_000, seed=0)


# -- 5. attrs' bare TypeErrors become refusals by field ------------------------------------------


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: Member("a", "A", "BDC", voting="no"), "voting: expected True or False, got 'no'"),
        (lambda: Member("a", "A", "BDC", roles=[1]), "roles: expected a set of strings"),
        (lambda: Member("a", "A", "BDC", roles="leader"), "roles: expected a set of strings"),
        (lambda: Member("a", "A", "BDC", party=5), "party: expected a string or None, got 5"),
        (lambda: Authority("A", "A", kind=5), "kind: expected a string or None, got 5"),
        (lambda: Post("p", "P", ["A"], roles=[1]), r"roles\[0\]: expected a StatutoryRole"),
        (lambda: Post("p", "P", ["A"], holder="x\n"), "holder: expected a non-empty identifier"),
        (
            lambda: Term(dt.date(2008, 6, 30), trial=relativedelta(years=10**6)),
            "trial: expected a period of under 1,000 years",
        ),
        (
            lambda: Term(dt.date(2008, 6, 30), then_every=relativedelta(days=10**12)),
            "then_every: expected a period of under 1,000 years",
        ),
        (
            lambda: Term(dt.date(2008, 6, 30), independently="no"),
            "independently: expected True or False, got 'no'",
        ),
        (lambda: Term(dt.date(2008, 6, 30), reviewers=5), "reviewers: expected a sequence"),
        (lambda: Term(dt.date(2008, 6, 30), exit="agreed"), "exit: expected an ExitRecord"),
        (
            lambda: ServiceArrangement("x", "X", ["A"], depends_on="payroll"),
            "depends_on: expected a sequence of str, got 'payroll'",
        ),
        (
            lambda: ServiceArrangement("x", "X", ["A"], depends_on=[1]),
            r"depends_on\[0\]: expected a str, got 1",
        ),
        (
            lambda: ServiceArrangement("x", "X", ["A"], funded_by="WMIEP"),
            "funded_by: expected a sequence of str",
        ),
        (lambda: ServiceArrangement("x", "X", ["A"], kind=5), "kind: expected an ArrangementKind"),
        (lambda: ServiceArrangement("x", "X", ["A"], provider=5), "provider: expected a string"),
        (
            lambda: Deadline("Phase 2", due=dt.date(2008, 12, 31), owner=5),
            "owner: expected a string or None, got 5",
        ),
    ],
)
def test_wrong_types_are_refused_by_field(build: Any, match: str) -> None:
    with refused(InvalidValue, match):
        build()


# -- 6. Ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["BDC\n", "BDC\r\n", "\nBDC", "B DC", ""])
def test_ids_with_whitespace_are_refused(ident: str) -> None:
    with refused(InvalidValue, "code: expected a non-empty identifier without spaces"):
        Authority(ident, "Bromsgrove")


@pytest.mark.parametrize(
    ("ident", "shown"),
    [
        ("BDC\x00", r"U\+0000 at position 3\), got 'BDC\\x00'"),
        ("B\x1b[31mDC", r"U\+001B at position 1\), got 'B\\x1b\[31mDC'"),
        ("BDC\x7f", r"U\+007F"),
        ("BDC\u202e", r"U\+202E at position 3\), got 'BDC\\u202e'"),
        ("\u202aBDC", r"U\+202A at position 0"),
        ("BD\u2066C", r"U\+2066"),
        ("BD\u2069C", r"U\+2069"),
        ("BD\u200eC", r"U\+200E"),
        ("BD\u200fC", r"U\+200F"),
    ],
)
def test_ids_with_control_or_bidi_characters_are_refused(ident: str, shown: str) -> None:
    with refused(
        InvalidValue,
        r"id: expected an identifier without control or bidirectional characters \(" + shown,
    ):
        Officer(ident, "Kevin Dicks", "BDC")


def test_ordinary_ids_are_accepted() -> None:
    assert Authority("BDC-2008_é", "Bromsgrove").code == "BDC-2008_é"


# -- 7. Pickles travel between processes ---------------------------------------------------------


def test_board_pickled_in_another_process_is_found_in_sets_and_dicts() -> None:
    board = bromsgrove_redditch_board()
    code = (
        "import pickle, sys\n"
        "from sharegov.reference import bromsgrove_redditch_board\n"
        "board = bromsgrove_redditch_board()\n"
        "hash(board); {board}\n"  # cache every hash in that process first
        "sys.stdout.buffer.write(pickle.dumps(board))\n"
    )
    ours = os.environ.get("PYTHONHASHSEED")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        "PYTHONHASHSEED": "2" if ours == "1" else "1",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env=env, timeout=60
    )
    loaded = pickle.loads(out.stdout)  # our own pickle, made just above
    assert loaded == board
    assert hash(loaded) == hash(board)
    assert loaded in {board}
    assert {board: "found"}[loaded] == "found"


# -- found in review: text that expands, digits that are not ASCII, tails past exact pence --


@pytest.mark.parametrize(
    "make",
    [
        lambda: __import__("sharegov.discount").discount.DiscountRate([(0, "1/" + "9" * 4000)]),
        lambda: __import__("sharegov.discount").discount.DiscountRate([(0, "1e-7000000")]),
        lambda: __import__("sharegov.discount").discount.DiscountRate(5),
        lambda: __import__("sharegov.discount").discount.DiscountRate([(0,)]),
        lambda: __import__("sharegov.simulate").simulate.Discrete(
            [("£0", "1e-7000000"), ("£1", 1)]
        ),
    ],
    ids=["long-denominator", "exponent-rate", "not-a-list", "half-a-band", "exponent-p"],
)
def test_exact_text_that_would_expand_is_refused_by_field(make: Any) -> None:
    with pytest.raises(InvalidValue):
        make()


def test_a_lognormal_tail_past_exact_pence_is_refused() -> None:
    from sharegov.simulate import Lognormal

    with pytest.raises(LimitExceeded, match="p95"):
        Lognormal("£1", "£999,999,999,999")


@pytest.mark.parametrize("text", ["² years", "9" * 5000 + " years"])
def test_a_period_in_other_digits_or_too_long_is_refused(text: str) -> None:
    from sharegov.io.files import _period_in

    with pytest.raises(InvalidValue, match="period"):
        _period_in(text)


def test_a_bad_file_to_split_is_reported_not_a_traceback(tmp_path: Any) -> None:
    missing = tmp_path / "missing.toml"
    run = subprocess.run(
        [sys.executable, "-m", "sharegov", "split", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "cannot be read" in run.stderr
