-- What is loaded: the edition of the report, the version of the loaded inputs, and the pinned sources.

CREATE TABLE dataset (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version text NOT NULL,
    loaded_at timestamptz NOT NULL,
    title text NOT NULL,
    publisher text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    url text NOT NULL,
    licence text NOT NULL,
    licence_note text,
    compatible_licence text,
    compatible_licence_url text,
    attribution text NOT NULL,
    attribution_en text NOT NULL,
    -- name of every input file -> its sha256; the version is a hash over this.
    inputs jsonb NOT NULL
);

-- A pinned public source and whether the loaded dataset has it.
CREATE TABLE data_source (
    slug text PRIMARY KEY,
    position integer NOT NULL,
    title text NOT NULL,
    url text NOT NULL,
    description text NOT NULL,
    licence text NOT NULL,
    attribution text NOT NULL,
    attribution_en text NOT NULL,
    available boolean NOT NULL,
    problem text,
    CHECK (available = (problem IS NULL))
);
