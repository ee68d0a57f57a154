"""Keyset pagination shared by HTML lists and the API.

A page is ordered by one or more columns (all descending or all ascending, the last one unique,
usually the id). The cursor is an opaque token holding the last row's key values.
"""

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_

from novanet.core.errors import DomainError

MAX_LIMIT = 100


class BadCursor(DomainError):
    status = 400
    code = "bad_cursor"


@dataclass
class Page:
    items: list
    next: str | None

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def _encode(values: list[Any]) -> str:
    packed = [{"t": v.isoformat()} if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(packed).encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        packed = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(packed, list) or len(packed) != size:
            raise ValueError
        return [datetime.fromisoformat(v["t"]) if isinstance(v, dict) else v for v in packed]
    except (ValueError, TypeError, KeyError):
        raise BadCursor(fields={"cursor": "not a cursor this list gave out"}) from None


def clamp_limit(limit: Any, default: int = 20) -> int:
    try:
        value = int(limit) if limit not in (None, "") else default
    except (TypeError, ValueError):
        raise DomainError(fields={"limit": "must be a whole number"}) from None
    return max(1, min(MAX_LIMIT, value))


def paginate(stmt: Select, keys: list, *, session, limit: int, cursor: str | None = None,
             descending: bool = True, scalars: bool = True) -> Page:
    """Run stmt ordered by keys, starting after cursor; keys are column expressions."""
    if cursor:
        values = _decode(cursor, len(keys))
        stmt = stmt.where(_after(keys, values, descending))
    order = [k.desc() if descending else k.asc() for k in keys]
    stmt = stmt.order_by(*order).limit(limit + 1)
    result = session.execute(stmt)
    rows = list(result.scalars() if scalars else result.all())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode([_key_value(last, k) for k in keys])
    return Page(rows, next_cursor)


def _key_value(row, key):
    name = key.key if hasattr(key, "key") else key.name
    if hasattr(row, name):
        return getattr(row, name)
    return row[0].__getattribute__(name)  # row tuples: first entity holds the keys


def _after(keys, values, descending):
    # (a, b) < (x, y)  ==  a < x OR (a = x AND b < y), spelled out for every engine.
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j] == values[j] for j in range(i)]
        step = key < values[i] if descending else key > values[i]
        clauses.append(and_(*equal, step))
    # The same bound on the first key alone, which planners can turn into an index range (the
    # OR above alone makes SQLite scan from the start of the index on every later page).
    first = keys[0] <= values[0] if descending else keys[0] >= values[0]
    return and_(first, or_(*clauses)) if len(keys) > 1 else or_(*clauses)
