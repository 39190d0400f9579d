"""AppTest: every page runs without exception; data errors stay on the pages that need the file."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.data.schema import TABLES
from components.i18n.text import md
from tests.conftest import ALL_PAGES, ROOT, app_test
from tests.test_new_views import param

APP = ROOT / "app.py"

PAGES = ALL_PAGES


def run_page(page: str, timeout: float = 60) -> AppTest:
    return app_test(page, timeout=timeout)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_overview_shows_figures_from_the_data():
    at = run_page("pages/overview.py")
    labels = {m.label: m.value for m in at.metric}
    assert labels["States ever party"] == "9"
    assert labels["Member states today"] == "6"


def test_bad_membership_file_stops_only_the_pages_that_need_it(data_copy, monkeypatch):
    path = data_copy / "membership.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1992-05-15", "1992-99-99", 1), encoding="utf-8")
    monkeypatch.setenv("CSTO_DATA_DIR", str(data_copy))
    at = run_page("pages/overview.py")
    assert not at.exception
    assert any("cannot show its data" in e.value for e in at.error)
    assert any("membership.csv, line 2, column 'date'" in c.value for c in at.code)
    sources = run_page("pages/sources.py")
    assert not sources.exception
    offered = {button.key for button in sources.get("download_button")}
    assert offered == {f"download_{name}" for name in TABLES if name != "membership"}, "the other files still download"


def test_membership_as_of_changes_the_summary():
    at = run_page("pages/membership.py")
    today_members = {m.label: m.value for m in at.metric}["Members"]
    at.date_input(key="w_asof").set_value(date(1995, 1, 1)).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Treaty parties"] == "9" and metrics["Members"] == "0" != today_members
    assert any("The alliance on 1 January 1995" in h.value for h in at.subheader)


def test_membership_focus_shows_the_states_history():
    at = run_page("pages/membership.py")
    at.sidebar.selectbox(key="country_picker").set_value("UZB").run()
    assert not at.exception
    assert any("History of Uzbekistan" in h.value for h in at.subheader)
    history = at.dataframe[0].value
    assert "suspended" in set(history["change"].astype(str))


def test_membership_events_filter_and_download():
    at = run_page("pages/membership.py")
    total = len(at.dataframe[-1].value)
    at.multiselect(key="w_ev_cat").set_value(["deployment"]).run()
    shown = at.dataframe[-1].value
    assert 0 < len(shown) < total and set(shown["category"].astype(str)) == {"Deployment"}


def test_structure_choosing_a_body_shows_its_panel():
    at = run_page("pages/structure.py")
    assert any("Select a body" in c.value for c in at.caption)
    at.selectbox(key="w_body").set_value("crrf").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Collective Rapid Reaction Forces" in text and "Established: 4 February 2009" in text
    assert md("Troops (Collective Forces) of the CSTO — part of") in text


def test_structure_as_of_year_greys_later_bodies():
    at = run_page("pages/structure.py")
    at.slider(key="w_year").set_value(2005).run()
    assert not at.exception
    assert any("founded after 2005 and are not drawn" in c.value for c in at.caption)


def test_exercises_filter_changes_table_and_counts():
    at = run_page("pages/exercises.py")
    total = {m.label: m.value for m in at.metric}["Exercises listed"]
    at.multiselect(key="w_ex_hosts").set_value(["KGZ"]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Exercises listed"]) < int(total)
    assert all("Kyrgyzstan" in hosts for hosts in at.dataframe[0].value["host_states"])
    assert at.query_params["ex_hosts"] in ("KGZ", ["KGZ"]), "the link carries the code"


def test_exercises_empty_result_explains_and_resets():
    at = run_page("pages/exercises.py")
    at.text_input(key="w_ex_text").set_value("no such exercise anywhere").run()
    assert any("No exercise matches" in w.value for w in at.warning)
    at.button(key="ex_reset_empty").click().run()
    assert not at.warning and int({m.label: m.value for m in at.metric}["Exercises listed"]) > 50
    assert at.text_input(key="w_ex_text").value == "" and "ex_text" not in at.query_params


def test_exercises_card_for_a_picked_exercise():
    at = run_page("pages/exercises.py")
    at.selectbox(key="w_exercise").set_value("ub-2023").run()
    text = " ".join(m.value for m in at.markdown)
    assert md("Indestructible Brotherhood-2023") in text and "Edelweiss" in text


def browser_still_holds(widget, value) -> None:
    """A disabled widget still reports the value the browser holds; AppTest refuses ``set_value``
    on it (a person cannot type there), so put the browser's value in place directly."""
    widget._value = value


def test_pause_keeps_the_date_play_reached_when_the_browser_still_holds_an_older_one():
    """Under load the browser's date box can lag a step behind Play; Pause used to send that old
    date back as the user's change and rewound the timeline (CI: 2001 back to 1997)."""
    at = app_test("pages/membership.py", {"asof": "1997-12-31"})
    at.toggle(key="w_play").set_value(True).run()
    at.query_params["asof"] = "2001-12-31"  # where Play's steps have got to
    at.run()
    assert at.date_input(key="w_asof").disabled, "while playing the date follows Play"
    browser_still_holds(at.date_input(key="w_asof"), date(1997, 12, 31))
    browser_still_holds(at.slider(key="w_asof_year"), 1997)
    at.toggle(key="w_play").set_value(False).run()
    assert not at.exception
    assert param(at, "asof") == ["2001-12-31"]
    assert not at.date_input(key="w_asof").disabled, "paused: the date is the user's again"


def test_pause_keeps_the_year_exercise_play_reached():
    at = app_test("pages/exercises.py")
    at.toggle(key="w_ex_play").set_value(True).run()
    at.query_params["year"] = "2012"
    at.run()
    assert at.select_slider(key="w_year").disabled
    browser_still_holds(at.select_slider(key="w_year"), 2003)
    at.toggle(key="w_ex_play").set_value(False).run()
    assert not at.exception
    assert param(at, "year") == ["2012"]
