-- The loaded version, locked until the transaction ends: an import adds to exactly this data, and a concurrent
-- load or import waits (then finds another version).
SELECT version FROM dataset FOR UPDATE
