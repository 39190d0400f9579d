"""The data version: the day the data was reviewed up to, and a digest of its contents.

Both come from the data itself, never from file dates (which differ on every clone, checkout and
copy): ``data/reviewed.toml`` records the day up to which the data was checked against its sources
and the digest of the files it was checked at. ``data_version(folder)`` is then, e.g.,
``2026-02-27·1a2b3c4d``, the same on every copy of the same data. Data that differs from the
recorded digest (edited since, or someone's own folder) shows ``unreviewed·<digest>``.

After changing any data file, record it (``tests/test_data_version.py`` fails until then)::

    python -m components.data.version --update                         # same reviewed-up-to day
    python -m components.data.version --update --reviewed 2026-04-15   # sources checked to a later day

``snapshot_digest(folder)`` is also the cache key of a data snapshot: it changes whenever any table
file's bytes change (even when the modification time is kept).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from components.data.schema import TABLES

_CHUNK = 1 << 20
# Per-file digests remembered with the file's full stat (size, mtime, ctime in nanoseconds, inode,
# device). The kernel sets ctime on every write and on every utime(), and no program can set it
# back, so a file whose stat is unchanged has unchanged bytes: it is not read again. A file changed
# in the last two seconds is always read (two writes within one clock tick could share a ctime).
_RECENT_NS = 2_000_000_000
_memo: dict[str, tuple[tuple[int, ...], str]] = {}
_memo_lock = threading.Lock()


def file_digest(path: Path) -> str:
    """SHA-256 of one table file's bytes; 'missing' / 'not-a-file' when there are none to hash."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    if not path.is_file():
        return "not-a-file"
    key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
    with _memo_lock:
        known = _memo.get(str(path))
    if known and known[0] == key and time.time_ns() - stat.st_ctime_ns > _RECENT_NS:
        return known[1]
    try:
        with path.open("rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    with _memo_lock:
        _memo[str(path)] = (key, digest)
    return digest


def snapshot_digest(folder: Path) -> str:
    """One digest over every table file's contents (by table name; a missing file counts as
    missing, not as empty). The cache key of a data snapshot is ``(str(folder), snapshot_digest)``."""
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        digest.update(f"{name}\0{file_digest(folder / TABLES[name].file_name)}\n".encode())
    return digest.hexdigest()


def content_hash(folder: Path) -> str:
    """Short form of ``snapshot_digest`` shown in the footer and exports."""
    return snapshot_digest(folder)[:8]


REVIEW_FILE = "reviewed.toml"
UNREVIEWED = "unreviewed"
UPDATE_COMMAND = "python -m components.data.version --update"
_REVIEW_HEADER = f"""\
# The day up to which this data was checked against its sources, and the digest of the data files
# (components.data.version.snapshot_digest) it was checked at. The app's data version is
# "<reviewed>·<first 8 characters of digest>"; the Overview says "data reviewed up to <reviewed>".
# After changing any data file: {UPDATE_COMMAND}
# (keeps the day; add --reviewed YYYY-MM-DD once the sources have been checked up to a later day).
"""


@dataclass(frozen=True)
class Review:
    """What ``reviewed.toml`` records: the day the data was checked up to, and which data."""

    reviewed: date
    digest: str


class ReviewFileError(ValueError):
    """``reviewed.toml`` exists but cannot be read as a review (named in the message)."""


def recorded_review(folder: Path) -> Review | None:
    """The review recorded in ``folder`` (None when the folder has no ``reviewed.toml``)."""
    path = folder / REVIEW_FILE
    try:
        record = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReviewFileError(f"{REVIEW_FILE}: {exc}") from exc
    reviewed, digest = record.get("reviewed"), record.get("digest")
    if not isinstance(reviewed, date) or not isinstance(digest, str):
        raise ReviewFileError(f'{REVIEW_FILE}: expected reviewed = YYYY-MM-DD and digest = "<sha256>"')
    return Review(reviewed, digest)


def reviewed_on(folder: Path) -> date | None:
    """The day the data in ``folder`` was reviewed up to, if it is exactly the data recorded as
    reviewed; None for data changed since (or never reviewed, or an unreadable record)."""
    try:
        review = recorded_review(folder)
    except ReviewFileError:
        return None
    return review.reviewed if review and review.digest == snapshot_digest(folder) else None


def data_version(folder: Path) -> str:
    """e.g. '2026-02-27·1a2b3c4d': reviewed up to that day, and exactly which data it is."""
    day = reviewed_on(folder)
    return f"{day.isoformat() if day else UNREVIEWED}·{content_hash(folder)}"


def record_review(folder: Path, reviewed: date | None = None) -> Review:
    """Write ``reviewed.toml`` for the data in ``folder`` as it is now; the day stays the one
    recorded unless ``reviewed`` is given (a first record needs it)."""
    try:
        previous = recorded_review(folder)
    except ReviewFileError:
        previous = None
    day = reviewed or (previous.reviewed if previous else None)
    if day is None:
        raise ReviewFileError(f"{REVIEW_FILE}: no day recorded yet; give --reviewed YYYY-MM-DD")
    review = Review(day, snapshot_digest(folder))
    text = f'{_REVIEW_HEADER}reviewed = {day.isoformat()}\ndigest = "{review.digest}"\n'
    (folder / REVIEW_FILE).write_text(text, encoding="utf-8")
    return review


def main(argv: list[str] | None = None) -> int:
    """Print the data version; with --update, record the data as reviewed (see the module doc)."""
    from components.data.loaders import data_dir

    parser = argparse.ArgumentParser(prog="python -m components.data.version", description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="record the data as it is now in reviewed.toml")
    parser.add_argument("--reviewed", type=date.fromisoformat, help="the day the sources were checked up to")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: $CSTO_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    folder = args.data or data_dir()
    if args.reviewed and not args.update:
        parser.error("--reviewed needs --update")
    if args.reviewed and args.reviewed > date.today():
        parser.error(f"--reviewed {args.reviewed} is in the future")
    try:
        if args.update:
            review = record_review(folder, args.reviewed)
            print(f"{folder / REVIEW_FILE}: reviewed up to {review.reviewed}, digest {review.digest[:8]}")
    except ReviewFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    version = data_version(folder)
    print(version)
    if version.startswith(UNREVIEWED):
        print(f"the data differs from {REVIEW_FILE}: after checking it, run {UPDATE_COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
