"""Translation catalogs: one per feature package, merged by Flask-Babel at run time.

    python scripts/i18n.py update [FEATURE]   extract strings and update every catalog (or just
                                              FEATURE's, e.g. groups, or core), for es, pt, ca, en
    python scripts/i18n.py compile   compile .po to .mo (done by `make`)
    python scripts/i18n.py check     fail if a catalog has untranslated or fuzzy entries

The core catalog (novanet/translations) covers shared code and templates; each feature package
with a translations/ folder covers its own code and novanet/templates/<feature>/.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "novanet"
LANGS = ("es", "pt", "ca", "en")
CORE_SOURCES = ["core", "pages", "api", "config.py", "__init__.py", "demo.py",
                "templates/base.html", "templates/_macros", "templates/errors", "templates/pages"]


def catalogs() -> dict[Path, list[Path]]:
    found = {PKG / "translations": [PKG / s for s in CORE_SOURCES]}
    for folder in sorted(PKG.glob("*/translations")):
        feature = folder.parent
        sources = [feature]
        if (PKG / "templates" / feature.name).exists():
            sources.append(PKG / "templates" / feature.name)
        found[folder] = sources
    return found


def run(*args) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def update(only: str | None = None) -> None:
    for folder, sources in catalogs().items():
        name = "core" if folder.parent == PKG else folder.parent.name
        if only and name != only:
            continue
        folder.mkdir(exist_ok=True)
        pot = folder / "messages.pot"
        run("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
            "--sort-output", "--omit-header", "-o", str(pot),
            *[str(s) for s in sources if s.exists()])
        for lang in LANGS:
            po = folder / lang / "LC_MESSAGES" / "messages.po"
            if po.exists():
                run("update", "-i", str(pot), "-d", str(folder), "-l", lang, "--no-fuzzy-matching",
                    "--ignore-obsolete")
            else:
                run("init", "-i", str(pot), "-d", str(folder), "-l", lang)
        fill_source_language(folder / "en" / "LC_MESSAGES" / "messages.po")
        print(f"updated {folder.relative_to(ROOT)}")


def fill_source_language(po: Path) -> None:
    """English is the source language: its catalog repeats the source strings."""
    from babel.messages.pofile import write_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        text = message.string
        if message.id and (not text or (isinstance(text, tuple) and not all(text))):
            message.string = message.id
    with po.open("wb") as fh:
        write_po(fh, catalog, omit_header=True, sort_output=True, ignore_obsolete=True)


def compile_all() -> None:
    for folder in catalogs():
        if any(folder.glob("*/LC_MESSAGES/messages.po")):
            run("compile", "-d", str(folder), "--use-fuzzy")


def check() -> int:
    problems = 0
    for folder in catalogs():
        for lang in LANGS:
            po = folder / lang / "LC_MESSAGES" / "messages.po"
            if not po.exists():
                print(f"missing {po.relative_to(ROOT)}")
                problems += 1
                continue
            with po.open("rb") as fh:
                catalog = read_po(fh)
            for message in catalog:
                if not message.id:
                    continue
                text = message.string
                empty = not text or (isinstance(text, tuple) and not all(text))
                if empty or message.fuzzy:
                    print(f"{po.relative_to(ROOT)}: untranslated {message.id!r}"[:160])
                    problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update(sys.argv[2] if len(sys.argv) > 2 else None)
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
