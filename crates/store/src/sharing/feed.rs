//! What the calendar feeds read: a resource's bookings from a while back onwards, a user's own
//! bookings, and the private links (tokens) that open the feeds without a login.

use super::booking::{Booking, COLUMNS};
use crate::db::{sql, Db};
use crate::error::StoreError;
use crate::sharing::resource::new_feed_token;
use jiff::Timestamp;
use time::OffsetDateTime;

/// The most events one feed carries; a calendar program needs no more.
pub const FEED_LIMIT: i64 = 20_000;

/// What a resource's public busy feed tells of one booking or block: when, and whether it
/// still holds (no names: the feed is opened by a link, without a login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub uid: String,
    pub sequence: i64,
    /// `requested` or `confirmed`.
    pub status: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The requested and confirmed bookings and blocks of a resource that end after `since`, by
/// start: six columns read as integers and short text, because a feed of 10 000 bookings
/// spent most of its time decoding the booking's other columns and its timestamps from text.
pub async fn resource_busy(
    db: &Db,
    resource_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<Busy>, StoreError> {
    let b = db.backend();
    let rows: Vec<(String, i64, String, i64, i64, i64)> = db
        .fetch_all(
            sql(format!(
                "SELECT b.uid, b.sequence, b.status, {}, {}, {} FROM bookings b \
                 WHERE b.resource_id = $1 AND b.ends_at > $2 AND b.status IN ('requested', 'confirmed') \
                 ORDER BY b.starts_at, b.id LIMIT $3",
                b.epoch_seconds("b.starts_at"),
                b.epoch_seconds("b.ends_at"),
                b.epoch_seconds("b.updated_at"),
            ))
            .bind(resource_id)
            .bind(since)
            .bind(FEED_LIMIT),
        )
        .await?;
    rows.into_iter()
        .map(|(uid, sequence, status, starts, ends, updated)| {
            Ok(Busy {
                starts_at: second(&uid, starts)?,
                ends_at: second(&uid, ends)?,
                updated_at: second(&uid, updated)?,
                uid,
                sequence,
                status,
            })
        })
        .collect()
}

/// What a resource's private feed tells of one booking or block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub sequence: i64,
    pub kind: String,
    pub status: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub updated_at: Timestamp,
    pub units: i64,
    pub booker_name: Option<String>,
    pub contact_name: Option<String>,
    pub purpose: Option<String>,
}

impl Event {
    /// The feed's view of a booking read in full.
    pub fn of(b: &Booking) -> Result<Event, StoreError> {
        Ok(Event {
            uid: b.uid.clone(),
            sequence: b.sequence,
            kind: b.kind.clone(),
            status: b.status.clone(),
            starts_at: crate::db::to_timestamp(b.starts_at)?,
            ends_at: crate::db::to_timestamp(b.ends_at)?,
            updated_at: crate::db::to_timestamp(b.updated_at)?,
            units: b.units,
            booker_name: b.booker_name.clone(),
            contact_name: b.contact_name.clone(),
            purpose: b.purpose.clone(),
        })
    }
}

/// A resource's bookings and blocks that end after `since`, every status (a subscriber must
/// learn of a cancellation), by start: only the columns a feed shows, times as integers
/// (a feed of 10 000 bookings spent most of its time decoding the rest).
pub async fn resource_events(
    db: &Db,
    resource_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<Event>, StoreError> {
    let b = db.backend();
    type Row = (
        String,
        i64,
        String,
        String,
        i64,
        i64,
        i64,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = db
        .fetch_all(
            sql(format!(
                "SELECT b.uid, b.sequence, b.kind, b.status, {}, {}, {}, b.units, o.name, p.name, b.purpose \
                 FROM bookings b LEFT JOIN organisations o ON o.id = b.booker_organisation_id \
                 LEFT JOIN people p ON p.id = b.contact_person_id \
                 WHERE b.resource_id = $1 AND b.ends_at > $2 ORDER BY b.starts_at, b.id LIMIT $3",
                b.epoch_seconds("b.starts_at"),
                b.epoch_seconds("b.ends_at"),
                b.epoch_seconds("b.updated_at"),
            ))
            .bind(resource_id)
            .bind(since)
            .bind(FEED_LIMIT),
        )
        .await?;
    rows.into_iter()
        .map(
            |(
                uid,
                sequence,
                kind,
                status,
                starts,
                ends,
                updated,
                units,
                booker,
                contact,
                purpose,
            )| {
                Ok(Event {
                    starts_at: second(&uid, starts)?,
                    ends_at: second(&uid, ends)?,
                    updated_at: second(&uid, updated)?,
                    uid,
                    sequence,
                    kind,
                    status,
                    units,
                    booker_name: booker,
                    contact_name: contact,
                    purpose,
                })
            },
        )
        .collect()
}

fn second(uid: &str, s: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_second(s)
        .map_err(|e| StoreError::Corrupt(format!("booking {uid}: time {s}: {e}")))
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
