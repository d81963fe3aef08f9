"""The seed board's decision of 1 September 2008 as a Popolo vote event, printed as JSON.

The decision is the illustrative one from the reference meeting where Cllr Hall votes
against a shared Community Safety team: it carries on the fallback rule. Any civic-data
system that reads Popolo (https://www.popoloproject.com/) can store or publish the output.

Run: ``python examples/popolo_export.py``
"""

from __future__ import annotations

import json

from sharegov.io import popolo
from sharegov.reference import ILLUSTRATIVE, MEETING_2008_09_01, bromsgrove_redditch_board


def main() -> None:
    board = bromsgrove_redditch_board()
    meeting = MEETING_2008_09_01
    proposal = meeting["proposals"][4]  # type: ignore[index]
    # Cllr Webb sent apologies (Popolo writes him "absent": it has no word for apologies);
    # every other member present voted. The date is the meeting's: the roster that day decides.
    outcome = board.decide(
        proposal.votes,
        apologies=meeting["absent"],  # type: ignore[arg-type]
        chair=meeting["chair"],  # type: ignore[arg-type]
        on=meeting["date"],  # type: ignore[arg-type]
    )
    event = popolo.vote_event(outcome, motion=proposal.title, date=meeting["date"])  # type: ignore[arg-type]
    print(json.dumps(event, indent=2, ensure_ascii=False))
    print(f"\n{outcome.explain()}\n\n{ILLUSTRATIVE}")


if __name__ == "__main__":
    main()
