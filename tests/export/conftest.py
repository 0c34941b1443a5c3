"""Fixtures of the export tests: the report tests' hand-made dossiers, and the example
corpus analysed once.

The hand-made dossiers (an invented bus strike, and one whose every string is hostile)
live in ``tests/report/dossier_factory.py``; the exports read the same records as the
reports, so they are tested on the same dossiers rather than on a copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "report"))

from dossier_factory import make_dossier, make_hostile_dossier
from export_helpers import EXAMPLES


@pytest.fixture(scope="module")
def dossier():
    """Four invented reports of a suspended bus strike, cross-checked by hand."""
    return make_dossier()


@pytest.fixture(scope="module")
def hostile():
    """A dossier in which every string from an article carries markup and formulas."""
    return make_hostile_dossier()


@pytest.fixture(scope="module")
def example_run(nlp):
    """``recoupe.run`` over the example corpus ``greve-port``, once for the module (as one
    story: it is one, and the story grouping's sentence encoder need not load)."""
    from recoupe.config import load_settings
    from recoupe.run import run

    return run([EXAMPLES / "greve-port"], settings=load_settings(), nlp=nlp, as_one_story=True)
