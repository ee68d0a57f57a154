"""A small world for benchmarks: members, a public group, a debate with N replies."""

import os
import tempfile

PASSWORD = "bench-password-2026"


def database_url(name: str) -> str:
    """NOVANET_BENCH_DATABASE_URL (e.g. PostgreSQL) or a fresh SQLite file."""
    url = os.environ.get("NOVANET_BENCH_DATABASE_URL")
    if url:
        return url
    path = os.path.join(tempfile.mkdtemp(prefix=f"novanet-{name}-"), "bench.sqlite")
    return f"sqlite:///{path}"


def prepare(url: str, *, replies: int = 0, members: int = 4) -> dict:
    from novanet import create_app
    from novanet.accounts import services as accounts
    from novanet.debates import services
    from novanet.extensions import db
    from novanet.groups.models import Group, Membership

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-only-secret-key",
                      "EMAIL_VERIFICATION": "optional", "RATELIMIT_ENABLED": False,
                      "REQUIRE_ADMIN_2FA": False, "BABEL_DEFAULT_LOCALE": "es"})
    with app.app_context(), app.test_request_context("/"):
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        db.create_all()
        people = [accounts.register(username=f"bench_{i}", email=f"bench_{i}@example.org",
                                    password=PASSWORD, display_name=f"Persona Bench {i}",
                                    verified=True) for i in range(members)]
        group = Group(name="Bench group", slug="bench", visibility="public", member_count=members)
        db.session.add(group)
        db.session.flush()
        for i, person in enumerate(people):
            db.session.add(Membership(group_id=group.id, user_id=person.id,
                                      role="owner" if i == 0 else "member", status="active"))
        db.session.commit()
        debate = services.create_debate(
            people[0], group, title="¿Cómo publicamos los contratos menores?",
            body="Queremos publicar **todos** los contratos menores cada semana.\n\n"
                 "- ¿Qué formato?\n- ¿Qué campos?", tags=["contratacion", "datos-abiertos"])
        previous = None
        for n in range(replies):
            body = (f"Respuesta {n}: en nuestro ayuntamiento usamos una hoja de cálculo "
                    "publicada cada lunes, con *importe*, *adjudicatario* y **objeto**. "
                    "El mayor problema fue normalizar los nombres de las empresas; "
                    "ahora usamos el NIF como clave. [Guía](https://example.org/guia)\n\n"
                    "> Lo importante es la regularidad.\n\nSaludos a todo el grupo.")
            previous = services.reply(people[n % members], debate, body=body,
                                      reply_to_id=previous.id if previous and n % 4 == 3
                                      else None)
        info = {"debate_id": debate.id, "usernames": [p.username for p in people]}
        db.session.remove()
        db.engine.dispose()
    return info
