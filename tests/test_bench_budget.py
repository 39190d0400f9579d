"""The page budgets of the performance issue, judged from one run's measures (no timing here)."""

from bench.run import budget_rows


def test_each_measure_is_judged_against_its_own_limit():
    rows = budget_rows(
        {
            "navigation": [
                {"page": "membership", "ratio to reference": 1.31},
                {"page": "overview", "ratio to reference": 1.3},
            ],
            "link": [{"page": "structure", "ratio to reference": 1.5}],
            "filter": [{"page": "exercises", "filter change -> redrawn, median ms": 100.4}],
            "cpu": [{"page": "exercises", "ratio to reference": 1.49}],
        }
    )
    verdicts = {(row["budget"], row["page"]): row["met"] for row in rows}
    assert verdicts == {
        ("navigation", "membership"): "**no**",
        ("navigation", "overview"): "yes",
        ("link", "structure"): "yes",
        ("filter", "exercises"): "**no**",
        ("cpu", "exercises"): "yes",
    }
    limits = {row["budget"]: row["limit"] for row in rows}
    assert limits["navigation"].startswith("≤ 1.3") and limits["filter"] == "≤ 100.0 ms"


def test_the_proxy_report_prints_each_process_reading(capsys):
    from argparse import Namespace

    from bench.proxy import report

    apps = [("http://127.0.0.1:8601", None), ("http://127.0.0.1:8602", None)]
    readings = ([200.0, 201.0], [300.0, 310.0], [], [290.0, 305.0], [250.0, 260.0], [240.0, 255.5], [])
    report(Namespace(replicas=2, after=40, settle=5), apps, {"errors": 0}, {"127.0.0.1:8602": 7}, readings)
    out = capsys.readouterr().out
    assert "| 0 | 0 / 7 |" in out, "sessions per process, in the apps' order"
    assert "| 2 | 201.0 | 310.0 | — | 305.0 | 260.0 | 255.5 |" in out
    assert "45 s after close (MB)" in out and "after the same load again" not in out
