"""Claim: the knowledge base answers at least 90 % of the evaluation questions in its top 3.

The evaluation set (``noivu/helpdesk/knowledge/data/eval.yaml``) asks for entries of the seed corpus
(``faq.yaml``, 158 articles) in other words, part of them without diacritics. Each question is searched
with the application's own ranking (``KnowledgeIndex.search``: BM25 over folded words and syllable pairs,
fused with multilingual-e5-small embeddings); a hit is the expected entry among the first three. The
lexical and the semantic rankings alone are reported beside it. No database is needed: the index is built
in memory from the corpus and its shipped embeddings, exactly as the application builds it from its rows.

    .venv/bin/python bench/helpdesk_eval.py [--misses]
"""

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noivu.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("OMP_NUM_THREADS", "1")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from noivu.core.text import fold  # noqa: E402
from noivu.helpdesk.knowledge import embeddings, search  # noqa: E402
from noivu.helpdesk.knowledge.seed import entries, evaluation_questions, set_vectors  # noqa: E402
from noivu.helpdesk.models import Article  # noqa: E402

TARGET = 0.90
TOP = 3


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument(
        "--misses", action="store_true", help="list the questions not answered in the top 3"
    )
    options = arguments.parse_args()
    items = entries()
    articles = [Article(question=i["question"], answer=i["answer"], citations=i["citations"]) for i in items]
    set_vectors(articles)
    rows = [
        (number, fold(a.text()), a.vector, a.folded_vector, item["topic"])
        for number, (a, item) in enumerate(zip(articles, items, strict=True))
    ]
    index = search.KnowledgeIndex.from_rows(rows)
    keys = [item["key"] for item in items]
    questions = evaluation_questions()
    started = time.perf_counter()
    vectors = [embeddings.embed_query(q["q"]) for q in questions]
    embed_ms = (time.perf_counter() - started) * 1000 / len(questions)
    results = {"fused": 0, "lexical": 0, "semantic": 0}
    misses = []
    for question, vector in zip(questions, vectors, strict=True):
        expected = keys.index(question["key"])
        fused = [hit.article_id for hit in index.search(question["q"], limit=TOP, vector=vector)]
        lexical = np.argsort(-index.lexical_scores(question["q"]), kind="stable")[:TOP]
        semantic = np.argsort(-index.semantic_scores(question["q"], vector), kind="stable")[:TOP]
        results["fused"] += expected in fused
        results["lexical"] += expected in lexical
        results["semantic"] += expected in semantic
        if expected not in fused:
            misses.append((question["q"], question["key"], [keys[i] for i in fused]))
    total = len(questions)
    unaccented = sum(1 for q in questions if fold(q["q"]) == " ".join(q["q"].lower().split()))
    print(f"evaluation: {total} questions ({unaccented} without diacritics) over {len(items)} articles")
    for name, hits in results.items():
        print(f"  {name:9s} top-{TOP}: {hits}/{total} = {hits / total:.1%}")
    print(f"  query embedding: {embed_ms:.0f} ms per question (mean)")
    if options.misses:
        for text, key, got in misses:
            print(f"  MISS {text!r}: expected {key}, got {got}")
    share = results["fused"] / total
    verdict = "OK" if share >= TARGET else "UNDER TARGET"
    print(f"claim: >= {TARGET:.0%} in the top {TOP}: {share:.1%}: {verdict}")
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
