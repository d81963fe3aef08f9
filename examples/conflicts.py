"""Conflicts of interest on the Bromsgrove–Redditch arrangement (seeds 001, 003 and 004).

1. The Acting Joint Chief Executive is conflicted on a matter between the two Councils
   (Concordat 5.4): each Council gets its own acting officer, Bromsgrove's decided by its
   Monitoring Officer in consultation with the Leader (recommendation 2.1.3).
2. A councillor declares an interest as a director of a body the board would fund
   (as Cllr Webb did at the East Midlands board, seed 003): excluded from that item,
   not from the next.
3. Two Bromsgrove members with an interest in the same matter leave the board unable to
   reach its quorum; a dispensation on the ground in s.33(2)(a) lets the vote proceed.

The officers other than Kevin Dicks, the members' interests and the votes are
illustrative; the seeds name none of them. The law applied is today's (Localism Act
2011), not the 2007 Model Code the 2008 board worked under.

Run: ``python examples/conflicts.py``
"""

from __future__ import annotations

import datetime as dt

import attrs

from sharegov import Officer, Post, StatutoryRole, Vote, rules
from sharegov.conflicts import (
    Declaration,
    DelegationScheme,
    Dispensation,
    DispensationGround,
    DpiCategory,
    InterestKind,
    OfficerConflict,
    who_acts,
)
from sharegov.reference import ILLUSTRATIVE, bromsgrove_redditch_board

F, A = Vote.FOR, Vote.AGAINST
MATTER = "apportioning the costs of the shared management team between the Councils"

OFFICERS = [
    Officer("dicks", "Kevin Dicks", "BDC"),
    Officer("bdc_mo", "BDC Head of Legal, Equalities and Democratic Services", "BDC"),
    Officer("bdc_deputy", "BDC Executive Director", "BDC"),
    Officer("rbc_mo", "RBC Monitoring Officer", "RBC"),
    Officer("finance", "Head of Financial Services (shared)", "BDC"),
    Officer("rbc_director", "RBC Director of Community Services", "RBC"),
]
JCE = Post(
    "jce",
    "Acting Joint Chief Executive",
    ["BDC", "RBC"],
    roles={StatutoryRole.HEAD_OF_PAID_SERVICE},
    holder="dicks",
)
SCHEMES = [
    DelegationScheme(
        "BDC",
        monitoring_officer="bdc_mo",
        deputies={"dicks": "bdc_deputy"},
        consult="the Leader",
        source="Bromsgrove District Council, 17 September 2008, recommendation 2.1.3",
    ),
    DelegationScheme(
        "RBC",
        monitoring_officer="rbc_mo",
        deputies={"dicks": "finance"},
        fallbacks=["rbc_director"],
        consult="the Leader",
        source="report to both Councils, 17 September 2008, paragraph 3.10",
    ),
]
CONFLICTS = [
    OfficerConflict(
        "dicks",
        MATTER,
        authorities=["BDC", "RBC"],
        raised=dt.date(2008, 10, 1),
        informed={"BDC": dt.date(2008, 10, 1), "RBC": dt.date(2008, 10, 1)},
    ),
    # The shared Head of Financial Services serves both Councils too.
    OfficerConflict("finance", MATTER, authorities=["BDC", "RBC"], raised=dt.date(2008, 10, 1)),
]


def officers() -> None:
    result = who_acts(
        JCE,
        MATTER,
        officers=OFFICERS,
        schemes=SCHEMES,
        conflicts=CONFLICTS,
        on=dt.date(2008, 10, 6),
        duty="Concordat 5.4",
    )
    print(result.explain())


def members() -> None:
    board = bromsgrove_redditch_board()
    on = dt.date(2012, 9, 3)
    webb = Declaration(
        "webb",
        "5",
        InterestKind.DISCLOSABLE_PECUNIARY,
        "Director of I&DeA",
        category=DpiCategory.EMPLOYMENT,
    )
    everyone = {m.id: F for m in board.voting_members}
    item5 = board.decide(
        {k: v for k, v in everyone.items() if k != "webb"},
        declarations=[webb],
        item="5",
        on=on,
    )
    item6 = board.decide(everyone, declarations=[webb], item="6", on=on)
    print("Item 5: a grant to I&DeA for member development")
    print(item5.explain())
    print()
    print("Item 6: a business case for a shared Elections service")
    print(item6.explain())
    print()

    quorate = attrs.evolve(board, quorum=rules.Quorum(at_least=4, each_authority=2))
    land = [
        Declaration(
            member,
            "7",
            InterestKind.DISCLOSABLE_PECUNIARY,
            "owns land next to the proposed shared depot",
            category=DpiCategory.LAND,
            matter="shared depot site",
        )
        for member in ("luck", "webb")
    ]
    votes = {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F}
    blocked = quorate.decide(votes, declarations=land, on=on)
    print("Item 7: the shared depot site, with a quorum of 4, 2 from each Council")
    print(blocked.explain())
    print()
    granted = [
        Dispensation(
            member,
            ["shared depot site"],
            DispensationGround.IMPEDE_BUSINESS,
            granted_by="BDC Standards Committee",
            start=dt.date(2012, 8, 1),
            until=dt.date(2016, 7, 31),
        )
        for member in ("luck", "webb")
    ]
    proceeds = quorate.decide(
        {**votes, "luck": F, "webb": F}, declarations=land, dispensations=granted, on=on
    )
    print("Item 7 again, after the Standards Committee granted dispensations")
    print(proceeds.explain())
    print()
    print(ILLUSTRATIVE)


if __name__ == "__main__":
    officers()
    print()
    members()
