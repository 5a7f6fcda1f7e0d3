//! `Idempotency-Key`: an API client may send a key with a request, so that a retry of it (after
//! a timeout or a dropped connection) never books twice but gets the first answer again.
//!
//! The protocol over `idempotency_keys (user_id, key)` (docs/adr/0007-idempotency-keys.md):
//!
//! 1. [`claim`] inserts the key with status 0 ("in progress") and the request's hash. The
//!    primary key makes this the one atomic step on both databases: of concurrent requests with
//!    one key exactly one inserts the row, and the others read it.
//! 2. The request that claimed the key does its work and then either [`finish`]es, storing the
//!    answer's status and body, or, when the store failed and a retry should run afresh,
//!    [`release`]s the claim.
//! 3. A later request with the key gets the stored answer ([`Claim::Replay`]) when it is the
//!    same request, [`Claim::Reused`] when the key came with another request, and
//!    [`Claim::InProgress`] while the first one is still running.
//!
//! A key is kept for [`KEEP_HOURS`]; after that the same key starts a new request. Each claim
//! forgets its user's expired keys, and [`purge`] forgets everyone's.

use crate::db::{sql, Db};
use crate::error::StoreError;
use time::{Duration, OffsetDateTime};

/// The status of a claim whose request has not answered yet.
pub const IN_PROGRESS: i64 = 0;

/// How long a key is remembered.
pub const KEEP_HOURS: i64 = 24;

/// What a request with an idempotency key is to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: do the work, then [`finish`] or [`release`].
    Claimed,
    /// The same request was answered before: answer this again.
    Replay { status: u16, body: String },
    /// The key was used for a different request.
    Reused,
    /// The same key's first request is still running.
    InProgress,
}

/// The oldest creation time a key may have and still be remembered at `now`.
fn cutoff(now: OffsetDateTime) -> OffsetDateTime {
    now - Duration::hours(KEEP_HOURS)
}

/// Claims `key` of `user_id` for a request with `request_hash`, or says what became of the
/// request that claimed it first.
pub async fn claim(
    db: &Db,
    user_id: i64,
    key: &str,
    request_hash: &str,
    now: OffsetDateTime,
) -> Result<Claim, StoreError> {
    db.execute(
        sql("DELETE FROM idempotency_keys WHERE user_id = $1 AND created_at < $2")
            .bind(user_id)
            .bind(cutoff(now)),
    )
    .await?;
    // A claim released between our insert and our read leaves nothing to read; the insert is
    // then tried again. A key claimed and released over and over is as good as in progress.
    for _ in 0..3 {
        let inserted = db
            .execute(
                sql("INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) \
                     VALUES ($1, $2, $3, $4, '', $5) ON CONFLICT (user_id, key) DO NOTHING")
                .bind(user_id)
                .bind(key)
                .bind(request_hash)
                .bind(IN_PROGRESS)
                .bind(now),
            )
            .await?;
        if inserted == 1 {
            return Ok(Claim::Claimed);
        }
        let row: Option<(String, i64, String)> = db
            .fetch_optional(
                sql("SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
                    .bind(user_id)
                    .bind(key),
            )
            .await?;
        if let Some((hash, status, body)) = row {
            return earlier_claim(&hash, status, body, request_hash);
        }
    }
    Ok(Claim::InProgress)
}

/// What a stored claim means for a request with `request_hash`.
fn earlier_claim(
    hash: &str,
    status: i64,
    body: String,
    request_hash: &str,
) -> Result<Claim, StoreError> {
    if hash != request_hash {
        return Ok(Claim::Reused);
    }
    if status == IN_PROGRESS {
        return Ok(Claim::InProgress);
    }
    let status = u16::try_from(status)
        .map_err(|_| StoreError::Corrupt(format!("idempotency key status {status}")))?;
    Ok(Claim::Replay { status, body })
}

/// Stores the answer of the request that claimed the key, for its retries to get again.
pub async fn finish(
    db: &Db,
    user_id: i64,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    db.execute(
        sql("UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND key = $4 AND status = $5")
            .bind(i64::from(status))
            .bind(body)
            .bind(user_id)
            .bind(key)
            .bind(IN_PROGRESS),
    )
    .await?;
    Ok(())
}

/// Gives up a claim whose request did not come to an answer worth keeping (the store failed),
/// so that a retry with the key runs afresh.
pub async fn release(db: &Db, user_id: i64, key: &str) -> Result<(), StoreError> {
    db.execute(
        sql("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = $3")
            .bind(user_id)
            .bind(key)
            .bind(IN_PROGRESS),
    )
    .await?;
    Ok(())
}

/// Forgets every key older than [`KEEP_HOURS`] at `now`; answers how many.
pub async fn purge(db: &Db, now: OffsetDateTime) -> Result<u64, StoreError> {
    db.execute(sql("DELETE FROM idempotency_keys WHERE created_at < $1").bind(cutoff(now)))
        .await
}
