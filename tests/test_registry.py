"""The tests' page and key lists are the app's own: app.py's pages, PAGE_KINDS, each declared state.
Every field of a declared state has its widget (``w_<field>``) on its page, every ``w_`` widget is a
field, and every link key a page keeps is one the tests send hostile values to."""

from __future__ import annotations

import pytest

from components.model.pages import PAGE_KINDS
from components.ui.state import WIDGET_PREFIX, widget_key
from tests.apptest_helpers import ALL_PAGES, PAGE_FILE, PAGE_ONLY_LINK_KEYS, link_keys, page_file, widgets
from tests.conftest import app_test

# Fields a person does not set with a widget of their own on the page, and what sets them instead.
NO_OWN_WIDGET = {
    "membership": {"country": "the sidebar's country picker"},
    "structure": {"country": "the sidebar's country picker"},
    "exercises": {"country": "the sidebar's country picker"},
    "chronology": {
        "country": "the sidebar's country picker",
        "ch_ex": "the toggle w_ch_ex_toggle (the field is 0/1)",
        "item": "the story card's Previous/Next buttons and clicks on the chart",
    },
}
# Widgets keyed ``w_...`` that are not a field: they drive one (Play, a year slider beside a date).
HELPER_WIDGETS = {
    "membership": {"w_asof_year", "w_play"},
    "exercises": {"w_ex_play"},
    "chronology": {"w_ch_ex_toggle"},
}


def test_every_page_with_a_declared_state_is_a_page_of_the_app():
    assert set(PAGE_KINDS) <= set(PAGE_FILE), "PAGE_KINDS names a page app.py does not declare"
    assert len(ALL_PAGES) == len(set(ALL_PAGES)) >= len(PAGE_KINDS) + 1


def test_the_allow_lists_name_real_fields_and_pages():
    """A renamed field or page makes these lists stale: that fails here, not silently elsewhere."""
    for kind, fields in NO_OWN_WIDGET.items():
        assert set(fields) <= set(PAGE_KINDS[kind].spec.keys), kind
    for kind in (*HELPER_WIDGETS, *PAGE_ONLY_LINK_KEYS):
        assert kind in PAGE_FILE, kind


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_field_has_its_widget_and_every_widget_is_a_field(kind):
    at = app_test(page_file(kind), {"country": "KGZ"})
    assert not at.exception, [e.value for e in at.exception]
    drawn = set(widgets(at))
    fields = PAGE_KINDS[kind].spec.keys
    expected = {widget_key(name) for name in fields if name not in NO_OWN_WIDGET.get(kind, {})}
    assert sorted(expected - drawn) == [], "fields without their widget on the page"
    prefixed = {key for key in drawn if key.startswith(WIDGET_PREFIX)}
    stray = prefixed - {widget_key(name) for name in fields} - HELPER_WIDGETS.get(kind, set())
    assert sorted(stray) == [], "w_ widgets that are no field of the declared state (a renamed field?)"
    assert HELPER_WIDGETS.get(kind, set()) <= drawn, "a helper widget listed here is gone"
    if "country" in fields:
        assert "country_picker" in drawn


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_link_key_a_page_keeps_is_known_and_a_stale_one_is_reported(page):
    """Each key of ``link_keys`` with a junk value is kept or reset as invalid, never dropped as
    unknown; a made-up key is dropped and named in the notice."""
    keys = link_keys(page)
    at = app_test(page, {**{key: "zz-junk" for key in keys}, "zz_stale": "1"})
    assert not at.exception, [e.value for e in at.exception]
    unknown = [toast.value.replace("\\", "") for toast in at.toast if "does not know" in toast.value]
    assert len(unknown) == 1 and "zz_stale" in unknown[0]
    named = {key.strip(" .") for key in unknown[0].split(":", 1)[1].split(",")}
    assert named == {"zz_stale"}, f"keys the tests think {page} keeps, that it drops as unknown: {named}"
