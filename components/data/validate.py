"""Check a data folder before it is used: ``python -m components.data.validate DIR``.

Every file is read by the app's own loaders (``load_snapshot``), so what this command accepts the
app accepts, and each problem is named the same way: file, line, column, what was expected and
what was found. On top of the loaders it warns where the Russian interface would fall back to
English (a ``force`` of ``exercises.csv`` without a row in ``forces.csv``).

Exit status: 0 when every file loads (warnings allowed), 1 when any file has a problem, 2 when
the folder cannot be used at all. Nothing is written; the folder is only read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from components.data.loaders import Loaded, Problem, load_snapshot


def force_problems(folder: Path, results: Mapping[str, Loaded]) -> list[Problem]:
    """Warnings for ``exercises.csv`` rows whose force has no Russian name in ``forces.csv``."""
    exercises, forces = results.get("exercises"), results.get("forces")
    if exercises is None or forces is None or not exercises.ok or not forces.ok:
        return []  # a file that did not load has its own problems
    known = set(forces.unwrap()["force"].astype(str))
    found = []
    with (folder / "exercises.csv").open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            force = (row.get("force") or "").strip()
            if force and force not in known:
                found.append(
                    Problem(
                        "exercises.csv",
                        reader.line_num,
                        "force",
                        "a force listed in forces.csv (without it the Russian interface shows it in English)",
                        force,
                        severity="warning",
                    )
                )
    return found


def validate(folder: Path, today: date | None = None) -> tuple[list[Problem], list[Problem], dict[str, int]]:
    """(problems, warnings, rows per file that loaded) for every table in ``folder``."""
    results = load_snapshot(folder, today)
    problems = [p for loaded in results.values() for p in loaded.problems]
    warnings = [w for loaded in results.values() for w in loaded.warnings] + force_problems(folder, results)
    rows = {loaded.file: len(loaded.unwrap()) for loaded in results.values() if loaded.ok}
    return problems, warnings, rows


def report(problems: Sequence[Problem], warnings: Sequence[Problem], rows: Mapping[str, int]) -> str:
    """The command's output: one line per problem and warning, then a summary line."""
    lines = [f"- {p}" for p in problems] + [f"- {w}" for w in warnings]
    loaded = ", ".join(f"{name} ({count:,} rows)" for name, count in sorted(rows.items()))
    lines.append(f"Loaded: {loaded or 'nothing'}")
    verdict = "OK" if not problems else "NOT OK"
    lines.append(f"{verdict}: {len(problems)} problem(s), {len(warnings)} warning(s)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m components.data.validate",
        description="Check every CSV file of a data folder against the data contract (data/README.md).",
    )
    parser.add_argument("folder", type=Path, help="the data folder (e.g. data/ or a copy of it)")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the day dates are checked against (YYYY-MM-DD; default: today)",
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    problems, warnings, rows = validate(args.folder, args.today)
    print(report(problems, warnings, rows))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
