"""Shareable, citable views: links and one-line citations (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

from components.i18n.text import t
from components.model.state import PageSpec


def describe_state(spec: PageSpec, params: Mapping[str, list[str]], lang: str | None = None) -> str:
    """What the view shows, in words: each set field with its label ('As of: 1995-01-01')."""
    parts = []
    for field in spec.fields:
        values = params.get(field.name)
        if values:
            shown = ", ".join(v[:60] for v in values if v) or "—"
            parts.append(f"{t(field.label, lang)}: {shown}")
    return "; ".join(parts) if parts else t("share.default_view", lang)


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
