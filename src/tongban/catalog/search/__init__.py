"""Chinese search over published service items and their FAQs (知识库), best match first.

How it works (docs/adr/0007-catalog-search.md has the reasons):

- Text is cut into words by jieba with the domain dictionary in ``search_data/dictionary.txt`` (and every word of
  ``synonyms.txt``), so 食品经营许可 or 一件事 stay whole. A long word is also indexed under the shorter
  dictionary words inside it (食品经营许可 → 食品经营, 食品, 经营, 许可), so a partial query still finds it.
  Colloquial filler (``stopwords.txt``: 要, 办, 什么, 怎么 …) and single characters are dropped.
- Each item's published version is one document (name ≫ summary > themes, conditions, materials, legal basis,
  department); each of its FAQs is another (question > answer, item name). The index stores, per term and
  document, a BM25 term weight already summed over the fields with their boosts.
- A query becomes clauses, one per word: the word or any of its synonyms (the best of them counts), plus weaker
  clauses for the dictionary words inside it. Scores are BM25 (idf from the live document frequencies) summed
  over the clauses, in SQL. ``search_items`` adds half of an item's best FAQ score to the item's own score.
- Storage is two plain tables owned by this module (created by migration catalog 0002): documents and postings.
  The same SQL runs on SQLite and PostgreSQL, so both rank identically and every process sees the same index.
- The index follows publishing: the catalogue services call ``index_item`` when a version is published or
  retired and when an FAQ changes. A version published or retired, or an FAQ added or deleted, behind the
  services' back (bulk import, admin) is re-indexed the first time a search notices it; ``reindex_all``
  rebuilds everything.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import DatabaseError, connections, router, transaction

from tongban.catalog.models import Faq, ItemVersion, ServiceItem

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "search_data"

DOC_TABLE = "catalog_search_doc"
POSTING_TABLE = "catalog_search_posting"
ITEM_DOC = 0  # faq_id of an item's own document; FAQ documents carry their Faq id.

# BM25 saturation and length normalisation. Field lengths are normalised against a fixed reference length per
# field (typical for a catalogue), not the live corpus mean, so the stored weights never go stale.
K1 = 1.2
B = 0.75
# field: (boost, reference length in words)
ITEM_FIELDS = {
    "name": (8.0, 4),
    "summary": (1.5, 30),
    "themes": (0.8, 3),
    "conditions": (0.5, 40),
    "materials": (0.5, 30),
    "legal": (0.5, 20),
    "department": (0.3, 5),
}
FAQ_FIELDS = {
    "question": (3.0, 8),
    "item_name": (1.5, 4),
    "answer": (1.0, 30),
}
SYNONYM_WEIGHT = 0.9  # a synonym counts a little less than the word the user typed
SUBWORD_BOOST = 0.2  # a dictionary word inside a longer query word
FAQ_SHARE = 0.5  # share of an item's best FAQ score added to the item in search_items
RELATIVE_CUTOFF = 0.1  # hits scoring below this share of the best hit are noise
COMMON_IDF = 0.7  # a word in more than about half of all documents …
SPECIFIC_IDF = 2.0  # … is left out of a query that also has a word this specific
MAX_LIMIT = 200
MAX_QUERY_CHARS = 200  # a question, not a document
MAX_TERM_LENGTH = 64
NEW_WORD_FREQ = 100_000  # jieba frequency for a dictionary word that jieba does not know


@dataclass
class SearchHit:
    kind: str  # "item" | "faq"
    item_code: str
    name: str
    version_id: int
    score: float
    snippet: str
    faq_id: int | None = None
    question: str | None = None


# ---------------------------------------------------------------------------------------------------------------
# Text analysis


@dataclass(frozen=True)
class Clause:
    """One word of the query: any of `alternatives` (term → weight) may match; the best one counts."""

    alternatives: dict[str, float]
    boost: float = 1.0


@dataclass
class Analyzer:
    tokenizer: object  # jieba.Tokenizer
    stopwords: frozenset[str]
    synonyms: dict[str, dict[str, float]] = field(default_factory=dict)

    _word = re.compile(r"\w", re.UNICODE)

    @staticmethod
    def normalize(text: str) -> str:
        return unicodedata.normalize("NFKC", text or "").lower()

    def _raw_tokens(self, text: str) -> Iterator[str]:
        for token in self.tokenizer.cut(self.normalize(text), HMM=False):
            token = token.strip()
            if token and self._word.search(token) and token not in self.stopwords:
                yield token[:MAX_TERM_LENGTH]

    def tokens(self, text: str) -> list[str]:
        """The indexable words of `text`: no filler, no single characters."""
        return [t for t in self._raw_tokens(text) if len(t) >= 2]

    def subwords(self, token: str) -> list[str]:
        """Dictionary words strictly inside `token` (食品经营许可 → 食品, 食品经营, 经营, 许可)."""
        if len(token) < 3 or token.isascii():
            return []
        freq = self.tokenizer.FREQ
        found = []
        for size in range(len(token) - 1, 1, -1):
            for start in range(len(token) - size + 1):
                part = token[start:start + size]
                if freq.get(part) and part not in self.stopwords and part not in found:
                    found.append(part)
        return found

    def terms(self, text: str) -> tuple[Counter, int]:
        """Term frequencies (words and their sub-words) and the length in words of one field."""
        tokens = self.tokens(text)
        counts = Counter(tokens)
        for token in tokens:
            counts.update(self.subwords(token))
        return counts, len(tokens)

    def _alternatives(self, term: str) -> dict[str, float]:
        alternatives = {term: 1.0} if len(term) >= 2 else {}
        for synonym, weight in self.synonyms.get(term, {}).items():
            if weight > alternatives.get(synonym, 0.0):
                alternatives[synonym] = weight
        return alternatives

    def query(self, text: str) -> list[Clause]:
        clauses: list[Clause] = []
        seen: set[str] = set()
        for token in self._raw_tokens(text):
            if token in seen or (len(token) < 2 and token not in self.synonyms):
                continue
            seen.add(token)
            if alternatives := self._alternatives(token):
                clauses.append(Clause(alternatives))
            for part in self.subwords(token):
                if part not in seen:
                    seen.add(part)
                    clauses.append(Clause(self._alternatives(part), SUBWORD_BOOST))
        return clauses


def _data_lines(name: str) -> Iterator[str]:
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def load_synonyms(lines: Iterable[str]) -> dict[str, dict[str, float]]:
    """`a b c` (all equivalent) or `a b => c d` (a, b also look for c, d) → term → {synonym: weight}."""
    table: dict[str, dict[str, float]] = {}
    for line in lines:
        left, arrow, right = line.partition("=>")
        sources = [Analyzer.normalize(w) for w in left.split()]
        targets = [Analyzer.normalize(w) for w in right.split()] if arrow else sources
        for source in sources:
            for target in targets:
                if target != source:
                    table.setdefault(source, {})[target] = SYNONYM_WEIGHT
    return table


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """The analyzer, built once per process from the files in search_data/ (about half a second: jieba's
    dictionary is loaded from its cache)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    stopwords = frozenset(Analyzer.normalize(w) for w in _data_lines("stopwords.txt"))
    synonym_lines = list(_data_lines("synonyms.txt"))
    words: dict[str, int | None] = {}
    for line in _data_lines("dictionary.txt"):
        word, *rest = line.split()
        words[Analyzer.normalize(word)] = int(rest[0]) if rest and rest[0].isdigit() else None
    for line in synonym_lines:
        for word in line.replace("=>", " ").split():
            words.setdefault(Analyzer.normalize(word), None)
    for word, freq in words.items():
        if len(word) < 2 or word in stopwords:
            continue
        known = tokenizer.FREQ.get(word, 0)
        if freq is None and known:
            # jieba knows it, maybe too rarely to keep it whole (占道 would be cut 占 / 道): raise it just enough.
            freq = max(known, tokenizer.suggest_freq(word, False))
        tokenizer.add_word(word, freq if freq is not None else NEW_WORD_FREQ)
    return Analyzer(tokenizer=tokenizer, stopwords=stopwords, synonyms=load_synonyms(synonym_lines))


# ---------------------------------------------------------------------------------------------------------------
# Indexing


def _bm25_tf(tf: int, length: int, reference: int) -> float:
    norm = 1 - B + B * (length / reference if reference else 1)
    return tf * (K1 + 1) / (tf + K1 * norm)


def document_weights(fields: dict[str, str], spec: dict[str, tuple[float, int]]) -> dict[str, float]:
    """Per term: the BM25 term weight of one document, summed over its fields with their boosts."""
    an = analyzer()
    weights: dict[str, float] = {}
    for name, text in fields.items():
        boost, reference = spec[name]
        counts, length = an.terms(text)
        for term, tf in counts.items():
            weights[term] = weights.get(term, 0.0) + boost * _bm25_tf(tf, length, reference)
    return weights


def _item_fields(version: ItemVersion) -> dict[str, str]:
    return {
        "name": version.name,
        "summary": version.summary,
        "themes": " ".join(t.name for t in version.themes.all()),
        "conditions": f"{version.acceptance_conditions}\n{version.review_criteria}",
        "materials": "\n".join(m.name for m in version.materials.all()),
        "legal": "\n".join(f"{b.law} {b.text}" for b in version.legal_bases.all()),
        "department": f"{version.competent_department.name} {version.implementing_department.name}",
    }


def _faq_fields(faq: Faq, version: ItemVersion) -> dict[str, str]:
    return {"question": faq.question, "item_name": version.name, "answer": faq.answer}


def _published(item_ids: Iterable[int] | None = None):
    qs = (
        ItemVersion.objects.filter(status=ItemVersion.Status.PUBLISHED)
        .select_related("competent_department", "implementing_department")
        .prefetch_related("themes", "materials", "legal_bases")
        .order_by("item_id")
    )
    return qs if item_ids is None else qs.filter(item_id__in=list(item_ids))


def _documents(versions: Iterable[ItemVersion]) -> tuple[list[tuple], list[tuple]]:
    versions = list(versions)
    faqs: dict[int, list[Faq]] = {}
    for faq in Faq.objects.filter(item_id__in=[v.item_id for v in versions]).order_by("item_id", "order", "id"):
        faqs.setdefault(faq.item_id, []).append(faq)
    docs, postings = [], []
    for version in versions:
        docs.append((version.item_id, ITEM_DOC, version.pk, "item"))
        for term, weight in document_weights(_item_fields(version), ITEM_FIELDS).items():
            postings.append((term, version.item_id, ITEM_DOC, weight))
        for faq in faqs.get(version.item_id, []):
            docs.append((version.item_id, faq.pk, version.pk, "faq"))
            for term, weight in document_weights(_faq_fields(faq, version), FAQ_FIELDS).items():
                postings.append((term, version.item_id, faq.pk, weight))
    return docs, postings


def _insert(cursor, table: str, columns: str, rows: list[tuple], batch: int = 400) -> None:
    if not rows:
        return
    width = len(rows[0])
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", [v for row in chunk for v in row])


def _write(cursor, item_ids: list[int], docs: list[tuple], postings: list[tuple]) -> None:
    for start in range(0, len(item_ids), 500):
        ids = item_ids[start:start + 500]
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {POSTING_TABLE} WHERE item_id IN ({marks})", ids)
        cursor.execute(f"DELETE FROM {DOC_TABLE} WHERE item_id IN ({marks})", ids)
    _insert(cursor, DOC_TABLE, "item_id, faq_id, version_id, kind", docs)
    _insert(cursor, POSTING_TABLE, "term, item_id, faq_id, weight", postings)


def _write_alias() -> str:
    return router.db_for_write(ItemVersion)


def index_item(item: ServiceItem) -> None:
    """Refresh one item's entries: its published version and its FAQs; remove them when nothing is published.

    Called by the catalogue services inside their transaction, so the index changes with the publication."""
    alias = _write_alias()
    with transaction.atomic(using=alias):
        # Serialise refreshes of the same item (two reviewers, or a search healing it at the same moment).
        list(ServiceItem.objects.using(alias).select_for_update().filter(pk=item.pk).values_list("pk"))
        docs, postings = _documents(_published([item.pk]).using(alias))
        with connections[alias].cursor() as cursor:
            _write(cursor, [item.pk], docs, postings)


def reindex_all() -> int:
    """Rebuild the whole index from the published versions; returns the number of items indexed."""
    alias = _write_alias()
    count = 0
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(f"DELETE FROM {POSTING_TABLE}")
        cursor.execute(f"DELETE FROM {DOC_TABLE}")
        batch: list[ItemVersion] = []
        for version in _published().using(alias).iterator(chunk_size=500):
            batch.append(version)
            if len(batch) == 500:
                docs, postings = _documents(batch)
                _write(cursor, [], docs, postings)
                count, batch = count + len(batch), []
        docs, postings = _documents(batch)
        _write(cursor, [], docs, postings)
        count += len(batch)
    return count


def _stats(alias: str) -> tuple[int, bool]:
    """The number of indexed documents, and whether the index visibly lags the catalogue: a version published or
    retired, or an FAQ added or deleted, without an index refresh changes a count or a newest id on one side only.
    (An FAQ edited in place behind the services' back is not noticed; `reindex_all` catches it.)"""
    published = ItemVersion.Status.PUBLISHED
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {DOC_TABLE}), "
            f"(SELECT COUNT(*) FROM {DOC_TABLE} WHERE faq_id = {ITEM_DOC}), "
            f"(SELECT MAX(version_id) FROM {DOC_TABLE} WHERE faq_id = {ITEM_DOC}), "
            f"(SELECT MAX(faq_id) FROM {DOC_TABLE}), "
            "(SELECT COUNT(*) FROM catalog_itemversion WHERE status = %s), "
            "(SELECT MAX(id) FROM catalog_itemversion WHERE status = %s), "
            "(SELECT COUNT(*) FROM catalog_faq f JOIN catalog_itemversion v ON v.item_id = f.item_id AND v.status = %s), "
            "(SELECT MAX(f.id) FROM catalog_faq f JOIN catalog_itemversion v ON v.item_id = f.item_id AND v.status = %s)",
            [published] * 4,
        )
        n_docs, n_items, newest_version, newest_faq, n_published, newest_published, n_faqs, newest_published_faq = (
            cursor.fetchone()
        )
    indexed = (n_items, newest_version, n_docs - n_items, newest_faq or 0)
    catalogue = (n_published, newest_published, n_faqs, newest_published_faq or 0)
    return n_docs, indexed != catalogue


def _heal(alias: str) -> bool:
    """Bring the index in line with what is published when something published or retired a version without
    `index_item` (bulk import, the admin, raw SQL). Best effort: on a read-only replica, or when another process
    is indexing the same items, the search simply goes on with the index as it is. True if anything changed."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT v.item_id FROM catalog_itemversion v LEFT JOIN {DOC_TABLE} d "
            f"ON d.item_id = v.item_id AND d.faq_id = {ITEM_DOC} AND d.version_id = v.id "
            "WHERE v.status = %s AND d.item_id IS NULL",
            [ItemVersion.Status.PUBLISHED],
        )
        stale = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT d.item_id FROM {DOC_TABLE} d LEFT JOIN catalog_itemversion v "
            "ON v.id = d.version_id AND v.item_id = d.item_id AND v.status = %s "
            f"WHERE d.faq_id = {ITEM_DOC} AND v.id IS NULL",
            [ItemVersion.Status.PUBLISHED],
        )
        stale.update(row[0] for row in cursor.fetchall())
        cursor.execute(
            f"SELECT f.item_id FROM catalog_faq f JOIN {DOC_TABLE} i ON i.item_id = f.item_id AND i.faq_id = {ITEM_DOC} "
            f"LEFT JOIN {DOC_TABLE} d ON d.item_id = f.item_id AND d.faq_id = f.id WHERE d.item_id IS NULL"
        )
        stale.update(row[0] for row in cursor.fetchall())
        cursor.execute(
            f"SELECT d.item_id FROM {DOC_TABLE} d LEFT JOIN catalog_faq f ON f.id = d.faq_id AND f.item_id = d.item_id "
            f"WHERE d.faq_id <> {ITEM_DOC} AND f.id IS NULL"
        )
        stale.update(row[0] for row in cursor.fetchall())
    if not stale:
        return False
    try:
        with transaction.atomic(using=alias):
            docs, postings = _documents(_published(stale).using(alias))
            with connections[alias].cursor() as cursor:
                _write(cursor, sorted(stale), docs, postings)
    except DatabaseError as exc:  # read-only replica, concurrent refresh
        log.warning("search index: could not refresh %d item(s): %s", len(stale), exc)
        return False
    log.info("search index: refreshed %d item(s) changed without an index refresh", len(stale))
    return True


# ---------------------------------------------------------------------------------------------------------------
# Searching


def _idf(n_docs: int, df: int) -> float:
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def _scored(query: str, limit: int, *, items_only: bool) -> tuple[list[tuple], list[Clause]]:
    """Rows (item_id, faq_id, version_id, score), best first, with the clauses that produced them."""
    limit = max(0, min(int(limit), MAX_LIMIT))
    clauses = analyzer().query((query or "")[:MAX_QUERY_CHARS])
    if not clauses or limit == 0:
        return [], clauses
    alias = router.db_for_read(ItemVersion)
    n_docs, lagging = _stats(alias)
    if lagging and _heal(alias):
        n_docs, _ = _stats(alias)
    terms = sorted({term for clause in clauses for term in clause.alternatives})
    with connections[alias].cursor() as cursor:
        marks = ", ".join(["%s"] * len(terms))
        cursor.execute(
            f"SELECT term, COUNT(*) FROM {POSTING_TABLE} WHERE term IN ({marks}) GROUP BY term", terms
        )
        idf = {term: _idf(n_docs, count) for term, count in cursor.fetchall()}
        if idf and max(idf.values()) >= SPECIFIC_IDF:
            # Words in most documents (申请, 许可 in a big catalogue) barely move the ranking but cost the most
            # rows to score; leave them out when the query has a specific word to rank by.
            idf = {term: value for term, value in idf.items() if value >= COMMON_IDF}
        rows = [
            (term, i, clause.boost * weight * idf[term])
            for i, clause in enumerate(clauses)
            for term, weight in clause.alternatives.items()
            if term in idf
        ]
        if not rows:
            return [], clauses
        values = ", ".join(["(%s, %s, CAST(%s AS DOUBLE PRECISION))"] * len(rows))
        params: list = [v for row in rows for v in row]
        matched = (
            f"WITH q(term, clause, qw) AS (VALUES {values}), "
            f"m AS (SELECT p.item_id, p.faq_id, q.clause, MAX(q.qw * p.weight) AS s "
            f"FROM q JOIN {POSTING_TABLE} p ON p.term = q.term GROUP BY p.item_id, p.faq_id, q.clause), "
            "d AS (SELECT item_id, faq_id, SUM(s) AS s FROM m GROUP BY item_id, faq_id)"
        )
        if items_only:
            sql = (
                f"{matched}, r AS (SELECT item_id, "
                f"SUM(CASE WHEN faq_id = {ITEM_DOC} THEN s ELSE 0 END) "
                f"+ %s * MAX(CASE WHEN faq_id = {ITEM_DOC} THEN 0 ELSE s END) AS score FROM d GROUP BY item_id) "
                f"SELECT r.item_id, {ITEM_DOC}, doc.version_id, r.score FROM r "
                f"JOIN {DOC_TABLE} doc ON doc.item_id = r.item_id AND doc.faq_id = {ITEM_DOC} "
                "JOIN catalog_itemversion v ON v.id = doc.version_id AND v.item_id = r.item_id AND v.status = %s "
                "ORDER BY r.score DESC, r.item_id LIMIT %s"
            )
            params += [FAQ_SHARE, ItemVersion.Status.PUBLISHED, limit]
        else:
            sql = (
                f"{matched} SELECT d.item_id, d.faq_id, doc.version_id, d.s FROM d "
                f"JOIN {DOC_TABLE} doc ON doc.item_id = d.item_id AND doc.faq_id = d.faq_id "
                "JOIN catalog_itemversion v ON v.id = doc.version_id AND v.item_id = d.item_id AND v.status = %s "
                "ORDER BY d.s DESC, d.item_id, d.faq_id LIMIT %s"
            )
            params += [ItemVersion.Status.PUBLISHED, limit]
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if found:
        floor = found[0][3] * RELATIVE_CUTOFF
        found = [row for row in found if row[3] >= floor]
    return found, clauses


def snippet(text: str, terms: Iterable[str], width: int = 80) -> str:
    """A short extract of `text` around the first (longest) matched term."""
    text = " ".join((text or "").split())
    folded = Analyzer.normalize(text)
    best = None
    for term in sorted(set(terms), key=len, reverse=True):
        pos = folded.find(term)
        if pos >= 0 and (best is None or pos < best):
            best = pos
    if len(text) <= width:
        return text
    start = 0 if best is None else max(0, min(best - width // 4, len(text) - width))
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _hits(found: list[tuple], clauses: list[Clause]) -> list[SearchHit]:
    terms = [t for c in clauses for t in c.alternatives]
    versions = {
        v.pk: v for v in ItemVersion.objects.filter(pk__in={row[2] for row in found})
        .select_related("item").only("name", "summary", "acceptance_conditions", "item__code")
    }
    faqs = Faq.objects.in_bulk([row[1] for row in found if row[1] != ITEM_DOC])
    hits = []
    for _item_id, faq_id, version_id, score in found:
        version = versions.get(version_id)
        if version is None:
            continue
        if faq_id == ITEM_DOC:
            hits.append(SearchHit(
                kind="item", item_code=version.item.code, name=version.name, version_id=version.pk,
                score=round(float(score), 4), snippet=snippet(version.summary or version.acceptance_conditions, terms),
            ))
        elif faq := faqs.get(faq_id):
            hits.append(SearchHit(
                kind="faq", item_code=version.item.code, name=version.name, version_id=version.pk,
                score=round(float(score), 4), snippet=snippet(faq.answer, terms), faq_id=faq.pk,
                question=faq.question,
            ))
    return hits


def search(query: str, *, limit: int = 10) -> list[SearchHit]:
    """Published items and FAQs mixed, best first."""
    found, clauses = _scored(query, limit, items_only=False)
    return _hits(found, clauses)


def search_items(query: str, *, limit: int = 10) -> list[SearchHit]:
    """Published items only, best first; a matching FAQ counts toward its item."""
    found, clauses = _scored(query, limit, items_only=True)
    return _hits(found, clauses)
