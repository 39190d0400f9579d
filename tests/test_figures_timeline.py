"""Membership figures tested as objects: rows, colours, patterns, milestones, hover text."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.membership import member_count_series, membership_periods
from components.style import STATUS_COLOURS, STATUS_PATTERNS
from components.timeline import (
    member_count_figure,
    membership_timeline_figure,
    stagger_levels,
    status_map_figure,
)
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
    assert [level for level, _ in placed[:4]] == [0, 1, 2, 3]
    assert placed[4][1] is False, "no free level: marker kept, label dropped"
    assert placed[5] == (0, True)


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
