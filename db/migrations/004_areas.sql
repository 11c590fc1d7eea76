-- Areas that observations refer to: the 47 prefectures and 1,741 municipalities, keyed by the 6-digit
-- 全国地方公共団体コード (check digit included). The nation has no such code: its observations have no area.

CREATE TABLE area (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    level text NOT NULL CHECK (level IN ('prefecture', 'municipality')),
    -- 都道府県 for prefectures; 政令市, 特別区, 市, 町 or 村 for municipalities.
    kind text NOT NULL CHECK (kind IN ('都道府県', '政令市', '特別区', '市', '町', '村')),
    name text NOT NULL,
    name_kana text,
    name_en text,
    prefecture_code text REFERENCES area (code),
    county text,
    population bigint,
    population_date date,
    latitude double precision,
    longitude double precision,
    website text,
    position integer NOT NULL UNIQUE,
    -- The name and its kana in search form (NFKC, lower case, katakana as hiragana), for name search.
    search_name text NOT NULL,
    search_kana text NOT NULL
);

CREATE INDEX area_prefecture ON area (prefecture_code, position);
