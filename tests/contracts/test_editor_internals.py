"""Wagtail admin internals the editor helpers rely on (publishing/static/publishing/js/editor.js,
news/static/news/admin/tags.js). After an upgrade these fail with the reason, before the browser tests do."""

from pathlib import Path

import wagtail

ADMIN_JS = Path(wagtail.__file__).parent / "admin" / "static" / "wagtailadmin" / "js"


def test_the_preview_controller_still_reads_its_content_extractor_selector():
    core = (ADMIN_JS / "core.js").read_text(encoding="utf-8")
    assert "this.contentExtractorOptions={targetElement:" in core, (
        "editor.js narrows the Checks panel's word count by changing the w-preview controller's "
        "contentExtractorOptions.targetElement; Wagtail no longer has it: find the new way"
    )


def test_tag_it_still_ignores_enter_while_suggestions_are_open():
    tag_it = (ADMIN_JS / "vendor" / "tag-it.js").read_text(encoding="utf-8")
    assert 'e.tagInput.data("autocomplete-open")||e.options.autocompleteOnly||e.createTag' in tag_it, (
        "news/static/news/admin/tags.js works around tag-it ignoring Enter and comma with the suggestion list "
        "open; tag-it changed: check whether the workaround is still needed"
    )
