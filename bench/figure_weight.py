"""How heavy each page's figures are for the browser: traces, annotations and JSON size.

Plotly lays out every trace and every annotation on its own, and the browser parses every byte of
the figure's JSON, so these three numbers are what a lighter figure takes out (issue 35).

    .venv/bin/python -m bench.figure_weight
"""

from __future__ import annotations

from datetime import date

from components.data.loaders import read_all
from components.model.pages import build_from_params

TODAY = date(2026, 11, 29)
# page: URL values (as a link carries them) of the states measured.
STATES = {
    "membership": {},
    "structure": {},
    "exercises": {},
    "exercises (one exercise)": {"ex_text": ["Kobalt-2022"]},
    "country": {"country": ["KGZ"]},
    "chronology": {"ch_ex": ["1"]},
}


def weights(lang: str = "en") -> list[tuple[str, str, int, int, int]]:
    """(page, chart key, traces, annotations, JSON characters) for every chart of every state."""
    tables = read_all(today=TODAY)
    rows = []
    for name, params in STATES.items():
        page = name.split(" ")[0]
        model, _ = build_from_params(page, params, tables, lang, TODAY)
        for chart in model.charts:
            figure = chart.figure
            rows.append((name, chart.key, len(figure.data), len(figure.layout.annotations), len(figure.to_json())))
    return rows


def main() -> None:
    rows = weights()
    print(f"{'page':26} {'chart':22} {'traces':>6} {'annot.':>6} {'JSON chars':>10}")
    for name, key, traces, notes, size in rows:
        print(f"{name:26} {key:22} {traces:6d} {notes:6d} {size:10,d}")
    print(f"{'total':49} {sum(r[2] for r in rows):6d} {sum(r[3] for r in rows):6d} {sum(r[4] for r in rows):10,d}")


if __name__ == "__main__":
    main()
