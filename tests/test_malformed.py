"""A corpus of malformed data files: each gives a clear message naming file, line and column —
never a traceback — and the pages that do not need the bad file keep working."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import DataValidationError, read_all
from tests.conftest import ALL_PAGES, DATA, FIXED_TODAY, ROOT


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def replace_line(file: str, number: int, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        lines = lines_of(folder / file)
        assert old in lines[number - 1], (file, number, old)
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
        write_lines(folder / file, lines)

    return apply


def rewrite(file: str, transform: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    return lambda folder: write_lines(folder / file, transform(lines_of(folder / file)))


def raw(file: str, content: bytes | Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        path.write_bytes(content(path.read_bytes()) if callable(content) else content)

    return apply


def million_rows(folder: Path) -> None:
    path = folder / "exercises.csv"
    header = lines_of(path)[0]
    with path.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        f.write("x,y\n" * 1_000_001)


# (case id, how to break the data, text the message must contain)
CORPUS: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty-file", raw("events.csv", b""), "events.csv: expected a header row with columns event_id"),
    ("whitespace-only", raw("events.csv", b"  \n\n"), "events.csv: expected a header row"),
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
        "latin-1",
        raw("members.csv", lambda b: b.replace("Армения".encode(), "Arménia".encode("latin-1"))),
        "members.csv, line 2: expected UTF-8 text",
    ),
    (
        "binary",
        raw("exercises.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "exercises.csv: expected a UTF-8 text file (found binary data)",
    ),
    ("nul-bytes", raw("events.csv", lambda b: b[:200] + b"\x00" + b[200:]), "events.csv: expected a UTF-8 text file"),
    (
        "ragged-row",
        replace_line("members.csv", 3, "AZE,", "AZE,extra,"),
        "members.csv, line 3: expected 7 fields like the header",
    ),
    (
        "unclosed-quote",
        rewrite("events.csv", lambda ls: [*ls, 'bad-1,2020-01-01,day,,"unclosed,treaty,,,,https://x.org']),
        "events.csv: expected well-formed CSV",
    ),
    (
        "missing-column",
        replace_line("exercises.csv", 1, ",personnel", ""),
        "exercises.csv, line 1: expected columns personnel in the header (missing)",
    ),
    (
        "duplicate-column",
        replace_line("bodies.csv", 1, ",kind,", ",kind,kind,"),
        "bodies.csv, line 1: expected each column once (repeated: kind)",
    ),
    (
        "duplicate-id",
        rewrite("events.csv", lambda ls: [*ls, ls[1]]),
        "column 'event_id': expected a unique value (duplicate id)",
    ),
    (
        "dangling-state",
        replace_line("exercises.csv", 2, "KAZ;KGZ,", "KAZ;FRA,"),
        "exercises.csv, line 2, column 'host_states': expected state code(s) listed in members.csv",
    ),
    (
        "dangling-link",
        rewrite("body_links.csv", lambda ls: [*ls, "ghost,csc,reports_to,https://example.org/x"]),
        "column 'from_id': expected a body_id listed in bodies.csv",
    ),
    (
        "unknown-state-code",
        replace_line("membership.csv", 2, "ARM,", "XXX,"),
        "membership.csv, line 2, column 'state': expected ISO 3166-1 alpha-3",
    ),
    (
        "lowercase-state-code",
        replace_line("membership.csv", 2, "ARM,", "arm,"),
        "column 'state': expected ISO 3166-1 alpha-3",
    ),
    (
        "bad-date",
        replace_line("events.csv", 2, "1992-05-15", "15.05.1992"),
        "events.csv, line 2, column 'date': expected an ISO date",
    ),
    ("impossible-date", replace_line("events.csv", 2, "1992-05-15", "1992-02-30"), "events.csv, line 2, column 'date'"),
    (
        "future-date",
        replace_line("membership.csv", 2, "1992-05-15", "2099-01-01"),
        "membership.csv, line 2, column 'date'",
    ),
    (
        "before-1991",
        replace_line("membership.csv", 2, "1992-05-15", "1945-05-09"),
        "membership.csv, line 2, column 'date'",
    ),
    (
        "mixed-date-formats",
        rewrite("events.csv", lambda ls: [ls[0], ls[1], ls[2].replace("1994-04-20", "20/04/1994"), *ls[3:]]),
        "events.csv, line 3, column 'date'",
    ),
    (
        "latitude-out-of-range",
        replace_line("exercises.csv", 2, ",42.467,", ",142.467,"),
        "exercises.csv, line 2, column 'latitude': expected a number between -90 and 90",
    ),
    (
        "longitude-not-a-number",
        replace_line("exercises.csv", 2, ",76.183,", ",east,"),
        "exercises.csv, line 2, column 'longitude': expected a number",
    ),
    (
        "negative-personnel",
        replace_line("exercises.csv", 2, ",1700,", ",-1700,"),
        "exercises.csv, line 2, column 'personnel': expected a whole number",
    ),
    (
        "misspelled-status",
        replace_line("exercises.csv", 2, ",held,", ",hold,"),
        "exercises.csv, line 2, column 'status': expected one of held, planned, cancelled",
    ),
    (
        "missing-source",
        replace_line("members.csv", 2, "https://", "ftp://"),
        "members.csv, line 2, column 'source_url': expected one or more http(s) URLs",
    ),
    (
        "script-in-url",
        replace_line("members.csv", 2, "https://sco.wikipedia.org/wiki/Yerevan", "https://x.org/<script>"),
        "members.csv, line 2, column 'source_url'",
    ),
    (
        "required-empty",
        replace_line("bodies.csv", 2, ",Collective Security Council,", ",,"),
        "bodies.csv, line 2, column 'name_en': expected a value (required)",
    ),
    ("one-million-rows", million_rows, "exercises.csv: expected at most 200,000 rows"),
    ("missing-file", lambda folder: (folder / "events.csv").unlink(), "events.csv: expected the file at"),
]


@pytest.mark.parametrize(("case", "damage", "message"), CORPUS, ids=[c[0] for c in CORPUS])
def test_malformed_input_gives_a_clear_message(tmp_path, case, damage, message):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    damage(folder)
    with pytest.raises(DataValidationError) as info:
        read_all(folder, today=FIXED_TODAY)
    text = str(info.value)
    assert message in text, text
    assert "Traceback" not in text


def test_corpus_has_at_least_25_cases():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("bom", raw("events.csv", lambda b: b"\xef\xbb\xbf" + b)),
        ("crlf", raw("events.csv", lambda b: b.replace(b"\n", b"\r\n"))),
        ("header-only", rewrite("exercises.csv", lambda ls: ls[:1])),
        ("extra-column", rewrite("bodies.csv", lambda ls: [ls[0] + ",extra"] + [line + ",x" for line in ls[1:]])),
    ],
)
def test_harmless_variations_load(tmp_path, case, damage):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    damage(folder)
    tables = read_all(folder, today=FIXED_TODAY)
    assert len(tables["events"]) > 0


PAGES_NEEDING = {
    "exercises.csv": {"pages/overview.py", "pages/exercises.py", "pages/briefing.py"},
    "body_links.csv": {"pages/structure.py", "pages/briefing.py"},
    "events.csv": {"pages/overview.py", "pages/membership.py", "pages/briefing.py"},
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
