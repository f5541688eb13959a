"""No admin URL shows a subscriber's address to a role that may not list subscribers, and no GET changes data.

The walk requests every URL the admin registers (tests/security/admin_walk.py fills each path parameter
with a real object), once per role, plus the subscriber exports.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, Site, Task, UploadedFile, Workflow

from news.people import Person
from newsletter.models import ArticleMailing, Subscriber
from publishing.roles import EDITORS, WORKFLOW_NAME
from tests.factories import ArticlePageFactory, ImageFactory, make_subscriber
from tests.publishing.users import make_editor, make_final_editor, make_user
from tests.security.admin_walk import admin_urls, readable

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "confirmed": "bevestigd-q7x2@abonnee-test.nl",
    "pending": "onbevestigd-k3v9@abonnee-test.nl",
    "topics": "onderwerpen-m8c4@abonnee-test.nl",
}
SUBSCRIBER_INDEX = "/admin/newsletter/subscriber/"
EXPORTS = [
    f"{SUBSCRIBER_INDEX}?export=csv",
    f"{SUBSCRIBER_INDEX}?export=xlsx",
    f"{SUBSCRIBER_INDEX}?q=abonnee",
]
# Wagtail's page that raises on purpose, to test error reporting.
EXPECTED_ERRORS = {"/admin/failwhale/"}
# What an admin page may write on a GET: the session, thumbnails, and the viewer's own bookkeeping (admin
# preferences, "who has this page open", comment notifications on a page they open in the editor).
DERIVED = {"sessions.session", "wagtailimages.rendition"}
VIEWERS_OWN = {"wagtailusers.userprofile", "wagtailadmin.editingsession", "wagtailcore.pagesubscription"}


def staff_without_groups():
    user = make_user("zonder-groep")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


ROLES = {
    "redacteur": (make_editor, False),
    "eindredacteur": (make_final_editor, False),
    "beheerder": (lambda: make_user("beheerder", superuser=True), True),
    "medewerker zonder groep": (staff_without_groups, False),
}


@pytest.fixture
def objects(home, news_index, django_capture_on_commit_callbacks):
    """One real object for each kind of path parameter in the admin, with subscribers all around."""
    make_subscriber(ADDRESSES["confirmed"])
    pending = make_subscriber(ADDRESSES["pending"], confirmed=False)
    make_subscriber(ADDRESSES["topics"], topics=["wonen"], pending_choice={"all_news": True, "topics": []})
    log(pending, "wagtail.edit")  # so the subscriber's history has an entry to show
    other_user = make_user("collega")
    article = ArticlePageFactory(parent=news_index, title="Artikel met abonnees", date=timezone.localdate())
    article.tags.add("wonen")
    earliest = article.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        earliest.publish()  # the first publication announces the article to the subscribers
    revision = article.save_revision()
    workflow_state = Workflow.objects.get(name=WORKFLOW_NAME).start(article, other_user)
    collection = Collection.get_first_root_node().add_child(name="Pers")
    document = get_document_model().objects.create(
        title="Verslag", file=ContentFile(b"%PDF-1.7\n", name="verslag.pdf"), collection=collection
    )
    image = ImageFactory(collection=collection)
    for media in (document, image):
        media.get_file_size()  # Wagtail stores it on first use; let that not count as a change
    upload = UploadedFile.objects.create(file=ContentFile(b"%PDF-1.7\n", name="los.pdf"))
    return {
        "home": home.pk,
        "news_index": news_index.pk,
        "article": article.pk,
        "earliest_revision": earliest.pk,
        "revision": revision.pk,
        "workflow": workflow_state.workflow_id,
        "workflow_state": workflow_state.pk,
        "task_state": workflow_state.current_task_state.pk,
        "task": Task.objects.get().pk,
        "collection": collection.pk,
        "redirect": Redirect.objects.create(old_path="/oud", redirect_link="/nieuws/").pk,
        "document": document.pk,
        "image": image.pk,
        "uploaded_file": upload.pk,
        "editing_session": EditingSession.objects.create(
            user=other_user, content_object=pending, last_seen_at=timezone.now()
        ).pk,
        "subscriber": pending.pk,
        "mailing": ArticleMailing.objects.get(article=article).pk,
        "person": Person.objects.create(name="Anna Smit", role="wethouder").pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "other_user": other_user.pk,
        "group": Group.objects.get(name=EDITORS).pk,
        "uidb64": urlsafe_base64_encode(force_bytes(other_user.pk)),
        "reset_token": default_token_generator.make_token(other_user),
    }


def has_session_cookie(client) -> bool:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return bool(cookie and cookie.value)


def database_state(viewer) -> dict:
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in DERIVED or not model._meta.managed or model._meta.proxy:
            continue
        rows = model._base_manager.order_by("pk")
        if label in VIEWERS_OWN:
            rows = rows.exclude(user=viewer)
        fields = [field.attname for field in model._meta.concrete_fields if field.name != "last_login"]
        state[label] = list(rows.values_list(*fields))
    return state


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_url_shows_an_address_to_a_role_that_may_not_list_subscribers(client, objects, role):
    make, may_list = ROLES[role]
    user = make()
    client.force_login(user)
    client.raise_request_exception = False
    assert Subscriber.objects.count() == len(ADDRESSES)
    urls = [url for _route, url in admin_urls(objects)] + EXPORTS
    before = database_state(user)

    shown, errors, opened = {}, [], []
    for url in urls:
        response = client.get(url)
        if url.startswith("/admin/newsletter/") and response.status_code == 200:
            opened.append(url)
        if response.status_code >= 500 and url not in EXPECTED_ERRORS:
            errors.append(f"{response.status_code} {url}")
        text = readable(response).lower()
        found = sorted(kind for kind, address in ADDRESSES.items() if address in text)
        if found:
            shown[url] = (response.status_code, found)
        if not has_session_cookie(client):
            client.force_login(user)  # Wagtail's logout drops the cookie even on a refused GET

    assert not errors, errors
    after = database_state(user)
    changed = sorted(label for label in before if before[label] != after[label])
    assert not changed, f"a GET changed {changed}"
    if may_list:
        # The check itself works: whoever may list subscribers sees every address in the list and exports.
        for url in (SUBSCRIBER_INDEX, *EXPORTS[:2]):
            assert shown.get(url, (0, []))[1] == sorted(ADDRESSES), url
        assert f"{SUBSCRIBER_INDEX}history/{objects['subscriber']}/" in opened
    else:
        assert shown == {}, f"{role} sees subscriber addresses at: {shown}"
        # Nor any other newsletter view (the mailings, their history): the same permission as the list.
        assert opened == [], f"{role} opens {opened}"
