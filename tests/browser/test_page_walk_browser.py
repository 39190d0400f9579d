"""Every page as a reader opens it, in English and in Russian, loaded once and read at each screen
size a reader brings: a laptop (1024×768, 1280×800, 1366×768), a projector (1920×1080) and a phone
(390×844).

One load per page and language checks everything that needs only looking (each load of a page
costs Chromium 4–8 CPU-seconds, so each check no longer opens the page for itself):
- it draws with no Streamlit exception, no console error and no request off this machine;
- at 1024×768 no button, toggle, metric or widget label is cut with "…" (Russian labels are the
  longest);
- no chart text overlaps other chart text or leaves its chart, at every size;
- on a chart page, from 1024 px up, the main chart starts in the upper half of the first screen
  (the chart leads; issue 31), and at no size does the page scroll sideways;
- in Russian, no English data text (title, note, place, description, reported figures, where a
  discrepancy was found) is in what the reader sees, no English force or series value in a table
  cell, a chosen filter value or the exercise card, and none of Streamlit's English placeholders;
- the texts a reader looks for on the page are there;
- a screenshot at 1280×800 is saved under screenshots/ to be looked at.

Where a page has a card or panel, it is opened by the link, so its text is walked too.
Presentation mode is walked in ``test_legibility_browser.py``.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components.data.loaders import read_all
from tests.browser.conftest import PageWatch, screenshot, wait_for_page
from tests.browser.test_legibility_browser import CUT_TEXT, MEASURE, SIZES, problems, settled
from tests.conftest import DATA

pytestmark = pytest.mark.browser

# Held exercises only (components/derive/counting.py): planned and cancelled ones are never counted.
_HELD = read_all()["exercises"].query("status == 'held'")
KGZ_TOOK_PART = int((_HELD["host_states"] + _HELD["participants"]).map(lambda codes: "KGZ" in codes).sum())

# name: (path, with a card or panel open where the page has one; charts drawn; texts a reader
# looks for, per language)
WALK = {
    "overview": ("", 0, {}),
    # Operations: the events with reported figures (Channel, Nelegal…) are in the table's first rows.
    "membership": ("membership?country=KGZ&ev_cat=operation", 3, {}),
    "structure": ("structure?body=collective_security_council", 1, {}),
    # A force chosen in the filter: its name is on the filter's tag, in the table and on the card.
    "exercises": ("exercises?exercise=rubezh-2004&ex_force=CRDF%20CAR", 2, {}),
    # A map of one exercise (Kobalt-2022, Lake Issyk-Kul): its place and the states around it named.
    "exercise_one": ("exercises?ex_text=Kobalt-2022", 2, {}),
    "country": (
        "country?country=KGZ",
        2,
        {"en": ["Kyrgyzstan: country profile", "Membership periods",
                f"Held exercises it took part in ({KGZ_TOOK_PART})", "Hosted (held)"],
         "ru": ["Кыргызстан: профиль государства", "Периоды членства",
                f"Проведённые учения, в которых оно участвовало ({KGZ_TOOK_PART})", "Принимало учений"]},
    ),
    "chronology": ("chronology?ch_ex=1&item=treaty-signed-1992", 1, {}),
    "briefing": ("briefing", 1, {}),
    "sources": ("sources", 0, {}),
}  # fmt: skip

# Free-text columns with a Russian counterpart: their English text must not reach a Russian page.
# The pages whose first chart is the page's point: it must start in the upper half of the screen.
CHART_PAGES = ("membership", "structure", "exercises", "country", "chronology")
WALK_SIZES = (*SIZES, (1366, 768), (390, 844))
# The first chart's top in the window once the page is scrolled to its top, and how far the page
# reaches past the window's right edge (a phone must never scroll sideways).
LAYOUT = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  main.scrollTo(0, 0);
  const plot = main.querySelector('.js-plotly-plot');
  const reach = Math.max(document.documentElement.scrollWidth, main.scrollWidth);
  return {top: plot ? Math.round(plot.getBoundingClientRect().top) : null, sideways: reach - window.innerWidth};
}
"""


def layout_problems(name: str, page, width: int, height: int) -> list[str]:
    """The chart-top rule (from 1024 px up, on a chart page) and no sideways scrolling."""
    layout = settled(page, LAYOUT)
    found = []
    if name in CHART_PAGES and width >= 1024 and (layout["top"] is None or layout["top"] >= height / 2):
        found.append(f"the main chart starts at {layout['top']} px, not in the upper half of {height} px")
    if layout["sideways"] > 1:
        found.append(f"the page scrolls sideways by {layout['sideways']} px")
    return found


ENGLISH_TEXT = {
    "events.csv": ("title", "note", "reported_figures"),
    "exercises.csv": ("location", "note"),
    "bodies.csv": ("name_en", "description"),
    "places.csv": ("name_en", "note"),
    "discrepancies.csv": ("claim", "correction", "where"),
}
# Short free text with a Russian column: whole values are distinctive enough from two English words.
ENGLISH_SHORT_TEXT = {"events.csv": ("reported_figures",)}
# Categorical values with Russian names (forces.csv; a series by its exercises' Russian names): the
# English value must not be a whole table cell, a chosen filter value or the card's force.
ENGLISH_VALUES = {"exercises.csv": ("force", "series")}
FORCE_ON_CARD = "Силы: "
STREAMLIT_ENGLISH_DEFAULTS = ("Choose an option", "Choose options", "No results")
# What the reader sees: the main area's text, every chart's SVG text and the table rows in view.
SEEN = """
() => [
  document.querySelector('[data-testid="stMain"]').innerText,
  ...[...document.querySelectorAll('.js-plotly-plot .main-svg text')].map(e => e.textContent),
  ...[...document.querySelectorAll('[data-testid="stDataFrame"] tbody td')].map(e => e.textContent),
].join('\\n')
"""


# Whole values a reader sees one by one: table cells in view and the chosen values of the filters
# (a multiselect's text is its label, then one line per chosen value).
CELLS = """
() => [
  ...[...document.querySelectorAll('[data-testid="stDataFrame"] tbody td')].map(e => e.textContent),
  ...[...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMultiSelect"]')]
    .flatMap(e => e.innerText.split('\\n').slice(1)),
]
"""


def english_phrases() -> set[str]:
    """Distinctive English data texts: whole values, and each sentence of the longer ones."""
    found: set[str] = set()
    for file_name, columns in ENGLISH_TEXT.items():
        frame = pd.read_csv(DATA / file_name, dtype=str, keep_default_na=False)
        for column in columns:
            for value in frame[column]:
                for part in [value, *re.split(r"(?<=[.;])\s+", value)]:
                    part = part.strip()
                    # Enough words to be prose, not a name or an abbreviation shared by both languages.
                    if len(part) >= 24 and len(re.findall(r"[A-Za-z]{3,}", part)) >= 4:
                        found.add(part)
    return found


def _values(files: dict[str, list[str]], keep) -> set[str]:
    """Whole stripped values of the named columns that ``keep`` accepts."""
    found: set[str] = set()
    for file_name, columns in files.items():
        frame = pd.read_csv(DATA / file_name, dtype=str, keep_default_na=False)
        for column in columns:
            found |= {v.strip() for v in frame[column] if keep(v)}
    return found


def english_short_values() -> set[str]:
    """Whole short English values (reported figures: "about 10,000 officers involved")."""
    return _values(ENGLISH_SHORT_TEXT, lambda v: len(re.findall(r"[A-Za-z]{3,}", v)) >= 2)


def english_values() -> set[str]:
    """English categorical values (force, series) that the Russian interface names in Russian."""
    return _values(ENGLISH_VALUES, lambda v: re.search("[A-Za-z]", v))


def english_data_text(page) -> list[str]:
    """English data text, or Streamlit's English placeholders, in what a reader of the page sees."""
    seen = re.sub(r"\s+", " ", page.evaluate(SEEN))
    english = sorted(phrase for phrase in english_phrases() if re.sub(r"\s+", " ", phrase) in seen)
    english += sorted(value for value in english_short_values() if re.sub(r"\s+", " ", value) in seen)
    cells = {re.sub(r"\s+", " ", cell).strip() for cell in page.evaluate(CELLS)}
    values = english_values()
    english += sorted(f"value: {cell}" for cell in cells & values)
    english += sorted(f"card: {v}" for v in values if f"{FORCE_ON_CARD}{v}" in seen)
    return english + [text for text in STREAMLIT_ENGLISH_DEFAULTS if text in seen]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", WALK)
def test_page_walk(app_url, open_tab, name, lang):
    path, charts, texts = WALK[name]
    width, height = SIZES[0]
    watch = PageWatch(open_tab(width, height))
    page = watch.page
    query = "" if lang == "en" else ("&" if "?" in path else "?") + "lang=ru"
    page.goto(f"{app_url}/{path}{query}")
    wait_for_page(page, charts=charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    heading = page.locator("h1").first.inner_text().strip()
    assert heading, "the page has a title"
    if lang == "ru":
        assert re.search("[А-Яа-я]", heading), f"/{path}: the page is in Russian"
    # Streamlit's link icon after a heading wraps onto a line of its own when the heading nearly
    # fills the width (it did on the Russian Country profile: an empty band above the table).
    assert page.locator('[data-testid="stMain"] [data-testid="stHeaderActionElements"]').count() == 0

    found = [f"{width}x{height}: cut: {label}" for label in settled(page, CUT_TEXT)]
    for width, height in WALK_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        measured = settled(page, MEASURE)
        if charts:
            assert measured, f"/{path}: no chart drawn at {width}x{height}"
        found += [f"{width}x{height}: {line}" for line in problems(measured)]
        found += [f"{width}x{height}: {line}" for line in layout_problems(name, page, width, height)]
        if (width, height) == (1280, 800):
            if lang == "ru":
                found += [f"English in Russian: {text[:120]}" for text in english_data_text(page)]
            body = page.locator('[data-testid="stMain"]').inner_text()
            found += [f"missing: {text}" for text in texts.get(lang, []) if text not in body]
            screenshot(page, f"page-{name}" + ("-ru" if lang == "ru" else ""))
    assert not found, f"/{path} ({lang}):\n" + "\n".join(found[:40])
    assert watch.external_requests() == []
    assert watch.problems() == []
