"""Charts as inline SVG made on the server: bars per centre, lines over years.

No JavaScript and no build: the page, the PDF (WeasyPrint draws SVG) and a screen reader get the
same markup. Each chart is an image with a <title> and a <desc> naming what it shows, and the
pages put the table with the same numbers beside it. Hidden numbers ("<5", "x") get no bar and no
point, only their marker, so a chart never shows more than the table.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .tables import COUNT, FTE, format_value, is_marker

COLOURS = ["#1e466e", "#d0661c", "#2f8a55", "#b51d09", "#7a4aa0", "#0f7c8c", "#8a6d1e", "#5c5c5c"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"]
FONT = "font-family:'Open Sans','DejaVu Sans',Arial,sans-serif"


def _nice_max(value):
    """Return a round number at least value, for the end of an axis."""
    if value <= 0:
        return 1
    step = 1
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10


def _head(key, title, description, width, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rummelig-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{key}-title {key}-desc" style="{FONT}">'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(description)}</desc>'
    )


def bar_chart(key, title, items, *, kind=COUNT, description=""):
    """Return horizontal bars, one per (label, value); hidden values show their marker only."""
    label_width, bar_width, row_height, top = 210, 290, 26, 8
    width, height = label_width + bar_width + 70, top + row_height * max(len(items), 1) + 8
    numbers = [float(v) for _, v in items if v is not None and not is_marker(v)]
    scale = bar_width / _nice_max(max(numbers, default=0))
    parts = [_head(key, title, description or title, width, height)]
    for i, (label, value) in enumerate(items):
        y = top + i * row_height
        text = format_value(value, kind)
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="12" fill="#1a1a1a">{escape(short)}</text>'
        )
        length = 0 if value is None or is_marker(value) else max(float(value) * scale, 0)
        if length:
            parts.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" fill="{COLOURS[0]}">'
                f"<title>{escape(label)}: {escape(text)}</title></rect>"
            )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" font-size="12" fill="#1a1a1a">{escape(text)}</text>'
        )
    parts.append(f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - 8}" stroke="#5c5c5c"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(key, title, x_labels, series, *, kind=COUNT, description=""):
    """Return lines over the x labels, one per (name, values); hidden values break the line."""
    # Sized to be read on paper: at the PDF's 185 mm width the labels print at about 10 pt, and the
    # legend has room for a scheme's whole name.
    left, right, top, bottom = 52, 268, 14, 34
    plot_width, plot_height = 380, 240
    width, height = left + plot_width + right, top + plot_height + bottom
    numbers = [float(v) for _, values in series for v in values if v is not None and not is_marker(v)]
    top_value = _nice_max(max(numbers, default=0))
    step_x = plot_width / max(len(x_labels) - 1, 1)

    def x(i):
        return left + i * step_x

    def y(value):
        return top + plot_height - float(value) / top_value * plot_height

    parts = [_head(key, title, description or title, width, height)]
    for tick in range(5):
        value = top_value * tick / 4
        ty = y(value)
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_width}" y2="{ty:.1f}" stroke="#dddddd"/>')
        label = format_value(int(value) if float(value).is_integer() else Decimal(str(value)), COUNT if float(value).is_integer() else FTE)
        parts.append(f'<text x="{left - 8}" y="{ty + 5:.1f}" text-anchor="end" font-size="14" fill="#454545">{label}</text>')
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_height + 24}" text-anchor="middle" font-size="14" fill="#1a1a1a">{escape(label)}</text>'
        )
    for n, (name, values) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        run = []
        runs = [run]
        for i, value in enumerate(values):
            if value is None or is_marker(value):
                run = []
                runs.append(run)
            else:
                run.append((x(i), y(value)))
        for points in runs:
            if len(points) > 1:
                coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>')
        for i, value in enumerate(values):
            text = format_value(value, kind)
            if value is None or is_marker(value):
                continue
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}">'
                f"<title>{escape(name)}, {escape(x_labels[i])}: {escape(text)}</title></circle>"
            )
        ly = top + 12 + n * 24
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{left + plot_width + 14}" y1="{ly}" x2="{left + plot_width + 38}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(f'<text x="{left + plot_width + 44}" y="{ly + 5}" font-size="14" fill="#1a1a1a">{escape(short)}</text>')
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{left + plot_width}" y2="{top + plot_height}" stroke="#5c5c5c"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
