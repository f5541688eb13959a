"""Where an address still is: every table of the database, read with plain SQL, and a back-up's database file.

Plain SQL so that nothing escapes through a model the test does not know about: the search index's FTS
tables, the task queue, sessions, the audit log, many-to-many tables.
"""

import shutil
import subprocess
from pathlib import Path

from django.db import connection


def tables_holding(*addresses: str) -> dict[str, list[str]]:
    """{address: [tables where it occurs]} for the addresses that occur anywhere in the database."""
    found = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - table names from the database itself
            text = "\n".join(map(str, cursor.fetchall())).lower()
            for address in addresses:
                if address in text:
                    found.setdefault(address, []).append(table)
    return found


def backup_contents(folder: Path) -> bytes:
    """The database of a back-up as bytes that can be searched: the SQLite file, or pg_dump's data as SQL."""
    sqlite = folder / "database.sqlite3"
    if sqlite.exists():
        return sqlite.read_bytes()
    dump = folder / "database.dump"  # pg_dump -Fc is compressed; pg_restore writes it out as plain SQL
    result = subprocess.run(  # noqa: S603 - fixed program, a path we created
        [shutil.which("pg_restore"), "--file", "-", str(dump)], capture_output=True, check=True
    )
    return result.stdout
