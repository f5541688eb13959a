"""Roles and the approval workflow, so every installation starts with one clear, Dutch set.

Wagtail's default groups ("Editors", "Moderators") and workflow ("Moderators approval") are renamed and
given exactly the permissions below; missing ones are created. Page permissions sit on the tree's root,
so they cover whatever pages an installation builds. Names are repeated here on purpose (publishing/roles.py
holds the same): a migration must keep doing what it did when it was written.
"""

from django.db import migrations

EDITORS = ("Redacteuren", "Editors")
FINAL_EDITORS = ("Eindredacteuren", "Moderators")
WORKFLOW = ("Redactionele goedkeuring", "Moderators approval")
TASK = ("Goedkeuring door eindredactie", "Moderators approval")

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    FINAL_EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Images and documents (on the root collection): both roles add and choose; uploaders edit their own.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]
# Model permissions: the admin itself and the Person snippet (deleting people is for administrators).
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("news", "person", "add_person", "Can add persoon"),
    ("news", "person", "change_person", "Can change persoon"),
    ("news", "person", "view_person", "Can view persoon"),
]


def get_permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename}
    )
    return permission


def rename_or_create(model, names, **create_kwargs):
    new_name, legacy_name = names
    obj = model.objects.filter(name=new_name).first() or model.objects.filter(name=legacy_name).first()
    if obj is None:
        return model.objects.create(name=new_name, **create_kwargs)
    obj.name = new_name
    obj.save(update_fields=["name"])
    return obj


def create_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    model_permissions = [get_permission(apps, *spec) for spec in MODEL_PERMISSIONS]
    collection_permissions = [get_permission(apps, *spec) for spec in COLLECTION_PERMISSIONS]

    groups = {}
    for names, codenames in PAGE_PERMISSIONS.items():
        group = rename_or_create(Group, names)
        groups[names] = group
        group.permissions.set(model_permissions)
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_page is not None:
            for codename in codenames:
                GroupPagePermission.objects.create(
                    group=group, page=root_page, permission=get_permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=permission
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK[0]).first()
    task = task or GroupApprovalTask.objects.filter(name=TASK[1]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK[0], content_type=task_type, active=True)
    task.name, task.active = TASK[0], True
    task.save(update_fields=["name", "active"])
    task.groups.set([groups[FINAL_EDITORS]])

    workflow = rename_or_create(Workflow, WORKFLOW, active=True)
    workflow.active = True
    workflow.save(update_fields=["active"])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("news", "0002_person_and_decorative_image"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
