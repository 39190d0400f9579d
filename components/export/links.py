"""Shareable, citable views: links and one-line citations (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

from components.i18n.text import t
from components.model.deck import describe_params
from components.model.state import PageSpec


def describe_state(
    spec: PageSpec,
    params: Mapping[str, list[str]],
    lang: str | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """What the view shows, in words: each set field with its label and its values by name
    ('As of: 1995-01-01', 'Participants: Armenia, Kazakhstan'); ``names`` (code -> name,
    ``model.deck.value_names``) turns codes into names, a citation must not show 'ARM, KAZ'."""
    return describe_params(spec, dict(params), lang, dict(names or {}))


def share_url(page_url: str | None, path: str, params: Mapping[str, list[str]]) -> str:
    """The link that reopens this view: the page's own address with the current parameters."""
    query = urlencode([(key, value) for key, values in params.items() for value in values])
    if page_url:
        scheme, netloc, _, _, _ = urlsplit(page_url)
        return urlunsplit((scheme, netloc, "/" + path.strip("/"), query, ""))
    return "/" + path.strip("/") + (f"?{query}" if query else "")


def citation(page_title: str, description: str, version: str, accessed: date, url: str, lang: str | None = None) -> str:
    """One line a briefer can paste under a slide or into a footnote."""
    return t(
        "share.citation",
        lang,
        page=page_title,
        what=description,
        version=version,
        accessed=accessed.isoformat(),
        url=url,
    )
