"""import_news: the whole file is checked first; nothing is written unless all of it is valid."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from news.models import ArticlePage
from tests.factories import ArticlePageFactory


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_news", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, articles, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    return path


@pytest.fixture
def image_file(tmp_path):
    (tmp_path / "img").mkdir()
    PILImage.new("RGB", (1600, 900), (30, 60, 110)).save(tmp_path / "img" / "tafel.jpg")
    return "img/tafel.jpg"


def valid_articles(image_file):
    return [
        {
            "slug": "samenwerken-loont",
            "title": "Samenwerken loont",
            "date": "2024-03-14",
            "intro": "Vier gemeenten bundelen hun kennis. Inwoners merken het.",
            "tags": ["samenwerking", "Bestuur", "burger ", "Burger", "mens  centraal"],
            "image": {"file": image_file, "alt": "Mensen aan een tafel"},
            "body": [
                {"type": "paragraph", "value": "<p>Een <b>eerste</b> alinea.</p>"},
                {
                    "type": "section",
                    "value": {
                        "heading": "Glanzen en schuren",
                        "content": [
                            {"type": "paragraph", "value": "<p>Wat goed ging.</p>"},
                            {
                                "type": "quote",
                                "value": {"text": "Het werkt.", "name": "Jan de Wit", "role": "verbinder"},
                            },
                            {
                                "type": "image",
                                "value": {"file": image_file, "alt_text": "Tafel", "caption": "Foto"},
                            },
                        ],
                    },
                },
            ],
            "related": ["tweede-bericht"],
        },
        {"slug": "tweede-bericht", "title": "Tweede bericht", "date": "2024-03-15", "intro": "Kort."},
    ]


def test_valid_file_creates_published_articles(tmp_path, news_index, image_file):
    out, _ = run(write(tmp_path, valid_articles(image_file)))

    assert out.strip() == "created 2, updated 0, unchanged 0"
    page = ArticlePage.objects.get(slug="samenwerken-loont")
    assert page.live
    assert page.get_parent().specific == news_index
    assert sorted(t.name for t in page.tags.all()) == ["Bestuur", "burger", "mens centraal", "samenwerking"]
    assert [link.related_page.slug for link in page.related_links.all()] == ["tweede-bericht"]
    assert page.image.description == "Mensen aan een tafel"
    assert page.body[1].value["content"][2].value["image"] == page.image  # the same file is stored once
    assert get_image_model().objects.count() == 1


def test_second_run_changes_nothing(tmp_path, news_index, image_file):
    path = write(tmp_path, valid_articles(image_file))
    run(path)
    revisions = {p.slug: p.revisions.count() for p in ArticlePage.objects.all()}

    out, _ = run(path)

    assert out.strip() == "created 0, updated 0, unchanged 2"
    assert {p.slug: p.revisions.count() for p in ArticlePage.objects.all()} == revisions


def test_changed_content_becomes_a_new_published_revision(tmp_path, news_index, image_file):
    articles = valid_articles(image_file)
    run(write(tmp_path, articles))
    articles[1]["title"] = "Tweede bericht, bijgewerkt"

    out, _ = run(write(tmp_path, articles))

    assert out.strip() == "created 0, updated 1, unchanged 1"
    page = ArticlePage.objects.get(slug="tweede-bericht")
    assert page.title == "Tweede bericht, bijgewerkt"
    assert page.revisions.count() == 2
    assert not page.has_unpublished_changes


def test_draft_option_saves_without_publishing(tmp_path, news_index, image_file, client):
    articles = valid_articles(image_file)
    run(write(tmp_path, articles), "--draft")

    assert not ArticlePage.objects.filter(live=True).exists()
    assert client.get("/nieuws/samenwerken-loont/").status_code == 404

    run(write(tmp_path, articles))
    assert ArticlePage.objects.filter(live=True).count() == 2


def test_draft_update_leaves_the_live_version_alone(tmp_path, news_index, image_file):
    articles = valid_articles(image_file)
    run(write(tmp_path, articles))
    articles[1]["title"] = "Nieuwe titel"

    out, _ = run(write(tmp_path, articles), "--draft")

    page = ArticlePage.objects.get(slug="tweede-bericht")
    assert out.strip() == "created 0, updated 1, unchanged 1"
    assert page.title == "Tweede bericht"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Nieuwe titel"


def test_dry_run_writes_nothing(tmp_path, news_index, image_file):
    out, _ = run(write(tmp_path, valid_articles(image_file)), "--dry-run")

    assert "geen fouten" in out
    assert not ArticlePage.objects.exists()


def test_invalid_file_reports_every_problem_and_writes_nothing(tmp_path, news_index, image_file):
    articles = valid_articles(image_file)
    articles.append(
        {
            "slug": "fout",
            "title": "",
            "date": "2024-02-30",
            "intro": "<p>HTML</p>",
            "tags": "geen lijst",
            "image": {"file": "img/bestaat-niet.jpg", "alt": ""},
            "body": [
                {"type": "quote", "value": {"text": "Tekst zonder naam"}},
                {"type": "video", "value": "x"},
            ],
            "related": ["onbekend"],
            "extra": 1,
        }
    )
    articles.append({"slug": "tweede-bericht", "title": "Dubbel", "date": "2024-01-01", "intro": "x"})
    articles.append(
        {
            "slug": "../etc",
            "title": "x",
            "date": "2024-01-01",
            "intro": "x",
            "image": {"file": "../../x.jpg", "alt": "a"},
        }
    )

    with pytest.raises(CommandError, match="niets geïmporteerd"):
        run(write(tmp_path, articles))

    assert not ArticlePage.objects.exists()
    assert not get_image_model().objects.exists()


def test_problems_are_reported_per_article_and_field(tmp_path, news_index, capsys):
    articles = [
        {"slug": "goed", "title": "Goed", "date": "2024-01-01", "intro": "x"},
        {
            "slug": "fout",
            "title": "",
            "date": "2024-02-30",
            "intro": "<p>HTML</p>",
            "body": [{"type": "quote", "value": {"text": "Zonder naam"}}],
            "related": ["onbekend"],
            "extra": 1,
        },
        {"slug": "goed", "title": "Dubbel", "date": "2024-01-01", "intro": "x"},
    ]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_news", str(write(tmp_path, articles)), stderr=err)
    lines = err.getvalue().splitlines()

    assert 'article 2 ("fout"): extra: onbekend veld' in lines
    assert 'article 2 ("fout"): title: verplicht, verwacht tekst' in lines
    assert 'article 2 ("fout"): date: bestaat niet: 2024-02-30' in lines
    assert 'article 2 ("fout"): intro: moet platte tekst zijn, zonder HTML' in lines
    assert any(line.startswith('article 2 ("fout"): body[0]: name:') for line in lines)
    assert 'article 3 ("goed"): slug: komt meer dan eens voor in het bestand' in lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "geen geldige JSON"),
        ('{"items": []}', 'verwacht een object met een lijst "articles"'),
    ],
)
def test_malformed_file_is_refused(tmp_path, news_index, content, message):
    path = tmp_path / "kapot.json"
    path.write_text(content)
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_news", str(path), stderr=err)

    assert message in err.getvalue()


def test_missing_file_is_a_clear_error(tmp_path, news_index):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_news", str(tmp_path / "nergens.json"), stderr=err)
    assert "kan" in err.getvalue() and "niet lezen" in err.getvalue()


def test_hostile_html_is_neutralised(tmp_path, news_index, client):
    hostile = (
        '<p onclick="steal()">Hallo <script>alert("x")</script><b onmouseover="x()">vet</b> '
        '<a href="javascript:alert(1)">klik</a> <a href="https://vng.nl/" onfocus="y()">VNG</a>'
        '<img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe></p><style>body{}</style>'
    )
    articles = [
        {
            "slug": "vijandig",
            "title": "Vijandig",
            "date": "2024-01-01",
            "intro": "Lead.",
            "body": [
                {"type": "paragraph", "value": hostile},
                {
                    "type": "section",
                    "value": {"heading": "Kop", "content": [{"type": "paragraph", "value": hostile}]},
                },
            ],
        }
    ]
    run(write(tmp_path, articles))

    html = client.get("/nieuws/vijandig/").content.decode().lower()
    body = html[html.index('<div class="article__body">') :]
    for forbidden in [
        "<script",
        "onclick",
        "onmouseover",
        "onerror",
        "onfocus",
        "javascript:",
        "<iframe",
        "<img",
        "<style",
        "alert",
    ]:
        assert forbidden not in body, forbidden
    assert '<a href="https://vng.nl/">vng</a>' in body
    assert "<b>vet</b>" in body


def test_related_may_name_an_article_already_on_the_site(tmp_path, news_index):
    existing = ArticlePageFactory(parent=news_index, title="Bestaand", slug="bestaand")
    articles = [
        {"slug": "nieuw", "title": "Nieuw", "date": "2024-01-01", "intro": "x", "related": ["bestaand"]}
    ]

    run(write(tmp_path, articles))

    assert [link.related_page for link in ArticlePage.objects.get(slug="nieuw").related_links.all()] == [
        existing
    ]


def test_without_news_index_the_command_says_so(tmp_path, db):
    with pytest.raises(CommandError, match="nieuwsoverzicht"):
        run(write(tmp_path, []))
