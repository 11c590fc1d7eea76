SELECT slug, id FROM initiative
