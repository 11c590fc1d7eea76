-- 47 prefectures and 1,741 municipalities in the real proportions of kinds (政令市 20, 特別区 23, 市 772,
-- 町 743, 村 183), spread over the prefectures, each with a valid 6-digit code (check digit as db/areacode.py).
INSERT INTO area (code, level, kind, name, name_kana, name_en, prefecture_code, county, population, population_date,
                  latitude, longitude, website, position, search_name, search_kana)
SELECT c5 || (11 - (substr(c5, 1, 1)::int * 6 + substr(c5, 2, 1)::int * 5 + substr(c5, 3, 1)::int * 4
                    + substr(c5, 4, 1)::int * 3 + substr(c5, 5, 1)::int * 2) % 11) % 10,
       'prefecture', '都道府県', 'ベンチ県' || lpad(p::text, 2, '0'), 'べんちけん' || lpad(p::text, 2, '0'),
       'Bench Prefecture ' || p, NULL, NULL, 500000 + p * 37337, DATE '2023-01-01',
       35 + p * 0.1, 135 + p * 0.1, 'https://example.invalid/pref/' || p, p,
       'べんち県' || lpad(p::text, 2, '0'), 'べんちけん' || lpad(p::text, 2, '0')
FROM generate_series(1, 47) AS p
CROSS JOIN LATERAL (SELECT lpad(p::text, 2, '0') || '000' AS c5) AS c;

WITH municipality AS (
    SELECT n, (n - 1) % 47 + 1 AS p, (n - 1) / 47 + 1 AS idx,
           CASE WHEN n <= 20 THEN '政令市' WHEN n <= 43 THEN '特別区' WHEN n <= 815 THEN '市'
                WHEN n <= 1558 THEN '町' ELSE '村' END AS kind
    FROM generate_series(1, 1741) AS n
), coded AS (
    SELECT m.*,
           lpad(p::text, 2, '0')
           || lpad((CASE kind WHEN '町' THEN 300 WHEN '村' THEN 400 WHEN '市' THEN 200 ELSE 100 END + idx)::text, 3, '0')
               AS c5,
           CASE kind WHEN '政令市' THEN '市' WHEN '特別区' THEN '区' ELSE kind END AS suffix,
           CASE kind WHEN '町' THEN 'ちょう' WHEN '村' THEN 'むら' WHEN '特別区' THEN 'く' ELSE 'し' END AS suffix_kana
    FROM municipality AS m
)
INSERT INTO area (code, level, kind, name, name_kana, name_en, prefecture_code, county, population, population_date,
                  latitude, longitude, website, position, search_name, search_kana)
SELECT c5 || (11 - (substr(c5, 1, 1)::int * 6 + substr(c5, 2, 1)::int * 5 + substr(c5, 3, 1)::int * 4
                    + substr(c5, 4, 1)::int * 3 + substr(c5, 5, 1)::int * 2) % 11) % 10,
       'municipality', kind, 'ベンチ' || lpad(n::text, 4, '0') || suffix,
       'べんち' || lpad(n::text, 4, '0') || suffix_kana, 'Bench ' || n,
       (SELECT a.code FROM area AS a WHERE a.level = 'prefecture' AND a.position = p),
       CASE WHEN kind IN ('町', '村') THEN 'ベンチ郡' END, 1000 + (n * 7919) % 400000, DATE '2023-01-01',
       35 + p * 0.1 + idx * 0.01, 135 + p * 0.1 + idx * 0.01, 'https://example.invalid/city/' || n, 47 + n,
       'べんち' || lpad(n::text, 4, '0') || suffix, 'べんち' || lpad(n::text, 4, '0') || suffix_kana
FROM coded;
