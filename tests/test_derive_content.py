"""The Overview's headline, the Sources page's tables and the events helpers, by their values: hand
counts on small frames, and the shipped data where a briefer would quote the figure.

Written against mutmut's survivors (docs/mutation.md): these functions had no unit test, only pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest

from components.data.loaders import Problem, read_all
from components.data.schema import EVENTS
from components.data.schema_ru import SCHEMA_RU, column_meaning, row_meaning
from components.derive.chronology import ITEM_COLUMNS, chronology_items, filter_items, step_item
from components.derive.events import spread_sample, with_first_source
from components.derive.overview import INTRO_EVENT_IDS, headline, intro_sources, state_names
from components.derive.sources import cited_sources, column_dictionary, problem_rows, weak_only_rows
from components.i18n.text import set_language
from tests.conftest import DATA, FIXED_TODAY


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_all(DATA, today=FIXED_TODAY)


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    yield
    set_language("en")


def events_frame(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """(event_id, date, status, title) rows; the Russian title is the English one in capitals."""
    return pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "date": pd.to_datetime([r[1] for r in rows]),
            "status": [r[2] for r in rows],
            "title": [r[3] for r in rows],
            "title_ru": [r[3].upper() for r in rows],
            "source_url": [f"https://{r[0]}.example/a ; https://shared.example/x" for r in rows],
        }
    )


# --- the Overview's headline ----------------------------------------------------------------------


def test_headline_on_the_shipped_data(tables):
    figures = headline(tables, FIXED_TODAY)
    assert figures.members_today == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert figures.frozen_today == ["ARM"], "Armenia froze its participation in 2024"
    assert figures.ever_party == 9, "the six, with Azerbaijan, Georgia and Uzbekistan"
    assert figures.exercises == len(pd.read_csv(DATA / "exercises.csv"))
    years = [
        pd.to_datetime(pd.read_csv(DATA / f"{name}.csv")[column]).dt.year
        for name, column in (("membership", "date"), ("events", "date"), ("exercises", "start_date"))
    ]
    assert figures.first_year == min(int(y.min()) for y in years) == 1992
    assert figures.last_year == max(int(y.max()) for y in years)


def test_the_latest_event_is_the_last_held_one_up_to_today(tables):
    today = date(2026, 5, 1)
    events = events_frame(
        ("early", "2020-01-01", "held", "Early"),
        ("on-the-day", "2026-05-01", "held", "On the day"),
        ("not-yet", "2026-05-02", "held", "Tomorrow"),
        ("only-announced", "2026-04-30", "announced", "Announced"),
    ).sample(frac=1, random_state=3)
    figures = headline({**tables, "events": events}, today)
    assert figures.latest_event_title == "On the day"
    assert figures.latest_event_date == pd.Timestamp("2026-05-01")
    without_status = events.drop(columns="status")
    assert headline({**tables, "events": without_status}, today).latest_event_title == "On the day"


def test_the_latest_event_in_russian_falls_back_to_english(tables, russian):
    events = events_frame(("a", "2020-01-01", "held", "Treaty"), ("b", "2021-01-01", "held", "Summit"))
    assert headline({**tables, "events": events}, FIXED_TODAY).latest_event_title == "SUMMIT"
    events.loc[1, "title_ru"] = ""
    assert headline({**tables, "events": events}, FIXED_TODAY).latest_event_title == "Summit"


def test_no_event_yet_gives_no_latest_event(tables):
    events = events_frame(("later", "2030-01-01", "held", "Later"))
    figures = headline({**tables, "events": events}, FIXED_TODAY)
    assert figures.latest_event_title is None and figures.latest_event_date is None
    assert figures.last_year == 2030, "the years span every table's dates, planned ones too"


def test_no_dates_at_all_give_no_years(tables):
    empty = {name: tables[name].iloc[:0] for name in ("membership", "events", "exercises")}
    figures = headline({**tables, **empty}, FIXED_TODAY)
    assert (figures.first_year, figures.last_year, figures.ever_party, figures.exercises) == (None, None, 0, 0)
    assert figures.members_today == [] and figures.latest_event_title is None


def test_intro_sources_in_date_order_without_repeats():
    first, second = INTRO_EVENT_IDS[1], INTRO_EVENT_IDS[0]
    events = events_frame(("unrelated", "1990-01-01", "held", "x"), (first, "1994-04-20", "held", "x"))
    events = pd.concat([events, events_frame((second, "1992-05-15", "held", "x"))], ignore_index=True)
    membership = pd.DataFrame(
        {
            "change": ["acceded", "withdrew", "acceded"],
            "source_url": ["https://shared.example/x", "https://left.example/", "https://joined.example/"],
        }
    )
    assert intro_sources(events, membership) == [
        f"https://{second}.example/a",
        "https://shared.example/x",
        f"https://{first}.example/a",
        "https://joined.example/",
    ]


def test_state_names_in_the_interface_language(tables, russian):
    assert state_names(tables["members"], ["KAZ", "XYZ"]) == ["Казахстан", "XYZ"]
    set_language("en")
    assert state_names(tables["members"], ["UZB", "ARM"]) == ["Uzbekistan", "Armenia"]


# --- the Sources page -----------------------------------------------------------------------------


def test_column_dictionary_rows_are_the_contract(russian):
    set_language("en")
    rows = column_dictionary(EVENTS).set_index("column")
    assert list(rows.index) == [col.name for col in EVENTS.columns]
    assert rows.loc["event_id"].to_dict() == {
        "kind": "id",
        "required": True,
        "allowed": "",
        "meaning": "Unique short identifier.",
    }
    assert rows.loc["status", "allowed"] == "held, announced, planned, cancelled"
    assert not rows.loc["end_date", "required"]
    set_language("ru")
    assert column_dictionary(EVENTS).set_index("column").loc["status", "meaning"] == SCHEMA_RU["events.status"]


def test_russian_meanings_fall_back_to_the_contract():
    assert row_meaning("events", "an event", "ru") == SCHEMA_RU["events.row"]
    assert row_meaning("events", "an event", "en") == "an event"
    assert row_meaning("no_such_table", "a thing", "ru") == "a thing"
    assert column_meaning("events", "date", "the day", "ru") == SCHEMA_RU["events.date"]
    assert column_meaning("events", "no_such_column", "the day", "ru") == "the day"
    assert column_meaning("events", "date", "the day", "en") == "the day"


def test_cited_sources_count_rows_most_first():
    table = pd.DataFrame({"source_url": ["https://a/ ; https://b/", "https://a/", "https://c/ ; https://a/"]})
    cited = cited_sources(table)
    assert cited.to_dict("list") == {"url": ["https://a/", "https://b/", "https://c/"], "rows": [3, 1, 1]}
    assert cited["rows"].dtype.kind == "i"
    empty = cited_sources(pd.DataFrame({"other": [1]}))
    assert list(empty.columns) == ["url", "rows"] and empty.empty


def test_problem_rows_keep_each_field():
    rows = problem_rows([Problem("events.csv", 4, "date", "a date", "31.02"), Problem("x.csv", None, None, "y")])
    assert rows.to_dict("records")[0] == {
        "file": "events.csv",
        "severity": "error",
        "line": 4,
        "column": "date",
        "expected": "a date",
        "found": "31.02",
    }
    assert rows.loc[1, "column"] == "" and pd.isna(rows.loc[1, "line"]) and str(rows["line"].dtype) == "Int64"
    assert list(problem_rows([]).columns) == ["file", "severity", "line", "column", "expected", "found"]


def test_weak_only_rows_are_rows_whose_every_source_is_weak():
    publishers = {"mirror.example": ("Mirror", "weak"), "agency.example": ("Agency", "official")}
    events = pd.DataFrame(
        {
            "event_id": ["weak-only", "mixed", "unknown", "sub", "none"],
            "source_url": [
                "https://mirror.example/1 ; https://www.mirror.example/2",
                "https://mirror.example/1 ; https://agency.example/2",
                "https://nowhere.example/",
                "https://en.mirror.example/3",
                "",
            ],
        }
    )
    found = weak_only_rows({"events": events, "no_sources": pd.DataFrame({"id": [1]})}, publishers)
    assert found.to_dict("records") == [
        {
            "file": "events.csv",
            "row": "weak-only",
            "sources": "https://mirror.example/1 ; https://www.mirror.example/2",
        },
        {"file": "events.csv", "row": "sub", "sources": "https://en.mirror.example/3"},
    ]
    assert list(weak_only_rows({}, publishers).columns) == ["file", "row", "sources"]


# --- events helpers -------------------------------------------------------------------------------


def test_spread_sample_keeps_first_last_and_evenly_spaced():
    events = pd.DataFrame({"date": pd.date_range("2000-01-01", periods=10, freq="YS"), "n": range(10)})
    shuffled = events.sample(frac=1, random_state=1)
    assert list(spread_sample(shuffled, 4)["n"]) == [0, 3, 6, 9]
    assert list(spread_sample(shuffled, 3)["n"]) == [0, 4, 9], "linspace 0, 4.5, 9 rounds half to even"
    assert list(spread_sample(shuffled, 5)["n"]) == [0, 2, 4, 7, 9], "0, 2.25, 4.5, 6.75, 9 rounded"
    assert spread_sample(shuffled, 10) is shuffled and spread_sample(shuffled, 11) is shuffled


def test_with_first_source_is_the_first_address():
    table = pd.DataFrame({"source_url": ["https://a/ ; https://b/", "", "https://c/"]})
    assert list(with_first_source(table)["source"]) == ["https://a/", "", "https://c/"]
    assert list(with_first_source(table)["source_url"]) == list(table["source_url"])


# --- the chronology's items -----------------------------------------------------------------------


def chronology_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two events and two exercises; one exercise shares an event's id (the event wins)."""
    events = pd.DataFrame(
        {
            "event_id": ["summit", "deployment"],
            "date": pd.to_datetime(["2022-01-06", "2002-05-14"]),
            "date_precision": ["day", None],
            "end_date": pd.to_datetime(["2022-01-19", None]),
            "title": ["Deployment to Kazakhstan", "Charter"],
            "title_ru": ["Ввод сил в Казахстан", ""],
            "category": ["deployment", "organization"],
            "states": [["KAZ", "RUS"], "ARM;BLR"],
            "note": ["Ёлка note", None],
            "note_ru": ["Заметка", None],
            "source_url": ["https://a/", "https://b/"],
            "status": ["held", None],
        }
    )
    exercises = pd.DataFrame(
        {
            "exercise_id": ["rubezh-2004", "summit"],
            "start_date": pd.to_datetime(["2004-08-01", "2022-01-06"]),
            "date_precision": ["month", "day"],
            "end_date": pd.to_datetime([None, None]),
            "name": ["Rubezh-2004", "Clash"],
            "name_ru": ["Рубеж-2004", ""],
            "status": ["planned", "held"],
            "host_states": [["KGZ"], ["KAZ"]],
            "participants": [["RUS", "KGZ", "TJK"], []],
            "aliases": [["Frontier"], []],
            "location": ["Issyk-Kul", None],
            "location_ru": ["Иссык-Куль", None],
            "note": ["A note", None],
            "note_ru": ["Заметка об учении", None],
            "source_url": ["https://c/", "https://d/"],
        }
    )
    return events, exercises


def test_chronology_items_every_column_of_every_item():
    events, exercises = chronology_inputs()
    items = chronology_items(events, exercises, "en")
    assert list(items.columns) == ITEM_COLUMNS
    rows = items.drop(columns="search").to_dict("records")
    assert [r["item_id"] for r in rows] == ["deployment", "rubezh-2004", "summit"], "oldest first; the event wins"
    charter, rubezh, summit = rows
    assert charter | {"end_date": None} == {
        "item_id": "deployment",
        "kind": "event",
        "date": pd.Timestamp("2002-05-14"),
        "precision": "day",
        "end_date": None,
        "title": "Charter",
        "category": "organization",
        "status": "held",
        "states": ["ARM", "BLR"],
        "note": "",
        "source_url": "https://b/",
    }
    assert pd.isna(charter["end_date"]) and summit["end_date"] == pd.Timestamp("2022-01-19")
    assert rubezh | {"end_date": None} == {
        "item_id": "rubezh-2004",
        "kind": "exercise",
        "date": pd.Timestamp("2004-08-01"),
        "precision": "month",
        "end_date": None,
        "title": "Rubezh-2004",
        "category": "exercise",
        "status": "planned",
        "states": ["KGZ", "RUS", "TJK"],
        "note": "A note",
        "source_url": "https://c/",
    }
    assert (summit["kind"], summit["title"], summit["states"], summit["status"]) == (
        "event",
        "Deployment to Kazakhstan",
        ["KAZ", "RUS"],
        "held",
    )
    search = dict(zip(items["item_id"], items["search"], strict=True))
    assert search["summit"] == " deployment to kazakhstan ввод сил в казахстан елка note заметка"
    assert search["rubezh-2004"] == " rubezh-2004 рубеж-2004 frontier issyk-kul иссык-куль a note rubezh-2004"


def test_chronology_items_in_russian_and_without_exercises():
    events, exercises = chronology_inputs()
    russian = chronology_items(events, exercises, "ru").set_index("item_id")
    assert russian.loc["summit", "title"] == "Ввод сил в Казахстан" and russian.loc["summit", "note"] == "Заметка"
    assert russian.loc["deployment", "title"] == "Charter", "no Russian title: the English one"
    assert russian.loc["rubezh-2004", "title"] == "Рубеж-2004"
    assert russian.loc["rubezh-2004", "note"] == "Заметка об учении"
    names = pd.Series(["Named", "Other"], index=exercises.index)
    assert chronology_items(events, exercises, "en", names).set_index("item_id").loc["rubezh-2004", "title"] == "Named"
    only_events = chronology_items(events, None, "en")
    assert list(only_events["item_id"]) == ["deployment", "summit"]
    assert chronology_items(events, exercises.iloc[:0], "en")["item_id"].tolist() == ["deployment", "summit"]
    bare = chronology_items(events.drop(columns=["status", "date_precision", "end_date"]), None, "en")
    assert set(bare["status"]) == {"held"} and set(bare["precision"]) == {"day"} and bare["end_date"].isna().all()


def test_an_exercise_item_keeps_its_end_date():
    events, exercises = chronology_inputs()
    exercises.loc[0, "end_date"] = pd.Timestamp("2004-08-10")
    items = chronology_items(events, exercises, "en").set_index("item_id")
    assert items.loc["rubezh-2004", "end_date"] == pd.Timestamp("2004-08-10")
    assert list(items.index) == ["deployment", "rubezh-2004", "summit"] and items.index.is_unique


def test_filter_items_needs_every_filter_and_reads_words_literally():
    events, exercises = chronology_inputs()
    items = chronology_items(events, exercises, "en")
    ids = lambda **filters: list(filter_items(items, **filters)["item_id"])  # noqa: E731
    assert ids(categories=["exercise", "deployment"]) == ["rubezh-2004", "summit"]
    assert ids(categories=["exercise", "deployment"], states=["KAZ"]) == ["summit"]
    assert ids(categories=["organization"], states=["KAZ"]) == []
    assert ids(states=["KGZ", "ARM"], text="charter") == ["deployment"]
    assert ids(text="ёлка ЗАМЕТКА") == ["summit"] and ids(text="ёлка charter") == []
    assert ids(text="note rubezh") == ["rubezh-2004"]
    with_bracket = items.assign(search=items["search"] + " (a.b)")
    assert len(filter_items(with_bracket, text="(a.b)")) == 3 and filter_items(with_bracket, text="(a*b)").empty


def test_story_steps_clamp_and_start_at_either_end():
    ids = ["a", "b", "c"]
    assert [step_item(ids, None, 0), step_item(ids, None, 1), step_item(ids, None, -1)] == ["a", "a", "c"]
    assert [step_item(ids, "b", 1), step_item(ids, "c", 1), step_item(ids, "a", -1)] == ["c", "c", "a"]
    assert step_item([], "a", 1) is None
