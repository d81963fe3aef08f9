"""Every arrangement named in the five seed papers, as one partnership graph.

Real GSS codes and populations come from mySociety's UK local authorities table in
``../shared/data/councils/`` (CC BY 4.0). Without it, the example runs on the names below
alone and says so. It prints what breaks if Redditch leaves, and draws the graph to
``partnerships.png`` in the current directory.

Run: ``PYTHONPATH=src python examples/partnerships.py``
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sharegov.concordat import ArrangementKind as K
from sharegov.concordat import ServiceArrangement as S
from sharegov.councils import CREDIT, load_councils
from sharegov.graph import ExternalBody, PartnershipGraph
from sharegov.parties import Authority

CSV = (
    Path(__file__).resolve().parents[1].parent
    / "shared/data/councils/uk_local_authorities_current.csv"
)
# Seed 001 and sharegov.reference call Bromsgrove and Redditch BDC and RBC; mySociety BRM, RED.
RENAME = {"BRM": "BDC", "RED": "RBC"}

# Used only when the mySociety table is absent.
NAMES = {
    "BDC": "Bromsgrove District Council",
    "RBC": "Redditch Borough Council",
    "WYE": "Wyre Forest District Council",
    "WOR": "Worcestershire County Council",
    "MAV": "Malvern Hills District Council",
    "WOC": "Worcester City Council",
    "WYC": "Wychavon District Council",
    "HUN": "Huntingdonshire District Council",
    "SCA": "South Cambridgeshire District Council",
    "CAB": "Cambridge City Council",
    "NHE": "North Hertfordshire District Council",
    "STV": "Stevenage Borough Council",
    "LUT": "Luton Borough Council",
    "EHE": "East Hertfordshire District Council",
    "HRT": "Hertfordshire County Council",
    "HER": "Hertsmere Borough Council",
    "DAC": "Dacorum Borough Council",
    "SAL": "St Albans City and District Council",
    "SOX": "South Oxfordshire District Council",
    "VAL": "Vale of White Horse District Council",
    "GED": "Gedling Borough Council",
    "RUS": "Rushcliffe Borough Council",
    "DEB": "Derbyshire Dales District Council",
    "HIG": "High Peak Borough Council",
    "NED": "North East Derbyshire District Council",
    "BOS": "Bolsover District Council",
    "CHS": "Chesterfield Borough Council",
    "SKE": "South Kesteven District Council",
    "DAV": "Daventry District Council",
    "ENO": "East Northamptonshire Council",
    "MEL": "Melton Borough Council",
    "WLI": "West Lindsey District Council",
    "MAS": "Mansfield District Council",
    "OAD": "Oadby and Wigston Borough Council",
    "LIN": "Lincolnshire County Council",
    "NKE": "North Kesteven District Council",
    "NTH": "Northamptonshire County Council",
    "ELI": "East Lindsey District Council",
    "NOR": "Northampton Borough Council",
    "RUT": "Rutland County Council",
    "LEC": "Leicestershire County Council",
    "KET": "Kettering Borough Council",
    "NTT": "Nottinghamshire County Council",
    "DBY": "Derbyshire County Council",
    "DER": "Derby City Council",
}

BODIES = [
    ExternalBody("wmlga", "West Midlands Local Government Association", kind="improvement body"),
    ExternalBody(
        "wmriep",
        "West Midlands Regional Improvement and Efficiency Partnership",
        kind="improvement partnership",
    ),
    ExternalBody("tcf", "Transformation Challenge Fund", kind="government grant"),
    ExternalBody("serco", "Serco", kind="contractor"),
    ExternalBody("capita", "Capita", kind="contractor"),
    ExternalBody("dmu", "De Montfort University", kind="university"),
    ExternalBody("emcoe", "East Midlands Centre of Excellence", kind="improvement partnership"),
    ExternalBody(
        "em-iep",
        "East Midlands Improvement and Efficiency Partnership",
        kind="improvement partnership",
    ),
    ExternalBody("local-partnerships", "Local Partnerships (4ps)", kind="improvement body"),
    ExternalBody("clg", "Communities and Local Government", kind="government department"),
]

BR = ["BDC", "RBC"]
THREE_C = ["HUN", "SCA", "CAB"]
ARRANGEMENTS = [
    # Seed 001: Bromsgrove and Redditch (the reference case).
    S("br-jce", "Acting Joint Chief Executive", BR, kind=K.SHARED_POST, host="BDC",
      start=dt.date(2008, 6, 30)),
    S("br-board", "Shared Services Board", BR, kind=K.JOINT_COMMITTEE,
      start=dt.date(2008, 9, 1), depends_on=["br-jce"], funded_by=["wmlga", "wmriep"]),
    S("br-procurement", "Shared procurement officer", BR, kind=K.SHARED_POST,
      start=dt.date(2007, 11, 1)),
    S("br-payroll", "Payroll", BR, host="RBC", start=dt.date(2008, 9, 1)),
    S("br-hr-system", "HR system procurement", BR, kind=K.CONTRACT,
      depends_on=["br-payroll", "br-procurement"]),
    S("br-elections", "Elections team", BR, lead="BDC", depends_on=["br-board"]),
    S("nw-csp", "North Worcestershire Community Safety Partnership", ["BDC", "RBC", "WYE"],
      kind=K.PARTNERSHIP),
    S("br-community-safety", "Community Safety team", BR, lead="RBC",
      depends_on=["br-board", "nw-csp"]),
    S("worcs-hub", "Worcestershire Hub", ["WOR", "BDC", "RBC", "WYE", "MAV", "WOC", "WYC"],
      kind=K.PARTNERSHIP),
    # Seed 002: Huntingdonshire, South Cambridgeshire and Cambridge City.
    S("3c-cctv", "CCTV", ["CAB", "HUN"], host="CAB"),
    S("3c-partnership", "Three-council shared services programme", THREE_C,
      kind=K.PARTNERSHIP, funded_by=["tcf"]),
    S("3c-ict", "ICT", THREE_C, lead="HUN", depends_on=["3c-partnership"]),
    # The seed records that a lead was agreed for Legal without naming it; Cambridge led 3C Legal.
    S("3c-legal", "Legal", THREE_C, lead="CAB", depends_on=["3c-partnership"]),
    # Seed 004: North Hertfordshire and South Oxfordshire / Vale of White Horse.
    S("nh-building-control", "Building control", ["NHE", "STV"]),
    S("nh-enforcement", "Licensing and enforcement officer", ["NHE", "LUT"],
      kind=K.SHARED_POST, start=dt.date(2010, 7, 1)),
    S("nh-procurement", "Shared procurement officer", ["NHE", "EHE"], kind=K.SHARED_POST),
    S("herts-finance", "Financial transactions collaboration", ["NHE", "EHE", "STV"],
      kind=K.PARTNERSHIP),
    S("herts-sias", "Shared Internal Audit Service",
      ["HRT", "EHE", "NHE", "STV", "HER", "DAC", "SAL"], host="HRT", start=dt.date(2011, 6, 1)),
    S("herts-sms", "Shared Managed Services contract", ["HRT", "NHE", "EHE", "STV"],
      kind=K.CONTRACT, lead="HRT", provider="serco"),
    S("sv-finance", "Shared financial services team", ["SOX", "VAL"], start=dt.date(2006, 4, 1)),
    S("sv-management", "Shared management team (66 managers to 37)", ["SOX", "VAL"],
      depends_on=["sv-finance"]),
    S("sv-revenues", "Benefits and council tax", ["SOX", "VAL"], kind=K.CONTRACT,
      provider="capita"),
    # Seed 000: East Midlands SOLACE branch, December 2005.
    S("gr-board", "Gedling and Rushcliffe Joint Board", ["GED", "RUS"], kind=K.JOINT_COMMITTEE),
    S("hp-dd-housing", "Strategic housing", ["DEB", "HIG"], host="DEB"),
    # The seed names "North Derbyshire", not its councils; these three formed it.
    S("north-derbyshire", "North Derbyshire shared services", ["NED", "BOS", "CHS"],
      funded_by=["emcoe"]),
    S("em-solace-dmu", "SOLACE branch partnership with De Montfort University",
      ["SKE", "DAV", "NED", "RUS", "GED", "ENO", "MEL", "WLI", "MAS", "OAD", "HIG"],
      kind=K.PARTNERSHIP, provider="dmu", start=dt.date(2005, 12, 16),
      end=dt.date(2006, 12, 15)),
    # Seed 003: East Midlands Improvement and Efficiency Partnership, November 2009.
    S("em-iep-board", "EM IEP Board",
      ["LIN", "NKE", "NTH", "ELI", "NOR", "RUT", "LEC", "KET", "NTT", "DBY"],
      kind=K.JOINT_COMMITTEE, funded_by=["clg"]),
    S("decats", "DECATS diagnostic pilot", ["DER"], funded_by=["em-iep", "local-partnerships"],
      start=dt.date(2009, 9, 1)),
]  # fmt: skip


def authorities() -> tuple[list[Authority], str]:
    """Real data if the shared table is present, else names only; and a note saying which."""
    if CSV.is_file():
        wanted = [next((k for k, v in RENAME.items() if v == c), c) for c in NAMES]
        found = load_councils(CSV, only=wanted, rename=RENAME)
        return list(found), CREDIT
    note = (
        f"Note: {CSV} is absent, so the councils carry names only (no GSS codes, "
        "populations, counties or combined authorities)."
    )
    return [Authority(code, name) for code, name in NAMES.items()], note


def main() -> None:
    councils, note = authorities()
    graph = PartnershipGraph(councils, ARRANGEMENTS, external_bodies=BODIES)
    print(graph.explain())
    print()
    rbc = graph.authorities["RBC"]
    print(f"Redditch: GSS {rbc.gss or 'unknown'}, population {rbc.population or 'unknown'}.")
    print(graph.withdrawal_impact("RBC").explain())
    print()
    print(graph.withdrawal_impact("HRT").explain())
    print()
    print(graph.roles().explain())
    print()
    print(graph.dependency_order().explain())
    print()
    print(graph.clusters().explain())
    print()
    print(graph.brokers().explain())
    print()
    print(graph.area_picture().explain())
    print()
    print(graph.in_force(dt.date(2008, 9, 1)).explain())
    print()
    print(graph.withdrawal_table().explain())
    out = Path("partnerships.png").resolve()
    graph.draw(out, title="Shared-service arrangements in the seed papers", credit=note)
    print()
    print(f"Drawing saved to {out}")
    print(note)


if __name__ == "__main__":
    main()
