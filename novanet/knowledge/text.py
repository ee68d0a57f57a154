"""Normalised text for catalogue search and "looks alike" suggestions.

Accents and case are folded so "participación" finds "Participacion" on every engine: the
normalised copy is stored beside the record and matched with LIKE.
"""

import re
import unicodedata

# Frequent words in es/pt/ca/en that say nothing about what a practice is about.
STOPWORDS = frozenset("""
a al als amb an and ao aos as at como con da das de del dels des do dos e el em en entre es et
for from in la las les lo los na nas no nos o of on or os para pel pela pelo per por que se
sem sin sobre the to un una uno uns um uma y with una
""".split())

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str | None) -> str:
    """Lowercase without diacritics: "Participación Ciudadana" -> "participacion ciudadana"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str | None, minimum: int = 4) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) >= minimum and w not in STOPWORDS}


def like_terms(query: str | None) -> list[str]:
    """The words of a search box as LIKE patterns (every word must appear)."""
    terms = []
    for word in _WORD.findall(fold(query))[:8]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        terms.append(f"%{escaped}%")
    return terms
