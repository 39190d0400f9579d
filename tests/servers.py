"""Starting the app as ``make run`` does (``components.ui.serve``), for tests that need a real
server: the browser tests and the memory keeper's test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.common import free_port, wait_healthy
from tests.conftest import ROOT


def start_server(
    log: Path,
    port: int | None = None,
    data_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> tuple[str, subprocess.Popen]:
    """The app on ``port`` (a free one by default), its output in ``log``; returns once healthy.
    ``env`` replaces the inherited environment; ``args`` are more Streamlit options."""
    port = port or free_port()
    environment = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
    if data_dir is not None:
        environment["CSTO_DATA_DIR"] = str(data_dir)
    command = ["-m", "components.ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1", *args]
    with log.open("w", encoding="utf-8") as handle:
        proc = subprocess.Popen(
            [sys.executable, *command], cwd=ROOT, env=environment, stdout=handle, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url, proc
