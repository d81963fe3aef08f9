"""A meeting is not overdue, anywhere: its state in ``Deadline.state``, the JSON form and its
shipped schema, the CLI, the HTTP API, the officer's page and the iCalendar export.

Oracles: the seed 000 minutes ("De Montfort be invited to host the 26/5/06 meeting", "with
26/5/06 meeting also having the precursory AGM"); the task rules written out afresh below
(due soon within 14 days, overdue after the date, done once ``done_on`` has passed); the
shipped JSON Schema (jsonschema, draft 2020-12); the calendar parsed back with
``icalendar``; the page's HTML parsed with the standard library.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.cli import main
from sharegov.io import dump
from sharegov.io.files import Arrangement
from sharegov.io.results import registry, schema, to_json
from sharegov.parties import Authority
from sharegov.strategies import deadlines
from sharegov.timeline import Deadline, DeadlineState, Milestone, MilestonePlan, format_date

D = dt.date
dates = st.dates(D(2000, 1, 1), D(2035, 12, 31))
S = DeadlineState

#: Seed 000: the Branch meeting of 26/5/06, with its AGM, set at the meeting of 16/12/05.
AGM = Deadline("Branch meeting and AGM", due=D(2006, 5, 26), set_on=D(2005, 12, 16), meeting=True)
#: A task beside it, with the same dates.
TASK = attrs.evolve(AGM, title="Circulate the joint conference information", meeting=False)

VALIDATOR = jsonschema.Draft202012Validator(
    schema("deadline"),
    registry=registry(),
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


def valid(data: dict[str, Any]) -> dict[str, Any]:
    VALIDATOR.validate(data)
    assert json.loads(json.dumps(data)) == data
    return data


def task_oracle(d: Deadline, as_of: dt.date) -> DeadlineState:
    """The task rules, written out afresh (they must not change)."""
    due = d.due_on(as_of=as_of)
    if due is None:
        return S.NOT_SET
    if d.done_on is not None and d.done_on <= as_of:
        return S.DONE
    if as_of > due:
        return S.OVERDUE
    return S.DUE_SOON if (due - as_of).days <= 14 else S.PENDING


#: A meeting's state beside the state the same dates give a task.
AS_MEETING = {
    S.NOT_SET: S.NOT_SET,
    S.PENDING: S.SCHEDULED,
    S.DUE_SOON: S.SCHEDULED,
    S.OVERDUE: S.NOT_RECORDED_AS_HELD,
    S.DONE: S.HELD,
}


def with_done(d: Deadline, done: dt.date | None) -> Deadline:
    if done is not None and d.set_on is not None and done < d.set_on:
        done = d.set_on
    return attrs.evolve(d, done_on=done)


# -- state() -----------------------------------------------------------------------------------


@given(deadlines(), dates, st.none() | dates)
def test_a_meeting_is_never_a_task_state_and_a_task_keeps_its_states(
    d: Deadline, as_of: dt.date, done: dt.date | None
) -> None:
    d = with_done(d, done)
    meeting = attrs.evolve(d, meeting=True)
    task = attrs.evolve(d, meeting=False)
    expected_task = task_oracle(task, as_of)
    assert task.state(as_of=as_of) is expected_task
    assert meeting.state(as_of=as_of) is AS_MEETING[expected_task]
    assert meeting.state(as_of=as_of).for_meeting
    assert task.state(as_of=as_of).for_task
    assert meeting.state(as_of=as_of) not in (S.OVERDUE, S.DUE_SOON, S.PENDING, S.DONE)
    assert meeting.state(as_of=as_of, soon=dt.timedelta(days=10_000)) is meeting.state(as_of=as_of)


@given(deadlines(), dates, st.none() | dates)
def test_a_meeting_is_never_overdue_in_any_output_form(
    d: Deadline, as_of: dt.date, done: dt.date | None
) -> None:
    meeting = attrs.evolve(with_done(d, done), meeting=True)
    task = attrs.evolve(meeting, meeting=False)
    state = meeting.state(as_of=as_of)
    data = valid(to_json(meeting, as_of=as_of))
    assert data["meeting"] is True
    assert data["state"] == state.value
    assert data["state"] in ("not yet set", "to be held", "held", "not recorded as held")
    for text in (data["explanation"], *data["lines"]):
        assert "overdue" not in text
        assert "due soon" not in text
    if state is S.NOT_RECORDED_AS_HELD:
        assert data["lines"][0].endswith("; not recorded as held.")
    # The task beside it: the task's state, and its JSON as before.
    as_task = valid(to_json(task, as_of=as_of))
    assert as_task["meeting"] is False
    assert as_task["state"] == task_oracle(task, as_of).value


def test_the_seed_000_meeting_through_its_dates() -> None:
    held = AGM.complete(D(2006, 5, 26))
    rows = [
        (D(2005, 12, 1), "not yet set", "not yet set", "not yet set"),
        (D(2006, 5, 1), "to be held", "pending", "to be held"),
        (D(2006, 5, 20), "to be held", "due soon", "to be held"),
        (D(2006, 5, 26), "to be held", "due soon", "held"),
        (D(2006, 5, 27), "not recorded as held", "overdue", "held"),
        (D(2009, 11, 1), "not recorded as held", "overdue", "held"),
    ]
    for as_of, meeting, task, when_held in rows:
        assert AGM.state(as_of=as_of).value == meeting, as_of
        assert TASK.state(as_of=as_of).value == task, as_of
        assert held.state(as_of=as_of).value == when_held, as_of
    assert held.explain(as_of=D(2009, 11, 1)) == (
        "Branch meeting and AGM: held on 26 May 2006 (as of 1 November 2009)."
    )


def test_a_meeting_milestone_reads_as_a_meeting() -> None:
    plan = MilestonePlan(
        "Branch year",
        [
            Milestone("agm", AGM),
            Milestone("conference", TASK, depends_on=["agm"]),
        ],
    )
    text = plan.explain(as_of=D(2006, 6, 1))
    assert "Branch meeting and AGM: due to be held on 26 May 2006: not recorded as held." in text
    assert "Circulate the joint conference information: due 26 May 2006: overdue" in text
    early = plan.explain(as_of=D(2006, 5, 1))
    assert "Branch meeting and AGM: to be held on 26 May 2006." in early
    assert "overdue" not in early


# -- the shipped schema ------------------------------------------------------------------------


def test_the_schema_refuses_a_meeting_in_a_task_state_and_a_task_in_a_meeting_state() -> None:
    jsonschema.Draft202012Validator.check_schema(schema("deadline"))
    meeting = valid(to_json(AGM, as_of=D(2009, 11, 1)))
    task = valid(to_json(TASK, as_of=D(2009, 11, 1)))
    assert (meeting["state"], task["state"]) == ("not recorded as held", "overdue")
    for data, wrong in [
        (meeting, "overdue"),
        (meeting, "due soon"),
        (meeting, "done"),
        (task, "not recorded as held"),
        (task, "held"),
    ]:
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate({**data, "state": wrong})
    with pytest.raises(jsonschema.ValidationError):  # the flag is required
        VALIDATOR.validate({k: v for k, v in meeting.items() if k != "meeting"})
    with pytest.raises(jsonschema.ValidationError):  # held, but no date held
        VALIDATOR.validate({**meeting, "state": "held"})
    with pytest.raises(jsonschema.ValidationError):  # not yet set, yet with a date
        VALIDATOR.validate({**meeting, "state": "not yet set"})


# -- iCalendar ---------------------------------------------------------------------------------


@given(deadlines(), st.none() | dates)
def test_the_calendar_names_a_meeting_a_meeting_and_a_task_due(
    d: Deadline, done: dt.date | None
) -> None:
    icalendar = pytest.importorskip("icalendar")
    from sharegov.io import ical

    d = with_done(d, done)
    cal = icalendar.Calendar.from_ical(ical.to_ical(deadlines=[d]))
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].dt == d.due
    summary, description = str(event["SUMMARY"]), str(event.get("DESCRIPTION", ""))
    if d.meeting:
        assert summary == f"Meeting: {d.title}"
        held = f"Held on {format_date(d.done_on)}." if d.done_on else None
        assert (held in description) if held else "Held on" not in description
    else:
        assert summary == f"Due: {d.title}"
        assert "Held on" not in description
    assert "overdue" not in description.lower()


def test_the_calendar_keeps_each_events_uid_whether_meeting_or_task() -> None:
    icalendar = pytest.importorskip("icalendar")
    from sharegov.io import ical

    cal = icalendar.Calendar.from_ical(ical.to_ical(deadlines=[AGM, TASK.complete(D(2006, 6, 1))]))
    meeting, task = cal.walk("VEVENT")
    assert str(meeting["SUMMARY"]) == "Meeting: Branch meeting and AGM"
    assert str(task["SUMMARY"]) == "Due: Circulate the joint conference information"
    assert "Held on" not in str(task.get("DESCRIPTION", ""))  # a task's event is unchanged
    as_task = icalendar.Calendar.from_ical(
        ical.to_ical(deadlines=[attrs.evolve(AGM, meeting=False)])
    )
    # The same deadline keeps its UID either way, so a calendar updates the event.
    assert as_task.walk("VEVENT")[0]["UID"] == meeting["UID"]


# -- the command, the API and the page ---------------------------------------------------------


@pytest.fixture(scope="module")
def branch_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("branch") / "branch.toml"
    arrangement = Arrangement(
        "Branch (seed 000)",
        authorities=[Authority("A", "A Council")],
        deadlines=[AGM, TASK],
    )
    dump(arrangement, path)
    return path


def test_the_command_gives_a_meeting_its_state_in_json_and_calendar(
    branch_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    icalendar = pytest.importorskip("icalendar")
    ics = tmp_path / "branch.ics"
    argv = ["deadlines", str(branch_file), "--as-of", "2009-11-01", "--json", "--ics", str(ics)]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    states = {d["title"]: (d["meeting"], d["state"]) for d in data["deadlines"]}
    assert states == {
        "Branch meeting and AGM": (True, "not recorded as held"),
        "Circulate the joint conference information": (False, "overdue"),
    }
    summaries = sorted(
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    )
    assert summaries == [
        "Due: Circulate the joint conference information",
        "Meeting: Branch meeting and AGM",
    ]


def _client(target: Path) -> Any:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from sharegov.serve import create_app

    return TestClient(create_app(target))


@pytest.fixture(scope="module")
def client(branch_file: Path) -> Iterator[Any]:
    with _client(branch_file) as c:
        yield c


def test_the_api_gives_a_meeting_its_state(client: Any) -> None:
    data = client.get("/api/deadlines?as_of=2006-05-20").json()
    got = {d["title"]: valid(d)["state"] for d in data["deadlines"]}
    assert got == {
        "Branch meeting and AGM": "to be held",
        "Circulate the joint conference information": "due soon",
    }


def test_the_page_shows_a_meeting_as_a_clerk_would(client: Any) -> None:
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        """The cells of each row of the deadlines table."""

        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "table":
                self.inside = dict(attrs).get("id") == "deadlines"
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("th", "td") and self.rows:
                self.rows[-1].append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "table":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside and self.rows and self.rows[-1]:
                self.rows[-1][-1] += data.strip()

    def states(as_of: str) -> dict[str, str]:
        parser = Rows()
        parser.feed(client.get("/", params={"as_of": as_of, "show": "1"}).text)
        return {row[0]: row[2] for row in parser.rows if len(row) >= 3 and row[0] != "Deadline"}

    assert states("2009-11-01") == {
        "Branch meeting and AGM": "not recorded as held",
        "Circulate the joint conference information": "overdue",
    }
    assert states("2006-05-20") == {
        "Branch meeting and AGM": "to be held",
        "Circulate the joint conference information": "due soon",
    }
