"""A data version stamp: the latest change date of the data files and a short content hash."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from components.data.schema import TABLES


def content_hash(folder: Path) -> str:
    """Short hash over every table file's bytes (a missing file counts as empty), so two copies
    of the same data agree whatever their file dates."""
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        path = folder / TABLES[name].file_name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:8]


def latest_change(folder: Path) -> str:
    """ISO date of the most recently modified table file ('unknown' when none exists)."""
    times = [
        (folder / spec.file_name).stat().st_mtime for spec in TABLES.values() if (folder / spec.file_name).exists()
    ]
    return datetime.fromtimestamp(max(times), tz=UTC).date().isoformat() if times else "unknown"


def data_version(folder: Path) -> str:
    """e.g. '2026-11-27·1a2b3c4d': when the data last changed, and exactly which data it is."""
    return f"{latest_change(folder)}·{content_hash(folder)}"
