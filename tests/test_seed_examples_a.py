"""Seeds 000, 002 and 004 as arrangement files (``examples/seeds/``): each loads, passes
``check``, round-trips, and gives the paper's key answers; what a paper does not give is
marked assumed and shown so. Tests that read the papers themselves (as an outside oracle for
the facts in the files) skip cleanly when ``../shared/seeds`` is absent."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from conftest import ROOT, SHARED
from sharegov.cli import main
from sharegov.concordat import TermState
from sharegov.io import dumps, load, loads
from sharegov.io.graphs import graph_json, graph_of

SEEDS = ROOT / "examples" / "seeds"
S000 = SEEDS / "000_east_midlands_solace.toml"
S002 = SEEDS / "002_huntingdonshire_shared_services.toml"
S004 = SEEDS / "004_north_herts_shared_services.toml"
FILES = [S000, S002, S004]


def paper(number: str) -> str:
    """The text of a seed paper, or skip when the shared folder is not beside this checkout."""
    found = sorted((SHARED / "seeds").glob(f"{number}_*.txt")) if SHARED.is_dir() else []
    if not found:
        pytest.skip(f"../shared/seeds/{number}_*.txt is not present beside this checkout")
    return found[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_seed_file_loads_checks_and_round_trips(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: OK:" in out
    arrangement = load(path)
    for fmt in ("toml", "yaml", "json"):
        assert loads(dumps(arrangement, fmt), fmt) == arrangement


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_assumed_facts_are_shown_as_assumed_never_as_minuted(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arrangement = load(path)
    marked = [(i, name) for i, a in enumerate(arrangement.arrangements) for name in a.assumed]
    assert main(["check", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    for i, name in marked:
        assert any(
            line.startswith(f"arrangements[{i}]: {name} = ") and "is assumed, not minuted" in line
            for line in report["assumed"]
        ), (i, name)
    assert len(report["assumed"]) >= len(marked)


# -- seed 004: North Hertfordshire, April 2011 --------------------------------------------


def test_004_audit_continues_and_building_control_dissolves_when_north_herts_withdraws() -> None:
    graph = graph_of(load(S004))
    impact = graph.withdrawal_impact("NHDC")
    assert "sias" in impact.continuing
    assert "building_control" in impact.dissolved
    assert "sias" not in impact.dissolved
    assert "sias" not in impact.dependents
    text = impact.explain()
    assert "Continue without it: Shared Internal Audit Service." in text
    assert "Building control" in text.splitlines()[1]  # the "Dissolved" line
    # The JSON gives the same answer, and the same count as the explanation and the table.
    data = graph_json(graph, withdraw="NHDC")["impacts"][0]
    assert data["continuing"] == ["sias"]
    assert "building_control" in data["dissolved"]
    row = next(r for r in graph.withdrawal_table().rows() if r["council"] == "NHDC")
    assert data["affected"] == row["affected"] == impact.affected == 3
    assert "3 of its 4 arrangements are affected" in text


def test_004_audit_partners_are_the_papers() -> None:
    text = paper("004")
    sias = next(a for a in load(S004).arrangements if a.id == "sias")
    assert sias.host == "HCC"
    assert "hosted by the county council" in text
    match = re.search(
        r"original participants were (.+?), but these have now been joined by (.+?), so", text
    )
    assert match, "seed 004 names the SIAS participants"
    named = re.split(r",\s*|\s*&\s*", f"{match[1]}, {match[2]}")
    assert len(named) == 6  # EH, NH, Stevenage; Hertsmere, Dacorum, St. Albans
    assert len(sias.parties) == len(named) + 1  # and the county council that hosts it


def test_004_licensing_extension_is_a_history_and_ends() -> None:
    arrangement = load(S004)
    licensing = next(a for a in arrangement.arrangements if a.id == "licensing")
    assert [e.new for e in licensing.history] == [dt.date(2011, 12, 31)]
    assert "extended until the end of the year" in licensing.history[0].reason
    assert "earlier end not recorded" in licensing.history[0].describe()
    assert set(licensing.assumed) == {"start", "end"}
    # Not live after its end date; not live before SIAS starts.
    before = graph_of(arrangement, as_of=dt.date(2011, 5, 1))
    after = graph_of(arrangement, as_of=dt.date(2012, 1, 1))
    assert "licensing" in before.arrangements
    assert "sias" not in before.arrangements
    assert "licensing" not in after.arrangements
    assert "sias" in after.arrangements


def test_004_contractors_are_bodies_not_authorities() -> None:
    arrangement = load(S004)
    codes = {a.code for a in arrangement.authorities}
    kinds = {b.id: b.kind for b in arrangement.bodies}
    assert kinds["serco"] == kinds["capita"] == "contractor"
    assert not {"serco", "capita", "riep"} & codes
    if (SHARED / "seeds").is_dir():
        text = paper("004")
        assert "SERCO" in text
        assert "CAPITA" in text


# -- seed 002: Huntingdonshire, South Cambridgeshire and Cambridge City --------------------


def test_002_ict_lead_is_huntingdonshire_marked_as_read_from_the_minutes() -> None:
    arrangement = load(S002)
    ict = next(a for a in arrangement.arrangements if a.id == "ict")
    legal = next(a for a in arrangement.arrangements if a.id == "legal")
    assert ict.lead == "HDC"
    assert "lead" in ict.assumed  # the minutes imply it; they do not state it
    assert legal.lead is None  # not named at all: left out, not invented
    impact = graph_of(arrangement).withdrawal_impact("HDC")
    assert impact.lose_lead == ("ict",)
    assert "lead = 'HDC' is assumed, not minuted" in impact.explain()


def test_002_the_minutes_support_the_lead_and_the_monitoring_officer() -> None:
    text = paper("002")
    assert "sufficient expertise to lead on the development of a shared ICT service" in text
    assert "retained in house by the Corporate Director (Services)" in text
    assert "£0.5M from the Transformation Challenge Fund" in text


def test_002_monitoring_officer_stays_in_house_and_who_acts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    arrangement = load(S002)
    (duty,) = arrangement.statutory_duties
    assert (duty.authority, duty.post) == ("HDC", "hdc_mo")
    status = main(["who-acts", str(S002), "--post", "hdc_mo", "--matter", "legal", "--json"])
    assert status == 0
    acting = json.loads(capsys.readouterr().out)["acting"]  # the who_acts document
    assert {a["authority"]: a["officer"] for a in acting} == {"HDC": "hdc_cds"}
    (scrutiny,) = arrangement.scrutiny
    assert scrutiny.status == "to be agreed"
    assert {s.status for s in arrangement.service_levels} == {"to be agreed"}


# -- seed 000: East Midlands SOLACE Branch, 16 December 2005 ----------------------------


def test_000_de_montfort_one_year_trial_and_its_review() -> None:
    arrangement = load(S000)
    trial = next(a for a in arrangement.arrangements if a.id == "dmu_trial")
    kinds = {b.id: b.kind for b in arrangement.bodies}
    assert set(trial.parties) == {"em_solace", "dmu"}
    assert kinds == {
        "em_solace": "professional branch",
        "dmu": "university",
        "lgem": "regional body",
    }
    assert trial.term is not None
    assert trial.term.trial == relativedelta(years=1)
    assert trial.term.review_dates(until=dt.date(2007, 1, 1)) == [dt.date(2006, 12, 16)]
    assert trial.term.state(as_of=dt.date(2006, 5, 26)) is TermState.TRIAL
    assert trial.term.state(as_of=dt.date(2007, 1, 1)) is TermState.CONTINUING
    assert {"start", "term"} <= set(trial.assumed)  # the minutes give neither
    impact = graph_of(arrangement).withdrawal_impact("dmu")
    assert impact.dissolved == ("dmu_trial",)
    assert impact.isolated == ("em_solace",)


def test_000_facts_are_the_minutes() -> None:
    text = paper("000")
    assert "16 DECEMBER 2005" in text
    assert "enter into a one-year trial partnership" in text
    assert "De Montfort be invited to host the 26/5/06 meeting" in text
    assert "Derbyshire Dales host the team, High Peak second some staff" in text
    arrangement = load(S000)
    (deadline,) = arrangement.deadlines
    assert deadline.due == dt.date(2006, 5, 26)
    (secondment,) = arrangement.secondments
    assert (secondment.employer, secondment.host) == ("HPBC", "DDDC")
    assert secondment.share is None  # the minutes do not say: not invented
    (exit_strategy,) = arrangement.exit_strategies
    assert "notice not recorded" in exit_strategy.describe()
