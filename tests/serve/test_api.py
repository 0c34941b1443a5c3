"""The JSON API: every route walked against its OpenAPI description, lists, the dossier."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import quote

import pytest

from recoupe import export
from recoupe.serve.api import EXPORTS, add_selectors

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
        content = get["responses"]["200"]["content"]
        for url in _filled(path, get, params):
            response = client.get(url)
            assert response.status_code == 200, url
            media = response.headers["content-type"]
            assert media in content, url
            if media == "application/json":
                check(response.json(), content[media]["schema"], spec, url)
            else:
                assert response.text, url
            walked += 1
    assert walked == 9 + len(EXPORTS)


def _filled(path: str, get: dict, params: dict[str, str]) -> list[str]:
    """The path with its parameters filled in, once per value of an enumerated one."""
    enums = {
        p["name"]: p["schema"]["enum"]
        for p in get.get("parameters", [])
        if p["in"] == "path" and "enum" in p.get("schema", {})
    }
    if not enums:
        return [path.format(**params)]
    ((name, values),) = enums.items()
    return [path.format(**params, **{name: value}) for value in values]


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
        quote_sel, position = span["selector"]
        assert quote_sel["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        text = texts[span["doc"]]
        assert (
            quote_sel["exact"]
            == text[span["start"] : span["end"]]
            == span.get("text", quote_sel["exact"])
        )
        assert (position["start"], position["end"]) == (span["start"], span["end"])
        assert text[: span["start"]].endswith(quote_sel["prefix"])
        assert text[span["end"] :].startswith(quote_sel["suffix"])


def evidence_spans(value: Any):
    if isinstance(value, list):
        for item in value:
            yield from evidence_spans(item)
    elif isinstance(value, dict):
        if {"doc", "start", "end"} <= value.keys():
            yield value
            return
        for item in value.values():
            yield from evidence_spans(item)


def test_selectors_are_added_to_every_span_but_the_documents_own() -> None:
    value = {
        "facts": [{"evidence": [{"doc": "a", "start": 0, "end": 4, "text": "Hier"}]}],
        # a divergence cites the fact's span by its offsets alone
        "divergences": [{"sides": [{"evidence": [{"doc": "a", "start": 0, "end": 4}]}]}],
    }
    add_selectors(value, {"a": "Hier soir."})
    for span in (
        value["facts"][0]["evidence"][0],
        value["divergences"][0]["sides"][0]["evidence"][0],
    ):
        assert span["selector"][1] == {"type": "TextPositionSelector", "start": 0, "end": 4}
    stray = {"doc": "unknown", "start": 0, "end": 1, "text": "x"}
    add_selectors(stray, {"a": "Hier"})
    assert "selector" not in stray
    outside = {"doc": "a", "start": 2, "end": 99}
    add_selectors(outside, {"a": "Hier"})
    assert "selector" not in outside


def test_a_story_exports_every_table_claim_and_event(client, ids) -> None:
    cat = client.app.state.catalogue
    dossier = cat.dossiers.get(cat.story(ids["story_id"])).dossier
    base = f"/api/v1/stories/{quote(ids['story_id'], safe='')}/export"
    facts = client.get(f"{base}/facts.csv")
    assert facts.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="{ids["story_id"]}.facts.csv"' in facts.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(facts.text.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(dossier.facts)
    claimed = json.loads(client.get(f"{base}/claims.jsonld").text)
    assert claimed == json.loads(export.claims(dossier))
    lines = client.get(f"{base}/events.jsonl").text.splitlines()
    assert lines == export.events(dossier).splitlines()
    assert all(json.loads(line) for line in lines)
    assert client.get(f"{base}/report.pdf").status_code == 422
    assert client.get("/api/v1/stories/nothing-here/export/facts.csv").status_code == 404


def test_the_stories_list_as_csv_takes_the_lists_filters(client, ids) -> None:
    whole = client.get("/api/v1/stories.csv")
    assert whole.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(whole.text.lstrip("\ufeff"))))
    listed = client.get("/api/v1/stories", params={"per_page": 200}).json()
    assert [r[0] for r in rows[1:]] == [s["id"] for s in listed["items"]]
    small = client.get("/api/v1/stories.csv", params={"max_size": 4}).text.lstrip("\ufeff")
    assert [r[0] for r in list(csv.reader(io.StringIO(small)))[1:]] == [ids["small_story"]]
