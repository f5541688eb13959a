"""Tags in the browser: Enter and comma add the typed tag while the suggestion list is open, the list offers
only tags that articles use, chips show no quotes, and the saved draft has exactly the chips' tags."""

from playwright.sync_api import expect

from news.models import ArticlePage
from tests.browser.test_editor_journey import log_in
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, tag
from tests.publishing.users import make_editor


def test_enter_and_comma_add_the_typed_tag_with_suggestions_open(page, site_url, home, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = (
        0  # the saved tags come from the person's save (autosave: test_tag_editing)
    )
    index = NewsIndexPageFactory(parent=home)
    ArticlePageFactory(parent=index, tags=["samenwerking", "sociaal domein"])
    tag("samenwerkingvng")  # left behind by an earlier editor; no article uses it
    log_in(page, site_url, make_editor())
    page.goto(f"{site_url}/admin/pages/{index.pk}/add_subpage/")
    page.get_by_placeholder("Paginatitel*").fill("Samenwerken is hard werken")
    page.get_by_role("textbox", name="Inleiding").fill("Vier gemeenten werken samen. Dat kost moeite.")

    field = page.locator("[data-contentpath='tags']")
    typing = field.locator("li.tagit-new input")
    suggestions = page.locator("ul.ui-autocomplete:visible li")

    typing.press_sequentially("samen", delay=30)
    expect(suggestions).to_have_text(["samenwerking"])  # not the abandoned "samenwerkingvng"
    typing.press_sequentially("werking", delay=30)
    expect(suggestions).to_have_text(["samenwerking"])
    typing.press("Enter")
    typing.press_sequentially("sociaal domein", delay=30)
    expect(suggestions).to_have_text(["sociaal domein"])
    typing.press(",")
    typing.press_sequentially("vng", delay=30)
    typing.press("Enter")

    chips = field.locator(".tagit-choice .tagit-label")
    expect(chips).to_have_text(["samenwerking", "sociaal domein", "vng"])
    expect(typing).to_have_value("")

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text("aangemaakt")
    article = ArticlePage.objects.get(title="Samenwerken is hard werken")
    assert sorted(t.name for t in article.get_latest_revision_as_object().tags.all()) == [
        "samenwerking",
        "sociaal domein",
        "vng",
    ]
