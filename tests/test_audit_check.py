"""`make audit` reads pip-audit's JSON report honestly (tools/audit.py); canned reports, no network."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT
from tools import audit

# What pip-audit 2.10 wrote here: every package skipped, "No known vulnerabilities found", exit 0.
NOT_FOUND = "Dependency not found on PyPI and could not be audited"
ALL_SKIPPED = {
    "dependencies": [
        {"name": "streamlit", "skip_reason": f"{NOT_FOUND}: streamlit (1.67.0)"},
        {"name": "pandas", "skip_reason": f"{NOT_FOUND}: pandas (3.1.1)"},
    ],
    "fixes": [],
}
ALL_CHECKED = {
    "dependencies": [
        {"name": "streamlit", "version": "1.67.0", "vulns": []},
        {"name": "pandas", "version": "3.1.1", "vulns": []},
    ],
    "fixes": [],
}
ONE_SKIPPED = {"dependencies": [*ALL_CHECKED["dependencies"], ALL_SKIPPED["dependencies"][0]], "fixes": []}
VULNERABLE = {
    "dependencies": [
        {"name": "streamlit", "version": "1.67.0", "vulns": []},
        {
            "name": "requests",
            "version": "2.0.0",
            "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["2.32.0"], "aliases": [], "description": "x"}],
        },
    ],
    "fixes": [],
}


def test_all_skipped_fails_and_says_nothing_was_checked():
    verdict = audit.judge(ALL_SKIPPED)
    text = "\n".join(verdict.lines)
    assert verdict.code == audit.INCOMPLETE != 0
    assert "0 checked, 2 skipped" in text
    assert "Dependency not found on PyPI" in text and "streamlit, pandas" in text
    assert "vulnerability database could not be consulted" in text
    assert "NOT a clean result" in text
    assert "No known vulnerabilities" not in text


def test_one_skipped_package_is_enough_to_fail():
    verdict = audit.judge(ONE_SKIPPED)
    assert verdict.code == audit.INCOMPLETE
    assert "2 checked, 1 skipped" in verdict.lines[0]


def test_all_checked_and_clean_passes():
    verdict = audit.judge(ALL_CHECKED)
    assert verdict.code == audit.OK == 0
    assert verdict.lines[-1] == "No known vulnerabilities: all 2 packages checked."


def test_a_vulnerability_fails_and_names_the_fix():
    verdict = audit.judge(VULNERABLE)
    text = "\n".join(verdict.lines)
    assert verdict.code == audit.VULNERABLE
    assert "requests 2.0.0: PYSEC-0000-1 (fix: 2.32.0)" in text


def test_an_empty_report_fails():
    assert audit.judge({"dependencies": [], "fixes": []}).code == audit.INCOMPLETE


def test_command_line_exit_codes(tmp_path):
    for report, code in ((ALL_SKIPPED, 2), (ALL_CHECKED, 0), (VULNERABLE, 1)):
        path = tmp_path / "report.json"
        path.write_text(json.dumps(report))
        result = subprocess.run(
            [sys.executable, "tools/audit.py", "--json", str(path)], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == code, result.stdout


def test_no_report_because_the_service_is_unreachable(monkeypatch):
    """pip-audit stops with a traceback when OSV cannot be resolved: say so, and fail."""
    stderr = (
        "Traceback (most recent call last):\n  ...\nrequests.exceptions.ConnectionError: "
        "HTTPSConnectionPool(host='api.osv.dev', port=443): Max retries exceeded with url: /v1/query\n"
    )
    completed = subprocess.CompletedProcess(args=[], returncode=1, stdout="", stderr=stderr)
    monkeypatch.setattr(audit.subprocess, "run", lambda *a, **k: completed)
    verdict = audit.run_pip_audit(["-r", "requirements.txt", "-s", "osv"])
    assert verdict.code == audit.INCOMPLETE
    assert "vulnerability database could not be reached" in verdict.lines[0]
