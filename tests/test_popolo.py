"""Popolo export and import: every export validates against Popolo's own draft-03 schemas
(references resolved locally, never over the network), the Popolo example vote event is an
oracle for per-group results, and a vote event read back decides exactly as the board did."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sharegov import Authority, Board, Member, Status, Vote, rules
from sharegov.errors import InvalidBoard, InvalidValue, InvalidVote, LimitExceeded, SharegovError
from sharegov.io import popolo
from sharegov.reference import (
    MEETING_2008_09_01,
    bromsgrove_redditch_board,
    bromsgrove_redditch_board_over_time,
)
from sharegov.strategies import boards_with_ballots

F, A, X = Vote.FOR, Vote.AGAINST, Vote.ABSTAIN
BOARD = bromsgrove_redditch_board()
DAY = dt.date(2008, 9, 1)
PRESENT = ("hollingworth", "luck", "gandy", "hall", "mcmillan")

Validate = Callable[..., None]


# -- Popolo's schemas, resolved locally ------------------------------------------------------


@pytest.fixture(scope="session")
def validate(shared_data: Path) -> Validate:
    """Validate an instance against a named Popolo schema; refs resolve from the local folder."""
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {}
    for path in sorted((shared_data / "popolo" / "schemas").glob("*.json")):
        schemas[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resources(
        (s["id"].rstrip("#"), Resource.from_contents(s, default_specification=DRAFT3))
        for s in schemas.values()
    )

    def check(name: str, instance: Any, *, formats: bool = False) -> None:
        # Draft 3 leaves "format" advisory; sharegov writes a meeting's date as a date, not a
        # date-time, so formats are checked only where a test asks (an aware datetime).
        checker = Draft3Validator.FORMAT_CHECKER if formats else None
        validator = Draft3Validator(schemas[name], registry=registry, format_checker=checker)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]
        assert not errors, f"{name}: {errors}"

    return check


def test_the_validator_rejects_what_popolo_forbids(validate: Validate) -> None:
    # Guards the oracle: a count needs an integer value, and a nested $ref is followed.
    with pytest.raises(AssertionError, match="value"):
        validate("count", {"option": "yes"})
    with pytest.raises(AssertionError):
        validate("vote_event", {"counts": [{"option": "yes", "value": "4"}]})
    with pytest.raises(AssertionError):
        validate("membership", {"organization": {"founding_date": "1 Sept 2008"}})


def test_the_popolo_examples_validate(validate: Validate, shared_data: Path) -> None:
    for name in ("vote_event", "count", "vote", "membership", "post", "organization"):
        example = shared_data / "popolo" / "examples" / f"{name}.json"
        validate(name, json.loads(example.read_text(encoding="utf-8")))


# -- export --------------------------------------------------------------------------------


def decide(chair: str | None = "hollingworth", **changes: Vote) -> Any:
    votes = dict.fromkeys(PRESENT, F)
    votes.update(changes)
    return BOARD.decide(votes, absent={"webb"}, chair=chair, on=DAY)


def test_vote_event_for_the_fallback_case() -> None:
    out = decide(hall=A)
    event = popolo.vote_event(out, motion="A shared Community Safety team", date=DAY)
    assert event["result"] == "pass"
    assert event["organization_id"] == "shared-services-board"
    assert event["start_date"] == "2008-09-01"
    assert event["counts"] == [
        {"option": "yes", "value": 4},
        {"option": "no", "value": 1},
        {"option": "abstain", "value": 0},
    ]
    assert all("group_id" not in c and "group" not in c for c in event["counts"])
    options = {v["voter_id"]: v["option"] for v in event["votes"]}
    assert options == {
        "hollingworth": "yes",
        "luck": "yes",
        "webb": "absent",
        "gandy": "yes",
        "hall": "no",
        "mcmillan": "yes",
    }
    assert [v.get("role") for v in event["votes"]].count("chair") == 1
    assert event["group_results"] == [
        {"group_id": "BDC", "group": {"name": "Bromsgrove District Council"}, "result": "pass"},
        {"group_id": "RBC", "group": {"name": "Redditch Borough Council"}, "result": "pass"},
    ]
    assert event["motion"]["requirement"] == BOARD.rule.describe()
    assert event["motion_id"] == event["motion"]["id"]


def test_two_against_from_one_council_fails_in_that_group() -> None:
    event = popolo.vote_event(decide(hall=A, mcmillan=A), motion="Benefits manager", date=DAY)
    assert event["result"] == "fail"
    assert [g["result"] for g in event["group_results"]] == ["pass", "fail"]


def test_ids_are_deterministic_and_differ_by_motion() -> None:
    out = decide()
    a = popolo.vote_event(out, motion="Item 1", date=DAY)
    assert popolo.vote_event(out, motion="Item 1", date=DAY)["id"] == a["id"]
    assert popolo.vote_event(out, motion="Item 2", date=DAY)["id"] != a["id"]
    custom = popolo.vote_event(out, motion="Item 1", date=DAY, id="ve-1", board_id="ssb")
    assert (custom["id"], custom["organization_id"]) == ("ve-1", "ssb")


def test_an_aware_datetime_is_a_full_timestamp() -> None:
    when = dt.datetime(2008, 9, 1, 18, 0, tzinfo=dt.UTC)
    event = popolo.vote_event(decide(), motion="Item", date=when)
    assert event["start_date"] == "2008-09-01T18:00:00+00:00"
    with pytest.raises(InvalidValue, match="date: expected a date, or a timezone-aware"):
        popolo.vote_event(decide(), motion="Item", date=dt.datetime(2008, 9, 1, 18, 0))
    with pytest.raises(InvalidValue, match="motion: expected a non-empty string"):
        popolo.vote_event(decide(), motion="  ", date=DAY)


def jury_board(*, casting_vote: bool = True) -> Board:
    return Board(
        "Joint Committee",
        authorities=[Authority("A", "Council A", gss="E07000001"), Authority("B", "Council B")],
        seats={"A": 3, "B": 2},
        members=[
            Member("a1", "Cllr One", "A"),
            Member("a2", "Cllr Two", "A"),
            Member("b1", "Cllr Three", "B"),
            Member("b2", "Cllr Four", "B"),
            Member("obs", "Ms Observer", "B", voting=False),
        ],
        quorum=rules.Quorum(at_least=3),
        casting_vote=casting_vote,
    )


def test_casting_vote_excluded_and_not_voting_members() -> None:
    board = jury_board()
    out = board.decide({"a1": F, "b1": A}, present={"a2"}, excluded={"b2"}, chair="a1", casting=F)
    assert out.carried
    assert out.equality
    event = popolo.vote_event(out, motion="Item", date=DAY)
    rows = [(v["voter_id"], v["option"], v.get("role")) for v in event["votes"]]
    assert rows == [
        ("a1", "yes", "chair"),
        ("a2", "not voting", None),
        ("b1", "no", None),
        ("b2", "excluded", None),
        ("a1", "yes", "casting vote"),
    ]
    assert "obs" not in {v["voter_id"] for v in event["votes"]}
    # Counts are the members' votes; the casting vote is the chair's second vote.
    assert [c["value"] for c in event["counts"]] == [1, 1, 0]
    assert event["result"] == "pass"
    # Within each council a majority of those voting: A 1-0 passes, B 0-1 fails.
    assert [g["result"] for g in event["group_results"]] == ["pass", "fail"]


def test_an_inquorate_meeting_fails() -> None:
    out = jury_board().decide({"a1": F}, absent={"a2", "b1", "b2"})
    assert out.status is Status.INQUORATE
    event = popolo.vote_event(out, motion="Item", date=DAY)
    assert event["result"] == "fail"


def test_organizations_posts_persons_memberships() -> None:
    board = jury_board()
    orgs = popolo.organizations(board)
    assert [(o["id"], o["classification"]) for o in orgs] == [
        ("A", "council"),
        ("B", "council"),
        ("joint-committee", "joint committee"),
    ]
    assert orgs[0]["identifiers"] == [{"scheme": "gss", "identifier": "E07000001"}]
    seats = popolo.posts(board)
    assert [p["id"] for p in seats] == [
        "joint-committee/A/1",
        "joint-committee/A/2",
        "joint-committee/A/3",
        "joint-committee/B/1",
        "joint-committee/B/2",
    ]
    members = popolo.memberships(board)
    held = {m["person_id"]: (m.get("post_id"), m["on_behalf_of_id"]) for m in members}
    assert held == {
        "a1": ("joint-committee/A/1", "A"),
        "a2": ("joint-committee/A/2", "A"),
        "b1": ("joint-committee/B/1", "B"),
        "b2": ("joint-committee/B/2", "B"),
        "obs": (None, "B"),
    }
    # Every post a membership holds exists, and no seat is held twice.
    post_ids = [p for p, _ in held.values() if p is not None]
    assert set(post_ids) <= {p["id"] for p in seats}
    assert len(post_ids) == len(set(post_ids))


def test_the_seed_board_is_an_advisory_board() -> None:
    assert popolo.organizations(BOARD)[-1]["classification"] == "advisory board"
    assert popolo.organizations(BOARD, classification="joint committee")[-1] == {
        "id": "shared-services-board",
        "name": "Shared Services Board",
        "classification": "joint committee",
    }


def test_a_whole_meeting_as_one_document() -> None:
    doc = meeting_document()
    assert list(doc) == list(ITEM_SCHEMA)
    assert [e["result"] for e in doc["vote_events"]] == ["pass"] * 5 + ["fail"]
    assert [m["id"] for m in doc["motions"]] == [e["motion_id"] for e in doc["vote_events"]]
    assert all("motion" not in e for e in doc["vote_events"])
    assert [m["text"] for m in doc["motions"]] == [p.title for p in MEETING_2008_09_01["proposals"]]
    json.dumps(doc)  # plain JSON all the way down
    event = popolo.vote_event(decide(), motion="Item", date=DAY)
    with pytest.raises(InvalidValue, match=r"vote_events\[0\]: expected a vote event of 'x'"):
        popolo.document(BOARD, [event], board_id="x")


# -- import --------------------------------------------------------------------------------


def test_the_popolo_example_is_an_oracle_for_each_group_by_majority(shared_data: Path) -> None:
    path = shared_data / "popolo" / "examples" / "vote_event.json"
    event = json.loads(path.read_text(encoding="utf-8"))
    board = popolo.board_from_counts(event, rules.EachAuthority(rule=rules.Majority()))
    out = popolo.decide_vote_event(board, event, source="counts")
    exported = popolo.vote_event(out, motion=event["motion"]["text"], date=DAY)
    got = {g["group"]["name"]: g["result"] for g in exported["group_results"]}
    want = {g["group"]["name"]: g["result"] for g in event["group_results"]}
    assert (
        got == want == {"Functional constituencies": "fail", "Geographical constituencies": "pass"}
    )
    assert exported["result"] == event["result"] == "fail"
    assert out.status is Status.NOT_CARRIED
    # The example's counts are reproduced as board-wide totals.
    totals = {c["option"]: c["value"] for c in exported["counts"]}
    assert totals == {"yes": 9 + 19, "no": 24 + 15, "abstain": 1}


def test_the_example_under_a_simple_majority_of_the_whole(shared_data: Path) -> None:
    event = json.loads((shared_data / "popolo" / "examples" / "vote_event.json").read_text("utf-8"))
    board = popolo.board_from_counts(event)  # statutory default: majority present and voting
    # 28 yes to 39 no overall: fails on the whole as well.
    assert not popolo.decide_vote_event(board, event, source="counts").carried
    # Its one individual vote cannot stand for the 68 counted.
    with pytest.raises(InvalidVote, match=r"votes\[0\]\.voter_id"):
        popolo.decide_vote_event(board, event, source="votes")


ITEM_SCHEMA = {
    "organizations": "organization",
    "posts": "post",
    "persons": "person",
    "memberships": "membership",
    "motions": "motion",
    "vote_events": "vote_event",
}


def meeting_document(board: Board = BOARD) -> dict[str, Any]:
    meeting = MEETING_2008_09_01
    events = [
        popolo.vote_event(
            board.decide(p.votes, absent=meeting["absent"], chair=meeting["chair"]),
            motion=p.title,
            date=meeting["date"],
        )
        for p in meeting["proposals"]
    ]
    return popolo.document(board, events)


def test_every_export_validates_against_popolo(validate: Validate) -> None:
    outcomes = [
        decide(),
        decide(hall=A),
        decide(hall=A, mcmillan=A),
        jury_board().decide(
            {"a1": F, "b1": A}, present={"a2"}, excluded={"b2"}, chair="a1", casting=F, on=DAY
        ),
        jury_board().decide({"a1": F}, absent={"a2", "b1", "b2"}, on=DAY),  # inquorate
    ]
    for out in outcomes:
        event = popolo.vote_event(out, motion="Item", date=DAY)
        validate("vote_event", event)
        validate("motion", event["motion"])
        for vote in event["votes"]:
            validate("vote", vote)
        for count in event["counts"]:
            validate("count", count)
        for result in event["group_results"]:
            validate("group_result", result)
    when = dt.datetime(2008, 9, 1, 18, 0, tzinfo=dt.UTC)
    validate("vote_event", popolo.vote_event(decide(), motion="Item", date=when), formats=True)
    for board in (BOARD, jury_board()):
        everyone = {m.id for m in board.voting_members}
        out = board.decide({}, present=everyone)
        doc = popolo.document(board, [popolo.vote_event(out, motion="I", date=DAY)])
        for collection, schema in ITEM_SCHEMA.items():
            assert doc[collection]
            for item in doc[collection]:
                validate(schema, item)
    for collection, schema in ITEM_SCHEMA.items():
        for item in meeting_document()[collection]:
            validate(schema, item)


def roundtrip(out: Any) -> Any:
    event = json.loads(json.dumps(popolo.vote_event(out, motion="Item", date=DAY)))
    return popolo.decide_vote_event(out.board, event)


def test_reading_back_an_export_gives_the_same_outcome() -> None:
    for out in (
        decide(),
        decide(hall=A),
        decide(hall=A, mcmillan=X),
        decide(chair=None, luck=A),
        jury_board().decide(
            {"a1": F, "b1": A}, present={"a2"}, excluded={"b2"}, chair="a1", casting=F, on=DAY
        ),
        jury_board().decide({"a1": F}, absent={"a2", "b1", "b2"}, on=DAY),
    ):
        back = roundtrip(out)
        assert back == out
        assert back.explain() == out.explain()


def recorded(board: Board, ballot: Any) -> dict[str, Any]:
    """The ballot with everyone accounted for: a member the strategy left silent was
    present and did not vote (attendance is never presumed, so say so)."""
    votes, absent, excluded = ballot["votes"], ballot["absent"], ballot["excluded"]
    silent = {m.id for m in board.voting_members} - set(votes) - absent - excluded
    return {"votes": votes, "absent": absent, "excluded": excluded, "present": silent}


@given(boards_with_ballots(), st.booleans())
def test_any_decision_round_trips_through_popolo(case: Any, cast: bool) -> None:
    board, ballot = case
    out = board.decide(**recorded(board, ballot), on=DAY)
    present = sorted(out.tally.present)
    if out.equality and board.casting_vote and present and out.status is not Status.INQUORATE:
        out = board.decide(
            **recorded(board, ballot), chair=present[0], casting=F if cast else A, on=DAY
        )
    assert roundtrip(out) == out


@given(boards_with_ballots())
def test_grouped_counts_decide_as_the_individual_votes_do(case: Any) -> None:
    board, ballot = case
    assume(
        not any(
            isinstance(r, rules.Weighted) and set(r.weights) - set(board.seats)
            for r in rules.walk(board.rule)
        )
    )
    out = board.decide(**recorded(board, ballot))
    counts = []
    for code in board.seats:
        sub = out.tally.by_authority(code)
        for option, value in (
            *((popolo.OPTIONS[v], sub.count(v)) for v in popolo.OPTIONS),
            ("not voting", len(sub.not_voting)),
            ("absent", len(sub.absent)),
            ("excluded", len(sub.excluded)),
        ):
            counts.append({"option": option, "value": value, "group_id": code})
    anonymous = popolo.decide_vote_event(board, {"counts": counts})
    assert anonymous.status is out.status
    assert anonymous.rows() == out.rows()
    assert popolo.group_results(anonymous) == popolo.group_results(out)


def test_unlisted_members_are_refused_unless_said_present_or_absent() -> None:
    # Attendance is never presumed: before, members missing from a vote event were taken
    # as present and not voting without a word. Now they are refused by name, unless the
    # caller says what to take them as, and the explanation then names them.
    event = {"votes": [{"voter_id": m, "option": "yes"} for m in ("hollingworth", "gandy")]}
    with pytest.raises(InvalidVote, match="not recorded for Cllr J. Luck, BDC; Cllr M. Webb"):
        popolo.decide_vote_event(BOARD, event)
    for word in ("present", "not voting"):  # Popolo's own word is read the same
        present = popolo.decide_vote_event(BOARD, event, unlisted=word)  # type: ignore[arg-type]
        assert present.tally.not_voting == {"luck", "webb", "hall", "mcmillan"}
        assert present.assumed == {"luck", "webb", "hall", "mcmillan"}
        assert present.carried  # consensus: support and nobody against
        assert "taken to be present, not voting, as the record says: Cllr J. Luck" in (
            present.explain()
        )
    absent = popolo.decide_vote_event(BOARD, event, unlisted="absent")
    assert absent.tally.absent == {"luck", "webb", "hall", "mcmillan"}
    assert "taken to be absent, as the record says" in absent.explain()


def test_start_date_is_the_date_of_the_meeting() -> None:
    board = bromsgrove_redditch_board_over_time()
    votes = [{"voter_id": m, "option": "yes"} for m in PRESENT]
    event = {
        "start_date": "2008-09-01",
        "votes": [*votes, {"voter_id": "webb", "option": "absent"}],
    }
    out = popolo.decide_vote_event(board, event)
    assert out.date == DAY
    assert out.carried
    # The board was set up on 30 June 2008: nobody sat on it before.
    with pytest.raises(InvalidBoard, match="2008-01-01"):
        popolo.decide_vote_event(board, {**event, "start_date": "2008-01-01T18:00:00Z"})
    with pytest.raises(InvalidVote, match="start_date: expected a date"):
        popolo.decide_vote_event(board, {**event, "start_date": "1 Sept 2008"})


def test_counts_must_account_for_every_member_too() -> None:
    counts = [
        {"option": "yes", "value": 2, "group_id": "BDC"},
        {"option": "yes", "value": 3, "group_id": "RBC"},
    ]
    with pytest.raises(InvalidVote, match="1 of BDC's 3 are not"):
        popolo.decide_vote_event(BOARD, {"counts": counts})
    out = popolo.decide_vote_event(BOARD, {"counts": counts}, unlisted="absent")
    assert out.carried
    assert len(out.tally.absent) == 1
    assert "taken to be absent" in out.explain()


def test_options_are_read_leniently_and_paired_is_absent() -> None:
    event = {
        "votes": [
            {"voter_id": "hollingworth", "option": "Yes"},
            {"voter": {"id": "gandy"}, "option": " yes "},
            {"voter_id": "hall", "option": "paired"},
        ]
    }
    out = popolo.decide_vote_event(BOARD, event, unlisted="present")
    assert out.tally.count(F) == 2
    assert out.tally.absent == {"hall"}


def test_counts_that_agree_with_the_votes_are_accepted() -> None:
    out = decide(hall=A)
    event = popolo.vote_event(out, motion="Item", date=DAY)
    event["counts"] += [
        {"option": "yes", "value": 2, "group_id": "RBC"},
        {"option": "absent", "value": 1, "group": {"name": "Bromsgrove District Council"}},
    ]
    assert popolo.decide_vote_event(BOARD, event) == out


def event_with(**changes: Any) -> dict[str, Any]:
    event = popolo.vote_event(decide(hall=A), motion="Item", date=DAY)
    event.update(changes)
    return event


def votes_with(index: int, **changes: Any) -> dict[str, Any]:
    event = event_with()
    event["votes"][index] = {**event["votes"][index], **changes}
    return event


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (["not", "an", "object"], r"vote event: expected a JSON object"),
        ({"votes": "yes"}, r"votes: expected a list, got 'yes'"),
        ({"votes": [], "counts": []}, r"counts: expected a list of counts per group"),
        ({"votes": ["hall"]}, r"votes\[0\]: expected a JSON object, got 'hall'"),
        (
            votes_with(2, voter_id="smith"),
            r"votes\[2\]\.voter_id: expected the id of a member of Shared Services Board, "
            r"got 'smith'",
        ),
        (votes_with(0, voter_id=7), r"votes\[0\]\.voter_id: .* got 7"),
        (
            votes_with(4, option="maybe"),
            r"votes\[4\]\.option: expected one of 'yes', 'no', 'abstain', 'absent', "
            r"'not voting', 'excluded', 'paired', got 'maybe'",
        ),
        (votes_with(1, voter_id="hollingworth"), r"votes\[1\]\.voter_id: 'hollingworth' has more"),
        (
            votes_with(0, role="casting vote", option="abstain"),
            r"votes\[0\]\.option: expected 'yes' or 'no' for a casting vote",
        ),
        (votes_with(1, role="chair"), r"votes\[1\]\.role: 'luck' cannot chair: 'hollingworth'"),
        (
            event_with(
                votes=[
                    {"voter_id": "gandy", "option": "yes", "role": "casting vote"},
                    {"voter_id": "gandy", "option": "no", "role": "casting vote"},
                ]
            ),
            r"votes\[1\]\.role: a second casting vote",
        ),
        (
            event_with(counts=[{"option": "yes", "value": 5}]),
            r"counts\[0\]: 'yes' in total is 5, but the individual votes give 4",
        ),
        (
            event_with(counts=[{"option": "no", "value": 0, "group_id": "RBC"}]),
            r"counts\[0\]: 'no' for RBC is 0, but the individual votes give 1",
        ),
        (
            event_with(counts=[{"option": "no", "value": 1, "group_id": "WDC"}]),
            r"counts\[0\]\.group: expected a council with seats on Shared Services Board "
            r"\(BDC, RBC\), got 'WDC'",
        ),
        (
            event_with(counts=[{"option": "no", "value": -1}]),
            r"counts\[0\]\.value: expected a whole number >= 0, got -1",
        ),
        (
            event_with(counts=[{"option": "no", "value": 1}, {"option": "no", "value": 1}]),
            r"counts\[1\]: a second count of 'no' in total",
        ),
    ],
)
def test_bad_vote_events_name_the_path(event: Any, message: str) -> None:
    with pytest.raises(InvalidVote, match=message) as info:
        popolo.decide_vote_event(BOARD, event)
    assert "\n" not in str(info.value)


def test_a_non_voting_member_cannot_vote() -> None:
    with pytest.raises(InvalidVote, match=r"votes\[0\]\.voter_id: Ms Observer \(B\) is a non"):
        popolo.decide_vote_event(jury_board(), {"votes": [{"voter_id": "obs", "option": "yes"}]})


def test_the_boards_own_checks_still_apply() -> None:
    # A casting vote on a board whose terms give the chair none.
    event = popolo.vote_event(
        jury_board().decide({"a1": F, "b1": A}, present={"a2", "b2"}, chair="a1", casting=F),
        motion="Item",
        date=DAY,
    )
    with pytest.raises(InvalidVote, match="casting: Joint Committee's terms give the chair no"):
        popolo.decide_vote_event(jury_board(casting_vote=False), event)


def test_counts_errors() -> None:
    grouped = [{"option": "yes", "value": 4, "group_id": "RBC"}]
    with pytest.raises(InvalidVote, match="counts: 4 counted for RBC, but Shared Services Board"):
        popolo.decide_vote_event(BOARD, {"counts": grouped})
    with pytest.raises(InvalidVote, match=r"counts\[0\]\.group: a count with no group cannot"):
        popolo.decide_vote_event(BOARD, {"counts": [{"option": "yes", "value": 4}]})
    weighted = Board(
        "W",
        authorities=[Authority("A", "A"), Authority("B", "B")],
        seats={"A": 1, "B": 1},
        members=[Member("a", "Cllr A", "A"), Member("b", "Cllr B", "B")],
        rule=rules.Weighted({"a": 2, "b": 1}, quota=2),
    )
    with pytest.raises(InvalidVote, match="weights named members"):
        popolo.decide_vote_event(
            weighted, {"counts": [{"option": "yes", "value": 1, "group_id": "A"}]}
        )
    with pytest.raises(InvalidVote, match=r"counts\[0\]\.group: expected a group id or name"):
        popolo.board_from_counts({"counts": [{"option": "yes", "value": 1}]})
    huge = {"counts": [{"option": "yes", "value": 10**9, "group_id": "North"}]}
    with pytest.raises(LimitExceeded, match="at most 10000 members"):
        popolo.board_from_counts(huge)
    with pytest.raises(InvalidVote, match="nothing is counted for the group 'North'"):
        popolo.board_from_counts({"counts": [{"option": "yes", "value": 0, "group_id": "North"}]})


def test_arguments_are_checked() -> None:
    with pytest.raises(InvalidValue, match="board: expected a sharegov Board"):
        popolo.decide_vote_event("board", {})  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="source: expected 'auto', 'votes' or 'counts'"):
        popolo.decide_vote_event(BOARD, {}, source="all")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="unlisted: expected None, 'present'"):
        popolo.decide_vote_event(BOARD, {}, unlisted="gone")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="out: expected an Outcome from Board.decide"):
        popolo.vote_event(BOARD, motion="Item", date=DAY)  # type: ignore[arg-type]
    with pytest.raises(SharegovError, match="board_id: expected a non-empty string"):
        popolo.posts(BOARD, board_id="")


def _all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _all_strings(v)
    elif isinstance(value, str):
        yield value


def test_exports_are_deterministic() -> None:
    first = json.dumps(popolo.document(BOARD, [popolo.vote_event(decide(), motion="I", date=DAY)]))
    again = json.dumps(popolo.document(BOARD, [popolo.vote_event(decide(), motion="I", date=DAY)]))
    assert first == again
    assert "Cllr R. Hollingworth" in set(_all_strings(json.loads(first)))


# -- issue 17: ids per decision, interests across the round trip, groups kept apart ----------


def test_the_same_motion_on_the_same_day_with_other_votes_gets_another_id() -> None:
    first = popolo.vote_event(decide(), motion="Item 1", date=DAY)
    second = popolo.vote_event(decide(hall=A), motion="Item 1", date=DAY)
    assert first["id"] != second["id"]
    assert first["motion"]["id"] != second["motion"]["id"]
    assert first["motion_id"] == first["motion"]["id"]
    # Attendance alone, or the chair alone, makes another decision too.
    silent = BOARD.decide(
        dict.fromkeys(PRESENT[:-1], F), present={"mcmillan"}, absent={"webb"}, on=DAY
    )
    other = popolo.vote_event(silent, motion="Item 1", date=DAY)
    assert other["id"] not in (first["id"], second["id"])
    chaired_by_luck = popolo.vote_event(decide(chair="luck"), motion="Item 1", date=DAY)
    assert chaired_by_luck["id"] != first["id"]
    # The same decision keeps its id; the motion() function agrees with vote_event().
    assert popolo.vote_event(decide(), motion="Item 1", date=DAY)["id"] == first["id"]
    assert popolo.motion(decide(), "Item 1", date=DAY)["id"] == first["motion_id"]


def test_a_given_id_names_the_event_and_its_motion() -> None:
    event = popolo.vote_event(decide(), motion="Item 1", date=DAY, id="ssb-2008-09-01-5")
    assert event["id"] == "ssb-2008-09-01-5"
    assert event["motion_id"] == event["motion"]["id"] == "ssb-2008-09-01-5/motion"
    assert all(v["vote_event_id"] == "ssb-2008-09-01-5" for v in event["votes"])


MEETING_2013 = dt.date(2013, 3, 1)


def _interest_cases() -> list[Any]:
    from sharegov.conflicts import (
        Declaration,
        Dispensation,
        DispensationGround,
        InterestKind,
    )

    dpi = InterestKind.DISCLOSABLE_PECUNIARY
    votes = {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F}
    webb = Declaration("webb", "5", dpi, "Director of I&DeA")
    luck = Declaration("luck", "5", InterestKind.OTHER_REGISTRABLE, "Member of the trust")
    granted = Dispensation(
        "webb",
        ["5"],
        DispensationGround.IMPEDE_BUSINESS,
        granted_by="BDC Standards Committee",
        start=dt.date(2012, 8, 1),
        until=dt.date(2016, 7, 31),
    )
    return [
        # Webb barred by a disclosable pecuniary interest; Luck declares and stays.
        BOARD.decide({**votes, "luck": F}, declarations=[webb, luck], item="5", on=MEETING_2013),
        # Webb relieved by a dispensation, and votes.
        BOARD.decide(
            {**votes, "luck": F, "webb": F},
            declarations=[webb],
            dispensations=[granted],
            item="5",
            on=MEETING_2013,
        ),
        # Luck declared and stays, but is excluded directly too; Webb excluded directly.
        BOARD.decide(
            votes, declarations=[luck], excluded={"luck", "webb"}, item="5", on=MEETING_2013
        ),
    ]


@pytest.mark.parametrize("case", range(3))
def test_declarations_and_dispensations_survive_the_round_trip(case: int) -> None:
    out = _interest_cases()[case]
    assert out.interests is not None
    event = json.loads(json.dumps(popolo.vote_event(out, motion="Item 5", date=MEETING_2013)))
    assert event[popolo.INTERESTS]["declarations"]
    back = popolo.decide_vote_event(out.board, event)
    assert back == out
    assert back.interests == out.interests
    assert back.explain() == out.explain()
    if case == 1:
        assert event[popolo.INTERESTS]["dispensations"]
        assert "s.33(2)(a)" in back.explain()


def test_an_event_declaring_an_interest_has_another_id_than_one_without() -> None:
    out = _interest_cases()[0]
    plain = BOARD.decide(
        {"hollingworth": F, "gandy": F, "hall": A, "mcmillan": F, "luck": F},
        excluded={"webb"},
        on=MEETING_2013,
    )
    assert plain.tally == out.tally
    ids = {popolo.vote_event(o, motion="Item 5", date=MEETING_2013)["id"] for o in (out, plain)}
    assert len(ids) == 2


def test_bad_interests_in_an_event_name_the_path() -> None:
    event = popolo.vote_event(_interest_cases()[0], motion="Item 5", date=MEETING_2013)
    event[popolo.INTERESTS]["declarations"][0]["kind"] = "grudge"
    with pytest.raises(InvalidVote, match=r"sharegov:interests\.declarations\[0\]"):
        popolo.decide_vote_event(BOARD, event)
    event[popolo.INTERESTS] = {"declared": []}
    with pytest.raises(InvalidVote, match=r"sharegov:interests: expected only item"):
        popolo.decide_vote_event(BOARD, event)


def test_board_from_counts_never_merges_groups_that_share_a_code() -> None:
    event = {
        "counts": [
            {"option": "yes", "value": 3, "group": {"name": "North East"}},
            {"option": "no", "value": 2, "group": {"name": "north-east"}},
        ]
    }
    with pytest.raises(InvalidVote, match=r"counts\[1\]\.group: 'north-east' and 'North East'"):
        popolo.board_from_counts(event)
    # Given ids that differ, the same names make two groups.
    event["counts"][0]["group_id"] = "NE1"
    event["counts"][1]["group_id"] = "NE2"
    board = popolo.board_from_counts(event)
    assert dict(board.seats) == {"NE1": 3, "NE2": 2}
    # The same group named the same way on several rows is still one group.
    same = {
        "counts": [
            {"option": "yes", "value": 3, "group": {"name": "North East"}},
            {"option": "no", "value": 2, "group": {"name": "North East"}},
        ]
    }
    assert dict(popolo.board_from_counts(same).seats) == {"north-east": 5}
