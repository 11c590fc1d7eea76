"""List every number-with-unit of the report text and the seed record that holds it, or why it is no figure.

A record holds a number when it states it: a metric's value (observation, comparison with its baseline value,
target), a catalogue's stated count, a milestone's date (the line is its sentence), or a report section's text.

Usage: .venv/bin/python scripts/figure_coverage.py ../shared/seed/000_8ca26e264e52f1ea.txt [--all]
Prints one line per number (with --all) and a summary: held by a record / not a figure (and why) / unaccounted.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seeds.milestones import report_milestones
from seeds.report import Report, read_report

NUMBER = re.compile(
    r"(?P<prefix>約|計|全|第|\+|＋)?\s*\**(?P<number>\d[\d,]*(?:\.\d+)?)\**\s*"
    r"(?P<scale>万|億|兆)?(?P<unit>年度|年|か月|ヶ月|カ月|月|日|時点|件|枚|人|名|社|者|団体|自治体|条項|機関|府省庁|"
    r"システム|手続|%|％|倍|円|pt|ポイント|割|回|機能|種類|分野|原則|つ|桁|版|次元|者|組織|以上|超)?"
)
DATE_UNITS = ("年度", "年", "月", "日")
# A shorter line (a caption's 「5月に」) would be found in a passage by coincidence.
MIN_PASSAGE = 10
SCALES = {"万": Decimal(10_000), "億": Decimal(100_000_000), "兆": Decimal(1_000_000_000_000)}
NOT_FIGURES = {
    "年度": "a date",
    "年": "a date",
    "月": "a date",
    "日": "a date",
    "時点": "a date",
    "か月": "a duration in a legal or planned period",
    "ヶ月": "a duration in a legal or planned period",
    "カ月": "a duration in a legal or planned period",
    "版": "an edition number",
    "桁": "a definition (the number's length)",
    "次元": "part of a name",
    "原則": "part of a name (a set of principles)",
    "つ": "a count of the report's own structure",
}

# Numbers with a unit that are deliberately not recorded as figures, by line of the report text.
EXPLAINED = {
    344: "part of the name of a set of procedures (「子育て関係・介護関係の26手続」)",
    351: "part of the name of a set of procedures (「子育て関係・介護関係の26手続」)",
    444: "not a statistic (「マイナンバーカード1枚で」)",
    482: "the chart's rounding of 465社, kept in the note of mynumber-card-private-businesses",
    696: "the headline's rounding of 465社, kept in the note of mynumber-card-private-businesses",
}


def flat(text: str) -> str:
    """The text as a reader sees it: NFKC, without the extraction's bold marks and spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("**", ""))


def held_passages(report: Report) -> list[tuple[str, str, bool]]:
    """(flattened text, record name, dates only) of every milestone's sentence and every report section's text."""
    passages = [
        (flat(m.source.quote or m.text), f"milestone {m.initiative or m.section}:{m.position}", True)
        for m in report_milestones(report)
    ]
    passages += [(flat(s.text), f"report section {s.slug}", False) for s in report.sections]
    return passages


def holder(line: str, unit: str, passages: list[tuple[str, str, bool]]) -> str | None:
    """The milestone or section whose text holds this line of the report (a milestone holds its dates only)."""
    printed = flat(line)
    if len(printed) < MIN_PASSAGE:
        return None
    for text, name, dates_only in passages:
        # A milestone's sentence may be part of a longer printed line; a section's text holds whole lines.
        contained = printed in text or (dates_only and text in printed)
        if contained and (unit in DATE_UNITS or not dates_only):
            return name
    return None


def held_values(report_dir: Path | None = None) -> dict[Decimal, list[str]]:
    """Every value a curated record holds (observations, comparisons, targets, stated counts) -> record names."""
    report = read_report(report_dir) if report_dir else read_report()
    held: dict[Decimal, list[str]] = {}
    for metric in report.metrics:
        for o in metric.observations:
            held.setdefault(o.value.normalize(), []).append(f"metric {metric.slug} (observation {o.date})")
        for c in metric.comparisons:
            held.setdefault(c.value.normalize(), []).append(f"metric {metric.slug} (comparison)")
            if c.baseline_value is not None:
                held.setdefault(c.baseline_value.normalize(), []).append(f"metric {metric.slug} (baseline value)")
        for t in metric.targets:
            held.setdefault(t.value.normalize(), []).append(f"metric {metric.slug} (target {t.period})")
    for catalog in report.catalogs:
        if catalog.stated_count is not None:
            held.setdefault(Decimal(catalog.stated_count), []).append(f"catalogue {catalog.slug} (stated count)")
    return held


def classify(
    line_number: int,
    line: str,
    match: re.Match[str],
    held: dict[Decimal, list[str]],
    passages: list[tuple[str, str, bool]] = [],  # noqa: B006 - read only
) -> tuple[str, str]:
    unit = match.group("unit") or ""
    raw = Decimal(match.group("number").replace(",", ""))
    value = raw * SCALES.get(match.group("scale") or "", Decimal(1))
    if unit == "割":
        value = raw * 10
    # A bare small number (a list index, 「第6回」) matching some value would be a coincidence, not a record.
    bare_and_small = not unit and not match.group("scale") and len(match.group("number").replace(",", "")) < 3
    if unit not in NOT_FIGURES and not bare_and_small:
        for candidate in (value.normalize(), raw.normalize()):
            if candidate in held:
                return "held", held[candidate][0]
    if (name := holder(line, unit, passages)) is not None:
        return "held", name
    if line_number in EXPLAINED:
        return "not a figure", EXPLAINED[line_number]
    if unit in NOT_FIGURES and not match.group("scale"):
        return "not a figure", NOT_FIGURES[unit]
    if match.group("prefix") == "第":
        return "not a figure", "an ordinal"
    if not unit and not match.group("scale"):
        if re.match(r"^\s*[-・]?\s*\d+\.?\s", line) or re.match(r"^\s*\d+\*\*", line):
            return "not a figure", "a list index"
        if re.fullmatch(r".*\t\d+\s*", line):
            return "not a figure", "a page of the table of contents"
        return "not a figure", "a bare number without a unit (identifier, list index or name)"
    return "unaccounted", ""


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        print(__doc__)
        return 2
    text = unicodedata.normalize("NFKC", Path(args[0]).read_text(encoding="utf-8"))
    held = held_values()
    passages = held_passages(read_report())
    verdicts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    unaccounted: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in NUMBER.finditer(line):
            if not match.group("number"):
                continue
            verdict, why = classify(number, line, match, held, passages)
            verdicts[verdict] += 1
            if verdict == "not a figure":
                reasons[why] += 1
            if verdict == "unaccounted":
                unaccounted.append(f"{number}: {match.group(0).strip()}  | {line.strip()[:100]}")
            if "--all" in sys.argv:
                print(f"{number:5d} {match.group(0).strip():>16}  {verdict}: {why}")
    total = sum(verdicts.values())
    print(f"numbers in the report text: {total}")
    for verdict, count in verdicts.most_common():
        print(f"  {verdict}: {count}")
    for why, count in reasons.most_common():
        print(f"    {why}: {count}")
    if unaccounted:
        print("unaccounted (a unit, but no record holds the value):")
        for entry in unaccounted:
            print(f"  {entry}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
