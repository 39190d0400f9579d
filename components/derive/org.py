"""The organization as a directed graph and its layouts (pure).

Edges point from a body to the body it reports to, is part of, or was established by — so
"up" in the graph is "up" in the org chart.
"""

from __future__ import annotations

import functools
import itertools
import math
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from components.data.loaders import split_sources
from components.i18n.names import body_abbreviation, body_name
from components.i18n.text import format_date, t

# Org-chart rows, top to bottom. The supreme body (a statutory body with no parent) sits alone on
# row 0; the other statutory bodies on row 1.
LAYER_BY_KIND = {
    "statutory": 1,
    "permanent": 2,
    "parliamentary": 2,
    "subsidiary": 3,
    "working_group": 4,
    "forces": 5,
    "operation": 7,
}


# Relations that place a body under another in the chart; the others are drawn but do not rank.
HIERARCHY_RELATIONS = ("reports_to", "subordinate_to", "part_of", "established_by")


SPRING_SEED = 7


class LayeredPositions(dict):
    """Positions (a plain ``dict`` of body -> (x, y)) that also carry how ``dot`` routed each edge
    (``.routes``), so that ``org_figure`` bends the edges without being told."""

    routes: dict[tuple[str, str], list[tuple[float, float]]]

    def __init__(self, positions: dict, routes: dict | None = None) -> None:
        super().__init__(positions)
        self.routes = routes or {}


@dataclass
class OrgGraph:
    """The graph plus what could not be drawn (links naming unknown bodies)."""

    graph: nx.DiGraph
    dangling: list[tuple[str, str, str]] = field(default_factory=list)


def org_graph(bodies: pd.DataFrame, links: pd.DataFrame) -> OrgGraph:
    """Build the directed graph of bodies; a link to an unknown body is reported, not drawn."""
    graph = nx.DiGraph()
    for body in bodies.to_dict("records"):
        established = body.get("established")
        graph.add_node(
            str(body["body_id"]),
            name=str(body["name_en"]),
            aliases=list(body.get("aliases") or []),
            abbreviation=str(body.get("abbreviation") or ""),
            name_ru=str(body.get("name_ru") or ""),
            kind=str(body["kind"]),
            established=None if pd.isna(established) else pd.Timestamp(established),
            established_precision=str(body.get("established_precision") or ""),
            description=str(body.get("description") or ""),
            source_url=str(body.get("source_url") or ""),
        )
    dangling = []
    for link in links.to_dict("records"):
        source, target, relation = str(link["from_id"]), str(link["to_id"]), str(link["relation"])
        if source not in graph or target not in graph:
            dangling.append((source, target, relation))
            continue
        graph.add_edge(source, target, relation=relation, source_url=str(link.get("source_url") or ""))
    return OrgGraph(graph, dangling)


def hierarchy(graph: nx.DiGraph) -> nx.DiGraph:
    """Only the ranking relations (reports to, subordinate to, part of, established by)."""
    return graph.edge_subgraph(
        (u, v) for u, v, relation in graph.edges(data="relation") if relation in HIERARCHY_RELATIONS
    ).copy()


def supreme_bodies(graph: nx.DiGraph) -> list[str]:
    """Statutory bodies that answer to no one (the Collective Security Council)."""
    ranked = hierarchy(graph)
    return sorted(
        node
        for node, kind in graph.nodes(data="kind")
        if kind == "statutory" and (node not in ranked or ranked.out_degree(node) == 0)
    )


def layers(graph: nx.DiGraph) -> dict[str, int]:
    """Row of each body: by kind, pushed below any body it ranks under (a Secretariat under the
    Secretary General, forces under the Collective Forces). Falls back to kinds alone on a cycle."""
    supreme = set(supreme_bodies(graph))
    rows = {n: 0 if n in supreme else LAYER_BY_KIND.get(kind, 7) for n, kind in graph.nodes(data="kind")}
    ranked = hierarchy(graph)
    if not nx.is_directed_acyclic_graph(ranked):
        return rows
    for node in reversed(list(nx.topological_sort(ranked))):  # parents before children
        parents = [p for p in ranked.successors(node) if graph.edges[node, p]["relation"] != "established_by"]
        if parents:
            rows[node] = max(rows[node], *(rows[p] + 1 for p in parents))
    return rows


def layered_layout(graph: nx.DiGraph, *, engine: str = "auto") -> dict[str, tuple[float, float]]:
    """Deterministic org-chart positions: one row per rank (``layers``), x from Graphviz ``dot``.

    ``dot`` orders each row to minimise edge crossings and spaces the bodies by the width of their
    wrapped labels; the result also carries dot's edge routes (``.routes``, see ``layered_routes``),
    which ``org_figure`` follows. ``engine``: "auto" (dot when installed, else the simple ordering), "dot" (the
    same, and ``graphviz_available`` tells the page when it fell back) or "simple" (the ordering
    used before dot: each row sorted by the mean x of its parents). Rows at y = 0, -1, -2, …
    """
    if engine != "simple":
        placed = dot_layout(graph)
        if placed is not None:
            return placed
    return simple_layered_layout(graph)


def simple_layered_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Rows by kind, each row ordered under its parents (no crossing minimisation).

    Within a row, bodies are sorted by the mean x of the bodies they rank under (so children sit
    beneath parents), then by id; rows are spread over the same width, centred.
    """

    ranked = hierarchy(graph)
    rows: dict[int, list[str]] = {}
    for node, row in sorted(layers(graph).items()):
        rows.setdefault(row, []).append(node)
    positions: dict[str, tuple[float, float]] = {}

    def parent_x(node: str) -> float:
        xs = [positions[p][0] for p in (ranked.successors(node) if node in ranked else []) if p in positions]
        return sum(xs) / len(xs) if xs else math.inf

    for depth, layer in enumerate(sorted(rows)):
        ordered = sorted(rows[layer], key=lambda n: (parent_x(n), graph.nodes[n]["kind"], n))
        for index, node in enumerate(ordered):
            x = 0.5 if len(ordered) == 1 else index / (len(ordered) - 1)
            positions[node] = (x, -float(depth))
    return positions


def spring_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Force-directed alternative, the same picture every load.

    With Graphviz installed: ``neato`` (stress majorisation, seeded) with node boxes the size of
    their labels and ``overlap=false``, so labels do not sit on each other. Without it: networkx's
    seeded spring layout. Positions are scaled into the org chart's box (x in [0, 1], y from 0 down
    to minus the number of rows), so both layouts share a figure size."""
    if graph.number_of_nodes() == 0:
        return {}
    raw = _neato_positions(graph)
    if raw is None:
        raw = {
            node: (float(x), float(y))
            for node, (x, y) in nx.spring_layout(graph.to_undirected(), seed=SPRING_SEED, k=0.9, iterations=200).items()
        }
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    rows = max(1, len(set(layers(graph).values())) - 1)
    return {
        node: (round((x - min(xs)) / span_x, 6), round(-rows * (max(ys) - y) / span_y, 6))
        for node, (x, y) in raw.items()
    }


def _neato_positions(graph: nx.DiGraph) -> dict[str, tuple[float, float]] | None:
    source, nodes = dot_source(graph, ranked=False)
    output = _run_graphviz("neato", source)
    return _plain_positions(output, nodes) if output else None


# Node labels: full names wrapped into at most LABEL_MAX_LINES lines of about LABEL_WIDTH
# characters (wider only when a name would need more lines); never cut.
# Lines of up to 16 characters (``width`` + 5): narrow labels let a row's bodies sit side by side on
# a 1024-px screen, in Russian too; a name takes more lines instead.
LABEL_WIDTH = 11
LABEL_MAX_LINES = 4


def wrap_label(text: str, width: int = LABEL_WIDTH, max_lines: int = LABEL_MAX_LINES) -> list[str]:
    """``text`` broken at spaces (never cut): at most ``max_lines`` lines of up to ``width`` + 5
    characters; a longer name takes more lines of ``width`` + 5 characters."""
    text = " ".join(str(text).split())
    if not text:
        return [""]
    # The fewest lines with up to five characters more than ``width`` (the narrowest such lines);
    # more lines than ``max_lines`` only for a name that needs them even so.
    widest = width + 5
    candidates = [
        textwrap.wrap(text, attempt, break_long_words=False, break_on_hyphens=False) or [text]
        for attempt in range(width, widest + 1)
    ]
    lines = min(candidates, key=len)
    if len(lines) > max_lines + 2:  # a very long name: wider lines rather than a tower of them
        lines = textwrap.wrap(text, widest + 6, break_long_words=False, break_on_hyphens=False) or [text]
    return lines


# Inside a body's name on the chart, the organization's own name is written the way the CSTO writes
# it in short ("Объединенный штаб ОДКБ"): the full official name made the Russian labels four lines
# long and run into each other. The hover, the search and the tables keep the full name.
ORGANIZATION_SHORT_NAMES = {
    "Организации Договора о коллективной безопасности": "ОДКБ",
    "Collective Security Treaty Organization": "CSTO",
}


def chart_name(attributes: dict) -> str:
    """A body's name as its node label writes it (the organization's name shortened)."""
    name = body_name(attributes)
    for full, short in ORGANIZATION_SHORT_NAMES.items():
        name = name.replace(full, short)
    return name


def label_lines(attributes: dict) -> list[str]:
    """What a node shows: the abbreviation when the organization uses one (the chart's key spells
    it out), else the name as ``chart_name`` shortens it, wrapped."""
    abbreviation = body_abbreviation(attributes)
    return [abbreviation] if abbreviation else wrap_label(chart_name(attributes))


def _plain(text: str) -> str:
    return str(text).casefold().replace("ё", "е")


def abbreviation_key(graph: nx.DiGraph, nodes: list[str] | None = None) -> list[tuple[str, str]]:
    """(abbreviation, full name) for every shown body whose label is an abbreviation, by abbreviation."""
    chosen = graph.nodes if nodes is None else [n for n in nodes if n in graph]
    pairs = {
        (body_abbreviation(graph.nodes[n]), body_name(graph.nodes[n]))
        for n in chosen
        if body_abbreviation(graph.nodes[n])
        and _plain(body_abbreviation(graph.nodes[n])) != _plain(body_name(graph.nodes[n]))
    }
    return sorted(pairs, key=lambda pair: pair[0].casefold())


def edge_crossings(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    routes: dict[tuple[str, str], list[tuple[float, float]]] | None = None,
) -> int:
    """How many pairs of edges cross when drawn as straight lines between their nodes' positions.

    Edges sharing a node do not count (they meet there); edges with a node not in ``positions``
    are not drawn and do not count. Touching or overlapping collinear segments count as crossing.
    With ``routes`` (bent edges, see ``layered_routes``) two edges count once however often their
    polylines cross."""
    drawn = [(u, v) for u, v in graph.edges if u in positions and v in positions and u != v]
    paths = {(u, v): (routes or {}).get((u, v)) or [positions[u], positions[v]] for u, v in drawn}

    def orientation(a, b, c) -> float:
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0.0 if abs(value) < 1e-12 else value

    def on_segment(a, b, c) -> bool:
        return min(a[0], b[0]) - 1e-12 <= c[0] <= max(a[0], b[0]) + 1e-12 and (
            min(a[1], b[1]) - 1e-12 <= c[1] <= max(a[1], b[1]) + 1e-12
        )

    def cross(p1, p2, q1, q2) -> bool:
        d1, d2 = orientation(q1, q2, p1), orientation(q1, q2, p2)
        d3, d4 = orientation(p1, p2, q1), orientation(p1, p2, q2)
        if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
            return True
        return (
            (d1 == 0 and on_segment(q1, q2, p1))
            or (d2 == 0 and on_segment(q1, q2, p2))
            or (d3 == 0 and on_segment(p1, p2, q1))
            or (d4 == 0 and on_segment(p1, p2, q2))
        )

    count = 0
    for i, (u1, v1) in enumerate(drawn):
        first = list(zip(paths[(u1, v1)], paths[(u1, v1)][1:], strict=False))
        for u2, v2 in drawn[i + 1 :]:
            if {u1, v1} & {u2, v2}:
                continue
            second = list(zip(paths[(u2, v2)], paths[(u2, v2)][1:], strict=False))
            count += any(cross(p1, p2, q1, q2) for p1, p2 in first for q1, q2 in second)
    return count


DOT_TIMEOUT_S = 10.0
# Label size for Graphviz, in inches at its 72 points per inch: about the width of one character
# and the height of one line of the chart's 13-15 px labels.
DOT_CHAR_IN = 0.105
DOT_LINE_IN = 0.22


# The narrowest org chart (a 1024-px screen with the sidebar: about 660 px) holds about this many
# label characters side by side at 13 px (Cyrillic is the wider); rows are spread so that
# neighbouring labels keep apart, and wider screens only add room.
ROW_WIDTH_CHARS = 80
LABEL_GAP_CHARS = 3
MARKER_CHARS = 5  # a node's marker (with its ring) is about as wide as five label characters


def _x_at(points: list[tuple[float, float]], y: float) -> float:
    """x where the polyline ``points`` first reaches height ``y`` (the nearest end if never)."""
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if min(y0, y1) - 1e-9 <= y <= max(y0, y1) + 1e-9:
            return x0 if abs(y1 - y0) < 1e-12 else x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    return min(points, key=lambda p: abs(p[1] - y))[0]


def _spread(xs: list[float], widths: list[int]) -> list[float]:
    """Positions (in characters, sorted) moved as little as needed so that neighbouring labels of
    the given widths keep LABEL_GAP_CHARS apart, within [0, ROW_WIDTH_CHARS] when they fit.
    Width 0 is an edge's bend: it keeps one character from a label and half a one from a bend."""

    def gap(a: int, b: int) -> float:
        if a == 0 and b == 0:
            return 0.5
        if a == 0 or b == 0:
            return (a + b) / 2 + 1
        return (a + b) / 2 + LABEL_GAP_CHARS

    if not xs:
        return []
    need = [gap(widths[i], widths[i + 1]) for i in range(len(xs) - 1)]
    out = list(xs)
    for i in range(1, len(out)):
        out[i] = max(out[i], out[i - 1] + need[i - 1])
    if out[-1] > ROW_WIDTH_CHARS:
        out[-1] = ROW_WIDTH_CHARS
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - need[i])
    if out[0] < 0:
        shift = -out[0]
        out = [x + shift for x in out]
    return out


def graphviz_available() -> bool:
    """Whether Graphviz ``dot`` is on the PATH (else ``layered_layout`` uses the simple ordering)."""
    return shutil.which("dot") is not None


def dot_source(graph: nx.DiGraph, *, ranked: bool = True) -> tuple[str, list[str]]:
    """The graph in the DOT language, ranked by ``layers``, and the node order (ids are n0, n1, …).

    Rows are ``layers`` (the hierarchy relations rank the bodies, as in the simple layout): each row
    is one ``rank=same`` group, an invisible chain of one point per row keeps the rows in order,
    and every edge points down (rankdir TB) with ``minlen`` = the rows it spans. ``ranked=False``
    gives a plain graph for ``neato``."""
    rows = layers(graph)
    nodes = sorted(graph.nodes)
    ids = {node: f"n{index}" for index, node in enumerate(nodes)}
    ranks = sorted(set(rows.values())) if ranked else []
    lines = [
        "digraph org {",
        "rankdir=TB; nodesep=0.18; ranksep=0.6; splines=polyline; remincross=true; mclimit=8;",
        f'start={SPRING_SEED}; overlap=false; sep="+12"; mode=major;',
        'node [shape=box, fixedsize=true, label=""];',
    ]
    for node in nodes:
        text = label_lines(graph.nodes[node])
        width = max(0.4, DOT_CHAR_IN * max(len(line) for line in text))
        height = max(0.3, DOT_LINE_IN * (len(text) + 1))
        lines.append(f"{ids[node]} [width={width:.3f}, height={height:.3f}];")
    for index, rank in enumerate(ranks):
        members = " ".join(ids[n] for n in nodes if rows[n] == rank)
        lines.append(f"r{index} [style=invis, shape=point, width=0.01];")
        lines.append(f"{{rank=same; r{index}; {members}}}")
        if index:
            lines.append(f"r{index - 1} -> r{index} [style=invis, weight=0];")
    depth = {rank: index for index, rank in enumerate(sorted(set(rows.values())))}
    for u, v in sorted(graph.edges):
        if not ranked:
            lines.append(f"{ids[u]} -> {ids[v]};")
            continue
        # Every edge points down the chart and spans exactly the rows between its bodies, so that
        # dot's crossing minimisation sees all of them (bent around the rows in between).
        upper, lower = (v, u) if rows[u] >= rows[v] else (u, v)
        lines.append(f"{ids[upper]} -> {ids[lower]} [minlen={depth[rows[lower]] - depth[rows[upper]]}];")
    lines.append("}")
    return "\n".join(lines), nodes


@functools.lru_cache(maxsize=32)
def _run_graphviz(program: str, source: str) -> str | None:
    """``program -Tplain`` on ``source`` (cached), or None when missing, failing or too slow."""
    executable = shutil.which(program)
    if executable is None:
        return None
    try:
        done = subprocess.run(
            [executable, "-Tplain"], input=source, capture_output=True, text=True, timeout=DOT_TIMEOUT_S, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def _plain_positions(output: str, nodes: list[str]) -> dict[str, tuple[float, float]] | None:
    """Node centres from Graphviz ``-Tplain`` output (node ids n0, n1, … index ``nodes``)."""
    found: dict[str, tuple[float, float]] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "node" and parts[1][:1] == "n" and parts[1][1:].isdigit():
            index = int(parts[1][1:])
            if index < len(nodes):
                found[nodes[index]] = (float(parts[2]), float(parts[3]))
    return found if len(found) == len(nodes) else None


def _y_mapper(found: dict, nodes: list, our_y: dict) -> Callable[[float], float]:
    """dot's y of each row -> our y (-depth), interpolated in between (bends of long edges)."""
    by_dot_y: dict[float, float] = {}
    for dot_y, y in sorted({(found[n][1], our_y[n]) for n in nodes}):
        by_dot_y.setdefault(dot_y, y)
    anchors = sorted(by_dot_y.items())

    def y_of(y: float) -> float:
        if len(anchors) == 1:
            return anchors[0][1]
        for (y0, v0), (y1, v1) in itertools.pairwise(anchors):
            if y <= y1 or (y1, v1) == anchors[-1]:
                return round(v0 + (v1 - v0) * (y - y0) / ((y1 - y0) or 1.0), 6)
        return anchors[-1][1]

    return y_of


def _edge_points(parts: list[str], nodes: list, y_of: Callable[[float], float]):
    """(tail, head, points) of one ``edge`` line of dot's plain output, or None for another line."""
    if len(parts) < 4 or parts[0] != "edge" or not (parts[1][1:].isdigit() and parts[2][1:].isdigit()):
        return None
    if parts[1][0] != "n" or parts[2][0] != "n":
        return None
    count = int(parts[3])
    points = [(float(parts[4 + 2 * i]), y_of(float(parts[5 + 2 * i]))) for i in range(count)]
    return nodes[int(parts[1][1:])], nodes[int(parts[2][1:])], points


def _row_bends(graph: nx.DiGraph, output: str, nodes: list, found: dict, our_y: dict) -> dict:
    """(from, to) -> one bend on every row the edge passes (where dot put its virtual nodes), read
    off dot's route; then the crossings between two rows depend only on the order within each row."""
    y_of = _y_mapper(found, nodes, our_y)
    raw_routes: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for line in output.splitlines():
        edge = _edge_points(line.split(), nodes, y_of)
        if edge is None:
            continue
        tail, head, points = edge
        if not graph.has_edge(tail, head):
            tail, head, points = head, tail, list(reversed(points))
        if not graph.has_edge(tail, head):
            continue
        line_points = [(found[tail][0], our_y[tail]), *points, (found[head][0], our_y[head])]
        step = 1.0 if our_y[head] > our_y[tail] else -1.0
        bends = []
        row_y = our_y[tail] + step
        while (row_y - our_y[head]) * step < -1e-9:
            bends.append((_x_at(line_points, row_y), row_y))
            row_y += step
        raw_routes[(tail, head)] = bends
    return raw_routes


def _spread_rows(graph: nx.DiGraph, nodes: list, found: dict, our_y: dict, raw_routes: dict) -> dict:
    """Each row spread so that neighbouring labels keep apart at the narrowest chart width; bends
    of long edges take a slot in their row too, so the order (and the crossings) stay dot's.
    Returns node or (edge, bend index) -> x in 0..1."""
    items: dict[float, list[tuple[float, float, object]]] = {}
    for node in nodes:
        width = max(MARKER_CHARS, *(len(line) for line in label_lines(graph.nodes[node])))
        items.setdefault(our_y[node], []).append((found[node][0], width, node))
    for key, bends in raw_routes.items():
        for index, (x, y) in enumerate(bends):
            items.setdefault(round(y, 6), []).append((x, 0, (key, index)))
    xs = [x for x, _ in found.values()]
    low, high = min(xs), max(xs)
    scale = ROW_WIDTH_CHARS / max((high - low) / DOT_CHAR_IN, 1.0)
    placed: dict[object, float] = {}
    for row in items.values():
        row.sort(key=lambda item: item[0])
        xs_chars = _spread([(x - low) / DOT_CHAR_IN * scale for x, _, _ in row], [w for _, w, _ in row])
        for (_, _, ident), x in zip(row, xs_chars, strict=True):
            placed[ident] = round(x / ROW_WIDTH_CHARS, 6)
    return placed


def _dot_result(graph: nx.DiGraph):
    """(positions, routes) from one (cached) ``dot`` run, or None."""
    source, nodes = dot_source(graph)
    output = _run_graphviz("dot", source)
    found = _plain_positions(output, nodes) if output else None
    if found is None:
        return None
    rows = layers(graph)
    depth = {rank: index for index, rank in enumerate(sorted(set(rows.values())))}
    our_y = {node: -float(depth[rows[node]]) for node in nodes}
    raw_routes = _row_bends(graph, output, nodes, found, our_y)
    placed = _spread_rows(graph, nodes, found, our_y, raw_routes)
    positions = {node: (placed[node], our_y[node]) for node in nodes}
    routes = {
        key: [positions[key[0]], *((placed[(key, i)], y) for i, (_, y) in enumerate(bends)), positions[key[1]]]
        for key, bends in raw_routes.items()
    }
    return positions, routes


def layered_routes(graph: nx.DiGraph) -> dict[tuple[str, str], list[tuple[float, float]]] | None:
    """How ``dot`` routes each edge of the org chart: (from, to) -> points from the first body to
    the second, bending around the rows in between (pass to ``org_figure(routes=…)`` with the
    positions of ``layered_layout``). None when ``dot`` is not available (draw straight lines)."""
    result = _dot_result(graph) if graph.number_of_nodes() else None
    return None if result is None else result[1]


def dot_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]] | None:
    """Org-chart positions from Graphviz ``dot`` (crossing minimisation), or None when ``dot`` is
    missing, fails or takes longer than DOT_TIMEOUT_S. x in [0, 1]; row r at y = -r (rows
    numbered from 0 at the top, skipping rows no body is on)."""
    if graph.number_of_nodes() == 0:
        return {}
    result = _dot_result(graph)
    return None if result is None else LayeredPositions(result[0], result[1])


def established_text(attributes: dict) -> str:
    day = attributes["established"]
    if day is None:
        return t("structure.established_unknown")
    precision = attributes["established_precision"]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, "month")
    return format_date(day)


def exists_in(attributes: dict, year: int | None) -> bool | None:
    """Whether the body existed in ``year``: None when its founding date is unknown."""
    if year is None:
        return True
    if attributes["established"] is None:
        return None
    return attributes["established"].year <= year


def body_details(graph: nx.DiGraph, node: str) -> dict[str, object]:
    """What the detail panel shows: the body, what it answers to, what answers to it, sources."""
    attributes = graph.nodes[node]

    def described(other: str, relation: str) -> str:
        other_attributes = graph.nodes[other]
        label = body_name(other_attributes) + (
            f" ({other_attributes['abbreviation']})" if other_attributes["abbreviation"] else ""
        )
        return f"{label} — {t(f'relation.{relation}')}"

    return {
        "name": body_name(attributes),
        "abbreviation": attributes["abbreviation"],
        "name_ru": attributes["name_ru"],
        "kind": attributes["kind"],
        "established": established_text(attributes),
        "description": attributes["description"],
        "answers_to": [described(v, r) for _, v, r in sorted(graph.out_edges(node, data="relation"))],
        "answered_by": [described(u, r) for u, _, r in sorted(graph.in_edges(node, data="relation"))],
        "sources": split_sources(attributes["source_url"]),
    }


def graphml_bytes(graph: nx.DiGraph) -> bytes:
    """The graph as GraphML (dates as ISO text and lists joined with ';': GraphML has neither)."""

    def plain(value: object) -> object:
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        if isinstance(value, list):
            return ";".join(map(str, value))
        return "" if value is None else value

    export = nx.DiGraph()
    for node, attributes in graph.nodes(data=True):
        export.add_node(node, **{key: plain(value) for key, value in attributes.items()})
    export.add_edges_from(graph.edges(data=True))
    return "\n".join(nx.generate_graphml(export)).encode("utf-8")


def unconnected_bodies(graph: nx.DiGraph) -> list[str]:
    """Bodies with no path (in either direction) to a supreme body: no sourced relation links them."""
    undirected = graph.to_undirected(as_view=True)
    reachable: set[str] = set()
    for top in supreme_bodies(graph):
        reachable |= nx.node_connected_component(undirected, top)
    return sorted(set(graph.nodes) - reachable)
