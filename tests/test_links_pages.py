"""URL round trips on every page (AppTest with query parameters), and hostile or stale links."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.derive.org import org_graph
from components.i18n.names import body_search_label, state_search_label
from tests.apptest_helpers import ALL_PAGES, link_keys
from tests.conftest import ROOT, app_test

APP = ROOT / "app.py"


def open_page(page: str, params: dict[str, str | list[str]]) -> AppTest:
    return app_test(page, params)


def test_membership_link_restores_date_milestones_and_focus():
    tables = read_all()
    focus = state_search_label("UZB", tables["members"], "en")
    assert focus == "Uzbekistan (Узбекистан, UZB)"
    at = open_page("pages/membership.py", {"asof": "1995-01-01", "ms": ["Treaty", "Forces"], "country": focus})
    assert not at.exception
    assert at.date_input(key="w_asof").value == date(1995, 1, 1)
    assert at.slider(key="w_asof_year").value == 1995
    assert at.multiselect(key="w_ms").value == ["treaty", "forces"]
    assert at.sidebar.selectbox(key="country_picker").value == "UZB"
    assert at.query_params["country"] in ("UZB", ["UZB"]), "an old label link is rewritten to the code"


def test_structure_link_restores_kinds_layout_year_and_body():
    at = open_page(
        "pages/structure.py",
        {
            "kinds": ["Statutory body", "Collective forces"],
            "layout": "Force-directed",
            "year": "2005",
            "body": body_search_label(
                org_graph(read_all()["bodies"], read_all()["body_links"]).graph.nodes["crrf"], "en"
            ),
        },
    )
    assert not at.exception
    assert at.multiselect(key="w_kinds").value == ["statutory", "forces"]
    assert at.segmented_control(key="w_layout").value == "spring"
    assert at.slider(key="w_year").value == 2005
    assert at.selectbox(key="w_body").value == "crrf"


def test_exercises_link_restores_filters_and_selection():
    at = open_page(
        "pages/exercises.py",
        {"ex_years": ["2020", "2024"], "ex_hosts": ["Kyrgyzstan"], "ex_text": "brotherhood", "ex_status": ["held"]},
    )
    assert not at.exception
    assert at.slider(key="w_ex_years").value == (2020, 2024)
    assert at.multiselect(key="w_ex_hosts").value == ["KGZ"]
    assert at.text_input(key="w_ex_text").value == "brotherhood"
    shown = at.dataframe[0].value
    assert len(shown) > 0 and all("Kyrgyzstan" in hosts for hosts in shown["host_states"])


def test_briefing_link_restores_slide():
    at = open_page("pages/briefing.py", {"slide": "3"})
    assert not at.exception
    assert any("Slide 3 of 4" in m.value for m in at.markdown)
    assert any("How the organization is organized" in h.value for h in at.header)


BASE_HOSTILE = [
    "",
    "-1",
    "99999999999",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE members; --",
    "../../../../etc/passwd",
    "%00%0d%0a",
    "2099-13-45",
    "0000-00-00",
    "1991-12-31",
    "Ниже ОДКБ",
    "javascript:alert(1)",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "null",
    "true",
    "[1,2,3]",
    "1992-05-15T00:00:00Z",
    "Kyrgyzstan\u0000",
    "\u202eevil",
    "0x7fffffff",
    "Treaty,Forces",
    "&asof=1995-01-01",
]
# 100 values: each base value raw, huge, URL-encoded and padded with whitespace.
HOSTILE_VALUES = [
    variant for value in BASE_HOSTILE for variant in (value, (value or "x") * 400, quote(value), f"  {value}\t")
]
# Every page app.py declares, with every link key it keeps (the app's, its declared state's, its
# own): read from the app, so a new page or field gets the hostile values too (tests/apptest_helpers.py).
KEYS_BY_PAGE = {page: link_keys(page) for page in ALL_PAGES}
GROUP = 10


def test_there_are_100_hostile_values():
    assert len(HOSTILE_VALUES) >= 100


@pytest.mark.parametrize("page", KEYS_BY_PAGE)
def test_hostile_link_values_never_raise(page):
    """All 100 hostile values, ten per link: the page's own keys get them in turn, the rest come
    as unknown keys; then repeated keys. Never an exception; defaults take over."""
    keys = KEYS_BY_PAGE[page]
    for run, start in enumerate(range(0, len(HOSTILE_VALUES), GROUP)):
        group = HOSTILE_VALUES[start : start + GROUP]
        params = {key: group[(run + i) % len(group)] for i, key in enumerate(keys)}
        params |= {f"unknown{i}": value for i, value in enumerate(group)}
        at = open_page(page, params)
        assert not at.exception, (page, group, [e.value for e in at.exception])
    at = open_page(page, {key: HOSTILE_VALUES[:5] for key in keys})
    assert not at.exception


def test_unknown_and_invalid_link_values_get_a_notice():
    at = open_page("pages/membership.py", {"asof": "garbage", "zzz": "1"})
    assert not at.exception
    notices = " ".join(toast.value for toast in at.toast)
    assert "zzz" in notices and "asof" in notices
    assert at.date_input(key="w_asof").value == date.today()


@pytest.mark.parametrize("params", [{"lang": "xx"}, {"country": "ZZZ"}, {"present": "maybe"}])
def test_unusable_app_values_get_a_notice(params):
    at = open_page("pages/overview.py", params)
    assert not at.exception
    assert next(iter(params)) in " ".join(toast.value for toast in at.toast)
    assert next(iter(params)) not in at.query_params


def test_presentation_mode_hides_navigation_and_offers_exit():
    at = open_page("pages/membership.py", {"present": "1"})
    assert not at.exception
    assert at.button(key="present_exit")
    assert not at.sidebar.toggle, "nothing is written to the sidebar in presentation mode"


def test_briefing_next_previous_and_add_view():
    at = open_page("pages/briefing.py", {})
    assert any("Slide 1 of 4" in m.value for m in at.markdown)
    at.button(key="next").click().run()
    assert any("Slide 2 of 4" in m.value for m in at.markdown) and at.query_params["slide"] in ("2", ["2"])
    at.button(key="prev").click().run()
    assert any("Slide 1 of 4" in m.value for m in at.markdown)
    at.button(key="down_0").click().run()
    assert at.session_state["deck"][0]["title_key"] == "deck.history.title"
    assert at.query_params["deck"], "the deck is in the link, so a reload keeps it"
    at.switch_page("pages/exercises.py").run()
    at.multiselect(key="w_ex_hosts").set_value(["KGZ"]).run()
    at.button(key="add_view_exercises").click().run()
    deck = at.session_state["deck"]
    assert len(deck) == 5 and deck[-1]["page"] == "exercises" and deck[-1]["params"]["ex_hosts"] == ["KGZ"]
