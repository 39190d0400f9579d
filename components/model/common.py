"""Fields and helpers every page model shares (pure)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from components.i18n.names import state_names
from components.i18n.text import LANGUAGES
from components.model.state import Code, Domain, Field

# The country in focus is part of every page's state: ``?country=KGZ`` on any page, saved with
# every slide, carried by every sidebar click.
COUNTRY = Field("country", Code(), "country.picker")
# Russian short names the data used before it followed the CSTO's own usage (Беларусь,
# Кыргызстан): links made then carried them.
FORMER_RUSSIAN_NAMES = {"Белоруссия": "BLR", "Киргизия": "KGZ"}


def state_aliases(members: pd.DataFrame) -> dict[str, str]:
    """Labels older links carried for a state (English and Russian names, the picker's long
    label) -> ISO code, so ``ex_hosts=Kyrgyzstan`` and ``ex_hosts=Кыргызстан`` still open."""
    aliases: dict[str, str] = dict(FORMER_RUSSIAN_NAMES)
    for lang in LANGUAGES:
        for code, name in state_names(members, lang).items():
            aliases[name] = code
            aliases[f"{name} ({code})"] = code
    for row in members.itertuples():
        aliases[f"{row.name_en} ({row.name_ru}, {row.iso3})"] = row.iso3
        aliases[f"{row.name_ru} ({row.name_en}, {row.iso3})"] = row.iso3
    return aliases


def country_domain(members: pd.DataFrame) -> tuple[dict, dict]:
    """The options and aliases of the shared ``country`` field."""
    codes = list(members["iso3"])
    return {"country": codes}, {"country": state_aliases(members)}


def merged_domain(*parts: Domain) -> Domain:
    """One domain from several (later parts win)."""
    return Domain(
        options={k: v for p in parts for k, v in p.options.items()},
        aliases={k: v for p in parts for k, v in p.aliases.items()},
        bounds={k: v for p in parts for k, v in p.bounds.items()},
        defaults={k: v for p in parts for k, v in p.defaults.items()},
    )


def year_span(dates: pd.Series, fallback: tuple[int, int]) -> tuple[int, int]:
    """First and last year in a date column (at least two years apart for a usable slider)."""
    if dates.dropna().empty:
        return fallback
    low, high = int(dates.dt.year.min()), int(dates.dt.year.max())
    return low, max(high, low + 1)


def last_of(name: str) -> Callable[[Domain], object]:
    """A field's default: the upper bound of its domain (today, the latest year)."""
    return lambda domain: domain.bounds[name][1]


def iso(day: date) -> str:
    return day.isoformat()
