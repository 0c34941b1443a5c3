"""The words before a date expression, read backwards: the same as a regex over the text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from recoupe.analyze.date_roles import _last_word

_WORD = re.compile(r"[\w'’-]+$")


def _by_regex(text: str, end: int, strip: str) -> tuple[int, int] | None:
    """The former reading: a regex anchored at the end of the stripped text before ``end``."""
    match = _WORD.search(text[:end].rstrip().rstrip(strip).rstrip())
    return (match.start(), match.end()) if match else None


_TEXT = st.text(alphabet=st.sampled_from("ab é9_'’-,.; \n\u00a0«»"), max_size=40)


@given(_TEXT, st.integers(min_value=0, max_value=45), st.sampled_from(["", ",", ",;"]))
def test_last_word_reads_what_the_regex_read(text: str, end: int, strip: str) -> None:
    end = min(end, len(text))
    assert _last_word(text, end, strip) == _by_regex(text, end, strip)


def test_last_word_of_a_sentence() -> None:
    text = "Le maire a parlé de l'accord, samedi"
    assert _last_word(text, text.index("samedi"), ",") == (20, 28)  # "l'accord"
    assert _last_word("  ", 2, "") is None
