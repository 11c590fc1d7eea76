SELECT id, slug, position, title, tagline, challenge, vision, text, citation_id
FROM policy_goal
ORDER BY position
LIMIT 100
