"""``sharegov graph --json`` and ``sharegov who-acts --json`` are written by the one function
each: the graph's edges are :meth:`PartnershipGraph.to_networkx`'s, and who acts is the
``who_acts`` document of :func:`sharegov.io.results.to_json`, valid against its shipped
schema, as ``POST /api/who-acts`` answers.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from sharegov.cli import main
from sharegov.concordat import ServiceArrangement
from sharegov.graph import PartnershipGraph
from sharegov.io import load
from sharegov.io.check import who_acts_in
from sharegov.io.graphs import graph_json, graph_of
from sharegov.io.results import registry, schema, to_json
from sharegov.parties import Authority
from test_check_guarantee import BASE

HERTS = ROOT / "examples" / "seeds" / "004_north_herts_shared_services.toml"


def valid(data: dict[str, Any], kind: str) -> None:
    jsonschema.Draft202012Validator(
        schema(kind),
        registry=registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    ).validate(data)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_graph_json_edges_are_the_networkx_graphs(capsys: pytest.CaptureFixture[str]) -> None:
    data = run(capsys, "graph", "--json", str(HERTS))
    nx_graph = graph_of(load(HERTS)).to_networkx()
    mine = Counter((e["source"], e["target"], e["relation"]) for e in data["edges"])
    assert mine == Counter(nx_graph.edges(data="relation"))
    assert {"source": "HCC", "target": "sias", "relation": "hosts"} in data["edges"]
    for impact in data["impacts"]:
        valid(impact, "withdrawal_impact")


def test_graph_json_has_the_county_edge_the_hand_made_edges_lacked() -> None:
    graph = PartnershipGraph(
        [Authority("HCC", "Hertfordshire CC"), Authority("NHDC", "North Herts DC", county="HCC")],
        [ServiceArrangement("audit", "Internal audit", ["HCC", "NHDC"], host="HCC")],
    )
    edges = graph_json(graph)["edges"]
    assert {"source": "NHDC", "target": "HCC", "relation": "in county"} in edges
    assert sorted(e["relation"] for e in edges) == ["hosts", "in county", "party", "party"]


def test_who_acts_json_is_the_who_acts_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "base.toml"
    path.write_text(BASE, encoding="utf-8")
    args = ("who-acts", "--json", str(path), "--post", "jce", "--matter", "depot site")
    data = run(capsys, *args)
    valid(data, "who_acts")
    result = who_acts_in(load(path), "jce", "depot site")
    assert {k: v for k, v in data.items() if k not in ("as_of", "assumed")} == to_json(result)
    assert data["as_of"] is None
    assert isinstance(data["assumed"], list)
    dated = run(capsys, *args, "--as-of", "2009-01-01")
    valid(dated, "who_acts")
    assert dated["as_of"] == "2009-01-01"
