-- For each initiative $1: a page of its metrics in report order ($2 after rank, $3 before rank, $4 limit,
-- $5 backward), with each row's rank and the initiative's total. One statement for every initiative of a page.
SELECT k.id AS parent_id, p.*
FROM unnest($1::integer[]) AS k (id)
CROSS JOIN LATERAL (
    SELECT ranked.*
    FROM (
        SELECT m.id, m.slug, m.name, m.unit, m.unit_label, m.kind, m.initiative_id, m.description, m.note,
               row_number() OVER (ORDER BY m.id) AS rank,
               count(*) OVER () AS total
        FROM metric AS m
        WHERE m.initiative_id = k.id
    ) AS ranked
    WHERE ($2::bigint IS NULL OR ranked.rank > $2::bigint)
      AND ($3::bigint IS NULL OR ranked.rank < $3::bigint)
    ORDER BY CASE WHEN $5::boolean THEN -ranked.rank ELSE ranked.rank END
    LIMIT $4::integer
) AS p
