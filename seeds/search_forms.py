"""The searchable forms of a document: folded title and text, kana and romaji readings, English, synonyms."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pykakasi

from db.folding import latin_words, okurigana_form, search_form
from seeds.english import Synonym
from seeds.records import SeedError

_MACRONS = (("ou", "ō"), ("oo", "ō"), ("uu", "ū"), ("aa", "ā"), ("ee", "ē"))
_PLAIN = str.maketrans("āēīōū", "aeiou")


@dataclass
class Document:
    """What one object offers to search. An area's kana is given (`reading`); its English name matches only as
    whole words, so that 「ai」 finds no Saitama."""

    kind: str
    key: str
    title: str
    reading: str | None = None
    body: list[str] = field(default_factory=list)
    english: str | None = None
    area: bool = False


@dataclass
class Forms:
    """Lines in search form. Each column is its lines joined by newlines, with a newline before and after, so that
    a LIKE pattern can ask for a whole line (`%\\nq\\n%`), its start (`%\\nq%`) or any part (`%q%`)."""

    names: list[str]
    latin: list[str]
    words: list[str]
    body: list[str]


class Reader:
    """Kana and Hepburn readings of Japanese text by pykakasi's dictionary (「防災」 -> 「ぼうさい」, bousai)."""

    def __init__(self) -> None:
        self._kakasi = pykakasi.kakasi()  # type: ignore[no-untyped-call]

    def read(self, text: str) -> tuple[str, list[str]]:
        """The kana reading, and Hepburn as typed on a keyboard (bousai), with long vowels (bōsai) and without
        them (bosai)."""
        parts = self._kakasi.convert(text)
        keyboard = " ".join(latin_words(" ".join(part["hepburn"] for part in parts)))
        macrons = keyboard
        for pair, vowel in _MACRONS:
            macrons = macrons.replace(pair, vowel)
        return "".join(part["hira"] for part in parts), _unique([keyboard, macrons, macrons.translate(_PLAIN)])


def document_forms(reader: Reader, document: Document) -> Forms:
    title = search_form(document.title)
    body = [search_form(line) for part in document.body for line in part.splitlines() if line.strip()]
    latin: list[str] = []
    words: list[str] = []
    if document.area:
        # An area's English name stands for its romaji (「Chūō-ku, Sapporo」), with its long vowels and without.
        reading = document.reading or ""
        english = search_form(document.english or "")
        words = [_whole_words(english), _whole_words(english.translate(_PLAIN))]
    else:
        reading, romaji = reader.read(document.title)
        latin = [form for text in [*romaji, document.english or ""] for form in _latin(text)]
    return Forms(
        names=_unique([title, okurigana_form(title), search_form(reading)]),
        latin=_unique(latin),
        words=_unique([w for w in words if w.strip()]),
        body=_unique([*body, *(okurigana_form(line) for line in body)]),
    )


def add_synonyms(path: Path, synonyms: list[Synonym], forms: list[Forms]) -> None:
    """File each alias with the documents whose title (as a name) or text (as text) holds one of its wordings;
    raise SeedError for a wording the report never prints."""
    for synonym in synonyms:
        alias = search_form(synonym.alias)
        for wording in synonym.means:
            means = search_form(wording)
            found = False
            for f in forms:
                if any(means in line for line in f.names):
                    f.names.append(alias)
                    found = True
                elif any(means in line for line in f.body):
                    f.body.append(alias)
                    found = True
            if not found:
                raise SeedError(path, None, f"synonym {synonym.alias!r}: {wording!r} occurs nowhere in the report")


def column(lines: list[str]) -> str:
    return "\n" + "\n".join(_unique(lines)) + "\n" if lines else ""


def _latin(text: str) -> list[str]:
    """A phrase at word starts: spaced (` my number card`) and run together (` mynumbercard`)."""
    found = latin_words(text)
    return [" " + " ".join(found), " " + "".join(found)] if found else []


def _whole_words(text: str) -> str:
    return " " + " ".join(latin_words(text)) + " "


def _unique(items: list[str]) -> list[str]:
    return [item for item in dict.fromkeys(items) if item]
