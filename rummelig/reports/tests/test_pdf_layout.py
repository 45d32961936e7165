"""The annual report's PDF on a realistic municipality: every table fits the page, and the trend chart can be read.

The demo municipality (5,000 employees, six centres, as `make run` builds it) gives tables with a
column per centre, each beside the year before, and a total column ("I alt"). The PDF's text is
read back with the position of every piece of text: nothing may lie beyond the page's edge, and
every centre and every "I alt" of every table must be there.
"""

import io
import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role
from rummelig.demo.seed import seed_demo
from rummelig.organisation.models import Unit
from rummelig.reports import exports
from rummelig.reports.views.annual import build_report
from rummelig.testing import make_user

MM = 72 / 25.4  # PDF points per millimetre
RIGHT_MARGIN = 14 * MM  # annual_pdf.html's @page margin


def demo_pdf():
    """Build the demo municipality as `make run` does, and its annual report for 2025 as HR exports it."""
    seed_demo(5000, seed=1)
    hr = make_user("hr_pdf", "Hanne", "Rapport", Role.HR)
    with translation.override("da"):
        report = build_report(access_for(hr), hr, 2025, date(2025, 12, 31))
        sections = report.sections()
        pdf = PdfReader(io.BytesIO(exports.to_pdf(report, sections)))
    return sections, pdf, list(Unit.objects.filter(kind=Unit.Kind.AREA).values_list("name", flat=True))


def flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.mark.django_db
def test_every_table_of_the_demo_report_fits_with_every_centre_and_every_total():
    sections, pdf, centres = demo_pdf()

    # Nothing lies beyond the right edge of a page (the cut-off columns did).
    beyond = []
    for number, page in enumerate(pdf.pages, start=1):
        right = float(page.mediabox.width) - RIGHT_MARGIN / 2

        def visit(text, cm, tm, font, size, number=number, right=right):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            if text.strip() and not 0 <= x <= right:
                beyond.append((number, round(x), text.strip()))

        page.extract_text(visitor_text=visit)
    assert beyond == []

    # Every centre and every "I alt" of every table is there, as often as the tables have them.
    assert len(centres) == 6
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    wanted = Counter()
    for section in sections:
        for table in section.tables:
            if not table.rows:
                continue
            labels = [column.label for column in table.columns] + [row.label for row in table.rows]
            wanted.update(label for label in labels if label in centres or label == "I alt")
    assert wanted["I alt"] >= 10 and all(wanted[centre] >= 4 for centre in centres)  # the tables this is about
    found = {label: text.count(label) for label in wanted}
    assert {label: n for label, n in found.items() if n < wanted[label]} == {}

    # A wide table is split into parts that repeat the row labels; the total column comes last.
    part_1 = text.index("Ansatte på særlige vilkår den 31. december 2025 (del 1 af 2)")
    part_2 = text.index("Ansatte på særlige vilkår den 31. december 2025 (del 2 af 2)")
    assert part_1 < part_2
    assert "Fleksjob (gammel ordning)" in text[part_1:part_2] and "Fleksjob (gammel ordning)" in text[part_2:]
    assert "I alt" not in text[part_1:part_2].split("Ordning", 1)[1].split("Fleksjob", 1)[0]  # the total column is in the last part


@pytest.mark.django_db
def test_the_five_year_trend_chart_prints_its_labels_at_a_readable_size(municipality, login):
    response = login(municipality.world.hr).get(reverse("reports:annual_export", args=["pdf"]), {"year": 2025})
    pdf = PdfReader(io.BytesIO(response.content))
    sizes = []
    for page in pdf.pages:
        def visit(text, cm, tm, font, size):
            if text.strip() == "Alle ordninger":  # the trend chart's legend
                sizes.append(size * tm[0] * cm[0])

        page.extract_text(visitor_text=visit)
    assert sizes, "the trend chart's legend is missing"
    assert min(sizes) >= 9  # points; the chart printed them at about 6 pt before
