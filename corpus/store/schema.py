"""The schema: numbered migration files, and how a database is recognised as ours.

The SQL files live beside this module (``corpus/store/migrations/NNN_name.sql``) and are applied
in number order; ``PRAGMA user_version`` records the last one applied.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from corpus.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
APPLICATION_ID = 0x50436D70  # "PCmp" in the SQLite header: marks a database as ours


def _migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration, in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:3]), path.name, path.read_text(encoding="utf-8")))
    return found


def _our_tables() -> set[str]:
    """Every table our migrations create: a database holding any other is not ours."""
    return {name for _n, _f, sql in _migrations() for name in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql)}


def check_ours(conn: sqlite3.Connection, path: str) -> None:
    """Refuse, before writing a byte, a database another application made.

    Ours carries our application id; one made before the id existed holds only tables our
    migrations create and has a schema version; an empty file is new.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    tables = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")
    }
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    foreign = sorted(tables - _our_tables())
    if app_id != 0 or foreign or (tables and version == 0):
        shown = ", ".join(foreign[:5]) or ", ".join(sorted(tables)[:5])
        raise StoreError(
            path,
            f"this SQLite file belongs to another application (tables policy-compare did not create: {shown})"
            if foreign or tables
            else f"this SQLite file belongs to another application (application id {app_id:#x})",
            "Nothing was written to it. Point $POLICY_DB at a new file or at a policy-compare database.",
        )


def split_sql(script: str) -> list[str]:
    """The statements of a migration file, in order; comment lines dropped.

    A statement ends where SQLite says it is complete, so a trigger's ``BEGIN … END;`` body
    stays whole.
    """
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        text = "\n".join(current).strip()
        if text and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
