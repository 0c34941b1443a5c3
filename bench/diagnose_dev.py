"""Show where a dossier loses points against a gold: dates, quotes, speakers, entities, support.

Usage:
    python bench/diagnose_dev.py DOSSIER.json --gold GOLD.json --corpus DIR [--only dates,support]

The shared scorer prints figures; this prints the items behind them, so that a rule
can be checked against what it actually gets wrong (gold fact with the date given,
quotes missed or invented, speakers named wrongly, entity variants split apart).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show_dates(sc, gold, dossier, corpus) -> None:
    facts = [
        (f, [s for ev in f.get("evidence", []) if (s := dossier.span(ev, "fact"))])
        for f in dossier.facts
    ]
    for g in gold.get("facts", []):
        if not g.get("date"):
            continue
        gsp = sc.gold_spans(corpus, g["support"], g["id"], [])
        best = None
        for f, spans in facts:
            docs = {s[0] for s in spans if any(sc.matches(gs, s) for gs in gsp)}
            if docs and (best is None or len(docs) > len(best[1])):
                best = (f, docs)
        if best is None or best[0].get("date") == g["date"]:
            continue
        got = best[0].get("date")
        print(f"date {g['id']}: gold {g['date']} system {got}  {_clip(g['statement'])}")
        print(f"      system fact: {_clip(best[0].get('statement', ''))}")


def show_support(sc, gold, dossier, corpus) -> None:
    """Gold facts whose best system fact leaves out some of the articles that report them."""
    facts = [
        (f, [s for ev in f.get("evidence", []) if (s := dossier.span(ev, "fact"))])
        for f in dossier.facts
    ]
    for g in gold.get("facts", []):
        gsp = sc.gold_spans(corpus, g["support"], g["id"], [])
        gdocs = {d for d, _, _ in gsp}
        best = None
        for f, spans in facts:
            docs = {s[0] for s in spans if any(sc.matches(gs, s) for gs in gsp)}
            if docs and (best is None or len(docs) > len(best[1])):
                best = (f, docs)
        if best is None or best[1] >= gdocs:
            continue
        print(f"support {g['id']}: {len(best[1])}/{len(gdocs)} {_clip(g['statement'], 90)}")
        print(f"      best: {best[0].get('id')} {_clip(best[0].get('statement', ''), 90)}")
        for doc, start, end in gsp:
            if doc not in best[1]:
                where = [
                    f.get("id")
                    for f, spans in facts
                    if any(sc.matches((doc, start, end), s) for s in spans)
                ]
                text = _clip(corpus.text[doc][start:end], 80)
                print(f"      missing {doc} in {where or 'no fact'}: {text}")


def show_quotes(sc, gold, dossier, corpus) -> None:
    alias = {}
    for e in gold.get("entities", []):
        for v in [e["name"], *e.get("variants", [])]:
            alias[sc.norm_name(v)] = sc.norm_name(e["name"])
    sys_q = []
    for q in dossier.quotes:
        s = dossier.span(q, "quote")
        if s:
            sp = q.get("speaker")
            name = dossier.entities.get(sp, {}).get("name") if sp else q.get("speaker_name")
            sys_q.append((s, name, q))
    gold_locs = []
    for q in gold.get("quotes", []):
        loc = corpus.locate(q["doc"], q["quote"])
        if loc is None:
            continue
        span = (q["doc"], *loc)
        gold_locs.append(span)
        neutral = not q.get("speaker") and len(q["quote"].split()) <= 3
        hit = next(((name, sq) for s, name, sq in sys_q if sc.matches(span, s)), None)
        if hit is None:
            if not neutral:
                print(f"quote missed  {q['doc']}: «{_clip(q['quote'], 80)}» ({q.get('speaker')})")
            continue
        if q.get("speaker"):
            want = alias.get(sc.norm_name(q["speaker"]), sc.norm_name(q["speaker"]))
            got = alias.get(sc.norm_name(hit[0] or ""), sc.norm_name(hit[0] or ""))
            if got != want:
                print(
                    f"speaker wrong {q['doc']}: «{_clip(q['quote'], 60)}» gold {q['speaker']!r} "
                    f"system {hit[0]!r} ({hit[1].get('speaker_basis', hit[1].get('basis', ''))})"
                )
    for s, name, q in sys_q:
        if q.get("kind", "direct") not in ("direct", "partial"):
            continue
        if not any(sc.matches(g, s) or sc.matches(s, g) for g in gold_locs):
            text = _clip(q.get("text", ""), 80)
            print(f"quote extra   {s[0]}: «{text}» ({name}, {q.get('kind')})")


def show_entities(sc, gold, dossier) -> None:
    where: dict[str, set[str]] = {}
    for eid, e in dossier.entities.items():
        for m in e.get("mentions", []):
            where.setdefault(sc.norm_name(m.get("text", "")), set()).add(eid)
    for e in gold.get("entities", []):
        surfaces = {sc.norm_name(v) for v in [e["name"], *e.get("variants", [])]}
        ids = set().union(*(where.get(s, set()) for s in surfaces))
        if len(ids) == 1:
            continue
        if not ids:
            print(f"entity absent {e['name']} variants {e.get('variants')}")
            continue
        parts = []
        for eid in sorted(ids):
            names = sorted(s for s in surfaces if eid in where.get(s, set()))
            parts.append(f"{dossier.entities[eid].get('name')!r}<-{names}")
        print(f"entity split  {e['name']}: " + "; ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dossier")
    parser.add_argument("--gold", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--only", default="dates,quotes,entities")
    args = parser.parse_args(argv)
    sc = _scorer()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    corpus = sc.Corpus(args.corpus)
    dossier = sc.Dossier(json.loads(Path(args.dossier).read_text(encoding="utf-8")), corpus)
    parts = set(args.only.split(","))
    if "dates" in parts:
        show_dates(sc, gold, dossier, corpus)
    if "quotes" in parts:
        show_quotes(sc, gold, dossier, corpus)
    if "support" in parts:
        show_support(sc, gold, dossier, corpus)
    if "entities" in parts:
        show_entities(sc, gold, dossier)
    return 0


if __name__ == "__main__":
    sys.exit(main())
