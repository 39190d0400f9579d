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
