"""The English translation is complete and compiled: no fuzzy or empty entries, .mo up to date."""

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def entries(po_text: str) -> list[str]:
    return [block for block in po_text.split("\n\n") if "msgid" in block]


def test_english_po_has_no_fuzzy_or_empty_entries():
    text = (LOCALE / "django.po").read_text()
    problems = []
    for block in entries(text)[1:]:  # the first entry is the header
        if "#, fuzzy" in block:
            problems.append(block)
        for match in re.finditer(r'^msgstr(\[\d\])? ""$', block, flags=re.MULTILINE):
            following = block[match.end() :].lstrip("\n")
            if not following.startswith('"'):
                problems.append(block)
    assert problems == [], problems[:3]


def test_compiled_catalogue_holds_every_entry_of_the_source():
    """The committed .mo must be compiled from the current .po (a fresh machine has no msgfmt)."""
    import gettext

    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    source_ids = set()
    for block in entries((LOCALE / "django.po").read_text())[1:]:
        match = re.search(r'^msgid "(.*)"$', block, flags=re.MULTILINE)
        if match and match.group(1) and "msgid_plural" not in block and "msgctxt" not in block:
            source_ids.add(match.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    missing = sorted(source_ids - set(compiled._catalog))
    assert missing == []
