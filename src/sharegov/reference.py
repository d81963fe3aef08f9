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
from sharegov.boards import Board, HostLeaderChairs, Membership
from sharegov.concordat import (
    ArrangementKind,
    Concordat,
    ServiceArrangement,
    Term,
)
from sharegov.conflicts import Declaration, Effect, InterestKind
from sharegov.decisions import Recommendation
from sharegov.meetings import Action, Item, Meeting, MeetingPlan
from sharegov.parties import Authority, Member, Officer
from sharegov.rules import Vote
from sharegov.timeline import Deadline, Milestone, MilestonePlan, Phase, Schedule

if TYPE_CHECKING:
    from sharegov.costs import CostPlan
    from sharegov.io.files import Arrangement

__all__ = [
    "AMENDED_ON",
    "ILLUSTRATIVE",
    "MEETING_2008_09_01",
    "Proposal",
    "bromsgrove_redditch_arrangement",
    "bromsgrove_redditch_authorities",
    "bromsgrove_redditch_board",
    "bromsgrove_redditch_board_over_time",
    "bromsgrove_redditch_business_case_plan",
    "bromsgrove_redditch_concordat",
    "bromsgrove_redditch_costs",
    "bromsgrove_redditch_meeting_2008_09_01",
    "bromsgrove_redditch_meeting_plan",
    "bromsgrove_redditch_obligations",
    "bromsgrove_redditch_phases",
    "bromsgrove_redditch_recommendations",
    "em_iep_board",
    "em_iep_meeting_2009_11_27",
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
    """The reference arrangement as a whole: the councils, the board (with its memberships
    over time), the shared services, the concordat and the meeting of 1 September 2008.

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
        boards={"ssb": bromsgrove_redditch_board_over_time()},
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
        phases=bromsgrove_redditch_phases(),
        costs=bromsgrove_redditch_costs(),
        concordat=bromsgrove_redditch_concordat(),
        meeting_plans=[bromsgrove_redditch_meeting_plan()],
        meetings=[bromsgrove_redditch_meeting_2008_09_01()],
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


# ---------------------------------------------------------------------------------------------
# The arrangement over time (seed 001): board memberships, meetings, phases, plan, concordat
# ---------------------------------------------------------------------------------------------

#: The Shared Services Board's first meeting, which amended the phase dates.
AMENDED_ON = dt.date(2008, 9, 1)
_BOARD = "Shared Services Board"
_HOLIDAYS = "the timescales coincided with annual holiday dates (minutes, 1 September 2008)"
#: Both councils' meetings of 30 June 2008 appointed the Acting Joint Chief Executive and set
#: up the board (report to Council 17 September 2008, 3.1-3.2; Concordat 2.3).
_ESTABLISHED = dt.date(2008, 6, 30)
#: The date of the Acting Joint Chief Executive's specification (seed 001), used as the day
#: the phase targets and business-case timeline were first set.
_SET_ON = dt.date(2008, 8, 18)


def bromsgrove_redditch_board_over_time() -> Board:
    """The board with its memberships over time.

    The six members sit from the councils' decisions of 30 June 2008. The Labour group
    leaders' membership is the seed's conditional offer ("a conditional offer based on the
    written agreement of the respective Labour Group Leaders to the principal of the Joint
    Chief Executive arrangements"), recommended to Council on 17 September 2008; the seed
    does not record the condition being met, so they never sit here. Taking up the offer
    would add a seat for each council.
    """
    board = bromsgrove_redditch_board()
    condition = (
        "written agreement of the Labour Group Leader to the principle of the Joint Chief "
        "Executive arrangements"
    )
    offers = [
        Membership(
            Member(
                f"labour_{code.lower()}",
                f"Leader of the Labour Group, {code}",
                code,
                roles={"group leader"},
                party="Labour",
            ),
            start=dt.date(2008, 9, 17),
            condition=condition,
            extra_seat=True,
        )
        for code in ("BDC", "RBC")
    ]
    seats = [Membership(m, start=_ESTABLISHED) for m in board.members]
    return attrs.evolve(board, memberships=[*seats, *offers])


def bromsgrove_redditch_meeting_plan() -> MeetingPlan:
    """Bi-monthly meetings from 1 September 2008, venues alternating between the councils,
    the Leader of the host council in the chair (Concordat 4.1; minutes: "meetings should be
    bi monthly"). The later dates (the first Monday of every other month, like the first
    meeting) are illustrative: the minutes say the next date "would be circulated at a later
    date"."""
    return MeetingPlan(
        bromsgrove_redditch_board_over_time(),
        schedule=Schedule.monthly_on(
            "Shared Services Board meeting",
            "first Monday",
            start=AMENDED_ON,
            interval=2,
            until=dt.date(2009, 12, 31),
        ),
        hosts=("BDC", "RBC"),
    )


def bromsgrove_redditch_phases() -> tuple[Phase, Phase, Phase]:
    """The three phases as the board amended them on 1 September 2008.

    The minutes: "in 4.1.(a) and (b) 31st December needed to be altered to 31st January and
    in 4.1 (c) 30th June needed to be altered to 31st July". In the targets report, 4.1(a)'s
    31 December is Phase 1's *implementation* date, 4.1(b)'s is Phase 2's *identify* date,
    and 4.1(c)'s 30 June is Phase 3's date for the business case. Phase 2's implementation
    date (31 July 2009) did not move. Phase 1's quick wins were identified at the meeting.
    """
    phase1 = Phase.plan(
        "Phase 1",
        "the quick wins for shared services / joint working",
        identify_by=dt.date(2008, 9, 30),
        implement_by=dt.date(2008, 12, 31),
        set_on=_SET_ON,
    )
    phase1 = phase1.amend(
        "implement", dt.date(2009, 1, 31), decided_on=AMENDED_ON, by=_BOARD, reason=_HOLIDAYS
    )
    phase1 = attrs.evolve(phase1, identify=phase1.identify.complete(AMENDED_ON))
    phase2 = Phase.plan(
        "Phase 2",
        "some medium term opportunities",
        identify_by=dt.date(2008, 12, 31),
        implement_by=dt.date(2009, 7, 31),
        set_on=_SET_ON,
    ).amend("identify", dt.date(2009, 1, 31), decided_on=AMENDED_ON, by=_BOARD, reason=_HOLIDAYS)
    phase3 = Phase.plan(
        "Phase 3",
        "the opportunities for shared services in a business case, having reviewed all services",
        identify_by=dt.date(2009, 6, 30),
        set_on=_SET_ON,
    ).amend("identify", dt.date(2009, 7, 31), decided_on=AMENDED_ON, by=_BOARD, reason=_HOLIDAYS)
    return phase1, phase2, phase3


def bromsgrove_redditch_business_case_plan() -> MilestonePlan:
    """Phase 3's timeline for the business case, September 2008 to June 2009 (targets
    report 4.2(c)); a month is taken to mean its last day. No completions are recorded.
    The steps run in order: each depends on the one before."""
    d = dt.date
    steps = [
        ("recruit", d(2008, 9, 30), "Recruit external resource for the analysis of performance"
         " and costs"),
        ("analysis", d(2008, 11, 30), "Complete the analysis and identify areas to target"),
        ("specification", d(2008, 11, 30), "Specify the external resource to produce the"
         " business case"),
        ("procure", d(2008, 12, 31), "Procure external resource to complete the business case"),
        ("start", d(2009, 1, 31), "External resource starts work on the business case"),
        ("draft", d(2009, 4, 30), "Draft business case to the Acting Joint Chief Executive"),
        ("board", d(2009, 5, 31), "Business case presented to the Shared Services Board"),
        ("councils", d(2009, 6, 30), "Business case considered by each Council"),
    ]  # fmt: skip
    milestones = [
        Milestone(
            key,
            Deadline(title, due=due, set_on=_SET_ON),
            depends_on=(steps[i - 1][0],) if i else (),
        )
        for i, (key, due, title) in enumerate(steps)
    ]
    return MilestonePlan("Business case for shared services (Phase 3)", milestones)


def bromsgrove_redditch_obligations() -> tuple[Schedule, ...]:
    """Recurring obligations under the terms of reference (Concordat 4.3(c)): a report to
    each authority quarterly, and an annual review after the initial 12 months. The first
    quarterly date is illustrative (the papers set none)."""
    return (
        Schedule.quarterly(
            "Quarterly report to each Council on the Board's activities",
            start=dt.date(2008, 12, 1),
            owner=_BOARD,
        ),
        Schedule.annually(
            "Annual review of the strategic alliance", start=dt.date(2010, 6, 30), owner=_BOARD
        ),
    )


_KD = Officer("dicks", "Kevin Dicks (Acting Joint Chief Executive)", "BDC")


def bromsgrove_redditch_meeting_2008_09_01() -> Meeting:
    """The Shared Services Board of Monday 1 September 2008 at 5.30pm, as data.

    Each item the minutes record as agreed is entered as every member present in support
    (the minutes record agreement, not votes). The host council is not recorded.
    """
    board = bromsgrove_redditch_board_over_time()
    present = ("hollingworth", "gandy", "hall", "luck", "mcmillan")
    agreed = dict.fromkeys(present, Vote.FOR)
    items = [
        Item(
            1,
            "Election of Chairman",
            resolution="Cllr Hollingworth elected Chairman for the first meeting "
            "(proposed Cllr McMillan, seconded Cllr Gandy; all in favour).",
        ),
        Item(
            2,
            "Draft Concordat",
            votes=agreed,
            resolution="Recommended to both Councils as amended: the Board to determine "
            "targets and objectives; 'service quality' added to 4.3(a)(ii); the "
            "start date of the Acting Joint Chief Executive; the termination "
            "clause to refer to the secondment.",
            actions=[
                Action(
                    1,
                    "Bring the costs and savings of the Joint Chief Executive "
                    "arrangements to the next meeting",
                    owner="Kevin Dicks",
                )
            ],
        ),
        Item(
            3,
            "Six-month review",
            votes=agreed,
            resolution="Each Cabinet to undertake the 6 month review independently and "
            "report its findings to the Board; recommended to both Councils.",
        ),
        Item(
            4,
            "Membership: the Labour Group Leaders",
            votes=agreed,
            resolution="A conditional offer of membership to the Leader of each Council's "
            "Labour Group, on their written agreement to the principle of the "
            "Joint Chief Executive arrangements; recommended to both Councils.",
        ),
        Item(5, "Substitutes", votes=agreed, resolution="Substitutes would not be appropriate."),
        Item(
            6,
            "Targets and Objectives",
            votes=agreed,
            resolution="31 December altered to 31 January in 4.1(a) and (b), and 30 June to "
            "31 July in 4.1(c); match funding of £40,000 from each Council.",
            actions=[
                Action(
                    2, "Present a detailed project plan for the business case", owner="Kevin Dicks"
                )
            ],
        ),
        Item(
            7,
            "Quick Wins",
            votes=agreed,
            resolution="Recommend business cases for a shared Elections service and a shared "
            "Community Safety Team (not CCTV and lifeline), and joint work on "
            "performance and financial management, equalities and member "
            "development; Head of Financial Services filled on an interim basis; "
            "Benefits Services Manager not to be shared.",
        ),
        Item(8, "Frequency of meetings", resolution="Meetings to be bi-monthly."),
    ]
    return Meeting(
        board,
        AMENDED_ON,
        time=dt.time(17, 30),
        chair="hollingworth",
        present=present,
        apologies={"webb"},
        officers=[_KD],
        items=items,
    )


def bromsgrove_redditch_concordat() -> Concordat:
    """The Concordat for Joint Working as recommended to Council on 17 September 2008.

    It is dated in force from that meeting; the seed is the report to it and does not record
    either council's resolution, so no agreements are recorded for this first version.
    """
    bdc, rbc = BDC, RBC
    phases = bromsgrove_redditch_phases()
    return Concordat(
        "Concordat between Bromsgrove District Council and Redditch Borough Council",
        parties=[bdc, rbc],
        in_force_from=dt.date(2008, 9, 17),
        purpose="An agreed framework for future work between BDC and RBC in developing a "
        "strategic alliance (1.1).",
        vision="Under the management of a single Chief Executive, to identify and establish "
        "joint working arrangements and a shared approach to the delivery of services "
        "that will improve the quality of people's lives in the two authorities and "
        "deliver greater value for money.",
        aims=[
            "increase the levels of customer satisfaction through the improvement of services",
            "produce realistic cash savings in order to deliver improved services and limit "
            "Council Tax increases",
            "strengthen and share skills, expertise and learning in order to deliver better "
            "services",
            "preserve and enhance the special and distinctive characteristics within each "
            "local authority area",
            "increase our influence locally, regionally and nationally",
        ],
        principles=[
            "excellent working relations between members and officers, underpinned by "
            "effective and open communication (3.1)",
            "mutual trust; a positive, problem-solving approach (3.1)",
        ],
        board=bromsgrove_redditch_board_over_time(),
        terms_of_reference=[
            "set targets and objectives for joint working (4.3(a)(i))",
            "consider proposals and business cases, including service quality (4.3(a)(ii))",
            "recommend to each Council on a consensus, else at least 2 Councillors from each "
            "authority in support (4.3(a)(iii))",
            "establish and monitor performance indicators and savings (4.3(b))",
            "report to each authority quarterly; a formal review before the end of the "
            "initial 12 months, then annually (4.3(c))",
        ],
        phases=phases,
        financial=[
            "savings shared equitably, determined case by case (6.1)",
            "costs of investigating and implementing joint working shared equally (6.2)",
        ],
        termination="The Councils may agree to bring to an end the vision for the strategic "
        "alliance; any decision to do so will be handled in a fair manner (7.1).",
        legally_enforceable=False,
        arrangements=[
            ServiceArrangement(
                "payroll", "Payroll", ["BDC", "RBC"], host="RBC", start=dt.date(2008, 9, 1)
            ),
            ServiceArrangement("elections", "Elections", ["BDC", "RBC"], lead="BDC"),
            ServiceArrangement("community_safety", "Community Safety", ["BDC", "RBC"], lead="RBC"),
            ServiceArrangement(
                "ajce",
                "Acting Joint Chief Executive",
                ["BDC", "RBC"],
                kind=ArrangementKind.SHARED_POST,
                start=_ESTABLISHED,
            ),
        ],
        term=Term(_ESTABLISHED, reviewers=("BDC Cabinet", "RBC Cabinet"), independently=True),
    )


def bromsgrove_redditch_recommendations() -> tuple[Recommendation, ...]:
    """The board's recommendations of 1 September 2008, reported to Council on 17 September
    2008 (report 2.1). The seed does not record the councils' resolutions."""
    meeting = bromsgrove_redditch_meeting_2008_09_01()
    to = {"BDC": "Council", "RBC": "Council"}
    council = dict.fromkeys(to, dt.date(2008, 9, 17))
    specs = [
        (
            2,
            "concordat",
            "Approve the terms of reference and governance arrangements in the "
            "draft Concordat, as amended by the Shared Services Board",
            (),
        ),
        (
            3,
            "six_month_review",
            "Each Cabinet to undertake the six month review against the "
            "criteria at 4.3 of the draft Concordat",
            (),
        ),
        (
            7,
            "quick_wins",
            "Approve the quick wins: Elections, Community Safety, performance "
            "and financial management, equality and diversity, member development, Head of "
            "Financial Services",
            ("subject to a proper process of consultation with affected staff and trade unions",),
        ),
        (
            4,
            "labour_group_leaders",
            "Offer membership of the Shared Services Board to the "
            "Leader of each Council's Labour Group",
            (
                "conditional on their written agreement to "
                "the principle of the Joint Chief Executive "
                "arrangements",
            ),
        ),
        (
            6,
            "targets",
            "Agree the targets and objectives, as amended, and £40,000 match "
            "funding from each Council",
            (),
        ),
    ]
    return tuple(
        Recommendation.from_outcome(
            meeting.outcome(item),
            rec_id,
            text,
            to=to,
            made_on=AMENDED_ON,
            conditions=conditions,
            scheduled=council,
        )
        for item, rec_id, text, conditions in specs
    )


# ---------------------------------------------------------------------------------------------
# Seed 003: East Midlands Improvement Partnership Board, 27 November 2009
# ---------------------------------------------------------------------------------------------

_EM_MEMBERS = [
    ("hill", "Cllr Martin Hill OBE", "LINCS"),
    ("brighton", "Cllr Marion Brighton OBE", "NKDC"),
    ("brown", "Cllr Robin Brown", "NORTHANTS"),
    ("webb_j", "Cllr Jeremy Webb", "ELDC"),
    ("martin", "Cllr Fiona Martin", "ELDC"),
    ("perkins", "Cllr David Perkins", "NBC"),
    ("begy", "Cllr Roger Begy OBE", "RUTLAND"),
    ("sprason", "Cllr David Sprason", "LEICS"),
    ("malin", "Cllr Mary Malin", "KBC"),
    ("rhodes", "Cllr Alan Rhodes", "NOTTS"),
    ("wilcox", "Cllr Dave Wilcox", "DERBYS"),
    ("dempster", "Cllr Vi Dempster", "LEICESTER"),
    ("williamson", "Cllr Chris Williamson", "DERBY"),
    ("banwait", "Cllr Ranjit Banwait", "DERBY"),
]
_EM_AUTHORITIES = {
    "LINCS": "Lincolnshire County Council",
    "NKDC": "North Kesteven District Council",
    "NORTHANTS": "Northamptonshire County Council",
    "ELDC": "East Lindsey District Council",
    "NBC": "Northampton Borough Council",
    "RUTLAND": "Rutland County Council",
    "LEICS": "Leicestershire County Council",
    "KBC": "Kettering Borough Council",
    "NOTTS": "Nottinghamshire County Council",
    "DERBYS": "Derbyshire County Council",
    "LEICESTER": "Leicester City Council",
    "DERBY": "Derby City Council",
}


def em_iep_board() -> Board:
    """The East Midlands Improvement Partnership Board as its minutes of 27 November 2009
    show it: the members present or sending apologies. The minutes do not give its
    constitution, so **the seats (one per member named) and the statutory majority rule are
    illustrative**; substitutes are permitted (one attended)."""
    from sharegov.boards import FixedChair

    members = [Member(i, name, code) for i, name, code in _EM_MEMBERS]
    seats: dict[str, int] = {}
    for m in members:
        seats[m.authority] = seats.get(m.authority, 0) + 1
    return Board(
        "East Midlands Improvement Partnership Board",
        authorities=[Authority(code, name) for code, name in _EM_AUTHORITIES.items()],
        seats=seats,
        members=members,
        substitutes_allowed=True,
        chair_rule=FixedChair("hill"),
    )


def em_iep_meeting_2009_11_27() -> Meeting:
    """The Board meeting of 27 November 2009 (seed 003), with its observers, a substitution,
    a declared interest, the vote "passed by 5 to 2" and Actions 1-10.

    The minutes give the counts of the vote but not the names: **the assignment of votes to
    members is illustrative** (the item is marked so), consistent with the minuted 5 to 2.
    """
    board = em_iep_board()
    dec = dt.date
    present = [
        "hill",
        "brighton",
        "brown",
        "webb_j",
        "perkins",
        "begy",
        "sprason",
        "malin",
        "rhodes",
        "savidge",
    ]
    illustrative_votes = {
        **dict.fromkeys(["hill", "brighton", "brown", "perkins", "begy"], Vote.FOR),
        **dict.fromkeys(["malin", "rhodes"], Vote.AGAINST),
    }
    jan = dec(2010, 1, 20)
    items = [
        Item(1, "Apologies"),
        Item(
            2,
            "Minutes of the meeting of 16 September 2009",
            resolution="Approved as an accurate record.",
        ),
        Item(
            3,
            "Matters arising",
            actions=[
                Action(
                    1, "A progress report on the efficiency challenge project", owner="AF", due=jan
                ),
                Action(
                    2,
                    "Further clarity on the Public Affairs project, for the Chair",
                    owner="Northamptonshire SRP",
                    due=dec(2009, 12, 15),
                ),
            ],
        ),
        Item(
            4,
            "Declarations of interest",
            resolution="Cllr Webb declared an interest as the Director of I&DeA.",
        ),
        Item(5, "Presentations: Total Place (Leicester/Leicestershire); DECATS (Derby City)"),
        Item(
            6,
            "Whole Organisation Diagnostic Support Programme",
            resolution="Approved a mixed economy approach: £80k per SRP.",
        ),
        Item(
            7,
            "Analysis of performance across 9 RIEPs",
            actions=[
                Action(
                    3,
                    "Identify and cost support for a procurement investment strategy",
                    owner="AF",
                    due=jan,
                ),
            ],
        ),
        Item(
            8,
            "Mid term programme review",
            resolution="A Peer Review led by a Chief Executive from each sub region.",
            actions=[
                Action(
                    4,
                    "Report to the Steering Group on the Peer Review process",
                    owner="CA",
                    due=dec(2010, 1, 7),
                )
            ],
        ),
        Item(
            9,
            "Draft Summary Annual Report",
            resolution="Consultation by email 14-18 December; the Chair to sign off for "
            "submission on 8 January 2010.",
            actions=[
                Action(
                    5,
                    "Circulate the amended Summary Annual Report for comment",
                    owner="HP",
                    due=dec(2009, 12, 18),
                ),
                Action(
                    6,
                    "Update on performance against the 12 stretch targets",
                    owner="SRPs PMs",
                    due=dec(2009, 12, 31),
                ),
            ],
        ),
        Item(
            10,
            "Capital pot allocations 2009/10: electric vehicles (Lincolnshire SRP)",
            resolution="Passed by 5 to 2.",
            votes=illustrative_votes,
            minuted=(5, 2, 0),
            illustrative=True,
            actions=[
                Action(
                    7,
                    "Re-submit five capital pot projects with their benefits",
                    owner="SRPs",
                    due=jan,
                )
            ],
        ),
        Item(
            11,
            "Analysis of EM LAs member development activity",
            actions=[
                Action(
                    8,
                    "Contact the 16 councils not signed up to the Member Development Charter",
                    owner="Lisa Butterfill",
                    due=jan,
                ),
                Action(
                    9,
                    "Circulate the Member Development report to all councils",
                    owner="Lisa Butterfill",
                ),
            ],
        ),
        Item(
            12,
            "A new accountability framework for local government",
            resolution="The regional response to be forwarded to the LGA.",
        ),
        Item(
            13,
            "Shaping the market for looked after children",
            actions=[
                Action(
                    10,
                    "Investigate joining up safeguarding across the Adult and Children's JIPs",
                    owner="Cllr Begy/Cllr Sprason",
                ),
            ],
        ),
    ]
    return Meeting(
        board,
        dec(2009, 11, 27),
        chair="hill",
        present=present,
        apologies={"dempster", "wilcox", "martin", "williamson", "banwait"},
        substitutions={"wilcox": Member("savidge", "Cllr Ken Savidge", "NEDDC")},
        observers=[
            Member("clarke", "Cllr Neil Clarke", "RUSHCLIFFE", voting=False),
            Member("roffey", "Cllr Peter Roffey", "LEICS", voting=False),
            Member("kirkbride", "Cllr Joan Kirkbride", "NORTHANTS", voting=False),
            Member("connelly", "Cllr Andy Connelly", "LEICESTER", voting=False),
        ],
        officers=[
            Officer("hodgson", "Nick Hodgson", "DERBYS"),
            Officer("allison", "Chris Allison", "EMIEP"),
            Officer("morgan", "Jean Morgan", "SNC"),
            Officer("parker", "Heather Parker", "EMIEP"),
            Officer("foster", "Andrew Foster", "EMIEP"),
            Officer("butterfill", "Lisa Butterfill", "LGEM"),
        ],
        # Every council on the board is English (the East Midlands), so English law of
        # 27 November 2009 applies: the Model Code of Conduct 2007 (SI 2007/1159).
        nation="england",
        # Declared at item 4 ("Declarations of Interest"); the minutes say only "declared an
        # interest", tie it to no later item and record no withdrawal. The 2007 code's
        # categories were personal and prejudicial interests, and a prejudicial one meant
        # withdrawing, so it is recorded as a personal interest, with no effect on any vote.
        declarations=[
            Declaration(
                "webb_j",
                "4",
                InterestKind.PERSONAL,
                "as the Director of I&DeA",
                effect=Effect.REMAIN,
            )
        ],
        items=items,
    )
