"""Country profile: one state's complete record (declared state and the one build)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.derive.counting import held_mask, state_counts
from components.derive.currency import status_labels
from components.derive.membership import membership_periods, state_history, status_on
from components.derive.participation import (
    country_exercise_years,
    country_exercises,
    localized,
    posts_held,
)
from components.figures.participation import country_years_figure
from components.i18n.names import exercise_names, state_names
from components.i18n.text import format_date, labelled, language, t
from components.model.base import TABLE_ROW_LIMIT, Chart, Column, Metric, PageModel, Table, unique_sources
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
        return _build(tables, state, lang, today)


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


def _build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    members, membership = tables["members"], tables["membership"]
    # Membership notes in the reader's language (English where no Russian note exists yet).
    membership = membership.assign(note=localized(membership, "note", lang))
    exercises, events = tables["exercises"], tables["events"]
    names = state_names(members)
    code = state["country"]
    if not code:
        return PageModel(page="country", title=t("nav.country"), caption=t("profile.pick_hint"), as_of="")
    name = names.get(code, code)
    status = status_on(membership, today).get(code)
    status_text = t(f"status.{status}") if status else t("country.no_status")

    periods = membership_periods(membership, today)
    periods = periods[periods["state"] == code]
    period_rows = labelled(
        periods.assign(
            start=_when(periods, "start", "start_precision"),
            end=[
                t("profile.open_ended") if open_ended else when
                for open_ended, when in zip(periods["open_ended"], _when(periods, "end", "end_precision"), strict=True)
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

    counts = state_counts(exercises, code)
    mine = country_exercises(exercises, code)
    counted, listed_only = mine[held_mask(mine)], mine[~held_mask(mine)]
    by_year = country_exercise_years(exercises, code)
    span = year_span(exercises["start_date"], (2004, today.year))
    exercise_rows, not_held_rows = _exercise_rows(counted, listed_only, code, lang, today)

    posts = posts_held(events, code)
    post_rows = labelled(
        posts.assign(when=_when(posts, "date", "date_precision"), title=localized(posts, "title", lang))[
            ["when", "title", "category", "source_url"]
        ],
        {"category": "category."},
    )
    # astype(bool): on a table of no rows map() gives an object Series, which would select columns.
    involved = events[events["states"].map(lambda codes: code in codes).astype(bool)]
    event_rows = labelled(
        involved.assign(when=_when(involved, "date", "date_precision"), title=localized(involved, "title", lang))[
            ["when", "title", "category", "source_url"]
        ],
        {"category": "category."},
    )
    sources = unique_sources(periods["source_url"], history["source_url"], mine["source_url"], involved["source_url"])

    def table(key: str, title: str, rows: pd.DataFrame, columns: dict[str, Column], download: pd.DataFrame) -> Table:
        return Table(
            key=key,
            title=title,
            rows=rows.head(TABLE_ROW_LIMIT),
            columns=columns,
            download=download,
            file_name=f"csto-{code}-{key}.csv",
            total=len(rows),
        )

    source_col = Column(t("col.source"), "sources")
    chart = Chart(
        "country_exercises",
        t("profile.chart_title", name=name, took_part=counts.took_part, hosted=counts.hosted),
        country_years_figure(by_year, span),
        f"csto-{code}-exercises-by-year",
    )
    return PageModel(
        page="country",
        title=t("profile.title", name=name),
        caption=t("profile.caption", name=name, status=status_text),
        as_of=format_date(today),
        charts=[chart],
        metrics=[
            Metric(t("profile.metric.took_part"), str(counts.took_part), t("profile.metric.took_part_help", name=name)),
            Metric(t("profile.metric.hosted"), str(counts.hosted), t("profile.metric.hosted_help", name=name)),
            Metric(t("profile.metric.posts"), str(len(posts))),
            Metric(t("profile.metric.events"), str(len(involved))),
        ],
        notes=[t("counting.rule")],
        tables=[
            table(
                "periods",
                t("profile.periods"),
                period_rows,
                {
                    "status": Column(t("col.status")),
                    "start": Column(t("col.start")),
                    "end": Column(t("col.end")),
                    "basis": Column(t("col.basis")),
                    "note": Column(t("col.note"), "wide"),
                    "source_url": source_col,
                },
                periods,
            ),
            table(
                "changes",
                t("profile.changes"),
                history_rows,
                {
                    "when": Column(t("col.date")),
                    "change": Column(t("col.change")),
                    "body": Column(t("col.body")),
                    "basis": Column(t("col.basis")),
                    "note": Column(t("col.note"), "wide"),
                    "source_url": source_col,
                },
                history,
            ),
            table(
                "posts",
                t("profile.posts"),
                post_rows,
                {
                    "when": Column(t("col.date")),
                    "title": Column(t("col.title"), "wide"),
                    "category": Column(t("col.category")),
                    "source_url": source_col,
                },
                posts,
            ),
            table(
                "exercises",
                t("profile.exercises", count=counts.took_part),
                exercise_rows,
                {
                    "when": Column(t("col.start")),
                    "name": Column(t("col.exercise"), "wide"),
                    "role": Column(t("profile.col.role")),
                    "location": Column(t("col.location"), "wide"),
                    "source_url": source_col,
                },
                counted,
            ),
            table(
                "exercises_not_held",
                t("profile.not_held", count=counts.not_held),
                not_held_rows,
                {
                    "when": Column(t("col.start")),
                    "name": Column(t("col.exercise"), "wide"),
                    "status": Column(t("col.status")),
                    "listed_as": Column(t("profile.col.listed_as")),
                    "location": Column(t("col.location"), "wide"),
                    "source_url": source_col,
                },
                listed_only,
            ),
            table(
                "events",
                t("profile.events", count=len(involved)),
                event_rows,
                {
                    "when": Column(t("col.date")),
                    "title": Column(t("col.title"), "wide"),
                    "category": Column(t("col.category")),
                    "source_url": source_col,
                },
                involved,
            ),
        ],
        sources=sources,
        extra={"code": code, "name": name, "status": status},
    )
