"""``recoupe_mentions``: named-entity mentions from the model's NER, repaired.

The French model's NER is good on plain names and systematically wrong in a few
ways on news copy; this component keeps its PER/ORG/LOC/MISC entities and fixes:

- an entity that runs over a line break (a title line glued to the next paragraph)
  is cut at the break, and each piece is kept on its own;
- titles, roles and determiners are left out of the span and the key, so the span is
  the name as printed ("M. Lemaire" -> "Lemaire"); a MISC entity led by a common
  noun keeps its capitalised part ("missiles Patriot" -> "Patriot");
- an entity that swallows the person named after an institution ("<seat> Jane Doe")
  is split into the institution and a PER mention, when the head is a known seat or
  an entity of the same document and the tail has the shape of first name + surname;
- institutions named by their seat (``seats`` resource) are typed ORG;
- labels agree within a document: a key takes its majority label (one sense per
  discourse), which also types the pieces cut out above;
- junk is dropped: empty keys (a title alone), page furniture (``titles.not_names``),
  stray single letters, pure punctuation, anything in a blanked (non-body) region;
- a capitalised name right after an honorific or a role that the NER missed
  ("M. X", "le ministre Y") is added, as PER unless the document types it otherwise.

Metonymy is left alone: a capital city used for its government stays LOC.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from recoupe.model import Mention
from recoupe.resources import load

from .doc import doc_text, outputs, source_text, span_of
from .names import (
    is_not_name,
    is_portfolio,
    name_bounds,
    normalise_key,
    role_before,
    seat_key,
    title_regex,
)

LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
# A capitalised word that may be part of a person's name: "Jean-Luc", "O'Neil", "Lemaire".
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*")
_RUN_GAP = re.compile(r"[ \t]+")
_LOWER_WORD = re.compile(r"[^\W\d_]+(?=[ \t]+)")
_INITIAL_NEXT = re.compile(r"[ \t]*[A-ZÀ-Ý]")
_WORD_START = re.compile(r"(?<!\w)[^\W\d_]")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    label: str
    key: str
    trusted: bool = True  # typed by the NER as a whole, not cut out of a larger entity


@Language.factory(
    "recoupe_mentions",
    default_config={"lang": "fr"},
    requires=["doc.ents"],
    assigns=["doc._.recoupe_mentions"],
)
def make_mentions(nlp: Language, name: str, lang: str) -> MentionFinder:
    """Create the ``recoupe_mentions`` component for resource language ``lang``."""
    return MentionFinder(lang=lang)


class MentionFinder:
    """Turn ``doc.ents`` into repaired ``Mention`` records in ``doc._.recoupe_mentions``."""

    def __init__(self, *, lang: str = "fr") -> None:
        self.lang = lang
        self.titles = title_regex(lang)
        self.name_participles = frozenset(load(lang, "titles").get("name_participles", ()))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        source = source_text(doc)
        found: list[_Candidate] = []
        for ent in doc.ents:
            if ent.label_ not in LABELS or _masked(text, source, ent.start_char, ent.end_char):
                continue
            if self._inside_title(text, ent.start_char):
                continue  # "secrétaire d'État", "chefs d'État africains"
            if is_portfolio(ent.text, self.lang) and role_before(text, ent.start_char, self.lang):
                continue  # "ministre des |Transports|"
            pieces = [_without_participle(piece, self.name_participles) for piece in _pieces(ent)]
            for piece in pieces:
                trusted = len(pieces) == 1
                cand = self._candidate(
                    doc, text, piece.start_char, piece.end_char, ent.label_, trusted=trusted
                )
                if cand is not None:
                    found.append(cand)
        known = Counter(c.key for c in found)
        found = [piece for c in found for piece in self._split_swallowed(text, c, known)]
        found.extend(self._after_titles(text, source, found))
        found.extend(self._known_names(doc, text, source, found))
        mentions = outputs(doc, "recoupe_mentions")
        for cand in self._harmonise(found):
            mentions.append(
                Mention(span=span_of(doc, cand.start, cand.end), label=cand.label, key=cand.key)
            )
        return doc

    def _inside_title(self, text: str, start: int) -> bool:
        """Whether ``start`` falls inside a title or role phrase (not at its first letter)."""
        window = max(0, start - 40)
        return any(
            m.start() < start < m.end() for m in self.titles.finditer(text, window, start + 20)
        )

    def _candidate(
        self, doc: Doc, text: str, a: int, b: int, label: str, *, trusted: bool
    ) -> _Candidate | None:
        """The mention inside ``text[a:b]``, titles and determiners left out; None for junk."""
        s, e = name_bounds(text[a:b], self.lang)
        start, end = a + s, a + e
        if label == "MISC" and start < end and text[start].islower():
            # "missiles Patriot", "réseau X": the common noun describes the name that follows
            upper = next(
                (m.start() for m in _WORD_START.finditer(text, start, end) if m.group().isupper()),
                None,
            )
            if upper is not None:
                start = upper
        if end <= start:
            return None
        name = text[start:end]
        key = normalise_key(name, self.lang)
        if not key or is_not_name(key, self.lang) or not any(c.isalpha() for c in name):
            return None
        if len(name) == 1 and not _lone_letter_is_name(doc, text, start, end):
            return None
        return _Candidate(start=start, end=end, label=label, key=key, trusted=trusted)

    def _split_swallowed(
        self, text: str, cand: _Candidate, known: Counter[str]
    ) -> list[_Candidate]:
        """Split "<institution> First Last" into the institution and a PER mention."""
        words = list(_NAME_WORD.finditer(text, cand.start, cand.end))
        if len(words) < 3:
            return [cand]
        for size in (2, 3):
            if len(words) - size < 1:
                break
            tail = words[-size:]
            if not all(_title_case(w.group()) for w in tail):
                continue
            head_end = words[-size - 1].end()
            head_key = normalise_key(text[cand.start : head_end], self.lang)
            if not head_key or head_key == cand.key:
                continue
            if seat_key(head_key, self.lang) or known.get(head_key, 0) > 0:
                tail_start = tail[0].start()
                head = replace(cand, end=head_end, key=head_key, trusted=False)
                person = _Candidate(
                    start=tail_start,
                    end=cand.end,
                    label="PER",
                    key=normalise_key(text[tail_start : cand.end], self.lang),
                    trusted=False,
                )
                return [head, person]
        return [cand]

    def _after_titles(self, text: str, source: str, found: list[_Candidate]) -> list[_Candidate]:
        """Names the NER missed right after an honorific or a role ("M. X", "le ministre X")."""
        taken = sorted((c.start, c.end) for c in found)
        labels = {c.key: c.label for c in found if c.trusted}
        added: list[_Candidate] = []
        for m in self.titles.finditer(text):
            start = _name_after(text, m.end())
            if start is None or _covered(taken, start):
                continue
            end = pos = start
            for _ in range(3):
                word = _NAME_WORD.match(text, pos)
                if word is None or not _title_case(word.group()):
                    break
                end = word.end()
                gap = _RUN_GAP.match(text, end)
                if gap is None:
                    break
                pos = gap.end()
            if end <= start or _masked(text, source, start, end):
                continue
            key = normalise_key(text[start:end], self.lang)
            if not key or is_not_name(key, self.lang) or seat_key(key, self.lang):
                continue
            if name_bounds(text[start:end], self.lang) != (0, end - start):
                continue  # a role complement ("des Affaires étrangères"), not a name
            added.append(_Candidate(start=start, end=end, label=labels.get(key, "PER"), key=key))
            taken.append((start, end))
        return added

    def _known_names(
        self, doc: Doc, text: str, source: str, found: list[_Candidate]
    ) -> list[_Candidate]:
        """Capitalised words the NER missed that spell a name it found elsewhere in the document."""
        known: dict[str, str] = {}
        for cand in found:
            if not cand.trusted or len(cand.key) < 2:
                continue
            if " " not in cand.key:
                known.setdefault(cand.key, cand.label)
            elif cand.label == "PER":
                # a person named in full is later named by the surname alone
                known.setdefault(cand.key.rsplit(" ", 1)[1], "PER")
        if not known:
            return []
        taken = sorted((c.start, c.end) for c in found)
        added = []
        for token in doc:
            if not token.is_title or token.is_stop or len(token) < 2:
                continue
            start, end = token.idx, token.idx + len(token)
            key = normalise_key(token.text, self.lang)
            if (
                key in known
                and not _overlaps(taken, start, end)
                and not _masked(text, source, start, end)
            ):
                added.append(_Candidate(start=start, end=end, label=known[key], key=key))
        return added

    def _harmonise(self, found: list[_Candidate]) -> list[_Candidate]:
        """Give each key one label per document: ORG for seats, else the majority label."""
        votes: dict[str, Counter[str]] = {}
        for cand in found:
            if cand.trusted:
                votes.setdefault(cand.key, Counter())[cand.label] += 1
        out = []
        for cand in sorted(found, key=lambda c: (c.start, c.end)):
            label = cand.label
            if seat_key(cand.key, self.lang):
                label = "ORG"
            elif cand.key in votes:
                ranked = [*votes[cand.key].most_common(2), ("", 0)]
                if ranked[0][1] > ranked[1][1]:
                    label = ranked[0][0]
            out.append(cand if label == cand.label else replace(cand, label=label))
        return out


def _without_participle(piece: Span, keep: frozenset[str]) -> Span:
    """``piece`` without a trailing past participle that describes the name: "le Pont
    Saint-Clair tagué" -> "Pont Saint-Clair"; "Nations unies" keeps its (listed) participle."""
    last = piece[-1] if len(piece) else None
    if (
        last is None
        or len(piece) < 3
        or not last.is_lower
        or last.pos_ != "VERB"
        or "Part" not in last.morph.get("VerbForm", [])
        or last.lower_ in keep
    ):
        return piece
    return piece[:-1]


def _pieces(ent: Span) -> list[Span]:
    """``ent`` cut at line breaks and sentence starts: an entity never spans two of either.

    A piece that is one stop word ("X. Puis" -> "Puis") is no name and is dropped.
    """
    pieces: list[Span] = []
    first = ent.start
    for token in ent:
        if token.i > first and (token.is_sent_start or "\n" in token.text):
            pieces.append(ent.doc[first : token.i])
            first = token.i + 1 if token.is_space else token.i
    pieces.append(ent.doc[first : ent.end])
    kept = []
    for piece in pieces:
        words = [t for t in piece if not t.is_space]
        if not words or (len(pieces) > 1 and len(words) == 1 and words[0].is_stop):
            continue
        kept.append(piece.doc[words[0].i : words[-1].i + 1])
    return kept


def _masked(text: str, source: str, start: int, end: int) -> bool:
    """Whether any character of ``[start, end)`` was blanked out of the body (page debris)."""
    if text is source:
        return False
    return any(text[i] == " " and not source[i].isspace() for i in range(start, end))


def _title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:])


def _lone_letter_is_name(doc: Doc, text: str, start: int, end: int) -> bool:
    """A one-letter name ("X") is a capital inside a sentence, not an initial or an elision."""
    if not text[start].isupper() or text[end : end + 1] in ("'", "’"):
        return False
    if text[end : end + 1] == "." and _INITIAL_NEXT.match(text, end + 1):
        return False  # "J. Dupont"
    token = doc.char_span(start, end, alignment_mode="expand")
    return token is not None and not token[0].is_sent_start


def _name_after(text: str, pos: int) -> int | None:
    """Where a capitalised name starts after a title ending at ``pos``, skipping one or two
    lowercase adjectives ("le président russe X"); None when something else follows."""
    for _ in range(3):
        gap = _RUN_GAP.match(text, pos)
        if gap is None:
            return None
        pos = gap.end()
        if text[pos : pos + 1].isupper():
            return pos
        word = _LOWER_WORD.match(text, pos)
        if word is None or len(word.group()) < 4:
            return None  # short words are determiners and prepositions: "le ministre de la X"
        pos = word.end()
    return None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in taken)


def _covered(taken: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in taken)
