"""Insert and update many rows fast: reserve the ids, then a few statements per batch.

Django's bulk_create compiles every value through the field machinery and its SQL compiler; for
100,000 rows that costs several times the database's own work. Here each model's columns are
worked out once, values pass through `get_db_prep_save` only where the backend needs it (dates,
decimals, JSON), and the rows go to the database in the caller's transaction: inserts with `COPY`
(PostgreSQL) or multi-row INSERTs of up to 1,000 rows (SQLite), updates with `executemany`.

Ids are reserved up front so rows can point at each other before they are written:
- PostgreSQL: `nextval` on the table's identity sequence, n at a time (safe with other writers);
- SQLite: above the largest id in use (the import's transaction holds SQLite's write lock).
A value may be a `New` row or a saved model instance; it is replaced by its pk when written.
"""

import sqlite3
from itertools import chain
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import ForeignKey
from django.utils import timezone

BATCH = 5000
ROWS_PER_STATEMENT = 1000  # SQLite: rows per multi-row INSERT
_PLAIN_TYPES = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "EmailField", "ForeignKey",
    "IntegerField", "NullBooleanField", "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField",
    "SmallIntegerField", "TextField", "URLField",
}  # fmt: skip


class New:
    """A row to insert: its values by attname (`person_id`, `start` …); `pk` once written."""

    __slots__ = ("values", "pk")

    def __init__(self, **values):
        self.values = values
        self.pk = None

    @classmethod
    def from_dict(cls, values: dict) -> "New":
        row = cls.__new__(cls)
        row.values = values
        row.pk = None
        return row

    def __getitem__(self, name):
        return self.values[name]


def _converter(field, conn):
    """Return a function that makes a value ready for the driver, or None if it is ready as it is."""
    kind = field.get_internal_type()
    if kind in _PLAIN_TYPES:
        return None
    ops = conn.ops
    if kind == "DateField":
        return str if _is_base(ops, "adapt_datefield_value") else ops.adapt_datefield_value
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    if kind == "DecimalField":
        return None if _is_base(ops, "adapt_decimalfield_value") else ops.adapt_decimalfield_value
    return lambda value: field.get_db_prep_save(value, conn)


def _is_base(ops, name):
    """True if the backend does not override BaseDatabaseOperations.<name> (so its plain behaviour applies)."""
    return getattr(type(ops), name) is getattr(BaseDatabaseOperations, name)


def _pk(value):
    """Return the pk of a New row or a model instance; an int (a pk already) as it is."""
    return value if type(value) is int else value.pk


def reserve_ids(model, count: int) -> list[int]:
    """Return `count` fresh primary keys for model's table."""
    if not count:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the sequence's name first: pg_get_serial_sequence per row would cost more than the ids themselves
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserving ids on {connection.vendor}")
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def insert(model, rows: list[New], progress=None, *, ids: list[int] | None = None) -> None:
    """Insert the rows (setting each row's pk); columns a row does not name get the field's default.

    All rows of one call must name the same columns (they come from one place in the planner).
    """
    if not rows:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    given = list(rows[0].values)
    fields = {field.attname: field for field in model._meta.concrete_fields if not field.primary_key}
    unknown = set(given) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
    defaults = _defaults(fields, given, conn)
    conversions = _conversions(fields, given, conn)
    extract = itemgetter(*given) if len(given) > 1 else (lambda values: (values[given[0]],))
    tail = tuple(value for _, value in defaults)

    for row, pk in zip(rows, ids if ids is not None else reserve_ids(model, len(rows)), strict=True):
        row.pk = pk
    quote = conn.ops.quote_name
    names = [model._meta.pk.column, *(fields[name].column for name in given), *(field.column for field, _ in defaults)]
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    copy_sql = (
        f"COPY {quote(model._meta.db_table)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
    )
    key_count = len(given)
    with conn.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            params = _records(model, batch, key_count, extract, tail, conversions)
            if conn.vendor == "postgresql":
                # COPY: PostgreSQL's bulk load, several times faster than INSERTs (psycopg adapts the values)
                with cursor.cursor.copy(copy_sql) as copy:
                    for record in params:
                        copy.write_row(record)
            else:
                _insert_many(cursor, sql, params, _rows_per_statement(conn, len(names)))
            if progress is not None:
                progress.step(len(batch))


def _defaults(fields, given, conn) -> list[tuple]:
    """Return [(field, database value)] of the columns the rows do not name: auto_now fields get now, others their default."""
    now = timezone.now()
    defaults = []
    for attname, field in fields.items():
        if attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        convert = _converter(field, conn)
        defaults.append((field, convert(value) if convert is not None and value is not None else value))
    return defaults


def _conversions(fields, given, conn) -> list[tuple]:
    """Return (index in a row: the pk, then `given`; converter) for references and values the driver needs adapted."""
    conversions = []
    for index, attname in enumerate(given, start=1):
        field = fields[attname]
        if isinstance(field, ForeignKey):
            conversions.append((index, _pk))
        elif (convert := _converter(field, conn)) is not None:
            conversions.append((index, convert))
    return conversions


def _records(model, batch: list[New], key_count: int, extract, tail: tuple, conversions: list[tuple]) -> list[list]:
    """Return the parameter rows of a batch: pk, the given values (converted), the defaults."""
    params = []
    for row in batch:
        values = row.values
        if len(values) != key_count:
            raise ValueError(f"rows for {model.__name__} name different columns")
        record = [row.pk, *extract(values), *tail]
        for index, convert in conversions:
            value = record[index]
            if value is not None:
                record[index] = convert(value)
        params.append(record)
    return params


def _rows_per_statement(conn, columns: int) -> int:
    """Return how many rows one multi-row INSERT may carry (SQLite's limit on parameters, at most 1,000 rows)."""
    try:
        limit = conn.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # not SQLite, or Python < 3.11
        limit = conn.features.max_query_params or 999
    return max(1, min(ROWS_PER_STATEMENT, limit // columns))


def _insert_many(cursor, sql: str, params: list[list], per_statement: int) -> None:
    """Insert rows with multi-row INSERTs (`VALUES (…), (…), …`): on SQLite a third faster than executemany.

    One statement per row makes SQLite step, reset and update the AUTOINCREMENT counter per row.
    The statement is written with SQLite's own `?` placeholders and run on the driver's cursor:
    Django's wrapper would rewrite 13,000 `%s` in each statement with a regular expression.
    """
    head, _, values = sql.partition(" VALUES ")
    values = values.replace("%s", "?")
    execute = sqlite3.Cursor.execute
    full = None
    for start in range(0, len(params), per_statement):
        chunk = params[start : start + per_statement]
        if len(chunk) == per_statement:
            full = full or f"{head} VALUES {', '.join([values] * per_statement)}"
            statement = full
        else:
            statement = f"{head} VALUES {', '.join([values] * len(chunk))}"
        execute(cursor.cursor, statement, list(chain.from_iterable(chunk)))


def update(model, changes: list[tuple[int, dict]], progress=None) -> None:
    """Update rows by pk: `changes` is [(pk, {attname: value})]; one statement per set of columns."""
    if not changes:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    fields = {field.attname: field for field in model._meta.concrete_fields}
    groups: dict[tuple, list] = {}
    for pk, values in changes:
        groups.setdefault(tuple(sorted(values)), []).append((pk, values))
    quote = conn.ops.quote_name
    table = quote(model._meta.db_table)
    pk_column = quote(model._meta.pk.column)
    with conn.cursor() as cursor:
        for names, group in groups.items():
            targets = [fields[name] for name in names]
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in targets)
            sql = f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s"
            converters = [_converter(field, conn) for field in targets]
            references = [isinstance(field, ForeignKey) for field in targets]
            params = []
            for pk, values in group:
                record = []
                for field, convert, is_reference in zip(targets, converters, references, strict=True):
                    value = values[field.attname]
                    if is_reference:
                        value = _pk(value)
                    elif convert is not None and value is not None:
                        value = convert(value)
                    record.append(value)
                record.append(pk)
                params.append(record)
            for start in range(0, len(params), BATCH):
                cursor.executemany(sql, params[start : start + BATCH])
                if progress is not None:
                    progress.step(len(params[start : start + BATCH]))
