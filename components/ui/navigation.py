"""Plain ``streamlit run app.py`` gives the app's own navigation, although ``pages/`` is top-level.

Why this module exists. Streamlit 1.67 decides once per process, when its first session starts,
whether a ``pages/`` folder beside the main script means its older multipage mode: a private
class attribute, ``PagesManager.uses_pages_directory``, is set from ``Path("pages").exists()``.
While it is on, a run does not execute ``app.py``: Streamlit builds a menu of file names (app,
briefing, chronology, …) and a deep link such as ``/membership?present=1`` runs
``pages/membership.py`` alone, without the frame (no language switch, no country in focus, no
presentation mode). Calling ``st.navigation`` turns the mode off for every later run of the
process, but only ``app.py`` calls it, and a cold deep link never runs ``app.py``.

No public option turns the mode off (``client.showSidebarNavigation = false`` hides the app's own
menu too), so:

* ``python -m components.ui.serve`` (``make run``, the Dockerfile) turns it off before the server
  starts (:func:`use_declared_navigation`);
* under plain ``streamlit run app.py`` (Streamlit Community Cloud and similar hosts), the first
  statement of ``app.py`` and of every page is :func:`through_frame`: a run started in that mode
  turns it off and starts again, now through ``app.py`` and ``st.navigation``, which finds the
  same page (Streamlit derives a page's identity from its URL path, the file name in both modes)
  and keeps the query string. Only the first runs of a fresh process are ever in that mode.

The attribute is private: ``tests/test_run_app.py`` fails if a Streamlit upgrade renames it or
stops honouring it, and the browser test ``tests/browser/test_run_app_browser.py`` walks every page
cold under plain ``streamlit run app.py``.

This module imports no cache or data code: ``serve.py`` imports it before Streamlit's runtime
exists, and a cached function defined then logs "No runtime found" warnings.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

# Set by app.py just before it runs the page; consumed by the page's ``through_frame``.
FRAMED = "_run_framed"
# Set before the one restart a page asks for, so that a restart which comes back unframed (a
# Streamlit that no longer honours the attribute) runs the page alone instead of looping.
RESTARTED = "_run_restarted"


def use_declared_navigation() -> bool:
    """Switch Streamlit's pages-folder mode off for this process; True when it was on (or not yet
    decided), i.e. when the run that calls this may have been started in that mode."""
    was_on = PagesManager.uses_pages_directory is not False
    PagesManager.uses_pages_directory = False
    return was_on


def hand_over() -> None:
    """Called by app.py just before ``page.run()``: this run went through the frame."""
    st.session_state[FRAMED] = True


def _main_script_is(page_file: str) -> bool:
    """True when ``page_file`` is the script Streamlit was started with (``AppTest.from_file`` or
    ``streamlit run pages/x.py`` on one page): there is no frame to go through."""
    ctx = get_script_run_ctx()
    return ctx is None or Path(ctx.main_script_path).resolve() == Path(page_file).resolve()


def through_frame(page_file: str) -> None:
    """First statement of every page (``through_frame(__file__)``): when this run did not come
    through app.py (Streamlit's pages-folder mode ran the file alone), switch that mode off and
    run again through app.py. A page run on its own as the main script is left alone."""
    framed = st.session_state.pop(FRAMED, False)
    restarted = st.session_state.pop(RESTARTED, False)
    if framed or restarted or _main_script_is(page_file):
        return
    use_declared_navigation()
    st.session_state[RESTARTED] = True
    st.rerun()


def frame_first() -> None:
    """First statement of app.py: a run of app.py that Streamlit's pages-folder mode started (as
    the first page of its file-name menu) starts again as the frame, so the file-name menu it has
    already sent never stays on screen."""
    st.session_state.pop(FRAMED, None)  # only this run's hand-over counts
    if use_declared_navigation():
        st.rerun()


def page_link(path: str, label: str, icon: str) -> None:
    """``st.page_link`` to another page; a page run on its own (``AppTest.from_file`` on one page
    file, the smoke test Streamlit's app-testing action runs) has no navigation to link into, so
    the label is shown as plain text there instead of failing."""
    try:
        st.page_link(path, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.markdown(f"{icon} {label}")
