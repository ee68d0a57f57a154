"""Atom feeds of blog lists, with absolute links built on BASE_URL."""

from feedgen.feed import FeedGenerator
from flask import Response

from novanet.accounts.services import external_url
from novanet.blogs.models import BlogPost
from novanet.core.db import utcnow

FEED_SIZE = 30


def post_url(post: BlogPost) -> str:
    if post.group is not None:
        return external_url("blogs.group_post", group_slug=post.group.slug, slug=post.slug)
    return external_url("blogs.member_post", username=post.author.username, slug=post.slug)


def atom(posts: list[BlogPost], *, title: str, self_endpoint: str, self_values: dict,
         alternate_endpoint: str, alternate_values: dict, subtitle: str = "") -> Response:
    """Render posts as an Atom document; the feed id is its own absolute address."""
    self_link = external_url(self_endpoint, **self_values)
    gen = FeedGenerator()
    gen.id(self_link)
    gen.title(title)
    gen.subtitle(subtitle or title)
    gen.link(href=self_link, rel="self", type="application/atom+xml")
    gen.link(href=external_url(alternate_endpoint, **alternate_values), rel="alternate",
             type="text/html")
    gen.language("es")
    gen.generator("NovaNet")
    newest = None
    for post in reversed(posts):  # feedgen prepends entries: add oldest first
        updated = max(post.updated_at, post.published_at or post.updated_at)
        newest = updated if newest is None or updated > newest else newest
        link = post_url(post)
        entry = gen.add_entry()
        entry.id(link)
        entry.title(post.title)
        entry.link(href=link, rel="alternate", type="text/html")
        entry.author({"name": post.author.display_name})
        entry.published(post.published_at)
        entry.updated(updated)
        if post.excerpt:
            entry.summary(post.excerpt)
        entry.content(post.body_html, type="html")
        for tag in post.tag_names:
            entry.category(term=tag)
    gen.updated(newest or utcnow())
    body = gen.atom_str(pretty=True)
    return Response(body, mimetype="application/atom+xml",
                    headers={"Cache-Control": "public, max-age=300"})
