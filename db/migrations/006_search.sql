-- One searchable document per initiative, metric, milestone, catalogue and entry, in a normal form
-- (NFKC, lower case, katakana as hiragana) with the kana reading of its title, indexed for substring search.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE search_document (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    -- The key of the object's global ID (a slug, or parent slug and position).
    key text NOT NULL,
    title text NOT NULL,
    title_norm text NOT NULL,
    reading_norm text NOT NULL,
    body_norm text NOT NULL,
    -- Among equally good matches: initiatives, then metrics, milestones, catalogues, entries.
    kind_order integer NOT NULL
);

CREATE INDEX search_document_title ON search_document USING gin (title_norm gin_trgm_ops);
CREATE INDEX search_document_reading ON search_document USING gin (reading_norm gin_trgm_ops);
CREATE INDEX search_document_body ON search_document USING gin (body_norm gin_trgm_ops);
