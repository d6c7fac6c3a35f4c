"""One field of an event's JSON ``data``, in SQL, on either engine.

A damaged row (text that is not JSON) has no field rather than failing the
whole query: SQLite checks with ``json_valid``; PostgreSQL calls
``kanban_json_field``, a function the schema creates (:mod:`.postgres`)
that answers NULL where the text does not parse.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION kanban_json_field(data text, path text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN data::jsonb #>> path;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$
"""


class json_field(FunctionElement[str]):  # noqa: N801  (reads as the SQL function it is)
    """``json_field(column, "$.breach.column")``: the text at that path, or NULL."""

    type = String()
    inherit_cache = True
    name = "json_field"


def _path(element: json_field) -> str:
    path = list(element.clauses)[1]
    return str(path.value)  # type: ignore[attr-defined]


@compiles(json_field)
def _sqlite(element: json_field, compiler: Any, **kw: Any) -> str:
    data, path = list(element.clauses)
    data_sql = compiler.process(data, **kw)
    path_sql = compiler.process(path, **kw)
    return f"CASE WHEN json_valid({data_sql}) THEN json_extract({data_sql}, {path_sql}) END"


@compiles(json_field, "postgresql")
def _postgresql(element: json_field, compiler: Any, **kw: Any) -> str:
    data = list(element.clauses)[0]
    steps = _path(element).removeprefix("$.").split(".")
    array = "ARRAY[" + ", ".join("'" + step.replace("'", "''") + "'" for step in steps) + "]"
    return f"kanban_json_field({compiler.process(data, **kw)}, {array})"
