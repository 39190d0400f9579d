"""A corpus of malformed data files and uploads: each gives a clear message naming the file, and the
line and column where that means something — never a traceback, never the server's path — and the
pages that do not need the bad file keep working."""

from __future__ import annotations

import csv
import functools
import io
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.data import loaders
from components.data.loaders import (
    MAX_FIELD_CHARS,
    DataValidationError,
    Loaded,
    load_result,
    parse_result,
    read_all,
    read_table,
    refs_from,
)
from components.data.schema import TABLES
from components.model.pages import PAGE_KINDS
from tests.apptest_helpers import page_file
from tests.conftest import ALL_PAGES, DATA, FIXED_TODAY, ROOT, read_rows, write_rows

Damage = Callable[[Path], None]
# Ids of the shipped members and bodies (loading never raises, so collection never breaks).
REFS = refs_from({name: load_result(name, DATA, today=FIXED_TODAY) for name in ("members", "bodies")})


@functools.cache
def shipped(name: str) -> pd.DataFrame:
    return read_table(name, DATA, REFS, FIXED_TODAY)


# --- ways to break a copy of the data ------------------------------------------------------------


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_cell(file: str, row: int, column: str, value: str) -> Damage:
    """Data row ``row`` (1 = the first after the header, so line row + 1) gets ``value`` in ``column``."""

    def apply(folder: Path) -> None:
        rows = read_rows(folder / file)
        rows[row][rows[0].index(column)] = value
        write_rows(folder / file, rows)

    return apply


def set_cells(file: str, row: int, values: dict[str, str]) -> Damage:
    def apply(folder: Path) -> None:
        for column, value in values.items():
            set_cell(file, row, column, value)(folder)

    return apply


def rewrite(file: str, transform: Callable[[list[str]], list[str]]) -> Damage:
    return lambda folder: write_lines(folder / file, transform(lines_of(folder / file)))


def raw(file: str, content: bytes | Callable[[bytes], bytes]) -> Damage:
    def apply(folder: Path) -> None:
        path = folder / file
        path.write_bytes(content(path.read_bytes()) if callable(content) else content)

    return apply


def torn(file: str, row: int, column: str) -> Damage:
    """A torn write: the file ends inside the quoted ``column`` of data ``row``."""

    def apply(folder: Path) -> None:
        set_cell(file, row, column, 'Cut off, mid "quoted" note that goes on')(folder)
        data = (folder / file).read_bytes()
        (folder / file).write_bytes(data[: data.index(b'"Cut off, mid') + 8])

    return apply


def many_lines(file: str, count: int, newline: bytes) -> Damage:
    def apply(folder: Path) -> None:
        path = folder / file
        header = lines_of(path)[0].encode()
        path.write_bytes(header + newline + (b"x,y" + newline) * count)

    return apply


def replace_with_folder(file: str) -> Damage:
    def apply(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).mkdir()

    return apply


def replace_with_device(file: str) -> Damage:
    def apply(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to("/dev/zero")

    return apply


# --- the corpus of data files ----------------------------------------------------------------------

# Numbers Python's float() takes but the contract does not (underscores, non-ASCII digits,
# non-finite values, hex), and plain garbage.
BAD_NUMBERS = [
    "4_2.467",
    "４２.467",
    "١٧٠٠",
    "1e400",
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "0x1A",
    "1,5",
    "12abc",
    "--1",
    "1e",
    ".",
    "²",
    "1 2",
]
NUMBER_COLUMNS = [
    ("members.csv", "capital_lat", "a number between -90 and 90"),
    ("members.csv", "capital_lon", "a number between -180 and 180"),
    ("exercises.csv", "latitude", "a number between -90 and 90"),
    ("exercises.csv", "longitude", "a number between -180 and 180"),
    ("exercises.csv", "personnel", "a whole number between 0 and 1,000,000"),
]
BAD_WHOLE_NUMBERS = ["1.5", "1e3", "9" * 30, "1000001", "-1700", "1_700", "１７００"]
BAD_DATES = [
    "２０２０-01-01",
    "٢٠٢٠-01-01",
    "2020-1-1",
    "2020-01-01T00:00",
    "2020/01/01",
    "20200101",
    "2020-13-01",
    "2020-02-30",
    "1990-12-31",
    "+2020-01-01",
    "2020-01-01x",
    "15.05.1992",
]
DATE_COLUMNS = [
    ("membership.csv", "date"),
    ("events.csv", "date"),
    ("events.csv", "end_date"),
    ("exercises.csv", "start_date"),
    ("exercises.csv", "end_date"),
    ("bodies.csv", "established"),
]

# (case id, how to break the data, text the message must contain)
CORPUS: list[tuple[str, Damage, str]] = [
    *[
        (
            f"number-{column}-{value!r}",
            set_cell(file, 1, column, value),
            f"{file}, line 2, column '{column}': expected {want}",
        )
        for file, column, want in NUMBER_COLUMNS
        for value in BAD_NUMBERS
    ],
    *[
        (
            f"whole-number-{value[:12]!r}",
            set_cell("exercises.csv", 1, "personnel", value),
            "exercises.csv, line 2, column 'personnel': expected a whole number between 0 and 1,000,000",
        )
        for value in BAD_WHOLE_NUMBERS
    ],
    *[
        (f"date-{file}-{column}-{value!r}", set_cell(file, 1, column, value), f"{file}, line 2, column '{column}'")
        for file, column in DATE_COLUMNS
        for value in BAD_DATES
    ],
    ("empty-file", raw("events.csv", b""), "events.csv: expected a header row with columns event_id"),
    ("whitespace-only", raw("events.csv", b"  \n\n"), "events.csv: expected a header row"),
    ("blank-header", raw("events.csv", lambda b: b"\n" + b), "events.csv, line 1: expected a header row"),
    ("commas-only-header", raw("members.csv", lambda b: b",,,\n" + b), "members.csv, line 1: expected a header row"),
    (
        "wrong-delimiter",
        rewrite("members.csv", lambda ls: [line.replace(",", ";") for line in ls]),
        "members.csv, line 1: expected comma-separated columns",
    ),
    (
        "tab-delimited",
        rewrite("bodies.csv", lambda ls: [ls[0].replace(",", "\t"), *ls[1:]]),
        "bodies.csv, line 1: expected comma-separated columns",
    ),
    (
        "pipe-delimited",
        rewrite("body_links.csv", lambda ls: [ls[0].replace(",", "|"), *ls[1:]]),
        "body_links.csv, line 1: expected comma-separated columns",
    ),
    (
        "latin-1",
        raw("members.csv", lambda b: b.replace("Армения".encode(), "Arménia".encode("latin-1"))),
        "members.csv, line 2: expected UTF-8 text",
    ),
    (
        "cp1251",
        raw("members.csv", lambda b: b.replace("Армения".encode(), "Армения".encode("cp1251"))),
        "members.csv, line 2: expected UTF-8 text",
    ),
    ("utf-16", raw("members.csv", lambda b: b.decode("utf-8").encode("utf-16")), "members.csv, line 1: expected"),
    (
        "binary",
        raw("exercises.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "exercises.csv, line 3: expected a UTF-8 text file (found binary data)",
    ),
    (
        "nul-bytes",
        raw("events.csv", lambda b: b[:200] + b"\x00" + b[200:]),
        "events.csv, line 2: expected a UTF-8 text",
    ),
    (
        "late-nul-byte",
        raw("events.csv", lambda b: b[:-10] + b"\x00" + b[-10:]),
        "events.csv, line 132: expected a UTF-8 text file",
    ),
    (
        "quoted-comma-in-code",
        set_cell("members.csv", 2, "iso3", "AZE,extra"),
        "members.csv, line 3, column 'iso3': expected ISO 3166-1 alpha-3",
    ),
    (
        "ragged-row-unquoted",
        rewrite("members.csv", lambda ls: [*ls[:2], ls[2].replace("AZE,", "AZE,extra,", 1), *ls[3:]]),
        "members.csv, line 3: expected 7 fields like the header (found '8 fields')",
    ),
    (
        "short-row",
        rewrite("body_links.csv", lambda ls: [*ls, "csc"]),
        "body_links.csv, line 34: expected 4 fields like the header (found '1 fields')",
    ),
    (
        "unclosed-quote-at-end",
        rewrite("events.csv", lambda ls: [*ls, 'bad-1,2020-01-01,day,,"unclosed,treaty,,,,https://x.org']),
        "events.csv, line 133, column 'title': expected a closing quote",
    ),
    (
        "torn-write-in-note",
        torn("events.csv", 70, "note"),
        "events.csv, line 71, column 'note': expected a closing quote",
    ),
    (
        "torn-write-in-source",
        torn("exercises.csv", 40, "source_url"),
        "exercises.csv, line 41, column 'source_url': expected a closing quote",
    ),
    (
        "torn-write-in-title",
        torn("events.csv", 1, "title"),
        "events.csv, line 2, column 'title': expected a closing quote",
    ),
    (
        "text-after-closing-quote",
        rewrite("members.csv", lambda ls: [*ls[:3], ls[3].replace("Belarus", '"Bela"rus', 1), *ls[4:]]),
        "members.csv, line 4: expected a comma or the end of the line after a closing quote",
    ),
    (
        "missing-column",
        rewrite("exercises.csv", lambda ls: [ls[0].replace(",personnel", ",personel"), *ls[1:]]),
        "exercises.csv, line 1: expected columns personnel, personnel_qualifier, personnel_scope, "
        "personnel_combined_with in the header (missing)",
    ),
    (
        "missing-two-columns",
        rewrite("members.csv", lambda ls: [ls[0].replace("capital_lat", "lat").replace("capital_lon", "lon"), *ls[1:]]),
        "members.csv, line 1: expected columns capital_lat, capital_lon in the header (missing)",
    ),
    (
        "duplicate-column",
        rewrite("bodies.csv", lambda ls: [ls[0].replace(",kind,", ",kind,kind,"), *ls[1:]]),
        "bodies.csv, line 1: expected each column once (repeated: kind)",
    ),
    (
        "duplicate-id",
        rewrite("events.csv", lambda ls: [*ls, ls[1]]),
        "events.csv, line 133, column 'event_id': expected a unique value (duplicate id; first on line 2)",
    ),
    (
        "duplicate-id-with-spaces",
        rewrite("members.csv", lambda ls: [*ls, " " + ls[1]]),
        "members.csv, line 13, column 'iso3': expected a unique value",
    ),
    (
        "dangling-state",
        set_cell("exercises.csv", 1, "host_states", "KAZ;FRA"),
        "exercises.csv, line 2, column 'host_states': expected state code(s) listed in members.csv",
    ),
    (
        "dangling-participant",
        set_cell("exercises.csv", 1, "participants", "KAZ;USA"),
        "exercises.csv, line 2, column 'participants': expected state code(s) listed in members.csv",
    ),
    (
        "dangling-link",
        rewrite("body_links.csv", lambda ls: [*ls, "ghost,csc,reports_to,https://example.org/x"]),
        "body_links.csv, line 34, column 'from_id': expected a body_id listed in bodies.csv",
    ),
    (
        "unknown-state-code",
        set_cell("membership.csv", 1, "state", "XXX"),
        "membership.csv, line 2, column 'state': expected ISO 3166-1 alpha-3",
    ),
    (
        "lowercase-state-code",
        set_cell("membership.csv", 1, "state", "arm"),
        "membership.csv, line 2, column 'state': expected ISO 3166-1 alpha-3",
    ),
    (
        "full-width-state-code",
        set_cell("membership.csv", 1, "state", "ＡＲＭ"),
        "membership.csv, line 2, column 'state': expected ISO 3166-1 alpha-3",
    ),
    (
        "state-list-with-comma",
        set_cell("events.csv", 1, "states", "ARM,KAZ"),
        "events.csv, line 2, column 'states': expected ISO 3166-1 alpha-3",
    ),
    *[
        (f"bad-id-{value!r}", set_cell("events.csv", 1, "event_id", value), "column 'event_id': expected an identifier")
        for value in [
            "two words",
            "[x](http://evil.example)",
            "<b>",
            "ид-1",
            "-leading-dash",
            "x" * 101,
            "a/b",
            "a?b=c",
        ]
    ],
    (
        "misspelled-status",
        set_cell("exercises.csv", 1, "status", "hold"),
        "exercises.csv, line 2, column 'status': expected one of held, announced, planned, cancelled",
    ),
    (
        "capitalised-enum",
        set_cell("membership.csv", 1, "basis", "Legal"),
        "membership.csv, line 2, column 'basis': expected one of legal, political",
    ),
    (
        "unknown-precision",
        set_cell("events.csv", 1, "date_precision", "week"),
        "events.csv, line 2, column 'date_precision': expected one of day, month, year",
    ),
    (
        "ftp-source",
        set_cell("members.csv", 1, "source_url", "ftp://example.org/x"),
        "members.csv, line 2, column 'source_url': expected one or more http(s) URLs",
    ),
    (
        "javascript-source",
        set_cell("members.csv", 1, "source_url", "javascript:alert(1)"),
        "members.csv, line 2, column 'source_url': expected one or more http(s) URLs",
    ),
    (
        "source-with-space",
        set_cell("events.csv", 1, "source_url", "https://example.org/a b"),
        "events.csv, line 2, column 'source_url': expected one or more http(s) URLs",
    ),
    (
        "script-in-url",
        set_cell("members.csv", 1, "source_url", "https://x.org/<script>"),
        "members.csv, line 2, column 'source_url'",
    ),
    (
        "markdown-link-as-source",
        set_cell("bodies.csv", 1, "source_url", "[x](https://evil.example)"),
        "bodies.csv, line 2, column 'source_url'",
    ),
    (
        "required-empty",
        set_cell("bodies.csv", 1, "name_en", ""),
        "bodies.csv, line 2, column 'name_en': expected a value (required)",
    ),
    (
        "required-blank",
        set_cell("discrepancies.csv", 1, "claim", "   "),
        "discrepancies.csv, line 2, column 'claim': expected a value (required)",
    ),
    (
        "required-source-empty",
        set_cell("body_links.csv", 1, "source_url", ""),
        "body_links.csv, line 2, column 'source_url': expected a value (required)",
    ),
    ("one-million-rows", many_lines("exercises.csv", 1_000_001, b"\n"), "exercises.csv: expected at most 200,000 rows"),
    (
        "one-million-rows-crlf",
        many_lines("events.csv", 1_000_001, b"\r\n"),
        "events.csv: expected at most 200,000 rows",
    ),
    (
        "one-million-rows-cr-only",
        many_lines("events.csv", 1_000_001, b"\r"),
        "events.csv: expected at most 200,000 rows (found '1,000,002 lines')",
    ),
    (
        "field-of-200k-characters",
        set_cell("events.csv", 3, "note", "x" * 200_000),
        f"events.csv, line 4, column 'note': expected a field of at most {MAX_FIELD_CHARS:,} characters "
        "(found '200,000 characters')",
    ),
    (
        "field-one-over-the-limit",
        set_cell("members.csv", 1, "name_en", "y" * (MAX_FIELD_CHARS + 1)),
        f"members.csv, line 2, column 'name_en': expected a field of at most {MAX_FIELD_CHARS:,} characters",
    ),
    (
        "field-of-200k-characters-cr-only",
        lambda folder: (
            set_cell("events.csv", 3, "note", "x" * 200_000)(folder),
            raw("events.csv", lambda b: b.replace(b"\n", b"\r"))(folder),
        ),
        "events.csv, line 4, column 'note': expected a field of at most",
    ),
    ("missing-file", lambda folder: (folder / "events.csv").unlink(), "events.csv: expected the file events.csv"),
    ("folder-not-file", replace_with_folder("bodies.csv"), "bodies.csv: expected bodies.csv to be a regular file"),
    ("device-not-file", replace_with_device("members.csv"), "members.csv: expected members.csv to be a regular file"),
    (
        "future-date",
        set_cell("membership.csv", 1, "date", "2099-01-01"),
        "membership.csv, line 2, column 'date': expected a date not after today (2026-11-29)",
    ),
    (
        "future-date-held-exercise",
        set_cells("exercises.csv", 1, {"status": "held", "start_date": "2026-12-01", "end_date": ""}),
        "exercises.csv, line 2, column 'start_date': expected a date not after today (2026-11-29) for a held exercise",
    ),
    (
        "future-end-date-held-exercise",
        set_cells("exercises.csv", 1, {"status": "held", "end_date": "2026-12-01"}),
        "exercises.csv, line 2, column 'end_date': expected a date not after today (2026-11-29) for a held exercise",
    ),
    ("future-event", set_cell("events.csv", 1, "date", "2030-01-01"), "events.csv, line 2, column 'date': expected a"),
    (
        "before-1991",
        set_cell("membership.csv", 1, "date", "1945-05-09"),
        "membership.csv, line 2, column 'date': expected an ISO date YYYY-MM-DD",
    ),
    (
        "mixed-date-formats",
        set_cell("events.csv", 2, "date", "20/04/1994"),
        "events.csv, line 3, column 'date': expected an ISO date YYYY-MM-DD",
    ),
    (
        "latitude-out-of-range",
        set_cell("exercises.csv", 1, "latitude", "142.467"),
        "exercises.csv, line 2, column 'latitude': expected a number between -90 and 90",
    ),
    (
        "negative-personnel",
        set_cell("exercises.csv", 1, "personnel", "-1700"),
        "exercises.csv, line 2, column 'personnel': expected a whole number",
    ),
]


def _break_copy(tmp_path: Path, damage: Damage) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    damage(folder)
    return folder


@pytest.mark.parametrize(("case", "damage", "message"), CORPUS, ids=[c[0] for c in CORPUS])
def test_malformed_input_gives_a_clear_message(tmp_path, case, damage, message):
    folder = _break_copy(tmp_path, damage)
    with pytest.raises(DataValidationError) as info:
        read_all(folder, today=FIXED_TODAY)
    text = str(info.value)
    assert message in text, text
    assert "Traceback" not in text
    assert str(tmp_path) not in text and "/tmp" not in text, "messages never show the server's path"
    assert all(p.file in text for p in info.value.problems)


def test_corpus_has_at_least_150_cases():
    assert len(CORPUS) + len(UPLOADS) >= 150 and len(CORPUS) >= 100


# --- harmless variations load (some with a warning) -----------------------------------------------


def _typed_events(folder: Path) -> Loaded:
    return load_result("events", folder, REFS, FIXED_TODAY)


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("bom", raw("events.csv", lambda b: b"\xef\xbb\xbf" + b)),
        ("crlf", raw("events.csv", lambda b: b.replace(b"\n", b"\r\n"))),
        ("cr-only", raw("events.csv", lambda b: b.replace(b"\n", b"\r"))),
        ("blank-lines", rewrite("events.csv", lambda ls: [ls[0], "", *ls[1:3], "", "", *ls[3:]])),
        ("spaces-around-values", set_cell("events.csv", 1, "date", " 1992-05-15 ")),
        ("quoted-newline-in-note", set_cell("events.csv", 1, "note", "two\nlines")),
        ("header-with-spaces", rewrite("events.csv", lambda ls: [ls[0].replace(",title,", ", title ,"), *ls[1:]])),
    ],
)
def test_harmless_variations_load(tmp_path, case, damage):
    folder = _break_copy(tmp_path, damage)
    loaded = _typed_events(folder)
    assert loaded.ok, loaded.error
    assert len(loaded.table) == len(shipped("events"))
    assert loaded.table["date"].min() == shipped("events")["date"].min()


def test_line_numbers_count_lines_not_records(tmp_path):
    """A quoted note spanning lines shifts the line numbers of the rows after it."""
    folder = _break_copy(tmp_path, set_cell("events.csv", 1, "note", "one\ntwo\nthree"))
    set_cell("events.csv", 2, "date", "bad")(folder)
    assert "events.csv, line 5, column 'date'" in str(_typed_events(folder).error)


def test_spaces_around_numbers_are_ignored(tmp_path):
    folder = _break_copy(tmp_path, set_cells("exercises.csv", 1, {"personnel": " 12 ", "latitude": " 42.5"}))
    table = read_all(folder, today=FIXED_TODAY)["exercises"]
    assert 12 in set(table["personnel"].dropna()) and 42.5 in set(table["latitude"].dropna())


def test_extra_columns_are_warnings_not_failures(tmp_path):
    folder = _break_copy(
        tmp_path,
        lambda f: write_rows(
            f / "events.csv",
            [[*r, "x", "y"] if i else [*r, "title_de", ""] for i, r in enumerate(read_rows(f / "events.csv"))],
        ),
    )
    loaded = _typed_events(folder)
    assert loaded.ok and list(loaded.table.columns) == TABLES["events"].column_names
    texts = [str(w) for w in loaded.warnings]
    assert (
        "events.csv, line 1, column 'title_de': warning: not part of the data contract; the column is ignored" in texts
    )
    assert any(f"unnamed, position {len(TABLES['events'].column_names) + 2}" in text for text in texts)
    assert all(w.severity == "warning" for w in loaded.warnings)


def test_missing_final_line_break_is_a_warning(tmp_path):
    folder = _break_copy(tmp_path, raw("events.csv", lambda b: b.rstrip(b"\r\n")))
    loaded = _typed_events(folder)
    assert loaded.ok
    assert any("does not end with a line break" in str(w) for w in loaded.warnings)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_header_only_files_give_typed_empty_tables(tmp_path, name):
    folder = _break_copy(tmp_path, rewrite(TABLES[name].file_name, lambda ls: ls[:1]))
    loaded = load_result(name, folder, REFS, FIXED_TODAY)
    assert loaded.ok and len(loaded.table) == 0
    assert list(loaded.table.columns) == TABLES[name].column_names
    assert dict(loaded.table.dtypes.astype(str)) == dict(shipped(name).dtypes.astype(str))


# --- no exception escapes; failures are values a cache can keep -----------------------------------


def test_an_unexpected_failure_names_the_file_and_the_stage(tmp_path, monkeypatch):
    folder = _break_copy(tmp_path, lambda f: None)

    def broken(*args, **kwargs):
        raise RuntimeError(f"boom in {folder / 'members.csv'}")

    monkeypatch.setattr(loaders, "_typed_column", broken)
    loaded = load_result("members", folder, today=FIXED_TODAY)
    assert not loaded.ok
    text = str(loaded.error)
    assert text.startswith("members.csv: 1 problem(s)")
    assert (
        "members.csv: expected a file the loader can read (it failed while typing column 'iso3': RuntimeError" in text
    )
    assert "RuntimeError: boom in …" in text and str(tmp_path) not in text
    with pytest.raises(DataValidationError):
        read_table("members", DATA, today=FIXED_TODAY)


def test_a_failing_cell_parser_names_line_and_column(monkeypatch):
    real = loaders.parse_cell

    def flaky(col, raw, refs=None):
        if raw == "Baku":
            raise OverflowError("odd")
        return real(col, raw, refs)

    monkeypatch.setattr(loaders, "parse_cell", flaky)
    text = str(load_result("members", DATA, today=FIXED_TODAY).error)
    assert "members.csv, line 3, column 'capital_en': expected a value the loader can read" in text
    assert "OverflowError: odd" in text and "(found 'Baku')" in text


def test_an_unreadable_file_does_not_show_the_path(tmp_path, monkeypatch):
    folder = _break_copy(tmp_path, lambda f: None)

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    loaded = load_result("members", folder, today=FIXED_TODAY)
    assert str(loaded.error) == "members.csv: 1 problem(s)\n- members.csv: expected a readable file (Permission denied)"


def test_failures_are_picklable_values(tmp_path):
    folder = _break_copy(tmp_path, set_cell("members.csv", 1, "capital_lat", "nan"))
    loaded = load_result("members", folder, today=FIXED_TODAY)
    again = pickle.loads(pickle.dumps(loaded))
    assert again.problems == loaded.problems and not again.ok
    error = pickle.loads(pickle.dumps(loaded.error))
    assert error.problems == list(loaded.problems) and str(error) == str(loaded.error)


def test_problems_per_file_are_capped(tmp_path):
    def all_bad(folder: Path) -> None:
        rows = read_rows(folder / "events.csv")
        header, first = rows[0], rows[1]
        rows = [header] + [[f"e{i}", "bad", *first[2:]] for i in range(3_000)]
        write_rows(folder / "events.csv", rows)

    loaded = _typed_events(_break_copy(tmp_path, all_bad))
    assert len(loaded.problems) == loaders.MAX_PROBLEMS + 1
    assert "2,000 more are not listed" in str(loaded.problems[-1])


# --- uploads: the same checks on bytes that never touch the disk ---------------------------------

UPLOAD_ROWS = {
    "exercises": "mine-2025,Mine-2025,Interaction,2025-05-01,,day,held,KGZ,Edelweiss,42.46,76.18,town,KGZ;RUS,"
    "1700,CRRF,Моё-2025,,https://example.org/mine",
    "events": "mine-1,2025-05-01,day,,My event,summit,ARM,,,https://example.org/mine,held,Моё событие,,yes",
}


def upload_row(name: str) -> list[str]:
    """The sample row, with the contract's later columns left empty."""
    row = next(csv.reader([UPLOAD_ROWS[name]]))
    return row + [""] * (len(TABLES[name].column_names) - len(row))


def upload(name: str, change: Callable[[list[list[str]]], None] | None = None, newline: str = "\n") -> bytes:
    rows = [TABLES[name].column_names, upload_row(name)]
    if change:
        change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue().encode("utf-8")


def cell(name: str, column: str, value: str) -> bytes:
    def change(rows: list[list[str]]) -> None:
        rows[1][rows[0].index(column)] = value

    return upload(name, change)


UPLOADS: list[tuple[str, str, bytes, str]] = [
    *[
        (f"upload-number-{value!r}", "exercises", cell("exercises", "latitude", value), "column 'latitude'")
        for value in BAD_NUMBERS
    ],
    *[
        (f"upload-whole-{value[:12]!r}", "exercises", cell("exercises", "personnel", value), "column 'personnel'")
        for value in [*BAD_NUMBERS, *BAD_WHOLE_NUMBERS]
    ],
    *[(f"upload-date-{value!r}", "events", cell("events", "date", value), "column 'date'") for value in BAD_DATES],
    ("upload-empty", "events", b"", "mine.csv: expected a header row"),
    ("upload-binary", "events", b"\x00\x01\x02", "mine.csv, line 1: expected a UTF-8 text file"),
    (
        "upload-torn",
        "events",
        upload("events").split(b"\n")[0] + b'\nmine-1,2025-05-01,day,,My event,summit,ARM,,"half a quoted note',
        "mine.csv, line 2, column 'note': expected a closing quote",
    ),
    (
        "upload-cr-only-over-cap",
        "events",
        upload("events").replace(b"\n", b"\r").split(b"\r")[0] + b"\r" + b"x\r" * 6_000,
        "mine.csv: expected at most 5,000 rows",
    ),
    (
        "upload-long-field",
        "events",
        cell("events", "note", "z" * 200_000),
        f"mine.csv, line 2, column 'note': expected a field of at most {MAX_FIELD_CHARS:,} characters",
    ),
    ("upload-unknown-state", "events", cell("events", "states", "FRA"), "column 'states': expected state code(s)"),
    ("upload-held-in-future", "exercises", cell("exercises", "start_date", "2027-01-01"), "for a held exercise"),
    ("upload-semicolons", "events", upload("events").replace(b",", b";"), "mine.csv, line 1: expected comma-separated"),
]


@pytest.mark.parametrize(("case", "name", "data", "message"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_malformed_upload_gives_a_clear_message(case, name, data, message):
    loaded = parse_result(name, data, REFS, FIXED_TODAY, file_name="mine.csv", max_rows=5_000)
    assert not loaded.ok
    text = str(loaded.error)
    assert message in text, text
    assert text.startswith("mine.csv: ")
    if "column" in message and "line" not in message:
        assert "mine.csv, line 2, " + message in text, text


@pytest.mark.parametrize("name", sorted(UPLOAD_ROWS))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_good_uploads_load_whatever_the_line_endings(name, newline):
    table = parse_result(name, upload(name, newline=newline), REFS, FIXED_TODAY, file_name="mine.csv").unwrap()
    assert len(table) == 1 and list(table.columns) == TABLES[name].column_names


@pytest.mark.parametrize("status", ["planned", "cancelled"])
def test_exercises_not_held_may_be_dated_later(status):
    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        rows[1][header.index("status")] = status
        rows[1][header.index("start_date")] = "2026-09-01"
        rows[1][header.index("end_date")] = "2026-09-05"

    table = parse_result("exercises", upload("exercises", change), REFS, FIXED_TODAY).unwrap()
    assert table["start_date"].iloc[0].year == 2026 and table["status"].iloc[0] == status


# --- the pages -------------------------------------------------------------------------------------

# The pages without a declared state that read each file; the others say so in PAGE_KINDS (the
# tables their build reads), so a new page is checked against what it declares.
PAGES_WITHOUT_STATE_NEEDING = {
    "exercises.csv": {"pages/overview.py", "pages/briefing.py"},
    "body_links.csv": {"pages/briefing.py"},
    "events.csv": {"pages/overview.py", "pages/briefing.py"},
}
PAGES_NEEDING = {
    bad_file: pages
    | {page_file(kind) for kind, page_kind in PAGE_KINDS.items() if bad_file.removesuffix(".csv") in page_kind.tables}
    for bad_file, pages in PAGES_WITHOUT_STATE_NEEDING.items()
}


@pytest.mark.parametrize("bad_file", PAGES_NEEDING)
def test_only_pages_needing_a_bad_file_stop(tmp_path, monkeypatch, bad_file):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / bad_file).write_bytes(b"\x00\x01binary")
    monkeypatch.setenv("CSTO_DATA_DIR", str(folder))
    for page in ALL_PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page).run()
        assert not at.exception, page
        stopped = any("cannot show its data" in e.value for e in at.error)
        assert stopped == (page in PAGES_NEEDING[bad_file]), page
    health = at  # the Sources page lists the problem in its Data health table
    assert any(bad_file in str(df.value["file"].tolist()) for df in health.dataframe)
