"""The store's tables as they stand after every migration (SQLAlchemy Core).

Records are kept whole as JSON through ``recoupe.codec`` (``payload``); the other
columns are what queries filter, join or sort on. Migrations (``migrations.py``)
create and change these tables; a contract test checks that they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("applied_at", String(40), nullable=False),  # ISO timestamp, UTC
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(100), primary_key=True),  # content hash from ingest
    Column("seq", Integer, nullable=False, unique=True),  # order of arrival
    Column("source", Text, nullable=False),
    Column("published", Date),
    Column("language", String(16)),
    Column("outlet", Text),
    Column("payload", Text, nullable=False),  # codec JSON of model.Article
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(100), primary_key=True),
    Column("pipeline", String(200), primary_key=True),  # analyze.pipeline_version(nlp)
    Column("payload", Text, nullable=False),  # codec JSON of model.Analysis
    # Why the analysis failed (its analysis_failed note), NULL when it did not: a failed
    # analysis is kept, so a re-run does not fail on it again, and is replaced by the
    # first one that succeeds (a new pipeline, or ``ingest --retry-failed``).
    Column("failed", Text),
)

# Sentence embeddings made at ingest, so that a dossier does not encode its sentences
# again: the unit vector (float32 bytes) of each distinct sentence text, keyed by a hash
# of the text (``align.embeddings.text_key``). The encoder is one model, so the key is
# the text alone.
sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)

# Threads: articles on one subject, gathered online (``recoupe.stories.threads``).
threads = Table(
    "threads",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),  # creation order: the oldest survives a merge
    Column("size", Integer, nullable=False),
    Column("first_date", Date),
    Column("last_date", Date),
    Column("merged_into", String(40)),  # set on absorbed threads (never read back)
    Column("profile", Text),  # JSON of stories.ThreadProfile, embedding left out
    Column("embedding", LargeBinary),  # the profile's embedding, float32
)

# The inverted index placement looks candidates up in: a thread is found by the most salient
# terms and names of its articles, so placing an article never scans all articles.
thread_keys = Table(
    "thread_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("thread_id", String(40), primary_key=True),
)
Index("thread_keys_thread", thread_keys.c.thread_id)

# Every placed article: its thread, its story (redrawn as the thread grows) and the
# vectors it was placed with, which re-clustering reads back.
story_members = Table(
    "story_members",
    metadata,
    Column("article_id", String(100), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # order of placement
    Column("thread_id", String(40), nullable=False, index=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("own_id", String(40), nullable=False, index=True),  # the id it would open
    Column("published", Date),
    Column("outlet", Text),
    Column("title", Text),
    Column("score", Float),  # the joined thread's score; NULL when it opened the thread
    Column("reason", Text, nullable=False),
    Column("vectors", Text, nullable=False),  # JSON: terms, names, dates
    Column("embedding", LargeBinary),  # its lead embedding, float32
)

# Every story id ever given, with the article that opened it: an id once shown resolves
# to the story holding that article, whatever merged or split since.
stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("founder", String(100), nullable=False),
)

# Document frequencies of terms and names, for incremental IDF.
key_stats = Table(
    "key_stats",
    metadata,
    Column("key", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)
