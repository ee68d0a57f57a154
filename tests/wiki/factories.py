"""Wiki factories going through the real services."""

from novanet.wiki import services
from novanet.wiki.wikis import Wiki
from tests.factories import make_user


def make_page(title: str = "Guía de datos abiertos", body: str = "Texto inicial.\n", *,
              group=None, author=None, revisions: list[str] | None = None):
    author = author or make_user()
    page = services.create_page(Wiki(group), author, title=title, body=body, summary="first")
    for text in revisions or []:
        services.save_page(page, author, title=page.title, body=text, summary="more",
                           base_revision=page.version)
    return page
