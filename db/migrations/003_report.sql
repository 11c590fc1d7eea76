-- The report's own structure: focus areas (注力領域) and the initiative pages of chapter 2.

CREATE TABLE focus_area (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL UNIQUE,
    name text NOT NULL,
    page integer NOT NULL,
    section text NOT NULL
);

CREATE TABLE initiative (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL UNIQUE,
    title text NOT NULL,
    focus_area_id integer REFERENCES focus_area (id),
    headline text NOT NULL,
    lead text,
    achievements_title text NOT NULL,
    achievements text NOT NULL,
    background text NOT NULL,
    -- 今後の展開（予定）: the items as printed; milestones parsed from them come later.
    outlook text[] NOT NULL,
    page integer NOT NULL,
    section text NOT NULL
);

CREATE INDEX initiative_focus_area_id ON initiative (focus_area_id);
