"""Password guessing is throttled; uploads are limited to safe types; documents download as attachments."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.factories import ArticlePageFactory

LOGIN = "/admin/login/"


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redactie", "r@example.nl", "juist-wachtwoord-2026")


def attempt(client, password, username="redactie"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="198.51.100.7")


def test_five_wrong_passwords_lock_the_account_from_that_address(client, editor, throttled):
    for _ in range(4):
        assert attempt(client, "fout").status_code == 200
    locked = attempt(client, "fout")
    after = attempt(client, "juist-wachtwoord-2026")

    assert locked.status_code == 429
    assert after.status_code == 429
    assert "Tijdelijk geblokkeerd" in after.content.decode()
    assert "_auth_user_id" not in client.session
    other_address = client.post(
        LOGIN, {"username": "redactie", "password": "juist-wachtwoord-2026"}, REMOTE_ADDR="203.0.113.9"
    )
    assert other_address.status_code == 302


def test_a_correct_password_before_the_limit_resets_the_count(client, editor, throttled):
    for _ in range(4):
        attempt(client, "fout")
    assert attempt(client, "juist-wachtwoord-2026").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "fout").status_code == 200


def test_weak_passwords_are_refused(django_user_model):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["kort1", "wachtwoord123", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("lange-zin-met-woorden-2026")


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("pagina.html", b"<html><script>alert(1)</script></html>"),
        ("vermomd.png", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_images_must_be_real_images_of_an_allowed_type(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "x", "file": SimpleUploadedFile(name, content), "collection": 1},
    )

    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def test_a_real_image_is_accepted(admin_client):
    admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "x", "file": SimpleUploadedFile("echt.png", png_bytes()), "collection": 1},
    )
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pagina.html", b"<html><script>alert(1)</script></html>"),
        ("vermomd.pdf", b"<html><script>alert(1)</script></html>"),
        ("lijst.csv", b"<!DOCTYPE html><html><body>x</body></html>"),
        ("macro.docm", b"PK\x03\x04rest"),
    ],
)
def test_documents_must_match_an_allowed_type_by_content(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "x", "file": SimpleUploadedFile(name, content), "collection": 1}
    )

    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_documents_are_served_as_attachments(admin_client, client, news_index):
    admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Jaarverslag",
            "file": SimpleUploadedFile("jaarverslag.pdf", b"%PDF-1.7\n%test\n"),
            "collection": 1,
        },
    )
    document = get_document_model().objects.get()
    # Visitors only get documents that a live, public page links to (contentblocks/documents.py).
    body = [{"type": "documents", "value": {"documents": [document.pk]}}]
    ArticlePageFactory(parent=news_index, body=body)

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_editor_at_work_stays_signed_in_and_an_idle_session_ends(client, editor, settings):
    from django.contrib.sessions.models import Session

    start = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(editor)
        assert client.get("/admin/").status_code == 200
    for minutes in (10, 100, 190):  # each request within the two-hour limit of the previous one
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/admin/").status_code == 200
    renewed = Session.objects.get().expire_date
    assert renewed == start + timedelta(minutes=190, seconds=settings.SESSION_COOKIE_AGE)

    with time_machine.travel(start + timedelta(minutes=191), tick=False):
        client.get("/admin/")  # within five minutes of the last renewal: the session is not written again
    assert Session.objects.get().expire_date == renewed

    with time_machine.travel(renewed + timedelta(minutes=1), tick=False):
        assert client.get("/admin/").url.startswith(LOGIN)


def test_anonymous_visitors_get_no_session(client, home):
    response = client.get("/")

    assert response.status_code == 200
    assert not response.cookies
