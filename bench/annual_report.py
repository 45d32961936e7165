"""Benchmark the annual report against one hand-written SQL GROUP BY (run by `make bench`, not by tests).

1. Builds a made-up municipality with `seed_demo --employees 50000 --years 10` in a throwaway
   SQLite file (or in the database of DATABASE_URL if it is set; an existing demo there is reused).
2. Times the report's figures (rummelig.reports.figures: one ORM GROUP BY per workplace and scheme,
   folded into centres) against one hand-written SQL GROUP BY per centre and scheme that counts
   the same: placements on the reference date and placements during the year. Both run in the
   same process, best of several runs; it prints both times and the ratio (aim: within 3×) and
   stops with an error unless the figures are equal.
3. Times the whole suppressed report (every section) and its PDF (aim: under 10 seconds).

    .venv/bin/python bench/annual_report.py [--employees 50000] [--years 10] [--seed 1] [--runs 5] [--keep]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from timing import best_time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs of each query; the best counts.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway SQLite file and print where it is.")
    return parser.parse_args()


def set_up_django(args):
    """Point Django at a throwaway SQLite file unless DATABASE_URL is set; return the folder to remove."""
    folder = None
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="rummelig-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    return folder


HAND_WRITTEN_SQL = """
SELECT c.id, p.scheme_id,
       SUM(CASE WHEN p.start <= %s AND (p.ends_on IS NULL OR p.ends_on >= %s) THEN 1 ELSE 0 END) AS on_day,
       COUNT(*) AS during
  FROM placements_placement p
  JOIN organisation_unit w ON w.id = p.workplace_id
  JOIN organisation_unit c ON c.kind = 'omraade' AND w.path LIKE c.path || '%%'
 WHERE p.start <= %s AND (p.ends_on IS NULL OR p.ends_on >= %s)
 GROUP BY c.id, p.scheme_id
"""


def hand_written(period):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(HAND_WRITTEN_SQL, [period.end, period.end, period.end, period.start])
        return {(centre, scheme): (int(on_day), int(during)) for centre, scheme, on_day, during in cursor.fetchall()}


def report_figures(scope, period):
    from rummelig.reports.figures import YearFigures

    figures = YearFigures(scope, period).placements
    return {key: (counts.on_day, counts.during) for key, counts in figures.items() if counts.during}


def main():
    args = parse_args()
    folder = set_up_django(args)
    try:
        run(args)
    finally:
        if folder and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        elif folder:
            print(f"The database is kept in {folder}")


def run(args):
    from datetime import date

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone, translation

    from rummelig.placements.models import Placement
    from rummelig.reports import exports
    from rummelig.reports.figures import Period, Scope
    from rummelig.reports.report import Report

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", employees=args.employees, seed=args.seed, years=args.years, if_empty=True, verbosity=0,
                 stdout=open(os.devnull, "w"))
    print(f"Municipality: {args.employees:,} employees, {args.years} years, "
          f"{Placement.objects.count():,} placements (ready in {time.perf_counter() - started:.1f} s)")

    year = timezone.localdate().year - 1
    period = Period.for_year(year, date(year, 12, 31))
    scope = Scope()
    orm_time, ours = best_time(lambda: report_figures(scope, period), args.runs)
    sql_time, theirs = best_time(lambda: hand_written(period), args.runs)
    ratio = orm_time / sql_time if sql_time else float("inf")
    print(f"Report year {year}, reference date {period.end}, best of {args.runs} runs:")
    print(f"  report's figures (ORM GROUP BY, folded into centres): {orm_time * 1000:8.1f} ms")
    print(f"  hand-written SQL GROUP BY centre and scheme:          {sql_time * 1000:8.1f} ms")
    print(f"  ratio: {ratio:.2f}× (aim: within 3×){'' if ratio <= 3 else '  <-- AIM MISSED'}")
    if ours != theirs:
        missing = sorted(set(ours) ^ set(theirs))[:5]
        different = [k for k in set(ours) & set(theirs) if ours[k] != theirs[k]][:5]
        print(f"  FIGURES DIFFER: keys only on one side {missing}, different values {different}")
        sys.exit(1)
    on_day = sum(v[0] for v in ours.values())
    during = sum(v[1] for v in ours.values())
    print(f"  figures equal: yes ({len(ours)} centre × scheme cells; {on_day:,} on the reference date, {during:,} during the year)")

    with translation.override("da"):
        started = time.perf_counter()
        report = Report(scope, period, suppress=True, made_by="bench/annual_report.py")
        sections = report.sections()
        built = time.perf_counter() - started
        started = time.perf_counter()
        pdf = exports.to_pdf(report, sections)
        rendered = time.perf_counter() - started
    tables = sum(len(s.tables) for s in sections)
    print(f"Whole report, {len(sections)} sections and {tables} tables, suppressed: {built:.2f} s")
    total = built + rendered
    print(f"PDF: {rendered:.2f} s to render, {total:.2f} s with the figures, {len(pdf) / 1024:.0f} KiB"
          f" (aim: under 10 s){'' if total < 10 else '  <-- AIM MISSED'}")


if __name__ == "__main__":
    main()
