"""Sources by name for files that leave the app (pure apart from reading the source registry):
an HTML slideshow or a PowerPoint has no Sources & data page to point to, so each slide names its
sources' publishers and lists every source with its publisher, kind and address."""

from __future__ import annotations

from collections.abc import Mapping

from components.data.loaders import DataValidationError, read_table
from components.i18n.text import publisher_of, t
from components.model.base import PageModel
from components.model.deck import publisher

Publishers = Mapping[str, tuple[str, str]]
NAMED_ON_THE_LINE = 3


def registry_publishers(lang: str) -> dict[str, tuple[str, str]]:
    """Web domain -> (publisher in ``lang``, kind) from data/sources.csv ({} if it does not load:
    the sources are then named by their web domain)."""
    try:
        registry = read_table("sources")
    except DataValidationError:
        return {}
    names = [
        ru if lang == "ru" and isinstance(ru, str) and ru else en
        for en, ru in zip(registry["publisher"], registry["publisher_ru"], strict=True)
    ]
    return dict(zip(registry["domain"], zip(names, registry["kind"].astype(str), strict=True), strict=True))


def publisher_name(url: str, publishers: Publishers) -> str:
    """Who published the source, as a briefer would name them (its web domain if unregistered)."""
    known = publisher_of(url, publishers)
    return known[0] if known else publisher(url)


def publisher_names(urls: list[str], publishers: Publishers) -> list[str]:
    """The distinct publishers of ``urls``, in the order they are first cited."""
    return list(dict.fromkeys(publisher_name(url, publishers) for url in urls))


def slide_sources(model: PageModel) -> list[str]:
    """The view's sources, those of the item its card shows first (the slide is about that item)."""
    card = getattr(model.detail, "card", None) or {}
    return list(dict.fromkeys([*card.get("sources", []), *model.sources]))


def cited_for(model: PageModel) -> dict[str, str]:
    """Source address -> what it is cited for on the slide, where known: the card's item, its
    title and dates ('CSTO Collective Peacekeeping Forces deployed to Kazakhstan, 6 January 2022 …')."""
    card = getattr(model.detail, "card", None) or {}
    what = ", ".join(str(part) for part in (card.get("title") or card.get("name"), card.get("dates")) if part)
    return dict.fromkeys(card.get("sources", []), what) if what else {}


def offline_source_line(model: PageModel, version: str, lang: str, publishers: Publishers, where: str) -> str:
    """A slide's line of provenance in a file: the data version and its sources' publishers by
    name (the first three, then how many more), and ``where`` (a catalogue key) the full list is."""
    names = publisher_names(slide_sources(model), publishers)
    more = len(names) - NAMED_ON_THE_LINE
    return t(
        "export.source_line",
        lang,
        version=version,
        names=", ".join(names[:NAMED_ON_THE_LINE]) or "—",
        more=t("present.source_more", lang, count=more) if more > 0 else "",
        where=t(where, lang),
    )


def source_entry(url: str, publishers: Publishers, lang: str, about: str = "") -> str:
    """One source in a file's list: publisher (kind) — what it is cited for, where known — address."""
    known = publisher_of(url, publishers)
    name = f"{known[0]} ({t(f'source_kind.{known[1]}', lang)})" if known else publisher(url)
    return " — ".join(part for part in (name, about, url) if part)
