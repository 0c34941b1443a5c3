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
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),  # creation order: the oldest survives a merge
    Column("size", Integer, nullable=False),
    Column("title", Text),
    Column("first_date", Date),
    Column("last_date", Date),
    Column("merged_into", String(40)),  # set on absorbed stories, which keep redirecting
    Column("profile", Text),  # codec JSON of stories.StoryProfile, embedding left out
    Column("embedding", LargeBinary),  # the profile's embedding, float32
)
Index("stories_live_dates", stories.c.merged_into, stories.c.last_date)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", String(100), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # order of arrival in the store
    Column("score", Float),  # the joined story's score; NULL for the article that opened it
    Column("reason", Text, nullable=False),
)

# The inverted index placement looks candidates up in: a story is found by the rarest
# terms and names of its articles, so placing an article never scans all articles.
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("story_id", String(40), primary_key=True),
)
Index("story_keys_story", story_keys.c.story_id)

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
