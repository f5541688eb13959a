import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter.forms import make_stamp
from newsletter.models import Subscriber
from tests.newsletter.conftest import (
    SIGNUP_URL,
    draft_article,
    fresh_stamp,
    link_in,
    make_subscriber,
    signup_data,
    tag,
)

pytestmark = pytest.mark.django_db


def test_full_double_opt_in_flow(
    client, news_index, post_signup, publish, django_capture_on_commit_callbacks
):
    tag("jeugdzorg")
    response = post_signup(signup_data("Lezer@Example.nl", topics=["jeugdzorg"]))

    assert response.status_code == 302
    assert response["Location"] == "/blijf-op-de-hoogte/bijna-klaar/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lezer@example.nl"
    assert subscriber.status == Subscriber.Status.PENDING
    assert [t.name for t in subscriber.topics.all()] == ["jeugdzorg"]
    assert "Ik wil per e-mail bericht krijgen" in subscriber.consent_text
    [confirmation] = mail.outbox
    assert confirmation.to == ["lezer@example.nl"]
    assert confirmation.subject.startswith("Bevestig uw aanmelding")

    # Unconfirmed: an article on the chosen topic mails nothing.
    publish(draft_article(news_index, title="Voor de bevestiging", tags=["jeugdzorg"]))
    assert len(mail.outbox) == 1

    # The link opens a page with a button; opening it (as a mail scanner would) changes nothing.
    confirm_path = link_in(confirmation, "bevestigen")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(confirm_path)
    assert page.status_code == 200
    assert "lezer@example.nl" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    token = BeautifulSoup(page.content, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = browser.post(confirm_path, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == "/blijf-op-de-hoogte/bevestigd/"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    publish(draft_article(news_index, title="Na de bevestiging", tags=["jeugdzorg"]))
    assert [m.subject for m in mail.outbox[1:]] == ["Nieuw artikel: Na de bevestiging"]
    assert mail.outbox[1].to == ["lezer@example.nl"]


def test_signup_page_lists_topics_of_visible_articles_only(client, news_index):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(parent=news_index, tags=["armoede", "Wonen"])
    hidden = ArticlePageFactory(parent=news_index, tags=["geheim onderwerp"])
    hidden.unpublish()

    response = client.get(SIGNUP_URL)

    soup = BeautifulSoup(response.content, "html.parser")
    labels = [label.get_text(strip=True) for label in soup.select(".topics label")]
    assert labels == ["armoede", "Wonen"]
    assert "Set-Cookie" not in response.headers
    assert not soup.select("input[name=csrfmiddlewaretoken]")


def test_the_same_response_whether_or_not_the_address_is_known(client, post_signup):
    make_subscriber("wacht@example.nl", confirmed=False)
    make_subscriber("bevestigd@example.nl", topics=["wonen"])
    answers = []
    for email in ["onbekend@example.nl", "wacht@example.nl", "bevestigd@example.nl"]:
        response = post_signup(signup_data(email))
        followed = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], response.content, followed.content))

    assert answers[0] == answers[1] == answers[2]
    assert answers[0][:2] == (302, "/blijf-op-de-hoogte/bijna-klaar/")
    assert "Als dit adres nog niet is aangemeld" in answers[0][3].decode()


def test_at_most_one_confirmation_email_per_address_per_24_hours(post_signup):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        post_signup(signup_data("een@example.nl"))
        post_signup(signup_data("een@example.nl"))
    with time_machine.travel(start + datetime.timedelta(hours=23, minutes=59), tick=False):
        post_signup(signup_data("EEN@example.nl"))
    assert len(mail.outbox) == 1

    with time_machine.travel(start + datetime.timedelta(hours=24, minutes=1), tick=False):
        post_signup(signup_data("een@example.nl", stamp=fresh_stamp()))
    assert len(mail.outbox) == 2
    assert Subscriber.objects.count() == 1


def test_a_failed_confirmation_email_can_be_requested_again(post_signup, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.newsletter.backends.DownBackend"}}
    response = post_signup(signup_data("pech@example.nl"))
    assert response.status_code == 302  # the visitor sees the normal answer
    assert Subscriber.objects.get().last_mail_at is None

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    post_signup(signup_data("pech@example.nl"))
    assert [m.to for m in mail.outbox] == [["pech@example.nl"]]


def test_honeypot_looks_like_success_but_does_nothing(post_signup):
    response = post_signup(signup_data("bot@example.nl", website="https://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/blijf-op-de-hoogte/bijna-klaar/"
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


# A moment that starts a stamp bucket, so "rendered now, sent a second later" is exact.
BUCKET_START = datetime.datetime(2026, 3, 2, 9, 0, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "stamp",
    [lambda: fresh_stamp(0), lambda: "", lambda: "1700000000:vervalst", lambda: fresh_stamp(8 * 86400)],
    ids=["too-fast", "missing", "forged", "too-old"],
)
def test_minimum_fill_time_shows_the_form_again_with_input_kept(post_signup, stamp):
    with time_machine.travel(BUCKET_START, tick=False) as traveller:
        stamp = stamp()
        traveller.shift(1)
        response = post_signup(signup_data("snel@example.nl", stamp=stamp))

    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert mail.outbox == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert "te snel of te lang na het openen verstuurd" in soup.select_one(".error-summary").get_text()
    assert soup.select_one("#nieuwsbrief-email")["value"] == "snel@example.nl"
    assert soup.select_one("#nieuwsbrief-toestemming").has_attr("checked")
    # A fresh stamp for the second try: the moment of this render.
    assert soup.select_one("input[name=stamp]")["value"] == make_stamp(BUCKET_START.timestamp() + 1)


def test_a_second_submit_after_the_fill_time_goes_through(post_signup):
    with time_machine.travel(BUCKET_START, tick=False) as traveller:
        page = post_signup(signup_data("snel@example.nl", stamp=fresh_stamp(0)))
        stamp = BeautifulSoup(page.content, "html.parser").select_one("input[name=stamp]")["value"]
        traveller.shift(15)
        response = post_signup(signup_data("snel@example.nl", stamp=stamp))

    assert response.status_code == 302
    assert Subscriber.objects.filter(email="snel@example.nl").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "geen-adres"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": ""}, "email", "Vul uw e-mailadres in."),
        ({"consent": ""}, "toestemming", "Geef toestemming"),
        ({"topics": ["bestaat-niet"]}, "onderwerpen", "Kies onderwerpen uit de lijst."),
    ],
)
def test_invalid_input_gets_dutch_errors_tied_to_the_field(post_signup, data, field, message):
    response = post_signup(signup_data(**data))

    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Fout:")
    error = soup.select_one(f"#nieuwsbrief-{field}-fout")
    assert message in error.get_text()
    described = soup.select_one(f"[aria-describedby~=nieuwsbrief-{field}-fout]")
    assert described is not None
    assert message in soup.select_one(".error-summary").get_text()
    assert response["Cache-Control"] == "private, no-store"


def test_confirmed_subscriber_changes_topics_only_after_confirming(post_signup):
    make_subscriber("vast@example.nl", topics=["wonen"])
    tag("zorg")

    post_signup(signup_data("vast@example.nl", topics=["zorg"]))

    subscriber = Subscriber.objects.get()
    assert [t.name for t in subscriber.topics.all()] == ["wonen"]
    [message] = mail.outbox
    assert message.subject.startswith("Bevestig uw gewijzigde keuze")

    client = Client()
    client.post(link_in(message, "bevestigen"))
    subscriber.refresh_from_db()
    assert [t.name for t in subscriber.topics.all()] == ["zorg"]
    assert subscriber.pending_choice is None
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_rate_limit_per_client_address(client, post_signup, settings):
    settings.NEWSLETTER_RATE_LIMIT = 3
    for n in range(3):
        assert post_signup(signup_data(f"lezer{n}@example.nl")).status_code == 302

    response = post_signup(signup_data("lezer9@example.nl"))

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "te veel aanmeldingen" in response.content.decode()
    assert not Subscriber.objects.filter(email="lezer9@example.nl").exists()
    # Another address is not affected.
    other = post_signup(signup_data("lezer9@example.nl"), REMOTE_ADDR="192.0.2.50")
    assert other.status_code == 302


def test_ten_signups_per_address_per_quarter_hour(post_signup):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(10):
            assert post_signup(signup_data(f"lezer{n}@example.nl")).status_code == 302
        assert post_signup(signup_data("lezer10@example.nl")).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=14, seconds=59), tick=False):
        assert post_signup(signup_data("lezer10@example.nl")).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert post_signup(signup_data("lezer10@example.nl")).status_code == 302

    assert Subscriber.objects.count() == 11


def test_the_unsubscribe_link_request_counts_separately(client, post_signup, settings):
    settings.NEWSLETTER_RATE_LIMIT = 2
    for n in range(3):
        post_signup(signup_data(f"lezer{n}@example.nl"))

    requests = [
        client.post("/blijf-op-de-hoogte/afmelden/", {"email": "lezer0@example.nl"}) for _ in range(3)
    ]

    assert [response.status_code for response in requests] == [302, 302, 429]
    assert "te veel" in requests[-1].content.decode()


def test_rate_limit_uses_the_trusted_proxy_header(post_signup, settings):
    settings.NEWSLETTER_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1

    first = post_signup(signup_data("a@example.nl"), HTTP_X_FORWARDED_FOR="203.0.113.7")
    # Same visitor, a forged left-most entry does not help: the proxy appended the real address.
    second = post_signup(signup_data("b@example.nl"), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    other = post_signup(signup_data("c@example.nl"), HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert [first.status_code, second.status_code, other.status_code] == [302, 429, 302]
