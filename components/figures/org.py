"""The org chart as a plotly figure (pure: a networkx graph and positions in, a figure out)."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Collection
from typing import NamedTuple

import networkx as nx
import plotly.graph_objects as go

from components.derive.org import ROW_WIDTH_CHARS, abbreviation_key, established_text, exists_in, label_lines
from components.figures.style import BODY_KIND_STYLE, INK, OKABE_ITO, base_layout, paper_note
from components.i18n.names import body_abbreviation, body_name
from components.i18n.text import esc, t

RELATION_STYLE = {
    # relation: (colour, dash) — every relation differs in colour and in dash.
    "reports_to": (OKABE_ITO["black"], "solid"),
    "subordinate_to": ("#8C6D31", "6px,3px"),  # a short, dense dash that reads in the legend too
    "part_of": (OKABE_ITO["blue"], "dashdot"),
    "established_by": ("#A0A0A0", "dot"),
    "coordinates": (OKABE_ITO["vermillion"], "dash"),
    "advises": (OKABE_ITO["reddish_purple"], "longdashdot"),
}

LABEL_FONT_SIZE = 13
LABEL_LINE_PX = 17  # one line of a node label
MARKER_PX = 22
ROW_GAP_PX = 44  # from the last label line of a row to the next row's marker
KEY_FONT_SIZE = 12
KEY_LINE_PX = 17
# Characters per line of one column of the abbreviation key: two columns side by side in the
# narrowest chart (about 660 px, a 1024-px screen with the sidebar open).
KEY_WRAP = 44
LEGEND_ROW_PX = 26
ORG_TOP_MARGIN = 78  # title and source line
LEGEND_ROOM_WIDTH_PX = 640  # the chart's plot width on a 1024-px screen, less a margin
UNKNOWN_RING = "#4B5563"
LABEL_HALO = "0 0 2px white, 0 0 3px white, 0 0 4px white"


def node_label(attributes: dict, width: int = 13, max_lines: int = 3) -> str:
    """The node's label: its abbreviation, else its full name wrapped (never cut).

    ``width`` and ``max_lines`` are kept for callers; the wrapping is ``derive.org.label_lines``."""
    return "<br>".join(esc(line) for line in label_lines(attributes))


# A slide has less height per row than the page (seven rows in about 480 px at 1024×768): a long
# name takes as few lines there as its room allows (a slide's chart has the screen's whole width),
# never cut. At 1024 px and a slide's 18-px type, a unit of x holds about SLIDE_CHARS_PER_UNIT
# characters; a name may take the room its row's neighbours leave it, and the first or last name
# of a row hangs outward (left or right of its marker) where that gives it more room.
SLIDE_LABEL_LINES = 3
SLIDE_LABEL_WIDTH = 16  # the narrowest line tried
SLIDE_CHARS_PER_UNIT = 76
# Lines of a name that fit between its row and the next on the smallest slide, the PowerPoint
# picture (1213×548: about 460 px of plot for the drawing), at a slide's 18-px type.
SLIDE_PLOT_PX = 460
SLIDE_LINE_PX = 24


def slide_label(label: str, room: int | None = None, lines: int = SLIDE_LABEL_LINES) -> str:
    """A node label (plotly text) re-wrapped into at most ``lines`` lines, as narrow as allows it
    and at most ``room`` characters wide; a name that cannot fit so is cut after ``lines`` lines."""
    words = " ".join(label.split("<br>"))
    widest = max(SLIDE_LABEL_WIDTH, room if room is not None else len(words))
    for width in range(SLIDE_LABEL_WIDTH, widest + 1):
        fitted = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
        if len(fitted) <= lines:
            return "<br>".join(fitted)
    # No room for the whole name even on a 1024-px slide: its first lines, "…" (the hover has it).
    fitted = textwrap.wrap(words, widest, break_long_words=False, break_on_hyphens=False)
    return "<br>".join([*fitted[: lines - 1], fitted[lines - 1] + "…"])


class _SlideNode(NamedTuple):
    x: float
    y: float
    label: str

    @property
    def chars(self) -> int:
        return max(len(line) for line in self.label.split("<br>"))


def _slide_placement(node: _SlideNode, row: list[_SlideNode], x_range: tuple[float, float]) -> tuple[str, int]:
    """(textposition, characters of room) for a long name on a slide: centred under its marker
    between its neighbours (each keeps its own half), or hanging outward at a row's end."""
    left = [other for other in row if other.x < node.x]
    right = [other for other in row if other.x > node.x]

    def gap(others: list[_SlideNode], edge: float) -> float:
        if not others:
            return abs(node.x - edge) * SLIDE_CHARS_PER_UNIT
        nearest = min(others, key=lambda other: abs(other.x - node.x))
        return abs(nearest.x - node.x) * SLIDE_CHARS_PER_UNIT - nearest.chars / 2 - 1

    room_left, room_right = gap(left, x_range[0]), gap(right, x_range[1])
    centred = 2 * min(room_left, room_right)
    if not left and room_left > centred:
        return "bottom left", int(room_left)
    if not right and room_right > centred:
        return "bottom right", int(room_right)
    return "bottom center", int(centred)


def _slide_row_lines(fig: go.Figure, rows: list[float]) -> dict[float, int]:
    """Lines a name may take on each row (``rows`` top to bottom): two, or three where the gap to
    the next row (or the drawing's bottom) holds them on the smallest slide."""
    low, high = fig.layout.yaxis.range or (min(rows) - 50, max(rows) + 50)
    px_per_unit = SLIDE_PLOT_PX / (high - low)
    lines = {}
    for row, below in zip(rows, [*rows[1:], low], strict=True):
        fits = int(((row - below) * px_per_unit - MARKER_PX) // SLIDE_LINE_PX)
        lines[row] = min(SLIDE_LABEL_LINES, max(2, fits))
    return lines


def org_for_slide(fig: go.Figure) -> None:
    """The org chart as a slide shows it (in place): the legends and abbreviation key stay on the
    page (~400 px below the drawing that a slide cannot spare; the bodies' own labels carry it), and
    a long name (over SLIDE_LABEL_LINES lines on the page) is wrapped in the room its row leaves it
    (a slide's rows are closer together than the page's; its chart is the screen's width), never
    cut; labels are not clipped at the plot's edge."""
    fig.update_layout(showlegend=False, margin={"b": 44, "l": 10, "r": 10})
    fig.layout.annotations = []
    labelled = [trace for trace in fig.data if trace.mode == "markers+text" and trace.text is not None]
    nodes = [
        _SlideNode(x, y, str(text))
        for trace in labelled
        for x, y, text in zip(trace.x, trace.y, trace.text, strict=True)
    ]
    x_range = tuple(fig.layout.xaxis.range or (min(n.x for n in nodes), max(n.x for n in nodes)))
    room_lines = _slide_row_lines(fig, sorted({n.y for n in nodes}, reverse=True))
    for trace in labelled:
        texts, positions = [], []
        for x, y, text in zip(trace.x, trace.y, trace.text, strict=True):
            node = _SlideNode(x, y, str(text))
            position = "bottom center"
            if node.label.count("<br>") >= room_lines[y]:
                position, room = _slide_placement(node, [n for n in nodes if n.y == y and n.x != x], x_range)
                node = node._replace(label=slide_label(node.label, room, room_lines[y]))
            texts.append(node.label)
            positions.append(position)
        trace.text, trace.textposition = texts, positions
        trace.cliponaxis = False  # the bottom row's labels hang below the plot area on a slide


def _rows_y(graph: nx.DiGraph, positions: dict[str, tuple[float, float]]) -> dict[float, float]:
    """Each row's y in pixels from the top: a row is as tall as its tallest label. Positions off
    the rows (a force layout) get evenly spaced rows, as tall as the tallest label."""
    if any(float(y) != round(y) for _, y in positions.values()):
        pitch = (
            MARKER_PX / 2
            + ROW_GAP_PX
            + LABEL_LINE_PX * max((len(label_lines(graph.nodes[n])) for n in positions if n in graph), default=1)
        )
        return {
            float(y): y * pitch for y in range(0, round(min((y for _, y in positions.values()), default=0)) - 2, -1)
        }
    tallest: dict[float, int] = {}
    for node, (_, y) in positions.items():
        if node in graph:
            tallest[y] = max(tallest.get(y, 1), len(label_lines(graph.nodes[node])))
    out: dict[float, float] = {}
    cursor = 0.0
    for y in sorted(tallest, reverse=True):
        out[y] = -cursor
        cursor += MARKER_PX / 2 + tallest[y] * LABEL_LINE_PX + ROW_GAP_PX
    return out


def _remap(y: float, rows: dict[float, float]) -> float:
    """Layout y -> pixel y, linear between rows (for edge bends and force-layout positions)."""
    keys = sorted(rows)
    if not keys:
        return y
    if len(keys) == 1:
        return rows[keys[0]] + (y - keys[0]) * 100
    for low, high in itertools.pairwise(keys):
        if y <= high:
            return rows[low] + (rows[high] - rows[low]) * (y - low) / (high - low)
    low, high = keys[-2], keys[-1]
    return rows[high] + (rows[high] - rows[low]) * (y - high) / (high - low)


def org_figure(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    kinds: Collection[str] | None = None,
    selected: str | None = None,
    as_of_year: int | None = None,
    height: int | None = None,
    routes: dict[tuple[str, str], list[tuple[float, float]]] | None = None,
    show_key: bool = True,
) -> go.Figure:
    """Nodes coloured and shaped by kind, edges styled by relation (colour and dash) with arrowheads.

    Args:
        kinds: kinds to show (None: all); hidden kinds drop their nodes and edges.
        selected: body id to highlight with its neighbours; the rest fade.
        as_of_year: bodies founded later are not drawn; bodies whose founding date is unknown are
            drawn inside a grey ring and say so in their hover.
        height: None sizes the chart to its rows, legends and key (recommended).
        routes: bent edges from ``derive.org.layered_routes``; by default the routes the positions
            carry (``layered_layout`` gives them), else straight lines.
        show_key: spell out the abbreviations used as labels below the chart.
    """
    if routes is None:
        routes = getattr(positions, "routes", None)
    visible = [
        n
        for n in graph.nodes
        if n in positions
        and (kinds is None or graph.nodes[n]["kind"] in kinds)
        and exists_in(graph.nodes[n], as_of_year) is not False
    ]
    shown = graph.subgraph(visible)
    neighbours = set()
    if selected in shown:
        neighbours = {selected, *shown.successors(selected), *shown.predecessors(selected)}
    rows_px = _rows_y(graph, {n: positions[n] for n in visible} or positions)
    drawing = _Drawing(graph, positions, rows_px, routes or {}, neighbours, selected)
    fig = go.Figure()
    _add_edges(fig, shown, drawing)
    _add_unknown_rings(fig, graph, shown, drawing, as_of_year)
    _add_nodes(fig, graph, shown, drawing, as_of_year)
    key = abbreviation_key(graph, list(shown.nodes)) if show_key else []
    _frame(fig, graph, positions, rows_px, shown, key, height)
    return fig


class _Drawing:
    """Where things go on the chart: nodes in pixel rows, edges along their routes, trimmed where
    they meet a node's marker and label, and how much each node and edge is emphasised."""

    def __init__(
        self,
        graph: nx.DiGraph,
        positions: dict[str, tuple[float, float]],
        rows_px: dict[float, float],
        routes: dict[tuple[str, str], list[tuple[float, float]]],
        neighbours: set[str],
        selected: str | None,
    ) -> None:
        self.graph, self.positions, self.rows_px, self.routes = graph, positions, rows_px, routes
        self.neighbours, self.selected = neighbours, selected

    def at(self, point: tuple[float, float]) -> tuple[float, float]:
        return point[0], _remap(point[1], self.rows_px)

    def node(self, node: str) -> tuple[float, float]:
        x, y = self.at(self.positions[node])
        return _x(x), _y(y)

    def path(self, u: str, v: str) -> list[tuple[float, float]]:
        """The edge from ``u`` to ``v``, starting and ending at the border of each end's marker and
        label box: a line left a parent's marker straight down through the name under it."""
        route = self.routes.get((u, v)) or [self.positions[u], self.positions[v]]
        points = [self.at(p) for p in route]
        points = _leave_box(points, self.box(u))
        return _leave_box(points[::-1], self.box(v))[::-1]

    def box(self, node: str) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1) of a node's marker and the label hanging under it, with a little room."""
        x, y = self.node(node)
        lines = label_lines(self.graph.nodes[node])
        half = (max(len(line) for line in lines) / 2 + 0.3) / ROW_WIDTH_CHARS
        return x - half, x + half, y - MARKER_PX / 2 - LABEL_LINE_PX * len(lines) - 6, y + MARKER_PX / 2 + 2

    def emphasis(self, node: str) -> float:
        return 0.25 if self.neighbours and node not in self.neighbours else 1.0


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] < point[0] < box[1] and box[2] < point[1] < box[3]


def _leave_box(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The polyline from where it first leaves ``box`` (found by halving the segment that crosses
    its border); unchanged when it starts outside or never leaves."""
    if not points or not _inside(points[0], box):
        return points
    for index in range(1, len(points)):
        if _inside(points[index], box):
            continue
        (x0, y0), (x1, y1) = points[index - 1], points[index]
        low, high = 0.0, 1.0
        for _ in range(24):
            middle = (low + high) / 2
            if _inside((x0 + (x1 - x0) * middle, y0 + (y1 - y0) * middle), box):
                low = middle
            else:
                high = middle
        return [(x0 + (x1 - x0) * high, y0 + (y1 - y0) * high), *points[index:]]
    return points


def _add_edges(fig: go.Figure, shown: nx.DiGraph, drawing: _Drawing) -> None:
    """One line trace per relation, then the arrowheads of all relations in one trace."""
    neighbours, selected = drawing.neighbours, drawing.selected
    heads = []
    for relation, (colour, dash) in RELATION_STYLE.items():
        edges = [(u, v) for u, v, r in shown.edges(data="relation") if r == relation]
        if not edges:
            continue
        paths = [drawing.path(u, v) for u, v in edges]
        highlighted = any(u in neighbours and v in neighbours and selected in (u, v) for u, v in edges)
        faint = relation == "established_by" and not highlighted
        fig.add_trace(
            go.Scatter(
                x=[x for points in paths for x in [*(_x(p[0]) for p in points), None]],
                y=[y for points in paths for y in [*(_y(p[1]) for p in points), None]],
                mode="lines",
                # Through dot's bend points as a smooth curve, as dot itself draws them (a polyline
                # through those points zigzags where several long edges share a side channel).
                line={
                    "color": colour,
                    "dash": dash,
                    "width": 2.5 if highlighted else 2,
                    "shape": "spline",
                    "smoothing": 1,
                },
                name=t(f"relation.{relation}"),
                legend="legend",
                legendgroup=f"relation-{relation}",
                hoverinfo="skip",
                opacity=0.6 if faint else 0.9,
            )
        )
        heads.append((paths, edges, colour, faint))
    if heads:
        fig.add_trace(_arrowheads(heads, neighbours, selected))


def _add_unknown_rings(
    fig: go.Figure, graph: nx.DiGraph, shown: nx.DiGraph, drawing: _Drawing, as_of_year: int | None
) -> None:
    """Plotly markers have no dashed outline: a grey ring around the marker says "date unknown"."""
    unknown = [n for n in shown.nodes if as_of_year is not None and exists_in(graph.nodes[n], as_of_year) is None]
    if not unknown:
        return
    fig.add_trace(
        go.Scatter(
            x=[drawing.node(n)[0] for n in unknown],
            y=[drawing.node(n)[1] for n in unknown],
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": 34,
                "color": UNKNOWN_RING,
                "line": {"width": 1.5, "color": UNKNOWN_RING},
                "opacity": [drawing.emphasis(n) for n in unknown],
            },
            name=t("structure.legend.date_unknown"),
            legend="legend2",
            hoverinfo="skip",
        )
    )


def _add_nodes(fig: go.Figure, graph: nx.DiGraph, shown: nx.DiGraph, drawing: _Drawing, as_of_year: int | None) -> None:
    """One trace of labelled markers per kind, then the kinds' legend-only twins (the real traces
    carry per-node opacity, which the legend would copy)."""
    selected = drawing.selected
    drawn = []
    for kind, (colour, symbol) in BODY_KIND_STYLE.items():
        nodes = [n for n in shown.nodes if graph.nodes[n]["kind"] == kind]
        if not nodes:
            continue
        drawn.append((kind, colour, symbol))
        fig.add_trace(
            go.Scatter(
                x=[drawing.node(n)[0] for n in nodes],
                y=[drawing.node(n)[1] for n in nodes],
                mode="markers+text",
                text=[node_label(graph.nodes[n]) for n in nodes],
                textposition="bottom center",
                # A white halo: where an edge passes under another body's name (the layout routes
                # edges round the markers, not the names), the name stays readable over it.
                textfont={"size": LABEL_FONT_SIZE, "color": INK, "shadow": LABEL_HALO},
                marker={
                    "symbol": symbol,
                    "size": [26 if n == selected else 20 for n in nodes],
                    "color": colour,
                    "opacity": [drawing.emphasis(n) for n in nodes],
                    "line": {
                        "color": ["#000000" if n == selected else "white" for n in nodes],
                        "width": [3 if n == selected else 1 for n in nodes],
                    },
                },
                name=t(f"kind.{kind}"),
                legendgroup=f"kind-{kind}",
                showlegend=False,
                customdata=[[n] for n in nodes],
                hovertext=[node_hover(graph, n, as_of_year=as_of_year) for n in nodes],
                hoverinfo="text",
            )
        )
    for kind, colour, symbol in drawn:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": symbol, "size": 14, "color": colour},
                name=t(f"kind.{kind}"),
                legend="legend2",
                legendgroup=f"kind-{kind}",
            )
        )


def _legend_entry_px(names: list[str]) -> int:
    """Width of one legend entry's text so that the longest name fits (about 8 px a character)."""
    return max(150, 9 * max((len(name) for name in names), default=10) + 10)


def _legend_rows(names: list[str]) -> int:
    per_row = max(1, LEGEND_ROOM_WIDTH_PX // (_legend_entry_px(names) + 40))
    return max(1, -(-len(names) // per_row))


def _frame(
    fig: go.Figure,
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    rows_px: dict[float, float],
    shown: nx.DiGraph,
    key: list[tuple[str, str]],
    height: int | None,
) -> None:
    """Axes fitted to the drawing (labels included), two horizontal legends and the abbreviation
    key below the plot, each in its own reserved band so nothing overlaps at any chart width."""
    relations = [tr.name for tr in fig.data if tr.legend == "legend" and tr.mode == "lines"]
    kinds = [tr.name for tr in fig.data if tr.legend == "legend2"]
    bands = [
        LEGEND_ROW_PX * (1 + _legend_rows(relations)) + 14,
        LEGEND_ROW_PX * (1 + _legend_rows(kinds)) + 14,
    ]
    key_columns = _key_columns(key)
    key_lines = max((text.count("<br>") + 1 for text in key_columns), default=0)
    key_px = (KEY_LINE_PX * (key_lines + 1) + 16) if key else 0
    bottom = sum(bands) + key_px + 10
    bottom_px, top_px = _y_extent(graph, positions, rows_px, shown)
    total = int(top_px - bottom_px + bottom + ORG_TOP_MARGIN) if height is None else height
    plot_px = max(100.0, total - bottom - ORG_TOP_MARGIN)
    fig.update_layout(**base_layout(height=total))
    fig.update_layout(
        showlegend=True,
        xaxis={"visible": False, "range": _x_range(graph, shown, positions), "automargin": True, "fixedrange": True},
        yaxis={"visible": False, "range": [bottom_px, top_px], "automargin": True, "fixedrange": True},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": ORG_TOP_MARGIN, "b": bottom},
        legend=_legend_band(t("structure.legend.relations"), -8 / plot_px),
        legend2=_legend_band(t("structure.legend.kinds"), -(bands[0] + 8) / plot_px),
    )
    # The key: at most two annotations (plotly lays out each annotation on its own).
    for index, column in enumerate(key_columns):
        heading = f"<b>{esc(t('structure.key_title'))}</b>" if index == 0 else "&nbsp;"
        y = -(bands[0] + bands[1] + 8) / plot_px
        text = f"{heading}<br>{column}"
        paper_note(fig, 0.5 * index, y, text, font={"size": KEY_FONT_SIZE}, name="abbreviation-key")


def _y_extent(
    graph: nx.DiGraph, positions: dict[str, tuple[float, float]], rows_px: dict[float, float], shown: nx.DiGraph
) -> tuple[float, float]:
    """The drawing's bottom and top in pixel rows: the top marker whole, the bottom row's labels too."""
    drawn = [positions[n] for n in shown.nodes] or list(positions.values())
    ys_px = [_remap(p[1], rows_px) for p in drawn]
    lowest_row = min((positions[n][1] for n in shown.nodes), default=0.0)
    lowest_labels = max(
        (len(label_lines(graph.nodes[n])) for n in shown.nodes if positions[n][1] <= lowest_row + 0.5), default=1
    )
    return min(ys_px) - MARKER_PX / 2 - lowest_labels * LABEL_LINE_PX - 8, max(ys_px) + MARKER_PX


def _legend_band(title: str, y: float) -> dict:
    """One of the two horizontal legends under the drawing, titled, not clickable."""
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": y,
        "yanchor": "top",
        "font": {"size": 14},
        "title": {"side": "top", "font": {"size": 14}, "text": title},
        "itemclick": False,
        "itemdoubleclick": False,
    }


def _key_columns(key: list[tuple[str, str]]) -> list[str]:
    """The abbreviation key as one or two columns of wrapped lines (plotly text, escaped)."""
    if not key:
        return []
    entries = [
        "<br>".join(
            esc(line) if i == 0 else "&nbsp;&nbsp;&nbsp;" + esc(line)
            for i, line in enumerate(textwrap.wrap(f"{abbr} — {name}", KEY_WRAP, break_long_words=False))
        )
        for abbr, name in key
    ]
    if len(entries) < 5:
        return ["<br>".join(entries)]
    half = -(-len(entries) // 2)
    return ["<br>".join(entries[:half]), "<br>".join(entries[half:])]


def _arrowheads(
    groups: list[tuple[list[list[tuple[float, float]]], list[tuple[str, str]], str, bool]],
    neighbours: set[str],
    selected: str | None,
) -> go.Scatter:
    """One arrowhead in the middle of each edge's longest stretch, pointing from the subordinate
    body to the one it answers to, for every relation in one trace (``groups``: each relation's
    paths, edges, colour and faintness). Markers, not annotations: plotly lays out each annotation
    on its own, which cost about 90 ms per draw of this chart; mid-edge heads also stay clear of the
    nodes, where many edges meet. ``angleref="previous"`` turns each head along its edge on
    screen: every head comes after an invisible point a little further back on the same edge."""
    xs, ys, sizes, opacities, colours = [], [], [], [], []
    for paths, edges, colour, faint in groups:
        for points, (u, v) in zip(paths, edges, strict=True):
            (x0, y0), (x1, y1) = max(
                itertools.pairwise(points),
                key=lambda pair: abs(pair[1][1] - pair[0][1]) + abs(pair[1][0] - pair[0][0]) * 100,
            )
            xs += [_x(x0 + (x1 - x0) * 0.45), _x(x0 + (x1 - x0) * 0.55), None]
            ys += [_y(y0 + (y1 - y0) * 0.45), _y(y0 + (y1 - y0) * 0.55), None]
            opacity = (0.6 if faint else 0.9) if (not neighbours or selected in (u, v)) else 0.2
            sizes += [0, 13, 0]
            opacities += [0, opacity, 0]
            colours += [colour] * 3
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": colours, "opacity": opacities},
        legend="legend",
        showlegend=False,
        hoverinfo="skip",
    )


def _x(value: float) -> float:
    """An x for the browser: four decimals are a tenth of a pixel on the widest screen (and the
    figure's JSON is a third shorter than with all sixteen)."""
    return round(value, 4)


def _y(value: float) -> float:
    """A y in pixel rows, to a tenth of a pixel."""
    return round(value, 1)


def _x_range(graph: nx.DiGraph, shown: nx.DiGraph, positions: dict[str, tuple[float, float]]) -> list[float]:
    """The drawing's width with room for the outermost labels (a character is about 1/92 of the
    row at the narrowest chart, see ``derive.org.ROW_WIDTH_CHARS``)."""
    nodes = list(shown.nodes) or list(positions)
    if not nodes:
        return [-0.1, 1.1]
    half = {n: (max(len(line) for line in label_lines(graph.nodes[n])) / 2 + 1.5) / ROW_WIDTH_CHARS for n in nodes}
    low = min(positions[n][0] - half[n] for n in nodes)
    high = max(positions[n][0] + half[n] for n in nodes)
    return [low, high] if high > low else [low - 0.5, high + 0.5]


def _padded(values: list[float], fraction: float) -> list[float]:
    low, high = min(values), max(values)
    pad = (high - low) * fraction or 1.0
    return [low - pad, high + pad]


def node_hover(graph: nx.DiGraph, node: str, *, as_of_year: int | None = None) -> str:
    attributes = graph.nodes[node]
    abbreviation = body_abbreviation(attributes)
    name = body_name(attributes) + (f" ({abbreviation})" if abbreviation else "")
    lines = [
        f"<b>{esc(name)}</b>",
        t(f"kind.{attributes['kind']}"),
        t("structure.established", day=established_text(attributes)),
    ]
    if attributes["established"] is None:
        lines.append(t("structure.date_unknown_hover"))
    return "<br>".join(lines)
