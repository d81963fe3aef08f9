"""Finding 4 (review 2): a refused casting vote states the true reason.

LGA 1972 Sch 12 para 39(2) gives the chair a casting vote on an equality of votes; where the
board's rule decides the question on something else (an authority short of the support it
needs), the refusal says so, and never that the votes were not equal when they were."""

from __future__ import annotations

import itertools

import pytest

from sharegov import Authority, Board, Member, Vote, rules
from sharegov.errors import InvalidVote

IDS = ["c1", "c2", "c3", "d1", "d2", "d3"]
BOARD = Board(
    "Joint Regulatory Services Board",
    authorities=[
        Authority("CWY", "Conwy", gss="W06000003"),
        Authority("DEN", "Denbighshire", gss="W06000004"),
    ],
    seats={"CWY": 3, "DEN": 3},
    members=[Member(i, f"Cllr {i}", "CWY" if i[0] == "c" else "DEN") for i in IDS],
    rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2)),
    casting_vote=True,
)


def test_the_reviews_tie_names_the_authority_short_of_support() -> None:
    votes = dict(
        zip(
            IDS,
            [Vote.FOR, Vote.FOR, Vote.AGAINST, Vote.FOR, Vote.AGAINST, Vote.AGAINST],
            strict=True,
        )
    )
    with pytest.raises(InvalidVote) as err:
        BOARD.decide(votes, chair="c1", casting=Vote.FOR)
    text = str(err.value)
    assert "not equal" not in text
    assert "the votes were equal (3 for, 3 against, 0 abstaining)" in text
    assert "DEN: 1 in support >= 2  no" in text
    assert "not carried" in text


@pytest.mark.parametrize("ballot", list(itertools.product([Vote.FOR, Vote.AGAINST], repeat=6)))
def test_every_refusal_is_true_to_the_counts(ballot: tuple[Vote, ...]) -> None:
    votes = dict(zip(IDS, ballot, strict=True))
    plain = BOARD.decide(votes, chair="c1")
    try:
        BOARD.decide(votes, chair="c1", casting=Vote.FOR)
    except InvalidVote as err:
        text = str(err)
        equal = ballot.count(Vote.FOR) == ballot.count(Vote.AGAINST)
        assert ("the votes were equal" in text) is equal
        assert ("the votes were not equal" in text) is (not equal)
        assert ("not carried" in text) is (not plain.carried)
        assert not plain.equality  # refused only where the rule settled it
    else:
        assert plain.equality
