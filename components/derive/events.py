"""Filtering and shaping of ``events.csv`` for tables and downloads (pure)."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from components.data.loaders import split_sources


def filter_events(
    events: pd.DataFrame,
    *,
    categories: Collection[str] = (),
    states: Collection[str] = (),
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Events matching every given filter (an empty filter matches everything)."""
    keep = pd.Series(True, index=events.index)
    if categories:
        keep &= events["category"].astype(str).isin(set(categories))
    if states:
        wanted = set(states)
        keep &= events["states"].map(lambda codes: bool(wanted.intersection(codes)))
    if years is not None:
        keep &= events["date"].dt.year.between(years[0], years[1])
    kept = events[keep]
    return kept if kept["date"].is_monotonic_increasing else kept.sort_values("date", kind="stable")


def with_first_source(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``source`` (the first URL, for a clickable link column) beside the full ``source_url``."""
    return table.assign(source=table["source_url"].map(lambda cell: (split_sources(cell) or [""])[0]))


# The milestones the timeline shows until the user chooses others.
DEFAULT_MILESTONES = ("treaty", "organization", "forces", "deployment")
# More milestones than this cannot be labelled or even told apart on the time axis.
MILESTONE_LIMIT = 150


def spread_sample(events: pd.DataFrame, count: int) -> pd.DataFrame:
    """``count`` events spread evenly over the sorted list (first and last always kept)."""
    if len(events) <= count:
        return events
    ordered = events.sort_values("date", kind="stable")
    positions = np.linspace(0, len(ordered) - 1, count).round().astype(int)
    return ordered.iloc[np.unique(positions)]
