from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Nieuws")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override

        from news import withdrawal
        from news.tag_admin import form_field_override
        from news.tags import NormalisedTaggableManager

        # Before any editor form is built: the article's tag field gets the site's tag widget.
        register_form_field_override(NormalisedTaggableManager, override=form_field_override)
        withdrawal.connect(self.get_model("ArticlePage"))
