-- The rest of the report: its texts, every figure with its source, milestones and the lists it gives in full.
-- Ids are assigned by the loader, in report order, so that they are the same after every load.

-- Where a value is stated: a passage of the report, or another publication.
CREATE TABLE citation (
    id integer PRIMARY KEY,
    document text NOT NULL,
    section text,
    page integer,
    quote text,
    url text NOT NULL,
    as_of date,
    figure_owner text NOT NULL,
    citation_kind text NOT NULL CHECK (citation_kind IN ('primary', 'quoted')),
    licence text,
    note text
);

CREATE TABLE policy_goal (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL,
    title text NOT NULL,
    tagline text NOT NULL,
    challenge text NOT NULL,
    vision text NOT NULL,
    text text NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE mission_statement (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('mission', 'vision', 'value')),
    title text NOT NULL,
    subtitle text,
    text text NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE priority_plan_item (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL,
    title text NOT NULL,
    group_title text,
    -- [{position, title, details: [text]}], as printed.
    sub_items jsonb NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE agency_role (
    id integer PRIMARY KEY,
    position integer NOT NULL UNIQUE,
    text text NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE report_section (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL,
    chapter text NOT NULL,
    title text NOT NULL,
    headline text,
    text text NOT NULL,
    items text[] NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE metric (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text NOT NULL,
    unit text NOT NULL,
    unit_label text NOT NULL,
    kind text NOT NULL,
    initiative_id integer REFERENCES initiative (id),
    description text,
    note text
);
CREATE INDEX metric_initiative_id ON metric (initiative_id);

CREATE TABLE observation (
    id integer PRIMARY KEY,
    metric_id integer NOT NULL REFERENCES metric (id),
    value numeric NOT NULL,
    stated text,
    date date NOT NULL,
    date_basis text NOT NULL CHECK (date_basis IN ('stated', 'report_period_end')),
    period_start date,
    approximate boolean NOT NULL,
    at_least boolean NOT NULL,
    -- NULL: the nation as a whole.
    area_code text REFERENCES area (code),
    dimensions jsonb NOT NULL DEFAULT '{}',
    citation_id integer NOT NULL REFERENCES citation (id)
);
CREATE INDEX observation_metric_area_date ON observation (metric_id, area_code, date, id);
CREATE INDEX observation_metric_date ON observation (metric_id, date);
-- One value per metric, area, date and breakdown: a second one would make `latest` and rankings ambiguous.
CREATE UNIQUE INDEX observation_one_value
    ON observation (metric_id, coalesce(area_code, ''), date, dimensions);

CREATE TABLE comparison (
    id integer PRIMARY KEY,
    metric_id integer NOT NULL REFERENCES metric (id),
    kind text NOT NULL CHECK (kind IN ('ratio', 'difference', 'percent_point', 'percent_change')),
    value numeric NOT NULL,
    stated text NOT NULL,
    baseline text,
    baseline_date date,
    date date,
    approximate boolean NOT NULL,
    at_least boolean NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id)
);
CREATE INDEX comparison_metric_id ON comparison (metric_id);

CREATE TABLE target (
    id integer PRIMARY KEY,
    metric_id integer NOT NULL REFERENCES metric (id),
    value numeric NOT NULL,
    stated text NOT NULL,
    period_text text NOT NULL,
    period_start date,
    period_end date,
    citation_id integer NOT NULL REFERENCES citation (id)
);
CREATE INDEX target_metric_id ON target (metric_id);

CREATE TABLE metric_component (
    metric_id integer NOT NULL REFERENCES metric (id),
    component_id integer NOT NULL REFERENCES metric (id),
    position integer NOT NULL,
    PRIMARY KEY (metric_id, component_id)
);

-- A planned item of 今後の展開, with the period parsed from its wording (NULL when it states none).
CREATE TABLE milestone (
    id integer PRIMARY KEY,
    initiative_id integer NOT NULL REFERENCES initiative (id),
    position integer NOT NULL,
    text text NOT NULL,
    period_text text,
    period_start date,
    period_end date,
    approximate boolean NOT NULL,
    fiscal_year integer,
    UNIQUE (initiative_id, position)
);
CREATE INDEX milestone_period_end ON milestone (period_end);

CREATE TABLE catalog (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    position integer NOT NULL,
    name text NOT NULL,
    publisher text NOT NULL,
    edition text,
    description text,
    as_of date,
    stated_count integer,
    stated_count_text text,
    url text,
    initiative_id integer REFERENCES initiative (id),
    citation_id integer NOT NULL REFERENCES citation (id)
);

CREATE TABLE catalog_category (
    id integer PRIMARY KEY,
    catalog_id integer NOT NULL REFERENCES catalog (id),
    parent_id integer REFERENCES catalog_category (id),
    slug text NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    UNIQUE (catalog_id, slug)
);

-- A further classification the publisher uses (e.g. the disaster phase), and its values.
CREATE TABLE catalog_facet_value (
    id integer PRIMARY KEY,
    catalog_id integer NOT NULL REFERENCES catalog (id),
    facet_slug text NOT NULL,
    facet_name text NOT NULL,
    facet_position integer NOT NULL,
    value text NOT NULL,
    position integer NOT NULL,
    UNIQUE (catalog_id, facet_slug, value)
);

CREATE TABLE catalog_entry (
    id integer PRIMARY KEY,
    catalog_id integer NOT NULL REFERENCES catalog (id),
    position integer NOT NULL,
    name text NOT NULL,
    description text,
    provider text,
    url text,
    status text CHECK (status IN ('done', 'planned')),
    period_text text,
    period_start date,
    period_end date,
    category_ids integer[] NOT NULL,
    facet_value_ids integer[] NOT NULL,
    target_users text[] NOT NULL,
    -- Every other field of a published catalogue, as published, so that an import loses nothing.
    attributes jsonb NOT NULL,
    -- Name, provider and description in search form, for `services(filter: {search})`.
    search_text text NOT NULL,
    citation_id integer NOT NULL REFERENCES citation (id),
    UNIQUE (catalog_id, position)
);
CREATE INDEX catalog_entry_categories ON catalog_entry USING gin (category_ids);
CREATE INDEX catalog_entry_facets ON catalog_entry USING gin (facet_value_ids);

-- The municipalities that use an entry.
CREATE TABLE catalog_entry_municipality (
    entry_id integer NOT NULL REFERENCES catalog_entry (id),
    area_code text NOT NULL REFERENCES area (code),
    PRIMARY KEY (area_code, entry_id)
);
