"""Take subscribers' addresses out of Wagtail's audit log.

Until now an entry about a subscriber (e.g. its deletion on an erasure request) kept the address as its label,
for good. Every entry about a subscriber gets the label "Abonnee #<nummer>" and loses its data; what happened,
by whom and when remains. The text is written out here on purpose: a migration keeps doing what it did.
"""

from django.db import migrations


def redact(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label="newsletter", model="subscriber").first()
    if content_type is None:
        return  # a new installation: nothing was logged yet
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    for pk, object_id, label, data in entries.values_list("pk", "object_id", "label", "data"):
        neutral = f"Abonnee #{object_id}"
        if label != neutral or data:
            ModelLogEntry.objects.filter(pk=pk).update(label=neutral, data={})


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
