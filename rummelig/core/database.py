"""Configuration errors of the database said in one Danish line, and a missing PostgreSQL database made.

`manage.py` turns a configuration error (a database that does not exist, a wrong password, a server
that does not answer, a SQLite file in a folder that does not exist, a bad setting) into one line
and exit status 1 instead of a traceback. `prepare_database` (run by `make run`) creates a missing
PostgreSQL database when the user may, and otherwise says how.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _where(settings_dict) -> tuple[str, str, str, str]:
    return (
        settings_dict.get("HOST") or "localhost",
        str(settings_dict.get("PORT") or 5432),
        settings_dict.get("USER") or "",
        settings_dict.get("NAME") or "",
    )


def createdb_line(settings_dict) -> str:
    host, port, user, name = _where(settings_dict)
    return f"createdb -h {host} -p {port}{f' -U {user}' if user else ''} {name}"


def explain(exc: BaseException, settings_dict=None) -> str | None:
    """Return one Danish line for a configuration error, or None if exc is something else (a real bug)."""
    from django.db import DatabaseError

    chain = list(_chain(exc))
    if any(isinstance(e, ImproperlyConfigured) for e in chain):
        first = next(e for e in chain if isinstance(e, ImproperlyConfigured))
        return f"Rummelig kan ikke starte, fordi en indstilling er forkert: {first}"
    if not any(isinstance(e, DatabaseError) for e in chain):
        return None
    if settings_dict is None:
        from django.db import connections

        settings_dict = connections["default"].settings_dict
    text = " ".join(str(e) for e in chain)
    engine = settings_dict.get("ENGINE", "")
    if "sqlite" in engine:
        path = Path(str(settings_dict.get("NAME")))
        if "unable to open database file" in text:
            if not path.parent.is_dir():
                return f"SQLite-databasen {path} kan ikke oprettes: mappen {path.parent} findes ikke. Opret mappen, eller ret DATABASE_URL."
            return f"SQLite-databasen {path} kan ikke åbnes: Rummelig må ikke læse og skrive i {path.parent}. Ret rettighederne, eller ret DATABASE_URL."
        return None
    host, port, user, name = _where(settings_dict)
    if "does not exist" in text and f'database "{name}"' in text:
        return f"Databasen »{name}« findes ikke på {host}:{port}. Opret den med: {createdb_line(settings_dict)}"
    if "password authentication failed" in text or "no password supplied" in text:
        return f"PostgreSQL på {host}:{port} afviste brugeren »{user}«: forkert eller manglende adgangskode. Ret DATABASE_URL."
    if "does not exist" in text and "role" in text:
        return f"PostgreSQL på {host}:{port} kender ikke brugeren »{user}«. Opret brugeren (createuser {user}), eller ret DATABASE_URL."
    if any(words in text for words in ("Connection refused", "could not connect", "No such file or directory",
                                       "timeout expired", "could not translate host name", "Name or service not known")):  # fmt: skip
        return f"PostgreSQL svarer ikke på {host}:{port}: serveren kører ikke, eller adressen i DATABASE_URL er forkert."
    if "no pg_hba.conf entry" in text:
        return f"PostgreSQL på {host}:{port} tillader ikke forbindelser fra denne maskine (pg_hba.conf). Bed databaseadministratoren om adgang."
    return None


def ensure_database(write=print) -> None:
    """Connect to the database; create a missing PostgreSQL database when the user may, else raise with the createdb line."""
    from django.db import OperationalError, connections

    connection = connections["default"]
    try:
        connection.ensure_connection()
        return
    except OperationalError as exc:
        name = connection.settings_dict.get("NAME")
        if connection.vendor != "postgresql" or f'database "{name}" does not exist' not in str(exc):
            raise
    _create_postgres_database(connection, write)


def _create_postgres_database(connection, write) -> None:
    import psycopg
    from psycopg import sql

    settings_dict = connection.settings_dict
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    name = settings_dict["NAME"]
    try:
        with psycopg.connect(**params, autocommit=True) as maintenance:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.errors.InsufficientPrivilege:
        host, port, user, _name = _where(settings_dict)
        raise SystemExit(
            f"Databasen »{name}« findes ikke, og brugeren »{user}« må ikke oprette den. "
            f"Opret den som databaseadministrator med: createdb -h {host} -p {port} -O {user} {name}"
        ) from None
    except psycopg.Error:
        raise SystemExit(f"Databasen »{name}« findes ikke og kunne ikke oprettes. Opret den med: {createdb_line(settings_dict)}") from None
    write(f"Databasen »{name}« fandtes ikke og er oprettet.")
    connection.ensure_connection()
