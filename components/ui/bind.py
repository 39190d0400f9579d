"""One helper binds a widget to a field of the page's declared state.

Pages used to repeat, for each of ~20 widgets: the field's catalogue label, its options or bounds
from the domain, ``placeholder=t("widget.any")``, a ``format_func`` over display names, the key
``w_<field>`` and ``on_change=changed(<field>)``. ``bind`` takes all of that from the field (its
``label``), the domain the page opened with (options, bounds) and the display names the model
gives, so a page names only the widget kind and the field:

    bind("multiselect", "ex_series", names=model.names["ex_series"])

The widget's value is the state's (``page_state`` set it before drawing) and a change goes into
the URL through ``changed``; nothing here sets a value after the widget is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from components.i18n.text import t
from components.model.state import Field, Text, YearRange
from components.ui.page import named
from components.ui.play import follows_play
from components.ui.state import ACTIVE, changed, widget_key

Names = Mapping[Any, str] | Callable[[Any], str] | None

# Widgets drawn from a list of options, and those drawn between two bounds.
CHOICES = ("multiselect", "selectbox", "segmented_control", "select_slider")
RANGES = ("slider",)


def _field(name: str) -> Field:
    """The active page's declared field ``name``."""
    spec, _ = st.session_state[ACTIVE]
    return next(f for f in spec.fields if f.name == name)


def _format(names: Names, none: str | None) -> Callable[[Any], str] | None:
    """A ``format_func``: the display name of a code (the code itself when it has none), and
    ``none`` for the empty choice."""
    if names is None and none is None:
        return None
    if callable(names):
        display = names
    elif names is None:
        display = str
    else:
        mapping = names
        display = lambda code: mapping.get(code, code)  # noqa: E731 - a one-line lookup
    return (lambda code: none if code is None else display(code)) if none is not None else display


def bind(
    kind: str,
    name: str,
    place: Any = None,
    *,
    names: Names = None,
    none: str | None = None,
    play: str | None = None,
    **extra: Any,
) -> Any:
    """Draw field ``name``'s widget of ``kind`` (``st.<kind>``) in ``place`` (default: ``st``).

    ``names``: display names (a mapping or a function of the code); ``none``: the label of the
    empty choice of a single-choice field (a selectbox then offers None first); ``play``: the
    Play flag that makes the widget follow Play (inert while playing). ``extra`` overrides any
    argument (``options=`` in another order, ``help=``...)."""
    _, domain = st.session_state[ACTIVE]
    field = _field(name)
    args: dict[str, Any] = {"label": t(field.label), "key": widget_key(name)}
    args.update({part: t(getattr(field, part)) for part in ("help", "placeholder") if getattr(field, part)})
    args.update(follows_play(play, changed(name)) if play else {"on_change": changed(name)})
    if kind in CHOICES:
        options = list(extra.pop("options", domain.options.get(name, ())))
        args["options"] = [None, *options] if none is not None and kind == "selectbox" else options
    if kind in RANGES and "min_value" not in extra:
        args["min_value"], args["max_value"] = domain.bounds[name]
    if kind == "multiselect":
        args["placeholder"] = t("widget.any")
    if kind == "selectbox" and none is not None:
        # Streamlit shows a None value as its placeholder ("Choose an option"), not as the option.
        args["placeholder"] = none
    if kind == "segmented_control":
        args["required"] = True
    format_func = _format(names, none)
    if format_func is not None:
        args["format_func"] = format_func
    args.update(extra)
    return getattr(place if place is not None else st, kind)(**args)


def chosen(state: Mapping[str, Any], name: str, names: Names = None) -> str | None:
    """What a multi-choice field holds, for the filter summary ('Hosts (2): Armenia, Kazakhstan'),
    in the display names the widget shows; None when it holds nothing."""
    if not state[name]:
        return None
    display = _format(names, None) or str
    return named(t(_field(name).label), [display(code) for code in state[name]])


def searched(state: Mapping[str, Any], name: str) -> str | None:
    """What a search field holds, for the filter summary ('Search: «Rubezh»'); None when empty."""
    if not state[name]:
        return None
    return f"{t(_field(name).label)}: «{state[name]}»"


def summary(state: Mapping[str, Any], names: Mapping[str, Names], *fields: str) -> list[str | None]:
    """The filter summary's parts for ``fields``, in their order: a span of years as '2019–2024',
    a choice as :func:`chosen` (in the display names ``names`` gives for it), a search as
    :func:`searched` (None when it holds nothing)."""
    parts: list[str | None] = []
    for name in fields:
        codec = _field(name).codec
        if isinstance(codec, YearRange):
            parts.append("–".join(map(str, state[name])))
        elif isinstance(codec, Text):
            parts.append(searched(state, name))
        else:
            parts.append(chosen(state, name, names.get(name)))
    return parts
