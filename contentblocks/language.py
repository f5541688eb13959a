"""Language of parts (WCAG 3.1.2): the languages a phrase in rich text (contentblocks/rich_text.py) or a
whole quote may be marked as. Only these codes survive; anything else loses its mark (the text stays)."""

from django.utils.translation import gettext_lazy as _

# Languages editors may mark, as BCP 47 codes (what `lang` takes), with their Dutch names.
LANGUAGES = [
    ("en", _("Engels")),
    ("de", _("Duits")),
    ("fr", _("Frans")),
    ("es", _("Spaans")),
    ("it", _("Italiaans")),
    ("pt", _("Portugees")),
    ("fy", _("Fries")),
    ("pap", _("Papiaments")),
    ("pl", _("Pools")),
    ("tr", _("Turks")),
    ("ar", _("Arabisch")),
    ("uk", _("Oekraïens")),
    ("la", _("Latijn")),
]
CODES = {code for code, _name in LANGUAGES}


def valid_code(value) -> str | None:
    code = (value or "").strip().lower() if isinstance(value, str) else ""
    return code if code in CODES else None
