"""Words a clerk can paste: the commands on the real seed files (the careful-clerk review's
findings 4, 7, 8, 9 and 13), each checked against the file itself or the paper."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from sharegov.cli import main
from sharegov.io import load
from sharegov.io.check import findings

SEEDS = ROOT / "examples" / "seeds"
S000 = str(SEEDS / "000_east_midlands_solace.toml")
S002 = str(SEEDS / "002_huntingdonshire_shared_services.toml")
S003 = str(SEEDS / "003_em_iep_2009_11_27.toml")
S004 = str(SEEDS / "004_north_herts_shared_services.toml")
REFERENCE = str(ROOT / "examples" / "bromsgrove_redditch.toml")
#: What a message must never show: Python's own spelling of a value.
REPRS = re.compile(r"got None|datetime\.|Vote\.|Fraction\(|\(\w+,\)")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def assumed_in_check(path: str, where: str) -> list[str]:
    """The assumed facts ``check`` lists at ``where`` or under it: the outside oracle."""
    return [
        line
        for line in findings(load(path)).assumed
        if re.match(rf"{re.escape(where)}[.\[:]", line)
    ]


# ---------------------------------------------------------------------------------------------
# Finding 7: no Python reprs; a file without the section says so
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [S000, S002, S004])
@pytest.mark.parametrize(("command", "doing"), [("split", "split"), ("simulate", "simulate")])
def test_a_file_with_no_costs_says_there_is_nothing_to_split(
    capsys: pytest.CaptureFixture[str], seed: str, command: str, doing: str
) -> None:
    assert load(seed).costs is None
    assert not load(seed).cost_plans
    extra = ["--seed", "1"] if command == "simulate" else []
    status, out, err = run(capsys, command, seed, *extra)
    assert (status, out) == (2, "")
    assert err == (
        f"sharegov: error: {seed} has no [costs] section (nor cost_plans): nothing to {doing}\n"
    )


def test_pots_and_power_on_files_without_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "split", S000, "--pots")
    assert (status, err) == (
        2,
        f"sharegov: error: {S000} has no [[pots]] section: no pots to show\n",
    )
    assert not load(S004).boards  # the premise
    status, _, err = run(capsys, "power", S004, "--board", "x")
    assert (status, err) == (2, f"sharegov: error: {S004} has no boards\n")
    status, _, err = run(capsys, "power", S003, "--board", "x")
    assert status == 2
    assert err == (
        f"sharegov: error: {S003}: --board: expected one of the file's boards ['emiep'], got 'x'\n"
    )


def test_a_bad_date_in_a_file_is_named_in_iso(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A membership that ends before it starts: the date is shown as the file gives it.
    text = Path(REFERENCE).read_text(encoding="utf-8")
    assert 'start = "2008-06-30"' in text  # the premise: a membership with a start
    bad = tmp_path / "bad.toml"
    bad.write_text(
        text.replace('start = "2008-06-30"', 'start = "2008-06-30"\nend = "2001-02-03"', 1)
    )
    status, out, _ = run(capsys, "check", str(bad))
    assert status == 1
    assert "got 2001-02-03" in out
    assert not REPRS.search(out), out


# ---------------------------------------------------------------------------------------------
# Finding 4: simulate and power
# ---------------------------------------------------------------------------------------------


def test_simulate_one_council_fixed_plan_claims_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    plan = load(S003).cost_plan()
    assert plan.parties == ("DERBY",)  # the premise: one council
    status, out, _ = run(capsys, "simulate", S003, "--seed", "1", "--scenarios", "200")
    assert status == 0
    assert "better off than alone" not in out
    assert "90% between" not in out
    statement = plan.statement(years=5)
    net = sum(statement.net("DERBY"), type(statement.net("DERBY")[0])(0))
    assert f"  DERBY: {net} in every scenario\n" in out
    assert "the result is fixed" in out
    assert "DERBY is the plan's only council: with no partner" in out
    # The plan's assumed facts, as check lists them, and only those.
    oracle = assumed_in_check(S003, "cost_plans.decats")
    assert len(oracle) == 3  # the diagnostic's year and the two savings streams
    _head, _, tail = out.partition(
        "The plan, as the file gives it, includes facts the paper does not:\n"
    )
    assert tail.splitlines() == [f"  {line}" for line in oracle]
    status, out, _ = run(capsys, "simulate", S003, "--seed", "1", "--scenarios", "200", "--json")
    document = json.loads(out)
    assert document["p_better_off"] == {"DERBY": None}
    assert document["assumed"] == oracle


def test_simulate_keeps_its_range_and_comparison_where_they_mean_something(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "simulate", REFERENCE, "--seed", "1", "--scenarios", "500")
    assert status == 0
    assert len(load(REFERENCE).cost_plan().parties) == 2
    assert out.count("better off than alone in") == 2
    assert "90% between" in out
    assert "fixed" not in out


def test_power_lists_the_boards_assumed_terms(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "power", S003, "--board", "emiep", "--by", "authority")
    assert status == 0
    oracle = assumed_in_check(S003, "boards.emiep")
    assert any("one seat per member named" in line for line in oracle)
    _, _, tail = out.partition(
        "The board's terms, as the file gives them, include facts the paper does not:\n"
    )
    assert tail.splitlines() == [f"  {line}" for line in oracle]
    status, out, _ = run(capsys, "power", S003, "--board", "emiep", "--json")
    assert json.loads(out)["assumed"] == oracle


def test_split_one_year_keeps_the_savings_note_and_names_the_year_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "split", S003, "--years", "1")
    assert status == 0
    assert out.startswith("Financial statement 2009/10 (ranges taken prudently):\n")
    assert "2009/10 to 2009/10" not in out
    assert "saving £3,733,333.33 (7 months)" in out  # the saving is shown ...
    assert "assumed, not minuted: DECATS net savings (" in out  # ... and so is its note
    assert "£3,733,333.33 of it within 2009/10\n" in out
    status, out, _ = run(capsys, "split", S003, "--years", "2")
    assert out.startswith("Financial statement 2009/10 to 2010/11 (")


# ---------------------------------------------------------------------------------------------
# Finding 13: pots with no total; an assumed term in words
# ---------------------------------------------------------------------------------------------


def test_a_pot_with_no_total_says_what_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    pot = load(S003).pots[1]
    assert pot.amount is None
    assert len(pot.allocations) == 5
    status, out, _ = run(capsys, "split", S003, "--pots")
    assert status == 0
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(pot.description))
    assert lines[start].endswith(": the total in the pot is not given")
    assert "amount not given" not in out
    assert lines[start + 6 : start + 8] == [
        "  Allocated: £400,000.00",
        "  Remainder: not known, as the total is not given",
    ]


def test_check_shows_an_assumed_term_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", S000)
    assert status == 0
    line = next(line for line in out.splitlines() if ": term = " in line)
    assert "the term given" not in line
    assert "term = a 12-month trial from 16 December 2005 to 16 December 2006" in line


# ---------------------------------------------------------------------------------------------
# Finding 8: deadlines
# ---------------------------------------------------------------------------------------------


def test_deadlines_with_nothing_to_list_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "deadlines", S002, "--as-of", "2009-11-01")
    assert (status, out) == (0, f"{S002}: no deadlines, phases or actions recorded\n")


def test_actions_are_not_listed_before_the_meeting_that_set_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting = load(S003).meetings[0]
    assert meeting.date == dt.date(2009, 11, 27)
    assert len(meeting.actions) == 10
    status, out, _ = run(capsys, "deadlines", S003, "--as-of", "2009-11-01")
    assert (status, out) == (
        0,
        f"{S003}: no deadlines or actions set by 1 November 2009; 10 set later "
        "(the first on 27 November 2009).\n",
    )
    # From the meeting's day every action is there, the undated 9 and 10 last.
    status, out, _ = run(capsys, "deadlines", S003, "--as-of", "2009-11-27")
    lines = out.splitlines()
    assert lines[0] == "Deadlines as of 27 November 2009:"
    assert [line.split(":")[0] for line in lines[1:9]] == [f"Action {n}" for n in range(1, 9)]
    assert lines[9:] == [
        "Actions with no due date in the minutes:",
        "  Action 9 - Circulate the Member Development report to all councils - Lisa Butterfill.",
        "  Action 10 - Investigate joining up safeguarding across the Adult and Children's JIPs"
        " - Cllr Begy/Cllr Sprason.",
    ]
    status, out, _ = run(capsys, "deadlines", S003, "--as-of", "2009-11-01", "--json")
    assert json.loads(out)["actions_without_due_date"] == []


def test_a_meeting_is_held_not_overdue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A Branch meeting on 26/5/06 (seed 000's next meeting), marked as a meeting.
    marked = tmp_path / "meeting.toml"
    marked.write_text(
        'name = "Branch"\nauthorities = [{ code = "A", name = "A Council" }]\n'
        '[[deadlines]]\ntitle = "Branch meeting and AGM"\ndue = "2006-05-26"\n'
        'set_on = "2005-12-16"\nmeeting = true\n'
    )
    status, out, _ = run(capsys, "deadlines", str(marked), "--as-of", "2009-11-01")
    assert status == 0
    assert "overdue" not in out
    assert out.splitlines()[1] == (
        "Branch meeting and AGM: due to be held on 26 May 2006 (as of 1 November 2009); "
        "not recorded as held."
    )
    status, out, _ = run(capsys, "deadlines", str(marked), "--as-of", "2006-05-01")
    assert ": to be held on 26 May 2006 (as of 1 May 2006)." in out
    status, out, _ = run(capsys, "deadlines", str(marked), "--as-of", "2006-05-01", "--json")
    assert json.loads(out)["deadlines"][0]["meeting"] is True


# ---------------------------------------------------------------------------------------------
# Finding 9: decisions
# ---------------------------------------------------------------------------------------------


def test_decisions_name_the_board_not_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    name = load(S003).board("emiep").name
    status, out, _ = run(capsys, "decisions", S003, "--as-of", "2009-11-27")
    assert status == 0
    assert "emiep" not in out
    assert out.count(f": adopted by {name} (as of 27 November 2009).") == 2
    assert f"  {name}: adopted on 27 November 2009 (minute 8)." in out


def test_a_recommendation_not_yet_made_is_not_pending(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "decisions", S003, "--as-of", "2009-11-26")
    assert status == 0
    assert "pending" not in out
    lines = out.splitlines()
    assert len(lines) == 2
    assert all(
        line.endswith(": not yet made (as of 26 November 2009; made on 27 November 2009).")
        for line in lines
    )
    status, out, _ = run(capsys, "decisions", S003, "--as-of", "2009-11-26", "--json")
    states = [r["state"] for r in json.loads(out)["recommendations"]]
    assert states == ["not yet made", "not yet made"]


def test_the_paper_dates_the_recommendations(capsys: pytest.CaptureFixture[str]) -> None:
    # The outside oracle for "made on": the minutes' own date.
    papers = sorted((SHARED / "seeds").glob("003_*.txt")) if (SHARED / "seeds").is_dir() else []
    if not papers:
        pytest.skip("../shared/seeds/003_*.txt is not present beside this checkout")
    paper = papers[0].read_text(encoding="utf-8")
    assert re.search(r"27(th)? November 2009", paper)
    assert {r.made_on for r in load(S003).recommendations} == {dt.date(2009, 11, 27)}
