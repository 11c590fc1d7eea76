-- Areas that observations refer to: the nation, the 47 prefectures and (later) the municipalities,
-- keyed by the 6-digit 全国地方公共団体コード (check digit included).

CREATE TABLE area (
    code char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    level text NOT NULL CHECK (level IN ('nation', 'prefecture', 'municipality')),
    name text NOT NULL,
    name_kana text,
    name_en text,
    prefecture_code char(6) REFERENCES area (code),
    latitude double precision,
    longitude double precision,
    website text,
    source_slug text REFERENCES data_source (slug)
);

CREATE INDEX area_level ON area (level, code);
