"""POST data for the Wagtail page editor, built with Wagtail's own form-data helpers."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form_data(action: str | None = None, **fields) -> dict:
    """The article editor's fields; `action` is "publish", "submit" or None (save a draft)."""
    data = {
        "title": "Wijkteams werken samen",
        "slug": "wijkteams-werken-samen",
        "date": "2024-03-14",
        "intro": "Vier wijkteams delen één aanpak. Inwoners merken dat meteen.",
        "image": "",
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Een alinea.</p>"))]),
        "tags": "samenwerking, wijkteams",
        "related_links": inline_formset([]),
        "updates": inline_formset([]),
        "comments": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    form = nested_form_data(data)
    if action:
        form[f"action-{action}"] = action
    return form


def quote(text="Het werkt.", person="", name="", role="") -> dict:
    return {"text": text, "person": person, "name": name, "role": role}


def section(heading: str, *blocks) -> dict:
    return {"heading": heading, "content": streamfield(list(blocks))}
