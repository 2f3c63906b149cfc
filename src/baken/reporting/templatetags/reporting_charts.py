"""Bar charts as server-rendered SVG: no script, nothing inline that the Content-Security-Policy
forbids, and the same figures as the table beside them (which stays the accessible source)."""

import math

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from baken.reporting.figures import OTHER_WIJKEN
from baken.reporting.wijk_map import areas_for, draw, fold

register = template.Library()

ROW_HEIGHT = 22
LABEL_WIDTH = 150
BAR_WIDTH = 210


@register.simple_tag
def figure_text(figure, threshold: int) -> str:
    if figure.status == "small":
        return f"< {threshold}"
    if figure.hidden:
        return "×"
    return str(figure.value)


@register.simple_tag
def bar_chart(table) -> str:
    """Horizontal bars for the period and the year before; a hidden figure gets no bar, only its mark."""
    shown = [f.value for _label, cells in table.rows for f in cells if not f.hidden]
    top = max(shown, default=0) or 1
    threshold = table.table.threshold
    parts = []
    for index, (label, cells) in enumerate(table.rows):
        y = index * ROW_HEIGHT * 2
        parts.append(format_html('<text class="baken-chart__label" x="0" y="{}">{}</text>', y + 15, label[:24]))
        for offset, (figure, css) in enumerate(zip(cells, ("", " baken-chart__bar--previous"), strict=False)):
            bar_y = y + offset * ROW_HEIGHT
            if figure.hidden:
                parts.append(
                    format_html(
                        '<text class="baken-chart__hidden" x="{}" y="{}">{}</text>',
                        LABEL_WIDTH,
                        bar_y + 15,
                        figure_text(figure, threshold),
                    )
                )
                continue
            width = round(BAR_WIDTH * figure.value / top)
            parts.append(
                format_html(
                    '<rect class="baken-chart__bar{}" x="{}" y="{}" width="{}" height="{}"></rect>'
                    '<text class="baken-chart__label" x="{}" y="{}">{}</text>',
                    css,
                    LABEL_WIDTH,
                    bar_y + 3,
                    width,
                    ROW_HEIGHT - 6,
                    LABEL_WIDTH + width + 4,
                    bar_y + 15,
                    figure.value,
                )
            )
    height = len(table.rows) * ROW_HEIGHT * 2
    return format_html(
        '<svg class="baken-chart" viewBox="0 0 {} {}" role="img" aria-label="{}" focusable="false">{}</svg>',
        LABEL_WIDTH + BAR_WIDTH + 40,
        height,
        _("Staafdiagram van %(title)s; de tabel ernaast geeft dezelfde aantallen.") % {"title": table.title},
        format_html_join("", "{}", ((p,) for p in parts)),
    )


@register.simple_tag
def wijk_map(table, organisation, full) -> str:
    """The wijken of `organisation` coloured by the period's signals in the wijk table (its first
    column), when the municipality has a boundary file (reporting.wijk_map); nothing otherwise.
    Each wijk's title holds exactly the table's text for it, so the map reveals no more."""
    areas = areas_for(organisation)
    if not areas:
        return ""
    threshold = table.table.threshold
    figures = {fold(str(label)): cells[0] for label, cells in table.rows if str(label) != str(OTHER_WIJKEN)}
    top = max((f.value for f in figures.values() if not f.hidden), default=0) or 1
    drawing = draw(areas)
    paths = []
    for area, path in drawing.paths:
        figure = figures.get(fold(area.name))
        if figure is None and full:
            css, text = "level-0", "0"
        elif figure is None:
            css, text = "other", _("niet apart getoond, bij “%(other)s”") % {"other": OTHER_WIJKEN}
        elif figure.status == "small":
            css, text = "small", figure_text(figure, threshold)
        elif figure.hidden:
            css, text = "hidden", _("afgeschermd")
        else:
            css, text = f"level-{math.ceil(4 * figure.value / top)}", str(figure.value)
        paths.append(
            format_html(
                '<path class="baken-map__area baken-map__area--{}" d="{}"><title>{}: {}</title></path>',
                css,
                path,
                area.name,
                text,
            )
        )
    return format_html(
        '<figure class="baken-map"><svg class="baken-map__svg" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'focusable="false"><defs><pattern id="baken-map-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<path class="baken-map__hatch" d="M0,6 L6,0"></path></pattern></defs>{}</svg>'
        '<figcaption class="baken-figure__legend">{}</figcaption></figure>',
        drawing.width,
        drawing.height,
        _("Kaart van de wijken met de meldingen in %(period)s; de tabel ernaast geeft dezelfde aantallen.")
        % {"period": table.columns[0]},
        format_html_join("", "{}", ((p,) for p in paths)),
        _(
            "Donkerder: meer meldingen in %(period)s. Gearceerd: minder dan %(threshold)s of afgeschermd. "
            "Grijs: niet apart getoond. Wijs een wijk aan voor het aantal."
        )
        % {"period": table.columns[0], "threshold": threshold},
    )
