//! Booking notices: what happened to a booking, recorded with the change itself and turned
//! into mails by the server's notice worker, and the people each notice goes to.

use super::booking::{self, Booking};
use crate::db::{sql, Backend, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::Language;

/// One event of one booking, waiting to be told.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub booking_id: i64,
    /// `requested`, `confirmed`, `rejected`, `cancelled`, `changed` (its time moved) or `reminder`.
    pub event: String,
    pub actor_id: Option<i64>,
}

/// Who a notice is told to, and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub language: Language,
    /// `booker` or `owner`: what the mail says depends on it.
    pub side: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Booker,
    Owner,
}

/// Records an event of a booking, inside the transaction that made it.
pub async fn record(
    tx: &mut Tx,
    booking_id: i64,
    event: &str,
    actor_id: Option<i64>,
) -> Result<(), StoreError> {
    tx.execute(
        sql("INSERT INTO booking_notices (booking_id, event, actor_id, created_at) VALUES ($1, $2, $3, $4)")
            .bind(booking_id)
            .bind(event)
            .bind(actor_id)
            .bind(OffsetDateTime::now_utc()),
    )
    .await?;
    Ok(())
}

/// Takes up to `limit` notices to tell, oldest first. On PostgreSQL the rows stay locked until
/// the transaction ends and other servers skip them, so each notice is told once.
pub async fn take(tx: &mut Tx, limit: i64) -> Result<Vec<Notice>, StoreError> {
    let lock = if tx.backend() == Backend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    tx.fetch_all(
        sql(format!(
            "SELECT id, booking_id, event, actor_id FROM booking_notices ORDER BY id LIMIT $1{lock}"
        ))
        .bind(limit),
    )
    .await
}

/// Removes told notices, in the transaction that queued their mails.
pub async fn done(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    tx.execute(sql("DELETE FROM booking_notices WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

/// The booking a notice is about.
pub async fn booking_of(tx: &mut Tx, notice: &Notice) -> Result<Option<Booking>, StoreError> {
    booking::get_in(tx, notice.booking_id).await
}

/// The booker (the user who booked) and the owner's people: the resource's managers and the
/// active users of the owner organisation who may manage it, each once (a booker who is also
/// a manager is told as the booker).
pub async fn recipients(tx: &mut Tx, b: &Booking) -> Result<Vec<Recipient>, StoreError> {
    let rows: Vec<(i64, String, String, String, i64)> = tx
        .fetch_all(
            sql("SELECT id, email, name, language, CAST(0 AS BIGINT) FROM users WHERE id = $1 AND active \
                 UNION ALL \
                 SELECT id, email, name, language, CAST(1 AS BIGINT) FROM users \
                 WHERE organisation_id = $2 AND active AND role IN ('admin', 'staff', 'partner') \
                 UNION ALL \
                 SELECT u.id, u.email, u.name, u.language, CAST(1 AS BIGINT) \
                 FROM resource_managers m JOIN users u ON u.id = m.user_id \
                 WHERE m.resource_id = $3 AND u.active AND u.role IN ('admin', 'staff', 'partner') \
                 ORDER BY 5, 1")
            .bind(b.booked_by)
            .bind(b.owner_organisation_id)
            .bind(b.resource_id),
        )
        .await?;
    let mut out: Vec<Recipient> = Vec::new();
    for (user_id, email, name, language, side) in rows {
        if out.iter().any(|r| r.user_id == user_id) {
            continue;
        }
        out.push(Recipient {
            user_id,
            email,
            name,
            language: Language::parse(&language).unwrap_or_default(),
            side: if side == 0 { Side::Booker } else { Side::Owner },
        });
    }
    Ok(out)
}

/// Confirmed bookings starting between `from` and `to` that have not had their reminder:
/// the day-before reminder's sweep. A reminder is queued once per booking, kept by the
/// outbox's dedupe key.
pub async fn due_reminders(
    tx: &mut Tx,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            sql(
                "SELECT id FROM bookings WHERE kind = 'booking' AND status = 'confirmed' \
                 AND starts_at >= $1 AND starts_at < $2 ORDER BY starts_at, id",
            )
            .bind(from)
            .bind(to),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
