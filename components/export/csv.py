"""CSV downloads as a spreadsheet can open them safely (pure)."""

from __future__ import annotations

import csv
import re

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A formula may also start after a field separator a spreadsheet might use (';' in many locales,
# ',' or a tab): ``x;=HYPERLINK(...)`` splits into ``x`` and a live formula there.
_AFTER_SEPARATOR = re.compile(r"([;,\t]\s*)([=+\-@])")


def neutralise_formula(value: object) -> object:
    """Text a spreadsheet would run as a formula, at the start or after a separator, gets an
    apostrophe before it; numbers and dates stay as they are."""
    if not isinstance(value, str):
        return value
    value = _AFTER_SEPARATOR.sub(r"\1'\2", value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV bytes of a typed table as shown: lists joined with ';' as in the data files, text that
    a spreadsheet would run as a formula neutralised, every text field quoted."""
    flat = table.copy()
    for column in flat.columns:
        if any(isinstance(v, list) for v in flat[column]):
            flat[column] = flat[column].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        if flat[column].dtype == object or pd.api.types.is_string_dtype(flat[column]):
            flat[column] = flat[column].map(neutralise_formula).astype(object)
    return flat.to_csv(index=False, date_format="%Y-%m-%d", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")
