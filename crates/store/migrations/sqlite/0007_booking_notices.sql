-- What happened to a booking (requested, confirmed, rejected, cancelled), written in the same
-- transaction as the change, and turned into mails in each recipient's language by the server
-- (docs/adr/0005-sharing.md). The store knows no language; the mail text is the web layer's.
CREATE TABLE booking_notices (
    -- AUTOINCREMENT: an id is never given twice, so the mails' dedupe keys (notice:<id>) stay
    -- unique after told notices are deleted.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
