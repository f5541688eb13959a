from wagtail import hooks

from news import tag_admin

hooks.register("register_admin_urls", tag_admin.admin_urls)
hooks.register("before_edit_page", tag_admin.before_edit_page)
hooks.register("before_create_page", tag_admin.before_create_page)
