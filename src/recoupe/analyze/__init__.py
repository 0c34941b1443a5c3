"""Per-article analysis: spaCy components for mentions, quotes, attribution, numbers,
dates and claims. The entry point is ``analyze``; ``build_nlp`` loads the pipeline.

Nothing outside this package imports spaCy.
"""

from .pipeline import DEFAULT_MODEL, analyze, build_nlp, pipeline_version, version_of_meta

__all__ = ["DEFAULT_MODEL", "analyze", "build_nlp", "pipeline_version", "version_of_meta"]
