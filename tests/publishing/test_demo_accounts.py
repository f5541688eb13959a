"""load_demo (dev settings) adds an editor and a final editor so reviewers can try the workflow."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from news.people import Person
from publishing.roles import EDITORS, FINAL_EDITORS

ACCOUNTS = [
    {"username": "redacteur", "password": "demo-1", "group": EDITORS, "email": "r@example.org"},
    {"username": "eindredacteur", "password": "demo-2", "group": FINAL_EDITORS},
]


def test_load_demo_creates_editorial_accounts_and_prints_their_logins(db, client, settings):
    settings.DEMO_EDITORIAL_ACCOUNTS = ACCOUNTS
    first, second = StringIO(), StringIO()

    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    User = get_user_model()
    assert [g.name for g in User.objects.get(username="redacteur").groups.all()] == [EDITORS]
    assert [g.name for g in User.objects.get(username="eindredacteur").groups.all()] == [FINAL_EDITORS]
    assert not User.objects.get(username="redacteur").is_superuser
    assert User.objects.filter(username__in=["redacteur", "eindredacteur"]).count() == 2
    for out in (first, second):
        assert f"{EDITORS}: gebruiker redacteur, wachtwoord demo-1" in out.getvalue()
        assert f"{FINAL_EDITORS}: gebruiker eindredacteur, wachtwoord demo-2" in out.getvalue()
    assert "created 0, updated 0, unchanged" in second.getvalue()
    assert client.login(username="eindredacteur", password="demo-2")


def test_load_demo_links_demo_quotes_to_people(db, settings):
    call_command("load_demo", stdout=StringIO())

    assert Person.objects.count() == 18  # the demo quotes 18 distinct people
    assert Person.objects.get(name="Kees Mulder").role == "ervaringsdeskundige schulden en armoede"


def test_load_demo_refuses_an_unknown_group(db, settings):
    settings.DEMO_EDITORIAL_ACCOUNTS = [
        *ACCOUNTS,
        {"username": "x", "password": "y", "group": "Bestaat niet"},
    ]

    with pytest.raises(CommandError, match="Bestaat niet"):
        call_command("load_demo", stdout=StringIO())

    assert not get_user_model().objects.filter(username__in=["x", "redacteur", "eindredacteur"]).exists()
