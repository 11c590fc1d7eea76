SELECT c.id, c.slug, c.position, c.name, c.publisher, c.edition, c.description, c.as_of, c.stated_count, c.url, c.initiative_id, c.citation_id FROM catalog AS c ORDER BY c.position LIMIT 100
