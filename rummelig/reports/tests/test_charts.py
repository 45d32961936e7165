"""The inline SVG charts: named images for screen readers, no bar or point for a hidden number."""

from decimal import Decimal

from rummelig.reports.charts import bar_chart, line_chart
from rummelig.rules.suppression import HIDDEN, SUPPRESSED


def test_a_bar_chart_is_a_named_image_with_one_bar_per_shown_value(db):
    svg = bar_chart("chart-test", "Ansatte pr. center", [("Center for Børn og Unge", 27), ("Center for Ældre og Sundhed", SUPPRESSED)])
    assert 'role="img"' in svg and 'aria-labelledby="chart-test-title chart-test-desc"' in svg
    assert '<title id="chart-test-title">Ansatte pr. center</title>' in svg
    assert svg.count("<rect") == 1
    assert "&lt;5" in svg and "Center for Ældre og Sundhed" in svg


def test_a_line_chart_breaks_its_line_at_a_hidden_value(db):
    svg = line_chart("chart-trend", "Udvikling", ["2023", "2024", "2025", "2026"], [
        ("Fleksjob", [6, 7, HIDDEN, 9]),
        ("Seniorjob", [1, 2, 3, 4]),
    ])
    assert svg.count("<polyline") == 2  # Fleksjob 2023-2024 and Seniorjob 2023-2026; Fleksjob 2026 stands alone
    assert svg.count("<circle") == 7
    assert "Fleksjob, 2025" not in svg
    assert "Seniorjob, 2023: 1</title>" in svg


def test_numbers_are_written_the_danish_way(db):
    svg = bar_chart("chart-share", "Andel", [("I alt", Decimal("34.5"))], kind="percent")
    assert "34,5 %" in svg
