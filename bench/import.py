"""Benchmark the OPUS import against a baseline (run by `make bench`, not by tests).

1. Writes a made-up OPUS dump of 50,000 employees in 600 units with the fields real dumps have
   (addresses, empty <entryDate/>, leave dates, fleksjob/løntilskud/seniorjob codes, some
   "Annulleret", people with two employments, `action="leave"` records).
2. Baseline: lxml iterparse of the same file, collecting every employee's fields, plus one bulk
   insert of those rows into a plain table in one transaction (SQLite: executemany; PostgreSQL:
   COPY, as the import does).
3. The import: `import_file` into a freshly migrated database (a new SQLite file; and, when
   DATABASE_URL points at PostgreSQL, a new database on that server), a real run, not a dry run.
4. The same file again: recognised by its SHA-256 and not read again (what the import does), and
   compared in full with --force (every record read and compared; nothing to write).

Each measurement runs in its own process, so its peak memory (ru_maxrss) is its own, and the
baseline and the import run three times each (--runs; the best counts, as the machine may be
busy; CPU time is printed too, as it depends less on other load). Prints the times, the ratio
to the baseline (aim: within 3×), the peak memory (aim: under 500 MB), the time of the first
import (aim: under 60 s) and of the re-imports (aim: under a third of the first). It stops with
an error only if an import fails; missed aims are printed, not fatal.

    .venv/bin/python bench/import.py [--employees 50000] [--units 600] [--seed 1] [--runs 3] [--keep]
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE_NAME = "ZLPE20250301020000_delta.xml"
FIRST_NAMES = ["Søren", "Åse", "Jørgen", "Mette", "Bjørn", "Ærtebølle", "Anne", "Mads", "Sofie", "Kasper", "Ida", "Frederik",
               "Signe", "Rasmus", "Maja", "Jens", "Helle", "Peter", "Lærke", "Niels"]  # fmt: skip
LAST_NAMES = ["Ærø-Østergård", "Møller", "Kjærsgaard", "Frølund", "Lykkegård", "Nielsen", "Jensen", "Hansen", "Pedersen",
              "Andersen", "Søndergaard", "Bøgh", "Kragh", "Damgård", "Holm", "Østergaard", "Thøgersen", "Brøndum"]  # fmt: skip
POSITIONS = ["Pædagog", "Pædagogmedhjælper", "Social- og sundhedshjælper", "Lærer", "Vejarbejder", "Sygeplejerske",
             "Kontorassistent", "Rengøringsassistent", "Køkkenmedhjælper", "Chauffør"]  # fmt: skip
# (code, text, share) — municipal shares roughly as KL's figures for special terms (domain.md §4.1)
CONTRACTS = [("08", "Ansat", 0.865), ("09", "Timelønnet", 0.06), ("61", "Fleksjob", 0.037), ("71", "Løntilskud", 0.02),
             ("73", "Seniorjob", 0.01), ("08", "Annulleret", 0.008)]  # fmt: skip
CODES = {"08": None, "09": None, "61": "fleksjob", "71": "loentilskud", "73": "seniorjob"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="Timed runs of the baseline and the import; the best counts.")
    parser.add_argument("--keep", action="store_true", help="Keep the folder with the file and the databases.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    return parser.parse_args()


# The file ------------------------------------------------------------------------------------------


def write_opus(path: Path, employees: int, units: int, seed: int) -> None:
    """Write a realistic OPUS dump: a kommune, 10 forvaltninger, 30 områder, the rest institutions."""
    rng = random.Random(seed)
    areas = list(range(2, 12))
    districts = list(range(12, 42))
    institutions = list(range(42, units + 1))
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n')
        out.write(_unit(1, "", "Bench Kommune", "Kommune", "0000000000", ""))
        for unit in areas:
            out.write(_unit(unit, 1, f"Forvaltning {unit} for Børn og Ældre", "Forvaltning", "0000000000", f"{unit}000"))
        for unit in districts:
            out.write(_unit(unit, rng.choice(areas), f"Område {unit} Søndermark", "Område", "0000000000", f"{unit}00"))
        for unit in institutions:
            out.write(_unit(unit, rng.choice(districts), f"Institution {unit} Æblegården", "Institution",
                            f"10{unit:08d}", f"{4000 + unit}"))  # fmt: skip
        cpr_pool = []
        for number in range(employees):
            if cpr_pool and rng.random() < 0.05:
                cpr, first, last = rng.choice(cpr_pool)  # a second employment of the same person
            else:
                born = date(1955, 1, 1) + timedelta(days=rng.randint(0, 17000))
                century_digit = rng.randint(0, 3) if born.year < 2000 else 4  # the 7th digit tells the century
                cpr = f"{born:%d%m%y}{century_digit}{rng.randint(0, 999):03d}"
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                cpr_pool.append((cpr, first, last))
            code, text = _contract(rng)
            entry = "" if rng.random() < 0.1 else (date(2000, 1, 1) + timedelta(days=rng.randint(0, 9100))).isoformat()
            leave = ""
            if entry and rng.random() < 0.08:
                leave = (date.fromisoformat(entry) + timedelta(days=rng.randint(30, 1500))).isoformat()
            numerator = rng.choice(["37", "37", "37", "30", "25", "18.5", "15"])
            out.write(
                f' <employee id="{100000 + number}" client="813" lastChanged="2025-02-27">\n'
                f"  <entryDate>{entry}</entryDate>\n  <leaveDate>{leave}</leaveDate>\n"
                f'  <cpr suppId="0">{cpr}</cpr>\n  <firstName>{first}</firstName>\n  <lastName>{last}</lastName>\n'
                f"  <address>Æblevej {rng.randint(1, 120)}</address>\n  <postalCode>8600</postalCode>\n"
                f"  <city>Rummelby</city>\n  <country>DK</country>\n  <workPhone/>\n"
                f"  <workContract>{code}</workContract>\n  <workContractText>{text}</workContractText>\n"
                f"  <positionId>{rng.randint(51000, 51999)}</positionId>\n  <position>{rng.choice(POSITIONS)}</position>\n"
                f"  <positionShort>PÆD</positionShort>\n  <isManager>{'true' if rng.random() < 0.04 else 'false'}</isManager>\n"
                f"  <superiorLevel/>\n  <subordinateLevel/>\n  <orgUnit>{rng.choice(institutions)}</orgUnit>\n"
                f"  <payGradeText>Overenskomst</payGradeText>\n  <numerator>{numerator} </numerator>\n"
                f"  <denominator>37 </denominator>\n  <email/>\n  <userId/>\n </employee>\n"
            )
        for number in range(employees // 100):
            out.write(f' <employee id="{900000 + number}" client="813" action="leave"/>\n')
        out.write("</kmd>\n")


def _unit(unit, parent, name, kind, p_number, cost_centre):
    return (
        f' <orgUnit id="{unit}" client="813" lastChanged="2025-01-02">\n'
        f"  <startDate>2007-01-01</startDate>\n  <endDate>9999-12-31</endDate>\n"
        f"  <parentOrgUnit>{parent}</parentOrgUnit>\n  <shortName>E{unit}</shortName>\n  <longName>{name}</longName>\n"
        f"  <street>Rådhuspladsen {unit}</street>\n  <zipCode>8600</zipCode>\n  <city>Rummelby</city>\n"
        f"  <phoneNumber>87654321</phoneNumber>\n  <cvrNr>29189999</cvrNr>\n  <eanNr/>\n  <seNr/>\n"
        f"  <pNr>{p_number}</pNr>\n  <costCenter>{cost_centre}</costCenter>\n  <orgType>00003</orgType>\n"
        f"  <orgTypeTxt>{kind}</orgTypeTxt>\n </orgUnit>\n"
    )


def _contract(rng):
    draw = rng.random()
    for code, text, share in CONTRACTS:
        if draw < share:
            return code, text
        draw -= share
    return CONTRACTS[0][:2]


# Children: one measurement per process ------------------------------------------------------------------


def child_baseline(file: str, database: str) -> dict:
    """lxml iterparse of the file and one bulk insert of its employees into a plain table."""
    from lxml import etree

    started = time.perf_counter()
    cpu_started = time.process_time()
    rows = []
    for _, element in etree.iterparse(file, events=("end",), tag=("employee", "orgUnit")):
        if element.tag == "employee" and element.get("action") is None:
            fields = {child.tag: (child.text or "").strip() for child in element}
            rows.append((
                element.get("id"), fields.get("cpr", ""), fields.get("firstName", ""), fields.get("lastName", ""),
                fields.get("orgUnit", ""), fields.get("position", ""), fields.get("workContract", ""),
                fields.get("entryDate", ""), fields.get("leaveDate", ""), fields.get("numerator", ""),
                fields.get("denominator", ""),
            ))  # fmt: skip
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
    parsed = time.perf_counter() - started
    columns = "id, cpr, first_name, last_name, unit, position, code, entry, leave, numerator, denominator"
    create = f"CREATE TABLE baseline ({', '.join(f'{c} TEXT' for c in columns.split(', '))})"
    if database.startswith("postgres"):
        import psycopg

        with psycopg.connect(database.replace("postgres://", "postgresql://", 1)) as connection:
            connection.execute("DROP TABLE IF EXISTS baseline")
            connection.execute(create)
            with connection.cursor() as cursor, cursor.copy(f"COPY baseline ({columns}) FROM STDIN") as copy:
                for row in rows:  # PostgreSQL's bulk load, as the import uses
                    copy.write_row(row)
            connection.commit()
    else:
        import sqlite3

        connection = sqlite3.connect(database.removeprefix("sqlite:///"))
        connection.execute(create)
        with connection:
            connection.executemany(f"INSERT INTO baseline ({columns}) VALUES ({', '.join(['?'] * 11)})", rows)
        connection.close()
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "parse_seconds": parsed,
        "rows": len(rows),
    }


def child_setup(database: str) -> dict:
    """Migrate a fresh database and map the file's payroll codes, as HR would."""
    _django(database)
    from django.core.management import call_command

    from rummelig.imports.models import PayrollCodeMapping, SourceKind
    from rummelig.schemes.models import Scheme

    call_command("migrate", verbosity=0)
    for code, scheme in CODES.items():
        PayrollCodeMapping.objects.create(
            source=SourceKind.OPUS, code=code, scheme=Scheme.objects.get(code=scheme) if scheme else None
        )
    return {}


def child_import(database: str, file: str, force: bool) -> dict:
    _django(database)
    from rummelig.imports.models import SourceKind
    from rummelig.imports.service import gc_pause_allowed, import_file

    started = time.perf_counter()
    cpu_started = time.process_time()
    with gc_pause_allowed():  # as in the worker, where imports run
        run = import_file(SourceKind.OPUS, file, force=force).run
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if run.status != "done":
        raise SystemExit(f"the import did not finish: {run.status} {run.error} {run.problems[:3]}")
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "counts": run.counts(), "same_file": run.same_as_id is not None}


def _django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run_child(kind: str, database: str, file: str = "", *extra) -> dict:
    command = [sys.executable, __file__, "--child", kind, "--database", database, "--file", file, *extra]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"{kind} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child_main(args) -> None:
    if args.child == "baseline":
        result = child_baseline(args.file, args.database)
    elif args.child == "setup":
        result = child_setup(args.database)
    else:
        result = child_import(args.database, args.file, force=args.child == "reimport-force")
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# PostgreSQL: a fresh database beside the one in DATABASE_URL ------------------------------------------------


def _maintenance(url: str) -> str:
    """Return the URL of the server's maintenance database, where databases are created and dropped."""
    base, _, _ = url.rpartition("/")
    return f"{base}/postgres".replace("postgres://", "postgresql://", 1)


def fresh_postgres(url: str, name: str) -> str:
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


# Main ------------------------------------------------------------------------------------------------


def measure(label: str, fresh_database, baseline_database: str, file: str, runs: int) -> bool:
    """Time the baseline and the import `runs` times each (the best counts: the machine may be busy)."""
    baselines = [run_child("baseline", baseline_database(), file) for _ in range(runs)]
    imports = []
    for _ in range(runs):
        database = fresh_database()
        run_child("setup", database)
        imports.append(run_child("import", database, file))
    again = run_child("import", database, file)
    forced = run_child("reimport-force", database, file)
    baseline = min(baselines, key=lambda result: result["seconds"])
    first = min(imports, key=lambda result: result["seconds"])
    ratio = first["seconds"] / baseline["seconds"]
    cpu_ratio = first["cpu_seconds"] / baseline["cpu_seconds"]
    print(f"\n{label} (best of {runs})")
    print(f"  baseline (lxml iterparse {baseline['parse_seconds']:.2f} s + bulk insert of {baseline['rows']:,} rows): "
          f"{baseline['seconds']:.2f} s, CPU {baseline['cpu_seconds']:.2f} s")  # fmt: skip
    counts = first["counts"]
    print(f"  import:  {first['seconds']:.2f} s, CPU {first['cpu_seconds']:.2f} s  ({counts['units_added']} units, "
          f"{counts['employments_added']:,} employments, {counts['people_added']:,} people, "
          f"{counts['placements_added']:,} placements)")  # fmt: skip
    print(f"  ratio:   {ratio:.2f}× the baseline (CPU time: {cpu_ratio:.2f}×) (aim: within 3×)")
    print(f"  peak memory of the import: {max(run['maxrss_mb'] for run in imports):.0f} MB (aim: under 500 MB)")
    print(f"  same file again:             {again['seconds']:.2f} s = {again['seconds'] / first['seconds']:.2f} of the "
          f"first (recognised by SHA-256: {again['same_file']})")  # fmt: skip
    print(f"  same file again, compared in full (--force): {forced['seconds']:.2f} s = "
          f"{forced['seconds'] / first['seconds']:.2f} of the first; changes: "
          f"{sum(v for k, v in forced['counts'].items() if not k.endswith('_unchanged'))}")  # fmt: skip
    ok = ratio <= 3 and first["seconds"] < 60 and first["maxrss_mb"] < 500 and again["seconds"] < first["seconds"] / 3
    print(f"  aims met: {'yes' if ok else 'NO'}")
    return ok


def main():
    args = parse_args()
    if args.child:
        child_main(args)
        return
    folder = Path(tempfile.mkdtemp(prefix="rummelig-bench-import-"))
    file = folder / FILE_NAME
    started = time.perf_counter()
    write_opus(file, args.employees, args.units, args.seed)
    print(f"Wrote {file.name}: {args.employees:,} employees in {args.units} units, "
          f"{file.stat().st_size / 1024**2:.0f} MB, in {time.perf_counter() - started:.1f} s")  # fmt: skip
    ok = True
    try:
        counter = iter(range(1000))

        def fresh_sqlite(kind="import"):
            return f"sqlite:///{folder / f'{kind}-{next(counter)}.sqlite3'}"

        ok &= measure("SQLite (a new file)", fresh_sqlite, lambda: fresh_sqlite("baseline"), str(file), args.runs)
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            name = "rummelig_bench_import"
            try:
                ok &= measure(
                    f"PostgreSQL (a new database {name})", lambda: fresh_postgres(url, name),
                    lambda: fresh_postgres(url, f"{name}_baseline"), str(file), args.runs,
                )  # fmt: skip
            finally:
                drop_postgres(url, name)
                drop_postgres(url, f"{name}_baseline")
    finally:
        if args.keep:
            print(f"\nKept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nAll aims met: {'yes' if ok else 'no'}")


if __name__ == "__main__":
    main()
