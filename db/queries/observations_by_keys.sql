-- The observation at each key $1..$4 (metric slug, area code or NULL for the nation, date, dimensions as JSON), with
-- the key's position (1-based) in the arrays and the metric's slug; keys of nothing are left out. The probe follows
-- observation_one_value, the unique index that makes a key name one observation at most.
SELECT k.position, m.slug AS metric_slug, o.id, o.metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start,
       o.approximate, o.at_least, o.area_code, o.dimensions, o.citation_id
FROM unnest($1::text[], $2::text[], $3::date[], $4::text[]) WITH ORDINALITY
    AS k (slug, area_code, date, dimensions, position)
JOIN metric AS m ON m.slug = k.slug
JOIN observation AS o
    ON o.metric_id = m.id
   AND coalesce(o.area_code, '') = coalesce(k.area_code, '')
   AND o.date = k.date
   AND o.dimensions = k.dimensions::jsonb
