"""sharegov.io.results: results as JSON, each form valid against the schema shipped with it.

Oracles: the schemas in src/sharegov/io/schemas (validated with jsonschema, draft 2020-12),
the results' own attributes and explanations, and json.dumps round trips.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from fractions import Fraction
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.boards import Board
from sharegov.costs import CostGame, Equal, fairness
from sharegov.errors import InvalidValue, SharegovError, UnknownId
from sharegov.io.results import SCHEMAS, citations, registry, schema, schema_id, to_json
from sharegov.money import Money
from sharegov.power import banzhaf, shapley_shubik
from sharegov.reference import (
    bromsgrove_redditch_board,
    bromsgrove_redditch_costs,
    bromsgrove_redditch_phases,
)
from sharegov.rules import Majority, MinutedTally, Quorum
from sharegov.strategies import boards_with_ballots
from sharegov.timeline import Deadline

BOARD = bromsgrove_redditch_board()
EVERYONE_BUT_WEBB = [m.id for m in BOARD.voting_members if m.id != "webb"]


def valid(data: dict[str, Any]) -> dict[str, Any]:
    """Check ``data`` against the schema its kind names; survive json.dumps; return it."""
    form = schema(data["kind"])
    jsonschema.Draft202012Validator.check_schema(form)
    jsonschema.Draft202012Validator(
        form, registry=registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert json.loads(json.dumps(data)) == data
    return data


def majority(board: Board = BOARD, **kw: Any) -> Board:
    return attrs.evolve(board, rule=Majority(), **kw)


# -- schemas -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_is_a_valid_draft_2020_12_schema_with_its_kind(name: str) -> None:
    form = schema(name)
    jsonschema.Draft202012Validator.check_schema(form)
    assert form["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert form["properties"]["kind"] == {"const": name}
    assert form["$id"] == schema_id(name)


def test_schema_is_a_fresh_copy_each_time() -> None:
    schema("outcome")["required"].clear()
    assert "status" in schema("outcome")["required"]


def test_an_unknown_schema_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(
        UnknownId, match=r"expected one of 'deadline', 'deadlines', 'fairness'.*got 'ballot'"
    ):
        schema("ballot")


@pytest.mark.parametrize("thing", [42, "carried", None, BOARD, {"status": "carried"}])
def test_an_unsupported_object_is_refused_naming_its_type(thing: object) -> None:
    with pytest.raises(InvalidValue, match=type(thing).__qualname__) as info:
        to_json(thing)
    assert isinstance(info.value, SharegovError)


# -- Outcome -----------------------------------------------------------------------------------


def test_reference_board_carried_with_full_attendance() -> None:
    out = BOARD.decide(dict.fromkeys(EVERYONE_BUT_WEBB, "for"), apologies={"webb"})
    data = valid(to_json(out))
    assert data["status"] == "carried"
    assert data["carried"] is True
    assert data["board"] == "Shared Services Board"
    assert data["basis"] == out.basis.describe()  # type: ignore[union-attr]
    assert data["rule"] == BOARD.rule.describe()
    assert data["counts"] == {"for": 5, "against": 0, "abstain": 0}
    assert data["by_authority"] == {
        "BDC": {"for": 2, "against": 0, "abstain": 0},
        "RBC": {"for": 3, "against": 0, "abstain": 0},
    }
    assert data["attendance"]["apologies"] == ["webb"]
    assert data["attendance"]["absent"] == []
    assert data["attendance"]["present"] == 5
    assert data["minuted_counts"] is False
    assert data["explanation"] == out.explain()
    assert data["lines"] == out.explain().splitlines()
    assert data["advisory"] is True
    assert (data["date"], data["chair"], data["casting"]) == (None, None, None)


def test_reference_board_not_carried_names_attendance_in_roster_order() -> None:
    votes = {"hollingworth": "for", "gandy": "for", "hall": "against"}
    out = BOARD.decide(votes, present={"mcmillan"}, apologies={"webb"}, absent={"luck"})
    data = valid(to_json(out))
    assert data["status"] == "not carried"
    assert data["basis"] is None
    assert data["attendance"]["present_not_voting"] == ["mcmillan"]
    assert data["attendance"]["absent"] == ["luck"]
    assert data["attendance"]["apologies"] == ["webb"]


def test_equality_without_casting_vote_cites_para_39_2_and_gives_the_date() -> None:
    import datetime as dt

    board = majority(casting_vote=True)
    votes = {"hollingworth": "for", "luck": "for", "gandy": "against", "hall": "against"}
    out = board.decide(
        votes, present={"mcmillan"}, apologies={"webb"}, on=dt.date(2008, 9, 1), chair="luck"
    )
    data = valid(to_json(out))
    assert data["equality"] is True
    assert data["status"] == "not carried"
    assert data["date"] == "2008-09-01"
    assert data["chair"] == "luck"
    assert "LGA 1972 Sch 12 para 39(2)" in data["citations"]


def test_casting_vote_is_for_or_against() -> None:
    board = majority(casting_vote=True)
    votes = {"hollingworth": "for", "luck": "for", "gandy": "against", "hall": "against"}
    out = board.decide(votes, present={"mcmillan"}, apologies={"webb"}, chair="luck", casting="for")
    data = valid(to_json(out))
    assert (data["casting"], data["status"]) == ("for", "carried")


def test_minuted_counts_without_breakdown_give_no_by_authority() -> None:
    out = majority().decide_counts({"for": 4, "against": 1})
    assert isinstance(out.tally, MinutedTally)
    data = valid(to_json(out))
    assert data["minuted_counts"] is True
    assert data["by_authority"] == {}
    assert data["counts"] == {"for": 4, "against": 1, "abstain": 0}
    assert data["attendance"]["present"] is None
    assert data["attendance"]["apologies"] == []


def test_minuted_counts_with_breakdown_give_by_authority() -> None:
    per = {"BDC": {"for": 2, "against": 1}, "RBC": {"for": 2, "against": 1}}
    out = BOARD.decide_counts({"for": 4, "against": 2}, by_authority=per, present=6)
    data = valid(to_json(out))
    assert data["by_authority"] == {
        "BDC": {"for": 2, "against": 1, "abstain": 0},
        "RBC": {"for": 2, "against": 1, "abstain": 0},
    }
    assert data["attendance"]["present"] == 6


def test_inquorate_outcome() -> None:
    board = majority(quorum=Quorum(each_authority=2))
    out = board.decide({"hollingworth": "for", "gandy": "for"}, absent={"luck", "webb"},
                       apologies={"hall", "mcmillan"})  # fmt: skip
    data = valid(to_json(out))
    assert data["status"] == "inquorate"
    assert data["carried"] is False
    assert data["basis"] is None
    assert data["lines"][0].startswith("Inquorate")


@given(boards_with_ballots())
def test_every_generated_outcome_fits_the_schema(case: Any) -> None:
    board, ballot = case
    out = board.decide(**ballot)
    data = valid(to_json(out))
    assert data["status"] == out.status.value
    assert data["explanation"] == out.explain()
    assert sum(data["counts"].values()) == len(out.tally.votes)
    for kind in ("for", "against", "abstain"):
        assert sum(c[kind] for c in data["by_authority"].values()) == data["counts"][kind]
    named = [m for key in ("apologies", "absent", "excluded") for m in data["attendance"][key]]
    assert sorted(named) == sorted(out.tally.absent | out.tally.excluded)


def test_the_schema_refuses_inexact_money_and_unknown_fields() -> None:
    data = to_json(bromsgrove_redditch_costs().statement(years=1))
    form = schema("statement")
    party = data["parties"][0]
    data["councils"][party]["pays"][0]["pence"] = 1.5
    with pytest.raises(jsonschema.ValidationError, match="integer"):
        jsonschema.validate(data, form)
    outcome = to_json(BOARD.decide(dict.fromkeys(EVERYONE_BUT_WEBB, "for"), apologies={"webb"}))
    outcome["extra"] = 1
    with pytest.raises(jsonschema.ValidationError, match="extra"):
        jsonschema.validate(outcome, schema("outcome"))


# -- WhatIf ------------------------------------------------------------------------------------


def test_what_if_lists_each_smallest_set_of_changes() -> None:
    votes = {"hollingworth": "for", "luck": "against", "gandy": "for", "hall": "for",
             "mcmillan": "against"}  # fmt: skip
    what_if = BOARD.decide(votes, apologies={"webb"}).what_would_change_it()
    data = valid(to_json(what_if))
    assert data["size"] == 1
    assert data["status"] == "not carried"
    assert {"member": "luck", "authority": "BDC", "from": "against", "to": "for"} in [
        change for changes in data["sets"] for change in changes
    ]
    assert data["explanation"] == what_if.explain()


# -- Statement ---------------------------------------------------------------------------------


def test_statement_money_is_integer_pence_with_display_text() -> None:
    statement = bromsgrove_redditch_costs().statement(years=3)
    data = valid(to_json(statement))
    assert data["parties"] == list(statement.parties)
    assert data["years"] == [str(y) for y in statement.years]
    for party in statement.parties:
        pays = data["councils"][party]["pays"]
        assert [m["pence"] for m in pays] == [m.pence for m in statement.pays[party]]
        assert [m["text"] for m in pays] == [str(m) for m in statement.pays[party]]
        assert all(type(m["pence"]) is int for m in pays)
        net = data["councils"][party]["net"]
        assert [m["pence"] for m in net] == [m.pence for m in statement.net(party)]
    assert [m["pence"] for m in data["all"]["cumulative"]] == [
        m.pence for m in statement.cumulative()
    ]
    assert data["explanation"] == statement.explain()


# -- PowerIndex --------------------------------------------------------------------------------


@pytest.mark.parametrize("index", [banzhaf, shapley_shubik])
def test_exact_power_index_values_are_fraction_strings(index: Any) -> None:
    power = index(majority())
    data = valid(to_json(power))
    assert data["players"] == list(power.players)
    assert data["exact"] is True
    for player in power.players:
        entry = data["values"][player]
        assert Fraction(entry["value"]) == power[player]
        assert entry["decimal"] == float(power[player])
    assert data["values"]["webb"]["value"] == "1/6"


def test_power_index_by_authority() -> None:
    data = valid(to_json(banzhaf(majority(), by="authority")))
    assert data["by"] == "authority"
    assert data["players"] == ["BDC", "RBC"]


def test_estimated_power_index_has_no_exact_value() -> None:
    power = banzhaf(majority(), method="monte-carlo", tolerance=0.05, seed=1)
    data = valid(to_json(power))
    assert data["exact"] is False
    assert all(v["value"] is None for v in data["values"].values())
    assert data["seed"] == 1


# -- citations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("barred (Localism Act 2011 s.31(4)); withdrew, s.31(10)", ["Localism Act 2011 s.31(4)"]),
        ("LGA 1972 Sch 12 para 45 and LGA 1972 Sch 12 para 45", ["LGA 1972 Sch 12 para 45"]),
        (
            "Local Government and Housing Act 1989 s.4.",
            ["Local Government and Housing Act 1989 s.4"],
        ),
        ("Carried on a majority of those present and voting", []),
    ],
)
def test_citations_are_found_once_each(text: str, found: list[str]) -> None:
    assert citations(text) == found


@given(st.text())
def test_citations_never_fail(text: str) -> None:
    assert all(c in text for c in citations(text))


# -- fairness ----------------------------------------------------------------------------------


def three_councils() -> CostGame:
    # Each alone £100k; HDC and SCDC together £150k, with CCC £180k; all three £240k.
    return CostGame(["HDC", "SCDC", "CCC"], {
        "HDC": "£100k", "SCDC": "£100k", "CCC": "£100k",
        ("HDC", "SCDC"): "£150k", ("HDC", "CCC"): "£180k", ("SCDC", "CCC"): "£180k",
        ("HDC", "SCDC", "CCC"): "£240k"})  # fmt: skip


def test_fairness_equal_split_outside_the_core_names_the_blocking_group() -> None:
    game = three_councils()
    report = fairness(Equal().split(Money.parse("£240k"), game.parties), game)
    data = valid(to_json(report))
    assert data["total"] == {"pence": 24_000_000, "text": "£240,000.00"}
    assert data["councils"]["HDC"]["pays"]["pence"] == 8_000_000
    assert data["councils"]["HDC"]["saves"]["pence"] == 2_000_000
    assert (data["stand_alone_ok"], data["efficient"], data["in_core"]) == (True, True, False)
    # HDC and SCDC pay £160k together but would pay £150k on their own.
    assert data["blocking"] == {
        "coalition": ["HDC", "SCDC"],
        "pays": {"pence": 16_000_000, "text": "£160,000.00"},
        "alone": {"pence": 15_000_000, "text": "£150,000.00"},
    }


def test_fairness_shapley_values_are_exact_fractions_summing_to_the_saving() -> None:
    game = three_councils()
    data = valid(to_json(fairness(Equal().split(Money.parse("£240k"), game.parties), game)))
    shares = [Fraction(c["shapley_saving_pence"]) for c in data["councils"].values()]
    assert sum(shares) == 30_000_000 - 24_000_000  # £300k alone against £240k together
    # Brute force: the Shapley value as the average marginal saving over every order.
    alone = dict.fromkeys(game.parties, 10000000)
    orders = list(itertools.permutations(game.parties))
    brute = dict.fromkeys(game.parties, Fraction(0))
    for order in orders:
        for i, p in enumerate(order):
            before, after = set(order[:i]), set(order[: i + 1])
            cost_before = game.cost(before).pence if before else 0
            brute[p] += Fraction(alone[p] - (game.cost(after).pence - cost_before), len(orders))
    assert {p: Fraction(c["shapley_saving_pence"]) for p, c in data["councils"].items()} == brute
    assert sum(m["pence"] for m in data["shapley_split"].values()) == 24_000_000


# -- deadlines and phases ----------------------------------------------------------------------


def test_phase_as_of_dates_around_the_seed_001_amendment() -> None:
    # Seed 001: on 1 September 2008 the board moved 31 December 2008 to 31 January 2009.
    phase = next(p for p in bromsgrove_redditch_phases() if p.name == "Phase 2")
    before = valid(to_json(phase, as_of=dt.date(2008, 8, 31), hindsight=True))
    assert before["identify"]["due"] == "2008-12-31"
    assert before["identify"]["known"] == []
    (moved,) = before["identify"]["moved_since"]
    assert (moved["old"], moved["new"], moved["decided_on"]) == (
        "2008-12-31", "2009-01-31", "2008-09-01"
    )  # fmt: skip
    # Without hindsight, as of 31 August nothing of the 1 September move is given.
    strict = valid(to_json(phase, as_of=dt.date(2008, 8, 31)))["identify"]
    assert (strict["due_now"], strict["moved_since"]) == (None, None)
    assert "2009" not in json.dumps(strict)
    after = valid(to_json(phase, as_of=dt.date(2008, 9, 1), hindsight=True))
    assert after["identify"]["due"] == after["identify"]["due_now"] == "2009-01-31"
    assert after["identify"]["original"] == "2008-12-31"
    assert after["text"] == phase.describe(as_of=dt.date(2008, 9, 1))


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (dt.date(2008, 6, 1), "not yet set"),
        (dt.date(2008, 7, 1), "pending"),
        (dt.date(2008, 9, 20), "due soon"),
        (dt.date(2008, 10, 1), "overdue"),
        (dt.date(2008, 10, 6), "done"),
    ],
)
def test_deadline_states(as_of: dt.date, state: str) -> None:
    deadline = Deadline(
        "Identify quick wins", due=dt.date(2008, 9, 30), set_on=dt.date(2008, 6, 30)
    ).complete(dt.date(2008, 10, 5))
    data = valid(to_json(deadline, as_of=as_of))
    assert data["state"] == state == deadline.state(as_of=as_of).value
    assert data["explanation"] == deadline.explain(as_of=as_of)


def test_as_of_is_required_for_a_deadline_and_refused_for_an_outcome() -> None:
    deadline = Deadline("Report", due=dt.date(2009, 1, 31))
    with pytest.raises(InvalidValue, match=r"as_of: expected the date to describe the Deadline"):
        to_json(deadline)
    with pytest.raises(InvalidValue, match=r"as_of: expected the date .* got 2009-01-01 00:00:00"):
        to_json(deadline, as_of=dt.datetime(2009, 1, 1))
    out = BOARD.decide(dict.fromkeys(EVERYONE_BUT_WEBB, "for"), apologies={"webb"})
    with pytest.raises(InvalidValue, match=r"as_of: expected None: only a Deadline or Phase"):
        to_json(out, as_of=dt.date(2008, 9, 1))


# -- withdrawal --------------------------------------------------------------------------------


def test_withdrawal_impact_and_table() -> None:
    from sharegov.concordat import ServiceArrangement
    from sharegov.graph import PartnershipGraph
    from sharegov.parties import Authority

    councils = [Authority(c, f"{c} Council") for c in ("A", "B", "C")]
    graph = PartnershipGraph.from_objects([
        *councils,
        ServiceArrangement("hr", "HR system", ["A", "B"], host="A"),
        ServiceArrangement("payroll", "Payroll", ["A", "B", "C"], host="A", depends_on=["hr"]),
        ServiceArrangement("audit", "Audit", ["B", "C"], lead="C"),
    ])  # fmt: skip
    impact = valid(to_json(graph.withdrawal_impact("A")))
    assert impact["dissolved"] == ["hr"]  # only B is left
    assert impact["lose_host"] == ["payroll"]
    assert impact["dependents"] == {}  # payroll is already counted as losing its host
    assert impact["continuing"] == []
    assert impact["isolated"] == []
    table = valid(to_json(graph.withdrawal_table()))
    assert [r["council"] for r in table["rows"]] == ["A", "B", "C"]
    assert table["rows"][0]["affected"] == impact["affected"] == 2


# -- who acts ----------------------------------------------------------------------------------


def test_who_acts_gives_the_chain_and_the_outstanding_duty_to_inform() -> None:
    from sharegov.conflicts import ConflictKind, DelegationScheme, OfficerConflict, who_acts
    from sharegov.parties import Officer, Post

    post = Post("jce", "Joint Chief Executive", ["A", "B"], holder="ceo")
    staff = [Officer("ceo", "Ms Chief", "A"), Officer("mo_a", "A's MO", "A"),
             Officer("dep_a", "Mr Deputy", "A")]  # fmt: skip
    scheme = DelegationScheme("A", monitoring_officer="mo_a", deputies={"ceo": "dep_a"})
    conflict = OfficerConflict("ceo", "land sale", kind=ConflictKind.PERSONAL, authorities=["A"])
    result = who_acts(post, "land sale", officers=staff, schemes=[scheme], conflicts=[conflict])
    data = valid(to_json(result))
    a, b = data["acting"]
    assert (a["officer"], a["decided_by"], a["post_holder_acts"]) == ("dep_a", "mo_a", False)
    assert [(s["officer"], s["conflicted"]) for s in a["chain"]] == [
        ("ceo", True),
        ("dep_a", False),
    ]
    assert (b["officer"], b["post_holder_acts"], b["decided_by"]) == ("ceo", True, None)
    assert data["conflicts"][0]["kind"] == "a personal conflict"
    assert data["not_informed"] == [{"officer": "ceo", "authority": "A"}]
    assert data["lines"] == result.explain().splitlines()
