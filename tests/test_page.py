"""The officer's page without a browser: form handling through Starlette's TestClient, the
page's accessibility markup, and the contrast of its colours.

Oracles: the library's own decisions (the page must say what ``Board.decide`` says), the
minutes of seed 001 (1 September 2008) and seed 003 ("passed by 5 to 2"), and the WCAG 2
contrast formula.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharegov.io import dump, load
from sharegov.io.files import Arrangement
from sharegov.reference import em_iep_board, em_iep_meeting_2009_11_27

ROOT = Path(__file__).resolve().parents[1]
SEED_001 = ROOT / "examples" / "bromsgrove_redditch.toml"
STATIC = ROOT / "src" / "sharegov" / "serve" / "static"

# The roster of 1 September 2008, and the contested item of the officer tutorial.
PRESENT_001 = ("hollingworth", "luck", "gandy", "hall", "mcmillan")
MEETING_001 = {
    "board": "ssb",
    "date": "2008-09-01",
    "chair": "hollingworth",
    "att.webb": "apologies",
    **{f"att.{m}": "present" for m in PRESENT_001},
    **{f"vote.{m}": "for" for m in PRESENT_001},
    "vote.hall": "against",
}

# Seed 003, item 10: "passed by 5 to 2". The minutes give no names; this assignment is the
# reference module's illustrative one.
FOR_003 = ("hill", "brighton", "brown", "perkins", "begy")
AGAINST_003 = ("malin", "rhodes")
NOT_VOTING_003 = ("webb_j", "sprason", "wilcox")  # Cllr Savidge sat for Cllr Wilcox
SUBSTITUTES_003 = {"wilcox": "Cllr Ken Savidge"}
APOLOGIES_003 = ("martin", "dempster", "williamson", "banwait")


def em_iep_file(folder: Path) -> Path:
    """Seed 003's board as its minutes of 27 November 2009 show it, written as an
    arrangement file (the substitute is recorded on the page, as at the meeting)."""
    board = em_iep_board()
    arrangement = Arrangement(
        "East Midlands Improvement and Efficiency Partnership (seed 003)",
        authorities=board.authorities,
        boards={"iep": board},
        meetings=[em_iep_meeting_2009_11_27()],
    )
    path = folder / "em_iep.toml"
    dump(arrangement, path)
    return path


def meeting_003() -> dict[str, str]:
    form = {"board": "iep", "date": "2009-11-27", "chair": "hill"}
    for m in (*FOR_003, *AGAINST_003, *NOT_VOTING_003):
        form[f"att.{m}"] = "present"
    form.update({f"vote.{m}": "for" for m in FOR_003})
    form.update({f"vote.{m}": "against" for m in AGAINST_003})
    form.update({f"vote.{m}": "none" for m in NOT_VOTING_003})
    form.update({f"att.{m}": "apologies" for m in APOLOGIES_003})
    form.update({f"sub.{m}": name for m, name in SUBSTITUTES_003.items()})
    return form


def _client(target: Any) -> Any:
    with warnings.catch_warnings():
        # Starlette asks for httpx2, which is not yet a dependency; httpx works.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from sharegov.serve import create_app

    return TestClient(create_app(target))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _client(SEED_001) as c:
        yield c


@pytest.fixture(scope="module")
def client_003(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with _client(em_iep_file(tmp_path_factory.mktemp("seed003"))) as c:
        yield c


class Page(HTMLParser):
    """The parts of a page the tests look at: elements by id, labels, and texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: dict[str, tuple[str, dict[str, str]]] = {}
        self.labels: set[str] = set()
        self.controls: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, str] = {}
        self.open: list[str] = []
        self.lang: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.elements[a["id"]] = (tag, a)
            self.texts.setdefault(a["id"], "")
            if tag not in ("input", "link", "meta"):
                self.open.append(a["id"])
        elif tag not in ("input", "link", "meta", "br"):
            self.open.append("")
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()
        for element in self.open:  # cells and paragraphs read as separate words
            if element:
                self.texts[element] += " "

    def handle_data(self, data: str) -> None:
        for element in self.open:
            if element:
                self.texts[element] += data

    def text(self, element_id: str) -> str:
        return " ".join(self.texts.get(element_id, "").split())


def get(client: Any, form: dict[str, str], path: str = "/") -> tuple[int, Page]:
    response = client.get(path, params=form)
    return response.status_code, Page(response.text)


# ---------------------------------------------------------------------------------------------
# Seed 001: the meeting of 1 September 2008
# ---------------------------------------------------------------------------------------------


def test_roster_in_force_on_the_meeting_date(client: Any) -> None:
    status, page = get(client, {"board": "ssb", "date": "2008-09-01"})
    assert status == 200
    members = [i.removeprefix("member-") for i in page.elements if i.startswith("member-")]
    # Board.at(2008-09-01): the six founding members; the Labour group leaders' conditional
    # offers (from 17 September 2008, condition not met) are not on it.
    assert members == ["hollingworth", "luck", "webb", "gandy", "hall", "mcmillan"]
    assert "Cllr R. Hollingworth (BDC)" in page.text("member-hollingworth")
    assert page.text("result-body") == "Record attendance and votes to see the result."
    assert "Questions are decided by consensus, else at least 2 in support from each" in (
        page.text("terms")
    )


def test_before_the_board_existed_the_date_is_refused_beside_the_date(client: Any) -> None:
    status, page = get(client, {"board": "ssb", "date": "2008-06-01"})
    assert status == 400
    assert page.text("err-date").startswith("Shared Services Board on 2008-06-01:")
    assert "member-hollingworth" not in page.elements


def test_fallback_rule_carries_the_contested_item(client: Any) -> None:
    status, page = get(client, MEETING_001)
    assert status == 200
    assert page.text("status") == "Carried"
    assert page.text("basis") == "at least 2 in support from each authority"
    # The same text as the tutorial's, from the library.
    board = load(SEED_001).boards["ssb"]
    votes = dict.fromkeys(PRESENT_001, "for") | {"hall": "against"}
    out = board.decide(votes, apologies={"webb"}, chair="hollingworth", on=dt.date(2008, 9, 1))
    assert page.texts["minutes-text"] == out.explain()
    assert "BDC: 2 in support >= 2  yes" in page.texts["minutes-text"]
    assert "RBC: 2 in support >= 2  yes" in page.texts["minutes-text"]
    counts = page.text("counts")
    assert "Bromsgrove District Council 2 0 0 0 1 0" in counts
    assert "Redditch Borough Council 2 1 0 0 0 0" in counts
    assert "Total 4 1 0 0 1 0" in counts
    assert "Copy for the minutes" in page.text("copy")


def test_one_vote_changed_and_it_fails(client: Any) -> None:
    status, page = get(client, {**MEETING_001, "vote.mcmillan": "against"})
    assert status == 200
    assert page.text("status") == "Not carried"
    assert page.text("basis") == "none: the rule was not met"
    assert "RBC: 1 in support >= 2  no" in page.texts["minutes-text"]


def test_a_vote_for_a_member_who_sent_apologies_is_refused_beside_that_vote(client: Any) -> None:
    status, page = get(client, {**MEETING_001, "vote.webb": "for"})
    assert status == 400
    message = "votes.webb: Cllr M. Webb, BDC is recorded as sending apologies, so cannot vote"
    assert page.text("err-vote-webb") == message
    tag, attrs = page.elements["vote-webb"]
    assert tag == "fieldset"
    assert "err-vote-webb" in attrs["aria-describedby"].split()
    assert attrs.get("aria-invalid") == "true"
    assert "status" not in page.elements  # no result is shown for a record the library refused
    assert page.text("err-vote-hall") == ""


def test_a_vote_for_an_absent_member_is_refused_beside_that_vote(client: Any) -> None:
    status, page = get(client, {**MEETING_001, "att.webb": "absent", "vote.webb": "against"})
    assert status == 400
    assert page.text("err-vote-webb") == (
        "votes.webb: Cllr M. Webb, BDC is recorded as absent, so cannot vote"
    )


def test_not_voting_is_not_taken_as_present(client: Any) -> None:
    # "None (not voting)" says nothing of attendance: the library asks for it.
    form = {k: v for k, v in MEETING_001.items() if k != "att.webb"}
    status, page = get(client, {**form, "vote.webb": "none"})
    assert status == 400
    assert page.text("err-att-webb").startswith("attendance: not recorded for Cllr M. Webb, BDC")


def test_unrecorded_attendance_is_shown_beside_each_member_named(client: Any) -> None:
    form = {k: v for k, v in MEETING_001.items() if k not in ("att.webb", "att.luck", "vote.luck")}
    status, page = get(client, form)
    assert status == 400
    assert page.text("err-att-webb").startswith("attendance: not recorded for Cllr J. Luck, BDC;")
    assert page.text("err-att-luck") == page.text("err-att-webb")
    assert page.text("err-att-hall") == ""
    # The summary with the result gives the message once, linked to the first field.
    response = client.get("/", params=form)
    links = re.findall(r'<li><a href="#([^"]+)">attendance: ', response.text)
    assert links == ["att-luck"]


def test_chair_recorded_as_absent_is_refused_beside_the_chair(client: Any) -> None:
    status, page = get(client, {**MEETING_001, "chair": "webb"})
    assert status == 400
    assert page.text("err-chair").startswith("chair: Cllr M. Webb is recorded as")


def test_a_casting_vote_on_a_board_without_one_is_refused_beside_it(client: Any) -> None:
    form = {**MEETING_001, "vote.gandy": "against", "vote.mcmillan": "against"}
    form["vote.luck"] = "against"  # 2 for, 3 against: no equality, and no casting vote anyway
    status, page = get(client, {**form, "casting": "for"})
    assert status == 400
    assert page.text("err-casting").startswith("casting:")


def test_a_prejudicial_interest_excludes_the_member_and_a_dispensation_restores_them(
    client: Any,
) -> None:
    declared = {
        **MEETING_001,
        "item": "7",
        "interest.luck": "prejudicial",
        "detail.luck": "a director of the contractor",
    }
    status, page = get(client, declared)
    assert status == 400
    assert page.text("err-vote-luck") == (
        "votes.luck: Cllr J. Luck, BDC is recorded as excluded from this item, so cannot vote"
    )
    status, page = get(client, {**declared, "vote.luck": "none"})
    assert page.text("status") == "Not carried"
    assert "Excluded from this item: Cllr J. Luck, BDC" in page.texts["minutes-text"]
    assert "SI 2007/1159" in page.texts["minutes-text"]
    dispensed = {
        **declared,
        "disp.luck": "1",
        "disp_by.luck": "BDC Standards Committee",
        "disp_ground.luck": "sc-england_2002_impeded",
        "disp_start.luck": "2008-08-01",
        "disp_until.luck": "2009-07-31",
    }
    status, page = get(client, dispensed)
    assert status == 200, page.text("result-body")
    assert page.text("status") == "Carried"
    assert "Dispensation: Cllr J. Luck, BDC may take part and vote" in page.texts["minutes-text"]
    # A dispensation without a ground is refused beside it, in the library's words.
    status, page = get(client, {**dispensed, "disp_ground.luck": ""})
    assert status == 400
    assert page.text("err-disp-luck").startswith("ground")


def test_an_interest_with_no_item_is_refused_beside_the_item(client: Any) -> None:
    form = {**MEETING_001, "interest.luck": "personal", "detail.luck": "a neighbour"}
    status, page = get(client, form)
    assert status == 400
    assert page.text("err-item").startswith("item")


def test_a_vote_the_form_does_not_offer_is_refused_beside_it(client: Any) -> None:
    status, page = get(client, {**MEETING_001, "vote.hall": "maybe"})
    assert status == 400
    assert page.text("err-vote-hall") == (
        "vote.hall: expected one of for, against, abstain, none, got 'maybe'"
    )


def test_popolo_download(client: Any) -> None:
    response = client.get(
        "/decision.popolo.json", params={**MEETING_001, "motion": "A shared Community Safety team"}
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    event = response.json()
    assert event["result"] == "pass"
    assert event["start_date"] == "2008-09-01"
    counts = {c["option"]: c["value"] for c in event["counts"]}
    assert counts == {"yes": 4, "no": 1, "abstain": 0}
    assert event["motion"]["text"] == "A shared Community Safety team"
    refused = client.get("/decision.popolo.json", params={**MEETING_001, "vote.webb": "for"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0].startswith("votes.webb:")
    # The page links it with the same record.
    _, page = get(client, MEETING_001)
    assert "popolo" not in page.elements  # no motion given: the page asks for it
    assert page.text("popolo-hint").startswith("To download the decision as Popolo JSON")
    _, page = get(client, {**MEETING_001, "motion": "A shared Community Safety team"})
    assert page.elements["popolo"][1]["href"].startswith("decision.popolo.json?board=ssb")


def test_deadlines_as_of_a_date_with_their_amendment_history(client: Any) -> None:
    _, before = get(client, {"board": "ssb", "as_of": "2008-08-31"})
    rows = before.text("deadlines")
    # Phase 2 was due on 31 December 2008 until the board moved it on 1 September 2008.
    assert "Phase 2: identify some medium term opportunities 31 December 2008 pending" in rows
    assert "moved it from 31 December 2008 to 31 January 2009" in rows
    _, after = get(client, {"board": "ssb", "date": "2008-09-01"})
    assert "Phase 2: identify some medium term opportunities 31 January 2009" in after.text(
        "deadlines"
    )
    assert "On 1 September 2008 Shared Services Board moved it" in after.text("deadlines")
    status, bad = get(client, {"board": "ssb", "as_of": "31/08/2008"})
    assert status == 400
    assert bad.text("err-as_of") == "as_of: expected a date as YYYY-MM-DD, got '31/08/2008'"


def test_each_councils_cost_statement_in_pounds(client: Any) -> None:
    _, page = get(client, {})
    statement = load(SEED_001).costs.statement()  # type: ignore[union-attr]
    for council in ("BDC", "RBC"):
        table = page.text(f"costs-{council}")
        assert f"{council}: pays back in 2010/11" in table
        assert " ".join(["Net", *(str(m) for m in statement.net(council))]) in table
    assert "-£30,833.33" in page.text("costs-BDC")


# ---------------------------------------------------------------------------------------------
# Seed 003: East Midlands Improvement Partnership Board, 27 November 2009
# ---------------------------------------------------------------------------------------------


def test_seed_003_passed_by_5_to_2(client_003: Any) -> None:
    status, page = get(client_003, meeting_003())
    assert status == 200
    assert page.text("status") == "Carried"
    assert page.text("basis") == "a majority of those present and voting"
    assert "Total 5 2 0 3 4 0" in page.text("counts")
    assert page.texts["minutes-text"] == em_iep_meeting_2009_11_27().outcome(10).explain()


def test_seed_003_substitute_is_named_and_refused_where_the_terms_forbid(
    client: Any, client_003: Any
) -> None:
    _, page = get(client_003, meeting_003())
    assert "Cllr Ken Savidge, DERBYS" in page.texts["minutes-text"]
    assert "Wilcox" not in page.texts["minutes-text"]
    # The substitute's vote is recorded on the row of the member they replace.
    _, page = get(client_003, {**meeting_003(), "vote.wilcox": "against"})
    assert "Cllr Ken Savidge, DERBYS" not in page.text("minutes-text").split("Present")[-1]
    assert "5 for, 3 against" in page.texts["minutes-text"]
    # Seed 001's board does not permit substitutes (minutes of 1 September 2008).
    status, page = get(client, {**MEETING_001, "sub.webb": "Cllr A. Substitute"})
    assert status == 400
    assert page.text("err-sub-webb") == (
        "substitute: Shared Services Board does not permit substitutes, so "
        "Cllr A. Substitute cannot sit in place of Cllr M. Webb"
    )


def test_seed_003_equality_and_the_chairs_casting_vote(client_003: Any) -> None:
    form = {**meeting_003(), "vote.brighton": "against", "vote.brown": "none"}  # 3 to 3
    _, lost = get(client_003, form)
    assert lost.text("status") == "Not carried"
    assert "no casting vote was given" in lost.text("headline")
    _, cast = get(client_003, {**form, "casting": "for"})
    assert cast.text("status") == "Carried"
    assert "LGA 1972 Sch 12 para 39(2)" in cast.text("citations")


# ---------------------------------------------------------------------------------------------
# Accessibility and no network
# ---------------------------------------------------------------------------------------------


def test_every_control_is_labelled_and_every_radio_group_has_a_legend(client: Any) -> None:
    response = client.get("/", params=MEETING_001)
    page = Page(response.text)
    assert page.lang == "en-GB"
    assert page.controls
    for tag, attrs in page.controls:
        assert attrs.get("id") in page.labels, f"{tag} {attrs} has no <label for>"
    radios = [a for t, a in page.controls if a.get("type") == "radio"]
    assert radios
    fieldsets = re.findall(r"<fieldset[^>]*>\s*<legend>", response.text)
    groups = {a["name"] for a in radios}
    assert len(fieldsets) >= len(groups)
    assert page.elements["result-body"]
    assert 'aria-live="polite"' in response.text


def test_everything_is_served_locally(client: Any) -> None:
    html = client.get("/", params=MEETING_001).text
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert not re.match(r"\w+:|//", url), url
    for name in ("page.css", "page.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        assert not re.search(r"https?:|url\(\s*['\"]?//", response.text), name


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_against_published_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey passing AA.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


def test_page_colours_pass_wcag_aa() -> None:
    css = (STATIC / "page.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))
    fg = {k: v for k, v in colours.items() if k.startswith("fg-")}
    bg = {k: v for k, v in colours.items() if k.startswith("bg-")}
    assert len(fg) >= 5
    assert len(bg) >= 3
    # Every colour in the stylesheet is one of these variables.
    assert set(re.findall(r"#[0-9a-fA-F]{3,6}\b", css)) <= set(colours.values())
    for f, fc in fg.items():
        for b, bc in bg.items():
            assert contrast(fc, bc) >= 4.5, f"--{f} on --{b}: {contrast(fc, bc):.2f}"
    # Buttons: the page background as text on the "carried" green.
    assert contrast(colours["bg-page"], colours["fg-carried"]) >= 4.5
    # Focus: the ring (3:1 against what is around it) and text on the focus highlight.
    for bc in bg.values():
        assert contrast(colours["focus"], bc) >= 3
    assert contrast(colours["fg-text"], colours["focus-bg"]) >= 4.5
    assert contrast(colours["focus"], colours["focus-bg"]) >= 3
    assert contrast(colours["border"], colours["bg-page"]) >= 3


def test_the_form_is_bounded(client: Any) -> None:
    flood = {f"x{i}": "y" for i in range(6_000)}
    status, _ = get(client, {**MEETING_001, **flood})
    # Too many fields, or one too long, are refused as such: never cut short silently.
    assert status == 400
    response = client.get("/", params={**MEETING_001, **flood})
    assert "expected at most 5,000 fields" in response.text
    long_motion = client.get("/", params={**MEETING_001, "motion": "x" * 3_000})
    assert long_motion.status_code == 400
    assert "form.motion: expected at most 2,000 characters" in long_motion.text


def test_the_page_allows_nothing_from_elsewhere(client: Any) -> None:
    response = client.get("/", params={"board": "ssb"})
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "http" not in policy


def test_an_inquorate_meeting(tmp_path: Path) -> None:
    import attrs

    from sharegov.rules import Quorum

    arrangement = load(SEED_001)
    board = attrs.evolve(arrangement.boards["ssb"], quorum=Quorum(at_least=4, each_authority=2))
    path = tmp_path / "quorum.toml"
    dump(attrs.evolve(arrangement, boards={"ssb": board}), path)
    form = {
        "board": "ssb",
        "date": "2008-09-01",
        **{f"att.{m}": "apologies" for m in ("webb", "luck", "hall")},
        **{f"vote.{m}": "for" for m in ("hollingworth", "gandy", "mcmillan")},
    }
    with _client(path) as c:
        status, page = get(c, form)
    assert status == 200
    assert page.text("status") == "Inquorate"
    assert page.text("headline").startswith("Inquorate: no decision could be taken")


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sharegov.errors import MissingExtra
    from sharegov.serve import Service
    from sharegov.serve.page import routes

    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtra, match=r'pip install "sharegov\[http\]"'):
        routes(Service(load(SEED_001)))


def test_a_non_voting_member_is_named_but_not_recorded(tmp_path: Path) -> None:
    import attrs

    from sharegov import Member

    arrangement = load(SEED_001)
    board = arrangement.boards["ssb"]
    observer = Member("observer", "Cllr O. Bserver", "BDC", voting=False)
    board = attrs.evolve(board, members=[*board.members, observer])
    path = tmp_path / "observer.toml"
    dump(attrs.evolve(arrangement, boards={"ssb": board}), path)
    with _client(path) as c:
        _, page = get(c, {"board": "ssb", "date": "2008-09-01"})
        assert page.text("observers") == "Not voting, so not recorded here: Cllr O. Bserver (BDC)."
        assert "member-observer" not in page.elements
        status, page = get(c, MEETING_001)
        assert status == 200
        assert page.text("status") == "Carried"


def test_an_unknown_board_is_refused_beside_the_board(client: Any) -> None:
    status, page = get(client, {"board": "nope", "date": "2008-09-01"})
    assert status == 400
    assert page.text("err-board") == "board: expected one of ssb, got 'nope'"
    response = client.get("/decision.popolo.json", params={"board": "ssb"})
    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("board, date:")


_MEMBERS_001 = ("hollingworth", "luck", "webb", "gandy", "hall", "mcmillan", "nobody")
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def officer_forms(draw: st.DrawFn) -> dict[str, str]:
    """What an officer (or anyone) might send: the page's fields, good values and bad."""
    form = {"board": draw(st.sampled_from(["ssb", "", "x"])), "date": "2008-09-01"}
    for m in draw(st.lists(st.sampled_from(_MEMBERS_001), max_size=7, unique=True)):
        form[f"att.{m}"] = draw(st.sampled_from(["present", "apologies", "absent", "", "?"]))
        form[f"vote.{m}"] = draw(st.sampled_from(["for", "against", "abstain", "none", "x"]))
        if draw(st.booleans()):
            form[f"interest.{m}"] = draw(st.sampled_from(["prejudicial", "personal", "zz"]))
            form[f"detail.{m}"] = draw(_TEXT)
        if draw(st.booleans()):
            form[f"disp.{m}"] = "1"
            form[f"disp_ground.{m}"] = draw(st.sampled_from(["s33-a", "sc-england_2002_impeded"]))
            form[f"disp_start.{m}"] = draw(st.sampled_from(["2008-01-01", "", "nope"]))
            form[f"disp_until.{m}"] = draw(st.sampled_from(["2009-01-01", "2020-01-01"]))
            form[f"disp_by.{m}"] = draw(_TEXT)
        if draw(st.booleans()):
            form[f"sub.{m}"] = draw(_TEXT)
    for key in ("chair", "casting", "item", "motion", "as_of"):
        if draw(st.booleans()):
            form[key] = draw(st.sampled_from([*_MEMBERS_001, "for", "none", "2008-13-01"]))
    return form


@given(form=officer_forms())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_form_gets_a_page_or_errors_by_field_never_a_crash(
    client: Any, form: dict[str, str]
) -> None:
    response = client.get("/", params=form)  # TestClient raises any server error
    assert response.status_code in (200, 400)
    page = Page(response.text)
    shown = [page.text(i) for i in page.elements if i.startswith("err-") and page.text(i)]
    general = "Not checked" in page.text("result-body") or "status" in page.elements
    assert (response.status_code == 400) == bool(shown or "general" in response.text), form
    if response.status_code == 200 and any(k.startswith(("att.", "vote.")) for k in form):
        assert general or page.text("result-body")


@pytest.mark.parametrize("seed", ["001", "003"])
def test_each_minuted_item_filled_in_gives_the_librarys_decision(
    seed: str, client: Any, client_003: Any
) -> None:
    c, board_id = (client, "ssb") if seed == "001" else (client_003, "iep")
    options = re.findall(r'<option value="(\d+\.\d+)"', c.get("/", params={"board": board_id}).text)
    arrangement = load(SEED_001) if seed == "001" else None
    meetings = arrangement.meetings if arrangement is not None else (em_iep_meeting_2009_11_27(),)
    expected_items = [
        f"{i}.{item.number}"
        for i, meeting in enumerate(meetings)
        for item in meeting.items
        if item.votes is not None
    ]
    assert options == expected_items
    assert options  # seed 001: items 2 to 7; seed 003: item 10, "passed by 5 to 2"
    for key in options:
        index, number = (int(p) for p in key.split("."))
        response = c.get("/", params={"board": board_id, "minuted": key, "fill": "1"})
        assert response.status_code == 200
        assert len(response.history) == 1
        assert response.history[0].status_code == 303
        page = Page(response.text)
        outcome = meetings[index].outcome(number)
        assert page.text("status") == outcome.status.value.capitalize()
        assert page.texts["minutes-text"] == outcome.explain()
        assert page.elements["item"][1]["value"] == str(number)


def test_an_item_not_in_the_minutes_is_refused_beside_the_choice(client: Any) -> None:
    status, page = get(client, {"board": "ssb", "minuted": "9.9", "fill": "1"})
    assert status == 400
    assert page.text("err-minuted") == (
        "minuted: expected an item of the board's recorded meetings, got '9.9'"
    )
