"""English and Russian: a complete catalogue, every page in both languages, alias search, and one
country in focus carried from page to page."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.derive.exercises import ExerciseFilters, filter_exercises
from components.derive.org import org_graph
from components.i18n.names import body_search_label, exercise_names, series_names, state_search_label
from components.i18n.text import CATALOGUE, format_date, format_number, set_language, t
from tests.conftest import ALL_PAGES, FIXED_TODAY, ROOT

PAGES = ALL_PAGES


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogue_has_every_key_in_both_languages():
    assert set(CATALOGUE["en"]) == set(CATALOGUE["ru"])
    for key, english in CATALOGUE["en"].items():
        assert placeholders(english) == placeholders(CATALOGUE["ru"][key]), key
        assert CATALOGUE["ru"][key].strip(), key


def test_language_is_per_run_and_falls_back():
    assert set_language("ru") == "ru" and t("nav.membership") == "Хронология членства"
    assert set_language("xx") == "en" and t("nav.membership") == "Membership timeline"


def test_dates_and_numbers_follow_the_language():
    assert format_date(date(1992, 5, 15), lang="ru") == "15 мая 1992\u202fг."
    assert format_date(date(1992, 5, 1), "month", lang="ru") == "май 1992\u202fг."
    assert format_date(date(1992, 5, 15), lang="en") == "15 May 1992"
    assert format_number(2030, "ru") == "2\u00a0030" and format_number(2030, "en") == "2,030"


def open_page(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    return at.run()


# English interface strings long enough to be unmistakable if they leaked into the Russian pages.
ENGLISH_ONLY = [
    text
    for key, text in CATALOGUE["en"].items()
    if not placeholders(text) and len(text) >= 8 and text != CATALOGUE["ru"][key] and not key.startswith("app.title")
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_russian_with_no_english_interface_text(page):
    at = open_page(page, {"lang": "ru"})
    assert not at.exception
    shown = [
        str(element.value)
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
        for element in getattr(at, kind)
    ]
    shown += [
        str(widget.label)
        for kind in ("selectbox", "multiselect", "slider", "text_input", "button", "toggle")
        for widget in getattr(at, kind)
    ]
    shown += [str(metric.label) for metric in at.metric]
    # An interface string is a whole element or its beginning; inside a sentence it is source data.
    leaked = [text for text in ENGLISH_ONLY if any(element.strip().startswith(text) for element in shown)]
    assert leaked == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_english(page):
    assert not open_page(page, {"lang": "en"}).exception


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


@pytest.mark.parametrize(
    "query",
    ["Nerushimoe Bratstvo", "Indestructible Brotherhood", "Unbreakable Brotherhood", "Нерушимое братство", "НЕРУШИМОЕ"],
)
def test_alias_search_finds_the_same_series(tables, query):
    found = filter_exercises(tables["exercises"], ExerciseFilters(text=query))
    series = tables["exercises"][tables["exercises"]["series"] == "Indestructible Brotherhood"]
    assert set(series["exercise_id"]) <= set(found["exercise_id"]), "every rendering finds the whole series"
    # A combined exercise that lists the series among its stages may match too (Combat Brotherhood-2023).
    assert set(found["series"]) <= {"Indestructible Brotherhood", "Combat Brotherhood"}


def test_search_labels_carry_both_languages_and_abbreviations(tables):
    graph = org_graph(tables["bodies"], tables["body_links"]).graph
    crrf = body_search_label(graph.nodes["crrf"], "en")
    assert "CRRF" in crrf and "КСОР" in crrf and "Коллективные силы оперативного реагирования" in crrf
    assert "СКБ" in body_search_label(graph.nodes["csc"], "ru")
    assert state_search_label("KGZ", tables["members"], "ru") == "Кыргызстан (Kyrgyzstan, KGZ)"


def test_russian_names_come_from_the_data(tables):
    ub = tables["exercises"][tables["exercises"]["exercise_id"] == "ub-2023"]
    assert exercise_names(ub, "ru").iloc[0].startswith("Нерушимое братство")
    assert series_names(tables["exercises"], "ru")["Interaction"] == "Взаимодействие"


def test_country_focus_travels_with_the_url_across_pages():
    membership = open_page("pages/membership.py", {"country": "KGZ"})
    assert not membership.exception
    assert any("In focus: Kyrgyzstan" in info.value for info in membership.info)
    assert any("History of Kyrgyzstan" in h.value for h in membership.subheader)
    exercises = open_page("pages/exercises.py", {"country": "KGZ", "lang": "ru"})
    assert any("Выделены учения" in c.value for c in exercises.caption)
    structure = open_page("pages/structure.py", {"country": "KGZ"})
    assert any("no body is marked" in c.value for c in structure.caption)


def test_country_card_and_clear_are_one_click_each():
    at = open_page("pages/overview.py", {"country": "ARM"})
    at.button(key="country_card_open").click().run()
    assert not at.exception
    assert any("Membership history" in h.value for h in at.subheader)
    at.button(key="country_clear").click().run()
    assert "country" not in at.query_params and not any("In focus" in i.value for i in at.info)


def test_clicked_row_focus_is_kept_in_the_session():
    at = open_page("pages/membership.py", {})
    at.selectbox(key="country_picker").set_value("TJK").run()
    assert at.query_params["country"] == "TJK"
    at.switch_page("pages/exercises.py").run()
    assert any("Tajikistan" in c.value for c in at.caption)


def test_russian_exercise_names_come_from_name_ru_first(tables):
    """Four exercises have no Cyrillic alias: their Russian name is only in ``name_ru``."""
    exercises = tables["exercises"]
    names = dict(zip(exercises["exercise_id"], exercise_names(exercises, "ru"), strict=True))
    assert names["crrf-exercise-2015-tajikistan"] == "Учение КСОР (Таджикистан, май 2015)"
    assert names["rescue-exercise-2015"] == "Совместное учение спасательных подразделений ОДКБ (май 2015)"
    with_russian = exercises["name_ru"].fillna("").str.strip() != ""
    assert (exercise_names(exercises[with_russian], "ru") == exercises.loc[with_russian, "name_ru"]).all()
    assert not any(re.fullmatch(r"[^А-Яа-яЁё]+", name) for name in names.values()), "an English name in Russian"
