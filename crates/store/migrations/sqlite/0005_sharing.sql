-- Shared use of learning environments, facilities and machines (Yhteiskäyttö), SQLite.
-- Times are RFC 3339 UTC text written by one encoder (whole seconds), so they compare as text.
-- Booking clashes are checked inside a write transaction (BEGIN IMMEDIATE): SQLite has one
-- writer at a time, so the check and the insert are one step (docs/adr/0005-sharing.md).

CREATE TABLE locations (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT,
    municipality_code TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX locations_organisation ON locations (organisation_id);

CREATE TABLE qualifications (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE qualification_grants (
    id INTEGER PRIMARY KEY,
    qualification_id INTEGER NOT NULL REFERENCES qualifications (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    granted_on TEXT NOT NULL,
    valid_until TEXT,
    granted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX qualification_grants_person ON qualification_grants (person_id, qualification_id);

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    owner_organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    location_id INTEGER REFERENCES locations (id) ON DELETE SET NULL,
    part_of INTEGER REFERENCES resources (id),
    address TEXT,
    municipality_code TEXT,
    building TEXT,
    room TEXT,
    description TEXT,
    capacity_people INTEGER,
    accessibility TEXT,
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    approval TEXT NOT NULL,
    eligibility TEXT NOT NULL,
    closed_on_public_holidays INTEGER NOT NULL DEFAULT 0,
    slot_minutes INTEGER,
    min_duration_minutes INTEGER,
    max_duration_minutes INTEGER,
    min_notice_minutes INTEGER,
    max_ahead_minutes INTEGER,
    buffer_before_minutes INTEGER NOT NULL DEFAULT 0,
    buffer_after_minutes INTEGER NOT NULL DEFAULT 0,
    cancellation_free_hours INTEGER,
    required_qualification_id INTEGER REFERENCES qualifications (id) ON DELETE SET NULL,
    feed_token TEXT NOT NULL UNIQUE,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX resources_owner ON resources (owner_organisation_id);
CREATE INDEX resources_part_of ON resources (part_of);
CREATE INDEX resources_municipality ON resources (municipality_code, kind);

CREATE TABLE resource_prices (
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    booker_kind TEXT NOT NULL,
    per_hour_cents INTEGER CHECK (per_hour_cents >= 0),
    per_day_cents INTEGER CHECK (per_day_cents >= 0),
    PRIMARY KEY (resource_id, booker_kind)
);

-- Weekly hours and dated exceptions belong to a resource or to a location (whose resources
-- without hours of their own follow it). Minutes since local midnight; 1440 is 24:00.
CREATE TABLE opening_hours (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER REFERENCES resources (id) ON DELETE CASCADE,
    location_id INTEGER REFERENCES locations (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens_minute INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1439),
    closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN 1 AND 1440),
    CHECK ((resource_id IS NULL) <> (location_id IS NULL))
);
CREATE INDEX opening_hours_resource ON opening_hours (resource_id);
CREATE INDEX opening_hours_location ON opening_hours (location_id);

CREATE TABLE opening_exceptions (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER REFERENCES resources (id) ON DELETE CASCADE,
    location_id INTEGER REFERENCES locations (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    -- Both NULL: closed all day; otherwise the special hours of that day.
    opens_minute INTEGER,
    closes_minute INTEGER,
    note TEXT,
    CHECK ((resource_id IS NULL) <> (location_id IS NULL))
);
CREATE INDEX opening_exceptions_resource ON opening_exceptions (resource_id, on_date);
CREATE INDEX opening_exceptions_location ON opening_exceptions (location_id, on_date);

CREATE TABLE resource_images (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    alt_text TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX resource_images_resource ON resource_images (resource_id);

-- A recurring booking: the rule it was made with, for editing "this and following" and for
-- the calendar feed. Its occurrences are rows of `bookings`.
CREATE TABLE booking_series (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    rrule TEXT NOT NULL,
    exdates TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    series_id INTEGER REFERENCES booking_series (id) ON DELETE SET NULL,
    -- `booking`, or `block` for the owner's own time (maintenance).
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    -- The time the booking takes from the calendar: its span widened by the resource's
    -- set-up and clean-up buffers. Clashes are judged on these.
    occupied_from TEXT NOT NULL,
    occupied_until TEXT NOT NULL,
    units INTEGER NOT NULL DEFAULT 1 CHECK (units >= 1),
    -- Whether the resource is a single unit (not a pool) when the booking was written.
    exclusive INTEGER NOT NULL,
    booker_organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    booker_kind TEXT,
    contact_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    booked_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    purpose TEXT,
    people_count INTEGER,
    price_cents INTEGER,
    uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at TEXT,
    cancelled_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    cancelled_at TEXT,
    no_show INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX bookings_resource_time ON bookings (resource_id, occupied_from, occupied_until);
CREATE INDEX bookings_booked_by ON bookings (booked_by, starts_at);
CREATE INDEX bookings_booker ON bookings (booker_organisation_id, starts_at);
CREATE INDEX bookings_series ON bookings (series_id);

-- A user's private calendar feed link.
CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- `Idempotency-Key` of API requests: a retried request gets the first answer again.
CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
