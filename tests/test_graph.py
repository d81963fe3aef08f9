"""The partnership graph: seed cases, refusals, exports, and properties against brute force."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from sharegov.concordat import ArrangementKind as K
from sharegov.concordat import ServiceArrangement as S
from sharegov.errors import InvalidValue, UnknownId
from sharegov.graph import ExternalBody, PartnershipGraph, _recompute_withdrawal
from sharegov.parties import Authority


def authorities(*codes: str) -> list[Authority]:
    return [Authority(c, f"{c} Council") for c in codes]


def three_councils() -> PartnershipGraph:
    """Seed 002's three councils, with a chain of dependencies added to test transitivity."""
    return PartnershipGraph(
        authorities("HUN", "SCA", "CAB"),
        [
            S("cctv", "CCTV", ["CAB", "HUN"], host="CAB"),
            S("ict", "ICT", ["HUN", "SCA", "CAB"], lead="HUN"),
            S("legal", "Legal", ["HUN", "SCA", "CAB"], lead="CAB", depends_on=["ict"]),
            S("cases", "Case management", ["SCA", "CAB"], depends_on=["legal"]),
        ],
    )


# -- seed cases ---------------------------------------------------------------------------


def test_withdrawal_explains_dissolved_headless_and_transitive_dependents() -> None:
    impact = three_councils().withdrawal_impact("HUN")
    assert impact.dissolved == ("cctv",)
    assert impact.lose_lead == ("ict",)
    assert dict(impact.dependents) == {"legal": ("ict",), "cases": ("legal",)}
    assert impact.isolated == ()
    assert impact.explain() == (
        "If HUN Council (HUN) withdraws, 4 arrangements are affected: 3 of its 3, and "
        "1 other through dependencies:\n"
        "  Dissolved (fewer than two parties left): CCTV.\n"
        "  Lose their lead: ICT.\n"
        "  At risk: Case management, which depends on Legal.\n"
        "  At risk: Legal, which depends on ICT."
    )
    # explain() and the withdrawal table give the same count; nothing is both at risk and
    # continuing (Legal used to be listed as both).
    row = next(r for r in three_councils().withdrawal_table().rows() if r["council"] == "HUN")
    assert impact.affected == row["affected"] == 4
    assert not set(impact.continuing) & set(impact.dependents)
    assert "<pre>" in impact._repr_html_()


def test_a_council_with_one_partner_is_left_alone() -> None:
    # Seed 004: Luton shares only an enforcement officer with North Herts.
    g = PartnershipGraph(
        authorities("NHE", "STV", "LUT", "HRT"),
        [
            S("bc", "Building control", ["NHE", "STV"]),
            S("enf", "Licensing and enforcement officer", ["NHE", "LUT"], kind=K.SHARED_POST),
            S("sias", "Shared Internal Audit Service", ["HRT", "NHE", "STV"], host="HRT"),
        ],
    )
    impact = g.withdrawal_impact("NHE")
    assert impact.dissolved == ("bc", "enf")
    assert impact.isolated == ("LUT",)  # Stevenage still shares audit with the county
    assert "Left without a partner: LUT Council (LUT)." in impact.explain()
    herts = g.withdrawal_impact("HRT")
    assert (herts.dissolved, herts.lose_host) == ((), ("sias",))


def test_partners_roles_and_arrangements_of() -> None:
    g = three_councils()
    partners = g.partners("HUN")
    assert partners.partners == ("CAB", "SCA")
    assert dict(partners.shared)["CAB"] == ("cctv", "ict", "legal")
    assert partners.explain().splitlines()[0] == "HUN Council (HUN) has 2 partners:"
    roles = g.roles()
    assert dict(roles.hosts) == {"CAB": ("cctv",)}
    assert dict(roles.leads) == {"CAB": ("legal",), "HUN": ("ict",)}
    assert "HUN Council (HUN) leads: ICT." in roles.explain()
    mine = g.arrangements_of("CAB")
    assert mine.ids == ("cctv", "ict", "legal", "cases")
    assert dict(mine.roles) == {"cctv": "host", "ict": "party", "legal": "lead", "cases": "party"}


def test_as_of_and_in_force() -> None:
    g = PartnershipGraph(
        authorities("SOX", "VAL"),
        [
            S("fin", "Finance", ["SOX", "VAL"], start=dt.date(2006, 4, 1)),
            S("mgmt", "Management team", ["SOX", "VAL"], start=dt.date(2008, 1, 1),
              depends_on=["fin"]),
            S("old", "Old thing", ["SOX", "VAL"], end=dt.date(2007, 1, 1)),
        ],
    )  # fmt: skip
    assert g.in_force(dt.date(2007, 6, 1)).ids == ("fin",)
    assert g.in_force(dt.date(2007, 6, 1)).explain().startswith("Arrangements in force on 1 June")
    assert set(g.as_of(dt.date(2009, 1, 1)).arrangements) == {"fin", "mgmt"}
    # "old" gives no start, so it is not presumed in force on any date: it is left out,
    # and the graph says why
    early = g.as_of(dt.date(2006, 1, 1))
    assert set(early.arrangements) == set()
    assert dict(early.not_counted) == {"old": "its start date is not given"}
    assert "Old thing: its start date is not given." in early.explain()
    assert "0 arrangements in force on 1 January 2006" in early.explain()


def test_dependency_order_and_a_named_cycle() -> None:
    order = three_councils().dependency_order()
    assert order.order == ("cctv", "ict", "legal", "cases")
    assert "3. Legal, after ICT" in order.explain()
    cyclic = PartnershipGraph(
        authorities("A", "B"),
        [
            S("x", "X", ["A", "B"], depends_on=["z"]),
            S("y", "Y", ["A", "B"], depends_on=["x"]),
            S("z", "Z", ["A", "B"], depends_on=["y"]),
            S("free", "Free", ["A", "B"]),
        ],
    )
    with pytest.raises(InvalidValue, match=r"'X \(x\) depends on Z \(z\), which depends on "
                       r"Y \(y\), which depends on X \(x\)'"):  # fmt: skip
        cyclic.dependency_order()
    # The withdrawal index copes with the cycle: everything in it is at risk together.
    impact = PartnershipGraph(
        authorities("A", "B", "C"),
        [*cyclic.arrangements.values(), S("w", "W", ["A", "C"])],
    ).withdrawal_impact("C")
    assert impact.dissolved == ("w",)
    assert not impact.dependents


def test_clusters_brokers_and_the_county_picture() -> None:
    g = PartnershipGraph(
        [
            Authority("WOR", "Worcestershire", kind="CTY"),
            Authority("BDC", "Bromsgrove", county="WOR"),
            Authority("RBC", "Redditch", county="WOR"),
            Authority("WYE", "Wyre Forest", county="WOR"),
            Authority("SOX", "South Oxfordshire", county="OXF"),
            Authority("VAL", "Vale of White Horse", county="OXF"),
            Authority("DER", "Derby"),
        ],
        [
            S("pay", "Payroll", ["BDC", "RBC"], host="RBC"),
            S("csp", "Community safety", ["RBC", "WYE"]),
            S("hub", "Hub", ["WOR", "WYE"]),
            S("mgmt", "Management", ["SOX", "VAL"]),
        ],
    )
    clusters = g.clusters()
    assert clusters.clusters == (("BDC", "RBC", "WOR", "WYE"), ("SOX", "VAL"))
    assert clusters.alone == ("DER",)
    brokers = g.brokers()
    assert dict(brokers.pieces) == {
        "RBC": (("WOR", "WYE"), ("BDC",)),
        "WYE": (("BDC", "RBC"), ("WOR",)),
    }
    assert "Redditch (RBC): into 2 parts (WOR, WYE | BDC)." in brokers.explain()
    picture = g.area_picture()
    assert dict(picture.members) == {"OXF": ("SOX", "VAL"), "WOR": ("BDC", "RBC", "WOR", "WYE")}
    assert dict(picture.within) == {"OXF": ("mgmt",), "WOR": ("csp", "hub", "pay")}
    with pytest.raises(InvalidValue, match="by"):
        g.area_picture(by="region")


# -- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arrangements", "bodies", "error", "match"),
    [
        ([S("x", "X", ["A", "Q"])], [], UnknownId, r"arrangements\.x\.parties.*'Q'"),
        ([S("x", "X", ["A", "B"], depends_on=["nope"])], [], UnknownId, "depends_on.*'nope'"),
        ([S("x", "X", ["A", "B"], funded_by=["wmlga"])], [], UnknownId, "'wmlga'"),
        ([S("x", "X", ["A", "B"], provider="serco")], [], UnknownId, "'serco'"),
        ([S("A", "X", ["A", "B"])], [], InvalidValue, r"ids: .*\['A'\]"),
        ([S("x", "X", ["A"]), S("x", "Y", ["B"])], [], InvalidValue, "each id once"),
        ([], [ExternalBody("B", "Bee")], InvalidValue, r"\['B'\]"),
    ],
)
def test_the_graph_refuses_inconsistent_input(
    arrangements: list[S], bodies: list[ExternalBody], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        PartnershipGraph(authorities("A", "B"), arrangements, external_bodies=bodies)


def test_unknown_council_and_bad_objects() -> None:
    g = three_councils()
    for ask in (g.withdrawal_impact, g.partners, g.arrangements_of, g.without):
        with pytest.raises(UnknownId, match="'XYZ'"):
            ask("XYZ")
    with pytest.raises(InvalidValue, match="objects"):
        PartnershipGraph.from_objects([42])
    with pytest.raises(InvalidValue, match="authorities"):
        PartnershipGraph("ABC", [])


def test_from_objects_takes_concordat_like_objects() -> None:
    class Concordat:  # the shape a concordat has: authorities and service arrangements
        authorities = authorities("BDC", "RBC")
        arrangements = (S("pay", "Payroll", ["BDC", "RBC"], host="RBC"),)

    g = PartnershipGraph.from_objects([Concordat(), Authority("WYE", "Wyre Forest")])
    assert set(g.authorities) == {"BDC", "RBC", "WYE"}
    assert set(g.arrangements) == {"pay"}


# -- tables -------------------------------------------------------------------------------

TABLE = (
    "id,service,parties,kind,host,lead,start,end,depends_on,funded_by,provider\n"
    "pay,Payroll,BDC;RBC,shared service,RBC,,2008-09-01,,,,\n"
    "hr,HR system procurement,BDC;RBC,contract,,,,,pay,,\n"
    "board,Shared Services Board,BDC;RBC,joint committee,,,2008-09-01,,,wmlga,\n"
    "sms,Shared Managed Services,HRT;NHE,CONTRACT,,HRT,,,,,serco\n"
)


def test_a_csv_table_and_a_dataframe_build_the_same_graph(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "arrangements.csv"
    path.write_text(TABLE, encoding="utf-8")
    from_csv = PartnershipGraph.from_table(path)
    frame = pd.read_csv(path, parse_dates=["start", "end"])
    from_frame = PartnershipGraph.from_table(frame)
    assert from_csv == from_frame
    pay = from_csv.arrangements["pay"]
    assert (pay.host, pay.start, pay.parties) == ("RBC", dt.date(2008, 9, 1), ("BDC", "RBC"))
    assert from_csv.arrangements["sms"].kind is K.CONTRACT
    assert set(from_csv.external_bodies) == {"wmlga", "serco"}
    assert from_csv.arrangements["hr"].depends_on == ("pay",)


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ("x,X,A;B,shared service,,,2008-13-01,,,,", r"line 3: start: expected an ISO date"),
        ("x,X,A;B,merger,,,,,,,", r"line 3: kind: expected one of"),
        ("x,X,A;B,,C,,,,,,", r"line 3: host: expected one of the parties"),
        ("x,,A;B,,,,,,,,", r"line 3: service: expected a non-empty string"),
    ],
)
def test_a_malformed_table_row_is_named(tmp_path: Path, row: str, match: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(TABLE.splitlines()[0] + "\nok,OK,A;B,,,,,,,,\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InvalidValue, match=match):
        PartnershipGraph.from_table(path)


# -- exports ------------------------------------------------------------------------------


def seed_like() -> PartnershipGraph:
    return PartnershipGraph(
        [
            Authority("WOR", "Worcestershire County Council", kind="CTY"),
            Authority("BDC", "Bromsgrove", county="WOR", population=100_569, gss="E07000234"),
            Authority("RBC", "Redditch", county="WOR", population=85_568, gss="E07000236"),
        ],
        [
            S("pay", "Payroll", ["BDC", "RBC"], host="RBC", start=dt.date(2008, 9, 1)),
            S("hr", "HR system", ["BDC", "RBC"], kind=K.CONTRACT, depends_on=["pay"],
              provider="serco"),
            S("el", "Elections", ["BDC", "RBC"], lead="BDC", funded_by=["wmlga"]),
            S("hub", "Worcestershire Hub", ["WOR", "BDC", "RBC"], kind=K.PARTNERSHIP),
        ],
        external_bodies=[ExternalBody("serco", "Serco", kind="contractor"),
                         ExternalBody("wmlga", "WMLGA", kind="improvement body")],
    )  # fmt: skip


def test_to_networkx_has_every_relation_and_is_not_a_subclass() -> None:
    assert not issubclass(PartnershipGraph, nx.Graph)
    graph = seed_like().to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    keys = {(u, v, k) for u, v, k in graph.edges(keys=True)}
    assert {("RBC", "pay", "party"), ("RBC", "pay", "hosts"), ("BDC", "el", "leads")} <= keys
    assert {
        ("hr", "pay", "depends on"),
        ("serco", "hr", "provides"),
        ("wmlga", "el", "funds"),
    } <= keys
    assert {("BDC", "WOR", "in county"), ("RBC", "WOR", "in county")} <= keys
    assert graph.nodes["RBC"]["gss"] == "E07000236"
    assert graph.nodes["pay"]["kind"] is K.SHARED_SERVICE
    # The networkx algorithms agree with the graph's own answers.
    deps = nx.DiGraph([(v, u) for u, v, k in keys if k == "depends on"])
    assert list(nx.topological_sort(deps)) == ["pay", "hr"]


def test_graphml_round_trips_through_networkx(tmp_path: Path) -> None:
    path = seed_like().write_graphml(tmp_path / "seed.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes["pay"]["start"] == "2008-09-01"
    assert back.nodes["pay"]["kind"] == "shared service"
    assert back.nodes["hr"]["depends_on"] == "pay"
    assert back.nodes["RBC"]["population"] == 85568
    assert back.number_of_edges() == seed_like().to_networkx().number_of_edges()


def test_drawing_marks_hosts_and_colours_kinds(tmp_path: Path) -> None:
    path = tmp_path / "g.png"
    fig = seed_like().draw(path, title="Seed 001", credit="credit line")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    labels = {t.get_text() for t in fig.axes[0].get_legend().get_texts()}
    assert {"hosts", "leads", "depends on", *(k.value for k in K)} <= labels
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"RBC", "BDC", "WOR", "Payroll"} <= texts


def test_importing_the_module_does_not_import_networkx() -> None:
    code = "import sys, sharegov.graph, sharegov.councils; print('networkx' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert out.stdout.strip() == "False"


def test_withdrawal_table_and_dataframe() -> None:
    pytest.importorskip("pandas")
    table = three_councils().withdrawal_table()
    frame = table.to_dataframe()
    assert list(frame.index) == ["CAB", "HUN", "SCA"]
    assert frame.loc["HUN", "affected"] == 4  # cctv, ict, legal, cases
    assert frame.loc["CAB", "affected"] == 3  # cctv (hosted), legal (led), cases (depends)
    assert table.explain().splitlines()[1].startswith("  HUN Council (HUN): 4 arrangements")
    assert "<table>" in table._repr_html_()


# -- properties -----------------------------------------------------------------------------


@st.composite
def graphs(draw: st.DrawFn, *, cycles: bool = False, bodies: bool = False) -> PartnershipGraph:
    """Small graphs: up to 7 councils, 10 arrangements, random hosts, leads and dependencies;
    with ``bodies``, up to 2 parties that are not councils (a university, a contractor)."""
    councils = [f"C{n}" for n in range(draw(st.integers(1, 7)))]
    others = [f"U{n}" for n in range(draw(st.integers(0, 2)))] if bodies else []
    codes = councils + others
    n_arr = draw(st.integers(0, 10))
    arrangements = []
    for n in range(n_arr):
        parties = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=4, unique=True))
        role = draw(st.sampled_from(["none", "host", "lead"]))
        earlier = list(range(n_arr)) if cycles else list(range(n))
        deps = draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)) if earlier else []
        arrangements.append(
            S(
                f"a{n}",
                f"Service {n}",
                parties,
                kind=draw(st.sampled_from(list(K))),
                host=draw(st.sampled_from(parties)) if role == "host" else None,
                lead=draw(st.sampled_from(parties)) if role == "lead" else None,
                depends_on=[f"a{d}" for d in deps if d != n],
            )
        )
    return PartnershipGraph(
        authorities(*councils),
        arrangements,
        external_bodies=[ExternalBody(u, f"Body {u}", kind="university") for u in others],
    )


@given(graphs(cycles=True, bodies=True))
def test_withdrawal_answers_agree_for_councils_and_bodies(g: PartnershipGraph) -> None:
    table = g.withdrawal_table()
    rows = {r["council"]: r for r in table.rows()}
    for code in [*g.authorities, *g.external_bodies]:
        impact = g.withdrawal_impact(code)
        assert impact == _recompute_withdrawal(g, code)
        if code in rows:
            assert rows[code]["affected"] == impact.affected
        # Each arrangement mentioned is in exactly one place.
        places = [
            *impact.dissolved,
            *impact.ended,
            *impact.provides,
            *impact.funds,
            *impact.lose_host,
            *impact.lose_lead,
            *impact.dependents,
            *impact.continuing,
        ]
        assert len(places) == len(set(places))
        assert set(impact.arrangements) <= set(places)
        # The explanation gives the count the table gives.
        first = impact.explain().splitlines()[0]
        if impact.arrangements:
            others = impact.affected - (len(impact.arrangements) - len(impact.continuing))
            count = (
                f"{impact.affected} arrangement" if others else f"{impact.affected - others} of its"
            )
            assert count in first, first


@given(graphs(cycles=True, bodies=True), st.dates(dt.date(2000, 1, 1), dt.date(2020, 1, 1)))
def test_as_of_keeps_only_live_arrangements_and_present_parties(
    g: PartnershipGraph, day: dt.date
) -> None:
    dated = attrs.evolve(
        g,
        arrangements=[
            attrs.evolve(
                a,
                start=dt.date(2005, 1, 1),
                end=dt.date(2010, 12, 31),
                left={a.parties[0]: dt.date(2008, 3, 31)} if len(a.parties) > 1 else {},
            )
            for a in g.arrangements.values()
        ],
    )
    live = dated.as_of(day)
    for a in live.arrangements.values():
        original = dated.arrangements[a.id]
        assert original.start <= day <= original.end
        assert a.parties == original.parties_on(day)
    if not dt.date(2005, 1, 1) <= day <= dt.date(2010, 12, 31):
        assert not live.arrangements


@given(graphs(cycles=True))
def test_the_all_councils_table_equals_recomputing_each_withdrawal(g: PartnershipGraph) -> None:
    table = g.withdrawal_table()
    assert list(table.impacts) == sorted(g.authorities)
    for code, impact in table.impacts.items():
        assert impact == _recompute_withdrawal(g, code)
        assert impact.explain() == _recompute_withdrawal(g, code).explain()


@given(graphs(cycles=True), st.data())
def test_removing_a_council_never_adds_an_arrangement(
    g: PartnershipGraph, data: st.DataObject
) -> None:
    code = data.draw(st.sampled_from(sorted(g.authorities)))
    after = g.without(code)
    assert set(after.arrangements) <= set(g.arrangements)
    assert code not in after.authorities
    for ident, a in after.arrangements.items():
        assert code not in a.parties
        assert set(a.parties) <= set(g.arrangements[ident].parties)
        assert set(a.depends_on) <= set(g.arrangements[ident].depends_on)
    # And it never gives a council a partner it did not have.
    for other in after.authorities:
        assert set(after.partners(other).partners) <= set(g.partners(other).partners)


@given(graphs())
def test_a_dependency_order_respects_every_edge(g: PartnershipGraph) -> None:
    order = g.dependency_order().order
    assert sorted(order) == sorted(g.arrangements)
    place = {ident: n for n, ident in enumerate(order)}
    for a in g.arrangements.values():
        for dep in a.depends_on:
            assert place[dep] < place[a.id]


@given(graphs())
def test_brokers_are_the_councils_whose_withdrawal_splits_their_cluster(
    g: PartnershipGraph,
) -> None:
    # Brute force: a broker's withdrawal leaves more separate groups (singletons included).
    def pieces(graph: PartnershipGraph) -> int:
        return len(graph.clusters().clusters) + len(graph.clusters().alone)

    expected = {c for c in g.authorities if pieces(g.without(c)) > pieces(g)}
    assert set(g.brokers().brokers) == expected


# -- the seed papers, on real data ------------------------------------------------------------


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("partnerships", ROOT / "examples/partnerships.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_seed_graph_on_mysociety_data(shared_data: Path) -> None:
    from sharegov.councils import load_councils

    example = load_example()
    path = shared_data / "councils" / "uk_local_authorities_current.csv"
    known = {a.code: a for a in load_councils(path, rename=example.RENAME)}
    parties = {p for a in example.ARRANGEMENTS for p in a.parties}
    assert parties <= set(known), "every party in the seeds is a real authority code"
    g = PartnershipGraph([known[c] for c in sorted(parties)], example.ARRANGEMENTS,
                         external_bodies=example.BODIES)  # fmt: skip
    assert g.authorities["RBC"].gss == "E07000236"
    impact = g.withdrawal_impact("RBC")
    # Seed 001: payroll is hosted by Redditch, a two-council arrangement, so it ends with it.
    assert "br-payroll" in impact.dissolved
    assert "br-hr-system" in impact.dissolved
    assert set(impact.continuing) == {"nw-csp", "worcs-hub"}  # Wyre Forest and the county stay
    herts = g.withdrawal_impact("HRT")
    assert herts.lose_host == ("herts-sias",)
    assert herts.lose_lead == ("herts-sms",)
    assert g.area_picture().members["WOR"] == ("BDC", "MAV", "RBC", "WOC", "WOR", "WYC", "WYE")


def test_explanations_count_one_in_the_singular() -> None:
    g = PartnershipGraph(
        authorities("A", "B", "C"),
        [S("x", "Audit", ["A", "B", "C"], host="A")],
        external_bodies=[ExternalBody("f", "Fund", kind="grant")],
    )
    assert g.explain() == "3 authorities, 1 arrangement (1 shared service), 1 external body."
    two = PartnershipGraph(authorities("A"), [])
    assert two.explain() == "1 authority, 0 arrangements, 0 external bodies."
    table = g.withdrawal_table().explain()
    assert "A Council (A): 1 arrangement affected (0 dissolved, 1 loses its host, " in table
    assert "0 lose their lead" in table
    assert "0 councils left without a partner." in table
    one = PartnershipGraph(authorities("A"), []).withdrawal_table().explain()
    assert one.startswith("Withdrawal impact for 1 council;")
    assert g.partners("A").explain().startswith("A Council (A) has 2 partners:")
