"""Russian for every data value the Russian interface shows: the force (table, card, filter), the
series in the exercise table, events' reported figures and the discrepancies' "where". Each comes
from a Russian column or table in the data (never a made-up translation), English stays English."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.i18n.names import force_names
from components.model.pages import build_from_params
from tests.conftest import FIXED_TODAY, ROOT

TABLES = read_all(today=FIXED_TODAY)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def test_every_force_in_the_exercises_has_a_russian_name():
    forces = TABLES["forces"]
    used = set(TABLES["exercises"]["force"].dropna().astype(str)) - {""}
    assert used <= set(forces["force"]), f"forces without a row in forces.csv: {sorted(used - set(forces['force']))}"
    assert all(CYRILLIC.search(name) for name in forces["name_ru"])
    assert force_names(forces, "en") == {}  # English shows the data's own value


def test_exercise_table_and_card_show_force_and_series_in_russian():
    params = {"exercise": ["rubezh-2004"], "ex_force": ["CRDF CAR"]}
    model, invalid = build_from_params("exercises", params, TABLES, "ru", FIXED_TODAY)
    assert invalid == []
    rows = model.table("exercises").rows
    assert set(rows["force"]) == {"КСБР ЦАР"}
    assert "Рубеж" in set(rows["series"]) and "Rubezh (Frontier)" not in set(rows["series"])
    assert model.detail.card["force"] == "КСБР ЦАР"
    english, _ = build_from_params("exercises", params, TABLES, "en", FIXED_TODAY)
    assert english.detail.card["force"] == "CRDF CAR"
    assert "Rubezh (Frontier)" in set(english.table("exercises").rows["series"])
    # The download keeps the data's own codes, whatever the language.
    assert set(model.table("exercises").download["force"]) == {"CRDF CAR"}


def test_no_force_or_series_value_is_english_in_the_russian_table():
    model, _ = build_from_params("exercises", {}, TABLES, "ru", FIXED_TODAY)
    rows = model.table("exercises").rows
    for column in ("force", "series"):
        english = [v for v in rows[column] if isinstance(v, str) and v and not CYRILLIC.search(v)]
        assert english == [], f"{column}: {sorted(set(english))}"


def test_a_link_may_name_the_force_in_russian():
    model, invalid = build_from_params("exercises", {"ex_force": ["КСОР"]}, TABLES, "ru", FIXED_TODAY)
    assert invalid == []
    assert model.detail.shown == int((TABLES["exercises"]["force"] == "CRRF").sum())


def test_reported_figures_are_russian_in_the_russian_events_table():
    params = {"ev_cat": ["deployment"]}
    model, _ = build_from_params("membership", params, TABLES, "ru", FIXED_TODAY)
    figures = [f for f in model.table("events").rows["reported_figures"] if isinstance(f, str) and f]
    assert "2030 военнослужащих и 250 единиц техники (автомобилей)" in figures
    assert not [f for f in figures if not CYRILLIC.search(f)]
    english, _ = build_from_params("membership", params, TABLES, "en", FIXED_TODAY)
    assert "2,030 personnel and 250 units of equipment (vehicles)" in set(
        english.table("events").rows["reported_figures"]
    )


def test_every_reported_figure_and_where_has_its_russian():
    events = TABLES["events"]
    with_figures = events["reported_figures"].fillna("") != ""
    assert (events.loc[with_figures, "reported_figures_ru"].fillna("") != "").all()
    assert (TABLES["discrepancies"]["where_ru"].fillna("") != "").all()


def test_sources_page_shows_where_in_russian():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "ru"
    at.switch_page("pages/sources.py")
    at.run()
    assert not at.exception
    texts = "\n".join(m.value for m in at.markdown).replace("\\", "")  # Markdown escapes off
    assert "Обзор ОДКБ на сайте МИД Армении (mfa.am)" in texts
    english_where = set(pd.read_csv(ROOT / "data" / "discrepancies.csv")["where"])
    assert not [w for w in english_where if w in texts]


def test_each_force_has_one_row():
    forces = TABLES["forces"]["force"]
    assert forces.is_unique, sorted(forces[forces.duplicated()])
