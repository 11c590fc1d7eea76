-- One catalogue of 5,000 services, each used by one municipality.
INSERT INTO catalog (id, slug, position, name, publisher, edition, description, as_of, stated_count,
                     stated_count_text, url, initiative_id, citation_id)
VALUES (1, 'bench-catalog', 1, 'ベンチ目録（合成）', 'ベンチ（合成データ）', NULL, '合成されたサービス目録',
        DATE '2023-08-31', 5000, '5,000件（合成）', 'https://example.invalid/catalog', 1, 1);

INSERT INTO catalog_entry (id, catalog_id, position, name, description, provider, url, status, period_text,
                           period_start, period_end, category_ids, facet_value_ids, target_users, attributes,
                           search_text, citation_id)
SELECT e, 1, e, 'ベンチサービス ' || lpad(e::text, 4, '0'), '合成されたサービスの説明', 'ベンチ提供者',
       'https://example.invalid/service/' || e, 'done', NULL, NULL, NULL, '{}', '{}', ARRAY['住民'], '{}'::jsonb,
       'べんちさーびす ' || lpad(e::text, 4, '0') || ' べんち提供者', 1
FROM generate_series(1, 5000) AS e;

INSERT INTO catalog_entry_municipality (entry_id, area_code)
SELECT e.id, a.code
FROM catalog_entry AS e
JOIN area AS a ON a.level = 'municipality' AND a.position = 48 + (e.id - 1) % 1741;
