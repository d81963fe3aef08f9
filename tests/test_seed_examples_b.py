"""Seed 003 as an arrangement file (examples/seeds/003_*.toml), checked against the paper.

The East Midlands Improvement Partnership Board's minutes of 27 November 2009: a vote
"passed by 5 to 2", Actions 1-10 with owners and dates, two recommendations approved, the
£175k capital allocation, £80k per SRP for diagnostics, and Derby City's DECATS savings
("£19.2m over 3 years"). Where the test can read the paper it takes the answer from there;
those tests skip cleanly when ``../shared/seeds`` is not beside this checkout.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SHARED
from sharegov.cli import main
from sharegov.costs import Allocation, Category, CostItem, CostPlan, Grant, Pot, SavingsStream
from sharegov.decisions import CouncilDecision, JointState, Recommendation, Resolution
from sharegov.errors import InvalidValue
from sharegov.io import dumps, load, loads
from sharegov.io.files import Arrangement, Assumption
from sharegov.meetings import MeetingPlan
from sharegov.money import FinancialYear, Money
from sharegov.reference import em_iep_board
from sharegov.rules import Vote
from sharegov.strategies import moneys

FILE = ROOT / "examples" / "seeds" / "003_em_iep_2009_11_27.toml"
DAY = dt.date(2009, 11, 27)


@pytest.fixture(scope="module")
def paper() -> str:
    found = sorted((SHARED / "seeds").glob("003_*.txt")) if (SHARED / "seeds").is_dir() else []
    if not found:
        pytest.skip("../shared/seeds/003_*.txt is not present beside this checkout")
    return found[0].read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_the_file_loads_checks_and_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    arrangement = load(FILE)
    for fmt in ("toml", "yaml", "json"):
        assert loads(dumps(arrangement, fmt), fmt) == arrangement
    status, out, err = run(capsys, "check", str(FILE))
    assert (status, err) == (0, "")
    summary = "OK: 12 authorities, 1 board, 0 arrangements, 2 other bodies"
    assert out.splitlines()[-1].endswith(summary)
    # Every assumed fact is listed as assumed, with its path: nothing assumed is silent.
    assumed = [line for line in out.splitlines() if "assumed, not minuted" in line]
    assert [line.split("note: ")[1].split(":")[0] for line in assumed] == [
        "boards.emiep.seats",
        "boards.emiep.rule",
        "boards.emiep.chair_rule",
        "boards.emiep.memberships[0].start",
        "boards.emiep.members",
        "meetings[0].substitutions.wilcox",
        "meetings[0].declarations[0].kind",
        "meetings[0].items[10].actions[0].due",
        "cost_plans.decats.items[0]",
        "cost_plans.decats.savings[0]",
        "cost_plans.decats.savings[1]",
        *(f"pots[1].allocations[{i}]" for i in range(5)),
    ]


def test_item_10_carried_5_to_2_as_minuted(paper: str) -> None:
    match = re.search(r"passed by (\d+) to (\d+)", paper)
    assert match
    (meeting,) = load(FILE).meetings
    item = next(i for i in meeting.items if i.number == 10)
    assert item.votes is None  # the minutes name nobody, and neither does the file
    outcome = meeting.outcome(10)
    assert outcome.carried
    assert (outcome.tally.count(Vote.FOR), outcome.tally.count(Vote.AGAINST)) == (
        int(match[1]),
        int(match[2]),
    )
    assert "names of those voting were not recorded" in outcome.explain()


def test_item_10_decided_from_a_votes_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    votes = tmp_path / "ev.toml"
    votes.write_text(
        'motion = "Capital pot: electric vehicles (Lincolnshire SRP)"\n'
        'date = 2009-11-27\nchair = "hill"\npresent = 10\n[counts]\nfor = 5\nagainst = 2\n'
    )
    status, out, _ = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(votes))
    assert status == 0
    assert "Votes: 5 for, 2 against, 0 abstaining, 3 present not voting." in out
    # The board's rule is not in the minutes, and the answer says so.
    assert "  boards.emiep.rule: assumed, not minuted: " in out
    status, out, _ = run(
        capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(votes), "--json"
    )
    assert [line.split(":")[0] for line in json.loads(out)["assumed"]] == [
        "boards.emiep.seats",
        "boards.emiep.rule",
        "boards.emiep.chair_rule",
        "boards.emiep.memberships[0].start",
        "boards.emiep.members",
    ]
    # One vote the other way and it is 4 to 3: still carried; 3 to 4 is not.
    votes.write_text(votes.read_text().replace("for = 5\nagainst = 2", "for = 3\nagainst = 4"))
    status, out, _ = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(votes))
    assert status == 1
    assert out.splitlines()[1].startswith("Not carried")


def _paper_actions(paper: str) -> dict[int, str]:
    """Action number to owner, from the minutes' list of Priority Actions."""
    section = paper[paper.index("Priority Actions") :]
    blocks = re.split(r"\n\s*Action (\d+) - ", "\n" + section)[1:]
    owners = {}
    for number, block in zip(blocks[::2], blocks[1::2], strict=True):
        owners[int(number)] = re.split(r"\s*[–-]\s*", block.strip().rstrip("."))[-1].strip()
    return owners


def test_the_actions_and_their_owners_are_the_papers(paper: str) -> None:
    owners = _paper_actions(paper)
    assert sorted(owners) == list(range(1, 11))
    (meeting,) = load(FILE).meetings
    assert {a.number: a.owner for a in meeting.actions} == owners
    due = {a.number: a.due for a in meeting.actions}
    assert due == {
        1: dt.date(2010, 1, 20),  # "at 20 January 2010 Board meeting"
        2: dt.date(2009, 12, 15),  # "by 15th December 2009"
        3: dt.date(2010, 1, 20),  # "report back to the Board meeting on 20th January 2010"
        4: dt.date(2010, 1, 7),  # "to the Steering Group on 7th January 2010"
        5: dt.date(2009, 12, 18),  # "between 14th-18th December 2009"
        6: dt.date(2009, 12, 31),  # "by the end of December 2009"
        7: dt.date(2010, 1, 20),  # "to the Board meeting on 20th January 2010"
        8: dt.date(2010, 1, 20),  # "report this to the Board at their meeting in January 2010"
        9: None,
        10: None,
    }
    for number in (2, 4):
        assert due[number] is not None
        assert f"{due[number].day}th" in paper


def test_deadlines_show_the_actions_and_the_calendar_holds_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ics = tmp_path / "emiep.ics"
    status, out, _ = run(capsys, "deadlines", str(FILE), "--as-of", "2009-12-16", "--ics", str(ics))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Deadlines as of 16 December 2009:"
    assert (
        "Action 2: Further clarity on the Public Affairs project, for the Chair: due 15 December "
        "2009 (as of 16 December 2009); overdue (not recorded as done); owner: "
        "Northamptonshire SRP." in lines
    )
    assert lines[-3] == "Actions with no due date in the minutes:"
    assert lines[-1].startswith("  Action 10 - ")
    assert lines[-1].endswith("Cllr Begy/Cllr Sprason.")
    text = ics.read_text()
    assert text.count("SUMMARY:Due: Action ") == 8
    assert "DTSTART;VALUE=DATE:20091215" in text
    assert "Owner: Northamptonshire SRP" in text
    status, out, _ = run(capsys, "deadlines", str(FILE), "--as-of", "2009-12-16", "--json")
    data = json.loads(out)
    assert [a["number"] for a in data["actions_without_due_date"]] == [9, 10]
    assert data["deadlines"][1]["owner"] == "Northamptonshire SRP"
    states = {d["title"].split(":")[0]: d["state"] for d in data["deadlines"]}
    assert states["Action 2"] == "overdue"
    assert states["Action 4"] != "overdue"


def test_decats_savings_are_19_2m_over_3_years(
    paper: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Net Savings of £19.2m over 3 years (£54m in 5 years) predicted" in paper
    assert "Implementation commenced in September 2009" in paper
    plan = load(FILE).cost_plans["decats"]
    first, later = plan.savings
    assert first.amount.scale(first.years) == Money.parse("£19.2m")  # the paper's 3 years
    assert first.amount.scale(first.years) + later.amount.scale(later.years) == Money.parse(
        "£54m"
    )  # and its 5 years
    statement = plan.statement(years=6)
    receives = statement.receives["DERBY"]
    assert [str(m) for m in receives] == [
        "£3,733,333.33",  # September 2009 to March 2010: 7 months
        "£6,400,000.00",
        "£6,400,000.00",
        "£12,816,666.67",  # April to August 2012 (5 months of £6.4m), then 7 of £17.4m
        "£17,400,000.00",
        "£7,250,000.00",  # April to August 2014: the 5 months left of the 5 years
    ]
    assert sum(receives, Money(0)) == Money.parse("£54m")
    assert statement.pays["DERBY"] == (Money(0),) * 6  # the grants cover the £110k
    status, out, _ = run(capsys, "split", str(FILE), "--plan", "decats", "--years", "3")
    assert status == 0
    assert (
        "DECATS net savings: £6,400,000.00 a year for 3 years, September 2009 to August 2012 "
        "(36 months): £19,200,000.00 in all; £16,533,333.33 of it within 2009/10 to 2011/12"
    ) in out
    assert "assumed, not minuted: DECATS net savings" in out


def test_split_needs_a_plan_that_exists(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "split", str(FILE), "--plan", "nope")
    assert (status, out) == (2, "")
    assert "--plan: expected one of the cost plans ['decats'], got 'nope'" in err
    # With one plan and no [costs], that plan is the one.
    status, out, _ = run(capsys, "split", str(FILE), "--json")
    assert status == 0
    assert {row["council"] for row in json.loads(out)} == {"DERBY"}


def test_the_capital_pot_and_the_80k_per_srp(
    paper: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "£80k per SRP" in paper
    assert "additional £175k capital allocation" in paper
    capital, diagnostics = load(FILE).pots
    assert capital.amount == Money.parse("£175k")
    assert capital.remainder == Money.parse("£175k")  # nothing allocated from it in the minutes
    assert "taken back to the Board for reallocation" in capital.unused
    assert [a.amount for a in diagnostics.allocations] == [Money.parse("£80k")] * 5
    assert all(a.assumed for a in diagnostics.allocations)
    words = " ".join(paper.split())
    for allocation in diagnostics.allocations:
        assert allocation.to in words  # each SRP is one the minutes name
    # The £80k offers cannot have come from the £175k: five of them over-allocate it.
    with pytest.raises(InvalidValue, match=r"got £400,000.00 \(over-allocated by £225,000.00\)"):
        Pot("capital", "Capital", "£175k", allocations=diagnostics.allocations)
    # Two would fit, with the remainder shown.
    two = Pot("capital", "Capital", "£175k", allocations=diagnostics.allocations[:2])
    assert two.remainder == Money.parse("£15k")
    assert "Remainder: £15,000.00" in two.explain()
    status, out, _ = run(capsys, "split", str(FILE), "--pots", "--json")
    data = json.loads(out)
    assert status == 0
    assert data[0]["remainder"] == "£175,000.00"
    assert data[1]["remainder"] is None
    assert data[1]["allocated"] == "£400,000.00"


def test_an_over_allocated_pot_in_a_file_is_refused_with_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = FILE.read_text().replace(
        'unused = "any unused capital',
        'allocations = [{ to = "Lincolnshire SRP", amount = "£80k" }, '
        '{ to = "Derbyshire SRP", amount = "£80k" }, { to = "Notts SRP", amount = "£20k" }]\n'
        'unused = "any unused capital',
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    status, out, _ = run(capsys, "check", str(bad))
    assert status == 1
    assert out.strip() == (
        f"{bad}: pots[0].allocations: expected at most the pot's £175,000.00 in all, got "
        "£180,000.00 (over-allocated by £5,000.00)"
    )
    assert Pot("p", "P", "£175k", allocations=[Allocation("A", "£175k")]).remainder == Money(0)


def test_the_recommendations_and_the_boards_decisions(capsys: pytest.CaptureFixture[str]) -> None:
    recs = load(FILE).recommendations
    assert [r.id for r in recs] == ["peer_review", "capital_retained"]
    assert all(r.status(as_of=DAY).state is JointState.ADOPTED_BY_ALL for r in recs)
    assert recs[0].status(as_of=DAY - dt.timedelta(days=1)).state is JointState.NOT_MADE
    status, out, _ = run(capsys, "decisions", str(FILE), "--as-of", "2009-11-27", "--json")
    data = json.loads(out)
    assert status == 0
    assert [r["state"] for r in data["recommendations"]] == ["adopted by all"] * 2
    assert data["recommendations"][1]["decisions"]["emiep"]["on"] == "2009-11-27"


def test_the_next_meetings_are_planned_by_date() -> None:
    (plan,) = load(FILE).meeting_plans
    meetings = plan.meetings(until=dt.date(2010, 12, 31))
    assert [m.date for m in meetings] == [dt.date(2010, 1, 20), dt.date(2010, 4, 15)]
    assert {m.chair for m in meetings} == {"hill"}
    assert meetings[0].agenda_by == dt.date(2010, 1, 12)  # 5 clear working days


def test_a_substitution_from_a_votes_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Named votes are not in the minutes: this record is made up to test the mechanism.
    votes = tmp_path / "named.toml"
    votes.write_text(
        'date = 2009-11-27\nchair = "hill"\nunlisted = "absent"\n'
        '[votes]\nhill = "for"\nsavidge = "for"\nrhodes = "against"\n'
        "[substitutions.wilcox]\n"
        'id = "savidge"\nname = "Cllr Ken Savidge"\nauthority = "NEDDC"\n'
    )
    status, out, _ = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(votes))
    assert status == 0
    assert out.splitlines()[0] == "Substitute: Cllr Ken Savidge for Cllr Dave Wilcox."
    assert "Votes: 2 for, 1 against" in out
    # Without the substitution, savidge is nobody on the board.
    plain = tmp_path / "plain.toml"
    plain.write_text(votes.read_text().split("[substitutions")[0])
    status, _, err = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(plain))
    assert status == 2
    assert "'savidge'" in err
    # The member substituted cannot vote too.
    both = tmp_path / "both.toml"
    both.write_text(votes.read_text().replace('rhodes = "against"', 'wilcox = "against"'))
    status, _, err = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(both))
    assert status == 2
    assert "votes: 'wilcox' was substituted by Cllr Ken Savidge" in err


def test_a_substitution_on_a_board_without_substitutes_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    votes = tmp_path / "sub.toml"
    votes.write_text(
        'unlisted = "present"\n[votes]\nhollingworth = "for"\n'
        '[substitutions.webb]\nid = "sub"\nname = "Cllr A. Substitute"\n'
    )
    reference = ROOT / "examples" / "bromsgrove_redditch.toml"
    status, out, err = run(
        capsys, "decide", str(reference), "--board", "ssb", "--votes", str(votes)
    )
    assert (status, out) == (2, "")
    assert "does not permit substitutes, so Cllr A. Substitute cannot sit" in err


def test_year_fraction_matches_a_month_count_by_hand() -> None:
    # Brute force: walk the 36 months from September 2009 and count each into its year.
    counts: dict[int, int] = {}
    year, month = 2009, 9
    for _ in range(36):
        fy = year if month >= 4 else year - 1
        counts[fy] = counts.get(fy, 0) + 1
        month += 1
        if month == 13:
            year, month = year + 1, 1
    plan = load(FILE).cost_plans["decats"]
    stream = plan.savings[0]  # the paper's 3 years
    for fy in range(2008, 2014):
        assert stream.fraction_in(FinancialYear(fy)) * 12 == counts.get(fy, 0)


# -- the new sections round-trip through every format -------------------------------------------

_DAY = st.dates(dt.date(2005, 1, 1), dt.date(2015, 12, 31))
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1).filter(
    str.strip
)


@st.composite
def _streams(draw: st.DrawFn, n: int) -> SavingsStream:
    start = draw(_DAY | st.builds(FinancialYear, st.integers(2005, 2015)))
    kw: dict[str, object] = {"years": draw(st.none() | st.integers(1, 10))}
    return SavingsStream(
        f"s{n}",
        draw(_TEXT),
        draw(moneys(0, 10**9)),
        start=start,
        assumed=draw(st.booleans()),
        note=draw(st.just("") | _TEXT),
        **kw,  # type: ignore[arg-type]
    )


@st.composite
def _pots(draw: st.DrawFn, n: int) -> Pot:
    amounts = draw(st.lists(moneys(0, 10**8), max_size=4))
    total = sum(amounts, Money(0))
    size = draw(st.none() | st.integers(0, 10**8).map(lambda extra: total + Money(extra)))
    return Pot(
        f"pot{n}",
        draw(_TEXT),
        size,
        allocations=[
            Allocation(
                draw(_TEXT), a, purpose=draw(st.just("") | _TEXT), assumed=draw(st.booleans())
            )
            for a in amounts
        ],
        decided_on=draw(st.none() | _DAY),
        unused=draw(st.just("") | _TEXT),
    )


@st.composite
def _arrangements(draw: st.DrawFn) -> Arrangement:
    board = em_iep_board()
    made = draw(_DAY)
    recs = []
    for n in range(draw(st.integers(0, 2))):
        to = draw(st.sampled_from([{"DERBY": "Cabinet"}, {"emiep": "Board", "LINCS": "Council"}]))
        decisions = [
            CouncilDecision(
                code,
                draw(
                    st.sampled_from([Resolution.ADOPTED, Resolution.REJECTED, Resolution.DEFERRED])
                ),
                on=made + dt.timedelta(days=draw(st.integers(0, 60))),
                body=body,
                assumed=draw(st.booleans()),
            )
            for code, body in to.items()
            if draw(st.booleans())
        ]
        recs.append(
            Recommendation(
                f"r{n}", draw(_TEXT), to=to, made_on=made, by=draw(_TEXT), decisions=decisions,
                assumed=draw(st.booleans()), note=draw(st.just("") | _TEXT),
            )
        )  # fmt: skip
    plans = {
        f"plan{n}": CostPlan(
            ["DERBY", "LINCS"],
            items=[
                CostItem("x", draw(_TEXT), draw(moneys(0, 10**8)), category=Category.RUNNING,
                         year=FinancialYear(draw(st.integers(2005, 2015))),
                         assumed=draw(st.booleans()))
            ],
            grants=[Grant(draw(_TEXT), draw(moneys(0, 10**8)), assumed=draw(st.booleans()))],
            savings=[draw(_streams(k)) for k in range(draw(st.integers(0, 2)))],
        )
        for n in range(draw(st.integers(0, 2)))
    }  # fmt: skip
    dates = draw(st.lists(_DAY, min_size=1, max_size=3, unique=True))
    return Arrangement(
        "Part B",
        authorities=board.authorities,
        boards={"emiep": board},
        cost_plans=plans,
        pots=[draw(_pots(n)) for n in range(draw(st.integers(0, 2)))],
        recommendations=recs,
        meeting_plans=[MeetingPlan(board, dates=dates)],
        assumptions=[Assumption(f"boards.emiep.{p}", draw(_TEXT)) for p in draw(st.lists(
            st.sampled_from(["rule", "seats", "chair_rule"]), unique=True))],
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
@given(arrangement=_arrangements())
def test_the_new_sections_round_trip(fmt: str, arrangement: Arrangement) -> None:
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


def test_an_action_due_before_its_meeting_fails_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FILE.read_text().replace('due = "2009-12-15"', 'due = "2009-11-15"'))
    status, out, _ = run(capsys, "check", str(bad))
    assert status == 1
    assert out.splitlines()[0] == (
        f"{bad}: meetings[0].items[2].actions[1].due: due 2009-11-15, before the meeting of "
        "2009-11-27 that set it"
    )
    assert "OK" not in out
    assert load(bad).meetings[0].actions[1].due == dt.date(2009, 11, 15)  # it still loads


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('substitutions = "savidge"', "substitutions: expected a table of member id"),
        (
            'substitutions = { wilcox = { id = "savidge" } }',
            "expected a table with the substitute's id and name",
        ),
        (
            'substitutions = { wilcox = { id = "savidge", name = "S", seat = 1 } }',
            "substitutions.wilcox: expected only the keys id, name and authority, got 'seat'",
        ),
        (
            'substitutions = { wilcox = { id = "a b", name = "S" } }',
            "substitutions.wilcox.id: expected",
        ),
        (
            'substitutions = { wilcox = { id = "s", name = "S" }, '
            'martin = { id = "s", name = "T" } }',
            "substitutions.martin.id: 's' substitutes for two members",
        ),
        (
            'substitutions = { nobody = { id = "s", name = "S" } }',
            "substitutions.nobody: expected a member of East Midlands Improvement Partnership",
        ),
    ],
)
def test_a_bad_substitution_in_a_votes_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, table: str, message: str
) -> None:
    votes = tmp_path / "v.toml"
    votes.write_text(f'{table}\ndate = 2009-11-27\nunlisted = "absent"\n[votes]\nhill = "for"\n')
    status, out, err = run(capsys, "decide", str(FILE), "--board", "emiep", "--votes", str(votes))
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert message in err


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            '[recommendations.to]\nemiep = "Board"\n\n'
            '[[recommendations.decisions]]\nauthority = "emiep"',
            '[recommendations.to]\nnobody = "Board"\n\n'
            '[[recommendations.decisions]]\nauthority = "nobody"',
            "recommendations[0].to: expected one of the authorities or boards",
        ),
        (
            'id = "diagnostics"',
            'id = "capital_2009_10"',
            "pots[1].id: 'capital_2009_10' is given twice",
        ),
        (
            'parties = [\n    "DERBY",\n]',
            'parties = [\n    "NOPE",\n]',
            "cost_plans.decats.parties: expected one of",
        ),
        ("years = 3", "years = 0", "cost_plans.decats.savings[0].years: expected a whole number"),
        (
            'path = "boards.emiep.rule"',
            'path = "boards.nope.rule"',
            "assumptions[1].path: expected a path to one of the boards ['emiep']",
        ),
        (
            'path = "boards.emiep.seats"',
            'path = "bored.emiep.seats"',
            "assumptions[0].path: expected a path starting with one of",
        ),
        (
            'dates = [\n    "2010-01-20",',
            'dates = [\n    "2010-04-15",',
            "meeting_plans[0].dates: 2010-04-15 is given more than once",
        ),
    ],
)
def test_a_broken_section_is_named_by_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = FILE.read_text()
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1))
    status, out, _ = run(capsys, "check", str(bad))
    assert status == 1
    assert problem in out
    assert out.startswith(f"{bad}: ")


def test_the_simulation_agrees_with_the_statement(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("numpy")
    status, out, _ = run(
        capsys, "simulate", str(FILE), "--plan", "decats", "--scenarios", "200", "--seed", "1",
        "--years", "4", "--json",
    )  # fmt: skip
    assert status == 0
    quantiles = json.loads(out)["quantiles"]["DERBY"]
    statement = load(FILE).cost_plans["decats"].statement(years=4)
    net = sum(statement.receives["DERBY"], Money(0)) - sum(statement.pays["DERBY"], Money(0))
    assert str(net) == "£29,350,000.00"
    assert set(quantiles.values()) == {str(net)}  # nothing uncertain: every quantile


def test_decisions_on_a_file_with_none(capsys: pytest.CaptureFixture[str]) -> None:
    reference = ROOT / "examples" / "bromsgrove_redditch.toml"
    status, out, _ = run(capsys, "decisions", str(reference))
    assert (status, out) == (0, f"{reference}: no recommendations recorded\n")
    status, out, _ = run(capsys, "decisions", str(reference), "--json")
    assert json.loads(out)["recommendations"] == []
