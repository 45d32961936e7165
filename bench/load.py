"""Load benchmark (run by `make bench`, not by tests): 50 users for 3 minutes against gunicorn and PostgreSQL.

1. A fresh PostgreSQL database (DATABASE_URL's server; default postgres://postgres@127.0.0.1:5432) named
   rummelig_load, migrated and filled with the demo municipality of 50,000 staff.
2. gunicorn with 4 workers on a free port of 127.0.0.1, production-like settings (DEBUG off), and the
   background worker when the installation has one.
3. Locust, headless and bounded in time (bench/locustfile.py): HR lists, filters, opens people and
   placements, exports; leders open their units; MED members their dashboard; and, in the same run, the
   trivial page /health/ — the floor of this machine. Meanwhile a payroll import (a dry run of a 10,000-
   employee OPUS file, again and again) runs beside them.
4. Prints per page the number of requests, errors, p50/p95/p99 in ms and p95 as a multiple of the floor's
   p95. Aims: no errors; every page's p95 within 5× the floor's p95 and under 300 ms. A missed aim is
   printed, not fatal; the script fails only when the setup fails.

    .venv/bin/python bench/load.py [--employees 50000] [--users 50] [--seconds 180] [--keep]

Only 127.0.0.1 is ever contacted.
"""

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
AIM_FACTOR = 5
AIM_MS = 300


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    return parser.parse_args()


def server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return url.rsplit("/", 1)[0]


def psql(base, sql):
    subprocess.run(["psql", f"{base}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True, capture_output=True)


def manage(env, *args, **kwargs):
    return subprocess.run([PY, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT, **kwargs)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup(env, employees, work):
    started = time.perf_counter()
    manage(env, "migrate", "-v", "0")
    manage(env, "seed_demo", "--employees", str(employees), stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    ids = work / "ids.json"
    manage(env, "shell", "-c", IDS_SCRIPT.replace("OUT", str(ids)))
    print(f"  database ready with {employees:,} staff in {time.perf_counter() - started:.0f} s")
    return ids


IDS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from rummelig.accounts.access import access_for
from rummelig.imports.models import PayrollCodeMapping
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme
schemes = dict(Scheme.objects.values_list("code", "pk"))
for code, scheme in {"08": None, "09": None, "61": "fleksjob", "71": "loentilskud", "73": "seniorjob"}.items():
    PayrollCodeMapping.objects.get_or_create(source="opus", code=code, defaults={"scheme_id": schemes.get(scheme)})
placements = list(Placement.objects.order_by("?").values_list("pk", "person_id")[:500])
leder = access_for(get_user_model().objects.get(username="leder-boern"))
json.dump({
    "schemes": list(Placement.objects.values_list("scheme_id", flat=True).distinct()),
    "placements": [p for p, _ in placements], "people": [q for _, q in placements],
    "leder_units": list(leder.units().values_list("pk", flat=True)),
}, open("OUT", "w"))
"""


def start_server(env, port, workers, work):
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "rummelig.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--access-logfile", "-", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=open(work / "access.log", "w"), stderr=open(work / "gunicorn.log", "w"),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {work / 'gunicorn.log'}")


def start_worker(env, work):
    commands = subprocess.run([PY, str(ROOT / "manage.py"), "help", "--commands"], env=env, capture_output=True, text=True).stdout
    name = next((c for c in ("db_worker", "qcluster") if c in commands.split()), None)
    if name is None:
        return None
    return subprocess.Popen([PY, str(ROOT / "manage.py"), name], env=env, cwd=ROOT,
                            stdout=open(work / "worker.log", "w"), stderr=subprocess.STDOUT)


def import_meanwhile(env, work, stop):
    """Run a dry-run payroll import again and again until stop is set; return the list of their seconds."""
    sys.path.insert(0, str(ROOT / "bench"))
    from importlib import import_module

    write_opus = import_module("import").write_opus
    file = work / "ZLPE20260301020000_delta.xml"
    write_opus(file, 10000, 120, 7)
    times = []

    def loop():
        while not stop.is_set():
            began = time.perf_counter()
            subprocess.run([PY, str(ROOT / "manage.py"), "import_opus", str(file), "--dry-run", "--force"], env=env, cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - began)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread, times


def report(stats_file):
    rows = [r for r in csv.DictReader(open(stats_file)) if r["Name"] != "Aggregated"]
    floor = next(r for r in rows if r["Name"].startswith("/health/"))
    floor_p95 = float(floor["95%"])
    print(f"\n  {'page':34} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'p95/floor':>9}  aim")
    missed = 0
    for row in sorted(rows, key=lambda r: r["Name"]):
        p95 = float(row["95%"])
        factor = p95 / floor_p95 if floor_p95 else float("inf")
        floor_row = row is floor
        ok = floor_row or (int(row["Failure Count"]) == 0 and factor <= AIM_FACTOR and p95 < AIM_MS)
        missed += not ok
        print(f"  {row['Name'][:34]:34} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>6} {row['95%']:>6} "
              f"{row['99%']:>6} {factor:>8.1f}×  {'floor' if floor_row else ('ok' if ok else 'MISSED')}")
    print(f"\n  aim: 0 errors, p95 ≤ {AIM_FACTOR}× the floor's p95 ({floor_p95:.0f} ms) and < {AIM_MS} ms; "
          f"{missed} page(s) missed it")


def main():
    args = parse_args()
    base = server_url()
    name = "rummelig_load"
    work = Path(tempfile.mkdtemp(prefix="rummelig-load-"))
    env = dict(os.environ, DATABASE_URL=f"{base}/{name}", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", SESSION_COOKIE_SECURE="false",
               CSRF_COOKIE_SECURE="false", LOG_LEVEL="ERROR")
    print(f"Load: {args.users} users for {args.seconds} s, gunicorn {args.workers} workers, PostgreSQL, "
          f"{args.employees:,} staff; files in {work}")
    psql(base, f"DROP DATABASE IF EXISTS {name}")
    psql(base, f"CREATE DATABASE {name}")
    server = worker = None
    stop = threading.Event()
    try:
        ids = setup(env, args.employees, work)
        port = free_port()
        server = start_server(env, port, args.workers, work)
        worker = start_worker(env, work)
        thread, import_times = import_meanwhile(env, work, stop)
        locust_env = dict(env, RUMMELIG_LOAD_IDS=str(ids), RUMMELIG_LOAD_PASSWORD=demo_password())
        subprocess.run(
            [str(Path(PY).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "-u", str(args.users), "-r", str(max(1, args.users // 10)), "-t", f"{args.seconds}s",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(work / "load"), "--only-summary", "--loglevel", "ERROR"],
            env=locust_env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL,
        )
        stop.set()
        thread.join(timeout=120)
        report(work / "load_stats.csv")
        if import_times:
            print(f"  imports meanwhile: {len(import_times)} dry runs of 10,000 employees, "
                  f"{min(import_times):.1f}–{max(import_times):.1f} s each")
    finally:
        stop.set()
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        if not args.keep:
            time.sleep(1)
            psql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def demo_password():
    """The demo logins' password, as rummelig/demo/data.py sets it (read, not imported: that needs Django)."""
    import re

    return re.search(r'^DEMO_PASSWORD = "([^"]+)"', (ROOT / "rummelig/demo/data.py").read_text(), re.M).group(1)


if __name__ == "__main__":
    main()
