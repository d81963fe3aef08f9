"""One contract over every split rule class (costs and apportionment): the parties are
checked once, by the base class, the same way for every rule."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from sharegov import Money
from sharegov.apportion import Apportionment, Dampened, WithEffectFrom
from sharegov.costs import (
    Capped,
    CaseByCase,
    Equal,
    Fixed,
    Floored,
    HostRecharge,
    LeadPays,
    Mix,
    Proportional,
    SplitRule,
)
from sharegov.errors import InvalidRule, InvalidValue

HALF = Fraction(1, 2)
RULES: list[SplitRule] = [
    Equal(),
    Proportional({"A": 3, "B": 2, "C": 1}),
    Fixed({"A": HALF, "B": Fraction(1, 3), "C": Fraction(1, 6)}),
    LeadPays("C"),
    HostRecharge("B", {"A": 1, "B": 1, "C": 7}),
    CaseByCase(Equal(), reason="agreed"),
    Mix([(HALF, Equal()), (HALF, LeadPays("A"))]),
    Capped(Equal(), {"A": Money(1_000)}),
    Floored(Equal(), {"A": Money(10)}),
    Apportionment("Benefits", basis="caseload", drivers={"A": 5, "B": 3, "C": 2}),
    WithEffectFrom(Equal(), LeadPays("A"), day=dt.date(2010, 10, 1)),
    Dampened(Equal(), old={"A": "£100", "B": "£100", "C": "£100"}),
]


def test_every_split_rule_class_is_covered() -> None:
    def leaves(cls: type[SplitRule]) -> set[type[SplitRule]]:
        subs = cls.__subclasses__()
        return set().union(*(leaves(s) for s in subs)) if subs else {cls}

    public = {c for c in leaves(SplitRule) if not c.__name__.startswith("_")}
    assert public <= {type(r) for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize(
    ("parties", "words"),
    [
        (["A", "A", "B"], "parties: expected each party once, got ['A', 'A', 'B']"),
        ("ABC", "parties: expected a sequence of authority codes, got 'ABC'"),
        (42, "parties: expected a sequence of authority codes, got 42"),
    ],
)
def test_bad_parties_are_refused_by_split_and_shares(
    rule: SplitRule, parties: object, words: str
) -> None:
    with pytest.raises(InvalidValue) as split_error:
        rule.split(Money(100), parties)  # type: ignore[arg-type]
    assert str(split_error.value) == words
    if rule.linear:
        with pytest.raises(InvalidValue) as shares_error:
            rule.shares(parties)  # type: ignore[arg-type]
        assert str(shares_error.value) == words
    else:
        # A rule with no shares says so whatever the parties.
        with pytest.raises(InvalidRule, match="expected a linear rule"):
            rule.shares(parties)  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize("kind", [list, tuple, iter])
def test_any_iterable_of_parties_splits_exactly_in_the_order_given(
    rule: SplitRule, kind: type
) -> None:
    order = ["C", "A", "B"]
    out = rule.split(Money(29_999), kind(order))
    assert list(out) == order
    assert sum(out.values(), Money(0)) == Money(29_999)
    if rule.linear:
        shares = rule.shares(kind(order))
        assert list(shares) == order
        assert sum(shares.values()) == 1


def test_the_base_hook_must_be_written() -> None:
    class Bare(SplitRule):
        def describe(self) -> str:
            return "bare"

    with pytest.raises(NotImplementedError):
        Bare().split(Money(1), ["A"])
