"""Tiny runs of the browser benchmark scripts, so that they cannot rot (speed is not judged)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def run_bench(chromium_executable: str, *arguments: str, timeout: int) -> subprocess.CompletedProcess:
    """``python -m <arguments>`` from the repository, with this Chromium; fails on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "CHROMIUM_PATH": chromium_executable},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_benchmark_runner_smoke(chromium_executable, tmp_path):
    run_bench(chromium_executable, "bench.run", "--smoke", "--write", str(tmp_path / "results.md"), timeout=900)
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    for section in (
        "1. Cold start",
        "2. Navigation",
        "3. Interaction",
        "3b. Chromium CPU",
        "3c. Budgets",
        "4. Scale",
        "5. Memory",
        "6. Network layout",
    ):
        assert section in report


def test_load_script_smoke(chromium_executable, app_url):
    """Against the tests' own app server (``--url``): starting a server is covered by the runner's
    smoke run above."""
    result = run_bench(
        chromium_executable, "bench.load", "--sessions", "1", "--reruns", "1", "--url", app_url, timeout=600
    )
    assert "| 1 | 3 | 0 |" in result.stdout
