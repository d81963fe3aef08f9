"""The command line: each subcommand, its exit status and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from conftest import ROOT
from sharegov import rules
from sharegov.cli import main
from sharegov.io import dump
from sharegov.reference import bromsgrove_redditch_arrangement

FILE = str(ROOT / "examples" / "bromsgrove_redditch.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def votes_file(tmp_path: Path, **votes: str) -> str:
    lines = [
        'motion = "Shared Community Safety team"',
        'absent = ["webb"]',
        'chair = "hollingworth"',
        "[votes]",
    ]
    lines += [f'{m} = "{v}"' for m, v in votes.items()]
    path = tmp_path / "votes.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


ONE_AGAINST = {
    "hollingworth": "for",
    "luck": "for",
    "gandy": "for",
    "hall": "against",
    "mcmillan": "for",
}


def test_check_a_sound_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", FILE)
    assert status == 0
    assert out.rstrip().endswith("OK: 2 authorities, 1 board, 5 arrangements")


def test_check_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (
        Path(FILE)
        .read_text()
        .replace("BDC = 3", "BDC = -1")
        .replace('name = "Cllr J. Luck"', 'nme = "x"')
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    status, out, _ = run(capsys, "check", str(bad))
    assert status == 1
    assert f"{bad}: boards.ssb.seats.BDC: expected a positive integer, got -1" in out.splitlines()
    assert any("boards.ssb.members[1]" in line for line in out.splitlines())


def test_check_finds_a_rule_the_appointed_members_cannot_meet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Two RBC seats vacant: the seats could meet "2 from each authority", the members cannot.
    arrangement = bromsgrove_redditch_arrangement()
    board = arrangement.board("ssb")
    board = attrs.evolve(
        board,
        members=[m for m in board.members if m.id not in ("hall", "mcmillan")],
        # their seats over time go too: a membership record would seat them again
        memberships=[ms for ms in board.memberships if ms.member.id not in ("hall", "mcmillan")],
        rule=rules.EachAuthority(at_least=2),
    )
    path = tmp_path / "vacancies.toml"
    dump(attrs.evolve(arrangement, boards={"ssb": board}), path)
    status, out, _ = run(capsys, "check", "--json", str(path))
    report = json.loads(out)
    assert status == 1
    assert report["notes"][0] == "boards.ssb: 2 of 6 seats vacant"
    assert report["problems"] == [
        "boards.ssb.rule: 'at least 2 in support from each authority' cannot be met by the "
        "members appointed now (4 of 6 seats filled), even if all vote in support"
    ]


def test_decide_carried_and_not(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys, "decide", FILE, "--board", "ssb", "--votes", votes_file(tmp_path, **ONE_AGAINST)
    )
    assert status == 0
    assert "Carried on the fallback rule" in out
    two_against = {**ONE_AGAINST, "mcmillan": "against"}
    status, out, _ = run(
        capsys,
        "decide",
        FILE,
        "--board",
        "ssb",
        "--votes",
        votes_file(tmp_path, **two_against),
        "--json",
    )
    data = json.loads(out)
    assert status == 1
    assert data["status"] == "not carried"
    assert data["by_authority"]["RBC"] == {"for": 1, "against": 2, "abstain": 0}


def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "decide", FILE, "--board", "nope", "--votes", votes_file(tmp_path, **ONE_AGAINST)
    )
    assert status == 2
    assert err == (
        f"sharegov: error: {FILE}: --board: expected one of the file's boards ['ssb'], got 'nope'\n"
    )
    status, _, err = run(
        capsys, "decide", FILE, "--board", "ssb", "--votes", votes_file(tmp_path, zz="for")
    )
    assert status == 2
    assert "got 'zz'" in err


def test_split_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "split", FILE, "--years", "3")
    assert status == 0
    assert out.startswith("Financial statement 2008/09 to 2010/11")
    status, out, _ = run(capsys, "split", FILE, "--json")
    rows = json.loads(out)
    assert {r["council"] for r in rows} == {"BDC", "RBC"}


def test_simulate_is_reproducible_and_writes_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ("simulate", FILE, "--scenarios", "5000", "--seed", "7", "--json")
    first = run(capsys, *args)
    second = run(capsys, *args, "--csv", str(tmp_path / "q.csv"), "--plot", str(tmp_path / "d.png"))
    assert first[0] == 0
    assert json.loads(first[1]) == json.loads(second[1])
    assert (tmp_path / "q.csv").read_text().startswith(",") or (
        tmp_path / "q.csv"
    ).stat().st_size > 0
    assert (tmp_path / "d.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_graph_withdrawal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys, "graph", FILE, "--withdraw", "RBC", "--plot", str(tmp_path / "g.png")
    )
    assert status == 0
    assert "Dissolved (fewer than two parties left)" in out
    assert (tmp_path / "g.png").exists()


def test_power_on_the_reference_board(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "power", FILE, "--board", "ssb", "--by", "authority", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["banzhaf"] == {"BDC": "1/2", "RBC": "1/2"}
    assert "Each authority's bloc is a veto player" in data["explanation"]


def test_deadlines_as_of_and_ics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ics = tmp_path / "deadlines.ics"
    status, out, _ = run(capsys, "deadlines", FILE, "--as-of", "2008-08-31", "--ics", str(ics))
    assert status == 0
    # Before the board met, Phase 1's implementation was still due on 31 December 2008.
    assert (
        "implement the quick wins for shared services / joint working: due 31 December 2008" in out
    )
    assert ics.read_text().startswith("BEGIN:VCALENDAR")
    status, out, _ = run(capsys, "deadlines", FILE, "--as-of", "2008-09-02", "--json")
    states = {d["title"]: d["due"] for d in json.loads(out)["deadlines"]}
    assert (
        states["Phase 1: implement the quick wins for shared services / joint working"]
        == "2009-01-31"
    )


def test_demo_shows_decisions_deadlines_and_costs(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo")
    assert status == 0
    assert "Carried on the fallback rule" in out
    assert "== The phase deadlines, as known on 2 September 2008" in out
    assert "Financial statement 2008/09 to 2010/11" in out


def test_simulate_progress_bar_does_not_change_results(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", FILE, "--scenarios", "70000", "--seed", "3", "--json")
    _, plain, _ = run(capsys, *args)
    _, with_bar, err = run(capsys, *args, "--progress")
    assert json.loads(plain) == json.loads(with_bar)
    assert "simulating" in err  # a tqdm bar, on standard error
    assert "100%" in err
    assert "70000/70000" in err


def test_check_counts_one_council_in_the_singular(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from sharegov.costs import Category, CostItem, CostPlan

    arrangement = bromsgrove_redditch_arrangement()
    plan = CostPlan(
        ["BDC"],
        items=[CostItem("x", "Study", "£1,000", category=Category.INVESTIGATION, year="2008/09")],
    )
    path = tmp_path / "one.toml"
    dump(attrs.evolve(arrangement, costs=plan), path)
    status, out, _ = run(capsys, "check", "--json", str(path))
    assert status == 0
    assert json.loads(out)["notes"] == ["costs: 1 council over 5 years"]


def record_file(tmp_path: Path, text: str, name: str = "votes.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('casting = "yes"\nchair = "hollingworth"\n[votes]\n', "casting: expected 'for' or "
         "'against', got 'yes'"),
        ("chair = []\n[votes]\n", "chair: expected a member id, got []"),
        ('unlisted = "maybe"\n[votes]\n', "unlisted: expected 'present' or 'absent', got 'maybe'"),
        ('date = "1 Sept 2008"\n[votes]\n', "date: expected a date as YYYY-MM-DD, got '1 Sept"),
        ('absent = "webb"\n[votes]\n', "absent: expected a list of member ids, got 'webb'"),
        ("[votes]\nluck = 1\n", "votes.luck: expected 'for', 'against' or 'abstain', got 1"),
        ("[counts]\nfor = -1\n", "counts.for: expected a whole number >= 0, got -1"),
        ('motion = "x"\n', "votes: expected a table of member id to for/against/abstain"),
    ],
)  # fmt: skip
def test_bad_votes_files_name_the_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    path = record_file(tmp_path, text)
    status, out, err = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"sharegov: error: {path}: {message}")


def test_votes_file_attendance_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = record_file(
        tmp_path,
        'date = 2008-09-01\napologies = ["webb"]\npresent = ["hall"]\nchair = "hollingworth"\n'
        '[votes]\nhollingworth = "for"\nluck = "for"\ngandy = "for"\nmcmillan = "for"\n',
    )
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path)
    assert status == 0
    assert "Apologies: Cllr M. Webb, BDC." in out
    assert "Present, not voting: Cllr M. Hall, RBC." in out
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--json")
    data = json.loads(out)
    assert data["date"] == "2008-09-01"
    assert data["minuted_counts"] is False
    assert data["kind"] == "outcome"  # the documented JSON form, sharegov.io.results
    assert data["attendance"] == {
        "present": 5,
        "present_not_voting": ["hall"],
        "present_not_voting_count": 1,
        "apologies": ["webb"],
        "absent": [],
        "excluded": [],
        "assumed": [],
        "unlisted": None,
    }
    # A date in the file and a different --as-of: refused rather than guessed.
    status, _, err = run(
        capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--as-of", "2008-09-02"
    )
    assert status == 2
    assert "date: the votes file is of a meeting on 2008-09-01, but --as-of gives 2008-09-02" in err


def test_unlisted_absent_is_named_in_the_explanation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = record_file(
        tmp_path,
        'unlisted = "absent"\n[votes]\nhollingworth = "for"\nluck = "for"\ngandy = "for"\n'
        'hall = "for"\n',
    )
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--json")
    data = json.loads(out)
    assert status == 0
    assert data["attendance"]["assumed"] == ["webb", "mcmillan"]
    assert data["attendance"]["unlisted"] == "absent"
    assert (
        "Members not listed were taken to be absent, as the record says: Cllr M. Webb, BDC; "
        "Cllr C. McMillan, RBC." in data["explanation"]
    )


def test_counts_only_votes_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # "Agreed by 5 votes to 0" carries on consensus, whatever each authority's counts.
    path = record_file(tmp_path, "[counts]\nfor = 5\n")
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path)
    assert status == 0
    assert out.startswith("Carried on consensus")
    # "4 votes to 1" is no consensus: the fallback needs each authority's counts.
    path = record_file(tmp_path, "[counts]\nfor = 4\nagainst = 1\n")
    status, _, err = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path)
    assert status == 2
    assert "needs the counts of each authority" in err
    path = record_file(
        tmp_path,
        "[counts]\nfor = 4\nagainst = 1\n"
        "[by_authority.BDC]\nfor = 2\n[by_authority.RBC]\nfor = 2\nagainst = 1\n",
    )
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--json")
    data = json.loads(out)
    assert status == 0
    assert data["minuted_counts"] is True
    assert data["by_authority"]["RBC"] == {"for": 2, "against": 1, "abstain": 0}
    assert "The counts are as minuted" in data["explanation"]


def test_graph_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "graph", FILE)
    status, before, _ = run(capsys, "graph", FILE, "--as-of", "2008-01-01")
    assert status == 0
    assert before != everything  # payroll (from 1 September 2008) was not yet shared
    with pytest.raises(SystemExit) as exit:  # argparse refuses it, as for every option
        main(["graph", FILE, "--as-of", "2008-13-01"])
    assert exit.value.code == 2
    assert "expected a date as YYYY-MM-DD, got '2008-13-01'" in capsys.readouterr().err


def test_decide_why_not_names_what_would_have_carried_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = record_file(
        tmp_path,
        'apologies = ["webb"]\n[votes]\nhollingworth = "for"\nluck = "for"\ngandy = "for"\n'
        'hall = "against"\nmcmillan = "against"\n',
    )
    status, out, _ = run(capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--why-not")
    assert status == 1
    assert "Not carried. One change would have carried it:" in out
    assert "one member from RBC voting for instead of voting against" in out
    status, out, _ = run(
        capsys, "decide", FILE, "--board", "ssb", "--votes", path, "--why-not", "--json"
    )
    assert "carried on the fallback rule" in json.loads(out)["why_not"]


def test_power_blocs(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "power", FILE, "--board", "ssb", "--blocs")
    assert status == 0
    assert out.startswith("Owen power of each member, in 2 blocs")
    assert "RBC's three members hold 50.0% of the bloc power" in out
    status, out, _ = run(capsys, "power", FILE, "--board", "ssb", "--blocs", "--json")
    data = json.loads(out)
    assert data["owen"]["hall"] == "1/6"
    assert set(data) >= {"owen", "banzhaf_owen"}
    status, _, err = run(capsys, "power", FILE, "--board", "ssb", "--blocs", "--by", "authority")
    assert status == 2
    assert "--by" in err
