-- Suunta: plans, goals, workshops with ideas and dot votes, actions with milestones,
-- indicators with targets and hand-entered values, and public links (docs/adr/0008-strategy.md).
-- SQLite: dates are ISO text, times RFC 3339 UTC text, booleans integers.

-- The institution's own organisations, which computed indicators do not count as partners,
-- and partners that a public link must not show.
ALTER TABLE organisations ADD COLUMN home INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
-- The unit of the institution a user works in, and the unit that runs a resource.
ALTER TABLE users ADD COLUMN unit TEXT;
ALTER TABLE resources ADD COLUMN unit TEXT;

-- The perspectives a goal serves; the admin edits the list.
CREATE TABLE perspectives (
    key TEXT PRIMARY KEY,
    name_fi TEXT NOT NULL,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL
);
INSERT INTO perspectives (key, name_fi, name_sv, name_en, position) VALUES
    ('working_life', 'Työelämä', 'Arbetslivet', 'Working life', 1),
    ('students', 'Opiskelijat', 'Studerande', 'Students', 2),
    ('network', 'Verkosto', 'Nätverket', 'Network', 3),
    ('sustainability', 'Vastuullisuus', 'Hållbarhet', 'Sustainability', 4),
    ('finance', 'Talous', 'Ekonomi', 'Finance', 5);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    vision TEXT NOT NULL DEFAULT '',
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    -- Status thresholds on an indicator's progress (0..1).
    on_track_from REAL NOT NULL DEFAULT 0.9,
    at_risk_from REAL NOT NULL DEFAULT 0.6,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (first_year <= last_year),
    CHECK (at_risk_from <= on_track_from)
);
CREATE INDEX plans_organisation ON plans (organisation_id);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    perspective TEXT REFERENCES perspectives (key) ON UPDATE CASCADE,
    owner_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX goals_plan ON goals (plan_id, parent_id, position);

CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    theme TEXT,
    -- People without an account take part through the link with this code, only while open.
    code TEXT NOT NULL UNIQUE,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    vote_budget INTEGER NOT NULL CHECK (vote_budget >= 1),
    vote_cap INTEGER CHECK (vote_cap >= 1),
    anonymous_votes INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (opens_at < closes_at)
);
CREATE INDEX workshops_plan ON workshops (plan_id, held_on);

-- A participant is a user, or a person who came through the workshop link (token_hash).
CREATE TABLE workshop_participants (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    UNIQUE (workshop_id, user_id)
);

CREATE TABLE idea_themes (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workshop_id, name)
);

CREATE TABLE ideas (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    participant_id INTEGER REFERENCES workshop_participants (id) ON DELETE SET NULL,
    theme_id INTEGER REFERENCES idea_themes (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ideas_workshop ON ideas (workshop_id, theme_id);

-- Dot votes: how many of a participant's dots went to an idea.
CREATE TABLE votes (
    idea_id INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES workshop_participants (id) ON DELETE CASCADE,
    dots INTEGER NOT NULL CHECK (dots >= 1),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, participant_id)
);
CREATE INDEX votes_participant ON votes (participant_id);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES goals (id),
    -- The workshop idea the action came from, if any.
    idea_id INTEGER REFERENCES ideas (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT,
    -- planned, in_progress, done, blocked or dropped; "late" is derived from the milestones.
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    budget_cents INTEGER CHECK (budget_cents >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX actions_plan ON actions (plan_id, goal_id);

CREATE TABLE action_owners (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, user_id)
);
CREATE INDEX action_owners_user ON action_owners (user_id);

CREATE TABLE action_partners (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, organisation_id)
);

-- Askelmerkit: dated steps of an action.
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX milestones_action ON milestones (action_id, due_on);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- Stable within the plan: the scorecard's and the API's name for it.
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    unit TEXT NOT NULL,
    -- higher, lower or band.
    direction TEXT NOT NULL,
    band_low REAL,
    band_high REAL,
    baseline_value REAL,
    baseline_on TEXT,
    -- A computed indicator's key (domain::strategy::computed), or NULL for one entered by hand.
    computed TEXT,
    scope_field TEXT,
    scope_unit TEXT,
    scope_tag TEXT,
    scope_kind TEXT,
    -- How often a hand-entered value should be renewed; older is stale.
    update_every_days INTEGER CHECK (update_every_days >= 1),
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (plan_id, key),
    CHECK (direction <> 'band' OR (band_low IS NOT NULL AND band_high IS NOT NULL AND band_low <= band_high))
);

-- How much an indicator weighs in a goal's progress.
CREATE TABLE goal_indicators (
    goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    PRIMARY KEY (goal_id, indicator_id)
);
CREATE INDEX goal_indicators_indicator ON goal_indicators (indicator_id);

CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    value REAL NOT NULL,
    comment TEXT,
    entered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, measured_on);

-- A read-only link to a plan's roadmap and scorecard; the token is kept only as its hash.
CREATE TABLE public_links (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX public_links_plan ON public_links (plan_id);
