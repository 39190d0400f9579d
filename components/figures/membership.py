"""Figures for the Membership timeline page (pure: DataFrames in, plotly figures out)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.data.loaders import split_sources
from components.derive.membership import STATUSES
from components.figures.style import (
    INK,
    OKABE_ITO,
    SLIDE_MIN_TEXT,
    STATUS_COLOURS,
    STATUS_PATTERNS,
    base_layout,
    paper_note,
    styled_geo,
    wrapped,
)
from components.i18n.names import state_names
from components.i18n.text import esc, format_date, t

MS_PER_DAY = 86_400_000
APPROXIMATE_OPACITY = 0.55
MILESTONE_LEVELS = 4
# Milestones are numbered diamonds on up to MILESTONE_LABEL_LEVELS levels; their titles, whole, are
# in a numbered key under the chart (a title cut to fit the lane said nothing: "…registered by…").
MILESTONE_LABEL_LEVELS = 6
# Rough width of one label character in days: on a 1024-px screen with the sidebar open (35 years
# over ~540 px of plot, ~7 px per 12-px character) for text labels, and on a 390-px phone (~220 px
# of plot) for the milestones' numbers, which must not touch there either. A label also keeps one
# character of room for its diamond. Labels that would still overlap are left to the hover.
DAYS_PER_LABEL_CHAR = 170
DAYS_PER_NUMBER_CHAR = 420
AXIS_START = pd.Timestamp("1991-07-01")
MILESTONE_KEY = "milestone-key"
KEY_WRAP = 40  # characters a key line: about 270 px at 12 px, two columns inside a phone's 680-px chart
KEY_COLUMNS = 2
KEY_INDENT = "&nbsp;" * 4
KEY_LINE_PX = 16  # one line of the key at 12 px
KEY_GAP_PX = 34  # from the plot's bottom edge past the year labels to the key
LEGEND_ROW_PX = 26
LEGEND_WRAP = 34  # characters per line of a legend entry in a half-width column (two columns)
# Characters per line of a legend entry in a chart that itself takes half the page (about 330 px
# on a 1024-px screen with the sidebar open): "Observer (Parliamentary Assembly)" takes two lines.
COLUMN_LEGEND_WRAP = 26


def state_order(periods: pd.DataFrame, members: pd.DataFrame) -> list[str]:
    """States top to bottom: earliest first involvement first, then by name."""
    names = state_names(members)
    first = periods.groupby("state")["start"].min().sort_values(kind="stable")
    return sorted(first.index, key=lambda s: (first[s], names.get(s, s)))


def _fmt(day: pd.Timestamp, precision: str) -> str:
    if precision in ("year", "month"):
        return f"{format_date(day, precision)} ({t('precision.' + precision)})"
    return format_date(day)


def _first_source(cell: str) -> str:
    sources = split_sources(cell)
    return esc(sources[0]) + (f" (+{len(sources) - 1} more)" if len(sources) > 1 else "") if sources else ""


def period_hover(row: pd.Series, lang: str | None = None) -> str:
    """Hover text for one period: status, from–to with precision, basis, note, source."""
    end = t("timeline.today", lang) if row["open_ended"] else _fmt(row["end"], row["end_precision"] or "day")
    note = str(row["note"] or "")
    if len(note) > 160:
        note = note[:157] + "…"
    return "<br>".join(
        [
            f"<b>{t('status.' + row['status'], lang)}</b>",
            f"{_fmt(row['start'], row['start_precision'])} – {end}",
            t("timeline.basis", lang, basis=t("basis." + row["basis"], lang)),
            _wrap(esc(note)),
            t("timeline.source", lang, source=_first_source(row["source_url"])),
        ]
    )


def _wrap(text: str, width: int = 60) -> str:
    """Break long hover lines so the hover box stays inside the chart."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def status_marker(status: str) -> dict:
    """A status's bar style: colour, a pattern that tells it apart without colour, an outline."""
    pattern = {"shape": STATUS_PATTERNS[status], "fgcolor": "white", "size": 8, "solidity": 0.3, "fillmode": "overlay"}
    return {"color": STATUS_COLOURS[status], "pattern": pattern, "line": {"color": "#333333", "width": 1}}


class Placement(NamedTuple):
    """Where a milestone goes: its level, whether its label is drawn, and on which side."""

    level: int
    shown: bool
    left: bool = False


def stagger_levels(
    dates: Iterable[pd.Timestamp],
    labels: Iterable[str],
    levels: int = MILESTONE_LEVELS,
    axis_end: pd.Timestamp | None = None,
    days_per_char: int = DAYS_PER_LABEL_CHAR,
) -> list[Placement]:
    """Place each label (in date order) on the lowest level where it does not overlap another.

    A label is taken to occupy ``(len(label) + 1) * days_per_char`` days right of its date (one
    character for its marker). One that would run past ``axis_end`` (off the chart) goes left of its
    marker. When no level is free, or neither side has room, the marker still goes on the level that
    frees up first, but without its label: labels never collide, are never cut, and every milestone
    stays reachable by hover.
    """
    free_from: list[pd.Timestamp | None] = [None] * levels

    def free_level(starts: pd.Timestamp) -> int | None:
        return next((i for i, f in enumerate(free_from) if f is None or f <= starts), None)

    placed = []
    for day, label in zip(dates, labels, strict=True):
        extent = pd.Timedelta(days=(len(label) + 1) * days_per_char)
        left = axis_end is not None and day + extent > axis_end
        level = free_level(day - extent if left else day)
        if level is None:
            level = min(range(levels), key=lambda i: free_from[i] or pd.Timestamp.min)
            placed.append(Placement(level, False))
            continue
        free_from[level] = day + (pd.Timedelta(days=days_per_char) if left else extent)
        placed.append(Placement(level, True, left=left))
    return placed


def membership_timeline_figure(
    periods: pd.DataFrame,
    members: pd.DataFrame,
    milestones: pd.DataFrame | None = None,
    *,
    as_of: date | None = None,
    today: date | None = None,
    highlight: str | None = None,
    lang: str | None = None,
) -> go.Figure:
    """One row per state, a bar per status period; milestones on a lane above; the as-of line.

    Args:
        periods: from ``membership_periods`` (state, status, start, end, open_ended, precisions…).
        members: ``members.csv`` (iso3, name_en).
        milestones: events to mark (date, title, category, source_url); empty or None for none.
        as_of: draw a dashed vertical line at this date.
        highlight: ISO3 of a state to emphasise (others are drawn lighter).
    """
    names = {code: esc(name) for code, name in state_names(members).items()}
    order = state_order(periods, members)
    has_milestones = milestones is not None and len(milestones) > 0
    fig = make_subplots(
        rows=2 if has_milestones else 1,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.36, 0.64] if has_milestones else [1.0],
        vertical_spacing=0.03,
    )
    state_row = 2 if has_milestones else 1
    _add_status_bars(fig, periods, names, highlight, lang, state_row)
    _add_open_ends(fig, periods, names, lang, state_row)
    _add_legend_entries(fig, _approximate_entry(periods, lang), state_row)
    axis_end = pd.Timestamp(today or date.today()) + pd.Timedelta(days=200)
    key_lines = _add_milestones(fig, milestones, lang, axis_end) if has_milestones else 0
    _add_legend_entries(fig, _status_entries(periods, lang), state_row)
    _timeline_layout(fig, [names.get(s, s) for s in order], state_row, has_milestones, key_lines)
    fig.update_xaxes(range=[AXIS_START, axis_end])
    if as_of is not None:
        _add_as_of(fig, pd.Timestamp(as_of), has_milestones, lang, axis_end)
    return fig


def _add_status_bars(
    fig: go.Figure, periods: pd.DataFrame, names: dict[str, str], highlight: str | None, lang: str | None, row: int
) -> None:
    """One bar trace per status (a bar per period), approximate starts and other states fainter."""
    for status in STATUSES:
        subset = periods[periods["status"] == status]
        if subset.empty:
            continue
        approximate = subset["start_precision"].isin(["month", "year"])
        faded = subset["state"].ne(highlight) if highlight else pd.Series(False, index=subset.index)
        opacity = [
            0.25 if fade else (APPROXIMATE_OPACITY if approx else 1.0)
            for fade, approx in zip(faded, approximate, strict=True)
        ]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[names.get(s, s) for s in subset["state"]],
                base=subset["start"],
                x=((subset["end"] - subset["start"]).dt.total_seconds() * 1000).tolist(),
                name=t("status." + status, lang),
                legendgroup=status,
                showlegend=False,  # the legend-only twin below keeps full colour when rows are faded
                marker={**status_marker(status), "opacity": opacity},
                customdata=subset[["state"]].to_numpy(),
                hovertext=[period_hover(row, lang) for _, row in subset.iterrows()],
                hoverinfo="text",
            ),
            row=row,
            col=1,
        )


def _add_open_ends(fig: go.Figure, periods: pd.DataFrame, names: dict[str, str], lang: str | None, row: int) -> None:
    """A triangle at the end of every period that continues to today."""
    open_ended = periods[periods["open_ended"]]
    if open_ended.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=open_ended["end"],
            y=[names.get(s, s) for s in open_ended["state"]],
            mode="markers",
            marker={"symbol": "triangle-right", "size": 12, "color": OKABE_ITO["black"]},
            name=t("timeline.open_ended", lang),
            customdata=open_ended[["state"]].to_numpy(),
            hovertext=[t("timeline.open_ended_hover", lang)] * len(open_ended),
            hoverinfo="text",
        ),
        row=row,
        col=1,
    )


def _approximate_entry(periods: pd.DataFrame, lang: str | None) -> list[tuple[str, str | None, dict]]:
    """The legend entry that explains the faded bars, when some start is known only roughly."""
    if not (periods["start_precision"] != "day").any():
        return []
    return [(t("timeline.approximate", lang), None, {"color": "#BBBBBB", "opacity": APPROXIMATE_OPACITY})]


def _status_entries(periods: pd.DataFrame, lang: str | None) -> list[tuple[str, str | None, dict]]:
    """One legend entry per status drawn, at full colour (the bars themselves may be faded)."""
    return [
        (t("status." + status, lang), status, status_marker(status))
        for status in STATUSES
        if (periods["status"] == status).any()
    ]


def _add_legend_entries(fig: go.Figure, entries: list[tuple[str, str | None, dict]], row: int) -> None:
    """Legend-only bar traces (no data): name, legend group, marker."""
    for name, group, marker in entries:
        fig.add_trace(
            go.Bar(
                x=[None], y=[None], orientation="h", name=wrapped(name, LEGEND_WRAP), legendgroup=group, marker=marker
            ),
            row=row,
            col=1,
        )


def _timeline_layout(fig: go.Figure, rows: list[str], state_row: int, has_milestones: bool, key_lines: int) -> None:
    """Height from the rows, the milestone lane, its key and the legend; the legend in the
    figure's own bottom margin (so a PNG download keeps it whole); the axes."""
    legend_names = [str(trace.name) for trace in fig.data if trace.showlegend is not False]
    legend_lines = sum(name.count("<br>") + 1 for name in legend_names)
    legend_px = LEGEND_ROW_PX * -(-legend_lines // 2) + 12
    key_px = KEY_LINE_PX * key_lines + (KEY_GAP_PX if key_lines else 0)
    height = 120 + 46 * len(rows) + (300 if has_milestones else 0) + legend_px + key_px
    fig.update_layout(**base_layout(height=max(360, height)))
    # Room for the longest state name, measured in characters: the browser's own measurement can
    # come too early (before fonts load) and clip the labels.
    longest = max((len(name) for name in rows), default=8)
    fig.update_layout(
        margin={"l": 20 + 9 * longest, "b": 40 + legend_px + key_px},
        barmode="overlay",
        bargap=0.35,
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "traceorder": "normal",
            # Two columns of the whole figure's width, not of the plot's (which the state names
            # narrow): the right column's long entries stay inside the chart on a 1024-px screen.
            "xref": "container",
            "entrywidth": 0.5,
            "entrywidthmode": "fraction",
        },
        hovermode="closest",
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(rows)),
        row=state_row,
        col=1,
        tickfont={"size": 15, "color": INK},
    )
    # Plotly picks the step of the years from the axis's length (two years on a wide screen, five on
    # a 1024-px one), so the labels stay upright and apart; a fixed two-year step turned them on end.
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#E5E7EB", tickformat="%Y", tickangle=0, automargin=True)
    fig.update_yaxes(automargin=True)
    if key_lines:
        # The key hangs under the x axis's year labels, from the figure's left edge (not the plot's,
        # which the state names push right): its lines are wrapped to fit a phone's width.
        left = 10 + 9 * longest
        for index, key in enumerate(a for a in fig.layout.annotations if a.name == MILESTONE_KEY):
            # The first column from the figure's left edge; the next ones shifted back by their share
            # of the state names' margin, so the columns divide the figure's width, not the plot's.
            key.update(xshift=-left * (1 - index / KEY_COLUMNS))


def _add_as_of(
    fig: go.Figure, as_of: pd.Timestamp, has_milestones: bool, lang: str | None, axis_end: pd.Timestamp
) -> None:
    """The as-of line, and its label inside the chart (the milestone lane's free top level, or the
    top of the rows), never in the title block above, where it used to sit on the source line. The
    label goes on the side of the line with more room: while Play steps through the early years it
    would otherwise run off the chart's left edge on a phone."""
    early = as_of < AXIS_START + (axis_end - AXIS_START) / 2
    fig.add_vline(x=as_of, line={"color": OKABE_ITO["black"], "dash": "dash", "width": 2})
    fig.add_annotation(
        x=as_of,
        y=MILESTONE_LABEL_LEVELS + 0.9 if has_milestones else 1.0,
        yref="y" if has_milestones else "paper",
        text=t("timeline.as_of_label", lang, day=format_date(as_of, short=True)),
        showarrow=False,
        xanchor="left" if early else "right",
        yanchor="middle" if has_milestones else "top",
        xshift=4 if early else -4,
        font={"size": 13},
        bgcolor="rgba(255,255,255,0.9)",
    )


SLIDE_LEGEND_COLUMNS = 3  # of the whole slide's width: "Observer (Parliamentary Assembly)" fits at 1024 px
SLIDE_LEGEND_LINE_PX = 24  # one legend line at a slide's 18 px type


def timeline_for_slide(fig: go.Figure) -> None:
    """The timeline as a slide shows it (in place): the milestones become one row of diamonds
    (their names, unreadable at a slide's size, stay in the hover), that lane shrinks to a strip,
    and the legend takes three columns across the slide, so the states' rows get the height."""
    milestones = [trace for trace in fig.data if trace.yaxis == "y" and trace.mode == "markers+text"]
    for trace in milestones:
        trace.update(mode="markers", text=None, y=[1] * len(trace.x))
    # The key under the chart needs height a slide cannot spare: the titles stay in the hover.
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != MILESTONE_KEY]
    if milestones:
        fig.update_layout(yaxis={"domain": [0.87, 1.0]}, yaxis2={"domain": [0.0, 0.84]})
    # The states' names at the slide's smallest type: on a 1024×768 projector eleven rows get about
    # 25 px each, and at the projector's 21 px the names' boxes would touch their neighbours'.
    for axis in [name for name in fig.layout.to_plotly_json() if name.startswith("yaxis")]:
        if fig.layout[axis].categoryarray is not None:
            fig.layout[axis].tickfont.size = SLIDE_MIN_TEXT
    names = [str(trace.name) for trace in fig.data if trace.showlegend is not False]
    rows = [names[i : i + SLIDE_LEGEND_COLUMNS] for i in range(0, len(names), SLIDE_LEGEND_COLUMNS)]
    lines = sum(max(name.count("<br>") + 1 for name in row) for row in rows)
    fig.update_layout(
        legend={"entrywidth": 1 / SLIDE_LEGEND_COLUMNS, "entrywidthmode": "fraction", "xref": "container"},
        # The "as of" label sits inside the milestone strip, so the top needs no room of its own:
        # the 24 px go to the states' rows (all eleven labelled on a 1280×720 screen).
        margin={"t": 16, "b": 48 + SLIDE_LEGEND_LINE_PX * lines + 8 * len(rows)},
    )


def _add_milestones(fig: go.Figure, milestones: pd.DataFrame, lang: str | None, axis_end: pd.Timestamp) -> int:
    """Milestones as one trace of numbered diamonds on staggered levels, and their titles, whole, in
    a numbered key under the chart (a title cut to fit the lane read "Collective Security Treaty
    registered by…"). Returns the key's number of lines."""
    ordered = milestones.sort_values("date", kind="stable")
    numbers = [str(index) for index in range(1, len(ordered) + 1)]
    placed = stagger_levels(
        ordered["date"], numbers, levels=MILESTONE_LABEL_LEVELS, axis_end=axis_end, days_per_char=DAYS_PER_NUMBER_CHAR
    )
    hover = [
        f"<b>{number} · {_wrap(esc(row.title))}</b><br>{_fmt(row.date, str(row.date_precision))}"
        f"<br>{t('timeline.source', lang, source=_first_source(row.source_url))}"
        for number, row in zip(numbers, ordered.itertuples(), strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=ordered["date"],
            y=[MILESTONE_LABEL_LEVELS - place.level for place in placed],
            mode="markers+text",
            text=[number if place.shown else "" for number, place in zip(numbers, placed, strict=True)],
            textposition=["middle left" if place.left else "middle right" for place in placed],
            textfont={"size": 12},
            marker={
                "symbol": "diamond",
                "size": 11,
                "color": OKABE_ITO["bluish_green"],
                "line": {"color": "white", "width": 1},
            },
            name=t("timeline.milestones", lang),
            hovertext=hover,
            hoverinfo="text",
            cliponaxis=False,
        ),
        row=1,
        col=1,
    )
    # One level's room above the top level: the as-of label goes there, clear of the title block.
    fig.update_yaxes(visible=False, range=[0.4, MILESTONE_LABEL_LEVELS + 1.3], row=1, col=1)
    columns = key_columns(milestone_key(ordered))
    for index, column in enumerate(columns):
        paper_note(
            fig, index / KEY_COLUMNS, 0, column, yshift=-KEY_GAP_PX, font={"size": 12, "color": INK}, name=MILESTONE_KEY
        )
    return max(column.count("<br>") + 1 for column in columns)


def key_columns(key: str, count: int = KEY_COLUMNS) -> list[str]:
    """The key's entries dealt into ``count`` columns of about equal lines, in reading order (down the
    first column, then the next): one column of 21 wrapped titles was 700 px tall under the chart."""
    entries = key.split("<br>")
    # An entry's continuation lines start with the indent: keep each title's lines together.
    titles: list[list[str]] = []
    for line in entries:
        if line.startswith(KEY_INDENT) and titles:
            titles[-1].append(line)
        else:
            titles.append([line])
    total = sum(len(title) for title in titles)
    columns: list[list[str]] = [[] for _ in range(count)]
    column = 0
    for title in titles:
        if column < count - 1 and columns[column] and len(columns[column]) + len(title) / 2 > total / count:
            column += 1
        columns[column].extend(title)
    return ["<br>".join(lines) for lines in columns if lines]


def milestone_key(ordered: pd.DataFrame, width: int = KEY_WRAP) -> str:
    """The milestones' key, one entry per numbered diamond: "3 · 1995 · <the whole title>", wrapped
    at ``width`` characters with later lines indented (plotly text, escaped)."""
    entries = []
    for number, row in enumerate(ordered.itertuples(), start=1):
        lines = textwrap.wrap(f"{number} · {row.date.year} · {row.title}", width, break_on_hyphens=False)
        entries.append("<br>".join(esc(line) if i == 0 else KEY_INDENT + esc(line) for i, line in enumerate(lines)))
    return "<br>".join(entries)


def status_map_figure(status_by_state: dict[str, str], members: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Countries shaded by their status on one date (works offline with local topojson)."""
    names = {code: esc(name) for code, name in state_names(members).items()}
    fig = go.Figure()
    for status in (*STATUSES, "former"):
        codes = [code for code, held in status_by_state.items() if held == status]
        if not codes:
            continue
        label = t("status." + status, lang)
        fig.add_trace(
            go.Choropleth(
                locations=codes,
                z=[1] * len(codes),
                colorscale=[[0, STATUS_COLOURS[status]], [1, STATUS_COLOURS[status]]],
                showscale=False,
                name=wrapped(label, COLUMN_LEGEND_WRAP),
                showlegend=True,
                hovertext=[f"{names.get(code, code)} — {label}" for code in codes],
                hoverinfo="text",
            )
        )
    fig.update_traces(marker_line_color="#444444", marker_line_width=0.8)
    styled_geo(fig)
    legend_px = LEGEND_ROW_PX * _legend_lines(fig) + 10
    fig.update_layout(**base_layout(height=300 + legend_px))
    fig.update_layout(
        legend={"title": None, "orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        margin={"b": legend_px},
        dragmode=False,
    )
    fig.update_geos(lonaxis_range=[18, 95], lataxis_range=[30, 62])
    return fig


COUNT_PLOT_PX = 280


def member_count_figure(counts: pd.DataFrame, as_of: date | None = None, lang: str | None = None) -> go.Figure:
    """Step chart: how many states held each status over time, with the as-of date marked."""
    fig = go.Figure()
    for status in STATUSES:
        series = counts[counts["status"] == status]
        if series.empty or series["count"].max() == 0:
            continue
        fig.add_trace(
            go.Scatter(
                x=series["date"],
                y=series["count"],
                mode="lines",
                line={"shape": "hv", "color": STATUS_COLOURS[status], "width": 3, "dash": _dash(status)},
                name=wrapped(t("status." + status, lang), COLUMN_LEGEND_WRAP),
                customdata=[format_date(day) for day in series["date"]],
                hovertemplate="%{customdata}: %{y}<extra>" + t("status." + status, lang) + "</extra>",
            )
        )
    # A plot of COUNT_PLOT_PX, then one legend row per status (the chart sits in a narrow column):
    # the legend lives in the figure's own bottom margin, so nothing squeezes the plot.
    legend_px = LEGEND_ROW_PX * _legend_lines(fig) + 10
    fig.update_layout(**base_layout(height=COUNT_PLOT_PX + 40 + legend_px + 20))
    fig.update_layout(
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        yaxis={
            "title": {"text": t("timeline.count_axis", lang), "standoff": 10},
            "dtick": 1 if counts["count"].max() <= 10 else None,
            "rangemode": "tozero",
            "automargin": True,
        },
        xaxis={"automargin": True},
        margin={"b": 40 + legend_px},
        hovermode="x unified",
        dragmode=False,
    )
    if as_of is not None:
        fig.add_vline(x=pd.Timestamp(as_of), line={"color": OKABE_ITO["black"], "dash": "dash", "width": 2})
    return fig


def _legend_lines(fig: go.Figure) -> int:
    """Lines a one-entry-per-row legend takes: the bottom margin that holds it grows with them."""
    return sum(str(trace.name).count("<br>") + 1 for trace in fig.data)


def _dash(status: str) -> str:
    """Line styles double the colour coding in the count chart."""
    return {"treaty_party": "dot", "member": "solid", "frozen": "dash", "suspended": "dashdot"}.get(status, "longdash")
