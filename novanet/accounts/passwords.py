"""Password rules (ASVS 2.1): 12 to 128 characters, not common, not built from the username."""

import re
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 128


@cache
def _common() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


def problem(password: str, *, username: str = "", email: str = "") -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(n)s characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(n)s characters.", n=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _common() or len(set(lowered)) <= 3 or _is_sequence(lowered):
        return _l("That password is too common. Try a few unrelated words together.")
    for own in (username.lower(), email.lower().split("@")[0]):
        if len(own) >= 4 and own in lowered and len(lowered) - len(own) < 8:
            return _l("Your password should not be built from your username or e-mail.")
    return None


def _is_sequence(text: str) -> bool:
    rows = "0123456789 abcdefghijklmnopqrstuvwxyz qwertyuiopasdfghjklzxcvbnm 9876543210"
    core = re.sub(r"[^a-z0-9]", "", text)
    return len(core) >= 8 and core in rows


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


# Compared against when the account does not exist, so timing does not reveal who is registered.
DUMMY_HASH = hash_password("a placeholder that never matches 7f1c")
