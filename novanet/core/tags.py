"""Topic tags: one spelling rule for groups, debates, blogs, expertise and events."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from novanet.core.errors import Invalid

TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_TAGS = 10


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII, lowercase, hyphenated: 'Participación Ciudadana' -> 'participacion-ciudadana'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:max_length].strip("-")


def parse_tags(value, field: str = "tags") -> list[str]:
    """Accept a comma-separated string or a list; return unique, valid tags or raise Invalid."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    tags: list[str] = []
    for raw in items:
        if not isinstance(raw, str):
            raise Invalid(fields={field: _l("Tags must be text.")})
        tag = raw.strip().lower()
        if not tag:
            continue
        normalized = slugify(tag, 40)
        if not TAG_RE.match(tag) and not (normalized and raw.strip() and _is_spaced_word(raw)):
            raise Invalid(fields={field: _l(
                "Tags use lowercase letters, digits and hyphens, up to 40 characters: "
                "“%(tag)s” does not.", tag=raw.strip()[:50])})
        tag = normalized
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise Invalid(fields={field: _l("Use at most %(n)s tags.", n=MAX_TAGS)})
    return tags


def _is_spaced_word(raw: str) -> bool:
    # Friendly input such as "Open Data" or "participación" is accepted and normalised;
    # punctuation soup such as "<b>" or "a/b" is refused.
    return bool(re.fullmatch(r"[\w][\w \-]{0,39}", raw.strip())) and "_" not in raw
