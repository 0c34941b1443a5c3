"""Official accounts: articles resting on different parties' readouts of one event."""

from __future__ import annotations

from recoupe.align import align

HOME = "la présidence de Valdorra"
AWAY = "le gouvernement d'Ostrie"


HOME_TEXTS = (
    f"Selon le communiqué de {HOME}, les ministres Hugo Lestrade et Léa Marchand ont parlé "
    "mardi de la grève du port. La présidence de Valdorra a annoncé un accord sur les grues.",
    "Mardi, Hugo Lestrade a téléphoné à son homologue au sujet des dockers, d'après le "
    f"compte rendu de {HOME}. Un accord serait proche, a affirmé la présidence de Valdorra.",
)
AWAY_TEXTS = (
    "Comme l'indique le site du gouvernement d'Ostrie, les deux ministres se sont "
    "entretenus mardi de la grève. Le gouvernement d'Ostrie a évoqué des grues neuves.",
    f"D'après la note publiée par {AWAY}, l'échange de mardi a porté sur les salaires des "
    "grutiers. Aucune date n'a été fixée, a précisé le gouvernement d'Ostrie.",
)


def _credited(build, text: str, source: str, readout: str, body: str, cue: str, said: str):
    """An article citing ``body``'s readout in its first sentence, and ``body`` again."""
    return build.article(
        text,
        source=source,
        mentions=[(body.split(" ", 1)[1], "ORG")],
        attributions=[
            build.attribution(text, cue, kind="readout", name=readout),
            build.attribution(text, said, kind="institution", name=body),
        ],
    )


def _home(build, source: str, n: int = 0):
    cue, said = [("Selon le communiqué", "a annoncé"), ("compte rendu", "a affirmé")][n]
    return _credited(build, HOME_TEXTS[n], source, HOME, "la présidence de Valdorra", cue, said)


def _away(build, source: str, n: int = 0):
    cue, said = [("Comme l'indique", "a évoqué"), ("la note publiée", "a précisé")][n]
    return _credited(build, AWAY_TEXTS[n], source, AWAY, "le gouvernement d'Ostrie", cue, said)


def _official(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "attribution" and not d.facts]


def test_outlets_resting_on_two_parties_readouts_diverge_on_the_whole_story(build) -> None:
    a, c = _home(build, "a.txt"), _home(build, "c.txt", 1)
    b, d = _away(build, "b.txt"), _away(build, "d.txt", 1)
    (found,) = _official(align([a, b, c, d]))
    by_side = {s.label: set(s.sources) for s in found.sides}
    assert len(by_side) == 2
    home = next(label for label in by_side if "Valdorra" in label)
    away = next(label for label in by_side if "Ostrie" in label)
    assert by_side[home] == {a.article.id, c.article.id}
    assert by_side[away] == {b.article.id, d.article.id}
    # each side shows where its articles credit the account, in any way
    home_side = next(s for s in found.sides if s.label == home)
    assert any("a annoncé" in e.span.text for e in home_side.evidence)


def test_the_trap_a_readout_one_outlet_alone_cites_is_no_official_account(build) -> None:
    dossier = align([_home(build, "a.txt"), _away(build, "b.txt")])
    assert _official(dossier) == []


def test_the_trap_reprints_of_one_readout_story_are_one_outlet(build) -> None:
    # c reprints a word for word, d reprints b: each account is cited by one origin
    a, c = _home(build, "a.txt"), _home(build, "c.txt")
    b, d = _away(build, "b.txt"), _away(build, "d.txt")
    assert _official(align([a, b, c, d])) == []


def test_the_trap_outlets_that_all_cite_both_accounts_do_not_diverge(build) -> None:
    texts = (
        f"Selon le communiqué de {HOME}, les ministres ont parlé mardi de la grève. Comme "
        "l'indique le site du gouvernement d'Ostrie, ils ont aussi évoqué les grues.",
        "Les dockers attendront encore, d'après le compte rendu du gouvernement d'Ostrie. "
        f"La note diffusée par {HOME} parle d'un accord proche sur les salaires.",
    )
    cues = (("Selon le communiqué", "Comme l'indique"), ("La note diffusée", "compte rendu"))
    both = [
        build.article(
            text,
            source=f"{n}.txt",
            mentions=[("présidence de Valdorra", "ORG"), ("gouvernement d'Ostrie", "ORG")],
            attributions=[
                build.attribution(text, home, kind="readout", name=HOME),
                build.attribution(text, away, kind="readout", name=AWAY),
            ],
        )
        for n, (text, (home, away)) in enumerate(zip(texts, cues, strict=True))
    ]
    # the same two accounts everywhere: no side rests on one alone
    assert _official(align(both)) == []
    # the accounts are found: two more articles, each citing one of them only, diverge
    alone = [_home(build, "h.txt", 1), _away(build, "w.txt", 1)]
    (found,) = _official(align([*both, *alone]))
    assert len(found.sides) == 3  # one account, the other, both
