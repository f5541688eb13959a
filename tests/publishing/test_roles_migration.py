"""The roles and workflow migrations: one clear Dutch set on a new installation, and on one with Wagtail's
defaults (0001); people changed and deleted by the final editors, added by editors too (0002)."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Task, Workflow, WorkflowPage

from publishing.roles import EDITORS, FINAL_EDITORS, TASK_NAME, WORKFLOW_NAME
from tests.publishing.users import make_user

migration = importlib.import_module("publishing.migrations.0001_roles_and_workflow")
people_migration = importlib.import_module("publishing.migrations.0002_people_changed_by_final_editors")


def page_permissions(name):
    return sorted(
        (p.page.depth, p.permission.codename) for p in GroupPagePermission.objects.filter(group__name=name)
    )


def state():
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "tasks": sorted(Task.objects.values_list("name", flat=True)),
        "root_workflow": WorkflowPage.objects.get(page__depth=1).workflow.name,
        EDITORS: page_permissions(EDITORS),
        FINAL_EDITORS: page_permissions(FINAL_EDITORS),
        "model": {
            name: sorted(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
            for name in (EDITORS, FINAL_EDITORS)
        },
        "collections": sorted(
            GroupCollectionPermission.objects.filter(group__name=EDITORS).values_list(
                "permission__codename", flat=True
            )
        ),
    }


AFTER_0001 = {
    "groups": sorted([EDITORS, FINAL_EDITORS]),
    "workflows": [(WORKFLOW_NAME, True)],
    "tasks": [TASK_NAME],
    "root_workflow": WORKFLOW_NAME,
    EDITORS: [(1, "add_page"), (1, "change_page")],
    FINAL_EDITORS: [
        (1, "add_page"),
        (1, "change_page"),
        (1, "lock_page"),
        (1, "publish_page"),
        (1, "unlock_page"),
    ],
    "model": {
        EDITORS: ["access_admin", "add_person", "change_person", "view_person"],
        FINAL_EDITORS: ["access_admin", "add_person", "change_person", "view_person"],
    },
    "collections": ["add_document", "add_image", "choose_document", "choose_image"],
}
EXPECTED = {
    **AFTER_0001,
    "model": {
        EDITORS: ["access_admin", "add_person", "view_person"],
        FINAL_EDITORS: ["access_admin", "add_person", "change_person", "delete_person", "view_person"],
    },
}


def test_a_new_installation_has_one_dutch_set(db):
    assert state() == EXPECTED
    task = Task.objects.get().specific
    assert [g.name for g in task.groups.all()] == [FINAL_EDITORS]


def test_wagtails_english_defaults_are_renamed_and_members_kept(db):
    member = make_user("lid", EDITORS)
    Group.objects.filter(name=EDITORS).update(name="Editors")
    Group.objects.filter(name=FINAL_EDITORS).update(name="Moderators")
    Workflow.objects.update(name="Moderators approval")
    Task.objects.update(name="Moderators approval")
    root = Page.objects.get(depth=1)
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Editors"),
        page=root,
        permission=GroupPagePermission._meta.get_field("permission").related_model.objects.get(
            codename="publish_page"
        ),
    )

    migration.create_roles_and_workflow(apps, None)

    assert state() == AFTER_0001
    assert [g.name for g in member.groups.all()] == [EDITORS]


def test_missing_roles_and_workflow_are_created_and_running_twice_changes_nothing(db):
    Group.objects.all().delete()
    Workflow.objects.all().delete()
    Task.objects.all().delete()

    migration.create_roles_and_workflow(apps, None)
    migration.create_roles_and_workflow(apps, None)

    assert state() == AFTER_0001


def test_people_migration_moves_changing_people_to_the_final_editors_and_back(db):
    migration.create_roles_and_workflow(apps, None)

    people_migration.forward(apps, None)
    people_migration.forward(apps, None)
    assert state() == EXPECTED

    people_migration.backward(apps, None)
    assert state() == AFTER_0001


def test_people_migration_leaves_missing_roles_missing(db):
    Group.objects.filter(name=EDITORS).delete()

    people_migration.forward(apps, None)

    assert sorted(Group.objects.values_list("name", flat=True)) == [FINAL_EDITORS]
