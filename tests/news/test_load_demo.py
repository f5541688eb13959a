from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from news.models import ArticlePage


def test_load_demo_builds_the_site_and_is_idempotent(db, client, settings):
    settings.DEMO_ADMIN_ACCOUNT = {"username": "demo", "password": "demo-wachtwoord"}
    first, second = StringIO(), StringIO()

    call_command("load_demo", stdout=first)
    revisions = sorted(ArticlePage.objects.values_list("slug", "latest_revision_id"))
    call_command("load_demo", stdout=second)

    count = ArticlePage.objects.live().count()
    assert count >= 15
    assert f"created {count}, updated 0, unchanged 0" in first.getvalue()
    assert f"created 0, updated 0, unchanged {count}" in second.getvalue()
    assert sorted(ArticlePage.objects.values_list("slug", "latest_revision_id")) == revisions
    assert "gebruiker demo, wachtwoord demo-wachtwoord" in second.getvalue()
    assert client.login(username="demo", password="demo-wachtwoord")
    reference = client.get("/nieuws/glanzen-en-schuren/").content.decode()
    assert "Glanzen en schuren" in reference
    assert "Gerelateerd nieuws" in reference


def test_load_demo_creates_no_account_outside_dev(db, settings):
    if hasattr(settings, "DEMO_ADMIN_ACCOUNT"):
        del settings.DEMO_ADMIN_ACCOUNT
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert not get_user_model().objects.exists()
    assert "wachtwoord" not in out.getvalue()
