"""Benchmark the placements export: built in the request (before) against queued for the worker (after).

Run by `make bench`, not by tests.

1. Builds a made-up municipality with `seed_demo --employees 40000` in a throwaway SQLite file (or in
   the database of DATABASE_URL if it is set; an existing demo there is reused).
2. As an HR user (the whole register), through Django's test client and every middleware, best of
   several runs each, in the same process:
   - the floor: `/health/`, the trivial page (the baseline of this run);
   - before: the export request with the file built in the request, as it was until the export
     became a task (the immediate task backend: the request makes the file);
   - after: the export request with the database queue: the request records the export and queues it;
   - the task itself, as the worker runs it (exports.service.execute): the same file, out of the request.
   It prints each time and its multiple of the floor; the export rows and file size; and the aim: the
   export request after within 5× the floor.

    .venv/bin/python bench/export.py [--employees 40000] [--seed 1] [--runs 3] [--keep]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from timing import best_time

AIM_FACTOR = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="Timed runs of each; the best counts.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway SQLite file and print where it is.")
    return parser.parse_args()


def set_up_django():
    """Point Django at a throwaway SQLite file unless DATABASE_URL is set; return the folder to remove."""
    folder = tempfile.mkdtemp(prefix="rummelig-bench-export-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    os.environ["EXPORTS_DIR"] = str(Path(folder) / "exports")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    return folder


def main():
    args = parse_args()
    folder = set_up_django()
    try:
        run(args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"The database is kept in {folder}")


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run(args):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse

    from rummelig.accounts.models import Role, RoleAssignment
    from rummelig.exports import service, storage
    from rummelig.exports.models import Export
    from rummelig.placements.models import Placement

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", employees=args.employees, seed=args.seed, if_empty=True, verbosity=0, stdout=quiet)
    print(f"Municipality: {args.employees:,} employees, {Placement.objects.count():,} placements "
          f"(ready in {time.perf_counter() - started:.1f} s)")

    hr = RoleAssignment.objects.filter(role=Role.HR).select_related("user").first().user
    client = Client()
    client.force_login(hr)
    url = reverse("placements:export")

    def request(expect=302):
        response = client.get(url)
        assert response.status_code == expect, response.status_code
        return response

    with override_settings(ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
        floor, _ = best_time(lambda: client.get("/health/"), args.runs * 5)
        with override_settings(TASKS=IMMEDIATE):
            before, _ = best_time(request, args.runs)
        with override_settings(TASKS=DATABASE):
            after, _ = best_time(request, args.runs)
    queued = list(Export.objects.filter(status=Export.Status.QUEUED).values_list("pk", flat=True))
    task_times = []
    for pk in queued:
        started = time.perf_counter()
        service.execute(str(pk))
        task_times.append(time.perf_counter() - started)
    made = Export.objects.filter(status=Export.Status.DONE).exclude(stored_file="").first()
    size = Path(made.stored_file).stat().st_size if made else 0
    task = min(task_times)

    def line(label, seconds):
        return f"  {label:<58} {seconds * 1000:9.1f} ms  {seconds / floor:8.1f}× the floor"

    print(f"Placements export as HR (the whole register: {made.rows:,} rows, {size / 1024 / 1024:.1f} MiB), best of {args.runs}:")
    print(line("floor: GET /health/ (baseline of this run)", floor))
    print(line("before: the export request, file built in the request", before))
    print(line("after: the export request, queued for the worker", after))
    print(line("the task in the worker (exports.service.execute)", task))
    verdict = "" if after <= AIM_FACTOR * floor else "  <-- AIM MISSED"
    print(f"  the request after: {before / after:.0f}× faster than before; "
          f"{after / floor:.1f}× the floor (aim: within {AIM_FACTOR}×){verdict}")
    for export in Export.objects.all():  # leave no file behind (a kept database keeps the rows, no files)
        storage.discard(export.stored_file)
    Export.objects.all().delete()


if __name__ == "__main__":
    main()
