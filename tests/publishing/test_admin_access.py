"""Every admin page of the publication work answers the roles that may see it and refuses the others."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from news.people import Person
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor, make_final_editor, make_user

ROLES = ["anonymous", "no_role", "editor", "final_editor", "administrator"]
EDITORIAL = {"editor", "final_editor", "administrator"}
FINAL_EDITORS = {"final_editor", "administrator"}
ADMINISTRATORS = {"administrator"}


@pytest.fixture
def person(db):
    return Person.objects.create(name="Anna Smit", role="wethouder")


@pytest.fixture
def article(news_index):
    return ArticlePageFactory(parent=news_index, title="Een artikel")


def pages(person, article):
    """(url, who may see it, text that only the real page shows)."""
    return [
        (reverse("wagtailadmin_home"), EDITORIAL, "Dashboard"),
        ("/admin/overzichten/publicaties/", ADMINISTRATORS, "Een artikel"),
        ("/admin/overzichten/publicaties/?export=csv", ADMINISTRATORS, "Een artikel"),
        ("/admin/overzichten/publicaties/?export=xlsx", ADMINISTRATORS, None),
        ("/admin/overzichten/geciteerde-personen/", ADMINISTRATORS, "Anna Smit"),
        ("/admin/overzichten/geciteerde-personen/?export=csv", ADMINISTRATORS, "Anna Smit"),
        (reverse("wagtailsnippets_news_person:list"), EDITORIAL, "Anna Smit"),
        (reverse("wagtailsnippets_news_person:add"), EDITORIAL, "id_name"),
        (reverse("wagtailsnippets_news_person:edit", args=[person.pk]), FINAL_EDITORS, "wethouder"),
        (reverse("wagtailsnippets_news_person:usage", args=[person.pk]), FINAL_EDITORS, "Anna Smit"),
        (reverse("wagtailsnippets_news_person:delete", args=[person.pk]), FINAL_EDITORS, "Anna Smit"),
        (reverse("wagtailsnippetchoosers_news_person:choose"), EDITORIAL, "Anna Smit"),
        (reverse("wagtailadmin_pages:edit", args=[article.pk]), EDITORIAL, "Een artikel"),
        (reverse("wagtailadmin_workflows:index"), ADMINISTRATORS, "Redactionele goedkeuring"),
        (reverse("wagtailadmin_pages:delete", args=[article.pk]), ADMINISTRATORS, "Een artikel"),
        (reverse("wagtailadmin_pages:set_privacy", args=[article.pk]), ADMINISTRATORS, "restriction_type"),
        (
            reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", article.get_site().pk]),
            ADMINISTRATORS,
            None,
        ),
        (reverse("wagtailusers_users:index"), ADMINISTRATORS, "beheerder"),
        (reverse("wagtailusers_groups:index"), ADMINISTRATORS, "Eindredacteuren"),
        ("/admin/newsletter/subscriber/", ADMINISTRATORS, None),
    ]


def login(client, role):
    users = {
        "no_role": lambda: make_user("zonder-rol"),
        "editor": make_editor,
        "final_editor": make_final_editor,
        "administrator": lambda: make_user("beheerder", superuser=True),
    }
    if role != "anonymous":
        client.force_login(users[role]())


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_by_role(client, role, person, article):
    login(client, role)
    for url, allowed, marker in pages(person, article):
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, url
            if marker:
                assert marker in body(response), url
        else:
            assert response.status_code in (302, 403), url
            assert "attachment" not in response.get("Content-Disposition", ""), url
            if marker and response.status_code == 403:
                assert marker not in body(response), url
            if response.status_code == 302:
                assert urlsplit(response["Location"]).path != urlsplit(url).path, url


def test_overview_menu_is_shown_to_administrators_only(client, db):
    client.force_login(make_final_editor())
    assert "/admin/overzichten/publicaties/" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(make_user("beheerder", superuser=True))
    assert "/admin/overzichten/publicaties/" in client.get(reverse("wagtailadmin_home")).content.decode()
