"""Not colour alone: the charts' categories stay apart for viewers with colour-vision deficiency.

Each categorical palette is run through colorspacious's simulation of full deuteranopia,
protanopia and tritanopia (Machado et al. 2009) and every two categories shown together must stay
at least ``MIN_DELTA_E`` apart in CAM02-UCS (about ten just-noticeable differences). Categories
must also differ by shape or pattern, so a greyscale print-out or a viewer who sees no colour can
still tell them apart.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from components.derive.membership import STATUSES
from components.figures.chronology import CATEGORY_STYLE
from components.figures.exercises import EXERCISE_STATUS_STYLE, SERIES_STYLE_ORDER
from components.figures.participation import ROLE_COLOURS
from components.figures.style import BODY_KIND_STYLE, STATUS_COLOURS, STATUS_PATTERNS

MIN_DELTA_E = 10.0
VISIONS = [None, "deuteranomaly", "protanomaly", "tritanomaly"]  # severity 100: -anopia

# name: {category: colour}, for the categories one chart shows side by side.
PALETTES = {
    "membership statuses": {status: STATUS_COLOURS[status] for status in (*STATUSES, "former")},
    "body kinds": {kind: colour for kind, (colour, _) in BODY_KIND_STYLE.items()},
    "exercise series": {f"series {i}": colour for i, (colour, _) in enumerate(SERIES_STYLE_ORDER)},
    "exercise statuses": {status: colour for status, (colour, _) in EXERCISE_STATUS_STYLE.items()},
    "participation roles": dict(ROLE_COLOURS),
}
# name: {category: shape or pattern}, the second encoding of the same categories.
SHAPES = {
    "membership statuses (bar patterns)": {status: STATUS_PATTERNS[status] for status in STATUSES},
    "body kinds (node symbols)": {kind: symbol for kind, (_, symbol) in BODY_KIND_STYLE.items()},
    "exercise series (marker symbols)": {f"series {i}": symbol for i, (_, symbol) in enumerate(SERIES_STYLE_ORDER)},
    "exercise statuses (bar patterns)": {status: pattern for status, (_, pattern) in EXERCISE_STATUS_STYLE.items()},
    "chronology categories (marker symbols)": {category: symbol for category, (_, symbol) in CATEGORY_STYLE.items()},
}


def seen(colour: str, vision: str | None) -> np.ndarray:
    """``colour`` as a viewer with ``vision`` sees it (sRGB, 0-1)."""
    rgb = np.array([int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)])
    if vision is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def closest_pair(palette: dict[str, str], vision: str | None) -> tuple[float, str, str]:
    return min(
        (float(deltaE(seen(a, vision), seen(b, vision), input_space="sRGB1")), name_a, name_b)
        for (name_a, a), (name_b, b) in combinations(palette.items(), 2)
    )


@pytest.mark.parametrize("vision", VISIONS, ids=lambda v: v or "typical")
@pytest.mark.parametrize("name", list(PALETTES))
def test_palette_stays_distinguishable(name, vision):
    distance, a, b = closest_pair(PALETTES[name], vision)
    assert distance >= MIN_DELTA_E, f"{name}: {a} and {b} are only ΔE {distance:.1f} apart ({vision or 'typical'})"


def test_the_simulation_tells_a_known_confusion():
    """The check can fail: red and green, far apart for typical vision, merge under deuteranopia."""
    assert closest_pair({"red": "#D55E00", "green": "#6A9A00"}, None)[0] >= MIN_DELTA_E
    assert closest_pair({"red": "#D55E00", "green": "#6A9A00"}, "deuteranomaly")[0] < MIN_DELTA_E


@pytest.mark.parametrize("name", list(SHAPES))
def test_categories_differ_by_shape_or_pattern_too(name):
    shapes = SHAPES[name]
    if name.startswith("chronology"):
        # Categories share a colour by design (forces and deployments, appointments and
        # chairmanships); their symbols tell them apart. Two circles must differ in colour.
        pairs = [(a, b) for a, b in combinations(shapes, 2) if shapes[a] == shapes[b]]
        for a, b in pairs:
            colours = {a: CATEGORY_STYLE[a][0], b: CATEGORY_STYLE[b][0]}
            assert all(closest_pair(colours, vision)[0] >= MIN_DELTA_E for vision in VISIONS), (a, b)
        return
    assert len(set(shapes.values())) == len(shapes), f"{name}: two categories share {shapes}"
