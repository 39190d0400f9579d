"""The chronology: every dated item on one zoomable time axis, a row per category (pure plotly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.figures.style import INK, OKABE_ITO, base_layout, marker_styles, wrapped
from components.i18n.text import esc, format_date, t

# Colour and symbol per category: both differ, so the rows read without colour too.
CATEGORY_STYLE = marker_styles(
    """
    treaty          black           diamond
    organization    blue            square
    decision        sky_blue        circle
    forces          vermillion      star
    deployment      vermillion      triangle-up
    operation       orange          pentagon
    appointment     reddish_purple  hexagon
    chairmanship    reddish_purple  diamond-wide
    summit          bluish_green    circle
    status          grey            x
    exercise        orange          triangle-down
    """
)


def category_label(category: str) -> str:
    return t("chronology.category.exercise") if category == "exercise" else t(f"category.{category}")


def not_held(items: pd.DataFrame) -> pd.Series:
    """Items whose status (``status_code``) is known and is not ``held``: drawn hollow. Held is
    defined positively; an item without a status column (older callers) is drawn as before."""
    if "status_code" not in items:
        return pd.Series(False, index=items.index)
    codes = items["status_code"].fillna("").astype(str)
    return (codes != "") & (codes != "held")


def _hover(items: pd.DataFrame) -> list[str]:
    statuses = items["status"] if "status" in items else pd.Series("", index=items.index)
    hollow = not_held(items)
    return [
        f"<b>{esc(format_date(d, p))}</b><br>{wrapped(esc(title), 60)}" + (f"<br><i>{esc(s)}</i>" if h else "")
        for d, p, title, s, h in zip(items["date"], items["precision"], items["title"], statuses, hollow, strict=True)
    ]


def chronology_figure(items: pd.DataFrame, categories: list[str], selected: str | None = None) -> go.Figure:
    """One marker per item at its date, on the row of its category; the selected item ringed;
    items not reported as held (announced, planned, cancelled) hollow, their status in the hover,
    and one legend entry that says what a hollow mark means (shape, not colour alone).
    Points carry the item id (customdata) so a click picks the item."""
    fig = go.Figure()
    rows = [c for c in categories if c in set(items["category"])]
    for category in rows:
        fig.add_trace(_category_trace(items[items["category"] == category], category))
    any_not_held = bool(not_held(items).any())
    if any_not_held:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "circle-open", "size": 13, "color": INK, "line": {"width": 2}},
                name=esc(t("chronology.legend.not_held")),
                showlegend=True,
            )
        )
    if selected is not None and selected in set(items["item_id"]):
        row = items[items["item_id"] == selected].iloc[0]
        fig.add_trace(
            go.Scatter(
                x=[row["date"]],
                y=[esc(category_label(row["category"]))],
                mode="markers",
                marker={"size": 26, "color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 3}},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    _chronology_layout(fig, rows, any_not_held)
    return fig


def _category_trace(chosen: pd.DataFrame, category: str) -> go.Scatter:
    """A category's row of markers: its colour and symbol, hollow where not held, clickable."""
    colour, symbol = CATEGORY_STYLE.get(category, (OKABE_ITO["grey"], "circle"))
    hollow = list(not_held(chosen))
    return go.Scatter(
        x=chosen["date"],
        y=[esc(category_label(category))] * len(chosen),
        mode="markers",
        name=esc(category_label(category)),
        showlegend=False,
        marker={
            "color": colour,
            "symbol": [f"{symbol}-open" if h else symbol for h in hollow],
            "size": 13,
            "line": {
                "color": [colour if h else "white" for h in hollow],
                "width": [2 if h else 1 for h in hollow],
            },
        },
        customdata=[[i] for i in chosen["item_id"]],
        text=_hover(chosen),
        hovertemplate="%{text}<extra></extra>",
    )


def _chronology_layout(fig: go.Figure, rows: list[str], legend: bool) -> None:
    """A row per category, a range slider under the time axis, the legend (if any) in the figure."""
    legend_px = 34 if legend else 0
    fig.update_layout(**base_layout(height=max(320, 46 * len(rows) + 170) + legend_px))
    fig.update_layout(
        showlegend=legend,
        legend={"orientation": "h", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom"},
        margin={"b": 10 + legend_px},
        xaxis={"type": "date", "rangeslider": {"visible": True, "thickness": 0.08}, "showgrid": True},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [esc(category_label(c)) for c in rows][::-1],
            "automargin": True,
        },
        dragmode="zoom",
        hovermode="closest",
    )
