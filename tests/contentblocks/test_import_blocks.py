"""import_news with documents, video and table blocks: valid blocks arrive, hostile ones stop the import."""

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from news.models import ArticlePage
from tests.contentblocks.helpers import PDF


def article(slug, *body):
    return {
        "slug": slug,
        "title": slug.title(),
        "date": "2024-03-14",
        "intro": "Een intro.",
        "body": list(body),
    }


def run(tmp_path, *articles):
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"articles": list(articles)}), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_news", str(path), stdout=out, stderr=err)
    except CommandError:
        return None, err.getvalue().splitlines()
    return out.getvalue(), []


@pytest.fixture
def files(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "jaarverslag.pdf").write_bytes(PDF)
    (tmp_path / "docs" / "vermomd.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    (tmp_path / "docs" / "notities.txt").write_bytes(b"tekst")
    return tmp_path


def documents(*names):
    return {"type": "documents", "value": {"documents": [{"file": f"docs/{n}", "title": n} for n in names]}}


def test_documents_are_imported_once_and_linked_from_the_article(files, news_index, client):
    out, problems = run(
        files,
        article("een", documents("jaarverslag.pdf")),
        article(
            "twee",
            {"type": "section", "value": {"heading": "Bijlage", "content": [documents("jaarverslag.pdf")]}},
        ),
    )

    assert problems == [] and "created 2" in out
    document = get_document_model().objects.get()
    assert document.file_size == len(PDF)
    page = client.get(ArticlePage.objects.get(slug="een").url)
    assert BeautifulSoup(page.content, "html.parser").select_one(".documents a")["href"] == document.url
    assert run(files, article("een", documents("jaarverslag.pdf")))[0].endswith("unchanged 1\n")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("vermomd.pdf", "de inhoud past niet bij de extensie .pdf: docs/vermomd.pdf"),
        ("notities.txt", "geen toegestaan documenttype: docs/notities.txt"),
        ("weg.pdf", "bestand niet gevonden: docs/weg.pdf"),
        ("../../etc/passwd.pdf", "moet binnen de map van het JSON-bestand liggen"),
    ],
)
def test_a_hostile_or_missing_document_stops_the_import(files, news_index, name, problem):
    out, problems = run(
        files, article("goed", documents("jaarverslag.pdf")), article("fout", documents(name))
    )

    assert out is None
    assert f'article 2 ("fout"): body[0].documents[0].file: {problem}' in problems
    assert not ArticlePage.objects.exists() and not get_document_model().objects.exists()


def video(url, **extra):
    value = {"url": url, "title": "Terugblik", "transcript": "Ondertiteld in het Nederlands.", **extra}
    return {"type": "video", "value": value}


def test_a_video_is_imported_as_provider_and_id(tmp_path, news_index, client):
    out, problems = run(tmp_path, article("met-video", video("https://youtu.be/dQw4w9WgXcQ")))

    assert problems == []
    stored = ArticlePage.objects.get(slug="met-video").body.raw_data[0]["value"]
    assert (stored["provider"], stored["video_id"]) == ("youtube", "dQw4w9WgXcQ")
    page = BeautifulSoup(client.get(ArticlePage.objects.get().url).content, "html.parser")
    assert page.select_one("[data-video]")["data-embed"].startswith("https://www.youtube-nocookie.com/embed/")


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (video("javascript:alert(1)"), "body[0].url: Dit is geen webadres van een video"),
        (
            video("https://www.youtube.com/watch?v=dQw4w9WgXcQ&autoplay=1"),
            "body[0].url: Het adres bevat extra",
        ),
        (video("https://vimeo.com/76979871", transcript=""), "body[0]: transcript: "),
        (video("https://vimeo.com/76979871", provider="evil"), "body[0]: een video verwacht een object"),
    ],
)
def test_a_bad_video_stops_the_import(tmp_path, news_index, block, problem):
    out, problems = run(tmp_path, article("goed"), article("fout", block))

    assert out is None
    assert any(line.startswith(f'article 2 ("fout"): {problem}') for line in problems), problems
    assert not ArticlePage.objects.exists()


def table(**value):
    return {"type": "table", "value": {"caption": "Aanmeldingen", "header_row": True, **value}}


def test_a_table_is_imported_with_its_caption_and_headers(tmp_path, news_index, client):
    rows = [["Gemeente", "Aantal"], ["Utrecht", 1980], ["Zwolle", None]]
    out, problems = run(tmp_path, article("met-tabel", table(rows=rows, header_column=True)))

    assert problems == []
    soup = BeautifulSoup(client.get(ArticlePage.objects.get().url).content, "html.parser")
    assert soup.select_one(".table caption").get_text() == "Aanmeldingen"
    assert [(th["scope"], th.get_text()) for th in soup.select(".table th")] == [
        ("col", "Gemeente"),
        ("col", "Aantal"),
        ("row", "Utrecht"),
        ("row", "Zwolle"),
    ]
    assert [td.get_text() for td in soup.select(".table td")] == ["1980", ""]


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (
            table(rows=[["x"]] * 10_000),
            "body[0]: Een tabel mag hoogstens 200 rijen hebben; deze heeft er 10000.",
        ),
        (table(rows=[["x"]], caption=""), "body[0]: Geef de tabel een bijschrift"),
        (table(rows=[[["geneste", "lijst"]]]), "body[0]: Een cel mag alleen tekst of een getal bevatten."),
        (table(rows="x"), "body[0]: een tabel verwacht een object"),
    ],
)
def test_a_bad_table_stops_the_import(tmp_path, news_index, block, problem):
    out, problems = run(tmp_path, article("goed"), article("fout", block))

    assert out is None
    assert any(line.startswith(f'article 2 ("fout"): {problem}') for line in problems), problems
    assert not ArticlePage.objects.exists()


def test_languages_of_parts_are_imported_and_invalid_codes_refused_or_dropped(tmp_path, news_index, client):
    paragraph = (
        '<p>Een <span lang="en">quick win</span> en <span lang="en&quot; onclick=&quot;x">meer</span>.</p>'
    )
    quoted = {"text": "Leave no one behind.", "name": "Amina Mohammed", "role": "", "language": "en"}
    body = [{"type": "paragraph", "value": paragraph}, {"type": "quote", "value": quoted}]

    out, problems = run(tmp_path, article("talen", *body))

    assert problems == []
    soup = BeautifulSoup(client.get(ArticlePage.objects.get().url).content, "html.parser")
    assert [(s.get_text(), s.attrs) for s in soup.select(".rich-text span")] == [
        ("quick win", {"lang": "en"})
    ]
    assert "en meer." in soup.select_one(".rich-text").get_text()
    assert soup.select_one("blockquote")["lang"] == "en"

    bad = {"type": "quote", "value": {**quoted, "language": "xx"}}
    out, problems = run(tmp_path, article("fout", bad))
    assert out is None
    assert any(line.startswith('article 1 ("fout"): body[0]: language: ') for line in problems), problems
