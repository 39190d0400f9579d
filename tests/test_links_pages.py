"""URL round trips on every page (AppTest with query parameters), and hostile or stale links."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.derive.org import org_graph
from components.i18n.names import body_search_label, state_search_label
from tests.conftest import ROOT

APP = ROOT / "app.py"


def open_page(page: str, params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    return at.run()


def test_membership_link_restores_date_milestones_and_focus():
    tables = read_all()
    focus = state_search_label("UZB", tables["members"], "en")
    assert focus == "Uzbekistan (Узбекистан, UZB)"
    at = open_page("pages/membership.py", {"asof": "1995-01-01", "ms": ["Treaty", "Forces"], "focus": focus})
    assert not at.exception
    assert at.slider(key="asof").value == date(1995, 1, 1)
    assert at.multiselect(key="ms").value == ["treaty", "forces"]
    assert at.selectbox(key="focus").value == "UZB"


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
    assert at.multiselect(key="kinds").value == ["statutory", "forces"]
    assert at.segmented_control(key="layout").value == "spring"
    assert at.slider(key="year").value == 2005
    assert at.selectbox(key="body").value == "crrf"


def test_exercises_link_restores_filters_and_selection():
    at = open_page(
        "pages/exercises.py",
        {"ex_years": ["2020", "2024"], "ex_hosts": ["Kyrgyzstan"], "ex_text": "brotherhood", "ex_status": ["held"]},
    )
    assert not at.exception
    assert at.slider(key="ex_years").value == (2020, 2024)
    assert at.multiselect(key="ex_hosts").value == ["KGZ"]
    assert at.text_input(key="ex_text").value == "brotherhood"
    shown = at.dataframe[0].value
    assert len(shown) > 0 and all("KGZ" in hosts for hosts in shown["host_states"])


def test_briefing_link_restores_slide():
    at = open_page("pages/briefing.py", {"slide": "3"})
    assert not at.exception
    assert at.slider(key="slide").value == 3
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
KEYS_BY_PAGE = {
    "pages/overview.py": ["present", "lang", "zzz"],
    "pages/membership.py": ["asof", "ms", "focus", "ev_cat", "ev_state", "ev_years", "play"],
    "pages/structure.py": ["kinds", "layout", "year", "body"],
    "pages/exercises.py": [
        "ex_years",
        "ex_series",
        "ex_hosts",
        "ex_participants",
        "ex_status",
        "ex_force",
        "ex_text",
        "exercise",
    ],
    "pages/briefing.py": ["slide"],
    "pages/sources.py": ["download", "file"],
}
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
    assert at.slider(key="asof").value == date.today()


def test_presentation_mode_hides_navigation_and_offers_exit():
    at = open_page("pages/membership.py", {"present": "1"})
    assert not at.exception
    assert at.button(key="present_exit")
    assert not at.sidebar.toggle, "nothing is written to the sidebar in presentation mode"


def test_briefing_next_previous_and_add_view():
    at = open_page("pages/briefing.py", {})
    assert at.slider(key="slide").value == 1
    at.button(key="next").click().run()
    assert at.slider(key="slide").value == 2
    at.button(key="prev").click().run()
    assert at.slider(key="slide").value == 1
    at.button(key="down_0").click().run()
    assert at.session_state["deck"][0]["title_key"] == "deck.history.title"
    at.switch_page("pages/exercises.py").run()
    at.multiselect(key="ex_hosts").set_value(["KGZ"]).run()
    at.button(key="add_view_exercises").click().run()
    deck = at.session_state["deck"]
    assert len(deck) == 5 and deck[-1]["page"] == "exercises" and deck[-1]["state"]["ex_hosts"] == ["KGZ"]
