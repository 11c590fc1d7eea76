-- Outlines of areas for maps, from the boundary source: SVG path data in pixels of a map 1000 px wide
-- (projected and simplified at load time), and each outline's bounding box to frame a map of any set of areas.
CREATE TABLE area_shape (
    code text PRIMARY KEY REFERENCES area (code),
    level text NOT NULL CHECK (level IN ('prefecture', 'municipality')),
    path text NOT NULL,
    x_min real NOT NULL,
    y_min real NOT NULL,
    x_max real NOT NULL,
    y_max real NOT NULL
);
CREATE INDEX area_shape_level ON area_shape (level);
