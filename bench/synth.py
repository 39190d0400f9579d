"""Synthetic data at scale, passing the app's own validation, for the scale benchmarks.

    .venv/bin/python -m bench.synth --exercises 100000 --events 100000 --out /tmp/csto-100k

Copies the shipped tables and grows exercises.csv and events.csv to the requested size by
repeating the real rows with new ids and shifted dates (never shown as facts: benchmark only).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from bench.common import ROOT

SEED = 20261127


def _grow(source: Path, target: Path, key: str, count: int, date_columns: tuple[str, ...], rng: random.Random) -> None:
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    latest = date(2025, 12, 31)
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for index in range(count):
            row = dict(rows[index % len(rows)])
            if index >= len(rows):  # the first copy keeps its id: the ids other rows refer to
                row[key] = f"{row[key]}-synthetic-{index}"  # (personnel_combined_with) stay listed
            shift = timedelta(days=rng.randint(-3000, 0))
            for column in date_columns:
                if row.get(column):
                    shifted = date.fromisoformat(row[column]) + shift
                    row[column] = max(date(1992, 1, 1), min(shifted, latest)).isoformat()
            if row.get("end_date") and row["end_date"] < row[date_columns[0]]:
                row["end_date"] = ""
            writer.writerow(row)


def generate(out: Path, exercises: int, events: int) -> Path:
    """Write a full data folder at ``out`` and return it."""
    rng = random.Random(SEED)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "data", out)
    _grow(
        ROOT / "data" / "exercises.csv",
        out / "exercises.csv",
        "exercise_id",
        exercises,
        ("start_date", "end_date"),
        rng,
    )
    _grow(ROOT / "data" / "events.csv", out / "events.csv", "event_id", events, ("date", "end_date"), rng)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exercises", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.out, args.exercises, args.events))


if __name__ == "__main__":
    main()
