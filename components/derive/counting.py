"""The counting rules, in one place: which exercises count, and what "hosted" and "took part" mean.

Every count of exercises on a page, card, chart, slide or CSV download comes from here, so that
one word means one number everywhere:

- An exercise **counts** when it was held: ``status == "held"``. The rule is positive on purpose:
  a status added to the data later (an "announced" exercise, say) never counts by accident.
- A state **hosted** an exercise when the exercise was held and the state is among its hosts.
- A state **took part** in an exercise when the exercise was held and the state is among its hosts
  or its participants (a host takes part in what it hosts), so "took part" >= "hosted".
- Exercises with any other status (planned, cancelled...) are **listed**: shown with their status
  and their own mark, never added to a held count. Armenia refused to host the 2023 exercise: it is
  listed as cancelled, and Armenia did not host it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from components.data.loaders import split_list
from components.i18n.text import format_number, t

HELD = "held"
# Roles in one held exercise (and in a matrix cell): among the hosts, or a participant only.
HOSTED, TOOK_PART, NONE = "hosted", "took_part", "none"


def codes(value: object) -> list[str]:
    """A list cell as loaded (a list) or as raw text ('a;b')."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    return split_list(str(value))


def is_held(status: object) -> bool:
    """The one rule for what counts: the exercise was held (never "not cancelled")."""
    return str(status) == HELD


def held_mask(exercises: pd.DataFrame) -> pd.Series:
    """True for the exercises that count (held)."""
    return pd.Series([is_held(s) for s in exercises["status"]], index=exercises.index, dtype=bool)


def held(exercises: pd.DataFrame) -> pd.DataFrame:
    """The exercises that count."""
    return exercises[held_mask(exercises)]


def not_held(exercises: pd.DataFrame) -> pd.DataFrame:
    """Listed but never counted: planned, cancelled and any other status but held."""
    return exercises[~held_mask(exercises)]


def _has(exercises: pd.DataFrame, column: str, code: str) -> pd.Series:
    return pd.Series([code in codes(cell) for cell in exercises[column]], index=exercises.index, dtype=bool)


def listed_mask(exercises: pd.DataFrame, code: str) -> pd.Series:
    """Exercises of any status with ``code`` among the hosts or participants."""
    return _has(exercises, "host_states", code) | _has(exercises, "participants", code)


def hosted_mask(exercises: pd.DataFrame, code: str) -> pd.Series:
    """Held exercises with ``code`` among the hosts."""
    return held_mask(exercises) & _has(exercises, "host_states", code)


def took_part_mask(exercises: pd.DataFrame, code: str) -> pd.Series:
    """Held exercises with ``code`` among the hosts or the participants."""
    return held_mask(exercises) & listed_mask(exercises, code)


def hosted(exercises: pd.DataFrame, code: str) -> pd.DataFrame:
    return exercises[hosted_mask(exercises, code)]


def took_part(exercises: pd.DataFrame, code: str) -> pd.DataFrame:
    return exercises[took_part_mask(exercises, code)]


def listed_not_held(exercises: pd.DataFrame, code: str) -> pd.DataFrame:
    """Exercises ``code`` was listed for (host or participant) that were not held: never counted."""
    return exercises[listed_mask(exercises, code) & ~held_mask(exercises)]


@dataclass(frozen=True)
class StateCounts:
    """One state's exercise counts under the rules above."""

    took_part: int
    hosted: int
    not_held: int


def state_counts(exercises: pd.DataFrame, code: str) -> StateCounts:
    """How many held exercises ``code`` took part in and hosted, and how many listed ones were not
    held (planned, cancelled...)."""
    listed = listed_mask(exercises, code)
    counted = held_mask(exercises)
    return StateCounts(
        took_part=int((listed & counted).sum()),
        hosted=int((counted & _has(exercises, "host_states", code)).sum()),
        not_held=int((listed & ~counted).sum()),
    )


def counts_per_state(exercises: pd.DataFrame, states: Collection[str]) -> pd.DataFrame:
    """One row per state, in the given order: state, took_part, hosted, not_held."""
    rows = [{"state": code, **state_counts(exercises, code).__dict__} for code in states]
    return pd.DataFrame(rows, columns=["state", "took_part", "hosted", "not_held"])


def states_that_hosted(exercises: pd.DataFrame) -> set[str]:
    """States that hosted at least one held exercise."""
    return {code for cell in held(exercises)["host_states"] for code in codes(cell)}


def states_that_took_part(exercises: pd.DataFrame) -> set[str]:
    """States that took part in at least one held exercise (hosts included)."""
    kept = held(exercises)
    return {code for column in ("host_states", "participants") for cell in kept[column] for code in codes(cell)}


def status_counts(exercises: pd.DataFrame) -> dict[str, int]:
    """Listed exercises by status, held first, then the others in the order they first appear."""
    counts = exercises["status"].astype(str).value_counts(sort=False)
    order = [HELD, *[s for s in dict.fromkeys(exercises["status"].astype(str)) if s != HELD]]
    return {status: int(counts.get(status, 0)) for status in order}


def involvement(exercises: pd.DataFrame) -> pd.DataFrame:
    """One row per exercise and state listed in it: state, year, exercise_id, status, role.

    ``role`` is HOSTED or TOOK_PART (participant only) for a held exercise and the exercise's own
    status (``planned``, ``cancelled``...) for any other: a cancelled exercise is never "hosted"."""
    rows = []
    for row in exercises.to_dict("records"):
        hosts = set(codes(row["host_states"]))
        status = str(row["status"])
        for state in sorted(hosts | set(codes(row["participants"]))):
            role = (HOSTED if state in hosts else TOOK_PART) if is_held(status) else status
            year = int(pd.Timestamp(row["start_date"]).year)
            rows.append({"state": state, "year": year, "exercise_id": row["exercise_id"], "status": status})
            rows[-1]["role"] = role
    return pd.DataFrame(rows, columns=["state", "year", "exercise_id", "status", "role"])


def listed_breakdown(exercises: pd.DataFrame) -> str:
    """'102 exercises listed' said in full: '83 held, 15 planned, 4 cancelled. Only held exercises
    are counted...' (the help of every 'listed' count, in the interface language)."""
    parts = [
        t("counting.status_count", count=format_number(count), status=t(f"status_ex.{status}"))
        for status, count in status_counts(exercises).items()
        if count
    ]
    return t("counting.listed_help", breakdown=", ".join(parts) or format_number(0))
