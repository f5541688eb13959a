"""The Checks panel counts the article's own words, not those of the related news and the newsletter block
that the article page also shows (Wagtail counts everything in <main>; publishing/static/.../editor.js)."""

from playwright.sync_api import expect

from tests.browser.test_editor_journey import log_in
from tests.factories import ArticlePageFactory, NewsIndexPageFactory
from tests.publishing.users import make_editor

COUNT_WORDS = """element => Array.from(new Intl.Segmenter('nl', {granularity: 'word'}).segment(element.innerText))
                                  .filter(segment => segment.isWordLike).length"""


def test_the_checks_panel_counts_the_articles_own_words(page, site_url, home, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    index = NewsIndexPageFactory(parent=home)
    other = ArticlePageFactory(parent=index, title="Wijkteams delen één aanpak", tags=["samenwerking"])
    article = ArticlePageFactory(parent=index, title="Samenwerken is hard werken", related=[other])
    log_in(page, site_url, make_editor())
    page.goto(f"{site_url}/admin/pages/{article.pk}/edit/")

    page.locator("[data-side-panel-toggle='checks']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main > article")).to_be_attached()
    own = preview.locator("main > article").evaluate(COUNT_WORDS)
    everything = preview.locator("main").evaluate(COUNT_WORDS)
    assert own < everything  # the related news and the newsletter block add words
    expect(page.locator("[data-content-word-count]")).to_have_text(str(own))
