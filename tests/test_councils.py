"""The mySociety local authorities loader: real rows, and malformed rows refused by line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sharegov.councils import COLUMNS, load_councils
from sharegov.errors import InvalidValue, UnknownId

HEADER = ",".join(COLUMNS) + "\n"
GOOD = "RED,Redditch Borough Council,E07000236,NMD,WOR,,85568.0,True\n"


def table(*rows: str) -> io.StringIO:
    return io.StringIO(HEADER + "".join(rows))


def test_a_row_becomes_an_authority() -> None:
    (red,) = load_councils(table(GOOD))
    assert (red.code, red.name, red.gss, red.kind, red.county, red.population) == (
        "RED",
        "Redditch Borough Council",
        "E07000236",
        "NMD",
        "WOR",
        85568,
    )
    assert red.combined_authority is None


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("RED,Redditch Borough Council,E7000236,NMD,WOR,,85568.0,True\n", "gss-code"),
        ("RED,Redditch Borough Council,X07000236,NMD,WOR,,85568.0,True\n", "gss-code"),
        ("red,Redditch Borough Council,E07000236,NMD,WOR,,85568.0,True\n", "local-authority-code"),
        (",Redditch Borough Council,E07000236,NMD,WOR,,85568.0,True\n", "local-authority-code"),
        ("RED,,E07000236,NMD,WOR,,85568.0,True\n", "official-name"),
        ("RED,Redditch Borough Council,E07000236,NMD,WOR,,85568.5,True\n", "pop-2020"),
        ("RED,Redditch Borough Council,E07000236,NMD,WOR,,-3,True\n", "pop-2020"),
        ("RED,Redditch Borough Council,E07000236,NMD,WOR,,many,True\n", "pop-2020"),
    ],
)
def test_a_malformed_row_is_refused_naming_line_and_column(row: str, column: str) -> None:
    # The bad row is the third line: header, a good row, then the bad one.
    good = GOOD.replace("RED", "BRM", 1)
    with pytest.raises(InvalidValue, match=rf"line 3: {column}: expected"):
        load_councils(table(good, row))


def test_a_repeated_code_is_refused_naming_the_earlier_line() -> None:
    with pytest.raises(InvalidValue, match=r"line 3: local-authority-code: .*line 2"):
        load_councils(table(GOOD, GOOD))


def test_missing_columns_are_named() -> None:
    with pytest.raises(InvalidValue, match="gss-code"):
        load_councils(io.StringIO("local-authority-code,official-name\nRED,Redditch\n"))


def test_filters_rename_and_unknown_codes() -> None:
    rows = (GOOD, "BRM,Bromsgrove District Council,E07000234,NMD,WOR,,100569.0,True\n")
    rows += ("KET,Kettering Borough Council,E07000153,NMD,NTH,,,False\n",)
    assert [a.code for a in load_councils(table(*rows), current_only=True)] == ["RED", "BRM"]
    (ket,) = load_councils(table(*rows), only=["KET"])
    assert ket.population is None
    renamed = load_councils(table(*rows), only=["RED"], rename={"RED": "RBC", "WOR": "WCC"})
    assert (renamed[0].code, renamed[0].county) == ("RBC", "WCC")
    with pytest.raises(UnknownId, match="XYZ"):
        load_councils(table(*rows), only=["XYZ"])


def test_the_real_file(shared_data: Path) -> None:
    path = shared_data / "councils" / "uk_local_authorities_current.csv"
    councils = {a.code: a for a in load_councils(path)}
    # Oracles from the file itself, as published by mySociety.
    assert len(councils) == 470
    red = councils["RED"]
    assert (red.gss, red.kind, red.county, red.population) == ("E07000236", "NMD", "WOR", 85568)
    assert councils["HUN"].combined_authority == "CPCA"
    assert councils["WOR"].kind == "CTY"
    # Every district's county is itself an authority in the file (two-tier areas).
    assert all(a.county in councils for a in councils.values() if a.county)
    current = load_councils(path, current_only=True)
    assert "KET" not in {a.code for a in current}
    assert len(current) == 397
