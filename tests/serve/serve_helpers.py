"""Helpers of the web view's tests: hostile records, an in-process client over a store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# Payloads in every field a record can carry. Outlets, names and events are invented.
XSS = {
    "title": "<script>alert('title')</script>Grève au port de Brivel",
    "outlet": "<img src=x onerror=alert('outlet')>Le Guetteur",
    "js_url": "javascript:alert('url')",
    "data_url": "data:text/html,<script>alert('data')</script>",
    "quote_url": "https://exemple.fr/a\" onmouseover=\"alert('attr')",
    "text": "</textarea><svg onload=alert('text')>",
    "quote": "<b onclick=alert('quote')>Nous refusons</b>",
}
PAYLOAD_MARKS = ("alert(",)


def xss_records() -> list[dict[str, str]]:
    """Three French reports of one invented strike, each field holding a payload."""
    body = (
        "Les agents du port de Brivel ont cessé le travail lundi {tail}. "
        "« {quote} », a déclaré Jeanne Morvan, secrétaire du syndicat des agents portuaires. "
        "Selon la direction du port, 120 navires attendent au large de Brivel. "
        "Le préfet Alain Kerbrat a appelé à la reprise du dialogue mardi. {text}"
    )
    outlets = (XSS["outlet"], "Le Courrier de Brivel", "Radio Brivel <i>direct</i>")
    urls = (XSS["js_url"], XSS["data_url"], XSS["quote_url"])
    return [
        {
            "id": f"brivel-{i}",
            "title": XSS["title"] + f" ({i})",
            "outlet": outlets[i],
            "url": urls[i],
            "published": f"2025-06-0{i + 2}",
            "text": body.format(tail=f"matin ({i})", quote=XSS["quote"], text=XSS["text"]),
        }
        for i in range(3)
    ]


def make_client(url: str):
    from fastapi.testclient import TestClient

    from recoupe.serve import create_app
    from recoupe.store import open_store

    store = open_store(url, create=False)
    client = TestClient(create_app(store))
    return client, store


@contextmanager
def served(url: str) -> Iterator:
    """An in-process client of the web view over the store at ``url``, closed after."""
    made, store = make_client(url)
    try:
        with made:
            yield made
    finally:
        store.close()
