"""Tiny runs of every benchmark script, so that the benchmarks cannot rot (speed is not judged)."""

from __future__ import annotations

from bench.synth import generate
from components.data.loaders import read_all
from tests.conftest import FIXED_TODAY


def test_synthetic_data_passes_the_apps_validation(tmp_path):
    folder = generate(tmp_path / "data", exercises=300, events=250)
    tables = read_all(folder, today=FIXED_TODAY)
    assert len(tables["exercises"]) == 300 and len(tables["events"]) == 250
