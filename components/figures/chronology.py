"""The chronology: every dated item on one zoomable time axis, a row per category (pure plotly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.derive.counting import HELD
from components.figures.style import INK, OKABE_ITO, base_layout, wrapped
from components.i18n.text import esc, format_date, t

# Colour and symbol per category: both differ, so the rows read without colour too.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "treaty": (OKABE_ITO["black"], "diamond"),
    "organization": (OKABE_ITO["blue"], "square"),
    "decision": (OKABE_ITO["sky_blue"], "circle"),
    "forces": (OKABE_ITO["vermillion"], "star"),
    "deployment": (OKABE_ITO["vermillion"], "triangle-up"),
    "operation": (OKABE_ITO["orange"], "pentagon"),
    "appointment": (OKABE_ITO["reddish_purple"], "hexagon"),
    "chairmanship": (OKABE_ITO["reddish_purple"], "diamond-wide"),
    "summit": (OKABE_ITO["bluish_green"], "circle"),
    "status": (OKABE_ITO["grey"], "x"),
    "exercise": (OKABE_ITO["orange"], "triangle-down"),
}


def category_label(category: str) -> str:
    return t("chronology.category.exercise") if category == "exercise" else t(f"category.{category}")


def _item_trace(items: pd.DataFrame, label: str, colour: str, symbol: str) -> go.Scatter:
    """One category's items, held (filled mark) or not held (the hollow mark; hover names the status)."""
    statuses = items["status"].astype(str) if "status" in items else pd.Series(HELD, index=items.index)
    return go.Scatter(
        x=items["date"],
        y=[esc(label)] * len(items),
        mode="markers",
        name=esc(label),
        showlegend=False,
        marker={"color": colour, "symbol": symbol, "size": 13, "line": {"color": "white", "width": 1}}
        if not symbol.endswith("-open")
        else {"color": colour, "symbol": symbol, "size": 13, "line": {"color": colour, "width": 2}},
        customdata=[[i] for i in items["item_id"]],
        text=[
            f"<b>{esc(format_date(d, p))}</b><br>{wrapped(esc(title), 60)}"
            + ("" if status == HELD else "<br>" + esc(t("chronology.not_held", status=t(f"status_ex.{status}"))))
            for d, p, title, status in zip(items["date"], items["precision"], items["title"], statuses, strict=True)
        ],
        hovertemplate="%{text}<extra></extra>",
    )


def chronology_figure(items: pd.DataFrame, categories: list[str], selected: str | None = None) -> go.Figure:
    """One marker per item at its date, on the row of its category; the selected item ringed.
    Points carry the item id (customdata) so a click picks the item."""
    fig = go.Figure()
    rows = [c for c in categories if c in set(items["category"])]
    for category in rows:
        chosen = items[items["category"] == category]
        colour, symbol = CATEGORY_STYLE.get(category, (OKABE_ITO["grey"], "circle"))
        label = category_label(category)
        held = chosen["status"].astype(str) == HELD if "status" in chosen else pd.Series(True, index=chosen.index)
        for part, was_held in ((chosen[held], True), (chosen[~held], False)):
            if len(part):
                fig.add_trace(_item_trace(part, label, colour, symbol if was_held else f"{symbol}-open"))
    not_held = "status" in items and bool((items["status"].astype(str) != HELD).any())
    if not_held:
        # Planned or cancelled items are hollow: the one legend entry says so.
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
    legend_px = 34 if not_held else 0
    fig.update_layout(**base_layout(height=max(320, 46 * len(rows) + 170) + legend_px))
    fig.update_layout(
        showlegend=not_held,
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
    return fig
