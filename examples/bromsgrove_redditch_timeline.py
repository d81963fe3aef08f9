"""The Bromsgrove-Redditch arrangement in time: phases that moved, the business-case plan,
the board's meetings, its recommendations to each council and the concordat's term.

Prints where everything stood on 31 August 2008 (before the board first met), on
2 September 2008 (the day after it amended the phase dates) and on 1 August 2009, and
writes ``bromsgrove_redditch.ics`` in the current directory.

Run: ``python examples/bromsgrove_redditch_timeline.py``
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sharegov.decisions import CouncilDecision, Resolution
from sharegov.io import ical
from sharegov.reference import (
    bromsgrove_redditch_business_case_plan,
    bromsgrove_redditch_concordat,
    bromsgrove_redditch_meeting_2008_09_01,
    bromsgrove_redditch_meeting_plan,
    bromsgrove_redditch_obligations,
    bromsgrove_redditch_recommendations,
)
from sharegov.timeline import format_date

DATES = (dt.date(2008, 8, 31), dt.date(2008, 9, 2), dt.date(2009, 8, 1))


def main() -> None:
    concordat = bromsgrove_redditch_concordat()
    plan = bromsgrove_redditch_business_case_plan()
    meetings = bromsgrove_redditch_meeting_plan()
    # The seed is the report to Council of 17 September 2008; it does not record either
    # council's resolution. These adoptions are ILLUSTRATIVE, to show the joint status.
    recommendations = [
        rec.record(CouncilDecision("BDC", Resolution.ADOPTED, on=dt.date(2008, 9, 17))).record(
            CouncilDecision("RBC", Resolution.ADOPTED, on=dt.date(2008, 9, 17))
        )
        for rec in bromsgrove_redditch_recommendations()
    ]
    print(concordat.title)
    print(concordat.history())
    print(concordat.accountable_for("payroll", "BDC"))
    print("\nThe board's first meeting, as minuted:")
    print(bromsgrove_redditch_meeting_2008_09_01().explain())

    for as_of in DATES:
        print(f"\n======== As of {format_date(as_of)} ========")
        if concordat.term is not None:
            print(concordat.term.explain(as_of=as_of))
        print("\nPhases:")
        for phase in concordat.phases:
            for deadline in phase.deadlines:
                print(deadline.explain(as_of=as_of))
        print()
        print(plan.explain(as_of=as_of))
        print("\nNext meetings and obligations:")
        upcoming = [
            m for m in meetings.meetings(until=as_of + dt.timedelta(days=130)) if m.date >= as_of
        ][:2]
        for meeting in upcoming:
            print(f"  {meeting.explain()}")
        for obligation in bromsgrove_redditch_obligations():
            print(f"  {obligation.explain(as_of=as_of)}")
        print("\nRecommendations to each council (adoptions illustrative):")
        for rec in recommendations:
            print(rec.status(as_of=as_of).explain())

    deadlines = [d for phase in concordat.phases for d in phase.deadlines]
    deadlines += [m.deadline for m in plan.milestones]
    path = ical.write(
        Path("bromsgrove_redditch.ics"),
        meetings=[
            bromsgrove_redditch_meeting_2008_09_01(),
            *meetings.meetings(until=dt.date(2009, 7, 31))[1:],
        ],
        deadlines=deadlines,
        name="Bromsgrove-Redditch Shared Services",
    )
    print(f"\nWrote {path} ({path.stat().st_size:,} bytes).")


if __name__ == "__main__":
    main()
