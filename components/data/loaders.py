"""Read, validate and type the CSV tables. Pure functions: no Streamlit here.

Every problem in a file is collected at once (pandera, lazy) and raised as one
``DataValidationError`` that names the file and, per problem, the line, the column and what was
expected — so someone fixing a data file sees everything in one pass.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.errors import SchemaErrors

from components.data.schema import TABLES, Column, TableSpec

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "CSTO_DATA_DIR"
EARLIEST_DATE = date(1991, 1, 1)
LIST_SEPARATOR = ";"
SOURCE_SEPARATOR = " ; "
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An http(s) address without the characters RFC 3986 never allows (spaces, quotes, angle brackets…).
_URL = re.compile(r"^https?://[^\s<>\"'`{}|\\^]+$")
MAX_FILE_BYTES = 200_000_000
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located precisely enough to fix it."""

    file: str
    line: int | None  # line in the file as a text editor counts it (header is line 1)
    column: str | None
    expected: str
    value: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        found = f" (found {self.value!r})" if self.value != "" else ""
        return f"{', '.join(where)}: expected {self.expected}{found}"


class DataValidationError(ValueError):
    """A data file failed validation; ``problems`` lists every issue found."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n- … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{file}: {len(problems)} problem(s)\n{shown}{more}")


def data_dir() -> Path:
    """The data folder in use: ``$CSTO_DATA_DIR`` when set, else the shipped ``data/``."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override) if override else DEFAULT_DATA_DIR


def table_path(name: str, folder: Path | None = None) -> Path:
    return (folder or data_dir()) / TABLES[name].file_name


def is_iso3(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-3 code (current or historic) per pycountry."""
    if not re.fullmatch(r"[A-Z]{3}", code or ""):
        return False
    return bool(pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code))


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into trimmed, non-empty items."""
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]


def split_sources(value: str) -> list[str]:
    return [item.strip() for item in str(value).split(SOURCE_SEPARATOR.strip()) if item.strip()]


def _parse_date(value: str) -> date | None:
    if not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _as_float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _element_checks(col: Column, refs: dict[str, frozenset[str]], today: date) -> list[pa.Check]:
    """pandera checks for one column; empty cells are only judged by the 'required' check."""

    def ignoring_empty(fn, error: str) -> pa.Check:
        return pa.Check(lambda v: v == "" or fn(v), element_wise=True, error=error)

    checks: list[pa.Check] = []
    if col.required:
        checks.append(pa.Check(lambda v: v.strip() != "", element_wise=True, error="a value (required)"))
    if col.kind == "date":
        checks.append(
            ignoring_empty(
                lambda v: (d := _parse_date(v)) is not None and EARLIEST_DATE <= d <= today,
                f"an ISO date YYYY-MM-DD between {EARLIEST_DATE.isoformat()} and {today.isoformat()}",
            )
        )
    elif col.kind == "enum":
        checks.append(ignoring_empty(lambda v: v in col.allowed, "one of " + ", ".join(col.allowed)))
    elif col.kind in ("float", "int"):
        lo, hi = col.min_value, col.max_value

        def in_range(v: str) -> bool:
            number = _as_float(v)
            if number is None or (col.kind == "int" and not re.fullmatch(r"\d+", v)):
                return False
            return (lo is None or number >= lo) and (hi is None or number <= hi)

        kind = "a whole number" if col.kind == "int" else "a number"
        checks.append(ignoring_empty(in_range, f"{kind} between {lo:g} and {hi:g}"))
    elif col.kind == "url":
        checks.append(
            ignoring_empty(
                lambda v: all(_URL.match(u) for u in split_sources(v)) and bool(split_sources(v)),
                "one or more http(s) URLs separated by ' ; '",
            )
        )
    if col.kind in ("iso3", "iso3_list"):
        known = refs.get("members")
        checks.append(
            ignoring_empty(
                lambda v: all(is_iso3(code) for code in split_list(v)),
                "ISO 3166-1 alpha-3 state code(s), e.g. KAZ or ARM;RUS",
            )
        )
        if known is not None:
            checks.append(
                ignoring_empty(
                    lambda v: all(code in known for code in split_list(v) if is_iso3(code)),
                    "state code(s) listed in members.csv",
                )
            )
    elif col.references == "bodies" and refs.get("bodies") is not None:
        known_bodies = refs["bodies"]
        checks.append(ignoring_empty(lambda v: v in known_bodies, "a body_id listed in bodies.csv"))
    return checks


def build_schema(spec: TableSpec, refs: dict[str, frozenset[str]], today: date) -> pa.DataFrameSchema:
    """A pandera schema over the raw text cells of one table."""
    columns = {
        col.name: pa.Column(str, checks=_element_checks(col, refs, today), nullable=False, unique=col.name == spec.key)
        for col in spec.columns
    }
    return pa.DataFrameSchema(columns, strict=False, ordered=False)


def _decode(raw: bytes, file_name: str) -> str:
    if b"\x00" in raw[:65536]:
        raise DataValidationError(file_name, [Problem(file_name, None, None, "a UTF-8 text file (found binary data)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        expected = f"UTF-8 text (byte {exc.start} cannot be decoded; save the file as UTF-8)"
        raise DataValidationError(file_name, [Problem(file_name, line, None, expected)]) from None


def _structure_problems(spec: TableSpec, text: str, name: str) -> list[Problem]:
    """Problems pandas would otherwise hide: empty file, wrong delimiter, ragged rows, quoting."""
    if not text.strip():
        return [
            Problem(
                name, None, None, "a header row with columns " + ", ".join(spec.column_names) + " (the file is empty)"
            )
        ]
    problems: list[Problem] = []
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as exc:
        return [Problem(name, None, None, f"well-formed CSV ({exc})")]
    header = [h.strip() for h in rows[0]]
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        return [
            Problem(
                name,
                1,
                None,
                "comma-separated columns (the header looks separated by another character)",
                header[0][:80],
            )
        ]
    missing = [c for c in spec.column_names if c not in header]
    if missing:
        problems.append(Problem(name, 1, None, "columns " + ", ".join(missing) + " in the header (missing)"))
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        problems.append(Problem(name, 1, None, "each column once (repeated: " + ", ".join(duplicated) + ")"))
    for line_no, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(header):
            problems.append(Problem(name, line_no, None, f"{len(header)} fields like the header", f"{len(row)} fields"))
    return problems


def _problems_from_pandera(file_name: str, errors: SchemaErrors) -> list[Problem]:
    problems = []
    cases = errors.failure_cases
    for _, case in cases.iterrows():
        index = case.get("index")
        line = int(index) + 2 if pd.notna(index) else None
        check = str(case.get("check") or "")
        expected = check
        if check == "field_uniqueness":
            expected = "a unique value (duplicate id)"
        problems.append(
            Problem(
                file_name,
                line,
                str(case.get("column") or "") or None,
                expected,
                str(case.get("failure_case") or ""),
            )
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.column or ""))


def _typed(spec: TableSpec, raw: pd.DataFrame) -> pd.DataFrame:
    """Turn validated text cells into typed columns: dates, numbers, categoricals and lists."""
    typed = pd.DataFrame(index=raw.index)
    for col in spec.columns:
        values = raw[col.name]
        if col.kind == "date":
            typed[col.name] = pd.to_datetime(values.replace("", None), format="%Y-%m-%d")
        elif col.kind == "float":
            typed[col.name] = pd.to_numeric(values.replace("", None)).astype("Float64")
        elif col.kind == "int":
            typed[col.name] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif col.kind == "enum":
            typed[col.name] = pd.Categorical(values.replace("", None), categories=list(col.allowed))
        elif col.kind in ("iso3_list", "list"):
            typed[col.name] = values.map(split_list)
        else:
            typed[col.name] = values.str.strip().astype("string")
    if spec.order_by:
        typed = typed.sort_values(list(spec.order_by), kind="stable")
    return typed.reset_index(drop=True)


def read_table(
    name: str,
    folder: Path | None = None,
    refs: dict[str, frozenset[str]] | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Read one table file, validate it, and return it typed.

    Args:
        name: table name, a key of ``components.data.schema.TABLES``.
        folder: data folder; defaults to ``data_dir()``.
        refs: ids of referenced tables (``{"members": {...}, "bodies": {...}}``) for key checks.
        today: upper bound for dates (tests pass a fixed day).

    Raises:
        DataValidationError: naming the file and every problem found.
    """
    spec = TABLES[name]
    path = table_path(name, folder)
    if not path.exists():
        raise DataValidationError(
            spec.file_name, [Problem(spec.file_name, None, None, f"the file at {path} (not found)")]
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DataValidationError(spec.file_name, [_too_big(spec.file_name, path.stat().st_size)])
    return parse_table(name, path.read_bytes(), refs, today)


def _too_big(file_name: str, size: int, limit: int = MAX_FILE_BYTES) -> Problem:
    return Problem(file_name, None, None, f"a file of at most {limit:,} bytes", f"{size:,} bytes")


def parse_table(
    name: str,
    raw: bytes,
    refs: dict[str, frozenset[str]] | None = None,
    today: date | None = None,
    file_name: str | None = None,
    max_rows: int = MAX_ROWS,
) -> pd.DataFrame:
    """Validate and type one table from its bytes (a file, or an upload that never touches disk).

    The row cap is checked by counting line breaks before anything is parsed.
    """
    spec = TABLES[name]
    shown_name = file_name or spec.file_name
    lines = raw.count(b"\n")
    if lines > max_rows + 1:
        raise DataValidationError(
            shown_name, [Problem(shown_name, None, None, f"at most {max_rows:,} rows", f"{lines:,} lines")]
        )
    text = _decode(raw, shown_name)
    structural = _structure_problems(spec, text, shown_name)
    if structural:
        raise DataValidationError(shown_name, structural)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=False)
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame[spec.column_names]
    schema = build_schema(spec, refs or {}, today or date.today())
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        raise DataValidationError(shown_name, _problems_from_pandera(shown_name, errors)) from None
    return _typed(spec, frame)


def ids_of(table: pd.DataFrame, key: str) -> frozenset[str]:
    return frozenset(str(v) for v in table[key])


def read_all(folder: Path | None = None, today: date | None = None) -> dict[str, pd.DataFrame]:
    """Read every table in dependency order (tests and exports; pages load only what they need)."""
    members = read_table("members", folder, today=today)
    bodies = read_table("bodies", folder, today=today)
    refs = {"members": ids_of(members, "iso3"), "bodies": ids_of(bodies, "body_id")}
    tables = {"members": members, "bodies": bodies}
    for name in TABLES:
        if name not in tables:
            tables[name] = read_table(name, folder, refs=refs, today=today)
    return tables
