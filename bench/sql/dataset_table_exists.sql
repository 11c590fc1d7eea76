SELECT to_regclass('public.dataset') IS NOT NULL
