"""Highlighting in Python, the same on every engine: accent- and case-insensitive, on plain
text, escaped before any markup is added. Cheaper than the engines' snippet functions, which
re-run the whole match for every row."""

import re
import unicodedata

from markupsafe import Markup, escape

SNIPPET_WORDS = 30


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: folding a long body then
    runs at C speed instead of normalising character by character in Python."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase without accents, one output character per input character (positions match)."""
    return text.translate(_FOLD)


def _pattern(terms: list[str]) -> re.Pattern | None:
    parts = []
    for i, term in enumerate(terms):
        t = re.escape(fold(term))
        # every term matches whole words; the last one also as a prefix (as the query does)
        parts.append(t + (r"\w*" if i == len(terms) - 1 else r"\b"))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.UNICODE)


def _marked(text: str, folded: str, pattern: re.Pattern) -> Markup:
    out, last = [], 0
    for m in pattern.finditer(folded):
        out.append(escape(text[last:m.start()]))
        out.append(Markup("<mark>") + escape(text[m.start():m.end()]) + Markup("</mark>"))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def title(text: str, terms: list[str]) -> Markup:
    pattern = _pattern(terms)
    if pattern is None:
        return Markup(escape(text))
    return _marked(text, fold(text), pattern)


def snippet(text: str, terms: list[str], words: int = SNIPPET_WORDS) -> Markup:
    """About `words` words around the first match, with every match marked."""
    text = text or ""
    pattern = _pattern(terms)
    folded = fold(text)
    first = pattern.search(folded) if pattern else None
    if first is None:
        cut = text.split()
        short = " ".join(cut[:words])
        return Markup(escape(short + (" …" if len(cut) > words else "")))
    spans = [m.start() for m in re.finditer(r"\S+", text)]
    index = sum(1 for s in spans if s <= first.start()) - 1
    lo = max(0, index - words // 3)
    hi = min(len(spans), lo + words)
    start = spans[lo] if spans else 0
    end = spans[hi] if hi < len(spans) else len(text)
    piece, folded_piece = text[start:end].rstrip(), folded[start:end].rstrip()
    body = _marked(piece, folded_piece, pattern)
    return Markup("").join([Markup("… ") if lo > 0 else Markup(""), body,
                            Markup(" …") if hi < len(spans) else Markup("")])
