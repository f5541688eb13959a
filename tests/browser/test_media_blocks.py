"""Media blocks in a real browser: a video page asks nothing of YouTube or Vimeo until the visitor presses
play (by mouse or keyboard), and then the player loads within the page's Content-Security-Policy."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.browser.test_editor_journey import log_in
from tests.contentblocks.content import build_media_article
from tests.contentblocks.helpers import table_block, video_block
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor

PLAYER = "https://www.youtube-nocookie.com/"
RECORD_CSP_VIOLATIONS = (
    "window.cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def test_a_video_loads_nothing_from_elsewhere_until_play_is_pressed_with_the_keyboard(
    page, site_url, news_index
):
    article = ArticlePageFactory(parent=news_index, body=[video_block()])
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # No internet here: the player's origin answers with a stand-in page, if the browser asks at all.
    page.route(
        f"{PLAYER}**", lambda route: route.fulfill(content_type="text/html", body="<title>Speler</title>")
    )
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    page.goto(site_url + article.url)
    page.wait_for_load_state("networkidle")
    before = list(requests)
    play = page.get_by_role("button", name="Video afspelen: Tien jaar samenwerking")
    play.focus()
    page.keyboard.press("Enter")
    player = page.locator("iframe.video__player")
    expect(player).to_have_attribute("title", "Tien jaar samenwerking")
    page.wait_for_load_state("networkidle")

    assert before and all(url.startswith(site_url) for url in before), before
    assert any(url.startswith(f"{PLAYER}embed/dQw4w9WgXcQ?autoplay=1") for url in requests), requests
    assert page.evaluate("window.cspViolations") == []
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"  # keyboard focus moved to the player
    assert player.element_handle().content_frame().title() == "Speler"


def test_a_wide_table_scrolls_in_its_own_focusable_region_on_a_phone(page, site_url, news_index):
    article = build_media_article(news_index)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + article.url)

    region = page.get_by_role("region", name="Aanmeldingen per gemeente")
    region.focus()
    widths = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    page.keyboard.press("ArrowRight")

    assert widths[0] > widths[1]  # the table is wider than the screen: the region scrolls, not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())  # scrolled by keyboard
    assert run_axe(page) == []


def test_an_editor_marks_a_phrase_as_english_and_the_table_editor_works(page, site_url, news_index):
    rows = [["Gemeente", "Aantal"], ["Utrecht", "12"]]
    article = ArticlePageFactory(
        parent=news_index,
        body=[{"type": "paragraph", "value": "<p>Mainstreaming werkt.</p>"}, table_block(rows)],
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept("en"))  # the language question
    log_in(page, site_url, make_editor())
    page.goto(f"{site_url}/admin/pages/{article.pk}/edit/")

    editor = page.locator("[data-contentpath='body'] .public-DraftEditor-content").first
    editor.get_by_text("Mainstreaming").dblclick()
    page.get_by_role("button", name="Andere taal").first.click()
    expect(editor.locator("[data-lang='en']")).to_have_text("Mainstreaming")
    expect(page.locator(".handsontable td", has_text="Utrecht").first).to_be_visible()
    # Draftail writes its state to the form a moment after a change (stateSaveInterval)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile('"lang": ?"en"'))
    page.get_by_role("button", name="Meer acties").click()  # "Indienen" comes first (publishing/journey.py)
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text("is gewijzigd")

    article.refresh_from_db()
    body = article.get_latest_revision_as_object().body
    assert '<span lang="en">Mainstreaming</span> werkt.' in body[0].value.source
    assert body[1].value["table_caption"] == "Aanmeldingen per gemeente"
    assert errors == []
