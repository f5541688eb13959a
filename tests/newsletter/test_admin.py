"""The subscriber overview: for administrators only, with filters, CSV export and deletion on request."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from newsletter.models import Subscriber, Withdrawal
from tests.newsletter.conftest import make_subscriber

pytestmark = pytest.mark.django_db

INDEX = "/admin/newsletter/subscriber/"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "geheim-wachtwoord")
    client.force_login(user)
    return client


@pytest.fixture(params=["Redacteuren", "Eindredacteuren"])
def editor_client(request, client, django_user_model, home):
    group, _ = Group.objects.get_or_create(name=request.param)  # the roles exist from publishing's migration
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.objects.get(depth=1),
            permission=Permission.objects.get(codename=permission),
        )
    user = django_user_model.objects.create_user("redactie", "redactie@example.nl", "geheim-wachtwoord")
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def subscribers():
    make_subscriber("alles@example.nl")
    make_subscriber("wonen@example.nl", topics=["wonen", "armoede"])
    make_subscriber("wacht@example.nl", confirmed=False)
    make_subscriber("=HYPERLINK(1)@example.nl")


def test_administrator_sees_the_overview_with_topics_and_filters(admin_client, subscribers):
    response = admin_client.get(INDEX)

    body = response.content.decode()
    assert response.status_code == 200
    for address in ("alles@example.nl", "wonen@example.nl", "wacht@example.nl"):
        assert address in body
    assert "armoede, wonen" in body
    filtered = admin_client.get(INDEX, {"status__exact": "pending"}).content.decode()
    assert "wacht@example.nl" in filtered
    assert "alles@example.nl" not in filtered
    assert "Blijf op de hoogte" in admin_client.get("/admin/").content.decode()


def test_csv_export_lists_every_subscriber_and_defuses_formulas(admin_client, subscribers):
    response = admin_client.get(INDEX, {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"] == 'attachment; filename="abonnees.csv"'
    emails = sorted(row[0] for row in rows[1:])
    assert emails == ["'=HYPERLINK(1)@example.nl", "alles@example.nl", "wacht@example.nl", "wonen@example.nl"]
    wonen = next(row for row in rows if row[0] == "wonen@example.nl")
    assert "armoede, wonen" in wonen


def test_administrator_deletes_an_address_on_request(admin_client, subscribers):
    subscriber = Subscriber.objects.get(email="alles@example.nl")
    url = f"{INDEX}delete/{subscriber.pk}/"

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)

    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="alles@example.nl").exists()
    assert Withdrawal.objects.get().source == Withdrawal.Source.ADMIN


def test_nobody_adds_or_edits_addresses_by_hand(admin_client, subscribers):
    subscriber = Subscriber.objects.first()
    for url in (f"{INDEX}create/", f"{INDEX}edit/{subscriber.pk}/"):
        response = admin_client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "no permission"
    assert admin_client.get(f"{INDEX}inspect/{subscriber.pk}/").status_code == 200


def test_the_overview_is_invisible_to_editors(editor_client, subscribers):
    dashboard = editor_client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Abonnees" not in dashboard.content.decode()
    assert "Blijf op de hoogte" not in dashboard.content.decode()

    subscriber = Subscriber.objects.first()
    for url in (
        INDEX,
        f"{INDEX}?export=csv",
        f"{INDEX}inspect/{subscriber.pk}/",
        f"{INDEX}delete/{subscriber.pk}/",
        f"{INDEX}history/{subscriber.pk}/",
        f"{INDEX}history/999999/",  # the same answer: which numbers exist is not told either
    ):
        response = editor_client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = editor_client.post(f"{INDEX}delete/{subscriber.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Subscriber.objects.count() == 4
    assert editor_client.get("/admin/newsletter/articlemailing/")["Location"] == "/admin/"


def test_administrator_sees_each_article_mailing_with_its_counts(admin_client, news_index, publish):
    from tests.newsletter.conftest import draft_article

    make_subscriber("lezer@example.nl")
    publish(draft_article(news_index, title="Aangekondigd"))

    body = admin_client.get("/admin/newsletter/articlemailing/").content.decode()

    assert "Aangekondigd" in body
    assert "1 verzonden, 0 wachtend, 0 mislukt" in body
