//! Bookings: the check that no two bookings of a resource, or of a resource and its parts,
//! overlap and that a pool is never over-booked, made and written as one step.
//!
//! How the guarantee holds under concurrent requests (docs/adr/0005-sharing.md): every booking
//! is checked and written in one transaction that first takes a lock covering the resource's
//! whole family (the hall and its booths). On SQLite the write transaction itself is that lock
//! (`BEGIN IMMEDIATE`: one writer at a time). On PostgreSQL the transaction locks the row of the
//! family's top resource (`FOR UPDATE`), so bookings of one family queue while other families
//! book in parallel; and an exclusion constraint (`bookings_no_overlap`) lets the database
//! itself refuse two overlapping bookings of one single resource, whatever the code does.

use super::resource::{self, Resource};
use crate::audit::{self, Actor, Change, Subject};
use crate::db::{sql, to_timestamp, Backend, Db, Query, Tx};
use crate::error::StoreError;
use crate::in_list;
use jiff::Timestamp;
use rand::RngCore;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::network::OrganisationKind;
use vaski_domain::sharing::clash::{self, Clash, Hierarchy, Occupancy, Occupant, Request};
use vaski_domain::sharing::opening::{ClosedReason, Schedule};
use vaski_domain::sharing::pricing::Prices;
use vaski_domain::sharing::resource::{BookerKind, BookingStatus};
use vaski_domain::sharing::rules::{BookingRules, RuleBreach};
use vaski_domain::sharing::Interval;

/// A booker's booking, or the owner's own time (maintenance, a course) in the same calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Booking,
    Block,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Booking => "booking",
            Kind::Block => "block",
        }
    }
}

/// A request to book one or more occurrences of a resource.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub resource_id: i64,
    pub kind: Kind,
    /// The occurrences, in order: one for a single booking, the expansion of a rule for a series.
    pub occurrences: Vec<Interval>,
    /// The rule a series was made with, kept for the calendar feed and for editing.
    pub series: Option<NewSeries>,
    pub units: u32,
    pub booker_organisation_id: Option<i64>,
    pub contact_person_id: Option<i64>,
    pub booked_by: Option<i64>,
    pub purpose: Option<String>,
    pub people_count: Option<i64>,
    /// Book the occurrences that can be booked and report the rest; otherwise all or none.
    pub skip_conflicts: bool,
}

#[derive(Debug, Clone)]
pub struct NewSeries {
    pub rrule: String,
    pub exdates: String,
}

/// A stored booking.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Booking {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub owner_organisation_id: i64,
    pub series_id: Option<i64>,
    pub kind: String,
    pub status: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub units: i64,
    pub booker_organisation_id: Option<i64>,
    pub booker_name: Option<String>,
    pub booker_kind: Option<String>,
    pub contact_person_id: Option<i64>,
    pub contact_name: Option<String>,
    pub booked_by: Option<i64>,
    pub purpose: Option<String>,
    pub people_count: Option<i64>,
    pub price_cents: Option<i64>,
    pub uid: String,
    pub sequence: i64,
    pub decided_by: Option<i64>,
    pub decided_at: Option<OffsetDateTime>,
    pub cancelled_by: Option<i64>,
    pub cancelled_at: Option<OffsetDateTime>,
    pub no_show: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Booking {
    pub fn status(&self) -> Option<BookingStatus> {
        BookingStatus::parse(&self.status).ok()
    }

    pub fn interval(&self) -> Result<Interval, StoreError> {
        Interval::new(to_timestamp(self.starts_at)?, to_timestamp(self.ends_at)?)
            .map_err(|_| StoreError::Corrupt(format!("booking {} ends before it starts", self.id)))
    }
}

pub(crate) const COLUMNS: &str = "b.id, b.resource_id, r.name AS resource_name, r.owner_organisation_id, b.series_id, \
    b.kind, b.status, b.starts_at, b.ends_at, b.units, b.booker_organisation_id, o.name AS booker_name, \
    b.booker_kind, b.contact_person_id, p.name AS contact_name, b.booked_by, b.purpose, b.people_count, \
    b.price_cents, b.uid, b.sequence, b.decided_by, b.decided_at, b.cancelled_by, b.cancelled_at, \
    b.no_show, b.created_at, b.updated_at \
    FROM bookings b JOIN resources r ON r.id = b.resource_id \
    LEFT JOIN organisations o ON o.id = b.booker_organisation_id \
    LEFT JOIN people p ON p.id = b.contact_person_id";

/// A stored booking that a request clashes with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clashing {
    pub booking_id: i64,
    pub resource_id: i64,
    pub kind: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub booker_organisation_id: Option<i64>,
    pub booker_name: Option<String>,
}

/// Why one occurrence cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// It overlaps these bookings (or, for a pool, they hold the units at that time).
    Clash { with: Vec<Clashing> },
    /// It overlaps another occurrence of the same request.
    ClashWithinRequest,
    /// More units than the pool holds.
    Units { requested: u32, capacity: u32 },
    Rule {
        key: &'static str,
        limit_minutes: Option<i64>,
    },
    Closed {
        key: &'static str,
        holiday: Option<&'static str>,
    },
    /// The contact person lacks the qualification the resource requires (or it has expired).
    Qualification { qualification_id: i64 },
}

impl Problem {
    /// The message-catalogue key that says what is wrong.
    pub fn message_key(&self) -> &'static str {
        match self {
            Problem::Clash { .. } | Problem::ClashWithinRequest => "booking-clashes",
            Problem::Units { .. } => "booking-units-out-of-range",
            Problem::Rule { key, .. } | Problem::Closed { key, .. } => key,
            Problem::Qualification { .. } => "booking-qualification-missing",
        }
    }

    pub fn is_clash(&self) -> bool {
        matches!(self, Problem::Clash { .. } | Problem::ClashWithinRequest)
    }
}

/// An occurrence that cannot be booked, with every reason.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub problems: Vec<Problem>,
}

/// What a booking request came to: the bookings made and the occurrences refused. Without
/// `skip_conflicts`, any refusal means nothing was made.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub made: Vec<Booking>,
    pub refused: Vec<Refusal>,
}

/// Refusals that concern the whole request rather than one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestError {
    /// The booker's kind of organisation may not book this resource.
    NotEligible,
    /// A booking needs a booker organisation.
    NoBooker,
}

/// Checks every occurrence and writes those that can be booked, as one transaction.
pub async fn book(
    db: &Db,
    req: &NewBooking,
    now: Timestamp,
    actor: &Actor,
) -> Result<Result<Outcome, RequestError>, StoreError> {
    let mut tx = db.begin().await?;
    let resource = resource::get_in(&mut tx, req.resource_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let hierarchy = resource::hierarchy(&mut tx).await?;
    lock_family(&mut tx, &hierarchy, resource.id).await?;
    let booker_kind = match booker_kind(&mut tx, req, &resource).await? {
        Ok(kind) => kind,
        Err(e) => return Ok(Err(e)),
    };
    let rules = resource.rules()?;
    if let Some(kind) = booker_kind {
        if req.kind == Kind::Booking && !rules.admits(kind) {
            return Ok(Err(RequestError::NotEligible));
        }
    }
    let schedule = schedule_in(&mut tx, &resource).await?;
    let mut existing = occupancies(&mut tx, &hierarchy, &resource, &req.occurrences).await?;
    let mut accepted: Vec<Interval> = Vec::new();
    let mut refused: Vec<Refusal> = Vec::new();
    for (n, occurrence) in req.occurrences.iter().enumerate() {
        let mut problems = Vec::new();
        if req.kind == Kind::Booking {
            problems.extend(rule_problems(&rules, occurrence, now));
            problems.extend(closed_problem(&schedule, occurrence));
            problems.extend(
                qualification_problem(&mut tx, &resource, req.contact_person_id, occurrence)
                    .await?,
            );
        }
        let request = Request {
            resource_id: resource.id,
            interval: rules.occupied(occurrence),
            units: if req.kind == Kind::Block {
                resource.capacity()
            } else {
                req.units
            },
        };
        match clash::conflicts(&request, resource.capacity(), &existing, &hierarchy) {
            Ok(()) => {}
            Err(c) => problems.push(clash_problem(&mut tx, &c).await?),
        }
        if problems.is_empty() {
            accepted.push(*occurrence);
            existing.push(Occupancy {
                occupant: Occupant::Booking(-1 - i64::try_from(n).unwrap_or(0)),
                resource_id: resource.id,
                interval: request.interval,
                units: request.units,
            });
        } else {
            refused.push(Refusal {
                starts_at: crate::db::to_offset_date_time(occurrence.start()),
                ends_at: crate::db::to_offset_date_time(occurrence.end()),
                problems,
            });
        }
    }
    if accepted.is_empty() || (!refused.is_empty() && !req.skip_conflicts) {
        return Ok(Ok(Outcome {
            made: Vec::new(),
            refused,
        }));
    }
    let prices = resource::prices_in(&mut tx, resource.id).await?;
    let series_id = write_series(&mut tx, req, &resource).await?;
    let mut ids = Vec::with_capacity(accepted.len());
    for occurrence in &accepted {
        let status = if req.kind == Kind::Block {
            BookingStatus::Confirmed
        } else {
            rules.initial_status()
        };
        let price = booker_kind.and_then(|k| price_cents(&prices, k, occurrence, req.units));
        let id = insert(
            &mut tx,
            req,
            &resource,
            &rules,
            occurrence,
            series_id,
            status,
            booker_kind,
            price,
        )
        .await?;
        audit_created(&mut tx, actor, &resource, id, occurrence, status).await?;
        if req.kind == Kind::Booking {
            super::notice::record(&mut tx, id, status.code(), actor.user_id).await?;
        }
        ids.push(id);
    }
    let made = by_ids_in(&mut tx, &ids).await?;
    tx.commit().await?;
    Ok(Ok(Outcome { made, refused }))
}

/// On PostgreSQL, locks the top resource of the family so that bookings of a hall and of its
/// booths are checked one after another. SQLite's write transaction already is such a lock.
async fn lock_family(tx: &mut Tx, hierarchy: &Hierarchy, id: i64) -> Result<(), StoreError> {
    if tx.backend() == Backend::Postgres {
        let top = hierarchy.ancestors(id).last().copied().unwrap_or(id);
        tx.fetch_optional::<(i64,)>(
            sql("SELECT id FROM resources WHERE id = $1 FOR UPDATE").bind(top),
        )
        .await?;
    }
    Ok(())
}

/// The booker's kind for the price list and the eligibility rule; `None` for an owner's block.
async fn booker_kind(
    tx: &mut Tx,
    req: &NewBooking,
    resource: &Resource,
) -> Result<Result<Option<BookerKind>, RequestError>, StoreError> {
    let Some(org) = req.booker_organisation_id else {
        return Ok(if req.kind == Kind::Block {
            Ok(None)
        } else {
            Err(RequestError::NoBooker)
        });
    };
    let row: Option<(String,)> = tx
        .fetch_optional(sql("SELECT kind FROM organisations WHERE id = $1").bind(org))
        .await?;
    let Some((kind,)) = row else {
        return Ok(Err(RequestError::NoBooker));
    };
    let kind = OrganisationKind::parse(&kind)
        .map_err(|_| StoreError::Corrupt(format!("organisation {org} kind")))?;
    Ok(Ok(Some(BookerKind::for_organisation(
        kind,
        org == resource.owner_organisation_id,
    ))))
}

/// The resource's opening hours: its own, or else its location's, or always open.
pub async fn schedule_in(tx: &mut Tx, resource: &Resource) -> Result<Schedule, StoreError> {
    let mut weekly = resource::weekly_hours_in(tx, resource.id).await?;
    let mut exceptions = resource::exceptions_in(tx, resource.id).await?;
    if let (true, Some(location)) = (weekly.is_empty(), resource.location_id) {
        let (site_weekly, site_exceptions) = resource::location_hours_in(tx, location).await?;
        weekly = site_weekly;
        if exceptions.is_empty() {
            exceptions = site_exceptions;
        }
    }
    resource::schedule_from(&weekly, &exceptions, resource.closed_on_public_holidays)
}

/// The occupying bookings of the resource's family that may touch the request's span.
async fn occupancies(
    tx: &mut Tx,
    hierarchy: &Hierarchy,
    resource: &Resource,
    occurrences: &[Interval],
) -> Result<Vec<Occupancy>, StoreError> {
    let (Some(first), Some(last)) = (
        occurrences.iter().map(Interval::start).min(),
        occurrences.iter().map(Interval::end).max(),
    ) else {
        return Ok(Vec::new());
    };
    // Widened by a day on each side: the stored spans already hold their own buffers, and no
    // buffer is as long as a day, so nothing that can touch the request is left out.
    let day = jiff::SignedDuration::from_hours(24);
    let family = hierarchy.related(resource.id);
    let q = super::calendar::occupancy_query(
        &family,
        first - day - rules_buffer(resource),
        last + day + rules_buffer(resource),
    );
    let rows: Vec<super::calendar::OccupancyRow> = tx.fetch_all(q).await?;
    rows.into_iter()
        .map(super::calendar::occupancy_of)
        .collect()
}

fn rules_buffer(resource: &Resource) -> jiff::SignedDuration {
    jiff::SignedDuration::from_mins(
        resource.buffer_before_minutes.max(0) + resource.buffer_after_minutes.max(0),
    )
}

fn rule_problems(rules: &BookingRules, occurrence: &Interval, now: Timestamp) -> Vec<Problem> {
    rules
        .check(occurrence, now)
        .into_iter()
        .map(|b: RuleBreach| Problem::Rule {
            key: b.message_key(),
            limit_minutes: b.limit_minutes(),
        })
        .collect()
}

fn closed_problem(schedule: &Schedule, occurrence: &Interval) -> Option<Problem> {
    schedule
        .why_closed(occurrence)
        .map(|reason| Problem::Closed {
            key: reason.message_key(),
            holiday: match reason {
                ClosedReason::PublicHoliday(h) => Some(h.message_key()),
                _ => None,
            },
        })
}

/// A resource that requires a qualification needs a contact person who holds it, valid on the
/// day of the booking.
async fn qualification_problem(
    tx: &mut Tx,
    resource: &Resource,
    person: Option<i64>,
    occurrence: &Interval,
) -> Result<Option<Problem>, StoreError> {
    let Some(qualification_id) = resource.required_qualification_id else {
        return Ok(None);
    };
    let missing = Some(Problem::Qualification { qualification_id });
    let Some(person) = person else {
        return Ok(missing);
    };
    let day = resource::store_date(
        occurrence
            .start()
            .to_zoned(vaski_domain::sharing::zone::helsinki().clone())
            .date(),
    )?;
    let held: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM qualification_grants WHERE qualification_id = $1 AND person_id = $2 \
                 AND granted_on <= $3 AND (valid_until IS NULL OR valid_until >= $3)")
            .bind(qualification_id)
            .bind(person)
            .bind(day),
        )
        .await?;
    Ok(if held.is_some() { None } else { missing })
}

/// The refusal for a clash, naming the stored bookings in the way.
async fn clash_problem(tx: &mut Tx, c: &Clash) -> Result<Problem, StoreError> {
    let ids: Vec<i64> = c
        .occupants()
        .iter()
        .map(|o| match o {
            Occupant::Booking(id) | Occupant::Block(id) => *id,
        })
        .collect();
    if let Clash::Units {
        requested,
        capacity,
    } = c
    {
        return Ok(Problem::Units {
            requested: *requested,
            capacity: *capacity,
        });
    }
    let stored: Vec<i64> = ids.iter().copied().filter(|id| *id > 0).collect();
    if stored.is_empty() {
        return Ok(Problem::ClashWithinRequest);
    }
    let with = by_ids_in(tx, &stored)
        .await?
        .into_iter()
        .map(|b| Clashing {
            booking_id: b.id,
            resource_id: b.resource_id,
            kind: b.kind,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            booker_organisation_id: b.booker_organisation_id,
            booker_name: b.booker_name,
        })
        .collect();
    Ok(Problem::Clash { with })
}

fn price_cents(
    prices: &Prices,
    kind: BookerKind,
    occurrence: &Interval,
    units: u32,
) -> Option<i64> {
    prices
        .price(kind, occurrence)
        .map(|c| c.net_cents * i64::from(units))
}

async fn write_series(
    tx: &mut Tx,
    req: &NewBooking,
    resource: &Resource,
) -> Result<Option<i64>, StoreError> {
    let Some(series) = &req.series else {
        return Ok(None);
    };
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO booking_series (resource_id, rrule, exdates, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(resource.id)
                .bind(series.rrule.as_str())
                .bind(series.exdates.as_str())
                .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    Ok(Some(id))
}

fn new_uid() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{}@vaski", hex::encode(bytes))
}

#[expect(clippy::too_many_arguments)]
async fn insert(
    tx: &mut Tx,
    req: &NewBooking,
    resource: &Resource,
    rules: &BookingRules,
    occurrence: &Interval,
    series_id: Option<i64>,
    status: BookingStatus,
    booker_kind: Option<BookerKind>,
    price: Option<i64>,
) -> Result<i64, StoreError> {
    let occupied = rules.occupied(occurrence);
    let units = if req.kind == Kind::Block {
        resource.capacity()
    } else {
        req.units
    };
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO bookings (resource_id, series_id, kind, status, starts_at, ends_at, occupied_from, \
                 occupied_until, units, exclusive, booker_organisation_id, booker_kind, contact_person_id, booked_by, \
                 purpose, people_count, price_cents, uid, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id")
            .bind(resource.id)
            .bind(series_id)
            .bind(req.kind.code())
            .bind(status.code())
            .bind(occurrence.start())
            .bind(occurrence.end())
            .bind(occupied.start())
            .bind(occupied.end())
            .bind(i64::from(units))
            .bind(!resource.is_pool())
            .bind(req.booker_organisation_id)
            .bind(booker_kind.map(|k| k.code()))
            .bind(req.contact_person_id)
            .bind(req.booked_by)
            .bind(req.purpose.clone())
            .bind(req.people_count)
            .bind(price)
            .bind(new_uid())
            .bind(now)
            .bind(now),
        )
        .await?;
    Ok(id)
}

fn subject(resource: &Resource, id: i64) -> Subject<'static> {
    Subject {
        entity: "booking",
        entity_id: Some(id),
        organisation_id: Some(resource.owner_organisation_id),
    }
}

async fn audit_created(
    tx: &mut Tx,
    actor: &Actor,
    resource: &Resource,
    id: i64,
    occurrence: &Interval,
    status: BookingStatus,
) -> Result<(), StoreError> {
    let changes = [
        Change {
            field: "resource".into(),
            old: None,
            new: Some(resource.name.clone()),
        },
        Change {
            field: "starts_at".into(),
            old: None,
            new: Some(occurrence.start().to_string()),
        },
        Change {
            field: "ends_at".into(),
            old: None,
            new: Some(occurrence.end().to_string()),
        },
        Change {
            field: "status".into(),
            old: None,
            new: Some(status.code().to_string()),
        },
    ];
    audit::record(tx, actor, "create", subject(resource, id), &changes).await
}

fn by_ids_query(ids: &[i64]) -> Query {
    let mut q = sql(format!("SELECT {COLUMNS} WHERE b.id IN ("));
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(") ORDER BY b.starts_at, b.id");
    q
}

async fn by_ids_in(tx: &mut Tx, ids: &[i64]) -> Result<Vec<Booking>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    tx.fetch_all(by_ids_query(ids)).await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Booking>, StoreError> {
    db.fetch_optional(sql(format!("SELECT {COLUMNS} WHERE b.id = $1")).bind(id))
        .await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Booking>, StoreError> {
    tx.fetch_optional(sql(format!("SELECT {COLUMNS} WHERE b.id = $1")).bind(id))
        .await
}

/// The bookings of a resource that overlap `[from, to)`, every status, by start.
pub async fn in_period(
    db: &Db,
    resource_id: i64,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Booking>, StoreError> {
    db.fetch_all(
        sql(format!("SELECT {COLUMNS} WHERE b.resource_id = $1 AND b.starts_at < $2 AND b.ends_at > $3 ORDER BY b.starts_at, b.id"))
            .bind(resource_id)
            .bind(to)
            .bind(from),
    )
    .await
}

/// The bookings one user made, latest first, at most `limit`.
pub async fn made_by(db: &Db, user_id: i64, limit: i64) -> Result<Vec<Booking>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {COLUMNS} WHERE b.booked_by = $1 ORDER BY b.starts_at DESC, b.id LIMIT $2"
        ))
        .bind(user_id)
        .bind(limit),
    )
    .await
}

/// A booking's next status, by the owner's decision or a cancellation.
pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    next: BookingStatus,
    actor: &Actor,
) -> Result<Booking, StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let current = old
        .status()
        .ok_or_else(|| StoreError::Corrupt(format!("booking {id} status")))?;
    if current == next {
        return Ok(old);
    }
    if !current.may_become(next) {
        return Err(StoreError::Invalid {
            field: "status",
            key: "error-booking-status-change",
        });
    }
    let now = OffsetDateTime::now_utc();
    let q = if next == BookingStatus::Cancelled {
        sql("UPDATE bookings SET status = $1, cancelled_by = $2, cancelled_at = $3, sequence = sequence + 1, updated_at = $3 WHERE id = $4")
    } else {
        sql("UPDATE bookings SET status = $1, decided_by = $2, decided_at = $3, sequence = sequence + 1, updated_at = $3 WHERE id = $4")
    };
    tx.execute(q.bind(next.code()).bind(actor.user_id).bind(now).bind(id))
        .await?;
    let changes = [Change {
        field: "status".into(),
        old: Some(current.code().into()),
        new: Some(next.code().into()),
    }];
    let subject = Subject {
        entity: "booking",
        entity_id: Some(id),
        organisation_id: Some(old.owner_organisation_id),
    };
    audit::record(tx, actor, "update", subject, &changes).await?;
    if old.kind == Kind::Booking.code() {
        super::notice::record(tx, id, next.code(), actor.user_id).await?;
    }
    get_in(tx, id).await?.ok_or(StoreError::NotFound)
}

/// Marks whether the booker came; the owner's note for the no-show figures.
pub async fn set_no_show(
    tx: &mut Tx,
    id: i64,
    no_show: bool,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    if old.no_show == no_show {
        return Ok(());
    }
    tx.execute(
        sql("UPDATE bookings SET no_show = $1, updated_at = $2 WHERE id = $3")
            .bind(no_show)
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let changes = [Change {
        field: "no_show".into(),
        old: Some(old.no_show.to_string()),
        new: Some(no_show.to_string()),
    }];
    let subject = Subject {
        entity: "booking",
        entity_id: Some(id),
        organisation_id: Some(old.owner_organisation_id),
    };
    audit::record(tx, actor, "update", subject, &changes).await
}

/// Cancels a booking, or with it the following occurrences of its series, or the whole series;
/// answers the bookings cancelled. Occurrences already cancelled or rejected are left as they are.
pub async fn cancel_in_series(
    tx: &mut Tx,
    id: i64,
    scope: vaski_domain::sharing::resource::SeriesScope,
    actor: &Actor,
) -> Result<Vec<Booking>, StoreError> {
    use vaski_domain::sharing::resource::SeriesScope;
    let b = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let ids: Vec<i64> = match (scope, b.series_id) {
        (SeriesScope::This, _) | (_, None) => vec![id],
        (SeriesScope::Following, Some(series)) => series_ids(tx, series, Some(b.starts_at)).await?,
        (SeriesScope::All, Some(series)) => series_ids(tx, series, None).await?,
    };
    let mut cancelled = Vec::new();
    for id in ids {
        let current = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
        if current.status().is_some_and(BookingStatus::occupies) {
            cancelled.push(set_status(tx, id, BookingStatus::Cancelled, actor).await?);
        }
    }
    Ok(cancelled)
}

async fn series_ids(
    tx: &mut Tx,
    series: i64,
    from: Option<OffsetDateTime>,
) -> Result<Vec<i64>, StoreError> {
    let q = match from {
        Some(from) => sql(
            "SELECT id FROM bookings WHERE series_id = $1 AND starts_at >= $2 ORDER BY starts_at",
        )
        .bind(series)
        .bind(from),
        None => sql("SELECT id FROM bookings WHERE series_id = $1 ORDER BY starts_at").bind(series),
    };
    let rows: Vec<(i64,)> = tx.fetch_all(q).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
