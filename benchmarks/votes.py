"""Deciding one vote on the six-member reference board, against a hand-written function.

The anchor hard-codes "consensus, else at least 2 in support from each authority" for
the Bromsgrove–Redditch board, and does the same input checking as the library (every
voter known, voting, and present), so the ratio is the price of generality and of the
self-explaining result. A board memoises its rule's answer per distinct count pattern
(each rule is a function of counts), so the steady state is a table lookup; the
"unseen" line empties that table before every question, to show the first-sight cost.
Target (DESIGN.md): at most 3x the anchor's time (the price of one definition per rule).

Run: ``python benchmarks/votes.py``
"""

from __future__ import annotations

from _timing import best_time

from sharegov import Vote
from sharegov.reference import bromsgrove_redditch_board

BOARD = bromsgrove_redditch_board()
AUTHORITY = {m.id: m.authority for m in BOARD.voting_members}
ABSENT = frozenset({"webb"})
PRESENT = ("hollingworth", "luck", "gandy", "hall", "mcmillan")
# Every way the five members present could vote FOR or AGAINST (32 records), so that
# neither side is timed on one record seen over and over.
RECORDS = [
    {member: Vote.AGAINST if pattern >> i & 1 else Vote.FOR for i, member in enumerate(PRESENT)}
    for pattern in range(32)
]


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
    for votes in RECORDS:
        assert hand_written(votes, ABSENT) == BOARD.decide(votes, absent=ABSENT).carried

    def anchor() -> None:
        for votes in RECORDS:
            hand_written(votes, ABSENT)

    def ours() -> None:
        for votes in RECORDS:
            BOARD.decide(votes, absent=ABSENT)

    memo = BOARD._rule_check.memo  # type: ignore[attr-defined]

    def cold() -> None:  # every question as if the board had never seen its counts
        for votes in RECORDS:
            memo.clear()
            BOARD.decide(votes, absent=ABSENT)

    def explained() -> None:
        for votes in RECORDS:
            BOARD.decide(votes, absent=ABSENT).explain()

    each = len(RECORDS)
    number = 20_000 // each
    anchor_s = best_time(anchor, number=number) / each
    ours_s = best_time(ours, number=number) / each
    cold_s = best_time(cold, number=number) / each
    explained_s = best_time(explained, number=max(1, number // 8)) / each
    print(f"deciding one vote, 6-member board ({each} different vote records, best of 7)")
    print(f"  hand-written anchor      {anchor_s * 1e9:10.0f} ns/decision")
    print(f"  Board.decide             {ours_s * 1e9:10.0f} ns/decision")
    print(f"  Board.decide, unseen     {cold_s * 1e9:10.0f} ns/decision   (memo emptied)")
    print(f"  Board.decide + explain() {explained_s * 1e9:10.0f} ns/decision")
    print(f"  ratio decide/anchor      {ours_s / anchor_s:10.2f}x   (target <= 3x)")
    print(
        f"  ratio unseen/anchor      {cold_s / anchor_s:10.2f}x   (each count pattern's first time)"
    )


if __name__ == "__main__":
    main()
