"""People (the Person snippet) are changed and deleted by Eindredacteuren; Redacteuren add and choose them.

A change to a person shows at once under every live quote of theirs, without the approval an article edit
needs, so it belongs to the role that approves. Redacteuren keep adding people (also from the quote's
chooser) and choosing them. Names are repeated here on purpose: a migration must keep doing what it did
when it was written. Groups that are missing are left alone (0001 creates them).
"""

from django.db import migrations

EDITORS = "Redacteuren"
FINAL_EDITORS = "Eindredacteuren"
PERSON_PERMISSIONS = {
    "add_person": "Can add persoon",
    "change_person": "Can change persoon",
    "delete_person": "Can delete persoon",
    "view_person": "Can view persoon",
}
# group: (codenames given, codenames taken away)
FORWARD = {
    EDITORS: ([], ["change_person", "delete_person"]),
    FINAL_EDITORS: (["add_person", "change_person", "delete_person", "view_person"], []),
}
BACKWARD = {
    EDITORS: (["change_person"], []),
    FINAL_EDITORS: ([], ["delete_person"]),
}


def person_permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="news", model="person")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": PERSON_PERMISSIONS[codename]}
    )
    return permission


def apply(apps, changes):
    Group = apps.get_model("auth", "Group")
    for name, (given, taken) in changes.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(*[person_permission(apps, codename) for codename in given])
        group.permissions.remove(*[person_permission(apps, codename) for codename in taken])


def forward(apps, schema_editor):
    apply(apps, FORWARD)


def backward(apps, schema_editor):
    apply(apps, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_roles_and_workflow")]

    operations = [migrations.RunPython(forward, backward)]
