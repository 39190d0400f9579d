"""Exercise filters and search against the data itself: combined filters are the intersection of
the single ones (each computed here from the rows), and the search finds an exercise by its Russian
name, its Russian location and the places it used, ё or е. Written to kill the mutants that
survived in components/derive/exercises.py (docs/mutation.md)."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.exercises import ExerciseFilters, filter_exercises, with_place_names
from tests.conftest import FIXED_TODAY


@pytest.fixture(scope="module")
def exercises() -> pd.DataFrame:
    tables = read_all(today=FIXED_TODAY)
    return with_place_names(tables["exercises"], tables["places"])


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["exercise_id"])


def haystack(row: dict) -> str:
    """Every text a search looks in (name, series, aliases, location, Russian name and location,
    place names), folded as a person's query would be."""
    parts = [row["name"], row["series"], *row["aliases"], row["location"], row["name_ru"], row["location_ru"]]
    parts += row["place_names"]
    return " ".join(str(part) for part in parts if isinstance(part, str)).casefold().replace("ё", "е")


def single(exercises: pd.DataFrame, name: str) -> set[str]:
    """The ids one filter keeps, computed from the rows without filter_exercises."""
    rows = exercises.to_dict("records")
    tests = {
        "years": lambda r: 2010 <= r["start_date"].year <= 2022,
        "series": lambda r: r["series"] == "Interaction",
        "participants": lambda r: "KAZ" in r["participants"],
        "statuses": lambda r: str(r["status"]) == "held",
        "forces": lambda r: r["force"] == "CRRF",
        "text": lambda r: "взаимодействие" in haystack(r),
    }
    return {r["exercise_id"] for r in rows if tests[name](r)}


FILTERS = {
    "years": (2010, 2022),
    "series": ("Interaction",),
    "participants": ("KAZ",),
    "statuses": ("held",),
    "forces": ("CRRF",),
    "text": "Взаимодействие",
}


@pytest.mark.parametrize("name", [name for name in FILTERS if name != "years"])
def test_each_filter_narrows_what_the_filters_before_it_kept(exercises, name):
    """The years filter and one other: exactly the rows both keep (a filter that replaced instead of
    narrowing would let through rows outside the years)."""
    chosen = ExerciseFilters(years=FILTERS["years"], **{name: FILTERS[name]})
    expected = single(exercises, "years") & single(exercises, name)
    assert ids(filter_exercises(exercises, chosen)) == expected
    assert single(exercises, "years") - expected, "the pair is not vacuous: the years alone keep more"


def test_all_filters_at_once_are_the_intersection(exercises):
    expected = set.intersection(*(single(exercises, name) for name in FILTERS))
    kept = filter_exercises(exercises, ExerciseFilters(**FILTERS))
    assert ids(kept) == expected and expected
    assert list(kept["start_date"]) == sorted(kept["start_date"])


def test_search_finds_each_exercise_by_its_russian_name_location_and_places(exercises):
    for row in exercises.head(40).itertuples():
        for text in (row.name_ru, str(row.location_ru).split()[-1], *row.place_names[:2]):
            if text and text != "nan":
                found = ids(filter_exercises(exercises, ExerciseFilters(text=str(text).upper())))
                assert row.exercise_id in found, (row.exercise_id, text)


def test_search_ignores_yo(exercises):
    with_yo = exercises.assign(name_ru=exercises["name_ru"].str.replace("е", "ё"))
    found = ids(filter_exercises(with_yo, ExerciseFilters(text="Рубеж-2004")))
    assert "rubezh-2004" in found
    found = ids(filter_exercises(exercises, ExerciseFilters(text="Рубёж-2004")))
    assert "rubezh-2004" in found
