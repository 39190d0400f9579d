"""`make audit`: pip-audit's JSON report, read honestly.

    .venv/bin/python tools/audit.py -- -r requirements.txt          # runs pip-audit -f json
    .venv/bin/python tools/audit.py --json report.json               # reads a saved report

pip-audit prints "No known vulnerabilities found" and exits 0 even when it could not check a
single package (each one "skipped", e.g. because the package index it reached does not serve the
vulnerability data). This reads its JSON report and says how many packages were checked and how
many were skipped and why, and exits non-zero unless every package was checked:

    0  every package checked, no known vulnerability
    1  a known vulnerability in a checked package
    2  the audit is incomplete: a package was skipped, the report lists none, or pip-audit could
       not reach its vulnerability database (it then stops with a traceback and no report)
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
from dataclasses import dataclass

OK, VULNERABLE, INCOMPLETE = 0, 1, 2
# Errors in pip-audit's output that mean the vulnerability service could not be reached.
UNREACHABLE = re.compile(
    r"(ConnectionError|NameResolutionError|Failed to resolve|Max retries exceeded|timed out|"
    r"Connection refused|Network is unreachable|ServiceError)[^\n]*"
)


@dataclass
class Verdict:
    code: int
    lines: list[str]


def _reason(skip_reason: str) -> str:
    """pip-audit's skip reason without the package name and version it ends with."""
    return re.sub(r":\s*\S+ \([^)]*\)\s*$", "", skip_reason).strip()


def judge(report: dict) -> Verdict:
    """The verdict on one pip-audit JSON report (``pip-audit -f json``)."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    checked = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in checked if d.get("vulns")]
    lines = [
        f"pip-audit: {len(dependencies)} packages, {len(checked)} checked, {len(skipped)} skipped, "
        f"{len(vulnerable)} with known vulnerabilities"
    ]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            lines.append(f"  VULNERABLE {dep['name']} {dep.get('version', '?')}: {vuln.get('id', '?')} (fix: {fixes})")
    reasons = collections.Counter(_reason(d["skip_reason"]) for d in skipped)
    for reason, count in reasons.most_common():
        names = ", ".join(d["name"] for d in skipped if _reason(d["skip_reason"]) == reason)
        lines.append(f"  skipped {count}: {reason} ({names})")
    if skipped and reasons.keys() == {"Dependency not found on PyPI and could not be audited"}:
        lines.append(
            "  The vulnerability database could not be consulted: the package index reachable from here"
            " answers 'not found' on PyPI's JSON API, which is where pip-audit reads vulnerability data."
        )
    if vulnerable:
        return Verdict(VULNERABLE, [*lines, "FAILED: known vulnerabilities (above)."])
    if not dependencies:
        return Verdict(INCOMPLETE, [*lines, "FAILED: the report lists no package, so nothing was checked."])
    if skipped:
        return Verdict(
            INCOMPLETE,
            [
                *lines,
                f"FAILED: audit incomplete, {len(skipped)} of {len(dependencies)} packages could not be checked;"
                " this is NOT a clean result. Run `make audit` where PyPI or OSV is reachable.",
            ],
        )
    return Verdict(OK, [*lines, f"No known vulnerabilities: all {len(checked)} packages checked."])


def run_pip_audit(args: list[str]) -> Verdict:
    """Run pip-audit with a JSON report on stdout; judge it, or explain why there is none."""
    command = [sys.executable, "-m", "pip_audit", *args, "-f", "json", "--progress-spinner", "off"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        # The traceback's last matching line is the exception itself (earlier ones are source lines).
        matches = [line.strip() for line in result.stderr.splitlines() if UNREACHABLE.search(line)]
        if matches:
            why = f"the vulnerability database could not be reached: {matches[-1][:300]}"
        else:
            tail = result.stderr.strip().splitlines()[-1:] or ["no output"]
            why = f"pip-audit failed (exit {result.returncode}): {tail[0][:300]}"
        return Verdict(INCOMPLETE, [f"FAILED: no audit report, nothing was checked; {why}"])
    return judge(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="read this saved `pip-audit -f json` report instead of running pip-audit")
    parser.add_argument("pip_audit_args", nargs="*", help="arguments for pip-audit (after --)")
    args = parser.parse_args(argv)
    if args.json:
        with open(args.json, encoding="utf-8") as report:
            verdict = judge(json.load(report))
    else:
        verdict = run_pip_audit(args.pip_audit_args)
    print("\n".join(verdict.lines))
    return verdict.code


if __name__ == "__main__":
    sys.exit(main())
