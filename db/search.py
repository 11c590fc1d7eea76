"""Search over the search documents: a query's forms and LIKE patterns, and the two queries that use them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.folding import latin_words, okurigana_form, search_form
from db.paging import Slice
from db.sql import sql
from db.types import Executor, Record

__all__ = ["SearchTerms", "like_literal", "search_count", "search_form", "search_page", "search_terms", "typo_terms"]

# Shorter queries would forgive too much (two characters with one wrong match almost anything); longer ones would
# send too many patterns.
MIN_TYPO_LENGTH = 4
MAX_TYPO_LENGTH = 20
# A query of these characters only (in search form) is read as romaji or English too.
_LATIN_QUERY = re.compile(r"[a-z0-9āēīōū\s\-'.,&()/+]+")


def like_literal(text: str) -> str:
    """`text` with LIKE's wildcards and escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Candidates:
    """What a document must hold to be worth matching: for each core (a form of the query, or the pieces of one
    around a wildcard) the characters pairs it holds, as parallel lists of pairs and core numbers; a document holding
    every pair of one core is a candidate (db/migrations/012_search_grams.sql)."""

    grams: list[str]
    cores: list[int]

    @classmethod
    def of(cls, cores: list[list[str]]) -> Candidates:
        grams: list[str] = []
        numbers: list[int] = []
        for number, pieces in enumerate(cores):
            pairs = sorted(set().union(*(_pairs(piece) for piece in pieces)))
            grams += pairs
            numbers += [number] * len(pairs)
        return cls(grams, numbers)


def _pairs(piece: str) -> set[str]:
    """What search_grams gives for every text that holds `piece`: its character pairs, or the character itself."""
    if len(piece) == 1:
        return {piece}
    return {piece[i : i + 2] for i in range(len(piece) - 1)}


@dataclass(frozen=True)
class SearchTerms:
    """LIKE patterns for a query, per column of search_document (see db/migrations/010_search_forms.sql), and the
    pairs that find the documents worth testing them on: in names and text, and in romaji and English."""

    text_candidates: Candidates
    latin_candidates: Candidates
    names_equal: list[str]
    names_start: list[str]
    anywhere: list[str]
    body: list[str]
    latin_equal: list[str]
    latin_start: list[str]
    latin_word: list[str]
    words_equal: list[str]
    words_whole: list[str]


def search_terms(query: str) -> SearchTerms | None:
    """The patterns for what a person typed; None when nothing is left to search for once folded."""
    typed = search_form(query).strip()
    if not typed:
        return None
    forms = list(dict.fromkeys(form for form in (typed, okurigana_form(typed).strip()) if form))
    latin: list[str] = []
    if _LATIN_QUERY.fullmatch(typed) and (found := latin_words(typed)):
        latin = list(dict.fromkeys([" " + " ".join(found), " " + "".join(found)]))
    names = [like_literal(f) for f in forms]
    spaced = [like_literal(f) for f in latin]
    return SearchTerms(
        text_candidates=Candidates.of([[f] for f in forms]),
        latin_candidates=Candidates.of([[f] for f in latin]),
        names_equal=[f"%\n{f}\n%" for f in names],
        names_start=[f"%\n{f}%" for f in names],
        anywhere=[f"%{f}%" for f in names],
        body=[f"%{f}%" for f in names],
        latin_equal=[f"%\n{f}\n%" for f in spaced],
        latin_start=[f"%\n{f}%" for f in spaced],
        latin_word=[f"%{f}%" for f in spaced],
        words_equal=[f"%\n{f} \n%" for f in spaced],
        words_whole=[f"%{f} %" for f in spaced],
    )


def typo_terms(query: str) -> SearchTerms | None:
    """Patterns that forgive one wrong, extra or missing character (「マイナポータk」, 「ガバメンントクラウド」,
    「mynaportl」) in a name, romaji or English title, for a query of MIN_TYPO_LENGTH..MAX_TYPO_LENGTH characters;
    tried only when the query as typed finds nothing."""
    typed = search_form(query).strip()
    if not MIN_TYPO_LENGTH <= len(typed) <= MAX_TYPO_LENGTH:
        return None
    pieces = _pieces(typed)
    joined = "".join(latin_words(typed)) if _LATIN_QUERY.fullmatch(typed) else ""
    latin_pieces = _pieces(joined)
    forms, latin = _one_off(pieces), _one_off(latin_pieces)
    return SearchTerms(
        text_candidates=Candidates.of(pieces),
        latin_candidates=Candidates.of([[" " + before, after] for before, after in latin_pieces]),
        names_equal=[f"%\n{f}\n%" for f in forms],
        names_start=[f"%\n{f}%" for f in forms],
        anywhere=[f"%{f}%" for f in forms],
        body=[],
        latin_equal=[f"%\n {f}\n%" for f in latin],
        latin_start=[f"%\n {f}%" for f in latin],
        latin_word=[f"% {f}%" for f in latin],
        words_equal=[],
        words_whole=[],
    )


def _pieces(text: str) -> list[list[str]]:
    """`text` with one character in turn taken out: what is left before and after it."""
    return [[text[:i], text[i + 1 :]] for i in range(len(text))] if len(text) >= MIN_TYPO_LENGTH else []


def _one_off(pieces: list[list[str]]) -> list[str]:
    """LIKE patterns for a text with one character wrong, one too many or one missing: each character in turn
    replaced by `%` (between its `_pieces`), which also lets a neighbour or two around it differ (one pattern per
    character, not three)."""
    return [f"{like_literal(before)}%{like_literal(after)}" for before, after in pieces]


async def search_page(db: Executor, page: Slice, terms: SearchTerms, kinds: list[str] | None) -> list[Record]:
    """Documents matching `terms`, best first, with `rank`, `total` and `tier`."""
    return list(
        await db.fetch(
            sql("search_page"),
            *page.arguments()[:4],
            kinds,
            terms.names_equal,
            terms.names_start,
            terms.anywhere,
            terms.latin_equal,
            terms.latin_start,
            terms.latin_word,
            terms.words_equal,
            terms.words_whole,
            terms.body,
            *_candidates(terms),
        )
    )


async def search_count(db: Executor, terms: SearchTerms, kinds: list[str] | None) -> int:
    """How many documents search_page finds: the `total` its first row carries."""
    rows = await search_page(db, Slice(limit=1), terms, kinds)
    return int(rows[0]["total"]) if rows else 0


def _candidates(terms: SearchTerms) -> tuple[list[str], list[int], list[str], list[int]]:
    text, latin = terms.text_candidates, terms.latin_candidates
    return text.grams, text.cores, latin.grams, latin.cores
