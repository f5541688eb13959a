from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SingleSignOnIdentity(models.Model):
    """The account an identity provider's subject ("sub") signs in as; created at the first sign-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_identity",
        verbose_name=_("gebruiker"),
    )
    subject = models.CharField(_("kenmerk bij de identiteitsprovider"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("single sign-on-identiteit")
        verbose_name_plural = _("single sign-on-identiteiten")

    def __str__(self):
        return self.subject
