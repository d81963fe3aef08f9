"""The officer's page offers only the dispensation grounds the law of the meeting's date and
nation allows, and refuses, by field, one that a stale or hand-made form sends.

Oracles: :class:`sharegov.conflicts.Dispensation`, which refuses a ground not available on
its start date (an s.33 ground before 1 July 2012), and
:func:`sharegov.conflicts.rule_on_item`, which refuses a dispensation granted under another
nation's law; the page must agree with both, so it can never offer what the library
refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharegov import statute
from sharegov.conflicts import Dispensation, DispensationGround
from sharegov.errors import SharegovError
from sharegov.serve.page import dispensation_grounds
from sharegov.statute import StandardsGround
from test_page import MEETING_001, SEED_001, Page, _client, get

ALL = (*DispensationGround, *StandardsGround)


def _accepted(ground: DispensationGround | StandardsGround, on: dt.date) -> bool:
    """Whether the library accepts a dispensation on ``ground`` taking effect on ``on``."""
    kwargs: dict[str, Any] = {"granted_by": "Standards Committee", "start": on, "until": on}
    try:
        if isinstance(ground, DispensationGround):
            Dispensation("m", ["1"], ground, **kwargs)
        else:
            Dispensation("m", ["1"], standards_ground=ground, **kwargs)
    except SharegovError:
        return False
    return True


def _nation(ground: DispensationGround | StandardsGround) -> str:
    return ground.nation if isinstance(ground, StandardsGround) else statute.ENGLAND


@given(
    on=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    nation=st.sampled_from([statute.ENGLAND, statute.WALES]),
)
@settings(max_examples=300)
def test_the_grounds_offered_are_exactly_those_the_library_accepts(
    on: dt.date, nation: str
) -> None:
    offered = set(dispensation_grounds(on, nation))
    law = statute.regime(on, nation)
    if law is None or law.dispensation(on) is None:
        assert offered == set()  # nothing modelled: nothing offered
        return
    accepted = {g for g in ALL if _nation(g) == nation and _accepted(g, on)}
    assert offered == accepted, (on, nation)


def test_the_grounds_by_date_and_nation() -> None:
    day_before, localism = dt.date(2012, 6, 30), dt.date(2012, 7, 1)
    assert set(dispensation_grounds(day_before, "england")) == {
        StandardsGround.ENGLAND_2009_IMPEDED,
        StandardsGround.ENGLAND_2009_POLITICAL_BALANCE,
    }
    assert dispensation_grounds(localism, "england") == tuple(DispensationGround)
    assert all(_nation(g) == "wales" for g in dispensation_grounds(localism, "wales"))
    assert dispensation_grounds(localism, "wales")  # the standards committee still grants
    assert dispensation_grounds(localism, "scotland") == ()
    # Nation not known: each nation's grounds, each naming its own law.
    either = dispensation_grounds(localism, None)
    assert set(either) == {
        *dispensation_grounds(localism, "england"),
        *dispensation_grounds(localism, "wales"),
    }


def _options(html: str, member: str) -> list[str]:
    select = re.search(rf'<select id="disp_ground-{member}".*?</select>', html, re.S)
    assert select is not None
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(0)) if v]


def _file(tmp: Path, replace: dict[str, str]) -> Path:
    text = SEED_001.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp / "seed001.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _client(SEED_001) as c:
        yield c


DECLARED = {
    **MEETING_001,
    "item": "7",
    "interest.luck": "prejudicial",
    "detail.luck": "a director of the contractor",
    "disp.luck": "1",
    "disp_by.luck": "BDC Standards Committee",
    "disp_start.luck": "2008-08-01",
    "disp_until.luck": "2009-07-31",
}


def test_a_2008_meeting_in_england_offers_the_standards_committees_grounds_only(
    client: Any,
) -> None:
    html = client.get("/", params={"board": "ssb", "date": "2008-09-01"}).text
    assert _options(html, "luck") == [
        "sc-england_2002_impeded",
        "sc-england_2002_political_balance",
    ]
    assert "s.33" not in html


def test_a_stale_s33_ground_is_refused_beside_the_dispensation(client: Any) -> None:
    status, page = get(client, {**DECLARED, "disp_ground.luck": "s33-a"})
    assert status == 400
    assert page.text("err-disp-luck") == (
        "disp_ground.luck: expected one of the grounds the law allows on 1 September 2008 "
        "in England (sc-england_2002_impeded, sc-england_2002_political_balance), got 's33-a'"
    )
    # A ground of 2009 regulations is refused in 2008 too, and the good one is accepted.
    status, page = get(client, {**DECLARED, "disp_ground.luck": "sc-england_2009_impeded"})
    assert status == 400
    assert page.text("err-disp-luck").startswith("disp_ground.luck: expected one of")
    status, page = get(client, {**DECLARED, "disp_ground.luck": "sc-england_2002_impeded"})
    assert status == 200, page.text("result-body")


def test_from_1_july_2012_in_england_only_s33_grounds(client: Any) -> None:
    html = client.get("/", params={"board": "ssb", "date": "2013-03-01"}).text
    assert _options(html, "luck") == [f"s33-{g.value}" for g in DispensationGround]
    form = {
        **DECLARED,
        "date": "2013-03-01",
        "interest.luck": "disclosable_pecuniary",
        "disp_start.luck": "2013-01-01",
        "disp_until.luck": "2013-12-31",
    }
    status, page = get(client, {**form, "disp_ground.luck": "sc-england_2009_impeded"})
    assert status == 400
    assert page.text("err-disp-luck").startswith(
        "disp_ground.luck: expected one of the grounds the law allows on 1 March 2013 in England"
    )
    status, page = get(client, {**form, "disp_ground.luck": "s33-a"})
    assert status == 200, page.text("result-body")
    assert "Localism Act 2011 s.33(2)(a)" in page.texts["minutes-text"]


def test_a_welsh_board_is_offered_welsh_grounds(tmp_path: Path) -> None:
    path = _file(tmp_path, {"E07000234": "W06000015", "E07000236": "W06000014"})
    with _client(path) as c:
        html = c.get("/", params={"board": "ssb", "date": "2013-03-01"}).text
        options = _options(html, "luck")
        assert options
        assert all(k.startswith("sc-wales_") for k in options)
        assert "sc-wales_j" not in options  # inserted from 1 April 2016
        html = c.get("/", params={"board": "ssb", "date": "2016-04-01"}).text
        assert "sc-wales_j" in _options(html, "luck")
        form = {**DECLARED, "date": "2013-03-01", "disp_ground.luck": "s33-a"}
        status, page = get(c, form)
        assert status == 400
        assert "on 1 March 2013 in Wales" in page.text("err-disp-luck")


def test_a_scottish_board_is_offered_no_ground_and_told_why(tmp_path: Path) -> None:
    path = _file(tmp_path, {"E07000234": "S12000036", "E07000236": "S12000033"})
    with _client(path) as c:
        response = c.get("/", params={"board": "ssb", "date": "2013-03-01"})
        assert _options(response.text, "luck") == []
        page = Page(response.text)
        assert page.text("hint-disp_ground-luck") == (
            "No dispensation grounds are modelled on 1 March 2013 in Scotland."
        )
        status, page = get(c, {**DECLARED, "date": "2013-03-01", "disp_ground.luck": "s33-a"})
        assert status == 400
        assert page.text("err-disp-luck").endswith("in Scotland (none is modelled), got 's33-a'")
