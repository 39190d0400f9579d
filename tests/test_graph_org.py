"""The organization graph on small named graphs with exact answers, and on the shipped data."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.org import (
    body_details,
    graphml_bytes,
    hierarchy,
    layered_layout,
    layers,
    org_graph,
    spring_layout,
    supreme_bodies,
    unconnected_bodies,
)
from components.figures.org import org_figure
from tests.conftest import FIXED_TODAY


def bodies_frame(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """Bodies from (id, kind, established) triples."""
    frame = pd.DataFrame(rows, columns=["body_id", "kind", "established"])
    return frame.assign(
        name_en=frame["body_id"].str.upper() + " body",
        abbreviation=frame["body_id"].str.upper(),
        name_ru="",
        established=pd.to_datetime(frame["established"]),
        established_precision="day",
        description="",
        source_url="https://example.org/b",
    )


def links_frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["from_id", "to_id", "relation"]).assign(source_url="https://example.org/l")


BODIES = bodies_frame(
    ("csc", "statutory", "1992-05-15"),
    ("cfm", "statutory", None),
    ("secgen", "permanent", None),
    ("secretariat", "permanent", "2003-01-01"),
    ("crrf", "forces", "2009-02-04"),
    ("pa", "parliamentary", "2006-11-16"),
)
LINKS = links_frame(
    ("cfm", "csc", "reports_to"),
    ("secgen", "csc", "reports_to"),
    ("secretariat", "secgen", "subordinate_to"),
    ("crrf", "csc", "established_by"),
    ("cfm", "crrf", "coordinates"),
)


def test_supreme_body_has_no_parent():
    graph = org_graph(BODIES, LINKS).graph
    assert supreme_bodies(graph) == ["csc"]
    assert hierarchy(graph).out_degree("csc") == 0


def test_dangling_link_is_reported_not_drawn():
    built = org_graph(BODIES, pd.concat([LINKS, links_frame(("ghost", "csc", "reports_to"))]))
    assert built.dangling == [("ghost", "csc", "reports_to")]
    assert "ghost" not in built.graph and built.graph.number_of_edges() == 5


def test_unconnected_bodies_are_named():
    assert unconnected_bodies(org_graph(BODIES, LINKS).graph) == ["pa"]


def test_layers_put_subordinates_below_their_parents():
    rows = layers(org_graph(BODIES, LINKS).graph)
    assert rows["csc"] == 0 and rows["cfm"] == 1
    assert rows["secretariat"] == rows["secgen"] + 1


def test_layered_layout_is_deterministic_and_top_down():
    graph = org_graph(BODIES, LINKS).graph
    first, second = layered_layout(graph), layered_layout(graph.copy())
    assert first == second
    assert first["csc"][1] > first["cfm"][1] > first["secretariat"][1]


def test_spring_layout_is_seeded():
    graph = org_graph(BODIES, LINKS).graph
    assert spring_layout(graph) == spring_layout(graph)


def test_figure_traces_hover_and_legend():
    graph = org_graph(BODIES, LINKS).graph
    fig = org_figure(graph, layered_layout(graph))
    legend = {trace.name for trace in fig.data if trace.showlegend is not False}
    assert {"Statutory body", "Collective forces", "reports to", "coordinates"} <= legend
    statutory = next(tr for tr in fig.data if tr.name == "Statutory body" and tr.customdata is not None)
    assert [c[0] for c in statutory.customdata] == ["csc", "cfm"] or set(c[0] for c in statutory.customdata) == {
        "csc",
        "cfm",
    }
    assert "CSC body (CSC)" in statutory.hovertext[[c[0] for c in statutory.customdata].index("csc")]
    heads = [tr for tr in fig.data if tr.marker.symbol == "arrow"]
    assert sum(list(tr.marker.size).count(13) for tr in heads) == 5, "one arrowhead per edge"
    assert all(tr.marker.angleref == "previous" and tr.showlegend is False for tr in heads)
    assert not fig.layout.annotations, "markers, not annotations (each annotation is laid out alone)"


def test_as_of_year_greys_later_bodies_and_selection_fades_others():
    graph = org_graph(BODIES, LINKS).graph
    fig = org_figure(graph, layered_layout(graph), as_of_year=2005)
    forces = next(tr for tr in fig.data if tr.name == "Collective forces" and tr.customdata is not None)
    assert list(forces.marker.opacity) == [0.15]
    fig = org_figure(graph, layered_layout(graph), selected="secgen")
    permanent = next(tr for tr in fig.data if tr.name == "Permanent working body" and tr.customdata is not None)
    opacity = dict(zip([c[0] for c in permanent.customdata], permanent.marker.opacity, strict=True))
    assert opacity == {"secgen": 1.0, "secretariat": 1.0}
    heads = [o for tr in fig.data if tr.marker.symbol == "arrow" for o in tr.marker.opacity if o]
    assert 0.2 in heads and max(heads) > 0.2, "heads of edges away from the selection fade too"


def test_kind_filter_hides_nodes():
    graph = org_graph(BODIES, LINKS).graph
    fig = org_figure(graph, layered_layout(graph), kinds=["statutory"])
    ids = {c[0] for tr in fig.data if tr.customdata is not None for c in tr.customdata}
    assert ids == {"csc", "cfm"}


def test_details_panel_and_graphml():
    graph = org_graph(BODIES, LINKS).graph
    details = body_details(graph, "secgen")
    assert details["answers_to"] == ["CSC body (CSC) — reports to"]
    assert details["answered_by"] == ["SECRETARIAT body (SECRETARIAT) — subordinate to"]
    parsed = nx.parse_graphml(graphml_bytes(graph).decode())
    assert parsed.number_of_nodes() == 6 and parsed.nodes["crrf"]["established"] == "2009-02-04"


@pytest.fixture(scope="module")
def shipped():
    tables = read_all(today=FIXED_TODAY)
    return org_graph(tables["bodies"], tables["body_links"])


def test_shipped_structure(shipped):
    graph = shipped.graph
    assert shipped.dangling == []
    assert supreme_bodies(graph) == ["csc"]
    assert nx.is_directed_acyclic_graph(hierarchy(graph)), "subordination has no cycles"
    # The Parliamentary Assembly is the one body no source ties to the others (see data/README.md).
    assert unconnected_bodies(graph) == ["parliamentary_assembly"]
    kinds = pd.Series(dict(graph.nodes(data="kind"))).value_counts().to_dict()
    assert kinds["statutory"] == 4 and kinds["forces"] >= 5 and kinds["operation"] == 4
