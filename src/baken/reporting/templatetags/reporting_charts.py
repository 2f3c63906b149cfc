"""Bar charts as server-rendered SVG: no script, nothing inline that the Content-Security-Policy
forbids, and the same figures as the table beside them (which stays the accessible source)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

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
