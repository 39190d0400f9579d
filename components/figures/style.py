"""Named style values in one place: colour-blind-safe palettes, patterns, fonts, map styling.

Colours come from the Okabe–Ito palette, which stays distinguishable under the common forms of
colour-vision deficiency; every categorical encoding is doubled by a pattern or symbol.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from components.i18n.text import current_language

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    # Not one of Okabe and Ito's eight: a grey dark enough to stay apart from the bluish green under
    # deuteranopia (#7F7F7F came within ΔE 7 of it; tests/test_a11y_palettes.py asks at least 10).
    "grey": "#5F5F5F",
}

STATUS_COLOURS = {
    "treaty_party": OKABE_ITO["sky_blue"],
    "member": OKABE_ITO["blue"],
    "frozen": OKABE_ITO["orange"],
    "suspended": OKABE_ITO["vermillion"],
    "observer": OKABE_ITO["reddish_purple"],
    "former": "#D9D9D9",
}
# Patterns make statuses distinguishable without colour (and in greyscale print-outs).
STATUS_PATTERNS = {
    "treaty_party": "/",
    "member": "",
    "frozen": "x",
    "suspended": "-",
    "observer": ".",
    "former": "",
}

SERIES_COLOURS = [
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
    OKABE_ITO["grey"],
]


def marker_styles(table: str) -> dict[str, tuple[str, str]]:
    """(colour, marker symbol) per key from a table of lines "key colour symbol", the colour an
    Okabe–Ito name (or a hex value): one place reads the encoding of a whole chart at a glance."""
    rows = [line.split() for line in table.strip().splitlines()]
    return {key: (OKABE_ITO.get(colour, colour), symbol) for key, colour, symbol in rows}


# kind: colour, marker symbol
BODY_KIND_STYLE = marker_styles(
    """
    statutory       blue            square
    permanent       bluish_green    diamond
    parliamentary   reddish_purple  hexagon
    subsidiary      orange          circle
    working_group   sky_blue        triangle-up
    forces          vermillion      star
    operation       grey            pentagon
    """
)

# Streamlit ships "Source Sans" itself, so charts use the page's font with no download.
FONT_FAMILY = '"Source Sans", "Source Sans Pro", Arial, sans-serif'
# Streamlit's bundled Source Sans has no Cyrillic: plotly would measure Russian labels with it and
# clip them, so Russian charts use system fonts that have Cyrillic (present on every desktop).
CYRILLIC_FONT_FAMILY = 'Arial, "Liberation Sans", "DejaVu Sans", sans-serif'


def chart_font() -> str:
    return CYRILLIC_FONT_FAMILY if current_language() == "ru" else FONT_FAMILY


BASE_FONT_SIZE = 15
NUMBER_SEPARATORS = {"en": ".,", "ru": ",\u00a0"}
TITLE_FONT_SIZE = 20
INK = "#1F2328"
GRID = "#E5E7EB"

MAP_STYLE = {
    "showland": True,
    "landcolor": "#F3F1EC",
    "showcountries": True,
    "countrycolor": "#9A9A9A",
    "showcoastlines": True,
    "coastlinecolor": "#9A9A9A",
    "showlakes": True,
    "lakecolor": "#DCEBF5",
    "showocean": True,
    "oceancolor": "#EEF5FA",
    "bgcolor": "rgba(0,0,0,0)",
    "projection_type": "natural earth",
}
# The alliance's area with a margin: Belarus in the west to the Russian Far East in the east.
REGION_LON_RANGE = (20.0, 100.0)
REGION_LAT_RANGE = (30.0, 65.0)


# A small template of our own: plotly copies the template into every figure it builds, and the
# large built-in ones cost tens of milliseconds per figure on every rerun. It must replace plotly's
# (a Template object does; a dict given to ``update_layout`` was merged into it, and every figure
# carried plotly's 7 KB of colour scales and 3-D defaults to the browser). It keeps the few
# defaults of plotly's that these charts rely on: axes that make room for their labels, hover
# boxes aligned left, bars with a thin light outline.
_AXIS = {
    "gridcolor": GRID,
    "linecolor": "#9CA3AF",
    "zerolinecolor": GRID,
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 15},
}
TEMPLATE = go.layout.Template(
    {
        "layout": {
            "xaxis": _AXIS,
            "yaxis": _AXIS,
            "colorway": list(OKABE_ITO.values()),
            "autotypenumbers": "strict",
            "hovermode": "closest",
            "hoverlabel": {"align": "left"},
            "title": {"x": 0.05},
        },
        "data": {
            "bar": [{"marker": {"line": {"color": "#E5ECF6", "width": 0.5}}}],
        },
    }
)


def paper_note(fig: go.Figure, x: float, y: float, text: str, **options: object) -> None:
    """A text in the figure's own (paper) coordinates, left-aligned, with no arrow: keys, notes and
    labels under or beside a plot. ``options`` are plotly annotation attributes (anchors, shifts,
    font, name) over these defaults: anchored at its top left, 13-px type."""
    defaults = {"xanchor": "left", "yanchor": "top", "align": "left", "font": {"size": 13}}
    fig.add_annotation(x=x, y=y, xref="paper", yref="paper", showarrow=False, text=text, **{**defaults, **options})


def base_layout(title: str | None = None, height: int | None = None) -> dict:
    """Layout arguments every figure shares: our own template, fonts sized for a projector."""
    layout = {
        "template": TEMPLATE,
        "font": {"family": chart_font(), "size": BASE_FONT_SIZE, "color": INK},
        "hoverlabel": {"font": {"family": chart_font(), "size": BASE_FONT_SIZE}},
        "margin": {"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        # Plotly's own number formatting (hover "%{y:,}", axis ticks): decimal mark, then thousands
        # separator, as components/i18n/formats.py writes them ("101 850" and "2,5" in Russian).
        "separators": NUMBER_SEPARATORS.get(current_language(), NUMBER_SEPARATORS["en"]),
    }
    if title:
        layout["title"] = {"text": title, "font": {"size": TITLE_FONT_SIZE}, "x": 0, "xanchor": "left"}
    if height:
        layout["height"] = height
    return layout


def styled_geo(fig: go.Figure, resolution: int = 110) -> go.Figure:
    """Explicit land/border/lake styling and a region view (Streamlit's template would differ).

    1:110m outlines: at the region view they look the same as 1:50m on screen, and the 50m file
    (1.1 MB, eight times larger) took about 250 ms longer to load and draw on every visit."""
    fig.update_geos(
        **MAP_STYLE,
        resolution=resolution,
        lonaxis_range=list(REGION_LON_RANGE),
        lataxis_range=list(REGION_LAT_RANGE),
    )
    return fig


# Characters per line before a chart title or source line wraps. Plotly never wraps titles: a
# long (often Russian) title ran off the chart's right edge. Full-width charts are about 820 px
# wide at 1280 px, half-width ones about 400 px.
TITLE_WRAP = {"wide": 66, "narrow": 30}
TITLE_TOP_PAD = 8
SOURCE_WRAP = {"wide": 120, "narrow": 46}


def year_axis(first: int, last: int) -> dict:
    """An x axis of whole years. Up to ten years, every one is labelled; beyond that plotly picks the
    step from the axis's length in pixels (a fixed two-year step collides on a half-width chart at
    1024 px). The range leaves half a bar's room more on the left, so the first year's label stays
    clear of the y axis's 0."""
    return {
        "tickformat": "d",
        "dtick": 1 if last - first < 10 else None,
        "tickangle": 0,
        "automargin": True,
        "range": [first - 1.1, last + 0.8],
    }


def wrapped(text: str, width: int) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters, joined for plotly."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def with_title_and_source(figure: go.Figure, title: str | None, source_line: str, width: str = "wide") -> go.Figure:
    """Title the (freshly built) figure and put the source line in its subtitle, so PNG exports
    carry both. Frames the figure in place: copying a figure costs more than building it.

    ``width`` ("wide" or "narrow", for a chart in a column) sets where long lines wrap."""
    framed = figure
    title_text = wrapped(title or "", TITLE_WRAP[width])
    source_text = wrapped(source_line, SOURCE_WRAP[width])
    # Plotly lifts a multi-line title block above its anchor by the added lines: pad it back down.
    title_lift = 30 * title_text.count("<br>")
    extra = title_lift + 4 * bool(title_lift) + 16 * source_text.count("<br>")
    framed.update_layout(
        title={
            "text": title_text,
            "subtitle": {"text": source_text, "font": {"size": 12, "color": "#6B7280"}},
            "font": {"size": TITLE_FONT_SIZE},
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            # A few pixels below the top edge: the title's glyph box must not leave the figure.
            "pad": {"t": title_lift + TITLE_TOP_PAD},
        },
        margin={"t": max(78, framed.layout.margin.t or 0) + extra},
    )
    if extra and framed.layout.height:
        framed.update_layout(height=framed.layout.height + extra)
    return framed


PROJECTOR_FONT_SIZE = 20
# The smallest type a chart may use: on screen, and after ``for_projector``.
MIN_FONT_SIZE = 11
MIN_PROJECTOR_FONT_SIZE = 16
PROJECTOR_SCALE = 1.25
# On a slide, tick labels and annotations are at least 18 px. Labels on points (graph nodes,
# milestones) sit close together by design: they grow to 15 px, more would overlap on a 4:3 screen.
SLIDE_MIN_TEXT = 18
SLIDE_MIN_POINT_TEXT = 15


def _projected(size: float | None) -> int | None:
    if size is None:
        return None
    return max(MIN_PROJECTOR_FONT_SIZE, round(size * PROJECTOR_FONT_SIZE / BASE_FONT_SIZE))


def _raise_small_text(figure: go.Figure, floor: int) -> None:
    """Annotations and tick labels smaller than ``floor`` px grow to it, point labels to
    ``SLIDE_MIN_POINT_TEXT``."""
    for trace in figure.data:
        font = getattr(trace, "textfont", None)
        if font is not None and isinstance(font.size, int | float) and font.size < SLIDE_MIN_POINT_TEXT:
            font.size = SLIDE_MIN_POINT_TEXT
    for note in figure.layout.annotations or ():
        if isinstance(note.font.size, int | float) and note.font.size < floor:
            note.font.size = floor
    for name in figure.layout:
        if name.startswith(("xaxis", "yaxis")):
            tick = figure.layout[name].tickfont
            if isinstance(tick.size, int | float) and tick.size < floor:
                tick.size = floor


def _project_legends(figure: go.Figure, font_scale: float) -> None:
    """Each legend's type (at least the projector's base less 2 px), its title and entry widths."""
    layout = figure.layout
    for name in [key for key in layout.to_plotly_json() if key.startswith("legend")]:
        legend = layout[name]
        figure.update_layout(
            {name: {"font": {"size": max(PROJECTOR_FONT_SIZE - 2, _projected(legend.font.size) or 0)}}}
        )
        if legend.title and legend.title.font and legend.title.font.size:
            figure.update_layout({name: {"title": {"font": {"size": _projected(legend.title.font.size)}}}})
        if legend.entrywidth:
            figure.update_layout({name: {"entrywidth": round(legend.entrywidth * font_scale)}})


def _project_text(figure: go.Figure) -> None:
    """Annotations, trace text, axis ticks and titles, the title and subtitle: projector sizes."""
    layout = figure.layout
    for annotation in layout.annotations:
        annotation.font.size = _projected(annotation.font.size or BASE_FONT_SIZE)
    for trace in figure.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            textfont.size = _projected(textfont.size)
    for axis in [key for key in layout.to_plotly_json() if key.startswith(("xaxis", "yaxis"))]:
        if layout[axis].tickfont.size:
            layout[axis].tickfont.size = _projected(layout[axis].tickfont.size)
        if layout[axis].title.font.size:
            layout[axis].title.font.size = _projected(layout[axis].title.font.size)
    if layout.title.text:
        figure.update_layout(title={"font": {"size": PROJECTOR_FONT_SIZE + 6}})
        if layout.title.subtitle.font.size:
            figure.update_layout(title={"subtitle": {"font": {"size": _projected(layout.title.subtitle.font.size)}}})


def for_projector(figure: go.Figure, fill: bool = False) -> go.Figure:
    """Type sized for a projector (in place, like ``with_title_and_source``).

    Every explicit font size (trace text, legends, annotations, axis ticks, subtitle) grows with
    the base size, to at least MIN_PROJECTOR_FONT_SIZE; the margins, which hold legends, keys and
    axis labels, grow with the type, and the plot keeps its share of a 25 % taller figure.
    ``fill=True`` is for a slide: the figure drops its fixed height and takes the height of the box
    the page gives it (presentation CSS sizes that box from the viewport), and no label is smaller
    than ``SLIDE_MIN_TEXT`` px."""
    scaled = figure
    layout = scaled.layout
    old_height = layout.height or 450
    margin = layout.margin
    top, bottom = margin.t or 0, margin.b or 0
    font_scale = PROJECTOR_FONT_SIZE / BASE_FONT_SIZE
    new_top, new_bottom = round(top * font_scale), round(bottom * font_scale)
    plot = max(100, old_height - top - bottom)
    scaled.update_layout(
        font={"size": PROJECTOR_FONT_SIZE},
        hoverlabel={"font": {"size": PROJECTOR_FONT_SIZE - 2}},
        height=int(plot * PROJECTOR_SCALE + new_top + new_bottom),
        margin={"t": new_top, "b": new_bottom, "l": round((margin.l or 0) * font_scale), "r": margin.r},
    )
    _project_legends(scaled, font_scale)
    _project_text(scaled)
    if fill:
        scaled.update_layout(height=None, width=None, autosize=True)
        _raise_small_text(scaled, SLIDE_MIN_TEXT)
    return scaled
