"""The URL is the page's state: decode it once per run, keep widgets in step, write changes back.

Widgets are keyed ``w_<field>`` and never bound to the URL by Streamlit itself (its binding stores
display labels and brings old values back after a reset). Instead:

1. ``page_state(spec, domain)`` decodes the query string with the page's declared codecs (unusable
   values take their default and are reported once), then sets every widget's value from the state
   *before* the widgets are drawn;
2. a widget's ``on_change`` (``changed(name)``) writes the page's whole state back to the URL,
   omitting defaults, so the link in the address bar always reopens exactly this view;
3. ``reset(spec)`` removes the page's keys from the URL: the next run decodes the defaults.

Because callbacks run before the script, nothing sets a widget's value after it was drawn (the
cause of Play's ``StreamlitWidgetAlreadyInstantiatedError``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components.i18n.text import tmd
from components.model.state import Domain, PageSpec
from components.ui.frame import remember_page, store_page

WIDGET_PREFIX = "w_"
ACTIVE = "_active_page_state"


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _to_widget(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) and not _is_range(value) else value


def _is_range(value: tuple) -> bool:
    return len(value) == 2 and all(isinstance(v, int) for v in value)


def _from_widget(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, tuple) and _is_range(value):
        return (int(value[0]), int(value[1]))
    return value


def page_state(spec: PageSpec, domain: Domain) -> dict[str, Any]:
    """This page's state from the URL, widgets set to it, unusable link values reported."""
    params = query_dict()
    restore = remember_page(spec.page, {k: v for k, v in params.items() if k in spec.keys and k != "country"})
    if restore:
        for key, values in restore.items():
            st.query_params[key] = values
        params = query_dict()
    state, invalid = spec.decode(params, domain)
    for name in invalid:
        st.query_params.pop(name, None)
    if invalid and not st.session_state.get("presentation_mode"):
        st.toast(tmd("links.invalid", keys=", ".join(invalid)), icon=":material/link_off:")
    for name, value in state.items():
        st.session_state[widget_key(name)] = _to_widget(value)
    st.session_state[ACTIVE] = (spec, domain)
    store_page(spec.page, {k: v for k, v in spec.encode(state, domain).items() if k != "country"})
    return state


def write_state(spec: PageSpec, domain: Domain, state: dict[str, Any]) -> None:
    """Replace the page's keys in the URL with ``state`` (defaults omitted); other keys stay."""
    params = spec.encode(state, domain)
    for key in spec.keys:
        if key not in params:
            st.query_params.pop(key, None)
    for key, values in params.items():
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values


def current_state() -> dict[str, Any]:
    spec, domain = st.session_state[ACTIVE]
    state, _ = spec.decode(query_dict(), domain)
    return state


def update(**changes: Any) -> None:
    """Change some fields of the active page's state (for callbacks: clicks, Play, Reset)."""
    spec, domain = st.session_state[ACTIVE]
    state, _ = spec.decode(query_dict(), domain)
    state.update(changes)
    write_state(spec, domain, state)


def changed(name: str) -> Callable[[], None]:
    """An ``on_change`` callback: the widget's new value goes into the URL state."""

    def callback() -> None:
        update(**{name: _from_widget(st.session_state.get(widget_key(name)))})

    return callback


def reset(keep: tuple[str, ...] = ("country",)) -> None:
    """Every field of the active page back to its default (the country in focus stays: it is
    the whole app's, cleared from the sidebar)."""
    spec, domain = st.session_state[ACTIVE]
    state, _ = spec.decode(query_dict(), domain)
    defaults = spec.defaults(domain)
    write_state(spec, domain, {**defaults, **{k: state[k] for k in keep if k in state}})


def clicked(chart_key: str, apply: Callable[[Any], None]) -> Callable[[], None]:
    """An ``on_select`` callback for a chart whose points carry an id as their first custom
    value: the first clicked point's id goes to ``apply`` (e.g. ``lambda i: update(item=i)``)."""

    def callback() -> None:
        points = st.session_state[chart_key].selection.get("points", [])
        values = [p["customdata"][0] for p in points if p.get("customdata")]
        if values:
            apply(values[0])

    return callback
