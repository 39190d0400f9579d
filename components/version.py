"""A data version stamp that changes whenever any data file's content changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from components.schema import TABLES


def data_version(folder: Path) -> str:
    """Short content hash over every table file (missing files count as empty).

    Derived from content, not modification times, so two clones of the same data agree.
    """
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        path = folder / TABLES[name].file_name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:10]
