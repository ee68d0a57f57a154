"""Line-based three-way merge for concurrent wiki edits.

Both edits are reduced to hunks against the common base (a base line range and the lines that
replace it). Hunks from the two sides that overlap or touch are settled together: if both sides
produced the same text the change is taken once, otherwise it is a conflict. Touching hunks
count as overlapping on purpose: changing adjacent lines independently is how contradictory
edits usually look, and a human should decide.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Hunk:
    start: int  # base line range [start, end) replaced by lines
    end: int
    lines: tuple[str, ...]
    side: str


@dataclass
class ConflictRegion:
    base: list[str]
    mine: list[str]
    theirs: list[str]


@dataclass
class MergeResult:
    clean: bool
    text: str  # the merged text; where regions conflict, my version of them
    conflicts: list[ConflictRegion] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Lines with their endings, normalised to \\n so CRLF from browsers matches stored text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.splitlines(keepends=True)


def _hunks(base: list[str], other: list[str], side: str) -> list[Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [Hunk(i1, i2, tuple(other[j1:j2]), side)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _touch(a_start: int, a_end: int, b: Hunk) -> bool:
    return a_start <= b.end and b.start <= a_end


def _apply(base: list[str], lo: int, hi: int, hunks: list[Hunk]) -> list[str]:
    """The base region [lo, hi) with one side's hunks (which lie inside it) applied."""
    out: list[str] = []
    pos = lo
    for h in sorted(hunks, key=lambda h: (h.start, h.end)):
        out.extend(base[pos:h.start])
        out.extend(h.lines)
        pos = h.end
    out.extend(base[pos:hi])
    return out


def _terminated(lines: list[str]) -> list[str]:
    # A final line without "\n" would differ from the same line followed by more text, and
    # would glue two lines together once something is inserted after it.
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def merge3(base: str, mine: str, theirs: str) -> MergeResult:
    """Combine my edit and their edit of the same base text."""
    b, m, t = split_lines(base), split_lines(mine), split_lines(theirs)
    if m == t:
        return MergeResult(True, "".join(m))
    if m == b:
        return MergeResult(True, "".join(t))
    if t == b:
        return MergeResult(True, "".join(m))
    b, m, t = _terminated(b), _terminated(m), _terminated(t)

    hunks = sorted(_hunks(b, m, "mine") + _hunks(b, t, "theirs"),
                   key=lambda h: (h.start, h.end, h.side))
    out: list[str] = []
    conflicts: list[ConflictRegion] = []
    pos = 0
    i = 0
    while i < len(hunks):
        group = [hunks[i]]
        lo, hi = hunks[i].start, hunks[i].end
        i += 1
        while i < len(hunks) and _touch(lo, hi, hunks[i]):
            lo, hi = min(lo, hunks[i].start), max(hi, hunks[i].end)
            group.append(hunks[i])
            i += 1
        out.extend(b[pos:lo])
        pos = hi
        sides = {h.side for h in group}
        mine_part = _apply(b, lo, hi, [h for h in group if h.side == "mine"])
        theirs_part = _apply(b, lo, hi, [h for h in group if h.side == "theirs"])
        if sides == {"mine"}:
            out.extend(mine_part)
        elif sides == {"theirs"}:
            out.extend(theirs_part)
        elif mine_part == theirs_part:
            out.extend(mine_part)
        else:
            conflicts.append(ConflictRegion(b[lo:hi], mine_part, theirs_part))
            out.extend(mine_part)
    out.extend(b[pos:])
    return MergeResult(not conflicts, "".join(out), conflicts)
