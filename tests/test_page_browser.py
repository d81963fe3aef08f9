"""The officer's page in a real browser: headless Chromium from the Debian packages, driven
by Playwright against a real uvicorn server on 127.0.0.1.

The tests record a meeting as an officer would, on seed 001's meeting of 1 September 2008
and on seed 003's board of 27 November 2009, and save a screenshot of each state under
the test's temporary folder (and, with ``SHAREGOV_SCREENSHOTS=docs/_static``, the one the
docs show). They skip only when no Chromium can be found, and say so; ``.ci/run``
installs it with apt-get.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_page import (
    AGAINST_003,
    APOLOGIES_003,
    FOR_003,
    NOT_VOTING_003,
    PRESENT_001,
    SEED_001,
    SUBSTITUTES_003,
    em_iep_file,
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CARRIED_TEXT = """\
Carried on the fallback rule (at least 2 in support from each authority):
  consensus not reached: 1 against (Cllr M. Hall, RBC)
  BDC: 2 in support >= 2  yes
  RBC: 2 in support >= 2  yes
Votes: 4 for, 1 against, 0 abstaining.
Apologies: Cllr M. Webb, BDC.
Shared Services Board is advisory: this is a recommendation to each council, not a decision."""


def _chromium() -> str | None:
    """Debian's Chromium (or one named by SHAREGOV_CHROMIUM), or None."""
    named = os.environ.get("SHAREGOV_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="browser tests skipped: no Chromium found (install Debian's chromium with "
    "apt-get, as .ci/run does, or set SHAREGOV_CHROMIUM to its path)",
)


class Server:
    """uvicorn serving one arrangement file on a free port of 127.0.0.1, in a thread."""

    def __init__(self, path: Path) -> None:
        import uvicorn

        from sharegov.serve import create_app

        config = uvicorn.Config(
            create_app(path),
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan="off",
            ws="none",
            http="h11",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def server_001() -> Iterator[Server]:
    server = Server(SEED_001)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server_003(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(em_iep_file(tmp_path_factory.mktemp("seed003")))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Officer:
    """One browser tab, kept offline: any request to another host is refused and noted."""

    def __init__(self, browser: Any, server: Server, shots: Path, **context: Any) -> None:
        self.context = browser.new_context(
            viewport={"width": 1000, "height": 900},
            accept_downloads=True,
            locale="en-GB",
            **context,
        )
        self.page = self.context.new_page()
        self.elsewhere: list[str] = []
        self.page.route("**/*", self._route)
        self.server = server
        self.shots = shots
        self.page.set_default_timeout(20_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.server.url):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def open(self, query: str = "") -> None:
        self.page.goto(self.server.url + query)

    def choose_meeting(self, board: str, date: str) -> None:
        self.page.select_option("#board", board)
        self.page.fill("#date", date)
        self.page.click("#show")
        self.page.wait_for_selector(".member")

    def record(self, attendance: dict[str, str], votes: dict[str, str]) -> None:
        for member, state in attendance.items():
            self.page.check(f"#att-{member}-{state}")
        for member, vote in votes.items():
            self.page.check(f"#vote-{member}-{vote}")

    def settle(self) -> None:
        """Wait until the result of the last change is on the page (the script marks
        the body ``data-pending`` from a change until its result is shown)."""
        self.page.wait_for_function("() => !document.body.hasAttribute('data-pending')")

    def text(self, selector: str) -> str:
        self.settle()
        return str(self.page.inner_text(selector))

    def expect_text(self, selector: str, text: str) -> None:
        from playwright.sync_api import expect

        self.settle()
        expect(self.page.locator(selector)).to_have_text(text, timeout=15_000)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
        return path

    def close(self) -> None:
        self.context.close()
        assert self.elsewhere == [], "the page asked another host"


def _docs_shot(officer: Officer, selector: str, name: str) -> None:
    """Save ``selector``'s part of the page as ``name`` beside the test's screenshots and,
    with SHAREGOV_SCREENSHOTS set (``docs/_static``), there too, for the docs."""
    path = officer.shots / name
    officer.page.locator(selector).screenshot(path=str(path))
    folder = os.environ.get("SHAREGOV_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(folder) / name)


def test_officer_checks_the_meeting_of_1_september_2008(
    browser: Any, server_001: Server, tmp_path: Path
) -> None:
    officer = Officer(
        browser, server_001, tmp_path, permissions=["clipboard-read", "clipboard-write"]
    )
    page = officer.page
    officer.open()
    assert page.get_attribute("html", "lang") == "en-GB"
    officer.choose_meeting("ssb", "2008-09-01")
    names = page.locator(".member > legend").all_inner_texts()
    assert names == [
        "Cllr R. Hollingworth (BDC)",
        "Cllr J. Luck (BDC)",
        "Cllr M. Webb (BDC)",
        "Cllr C. Gandy (RBC)",
        "Cllr M. Hall (RBC)",
        "Cllr C. McMillan (RBC)",
    ]
    officer.shot("001-0-roster")

    # Record attendance and votes: Cllr Webb sent apologies; Cllr Hall against.
    page.select_option("#chair", "hollingworth")
    officer.record(
        {**dict.fromkeys(PRESENT_001, "present"), "webb": "apologies"},
        {**dict.fromkeys(PRESENT_001, "for"), "hall": "against", "webb": "none"},
    )
    officer.expect_text("#status", "Carried")
    officer.expect_text("#basis", "at least 2 in support from each authority")
    assert officer.text("#minutes-text") == CARRIED_TEXT
    counts = page.locator("#counts tbody tr").all_inner_texts()
    assert [" ".join(c.split()) for c in counts] == [
        "Bromsgrove District Council 2 0 0 0 1 0",
        "Redditch Borough Council 2 1 0 0 0 0",
        "Total 4 1 0 0 1 0",
    ]
    officer.shot("001-1-carried-on-the-fallback-rule")
    _docs_shot(officer, ".result", "officer-page-result.png")

    # Copy the text for the minutes, and read it back from the clipboard.
    page.click("#copy")
    officer.expect_text("#copy-status", "Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == CARRIED_TEXT
    officer.shot("001-2-copied")

    # Change one vote: Cllr McMillan against leaves one Redditch member in support.
    page.check("#vote-mcmillan-against")
    officer.expect_text("#status", "Not carried")
    assert "RBC: 1 in support >= 2  no" in officer.text("#minutes-text")
    officer.shot("001-3-one-vote-changed-not-carried")

    # A vote for a member who sent apologies: the error is beside that member's vote.
    page.check("#vote-mcmillan-for")
    page.check("#vote-webb-for")
    message = "votes.webb: Cllr M. Webb, BDC is recorded as sending apologies, so cannot vote"
    officer.expect_text("#err-vote-webb", message)
    assert page.get_attribute("#vote-webb", "aria-invalid") == "true"
    described = page.get_attribute("#vote-webb", "aria-describedby") or ""
    assert "err-vote-webb" in described.split()
    assert page.locator("#status").count() == 0
    error_box = page.locator("#err-vote-webb").bounding_box()
    row_box = page.locator("#member-webb").bounding_box()
    assert error_box is not None
    assert row_box is not None
    assert row_box["y"] <= error_box["y"] <= row_box["y"] + row_box["height"]
    officer.shot("001-4-vote-for-a-member-absent")
    _docs_shot(officer, "#member-webb", "officer-page-error.png")
    page.check("#att-webb-absent")
    officer.expect_text(
        "#err-vote-webb", "votes.webb: Cllr M. Webb, BDC is recorded as absent, so cannot vote"
    )
    officer.shot("001-5-vote-for-a-member-absent-without-apologies")
    page.check("#att-webb-apologies")

    # Put it right, and the result comes back with the error gone.
    page.check("#vote-webb-none")
    officer.expect_text("#status", "Carried")
    officer.expect_text("#err-vote-webb", "")
    assert page.get_attribute("#vote-webb", "aria-invalid") is None

    # The Popolo download carries the same decision. (Debian's Chromium 156 cancels
    # downloads under Playwright, so the browser fetches the link the page shows.)
    officer.expect_text(
        "#popolo-hint", "To download the decision as Popolo JSON, give the motion put."
    )
    page.fill("#motion", "A shared Community Safety team")
    page.keyboard.press("Tab")  # leaving the field records it
    officer.expect_text("#popolo", "Download the decision as Popolo JSON")
    assert page.get_attribute("#popolo", "download") == "decision.popolo.json"
    event = page.evaluate("fetch(document.getElementById('popolo').href).then(r => r.json())")
    assert event["result"] == "pass"
    assert event["start_date"] == "2008-09-01"
    assert event["motion"]["text"] == "A shared Community Safety team"
    officer.close()


def test_seed_003_passed_by_5_to_2(browser: Any, server_003: Server, tmp_path: Path) -> None:
    officer = Officer(browser, server_003, tmp_path)
    page = officer.page
    officer.open()
    officer.choose_meeting("iep", "2009-11-27")
    page.select_option("#chair", "hill")
    present = (*FOR_003, *AGAINST_003, *NOT_VOTING_003)
    officer.record(
        {**dict.fromkeys(present, "present"), **dict.fromkeys(APOLOGIES_003, "apologies")},
        {
            **dict.fromkeys(FOR_003, "for"),
            **dict.fromkeys(AGAINST_003, "against"),
            **dict.fromkeys(NOT_VOTING_003, "none"),
        },
    )
    for member, name in SUBSTITUTES_003.items():
        page.click(f"#member-{member} summary")
        page.fill(f"#sub-{member}", name)
        page.keyboard.press("Tab")
    officer.expect_text("#status", "Carried")
    officer.expect_text("#basis", "a majority of those present and voting")
    assert "Cllr Ken Savidge, DERBYS" in officer.text("#minutes-text")
    assert "5 for, 2 against (5 > 1/2 of 7)  yes" in officer.text("#minutes-text")
    total = " ".join(page.locator("#counts tbody tr").last.inner_text().split())
    assert total == "Total 5 2 0 3 4 0"
    officer.shot("003-1-passed-5-to-2")

    # Two votes changed make it 3 to 3, an equality: lost unless the chair casts a vote.
    page.check("#vote-brighton-against")
    page.check("#vote-brown-none")
    officer.expect_text("#status", "Not carried")
    officer.shot("003-2-equality")
    page.check("#casting-for")
    officer.expect_text("#status", "Carried")
    assert "LGA 1972 Sch 12 para 39(2)" in officer.text("#citations")
    officer.shot("003-3-casting-vote")
    officer.close()


def test_fill_from_the_minutes_then_change_a_vote(
    browser: Any, server_001: Server, tmp_path: Path
) -> None:
    officer = Officer(browser, server_001, tmp_path)
    page = officer.page
    officer.open()
    page.select_option("#minuted", label="1 September 2008, item 7: Quick Wins")
    page.click("#fill")
    officer.expect_text("#status", "Carried")
    assert page.input_value("#date") == "2008-09-01"
    assert page.is_checked("#att-webb-apologies")
    assert page.is_checked("#vote-hall-for")
    assert page.input_value("#motion") == "Quick Wins"
    officer.shot("minutes-1-filled")
    # Consensus was reached; with two Redditch members against, it would not have carried.
    page.check("#vote-hall-against")
    page.check("#vote-mcmillan-against")
    officer.expect_text("#status", "Not carried")
    officer.shot("minutes-2-changed")
    officer.close()


def test_keyboard_and_visible_focus(browser: Any, server_001: Server, tmp_path: Path) -> None:
    officer = Officer(browser, server_001, tmp_path)
    page = officer.page
    officer.open("?board=ssb&date=2008-09-01")
    page.focus("#att-webb-present")
    page.keyboard.press("ArrowRight")  # arrows move through a radio group, and choose
    assert page.is_checked("#att-webb-apologies")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style == ["solid", "3px"]
    page.keyboard.press("Tab")  # on to the vote group
    assert page.evaluate("document.activeElement.name") == "vote.webb"
    page.keyboard.press("Space")
    assert page.is_checked("#vote-webb-for")
    message = "votes.webb: Cllr M. Webb, BDC is recorded as sending apologies, so cannot vote"
    officer.expect_text("#err-vote-webb", message)
    officer.shot("keyboard")
    officer.close()


def test_copy_falls_back_to_selecting_the_text(
    browser: Any, server_001: Server, tmp_path: Path
) -> None:
    officer = Officer(browser, server_001, tmp_path)
    page = officer.page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    query = "&".join(
        [
            "board=ssb",
            "date=2008-09-01",
            "att.webb=apologies",
            *(f"vote.{m}=for" for m in PRESENT_001 if m != "hall"),
            "vote.hall=against",
        ]
    )
    officer.open("?" + query)
    officer.expect_text("#status", "Carried")
    page.click("#copy")
    status = officer.text("#copy-status")
    assert status in ("Copied.", "Selected: press Ctrl+C to copy.")
    assert page.evaluate("window.getSelection().toString()").rstrip("\n") == CARRIED_TEXT
    officer.shot("copy-fallback")
    officer.close()


def test_the_page_works_without_javascript(
    browser: Any, server_001: Server, tmp_path: Path
) -> None:
    officer = Officer(browser, server_001, tmp_path, java_script_enabled=False)
    page = officer.page
    officer.open()
    officer.choose_meeting("ssb", "2008-09-01")
    officer.record(
        {"webb": "apologies"},
        {**dict.fromkeys(PRESENT_001, "for"), "hall": "against", "mcmillan": "against"},
    )
    page.click("#check")
    officer.expect_text("#status", "Not carried")
    assert page.locator("#copy").is_hidden()  # copying needs the script; the text is there
    assert "RBC: 1 in support >= 2  no" in officer.text("#minutes-text")
    officer.shot("no-javascript")
    officer.close()


def test_the_grounds_and_kinds_offered_follow_the_meeting_date_and_stale_ones_are_refused(
    browser: Any, server_001: Server, tmp_path: Path
) -> None:
    officer = Officer(browser, server_001, tmp_path)
    page = officer.page
    officer.open()
    officer.choose_meeting("ssb", "2013-03-01")
    grounds = page.locator("#disp_ground-luck option").evaluate_all(
        "options => options.map(o => o.value).filter(v => v)"
    )
    assert grounds == ["s33-a", "s33-b", "s33-c", "s33-d", "s33-e"]
    kinds = page.locator("#interest-luck option").evaluate_all(
        "options => options.map(o => o.value).filter(v => v)"
    )
    assert kinds == ["disclosable_pecuniary", "other_registrable", "non_registrable"]
    page.select_option("#chair", "hollingworth")
    officer.record(
        {**dict.fromkeys(PRESENT_001, "present"), "webb": "apologies"},
        {**dict.fromkeys(PRESENT_001, "for"), "webb": "none", "luck": "none"},
    )
    page.fill("#item", "7")
    page.click("#record details.interest >> nth=1")  # Cllr Luck's row is the second
    page.select_option("#interest-luck", "disclosable_pecuniary")
    page.fill("#detail-luck", "a director of the contractor")
    page.fill("#disp_by-luck", "BDC Audit and Standards Committee")
    page.fill("#disp_start-luck", "2013-01-01")
    page.fill("#disp_until-luck", "2013-12-31")
    page.select_option("#disp_ground-luck", "s33-a")
    page.check("#disp-luck")
    officer.expect_text("#status", "Carried")
    # The date changes, but the roster (and its grounds) is not shown again: the live
    # result is refused beside the dispensation, naming the field.
    page.fill("#date", "2008-09-01")
    page.check("#vote-hall-against")
    officer.expect_text(
        "#err-disp-luck",
        "disp_ground.luck: expected one of the grounds the law allows on 1 September 2008 "
        "in England (sc-england_2002_impeded, sc-england_2002_political_balance), got 's33-a'",
    )
    # So is the kind of interest: a disclosable pecuniary interest is of 2012 law.
    officer.expect_text(
        "#err-interest-luck",
        "interest.luck: expected a kind of interest the law allows on 1 September 2008 in "
        "England (personal, prejudicial), got 'disclosable_pecuniary'",
    )
    officer.close()
