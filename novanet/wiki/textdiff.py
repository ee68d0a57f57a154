"""Readable, accessible diffs between two revisions of a page.

Lines are compared first; changed lines that pair up are compared word by word so the reader
sees exactly what moved. Added text is wrapped in <ins>, removed text in <del>, each with a
visually hidden word so screen readers announce the change and colour is never the only cue.
The HTML goes through core.markup.sanitize like every other piece of HTML we show.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from flask_babel import gettext as _

from novanet.core.markup import sanitize
from novanet.wiki.merge import split_lines

CONTEXT = 2
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class DiffStats:
    added: int
    removed: int


def _wrap(tag: str, text: str, before: str, after: str) -> str:
    return (f'<{tag}><span class="visually-hidden">{escape(before)} </span>{escape(text)}'
            f'<span class="visually-hidden"> {escape(after)}</span></{tag}>')


def _ins(text: str) -> str:
    return _wrap("ins", text, _("added:"), _("end of addition"))


def _del(text: str) -> str:
    return _wrap("del", text, _("removed:"), _("end of removal"))


def _words(old: str, new: str) -> tuple[str, str]:
    """Word-level highlights of one changed line: (old line HTML, new line HTML)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(escape("".join(a[i1:i2])))
            right.append(escape("".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(_del("".join(a[i1:i2])))
        if j2 > j1:
            right.append(_ins("".join(b[j1:j2])))
    return "".join(left), "".join(right)


def _line(kind: str, marker: str, label: str, body: str) -> str:
    return (f'<div class="diff-line diff-{kind}"><span class="diff-marker">{marker}'
            f'<span class="visually-hidden"> {escape(label)}</span></span>'
            f'<span class="diff-text">{body or "&nbsp;"}</span></div>')


def diff_html(old: str, new: str) -> tuple[str, DiffStats]:
    """The HTML of the changes from old to new text, and how many lines each way."""
    a = [ln.rstrip("\n") for ln in split_lines(old)]
    b = [ln.rstrip("\n") for ln in split_lines(new)]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    rows: list[str] = []
    added = removed = 0
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            lines = a[i1:i2]
            head = lines[:CONTEXT] if index > 0 else []
            tail = lines[-CONTEXT:] if index < len(opcodes) - 1 else []
            if len(head) + len(tail) >= len(lines):
                shown = [(ln,) for ln in lines]
            else:
                hidden = len(lines) - len(head) - len(tail)
                shown = [(ln,) for ln in head] + [None] + [(ln,) for ln in tail]
            for item in shown:
                if item is None:
                    rows.append('<div class="diff-skip">' + escape(
                        _("… %(n)s unchanged lines …", n=hidden)) + "</div>")
                else:
                    rows.append(_line("same", " ", _("unchanged"), escape(item[0])))
            continue
        old_lines, new_lines = a[i1:i2], b[j1:j2]
        removed += len(old_lines)
        added += len(new_lines)
        paired = min(len(old_lines), len(new_lines)) if tag == "replace" else 0
        for k in range(paired):
            left, right = _words(old_lines[k], new_lines[k])
            rows.append(_line("del", "−", _("line removed"), left))
            rows.append(_line("add", "+", _("line added"), right))
        for ln in old_lines[paired:]:
            rows.append(_line("del", "−", _("line removed"), _del(ln) if ln else ""))
        for ln in new_lines[paired:]:
            rows.append(_line("add", "+", _("line added"), _ins(ln) if ln else ""))
    if not rows or (added == 0 and removed == 0):
        return "", DiffStats(0, 0)
    return sanitize('<div class="diff">' + "".join(rows) + "</div>"), DiffStats(added, removed)
