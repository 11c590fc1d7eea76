-- One citation for every synthetic value, 3 focus areas, 40 initiatives and 10 metrics each (400).
INSERT INTO citation (id, document, section, page, quote, url, as_of, figure_owner, citation_kind, licence, note)
VALUES (1, 'ベンチ用合成データ', 'ベンチ', 1, '合成データ（実データではない）', 'https://example.invalid/bench',
        DATE '2023-08-31', 'ベンチ（合成データ）', 'primary', NULL, 'make bench が生成');

INSERT INTO focus_area (slug, position, name, page, section)
SELECT 'bench-focus-' || f, f, 'ベンチ注力領域 ' || f, f, 'ベンチ > 注力領域 ' || f
FROM generate_series(1, 3) AS f;

INSERT INTO initiative (slug, position, title, focus_area_id, headline, lead, achievements_title, achievements,
                        background, outlook, page, section)
SELECT 'bench-initiative-' || lpad(i::text, 2, '0'), i, 'ベンチ施策 ' || lpad(i::text, 2, '0'),
       (SELECT f.id FROM focus_area AS f WHERE f.position = (i - 1) % 3 + 1),
       'ベンチ施策 ' || lpad(i::text, 2, '0') || 'の見出し（合成）', NULL, '1年の成果・進捗（合成）',
       repeat('合成された成果の本文。', 20), repeat('合成された背景の本文。', 20),
       ARRAY['合成された今後の展開 1', '合成された今後の展開 2'], 10 + i, 'ベンチ > 施策 ' || i
FROM generate_series(1, 40) AS i;

INSERT INTO metric (id, slug, name, unit, unit_label, kind, initiative_id, description, note)
SELECT (i - 1) * 10 + j, 'bench-metric-' || lpad(((i - 1) * 10 + j)::text, 3, '0'),
       'ベンチ指標 ' || lpad(((i - 1) * 10 + j)::text, 3, '0'),
       (ARRAY['count', 'people', 'percent', 'yen'])[j % 4 + 1], (ARRAY['件', '人', '%', '円'])[j % 4 + 1],
       (ARRAY['count', 'count', 'percent', 'currency'])[j % 4 + 1],
       (SELECT n.id FROM initiative AS n WHERE n.position = i), '合成された指標の説明', NULL
FROM generate_series(1, 40) AS i
CROSS JOIN generate_series(1, 10) AS j;
