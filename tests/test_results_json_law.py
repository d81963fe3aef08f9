"""An outcome says which law modelled applied on its date, and says so where none does
(review 2, finding 11): before the earliest Act modelled (1066), before a nation's first
regime on members' interests, and after the day the law modelled was last reviewed
(9999-12-31: the law as modelled, assumed unchanged).

Oracles: :func:`sharegov.statute.regime` (the library's own answer for a date and nation);
the years of the Acts (an Act of 1972 is not law in 1066); the dates given.
"""

from __future__ import annotations

import datetime as dt
import warnings

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import statute
from sharegov.io.files import Arrangement
from sharegov.io.results import registry, schema, to_json
from sharegov.reference import bromsgrove_redditch_board

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

#: Seed 001's board, whose members sit throughout (no dated memberships); E07000234 and
#: E07000236: England.
BOARD = bromsgrove_redditch_board()
VOTES = {"hollingworth": "for", "luck": "for", "gandy": "for", "hall": "for", "mcmillan": "for"}
OUTCOME = jsonschema.Draft202012Validator(
    schema("outcome"),
    registry=registry(),
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


def law(on: dt.date | None) -> dict[str, object]:
    out = BOARD.decide(VOTES, apologies={"webb"}, chair="hollingworth", on=on)
    data = to_json(out)
    OUTCOME.validate(data)
    law: dict[str, object] = data["law"]
    return law


@given(st.dates(dt.date(1972, 1, 1), statute.REVIEWED_TO))
def test_the_regime_is_the_one_statute_gives_for_the_date(on: dt.date) -> None:
    found = law(on)
    expected = statute.regime(on, "england")
    assert found["nation"] == "england"
    assert found["regime"] == (expected.name if expected is not None else None)
    # A note exactly where no regime on interests is modelled (before 27 November 2001).
    assert (found["note"] is None) == (expected is not None)


def test_1066_is_before_any_law_modelled() -> None:
    found = law(dt.date(1066, 10, 14))
    assert found["regime"] is None
    assert str(found["note"]).startswith("No law modelled applies on 14 October 1066:")
    assert "the Local Government Act 1972" in str(found["note"])


def test_before_the_first_english_code() -> None:
    found = law(dt.date(2001, 11, 26))
    assert found["regime"] is None
    assert found["note"] == (
        "No regime on members' interests is modelled for England on 26 November 2001: the "
        "first there is the Model Code of Conduct 2001 (SI 2001/3575), from 27 November 2001."
    )
    assert law(dt.date(2001, 11, 27))["note"] is None


def test_a_date_after_the_law_was_reviewed_says_it_is_assumed() -> None:
    found = law(dt.date(9999, 12, 31))
    assert found["regime"] == statute.regime(dt.date(9999, 12, 31), "england").name  # type: ignore[union-attr]
    assert str(found["note"]).startswith(
        "31 December 9999 is after 30 November 2026, the last day the law modelled here"
    )
    assert "assumed unchanged" in str(found["note"])


def test_no_date_says_no_law_of_a_date_was_applied() -> None:
    assert law(None)["note"] == "No date was given, so no law of a date was applied."


@pytest.mark.parametrize(
    ("date", "start"),
    [
        ("1066-10-14", "No law modelled applies on 14 October 1066"),
        ("9999-12-31", "31 December 9999 is after 30 November 2026"),
    ],
)
def test_the_api_answers_with_the_note(date: str, start: str) -> None:
    body = {"date": date, "chair": "hollingworth", "apologies": ["webb"], "votes": VOTES}
    with TestClient(create_app()) as client:
        data = client.post("/api/boards/ssb/decide", json=body).json()
        OUTCOME.validate(data)
        assert str(data["law"]["note"]).startswith(start)
        counts = {"date": date, "counts": {"for": 5, "against": 0}}
        data = client.post("/api/boards/ssb/decide-counts", json=counts).json()
        assert str(data["law"]["note"]).startswith(start)


def create_app() -> object:
    from sharegov.serve import create_app as create

    return create(
        Arrangement("Seed 001", authorities=list(BOARD.authorities), boards={"ssb": BOARD})
    )


def test_the_explanation_says_no_law_applies_before_the_earliest_act() -> None:
    board = bromsgrove_redditch_board()
    votes = {m.id: "for" for m in board.voting_members if m.id != "webb"}
    old = board.decide(votes, apologies={"webb"}, on=dt.date(1066, 10, 14)).explain()
    assert old.splitlines()[-1].startswith("No law modelled applies on 14 October 1066")
    new = board.decide(votes, apologies={"webb"}, on=dt.date(2008, 9, 1)).explain()
    assert "No law modelled" not in new
