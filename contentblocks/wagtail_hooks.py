from wagtail import hooks

from contentblocks.documents import check_document_access

# After Wagtail's own collection privacy check (order 0): a password form still comes first.
hooks.register("before_serve_document", check_document_access, order=10)
