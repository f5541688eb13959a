"""Helpers for the counted editor journey: a click counter, and screenshots for docs/redactie.md."""

import io
import os
from pathlib import Path

from PIL import Image

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "redactie"
DOC_WIDTH = 1280


class Journey:
    """Counts what an editor does with the mouse: every click, including the click into a field to type.
    Keys (Enter, typing) are not clicks."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.screens = []
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.screens.append(frame.url)

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def type(self, locator, text):
        self.click(locator)
        locator.fill(text)

    def choose_file(self, locator, path):
        locator.set_input_files(path)  # a click on "Bestand kiezen" and a choice in the file dialog
        self.clicks += 1


def doc_screenshot(page, name: str, locator=None) -> None:
    """A screenshot for the editors' handbook, written only when REDACTIE_SCREENSHOTS=1 is set:
    1280 pixels wide at most, reduced to 256 colours, so the PNGs in docs/redactie/ stay small."""
    if os.environ.get("REDACTIE_SCREENSHOTS") != "1":
        return
    png = (locator or page).screenshot(**({} if locator else {"full_page": False}))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > DOC_WIDTH:
        image = image.resize((DOC_WIDTH, round(image.height * DOC_WIDTH / image.width)))
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256).save(DOCS_SCREENSHOTS / f"{name}.png", optimize=True)
