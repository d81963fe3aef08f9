"""Arrangement files: round trips, schema, errors with paths, limits, safe loading."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, reject
from hypothesis import strategies as st

from conftest import ROOT
from sharegov.boards import Board, Membership
from sharegov.concordat import (
    Agreement,
    ArrangementKind,
    Concordat,
    ExitRecord,
    ServiceArrangement,
    Term,
)
from sharegov.conflicts import (
    ConflictKind,
    DelegationScheme,
    Effect,
    InterestOrders,
    OfficerConflict,
    Register,
)
from sharegov.errors import InvalidValue, LimitExceeded, UnknownId
from sharegov.io import Arrangement, dump, dumps, load, loads
from sharegov.io.files import MAX_DEPTH, FileError, _period_in, _period_out
from sharegov.io.schema import generate, validate
from sharegov.meetings import Action, Item, Meeting, MeetingPlan
from sharegov.parties import Member, Officer
from sharegov.reference import bromsgrove_redditch_arrangement
from sharegov.rules import Vote
from sharegov.strategies import boards, declarations, dispensations, interests
from sharegov.timeline import Schedule

FORMATS = ["toml", "yaml", "json"]


@st.composite
def arrangements(draw: st.DrawFn) -> Arrangement:
    board = draw(boards())
    codes = [a.code for a in board.authorities]
    services = []
    for i in range(draw(st.integers(0, 3))):
        parties = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
        services.append(
            ServiceArrangement(
                f"s{i}",
                draw(st.sampled_from(["Payroll", "Audit", "ICT"])),
                parties,
                kind=draw(st.sampled_from(list(ArrangementKind))),
                host=draw(st.none() | st.sampled_from(parties)),
                start=draw(st.none() | st.dates()),
            )
        )
    return Arrangement(
        "Generated arrangement",
        authorities=board.authorities,
        boards={draw(st.sampled_from(["board", "jc", "ssb"])): board},
        arrangements=services,
    )


@pytest.mark.parametrize("fmt", FORMATS)
@given(arrangement=arrangements())
def test_dump_then_load_gives_an_equal_arrangement(fmt: str, arrangement: Arrangement) -> None:
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_round_trip_through_files(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"reference.{fmt}"
    dump(bromsgrove_redditch_arrangement(), path)
    assert load(path) == bromsgrove_redditch_arrangement()


def test_example_file_loads_and_matches_the_reference() -> None:
    loaded = load(ROOT / "examples" / "bromsgrove_redditch.toml")
    assert loaded == bromsgrove_redditch_arrangement()
    votes = {
        "hollingworth": "for",
        "luck": "for",
        "gandy": "for",
        "hall": "against",
        "mcmillan": "for",
    }
    assert loaded.board("ssb").decide(votes, absent={"webb"}).carried


def test_committed_schema_matches_the_generator() -> None:
    committed = json.loads((ROOT / "docs" / "arrangement.schema.json").read_text())
    assert committed == generate(), (
        "regenerate with: python -m sharegov.io.schema > docs/arrangement.schema.json"
    )


def test_schema_is_a_valid_json_schema() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(generate())


BAD = """
name = "X"
[[authorities]]
code = "BDC"
name = "Bromsgrove"
gss = "E7"
[boards.ssb]
name = "Board"
authorities = ["BDC"]
seats = { BDC = -1 }
members = [ { id = "a", name = "A", authority = "BDC", colour = "red" } ]
rule = { type = "EachAuthority", at_least = 0 }
"""


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    with pytest.raises(FileError) as info:
        loads(BAD, "toml", source="bad.toml")
    assert info.value.problems == [
        "authorities[0].gss: expected a GSS code such as 'E07000234', got 'E7'",
        "boards.ssb.members[0]: unexpected field 'colour'",
        "boards.ssb.rule.at_least: expected a positive integer, got 0",
        "boards.ssb.seats.BDC: expected a positive integer, got -1",
    ]
    assert str(info.value).splitlines()[0] == "bad.toml: 4 problems"
    assert "bad.toml: boards.ssb.seats.BDC: expected a positive integer, got -1" in str(info.value)


def test_domain_problems_after_the_schema_name_their_path() -> None:
    text = """
name = "X"
[[authorities]]
code = "BDC"
name = "Bromsgrove"
[boards.ssb]
name = "Board"
authorities = ["BDC"]
seats = { BDC = 3 }
members = [ { id = "a", name = "A", authority = "BDC" } ]
rule = { type = "EachAuthority", at_least = 4 }
"""
    with pytest.raises(FileError) as info:
        loads(text, "toml", source="x.toml")
    (problem,) = info.value.problems
    assert problem.startswith(
        "boards.ssb.rule: 'at least 4 in support from each authority' can never be met"
    )


def test_unknown_rule_type_and_missing_fields() -> None:
    problems = validate(
        {"name": "X", "boards": {"b": {"name": "B", "rule": {"type": "Plurality"}}}}
    )
    assert any(p.startswith("boards.b.rule.type: expected one of ['AllOf',") for p in problems)
    assert "boards.b: missing required field 'seats'" in problems


def test_parse_errors_are_one_line() -> None:
    with pytest.raises(FileError, match=r"^broken.json: 1 problem\nbroken.json: not valid JSON"):
        loads("{", "json", source="broken.json")


def test_yaml_is_data_only() -> None:
    text = "name: !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(FileError, match="not valid YAML"):
        loads(text, "yaml")


def test_too_deep_and_too_large_are_refused() -> None:
    deep: object = "x"
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(LimitExceeded, match="nested more than"):
        loads(json.dumps({"name": "X", "description": deep}), "json")
    with pytest.raises(LimitExceeded, match="files over"):
        loads(" " * (5 * 1024 * 1024 + 1), "json")


def test_lookup_errors_list_what_exists() -> None:
    with pytest.raises(UnknownId, match=r"^board: expected one of \['ssb'\], got 'nope'"):
        bromsgrove_redditch_arrangement().board("nope")


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="a file ending in one of"):
        load(tmp_path / "x.txt")
    with pytest.raises(FileError, match="cannot be read"):
        load(tmp_path / "missing.toml")


# -- board memberships and interest orders, the concordat, conflicts, meetings --

_DAYS = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31))
_WORDS = st.text("abcdefghij &'", min_size=1, max_size=12).filter(str.strip)
_PERIODS = st.builds(
    relativedelta, years=st.integers(0, 3), months=st.integers(0, 11), days=st.integers(0, 40)
).filter(lambda p: dt.date(2000, 1, 1) + p > dt.date(2000, 1, 1))


@st.composite
def boards_over_time(draw: st.DrawFn) -> Board:
    """A board with memberships (dates, conditional offers) and standing orders on interests."""
    board = draw(boards(max_authorities=3, max_seats=3))
    memberships = []
    for member in draw(st.lists(st.sampled_from(board.members), unique=True)):
        start = draw(st.none() | _DAYS)
        end = draw(st.none() | st.dates(min_value=start or dt.date(2005, 1, 1)))
        memberships.append(
            Membership(
                member, start=start, end=end, role=draw(st.sampled_from(["member", "chair"]))
            )
        )
    if draw(st.booleans()):
        code = board.authorities[0].code
        start = draw(_DAYS)
        memberships.append(
            Membership(
                Member("offer", "Cllr Offer", code, party=draw(st.none() | st.just("Labour"))),
                start=start,
                on_behalf_of=draw(st.none() | st.just(code)),
                condition=draw(_WORDS),
                condition_met_on=draw(st.none() | st.dates(min_value=start)),
                extra_seat=True,
            )
        )
    orders = InterestOrders(
        disclosable_pecuniary=draw(st.sampled_from([Effect.BARRED, Effect.WITHDRAW])),
        other_registrable=draw(st.sampled_from(Effect)),
        non_registrable=draw(st.sampled_from(Effect)),
        source=draw(st.sampled_from(["the board's standing orders", "SO 12"])),
    )
    return attrs.evolve(board, memberships=memberships, interest_orders=orders)


@st.composite
def terms(draw: st.DrawFn) -> Term:
    start = draw(_DAYS)
    trial = draw(_PERIODS)
    first = draw(
        st.sampled_from([relativedelta(days=1), relativedelta(months=1), trial]).filter(
            lambda p: start + p <= start + trial
        )
    )
    ended = draw(st.booleans())
    exit_record = None
    end = None
    if ended:
        end = draw(st.dates(min_value=start + first, max_value=dt.date(2040, 1, 1)))
        if draw(st.booleans()):
            exit_record = ExitRecord(
                end,
                agreements=[Agreement("A", "Minute 1", body="Council", on=end)],
                reason=draw(st.sampled_from(["", "savings not found"])),
            )
    return Term(
        start,
        trial=trial,
        first_review=first,
        then_every=draw(_PERIODS),
        reviewers=draw(st.lists(_WORDS, max_size=2)),
        independently=draw(st.booleans()),
        end=end,
        exit=exit_record,
    )


@st.composite
def concordats(draw: st.DrawFn, board: Board) -> Concordat:
    """A concordat between ``board``'s authorities (two or more), with 0-2 variations."""
    parties = board.authorities
    codes = [a.code for a in parties]
    start = draw(_DAYS)
    concordat = Concordat(
        draw(_WORDS),
        parties=parties,
        in_force_from=start,
        purpose=draw(st.sampled_from(["", "joint working"])),
        aims=draw(st.lists(_WORDS, max_size=2)),
        board=draw(st.none() | st.just(board)),
        legally_enforceable=draw(st.booleans()),
        arrangements=[ServiceArrangement("payroll", "Payroll", codes, host=codes[-1])]
        if draw(st.booleans())
        else [],
        term=draw(st.none() | terms()),
        agreements=[
            Agreement(c, "Minute 1", body="Council", on=start)
            for c in draw(st.lists(st.sampled_from(codes), unique=True))
        ],
    )
    for _ in range(draw(st.integers(0, 2))):
        when = concordat.in_force_from + dt.timedelta(days=draw(st.integers(1, 400)))
        changes = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "purpose": _WORDS,
                    "principles": st.lists(_WORDS, min_size=1, max_size=2),
                    "board": st.none() | st.just(board),
                    "term": st.none() | terms(),
                    "legally_enforceable": st.booleans(),
                },
            )
        )
        concordat = concordat.vary(
            variation=draw(_WORDS),
            in_force_from=when,
            agreements=[Agreement(c, "Minute 2", body="Cabinet", on=when) for c in codes],
            **changes,
        )
    return concordat


@st.composite
def schemes(draw: st.DrawFn, code: str) -> DelegationScheme:
    ids = ["o1", "o2", "o3", "o4"]
    deputies = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(ids), max_size=3))
    return DelegationScheme(
        code,
        monitoring_officer=draw(st.sampled_from(ids)),
        deputies={k: v for k, v in deputies.items() if k != v},
        fallbacks=draw(st.lists(st.sampled_from(ids), unique=True, max_size=2)),
        consult=draw(st.sampled_from(["the Leader", "the Chair", None])),
        source=draw(st.none() | st.just("Council, 17 September 2008")),
        alternate=draw(st.none() | st.sampled_from(ids)),
    )


@st.composite
def officer_conflicts(draw: st.DrawFn, codes: list[str]) -> OfficerConflict:
    kind = ConflictKind.PERSONAL if len(codes) < 2 else draw(st.sampled_from(ConflictKind))
    chosen = (
        codes
        if kind is ConflictKind.BETWEEN_AUTHORITIES
        else draw(st.lists(st.sampled_from(codes), unique=True))
    )
    return OfficerConflict(
        "o1",
        draw(_WORDS),
        kind=kind,
        authorities=chosen,
        raised=draw(st.none() | _DAYS),
        informed=draw(st.dictionaries(st.sampled_from(codes), _DAYS)),
    )


@st.composite
def meetings(draw: st.DrawFn, board: Board) -> Meeting:
    """A meeting of ``board``: everyone on the roster that day present, sending apologies
    or absent; items put to a vote by those present."""
    date = draw(_DAYS)
    try:
        sitting = board.at(date)
    except InvalidValue:  # memberships leave no voting member that day
        reject()
    where = {
        m.id: draw(st.sampled_from(["present", "apologies", "absent"])) for m in sitting.members
    }
    present = [m for m, w in where.items() if w == "present"]
    voters = [m.id for m in sitting.members if m.voting and m.id in present]
    items = []
    for number in range(1, draw(st.integers(0, 3)) + 1):
        ballot = st.dictionaries(st.sampled_from(voters), st.sampled_from(Vote)) if voters else None
        votes = draw(st.none() | ballot) if ballot is not None else None
        items.append(
            Item(
                number,
                draw(_WORDS),
                resolution=draw(st.sampled_from(["", "Agreed."])),
                votes=votes,
                illustrative=draw(st.booleans()),
                actions=[Action(1, "Report back", owner="Officer", due=draw(st.none() | _DAYS))]
                if draw(st.booleans())
                else [],
            )
        )
    try:
        return Meeting(
            board,
            date,
            time=draw(st.none() | st.just(dt.time(17, 30))),
            venue=draw(st.none() | st.just("Town Hall")),
            present=present,
            apologies=[m for m, w in where.items() if w == "apologies"],
            absent=[m for m, w in where.items() if w == "absent"],
            officers=[Officer("clerk", "The Clerk", board.authorities[0].code)]
            if draw(st.booleans())
            else [],
            declarations=draw(declarations(sitting, item="1")) if items else [],
            items=items,
        )
    except InvalidValue:  # e.g. a quorum or casting vote these votes cannot meet
        reject()


@st.composite
def full_arrangements(draw: st.DrawFn) -> Arrangement:
    """An arrangement with every new section: memberships, interest orders, a concordat with
    versions, registers, dispensations, delegation schemes, conflicts, plans and meetings."""
    board = draw(boards_over_time())
    codes = [a.code for a in board.authorities]
    ids = [m.id for m in board.members]
    concordat = draw(concordats(board)) if len(codes) > 1 else None
    return Arrangement(
        "Everything",
        authorities=board.authorities,
        boards={"jc": board},
        concordat=concordat,
        registers=[
            Register(m, draw(st.lists(interests(), max_size=2)))
            for m in draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
        ],
        dispensations=[
            draw(dispensations(m, matters=("1", "depot site")))
            for m in draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
        ],
        delegation_schemes=[
            draw(schemes(c)) for c in draw(st.lists(st.sampled_from(codes), unique=True))
        ],
        officer_conflicts=draw(st.lists(officer_conflicts(codes), max_size=2)),
        meeting_plans=[
            MeetingPlan(
                board,
                schedule=Schedule.bimonthly("Board meeting", start=draw(_DAYS)),
                hosts=draw(st.lists(st.sampled_from(codes), unique=True)),
                venues=draw(st.dictionaries(st.sampled_from(codes), st.just("Town Hall"))),
                clear_days=draw(st.integers(3, 5)),
            )
        ]
        if draw(st.booleans())
        else [],
        meetings=draw(st.lists(meetings(board), max_size=2)),
    )


@pytest.mark.parametrize("fmt", FORMATS)
@given(arrangement=full_arrangements())
def test_every_section_round_trips(fmt: str, arrangement: Arrangement) -> None:
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


@given(period=_PERIODS)
def test_periods_are_written_as_words_and_read_back_exactly(period: relativedelta) -> None:
    assert _period_in(_period_out(period)) == period


def test_periods_in_words_or_as_a_table() -> None:
    assert _period_out(relativedelta(months=12)) == "1 year"
    assert _period_out(relativedelta(months=18)) == "1 year 6 months"
    assert _period_in("6 months") == relativedelta(months=6)
    assert _period_in("1 year, 2 weeks and 3 days") == relativedelta(years=1, days=17)
    assert _period_in({"years": 1, "months": 6}) == relativedelta(years=1, months=6)
    for bad in ("a fortnight", "6", "6 moons", {"hours": 2}, {}, 6):
        with pytest.raises(InvalidValue, match="expected a period such as '12 months'"):
            _period_in(bad)
    with pytest.raises(InvalidValue, match="a period of years, months and days"):
        _period_out(relativedelta(hours=5))


def test_reference_carries_the_concordat_and_the_first_meeting() -> None:
    text = dumps(bromsgrove_redditch_arrangement(), "toml")
    loaded = loads(text, "toml")
    assert loaded.concordat is not None
    assert loaded.concordat.board is loaded.board("ssb")
    assert [p.code for p in loaded.concordat.parties] == ["BDC", "RBC"]
    (meeting,) = loaded.meetings
    assert meeting.outcome(4).carried
    concordat = text[text.index("[concordat]") :]
    assert concordat.splitlines()[2:6] == ["parties = [", '    "BDC",', '    "RBC",', "]"]
    assert "outcome" not in text
    assert "carried" not in text


def _file(extra: str) -> str:
    return (
        """
name = "X"
[[authorities]]
code = "BDC"
name = "Bromsgrove"
[[authorities]]
code = "RBC"
name = "Redditch"
[boards.ssb]
name = "Board"
authorities = ["BDC", "RBC"]
seats = { BDC = 1, RBC = 1 }
members = [ { id = "a", name = "A", authority = "BDC" },
            { id = "b", name = "B", authority = "RBC" } ]
rule = { type = "Majority" }
"""
        + extra
    )


def _problems(extra: str) -> list[str]:
    with pytest.raises(FileError) as info:
        loads(_file(extra), "toml", source="x.toml")
    return info.value.problems


def test_the_base_file_is_valid() -> None:
    assert loads(_file(""), "toml").board("ssb").name == "Board"


def test_bad_memberships_and_interest_orders_name_their_paths() -> None:
    assert _problems('interest_orders = { other_registrable = "barred", colour = "red" }\n') == [
        "boards.ssb.interest_orders.other_registrable: expected one of ['may remain and take "
        "part', 'takes no part in the discussion or vote', 'withdraws from the meeting'], "
        "got 'barred'",
        "boards.ssb.interest_orders: unexpected field 'colour'",
    ]
    assert _problems(
        """
memberships = [ { member = "nobody" }, { member = "a", start = "2009-01-01", end = "2008-01-01" } ]
interest_orders = { disclosable_pecuniary = "may remain and take part" }
"""
    ) == [
        "boards.ssb.memberships[0].member: expected one of the board's members ['a', 'b'], "
        "got 'nobody'",
        "boards.ssb.memberships[1].end: expected a date on or after the start 2009-01-01, "
        "got 2008-01-01",
        "boards.ssb.interest_orders.disclosable_pecuniary: expected Effect.BARRED or "
        "Effect.WITHDRAW (Localism Act 2011 s.31(4) bars the member), "
        "got 'may remain and take part'",
    ]


CONCORDAT = """
[concordat]
title = "Concordat"
parties = ["BDC", "RBC"]
in_force_from = "2008-09-17"
board = "ssb"
[concordat.term]
start = "2008-06-30"
trial = "12 months"
first_review = "6 months"
"""


def test_a_concordat_refers_to_the_arrangements_authorities_and_board() -> None:
    concordat = loads(_file(CONCORDAT), "toml").concordat
    assert concordat is not None
    assert concordat.term is not None
    assert concordat.term.trial == relativedelta(years=1)
    assert concordat.board is not None
    assert concordat.board.name == "Board"


def test_bad_concordat_values_name_their_paths() -> None:
    assert _problems(CONCORDAT.replace('"12 months"', '"a year or so"')) == [
        "concordat.term.trial: expected a period such as '12 months' or '1 year 6 months', "
        "or {years, months, days}, got 'a year or so'"
    ]
    assert _problems(CONCORDAT.replace('board = "ssb"', 'board = "cabinet"')) == [
        "concordat.board: expected one of the boards ['ssb'], got 'cabinet'"
    ]
    (party,) = _problems(CONCORDAT.replace('["BDC", "RBC"]', '["BDC", "WFDC"]'))
    assert (
        party == "concordat.parties[1]: expected one of the authorities ['BDC', 'RBC'], got 'WFDC'"
    )


def test_a_variation_needs_every_party() -> None:
    variation = """
[[concordat.variations]]
version = 2
in_force_from = "2009-04-01"
change = "Add Internal Audit"
agreements = [ { party = "BDC", decision = "Minute 12/09", body = "Cabinet", on = "2009-03-04" } ]
changes = { purpose = "Internal Audit too", board = false }
"""
    (problem,) = _problems(CONCORDAT + variation)
    assert problem == (
        "concordat.variations[0].agreements: a variation needs the recorded agreement of "
        "every party; RBC has not agreed"
    )
    agreed = variation.replace(
        "agreements = [",
        'agreements = [ { party = "RBC", decision = "Minute 7", body = "Executive", '
        'on = "2009-03-10" }, ',
    )
    concordat = loads(_file(CONCORDAT + agreed), "toml").concordat
    assert concordat is not None
    assert concordat.version == 2
    assert concordat.board is None
    assert concordat.previous is not None
    assert concordat.previous.board is not None
    assert concordat.variations[0].change == "Add Internal Audit"


def test_bad_conflicts_data_name_their_paths() -> None:
    problems = _problems(
        """
[[registers]]
member = "a"
[[registers.interests]]
kind = "other registrable interest"
matter = "Director"
registered = "2010-05-01"
ended = "2009-01-01"
[[dispensations]]
member = "a"
matters = ["depot site"]
ground = "e"
granted_by = "Standards Committee"
start = "2012-07-01"
until = "2017-07-01"
[[delegation_schemes]]
authority = "WFDC"
monitoring_officer = "mo"
[[officer_conflicts]]
officer = "o1"
matter = "depot"
kind = "a conflict between the authorities"
authorities = ["BDC"]
"""
    )
    assert problems == [
        "registers[0].interests[0].ended: expected a date on or after registered 2010-05-01, "
        "got 2009-01-01",
        "dispensations[0].until: expected a date less than 4 years after start 2012-07-01, "
        "i.e. no later than 2016-06-30 (Localism Act 2011 s.33(3)), got 2017-07-01",
        "officer_conflicts[0].authorities: expected the two or more authorities in conflict, "
        "got ['BDC']",
    ]
    ok = _problems(
        '[[delegation_schemes]]\nauthority = "WFDC"\nmonitoring_officer = "mo"\nconsult = ""\n'
    )
    assert ok == ["delegation_schemes[0].authority: expected one of ['BDC', 'RBC'], got 'WFDC'"]


MEETING = """
[[meetings]]
board = "ssb"
date = "2008-09-01"
time = "17:30"
present = ["a", "b"]
[[meetings.items]]
number = 1
title = "Payroll"
votes = { a = "for", b = "against" }
"""


def test_meetings_are_re_decided_on_load() -> None:
    (meeting,) = loads(_file(MEETING), "toml").meetings
    assert meeting.time == dt.time(17, 30)
    assert meeting.outcome(1).carried is False
    assert meeting.items[0].votes == {"a": Vote.FOR, "b": Vote.AGAINST}


def test_bad_meetings_name_their_paths() -> None:
    assert _problems(MEETING.replace('"against"', '"maybe"')) == [
        "meetings[0].items[0].votes.b: expected one of ['for', 'against', 'abstain'], got 'maybe'"
    ]
    assert _problems(MEETING.replace('time = "17:30"', 'time = "half five"')) == [
        "meetings[0].time: expected a time as HH:MM, got 'half five'"
    ]
    (roster,) = _problems(MEETING.replace('["a", "b"]', '["a"]'))
    assert roster == (
        "meetings[0]: B is on Board on 1 September 2008 but is not recorded as "
        "present, apologies or absent"
    )
    (board,) = _problems(MEETING.replace('board = "ssb"', 'board = "jc"'))
    assert board == "meetings[0].board: expected one of the boards ['ssb'], got 'jc'"


def test_the_converter_and_validator_are_built_once() -> None:
    from sharegov.io import files, schema

    assert files._converter() is files._converter()
    assert files._contextual() is files._contextual()
    assert schema._validator() is schema._validator()


def test_loads_in_threads_at_once_each_see_their_own_arrangement() -> None:
    """The shared converter reads the arrangement in hand from a context variable: threads
    loading different files at once must not see each other's authorities or boards."""
    from concurrent.futures import ThreadPoolExecutor

    path = ROOT / "examples" / "bromsgrove_redditch.toml"
    reference = load(path)
    renamed = dumps(reference, "toml").replace('code = "BDC"', 'code = "BDX"')
    renamed = renamed.replace('"BDC"', '"BDX"').replace("BDC =", "BDX =")
    other = loads(renamed, "toml")
    jobs = [(lambda: load(path)) if i % 2 else (lambda: loads(renamed, "toml")) for i in range(16)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda job: job(), jobs))
    for i, result in enumerate(results):
        assert result == (reference if i % 2 else other)
