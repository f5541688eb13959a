"""In a real browser: the editor's preview panel shows the page in its frame; a page of the site does not load
in a frame, not even on the site itself (X-Frame-Options and frame-ancestors, tests/security/test_framing.py)."""

from playwright.sync_api import expect

from tests.browser.test_editor_journey import log_in
from tests.factories import ArticlePageFactory, NewsIndexPageFactory
from tests.publishing.users import make_editor

TITLE = "Voorbeeld in het zijpaneel"


def test_the_preview_panel_shows_the_page(page, site_url, home):
    article = ArticlePageFactory(parent=NewsIndexPageFactory(parent=home), title=TITLE)
    log_in(page, site_url, make_editor())

    page.goto(f"{site_url}/admin/pages/{article.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()

    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)


def test_a_public_page_does_not_load_in_a_frame(page, site_url, home):
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=home), title=TITLE, slug="ingelijst")
    page.goto(site_url + "/")

    page.evaluate(
        """() => new Promise(done => {
            const frame = document.createElement("iframe");
            frame.src = "/nieuws/ingelijst/";
            frame.onload = done;
            document.body.append(frame);
        })"""
    )

    framed = page.frames[-1]
    assert framed != page.main_frame
    assert framed.url.startswith("chrome-error://"), framed.url  # refused: the page never rendered there
