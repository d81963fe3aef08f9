"""The officer's page offers only the kinds of interest the law of the meeting's date and
nation allows, and refuses, beside the interest, a kind that a stale or hand-made form
sends.

Oracles: :class:`sharegov.meetings.Meeting`, which refuses a declaration of a kind the law
of its date and nation does not know (a disclosable pecuniary interest before 1 July
2012; a personal interest in England from then); the page must offer exactly what a
meeting accepts, so it can never offer what the library refuses. The commencement of the
Localism Act 2011 regime (1 July 2012, SI 2012/1463) marks the English change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, statute
from sharegov.conflicts import Declaration, InterestKind, interest_kinds
from sharegov.errors import InvalidValue, SharegovError
from sharegov.io.files import Arrangement
from sharegov.meetings import Meeting
from sharegov.serve import Service
from sharegov.serve.page import read, view
from test_page import MEETING_001, SEED_001, _client, get

#: A GSS code in each nation, and none (the nation not known).
GSS = {
    "england": "E07000234",
    "wales": "W06000015",
    "scotland": "S12000036",
    "northern ireland": "N09000003",
    None: None,
}


def _board(gss: str | None) -> Board:
    return Board(
        "Joint Board",
        seats={"A": 2},
        members=[Member("a1", "Cllr A1", "A"), Member("a2", "Cllr A2", "A")],
        authorities=[Authority("A", "Council A", gss=gss)],
    )


SERVICES = {
    nation: Service(
        Arrangement("Test", authorities=[_board(gss).authorities[0]], boards={"jb": _board(gss)})
    )
    for nation, gss in GSS.items()
}


def _accepted(kind: InterestKind, on: dt.date, nation: str | None) -> bool:
    """Whether a meeting on ``on`` in ``nation`` (from its board's GSS codes) accepts a
    declaration of ``kind``."""
    declared = Declaration("a1", "1", kind, "a director of the contractor")
    try:
        Meeting(_board(GSS[nation]), on, present={"a1", "a2"}, declarations=[declared])
    except SharegovError:
        return False
    return True


def _offered(nation: str | None, on: dt.date) -> list[str]:
    ctx = view(SERVICES[nation], {"board": "jb", "date": on.isoformat()})
    assert not ctx["errors"], ctx["errors"]
    return [key for key, _ in ctx["kinds"]]


@given(
    on=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31)),
    nation=st.sampled_from(list(GSS)),
)
@settings(max_examples=300, deadline=None)
def test_the_kinds_offered_are_exactly_those_a_meeting_accepts(
    on: dt.date, nation: str | None
) -> None:
    offered = _offered(nation, on)
    accepted = [k.name.lower() for k in InterestKind if _accepted(k, on, nation)]
    assert offered == accepted, (on, nation)
    assert offered  # something can always be declared


def test_the_kinds_by_date_and_nation() -> None:
    before, localism = dt.date(2012, 6, 30), dt.date(2012, 7, 1)
    old = ["personal", "prejudicial"]
    new = ["disclosable_pecuniary", "other_registrable", "non_registrable"]
    assert _offered("england", before) == old
    assert _offered("england", localism) == new
    assert _offered("wales", localism) == old  # the Welsh model code still applies
    # Nation not known: what either nation's law of the day knows.
    assert _offered(None, localism) == [*new, *old]
    assert _offered(None, before) == old
    # No regime modelled (Scotland): every kind but one the law made only later.
    assert _offered("scotland", before) == ["other_registrable", "non_registrable", *old]
    assert _offered("scotland", localism) == [*new, *old]


def test_interest_kinds_refuses_what_is_not_a_date_or_nation() -> None:
    with pytest.raises(InvalidValue, match="nation: expected one of"):
        interest_kinds(dt.date(2013, 1, 1), "narnia")
    with pytest.raises(InvalidValue, match="on: expected a datetime.date"):
        interest_kinds(dt.datetime(2013, 1, 1), "england")


def test_read_refuses_a_stale_kind_beside_the_interest() -> None:
    form = {"att.a1": "present", "vote.a1": "for", "item": "1", "interest.a1": "personal"}
    form["detail.a1"] = "a director of the contractor"
    record = read(form, ["a1"], on=dt.date(2013, 3, 1), nation="england")
    assert record.errors == {
        "interest-a1": "interest.a1: expected a kind of interest the law allows on 1 March 2013 "
        "in England (disclosable_pecuniary, other_registrable, non_registrable), got 'personal'"
    }
    assert record.declarations == ()
    # Undated, any kind the page knows is read, and one it does not know is refused.
    assert read(form, ["a1"]).declarations[0].kind is InterestKind.PERSONAL
    assert "interest-a1" in read({**form, "interest.a1": "bogus"}, ["a1"]).errors


def _options(html: str, member: str) -> list[str]:
    select = re.search(rf'<select id="interest-{member}".*?</select>', html, re.S)
    assert select is not None
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(0)) if v]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _client(SEED_001) as c:
        yield c


def test_seed_001_offers_the_model_codes_kinds_in_2008(client: Any) -> None:
    html = client.get("/", params={"board": "ssb", "date": "2008-09-01"}).text
    assert _options(html, "luck") == ["personal", "prejudicial"]
    assert "Disclosable pecuniary interest" not in html
    html = client.get("/", params={"board": "ssb", "date": "2013-03-01"}).text
    assert _options(html, "luck") == [
        "disclosable_pecuniary",
        "other_registrable",
        "non_registrable",
    ]


def test_a_stale_kind_is_refused_beside_the_interest_and_a_good_one_decides(
    client: Any,
) -> None:
    form = {**MEETING_001, "item": "7", "detail.luck": "a director of the contractor"}
    status, page = get(client, {**form, "interest.luck": "disclosable_pecuniary"})
    assert status == 400
    assert page.text("err-interest-luck") == (
        "interest.luck: expected a kind of interest the law allows on 1 September 2008 in "
        "England (personal, prejudicial), got 'disclosable_pecuniary'"
    )
    assert page.elements["interest-luck"][1].get("aria-invalid") == "true"
    status, page = get(client, {**form, "interest.luck": "prejudicial", "vote.luck": "none"})
    assert status == 200, page.text("result-body")
    assert "Cllr J. Luck, BDC (prejudicial interest" in page.texts["minutes-text"]


def test_the_nations_are_those_statute_models() -> None:
    assert set(GSS) - {None} == set(statute.NATIONS)
