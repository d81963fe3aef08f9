"""API errors say the limit and never echo a long value back in full (review 2, finding 10).

Oracles: the limit as the library states it for counts (``boards.MAX_COUNT``, "at most
1,000,000", as ``counts.for`` already said for 2,000,000); the lengths of the values sent;
messages without long values, which must come back unchanged.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.boards import MAX_COUNT
from sharegov.serve import create_app
from sharegov.serve._problem import MAX_SHOWN, brief

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "examples" / "bromsgrove_redditch.toml"
COUNTS = "/api/boards/ssb/decide-counts"
DECIDE = "/api/boards/ssb/decide"
LIMIT = f"expected a whole number of at most {MAX_COUNT:,}"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(FILE))


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()
    assert len(response.text) < 2_000  # nothing echoed at length
    return data


def counts(**kw: Any) -> dict[str, Any]:
    return {"date": "2008-09-01", "counts": {"for": 4, "against": 1}, **kw}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (counts(present=10**400), "present"),
        (counts(present=2 * 10**6), "present"),
        (counts(counts={"for": 10**400, "against": 0}), "counts.for"),
        (counts(counts={"for": 10**150, "against": 0}), "counts.for"),
        (counts(counts={"for": 4, "against": MAX_COUNT + 1}), "counts.against"),
        (counts(by_authority={"BDC": {"for": 10**120, "against": 0}}), "by_authority.BDC.for"),
    ],
)
def test_a_number_past_the_limit_says_the_limit_whatever_the_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    data = problem(client.post(COUNTS, json=body), 422)
    assert data["errors"][0]["field"] == field
    assert data["errors"][0]["detail"].startswith(f"{LIMIT}, got ")
    assert data["detail"].startswith(f"body: {field}: {LIMIT}, got ")
    value = next(v for v in re.findall(r"\d+", str(body)) if int(v) > MAX_COUNT)
    if len(value) > 30:
        assert f"got {value[:4]}…{value[-1]} ({len(value):,} digits)" in data["detail"]
    else:
        assert f"got {value}" in data["detail"]
    # The same limit at the limit is not refused for being too large.
    assert LIMIT not in client.post(COUNTS, json=counts(present=5)).text


def test_a_long_value_is_cut_short_with_its_length(client: TestClient) -> None:
    data = problem(client.get("/api/deadlines?as_of=" + "9" * 5000), 400)
    assert data["errors"][0]["field"] == "as_of"
    assert data["detail"].endswith(f"got '{'9' * (MAX_SHOWN // 2)}…' (5,000 characters)")
    votes = {"hollingworth": "for", "q" * 5000: "for"}
    data = problem(client.post(DECIDE, json={"date": "2008-09-01", "votes": votes}), 422)
    assert data["errors"][0]["field"] == ("votes." + "q" * 5000)[: MAX_SHOWN // 2] + "…"
    assert "(5,000 characters)" in data["errors"][0]["detail"]
    body = {"date": "2008-09-01", "votes": {"hollingworth": "for"}, "chair": "c" * 5000}
    data = problem(client.post(DECIDE, json=body), 422)
    assert data["errors"][0]["field"] == "chair"


def test_an_unknown_voter_is_named_by_its_field_with_the_body_prefix(client: TestClient) -> None:
    body = {"date": "2008-09-01", "votes": {"hollingworth": "for", "zz": "for"}}
    data = problem(client.post(DECIDE, json=body), 422)
    assert data["errors"] == [
        {
            "field": "votes.zz",
            "detail": "expected ids of members of Shared Services Board, got 'zz'",
        }
    ]
    assert data["detail"].startswith("body: votes.zz: ")


@given(st.text(st.characters(codec="utf-8", exclude_characters="\r\n'\""), max_size=300))
def test_brief_leaves_a_message_without_long_values_alone(text: str) -> None:
    if all(len(w) <= 30 for w in text.split()):  # no number or other run long enough to cut
        assert brief(text) == text
    short = f"votes.smith: expected 'for', got '{text[:MAX_SHOWN]}'"
    if all(len(w) <= 30 for w in short.split()):
        assert brief(short) == short


@given(st.integers(31, 3_000), st.sampled_from(["'", '"']), st.integers(MAX_SHOWN + 1, 6_000))
def test_brief_is_bounded_whatever_the_length(digits: int, quote: str, chars: int) -> None:
    message = (
        f"present: expected a number, got 1{'0' * (digits - 1)}; x: got {quote}{'a' * chars}{quote}"
    )
    out = brief(message)
    assert len(out) < 200
    assert f"({digits:,} digits)" in out
    assert f"({chars:,} characters)" in out
