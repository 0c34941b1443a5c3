"""The JSON API: every route walked against its OpenAPI description, lists, the dossier."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from recoupe.serve.api import add_selectors
from recoupe.serve.selectors import selectors

pytestmark = pytest.mark.model


def resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def check(value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str = "$") -> None:
    """A small JSON Schema check: types, required keys, properties and items."""
    schema = resolve(schema, spec)
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                check(value, option, spec, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{where}: matches no option: {errors}")
    kind = schema.get("type")
    if kind:
        assert isinstance(value, _TYPES[kind]), f"{where}: {type(value).__name__} is not {kind}"
        assert not (kind == "integer" and isinstance(value, bool)), where
    if "enum" in schema:
        assert value in schema["enum"], where
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            assert key in value, f"{where}: missing {key}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                check(value[key], sub, spec, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], spec, f"{where}[{i}]")


@pytest.fixture(scope="module")
def spec(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_description_lists_every_api_route(client, spec) -> None:
    from recoupe.serve import api

    served = {route.path.replace(":path}", "}") for route in api.router.routes}  # type: ignore[attr-defined]
    assert set(spec["paths"]) == served
    assert all(path.startswith("/api/v1/") for path in spec["paths"])


def test_every_route_answers_as_described(client, spec, ids) -> None:
    filled = {k: quote(v, safe="") for k, v in ids.items()}
    params = {"story_id": filled["story_id"], "article_id": filled["article_id"]}
    params |= {"name": filled["name"], "key": filled["key"]}
    walked = 0
    for path, operations in spec["paths"].items():
        get = operations["get"]
        response = client.get(path.format(**params))
        assert response.status_code == 200, path
        assert response.headers["content-type"] == "application/json", path
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        check(response.json(), schema, spec, path)
        walked += 1
    assert walked == 8


def test_every_list_is_paginated(client, spec) -> None:
    for path in ("/api/v1/stories", "/api/v1/articles", "/api/v1/outlets", "/api/v1/entities"):
        whole = client.get(path, params={"per_page": 200}).json()
        assert whole["total"] == len(whole["items"]) > 1, path
        pages, seen, number = [], [], 1
        while number is not None:
            page = client.get(path, params={"per_page": 1, "page": number}).json()
            assert len(page["items"]) == 1 and page["pages"] == whole["total"], path
            pages.append(page)
            seen.append(page["items"][0])
            number = page["next"]
        assert seen == whole["items"], path
        past = client.get(path, params={"per_page": 1, "page": whole["total"] + 1}).json()
        assert past["items"] == [] and past["next"] is None


def test_bad_parameters_are_refused(client) -> None:
    for query in ("from=yesterday", "per_page=0", "per_page=100000", "sort=x", "page=0"):
        response = client.get(f"/api/v1/stories?{query}")
        assert response.status_code == 422, query


def test_unknown_things_are_404_json(client) -> None:
    for path in ("stories/x", "articles/x", "outlets/x", "entities/x", "nothing"):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 404 and "detail" in response.json(), path


def test_story_filters_match_the_pages(client, ids) -> None:
    def found(**params: Any) -> list[str]:
        return [s["id"] for s in client.get("/api/v1/stories", params=params).json()["items"]]

    assert found(outlet=ids["name"]) == [ids["story_id"]]
    assert found(min_size=4) == [ids["story_id"]]
    assert found(max_size=4) == [ids["small_story"]]
    assert found(**{"from": "2099-01-01"}) == []
    assert found(sort="largest")[0] == ids["story_id"]
    assert found(language="fr", to="2099-01-01") != []


def test_the_dossier_is_the_analyze_contract_with_selectors(client, ids) -> None:
    from recoupe.report.json_contract import to_contract

    dossier = client.get(f"/api/v1/stories/{ids['story_id']}").json()
    built = client.app.state.catalogue.dossiers.get(
        client.app.state.catalogue.story(ids["story_id"])
    )
    assert set(dossier) == set(to_contract(built.dossier))
    texts = {a.id: a.text for a in built.dossier.articles}
    spans = list(evidence_spans({k: v for k, v in dossier.items() if k != "documents"}))
    assert len(spans) > 20
    for span in spans:
        quote_sel = span["selectors"]["TextQuoteSelector"]
        position = span["selectors"]["TextPositionSelector"]
        assert quote_sel["type"] == "TextQuoteSelector" and quote_sel["exact"] == span["text"]
        text = texts[span["doc"]]
        assert (position["start"], position["end"]) == (span["start"], span["end"])
        assert text[: span["start"]].endswith(quote_sel["prefix"])
        assert text[span["end"] :].startswith(quote_sel["suffix"])


def evidence_spans(value: Any):
    if isinstance(value, list):
        for item in value:
            yield from evidence_spans(item)
    elif isinstance(value, dict):
        if {"doc", "start", "end", "text"} <= value.keys():
            yield value
            return
        for item in value.values():
            yield from evidence_spans(item)


@pytest.mark.parametrize(
    ("start", "end", "exact", "prefix", "suffix"),
    [
        (0, 5, "Hier,", "", " le maire de Brivel a parlé."),
        (6, 8, "le", "Hier, ", " maire de Brivel a parlé."),
        (25, 32, "a parlé", "Hier, le maire de Brivel ", "."),
        (28, 99, "arlé.", "Hier, le maire de Brivel a p", ""),
    ],
)
def test_selectors_of_a_span(start, end, exact, prefix, suffix) -> None:
    text = "Hier, le maire de Brivel a parlé."
    found = selectors(text, start, end)
    assert found["TextQuoteSelector"] == {
        "type": "TextQuoteSelector",
        "exact": exact,
        "prefix": prefix,
        "suffix": suffix,
    }
    assert found["TextPositionSelector"]["start"] == start


def test_selectors_keep_a_bounded_context() -> None:
    text = "a" * 100 + "MOT" + "b" * 100
    found = selectors(text, 100, 103)["TextQuoteSelector"]
    assert found["exact"] == "MOT" and len(found["prefix"]) == len(found["suffix"]) == 32


def test_selectors_are_added_to_every_span_but_the_documents_own() -> None:
    value = {"facts": [{"evidence": [{"doc": "a", "start": 0, "end": 4, "text": "Hier"}]}]}
    add_selectors(value, {"a": "Hier soir."})
    span = value["facts"][0]["evidence"][0]
    assert span["selectors"]["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": 0,
        "end": 4,
    }
    stray = {"doc": "unknown", "start": 0, "end": 1, "text": "x"}
    add_selectors(stray, {"a": "Hier"})
    assert "selectors" not in stray
