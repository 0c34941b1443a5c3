"""The sentence encoder in a process of its own, busy while this one is not.

``recoupe analyze`` spends seconds of one core loading the language model, then waits on
its analysis workers; the sentence encoder then ran after them, on this process alone
(its loading, every article's lead for story placement, every compared sentence for the
alignment). ``EncoderProcess`` forks a child before the language model is loaded (so it
is small) that, while the model loads here, loads the encoder and reads every article's
story features from its text (``stories.read_text_features``: the leads encoded in one
batch, words, names, years), then encodes the compared sentences of each article as its
analysis comes back, and answers with them when they are needed.

What it answers is what this process would make, made by the same code: the features
``stories.cluster`` reads (the analysis's names and days are added here,
``stories.with_analysis``), each compared sentence's vector encoded alone, keyed by
``embeddings.text_key`` (``embeddings.sentence_vectors``). So the dossier is the same,
byte for byte, with or without it. When the child cannot be started or dies, everything
is done here as before: ``None`` answers mean "do it yourself".
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import threading
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

import numpy as np

from recoupe.model import AnalyzedArticle, Article
from recoupe.stories import ArticleFeatures

__all__ = ["EncoderProcess"]

log = logging.getLogger(__name__)


class EncoderProcess:
    """A child process that reads the articles' story features and encodes their compared
    sentences, answering with them on request.

    Use as a context manager around the run. ``features`` asks for the articles' story
    features (``embed``: with their lead embeddings), ``sentences`` for the alignment's
    sentence vectors. Without ``fork``, or with nothing to do, no child is started and
    every answer is None.
    """

    def __init__(
        self, articles: Sequence[Article], *, features: bool, embed: bool, sentences: bool
    ) -> None:
        self._conn: Connection | None = None
        self._child: Any = None
        self._features = features
        self._sentences = sentences
        if not (features or sentences) or "fork" not in multiprocessing.get_all_start_methods():
            return
        ours, theirs = multiprocessing.get_context("fork").Pipe()
        child = multiprocessing.get_context("fork").Process(
            target=_serve, args=(theirs,), name="recoupe-encoder", daemon=True
        )
        child.start()
        theirs.close()
        self._conn, self._child = ours, child
        if features:  # the articles go along in the request: they are small
            self._send("features", (list(articles), embed))

    def __enter__(self) -> EncoderProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(wait=kind is None)

    def close(self, *, wait: bool = True) -> None:
        """Stop the child: told to, or at once when the run failed or was interrupted
        (``wait`` False). It is a daemon: it also ends with this process."""
        if wait:
            self._send("stop", None)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._child is not None:
            self._child.join(timeout=5 if wait else 0)
            if self._child.is_alive():
                self._child.kill()
                self._child.join()
            self._child = None

    def fed(self, analyzed: Iterator[AnalyzedArticle]) -> Iterator[AnalyzedArticle]:
        """``analyzed`` unchanged, each article's compared sentences sent to the child
        as it passes (the child encodes them while the analysis goes on)."""
        from recoupe.align.units import compared_texts

        for item in analyzed:
            if self._sentences and self._conn is not None:
                self._send("sentences", compared_texts([item.analysis]))
            yield item

    def story_features(self) -> dict[str, ArticleFeatures] | None:
        """Each article's ``stories.text_features``, by id, or None."""
        if not self._features:
            return None
        found = self._ask("features?")
        return dict(found) if found is not None else None

    def sentence_vectors(self) -> dict[str, np.ndarray] | None:
        """The vectors of the sentences sent so far, by ``text_key``, or None."""
        if not self._sentences:
            return None
        found = self._ask("sentences?")
        return dict(found) if found is not None else None

    def _send(self, kind: str, payload: Any) -> None:
        if self._conn is None:
            return
        try:
            self._conn.send((kind, payload))
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            self._lost()

    def _ask(self, kind: str) -> Any:
        self._send(kind, None)
        if self._conn is None:
            return None
        try:
            answer = self._conn.recv()
        except (EOFError, ConnectionResetError, OSError):
            self._lost()
            return None
        return None if isinstance(answer, _Failed) else answer

    def _lost(self) -> None:
        log.warning("the encoder process stopped: encoding in the main process instead")
        if self._conn is not None:
            self._conn.close()
        self._conn = None


class _Failed:
    """The child's answer when its work raised (the main process then does it, and
    raises there what it raises)."""


def _serve(conn: Connection) -> None:
    """The child: do what comes, answer what is asked, until told to stop.

    A thread of its own receives the requests as they come, so that the main process,
    which sends each article's sentences as its analysis comes back, never waits on the
    encoding to send the next."""
    from recoupe.align.embeddings import sentence_vectors, text_key
    from recoupe.stories import load_encoder, read_text_features

    # Ctrl-C is the main process's to handle: it stops this child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, requests), daemon=True).start()
    features: Any = None
    vectors: dict[str, np.ndarray] = {}
    failed = False
    while True:
        kind, payload = requests.get()
        if kind == "stop":
            return
        if kind in ("features?", "sentences?"):
            answer = features if kind == "features?" else vectors
            conn.send(_Failed() if failed or answer is None else answer)
            continue
        try:
            if kind == "features":
                articles, embed = payload
                features = read_text_features(articles, load_encoder() if embed else None)
            elif kind == "sentences":
                new = [text for text in payload if text_key(text) not in vectors]
                vectors.update(sentence_vectors(new) or {})
        except Exception as error:  # the main process does it instead, and says why
            log.info("the encoder process failed (%s): the main process does its work", error)
            failed = True


def _receive(conn: Connection, requests: queue.SimpleQueue[tuple[str, Any]]) -> None:
    """Every request, as it comes; a closed pipe is a request to stop."""
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            requests.put(("stop", None))
            return
        requests.put(request)
        if request[0] == "stop":
            return
