"""Who trains with whom, personnel counted once, and one state's record (pure); the chronology's
items are in components/derive/chronology.py.

Everything here is computed from the tables as loaded. Columns that a table may not carry yet
(``personnel_scope``, ``personnel_combined_with``, ``title_ru``, ``name_ru``...) are read
defensively: without them the functions fall back to what the loaded columns say.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import combinations

import networkx as nx
import pandas as pd

from components.data.loaders import split_list
from components.data.schema import EXERCISE_STATUSES
from components.derive.counting import HELD, HOSTED, NONE, TOOK_PART, held, involvement, is_held, listed_mask

POST_CATEGORIES = ("appointment", "chairmanship")
EXERCISE_CATEGORY = "exercise"


def as_list(value: object) -> list[str]:
    """A list cell as loaded (a list) or as raw text ('a;b')."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return split_list(str(value))


def involved_states(row: pd.Series | dict) -> set[str]:
    """Hosts and participants of one exercise (a host takes part in what it hosts)."""
    return set(as_list(row["host_states"])) | set(as_list(row["participants"]))


def localized(frame: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """``column`` in the language: ``<column>_ru`` where the table has it and the cell is filled,
    otherwise the English text (never a made-up translation)."""
    english = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    russian = f"{column}_ru"
    if lang != "ru" or russian not in frame:
        return english
    values = frame[russian].astype(object).where(frame[russian].notna(), "").astype(str).str.strip()
    return values.where(values != "", english)


# --- Participation (the counting rules are components/derive/counting.py) ----------------------


def participation_roles(exercises: pd.DataFrame) -> pd.DataFrame:
    """One row per exercise and state listed in it: state, year, exercise_id, status, role (HOSTED
    or TOOK_PART for a held exercise, the exercise's status for any other)."""
    return involvement(exercises)


def not_held_order(statuses: Collection[str]) -> list[str]:
    """Statuses other than held, in the data contract's order, unknown ones after (sorted)."""
    known = [s for s in EXERCISE_STATUSES if s != HELD]
    return [s for s in known if s in statuses] + sorted(set(statuses) - set(known) - {HELD})


def participation_matrix(exercises: pd.DataFrame, years: tuple[int, int], states: Collection[str]) -> pd.DataFrame:
    """State x year: ``hosted`` (hosted at least one held exercise that year), ``took_part`` (took
    part in a held one, hosted none), else the status of an exercise it was listed for that was not
    held (``planned``, ``cancelled``...: shown, never counted), or ``none``. Rows follow ``states``."""
    all_years = list(range(years[0], years[1] + 1))
    matrix = pd.DataFrame(NONE, index=list(states), columns=all_years, dtype=object)
    roles = participation_roles(exercises)
    priority = [HOSTED, TOOK_PART, *not_held_order(set(roles["status"]))]
    for (state, year), group in roles.groupby(["state", "year"]):
        if state in matrix.index and year in matrix.columns:
            matrix.loc[state, year] = next(role for role in priority if (group["role"] == role).any())
    return matrix


def co_participation(exercises: pd.DataFrame) -> nx.Graph:
    """States linked by the HELD exercises they share: edge ``weight`` = held exercises both took
    part in (hosting counts), edge ``exercises`` = their ids; node ``exercises`` = how many held
    exercises each took part in. Planned and cancelled exercises add nothing."""
    graph = nx.Graph()
    for row in held(exercises).to_dict("records"):
        states = sorted(involved_states(row))
        for state in states:
            if state not in graph:
                graph.add_node(state, exercises=0)
            graph.nodes[state]["exercises"] += 1
        for a, b in combinations(states, 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
                graph[a][b]["exercises"].append(row["exercise_id"])
            else:
                graph.add_edge(a, b, weight=1, exercises=[row["exercise_id"]])
    return graph


# --- Personnel, each reported figure once --------------------------------------------------------


def personnel_counted_once(exercises: pd.DataFrame) -> pd.Series:
    """Each exercise's personnel as it may be added up (indexed like ``exercises``).

    A ``combined`` figure is one total for its exercise and those in ``personnel_combined_with``:
    it is counted once, on its own row, and the figures of the exercises it covers are not added
    again when that row is among ``exercises``. Without those columns every figure counts."""
    personnel = pd.to_numeric(exercises["personnel"], errors="coerce").astype(float)
    if "personnel_scope" not in exercises or "personnel_combined_with" not in exercises:
        return personnel.fillna(0.0)
    scope = exercises["personnel_scope"].astype(object).where(exercises["personnel_scope"].notna(), "").astype(str)
    combined = scope == "combined"
    covered: set[str] = set()
    for cell in exercises.loc[combined & personnel.notna(), "personnel_combined_with"]:
        covered.update(as_list(cell))
    is_covered = exercises["exercise_id"].astype(str).isin(covered) & ~combined
    return personnel.where(~is_covered, 0.0).fillna(0.0)


def personnel_total(exercises: pd.DataFrame) -> int:
    return int(personnel_counted_once(exercises).sum())


def per_year_totals(exercises: pd.DataFrame, years: tuple[int, int], metric: str = "exercises") -> pd.Series:
    """Year -> number of exercises, or reported personnel counted once (``metric="personnel"``)."""
    all_years = range(years[0], years[1] + 1)
    if exercises.empty:
        return pd.Series(0, index=list(all_years), dtype=int)
    year = exercises["start_date"].dt.year
    if metric == "personnel":
        totals = personnel_counted_once(exercises).groupby(year).sum()
    else:
        totals = exercises.groupby(year).size()
    return totals.reindex(all_years, fill_value=0).astype(int)


# --- One state's record --------------------------------------------------------------------------


def country_exercise_years(exercises: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per year: held exercises ``code`` hosted, held ones it took part in without hosting, and one
    column per other status it was listed with (planned, cancelled...: shown, never counted)."""
    roles = participation_roles(exercises)
    mine = roles[roles["state"] == code]
    columns = [HOSTED, TOOK_PART, *not_held_order(set(mine["status"]))]
    counts = mine.groupby(["year", "role"]).size().unstack(fill_value=0)
    for role in columns:
        if role not in counts:
            counts[role] = 0
    return counts[columns].reset_index().rename_axis(None, axis=1).astype(int)


def country_exercises(exercises: pd.DataFrame, code: str) -> pd.DataFrame:
    """Every exercise listed with ``code`` among its hosts or participants, oldest first, with
    ``role``: HOSTED or TOOK_PART for a held exercise, its status for any other."""
    mine = exercises[listed_mask(exercises, code)]
    hosts = mine["host_states"].map(lambda cell: code in as_list(cell))
    roles = [
        (HOSTED if host else TOOK_PART) if is_held(status) else str(status)
        for host, status in zip(hosts, mine["status"], strict=True)
    ]
    return mine.assign(role=roles)


def posts_held(events: pd.DataFrame, code: str) -> pd.DataFrame:
    """Appointments (Secretaries General...) and chairmanships whose ``states`` include ``code``."""
    mine = events["states"].map(lambda cell: code in as_list(cell))
    return events[mine & events["category"].astype(str).isin(POST_CATEGORIES)]
