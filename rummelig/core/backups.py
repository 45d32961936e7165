"""Backup and restore of the whole database (the `backup` and `restore` commands).

PostgreSQL: pg_dump/pg_restore (Debian's postgresql-client), with the connection's host, port, user
and password (PGPASSWORD) from DATABASE_URL. SQLite: the online backup API of Python's sqlite3.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path


class BackupError(Exception):
    """Said to the user in one Danish line."""


def backup(connection, target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        out = sqlite3.connect(target)
        try:
            connection.connection.backup(out)
        finally:
            out.close()
    elif connection.vendor == "postgresql":
        _run_pg("pg_dump", connection, ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    else:
        raise BackupError(f"Sikkerhedskopi af {connection.vendor} understøttes ikke.")


def restore(connection, source: Path) -> None:
    if connection.vendor == "sqlite":
        _check_sqlite_backup(source)
        connection.close()
        connection.ensure_connection()
        backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup_file.backup(connection.connection)
        finally:
            backup_file.close()
        connection.close()
    elif connection.vendor == "postgresql":
        _which("pg_restore")
        listed = subprocess.run(["pg_restore", "--list", str(source)], capture_output=True, text=True)
        if listed.returncode != 0:
            raise BackupError(f"{source} er ikke en sikkerhedskopi fra pg_dump (`backup`).")
        connection.close()
        _run_pg(
            "pg_restore", connection,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", str(source)],
            database_option=True,
        )  # fmt: skip
    else:
        raise BackupError(f"Gendannelse af {connection.vendor} understøttes ikke.")


def _check_sqlite_backup(source: Path) -> None:
    try:
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{source} er ikke en SQLite-sikkerhedskopi fra `backup`.") from None
    if "django_migrations" not in tables or not ok:
        raise BackupError(f"{source} er ikke en hel sikkerhedskopi af Rummelig; intet er ændret.")


def _which(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} findes ikke på maskinen; installér PostgreSQL's klientprogrammer (apt-get install postgresql-client).")
    return path


def _run_pg(program: str, connection, arguments: list[str], database_option: bool = False) -> None:
    settings_dict = connection.settings_dict
    command = [_which(program)]
    if settings_dict.get("HOST"):
        command.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        command.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        command.append(f"--username={settings_dict['USER']}")
    command += ["--no-password", *arguments]
    command.append(f"--dbname={settings_dict['NAME']}" if database_option else settings_dict["NAME"])
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["?"])[-1]
        raise BackupError(f"{program} fejlede: {detail}")
