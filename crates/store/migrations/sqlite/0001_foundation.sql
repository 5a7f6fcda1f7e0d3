-- Vaski foundation and partner network (SQLite). Dates are ISO text, times RFC 3339 UTC text,
-- booleans integers; the PostgreSQL twin of this file uses the native types.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    normalised_name TEXT NOT NULL,
    business_id TEXT UNIQUE,
    kind TEXT NOT NULL,
    industry_code TEXT,
    industry_classification TEXT,
    municipality_code TEXT,
    address TEXT,
    website TEXT,
    status TEXT NOT NULL,
    notes TEXT,
    partner_since TEXT NOT NULL,
    last_interaction_on TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organisations_name ON organisations (normalised_name, municipality_code);
CREATE INDEX organisations_kind ON organisations (kind);
CREATE INDEX organisations_municipality ON organisations (municipality_code);
CREATE INDEX organisations_last_interaction ON organisations (last_interaction_on);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    password_hash TEXT,
    language TEXT NOT NULL DEFAULT 'fi',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE organisation_tags (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (organisation_id, tag)
);
CREATE INDEX organisation_tags_tag ON organisation_tags (tag);

CREATE TABLE organisation_cooperation (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    form TEXT NOT NULL,
    PRIMARY KEY (organisation_id, form)
);

CREATE TABLE organisation_owners (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_owners_user ON organisation_owners (user_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT,
    email TEXT,
    phone TEXT,
    lawful_basis TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_email ON people (email);

CREATE TABLE person_roles (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role_title TEXT,
    start_on TEXT,
    end_on TEXT
);
CREATE INDEX person_roles_person ON person_roles (person_id);
CREATE INDEX person_roles_organisation ON person_roles (organisation_id);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    our_participants TEXT,
    their_participants TEXT,
    notes TEXT,
    follow_up_on TEXT,
    follow_up_assignee INTEGER REFERENCES users (id) ON DELETE SET NULL,
    follow_up_done INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX interactions_organisation ON interactions (organisation_id, occurred_on);
CREATE INDEX interactions_follow_up ON interactions (follow_up_assignee, follow_up_done, follow_up_on);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    reminder_days INTEGER NOT NULL,
    reminder_on TEXT,
    document_url TEXT,
    document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreements_organisation ON agreements (organisation_id);
CREATE INDEX agreements_valid_to ON agreements (valid_to);

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (agreement_id, organisation_id)
);
CREATE INDEX agreement_parties_organisation ON agreement_parties (organisation_id);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE project_members (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, organisation_id)
);
CREATE INDEX project_members_organisation ON project_members (organisation_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    organisation_id INTEGER,
    changes TEXT NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
