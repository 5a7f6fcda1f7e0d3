//! What the booking pages read and write beside [`super::booking`] and [`super::resource`]: the
//! whole–part links and the occupied time of a set of resources without a write transaction
//! (for the availability search and the week view), the requests waiting for an owner's
//! decision, and the replacement of a resource's dated exceptions from its form.

use super::booking::Booking;
use crate::db::{sql, to_timestamp, Db, Query};
use crate::error::StoreError;
use crate::in_list;
use jiff::Timestamp;
use time::OffsetDateTime;
use vaski_domain::sharing::clash::{Hierarchy, Occupancy, Occupant};
use vaski_domain::sharing::Interval;

/// The columns of [`Booking`], as `booking.rs` reads them.
const BOOKING_COLUMNS: &str = "b.id, b.resource_id, r.name AS resource_name, r.owner_organisation_id, b.series_id, \
    b.kind, b.status, b.starts_at, b.ends_at, b.units, b.booker_organisation_id, o.name AS booker_name, \
    b.booker_kind, b.contact_person_id, p.name AS contact_name, b.booked_by, b.purpose, b.people_count, \
    b.price_cents, b.uid, b.sequence, b.decided_by, b.decided_at, b.cancelled_by, b.cancelled_at, \
    b.no_show, b.created_at, b.updated_at \
    FROM bookings b JOIN resources r ON r.id = b.resource_id \
    LEFT JOIN organisations o ON o.id = b.booker_organisation_id \
    LEFT JOIN people p ON p.id = b.contact_person_id";

/// Every whole–part link of the network's resources, read outside a transaction (a page that
/// only shows free time must not take SQLite's write lock).
pub async fn hierarchy(db: &Db) -> Result<Hierarchy, StoreError> {
    let links: Vec<(i64, i64)> = db
        .fetch_all(sql(
            "SELECT id, part_of FROM resources WHERE part_of IS NOT NULL",
        ))
        .await?;
    Hierarchy::from_links(links)
        .map_err(|e| StoreError::Corrupt(format!("resource hierarchy: {}", e.key)))
}

/// The time held on these resources (requested and confirmed bookings and blocks, widened by
/// their buffers as stored) that overlaps `[from, to)`.
pub async fn occupancies(
    db: &Db,
    resource_ids: &[i64],
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Occupancy>, StoreError> {
    if resource_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = db
        .fetch_all(occupancy_query(resource_ids, from, to))
        .await?;
    rows.into_iter().map(occupancy_of).collect()
}

/// A row of [`occupancy_query`].
pub(crate) type OccupancyRow = (i64, i64, String, OffsetDateTime, OffsetDateTime, i64);

/// The query behind [`occupancies`], also run inside the booking's write transaction.
pub(crate) fn occupancy_query(resource_ids: &[i64], from: Timestamp, to: Timestamp) -> Query {
    let mut q = sql("SELECT b.id, b.resource_id, b.kind, b.occupied_from, b.occupied_until, b.units FROM bookings b WHERE b.resource_id IN (");
    let list = in_list(&mut q, resource_ids.iter().copied());
    q.push_sql(&list);
    let until = q.push_arg(to);
    let since = q.push_arg(from);
    q.push_sql(&format!(
        ") AND b.status IN ('requested', 'confirmed') AND b.occupied_from < {until} AND b.occupied_until > {since}"
    ));
    q
}

/// The clash rules' view of a stored booking or block.
pub(crate) fn occupancy_of(row: OccupancyRow) -> Result<Occupancy, StoreError> {
    let (id, resource_id, kind, from, until, units) = row;
    let interval = Interval::new(to_timestamp(from)?, to_timestamp(until)?)
        .map_err(|_| StoreError::Corrupt(format!("booking {id} span")))?;
    Ok(Occupancy {
        occupant: if kind == "block" {
            Occupant::Block(id)
        } else {
            Occupant::Booking(id)
        },
        resource_id,
        interval,
        units: u32::try_from(units).unwrap_or(u32::MAX),
    })
}

/// Bookings waiting for the owner's decision that have not started yet, soonest first: of the
/// resources of one organisation, or of every resource (`None`, for the institution's staff).
pub async fn waiting_requests(
    db: &Db,
    owner_organisation_id: Option<i64>,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<Booking>, StoreError> {
    let mut q = sql(format!(
        "SELECT {BOOKING_COLUMNS} WHERE b.status = 'requested' AND b.kind = 'booking'"
    ));
    let since = q.push_arg(now);
    q.push_sql(&format!(" AND b.ends_at > {since}"));
    if let Some(owner) = owner_organisation_id {
        let p = q.push_arg(owner);
        q.push_sql(&format!(" AND r.owner_organisation_id = {p}"));
    }
    let p = q.push_arg(limit);
    q.push_sql(&format!(" ORDER BY b.starts_at, b.id LIMIT {p}"));
    db.fetch_all(q).await
}

/// The bookings of one series, in order.
pub async fn series_bookings(db: &Db, series_id: i64) -> Result<Vec<Booking>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {BOOKING_COLUMNS} WHERE b.series_id = $1 ORDER BY b.starts_at, b.id"
        ))
        .bind(series_id),
    )
    .await
}
