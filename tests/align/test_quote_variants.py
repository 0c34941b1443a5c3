"""Quotation divergences: one statement printed in different words by different outlets."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import example, given, settings
from hypothesis import strategies as st

from recoupe.align import align, quote_variants


def _quotations(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "quotation"]


def _pair(build, quote_a: str, quote_b: str, *, speaker_b: str | None = "Jean Valmont"):
    a = build.article(
        f"Le maire de Brélia a pris la parole mardi. « {quote_a} », a dit Jean Valmont.",
        source="a.txt",
        quotes=[(quote_a, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER"), ("Brélia", "LOC")],
    )
    b = build.article(
        f"Devant la mairie, la foule attendait. « {quote_b} », a lancé Jean Valmont lundi soir.",
        source="b.txt",
        quotes=[(quote_b, speaker_b)],
        mentions=[("Jean Valmont", "PER")],
    )
    return a, b


def test_a_word_changed_in_one_quotation(build) -> None:
    a, b = _pair(
        build,
        "Les pilleurs n'auront pas le dernier mot dans cette ville",
        "Les pilleurs n'auront jamais le dernier mot dans cette ville",
    )
    (quotation,) = _quotations(align([a, b]))
    assert quotation.reason == "the outlets print different words for one quotation"
    assert len(quotation.sides) == 2
    # each side shows the sentence that prints the quotation
    assert all("Jean Valmont" in side.evidence[0].span.text for side in quotation.sides)


def test_a_quotation_cut_short(build) -> None:
    long = "Nous voulons la paix et du travail pour tous les habitants de la vallée"
    short = "Nous voulons la paix et du travail pour tous les habitants"
    a = build.article(
        "Le maire de Brélia a pris la parole mardi devant le conseil municipal. La séance"
        " a duré trois heures. Les élus de l'opposition ont quitté la salle avant le vote."
        f" « {long} », a dit Jean Valmont. Le budget sera voté en juin.",
        source="a.txt",
        quotes=[(long, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER"), ("Brélia", "LOC")],
    )
    b = build.article(
        "Devant la mairie, des centaines de personnes attendaient depuis le matin. Il"
        " pleuvait sur la place du marché. Des enfants portaient des pancartes colorées."
        f" « {short} », a lancé Jean Valmont. La foule a applaudi longuement.",
        source="b.txt",
        quotes=[(short, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER")],
    )
    (quotation,) = _quotations(align([a, b]))
    assert quotation.reason == "one outlet quotes more of the statement than another"
    assert quotation.confidence < 0.5


def test_a_fragment_worked_into_a_sentence_is_no_other_version(build) -> None:
    # "ils veulent le désordre": an outlet quotes a few words of what another prints whole
    a, b = _pair(
        build,
        "Ceux qui cassent ne veulent aucun changement, ils veulent le désordre",
        "ils veulent le désordre",
    )
    assert not _quotations(align([a, b]))


def test_the_same_words_in_other_type_are_no_divergence(build) -> None:
    a, b = _pair(
        build, "L'accord est signé et il sera tenu", "L’accord est signé, et il sera tenu !"
    )
    assert not _quotations(align([a, b]))


def test_a_short_quotation_sharing_a_phrase_is_another_statement(build) -> None:
    # a common phrase of a long quotation does not make a short one the same statement
    a, b = _pair(
        build,
        "Les habitants du quartier ont le droit de vivre en paix et nous les protégerons",
        "Les habitants du quartier résisteront",
        speaker_b=None,
    )
    assert not _quotations(align([a, b]))


def test_quoted_terms_are_not_compared(build) -> None:
    a, b = _pair(build, "zone rouge", "zone orange")
    assert not _quotations(align([a, b]))


def test_another_speaker_is_another_statement(build) -> None:
    said = "Les pilleurs n'auront pas le dernier mot dans cette ville"
    answered = "Les pilleurs n'auront jamais le dernier mot dans cette ville"
    a = build.article(
        f"Le maire de Brélia a pris la parole mardi. « {said} », a dit Jean Valmont.",
        source="a.txt",
        quotes=[(said, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER")],
    )
    b = build.article(
        f"Devant la mairie, la foule attendait. « {answered} », a lancé Claire Osmont.",
        source="b.txt",
        quotes=[(answered, "Claire Osmont")],
        mentions=[("Claire Osmont", "PER")],
    )
    assert not _quotations(align([a, b]))


def test_copies_of_one_dispatch_raise_no_quotation_divergence(build) -> None:
    common = (
        "Le port de Valdorra est resté fermé toute la journée de mardi. "
        "Les dockers réclament une hausse de leurs salaires depuis trois mois. "
        "La direction du port a refusé de recevoir leurs délégués lundi soir. "
    )
    said = "Nous ne céderons rien sur les salaires cette année"
    edited = "Nous ne céderons jamais rien sur les salaires cette année"
    a = build.article(
        common + f"« {said} », a dit Jean Valmont.",
        source="a.txt",
        quotes=[(said, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER")],
    )
    b = build.article(
        common + f"« {edited} », a dit Jean Valmont.",
        source="b.txt",
        quotes=[(edited, "Jean Valmont")],
        mentions=[("Jean Valmont", "PER")],
    )
    assert not _quotations(align([a, b]))


def _same_by_diff(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The rule itself, read off the diff of every pair (no cheap test first)."""
    if a == b:
        return len(a) >= quote_variants.MIN_RUN
    match = SequenceMatcher(None, a, b, autojunk=False)
    run = match.find_longest_match(0, len(a), 0, len(b)).size
    shared = sum(block.size for block in match.get_matching_blocks())
    short, long = sorted((len(a), len(b)))
    if run < quote_variants.MIN_RUN or shared < quote_variants.MIN_SHARE * short:
        return False
    return run == short or shared >= quote_variants.MIN_SHARE_OF_LONGER * long


WORDS = st.lists(st.sampled_from(["il", "a", "dit", "non", "jamais", "la", "loi"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(WORDS, WORDS)
# a short quotation printed whole inside a long one
@example(["il", "a", "dit"], ["non", "la", "loi", "jamais", "il", "a", "dit", "non", "la", "loi"])
def test_the_cheap_test_before_the_diff_changes_no_answer(a: list[str], b: list[str]) -> None:
    assert quote_variants._same_statement(tuple(a), tuple(b)) == _same_by_diff(tuple(a), tuple(b))
