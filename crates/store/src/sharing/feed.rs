//! What the calendar feeds read: a resource's bookings from a while back onwards, a user's own
//! bookings, and the private links (tokens) that open the feeds without a login.

use super::booking::{Booking, COLUMNS};
use crate::db::{sql, Db};
use crate::error::StoreError;
use crate::sharing::resource::new_feed_token;
use time::OffsetDateTime;

/// The most events one feed carries; a calendar program needs no more.
pub const FEED_LIMIT: i64 = 20_000;

/// A resource's bookings and blocks that end after `since`, every status (a subscriber must
/// learn of a cancellation), by start.
pub async fn resource_bookings(
    db: &Db,
    resource_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<Booking>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {COLUMNS} WHERE b.resource_id = $1 AND b.ends_at > $2 ORDER BY b.starts_at, b.id LIMIT $3"
        ))
        .bind(resource_id)
        .bind(since)
        .bind(FEED_LIMIT),
    )
    .await
}

/// The bookings a user made that end after `since`, by start.
pub async fn user_bookings(
    db: &Db,
    user_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<Booking>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {COLUMNS} WHERE b.booked_by = $1 AND b.ends_at > $2 ORDER BY b.starts_at, b.id LIMIT $3"
        ))
        .bind(user_id)
        .bind(since)
        .bind(FEED_LIMIT),
    )
    .await
}

/// The user's private feed token, made on first use.
pub async fn user_token(db: &Db, user_id: i64) -> Result<String, StoreError> {
    let found: Option<(String,)> = db
        .fetch_optional(sql("SELECT token FROM calendar_feeds WHERE user_id = $1").bind(user_id))
        .await?;
    if let Some((token,)) = found {
        return Ok(token);
    }
    renew_user_token(db, user_id).await
}

/// A new private feed token for the user; the old link stops working.
pub async fn renew_user_token(db: &Db, user_id: i64) -> Result<String, StoreError> {
    let token = new_feed_token();
    let mut tx = db.begin().await?;
    tx.execute(sql("DELETE FROM calendar_feeds WHERE user_id = $1").bind(user_id))
        .await?;
    tx.execute(
        sql("INSERT INTO calendar_feeds (user_id, token, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(token.as_str())
            .bind(OffsetDateTime::now_utc()),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The user whose private feed the token opens.
pub async fn user_of_token(db: &Db, token: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = db
        .fetch_optional(sql("SELECT user_id FROM calendar_feeds WHERE token = $1").bind(token))
        .await?;
    Ok(row.map(|(id,)| id))
}
