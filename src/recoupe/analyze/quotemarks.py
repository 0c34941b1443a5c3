"""Find quoted passages by their quote marks, paragraph by paragraph, in the original text.

Quote marks are read from the article text as written (the Doc folds ``’`` to ``'``,
so the Doc text cannot tell a closing single quote from an apostrophe). Rules:

- asymmetric pairs (« », “ ”, „ “, ‹ ›) nest; only the outermost passage is kept
  (a quotation inside a quotation belongs to the outer speaker's words);
- the straight double quote opens when none is pending and closes otherwise; one
  standing after a word with no opening pending (an inch mark) is ignored;
- a mark that doubles as an apostrophe (’ and ') closes only when its opening mark
  is pending and no letter follows it, and the straight ' opens only after a space;
- single quotes (' and ‘) are soft: they hold no other quote, and one left open is
  dropped (an apostrophe after a space, "les '90");
- a passage still open at the end of its paragraph is closed where a quotation inside it
  closed before an incise ("« ... «inner», a-t-il dit"; one mark ended both), else at
  the paragraph's last non-space character, reported with ``closed=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

APOSTROPHES = frozenset("'’")
# Opening marks that may be apostrophes or typos: they never hold other quotes and are
# dropped, not run to the paragraph's end, when left open.
SOFT = frozenset("'‘")


@dataclass(frozen=True, slots=True)
class Marked:
    """A passage between quote marks: ``[start, end)`` with the marks, the content inside."""

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool


@cache
def _marks_re(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    chars = sorted({c for pair in pairs for c in pair})
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the non-blank lines of ``text``, in order."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def find_marked(
    text: str,
    pairs: tuple[tuple[str, str], ...],
    *,
    spans: list[tuple[int, int]] | None = None,
    visible: str | None = None,
) -> list[Marked]:
    """The outermost quoted passages of ``text`` (within ``spans``, its paragraphs by default).

    ``visible`` is a same-length copy of ``text`` with masked regions blanked: a mark
    that is blank there (page debris) is not read.
    """
    found: list[Marked] = []
    pattern = _marks_re(pairs)
    closers: dict[str, set[str]] = {}
    for opening, closing in pairs:
        closers.setdefault(opening, set()).add(closing)
    for p_start, p_end in paragraphs(text) if spans is None else spans:
        found += _scan(text, pattern, closers, p_start, p_end, visible)
    return found


def _scan(
    text: str,
    pattern: re.Pattern[str],
    closers: dict[str, set[str]],
    p_start: int,
    p_end: int,
    visible: str | None,
) -> list[Marked]:
    # the outermost passages of one paragraph, or of its rest after a passage whose
    # outer mark was closed by an inner one
    found: list[Marked] = []
    stack: list[tuple[str, int]] = []
    inner: list[int] = []  # closing marks of a quotation inside the outermost one
    for m in pattern.finditer(text, p_start, p_end):
        i, c = m.start(), m.group()
        if visible is not None and visible[i].isspace():
            continue
        before = text[i - 1] if i > p_start else " "
        after = text[i + 1] if i + 1 < p_end else " "
        depth = _closes(stack, closers, c)
        if depth is not None and _can_close(c, before, after):
            start = stack[depth][1]
            del stack[depth:]  # an inner mark left open closes with its outer one
            if not stack:
                found.append(_passage(text, start, i + 1, closed=True))
                inner = []
            elif len(stack) == 1:
                inner.append(i)
            continue
        if (c in SOFT and before.isalnum()) or (c == "’" and not before.isspace()):
            continue  # an apostrophe: l'Ukraine, aujourd’hui, Jones', l‘an (a typo)
        if c in closers and _can_open(c, before, after):
            if any(c == opening for opening, _ in stack) and c == '"':
                continue
            if c not in SOFT:  # a pending single quote was an apostrophe ("les '90")
                stack = [s for s in stack if s[0] not in SOFT]
            stack.append((c, i))
    stack = [s for s in stack if s[0] not in SOFT]  # never run a single quote on
    if not stack:
        return found
    start = stack[0][1]
    shared = next((i for i in inner if i > start and _incise_follows(text, i + 1, p_end)), None)
    if shared is not None:
        # « ... «inner», a-t-il dit. «Next» ...: one closing mark ended both quotations
        found.append(_passage(text, start, shared + 1, closed=True))
        return found + _scan(text, pattern, closers, shared + 1, p_end, visible)
    end = p_end
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    found.append(_passage(text, start, end, closed=False))
    return found


def _incise_follows(text: str, pos: int, end: int) -> bool:
    # a comma, then a lower-case word: "», peut-on lire", "», a-t-il ajouté"
    rest = text[pos : min(pos + 40, end)].lstrip()
    if not rest.startswith(","):
        return False
    word = rest[1:].lstrip()
    return word[:1].isalpha() and word[:1].islower()


def _closes(stack: list[tuple[str, int]], closers: dict[str, set[str]], c: str) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if c in closers[stack[depth][0]]:
            return depth
    return None


def _can_close(c: str, before: str, after: str) -> bool:
    if c in APOSTROPHES:
        return not after.isalpha() and not before.isspace()
    if c == '"':
        # a straight quote closes after a word or punctuation, not before one it opens
        return not (before.isspace() and not after.isspace())
    return True


def _can_open(c: str, before: str, after: str) -> bool:
    if after.isspace() and c in "\"'":
        return False
    if c == '"':
        return not before.isalnum()
    if c == "'":
        return before.isspace() or before in "([—–-"
    return True


def _passage(text: str, start: int, end: int, *, closed: bool) -> Marked:
    c_start = start + 1
    c_end = end - 1 if closed else end
    while c_start < c_end and text[c_start].isspace():
        c_start += 1
    while c_end > c_start and text[c_end - 1].isspace():
        c_end -= 1
    return Marked(start=start, end=end, content_start=c_start, content_end=c_end, closed=closed)
