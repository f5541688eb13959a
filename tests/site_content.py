"""One small but complete public site, shared by the browser, accessibility and HTML-validation tests."""

import datetime

from news.models import ArticleRelatedLink
from tests.factories import ArticlePageFactory, ImageFactory, NewsIndexPageFactory

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


def build_public_site(home) -> dict[str, str]:
    """Build the content and return each public page state by name, as a path."""
    index = NewsIndexPageFactory(parent=home, intro="Alle berichten over de samenwerking.")
    image = ImageFactory(title="Overleg")
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
    full.related_links.set([ArticleRelatedLink(related_page=others[0])])
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
    return {
        "home": "/",
        "news_index": "/nieuws/",
        "news_index_page_2": "/nieuws/?page=2",
        "tag_listing": "/nieuws/tag/samenwerking/",
        "empty_tag_listing": "/nieuws/tag/nog-leeg/",
        "article_full": full.url,
        "article_plain": plain.url,
        "not_found": "/bestaat-niet/",
    }
