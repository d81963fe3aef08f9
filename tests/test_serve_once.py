"""What depends only on the served file is built once per app, on first use, and every
request gets the same answer: the check's findings, the graph, the OpenAPI document and
the page's cost statement. The work is counted (by wrapping the functions that do it),
never timed.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from conftest import ROOT
from sharegov.io import load
from sharegov.io.graphs import graph_of as real_graph_of
from sharegov.io.results import to_json
from sharegov.serve import create_app
from sharegov.serve.app import Service

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FILE = ROOT / "examples" / "bromsgrove_redditch.toml"
ARRANGEMENT = load(FILE)


def counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Wrap ``module.name`` so that each call is counted; returns the counter."""
    calls: list[int] = []
    real: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ARRANGEMENT)) as c:
        yield c


def test_check_findings_are_built_once(monkeypatch: pytest.MonkeyPatch, client: Any) -> None:
    import sharegov.io.check

    calls = counted(monkeypatch, sharegov.io.check, "findings")
    first, second = client.get("/api/check"), client.get("/api/check")
    assert first.status_code == 200
    assert first.json() == second.json()
    assert first.json()["ok"] is True
    assert len(calls) == 1


def test_the_graph_is_built_once_and_cut_to_a_date_from_it(
    monkeypatch: pytest.MonkeyPatch, client: Any
) -> None:
    import sharegov.graph
    import sharegov.io.graphs

    built = counted(monkeypatch, sharegov.io.graphs, "graph_of")
    tables = counted(monkeypatch, sharegov.graph.PartnershipGraph, "withdrawal_table")
    first, second = client.get("/api/graph"), client.get("/api/graph")
    assert first.status_code == 200
    assert first.json() == second.json()
    assert (len(built), len(tables)) == (1, 1)
    # The withdrawal of one council, and the graph as of a date, reuse the graph.
    assert client.get("/api/graph/withdraw/BDC").status_code == 200
    dated = client.get("/api/graph", params={"as_of": "2008-09-01"})
    assert dated.status_code == 200
    assert len(built) == 1
    # Cut from the one graph, the answer is what a graph built for that date gives.
    direct = real_graph_of(ARRANGEMENT, as_of=dt.date(2008, 9, 1))
    assert dated.json()["withdrawal"] == to_json(direct.withdrawal_table())


def test_the_openapi_document_is_built_once(monkeypatch: pytest.MonkeyPatch, client: Any) -> None:
    import sharegov.serve._openapi

    calls = counted(monkeypatch, sharegov.serve._openapi, "document")
    first, second = client.get("/openapi.json"), client.get("/openapi.json")
    assert first.json() == second.json()
    assert first.json()["openapi"].startswith("3.1")
    assert len(calls) == 1


def test_the_pages_costs_are_built_once(monkeypatch: pytest.MonkeyPatch, client: Any) -> None:
    import sharegov.costs

    calls = counted(monkeypatch, sharegov.costs.CostPlan, "statement")
    first = client.get("/", params={"board": "ssb"})
    second = client.get("/", params={"board": "ssb", "date": "2008-09-01"})
    assert first.status_code == second.status_code == 200
    assert "Cumulative" in first.text
    assert len(calls) == 1


def test_each_app_builds_its_own() -> None:
    """Two apps (two files) never share what each built."""
    a, b = Service(ARRANGEMENT), Service(ARRANGEMENT)
    assert a.once("k", lambda: "a") == "a"
    assert b.once("k", lambda: "b") == "b"
    assert a == b  # what was built is not part of the service's value


def test_requests_at_once_wait_for_the_one_build() -> None:
    service = Service(ARRANGEMENT)
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: service.once("k", build), range(64)))
    assert answers == [1] * 64
    assert calls == [1]


def test_a_failed_build_is_not_kept() -> None:
    service = Service(ARRANGEMENT)

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        service.once("k", fail)
    assert service.once("k", lambda: 2) == 2
