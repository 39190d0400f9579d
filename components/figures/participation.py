"""Who trains with whom: a state x year matrix, a co-participation network, one state's exercises
by year, and personnel per year (pure plotly builders; every data label escaped)."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from components.derive.participation import HOSTED, NONE, TOOK_PART, not_held_order
from components.figures.style import INK, OKABE_ITO, base_layout, year_axis
from components.i18n.text import esc, format_number, t

ROLE_COLOURS = {HOSTED: OKABE_ITO["vermillion"], TOOK_PART: OKABE_ITO["sky_blue"], NONE: "#F3F4F6"}
# The role is also written in each cell, so the matrix reads without colour.
ROLE_VALUE = {NONE: 0, TOOK_PART: 1, HOSTED: 2}
ROLE_MARKS = {HOSTED: "●", TOOK_PART: "○", NONE: ""}
# Exercises that were not held (never counted): a pale cell with a hollow outline and the map's
# marks, "+" planned and "×" cancelled; any other status gets "◇". Shape, not colour, tells them apart.
NOT_HELD_VALUE = 3
NOT_HELD_COLOUR = "#FFFFFF"
NOT_HELD_OUTLINE = "#6B7280"
NOT_HELD_MARKS = {"planned": "+", "cancelled": "×"}
NOT_HELD_PATTERNS = {"planned": "+", "cancelled": "x"}


def not_held_mark(status: str) -> str:
    return NOT_HELD_MARKS.get(status, "◇")


def role_label(role: str) -> str:
    """What a cell or bar says: hosted / took part, not hosting / 'planned: not held, not counted'."""
    if role in ROLE_VALUE:
        return t(f"participation.role.{role}")
    return t("participation.not_counted", status=t(f"status_ex.{role}"))


def country_years_figure(years: pd.DataFrame, span: tuple[int, int]) -> go.Figure:
    """Bars by year: held exercises the state hosted and those it took part in without hosting
    (together: took part), then, hatched grey and named as not counted, the exercises it was
    listed for that were not held (planned, cancelled...)."""
    all_years = list(range(span[0], span[1] + 1))
    by_year = years.set_index("year") if len(years) else pd.DataFrame(columns=[HOSTED, TOOK_PART])
    fig = go.Figure()
    others = [c for c in by_year.columns if c not in (HOSTED, TOOK_PART)]
    styles = [(HOSTED, ROLE_COLOURS[HOSTED], ""), (TOOK_PART, ROLE_COLOURS[TOOK_PART], "/")]
    styles += [(status, "#9A9A9A", NOT_HELD_PATTERNS.get(status, ".")) for status in others]
    for role, colour, pattern in styles:
        values = [int(by_year[role].get(year, 0)) if role in by_year else 0 for year in all_years]
        label = role_label(role)
        held_role = role in (HOSTED, TOOK_PART)
        fig.add_trace(
            go.Bar(
                x=all_years,
                y=values,
                name=esc(label),
                marker={
                    "color": colour if held_role else "white",
                    "line": {"color": INK if not held_role else colour, "width": 0 if held_role else 1},
                    "pattern": {
                        "shape": pattern,
                        "fgcolor": "white" if held_role else colour,
                        "solidity": 0.3 if held_role else 0.5,
                        "fillmode": "overlay" if held_role else "replace",
                    },
                },
                hovertemplate="%{x}: %{y} · " + esc(label) + "<extra></extra>",
            )
        )
    fig.update_layout(**base_layout(height=300))
    fig.update_layout(
        barmode="stack",
        yaxis={"title": t("participation.axis.exercises"), "dtick": 1, "automargin": True},
        xaxis=year_axis(span[0], span[1]),
        margin={"l": 60},
        dragmode=False,
    )
    legend_below(fig, len(fig.data))
    return fig


def legend_below(fig: go.Figure, entries: int) -> None:
    """The legend in the figure's own bottom margin, under the year labels (never over them or
    the plot), in the order the traces were added; the figure grows by the rows it may need."""
    legend_px = 26 * -(-entries // 2) + 8
    fig.update_layout(
        height=(fig.layout.height or 300) + legend_px,
        legend={"orientation": "h", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"b": 40 + legend_px},
    )


def participation_heatmap(
    matrix: pd.DataFrame, names: dict[str, str], totals: dict[str, int] | None = None
) -> go.Figure:
    """State x year: hosted / took part (held exercises, colour and a mark in each cell), planned or
    cancelled only (a hollow outlined cell with its own mark: shown, not counted), or none.
    ``totals``: held exercises each state took part in, written after its name."""
    years = [int(y) for y in matrix.columns]
    states = list(matrix.index)
    labels = [names.get(code, code) + (f" · {format_number(totals.get(code, 0))}" if totals else "") for code in states]
    cells = [[str(matrix.loc[s, y]) for y in matrix.columns] for s in states]
    z = [[ROLE_VALUE.get(role, NOT_HELD_VALUE) for role in row] for row in cells]
    text = [[ROLE_MARKS[role] if role in ROLE_MARKS else not_held_mark(role) for role in row] for row in cells]
    hover = [
        [f"{esc(names.get(s, s))} · {y}: {esc(role_label(role))}" for y, role in zip(years, row, strict=True)]
        for s, row in zip(states, cells, strict=True)
    ]
    colours = [ROLE_COLOURS[NONE], ROLE_COLOURS[TOOK_PART], ROLE_COLOURS[HOSTED], NOT_HELD_COLOUR]
    scale = []
    for index, colour in enumerate(colours):
        scale += [[index / len(colours), colour], [(index + 1) / len(colours), colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=years,
            y=[esc(label) for label in labels],
            text=text,
            texttemplate="%{text}",
            textfont={"color": INK, "size": 14},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            zmin=-0.5,
            zmax=len(colours) - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    _add_matrix_legend(fig, years, labels, cells)
    fig.update_layout(**base_layout(height=max(220, 36 * len(states) + 80)))
    fig.update_layout(
        xaxis={"dtick": 1 if len(years) <= 12 else 2, "tickformat": "d", "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
        dragmode=False,
    )
    legend_below(fig, sum(1 for trace in fig.data if trace.name))
    return fig


def _add_matrix_legend(fig: go.Figure, years: list[int], labels: list[str], cells: list[list[str]]) -> None:
    """A legend of its own: the held roles as coloured squares with their marks; each status that
    was not held (present in the matrix) as a hollow square drawn on its cells, with its mark."""
    for role in (HOSTED, TOOK_PART):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": ROLE_COLOURS[role], "size": 14, "symbol": "square"},
                name=f"{ROLE_MARKS[role]} {esc(role_label(role))}",
            )
        )
    present = {role for row in cells for role in row} - set(ROLE_VALUE)
    for status in not_held_order(present):
        spots = [
            (y, label)
            for label, row in zip(labels, cells, strict=True)
            for y, r in zip(years, row, strict=True)
            if r == status
        ]
        fig.add_trace(
            go.Scatter(
                x=[y for y, _ in spots],
                y=[esc(label) for _, label in spots],
                mode="markers",
                marker={"size": 16, "symbol": "square-open", "color": NOT_HELD_OUTLINE, "line": {"width": 1.5}},
                name=f"{not_held_mark(status)} {esc(role_label(status))}",
                hoverinfo="skip",
            )
        )


def co_participation_figure(graph: nx.Graph, names: dict[str, str]) -> go.Figure:
    """States on a circle, linked by the exercises they share: line width grows with the count."""
    fig = go.Figure()
    if graph.number_of_nodes() == 0:
        fig.update_layout(**base_layout(height=300))
        return fig
    order = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["exercises"])
    # A circle, busiest state first at the right, the rest anticlockwise (the same every time).
    positions = {
        node: (math.cos(2 * math.pi * i / len(order)), math.sin(2 * math.pi * i / len(order)))
        for i, node in enumerate(order)
    }
    _add_links(fig, graph, positions, names)
    _add_states(fig, graph, positions, order, names)
    fig.update_layout(**base_layout(height=480))
    fig.update_layout(
        xaxis={"visible": False, "range": [-1.6, 1.6]},
        yaxis={"visible": False, "range": [-1.3, 1.3], "scaleanchor": "x"},
        dragmode=False,
    )
    return fig


def _add_links(
    fig: go.Figure, graph: nx.Graph, positions: dict[str, tuple[float, float]], names: dict[str, str]
) -> None:
    """One line per pair of states that trained together, wider and darker the more exercises they
    shared, with the count on it (one text trace, hover naming the pair)."""
    edges = sorted(graph.edges(data="weight"), key=lambda e: e[2])
    heaviest = max((w for _, _, w in edges), default=1)
    mid_x, mid_y, mid_text = [], [], []
    for a, b, weight in edges:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        share = weight / heaviest
        # Lines are shapes below the data: the states' circles and labels stay on top of them.
        fig.add_shape(
            type="line",
            x0=xa,
            y0=ya,
            x1=xb,
            y1=yb,
            layer="below",
            line={"width": 1 + 11 * share, "color": f"rgba(0, 114, 178, {0.25 + 0.6 * share:.2f})"},
        )
        # The count sits a little off the middle: lines through the centre would stack them.
        mid_x.append(xa + 0.38 * (xb - xa))
        mid_y.append(ya + 0.38 * (yb - ya))
        mid_text.append(
            t("participation.edge_hover", a=esc(names.get(a, a)), b=esc(names.get(b, b)), count=format_number(weight))
        )
    fig.add_trace(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers+text",
            marker={"size": 22, "color": "rgba(255,255,255,0.85)"},
            text=[format_number(w) for _, _, w in edges],
            textfont={"size": 12, "color": INK},
            customdata=mid_text,
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
        )
    )


def _add_states(
    fig: go.Figure,
    graph: nx.Graph,
    positions: dict[str, tuple[float, float]],
    order: list[str],
    names: dict[str, str],
) -> None:
    """The states as circles sized by their exercises, named outside the ring."""
    largest = max(graph.nodes[n]["exercises"] for n in order) or 1
    fig.add_trace(
        go.Scatter(
            x=[positions[n][0] for n in order],
            y=[positions[n][1] for n in order],
            mode="markers+text",
            marker={
                "size": [18 + 26 * graph.nodes[n]["exercises"] / largest for n in order],
                "color": OKABE_ITO["orange"],
                "opacity": 1,
                "line": {"color": INK, "width": 1},
            },
            text=[esc(names.get(n, n)) for n in order],
            textposition=[_label_position(positions[n]) for n in order],
            customdata=[
                t("participation.node_hover", name=esc(names.get(n, n)), count=graph.nodes[n]["exercises"])
                for n in order
            ],
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
            cliponaxis=False,
        )
    )


def _label_position(point: tuple[float, float]) -> str:
    x, y = point
    vertical = "top" if y > 0.3 else "bottom" if y < -0.3 else "middle"
    horizontal = "right" if x > 0.3 else "left" if x < -0.3 else "center"
    if vertical == "middle" and horizontal == "center":
        return "top center"
    return f"{vertical} {horizontal}"


def personnel_per_year_figure(totals: pd.Series) -> go.Figure:
    """Bars: reported personnel per year, each reported figure counted once."""
    fig = go.Figure(
        go.Bar(
            x=list(totals.index),
            y=list(totals.values),
            marker={"color": OKABE_ITO["blue"]},
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    fig.update_layout(**base_layout(height=340))
    fig.update_layout(
        yaxis={"title": t("participation.axis.personnel")},
        xaxis=year_axis(min(totals.index), max(totals.index)) if len(totals) else {"tickformat": "d"},
        dragmode=False,
        showlegend=False,
    )
    return fig
