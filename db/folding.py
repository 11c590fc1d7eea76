"""How search folds text, the same for what is indexed and what is typed: width, case, kana, kanji and okurigana."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import jntajis
from sudachipy import Dictionary, SplitMode, Tokenizer  # type: ignore[import-untyped]

_KATAKANA = range(ord("ァ"), ord("ヶ") + 1)
_TO_HIRAGANA = {code: code - 0x60 for code in _KATAKANA}
# The middle dot joins the words of a name (ベース・レジストリ); people type the name without it.
_DROPPED = {ord("・"): None}
# Every scheme of the MJ shrink map: JIS/UCS unification, readings and glyphs, and the Ministry of Justice's
# tables for names (髙 -> 高, 﨑 -> 崎 come from the last two).
_SCHEMES = (
    jntajis.MJShrinkSchemeCombo.JIS_INCORPORATION_UCS_UNIFICATION_RULE
    | jntajis.MJShrinkSchemeCombo.INFERENCE_BY_READING_AND_GLYPH
    | jntajis.MJShrinkSchemeCombo.MOJ_NOTICE_582
    | jntajis.MJShrinkSchemeCombo.MOJ_FAMILY_REGISTER_ACT_RELATED_NOTICE
)
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_WORD = re.compile(r"[a-z0-9āēīōū]+")


def search_form(text: str) -> str:
    """NFKC (full/half width folded), lower case, katakana as hiragana, 「・」 dropped, kanji variants as the common
    kanji: 「ﾎﾞｳｻｲ」 -> 「ぼうさい」, 「書面揭示」 -> 「書面掲示」, 「ベース・レジストリ」 -> 「べーすれじすとり」."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_TO_HIRAGANA).translate(_DROPPED)
    return _KANJI.sub(lambda match: common_kanji(match.group()), folded)


@cache
def common_kanji(kanji: str) -> str:
    """The kanji of JIS X 0208 (the common set) that the MJ shrink map gives for a variant; itself when it is common
    or has none. 德 -> 徳, 揭 -> 掲, 髙 -> 高, 﨑 -> 崎."""
    if _common(kanji):
        return kanji
    candidates = jntajis.mj_shrink_candidates(kanji, _SCHEMES)
    return next((c for c in candidates if len(c) == 1 and _common(c)), kanji)


def _common(text: str) -> bool:
    try:
        text.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _tokenizer() -> Tokenizer:
    # Built on first use (0.1 s, the dictionary is memory-mapped), once per process: it holds no request's data.
    return Dictionary(dict="small").tokenizer(mode=SplitMode.C)


def okurigana_form(text: str) -> str:
    """`text` (in search form) with every uninflected word that holds a kanji in Sudachi's normalised spelling:
    「引越し」 and 「引っ越し」 -> 「引っ越し」, 「申込み」 -> 「申し込み」. Words of kana only keep their spelling."""
    words = _tokenizer().tokenize(text)
    return search_form("".join(_spelling(w.surface(), w.dictionary_form(), w.normalized_form()) for w in words))


def _spelling(surface: str, dictionary: str, normalised: str) -> str:
    # An inflected word keeps its spelling: Sudachi's normalised form of 「受けられる」 is the lemma 「受ける」.
    return normalised if surface == dictionary and _KANJI.search(surface) else surface


def latin_words(text: str) -> list[str]:
    """The words of Latin letters and digits of `text` in search form: 「My Number Card」 -> my, number, card."""
    return _LATIN_WORD.findall(search_form(text))
