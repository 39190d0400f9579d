"""Country profile, Chronology, exercises over time and who trains with whom: the derivations on
small frames with exact answers, the models on the shipped data, and journeys in both languages
asserting what a person reads."""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.chronology import chronology_items, filter_items, step_item
from components.derive.participation import (
    co_participation,
    country_exercise_years,
    localized,
    participation_matrix,
    per_year_totals,
    personnel_counted_once,
    personnel_total,
    posts_held,
)
from components.i18n.text import set_language
from components.model.pages import PAGE_KINDS, build_from_params
from tests.conftest import DATA, FIXED_TODAY, app_test


def exercises_frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "host_states": [],
        "participants": [],
        "personnel": pd.NA,
        "source_url": "https://example.org/x",
        "status": "held",
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["personnel"] = frame["personnel"].astype("Int64")
    return frame


SMALL = exercises_frame(
    [
        {"exercise_id": "a", "start_date": "2020-05-01", "host_states": ["KAZ"], "participants": ["KAZ", "RUS"]},
        {"exercise_id": "b", "start_date": "2020-09-01", "host_states": ["RUS"], "participants": ["KAZ", "RUS", "TJK"]},
        {"exercise_id": "c", "start_date": "2021-03-01", "host_states": ["TJK"], "participants": ["RUS"]},
    ]
)


# --- Derivations: exact answers on small frames -------------------------------------------------


def test_co_participation_weights_count_shared_exercises_hosts_included():
    graph = co_participation(SMALL)
    weights = {tuple(sorted((a, b))): w for a, b, w in graph.edges(data="weight")}
    assert weights == {("KAZ", "RUS"): 2, ("KAZ", "TJK"): 1, ("RUS", "TJK"): 2}
    assert {n: graph.nodes[n]["exercises"] for n in graph} == {"KAZ": 2, "RUS": 3, "TJK": 2}
    assert sorted(graph["RUS"]["TJK"]["exercises"]) == ["b", "c"]


def test_participation_matrix_hosting_wins_and_absent_years_are_none():
    matrix = participation_matrix(SMALL, (2020, 2022), ["KAZ", "RUS", "TJK", "ARM"])
    assert matrix.loc["KAZ"].tolist() == ["hosted", "none", "none"]
    assert matrix.loc["RUS"].tolist() == ["hosted", "took_part", "none"]
    assert matrix.loc["TJK"].tolist() == ["took_part", "hosted", "none"]
    assert matrix.loc["ARM"].tolist() == ["none", "none", "none"]


def test_country_years_split_hosted_and_attended():
    years = country_exercise_years(SMALL, "RUS")
    assert years.to_dict("records") == [
        {"year": 2020, "hosted": 1, "took_part": 1},
        {"year": 2021, "hosted": 0, "took_part": 1},
    ]


COMBINED = exercises_frame(
    [
        {"exercise_id": "cb", "start_date": "2017-10-01", "personnel": 12000, "personnel_scope": "combined",
         "personnel_combined_with": ["search", "ub"]},
        {"exercise_id": "search", "start_date": "2017-10-02", "personnel": 1000, "personnel_scope": "this",
         "personnel_combined_with": []},
        {"exercise_id": "ub", "start_date": "2017-10-03", "personnel": pd.NA, "personnel_scope": "",
         "personnel_combined_with": ["cb"]},
        {"exercise_id": "other", "start_date": "2018-04-01", "personnel": 500, "personnel_scope": "this",
         "personnel_combined_with": []},
    ]
)  # fmt: skip


def test_a_combined_figure_is_counted_once_per_group():
    assert personnel_counted_once(COMBINED).tolist() == [12000, 0, 0, 500]
    assert personnel_total(COMBINED) == 12500
    assert per_year_totals(COMBINED, (2017, 2019), "personnel").to_dict() == {2017: 12000, 2018: 500, 2019: 0}
    assert per_year_totals(COMBINED, (2017, 2018)).to_dict() == {2017: 3, 2018: 1}
    # Without the combined row, the exercise's own figure counts.
    assert personnel_total(COMBINED[COMBINED["exercise_id"] != "cb"]) == 1500
    # A table without the scope columns adds every reported figure.
    assert personnel_total(COMBINED.drop(columns=["personnel_scope", "personnel_combined_with"])) == 13500


def events_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["sg", "chair", "deploy", "summit"],
            "date": pd.to_datetime(["2017-05-02", "2018-11-08", "2022-01-06", "2022-01-10"]),
            "date_precision": ["day"] * 4,
            "end_date": pd.to_datetime([None, None, "2022-01-19", None]),
            "title": ["Khachaturov Secretary General", "CSTO chairmanship: Kyrgyzstan", "Forces deployed to Kazakhstan",
                      "Extraordinary session"],
            "title_ru": ["", "Председательство: Кыргызстан", "Силы направлены в Казахстан", ""],
            "category": ["appointment", "chairmanship", "deployment", "summit"],
            "states": [["ARM"], ["KGZ"], ["KAZ", "RUS"], ["KAZ", "KGZ"]],
            "note": ["", "", "", ""],
            "source_url": ["https://a.example", "https://b.example", "https://c.example", "https://d.example"],
        }
    )  # fmt: skip


def test_posts_held_are_appointments_and_chairmanships_of_the_state():
    assert posts_held(events_frame(), "KGZ")["event_id"].tolist() == ["chair"]
    assert posts_held(events_frame(), "ARM")["event_id"].tolist() == ["sg"]


def test_russian_text_falls_back_to_english_where_missing():
    assert localized(events_frame(), "title", "ru").tolist()[:2] == [
        "Khachaturov Secretary General",
        "Председательство: Кыргызстан",
    ]
    assert localized(events_frame(), "title", "en")[2] == "Forces deployed to Kazakhstan"


def test_chronology_search_filters_and_story_steps():
    items = chronology_items(events_frame(), SMALL.assign(name=["A-2020", "B-2020", "C-2021"], note=""), "en")
    assert len(items) == 7 and items["date"].is_monotonic_increasing
    assert filter_items(items, text="kazakhstan")["item_id"].tolist() == ["deploy"]
    assert filter_items(items, text="казахстан")["item_id"].tolist() == ["deploy"]  # the other language too
    assert filter_items(items, categories=["exercise"])["item_id"].tolist() == ["a", "b", "c"]
    assert filter_items(items, states=["KGZ"])["item_id"].tolist() == ["chair", "summit"]
    ids = ["x", "y", "z"]
    assert [step_item(ids, None, 1), step_item(ids, None, -1)] == ["x", "z"]
    assert [step_item(ids, "x", 1), step_item(ids, "x", -1), step_item(ids, "z", 1)] == ["y", "x", "z"]
    assert step_item([], None, 1) is None


# --- Models on the shipped data -----------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def test_new_pages_are_registered_with_a_chart(tables):
    assert {"country", "chronology"} <= set(PAGE_KINDS)
    country, _ = build_from_params("country", {"country": ["KGZ"]}, tables, "en", FIXED_TODAY)
    assert country.title == "Kyrgyzstan: country profile" and country.chart("country_exercises")
    chronology, _ = build_from_params("chronology", {}, tables, "ru", FIXED_TODAY)
    assert chronology.chart("chronology_chart") and chronology.title == "Хронология"


def test_country_model_reads_the_record(tables):
    model, invalid = build_from_params("country", {"country": ["Кыргызстан"]}, tables, "ru", FIXED_TODAY)
    assert invalid == [] and model.detail.code == "KGZ"
    periods = model.table("periods").rows
    assert "Член Организации" in set(periods["status"])
    exercises = tables["exercises"]
    held = exercises[exercises["status"] == "held"]
    took_part = held[held["host_states"].map(lambda c: "KGZ" in c) | held["participants"].map(lambda c: "KGZ" in c)]
    hosted = held[held["host_states"].map(lambda c: "KGZ" in c)]
    assert [m.value for m in model.metrics[:2]] == [str(len(took_part)), str(len(hosted))]
    posts = model.table("posts").download
    assert set(posts["category"].astype(str)) <= {"appointment", "chairmanship"} and len(posts) >= 1
    assert all(url.startswith("http") for url in model.sources)


def test_exercises_single_year_and_personnel_metric(tables):
    model, invalid = build_from_params(
        "exercises", {"year": ["2017"], "metric": ["personnel"]}, tables, "en", FIXED_TODAY
    )
    in_2017 = tables["exercises"][tables["exercises"]["start_date"].dt.year == 2017]
    assert invalid == [] and model.detail.year == 2017
    assert model.metrics[0].value == str(len(in_2017))
    assert model.chart("per_year").title == "Reported personnel per year"
    # The matrix and the network follow the year range, not the single year.
    assert {"participation_matrix", "co_participation"} <= {c.key for c in model.charts}
    assert not model.chart("participation_matrix").on_slide and not model.chart("co_participation").on_slide
    _, invalid = build_from_params("exercises", {"year": ["1900"], "metric": ["nonsense"]}, tables, "en", FIXED_TODAY)
    assert sorted(invalid) == ["metric", "year"]


def deployment_titles() -> set[str]:
    raw = pd.read_csv(DATA / "events.csv", dtype=str, keep_default_na=False)
    row = raw[raw["event_id"] == "deployment-kazakhstan-2022"].iloc[0]
    return {row["title"], row.get("title_ru", "") or row["title"]}


# --- Journeys: what a person reads ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def param(at, key: str) -> list[str]:
    """A URL value as a list (AppTest keeps one value as a plain string)."""
    value = at.query_params.get(key, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def texts(at) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize(
    ("lang", "name", "member", "hosted_name"),
    [
        ("en", "Kyrgyzstan", "Member of the Organization", "Rubezh-2004"),
        ("ru", "Кыргызстан", "Член Организации", "Рубеж-2004"),
    ],
)
def test_country_profile_shows_the_state_its_membership_and_what_it_hosted(lang, name, member, hosted_name):
    at = app_test("pages/country.py", {"country": "KGZ", "lang": lang})
    assert not at.exception
    assert name in at.title[0].value
    periods, posts, exercises = frames(at)[0], frames(at)[1], frames(at)[2]
    assert member in set(periods["status"])
    assert len(posts) == 6
    hosted = exercises[exercises["role"] == ("hosted" if lang == "en" else "принимало")]
    assert hosted_name in set(hosted["name"])


def test_country_profile_without_a_country_offers_the_picker():
    at = app_test("pages/country.py")
    assert not at.exception
    assert "Pick a state to read its complete record." in texts(at)
    at.selectbox(key="w_country").set_value("KGZ").run()
    assert "Kyrgyzstan" in at.title[0].value and param(at, "country") == ["KGZ"]


def test_sidebar_country_picker_offers_the_profile():
    """Picking a state keeps it in focus on the page in view and offers its profile one click away."""
    at = app_test("pages/membership.py")
    at.sidebar.selectbox(key="country_picker").set_value("TJK").run()
    assert not at.exception
    links = [e.proto for e in at.sidebar.get("page_link")]
    assert [(link.label, link.page.endswith("country")) for link in links] == [("Open the country profile", True)]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_chronology_search_finds_the_kazakhstan_deployment_and_story_steps(lang):
    at = app_test("pages/chronology.py", {"lang": lang})
    # AppTest formats the other widgets' options again in this thread: in the page's language.
    set_language(lang)
    at.text_input(key="w_ch_text").set_value("Kazakhstan").run()
    assert not at.exception
    assert param(at, "ch_text") == ["Kazakhstan"]
    titles = set(frames(at)[0]["title"])
    assert titles & deployment_titles()
    at.button(key="story_next").click().run()
    first = param(at, "item")[0]
    assert ("Item 1 of" if lang == "en" else "Запись 1 из") in texts(at)
    at.button(key="story_next").click().run()
    assert param(at, "item")[0] != first
    assert ("Item 2 of" if lang == "en" else "Запись 2 из") in texts(at)
    at.button(key="story_previous").click().run()
    assert param(at, "item") == [first]


def test_chronology_card_of_a_linked_item_and_the_exercise_toggle():
    at = app_test("pages/chronology.py", {"item": "deployment-kazakhstan-2022"})
    assert not at.exception
    shown = texts(at)
    assert "6 January 2022 – 19 January 2022" in shown and "Kazakhstan" in shown
    events = len(frames(at)[0])
    at.toggle(key="w_ch_ex_toggle").set_value(True).run()
    assert param(at, "ch_ex") == ["1"]
    assert len(frames(at)[0]) == events + len(read_all(today=FIXED_TODAY)["exercises"])


@pytest.mark.parametrize(("lang", "heading"), [("en", "Who trains with whom"), ("ru", "Кто с кем учится")])
def test_exercise_map_single_year_metric_switch_and_who_trains_with_whom(lang, heading):
    at = app_test("pages/exercises.py", {"year": "2017", "lang": lang})
    set_language(lang)  # AppTest formats the other widgets' options again in this thread
    assert not at.exception
    shown = texts(at)
    assert "# 2017" in shown and heading in shown
    at.segmented_control(key="w_metric").set_value("personnel").run()
    assert param(at, "metric") == ["personnel"]
    assert ("counted once" if lang == "en" else "учтена один раз") in texts(at)


def test_exercise_map_play_starts_at_the_first_year():
    at = app_test("pages/exercises.py")
    at.toggle(key="w_ex_play").set_value(True).run()
    assert not at.exception
    first = int(read_all(today=FIXED_TODAY)["exercises"]["start_date"].dt.year.min())
    assert param(at, "year") == [str(first)]
    assert f"# {first}" in texts(at)
