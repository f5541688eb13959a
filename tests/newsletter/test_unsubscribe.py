import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber, Withdrawal
from tests.newsletter.conftest import BASE_URL, link_in, make_subscriber, signup_data

pytestmark = pytest.mark.django_db


def one_click_path(subscriber):
    return f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/een-klik/"


def test_every_email_carries_an_unsubscribe_link_and_rfc_8058_headers(post_signup):
    post_signup(signup_data("lezer@example.nl"))
    [message] = mail.outbox

    page_path = link_in(message, "afmelden")
    header = message.extra_headers["List-Unsubscribe"]
    assert header == f"<{BASE_URL}{page_path}een-klik/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{BASE_URL}{page_path}"' in html
    assert '<html lang="nl">' in html


def test_unsubscribe_by_link_deletes_the_address_and_keeps_only_proof(confirmed_with_link):
    subscriber, path = confirmed_with_link
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)
    assert "Ja, afmelden" in page.content.decode()
    csrf = BeautifulSoup(page.content, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]

    response = browser.post(path, {"csrfmiddlewaretoken": csrf})

    assert response["Location"] == "/blijf-op-de-hoogte/afgemeld/"
    assert not Subscriber.objects.filter(email="weg@example.nl").exists()
    [proof] = Withdrawal.objects.all()
    assert proof.source == Withdrawal.Source.LINK
    assert proof.address_hash == Withdrawal.hash_address("Weg@Example.nl")
    assert proof.subscribed_at == subscriber.created_at
    assert "weg@example.nl" not in str(list(Withdrawal.objects.values()))
    assert "verwijderd" in browser.get(response["Location"]).content.decode()


@pytest.fixture
def confirmed_with_link():
    subscriber = make_subscriber("weg@example.nl")
    return subscriber, f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"


def test_one_click_unsubscribe_works_without_csrf_or_page():
    subscriber = make_subscriber("klik@example.nl")
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(one_click_path(subscriber), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert response.content.decode() == "U bent afgemeld."
    assert "Set-Cookie" not in response.headers
    assert not Subscriber.objects.exists()
    assert Withdrawal.objects.get().source == Withdrawal.Source.ONE_CLICK

    # Repeating it is harmless and says the same.
    assert mail_program.post(one_click_path(subscriber), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Withdrawal.objects.count() == 1


def test_one_click_needs_the_rfc_body_and_a_valid_token(client):
    subscriber = make_subscriber("klik@example.nl")
    path = one_click_path(subscriber)

    assert client.post(path, {}).status_code == 400
    assert client.post(path.replace("een-klik", "x"), {"List-Unsubscribe": "One-Click"}).status_code == 404
    token = path.split("/")[3]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(path.replace(token, forged), {"List-Unsubscribe": "One-Click"}).status_code == 400
    get = client.get(path)
    assert get.status_code == 302
    assert get["Location"] == path.removesuffix("een-klik/")
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_unconfirmed_address_is_deleted_without_keeping_anything(client):
    subscriber = make_subscriber("nooit@example.nl", confirmed=False)

    client.post(f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/")

    assert not Subscriber.objects.exists()
    assert not Withdrawal.objects.exists()


def test_request_a_new_unsubscribe_link_same_answer_for_any_address(
    client, django_capture_on_commit_callbacks
):
    make_subscriber("bekend@example.nl")
    answers = []
    for email in ["onbekend@example.nl", "bekend@example.nl", "bekend@example.nl"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/blijf-op-de-hoogte/afmelden/", {"email": email})
        answers.append((response.status_code, response["Location"]))

    assert answers == [(302, "/blijf-op-de-hoogte/afmelden/verstuurd/")] * 3
    [message] = mail.outbox  # one for the known address, and only one a day
    assert message.to == ["bekend@example.nl"]
    client.post(link_in(message, "afmelden"))
    assert not Subscriber.objects.exists()


def test_an_expired_unsubscribe_link_offers_a_new_one(client):
    subscriber = make_subscriber("oud@example.nl")
    path = f"/blijf-op-de-hoogte/afmelden/{tokens.make_token(subscriber, tokens.UNSUBSCRIBE)}/"

    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)):
        response = client.get(path)

    assert response.status_code == 410
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form[action='/blijf-op-de-hoogte/afmelden/']")
    assert form.select_one("label[for=afmelden-email]")
    assert form.select_one("input[name=csrfmiddlewaretoken]")


def test_link_request_form_validates_in_dutch(client):
    response = client.post("/blijf-op-de-hoogte/afmelden/", {"email": "geen adres"})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Vul een geldig e-mailadres in" in soup.select_one("#afmelden-email-fout").get_text()
    assert "afmelden-email-fout" in soup.select_one("#afmelden-email")["aria-describedby"]
