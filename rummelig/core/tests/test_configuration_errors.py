"""A configuration error ends in one Danish line, never a traceback; a missing PostgreSQL database is
created when the user may; the web server and the worker refuse the development SECRET_KEY with DEBUG off."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from rummelig.core.database import explain

ROOT = Path(__file__).resolve().parents[3]
PG = "postgres://postgres@127.0.0.1:5432"


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def one_danish_line(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def postgres_available():
    try:
        return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_postgres = pytest.mark.skipif(not postgres_available(), reason="no PostgreSQL on 127.0.0.1:5432")


def test_a_sqlite_file_in_a_missing_folder_is_said_in_one_line(tmp_path):
    result = manage("migrate", DATABASE_URL=f"sqlite:///{tmp_path}/mangler/rummelig.sqlite3")

    line = one_danish_line(result)
    assert f"mappen {tmp_path}/mangler findes ikke" in line


def test_a_postgres_server_that_does_not_answer_is_said_in_one_line():
    result = manage("migrate", DATABASE_URL="postgres://rummelig@127.0.0.1:1/rummelig")

    assert one_danish_line(result) == (
        "PostgreSQL svarer ikke på 127.0.0.1:1: serveren kører ikke, eller adressen i DATABASE_URL er forkert."
    )


def test_a_bad_database_url_is_said_in_one_line():
    line = one_danish_line(manage("migrate", DATABASE_URL="mysql-ish://"))
    assert line.startswith("Rummelig kan ikke starte, fordi en indstilling er forkert: DATABASE_URL=")


def test_a_wrong_password_is_said_in_one_line():
    from django.db import OperationalError

    error = OperationalError(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  password authentication '
        'failed for user "rummelig"'
    )
    settings_dict = {"ENGINE": "django.db.backends.postgresql", "HOST": "db.kommune.dk", "PORT": 5432, "USER": "rummelig", "NAME": "rummelig"}  # fmt: skip

    assert explain(error, settings_dict) == (
        "PostgreSQL på db.kommune.dk:5432 afviste brugeren »rummelig«: forkert eller manglende adgangskode. Ret DATABASE_URL."
    )


def test_a_real_bug_is_not_hidden():
    assert explain(ValueError("a bug")) is None


@needs_postgres
def test_a_missing_postgres_database_is_said_with_the_createdb_line():
    name = f"rummelig_missing_{uuid.uuid4().hex[:8]}"

    line = one_danish_line(manage("migrate", DATABASE_URL=f"{PG}/{name}"))

    assert line == f"Databasen »{name}« findes ikke på 127.0.0.1:5432. Opret den med: createdb -h 127.0.0.1 -p 5432 -U postgres {name}"


@needs_postgres
def test_prepare_database_creates_a_missing_postgres_database_when_the_user_may():
    name = f"rummelig_new_{uuid.uuid4().hex[:8]}"
    try:
        result = manage("prepare_database", DATABASE_URL=f"{PG}/{name}")
        assert result.returncode == 0, result.stderr
        assert f"Databasen »{name}« fandtes ikke og er oprettet." in result.stdout
        assert manage("prepare_database", DATABASE_URL=f"{PG}/{name}").stdout == ""  # there now
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], timeout=60)


@needs_postgres
def test_a_user_who_may_not_create_the_database_is_told_how_in_one_line():
    role = f"rummelig_nocreate_{uuid.uuid4().hex[:6]}"
    name = f"rummelig_missing_{uuid.uuid4().hex[:8]}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run([*psql, f"CREATE ROLE {role} LOGIN NOCREATEDB"], check=True, timeout=60)
    try:
        result = manage("prepare_database", DATABASE_URL=f"postgres://{role}@127.0.0.1:5432/{name}")

        assert one_danish_line(result) == (
            f"Databasen »{name}« findes ikke, og brugeren »{role}« må ikke oprette den. "
            f"Opret den som databaseadministrator med: createdb -h 127.0.0.1 -p 5432 -O {role} {name}"
        )
    finally:
        subprocess.run([*psql, f"DROP ROLE IF EXISTS {role}"], timeout=60)


def test_the_web_server_refuses_the_development_key_with_debug_off(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    environment.update(DEBUG="false", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    result = subprocess.run(
        [sys.executable, "-c", "import rummelig.wsgi"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert "Rummelig starter ikke: SECRET_KEY er ikke sat" in result.stderr
    worker = manage("db_worker", "--batch", DEBUG="false", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert worker.returncode == 3 and "Rummelig starter ikke: SECRET_KEY er ikke sat" in worker.stderr
    environment["DEBUG"] = "true"
    allowed = subprocess.run([sys.executable, "-c", "import rummelig.wsgi"], cwd=ROOT, env=environment, timeout=60)
    assert allowed.returncode == 0
