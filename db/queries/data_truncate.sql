-- Loads replace everything: the dataset is rebuilt from its inputs inside one transaction.
TRUNCATE dataset, data_source, area, initiative, focus_area, citation, policy_goal, mission_statement,
    priority_plan_item, agency_role, report_section, metric, observation, comparison, target, metric_component,
    milestone, catalog, catalog_category, catalog_facet_value, catalog_entry, catalog_entry_municipality,
    search_document, area_shape, english_title
