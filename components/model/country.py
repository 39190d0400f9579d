"""Country profile: one state's complete record (declared state and the one build)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.derive.counting import StateCounts, held_mask, state_counts
from components.derive.currency import status_labels
from components.derive.membership import membership_periods, state_history, status_on
from components.derive.participation import (
    country_exercise_years,
    country_exercises,
    localized,
    posts_held,
)
from components.figures.participation import country_years_figure
from components.i18n.names import exercise_names, state_names, state_search_labels
from components.i18n.text import format_date, labelled, language, t
from components.model.base import TABLE_ROW_LIMIT, Chart, Column, Metric, PageModel, Table, unique_sources
from components.model.columns import columns
from components.model.common import COUNTRY, country_domain, year_span
from components.model.state import Domain, PageSpec

SPEC = PageSpec("country", (COUNTRY,))
TABLES_USED = ("members", "membership", "exercises", "events")


def domain(tables: dict[str, pd.DataFrame], today: date) -> Domain:
    options, aliases = country_domain(tables["members"])
    return Domain(options=options, aliases=aliases)


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    """Everything the Country profile shows for ``state["country"]`` in ``lang``."""
    with language(lang):
        model = _build(tables, state, lang, today)
        # The picker names each state as a search finds it ('Kyrgyzstan (Кыргызстан, KGZ)').
        model.names["country"] = state_search_labels(tables["members"])
        return model


def _when(frame: pd.DataFrame, column: str, precision: str | None) -> list[str]:
    precisions = frame[precision] if precision and precision in frame else ["day"] * len(frame)
    return [
        "" if pd.isna(d) else format_date(d, str(p) if p in ("day", "month", "year") else "day")
        for d, p in zip(frame[column], precisions, strict=True)
    ]


def _exercise_rows(
    counted: pd.DataFrame, listed_only: pd.DataFrame, code: str, lang: str, today: date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Display rows: the held exercises ``code`` took part in (role: hosted / took part, not
    hosting), and the planned or cancelled ones it was listed for (status; host or participant)."""

    def shown(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(
            name=exercise_names(frame) if "name_ru" not in frame else localized(frame, "name", lang),
            when=_when(frame, "start_date", "date_precision"),
            location=localized(frame, "location", lang),
        )

    held_rows = shown(counted).assign(role=counted["role"].map(lambda r: t(f"participation.role.{r}")))
    listed_as = [
        t("participation.listed_as.host" if code in hosts else "participation.listed_as.participant")
        for hosts in listed_only["host_states"]
    ]
    other_rows = shown(listed_only).assign(status=status_labels(listed_only, today), listed_as=listed_as)
    return (
        held_rows[["when", "name", "role", "location", "source_url"]],
        other_rows[["when", "name", "status", "listed_as", "location", "source_url"]],
    )


@dataclass
class CountryDetail:
    """The state the profile is about (none picked yet: all None)."""

    code: str | None = None
    name: str | None = None
    status: str | None = None  # its status today (a code), if it has one


def _table(
    code: str, key: str, title: str, rows: pd.DataFrame, columns: dict[str, Column], download: pd.DataFrame
) -> Table:
    """One of the profile's tables (its CSV named after the state and the table)."""
    return Table(
        key=key,
        title=title,
        rows=rows.head(TABLE_ROW_LIMIT),
        columns=columns,
        download=download,
        file_name=f"csto-{code}-{key}.csv",
        total=len(rows),
    )


def _dated(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows with their date written out ('when') and their title in ``lang``: posts, events."""
    shown = frame.assign(when=_when(frame, "date", "date_precision"), title=localized(frame, "title", lang))
    return labelled(shown[["when", "title", "category", "source_url"]], {"category": "category."})


def _membership_tables(membership: pd.DataFrame, code: str, today: date) -> tuple[Table, Table, list[str]]:
    """The state's membership periods and its record of changes, and their sources."""
    periods = membership_periods(membership, today)
    periods = periods[periods["state"] == code]
    ends = _when(periods, "end", "end_precision")
    period_rows = labelled(
        periods.assign(
            start=_when(periods, "start", "start_precision"),
            end=[
                t("profile.open_ended") if open_ended else when
                for open_ended, when in zip(periods["open_ended"], ends, strict=True)
            ],
        )[["status", "start", "end", "basis", "note", "source_url"]],
        {"status": "status.", "basis": "basis."},
    )
    history = state_history(membership, code)
    history_rows = labelled(
        history.assign(when=_when(history, "date", "date_precision"))[
            ["when", "change", "body", "basis", "note", "source_url"]
        ],
        {"change": "change.", "body": "body.", "basis": "basis."},
    )
    return (
        _table(
            code,
            "periods",
            t("profile.periods"),
            period_rows,
            columns("status", "start", "end", "basis", "note", "source_url"),
            periods,
        ),
        _table(
            code,
            "changes",
            t("profile.changes"),
            history_rows,
            columns("when", "change", "body", "basis", "note", "source_url"),
            history,
        ),
        [*periods["source_url"], *history["source_url"]],
    )


def _exercise_tables(
    exercises: pd.DataFrame, counts: StateCounts, code: str, lang: str, today: date
) -> tuple[Table, Table, pd.DataFrame]:
    """The held exercises the state took part in, the planned or cancelled ones it was listed for,
    and every exercise that lists it (for the sources)."""
    mine = country_exercises(exercises, code)
    counted, listed_only = mine[held_mask(mine)], mine[~held_mask(mine)]
    exercise_rows, not_held_rows = _exercise_rows(counted, listed_only, code, lang, today)
    held = columns(
        "when", "name", "role", "location", "source_url", when="col.start", role=Column(t("profile.col.role"))
    )
    not_held = columns(
        "when",
        "name",
        "status",
        "listed_as",
        "location",
        "source_url",
        when="col.start",
        listed_as=Column(t("profile.col.listed_as")),
    )
    return (
        _table(code, "exercises", t("profile.exercises", count=counts.took_part), exercise_rows, held, counted),
        _table(
            code,
            "exercises_not_held",
            t("profile.not_held", count=counts.not_held),
            not_held_rows,
            not_held,
            listed_only,
        ),
        mine,
    )


def _event_tables(events: pd.DataFrame, code: str, lang: str) -> tuple[Table, Table, pd.DataFrame]:
    """The posts the state held and every event it took part in (and those events, for sources)."""
    posts = posts_held(events, code)
    # astype(bool): on a table of no rows map() gives an object Series, which would select columns.
    involved = events[events["states"].map(lambda codes: code in codes).astype(bool)]
    dated = columns("when", "title", "category", "source_url")
    return (
        _table(code, "posts", t("profile.posts"), _dated(posts, lang), dated, posts),
        _table(code, "events", t("profile.events", count=len(involved)), _dated(involved, lang), dated, involved),
        involved,
    )


def _metrics(counts: StateCounts, name: str, posts: int, events: int) -> list[Metric]:
    return [
        Metric(t("profile.metric.took_part"), str(counts.took_part), t("profile.metric.took_part_help", name=name)),
        Metric(t("profile.metric.hosted"), str(counts.hosted), t("profile.metric.hosted_help", name=name)),
        Metric(t("profile.metric.posts"), str(posts)),
        Metric(t("profile.metric.events"), str(events)),
    ]


def _build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    members, membership = tables["members"], tables["membership"]
    # Membership notes in the reader's language (English where no Russian note exists yet).
    membership = membership.assign(note=localized(membership, "note", lang))
    exercises, events = tables["exercises"], tables["events"]
    code = state["country"]
    if not code:
        return PageModel(
            page="country", title=t("nav.country"), caption=t("profile.pick_hint"), as_of="", detail=CountryDetail()
        )
    name = state_names(members).get(code, code)
    status = status_on(membership, today).get(code)
    periods, changes, membership_sources = _membership_tables(membership, code, today)
    counts = state_counts(exercises, code)
    held, not_held, mine = _exercise_tables(exercises, counts, code, lang, today)
    posts, involved_table, involved = _event_tables(events, code, lang)
    chart = Chart(
        "country_exercises",
        t("profile.chart_title", name=name, took_part=counts.took_part, hosted=counts.hosted),
        country_years_figure(
            country_exercise_years(exercises, code), year_span(exercises["start_date"], (2004, today.year))
        ),
        f"csto-{code}-exercises-by-year",
    )
    return PageModel(
        page="country",
        title=t("profile.title", name=name),
        caption=t("profile.caption", name=name, status=t(f"status.{status}") if status else t("country.no_status")),
        as_of=format_date(today),
        charts=[chart],
        metrics=_metrics(counts, name, posts.total, involved_table.total),
        notes=[t("counting.rule")],
        tables=[periods, changes, posts, held, not_held, involved_table],
        sources=unique_sources(pd.Series(membership_sources, dtype=object), mine["source_url"], involved["source_url"]),
        detail=CountryDetail(code, name, status),
    )
