-- Search documents for every kind of content, each column a list of forms (one a line, a newline before and after):
-- names (title, okurigana-folded title, kana reading, aliases), latin (romaji and English at word starts),
-- words (an area's English name, whole words only) and body. English titles of the report's items.

DROP TABLE search_document;

CREATE TABLE search_document (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    -- The key of the object's global ID (a slug, a position, or parent slug and position).
    key text NOT NULL,
    title text NOT NULL,
    names_norm text NOT NULL,
    latin_norm text NOT NULL,
    words_norm text NOT NULL,
    body_norm text NOT NULL,
    -- Among equally good matches: initiatives, focus areas, areas, metrics, milestones, catalogues, entries, texts.
    kind_order integer NOT NULL
);

CREATE INDEX search_document_names ON search_document USING gin (names_norm gin_trgm_ops);
CREATE INDEX search_document_latin ON search_document USING gin (latin_norm gin_trgm_ops);
CREATE INDEX search_document_words ON search_document USING gin (words_norm gin_trgm_ops);
CREATE INDEX search_document_body ON search_document USING gin (body_norm gin_trgm_ops);

-- English titles (seeds/report/english.yaml): hiraku's renderings, or (official) the Agency's own English names.
CREATE TABLE english_title (
    kind text NOT NULL,
    slug text NOT NULL,
    text text NOT NULL,
    official boolean NOT NULL,
    PRIMARY KEY (kind, slug)
);
