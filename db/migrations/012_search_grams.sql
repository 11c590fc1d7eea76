-- Search finds its candidates through an index of each document's characters and character pairs: every string
-- that holds a query also holds the query's pairs (or, for one character, the character), so `grams @> the
-- query's pairs` narrows 2,136 documents to a few before the LIKE patterns of db/queries/search_page.sql rank
-- them. The trigram indexes could not serve one- and two-character queries (防災, AI), the most common kind, and
-- the planner read the whole table for them.

CREATE FUNCTION search_grams(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(
        SELECT DISTINCT gram
        FROM generate_series(1, length($1)) AS position,
             LATERAL (VALUES (substr($1, position, 1)), (substr($1, position, 2))) AS grams(gram)
    );

-- Pairs of the Japanese forms (names and text), and of the romaji and English forms, apart: romaji is full of
-- common pairs (ai, ka), which would make every Latin query a candidate of every document.
ALTER TABLE search_document
    ADD COLUMN text_grams text[] GENERATED ALWAYS AS (search_grams(names_norm || E'\n' || body_norm)) STORED,
    ADD COLUMN latin_grams text[] GENERATED ALWAYS AS (search_grams(latin_norm || E'\n' || words_norm)) STORED;

CREATE INDEX search_document_text_grams ON search_document USING gin (text_grams);
CREATE INDEX search_document_latin_grams ON search_document USING gin (latin_grams);

DROP INDEX search_document_names, search_document_latin, search_document_words, search_document_body;
