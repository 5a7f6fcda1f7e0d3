-- Uploaded import files kept between the preview and the confirmation, for an hour, so that
-- the file is sent only once. Keyed by a random id and the user who uploaded it.
CREATE TABLE import_uploads (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX import_uploads_expires ON import_uploads (expires_at);
