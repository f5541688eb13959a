"""The API described: /api/v2/openapi.json is a valid OpenAPI 3.0 document, real answers match it, errors
are problem details in Dutch or English, and every answer names the API's version."""

import datetime

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from tests.factories import ArticlePageFactory, ImageFactory

LIST = "/api/v2/articles/"
OPENAPI = "/api/v2/openapi.json"


@pytest.fixture
def spec(client, db):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def articles(news_index):
    image = ImageFactory()
    first = ArticlePageFactory(
        parent=news_index,
        title="Schuldhulp in de wijk",
        date=datetime.date(2024, 3, 1),
        tags=["geld"],
        image=image,
        image_alt="Een loket",
        body=[
            ("paragraph", "<p>Tekst</p>"),
            ("quote", {"text": "Samen.", "name": "An", "role": "wethouder"}),
        ],
    )
    ArticlePageFactory(parent=news_index, title="Jeugdzorg", date=datetime.date(2024, 2, 1))
    return first


def conforms(spec: dict, response, template: str) -> None:
    """`response` is one the document describes for GET `template`, with a body its schema accepts."""
    operation = spec["paths"][template]["get"]
    described = operation["responses"].get(str(response.status_code))
    assert described, f"{template} does not describe status {response.status_code}"
    assert response["API-Version"] == spec["info"]["version"]
    if response.status_code == 302:
        assert response["Location"]
        return
    content_type = response["Content-Type"].split(";")[0]
    assert content_type in described["content"], (content_type, list(described["content"]))
    schema = {**described["content"][content_type]["schema"], "components": spec["components"]}
    errors = [error.message for error in OAS30Validator(schema).iter_errors(response.json())]
    assert not errors, errors


def test_the_document_is_valid_openapi_3_and_names_the_version_of_the_answers(client, spec):
    validate(spec)  # raises on any fault

    assert spec["openapi"].startswith("3.0.")
    assert client.get(OPENAPI)["API-Version"] == spec["info"]["version"]
    assert spec["servers"] == [{"url": "http://localhost/api/v2"}]
    assert {p["name"] for p in spec["paths"]["/articles/"]["get"]["parameters"]} >= {"tag", "search", "limit"}


@pytest.mark.parametrize(
    ("path", "template", "params"),
    [
        (LIST, "/articles/", {}),
        (LIST, "/articles/", {"tag": "geld"}),
        (LIST, "/articles/", {"search": "schuldhulp", "search_operator": "or"}),
        (LIST, "/articles/", {"fields": "*", "limit": 1, "offset": 1}),
        (LIST, "/articles/", {"fields": "intro,-tags,-image", "order": "title"}),
        (LIST, "/articles/", {"limit": 21}),
        (LIST, "/articles/", {"onbekend": "1"}),
        (LIST, "/articles/", {"date": "2024-13-45"}),
        (LIST, "/articles/", {"search": "zorg", "search_operator": "xor"}),
        ("{article}", "/articles/{id}/", {}),
        ("{article}", "/articles/{id}/", {"fields": "-body"}),
        (f"{LIST}999999/", "/articles/{id}/", {}),
        (f"{LIST}find/", "/articles/find/", {"html_path": "/nieuws/schuldhulp-in-de-wijk/"}),
        (f"{LIST}find/", "/articles/find/", {"id": "abc"}),
        (f"{LIST}find/", "/articles/find/", {"html_path": "/nieuws/bestaat-niet/"}),
    ],
)
def test_real_answers_match_the_description(client, spec, articles, path, template, params):
    url = f"{LIST}{articles.pk}/" if path == "{article}" else path

    conforms(spec, client.get(url, params), template)


def test_an_undescribed_field_would_be_caught(client, spec, articles):
    """The schemas are closed: a field the document does not name makes the check fail."""
    data = client.get(f"{LIST}{articles.pk}/").json()
    data["geheim"] = "x"
    schema = {"$ref": "#/components/schemas/Article", "components": spec["components"]}

    assert not OAS30Validator(schema).is_valid(data)


@pytest.mark.parametrize(
    ("accept_language", "language", "title", "detail"),
    [
        (None, "nl", "Ongeldig verzoek", "limit mag niet hoger zijn dan 20"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl", "Ongeldig verzoek", "limit mag niet hoger zijn dan 20"),
        ("en-GB,en;q=0.9", "en", "Bad request", "limit cannot be higher than 20"),
        ("de-DE,en;q=0.5,nl;q=0.4", "en", "Bad request", "limit cannot be higher than 20"),
        ("fr", "nl", "Ongeldig verzoek", "limit mag niet hoger zijn dan 20"),
    ],
)
def test_errors_are_problem_details_in_the_language_asked_for(
    client, news_index, accept_language, language, title, detail
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    response = client.get(LIST, {"limit": 21}, **headers)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]
    assert response.json() == {
        "type": "about:blank",
        "title": title,
        "status": 400,
        "detail": detail,
        "instance": LIST,
        "message": "limit cannot be higher than 20",
    }


def test_not_found_and_wrong_method_are_problem_details_too(client, news_index):
    missing = client.get(f"{LIST}999999/", HTTP_ACCEPT_LANGUAGE="en")
    posted = client.post(LIST, {})

    assert (missing.status_code, missing.json()["title"], missing.json()["detail"]) == (
        404,
        "Not found",
        "There is no article at this address.",
    )
    assert posted.status_code == 405 and posted["Content-Type"] == "application/problem+json"
    assert posted.json()["title"] == "Methode niet toegestaan"
    assert posted["API-Version"] and posted["Access-Control-Allow-Origin"] == "*"


def test_partner_sites_may_read_the_version_from_the_browser(client, news_index):
    response = client.get(LIST)

    assert response["API-Version"].count(".") == 2 and response["API-Version"].startswith("2.")
    assert response["Access-Control-Expose-Headers"] == "API-Version"
