-- The dataset row the API reads; bench/dataset.py sets its version once every script has run.
INSERT INTO dataset (version, loaded_at, title, publisher, period_start, period_end, url, licence, licence_note,
                     compatible_licence, compatible_licence_url, attribution, attribution_en, inputs)
VALUES ('building', now(), 'ベンチ用合成データ（実データではない）', 'ベンチ（合成データ）', DATE '2022-09-01',
        DATE '2023-08-31', 'https://example.invalid/bench', 'synthetic', 'make bench が生成した合成データ',
        NULL, NULL, '合成データ（make bench）', 'Synthetic data (make bench)', '{}'::jsonb)
