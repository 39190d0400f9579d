"""Membership figures tested as objects: rows, colours, patterns, milestones, hover text."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.derive.membership import member_count_series, membership_periods
from components.figures.membership import (
    DAYS_PER_LABEL_CHAR,
    Placement,
    key_columns,
    member_count_figure,
    membership_timeline_figure,
    milestone_key,
    stagger_levels,
    status_map_figure,
)
from components.figures.style import STATUS_COLOURS, STATUS_PATTERNS
from components.i18n.text import esc
from tests.test_membership import FROZEN_BUT_MEMBER, LEFT_AND_RETURNED, PARTY_NEVER_MEMBER

TODAY = date(2025, 1, 1)
MEMBERS = pd.DataFrame({"iso3": ["ARM", "GEO", "UZB"], "name_en": ["Armenia", "Georgia", "Uzbekistan"]})
ALL = pd.concat([LEFT_AND_RETURNED, FROZEN_BUT_MEMBER, PARTY_NEVER_MEMBER], ignore_index=True)
MILESTONES = pd.DataFrame(
    {
        "date": pd.to_datetime(["1992-05-15", "1994-04-20", "2002-05-14"]),
        "date_precision": ["day", "day", "day"],
        "title": ["Treaty signed", "Treaty in force", "Decision to found the CSTO"],
        "category": ["treaty", "treaty", "organization"],
        "source_url": ["https://example.org/a"] * 3,
    }
)


def figure(**options):
    return membership_timeline_figure(membership_periods(ALL, TODAY), MEMBERS, MILESTONES, today=TODAY, **options)


def bars(fig):
    return [trace for trace in fig.data if trace.type == "bar" and trace.y[0] is not None]


def test_one_row_per_state():
    fig = figure()
    rows = {name for trace in bars(fig) for name in trace.y}
    assert rows == {"Armenia", "Georgia", "Uzbekistan"}
    # Earliest involvement at the top (plotly draws the category array bottom-up).
    assert list(fig.layout.yaxis2.categoryarray) == ["Georgia", "Uzbekistan", "Armenia"]


def test_statuses_differ_by_colour_and_pattern():
    fig = figure()
    by_name = {trace.name: trace for trace in bars(fig)}
    member = by_name["Member of the Organization"]
    frozen = by_name["Participation frozen"]
    assert member.marker.color == STATUS_COLOURS["member"] and frozen.marker.color == STATUS_COLOURS["frozen"]
    assert frozen.marker.pattern.shape == STATUS_PATTERNS["frozen"] != member.marker.pattern.shape


def test_hover_names_status_dates_basis_and_source():
    fig = figure()
    suspended = next(trace for trace in bars(fig) if trace.name == "Membership suspended")
    hover = suspended.hovertext[0]
    assert "Membership suspended" in hover and "19 December 2012" in hover
    assert "today" in hover and "legal act" in hover and "https://example.org/source" in hover


def test_milestones_present_with_hover():
    fig = figure()
    milestones = next(trace for trace in fig.data if trace.name == "Milestones")
    assert len(milestones.x) == 3
    assert "Decision to found the CSTO" in milestones.hovertext[2]


def test_open_ended_statuses_are_marked():
    fig = figure()
    ends = next(trace for trace in fig.data if trace.name == "Continues to today")
    assert len(ends.x) == 2  # Armenia (frozen) and Uzbekistan (suspended)


def test_focus_fades_other_states():
    fig = figure(highlight="ARM")
    frozen = next(trace for trace in bars(fig) if trace.name == "Participation frozen")
    treaty = next(trace for trace in bars(fig) if trace.name == "Party to the Treaty")
    assert list(frozen.marker.opacity) == [1.0]
    assert 0.25 in list(treaty.marker.opacity)


def test_as_of_line_drawn():
    fig = figure(as_of=date(2000, 1, 1))
    assert any(shape.type == "line" for shape in fig.layout.shapes)


def test_staggered_labels_never_overlap():
    dates = pd.to_datetime(["2000-01-01", "2000-02-01", "2000-03-01", "2000-04-01", "2000-05-01", "2030-01-01"])
    placed = stagger_levels(dates, ["a long label"] * 6, levels=4)
    assert [place.level for place in placed[:4]] == [0, 1, 2, 3]
    assert placed[4].shown is False, "no free level: marker kept, label dropped"
    assert placed[5] == Placement(0, True)


def test_labels_near_the_end_of_the_axis_go_left_of_their_marker():
    dates = pd.to_datetime(["2000-01-01", "2025-06-01", "2026-01-01"])
    placed = stagger_levels(dates, ["a label"] * 3, levels=2, axis_end=pd.Timestamp("2026-06-01"))
    assert placed[0] == Placement(0, True)
    assert placed[1].left and placed[2].left, "a label that would run off the chart turns left"
    assert placed[1].level != placed[2].level, "left labels do not overlap either"


def test_a_label_with_no_room_on_either_side_is_hidden_never_cut():
    dates = pd.to_datetime(["2013-01-01", "2023-01-01", "2026-05-01"])
    labels = ["x" * 21] * 3
    placed = stagger_levels(dates, labels, levels=1, axis_end=pd.Timestamp("2027-06-01"))
    assert placed[0].shown
    assert placed[1].shown is False and placed[2].shown is False, "no room: the hover has it, whole"
    assert DAYS_PER_LABEL_CHAR > 0


def test_status_map_uses_local_geography_and_status_colours():
    fig = status_map_figure({"ARM": "frozen", "GEO": "former"}, MEMBERS)
    assert {trace.name for trace in fig.data} == {"Participation frozen", "Former party / out"}
    assert fig.layout.geo.showland and fig.layout.geo.resolution == 110


def test_count_chart_steps():
    fig = member_count_figure(member_count_series(ALL, TODAY), as_of=TODAY)
    assert all(trace.line.shape == "hv" for trace in fig.data)


def test_patterns_overlay_the_status_colour():
    """Regression: with our own small template, patterns must say fillmode overlay or bars go white."""
    for trace in bars(figure()):
        if trace.marker.pattern.shape:
            assert trace.marker.pattern.fillmode == "overlay"


def test_long_titles_and_source_lines_wrap_instead_of_running_off_the_chart():
    import plotly.graph_objects as go

    from components.figures.style import with_title_and_source

    russian = "Участие в Договоре о коллективной безопасности и членство в ОДКБ, с 1992 года по сей день"
    source = "Обозреватель ОДКБ · данные 2026-11-27·d8ab3d2d · источники: страница «Источники и данные»"
    short = with_title_and_source(go.Figure(layout={"height": 400}), "Member count", "CSTO Explorer · data x")
    assert "<br>" not in short.layout.title.text and short.layout.height == 400
    wide = with_title_and_source(go.Figure(layout={"height": 400}), russian, source)
    assert wide.layout.title.text.count("<br>") == 1
    assert all(len(line) <= 66 for line in wide.layout.title.text.split("<br>"))
    assert wide.layout.title.text.replace("<br>", " ") == russian, "only spaces become line breaks"
    assert wide.layout.height == 434 and wide.layout.margin.t == 112, "the plot keeps its height"
    assert wide.layout.title.pad.t == 30 + 8, "a two-line title is padded back into view"
    narrow = with_title_and_source(go.Figure(), russian, source, width="narrow")
    assert narrow.layout.title.text.count("<br>") >= 2 and "<br>" in narrow.layout.title.subtitle.text


def test_the_milestone_key_gives_every_title_whole_with_its_number_and_year():
    key = milestone_key(MILESTONES.sort_values("date"), width=30)
    assert key.startswith("1 · 1992 · Treaty signed<br>2 · 1994 · Treaty in force<br>3 · 2002 ·")
    assert "Decision to found" in key and all(len(line.replace("&nbsp;", " ")) <= 30 for line in key.split("<br>"))
    fig = figure()
    milestones = next(trace for trace in fig.data if trace.name == "Milestones")
    assert list(milestones.text) == ["1", "2", "3"], "each diamond carries its number in the key"


def test_every_milestone_has_hover_and_the_as_of_label_stays_inside_the_chart():
    fig = figure(as_of=date(2000, 1, 1))
    milestones = next(trace for trace in fig.data if trace.name == "Milestones")
    assert all(milestones.hovertext) and len(milestones.hovertext) == len(milestones.x)
    as_of = next(a for a in fig.layout.annotations if "As of" in a.text or "as of" in a.text)
    assert as_of.yref == "y", "in the milestone lane, not in the title block with the source line"
    assert fig.layout.legend.yref == "container" and fig.layout.margin.b >= 40 + 26


def test_count_chart_is_tall_enough_with_clear_axis_title():
    fig = member_count_figure(member_count_series(ALL, TODAY), as_of=TODAY)
    plot = fig.layout.height - fig.layout.margin.b - fig.layout.margin.t
    assert plot >= 260 and fig.layout.yaxis.automargin and fig.layout.yaxis.title.standoff >= 10
    assert fig.layout.legend.yref == "container", "the legend is inside the figure: PNG downloads keep it"


def _shipped_timeline(lang: str = "en"):
    """The timeline as the Membership page builds it, with the shipped milestones."""
    from components.data.loaders import read_all
    from components.derive.events import DEFAULT_MILESTONES, filter_events
    from components.i18n.names import localized
    from tests.conftest import FIXED_TODAY

    tables = read_all(today=FIXED_TODAY)
    milestones = filter_events(tables["events"], categories=DEFAULT_MILESTONES)
    milestones = milestones.assign(title=localized(milestones, "title", lang))
    periods = membership_periods(tables["membership"], FIXED_TODAY)
    figure = membership_timeline_figure(periods, tables["members"], milestones, as_of=FIXED_TODAY, today=FIXED_TODAY)
    return figure, milestones


def test_no_milestone_title_is_cut_and_every_one_is_read_whole_in_the_figure():
    """Issue 31: at 1280×800 nine milestone labels read "Collective Security Treaty registered by…".
    Every title, whole, is now in the figure's text (a numbered key under the chart), and nothing on
    the chart ends with "…"."""
    import re

    for lang in ("en", "ru"):
        fig, milestones = _shipped_timeline(lang)
        texts = [str(text) for trace in fig.data for text in (trace.text or []) if text]
        texts += [str(annotation.text) for annotation in fig.layout.annotations]
        assert not [text for text in texts if "…" in text], f"{lang}: cut labels on the chart"
        shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>|&nbsp;", " ", " ".join(texts)))
        missing = [title for title in milestones["title"] if re.sub(r"\s+", " ", esc(title)) not in shown]
        assert not missing, f"{lang}: titles not readable in the figure: {missing[:3]}"


def test_the_key_is_two_columns_of_whole_titles_in_reading_order():
    """One column of 21 wrapped titles stood 700 px tall under the chart; two halve it."""
    key = milestone_key(MILESTONES.sort_values("date"), width=30)
    columns = key_columns(key)
    assert len(columns) == 2 and "<br>".join(columns) == key, "the same lines, in the same order"
    assert not columns[1].startswith("&nbsp;"), "a title's lines stay in one column"
    heights = [column.count("<br>") + 1 for column in columns]
    assert max(heights) < key.count("<br>") + 1
    fig = figure()
    notes = [a for a in fig.layout.annotations if a.name == "milestone-key"]
    assert [note.x for note in notes] == [0, 0.5]
