"""The partnership graph of an arrangement file, and its answers as JSON-ready data.

:func:`graph_of` builds the :class:`~sharegov.graph.PartnershipGraph` of an
:class:`~sharegov.io.files.Arrangement` (its authorities, bodies and arrangements), as
``sharegov graph`` does; :func:`graph_json` gives the nodes, edges and withdrawal impacts
as plain data (what ``sharegov graph --json`` prints), each impact in the
``withdrawal_impact`` form of :mod:`sharegov.io.results`, with its schema.

Examples:
    >>> from sharegov.io import load
    >>> from sharegov.io.graphs import graph_json, graph_of
    >>> data = graph_json(graph_of(load("examples/bromsgrove_redditch.toml")), withdraw="RBC")
    >>> sorted(data)  # doctest: +NORMALIZE_WHITESPACE
    ['arrangements_in_force', 'as_of', 'edges', 'explanation', 'impacts', 'nodes',
     'not_counted', 'on_assumed_dates']
    >>> impact = data["impacts"][0]
    >>> impact["council"], impact["affected"] == len(impact["dissolved"]) + len(
    ...     impact["lose_host"]) + len(impact["lose_lead"]) + len(impact["dependents"])
    ('RBC', True)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sharegov.graph import PartnershipGraph

__all__ = ["graph_json", "graph_of"]


def graph_of(arrangement: Any, *, as_of: dt.date | None = None) -> PartnershipGraph:
    """The partnership graph of an arrangement file: its authorities, its bodies (parties,
    funders and providers that are not councils) and its service arrangements; with
    ``as_of``, only what is in force that day (see :meth:`PartnershipGraph.as_of`)."""
    graph = PartnershipGraph(
        arrangement.authorities,
        arrangement.arrangements,
        external_bodies=arrangement.bodies,
    )
    return graph if as_of is None else graph.as_of(as_of)


def graph_json(
    graph: PartnershipGraph, *, withdraw: str | None = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The graph's nodes and edges, and withdrawal impacts, as plain data.

    Args:
        graph: The graph (already cut to ``as_of``, if one was asked for).
        withdraw: The one council (or body) whose withdrawal to report; ``None`` reports
            every authority's, as :meth:`PartnershipGraph.withdrawal_table` does.
        as_of: The date the graph was cut to, recorded in the output. ``not_counted``
            lists the arrangements that may have been in force then but are not known to
            be (a start not given, a trial with no recorded sequel), each with ``why``;
            ``on_assumed_dates`` those counted, or left out, on dates the file marks
            assumed. Both are empty for a graph not cut to a date.

    The edges are those of :meth:`PartnershipGraph.to_networkx`, each with its
    ``relation``: ``party``, ``hosts``, ``leads``, ``funds``, ``provides``, ``depends on``,
    ``in county`` and ``in combined authority``.

    Raises:
        UnknownId: ``withdraw`` is not in the graph.
        MissingExtra: networkx is not installed (``pip install "sharegov[graph]"``).
    """
    nodes: list[dict[str, Any]] = []
    # The edges are the graph's own (PartnershipGraph.to_networkx), never restated here.
    edges = [
        {"source": source, "target": target, "relation": relation}
        for source, target, relation in graph.to_networkx().edges(data="relation")
    ]
    for code, authority in graph.authorities.items():
        nodes.append({"id": code, "type": "authority", "name": authority.name})
    for ident, body in graph.external_bodies.items():
        nodes.append({"id": ident, "type": "body", "name": body.name, "kind": body.kind})
    for ident, a in graph.arrangements.items():
        node: dict[str, Any] = {
            "id": ident,
            "type": "arrangement",
            "service": a.service,
            "kind": a.kind.value,
            "parties": list(a.parties),
            "host": a.host,
            "lead": a.lead,
            "start": None if a.start is None else a.start.isoformat(),
            "end": None if a.end is None else a.end.isoformat(),
        }
        if a.assumed:
            node["assumed"] = dict(a.assumed)
        nodes.append(node)
    from sharegov.io.results import to_json

    if withdraw is not None:
        impacts = [to_json(graph.withdrawal_impact(withdraw))]
    else:
        impacts = [to_json(i) for i in graph.withdrawal_table().impacts.values()]
    return {
        "as_of": None if as_of is None else as_of.isoformat(),
        "arrangements_in_force": len(graph.arrangements),
        # Cut to a date: what may have been in force but is not known to be, and why; and
        # what was counted, or left out, on dates the file marks assumed.
        "not_counted": [
            {"id": i, "service": graph.dated_services.get(i, i), "why": why}
            for i, why in sorted(graph.not_counted.items())
        ],
        "on_assumed_dates": [
            {"id": i, "service": graph.dated_services.get(i, i), "assumed": text}
            for i, text in sorted(graph.on_assumed_dates.items())
        ],
        "nodes": nodes,
        "edges": edges,
        "impacts": impacts,
        "explanation": graph.explain(),
    }
