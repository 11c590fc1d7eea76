-- Every $1-th municipality, in code order: the keys of the lookups.
SELECT a.code
FROM area AS a
WHERE a.level = 'municipality' AND a.position % $1::integer = 0
ORDER BY a.code
