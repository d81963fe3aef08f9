# ruff: noqa: E501
"""Findings 5, 6 and 12 (review 2): a substitute sits for the same authority as the member
substituted; a substituted chair is refused naming ``chair``; and the minutes keep the
apologies of a member who sent a substitute."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sharegov import Authority, Board, Member, rules
from sharegov.errors import InvalidBoard, SharegovError
from sharegov.meetings import Meeting

IDS = ["c1", "c2", "c3", "d1", "d2", "d3"]
ON = dt.date(2017, 3, 6)
BOARD = Board(
    "Joint Regulatory Services Board",
    authorities=[
        Authority("CWY", "Conwy County Borough Council", gss="W06000003"),
        Authority("DEN", "Denbighshire County Council", gss="W06000004"),
    ],
    seats={"CWY": 3, "DEN": 3},
    members=[
        Member("c1", "Cllr Aled Jones", "CWY"),
        Member("c2", "Cllr Bethan Hughes", "CWY"),
        Member("c3", "Cllr Carys Owen", "CWY"),
        Member("d1", "Cllr Dafydd Evans", "DEN"),
        Member("d2", "Cllr Eirlys Roberts", "DEN"),
        Member("d3", "Cllr Ffion Williams", "DEN"),
    ],
    rule=rules.FirstOf(rules.Consensus(), rules.EachAuthority(at_least=2)),
    casting_vote=True,
    substitutes_allowed=True,
)


def test_a_substitute_for_another_authority_is_refused() -> None:
    with pytest.raises(InvalidBoard) as err:
        BOARD.substitute("d3", Member("sub1", "Cllr Gwen Parry", "CWY"))
    text = str(err.value)
    assert text.startswith("substitutions.d3.authority:")
    assert "'CWY'" in text
    assert "sits for DEN" in text


def test_a_substitute_from_a_council_not_on_the_board_sits_in_the_seat() -> None:
    # Seed 003 (EM IEP, 27 November 2009): Cllr Ken Savidge of North East Derbyshire DC
    # "Substituted for Cllr Dave Wilcox Derbyshire CC" on a regional board.
    sat = BOARD.substitute("d3", Member("s9", "Cllr S", "ZZZ"))
    assert sat.member("s9").authority == "DEN"


def test_a_substitute_for_the_same_authority_sits() -> None:
    sat = BOARD.substitute("d3", Member("sub1", "Cllr Gwen Parry", "DEN"))
    assert sat.member("sub1").authority == "DEN"
    with pytest.raises(SharegovError, match=r"substitutions\.d3\.authority"):
        Meeting(
            BOARD, ON, present=set(IDS[:5]) | {"sub1"}, apologies={"d3"},
            substitutions={"d3": Member("sub1", "Cllr Gwen Parry", "CWY")},
        )  # fmt: skip


def test_a_substituted_chair_names_the_field_chair() -> None:
    with pytest.raises(SharegovError) as err:
        Meeting(
            BOARD, ON, present=set(IDS[1:]) | {"sub1"}, apologies={"c1"}, chair="c1",
            substitutions={"c1": Member("sub1", "Cllr Gwen Parry", "CWY")},
        )  # fmt: skip
    text = str(err.value)
    assert text.startswith("chair: Cllr Aled Jones was substituted")
    assert "substitutions.c1" in text


_FILE = """\
name = "Conwy and Denbighshire"
[[authorities]]
code = "CWY"
name = "Conwy County Borough Council"
gss = "W06000003"
[[authorities]]
code = "DEN"
name = "Denbighshire County Council"
gss = "W06000004"
[boards.jb]
name = "Joint Regulatory Services Board"
authorities = ["CWY", "DEN"]
substitutes_allowed = true
casting_vote = true
seats = { CWY = 3, DEN = 3 }
rule = { type = "FirstOf", rules = [ { type = "Consensus" }, { type = "EachAuthority", at_least = 2 } ] }
members = [
  { id = "c1", name = "Cllr Aled Jones", authority = "CWY" },
  { id = "c2", name = "Cllr Bethan Hughes", authority = "CWY" },
  { id = "c3", name = "Cllr Carys Owen", authority = "CWY" },
  { id = "d1", name = "Cllr Dafydd Evans", authority = "DEN" },
  { id = "d2", name = "Cllr Eirlys Roberts", authority = "DEN" },
  { id = "d3", name = "Cllr Ffion Williams", authority = "DEN" },
]
"""


def _decide(tmp_path: Path, votes: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from sharegov.cli import main

    (tmp_path / "w.toml").write_text(_FILE, encoding="utf-8")
    (tmp_path / "v.toml").write_text(votes, encoding="utf-8")
    code = main(
        ["decide", str(tmp_path / "w.toml"), "--board", "jb", "--votes", str(tmp_path / "v.toml")]
    )
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_refuses_the_reviews_substitutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = 'date = 2017-03-06\n[substitutions]\nd3 = { id = "sub1", name = "Cllr Gwen Parry", authority = "CWY" }\n[votes]\nc1 = "for"\nc2 = "for"\nc3 = "against"\nd1 = "for"\nd2 = "for"\nsub1 = "for"\n'
    code, text = _decide(tmp_path, wrong, capsys)
    assert code != 0
    assert "substitutions.d3.authority" in text
    assert "carried" not in text.lower().replace("not carried", "")
    chair = 'date = 2017-03-06\nchair = "c1"\n[substitutions]\nc1 = { id = "sub1", name = "Cllr Gwen Parry", authority = "CWY" }\n[votes]\nsub1 = "for"\nc2 = "for"\nc3 = "for"\nd1 = "for"\nd2 = "for"\nd3 = "for"\n'
    code, text = _decide(tmp_path, chair, capsys)
    assert code != 0
    assert "chair: Cllr Aled Jones was substituted" in text
    assert "member: expected" not in text


def test_cli_keeps_the_apologies_of_a_substituted_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = 'date = 2017-03-06\nchair = "c1"\napologies = ["d3"]\n[substitutions]\nd3 = { id = "sub1", name = "Cllr Gwen Parry", authority = "DEN" }\n[votes]\nc1 = "for"\nc2 = "for"\nc3 = "for"\nd1 = "for"\nd2 = "for"\nsub1 = "for"\n'
    code, text = _decide(tmp_path, record, capsys)
    assert code == 0
    assert "Substitute: Cllr Gwen Parry for Cllr Ffion Williams." in text
    assert "Apologies (substituted): Cllr Ffion Williams, DEN." in text
    # The meeting's minutes keep it too.
    held = Meeting(
        BOARD, ON, present={"c1", "c2", "c3", "d1", "d2", "sub1"}, apologies={"d3"},
        substitutions={"d3": Member("sub1", "Cllr Gwen Parry", "DEN")},
    )  # fmt: skip
    assert "Apologies: Cllr Ffion Williams." in held.explain()


def test_cli_json_keeps_the_apologies_of_a_substituted_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from sharegov.cli import main

    (tmp_path / "w.toml").write_text(_FILE, encoding="utf-8")
    (tmp_path / "v.toml").write_text(
        'date = 2017-03-06\nchair = "c1"\napologies = ["d3"]\n[substitutions]\n'
        'd3 = { id = "sub1", name = "Cllr Gwen Parry", authority = "DEN" }\n[votes]\n'
        'c1 = "for"\nc2 = "for"\nc3 = "for"\nd1 = "for"\nd2 = "for"\nsub1 = "for"\n',
        encoding="utf-8",
    )
    argv = ["decide", "--json", str(tmp_path / "w.toml"), "--board", "jb"]
    assert main([*argv, "--votes", str(tmp_path / "v.toml")]) == 0
    document = json.loads(capsys.readouterr().out)
    # As the text's "Apologies (substituted)" line: the record's apologies are all there.
    assert document["substitutions"] == {"d3": "sub1"}
    assert document["attendance"]["apologies"] == ["d3"]
    assert document["attendance"]["absent"] == []
