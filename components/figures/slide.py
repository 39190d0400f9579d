"""What a chart becomes on a slide, for the charts that have no slide form of their own module
(in place, on the copy ``model.deck.slide_figure`` makes): the chronology with its item card, the
who-trains-with-whom matrix, the co-participation network and a state's exercises by year.

A slide is about 1213 × 548 CSS pixels at 1280 × 720 (larger on a larger screen) and its type is
at least 18 px: what a page puts around a chart (a range slider, a legend under the plot) has to
fit that, and a card the page shows beside the chart goes into the figure, so that PowerPoint and
the HTML slideshow carry it too."""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

from components.figures.style import INK, SLIDE_MIN_TEXT
from components.i18n.text import esc

CARD_FONT_PX = SLIDE_MIN_TEXT
CARD_LINE_PX = 24  # one line of the card at 18 px
CARD_WRAP = 92  # characters per line: the plot's width at 1280 px, less the category labels
CARD_NOTE_LINES = 3
CARD_PAD_PX = 8
AXIS_ROOM_PX = 40  # the date axis's tick labels, between the plot and the card
CARD_FILL = "#F6F8FA"
# A note's inline addresses ("(https://tass.com/…)"): the slide's source list names them.
INLINE_ADDRESS = re.compile(r"\s*\(?https?://[^\s)]+\)?")
CARD_EDGE = "#0072B2"
# A horizontal legend just above the plot, measured from the plot (not the container, whose top a
# legend placed for the page's bottom margin would leave above the picture).
LEGEND_ABOVE_PLOT = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "xref": "paper",
    "yref": "paper",
    "y": 1.0,
    "yanchor": "bottom",
}


def card_lines(card: dict, wrap: int = CARD_WRAP, note_lines: int = CARD_NOTE_LINES) -> list[str]:
    """The card as plotly text lines (escaped): the title in bold, then date · category · states,
    then the note without its inline addresses, at most ``note_lines`` lines (the rest ends in "…";
    the page has all of it)."""
    title = textwrap.wrap(str(card.get("title") or ""), wrap, break_long_words=False) or [""]
    meta = " · ".join(str(card[key]) for key in ("dates", "category", "states") if card.get(key))
    note_text = INLINE_ADDRESS.sub("", " ".join(str(card.get("note") or "").split()))
    note = textwrap.wrap(note_text, wrap, break_long_words=False)
    if len(note) > note_lines:
        note = [*note[: note_lines - 1], note[note_lines - 1].rstrip(" ,;:") + " …"]
    lines = [f"<b>{esc(line)}</b>" for line in title[:2]]
    lines += [esc(line) for line in textwrap.wrap(meta, wrap, break_long_words=False)[:2]]
    return lines + [esc(line) for line in note]


def card_under_chart(fig: go.Figure, card: dict) -> None:
    """The chronology with the chosen item's card under its time axis: the card's title, date,
    category, states and note in a framed box the bottom margin makes room for (in pixels, so the
    rows keep what is left at any screen size); the range slider stays on the page. The legend
    (what a hollow mark means) goes above the rows: left at the bottom, the card covered it."""
    lines = card_lines(card)
    card_px = CARD_LINE_PX * len(lines) + 2 * CARD_PAD_PX
    fig.update_layout(
        xaxis={"rangeslider": {"visible": False}},
        legend=LEGEND_ABOVE_PLOT,
        margin={"t": 48, "b": AXIS_ROOM_PX + card_px + 6},
    )
    fig.add_annotation(
        name="slide-card",
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-AXIS_ROOM_PX,
        align="left",
        showarrow=False,
        font={"size": CARD_FONT_PX, "color": INK},
        bgcolor=CARD_FILL,
        bordercolor=CARD_EDGE,
        borderwidth=1,
        borderpad=CARD_PAD_PX,
    )


def legend_above(fig: go.Figure) -> None:
    """A state × year chart on a slide (the who-trains-with-whom matrix, a state's exercises by
    year): the legend above the plot, where the years' labels cannot reach it. It is measured from
    the plot: the page keeps it in the container's bottom margin, and a legend left measured from
    the container would sit above the picture, out of sight."""
    fig.update_layout(
        legend=LEGEND_ABOVE_PLOT,
        margin={"t": 48, "b": 40},  # the years' labels under the plot keep their room
        xaxis={"automargin": True},
    )


def network_for_slide(fig: go.Figure) -> None:
    """The co-participation circle on a slide, drawn as an ellipse as wide as the slide (a circle
    would leave half of a wide screen empty), with room around it for the states' names."""
    fig.update_layout(
        xaxis={"range": [-1.4, 1.4]},  # room for a name beside a node at either end
        yaxis={"range": [-1.12, 1.12]},
        margin={"t": 20, "b": 20, "l": 10, "r": 10},
    )
    fig.layout.yaxis.scaleanchor = None


SIDE_LEGEND_PX = 330  # a legend column beside the plot: "Observer (Parliamentary Assembly)" at 18 px


def legend_beside(fig: go.Figure) -> None:
    """A chart whose page keeps its legend in the bottom margin (a narrow column's layout), on a
    slide: the legend as one column to the right of the plot, the plot the full height."""
    fig.update_layout(
        legend={
            "orientation": "v",
            "xref": "container",
            "x": 1.0,
            "xanchor": "right",
            "yref": "paper",
            "y": 1.0,
            "yanchor": "top",
            "entrywidth": None,
        },
        margin={"t": 20, "b": 40, "r": SIDE_LEGEND_PX},
    )
