"""The Russian interface shows no English data text: on every page opened with ``lang=ru``, no
English title, note, place or description from the data appears in what a reader sees (the
page's text, its charts' labels and the table rows in view), with a card or panel opened where a
page has one."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.browser.conftest import wait_for_page
from tests.conftest import DATA

pytestmark = pytest.mark.browser

# Free-text columns with a Russian counterpart: their English text must not reach a Russian page.
ENGLISH_TEXT = {
    "events.csv": ("title", "note"),
    "exercises.csv": ("location", "note"),
    "bodies.csv": ("name_en", "description"),
    "places.csv": ("name_en", "note"),
    "discrepancies.csv": ("claim", "correction"),
}
# (path, charts): every page, with a card or panel open where the page has one.
PAGES = (
    ("", 0),
    ("membership?country=KGZ", 3),
    ("structure?body=collective_security_council", 1),
    ("exercises?exercise=rubezh-2004", 2),
    ("country?country=KGZ", 2),
    ("chronology?ch_ex=1&item=treaty-signed-1992", 1),
    ("briefing", 1),
    ("sources", 0),
)
# What the reader sees: the main area's text, every chart's SVG text and the table rows in view.
SEEN = """
() => [
  document.querySelector('[data-testid="stMain"]').innerText,
  ...[...document.querySelectorAll('.js-plotly-plot .main-svg text')].map(e => e.textContent),
  ...[...document.querySelectorAll('[data-testid="stDataFrame"] tbody td')].map(e => e.textContent),
].join('\\n')
"""


STREAMLIT_ENGLISH_DEFAULTS = ("Choose an option", "Choose options", "No results")


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


@pytest.mark.parametrize(("path", "charts"), PAGES, ids=[p or "overview" for p, _ in PAGES])
def test_russian_page_shows_no_english_data_text(app_url, open_tab, path, charts):
    page = open_tab(1280, 800)
    joiner = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{joiner}lang=ru")
    wait_for_page(page, charts=charts)
    page.wait_for_timeout(500)
    seen = re.sub(r"\s+", " ", page.evaluate(SEEN))
    assert re.search("[А-Яа-я]", page.locator("h1").first.inner_text()), "the page is in Russian"
    english = sorted(phrase for phrase in english_phrases() if re.sub(r"\s+", " ", phrase) in seen)
    assert not english, f"/{path} (lang=ru) shows English data text:\n" + "\n".join(e[:120] for e in english[:15])
    # Streamlit's own English placeholders, shown where a widget's value is None.
    defaults = [text for text in STREAMLIT_ENGLISH_DEFAULTS if text in seen]
    assert not defaults, f"/{path} (lang=ru) shows Streamlit's English placeholder: {defaults}"
