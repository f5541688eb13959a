"""What an admin response shows a user: text, labels and tooltips, the strings Wagtail's JavaScript renders.

`visible_strings(response)` reads an HTML page, a modal's JSON (its "html"), the JavaScript catalog, or a CSV or
XLSX download, and returns the strings a user can see: text nodes (also inside <template>, which scripts show),
the human attributes (title, aria-label, placeholder, alt, tooltips), and from the JSON that configures
Wagtail's scripts (wagtail-config, the sidebar, telepath block and Draftail definitions in data-w-*-value) the
values of label-like keys and any HTML they carry.
"""

import contextlib
import csv
import io
import json
import re
import zipfile

from bs4 import BeautifulSoup, Comment

HUMAN_ATTRIBUTES = {
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
}
# Keys in the JSON of Wagtail's scripts whose values are shown (labels, descriptions, help texts, messages).
LABEL_KEYS = {
    "label",
    "description",
    "title",
    "heading",
    "helpText",
    "help_text",
    "text",
    "placeholder",
    "message",
    "error_name",
    "help",
    "_val",
}
# Elements whose content scripts replace before anyone sees it.
REPLACED_BY_SCRIPT = "[data-side-panel-toggle-counter]"


def squash(text: str) -> str:
    return " ".join(text.split())


def html_strings(markup: str) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup(["script", "style"]):
        if element.get("type") == "application/json":
            continue
        element.decompose()
    for element in soup.select(REPLACED_BY_SCRIPT):
        element.decompose()
    for element in soup.select('[translate="no"]'):  # not language: recovery codes, a secret key
        element.decompose()
    found = []
    for script in soup.find_all("script", type="application/json"):
        found += json_strings(
            json.loads(script.string or "null"), wagtail_config=script.get("id") == "wagtail-config"
        )
        script.decompose()
    for node in soup.find_all(string=True):
        if not isinstance(node, Comment) and node.strip():
            found.append(squash(node))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if not isinstance(value, str) or not value.strip():
                continue
            if name in HUMAN_ATTRIBUTES:
                found.append(squash(value))
            elif name.startswith("data-") and value.lstrip().startswith(("{", "[")):
                with contextlib.suppress(ValueError):
                    found += json_strings(json.loads(value))
    return found


def json_strings(value, wagtail_config=False, key=None) -> list[str]:
    """Shown strings in script configuration: values of label keys, all of wagtail-config's STRINGS, HTML."""
    if isinstance(value, dict):
        found = []
        for name, item in value.items():
            if wagtail_config and name == "STRINGS":
                found += list(flatten(item))
            elif not wagtail_config:
                found += json_strings(item, key=name)
        return found
    if isinstance(value, list):
        return [s for item in value for s in json_strings(item, wagtail_config, key)]
    if isinstance(value, str):
        if value.lstrip().startswith("<"):
            return html_strings(value)
        if key in LABEL_KEYS and value.strip():
            return [squash(value)]
    return []


def flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in flatten(item)]
    if isinstance(value, list):
        return [s for item in value for s in flatten(item)]
    return [squash(value)] if isinstance(value, str) else []


def spreadsheet_strings(raw: bytes) -> list[str]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    found = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            found += [squash(cell) for cell in row if isinstance(cell, str)]
    return found


def catalog_strings(script: str) -> list[str]:
    """The translations in Django's JavaScript catalog (what gettext() returns in Wagtail's scripts)."""
    match = re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)
    catalog = json.loads(match.group(1)) if match else {}
    return flatten(catalog)


def visible_strings(response) -> list[str]:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if raw.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(raw)):
        return spreadsheet_strings(raw)
    text = raw.decode()
    if content_type.startswith("text/csv"):
        return [squash(cell) for row in csv.reader(io.StringIO(text)) for cell in row]
    if "javascript" in content_type:
        return catalog_strings(text)
    if content_type.startswith("application/json"):
        return json_strings(json.loads(text))
    return html_strings(text)
