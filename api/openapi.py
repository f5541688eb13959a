"""The OpenAPI 3.0 description of the articles API, served at /api/v2/openapi.json (NL API design rules:
API-51 the document at a fixed place, API-57 the version in an `API-Version` header, API-46 problem details).

tests/api/test_openapi.py validates this document and checks real responses against it, so a field added to
api/views.py without a line here fails the tests.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from api.problems import PROBLEM_JSON
from pagebase.mixins import site_root_url

# The major version is the one in the URL (/api/v2/); the minor grows with additions, the patch with fixes.
API_VERSION = "2.1.0"
JSON = "application/json"

VERSION_HEADER = {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def ok(schema: str, description: str) -> dict:
    return {
        "description": description,
        "headers": VERSION_HEADER,
        "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def problem(description: str) -> dict:
    return {
        "description": description,
        "headers": VERSION_HEADER,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


ERRORS = {
    "400": problem("A parameter is unknown or has a value it cannot have (detail says which)."),
    "404": problem("No visible article with this id (drafts, private and expired articles are never found)."),
}
LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "Language of error details: `nl` (default) or `en`.",
    "schema": {"type": "string", "example": "en"},
}
LIST_PARAMETERS = [
    query(
        "limit",
        "Articles per page (at most 20).",
        {"type": "integer", "minimum": 1, "maximum": 20, "default": 20},
    ),
    query(
        "offset", "Articles to skip.", {"type": "integer", "minimum": 0, "maximum": 1_000_000, "default": 0}
    ),
    query("tag", "Only articles with this tag (its slug, as in /nieuws/tag/<slug>/).", {"type": "string"}),
    query(
        "search",
        "Full-text search, best match first unless `order` is given (at most 200 characters are used). "
        "With more than 1,000 matches the 1,000 most recently added are ranked and the older ones follow, "
        "newest first.",
        {"type": "string"},
    ),
    query("search_operator", "Whether every word must match.", {"type": "string", "enum": ["and", "or"]}),
    query(
        "order",
        "Sort by a field, `-` for descending (default: `-date`).",
        {"type": "string", "example": "-date"},
    ),
    query(
        "fields",
        "Fields to add (`intro`) or remove (`-teaser`) from the list; `*` for all but the body.",
        {"type": "string", "example": "intro,-tags"},
    ),
    query("date", "Only articles of this date.", {"type": "string", "format": "date"}),
    query("slug", "Only the article with this slug.", {"type": "string"}),
    query("title", "Only articles with exactly this title.", {"type": "string"}),
    LANGUAGE,
]

RENDITION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["url", "width", "height"],
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    },
}
SUMMARY = {
    "id": {"type": "integer"},
    "meta": {"$ref": "#/components/schemas/Meta"},
    "title": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "teaser": {"type": "string"},
    "intro": {"type": "string"},
    "image": {"$ref": "#/components/schemas/Image"},
    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
    "external": {"$ref": "#/components/schemas/External"},
    "updated_at": {
        "type": "string",
        "format": "date-time",
        "nullable": True,
        "description": "When the article last had a significant update (with a public note); null if never.",
    },
}
SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details; `detail` in the language asked for.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "example": "about:blank"},
            "title": {"type": "string", "example": "Ongeldig verzoek"},
            "status": {"type": "integer", "example": 400},
            "detail": {"type": "string", "example": "limit mag niet hoger zijn dan 20"},
            "instance": {"type": "string", "example": "/api/v2/articles/"},
            "message": {"type": "string", "description": "Deprecated: the English message of API 2.0."},
        },
    },
    "Meta": {
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "detail_url", "html_url"],
        "properties": {
            "type": {"type": "string", "enum": ["news.ArticlePage"]},
            "detail_url": {"type": "string", "format": "uri"},
            "html_url": {"type": "string", "format": "uri"},
            "slug": {"type": "string"},
            "first_published_at": {"type": "string", "format": "date-time", "nullable": True},
            "last_published_at": {"type": "string", "format": "date-time", "nullable": True},
            "seo_title": {"type": "string"},
            "search_description": {"type": "string"},
        },
    },
    "Image": {
        "type": "object",
        "nullable": True,
        "additionalProperties": False,
        "description": "The article's image (1280×720 and a 800×450 thumbnail); null without one.",
        "required": ["alt", "url", "width", "height", "thumbnail"],
        "properties": {"alt": {"type": "string"}, **RENDITION["properties"], "thumbnail": RENDITION},
    },
    "External": {
        "type": "object",
        "nullable": True,
        "additionalProperties": False,
        "description": "An item published on another site (meta.html_url is that address); null otherwise.",
        "required": ["url", "source", "kind"],
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "source": {"type": "string", "example": "iBestuur"},
            "kind": {"type": "string", "example": "Blog"},
        },
    },
    "Tag": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "slug"],
        "properties": {"name": {"type": "string"}, "slug": {"type": "string"}},
    },
    "Block": {
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "value", "id"],
        "description": (
            "A body block. `paragraph`: HTML with absolute links; `section`: {heading, content: [Block]}; "
            "`quote`: {text, name, role}; `image`: {image: {id, url, width, height}, alt_text, decorative, "
            "caption}."
        ),
        "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
    },
    "ArticleSummary": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "meta"],
        "properties": SUMMARY,
    },
    "Article": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "meta",
            "title",
            "date",
            "teaser",
            "intro",
            "image",
            "tags",
            "external",
            "updated_at",
        ],  # body: unless ?fields=-body
        "properties": {
            **SUMMARY,
            "body": {"type": "array", "items": {"$ref": "#/components/schemas/Block"}},
        },
    },
    "ArticleList": {
        "type": "object",
        "additionalProperties": False,
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}},
        },
    },
}


def document(request) -> dict:
    root = site_root_url(request) or ""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Nieuwsroom syndicatie-API",
            "version": API_VERSION,
            "description": (
                "Read-only news articles for partner sites. Only visible articles: drafts, private and expired "
                "articles do not exist here. Open to other origins (CORS), no authentication."
            ),
            "contact": {"name": "Nieuwsroom", "url": root + "/"},
        },
        "servers": [{"url": f"{root}/api/v2"}],
        "paths": {
            "/articles/": {
                "get": {
                    "operationId": "listArticles",
                    "summary": "Visible articles, newest first",
                    "parameters": LIST_PARAMETERS,
                    "responses": {"200": ok("ArticleList", "A page of articles."), "400": ERRORS["400"]},
                }
            },
            "/articles/{id}/": {
                "get": {
                    "operationId": "getArticle",
                    "summary": "One article with its body",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                        query("fields", "Fields to leave out (`-body`).", {"type": "string"}),
                        LANGUAGE,
                    ],
                    "responses": {"200": ok("Article", "The article."), **ERRORS},
                }
            },
            "/articles/find/": {
                "get": {
                    "operationId": "findArticle",
                    "summary": "Look an article up by its address or id",
                    "parameters": [
                        query("html_path", "The article's path on the site.", {"type": "string"}),
                        query("id", "The article's id.", {"type": "integer"}),
                        LANGUAGE,
                    ],
                    "responses": {
                        "302": {
                            "description": "Redirect to the article's detail.",
                            "headers": {
                                **VERSION_HEADER,
                                "Location": {"schema": {"type": "string", "format": "uri"}},
                            },
                        },
                        **ERRORS,
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenAPI",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document.",
                            "headers": VERSION_HEADER,
                            "content": {JSON: {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "headers": {
                "API-Version": {
                    "description": "The full version of the API (semantic versioning).",
                    "schema": {"type": "string", "example": API_VERSION},
                }
            },
        },
    }


@require_safe
def openapi_json(request):
    response = JsonResponse(document(request), json_dumps_params={"ensure_ascii": False})
    response["API-Version"] = API_VERSION
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "API-Version"
    return response
