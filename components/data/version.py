"""A data version stamp: the latest change date of the data files and a content digest.

``snapshot_digest(folder)`` is the cache key of a data snapshot: it changes whenever any table
file's bytes change (even when the modification time is kept), and two copies of the same data
agree whatever their file dates.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime
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


def latest_change(folder: Path) -> str:
    """ISO date of the most recently modified table file ('unknown' when none exists)."""
    times = [
        (folder / spec.file_name).stat().st_mtime for spec in TABLES.values() if (folder / spec.file_name).exists()
    ]
    return datetime.fromtimestamp(max(times), tz=UTC).date().isoformat() if times else "unknown"


def data_version(folder: Path) -> str:
    """e.g. '2026-11-27·1a2b3c4d': when the data last changed, and exactly which data it is."""
    return f"{latest_change(folder)}·{content_hash(folder)}"
