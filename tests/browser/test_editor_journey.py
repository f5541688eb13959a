"""An editor writes an article in the browser and submits it; a final editor approves it; it is on /nieuws/."""

import re

from playwright.sync_api import expect

from news.models import ArticlePage
from tests.browser.conftest import screenshot
from tests.factories import NewsIndexPageFactory
from tests.publishing.users import PASSWORD, make_editor, make_final_editor

TITLE = "Wijkteams delen één aanpak"


def log_in(page, site_url, user):
    page.set_default_timeout(15_000)
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def log_out(page, site_url):
    page.context.clear_cookies()


def insert_block(page, container, label):
    """Open the '+' (Blok invoegen) at the end of a stream and pick a block type by its label."""
    container.get_by_title("Blok invoegen").last.click()
    # The chooser just opened comes last in the page; the previous one may still be closing.
    page.get_by_role("option", name=label, exact=True).last.click()
    expect(page.get_by_role("option", name=label, exact=True)).to_have_count(0)


def write_article(page, site_url, index):
    page.goto(f"{site_url}/admin/pages/{index.pk}/add_subpage/")
    expect(page).to_have_url(re.compile(r"/admin/pages/add/news/articlepage/"))
    page.get_by_placeholder("Paginatitel*").fill(TITLE)
    page.get_by_role("textbox", name="Inleiding").fill(
        "Vier wijkteams werken voortaan met één aanpak. Inwoners hoeven hun verhaal maar één keer te doen."
    )
    body = page.locator("[data-contentpath='body']")
    insert_block(page, body, "Sectie met tussenkop")
    section = body.locator("[data-contentpath='content']").first
    body.get_by_role("textbox", name="Tussenkop").fill("Eén gesprek in plaats van vier")
    insert_block(page, section, "Citaat")
    section.get_by_role("textbox", name="Citaat").fill("We vragen het nu één keer, en goed.")
    section.get_by_role("textbox", name="Naam").fill("Samira El Amrani")
    section.get_by_role("textbox", name="Functie").fill("verbinder wijkteams")
    tags = page.locator("[data-contentpath='tags'] li.tagit-new input")
    for tag in ("wijkteams", "samenwerking"):
        tags.fill(tag)
        tags.press("Enter")


def test_editor_submits_final_editor_approves_article_is_published(page, site_url, home):
    index = NewsIndexPageFactory(parent=home)
    editor, final_editor = make_editor(), make_final_editor()

    log_in(page, site_url, editor)
    write_article(page, site_url, index)
    screenshot(page, "redacteur-nieuw-artikel")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Stuur door naar Redactionele goedkeuring").click()
    expect(page.locator(".messages")).to_contain_text("ingediend voor controle")

    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert sorted(t.name for t in article.get_latest_revision_as_object().tags.all()) == [
        "samenwerking",
        "wijkteams",
    ]
    assert page.goto(f"{site_url}/nieuws/{article.slug}/").status == 404

    log_out(page, site_url)
    log_in(page, site_url, final_editor)
    page.goto(site_url + "/admin/")
    review = page.get_by_role("region", name="In afwachting van jouw beoordeling")
    expect(review).to_contain_text(TITLE)
    screenshot(page, "eindredacteur-dashboard")
    review.get_by_role("row").filter(has_text=TITLE).get_by_role("button").last.click()
    review.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(page.get_by_role("region", name="In afwachting van jouw beoordeling")).to_have_count(0)
    screenshot(page, "eindredacteur-goedgekeurd")

    page.goto(site_url + "/nieuws/")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("figure.quote figcaption")).to_contain_text("Samira El Amrani, verbinder wijkteams")
    expect(page.locator(".article__footer")).to_contain_text("wijkteams")


def test_editor_cannot_publish_directly(page, site_url, home):
    index = NewsIndexPageFactory(parent=home)
    log_in(page, site_url, make_editor())
    write_article(page, site_url, index)

    page.get_by_role("button", name="Meer acties").click()
    expect(page.get_by_role("button", name=re.compile(r"^Publice(er|ren)"))).to_have_count(0)
    # A hand-made publish request (the button is not offered) is saved as a draft, nothing more.
    page.evaluate(
        """() => { const form = document.querySelector('[data-edit-form]');
                   const input = Object.assign(document.createElement('input'),
                                               {type: 'hidden', name: 'action-publish', value: 'action-publish'});
                   form.appendChild(input); form.requestSubmit(); }"""
    )
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.live_revision is None
    page.goto(site_url + "/nieuws/")
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)
