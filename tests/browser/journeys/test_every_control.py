"""The controls the other journeys leave out, each used as a person uses it, with what they then
read or get: the chronology's filters and story mode, every download, the upload of one's own
rows, the sidebar's presentation switch and the exercise map's force and per-year metric."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pytest

from components.data.schema import TABLES
from tests.browser.journeys.helpers import (
    click_button,
    metrics,
    open_page,
    pick,
    query,
    rows_once,
    settle,
    type_into,
    visible_text,
)
from tests.test_downloads import by_key, same_cell
from tests.test_malformed import cell, upload

pytestmark = pytest.mark.browser


def caption_counts(page) -> tuple[int, int]:
    """The chronology's "N of M items" line, as numbers."""
    found = re.search(r"([\d,]+) of ([\d,]+) items", visible_text(page))
    assert found, visible_text(page)[:400]
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def download(page, key: str, timeout: int = 120_000) -> bytes:
    """Click the download button keyed ``key``; the file's bytes."""
    button = page.locator(f".st-key-{key} button").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=timeout) as saved:
        button.click()
    return saved.value.path().read_bytes()


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def chosen(page, key: str) -> str:
    """What a select box shows as chosen (its input holds the label)."""
    return page.locator(f".st-key-{key} input").first.input_value()


def toggle(page, key: str, charts: int = 0) -> None:
    page.locator(f".st-key-{key} label").first.click()
    settle(page, charts)


def test_chronology_filters_story_mode_download_and_reset(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/chronology", charts=1)
    events_only, total = caption_counts(page)
    assert events_only == total > 100
    toggle(page, "w_ch_ex_toggle", charts=1)
    assert query(page)["ch_ex"] == ["1"]
    everything, with_exercises = caption_counts(page)
    assert everything == with_exercises > total + 90, "every exercise becomes an item"
    pick(page, "w_ch_cat", "Summit", charts=1)
    summits, _ = caption_counts(page)
    assert 0 < summits < everything and query(page)["ch_cat"] == ["summit"]
    assert {row[2] for row in rows_once(page, lambda rows: len(rows) == summits)} == {"Summit"}
    pick(page, "w_ch_states", "Kazakhstan (Казахстан, KAZ)", charts=1)
    in_kazakhstan, _ = caption_counts(page)
    assert 0 < in_kazakhstan <= summits and query(page)["ch_states"] == ["KAZ"]
    type_into(page, "w_ch_text", "Astana", charts=1)
    found, _ = caption_counts(page)
    assert 0 < found <= in_kazakhstan
    titles = [row[1] for row in rows_once(page, lambda rows: len(rows) == found)]
    # Story mode: Next opens the first item's card, Next again the second, Previous goes back.
    click_button(page, "story_next", charts=1)
    first = query(page)["item"][0]
    assert f"Item 1 of {found}" in visible_text(page)
    assert page.locator("h3").filter(has_text=titles[0][:30]).count() == 1
    if found > 1:
        click_button(page, "story_next", charts=1)
        assert f"Item 2 of {found}" in visible_text(page) and query(page)["item"][0] != first
        click_button(page, "story_previous", charts=1)
        assert query(page)["item"] == [first] and f"Item 1 of {found}" in visible_text(page)
    # The download holds exactly the filtered items.
    rows = csv_rows(download(page, "download_items"))
    assert len(rows) == found and all("KAZ" in row["states"] for row in rows)
    # Reset: every filter back to its default, the story item kept, the button then disabled.
    click_button(page, "ch_reset", charts=1)
    assert not {"ch_cat", "ch_states", "ch_text", "ch_ex"} & set(query(page))
    assert caption_counts(page) == (total, total)
    assert page.locator(".st-key-ch_reset button").is_disabled()
    assert watched_page.problems() == []


def test_exercise_force_and_per_year_metric(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    everything = int(metrics(page)["Exercises listed"].replace(",", ""))
    pick(page, "w_ex_force", "CRRF", charts=2)
    crrf = int(metrics(page)["Exercises listed"].replace(",", ""))
    assert 0 < crrf < everything and query(page)["ex_force"] == ["CRRF"]
    # The per-year chart switches from counting exercises to reported personnel.
    axis = ".js-plotly-plot .g-ytitle"
    page.locator(".st-key-w_metric").get_by_text("Reported personnel").click()
    settle(page, charts=2)
    assert query(page)["metric"] == ["personnel"]
    titles = [(title.text_content() or "").lower() for title in page.locator(axis).all()]
    assert any("personnel" in title for title in titles), titles
    rows = csv_rows(download(page, "download_exercises"))
    assert len(rows) == crrf and {row["force"] for row in rows} == {"CRRF"}
    assert watched_page.problems() == []


def test_structure_downloads_are_the_graph_on_screen(app_url, watched_page, tmp_path):
    page = watched_page.page
    open_page(page, f"{app_url}/structure", charts=1)
    page.get_by_text("Download", exact=False).first.scroll_into_view_if_needed()
    graphml = tmp_path / "org.graphml"
    graphml.write_bytes(download(page, "dl_graphml"))
    graph = nx.read_graphml(graphml)
    bodies = csv_rows(download(page, "dl_bodies"))
    links = csv_rows(download(page, "dl_links"))
    assert graph.number_of_nodes() == len(bodies) >= 25
    assert graph.number_of_edges() == len(links) >= 25
    assert {row["body_id"] for row in bodies} == set(graph.nodes)
    assert watched_page.problems() == []


def test_one_view_exported_as_html_and_powerpoint(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/membership?asof=2005-12-31", charts=3)
    page.get_by_text("Share, cite or export this view").first.click()
    html = download(page, "export_view_membership").decode("utf-8")
    assert html.count("<section") == 1 and "Membership timeline" in html
    assert "31 December 2005" in html or "31 Dec 2005" in html, "the view's own date, not today's"
    deck = zipfile.ZipFile(io.BytesIO(download(page, "pptx_view_membership", timeout=180_000)))
    slides = [name for name in deck.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
    assert len(slides) == 1 and "Membership timeline" in deck.read(slides[0]).decode("utf-8")
    assert any(name.startswith("ppt/media/") and name.endswith(".png") for name in deck.namelist()), "the chart"
    assert watched_page.problems() == []


def test_presentation_switch_in_the_sidebar(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    toggle(page, "present_toggle")
    page.wait_for_url("**present=1**")
    page.locator(".st-key-present_exit").wait_for()
    assert (
        page.locator('[data-testid="stSidebar"]:visible').count() == 0
        or not page.locator('[data-testid="stSidebarContent"]').is_visible()
    )
    assert page.locator('[data-testid="stToast"]').count() == 0, "no notices in front of an audience"
    click_button(page, "present_exit", charts=2)
    assert "present" not in query(page)
    assert page.locator(".st-key-present_toggle").is_visible()
    assert watched_page.problems() == []


def test_own_rows_are_added_for_the_session_rejected_with_a_reason_and_removed(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/sources")
    page.get_by_text("Add your own exercises or events for this session").click()
    for _ in range(3):  # the list can redraw under the pointer while the page settles: type and Enter
        box = page.locator(".st-key-upload_table input").first
        box.click()
        box.fill("")  # a try that did not take leaves its text in the box ("ntseventsevents")
        box.type("events", delay=20)
        page.keyboard.press("Enter")
        settle(page)
        if chosen(page, "upload_table") == "events.csv":
            break
    assert chosen(page, "upload_table") == "events.csv"
    good = {"name": "mine.csv", "mimeType": "text/csv", "buffer": upload("events")}
    page.locator(".st-key-upload_file input[type=file]").set_input_files(good)
    page.get_by_text("Added 1 rows to events.csv for this session").wait_for(timeout=60_000)
    assert "events.csv: 1" in visible_text(page)
    # A bad file is refused with its row and column; the row already added stays.
    bad = {"name": "bad.csv", "mimeType": "text/csv", "buffer": cell("events", "date", "2025-13-45")}
    page.locator(".st-key-upload_file input[type=file]").set_input_files(bad)
    page.get_by_text("bad.csv was not added").wait_for(timeout=60_000)
    page.get_by_text("bad.csv, line 2, column 'date'").first.wait_for(timeout=30_000)
    assert "events.csv: 1" in visible_text(page)
    # The added row is on the chronology (same session: through the sidebar, not a new page load).
    page.locator('[data-testid="stSidebarNav"] a', has_text="Chronology").click()
    settle(page, charts=1)
    type_into(page, "w_ch_text", "My event", charts=1)
    assert caption_counts(page)[0] == 1
    assert [row[1] for row in rows_once(page, lambda rows: len(rows) == 1)] == ["My event"]
    page.locator('[data-testid="stSidebarNav"] a', has_text="Sources").click()
    settle(page)
    page.get_by_text("Add your own exercises or events for this session").click()
    click_button(page, "upload_clear")
    assert "Rows added this session" not in visible_text(page)
    assert watched_page.problems() == []


def test_saved_deck_opens_again_and_exports_to_powerpoint(app_url, watched_page, tmp_path):
    page = watched_page.page
    open_page(page, f"{app_url}/briefing")
    type_into(page, "deck_title_0", "Opening slide", charts=0)
    saved = json.loads(download(page, "deck_save"))
    assert saved["slides"][0]["title"] == "Opening slide"
    click_button(page, "deck_restore")
    assert page.locator(".st-key-deck_title_0 input").input_value() != "Opening slide"
    page.locator(".st-key-deck_file input[type=file]").set_input_files(
        {"name": "deck.json", "mimeType": "application/json", "buffer": json.dumps(saved).encode("utf-8")}
    )
    settle(page)
    assert page.locator(".st-key-deck_title_0 input").input_value() == "Opening slide"
    deck = zipfile.ZipFile(io.BytesIO(download(page, "deck_pptx", timeout=300_000)))
    slides = [name for name in deck.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
    assert len(slides) == len(saved["slides"])
    assert "Opening slide" in deck.read("ppt/slides/slide1.xml").decode("utf-8")
    assert watched_page.problems() == []


def test_sources_page_gives_every_data_file_as_shipped(app_url, watched_page):
    from tests.conftest import DATA

    page = watched_page.page
    open_page(page, f"{app_url}/sources")
    keys = (
        "download_members",
        "download_membership",
        "download_events",
        "download_exercises",
        "download_forces",
        "download_places",
        "download_bodies",
        "download_body_links",
        "download_discrepancies",
    )
    for key in keys:
        name = key.removeprefix("download_")
        rows = csv_rows(download(page, key))
        with (DATA / f"{name}.csv").open(encoding="utf-8") as shipped:
            expected = list(csv.DictReader(shipped))
        assert len(rows) == len(expected) > 0, name
        assert rows[0].keys() == expected[0].keys(), name
        # By content: the same rows (by key) and every cell the same text or number.
        got, wanted = by_key(rows, TABLES[name].key), by_key(expected, TABLES[name].key)
        assert got.keys() == wanted.keys(), name
        differ = [(k, c) for k, row in wanted.items() for c, v in row.items() if not same_cell(got[k][c], v)]
        assert differ == [], name
    assert watched_page.problems() == []
