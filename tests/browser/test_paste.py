"""Nothing disappears without a word: pasting Word's headings, tables and images into a text block says what
did not fit, and a title longer than 255 characters is refused with an error instead of cut off."""

from playwright.sync_api import expect

from news.models import ArticlePage
from tests.browser.journey import Journey, doc_screenshot
from tests.browser.test_counted_journey import insert
from tests.browser.test_editor_journey import log_in
from tests.factories import NewsIndexPageFactory
from tests.publishing.users import make_editor

FROM_WORD = (
    "<h1>Samenwerken is hard werken</h1><p>Zes gemeenten werken samen.</p>"
    "<table><tr><td>Gemeente</td><td>Inwoners</td></tr><tr><td>Utrecht</td><td>370.000</td></tr></table>"
    "<p><img src='file:///C:/foto.png'></p>"
)


def test_pasting_from_word_says_what_did_not_fit(page, site_url, home, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    index = NewsIndexPageFactory(parent=home)
    log_in(page, site_url, make_editor())
    page.goto(f"{site_url}/admin/pages/{index.pk}/add_subpage/")
    body = page.locator("[data-contentpath='body']")
    insert(Journey(page), page, body, "Alinea")
    text = body.locator("[contenteditable=true]").first
    text.click()
    text.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Samenwerken is hard werken');
            element.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        FROM_WORD,
    )
    note = body.locator("[data-nr-paste-note]")
    expect(note).to_contain_text("Koppen (1) zijn gewone tekst geworden")
    expect(note).to_contain_text("Tabellen (1) zijn losse regels tekst geworden")
    expect(note).to_contain_text("Afbeeldingen (1) zijn weggelaten")
    doc_screenshot(page, "plakken-uit-word", body)


def test_a_title_over_255_characters_is_refused_not_cut_off(page, site_url, home, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    index = NewsIndexPageFactory(parent=home)
    log_in(page, site_url, make_editor())
    page.goto(f"{site_url}/admin/pages/{index.pk}/add_subpage/")
    title = page.get_by_placeholder("Paginatitel*")
    long_title = ("Samenwerken is hard werken " * 23)[:617]
    title.fill(long_title)
    expect(title).to_have_value(long_title)
    expect(page.locator("[data-nr-counter='title']")).to_contain_text("617 tekens: langer dan 70")
    page.get_by_role("textbox", name="Inleiding").fill("Een inleiding. Nog een zin.")

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator("body")).to_contain_text("255")
    assert not ArticlePage.objects.exists()
