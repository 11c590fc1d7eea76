SELECT id, slug, position, title, group_title, sub_items, citation_id
FROM priority_plan_item
ORDER BY position
LIMIT 100
