-- The loaded value at each of the keys $1..$4 (metric, area or NULL, date, dimensions), with the key's position
-- (1-based) in the arrays; keys without a value are left out. The probe follows observation_one_value.
SELECT k.position, o.value
FROM unnest($1::integer[], $2::text[], $3::date[], $4::text[]) WITH ORDINALITY
    AS k (metric_id, area_code, date, dimensions, position)
JOIN observation AS o
    ON o.metric_id = k.metric_id
   AND coalesce(o.area_code, '') = coalesce(k.area_code, '')
   AND o.date = k.date
   AND o.dimensions = k.dimensions::jsonb
