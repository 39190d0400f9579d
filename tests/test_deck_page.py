"""The briefing deck in the app (AppTest): a hostile ?deck= never takes a page down, a deck file's
name is never Markdown, a deck too large for a link is kept and offered as a file, and the editor
undoes and redoes (issues 27 item 4 and 34 items 2-5)."""

from __future__ import annotations

import base64
import json
import random
import zlib

import pytest

from components.model.deck import MAX_NOTES, encode_deck
from tests.conftest import app_test

PAGES = ["overview", "membership", "structure", "exercises", "country", "chronology", "briefing", "sources"]


def packed(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def hand_made(slides: object) -> str:
    return packed(json.dumps(slides).encode())


HOSTILE = {
    "page is a list": hand_made([{"page": ["membership"], "params": {}}]),
    "title_key is a list": hand_made([{"page": "membership", "params": {}, "title_key": ["x"]}]),
    "100,000 nested [": packed(b"[" * 100_000),
    "lone surrogate title": hand_made([{"page": "membership", "params": {}, "title": "\ud800"}]),
    "U+FFFE in notes": hand_made([{"page": "membership", "params": {}, "notes": "a\ufffeb"}]),
    "params a list of lists": hand_made([{"page": "exercises", "params": {"ex_years": [["2022"]]}}]),
}


def navigated(at) -> bool:
    """The frame reached st.navigation: the sidebar's language switch is drawn."""
    return any(widget.key == "language_switch" for widget in at.sidebar.segmented_control)


@pytest.mark.parametrize("page", PAGES)
def test_no_deck_link_takes_a_page_down(page):
    """Each of these stopped app.py before st.navigation, so every page went down."""
    at = None
    for name, value in HOSTILE.items():
        if at is None:
            at = app_test(f"pages/{page}.py", {"deck": value})
        else:
            at.query_params["deck"] = value
            at.run()
        assert not at.exception, (name, at.exception)
        assert navigated(at), name
        assert "deck" not in at.query_params, "the unusable link value is removed"


def test_the_briefing_says_why_the_links_deck_was_refused_and_keeps_the_deck():
    at = app_test("pages/briefing.py", {"deck": HOSTILE["page is a list"]})
    warning = " ".join(w.value for w in at.warning)
    assert "not a deck\\: slide 1 › page names no page of the app" in warning, warning
    assert len(at.session_state["deck"]) == 4, "the default deck is kept"


def test_an_uploaded_decks_name_is_shown_literally_never_as_markdown():
    """The name went into t(...) unescaped: an <img> from off the machine and red text."""
    at = app_test("pages/briefing.py", {})
    name = "![p](http://evil.example/x.png) :red[RED].json"
    at.file_uploader(key="deck_file").set_value((name, b"[" * 50, "application/json")).run()
    assert not at.exception
    shown = at.error[0].value
    assert "\\!\\[p\\]\\(http" in shown and "\\:red\\[RED\\]" in shown, shown
    assert "was not opened — not a deck\\: its JSON nests deeper than 6 levels" in shown
    assert len(at.session_state["deck"]) == 4, "the current deck is unchanged"


def noisy_deck(slides: int) -> bytes:
    rng = random.Random(5)
    text = [
        " ".join(rng.choice(["alpha", "bravo", "kilo", str(rng.random())]) for _ in range(700)) for _ in range(slides)
    ]
    deck = [
        {"page": "membership", "params": {}, "title": f"Slide {n}", "notes": t[:MAX_NOTES]} for n, t in enumerate(text)
    ]
    return json.dumps({"format": "csto-explorer-deck", "slides": deck}).encode()


def test_a_deck_too_large_for_a_link_is_kept_and_offered_as_a_file():
    """Past the link's 20,000 characters the app dropped ?deck= and warned about its own link;
    a reload brought back the default deck."""
    at = app_test("pages/briefing.py", {})
    at.file_uploader(key="deck_file").set_value(("big.json", noisy_deck(12), "application/json")).run()
    assert not at.exception
    assert len(at.session_state["deck"]) == 12
    assert "deck" not in at.query_params
    assert any("too large for a link — save it as a file" in w.value for w in at.warning)
    assert not [toast for toast in at.toast if "deck" in toast.value], "no notice about the app's own link"
    at.run()  # the next run keeps it
    assert len(at.session_state["deck"]) == 12 and at.session_state["deck"][11]["notes"]
    assert len(at.text_area(key="deck_notes_0").value) == len(at.session_state["deck"][0]["notes"])
    assert at.text_area(key="deck_notes_0").max_chars == MAX_NOTES


def test_undo_and_redo_remove_restore_reorder_and_edit():
    at = app_test("pages/briefing.py", {})
    first = at.text_input(key="deck_title_0").value
    at.button(key="down_0").click().run()
    at.button(key="remove_3").click().run()
    at.text_input(key="deck_title_0").set_value("My opening").run()
    at.button(key="deck_clear").click().run()
    assert at.session_state["deck"] == [] and "The deck is empty" in at.info[0].value
    assert "deck" in at.query_params, "an empty deck stays empty after a reload"
    at.button(key="deck_restore").click().run()
    assert len(at.session_state["deck"]) == 4
    for expected in ([], ["My opening"], [None]):  # undo restore, then clear, then the title edit
        assert "Undo restoring" in at.button(key="deck_undo").help or expected != []
        at.button(key="deck_undo").click().run()
        titles = [slide.get("title") or None for slide in at.session_state["deck"]]
        assert titles[:1] == expected if expected else titles == []
    at.button(key="deck_undo").click().run()  # the removal
    at.button(key="deck_undo").click().run()  # the move
    assert at.text_input(key="deck_title_0").value == first and len(at.session_state["deck"]) == 4
    assert any("Undone: moving slide 1" in s.value for s in at.success)
    at.button(key="deck_redo").click().run()
    assert at.text_input(key="deck_title_1").value == first
    assert at.button(key="deck_undo").help == "Undo moving slide 1"


def test_at_least_ten_actions_are_undoable_and_history_is_per_session():
    at = app_test("pages/briefing.py", {})
    for _ in range(12):
        at.button(key="down_0").click().run()
    for _ in range(12):
        assert not at.button(key="deck_undo").disabled
        at.button(key="deck_undo").click().run()
    assert at.session_state["deck"][0]["title_key"] == "deck.today.title"
    assert app_test("pages/briefing.py", {}).button(key="deck_undo").disabled, "another session has no history"


def test_a_deck_opened_in_russian_shows_russian_slides_and_the_deck_wide_switch_pins_a_language():
    slides = [{"page": "exercises", "params": {"ex_years": ["2022", "2026"], "ex_hosts": ["ARM", "KAZ"]}}]
    russian = app_test("pages/briefing.py", {"lang": "ru", "deck": encode_deck(slides)})
    assert russian.text_input(key="deck_title_0").value == "Карта учений · 2022–2026 · Армения, Казахстан"
    assert russian.header[0].value.startswith("Карта учений")
    # (AppTest cannot change a widget under ?lang=ru: it formats the sidebar's options in English.)
    at = app_test("pages/briefing.py", {"deck": encode_deck(slides)})
    assert at.text_input(key="deck_title_0").value == "Exercise map · 2022–2026 · Armenia, Kazakhstan"
    at.segmented_control(key="deck_language").set_value("ru").run()
    assert at.text_input(key="deck_title_0").value == "Карта учений · 2022–2026 · Армения, Казахстан"
    assert at.session_state["deck"][0]["lang"] == "ru"
    captions = " ".join(c.value for c in at.caption)
    assert "Exercise map · Years\\: 2022–2026; Host state\\: Armenia, Kazakhstan · Русский" in captions, captions
    at.button(key="deck_undo").click().run()
    assert at.text_input(key="deck_title_0").value.startswith("Exercise map")


def test_present_starts_at_slide_one():
    at = app_test("pages/briefing.py", {"slide": "3"})
    assert any("Slide 3 of 4" in m.value for m in at.markdown)
    at.button(key="deck_present").click().run()
    assert at.query_params.get("present") in ("1", ["1"]) and "slide" not in at.query_params


def test_any_chart_of_a_view_becomes_a_slide_that_shows_that_chart():
    at = app_test("pages/exercises.py", {"ex_years": ["2022", "2026"]})
    picker = at.selectbox(key="add_chart_exercises")
    assert "Who took part, year by year (2022–2026)" in picker.options
    picker.set_value("participation_matrix").run()
    slide = at.session_state["deck"][-1]
    assert slide["chart"] == "participation_matrix" and "lang" not in slide
    at.switch_page("pages/briefing.py")
    at.query_params["slide"] = "5"
    at.run()
    assert not at.exception
    assert at.text_input(key="deck_title_4").value == "Who took part, year by year · 2022–2026"
    assert at.header[0].value == "Who took part, year by year · 2022–2026", "the slide shows the title the editor shows"
    captions = " ".join(c.value for c in at.caption)
    assert "chart\\: who took part, year by year" in captions, captions


def test_typed_characters_a_deck_cannot_hold_are_dropped_so_the_export_cannot_fail_on_them():
    """U+FFFE in a title made the PowerPoint export fail with no file and no message."""
    at = app_test("pages/briefing.py", {})
    at.text_input(key="deck_title_0").set_value("Opening\ufffe slide\uffff").run()
    at.text_area(key="deck_notes_0").set_value("Say\x00 this").run()
    assert not at.exception
    assert at.session_state["deck"][0]["title"] == "Opening slide"
    assert at.session_state["deck"][0]["notes"] == "Say this"


def test_an_export_that_fails_says_so_on_the_next_run():
    """Any failure of a deferred export is kept for the page to show (Streamlit's own notice under
    the button vanishes after five seconds and does not say why)."""
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import contextlib

        import streamlit as st

        from components.ui.share import export_problem, guarded_export

        def broken() -> bytes:
            raise ValueError("All strings must be XML compatible")

        export_problem("deck_pptx")
        if st.button("try", key="try"):
            with contextlib.suppress(ValueError):
                guarded_export(broken, "deck_pptx")()

    at = AppTest.from_function(page).run()
    at.button(key="try").click().run()
    assert not at.error
    at.run()
    assert "The export could not be made (ValueError\\: All strings must be XML compatible)" in at.error[0].value


@pytest.mark.parametrize(("lang", "opening"), [("en", "Chart\\: "), ("ru", "Диаграмма\\: ")])
def test_presentation_reads_out_the_slide_charts_text_alternative(lang, opening):
    """Presentation mode draws the same text alternative before its chart as a page does, in the
    slide's language: one paragraph naming the chart and its legend, then the counter."""
    at = app_test("pages/briefing.py", {"present": "1", "slide": "3", "lang": lang})
    assert not at.exception
    alternatives = [m.value for m in at.markdown if m.value.startswith(opening)]
    assert len(alternatives) == 1, [m.value[:60] for m in at.markdown]
    assert ("Legend\\: " if lang == "en" else "Условные обозначения\\: ") in alternatives[0]
    assert any(m.value == "**3 / 4**" for m in at.markdown)
