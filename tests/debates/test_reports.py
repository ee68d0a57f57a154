from novanet.debates.models import Post
from novanet.extensions import db
from tests.debates.factories import make_debate, make_post
from tests.factories import make_group, make_user


def test_debates_and_posts_are_report_targets(app, request_ctx):
    from novanet.moderation import registry

    assert {"debate", "post"} <= set(registry.kinds())
    secret = make_debate(make_group(visibility="secret"))
    post = make_post(secret)
    target = registry.get("post")
    assert target.load(post.id) is post
    assert target.can_view(secret.author, post) and not target.can_view(make_user(), post)
    assert target.url_of(post) == f"/posts/{post.id}"
    target.delete(post)
    db.session.commit()
    assert db.session.get(Post, post.id).deleted
    db.session.refresh(secret)
    assert secret.reply_count == 0
