"""Property-based fuzzing of the CSV loaders with Hypothesis (issue 34): per table, thousands of
generated damaged files — random and hostile cells, valid cells out of place, missing, extra,
repeated and reordered columns, short and long rows, stray quotes and line breaks, other encodings,
byte damage and huge values. Whatever the bytes, loading ends in a typed table or in named
problems (file, and a line within the file); never an exception, and never the loader's
last-resort report ("it failed while …"), which would mean an unexpected exception was caught.

``CSTO_FUZZ_EXAMPLES`` sets the number of files per table (default 400: 3,600 in all, about a minute
of one core; the helper that wrote it ran 1,000 per table, 9,000 in all, with no failure)."""

from __future__ import annotations

import csv
import functools
import io
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.data.loaders import MAX_FIELD_CHARS, DataValidationError, load_snapshot, parse_result, parse_table
from components.data.schema import DEPENDS_ON, TABLES
from tests.conftest import DATA, FIXED_TODAY

EXAMPLES = int(os.environ.get("CSTO_FUZZ_EXAMPLES", "400"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the worktree; a failure prints its reproducing input
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
# What the loader's last-resort catches write (per file, per cell): an unexpected exception was caught.
LAST_RESORT = ("a file the loader can read (it failed while", "a value the loader can read (it failed")


@functools.cache
def shipped_cells(name: str) -> dict[str, list[str]]:
    """Each column's distinct shipped values (valid cells to put in the wrong place)."""
    with (DATA / TABLES[name].file_name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {column: sorted({row[column] for row in rows})[:40] for column in rows[0]}


@functools.cache
def refs() -> dict[str, frozenset[str]]:
    from components.data.loaders import refs_from

    return refs_from(load_snapshot(DATA, FIXED_TODAY))


HOSTILE = [
    "",
    " ",
    '"',
    '""',
    "a,b",
    "x\ny",
    "x\r\ny",
    "\r",
    "\x00",
    "\ufeff",
    "\ud7ff",
    "\u2028",
    "\u202e",
    "NaN",
    "inf",
    "-0",
    "1e309",
    "9" * 40,
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "１２",
    ";;;",
    " ; ",
    "javascript:alert(1)",
    "http://",
    "https://a b",
    "https://[::1",
    "https://amansaja.com/x",
    "<script>alert(1)</script>",
    "![p](http://evil.example/p.png)",
    '=HYPERLINK("http://evil.example")',
    "Ｄ",
    "\U0001f600",
]
HUGE = ["x" * (MAX_FIELD_CHARS + 1), "9" * 5_000, "é" * 3_000, ";".join(["ARM"] * 2_000)]


def cell(name: str, column: str) -> st.SearchStrategy[str]:
    """A cell of ``column``: mostly its own shipped values (so damage lands in files that otherwise
    parse and reaches every column's checks), else another column's value, a hostile value, random
    text, or a huge value."""
    own = shipped_cells(name).get(column) or [""]
    others = [value for values in shipped_cells(name).values() for value in values] or [""]
    weighted = (
        [st.sampled_from(own)] * 10
        + [st.sampled_from(HOSTILE)] * 4
        + [st.sampled_from(others)] * 2
        + [st.text(max_size=30)] * 2
        + [st.text(alphabet=st.sampled_from(list(',;"\n\r\t -.:/0123456789ARMKAZ')), max_size=30)]
        + [st.sampled_from(HUGE)]
    )
    return st.integers(0, len(weighted) - 1).flatmap(weighted.__getitem__)


@st.composite
def header(draw, name: str) -> list[str]:
    """Usually the contract's columns (sometimes reordered, sometimes with unknown ones); else
    damaged: some dropped, some repeated."""
    columns = list(TABLES[name].column_names)
    if draw(st.integers(0, 9)) < 3:
        columns = draw(st.lists(st.sampled_from(columns), max_size=len(columns) + 3))
    if draw(st.booleans()):
        columns = [*columns, *draw(st.lists(st.text(max_size=12), max_size=2))]
    return list(draw(st.permutations(columns))) if draw(st.booleans()) else columns


@st.composite
def row(draw, name: str, head: list[str]) -> list[str]:
    """Mostly one cell per column; sometimes short or long."""
    cells = [draw(cell(name, column)) for column in head]
    change = draw(st.integers(-2, 2)) if draw(st.integers(0, 9)) < 2 else 0
    return cells[: len(cells) + change] if change < 0 else cells + ["extra"] * change


@st.composite
def csv_text(draw, name: str) -> str:
    """A CSV file's text: a (possibly damaged) header and rows with hostile cells."""
    head = draw(header(name))
    rows = draw(st.lists(row(name, head), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])))
    writer.writerow(head)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 9)) < 2:  # a torn or hand-edited file: a cut, a stray quote, a deleted break
        cut = draw(st.integers(0, len(text)))
        text = draw(st.sampled_from([text[:cut], text[:cut] + '"' + text[cut:], text.replace("\n", "", 1)]))
    return text


# UTF-8 most of the time (what the loader reads), else what a spreadsheet might save.
ENCODINGS = ["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-be", "cp1251", "latin-1", "koi8-r"]


@st.composite
def csv_bytes(draw, name: str) -> bytes:
    """The text in some encoding, sometimes with bytes flipped, inserted or cut off."""
    text = draw(csv_text(name))
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    damage = draw(st.sampled_from(["none"] * 6 + ["flip", "insert", "truncate", "bytes"]))
    if damage == "flip" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    elif damage == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif damage == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif damage == "bytes":
        raw = draw(st.binary(max_size=200))
    return raw


def check(name: str, raw: bytes) -> None:
    """The property: a typed table or named problems, never an exception or a last-resort report."""
    table_refs = {ref: ids for ref, ids in refs().items() if ref in (*DEPENDS_ON[name], name)}
    loaded = parse_result(name, raw, table_refs, FIXED_TODAY)
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n") + 1
    for problem in (*loaded.problems, *loaded.warnings):
        assert problem.file == TABLES[name].file_name
        assert not problem.expected.startswith(LAST_RESORT), problem
        assert problem.line is None or 1 <= problem.line <= lines, (problem, lines)
        assert problem.column is None or isinstance(problem.column, str)
        str(problem)  # every problem can be shown
    if loaded.ok:
        assert list(loaded.table.columns) == TABLES[name].column_names
    else:
        assert loaded.problems, "a table that did not load says why"
    try:
        parse_table(name, raw, table_refs, today=FIXED_TODAY)
    except DataValidationError as error:
        assert not loaded.ok and error.file == TABLES[name].file_name


@pytest.mark.parametrize("name", list(TABLES))
def test_damaged_csv_files_give_named_problems_only(name):
    @FUZZ
    @given(raw=csv_bytes(name))
    def fuzz(raw: bytes) -> None:
        check(name, raw)

    fuzz()


@pytest.mark.parametrize("name", list(TABLES))
def test_the_fuzzer_reaches_valid_tables_too(name):
    """A sanity check of the generator: the shipped file itself passes the same property."""
    raw = (DATA / TABLES[name].file_name).read_bytes()
    check(name, raw)
    assert parse_result(name, raw, refs(), FIXED_TODAY).ok
    assert date(2026, 11, 29) == FIXED_TODAY
