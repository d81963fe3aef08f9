"""Deciding one vote on the six-member reference board, against a hand-written function.

The anchor hard-codes "consensus, else at least 2 in support from each authority" for
the Bromsgrove–Redditch board, and does the same input checking as the library (every
voter known, voting, and present), so the ratio is the price of generality and of the
self-explaining result. Target (DESIGN.md): at most 2x the anchor's time.

Run: ``python benchmarks/votes.py``
"""

from __future__ import annotations

from _timing import best_time

from sharegov import Vote
from sharegov.reference import bromsgrove_redditch_board

BOARD = bromsgrove_redditch_board()
AUTHORITY = {m.id: m.authority for m in BOARD.voting_members}
VOTES = {
    "hollingworth": Vote.FOR,
    "luck": Vote.FOR,
    "gandy": Vote.FOR,
    "hall": Vote.AGAINST,
    "mcmillan": Vote.FOR,
}
ABSENT = frozenset({"webb"})


def hand_written(votes: dict[str, Vote], absent: frozenset[str]) -> bool:
    """Consensus, else >= 2 FOR from each of BDC and RBC, with the library's input checks."""
    for member in absent:
        if member not in AUTHORITY:
            raise ValueError(member)
    support = {"BDC": 0, "RBC": 0}
    against = 0
    for member, vote in votes.items():
        authority = AUTHORITY.get(member)
        if authority is None or member in absent:
            raise ValueError(member)
        if vote is Vote.FOR:
            support[authority] += 1
        elif vote is Vote.AGAINST:
            against += 1
    if against == 0 and sum(support.values()) > 0:
        return True
    return support["BDC"] >= 2 and support["RBC"] >= 2


def main() -> None:
    assert hand_written(VOTES, ABSENT) == BOARD.decide(VOTES, absent=ABSENT).carried
    number = 20_000
    anchor = best_time(lambda: hand_written(VOTES, ABSENT), number=number)
    ours = best_time(lambda: BOARD.decide(VOTES, absent=ABSENT), number=number)
    explained = best_time(lambda: BOARD.decide(VOTES, absent=ABSENT).explain(), number=number // 4)
    print("deciding one vote, 6-member board (best of 7)")
    print(f"  hand-written anchor      {anchor * 1e9:10.0f} ns/decision")
    print(f"  Board.decide             {ours * 1e9:10.0f} ns/decision")
    print(f"  Board.decide + explain() {explained * 1e9:10.0f} ns/decision")
    print(f"  ratio decide/anchor      {ours / anchor:10.2f}x   (target <= 2x)")


if __name__ == "__main__":
    main()
