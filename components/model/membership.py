"""Membership timeline: declared state and the one build the page, deck and exports share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.data.schema import EVENT_CATEGORIES
from components.derive.events import (
    DEFAULT_MILESTONES,
    MILESTONE_LIMIT,
    filter_events,
    spread_sample,
    with_first_source,
)
from components.derive.membership import (
    TREATY_SIGNED,
    member_count_series,
    membership_periods,
    state_history,
    status_changes,
    summary_on,
)
from components.figures.membership import member_count_figure, membership_timeline_figure, status_map_figure
from components.i18n.names import localized, state_names
from components.i18n.text import format_date, format_number, labelled, language, t
from components.model.base import TABLE_ROW_LIMIT, Chart, Column, Metric, PageModel, Table, unique_sources
from components.model.columns import columns
from components.model.common import COUNTRY, country_domain, last_of, state_aliases, year_span
from components.model.state import Codes, Day, Domain, Field, PageSpec, YearRange

SPEC = PageSpec(
    "membership",
    (
        Field("asof", Day(), "membership.as_of", default_from=last_of("asof"), help="membership.as_of_date_help"),
        Field("ms", Codes(), "membership.milestones", default=tuple(DEFAULT_MILESTONES)),
        Field("ev_cat", Codes(), "membership.events.category", default=()),
        Field("ev_state", Codes(), "membership.events.state", default=()),
        Field("ev_years", YearRange(), "membership.events.years", default_from=lambda d: d.bounds["ev_years"]),
        COUNTRY,
    ),
)
TABLES_USED = ("members", "membership", "events")
EVENT_COLUMNS = ["date", "end_date", "title", "category", "states", "reported_figures", "note", "source_url"]
HISTORY_COLUMNS = ["date", "date_precision", "change", "body", "basis", "note", "source_url"]
METRICS = ("members", "parties", "frozen", "suspended", "former", "observers")


def domain(tables: dict[str, pd.DataFrame], today: date) -> Domain:
    members, events = tables["members"], tables["events"]
    options, aliases = country_domain(members)
    categories = list(EVENT_CATEGORIES)
    return Domain(
        options={**options, "ms": categories, "ev_cat": categories, "ev_state": list(members["iso3"])},
        aliases={**aliases, "ev_state": state_aliases(members)},
        bounds={"asof": (TREATY_SIGNED, today), "ev_years": year_span(events["date"], (1992, today.year))},
    )


def grouped_codes(membership: pd.DataFrame, as_of: date) -> dict[str, list[str]]:
    """The states in each headline group on the as-of date (members counts frozen ones too)."""
    grouped = summary_on(membership, as_of)
    return {
        "members": grouped["member"] + grouped["frozen"],
        "parties": grouped["treaty_party"],
        "frozen": grouped["frozen"],
        "suspended": grouped["suspended"],
        "former": grouped["former"],
        "observers": grouped["observer"],
    }


def events_table(events: pd.DataFrame, state: dict) -> Table:
    shown = filter_events(events, categories=state["ev_cat"], states=state["ev_state"], years=state["ev_years"])
    shown = shown.assign(
        title=localized(shown, "title"),
        note=localized(shown, "note"),
        reported_figures=localized(shown, "reported_figures"),
    )
    table = shown[EVENT_COLUMNS]
    filtered = bool(state["ev_cat"] or state["ev_state"])
    return Table(
        key="events",
        title=t("membership.events"),
        rows=labelled(table.head(TABLE_ROW_LIMIT), {"category": "category."}),
        columns=columns(
            *EVENT_COLUMNS,
            reported_figures=Column(t("col.figures")),
            note=Column(t("col.note")),
            source_url=Column(t("col.all_sources"), "sources"),
        ),
        download=table,
        file_name="csto-events-filtered.csv",
        total=len(shown),
        on_slide=filtered,
    )


def history_table(history: pd.DataFrame, focus: str) -> Table:
    """The state in focus's membership record, each change with its first source (the page's
    table; its CSV has every source)."""
    rows = labelled(
        with_first_source(history)[HISTORY_COLUMNS],
        {"date_precision": "precision.", "change": "change.", "body": "body.", "basis": "basis."},
    )
    return Table(
        key="history",
        title="",
        rows=rows,
        columns=columns(*HISTORY_COLUMNS),
        download=history,
        file_name=f"csto-history-{focus}.csv",
        total=len(history),
    )


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    """Everything the Membership page shows for ``state`` in ``lang``."""
    with language(lang):
        return _build(tables, state, today)


@dataclass
class MembershipDetail:
    """What the Membership page shows besides charts and tables."""

    groups: dict[str, list[str]]  # headline group -> the names of its states on the as-of date
    focus: str | None  # the state in focus, if it has a membership record
    focus_name: str | None


def _milestones(events: pd.DataFrame, categories: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """The events marked on the timeline (evenly sampled above MILESTONE_LIMIT, said in a note)."""
    milestones = filter_events(events, categories=categories)
    milestones = milestones.assign(title=localized(milestones, "title"))
    if len(milestones) <= MILESTONE_LIMIT:
        return milestones, []
    note = t("membership.milestones_sampled", total=format_number(len(milestones)), shown=MILESTONE_LIMIT)
    return spread_sample(milestones, MILESTONE_LIMIT), [note]


def _charts(
    tables: dict[str, pd.DataFrame], membership: pd.DataFrame, state: dict, focus: str | None, today: date
) -> tuple[list[Chart], list[str]]:
    """The timeline (the slide's chart), the status map and the member count on the as-of date."""
    members, as_of = tables["members"], state["asof"]
    milestones, notes = _milestones(tables["events"], state["ms"])
    periods = membership_periods(membership, today)
    status_by_state = {code: status for status, codes in summary_on(membership, as_of).items() for code in codes}
    timeline = membership_timeline_figure(periods, members, milestones, as_of=as_of, today=today, highlight=focus)
    map_title = t("membership.map", day=format_date(as_of, short=True))
    count_figure = member_count_figure(member_count_series(membership, today), as_of)
    return [
        Chart("timeline_chart", t("membership.chart_title"), timeline, "csto-membership-timeline"),
        Chart(
            "status_map",
            map_title,
            status_map_figure(status_by_state, members),
            "csto-status-map",
            narrow=True,
            on_slide=False,
        ),
        Chart("count_chart", t("membership.count"), count_figure, "csto-member-count", narrow=True, on_slide=False),
    ], notes


def _build(tables: dict[str, pd.DataFrame], state: dict, today: date) -> PageModel:
    # Membership notes in the reader's language (English where no Russian note exists yet).
    membership = tables["membership"].assign(note=localized(tables["membership"], "note"))
    as_of: date = state["asof"]
    focus = state["country"] if state["country"] in set(membership["state"]) else None
    names = state_names(tables["members"])
    groups = grouped_codes(membership, as_of)
    categories = {c: t(f"category.{c}") for c in EVENT_CATEGORIES}
    charts, notes = _charts(tables, membership, state, focus, today)
    tables_out = [events_table(tables["events"], state)]
    shown_changes = status_changes(membership)
    shown_changes = shown_changes[shown_changes["date"] <= pd.Timestamp(as_of)]
    if focus:
        shown_changes = shown_changes[shown_changes["state"] == focus]
        history = state_history(membership, focus)
        if history is not None and not history.empty:
            tables_out.append(history_table(history, focus))
    return PageModel(
        page="membership",
        title=t("nav.membership"),
        caption=t("view.membership.caption", day=format_date(as_of), members=len(groups["members"])),
        as_of=as_of.isoformat(),
        charts=charts,
        metrics=[Metric(t(f"membership.metric.{key}"), str(len(groups[key]))) for key in METRICS],
        notes=notes,
        tables=tables_out,
        sources=unique_sources(shown_changes["source_url"]),
        detail=MembershipDetail(
            groups={key: sorted(names.get(c, c) for c in codes) for key, codes in groups.items()},
            focus=focus,
            focus_name=names.get(focus, focus) if focus else None,
        ),
        names={"ms": categories, "ev_cat": categories, "ev_state": names, "country": names},
    )
