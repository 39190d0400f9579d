"""Share, cite or export this view: the link, a citation, add to the deck, offline HTML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

import streamlit as st

from components.export.html import briefing_html
from components.export.links import citation, describe_state, share_url
from components.export.pptx import briefing_pptx, renderer_problem
from components.i18n.text import current_language, t
from components.model.base import PageModel
from components.model.deck import value_names
from components.model.state import PageSpec
from components.ui.cache import current_data_version, load_tables
from components.ui.frame import get_deck, save_deck
from components.ui.state import query_dict

EXCLUDED_FROM_LINK = ("present",)
# The tables whose codes a link may carry (states, bodies, exercises, events): a citation names them.
NAMED_TABLES = ("members", "bodies", "exercises", "events")


def view_params(spec: PageSpec) -> dict[str, list[str]]:
    """This view's link parameters: the page's state plus the app's (language, deck)."""
    return {key: values for key, values in query_dict().items() if key not in EXCLUDED_FROM_LINK}


def _add_to_deck(page: str, params: dict[str, list[str]], title: str, lang: str) -> None:
    deck = list(get_deck())
    deck.append({"page": page, "params": params, "title": title, "notes": "", "lang": lang})
    save_deck(deck)
    st.toast(t("share.added", count=len(deck)), icon=":material/check:")


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
    st.download_button(
        label,
        data=build,
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
        described = describe_state(spec, page_params, names=value_names(load_tables(NAMED_TABLES), current_language()))
        st.code(citation(model.title, described, version, date.today(), url), language=None, wrap_lines=True)
        st.button(
            t("share.add_to_deck"),
            key=f"add_view_{spec.page}",
            on_click=_add_to_deck,
            args=(spec.page, page_params, "", current_language()),
            icon=":material/playlist_add:",
        )
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
