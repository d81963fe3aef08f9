"""sharegov's Hypothesis strategies, reached the way users reach them: st.from_type."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, Tally, rules
from sharegov.rules import Rule, Vote


@given(st.from_type(Board))
def test_from_type_board_gives_valid_decidable_boards(board: Board) -> None:
    assert board.voting_members
    everyone = board.decide(dict.fromkeys((m.id for m in board.voting_members), Vote.FOR))
    # Boards are only generated with rules their full membership can meet... when every
    # seat is filled; with vacancies the rule may still be out of reach.
    if len(board.voting_members) == sum(board.seats.values()):
        assert everyone.carried


@given(st.from_type(Rule))
def test_from_type_rules_are_data_that_round_trip(rule: Rule) -> None:
    from sharegov.io.files import _converter

    conv = _converter()
    copy = conv.structure(conv.unstructure(rule, Rule), Rule)
    assert copy is not rule
    assert copy == rule
    assert hash(copy) == hash(rule)
    assert copy.describe() == rule.describe()


@given(st.from_type(rules.EachAuthority), st.from_type(rules.Weighted))
def test_from_type_concrete_rule_classes(each: Rule, weighted: Rule) -> None:
    assert isinstance(each, rules.EachAuthority)
    assert isinstance(weighted, rules.Weighted)


@given(st.from_type(Tally), st.from_type(Authority), st.from_type(Member))
def test_from_type_other_classes(tally: Tally, authority: Authority, member: Member) -> None:
    assert sum(tally.count(v) for v in Vote) == len(tally.votes)
    assert authority.population is not None
    assert member.id
