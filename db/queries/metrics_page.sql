-- A page of metrics ($1 after rank, $2 before rank, $3 limit, $4 backward), sorted by $5 (position, name or
-- slug; $6 descending), filtered by initiative slug $7, unit $8 and kind $9.
SELECT ranked.*
FROM (
    SELECT m.id, m.slug, m.name, m.unit, m.unit_label, m.kind, m.initiative_id, m.description, m.note,
           row_number() OVER (ORDER BY
               CASE WHEN $5::text = 'name' AND NOT $6::boolean THEN m.name END ASC,
               CASE WHEN $5::text = 'name' AND $6::boolean THEN m.name END DESC,
               CASE WHEN $5::text = 'slug' AND NOT $6::boolean THEN m.slug END ASC,
               CASE WHEN $5::text = 'slug' AND $6::boolean THEN m.slug END DESC,
               CASE WHEN $5::text = 'position' AND $6::boolean THEN m.id END DESC,
               m.id ASC) AS rank,
           count(*) OVER () AS total
    FROM metric AS m
    LEFT JOIN initiative AS i ON i.id = m.initiative_id
    WHERE ($7::text IS NULL OR i.slug = $7::text)
      AND ($8::text IS NULL OR m.unit = $8::text)
      AND ($9::text IS NULL OR m.kind = $9::text)
) AS ranked
WHERE ($1::bigint IS NULL OR ranked.rank > $1::bigint)
  AND ($2::bigint IS NULL OR ranked.rank < $2::bigint)
ORDER BY CASE WHEN $4::boolean THEN -ranked.rank ELSE ranked.rank END
LIMIT $3::integer
