"""The root of the page tree and the root collection get Dutch names (Wagtail creates them as "Root").

Editors see the page root in the explorer, its breadcrumbs and the page chooser, and the root collection wherever
a collection is chosen. Only a name that is still Wagtail's "Root" is changed.
"""

from django.db import migrations

PAGE_ROOT = "Hoofdniveau"
COLLECTION_ROOT = "Algemeen"


def rename(apps, page_title, collection_name, old_page_title, old_collection_name):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=old_page_title).update(title=page_title, draft_title=page_title)
    Collection.objects.filter(depth=1, name=old_collection_name).update(name=collection_name)


def to_dutch(apps, schema_editor):
    rename(apps, PAGE_ROOT, COLLECTION_ROOT, "Root", "Root")


def to_wagtail(apps, schema_editor):
    rename(apps, "Root", "Root", PAGE_ROOT, COLLECTION_ROOT)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(to_dutch, to_wagtail)]
