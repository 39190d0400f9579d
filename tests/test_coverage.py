"""Completeness guards: the data may grow, but sourced history may not silently disappear."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.data.schema import TABLES
from components.derive.membership import ever_party
from tests.conftest import FIXED_TODAY, ROOT

# Every year from which a sourced exercise is known (see data/README.md, "Coverage").
EXERCISE_YEARS = range(2004, 2026)
EVER_PARTY = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_all(today=FIXED_TODAY)


@pytest.mark.parametrize("year", EXERCISE_YEARS)
def test_every_year_with_a_sourced_exercise_keeps_one(tables, year):
    assert (tables["exercises"]["start_date"].dt.year == year).any()


@pytest.mark.parametrize("state", EVER_PARTY)
def test_every_state_ever_party_keeps_its_history(tables, state):
    rows = tables["membership"][tables["membership"]["state"] == state]
    assert len(rows) >= 2, "at least joining and one later change"
    assert state in ever_party(tables["membership"])


def test_every_member_has_membership_rows(tables):
    assert set(tables["members"]["iso3"]) == set(tables["membership"]["state"])


@pytest.mark.parametrize("name", TABLES)
def test_data_readme_documents_every_column(name):
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert f"## `{TABLES[name].file_name}`" in readme
    for column in TABLES[name].column_names:
        assert f"| `{column}` |" in readme, f"{name}.{column} is not documented in data/README.md"


def test_main_series_are_present(tables):
    series = set(tables["exercises"]["series"])
    assert {"Interaction", "Rubezh (Frontier)", "Search", "Echelon", "Indestructible Brotherhood"} <= series


def test_aliases_let_search_find_every_rendering(tables):
    ub = tables["exercises"][tables["exercises"]["series"] == "Indestructible Brotherhood"]
    aliases = " ".join(" ".join(a) for a in ub["aliases"]).casefold()
    for rendering in ("nerushimoe", "indestructible", "unbreakable", "нерушимое"):
        assert rendering in aliases or rendering in " ".join(ub["name"]).casefold()
