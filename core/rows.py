"""Row statements written out once per model and columns, run without the ORM's compiler.

For the one request whose whole budget is a few statements: the report autosave, sent on
every pause in typing (and the draft save of the edit page, which shares its code), whose
use of these is fenced in one module (`reports.services.autosave`). Generic: nothing here
knows a model of the platform. Django builds each ORM statement anew from the queryset,
costing the app server as much CPU as PostgreSQL spends running it (bench/results.md); these
build the SQL once per process from the model's metadata and pass values through the fields'
own conversions (`get_db_prep_save` on the way in, the database's and the field's converters
on the way out), so they read and write exactly what the ORM would, on SQLite and PostgreSQL
alike.
They send no signals: callers write their audit entry themselves. Anything that is not a
hot path uses the ORM.
"""

from functools import cache

from django.db import connections


def update_statement(instance, names: list[str], using: str) -> tuple[str, list]:
    """UPDATE `instance`'s row, setting the fields `names` (auto_now fields take the time
    now, as on save), as SQL and parameters for `execute_together`."""
    connection = connections[using]
    sql, fields = _update_sql(type(instance), tuple(names), using)
    params = [f.get_db_prep_save(f.pre_save(instance, False), connection) for f in fields]
    return sql, [*params, instance.pk]


def insert_statement(
    objs: list, names: list[str], using: str, *, conflict: tuple[str, ...] = (), update=()
) -> tuple[str, list]:
    """INSERT `objs` (of one model) with the fields `names`, as SQL and parameters. With
    `conflict` (the fields of a unique constraint), a row that already exists gets the
    fields `update` instead (INSERT … ON CONFLICT … DO UPDATE, the same on SQLite and
    PostgreSQL)."""
    model = type(objs[0])
    connection = connections[using]
    sql, fields = _insert_sql(model, tuple(names), len(objs), conflict, tuple(update), using)
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in objs for f in fields]
    return sql, params


def execute_together(statements: list[tuple[str, list]], using: str) -> None:
    """Run writes that touch different rows. PostgreSQL gets them as one statement (the
    first ones in a data-modifying WITH): one round trip instead of one each, which on the
    autosave cost more than the writes themselves. Its parts see the same snapshot and run
    in no set order, hence different rows only. Elsewhere (SQLite) they run one by one."""
    connection = connections[using]
    if connection.vendor == "postgresql" and len(statements) > 1:
        *first, last = statements
        parts = ", ".join(f"w{i} AS ({sql})" for i, (sql, _params) in enumerate(first))
        statements = [(f"WITH {parts} {last[0]}", [p for _sql, ps in statements for p in ps])]
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)


def select_rows(model, names: list[str], where: str, params: list, using: str) -> list[tuple]:
    """The fields `names` of `model`'s rows matching `where` (SQL on its columns), each
    value converted as the ORM converts it (SQLite hands decimals back as floats, times as
    text)."""
    connection = connections[using]
    sql, converters = _select_sql(model, tuple(names), where, using)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not any(converters):
        return rows
    return [
        tuple(
            _convert(value, steps, connection) for value, steps in zip(row, converters, strict=True)
        )
        for row in rows
    ]


def converted(model, name: str, value, using: str):
    """A value of `model`'s field `name` read by hand, converted as the ORM converts it."""
    connection = connections[using]
    return _convert(value, _converters(model, name, using), connection)


def _convert(value, steps, connection):
    for convert, column in steps:
        value = convert(value, column, connection)
    return value


def _fields(model, names):
    return [model._meta.get_field(name) for name in names]


@cache
def _update_sql(model, names, using):
    qn = connections[using].ops.quote_name
    fields = _fields(model, names)
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    return sql, fields


@cache
def _insert_sql(model, names, count, conflict, update, using):
    qn = connections[using].ops.quote_name
    fields = _fields(model, names)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"
        f" VALUES {', '.join([row] * count)}"
    )
    if conflict:
        target = ", ".join(qn(f.column) for f in _fields(model, conflict))
        sets = ", ".join(
            f"{qn(f.column)} = excluded.{qn(f.column)}" for f in _fields(model, update)
        )
        sql += f" ON CONFLICT ({target}) DO UPDATE SET {sets}"
    return sql, fields


@cache
def _select_sql(model, names, where, using):
    qn = connections[using].ops.quote_name
    fields = _fields(model, names)
    converters = tuple(_converters(model, name, using) for name in names)
    sql = (
        f"SELECT {', '.join(qn(f.column) for f in fields)}"
        f" FROM {qn(model._meta.db_table)} WHERE {where}"
    )
    return sql, converters


@cache
def _converters(model, name, using):
    connection = connections[using]
    column = model._meta.get_field(name).get_col(model._meta.db_table)
    return tuple(
        (convert, column)
        for convert in connection.ops.get_db_converters(column)
        + column.get_db_converters(connection)
    )
