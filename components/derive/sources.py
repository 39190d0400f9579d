"""Pure helpers for the Sources & data page: column dictionaries and cited-source counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from components.data.loaders import Loaded, Problem, split_sources
from components.data.schema import TableSpec
from components.data.schema_ru import column_meaning
from components.i18n.text import current_language


def column_dictionary(spec: TableSpec) -> pd.DataFrame:
    """One row per column: name, type, required, allowed values, meaning."""
    return pd.DataFrame(
        [
            {
                "column": col.name,
                "kind": col.kind,
                "required": col.required,
                "allowed": ", ".join(col.allowed),
                "meaning": column_meaning(spec.name, col.name, col.description, current_language()),
            }
            for col in spec.columns
        ]
    )


def cited_sources(table: pd.DataFrame) -> pd.DataFrame:
    """Every distinct source URL the table cites, with how many rows cite it (most first)."""
    urls = [url for cell in table.get("source_url", pd.Series(dtype=str)) for url in split_sources(cell)]
    counts = pd.Series(urls, dtype="string").value_counts()
    return pd.DataFrame({"url": counts.index.astype(str), "rows": counts.to_numpy(dtype=int)})


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


def weak_only_rows(tables: Mapping[str, pd.DataFrame], publishers: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """Rows whose every source is a weak one (a mirror or aggregator): file, row id and sources.
    They are kept because no better source was found; the row's note says so."""
    from components.i18n.text import publisher_of

    found = []
    for name, table in tables.items():
        if "source_url" not in table:
            continue
        key = table.columns[0]
        for row_id, cell in zip(table[key], table["source_url"], strict=True):
            urls = split_sources(cell)
            kinds = [(publisher_of(url, publishers) or ("", "unknown"))[1] for url in urls]
            if urls and all(kind == "weak" for kind in kinds):
                found.append({"file": f"{name}.csv", "row": str(row_id), "sources": " ; ".join(urls)})
    return pd.DataFrame(found, columns=["file", "row", "sources"])
