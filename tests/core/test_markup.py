"""The sanitiser must hold against hostile Markdown and HTML, not only the happy path."""

from html.parser import HTMLParser

import pytest

from novanet.core.markup import plain_text, render, sanitize

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg onload=alert(1)>",
    '<p onclick="alert(1)">hi</p>',
    "paragraph\n{: onclick=alert(1) }",
    "<object data=x></object><embed src=x>",
    '<form action="https://evil.example"><input name=x></form>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "<<script>script>alert(1)<</script>/script>",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str):
    parser = _Elements()
    parser.feed(html)
    return parser.found


FORBIDDEN_TAGS = {"script", "style", "iframe", "svg", "math", "object", "embed", "form", "input"}


@pytest.mark.parametrize("source", ATTACKS)
def test_hostile_input_is_neutralised(source):
    html = render(source)
    for tag, attrs in elements(html):
        assert tag not in FORBIDDEN_TAGS, (source, html)
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", (source, html)
            if name in ("href", "src"):
                scheme = (value or "").strip().lower().split(":", 1)[0]
                assert scheme in ("http", "https", "mailto") or value.startswith("/"), html


def test_links_get_rel_and_markdown_works():
    html = render("**bold** and [a link](https://example.org) and https://auto.example.org")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert html.count('rel="nofollow noopener"') == 2


def test_tables_code_and_headings_survive():
    html = render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<b>x</b>\n```")
    assert "<table>" in html and "<h1" in html and "&lt;b&gt;" in html


def test_sanitize_and_plain_text():
    assert "<script" not in sanitize("<ins>ok</ins><script>x</script>")
    assert plain_text("**Hola** & adiós <b>x</b>") == "Hola & adiós x"
