from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = "Nederlandse beheeromgeving"

    def ready(self):
        from translations import labels, spreadsheets

        labels.label_fields()
        spreadsheets.name_sheets_after_their_page()
