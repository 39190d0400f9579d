"""Shareable, citable views: link parameters, their checks, and one-line citations (pure)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

from components.i18n.text import t

# Parameters the frame itself understands on every page.
APP_KEYS = frozenset({"present", "lang", "country"})
MAX_PARAM_LENGTH = 200

# Link parameters (widget keys) and the catalogue key of the label that describes them.
PARAM_LABELS = {
    "asof": "membership.as_of",
    "ms": "membership.milestones",
    "focus": "membership.focus",
    "ev_cat": "membership.events.category",
    "ev_state": "membership.events.state",
    "ev_years": "membership.events.years",
    "kinds": "structure.kinds",
    "layout": "structure.layout",
    "year": "structure.year",
    "body": "structure.search",
    "ex_years": "exercises.years",
    "ex_series": "exercises.series",
    "ex_hosts": "exercises.hosts",
    "ex_participants": "exercises.participants",
    "ex_status": "exercises.status",
    "ex_force": "exercises.force",
    "ex_text": "exercises.search",
    "exercise": "exercises.pick",
    "slide": "briefing.slide",
}


def link_params(params: Mapping[str, str | list[str]]) -> dict[str, list[str]]:
    """Query parameters as ``{key: [values]}`` (Streamlit gives a value or a list of them)."""
    return {key: list(value) if isinstance(value, list | tuple) else [str(value)] for key, value in params.items()}


def rejected_params(
    before: Mapping[str, list[str]],
    after: Mapping[str, list[str]],
    known_keys: Collection[str],
) -> tuple[list[str], list[str]]:
    """Which link parameters were ignored: (unknown keys, keys whose values were not valid).

    ``before`` is the link as opened; ``after`` the query string once the page's widgets have read
    it (Streamlit drops a bound value it cannot use); ``known_keys`` are the keys this page knows.
    """
    unknown = sorted(key for key in before if key not in known_keys and key not in APP_KEYS)
    invalid = sorted(
        key for key, values in before.items() if key in known_keys and key not in APP_KEYS and after.get(key) != values
    )
    return unknown, invalid


def describe_view(params: Mapping[str, list[str]], lang: str | None = None) -> str:
    """What the view shows, in words: each set parameter with its label ('As of: 1995-01-01')."""
    parts = []
    for key, values in params.items():
        if key in PARAM_LABELS and values:
            shown = ", ".join(v[:60] for v in values)
            parts.append(f"{t(PARAM_LABELS[key], lang)}: {shown}")
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
