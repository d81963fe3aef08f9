"""``sharegov check`` is a guarantee: when it passes, every command that takes a file works on
it; when a cross-reference any command follows does not resolve, ``check`` fails and names
the file and the path inside it.

Before this, ``check`` passed a file whose arrangement named a funder that was listed nowhere,
and ``sharegov graph`` then refused the same file.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from sharegov.agreements import (
    ExitStrategy,
    Indicator,
    ScrutinyArrangement,
    Secondment,
    ServiceLevelAgreement,
    StatutoryDuty,
)
from sharegov.cli import BAD_INPUT, main
from sharegov.concordat import Extension, ServiceArrangement, Term
from sharegov.costs import Equal
from sharegov.io import dumps, load, loads
from sharegov.io.files import Arrangement
from sharegov.parties import Authority, Body, Officer, Post, StatutoryRole

EXAMPLES = sorted(
    [*(ROOT / "examples").glob("*.toml"), *(ROOT / "examples" / "seeds").glob("*.toml")]
)


def commands(path: Path, tmp_path: Path) -> list[list[str]]:
    """Every command that takes an arrangement file, with the arguments the file allows."""
    arrangement = load(path)
    file = str(path)
    runs: list[list[str]] = [
        ["check", file],
        ["check", "--json", file],
        ["deadlines", file, "--as-of", "2009-01-01"],
        ["deadlines", "--json", file, "--as-of", "2009-01-01", "--ics", str(tmp_path / "d.ics")],
        ["graph", file],
        ["graph", "--json", file],
    ]
    parties = [a.code for a in arrangement.authorities] + [b.id for b in arrangement.bodies]
    for code in parties:
        runs.append(["graph", file, "--withdraw", code])
        runs.append(["graph", "--json", file, "--withdraw", code])
    days = {d for a in arrangement.arrangements for d in (a.start, a.end) if d is not None}
    days |= {d for a in arrangement.arrangements for d in (*a.joined.values(), *a.left.values())}
    for day in sorted(days):
        runs.append(["graph", "--json", file, "--as-of", day.isoformat()])
    matters = sorted({c.matter for c in arrangement.officer_conflicts}) or ["any matter"]
    for post in arrangement.posts:
        if post.holder is not None:
            for matter in matters:
                runs.append(["who-acts", file, "--post", post.id, "--matter", matter])
                runs.append(["who-acts", "--json", file, "--post", post.id, "--matter", matter])
    for key, board in arrangement.boards.items():
        # One vote on each roster the board has over time, dated within it where the
        # roster changes (an undated vote is then refused: the roster is never presumed).
        changes = board.roster_changes()
        for n, (since, roster) in enumerate(board.rosters()):
            day = since or (changes[0] - dt.timedelta(days=1) if changes else None)
            votes = tmp_path / f"{key}-{n}.toml"
            lines = ['unlisted = "absent"'] + ([f"date = {day}"] if day else []) + ["[votes]"]
            lines += [f'{m.id} = "for"' for m in roster.voting_members]
            votes.write_text("\n".join(lines) + "\n", encoding="utf-8")
            runs.append(["decide", file, "--board", key, "--votes", str(votes)])
        runs.append(["power", file, "--board", key])
        runs.append(["power", file, "--board", key, "--by", "authority"])
    if arrangement.costs is not None:
        runs.append(["split", file])
        runs.append(["simulate", file, "--seed", "1", "--scenarios", "200"])
    return runs


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_command_works_on_a_file_check_passes(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(path)]) == 0
    runs = commands(path, tmp_path)
    assert len(runs) > 6  # the file gives the commands something to do
    for argv in runs:
        status = main(argv)
        out, err = capsys.readouterr()
        assert status != BAD_INPUT, (argv, err)
        assert not err.startswith("sharegov: error"), (argv, err)
        if "--json" in argv:
            json.loads(out)


def test_graph_json_gives_nodes_edges_and_impacts(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "examples" / "seeds" / "004_north_herts_shared_services.toml"
    assert main(["graph", "--json", str(path)]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    types = {n["id"]: n["type"] for n in data["nodes"]}
    assert types["NHDC"] == "authority"
    assert types["serco"] == "body"
    assert types["sias"] == "arrangement"
    assert {"source": "serco", "target": "sms", "relation": "provides"} in data["edges"]
    assert {"source": "HCC", "target": "sias", "relation": "hosts"} in data["edges"]
    impacts = {i["council"]: i for i in data["impacts"]}
    assert set(impacts) == {n["id"] for n in data["nodes"] if n["type"] == "authority"}
    for impact in impacts.values():
        parts = [
            *impact["dissolved"],
            *impact["ended"],
            *impact["provides"],
            *impact["funds"],
            *impact["lose_host"],
            *impact["lose_lead"],
            *impact["dependents"],
            *impact["continuing"],
        ]
        assert len(parts) == len(set(parts))  # nothing is both at risk and continuing
        own_hit = set(impact["arrangements"]) - set(impact["continuing"])
        assert own_hit <= set(parts)
        assert impact["affected"] == len(parts) - len(impact["continuing"])


BASE = """
name = "Guarantee"

[[authorities]]
code = "A"
name = "Aville"

[[authorities]]
code = "B"
name = "Beeton"

[[bodies]]
id = "uni"
name = "Beeton University"
kind = "university"

[[bodies]]
id = "fund"
name = "Improvement Fund"
kind = "improvement partnership"

[boards.jb]
name = "Joint Board"
authorities = ["A", "B"]
members = [
    { id = "a1", name = "Cllr A One", authority = "A" },
    { id = "b1", name = "Cllr B One", authority = "B" },
]
rule = { type = "Majority" }
chair_rule = { type = "FixedChair", member = "a1" }

[boards.jb.seats]
A = 1
B = 1

[[arrangements]]
id = "audit"
service = "Internal audit"
parties = ["A", "B", "uni"]
host = "A"
funded_by = ["fund"]

[arrangements.assumed]
host = "the paper does not say who hosts"

[[arrangements]]
id = "it"
service = "ICT"
parties = ["A", "B", "uni"]
lead = "uni"
depends_on = ["audit"]
start = "2010-01-01"
joined = { uni = "2011-01-01" }
left = { uni = "2012-12-31" }
assumed = { lead = "read from the minutes", joined = "month given, not day" }

[[officers]]
id = "ceo"
name = "Ms Chief"
employer = "A"

[[officers]]
id = "dep"
name = "Mr Deputy"
employer = "A"

[[officers]]
id = "mo_a"
name = "A's Monitoring Officer"
employer = "A"

[[officers]]
id = "mo_b"
name = "B's Monitoring Officer"
employer = "B"

[[posts]]
id = "jce"
title = "Joint Chief Executive"
authorities = ["A", "B"]
roles = ["head of paid service"]
holder = "ceo"
employer = "A"

[[delegation_schemes]]
authority = "A"
monitoring_officer = "mo_a"
deputies = { ceo = "dep" }

[[delegation_schemes]]
authority = "B"
monitoring_officer = "mo_b"
deputies = { ceo = "dep" }

[[officer_conflicts]]
officer = "ceo"
matter = "depot site"
authorities = ["A", "B"]

[[secondments]]
officer = "dep"
employer = "A"
host = "B"
share = "1/2"
arrangement = "audit"
post = "jce"

[[service_levels]]
id = "audit_sla"
arrangement = "audit"
parties = ["A", "B"]
indicators = [{ name = "Audit plan delivered", target = "90%" }]
reviews = ["2012-03-31"]

[[exit_strategies]]
arrangement = "audit"
notice = "6 months"
exit_costs = { type = "Equal" }

[[scrutiny]]
arrangements = ["audit"]
body = "Joint Scrutiny Committee"
joint = true
call_in = true

[[statutory_duties]]
duty = "Internal audit"
authority = "B"
post = "jce"
arrangements = ["audit"]

[[dispensations]]
member = "b1"
matters = ["depot site"]
ground = "a"
granted_by = "Standards Committee"
start = "2012-07-01"
until = "2013-07-01"
"""

#: Each edit breaks one cross-reference: (old, new, the path check must name).
BROKEN = {
    "funder not listed (graph used to refuse it)": (
        'funded_by = ["fund"]',
        'funded_by = ["nobody"]',
        "arrangements[0].funded_by[0]",
    ),
    "provider not listed": (
        'funded_by = ["fund"]',
        'provider = "serco"',
        "arrangements[0].provider",
    ),
    "dependency not listed": ('depends_on = ["audit"]', 'depends_on = ["hr"]', "arrangements[1]"),
    "party neither authority nor body": (
        'parties = ["A", "B", "uni"]\nhost = "A"',
        'parties = ["A", "B", "college"]\nhost = "A"',
        "arrangements[0].parties",
    ),
    "officer's employer": (
        'name = "Mr Deputy"\nemployer = "A"',
        'name = "Mr Deputy"\nemployer = "Z"',
        "officers[1].employer",
    ),
    "post holder": ('holder = "ceo"', 'holder = "cfo"', "posts[0].holder"),
    "post employer": (
        'employer = "A"\n\n[[delegation',
        'employer = "Q"\n\n[[delegation',
        "posts[0].employer",
    ),
    "deputy in a scheme": (
        'monitoring_officer = "mo_b"\ndeputies = { ceo = "dep" }',
        'monitoring_officer = "mo_b"\ndeputies = { ceo = "ghost" }',
        "delegation_schemes[1].deputies.ceo",
    ),
    "scheme's monitoring officer": (
        'monitoring_officer = "mo_a"',
        'monitoring_officer = "mo_x"',
        "delegation_schemes[0].monitoring_officer",
    ),
    "conflicted officer": (
        'officer = "ceo"\nmatter',
        'officer = "cxo"\nmatter',
        "officer_conflicts[0].officer",
    ),
    "fixed chair": ('member = "a1" }', 'member = "zz" }', "boards.jb.chair_rule.member"),
    "top-level dispensation's member": (
        'member = "b1"',
        'member = "c9"',
        "dispensations[0].member",
    ),
    "secondment host": ('host = "B"\nshare', 'host = "C"\nshare', "secondments[0].host"),
    "secondment post": (
        'arrangement = "audit"\npost = "jce"',
        'arrangement = "audit"\npost = "cfo"',
        "secondments[0].post",
    ),
    "service level arrangement": (
        'id = "audit_sla"\narrangement = "audit"',
        'id = "audit_sla"\narrangement = "payroll"',
        "service_levels[0].arrangement",
    ),
    "service level party": (
        'parties = ["A", "B"]\nindicators',
        'parties = ["A", "uni2"]\nindicators',
        "service_levels[0].parties[1]",
    ),
    "exit costs split naming a stranger": (
        'exit_costs = { type = "Equal" }',
        'exit_costs = { type = "Proportional", by = { A = 1, Q = 1 } }',
        "exit_strategies[0].exit_costs.by",
    ),
    "scrutinised arrangement": (
        'arrangements = ["audit"]\nbody',
        'arrangements = ["waste"]\nbody',
        "scrutiny[0].arrangements[0]",
    ),
    "duty's authority": (
        'duty = "Internal audit"\nauthority = "B"',
        'duty = "Internal audit"\nauthority = "uni"',
        "statutory_duties[0].authority",
    ),
    "body id clashing with an authority": ('id = "fund"', 'id = "B"', "bodies[1].id"),
    "two schemes for one authority": (
        'monitoring_officer = "mo_b"',
        'monitoring_officer = "mo_b"\n\n[[delegation_schemes]]\nauthority = "B"\n'
        'monitoring_officer = "mo_a"',
        "delegation_schemes[2].authority: 'B' has a scheme already",
    ),
    "who-acts chain that runs out": (
        'deputies = { ceo = "dep" }\n\n[[delegation_schemes]]\nauthority = "B"',
        'deputies = { }\n\n[[delegation_schemes]]\nauthority = "B"',
        "posts[0]: who acts on 'depot site'",
    ),
}


def test_the_base_file_passes_and_every_command_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "base.toml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["check", str(path)]) == 0, capsys.readouterr()
    capsys.readouterr()
    for argv in commands(path, tmp_path):
        status = main(argv)
        _, err = capsys.readouterr()
        assert status != BAD_INPUT, (argv, err)
    assert main(["who-acts", "--json", str(path), "--post", "jce", "--matter", "depot site"]) == 0
    acting = json.loads(capsys.readouterr().out)["acting"]  # the who_acts document
    assert {a["authority"]: a["officer"] for a in acting} == {"A": "dep", "B": "dep"}
    # Leaving, joining and withdrawing drop a fact (and its assumed note) that is gone.
    for day in ("2010-06-01", "2011-06-01", "2013-01-01"):
        assert main(["graph", "--json", str(path), "--as-of", day]) == 0
        nodes = {n["id"]: n for n in json.loads(capsys.readouterr().out)["nodes"]}
        assert ("uni" in nodes["it"]["parties"]) is (day == "2011-06-01")
        assert ("lead" in nodes["it"].get("assumed", {})) is (day == "2011-06-01")
    assert main(["graph", str(path), "--withdraw", "A"]) == 0
    out = capsys.readouterr().out
    assert "Lose their host: Internal audit." in out
    # The answer rests on an assumed fact, and says so.
    assert "Internal audit: host = 'A' is assumed, not minuted" in out
    assert "ICT: joined = uni: 2011-01-01 is assumed, not minuted" in out


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_fails_naming_the_file_and_the_path(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, where = BROKEN[case]
    assert BASE.count(old) == 1, old
    path = tmp_path / "broken.toml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: {where}" in out, out


def test_who_acts_refuses_an_unknown_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "base.toml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["who-acts", str(path), "--post", "cfo", "--matter", "x"]) == BAD_INPUT
    assert "--post: expected one of the posts in the file ['jce'], got 'cfo'" in (
        capsys.readouterr().err
    )


# -- save and load give equal objects for the new sections ----------------------------------

_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
_TEXT = st.text(
    st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1, max_size=12
).filter(lambda t: t.strip() != "")


@st.composite
def part_a(draw: st.DrawFn) -> Arrangement:
    """An arrangement with bodies, officers, posts, dated arrangements and agreements."""
    councils = [Authority("A", "Aville"), Authority("B", "Beeton")]
    bodies = [Body("uni", draw(_TEXT), kind=draw(_TEXT), note=draw(st.just("") | _TEXT))]
    start = draw(_DAYS)
    end = start + dt.timedelta(days=draw(st.integers(0, 2000)))
    history = []
    if draw(st.booleans()):
        history = [
            Extension(
                end,
                old=draw(st.none() | _DAYS),
                decided_on=draw(st.none() | _DAYS),
                by=draw(st.none() | _TEXT),
                reason=draw(st.just("") | _TEXT),
            )
        ]
    parties = ["A", "B", "uni"]
    joined = draw(st.dictionaries(st.sampled_from(parties), st.just(start), max_size=2))
    audit = ServiceArrangement(
        "audit",
        draw(_TEXT),
        parties,
        host=draw(st.sampled_from(parties)),
        start=start,
        end=end,
        joined=joined,
        history=history,
        note=draw(st.just("") | _TEXT),
        term=draw(st.none() | st.just(Term(start, trial=relativedelta(months=12)))),
        assumed=draw(st.sampled_from([{}, {"host": "not in the paper"}, {"start": "July"}])),
    )
    officers = [Officer("o1", draw(_TEXT), "A"), Officer("o2", draw(_TEXT), "uni")]
    post = Post(
        "p",
        draw(_TEXT),
        ["A", "B"],
        holder="o1",
        employer="A",
        roles=draw(st.sets(st.sampled_from(list(StatutoryRole)))),
        start=draw(st.none() | st.just(start)),
    )
    share = draw(st.none() | st.fractions(Fraction(1, 100), Fraction(1), max_denominator=100))
    return Arrangement(
        "Part A",
        authorities=councils,
        bodies=bodies,
        arrangements=[audit],
        officers=officers,
        posts=[post],
        secondments=[
            Secondment("o1", employer="A", host="uni", share=share, arrangement="audit", post="p")
        ],
        service_levels=[
            ServiceLevelAgreement(
                "sla",
                arrangement="audit",
                parties=["A"],
                indicators=[Indicator(draw(_TEXT), target=draw(st.none() | _TEXT))],
                reviews=sorted(draw(st.lists(_DAYS, max_size=3))),
                status=draw(st.sampled_from(["in place", "to be agreed"])),
            )
        ],
        exit_strategies=[
            ExitStrategy(
                arrangement="audit",
                notice=draw(st.none() | st.just(relativedelta(months=6))),
                exit_costs=draw(st.none() | st.just(Equal())),
            )
        ],
        scrutiny=[
            ScrutinyArrangement(
                arrangements=["audit"],
                joint=draw(st.booleans()),
                call_in=draw(st.none() | st.booleans()),
            )
        ],
        statutory_duties=[
            StatutoryDuty(
                "Monitoring Officer", authority="A", post="p", role=StatutoryRole.MONITORING_OFFICER
            )
        ],
    )


@given(part_a(), st.sampled_from(["toml", "yaml", "json"]))
def test_the_new_sections_round_trip(arrangement: Arrangement, fmt: str) -> None:
    assert loads(dumps(arrangement, fmt), fmt) == arrangement  # type: ignore[arg-type]


MEETING = """
[[meetings]]
board = "jb"
date = "2012-09-01"
present = ["a1", "b1"]

[[meetings.declarations]]
member = "b1"
item = "1"
kind = "other registrable interest"
detail = "Depot neighbour"
matter = "depot site"

[[meetings.items]]
number = 1
title = "Depot site"
votes = { a1 = "for", b1 = "for" }
"""


def test_check_notes_a_top_level_dispensation_a_meeting_does_not_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "meeting.toml"
    path.write_text(BASE + MEETING, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{path}: note: meetings[0].declarations[0]: dispensations[0] covers this declaration "
        "on 2012-09-01, but the meeting does not apply it" in out
    )
    applied = MEETING.replace(
        'present = ["a1", "b1"]\n',
        'present = ["a1", "b1"]\n'
        'dispensations = [{ member = "b1", matters = ["depot site"], ground = "a", '
        'granted_by = "Standards Committee", start = "2012-07-01", until = "2013-07-01" }]\n',
    )
    path.write_text(BASE + applied, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "does not apply it" not in capsys.readouterr().out
