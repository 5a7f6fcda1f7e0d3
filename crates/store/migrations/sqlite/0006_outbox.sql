-- The mail outbox (docs/adr/0006-mail-outbox.md): every mail Vaski sends is first a row here,
-- written in the same transaction as the event it tells of, and sent by whichever server holds
-- its lease. Times are RFC 3339 UTC text in whole seconds, so that text order is time order.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient_address TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- What the mail is about, for tracing: kind 'booking-confirmed', reference 'booking:42'.
    kind TEXT,
    reference TEXT,
    -- The same event never queues two mails: NULL for mails that need no such guard.
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    sent_at TEXT,
    last_error TEXT
);
-- The workers' question, "what is due?", reads only unsent mails.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_reference ON outbox (reference);
