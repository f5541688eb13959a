"""One small but complete public site, shared by the browser, accessibility and HTML-validation tests."""

import datetime

import time_machine
from django.utils import timezone
from wagtail.models import Site

from news.models import ArticleRelatedLink
from news.people import Person
from news.updates import ArticleUpdate
from newsletter import tokens
from sitewide.models import SiteSettings
from tests.contentblocks.content import build_media_article
from tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
    StandardPageFactory,
    make_subscriber,
)
from tests.newsletter.conftest import SIGNUP_URL, signup_data

FULL_BODY = [
    ("paragraph", "<p>Het begon met een <b>handdruk</b> en een <a href='https://vng.nl/'>afspraak</a>.</p>"),
    (
        "section",
        {
            "heading": "Glanzen en schuren",
            "content": [
                (
                    "paragraph",
                    "<p>Waar het glansde, kenden mensen elkaar.</p><ul><li>Eén loket</li><li>Eén plan</li></ul>",
                ),
                ("quote", {"text": "We leerden elkaars taal.", "name": "Anna Smit", "role": "oud-directeur"}),
                ("quote", {"text": "Verbinden is werk.", "name": "Rob Kok", "role": "verbinder wijkteams"}),
            ],
        },
    ),
    ("quote", {"text": "Samen sterker.", "name": "Els Bos", "role": ""}),
]


STATEMENT_BODY = [
    ("paragraph", "<p>Wij willen dat <b>iedereen</b> deze website kan gebruiken.</p>"),
    (
        "section",
        {
            "heading": "Wat nog niet goed is",
            "content": [
                ("paragraph", "<ul><li>Sommige oude afbeeldingen hebben een te algemene tekst.</li></ul>"),
                (
                    "paragraph",
                    "<p>Meld een probleem via <a href='mailto:toegankelijkheid@voorbeeld.example'>e-mail</a>.</p>",
                ),
            ],
        },
    ),
]


def build_footer(home) -> dict[str, str]:
    """Standard pages for the footer, and site settings that show every part of the footer."""
    statement = StandardPageFactory(
        parent=home,
        title="Toegankelijkheid",
        slug="toegankelijkheid",
        intro="Hoe toegankelijk deze website is.",
        body=STATEMENT_BODY,
    )
    privacy = StandardPageFactory(parent=home, title="Privacy", slug="privacy", intro="Wij volgen u niet.")
    contact = StandardPageFactory(parent=home, title="Contact", slug="contact", intro="Zo bereikt u ons.")
    StandardPageFactory(parent=contact, title="Pers", slug="pers", intro="Voor journalisten.")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_page, settings.privacy_page, settings.contact_page = statement, privacy, contact
    settings.contact_email = "redactie@voorbeeld.example"
    settings.contact_phone = "030 123 45 67"
    settings.contact_address = "Postbus 1\n3500 AA Utrecht"
    settings.social_links = [("profile", {"network": "mastodon", "url": "https://social.example/@nieuws"})]
    settings.save()
    return {
        "standard_page": statement.url,
        "standard_page_plain": privacy.url,
        "standard_page_nested": "/contact/pers/",
    }


# Page states that are not a 200; every other state in build_public_site() is.
# A tag used only by a draft is a 404, as an unknown tag is (no tag page reveals an unpublished topic).
STATUS = {"not_found": 404, "newsletter_link_invalid": 404, "draft_only_tag_listing": 404, "gone": 410}


def build_public_site(home) -> dict[str, str]:
    """Build the content and return each public page state by name, as a path."""
    index = NewsIndexPageFactory(parent=home, intro="Alle berichten over de samenwerking.")
    image = ImageFactory(title="Overleg")
    speaker = Person.objects.create(name="Anna de Wit", role="wethouder Zorg, gemeente Utrecht")
    FULL_BODY_WITH_IMAGE = [
        *FULL_BODY,
        (
            "image",
            {
                "image": image,
                "alt_text": "Bestuurders aan tafel",
                "decorative": False,
                "caption": "Foto: gemeente",
            },
        ),
        ("image", {"image": image, "alt_text": "", "decorative": True, "caption": ""}),
        ("quote", {"text": "Eén aanspreekpunt werkt.", "person": speaker, "name": "", "role": ""}),
    ]
    others = [
        ArticlePageFactory(
            parent=index,
            title=f"Bericht nummer {n}",
            date=datetime.date(2024, 1, n),
            tags=["samenwerking", "Sociaal domein"] if n % 2 else ["samenwerking"],
            image=image if n % 3 == 0 else None,
            image_alt="Overleg aan tafel" if n % 3 == 0 else "",
        )
        for n in range(1, 14)
    ]
    full = ArticlePageFactory(
        parent=index,
        title="Tien jaar samenwerking: wat glansde en wat schuurde",
        slug="tien-jaar-samenwerking",
        date=datetime.date(2024, 6, 1),
        intro="Tien jaar werkten vier gemeenten samen. Wat leverde het op? Een terugblik met wie erbij waren.",
        image=image,
        image_alt="Bestuurders van vier gemeenten aan een lange tafel",
        body=FULL_BODY_WITH_IMAGE,
        tags=["samenwerking", "mens centraal", "VNG"],
    )
    elsewhere = ArticlePageFactory(
        parent=index,
        title="Schuursponsje",
        date=datetime.date(2024, 6, 2),
        intro="Een blog over schuren in de samenwerking.",
        tags=["samenwerking"],
        external_url="https://ibestuur.nl/artikel/schuursponsje/",
        source_name="iBestuur",
        kind_label="Blog",
    )
    full.related_links.set(
        [ArticleRelatedLink(related_page=others[0]), ArticleRelatedLink(related_page=elsewhere)]
    )
    full.updates.set([ArticleUpdate(date=timezone.now(), note="Het aantal gemeenten is gecorrigeerd.")])
    full.save()
    home.featured_article = full
    home.save_revision().publish()
    plain = ArticlePageFactory(
        parent=index,
        title="Kort bericht zonder extra's",
        date=datetime.date(2023, 1, 1),
        intro="Een kort bericht.",
    )
    ArticlePageFactory(parent=index, title="Concept", tags=["nog leeg"], live=False)
    media = build_media_article(index)
    withdrawn = ArticlePageFactory(
        parent=index,
        title="Ingetrokken bericht",
        date=datetime.date(2023, 2, 1),
        withdrawn=True,
        withdrawal_reason="Het bericht bevatte onjuiste cijfers.",
    )
    ArticlePageFactory(parent=index, title="Verwijderd bericht", slug="verwijderd-bericht").unpublish()
    pending = make_subscriber("wacht@example.nl", confirmed=False)
    confirmed = make_subscriber("vast@example.nl")
    footer_pages = build_footer(home)
    return {
        **footer_pages,
        "search_form": "/zoeken/",
        "search_results": "/zoeken/?q=samenwerking",
        "search_results_page_2": "/zoeken/?q=bericht&page=2",
        "search_no_results": "/zoeken/?q=bestaatniet",
        "search_odd_query": "/zoeken/?q=%3Cscript%3E%00" + "x" * 300,
        "home": "/",
        "news_index": "/nieuws/",
        "news_index_page_2": "/nieuws/?page=2",
        "tag_listing": "/nieuws/tag/samenwerking/",
        "draft_only_tag_listing": "/nieuws/tag/nog-leeg/",
        "article_full": full.url,
        "article_plain": plain.url,
        "article_media_blocks": media.url,
        "article_withdrawn": withdrawn.url,
        "gone": "/nieuws/verwijderd-bericht/",
        "archive": "/nieuws/archief/",
        "archive_year": "/nieuws/archief/2024/",
        "archive_month": "/nieuws/archief/2024/01/",
        "archive_month_page_2": "/nieuws/archief/2024/01/?page=2",
        "not_found": "/bestaat-niet/",
        "newsletter_signup": SIGNUP_URL,
        "newsletter_received": f"{SIGNUP_URL}bijna-klaar/",
        "newsletter_confirm": f"{SIGNUP_URL}bevestigen/{tokens.make_token(pending, tokens.CONFIRM)}/",
        "newsletter_confirmed": f"{SIGNUP_URL}bevestigd/",
        "newsletter_link_invalid": f"{SIGNUP_URL}bevestigen/ongeldig/",
        "newsletter_unsubscribe": f"{SIGNUP_URL}afmelden/{tokens.make_token(confirmed, tokens.UNSUBSCRIBE)}/",
        "newsletter_unsubscribed": f"{SIGNUP_URL}afgemeld/",
        "newsletter_link_request": f"{SIGNUP_URL}afmelden/",
        "newsletter_link_sent": f"{SIGNUP_URL}afmelden/verstuurd/",
    }


def spoil(token: str) -> str:
    return token[:-1] + ("y" if token.endswith("x") else "x")


def newsletter_page_states(client, settings) -> dict:
    """Every public page of the signup flow, in each state a visitor can meet."""
    pending = make_subscriber("wacht@example.nl", confirmed=False)
    confirmed = make_subscriber("vast@example.nl")
    confirm_token = tokens.make_token(pending, tokens.CONFIRM)
    unsubscribe_token = tokens.make_token(confirmed, tokens.UNSUBSCRIBE)
    pages = {
        "signup": client.get(SIGNUP_URL),
        "signup with errors": client.post(SIGNUP_URL, signup_data("geen adres", consent="")),
        "received": client.get("/blijf-op-de-hoogte/bijna-klaar/"),
        "confirm": client.get(f"/blijf-op-de-hoogte/bevestigen/{confirm_token}/"),
        "confirmed": client.get("/blijf-op-de-hoogte/bevestigd/"),
        "confirm link used": client.get(f"/blijf-op-de-hoogte/bevestigen/{spoil(confirm_token)}/"),
        "unsubscribe": client.get(f"/blijf-op-de-hoogte/afmelden/{unsubscribe_token}/"),
        "unsubscribe link used": client.get(f"/blijf-op-de-hoogte/afmelden/{spoil(unsubscribe_token)}/"),
        "unsubscribed": client.get("/blijf-op-de-hoogte/afgemeld/"),
        "link request": client.get("/blijf-op-de-hoogte/afmelden/"),
        "link request with errors": client.post("/blijf-op-de-hoogte/afmelden/", {"email": "x"}),
        "link sent": client.get("/blijf-op-de-hoogte/afmelden/verstuurd/"),
    }
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        pages["confirm link expired"] = client.get(f"/blijf-op-de-hoogte/bevestigen/{confirm_token}/")
    settings.NEWSLETTER_RATE_LIMIT = 0
    pages["too many"] = client.post(SIGNUP_URL, signup_data())
    return pages
