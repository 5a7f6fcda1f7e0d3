//! Booking notices: what happened to a booking, recorded with the change itself and turned
//! into mails by the server's notice worker, and the people each notice goes to.

use super::booking::{self, Booking};
use crate::db::{sql, Backend, Tx};
use crate::error::StoreError;
use crate::in_list;
use serde::Serialize;
use std::collections::HashMap;
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
    record_all(tx, &[booking_id], event, actor_id).await
}

/// The head of every insert of notices, for statements that write notices with other rows
/// (the bookings' `WITH … INSERT`).
pub(crate) const INSERT_INTO: &str =
    "INSERT INTO booking_notices (booking_id, event, actor_id, created_at)";

/// Records one event of many bookings (a series made at once) in one statement.
pub async fn record_all(
    tx: &mut Tx,
    booking_ids: &[i64],
    event: &str,
    actor_id: Option<i64>,
) -> Result<(), StoreError> {
    if booking_ids.is_empty() {
        return Ok(());
    }
    let mut q = sql(format!("{INSERT_INTO} VALUES "));
    let event = q.push_arg(event);
    let actor = q.push_arg(actor_id);
    let now = q.push_arg(OffsetDateTime::now_utc());
    for (n, id) in booking_ids.iter().enumerate() {
        let id = q.push_arg(*id);
        if n > 0 {
            q.push_sql(", ");
        }
        q.push_sql(&format!("({id}, {event}, {actor}, {now})"));
    }
    tx.execute(q).await?;
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
pub async fn done(tx: &mut Tx, ids: &[i64]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut q = sql("DELETE FROM booking_notices WHERE id IN (");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(")");
    tx.execute(q).await?;
    Ok(())
}

/// The bookings notices or reminders are about, by id (a booking deleted since is missing).
pub async fn bookings(tx: &mut Tx, ids: &[i64]) -> Result<HashMap<i64, Booking>, StoreError> {
    Ok(booking::by_ids_in(tx, ids)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect())
}

/// The booker (the user who booked) and the owner's people: the resource's managers and the
/// active users of the owner organisation who may manage it, each once (a booker who is also
/// a manager is told as the booker).
pub async fn recipients(tx: &mut Tx, b: &Booking) -> Result<Vec<Recipient>, StoreError> {
    Ok(recipients_of_all(tx, &[b])
        .await?
        .remove(&b.id)
        .unwrap_or_default())
}

/// [`recipients`] of many bookings with one query, by booking id.
pub async fn recipients_of_all(
    tx: &mut Tx,
    bookings: &[&Booking],
) -> Result<HashMap<i64, Vec<Recipient>>, StoreError> {
    if bookings.is_empty() {
        return Ok(HashMap::new());
    }
    // Each row says why the user is told: as the booker (0, keyed by the user), as one of the
    // owner organisation's people (1, keyed by the organisation) or as a manager of the
    // resource (2, keyed by the resource).
    let mut q = sql("SELECT id, email, name, language, CAST(0 AS BIGINT), id FROM users WHERE active AND id IN (");
    let list = in_list(&mut q, bookings.iter().filter_map(|b| b.booked_by));
    q.push_sql(&list);
    q.push_sql(
        ") UNION ALL SELECT id, email, name, language, CAST(1 AS BIGINT), organisation_id FROM users \
         WHERE active AND role IN ('admin', 'staff', 'partner') AND organisation_id IN (",
    );
    let list = in_list(&mut q, bookings.iter().map(|b| b.owner_organisation_id));
    q.push_sql(&list);
    q.push_sql(
        ") UNION ALL SELECT u.id, u.email, u.name, u.language, CAST(2 AS BIGINT), m.resource_id \
         FROM resource_managers m JOIN users u ON u.id = m.user_id \
         WHERE u.active AND u.role IN ('admin', 'staff', 'partner') AND m.resource_id IN (",
    );
    let list = in_list(&mut q, bookings.iter().map(|b| b.resource_id));
    q.push_sql(&list);
    q.push_sql(")");
    let mut rows: Vec<(i64, String, String, String, i64, i64)> = tx.fetch_all(q).await?;
    // The booker first, then the owner's people by id (organisation and managers alike).
    rows.sort_by_key(|(user_id, _, _, _, why, _)| (*why.min(&1), *user_id));
    let mut out = HashMap::new();
    for b in bookings {
        let concerns = |why: i64, key: i64| match why {
            0 => b.booked_by == Some(key),
            1 => b.owner_organisation_id == key,
            _ => b.resource_id == key,
        };
        let mut told: Vec<Recipient> = Vec::new();
        for (user_id, email, name, language, why, key) in &rows {
            if !concerns(*why, *key) || told.iter().any(|r| r.user_id == *user_id) {
                continue;
            }
            told.push(Recipient {
                user_id: *user_id,
                email: email.clone(),
                name: name.clone(),
                language: Language::parse(language).unwrap_or_default(),
                side: if *why == 0 { Side::Booker } else { Side::Owner },
            });
        }
        out.insert(b.id, told);
    }
    Ok(out)
}

/// Confirmed bookings starting between `from` and `to` that have not had their reminder:
/// the day-before reminder's sweep. A booking has had it once a mail of kind
/// `booking-reminder` about it (reference `booking:<id>`) is in the outbox; each mail is kept
/// once per person by its dedupe key besides.
pub async fn due_reminders(
    tx: &mut Tx,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            sql(
                "SELECT b.id FROM bookings b WHERE b.kind = 'booking' AND b.status = 'confirmed' \
                 AND b.starts_at >= $1 AND b.starts_at < $2 \
                 AND NOT EXISTS (SELECT 1 FROM outbox o \
                 WHERE o.reference = 'booking:' || b.id AND o.kind = 'booking-reminder') \
                 ORDER BY b.starts_at, b.id",
            )
            .bind(from)
            .bind(to),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
