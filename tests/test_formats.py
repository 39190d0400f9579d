"""Numbers and dates in each language's conventions (Babel), and downloads that stay machine-readable."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.export.csv import to_csv_bytes
from components.i18n.formats import format_date, format_number
from components.i18n.text import language
from components.model.base import display_frame
from components.model.pages import build_from_params
from tests.conftest import FIXED_TODAY

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"  # CLDR keeps "г." on the line of its year with a narrow no-break space
DAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (101850, "en", "101,850"),
        (101850, "ru", f"101{NBSP}850"),
        (19700.0, "ru", f"19{NBSP}700"),
        (1_000_000, "ru", f"1{NBSP}000{NBSP}000"),
        (2.5, "en", "2.5"),
        (2.5, "ru", "2,5"),
        (999, "ru", "999"),
        (0, "en", "0"),
    ],
)
def test_numbers_are_grouped_as_the_language_groups_them(value, lang, expected):
    assert format_number(value, lang) == expected


@pytest.mark.parametrize(
    ("precision", "short", "lang", "expected"),
    [
        ("day", False, "en", "7 December 2026"),
        ("day", True, "en", "7 Dec 2026"),
        ("month", False, "en", "December 2026"),
        ("year", False, "en", "2026"),
        ("day", False, "ru", "7 декабря 2026 г."),
        ("day", True, "ru", "7 дек. 2026 г."),
        ("month", False, "ru", "декабрь 2026 г."),
        ("year", False, "ru", "2026"),
    ],
)
def test_dates_are_written_as_the_language_writes_them(precision, short, lang, expected):
    assert format_date(DAY, lang, precision, short).replace(NARROW_NBSP, " ") == expected


def test_a_month_alone_is_nominative_in_russian_and_a_day_genitive():
    assert format_date(date(1992, 5, 15), "ru").startswith("15 мая 1992")
    assert format_date(date(1992, 5, 1), "ru", "month").startswith("май 1992")


def test_a_timestamp_and_an_unknown_language_are_handled():
    assert format_date(datetime(2026, 12, 7, 13, 30), "en") == "7 December 2026"
    assert format_date(DAY, "xx") == "7 December 2026"
    assert format_number(1500, "xx") == "1,500"


def test_display_tables_group_numbers_in_the_interface_language():
    frame = pd.DataFrame({"personnel": [101850.0, None]})
    with language("ru"):
        assert display_frame(frame)["personnel"].tolist() == [f"101{NBSP}850", ""]
    with language("en"):
        assert display_frame(frame)["personnel"].tolist() == ["101,850", ""]


def test_russian_downloads_keep_iso_dates_and_plain_numbers():
    """Only the display is localized: the CSV a Russian viewer downloads reads back as numbers and
    ISO dates in any spreadsheet or script."""
    tables = read_all(today=FIXED_TODAY)
    model, _ = build_from_params("exercises", {}, tables, "ru", FIXED_TODAY)
    table = model.tables[0]
    written = pd.read_csv(io.BytesIO(to_csv_bytes(table.download)))
    numbers = [column for column in written.columns if pd.api.types.is_numeric_dtype(written[column])]
    assert numbers, "the exercise rows keep numeric columns"
    text = to_csv_bytes(table.download).decode("utf-8")
    assert NBSP not in text and NARROW_NBSP not in text
    dates = [c for c in table.download.columns if pd.api.types.is_datetime64_any_dtype(table.download[c])]
    for column in dates:
        assert written[column].dropna().astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), column
