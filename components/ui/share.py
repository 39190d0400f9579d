"""Share, cite or export this view: the link, a citation, add to the deck, offline HTML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

import streamlit as st

from components.export.html import briefing_html
from components.export.links import citation, describe_state, share_url
from components.export.pptx import briefing_pptx, renderer_problem
from components.i18n.text import current_language, t, tmd
from components.model.base import Chart, PageModel
from components.model.deck import slide_chart, value_names
from components.model.state import PageSpec
from components.ui.cache import current_data_version, loadable_tables
from components.ui.frame import change_deck, get_deck
from components.ui.state import query_dict

EXCLUDED_FROM_LINK = ("present",)
# The tables whose codes a link may carry (states, bodies, exercises, events): a citation names them.
NAMED_TABLES = ("members", "bodies", "exercises", "events")


def view_params(spec: PageSpec) -> dict[str, list[str]]:
    """This view's link parameters: the page's state plus the app's (language, deck)."""
    return {key: values for key, values in query_dict().items() if key not in EXCLUDED_FROM_LINK}


EXPORT_PROBLEMS = "_export_problems"


def _add_to_deck(page: str, params: dict[str, list[str]], chart: str | None = None) -> None:
    """A slide of this view (or of one of its charts). Its title is derived from the view when
    shown, in the slide's language; it keeps no language of its own unless every slide of the
    deck has the same one (the deck-wide switch), so ``?lang=ru`` shows it in Russian."""
    deck = list(get_deck())
    slide: dict = {"page": page, "params": params, "title": "", "notes": ""}
    pinned = {view.get("lang") for view in deck}
    if len(pinned) == 1 and None not in pinned:
        slide["lang"] = pinned.pop()
    if chart:
        slide["chart"] = chart
    change_deck([*deck, slide], ("deck.action.add", {"number": len(deck) + 1}))
    st.toast(t("share.added", count=len(deck) + 1), icon=":material/check:")


def _extra_charts(model: PageModel) -> list[Chart]:
    """The view's charts other than the one its slide shows anyway (the matrix, the network...)."""
    shown = slide_chart(model)
    return [chart for chart in model.charts if shown is None or chart.key != shown.key]


def _chart_picker(page: str, params: dict[str, list[str]], charts: list[Chart]) -> None:
    """Any other chart of the view (the matrix, the network, the status map...) as its own slide:
    picking one adds it; the picker empties again for the next one."""
    if not charts:
        return
    key = f"add_chart_{page}"
    titles = {chart.key: chart.title for chart in charts}

    def add() -> None:
        chosen = st.session_state.get(key)
        st.session_state[key] = None
        if chosen in titles:
            _add_to_deck(page, params, chosen)

    st.selectbox(
        t("share.add_chart"),
        list(titles),
        index=None,
        format_func=lambda chart: titles.get(chart, chart),
        key=key,
        on_change=add,
        placeholder=t("share.add_chart_placeholder"),
        help=t("share.add_chart_help"),
    )


def guarded_export(build: Callable[[], bytes], key: str) -> Callable[[], bytes]:
    """An export built on click that never fails silently: Streamlit shows "Failed to generate
    file" under the button, and the reason is kept in the session (a dict captured now, because
    the build runs outside the script) for ``export_problem`` to show on the next run."""
    problems: dict[str, str] = st.session_state.setdefault(EXPORT_PROBLEMS, {})

    def build_or_report() -> bytes:
        try:
            return build()
        except Exception as error:  # every failure is reported, then re-raised
            problems[key] = f"{type(error).__name__}: {error}"[:300]
            raise

    return build_or_report


def export_problem(key: str) -> None:
    """The reason the last export with this key failed, shown once."""
    problem = st.session_state.get(EXPORT_PROBLEMS, {}).pop(key, None)
    if problem:
        st.error(tmd("briefing.export_failed", reason=problem), icon=":material/error:")


def _export(model: PageModel, version: str) -> Callable[[], bytes]:
    """Deferred HTML export of this view: the model the page shows, built only on click."""

    def build() -> bytes:
        return briefing_html([model], version, date.today(), title=model.title).encode("utf-8")

    return build


def pptx_download(label: str, build: Callable[[], bytes], file_name: str, key: str) -> None:
    """A PowerPoint download built only on click, or what to install when the renderer is missing."""
    problem = renderer_problem()
    if problem is not None:
        st.caption(t("pptx.missing", what=problem.what, install=problem.install))
        return
    export_problem(key)
    st.download_button(
        label,
        data=guarded_export(build, key),
        file_name=file_name,
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key=key,
        on_click="ignore",
        icon=":material/slideshow:",
    )


def _export_pptx(model: PageModel, version: str, lang: str) -> Callable[[], bytes]:
    def build() -> bytes:
        return briefing_pptx([model], version, date.today(), langs=[lang])

    return build


def share_panel(spec: PageSpec, model: PageModel) -> None:
    """Copy link, cite this view, add it to the briefing deck, export it (offline HTML, PowerPoint),
    present it as a full-screen slide."""
    params = view_params(spec)
    page_params = {k: v for k, v in params.items() if k in spec.keys}
    path = (st.context.url and urlsplit(st.context.url).path) or spec.page
    view_only = {k: v for k, v in params.items() if k != "deck"}
    present_url = share_url(st.context.url, path, {**view_only, "present": ["1"]})
    url = share_url(st.context.url, path, view_only)
    version = current_data_version()
    with st.popover(t("share.button"), icon=":material/share:"):
        st.markdown(f"**{t('share.link')}**")
        st.code(url, language=None, wrap_lines=True)
        st.markdown(f"**{t('share.cite')}**")
        names = value_names(loadable_tables(NAMED_TABLES), current_language())
        described = describe_state(spec, page_params, names=names)
        st.code(citation(model.title, described, version, date.today(), url), language=None, wrap_lines=True)
        st.button(
            t("share.add_to_deck"),
            key=f"add_view_{spec.page}",
            on_click=_add_to_deck,
            args=(spec.page, page_params),
            icon=":material/playlist_add:",
        )
        _chart_picker(spec.page, page_params, _extra_charts(model))
        st.download_button(
            t("share.export_html"),
            data=_export(model, version),
            file_name=f"csto-{spec.page}-view.html",
            mime="text/html",
            key=f"export_view_{spec.page}",
            on_click="ignore",
            icon=":material/download:",
        )
        pptx_download(
            t("pptx.download_view"),
            _export_pptx(model, version, current_language()),
            f"csto-{spec.page}-view.pptx",
            f"pptx_view_{spec.page}",
        )
        st.link_button(
            t("present.view"), present_url, help=t("present.view_help"), icon=":material/slideshow:", type="tertiary"
        )
