"""Every admin page of the editors', final editors' and administrators' journeys speaks Dutch.

Each role walks its pages (tests/translations/journeys.py); everything a user can see or hear there
(tests/translations/visible.py: text, labels, tooltips, Wagtail's script configuration and JavaScript catalog,
downloads) is searched for English words and phrases that Wagtail's Dutch catalog left, or that reached the page
around it. Placeholders (%(name)s) are ignored; ALLOWED holds what is legitimately not Dutch.
"""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from news.models import ArticlePage
from tests.publishing.forms import article_form_data
from tests.publishing.users import make_editor, make_final_editor, make_user
from tests.translations.journeys import ROLES, build_site, journey
from tests.translations.visible import visible_strings

ENGLISH = [
    # reported by editors and administrators
    "Bold",
    "Italic",
    "Link text",
    "Email link",
    "Root",
    "snippets?",
    "Editor Guide",
    "Content statistieken",
    "Checks",
    "Slug",
    "Titel tag",
    "None",
    "True",
    "False",
    "Workflow annuleren",
    "Workflow herstarten",
    "Sheet1",
    # found walking the journeys
    "Actions",
    "ago",
    "seconds?",
    "minutes?",
    "hours?",
    "days?",
    "Error",
    "Server Error",
    "Subject",
    "Body",
    "Phone number",
    "Email address",
    "Minimap",
    "Meta beschrijving",
    "Default",
    # English words no Dutch admin text contains
    "the",
    "and",
    "you",
    "your",
    "with",
    "from",
    "this",
    "which",
    "should",
    "please",
    "Add",
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Search",
    "Choose",
    "Select",
    "Preview",
    "Draft",
    "Publish",
    "Unpublish",
    "Settings",
    "Reports",
    "History",
    "Images",
    "Documents",
    "Users",
    "Groups",
    "Pages?",
    "Title",
    "Owner",
    "Locked",
]
# Whole words; a number may touch the word ("1None" where Wagtail's Dutch text misses a space).
ENGLISH_PATTERN = re.compile(r"(?<![^\W\d]|-)(" + "|".join(ENGLISH) + r")(?![\w-])", re.IGNORECASE)
MISSING_SPACE = re.compile(r"\d(van|in)\b")  # "1-22van 22": Wagtail's Dutch text misses a space
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|__\w+__")
ALLOWED = [
    re.compile(
        r"^https?://\S+$"
    ),  # addresses in downloads: Wagtail's admin paths are English (/admin/pages/)
    re.compile(r"^[A-Z][\w+-]*(/[\w+-]+)+$"),  # time zone names in the account settings (Europe/Amsterdam)
]


def english_in(strings) -> list[tuple[str, str]]:
    found = []
    for text in strings:
        if any(allowed.search(text) for allowed in ALLOWED):
            continue
        for match in ENGLISH_PATTERN.finditer(PLACEHOLDER.sub(" ", text)):
            found.append((match.group(0), text[:120]))
        found += [(f"{match.group(0)} (missing space)", text[:120]) for match in MISSING_SPACE.finditer(text)]
    return found


def walker(role):
    editor, final_editor = make_editor(), make_final_editor()
    users = {"editor": editor, "final_editor": final_editor}
    return editor, final_editor, users.get(role) or make_user("beheerder", superuser=True)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_journey_speaks_dutch(client, news_index, role):
    editor, final_editor, user = walker(role)
    objects = build_site(news_index, editor, final_editor, walker=user)
    client.force_login(user)

    english = {}
    for url, status in journey(role, objects):
        response = client.get(url)
        assert response.status_code == status, f"{role}: {url} answered {response.status_code}"
        for word, text in english_in(visible_strings(response)):
            english.setdefault(url, set()).add(f"{word!r} in {text!r}")

    report = "\n".join(f"{url}\n    " + "\n    ".join(sorted(found)) for url, found in english.items())
    assert not english, f"English on the {role}'s pages:\n{report}"


def test_a_slug_already_in_use_is_reported_in_dutch(client, news_index):
    editor = make_editor()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
    client.post(url, article_form_data(slug="wijkteams"))

    response = client.post(url, article_form_data(title="Nog een bericht", slug="wijkteams"))

    assert ArticlePage.objects.filter(slug="wijkteams").count() == 1
    assert response.context["form"].errors["slug"] == [
        "Het webadres 'wijkteams' is al in gebruik door een andere pagina op dit niveau in de paginaboom."
    ]


@override_settings(EDITOR_GUIDE_URL="https://intranet.example.nl/handleiding-redactie")
def test_the_help_menu_and_dashboard_link_the_editors_handbook(client, db):
    client.force_login(make_editor())

    strings = visible_strings(client.get(reverse("wagtailadmin_home")))
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert strings.count("Handleiding voor de redactie") == 2  # help menu and account summary
    assert html.count("https://intranet.example.nl/handleiding-redactie") == 2
    assert "guide.wagtail.org" not in html


def test_without_a_handbook_no_guide_is_linked(client, db):
    client.force_login(make_editor())

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "guide.wagtail.org" not in html
    assert "Handleiding voor de redactie" not in html
