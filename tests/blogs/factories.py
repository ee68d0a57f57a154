"""Blog factories: posts and comments through the real services."""

import io
import itertools
from datetime import timedelta

from PIL import Image

from novanet.blogs import comments, services
from novanet.core.db import utcnow

_seq = itertools.count(1)


def make_post(author, *, title: str | None = None, body: str = "Texto del post con **Markdown**.",
              status: str = "published", group=None, **fields):
    n = next(_seq)
    return services.create_post(author, title=title or f"Post {n}", body=body, status=status,
                                group=group, **fields)


def make_scheduled(author, *, minutes: int = 60, **fields):
    return make_post(author, status="scheduled",
                     publish_at=utcnow() + timedelta(minutes=minutes), **fields)


def make_comment(author, post, body: str = "Muy útil, gracias.", parent_id=None):
    return comments.add_comment(author, post, body, parent_id=parent_id)


def image_bytes(fmt: str = "PNG", size=(32, 24)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()
