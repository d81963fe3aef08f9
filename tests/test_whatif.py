"""What would have changed a decided vote: the search against brute force."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Vote
from sharegov._whatif import CHOICES, smallest_changes
from sharegov.errors import InvalidVote, LimitExceeded
from sharegov.reference import bromsgrove_redditch_board
from sharegov.strategies import ballots, boards

BOARD = bromsgrove_redditch_board()


def brute_force(outcome) -> tuple[int, set[frozenset[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    """Every assignment of 'no change' or a change to every member: the smallest size of
    those that flip the result, and the sets of that size."""
    states = outcome.states()
    members = list(states)
    options = [(None, *CHOICES.get(states[m], ())) for m in members]
    best, found = 0, set()
    for picks in product(*options):
        changes = frozenset((m, p) for m, p in zip(members, picks, strict=True) if p is not None)
        if not changes:
            continue
        trial = {**states, **dict(changes)}
        if outcome._redecide(trial).carried is outcome.carried:
            continue
        if not best or len(changes) < best:
            best, found = len(changes), {changes}
        elif len(changes) == best:
            found.add(changes)
    return best, found


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_smallest_changes_are_exactly_those_brute_force_finds(data: st.DataObject) -> None:
    board = data.draw(boards().filter(lambda b: len(b.voting_members) <= 5))
    outcome = board.decide(**data.draw(ballots(board)))
    best, found = brute_force(outcome)
    whatif = outcome.what_would_change_it()
    assert whatif.size == best
    assert {frozenset(s) for s in whatif.sets} == found
    text = whatif.explain()
    assert text.startswith(outcome.status.value.capitalize())
    # A member is pivotal exactly when changing their vote alone flips the result.
    states = outcome.states()
    alone = {
        m for s in found if len(s) == 1 for m, _ in s if states[m] in ("for", "against", "abstain")
    }
    assert set(outcome.pivotal()) == alone


def test_the_reference_board_lists_every_smallest_set_in_words() -> None:
    out = BOARD.decide(
        {
            "hollingworth": "for",
            "luck": "for",
            "gandy": "for",
            "hall": "against",
            "mcmillan": "against",
        },
        apologies={"webb"},
    )
    whatif = out.what_would_change_it()
    assert whatif.sets == ((("hall", "for"),), (("mcmillan", "for"),))
    assert "one member from RBC voting for instead of voting against" in whatif.explain()
    assert "carried on the fallback rule" in whatif.explain()
    assert "**Not carried. One change would have carried it:**" in whatif._repr_markdown_()


def test_an_excluded_member_never_changes_and_a_minuted_vote_cannot_be_searched() -> None:
    out = BOARD.decide(
        {"hollingworth": "for", "gandy": "for", "hall": "against", "mcmillan": "for"},
        apologies={"webb"},
        excluded={"luck"},
    )
    assert all(m != "luck" for s in out.what_would_change_it().sets for m, _ in s)
    minuted = BOARD.decide_counts(
        {"for": 4, "against": 1}, by_authority={"BDC": {"for": 2}, "RBC": {"for": 2, "against": 1}}
    )
    with pytest.raises(InvalidVote, match="minuted only as counts"):
        minuted.what_would_change_it()


def test_the_search_is_bounded() -> None:
    states = {f"m{i}": "against" for i in range(30)}
    with pytest.raises(LimitExceeded, match=r"^limit: finding the smallest changes needs more"):
        smallest_changes(states, lambda trial: list(trial.values()).count("for") > 20, limit=1_000)


def test_when_all_six_support_nobody_alone_is_pivotal() -> None:
    # One member against still leaves 2 in support from each council: it takes two
    # members of the same council to defeat it.
    out = BOARD.decide({m.id: Vote.FOR for m in BOARD.voting_members})
    whatif = out.what_would_change_it()
    assert whatif.size == 2
    assert out.pivotal() == ()
    assert all(len({BOARD.member(m).authority for m, _ in changes}) == 1 for changes in whatif.sets)


def test_a_bad_limit_is_refused_by_field() -> None:
    from sharegov.errors import InvalidValue

    out = BOARD.decide({m.id: Vote.FOR for m in BOARD.voting_members})
    with pytest.raises(InvalidValue, match=r"^limit: expected a whole number >= 1, got 'x'"):
        out.what_would_change_it(limit="x")  # type: ignore[arg-type]
