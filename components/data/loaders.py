"""Read, validate and type the CSV tables. Pure functions: no Streamlit here.

One function per column kind (``parse_cell``) both checks a cell and gives its typed value, so
whatever passes validation is typed by construction. Every problem in a file is collected at once
and reported as one ``DataValidationError`` naming the file and, per problem, the line, the column
and what was expected — so someone fixing a data file sees everything in one pass. Nothing that
goes wrong while loading a table escapes as a raw exception, and no message names a server path.

``load_result`` / ``parse_result`` never raise: they return a ``Loaded`` (the typed table, or the
problems), so a cache can keep failures as well as tables. ``read_table`` / ``parse_table`` raise.
"""

from __future__ import annotations

import csv
import functools
import gc
import io
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal, TypedDict, Unpack

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.errors import SchemaError, SchemaErrors

from components.data.schema import DEPENDS_ON, LOAD_ORDER, TABLES, Column, TableSpec
from components.data.spam import host_of, spam_domain, spam_in_text

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "CSTO_DATA_DIR"
EARLIEST_DATE = date(1991, 1, 1)
LIST_SEPARATOR = ";"
SOURCE_SEPARATOR = " ; "
# ASCII digits only: Unicode \d would let full-width or Arabic-Indic digits through.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)
_WHOLE = re.compile(r"[+-]?[0-9]{1,15}", re.ASCII)
_CODE = re.compile(r"[A-Z]{3}", re.ASCII)
# Ids travel in links (?exercise=…) and widget keys: plain ASCII, no spaces, no markup.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", re.ASCII)
ID_EXPECTED = "an identifier of ASCII letters, digits, '-', '_' or '.' (at most 100 characters)"
# An http(s) address without the characters RFC 3986 never allows (spaces, quotes, angle brackets…).
_URL = re.compile(r"https?://[^\s<>\"'`{}|\\^]+")
MAX_FILE_BYTES = 200_000_000
MAX_ROWS = 200_000
# The longest field in the shipped data is under 2,000 characters; a longer one is a broken file.
MAX_FIELD_CHARS = 10_000
# At most this many problems are kept per file (a wholly wrong 100,000-row file would otherwise
# make millions); the last one says how many more there were.
MAX_PROBLEMS = 1_000
# The csv module's own limit (131,072 characters) would stop on a long field with a message that
# names neither line nor column. It is raised deliberately, once, to the file size cap; each field
# is then measured against MAX_FIELD_CHARS and reported with its line and column.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES + 1))

Severity = Literal["error", "warning"]
Refs = Mapping[str, frozenset[str]]
# The key of every table another table references, from the schema's declarations.
REF_KEYS: dict[str, str] = {
    ref: str(TABLES[ref].key) for name in LOAD_ORDER for ref in DEPENDS_ON[name] if TABLES[ref].key
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located precisely enough to fix it.

    ``severity="warning"``: worth showing (Data health) but the table still loads, e.g. a column
    that is not part of the contract and is ignored."""

    file: str
    line: int | None  # line in the file as a text editor counts it (header is line 1)
    column: str | None
    expected: str
    value: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        found = f" (found {self.value!r})" if self.value != "" else ""
        if self.severity == "warning":
            return f"{', '.join(where)}: warning: {self.expected}{found}"
        return f"{', '.join(where)}: expected {self.expected}{found}"


class DataValidationError(ValueError):
    """A data file failed validation; ``problems`` lists every issue found."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = f"\n- … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{file}: {len(self.problems)} problem(s)\n{shown}{more}")

    def __reduce__(self):  # picklable (st.cache_data, multiprocessing) despite the two arguments
        return (type(self), (self.file, self.problems))


@dataclass(frozen=True, eq=False)  # compared by identity: a DataFrame has no single truth value
class Loaded:
    """The outcome of loading one table: the typed table, or the problems that stopped it.

    Never an exception, so a cache can keep a failure as well as a table (an invalid 90 MB file is
    then parsed once per data snapshot, not on every view). ``warnings`` are kept either way."""

    name: str
    file: str
    table: pd.DataFrame | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.table is not None and not self.problems

    @property
    def error(self) -> DataValidationError | None:
        return None if self.ok else DataValidationError(self.file, list(self.problems))

    def unwrap(self) -> pd.DataFrame:
        """The typed table; raises DataValidationError when the table did not load."""
        if not self.ok:
            raise DataValidationError(self.file, list(self.problems))
        assert self.table is not None
        return self.table


def data_dir() -> Path:
    """The data folder in use: ``$CSTO_DATA_DIR`` when set, else the shipped ``data/``."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override) if override else DEFAULT_DATA_DIR


def table_path(name: str, folder: Path | None = None) -> Path:
    return (folder or data_dir()) / TABLES[name].file_name


def is_iso3(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-3 code (current or historic) per pycountry."""
    if not _CODE.fullmatch(code or ""):
        return False
    return bool(pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code))


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into trimmed, non-empty items."""
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]


def split_sources(value: str) -> list[str]:
    return [item.strip() for item in str(value).split(SOURCE_SEPARATOR.strip()) if item.strip()]


# --- cells: one parser per column kind, checking and typing at once ------------------------------


@dataclass(frozen=True)
class Invalid:
    """A cell that failed its column's parser: what was expected instead."""

    expected: str


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _range_text(col: Column) -> str:
    lo, hi = col.min_value, col.max_value
    if lo is not None and hi is not None:
        return f" between {_number_text(lo)} and {_number_text(hi)}"
    if lo is not None:
        return f" of at least {_number_text(lo)}"
    if hi is not None:
        return f" of at most {_number_text(hi)}"
    return ""


def _in_range(col: Column, number: float) -> bool:
    return (col.min_value is None or number >= col.min_value) and (col.max_value is None or number <= col.max_value)


def _date_expected() -> str:
    return f"an ISO date YYYY-MM-DD (digits 0-9, a real day) not before {EARLIEST_DATE.isoformat()}"


ISO3_EXPECTED = "ISO 3166-1 alpha-3 state code(s), e.g. KAZ or ARM;RUS"
KNOWN_STATES_EXPECTED = "state code(s) listed in members.csv"
URL_EXPECTED = "one or more http(s) URLs separated by ' ; '"


def spam_expected(domains: list[str]) -> str:
    return "a public source, not a spam, SEO or mirror site (listed as one: " + ", ".join(domains[:5]) + ")"


def _parse_codes(codes: list[str]) -> list[str] | Invalid:
    return codes if all(is_iso3(code) for code in codes) else Invalid(ISO3_EXPECTED)


def reference_expected(table: str, missing: list[str], many: bool = True) -> str:
    """What a reference to ``table`` expects, naming the values that table does not list."""
    spec = TABLES[table]
    if table == "members":
        expected = KNOWN_STATES_EXPECTED
    else:
        expected = f"{spec.key}(s) listed in {spec.file_name}" if many else f"a {spec.key} listed in {spec.file_name}"
    shown = ", ".join(item[:100] for item in missing[:10]) + (", …" if len(missing) > 10 else "")
    return f"{expected} (not listed: {shown})"


def _checked_reference(col: Column, value: object, refs: Refs) -> object:
    """``value`` when every id in it is a key of the table ``col`` references, else ``Invalid``.
    A reference to a table that did not load (absent from ``refs``) is not checked: that table's
    own error is reported instead."""
    known = refs.get(col.references) if col.references else None
    if known is None or isinstance(value, Invalid) or value in ("", None):
        return value
    items = value if isinstance(value, list) else [value]
    missing = [str(item) for item in dict.fromkeys(items) if item not in known]
    many = isinstance(value, list)
    return Invalid(reference_expected(str(col.references), missing, many)) if missing else value


def parse_cell(col: Column, raw: str, refs: Refs | None = None) -> object:
    """Check one cell against its column and return its typed value, or ``Invalid``.

    Empty optional cells give ``None`` (dates, numbers, enums), ``""`` (text) or ``[]`` (lists).
    Surrounding white space is ignored. Numbers and dates take ASCII digits only; numbers must be
    finite and in the column's range. Dates are only checked against the earliest date here: the
    latest allowed date depends on the row (see ``TableSpec.future_dates``). A column that declares
    ``references`` is checked against ``refs[col.references]`` (the ids of that table)."""
    return _checked_reference(col, _parse_value(col, raw), refs or {})


def _cell_text(col: Column, value: str) -> object:
    spam = [d for d in [spam_domain(value)] if d] if col.web_domain else spam_in_text(value)
    return Invalid(spam_expected(spam)) if spam else value


def _cell_id(col: Column, value: str) -> object:
    return value if _ID.fullmatch(value) else Invalid(ID_EXPECTED)


def _cell_enum(col: Column, value: str) -> object:
    return value if value in col.allowed else Invalid("one of " + ", ".join(col.allowed))


def _cell_date(col: Column, value: str) -> object:
    if not _ISO_DATE.fullmatch(value):
        return Invalid(_date_expected())
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return Invalid(_date_expected())
    return day if day >= EARLIEST_DATE else Invalid(_date_expected())


def _cell_float(col: Column, value: str) -> object:
    expected = f"a number{_range_text(col)} (digits 0-9, '.' for decimals)"
    if not _DECIMAL.fullmatch(value):
        return Invalid(expected)
    number = float(value)
    return number if math.isfinite(number) and _in_range(col, number) else Invalid(expected)


def _cell_int(col: Column, value: str) -> object:
    expected = f"a whole number{_range_text(col)} (digits 0-9 only)"
    if not _WHOLE.fullmatch(value):
        return Invalid(expected)
    whole = int(value)
    return whole if _in_range(col, whole) else Invalid(expected)


def _cell_url(col: Column, value: str) -> object:
    urls = split_sources(value)
    if not urls or not all(_URL.fullmatch(u) for u in urls):
        return Invalid(URL_EXPECTED)
    spam = list(dict.fromkeys(d for d in map(spam_domain, map(host_of, urls)) if d))
    return Invalid(spam_expected(spam)) if spam else value


def _cell_iso3(col: Column, value: str) -> object:
    result = _parse_codes([value])
    return value if isinstance(result, list) else result


# A cell's parser by its column's kind: the typed value, or Invalid naming what was expected.
_CELL_PARSERS: dict[str, Callable[[Column, str], object]] = {
    "text": _cell_text,
    "id": _cell_id,
    "enum": _cell_enum,
    "date": _cell_date,
    "float": _cell_float,
    "int": _cell_int,
    "url": _cell_url,
    "iso3": _cell_iso3,
    "iso3_list": lambda col, value: _parse_codes(split_list(value)),
    "list": lambda col, value: split_list(value),
}


def _parse_value(col: Column, raw: str) -> object:
    """The cell's typed value by its kind alone (references are checked by the caller)."""
    value = raw.strip()
    if value == "":
        if col.required:
            return Invalid("a value (required)")
        return [] if col.kind in ("iso3_list", "list") else "" if col.kind in ("text", "id", "url") else None
    parser = _CELL_PARSERS.get(col.kind)
    if parser is None:
        raise ValueError(f"unknown column kind {col.kind!r}")  # a contract bug, reported by the last-resort catch
    return parser(col, value)


# --- typed columns --------------------------------------------------------------------------------


def _typed_column(col: Column, values: list[object]) -> pd.Series | pd.Categorical | list:
    """A typed column from parsed cell values (never from raw text)."""
    kind = col.kind
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[us]")
    if kind == "float":
        return pd.array(values, dtype="Float64")
    if kind == "int":
        return pd.array(values, dtype="Int64")
    if kind == "enum":
        return pd.Categorical(values, categories=list(col.allowed))
    if kind in ("iso3_list", "list"):
        return pd.Series([list(v) for v in values], dtype=object)  # one list object per row
    return pd.Series(values, dtype="string")


@functools.cache
def _output_schema(spec: TableSpec) -> pa.DataFrameSchema:
    """The typed table's contract (pandera): columns, types, required cells, unique key. Built
    once per table (a quarter of a load's time went into rebuilding it); validating never changes it."""
    dtypes = {
        "date": "datetime64[us]",
        "float": "Float64",
        "int": "Int64",
        "iso3_list": object,
        "list": object,
        "text": "string",
        "id": "string",
        "url": "string",
        "iso3": "string",
    }
    columns = {}
    for col in spec.columns:
        dtype = pd.CategoricalDtype(list(col.allowed)) if col.kind == "enum" else dtypes[col.kind]
        columns[col.name] = pa.Column(dtype, nullable=not col.required, unique=col.name == spec.key)
    return pa.DataFrameSchema(columns, strict=True, ordered=True)


def empty_table(name: str) -> pd.DataFrame:
    """A typed table with every column of the contract and no row."""
    spec = TABLES[name]
    return pd.DataFrame({col.name: _typed_column(col, []) for col in spec.columns})


# --- reading the text: lines, quoting, structure ---------------------------------------------------


def _count_lines(raw: bytes) -> int:
    """Line breaks of any convention (LF, CRLF, CR alone), counted without decoding."""
    return raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")


def _decode(raw: bytes, file_name: str) -> str | Problem:
    if b"\x00" in raw:
        line = _count_lines(raw[: raw.index(b"\x00")]) + 1
        return Problem(file_name, line, None, "a UTF-8 text file (found binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _count_lines(raw[: exc.start]) + 1
        expected = f"UTF-8 text (byte {exc.start} cannot be decoded; save the file as UTF-8)"
        return Problem(file_name, line, None, expected)
    if "\r" in text:  # CRLF (Windows) and CR alone (old Mac) become LF before anything counts lines
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass
class _Records:
    """The CSV records of a file, each with the line it starts on."""

    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _field_index_at_end(text: str) -> int:
    """How many fields a record that runs to the end of ``text`` has begun (0-based last index)."""
    partial = next(csv.reader(io.StringIO(text, newline="")), [""])
    return max(len(partial) - 1, 0)


def _column_name(header: list[str], index: int) -> str | None:
    return header[index] if 0 <= index < len(header) else None


def _csv_error(message: str, rest: str, lines: tuple[int, int], header: list[str], name: str) -> tuple[Problem, bool]:
    """What a CSV syntax error means for a person, and whether reading must stop: a quote left open
    runs to the end of the file (``rest``, from the record's start). ``lines``: the line the record
    starts on, the line the reader stopped at."""
    start_line, line = lines
    if "unexpected end of data" in message:
        expected = (
            "a closing quote: a quoted field that starts on this line runs to the end of the "
            "file (the file may be truncated, e.g. an interrupted save)"
        )
        return Problem(name, start_line, _column_name(header, _field_index_at_end(rest)), expected), True
    expected = (
        'a comma or the end of the line after a closing quote (a quote inside a quoted field is written twice: "")'
        if "expected after" in message
        else f"well-formed CSV ({message})"
    )
    return Problem(name, line, None, expected), False


def _row_problems(row: list[str], line: int, header: list[str], name: str) -> list[Problem]:
    """Why a record cannot be a row: a field over the size limit, or not as many fields as the header."""
    if max(map(len, row)) > MAX_FIELD_CHARS:
        return [
            Problem(
                name,
                line,
                _column_name(header, index) or f"#{index + 1}",
                f"a field of at most {MAX_FIELD_CHARS:,} characters",
                f"{len(cell):,} characters",
            )
            for index, cell in enumerate(row)
            if len(cell) > MAX_FIELD_CHARS
        ]
    if len(row) != len(header):
        return [Problem(name, line, None, f"{len(header)} fields like the header", f"{len(row)} fields")]
    return []


def _read_records(text: str, name: str) -> _Records:
    """Parse CSV strictly, record by record, so every problem has a line (and a column if it can)."""
    records = _Records()
    buffer = io.StringIO(text, newline="")
    reader = csv.reader(buffer, strict=True)
    end_line = 0
    while True:
        start_offset = buffer.tell()
        start_line = end_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            lines = (start_line, reader.line_num)
            problem, stop = _csv_error(str(exc), text[start_offset:], lines, records.header, name)
            records.problems.append(problem)
            if stop:
                break
            end_line = reader.line_num
            continue
        end_line = reader.line_num
        if not records.header and not records.rows and start_line == 1:
            records.header = [h.strip() for h in row]
            continue
        if not row:
            continue  # a blank line
        problems = _row_problems(row, start_line, records.header, name)
        if problems:
            records.problems.extend(problems)
            continue
        records.rows.append(row)
        records.lines.append(start_line)
    return records


def _header_problems(spec: TableSpec, header: list[str], name: str) -> tuple[list[Problem], list[Problem]]:
    """Fatal header problems, and warnings (columns outside the contract, which are ignored)."""
    if not any(header):
        return [Problem(name, 1, None, "a header row with columns " + ", ".join(spec.column_names))], []
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        return [
            Problem(
                name,
                1,
                None,
                "comma-separated columns (the header looks separated by another character)",
                header[0][:80],
            )
        ], []
    problems: list[Problem] = []
    missing = [c for c in spec.column_names if c not in header]
    if missing:
        problems.append(Problem(name, 1, None, "columns " + ", ".join(missing) + " in the header (missing)"))
    duplicated = sorted(h for h, count in Counter(header).items() if count > 1)
    if duplicated:
        problems.append(Problem(name, 1, None, "each column once (repeated: " + ", ".join(duplicated) + ")"))
    warnings = []
    known, repeated = set(spec.column_names), set(duplicated)
    for position, column in enumerate(header, start=1):
        if column not in known and column not in repeated:
            shown = column[:80] if column else f"(unnamed, position {position})"
            warnings.append(
                Problem(name, 1, shown, "not part of the data contract; the column is ignored", severity="warning")
            )
    return problems, warnings


def _cap(problems: list[Problem], name: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    tail = Problem(name, None, None, f"fewer problems ({rest:,} more are not listed)", severity=problems[-1].severity)
    return [*problems[:MAX_PROBLEMS], tail]


# --- the table -------------------------------------------------------------------------------------


def _future_problems(
    spec: TableSpec, typed: dict[str, list[object]], lines: list[int], name: str, today: date
) -> Iterator[Problem]:
    """Dates after ``today``: allowed only in rows whose status says it has not happened yet."""
    rule = spec.future_dates
    statuses = typed.get(rule.status_column) if rule else None
    for col in spec.columns:
        if col.kind != "date":
            continue
        values = typed[col.name]
        if not any(isinstance(day, date) and day > today for day in set(values)):
            continue
        for row, day in enumerate(values):
            if not isinstance(day, date) or day <= today:
                continue
            if rule is None or statuses is None:
                yield Problem(name, lines[row], col.name, f"a date not after today ({today.isoformat()})", str(day))
                continue
            status = statuses[row]
            if not isinstance(status, str) or status in rule.allowed:
                continue  # an invalid status is reported on its own
            yield Problem(
                name,
                lines[row],
                col.name,
                f"a date not after today ({today.isoformat()}) for a {status} {rule.noun} "
                f"(only {', '.join(rule.allowed[:-1])} or {rule.allowed[-1]} rows may be dated later)",
                str(day),
            )


def _parse_cell_safely(col: Column, value: str, refs: Refs) -> object:
    """``parse_cell``, with any unexpected failure reported as this cell's problem (line, column)."""
    try:
        return parse_cell(col, value, refs)
    except Exception as exc:  # a parser bug must still name the cell, never escape
        return Invalid(f"a value the loader can read (it failed: {type(exc).__name__}: {str(exc)[:200]})")


def _with_own_ids(spec: TableSpec, refs: Refs, raw_keys: tuple[str, ...]) -> Refs:
    """``refs`` plus this table's own ids when a column references the table itself (an exercise
    whose personnel figure is combined with others'); ids already in ``refs`` (the data folder's,
    when checking an upload) count too."""
    if not any(col.references == spec.name for col in spec.columns):
        return refs
    own = frozenset(key.strip() for key in raw_keys if key.strip())
    return {**refs, spec.name: own | refs.get(spec.name, frozenset())}


def _missing_final_break(text: str, records: _Records, name: str) -> list[Problem]:
    """A warning when the last row has no line break: a file cut off in the middle looks like this."""
    if text.endswith("\n") or not records.rows or records.problems:
        return []
    expected = "the file does not end with a line break; check that its last row is complete"
    return [Problem(name, records.lines[-1], None, expected, severity="warning")]


def _check_cells(
    spec: TableSpec, records: _Records, refs: Refs, name: str, stage: list[str]
) -> tuple[dict[str, list[object]], list[Problem]]:
    """Each column's cells parsed (``Invalid`` where a cell failed) and a problem for each failure;
    each distinct value is parsed once."""
    positions = {column: index for index, column in enumerate(records.header)}
    raw_columns = list(zip(*records.rows, strict=True)) if records.rows else [() for _ in records.header]
    refs = _with_own_ids(spec, refs, raw_columns[positions[spec.key]] if spec.key else ())
    typed: dict[str, list[object]] = {}
    problems: list[Problem] = []
    for col in spec.columns:
        stage[0] = f"checking column '{col.name}'"
        raw_values: tuple[str, ...] = raw_columns[positions[col.name]]
        parsed = {value: _parse_cell_safely(col, value, refs) for value in dict.fromkeys(raw_values)}
        bad = {value: result for value, result in parsed.items() if isinstance(result, Invalid)}
        problems.extend(
            Problem(name, records.lines[row], col.name, bad[value].expected, value)
            for row, value in enumerate(raw_values)
            if value in bad
        )
        typed[col.name] = list(map(parsed.__getitem__, raw_values))
    return typed, problems


def _duplicate_key_problems(
    spec: TableSpec, typed: dict[str, list[object]], lines: list[int], name: str
) -> list[Problem]:
    """One problem for each repeated id, naming the line where the id first stood."""
    if not spec.key:
        return []
    problems: list[Problem] = []
    first_line: dict[object, int] = {}
    for row, value in enumerate(typed[spec.key]):
        if isinstance(value, Invalid) or value in ("", None):
            continue
        if value in first_line:
            expected = f"a unique value (duplicate id; first on line {first_line[value]})"
            problems.append(Problem(name, lines[row], spec.key, expected, str(value)))
        else:
            first_line[value] = lines[row]
    return problems


def _typed_frame(spec: TableSpec, typed: dict[str, list[object]], stage: list[str]) -> pd.DataFrame:
    """The checked cells as a frame of the declared types, in the table's declared order."""
    columns = {}
    for col in spec.columns:
        stage[0] = f"typing column '{col.name}'"
        columns[col.name] = _typed_column(col, typed[col.name])
    stage[0] = "sorting the rows"
    frame = pd.DataFrame(columns)
    if spec.order_by:
        frame = frame.sort_values(list(spec.order_by), kind="stable")
    return frame.reset_index(drop=True)


def _parse_text(
    spec: TableSpec, text: str, name: str, refs: Refs, today: date, stage: list[str]
) -> tuple[pd.DataFrame | None, list[Problem], list[Problem]]:
    """Parse, check and type; ``stage[0]`` says what is being done, for a last-resort report."""
    if not text.strip():
        expected = "a header row with columns " + ", ".join(spec.column_names) + " (the file is empty)"
        return None, [Problem(name, None, None, expected)], []
    stage[0] = "reading the CSV records"
    records = _read_records(text, name)
    fatal, warnings = _header_problems(spec, records.header, name)
    warnings = _cap(warnings, name)
    if fatal:
        return None, [p for p in records.problems if p.line == 1] + fatal, warnings
    warnings += _missing_final_break(text, records, name)
    typed, cell_problems = _check_cells(spec, records, refs, name, stage)
    problems = list(records.problems) + cell_problems
    problems += _duplicate_key_problems(spec, typed, records.lines, name)
    stage[0] = "checking dates against today"
    problems.extend(_future_problems(spec, typed, records.lines, name, today))
    if problems:
        order = {column: index for index, column in enumerate(spec.column_names)}
        problems.sort(key=lambda p: (p.line or 0, order.get(p.column or "", -1)))
        return None, _cap(problems, name), warnings
    return _typed_frame(spec, typed, stage), [], warnings


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file becomes millions of small objects (none of
    them in a cycle): at 100,000 rows its repeated full scans cost three times the parse itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _hidden(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` without the server's paths (longest first, so a folder never leaves a file's tail)."""
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "…")
    return text


def _internal_problem(name: str, stage: str, exc: BaseException, hide: tuple[str, ...] = ()) -> Problem:
    """A last-resort report: which file, what the loader was doing, what failed (no server path)."""
    detail = _hidden(f"{type(exc).__name__}: {exc}", hide)
    return Problem(name, None, None, f"a file the loader can read (it failed while {stage}: {detail[:300]})")


def parse_result(
    name: str,
    raw: bytes,
    refs: Refs | None = None,
    today: date | None = None,
    file_name: str | None = None,
    max_rows: int = MAX_ROWS,
) -> Loaded:
    """Validate and type one table from its bytes (a file, or an upload that never touches disk).

    Never raises: the outcome is a ``Loaded``. The row cap is checked by counting line breaks (LF,
    CRLF or CR alone) before anything is decoded or parsed."""
    spec = TABLES[name]
    shown = file_name or spec.file_name
    stage = "counting lines"
    try:
        lines = _count_lines(raw)
        if lines > max_rows + 1:
            too_many = Problem(shown, None, None, f"at most {max_rows:,} rows", f"{lines:,} lines")
            return Loaded(name, shown, None, (too_many,))
        stage = "decoding the text"
        text = _decode(raw, shown)
        if isinstance(text, Problem):
            return Loaded(name, shown, None, (text,))
        steps = ["parsing the rows"]
        with _gc_paused():
            try:
                frame, problems, warnings = _parse_text(spec, text, shown, refs or {}, today or date.today(), steps)
            finally:
                stage = steps[0]
        if frame is None:
            return Loaded(name, shown, None, tuple(problems), tuple(warnings))
        stage = "checking the typed table"
        _output_schema(spec).validate(frame, lazy=True)
        return Loaded(name, shown, frame, (), tuple(warnings))
    except (SchemaError, SchemaErrors) as exc:
        return Loaded(name, shown, None, (_internal_problem(shown, stage, exc),))
    except Exception as exc:  # last resort: a data file must never crash a page
        return Loaded(name, shown, None, (_internal_problem(shown, stage, exc),))


class ParseOptions(TypedDict, total=False):
    """``parse_result``'s optional keywords, for ``parse_table``."""

    today: date | None
    file_name: str | None
    max_rows: int


def parse_table(name: str, raw: bytes, refs: Refs | None = None, **options: Unpack[ParseOptions]) -> pd.DataFrame:
    """``parse_result`` that returns the typed table or raises DataValidationError."""
    return parse_result(name, raw, refs, **options).unwrap()


def _too_big(file_name: str, size: int, limit: int = MAX_FILE_BYTES) -> Problem:
    return Problem(file_name, None, None, f"a file of at most {limit:,} bytes", f"{size:,} bytes")


def _read_bytes(path: Path, shown: str) -> bytes | Problem:
    """The file's bytes, or why they cannot be had (messages name the file, never the folder)."""
    try:
        if not path.exists():
            return Problem(shown, None, None, f"the file {shown} in the data folder (not found)")
        if not path.is_file():
            return Problem(shown, None, None, f"{shown} to be a regular file (it is a folder or a device)")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_big(shown, size)
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # a file growing while it is read still stops at the cap
        return _too_big(shown, len(raw)) if len(raw) > MAX_FILE_BYTES else raw
    except OSError as exc:
        return Problem(shown, None, None, f"a readable file ({exc.strerror or type(exc).__name__})")


def load_result(name: str, folder: Path | None = None, refs: Refs | None = None, today: date | None = None) -> Loaded:
    """Read one table file, validate it and type it; never raises (see ``Loaded``).

    Pure apart from reading the file, so a cache may keep its result — failures included — keyed
    by the data snapshot (``components.data.version.snapshot_digest``), the refs' tables and today."""
    spec = TABLES[name]
    path = table_path(name, folder)
    hide = (str(path.resolve()), str(path), str(path.parent.resolve()), str(path.parent))
    try:
        raw = _read_bytes(path, spec.file_name)
        if isinstance(raw, Problem):
            return Loaded(name, spec.file_name, None, (raw,))
        loaded = parse_result(name, raw, refs, today)
        if any(secret in p.expected for p in loaded.problems for secret in hide):  # a last-resort detail
            problems = tuple(replace(p, expected=_hidden(p.expected, hide)) for p in loaded.problems)
            return replace(loaded, problems=problems)
        return loaded
    except Exception as exc:  # last resort
        return Loaded(name, spec.file_name, None, (_internal_problem(spec.file_name, "reading the file", exc, hide),))


def read_table(
    name: str,
    folder: Path | None = None,
    refs: Refs | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Read one table file, validate it, and return it typed.

    Args:
        name: table name, a key of ``components.data.schema.TABLES``.
        folder: data folder; defaults to ``data_dir()``.
        refs: ids of referenced tables (``{"members": {...}, "bodies": {...}}``) for key checks.
        today: upper bound for dates of what has happened (tests pass a fixed day).

    Raises:
        DataValidationError: naming the file and every problem found.
    """
    return load_result(name, folder, refs, today).unwrap()


def ids_of(table: pd.DataFrame, key: str) -> frozenset[str]:
    return frozenset(str(v) for v in table[key])


def refs_from(results: Mapping[str, Loaded]) -> dict[str, frozenset[str]]:
    """Ids of the referenced tables that loaded. A table that failed is left out: its own error is
    reported, and the tables citing it are checked without that cross-reference."""
    return {
        ref: ids_of(results[ref].unwrap(), key) for ref, key in REF_KEYS.items() if ref in results and results[ref].ok
    }


def load_snapshot(folder: Path | None = None, today: date | None = None) -> dict[str, Loaded]:
    """Every table's ``Loaded`` in dependency order (referenced tables first); never raises."""
    results: dict[str, Loaded] = {}
    for name in LOAD_ORDER:
        refs = refs_from({ref: results[ref] for ref in DEPENDS_ON[name]})
        results[name] = load_result(name, folder, refs, today)
    return results


def read_all(folder: Path | None = None, today: date | None = None) -> dict[str, pd.DataFrame]:
    """Read every table in dependency order (tests and exports; pages load only what they need).

    Raises DataValidationError for the first table (in dependency order) that does not load."""
    return {name: loaded.unwrap() for name, loaded in load_snapshot(folder, today).items()}
