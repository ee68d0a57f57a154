"""A member's wiki edits in their data download; deleting the account keeps shared history."""

from novanet.accounts.privacy import delete_account, export_data
from novanet.extensions import db
from novanet.wiki import services
from novanet.wiki.models import WikiPage, WikiRevision
from tests.factories import PASSWORD, make_user
from tests.wiki.factories import make_page


def test_export_and_deletion(app, in_request):
    leaving, staying = make_user("saliente"), make_user("restante")
    own = make_page("Solo mía", "texto propio\n", author=leaving, revisions=["texto propio 2\n"])
    shared = make_page("Compartida", "base\n", author=leaving)
    services.save_page(shared, staying, title=shared.title, body="base\nmás\n",
                       base_revision=shared.version)
    data = export_data(leaving)
    assert [(r["page"], r["revision"]) for r in data["wiki_revisions"]] == [
        (own.slug, 1), (own.slug, 2), (shared.slug, 1)]
    own_id, shared_id = own.id, shared.id
    delete_account(leaving, PASSWORD, keep_content=False)
    db.session.expire_all()
    assert db.session.get(WikiPage, own_id) is None
    kept = db.session.get(WikiPage, shared_id)
    assert kept.body == "base\nmás\n"
    authors = [r.author_id for r in db.session.query(WikiRevision).filter_by(page_id=shared_id)
               .order_by(WikiRevision.number)]
    assert authors == [None, staying.id]


def test_keeping_content_keeps_every_page(app, in_request):
    leaving = make_user("saliente")
    own = make_page("Solo mía", author=leaving)
    delete_account(leaving, PASSWORD, keep_content=True)
    db.session.expire_all()
    assert db.session.get(WikiPage, own.id) is not None
