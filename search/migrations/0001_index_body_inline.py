"""Keep the body tsvector of Wagtail's search index in the table row on PostgreSQL.

PostgreSQL moves the largest value of a row wider than 2 kB to its TOAST table; in the search index that was
the body tsvector (about 1 kB, incompressible), so ranking read every matching article's body from a second
table. With STORAGE MAIN the plain-text copies (which compress well) go there instead. Existing rows are
rewritten once so the new storage applies to them too.
"""

from django.db import migrations


def body_inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body SET STORAGE MAIN")
    # A new value, not the old TOAST pointer, so the row is stored anew.
    schema_editor.execute(f"UPDATE {table} SET body = body || ''::tsvector")


def body_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN body SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(body_inline, body_default, elidable=False),
    ]
