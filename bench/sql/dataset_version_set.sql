-- 'bench-' and the hash of the data scripts and the migrations (bench/dataset.py).
UPDATE dataset SET version = $1::text
