"""Search latency over 100,000 generated documents on SQLite (FTS5) and PostgreSQL.

    python bench/search_latency.py [--engine sqlite|postgresql|both] [--docs 100000]

Documents are Spanish/Portuguese-like text (Zipf-distributed vocabulary with accents), 30% in
no group and the rest spread over 100 groups (public, private, secret). Queries run as a member
of a few groups, through the same code as /search, mixing common, rare, accent-free and prefix
terms. Target: p95 under 50 ms.
"""

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import analyze, make_app, summary, timed  # noqa: E402
from novanet.extensions import db  # noqa: E402

STEMS = ["participación", "ciudadanía", "presupuesto", "innovación", "transparencia", "gestión",
         "administración", "política", "pública", "municipal", "datos", "abiertos", "servicio",
         "digital", "educación", "salud", "movilidad", "urbanismo", "vivienda", "energía",
         "cooperação", "governação", "inovação", "orçamento", "cidadão", "município", "saúde",
         "licitación", "contratación", "evaluación", "planificación", "sostenibilidad", "agua",
         "residuos", "empleo", "formación", "igualdad", "género", "juventud", "cultura",
         "turismo", "seguridad", "emergencias", "catastro", "tributos", "archivo", "registro"]
SUFFIXES = ["", "s", "es", "al", "ión", "ado", "ada", "ivo", "iva", "mente", "dad", "ero"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set(STEMS)
    while len(words) < size:
        base = rng.choice(STEMS)[: rng.randint(3, 7)]
        words.add(base + rng.choice(SUFFIXES) + rng.choice("aeioruln"))
    return sorted(words)


def generate(app, n_docs: int, rng: random.Random):
    from novanet.accounts.models import User
    from novanet.groups.models import Group, Membership
    from novanet.search.models import SearchDocument

    words = vocabulary(rng)
    weights = [1 / (i + 1) for i in range(len(words))]
    with app.app_context():
        viewer = User(username="viewer", email="viewer@madrid.es", password_hash="x",
                      display_name="Viewer")
        db.session.add(viewer)
        groups = [Group(slug=f"g{i}", name=f"Grupo {i}",
                        visibility=("public", "private", "secret")[i % 3]) for i in range(100)]
        db.session.add_all(groups)
        db.session.flush()
        db.session.add_all(Membership(group_id=g.id, user_id=viewer.id) for g in groups[:10])
        db.session.commit()
        group_ids = [g.id for g in groups]
        start = datetime(2024, 1, 1, tzinfo=UTC)
        batch = []
        table = SearchDocument.__table__
        for i in range(n_docs):
            body = " ".join(rng.choices(words, weights, k=rng.randint(20, 80)))
            title = " ".join(rng.choices(words, weights, k=rng.randint(3, 8))).capitalize()
            batch.append({"kind": ("debate", "post", "blog_post", "wiki_page", "event")[i % 5],
                          "ref_id": i, "title": title, "body": body, "url": f"/x/{i}",
                          "group_id": None if rng.random() < 0.3 else rng.choice(group_ids),
                          "author_id": None, "created_at": start + timedelta(minutes=i)})
            if len(batch) == 5000:
                db.session.execute(table.insert(), batch)
                db.session.commit()
                batch = []
        if batch:
            db.session.execute(table.insert(), batch)
            db.session.commit()
        analyze()
        return viewer.id, words


def queries(words: list[str], rng: random.Random, n: int) -> list[str]:
    common, rare = words[:40], words[-500:]
    plain = {"participación": "participacion", "gestión": "gestion", "innovación": "innovacion",
             "orçamento": "orcamento", "cooperação": "cooperacao", "educación": "educacion"}
    out = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            out.append(rng.choice(common))
        elif kind == 1:
            out.append(rng.choice(rare))
        elif kind == 2:
            out.append(rng.choice(list(plain.values())))
        elif kind == 3:
            out.append(f"{rng.choice(common)} {rng.choice(common)}")
        else:
            out.append(rng.choice(common)[:5])  # prefix while typing
    return out


def run(engine: str, n_docs: int, n_queries: int) -> None:
    from novanet.accounts.models import User
    from novanet.search.query import search

    rng = random.Random(42)
    app = make_app(engine)
    viewer_id, words = generate(app, n_docs, rng)
    qs = queries(words, rng, n_queries)
    with app.test_request_context():
        viewer = db.session.get(User, viewer_id)
        viewer.is_authenticated  # noqa: B018  (a real member, as views see it)
        for q in qs[:20]:
            search(viewer, q)  # warm caches
        it = iter(qs)
        times = timed(lambda: search(viewer, next(it)), len(qs))
        hits = sum(len(search(viewer, q).hits) > 0 for q in qs[:50])
    print(f"search {engine:10s} {n_docs} docs: {summary(times)}  ({hits}/50 queries had hits)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="both", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    for engine in (["sqlite", "postgresql"] if args.engine == "both" else [args.engine]):
        run(engine, args.docs, args.queries)


if __name__ == "__main__":
    main()
