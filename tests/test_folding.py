"""Folding: what search treats as the same text, for what is indexed and what is typed alike."""

from __future__ import annotations

import pytest

from db.folding import latin_words, okurigana_form, search_form
from db.search import MAX_TYPO_LENGTH, MIN_TYPO_LENGTH, typo_terms
from seeds.report import read_report


@pytest.mark.parametrize(
    ("variant", "common"),
    [("書面揭示", "書面掲示"), ("髙知", "高知"), ("大山﨑", "大山崎"), ("德島", "徳島"), ("𠮷野", "吉野")],
)
def test_kanji_variants_fold_to_the_common_kanji(variant: str, common: str) -> None:
    assert search_form(variant) == search_form(common) == common


@pytest.mark.parametrize("kanji", ["国", "國", "沢", "澤", "切", "功", "並", "傅"])
def test_kanji_of_the_common_set_stay_as_they_are(kanji: str) -> None:
    # The MJ map's guesses by reading and glyph would fold 切 and 功 into each other: only rare variants fold.
    assert search_form(kanji) == kanji


def test_width_case_kana_and_the_middle_dot_fold() -> None:
    assert search_form("ﾍﾞｰｽ・ﾚｼﾞｽﾄﾘ") == search_form("ベースレジストリ") == "べーすれじすとり"
    assert search_form("ｅ－Ｇｏｖ") == "e-gov"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("引越し", "引っ越し"),
        ("引っ越し", "引っ越し"),
        ("申込み", "申し込み"),
        ("申し込み", "申し込み"),
        ("取組", "取り組み"),
    ],
)
def test_okurigana_variants_fold_to_one_spelling(typed: str, folded: str) -> None:
    assert okurigana_form(search_form(typed)) == folded


def test_inflected_words_and_kana_keep_their_spelling() -> None:
    assert okurigana_form("受けられる") == "受けられる"
    assert okurigana_form("まいなぽーたる") == "まいなぽーたる"


def test_folding_twice_changes_nothing_on_the_whole_report() -> None:
    report = read_report()
    texts = [i.title + i.background for i in report.initiatives] + [m.name for m in report.metrics]
    assert all(search_form(search_form(text)) == search_form(text) for text in texts)


def test_latin_words() -> None:
    assert latin_words("My Number Card (GSS), e-Gov") == ["my", "number", "card", "gss", "e", "gov"]
    assert latin_words("Chūō-ku, Sapporo") == ["chūō", "ku", "sapporo"]


def test_typos_are_forgiven_from_the_shortest_to_the_longest_query_and_no_further() -> None:
    assert typo_terms("あ" * (MIN_TYPO_LENGTH - 1)) is None
    assert typo_terms("あ" * MIN_TYPO_LENGTH) is not None
    assert typo_terms("あ" * MAX_TYPO_LENGTH) is not None
    assert typo_terms("あ" * (MAX_TYPO_LENGTH + 1)) is None
