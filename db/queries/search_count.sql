-- How many documents of the kinds $1 (NULL: every kind) search_page finds: $2 anywhere in the names,
-- $3 at a word start of the romaji and English, $4 as whole words of an area's English name, $5 in the text.
-- Candidates as in search_page.sql: $6 pairs of core $7 in names and text, $8 of core $9 in romaji and English.
WITH text_core AS (
    SELECT array_agg(gram) AS grams FROM unnest($6::text[], $7::integer[]) AS pair(gram, core) GROUP BY core
), latin_core AS (
    SELECT array_agg(gram) AS grams FROM unnest($8::text[], $9::integer[]) AS pair(gram, core) GROUP BY core
), candidate AS MATERIALIZED (
    -- Materialized, so that the planner cannot try the patterns below on every document first (it deems LIKE
    -- cheap and selective). UNION drops a document found by two cores.
    SELECT d.id, d.kind, d.key, d.title, d.kind_order, d.names_norm, d.latin_norm, d.words_norm, d.body_norm
    FROM text_core AS c JOIN search_document AS d ON d.text_grams @> c.grams
    UNION
    SELECT d.id, d.kind, d.key, d.title, d.kind_order, d.names_norm, d.latin_norm, d.words_norm, d.body_norm
    FROM latin_core AS c JOIN search_document AS d ON d.latin_grams @> c.grams
)
SELECT count(*)
FROM candidate AS d
WHERE ($1::text[] IS NULL OR d.kind = ANY($1::text[]))
  AND (d.names_norm LIKE ANY($2::text[]) OR d.latin_norm LIKE ANY($3::text[])
       OR d.words_norm LIKE ANY($4::text[]) OR d.body_norm LIKE ANY($5::text[]))
