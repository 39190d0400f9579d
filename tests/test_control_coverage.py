"""Every control on every page, and which of them a Chromium journey touches.

A new control should arrive with its journey. This test lists every widget key on every page (as
AppTest finds them) and the ones no browser test names. It fails when a key is added that no
journey touches, and when the share of touched keys falls below what it is today; the list of the
untouched ones is printed so the gap stays visible until it is closed.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, app_test

PAGES = ["overview", "membership", "structure", "exercises", "country", "chronology", "briefing", "sources"]
WIDGETS = (
    "button",
    "checkbox",
    "toggle",
    "selectbox",
    "multiselect",
    "slider",
    "select_slider",
    "text_input",
    "text_area",
    "date_input",
    "radio",
    "number_input",
    "segmented_control",
    "download_button",
)
# The share of widget keys at least one browser test touches: all of them (every control has its journey).
FLOOR = 1.0
# Keys that existed when the floor was set: a key not in this list must come with its journey.
KNOWN_UNTOUCHED_FAMILIES = 0


def family(key: str) -> str:
    """``deck_title_3`` and ``deck_title_0`` are one control family; so are ``add_view_<page>``."""
    key = re.sub(r"_\d+$", "_", key)
    for page in PAGES:
        key = key.replace(f"_{page}", "_<page>")
    return key


def keys_on(page: str) -> set[str]:
    at = app_test(f"pages/{page}.py")
    found = set()
    for kind in WIDGETS:
        for widget in getattr(at, kind, []):
            if getattr(widget, "key", None):
                found.add(widget.key)
    return found


@pytest.fixture(scope="module")
def families() -> set[str]:
    return {family(key) for page in PAGES for key in keys_on(page)}


def touched(name: str, text: str) -> bool:
    stem = name.replace("<page>", "")
    return name in text or stem.rstrip("_") in text


def test_every_control_is_listed_and_the_journeys_cover_more_than_the_floor(families, capsys):
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "browser").rglob("*.py"))
    untouched = sorted(name for name in families if not touched(name, text))
    share = 1 - len(untouched) / len(families)
    with capsys.disabled():
        print(f"\ncontrols touched by a browser journey: {len(families) - len(untouched)} of {len(families)}")
        print("untouched:", ", ".join(untouched))
    assert share >= FLOOR, untouched
    assert len(untouched) <= KNOWN_UNTOUCHED_FAMILIES, "a new control arrived without its journey"
