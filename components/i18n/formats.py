"""Numbers and dates as each interface language writes them, from Babel's CLDR data.

One module for all display formatting, so that no page hand-writes a month name or a thousands
separator: English groups "101,850" and writes "7 December 2026"; Russian groups "101 850" (with
a no-break space, so the number never breaks across lines) and writes "7 декабря 2026 г.".
Downloads do not use this: CSV files keep ISO dates and plain numbers for machines.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

# The CLDR locale for each interface language. British English: day before month, no comma.
LOCALES = {"en": "en_GB", "ru": "ru"}
DEFAULT_LOCALE = LOCALES["en"]
# A whole number has no decimals; any other number is shown to one decimal place.
DECIMAL_PATTERN = "#,##0.#"


def locale_of(lang: str) -> str:
    """The Babel locale for an interface language (English for anything unknown)."""
    return LOCALES.get(lang, DEFAULT_LOCALE)


def format_number(value: float | int, lang: str) -> str:
    """A number grouped by thousands in the language's way: 101,850 / 101 850; 2.5 / 2,5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, format=DECIMAL_PATTERN, locale=locale_of(lang))


def format_date(day: date | datetime, lang: str, precision: str = "day", short: bool = False) -> str:
    """A date only as exact as it is known: a year "2026"; a month "December 2026" / "декабрь
    2026 г."; a day "7 December 2026" / "7 декабря 2026 г.", or with ``short`` "7 Dec 2026" /
    "7 дек. 2026 г." (where room is scarce: map titles, metrics)."""
    if isinstance(day, datetime):
        day = day.date()
    locale = locale_of(lang)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        # A month on its own is named in the nominative ("май", not "мая"): CLDR's yMMMM skeleton.
        return format_skeleton("yMMMM", day, locale=locale)
    return babel_date(day, "medium" if short else "long", locale=locale)
