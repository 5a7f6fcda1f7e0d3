//! The mail outbox: every mail Vaski sends is first a row in `outbox`, written by [`enqueue`] in
//! the same transaction as the event it tells of (a booking and its mail commit together or not
//! at all). Workers on any number of servers take due mails with [`claim`], which marks them with
//! the worker's id and a lease, send them, and record the outcome with [`mark_sent`] or
//! [`mark_failed`]; a failed mail waits by exponential back-off ([`retry_delay`]) and after
//! [`MAX_ATTEMPTS`] waits for an administrator ([`failures`], [`retry_now`], [`discard`]).
//! Sent mails are kept for a while for tracing and then removed by [`purge_sent`].
//!
//! Exactly once: a mail is sent only by the worker whose lease on it is live, and a lease is
//! taken atomically (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: the write lock of
//! `BEGIN IMMEDIATE`), so two workers never hold one mail. The worker sends only while its lease
//! has more time left than the SMTP timeout, so a lease never runs out during a send. The one
//! window is after the SMTP server accepted a mail and before [`mark_sent`] is stored (a crash,
//! the database gone, the server's answer lost): the lease then runs out and the mail is sent
//! again. That is at-least-once, and the same Message-ID on both copies lets mail clients fold
//! them. See `docs/adr/0006-mail-outbox.md`.
//!
//! Times are stored in whole seconds: SQLite keeps them as RFC 3339 text, whose text order is
//! time order only when every value has the same shape.

use crate::audit::{self, Actor, Subject};
use crate::db::{sql, Backend, Db, Query, Tx};
use crate::error::StoreError;
use time::{Duration, OffsetDateTime, UtcOffset};
use vaski_domain::text::Email;
use vaski_domain::Language;

/// After this many attempts a mail is no longer tried; an administrator may [`retry_now`].
/// With [`retry_delay`] the attempts span about a day.
pub const MAX_ATTEMPTS: i64 = 12;

/// The wait after the first failed attempt; each further failure doubles it.
pub const FIRST_RETRY_DELAY: Duration = Duration::minutes(1);

/// The longest wait between two attempts.
pub const LONGEST_RETRY_DELAY: Duration = Duration::hours(6);

/// How much of an error message is kept: enough for an SMTP reply, not a whole transcript.
const ERROR_CHARS: usize = 1000;

/// A mail to queue, its text already in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub to: Email,
    pub to_name: String,
    pub language: Language,
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// What the mail says, for tracing: `booking-confirmed`.
    pub kind: Option<String>,
    /// What the mail is about, for tracing: `booking:42`.
    pub reference: Option<String>,
    /// A key naming the event (`booking:42:confirmed:user:7`): a second mail with the same key
    /// is not queued, so an event handled twice still sends one mail.
    pub dedupe_key: Option<String>,
}

/// A queued mail and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub id: i64,
    pub to: String,
    pub to_name: String,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub kind: Option<String>,
    pub reference: Option<String>,
    pub created_at: OffsetDateTime,
    /// Times the mail has been handed to a sender, the one under way included.
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<OffsetDateTime>,
    pub sent_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
}

impl Mail {
    /// Whether the mail is no longer tried and waits for an administrator.
    pub fn gave_up(&self) -> bool {
        self.sent_at.is_none() && self.claimed_by.is_none() && self.attempts >= MAX_ATTEMPTS
    }
}

#[derive(Debug, sqlx::FromRow)]
struct MailRow {
    id: i64,
    recipient_address: String,
    recipient_name: String,
    language: String,
    subject: String,
    body: String,
    kind: Option<String>,
    reference: Option<String>,
    created_at: OffsetDateTime,
    attempts: i64,
    next_attempt_at: OffsetDateTime,
    claimed_by: Option<String>,
    claimed_until: Option<OffsetDateTime>,
    sent_at: Option<OffsetDateTime>,
    last_error: Option<String>,
}

impl From<MailRow> for Mail {
    fn from(r: MailRow) -> Mail {
        Mail {
            id: r.id,
            to: r.recipient_address,
            to_name: r.recipient_name,
            language: Language::parse(&r.language).unwrap_or_default(),
            subject: r.subject,
            body: r.body,
            kind: r.kind,
            reference: r.reference,
            created_at: r.created_at,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            claimed_by: r.claimed_by,
            claimed_until: r.claimed_until,
            sent_at: r.sent_at,
            last_error: r.last_error,
        }
    }
}

const MAIL_COLUMNS: &str = "id, recipient_address, recipient_name, language, subject, body, \
     kind, reference, created_at, attempts, next_attempt_at, claimed_by, claimed_until, sent_at, \
     last_error";

/// Queues a mail inside the caller's transaction, due at once. Answers its id, or `None` when
/// a mail with the same `dedupe_key` was queued before (which then stays as it was).
pub async fn enqueue(tx: &mut Tx, mail: &NewMail) -> Result<Option<i64>, StoreError> {
    let now = whole_seconds(OffsetDateTime::now_utc());
    let id: Option<(i64,)> = tx
        .fetch_optional(insert_query(std::slice::from_ref(mail), now))
        .await?;
    Ok(id.map(|(id,)| id))
}

/// Mails per statement of [`enqueue_all`]: nine values a row, under SQLite's limit of 32 766
/// bound values.
const MAILS_PER_INSERT: usize = 1000;

/// Queues many mails as [`enqueue`] does, with one statement per thousand. Answers how many
/// were queued (those whose `dedupe_key` was queued before are not).
pub async fn enqueue_all(tx: &mut Tx, mails: &[NewMail]) -> Result<usize, StoreError> {
    let now = whole_seconds(OffsetDateTime::now_utc());
    let mut queued = 0;
    for chunk in mails.chunks(MAILS_PER_INSERT) {
        let ids: Vec<(i64,)> = tx.fetch_all(insert_query(chunk, now)).await?;
        queued += ids.len();
    }
    Ok(queued)
}

/// The insert of `mails`, due at `now`, answering the ids of those queued. ON CONFLICT DO
/// NOTHING leaves the caller's transaction usable, where a failed insert would abort it on
/// PostgreSQL.
fn insert_query(mails: &[NewMail], now: OffsetDateTime) -> Query {
    let mut q = sql(
        "INSERT INTO outbox (recipient_address, recipient_name, language, subject, body, \
         kind, reference, dedupe_key, created_at, attempts, next_attempt_at) VALUES ",
    );
    for (k, mail) in mails.iter().enumerate() {
        let places = [
            q.push_arg(mail.to.as_str()),
            q.push_arg(mail.to_name.as_str()),
            q.push_arg(mail.language.code()),
            q.push_arg(mail.subject.as_str()),
            q.push_arg(mail.body.as_str()),
            q.push_arg(mail.kind.as_deref()),
            q.push_arg(mail.reference.as_deref()),
            q.push_arg(mail.dedupe_key.as_deref()),
            q.push_arg(now),
        ];
        if k > 0 {
            q.push_sql(", ");
        }
        q.push_sql(&format!("({}, 0, {})", places.join(", "), places[8]));
    }
    q.push_sql(" ON CONFLICT (dedupe_key) DO NOTHING RETURNING id");
    q
}

/// Takes up to `limit` due mails for `worker_id` until `now + lease`, oldest due first, and
/// counts the attempt. A mail is due when it is unsent, has attempts left, its next attempt
/// has come and nobody holds a live lease on it. Two concurrent claims never share a mail.
pub async fn claim(
    db: &Db,
    worker_id: &str,
    now: OffsetDateTime,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Mail>, StoreError> {
    let now = whole_seconds(now);
    // PostgreSQL: without SKIP LOCKED two claims could pick the same ids and both update them;
    // SQLite has no row locks, and the write lock taken by `begin` serialises claims instead.
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let q = sql(format!(
        "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND attempts < $4 AND next_attempt_at <= $3 \
               AND (claimed_until IS NULL OR claimed_until <= $3) \
             ORDER BY next_attempt_at, id LIMIT $5{lock}) \
         RETURNING {MAIL_COLUMNS}"
    ))
    .bind(worker_id)
    .bind(now + lease)
    .bind(now)
    .bind(MAX_ATTEMPTS)
    .bind(limit.max(1));
    let mut tx = db.begin().await?;
    let rows: Vec<MailRow> = tx.fetch_all(q).await?;
    tx.commit().await?;
    let mut mails: Vec<Mail> = rows.into_iter().map(Mail::from).collect();
    mails.sort_by_key(|m| m.id);
    Ok(mails)
}

/// Records that the SMTP server accepted the mail. Answers `false` when `worker_id` no longer
/// holds the mail (its lease ran out and another worker took it), which the caller should log:
/// the mail may then go out twice.
pub async fn mark_sent(
    db: &Db,
    id: i64,
    worker_id: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let n = db
        .execute(
            sql(
                "UPDATE outbox SET sent_at = $3, claimed_by = NULL, claimed_until = NULL \
                 WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(worker_id)
            .bind(whole_seconds(now)),
        )
        .await?;
    Ok(n == 1)
}

/// Records a failed attempt with its error and schedules the next one after [`retry_delay`];
/// the mail is free for any worker then. Answers `false` when `worker_id` no longer holds it.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    worker_id: &str,
    now: OffsetDateTime,
    error: &str,
) -> Result<bool, StoreError> {
    let held: Option<(i64,)> = db
        .fetch_optional(
            sql(
                "SELECT attempts FROM outbox WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(worker_id),
        )
        .await?;
    let Some((attempts,)) = held else {
        return Ok(false);
    };
    // The attempts condition makes this a compare-and-set: a claim in between changes them.
    let n = db
        .execute(
            sql("UPDATE outbox SET next_attempt_at = $4, last_error = $5, \
                 claimed_by = NULL, claimed_until = NULL \
                 WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND sent_at IS NULL")
            .bind(id)
            .bind(worker_id)
            .bind(attempts)
            .bind(whole_seconds(now) + retry_delay(attempts))
            .bind(clip(error, ERROR_CHARS)),
        )
        .await?;
    Ok(n == 1)
}

/// Records that the mail itself cannot be sent (a recipient address no mail system takes):
/// it is not tried again and waits among the [`failures`] for an administrator. Answers
/// `false` when `worker_id` no longer holds the mail.
pub async fn mark_undeliverable(
    db: &Db,
    id: i64,
    worker_id: &str,
    now: OffsetDateTime,
    error: &str,
) -> Result<bool, StoreError> {
    let n = db
        .execute(
            sql(
                "UPDATE outbox SET attempts = $3, next_attempt_at = $4, last_error = $5, \
                 claimed_by = NULL, claimed_until = NULL \
                 WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(worker_id)
            .bind(MAX_ATTEMPTS)
            .bind(whole_seconds(now))
            .bind(clip(error, ERROR_CHARS)),
        )
        .await?;
    Ok(n == 1)
}

/// Gives back a claimed mail that was not tried (the worker is stopping, or its lease has too
/// little time left for a send), so that any worker may take it at once; the attempt is not
/// counted.
pub async fn release(db: &Db, id: i64, worker_id: &str) -> Result<bool, StoreError> {
    let n = db
        .execute(
            sql(
                "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, \
                 attempts = attempts - 1 \
                 WHERE id = $1 AND claimed_by = $2 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(worker_id),
        )
        .await?;
    Ok(n == 1)
}

/// The wait after the given number of failed attempts: 1 minute, 2, 4, ... at most 6 hours.
pub fn retry_delay(attempts: i64) -> Duration {
    // Past 2^9 minutes the cap applies anyway; the clamp keeps the shift from overflowing.
    let doublings = attempts.saturating_sub(1).clamp(0, 16);
    (FIRST_RETRY_DELAY * (1_i32 << doublings)).min(LONGEST_RETRY_DELAY)
}

/// An administrator's "send it again now": the mail is due at `now` with a fresh series of
/// attempts, recorded in the audit trail. Answers `false` (and records nothing) for a sent
/// mail, an unknown id, or one a worker is sending now.
pub async fn retry_now(
    db: &Db,
    id: i64,
    now: OffsetDateTime,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let now = whole_seconds(now);
    let mut tx = db.begin().await?;
    let Some(mail) = mail_in(&mut tx, id).await? else {
        return Ok(false);
    };
    let n = tx
        .execute(
            sql("UPDATE outbox SET next_attempt_at = $2, attempts = 0, \
                 claimed_by = NULL, claimed_until = NULL \
                 WHERE id = $1 AND sent_at IS NULL \
                   AND (claimed_until IS NULL OR claimed_until <= $2)")
            .bind(id)
            .bind(now),
        )
        .await?;
    if n != 1 {
        return Ok(false);
    }
    let changes = [audit::Change {
        field: "attempts".into(),
        old: Some(mail.attempts.to_string()),
        new: Some("0".into()),
    }];
    audit::record(&mut tx, actor, "retry", mail_subject(id), &changes).await?;
    tx.commit().await?;
    Ok(true)
}

/// An administrator's "never send it": removes an unsent mail, recorded in the audit trail
/// with its recipient and subject. Answers `false` (and records nothing) for a sent mail, an
/// unknown id, or one a worker is sending now.
pub async fn discard(
    db: &Db,
    id: i64,
    now: OffsetDateTime,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    let Some(mail) = mail_in(&mut tx, id).await? else {
        return Ok(false);
    };
    let n = tx
        .execute(
            sql("DELETE FROM outbox WHERE id = $1 AND sent_at IS NULL \
                 AND (claimed_until IS NULL OR claimed_until <= $2)")
            .bind(id)
            .bind(whole_seconds(now)),
        )
        .await?;
    if n != 1 {
        return Ok(false);
    }
    let changes = [
        audit::Change {
            field: "recipient".into(),
            old: Some(mail.to.clone()),
            new: None,
        },
        audit::Change {
            field: "subject".into(),
            old: Some(mail.subject.clone()),
            new: None,
        },
        audit::Change {
            field: "last_error".into(),
            old: mail.last_error.clone(),
            new: None,
        },
    ];
    audit::record(&mut tx, actor, "delete", mail_subject(id), &changes).await?;
    tx.commit().await?;
    Ok(true)
}

fn mail_subject(id: i64) -> Subject<'static> {
    Subject {
        entity: "mail",
        entity_id: Some(id),
        organisation_id: None,
    }
}

/// How long sent mails are kept by default before [`purge_sent`] removes them.
pub const DEFAULT_RETENTION: Duration = Duration::days(30);

/// Removes mails sent before `sent_before`, at most `batch` rows per statement so that no
/// delete holds the table for long; answers how many went. Unsent mails (due, waiting for a
/// retry, or given up) are never removed, whatever their age.
pub async fn purge_sent(
    db: &Db,
    sent_before: OffsetDateTime,
    batch: i64,
) -> Result<u64, StoreError> {
    let sent_before = whole_seconds(sent_before);
    let batch = batch.max(1);
    let mut purged = 0;
    loop {
        let n = db
            .execute(
                sql("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox \
                     WHERE sent_at IS NOT NULL AND sent_at < $1 ORDER BY id LIMIT $2)")
                .bind(sent_before)
                .bind(batch),
            )
            .await?;
        purged += n;
        if n < u64::try_from(batch).unwrap_or(u64::MAX) {
            return Ok(purged);
        }
    }
}

/// Unsent mails that have failed at least once or were given up, oldest first, for the
/// administrator.
pub async fn failures(db: &Db, limit: i64) -> Result<Vec<Mail>, StoreError> {
    let rows: Vec<MailRow> = db
        .fetch_all(
            sql(format!(
                "SELECT {MAIL_COLUMNS} FROM outbox \
                 WHERE sent_at IS NULL AND (last_error IS NOT NULL OR attempts >= $1) \
                 ORDER BY created_at, id LIMIT $2"
            ))
            .bind(MAX_ATTEMPTS)
            .bind(limit.max(1)),
        )
        .await?;
    Ok(rows.into_iter().map(Mail::from).collect())
}

/// How many mails wait to be sent (due, scheduled for a retry, or given up).
pub async fn pending_count(db: &Db) -> Result<i64, StoreError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"))
        .await?;
    Ok(n)
}

pub async fn mail_by_id(db: &Db, id: i64) -> Result<Option<Mail>, StoreError> {
    let row: Option<MailRow> = db
        .fetch_optional(sql(format!("SELECT {MAIL_COLUMNS} FROM outbox WHERE id = $1")).bind(id))
        .await?;
    Ok(row.map(Mail::from))
}

async fn mail_in(tx: &mut Tx, id: i64) -> Result<Option<Mail>, StoreError> {
    let row: Option<MailRow> = tx
        .fetch_optional(sql(format!("SELECT {MAIL_COLUMNS} FROM outbox WHERE id = $1")).bind(id))
        .await?;
    Ok(row.map(Mail::from))
}

/// The time in UTC without its fraction of a second.
fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(UtcOffset::UTC);
    t - Duration::nanoseconds(i64::from(t.nanosecond()))
}

fn clip(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delay_doubles_from_a_minute_and_stops_at_six_hours() {
        let minutes: Vec<i64> = (1..=12).map(|a| retry_delay(a).whole_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
        assert_eq!(retry_delay(0), FIRST_RETRY_DELAY);
        assert_eq!(retry_delay(i64::MAX), LONGEST_RETRY_DELAY);
    }

    #[test]
    fn whole_seconds_drop_the_fraction_so_sqlite_text_sorts_as_time() {
        let t = time::macros::datetime!(2026-03-01 10:00:00.75 +02:00);
        assert_eq!(
            whole_seconds(t),
            time::macros::datetime!(2026-03-01 08:00:00 UTC)
        );
        let text = whole_seconds(t)
            .format(&time::format_description::well_known::Rfc3339)
            .expect("format");
        assert_eq!(text, "2026-03-01T08:00:00Z");
    }
}
