"""Pure helpers for the Sources & data page: column dictionaries and cited-source counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from components.data.loaders import Loaded, Problem, split_sources
from components.data.schema import TableSpec
from components.export.html import neutralise_formula
from components.i18n.text import t


def column_dictionary(spec: TableSpec) -> pd.DataFrame:
    """One row per column: name, type, required, allowed values, meaning."""
    return pd.DataFrame(
        [
            {
                "column": col.name,
                "kind": col.kind,
                "required": col.required,
                "allowed": ", ".join(col.allowed),
                "meaning": t(f"schema.{spec.name}.{col.name}"),
            }
            for col in spec.columns
        ]
    )


def cited_sources(table: pd.DataFrame) -> pd.DataFrame:
    """Every distinct source URL the table cites, with how many rows cite it (most first)."""
    urls = [url for cell in table.get("source_url", pd.Series(dtype=str)) for url in split_sources(cell)]
    counts = pd.Series(urls, dtype="string").value_counts()
    return pd.DataFrame({"url": counts.index.astype(str), "rows": counts.to_numpy(dtype=int)})


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV bytes of a typed table as shown: lists joined with ';' as in the data files, and text
    that a spreadsheet would run as a formula neutralised (numbers and dates stay as they are)."""
    flat = table.copy()
    for column in flat.columns:
        if any(isinstance(v, list) for v in flat[column]):
            flat[column] = flat[column].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        if flat[column].dtype == object or pd.api.types.is_string_dtype(flat[column]):
            flat[column] = flat[column].map(neutralise_formula).astype(object)
    return flat.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


HEALTH_COLUMNS = ["file", "severity", "line", "column", "expected", "found"]


def problem_rows(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as Data health rows: file, severity (error/warning), line, column, expected, found."""
    return pd.DataFrame(
        [
            {
                "file": p.file,
                "severity": p.severity,
                "line": p.line,
                "column": p.column or "",
                "expected": p.expected,
                "found": p.value,
            }
            for p in problems
        ],
        columns=HEALTH_COLUMNS,
    ).astype({"line": "Int64"})


def health_table(results: Mapping[str, Loaded]) -> pd.DataFrame:
    """Every table's problems, then its warnings (e.g. columns outside the contract, ignored)."""
    return problem_rows(p for loaded in results.values() for p in (*loaded.problems, *loaded.warnings))
