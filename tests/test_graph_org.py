"""The organization graph on small named graphs with exact answers, and on the shipped data."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.org import (
    abbreviation_key,
    body_details,
    chart_name,
    edge_crossings,
    graphml_bytes,
    graphviz_available,
    hierarchy,
    label_lines,
    layered_layout,
    layered_routes,
    layers,
    org_graph,
    simple_layered_layout,
    spring_layout,
    supreme_bodies,
    unconnected_bodies,
    wrap_label,
)
from components.figures.org import RELATION_STYLE, org_figure
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
    assert all(a.name == "abbreviation-key" for a in fig.layout.annotations), "arrowheads are markers"
    assert len(fig.layout.annotations) <= 2, "each annotation is laid out alone: the key is one or two"


def test_as_of_year_hides_later_bodies_marks_unknown_dates_and_selection_fades_others():
    graph = org_graph(BODIES, LINKS).graph
    fig = org_figure(graph, layered_layout(graph), as_of_year=2005)
    ids = {c[0] for tr in fig.data if tr.customdata is not None for c in tr.customdata}
    assert "crrf" not in ids and "pa" not in ids, "founded 2009 and 2006: not drawn in 2005"
    assert {"csc", "cfm", "secgen", "secretariat"} <= ids
    ring = next(tr for tr in fig.data if tr.name == "Founding date unknown (grey ring)")
    assert len(ring.x) == 2, "cfm and secgen have no founding date"
    statutory = next(tr for tr in fig.data if tr.name == "Statutory body" and tr.customdata is not None)
    cfm = [c[0] for c in statutory.customdata].index("cfm")
    assert "Founding date unknown" in statutory.hovertext[cfm]
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


def test_edge_crossings_counts_pairs_of_crossing_edges():
    graph = nx.DiGraph([("a", "b"), ("c", "d"), ("a", "d")])
    square = {"a": (0.0, 0.0), "b": (1.0, 1.0), "c": (0.0, 1.0), "d": (1.0, 0.0)}
    assert edge_crossings(graph, square) == 1, "a-b crosses c-d; a-d shares a node with both"
    assert edge_crossings(graph, {**square, "b": (0.0, -1.0)}) == 0
    detour = {("a", "b"): [(0.0, 0.0), (-1.0, 2.0), (1.0, 1.0)]}
    assert edge_crossings(graph, square, routes=detour) == 0, "a routed edge counts along its bends"
    assert edge_crossings(graph, {"a": (0, 0), "b": (1, 1)}) == 0, "edges to undrawn bodies do not count"


def test_labels_are_wrapped_never_cut():
    name = "Coordination Council of the Heads of the Competent Authorities for Countering Illicit Drug Trafficking"
    lines = wrap_label(name)
    assert " ".join(lines) == name and "…" not in name
    assert all(len(line) <= 22 for line in lines)
    # Narrow lines (up to 16 characters): neighbours in a row fit side by side on a 1024-px screen.
    assert wrap_label("Troops (Collective Forces) of the CSTO") == ["Troops", "(Collective", "Forces) of", "the CSTO"]


def test_chart_labels_write_the_organizations_name_short_and_the_hover_keeps_it_whole():
    full_ru = "Объединенный штаб Организации Договора о коллективной безопасности"
    joint_staff = {"name": "Joint Staff", "name_ru": full_ru}
    assert label_lines(joint_staff | {"aliases": []}) == ["Joint Staff"]
    assert chart_name(joint_staff) == "Joint Staff"
    from components.i18n.text import set_language

    set_language("ru")
    try:
        assert chart_name(joint_staff) == "Объединенный штаб ОДКБ"
        assert " ".join(label_lines(joint_staff | {"aliases": []})) == "Объединенный штаб ОДКБ"
    finally:
        set_language("en")


def test_relations_differ_in_colour_and_dash():
    styles = list(RELATION_STYLE.values())
    assert len({colour for colour, _ in styles}) == len(styles) == len({dash for _, dash in styles})


def test_layout_falls_back_without_graphviz(monkeypatch):
    import components.derive.org as org

    graph = org_graph(BODIES, LINKS).graph
    monkeypatch.setattr(org.shutil, "which", lambda name: None)
    org._run_graphviz.cache_clear()
    assert not graphviz_available()
    assert layered_layout(graph) == simple_layered_layout(graph)
    assert layered_routes(graph) is None
    assert spring_layout(graph) == spring_layout(graph), "networkx's seeded spring layout"
    org._run_graphviz.cache_clear()


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


@pytest.mark.skipif(not graphviz_available(), reason="Graphviz dot is not installed")
def test_dot_layout_crosses_fewer_edges_than_the_simple_layout(shipped):
    graph = shipped.graph
    before = edge_crossings(graph, simple_layered_layout(graph))
    after = edge_crossings(graph, layered_layout(graph), routes=layered_routes(graph))
    assert layered_layout(graph).routes == layered_routes(graph), "the positions carry their routes"
    print(f"edge crossings: simple layered layout {before}, dot with routed edges {after}")
    assert after <= 3 < before
    rows = layers(graph)
    positions = layered_layout(graph)
    depth = {rank: i for i, rank in enumerate(sorted(set(rows.values())))}
    assert all(positions[n][1] == -depth[rows[n]] for n in graph), "rows stay the hierarchy's rows"


def test_shipped_chart_labels_and_key(shipped):
    graph = shipped.graph
    assert all("…" not in line for n in graph for line in label_lines(graph.nodes[n]))
    assert ("CSC", "Collective Security Council") in abbreviation_key(graph)
    fig = org_figure(graph, layered_layout(graph), routes=layered_routes(graph), as_of_year=2026)
    key = "".join(a.text for a in fig.layout.annotations)
    assert "CSC — Collective Security Council" in key
    assert fig.layout.legend.orientation == "h" and fig.layout.legend2.orientation == "h"
    assert fig.layout.height > 900 and fig.layout.margin.b > 250, "room for both legends and the key"


def _label_boxes(fig, plot_width_px: float = 640.0, char_px: float = 7.0) -> dict[str, tuple[float, ...]]:
    """Each node label's box (x0, x1, y0, y1) in the figure's own units: y is in page pixels (the
    page's chart is drawn at its natural height), x is scaled from the narrowest chart's width."""
    x_low, x_high = fig.layout.xaxis.range
    unit_px = plot_width_px / (x_high - x_low)
    boxes = {}
    for trace in fig.data:
        if trace.mode != "markers+text" or trace.customdata is None:
            continue
        for x, y, text, (node,) in zip(trace.x, trace.y, trace.text, trace.customdata, strict=True):
            lines = str(text).split("<br>")
            half = max(len(line) for line in lines) * char_px / 2 / unit_px
            top = y - 11 - 2  # under the marker (22 px)
            boxes[node] = (x - half, x + half, top - 17 * len(lines) + 2, top)
    return boxes


def _edges_through_their_own_labels(fig) -> list[str]:
    """Edges (each run of a line trace between None gaps) that pass through the name hanging under
    either of the two bodies they join (the bodies nearest the run's two ends)."""
    boxes = _label_boxes(fig)
    centres = {
        node: (x, y)
        for trace in fig.data
        if trace.mode == "markers+text" and trace.customdata is not None
        for x, y, (node,) in zip(trace.x, trace.y, trace.customdata, strict=True)
    }
    x_low, x_high = fig.layout.xaxis.range
    unit_px = 640.0 / (x_high - x_low)

    def nearest(point: tuple[float, float]) -> str:
        return min(centres, key=lambda n: ((centres[n][0] - point[0]) * unit_px) ** 2 + (centres[n][1] - point[1]) ** 2)

    found = set()
    for trace in fig.data:
        if trace.mode != "lines":
            continue
        runs, run = [], []
        for x, y in zip(trace.x, trace.y, strict=True):
            if x is None:
                runs.append(run)
                run = []
            else:
                run.append((x, y))
        for points in [*runs, run]:
            if len(points) < 2:
                continue
            ends = {nearest(points[0]), nearest(points[-1])}
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                for step in range(101):
                    x, y = x0 + (x1 - x0) * step / 100, y0 + (y1 - y0) * step / 100
                    inside = [n for n in ends if boxes[n][0] < x < boxes[n][1] and boxes[n][2] < y < boxes[n][3]]
                    found |= {f"{trace.name} through {node}" for node in inside}
    return sorted(found)


def test_edges_leave_a_body_below_its_name_not_through_it(shipped):
    """Issue 31: the org chart's edges ran over its labels: a parent's edges left its marker
    straight down through the name hanging under it. They now start and end at the border of the
    marker and its name; where an edge passes under another body's name, a white halo keeps the
    name readable."""
    graph = shipped.graph
    fig = org_figure(graph, layered_layout(graph), routes=layered_routes(graph), as_of_year=2026)
    assert _edges_through_their_own_labels(fig) == []
    labelled = [trace for trace in fig.data if trace.mode == "markers+text"]
    assert labelled and all("white" in str(trace.textfont.shadow) for trace in labelled)


@pytest.mark.parametrize(("lang", "limit"), [("en", 5), ("ru", 4)])
def test_names_on_a_slide_are_whole_where_a_1024_px_slide_has_the_room(shipped, lang, limit):
    """Issue 31: presenting, six names (seven in Russian) read "Working Group on Information…", cut
    after two lines. On a slide a long name now takes the room its row leaves it, in up to three
    lines; only a name with no room even at 1024 px is cut (after three lines; its hover is whole)."""
    import html

    from components.figures.org import org_for_slide
    from components.figures.style import for_projector
    from components.i18n.text import set_language

    set_language(lang)
    try:
        graph = shipped.graph
        fig = for_projector(
            org_figure(graph, layered_layout(graph), routes=layered_routes(graph), as_of_year=2026), fill=True
        )
        org_for_slide(fig)
        labels = [str(text) for trace in fig.data if trace.mode == "markers+text" for text in trace.text]
        cut = [label for label in labels if label.endswith("…")]
        assert labels and len(cut) <= limit, cut
        assert all(label.count("<br>") < 3 for label in labels), "at most three lines a name"
        whole = {" ".join(label_lines(graph.nodes[n])) for n in graph}
        shown = {html.unescape(label.replace("<br>", " ")) for label in labels if label not in cut}
        assert shown <= whole, "each uncut label is the page's name, re-wrapped, nothing dropped"
    finally:
        set_language("en")
