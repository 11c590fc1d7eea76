-- Documents of the kinds $5 (NULL: every kind) that match, best first: a name (title, reading, alias), romaji or
-- English equal to the query (tier 0), starting with it (tier 1), holding it (tier 2: anywhere in a name, at a word
-- start of the romaji and English, as whole words of an area's English name), then the text (tier 3).
-- Each $6..$14 is a list of LIKE patterns (db/search.py); $14 for the text. $1 after rank, $2 before rank, $3 limit, $4 backward.
-- The patterns are tried on candidates only: documents holding every character pair of one core of the query,
-- $15 pairs of core $16 in the names and text, $17 pairs of core $18 in romaji and English (012_search_grams.sql).
WITH text_core AS (
    SELECT array_agg(gram) AS grams FROM unnest($15::text[], $16::integer[]) AS pair(gram, core) GROUP BY core
), latin_core AS (
    SELECT array_agg(gram) AS grams FROM unnest($17::text[], $18::integer[]) AS pair(gram, core) GROUP BY core
), candidate AS MATERIALIZED (
    -- Materialized, so that the planner cannot try the patterns below on every document first (it deems LIKE
    -- cheap and selective). UNION drops a document found by two cores.
    SELECT d.id, d.kind, d.key, d.title, d.kind_order, d.names_norm, d.latin_norm, d.words_norm, d.body_norm
    FROM text_core AS c JOIN search_document AS d ON d.text_grams @> c.grams
    UNION
    SELECT d.id, d.kind, d.key, d.title, d.kind_order, d.names_norm, d.latin_norm, d.words_norm, d.body_norm
    FROM latin_core AS c JOIN search_document AS d ON d.latin_grams @> c.grams
)
SELECT ranked.*
FROM (
    SELECT matched.*,
           row_number() OVER (ORDER BY matched.tier, matched.kind_order, matched.id) AS rank,
           count(*) OVER () AS total
    FROM (
        SELECT d.id, d.kind, d.key, d.title, d.kind_order,
               CASE
                   WHEN d.names_norm LIKE ANY($6::text[]) OR d.latin_norm LIKE ANY($9::text[])
                       OR d.words_norm LIKE ANY($12::text[]) THEN 0
                   WHEN d.names_norm LIKE ANY($7::text[]) OR d.latin_norm LIKE ANY($10::text[]) THEN 1
                   WHEN d.names_norm LIKE ANY($8::text[]) OR d.latin_norm LIKE ANY($11::text[])
                       OR d.words_norm LIKE ANY($13::text[]) THEN 2
                   ELSE 3
               END AS tier
        FROM candidate AS d
        WHERE ($5::text[] IS NULL OR d.kind = ANY($5::text[]))
          AND (d.names_norm LIKE ANY($8::text[]) OR d.latin_norm LIKE ANY($11::text[])
               OR d.words_norm LIKE ANY($13::text[]) OR d.body_norm LIKE ANY($14::text[]))
    ) AS matched
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
