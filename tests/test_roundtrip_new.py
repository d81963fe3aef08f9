"""Strategies for the classes arrangement files gained (bodies, posts, agreements, pots,
decisions, plans, schedule lines), reached through st.from_type, and the round trip of whole
arrangements holding them: save -> load in TOML, YAML and JSON gives an equal object."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from sharegov import (
    Authority,
    agreements,
    apportion,
    concordat,
    costs,
    decisions,
    discount,
    meetings,
    parties,
)
from sharegov.errors import InvalidValue, UnknownId
from sharegov.io.files import Arrangement, Assumption, _references, dumps, loads
from sharegov.money import FinancialYear, Money, MoneyRange
from sharegov.strategies import apportion_rules, arrangements, histories, strategy_for

FORMATS = ["toml", "yaml", "json"]

NEW_CLASSES: list[type[Any]] = [
    parties.Body,
    parties.Extension,
    parties.Officer,
    parties.Post,
    concordat.ServiceArrangement,
    concordat.Term,
    agreements.Secondment,
    agreements.Indicator,
    agreements.ServiceLevelAgreement,
    agreements.ExitStrategy,
    agreements.ScrutinyArrangement,
    agreements.StatutoryDuty,
    costs.Allocation,
    costs.Pot,
    costs.CostItem,
    costs.Grant,
    costs.SavingsStream,
    costs.CostPlan,
    apportion.Apportionment,
    apportion.WithEffectFrom,
    apportion.Dampened,
    decisions.CouncilDecision,
    decisions.Recommendation,
    meetings.MeetingPlan,
    discount.DiscountRate,
    discount.Inflation,
    Assumption,
    Arrangement,
]

# Whole boards and arrangements are slow to draw: a modest number of examples each.
FEW = settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("cls", NEW_CLASSES, ids=lambda c: c.__name__)
@FEW
@given(data=st.data())
def test_from_type_gives_valid_objects_of_each_new_class(cls: type[Any], data: Any) -> None:
    obj = data.draw(st.from_type(cls))
    assert type(obj) is cls
    # Building it again from its own fields runs every validator: the object is valid.
    again = attrs.evolve(obj)
    assert again == obj
    assert hash(again) == hash(obj)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(arrangement=arrangements())
def test_arrangements_with_the_new_sections_round_trip(fmt: str, arrangement: Any) -> None:
    assert _references(arrangement) == []  # every cross-reference resolves: check passes
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


# The first example that has them, not shrunk (shrinking whole arrangements is slow).
_SEARCH = settings(
    max_examples=1000, database=None, derandomize=True, phases=[Phase.generate, Phase.target]
)


def _has(*sections: str) -> Any:
    return lambda a: all(getattr(a, s) for s in sections)


@pytest.mark.parametrize(
    "wanted",
    [
        ("bodies", "officers", "posts", "secondments"),
        ("arrangements", "service_levels", "exit_strategies", "scrutiny", "statutory_duties"),
        ("pots", "recommendations", "meeting_plans", "assumptions", "apportionments"),
    ],
    ids=["parties", "agreements", "money-and-decisions"],
)
def test_the_strategy_reaches_every_new_section(wanted: tuple[str, ...]) -> None:
    # Not vacuous: the round trip above does see these sections filled in.
    example = find(
        arrangements(),
        _has(*wanted),
        settings=_SEARCH,
    )
    assert all(getattr(example, s) for s in wanted)


def test_nested_new_fields_are_reached() -> None:
    def deep(a: Arrangement) -> bool:
        return (
            any(p.history and p.assumed for p in a.posts)
            and any(s.joined and s.left for s in a.arrangements)
            and any(e.exit_costs is not None and e.notice is not None for e in a.exit_strategies)
        )

    example = find(arrangements(), deep, settings=_SEARCH)
    assert deep(example)


# -- round-trip bugs the strategies found, as explicit examples ---------------------------------


@pytest.mark.parametrize(
    ("path", "note", "problem"),
    [
        # Each was accepted by the class and refused by the loader, so saving such an
        # assumption wrote a file that would not load back.
        ("pots", " ", "note: expected a non-empty string, got ' '"),
        ("pots.x\u200f", "why", "path: expected an identifier without control or bidirectional"),
        ("pots.\x01", "why", "path: expected an identifier without control or bidirectional"),
        # And a bad path raised a bare ValueError from attrs, not a SharegovError.
        ("two words", "why", "path: expected a non-empty identifier without spaces"),
        ("1st", "why", "path: expected a path in the file, such as 'boards.b.rule', got '1st'"),
    ],
)
def test_an_assumption_the_file_would_refuse_is_refused_when_made(
    path: str, note: str, problem: str
) -> None:
    with pytest.raises(InvalidValue) as err:
        Assumption(path, note)
    assert str(err.value).startswith(problem)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_assumption_with_odd_but_valid_text_round_trips(fmt: str) -> None:
    arrangement = Arrangement(
        "X",
        authorities=[Authority("A", "A")],
        assumptions=[Assumption("pots.capital_2009_10", " leading space, é and \u2028 kept ")],
    )
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


def _blank_sla_service() -> Any:
    return agreements.ServiceLevelAgreement("sla", arrangement="s", service="")


def _plan(**kw: Any) -> Any:
    from sharegov.reference import em_iep_board

    return meetings.MeetingPlan(em_iep_board(), dates=[dt.date(2010, 1, 20)], **kw)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (_blank_sla_service, "service"),
        (lambda: _plan(clear_days=-1), "clear_days"),
        (lambda: _plan(clear_days=True), "clear_days"),
        (lambda: _plan(nation="mars"), "nation"),
    ],
    ids=["blank-sla-service", "negative-clear-days", "clear-days-true", "unknown-nation"],
)
def test_what_the_file_refuses_is_refused_when_made(make: Any, field: str) -> None:
    with pytest.raises(InvalidValue, match=field):
        make()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_one_value_money_range_loads_back_as_a_range(fmt: str) -> None:
    # Found by the arrangement strategy: a range of one value (as MoneyRange.parse reads
    # "£40,000") was written as a single amount and came back as Money, not MoneyRange.
    item = costs.CostItem(
        "i0",
        "Licences",
        MoneyRange.parse("£40,000"),
        category=costs.Category.RUNNING,
        year=FinancialYear(2009),
    )
    arrangement = Arrangement(
        "X", authorities=[Authority("A", "A")], costs=costs.CostPlan(["A"], items=[item])
    )
    text = dumps(arrangement, fmt)  # type: ignore[arg-type]
    assert "£40,000.00 to £40,000.00" in text
    loaded = loads(text, fmt)  # type: ignore[arg-type]
    assert loaded == arrangement
    assert loaded.costs is not None
    assert loaded.costs.items[0].amount == MoneyRange(Money(4_000_000), Money(4_000_000))


def test_strategy_for_names_what_it_does_not_know() -> None:
    with pytest.raises(UnknownId, match="cls: expected a sharegov domain class"):
        strategy_for(int)


@settings(max_examples=30)
@given(data=st.data(), end=st.dates(dt.date(2001, 1, 1), dt.date(2030, 12, 31)))
def test_histories_lead_to_their_end(data: Any, end: dt.date) -> None:
    history = data.draw(histories(end))
    # Valid wherever a history goes: a post, a secondment, an arrangement.
    post = parties.Post("p", "P", ["A"], end=end, history=history)
    assert post.end_on(as_of=dt.date(2099, 1, 1)) == end
    if history:
        assert history[-1].new == end


@settings(max_examples=30)
@given(data=st.data(), pence=st.integers(0, 10**9))
def test_apportion_rules_split_to_the_penny(data: Any, pence: int) -> None:
    rule = data.draw(apportion_rules(["A", "B", "C"]))
    amount = Money(pence)
    if isinstance(rule, apportion.Dampened):
        amount = min(amount, sum(rule.old.values(), Money(0)))
    split = rule.split(amount, ["A", "B", "C"])
    assert sum(split.values(), Money(0)) == amount
