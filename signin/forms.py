import re

from django import forms
from django.utils.translation import gettext_lazy as _


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


class CodeForm(forms.Form):
    """One code field, labelled, with its help text and error linked to the input."""

    numeric = True
    code = forms.CharField(label=_("Code uit uw app"), max_length=32, strip=True)
    help_text = _("De zes cijfers die uw authenticator-app nu toont.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {
            "autocomplete": "one-time-code",
            "autofocus": True,
            "aria-describedby": "code-help",
            "spellcheck": "false",
            "autocapitalize": "off",
        }
        if self.numeric:
            attrs.update({"inputmode": "numeric", "pattern": "[0-9 ]*"})
        self.fields["code"].widget.attrs.update(attrs)
        self.fields["code"].error_messages["required"] = _("Vul de code in.")
        self.fields["code"].help_text = self.help_text

    def add_error(self, field, error):
        super().add_error(field, error)
        if self.errors.get("code"):
            self.fields["code"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "code-error code-help"}
            )

    def clean_code(self):
        return normalise(self.cleaned_data["code"])


class RecoveryCodeForm(CodeForm):
    numeric = False
    code = forms.CharField(label=_("Herstelcode"), max_length=32, strip=True)
    help_text = _("Een van de herstelcodes die u bij het instellen hebt bewaard. Elke code werkt één keer.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["autocomplete"] = "off"
