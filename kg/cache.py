"""Extraction records cached per article (its text and publication date), so unchanged articles are
never parsed twice."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .errors import StoreError
from .records import ArticleExtraction


class ExtractionCache:
    """A sqlite table of ArticleExtraction records keyed by (records.extraction_key, extractor
    fingerprint)."""

    def __init__(self, path: Path, extractor: str):
        self.extractor = extractor
        self.path = path
        self._read: dict[str, ArticleExtraction] = {}  # records already read back, by key
        try:
            self._db = sqlite3.connect(path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS extraction ("
                " sha256 TEXT NOT NULL, extractor TEXT NOT NULL, record TEXT NOT NULL,"
                " PRIMARY KEY (sha256, extractor))"
            )
            self._db.commit()
        except sqlite3.DatabaseError as e:
            raise self._unreadable(e) from None

    def missing(self, keys: Iterable[str]) -> set[str]:
        """The keys with no usable record for this extractor: a record that does not read back
        (a damaged file) counts as missing, so its article is parsed again and the record replaced."""
        wanted = set(keys)
        for sha, record in self._rows("SELECT sha256, record FROM extraction WHERE extractor = ?", (self.extractor,)):
            if sha in wanted and sha not in self._read and (ex := _read(record)) is not None:
                self._read[sha] = ex
        return wanted - set(self._read)

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as e:
            raise self._unreadable(e) from None

    def _unreadable(self, error: sqlite3.DatabaseError) -> StoreError:
        return StoreError(f"{self.path}: unreadable extraction cache ({error}). Delete the file; it is rebuilt.")

    def put(self, extraction: ArticleExtraction) -> None:
        self._read[extraction.input_sha256] = extraction
        self._db.execute(
            "INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)",
            (extraction.input_sha256, self.extractor, json.dumps(extraction.to_dict(), ensure_ascii=False)),
        )

    def commit(self) -> None:
        self._db.commit()

    def get_all(self, ids_by_key: dict[str, list[str]]) -> dict[str, ArticleExtraction]:
        """Records for every article id, keyed by id (articles with the same text and date share one record)."""
        out: dict[str, ArticleExtraction] = {}
        rows = self._rows("SELECT sha256, record FROM extraction WHERE extractor = ?", (self.extractor,))
        for sha, record in rows:
            ex = self._read.get(sha) or _read(record) if sha in ids_by_key else None
            if ex is None:
                continue
            for article_id in ids_by_key[sha]:
                out[article_id] = dataclasses.replace(ex, article_id=article_id)
        return out

    def prune(self, keep: set[str]) -> None:
        """Forget records of texts no longer in the corpus, and of older extractors."""
        self._db.execute("DELETE FROM extraction WHERE extractor != ?", (self.extractor,))
        current = {row[0] for row in self._db.execute("SELECT sha256 FROM extraction")}
        self._db.executemany("DELETE FROM extraction WHERE sha256 = ?", [(h,) for h in current - keep])
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def _read(record: str) -> ArticleExtraction | None:
    """The record, or None when it does not read back."""
    try:
        return ArticleExtraction.from_dict(json.loads(record))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
