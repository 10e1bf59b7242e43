"""The hub's own search: an index computed from the edition, sharded so that one query
downloads a few small files at any hub size, and ``docs/assets/search.js``, which reads it.

- ``text``: how text becomes terms (the browser mirrors it): words, Chinese runs as jieba
  words plus character pairs, light English stemming;
- ``documents``: what is searchable in an edition, by tier (names, key facts, questions,
  summary, the rest), with kind, summary and freshness for the result list;
- ``index``: terms -> postings, sharded by the term's first two characters; ``write_index``
  writes it into a built site after the engine ran (under both engines).
"""
from pmmhub.search.index import FOLDER, index_files, write_index

__all__ = ["FOLDER", "index_files", "write_index"]
