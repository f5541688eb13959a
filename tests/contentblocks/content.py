"""An article with every content block, for the browser, accessibility and HTML-validation tests."""

from tests.contentblocks.helpers import documents_block, make_document, table_block, video_block
from tests.factories import ArticlePageFactory

WIDE_ROWS = [
    ["Gemeente", "Aanmeldingen 2021", "Aanmeldingen 2022", "Aanmeldingen 2023", "Gemiddelde wachttijd"],
    *[[f"Gemeente {n}", "1.980", "2.105", "2.230", "7 werkdagen"] for n in range(1, 6)],
]


def build_media_article(index):
    report = make_document("Jaarverslag samenwerking 2023")
    return ArticlePageFactory(
        parent=index,
        title="Cijfers, video en documenten",
        slug="cijfers-video-en-documenten",
        intro="Een artikel met elk inhoudsblok. Voor de toegankelijkheidstests.",
        body=[
            {"type": "paragraph", "value": "<p>Het jaarverslag en de cijfers staan hieronder.</p>"},
            documents_block(report),
            video_block(),
            table_block(WIDE_ROWS),
            {
                "type": "section",
                "value": {
                    "heading": "Terugblik",
                    "content": [video_block("https://vimeo.com/76979871", "Terugblik op het congres")],
                },
            },
        ],
    )
