"""The built-in reference arrangement: the Bromsgrove–Redditch Shared Services Board (2008).

Everything here comes from the councils' own papers (``seeds/001``: the Council report
of 17 September 2008, the draft Concordat for Joint Working, and the minutes of the
Shared Services Board of 1 September 2008):

- 6 members, 3 nominated by each council, including both Leaders (Concordat 4.1);
- the Leader of the host council chairs; venues alternate (4.1);
- the board has no decision-making power (4.2): it recommends to each council;
- recommendations are "based on a consensus of the meeting; where consensus cannot be
  reached recommendations will be based on at least 2 Councillors from each authority
  being in support" (4.3(a)(iii));
- substitutes are not permitted (minutes, 1 September 2008).

The papers name the six members (Cllrs Hollingworth, Gandy, Hall, Luck, McMillan and
Webb) and the two Leaders (Hollingworth of Bromsgrove, Gandy of Redditch), but not which
council the other four sit for. **Their assignment here is illustrative**: Luck and Webb
for Bromsgrove; Hall and McMillan for Redditch. Populations are the 2011 Census figures.

Examples:
    >>> board = bromsgrove_redditch_board()
    >>> print(board.describe())
    Shared Services Board: 6 voting seats (3 from BDC, 3 from RBC).
    Questions are decided by consensus, else at least 2 in support from each authority.
    Quorum: none set in the terms.
    The chair has no casting vote.
    Chair: the leader of the host authority chairs.
    Substitutes are not permitted.
    The board is advisory: it makes recommendations, not decisions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from sharegov import rules
from sharegov.boards import Board, HostLeaderChairs
from sharegov.parties import Authority, Member
from sharegov.rules import Vote

if TYPE_CHECKING:
    from sharegov.costs import CostPlan
    from sharegov.io.files import Arrangement

__all__ = [
    "ILLUSTRATIVE",
    "MEETING_2008_09_01",
    "Proposal",
    "bromsgrove_redditch_arrangement",
    "bromsgrove_redditch_authorities",
    "bromsgrove_redditch_board",
    "bromsgrove_redditch_costs",
]

#: Said wherever the reference board's member-to-council assignment is shown.
ILLUSTRATIVE = (
    "The seed papers do not say which council Cllrs Luck, Webb, Hall and McMillan sit for; "
    "their assignment here is illustrative."
)

BDC = Authority(
    "BDC", "Bromsgrove District Council", population=93_637, gss="E07000234", kind="NMD"
)
RBC = Authority("RBC", "Redditch Borough Council", population=84_214, gss="E07000236", kind="NMD")


def bromsgrove_redditch_authorities() -> tuple[Authority, Authority]:
    """Bromsgrove District Council and Redditch Borough Council."""
    return BDC, RBC


def bromsgrove_redditch_board() -> Board:
    """The Shared Services Board as set up by the draft Concordat (seed 001)."""
    members = [
        Member("hollingworth", "Cllr R. Hollingworth", "BDC", roles={"leader"}),
        Member("luck", "Cllr J. Luck", "BDC"),
        Member("webb", "Cllr M. Webb", "BDC"),
        Member("gandy", "Cllr C. Gandy", "RBC", roles={"leader"}),
        Member("hall", "Cllr M. Hall", "RBC"),
        Member("mcmillan", "Cllr C. McMillan", "RBC"),
    ]
    return Board(
        "Shared Services Board",
        authorities=[BDC, RBC],
        seats={"BDC": 3, "RBC": 3},
        members=members,
        rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2)),
        quorum=None,
        casting_vote=False,
        advisory=True,
        substitutes_allowed=False,
        chair_rule=HostLeaderChairs(),
    )


@attrs.frozen
class Proposal:
    """A question put to the board, with the votes recorded (or supposed) on it."""

    title: str
    votes: dict[str, Vote] = attrs.field(eq=False)
    recorded: bool = True
    """``True`` where the minutes record the result; ``False`` for an illustrative case."""


_PRESENT = ("hollingworth", "luck", "gandy", "hall", "mcmillan")


def _all_for() -> dict[str, Vote]:
    return dict.fromkeys(_PRESENT, Vote.FOR)


#: The meeting of Monday 1 September 2008: present Cllrs Hollingworth (chairman), Gandy,
#: Hall, Luck and McMillan; apologies from Cllr Webb. The minutes record each item as
#: "agreed"; the last two proposals are illustrative variations showing the fallback rule.
MEETING_2008_09_01 = {
    "date": dt.date(2008, 9, 1),
    "chair": "hollingworth",
    "absent": frozenset({"webb"}),
    "proposals": (
        Proposal("Recommend the draft Concordat to both Councils, as amended", _all_for()),
        Proposal(
            "Targets and objectives: Phase 2 moved to 31 January 2009, Phase 3 to 31 July 2009",
            _all_for(),
        ),
        Proposal("Recommend a business case for a shared Elections service", _all_for()),
        Proposal("Substitutes not to be permitted on the Board", _all_for()),
        Proposal(
            "Illustrative: a shared Community Safety team, with Cllr Hall against",
            {**_all_for(), "hall": Vote.AGAINST},
            recorded=False,
        ),
        Proposal(
            "Illustrative: joint Benefits Services Manager, with Cllrs Hall and McMillan against",
            {**_all_for(), "hall": Vote.AGAINST, "mcmillan": Vote.AGAINST},
            recorded=False,
        ),
    ),
}


def bromsgrove_redditch_arrangement() -> Arrangement:
    """The reference arrangement as a whole: the councils, the board, the shared services.

    Services and their hosts or leads are those named in the seed papers: payroll moved to
    Redditch; the shared procurement officer; elections (Bromsgrove to lead) and community
    safety (Redditch to lead) recommended for business cases on 1 September 2008.
    """
    from sharegov.concordat import ArrangementKind, ServiceArrangement
    from sharegov.io.files import Arrangement

    start = dt.date(2008, 9, 1)
    return Arrangement(
        "Bromsgrove and Redditch strategic alliance",
        authorities=[BDC, RBC],
        boards={"ssb": bromsgrove_redditch_board()},
        arrangements=[
            ServiceArrangement(
                "jce",
                "Acting Joint Chief Executive",
                ["BDC", "RBC"],
                kind=ArrangementKind.SHARED_POST,
                start=dt.date(2008, 6, 30),
            ),
            ServiceArrangement("payroll", "Payroll", ["BDC", "RBC"], host="RBC", start=start),
            ServiceArrangement(
                "procurement",
                "Procurement officer",
                ["BDC", "RBC"],
                kind=ArrangementKind.SHARED_POST,
                start=dt.date(2007, 11, 1),
            ),
            ServiceArrangement("elections", "Elections", ["BDC", "RBC"], lead="BDC"),
            ServiceArrangement("community-safety", "Community Safety", ["BDC", "RBC"], lead="RBC"),
        ],
        costs=bromsgrove_redditch_costs(),
        description="Concordat for Joint Working, draft of September 2008 (seed 001).",
    )


def bromsgrove_redditch_costs() -> CostPlan:
    """The Bromsgrove–Redditch finances of September 2008 (seed 001).

    From the papers: costs of investigation and implementation shared equally (Concordat
    6.2); a WMRIEP grant of "between £30,000 to £40,000" for the initial analysis; match
    funding of £40,000 from each council for the business case; interim management costs
    at Redditch coded separately, as they "would have been incurred notwithstanding" the
    arrangement; payroll moved to Redditch saving £40k a year, savings shared "equitably,
    case by case" (6.1). The item costs themselves are not in the papers and are
    illustrative.
    """
    from sharegov.costs import (
        CaseByCase,
        Category,
        CostItem,
        CostPlan,
        Equal,
        Grant,
        MatchFunding,
        SavingsStream,
    )
    from sharegov.money import FinancialYear

    year = FinancialYear(2008)
    return CostPlan(
        ["BDC", "RBC"],
        items=[
            CostItem(
                "analysis",
                "Analysis of performance and costs (illustrative)",
                "£35,000",
                category=Category.INVESTIGATION,
                year=year,
            ),
            CostItem(
                "business-case",
                "External support for the business case (illustrative)",
                "£80,000",
                category=Category.INVESTIGATION,
                year=year,
            ),
            CostItem(
                "interim",
                "Interim management at Redditch (illustrative)",
                "£50,000",
                category=Category.RUNNING,
                year=year,
                incurred_by="RBC",
                shared=False,
            ),
        ],
        grants=[Grant("WMRIEP", "£30,000 to £40,000", covers={"analysis"})],
        match_funding=[MatchFunding("£40,000", covers={"business-case"})],
        savings=[
            SavingsStream(
                "payroll",
                "Payroll moved to Redditch",
                "£40k",
                start=dt.date(2008, 9, 1),
                split=CaseByCase(
                    Equal(),
                    reason="both councils gain equally",
                    decided_by="Shared Services Board",
                ),
            )
        ],
        cost_split=Equal(),
    )
