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
use crate::group_commit::Grouped;
use crate::in_list;
use futures_util::future::BoxFuture;
use jiff::Timestamp;
use rand::RngCore;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::network::OrganisationKind;
use vaski_domain::sharing::clash::{self, Clash, Hierarchy, Occupancy, Occupant, Request};
use vaski_domain::sharing::opening::{ClosedReason, Schedule};
use vaski_domain::sharing::pricing::Prices;
use vaski_domain::sharing::recurrence::{Unbookable, WallClock};
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
    /// A moved occurrence's new start or end is a time the clock skips (spring forward).
    Nonexistent { key: &'static str },
}

impl Problem {
    /// The message-catalogue key that says what is wrong.
    pub fn message_key(&self) -> &'static str {
        match self {
            Problem::Clash { .. } | Problem::ClashWithinRequest => "booking-clashes",
            Problem::Units { .. } => "booking-units-out-of-range",
            Problem::Rule { key, .. } | Problem::Closed { key, .. } => key,
            Problem::Qualification { .. } => "booking-qualification-missing",
            Problem::Nonexistent { key } => key,
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

/// What a request is checked against besides the other bookings: the resource, the booker's
/// kind, the opening hours and prices, and each occurrence's problems with the rules, the
/// hours and the qualification.
#[derive(Clone)]
struct Checked {
    resource: Resource,
    booker_kind: Option<BookerKind>,
    rules: BookingRules,
    prices: Prices,
    /// Per occurrence, in the request's order.
    problems: Vec<Vec<Problem>>,
}

/// Checks a request against everything but the other bookings, in `tx`.
async fn check(
    tx: &mut Tx,
    req: &NewBooking,
    now: Timestamp,
) -> Result<Result<Checked, RequestError>, StoreError> {
    let resource = resource::get_in(tx, req.resource_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let booker_kind = match booker_kind(tx, req, &resource).await? {
        Ok(kind) => kind,
        Err(e) => return Ok(Err(e)),
    };
    let rules = resource.rules()?;
    if let Some(kind) = booker_kind {
        if req.kind == Kind::Booking && !rules.admits(kind) {
            return Ok(Err(RequestError::NotEligible));
        }
    }
    let schedule = schedule_in(tx, &resource).await?;
    let mut problems = Vec::with_capacity(req.occurrences.len());
    for occurrence in &req.occurrences {
        let mut found = Vec::new();
        if req.kind == Kind::Booking {
            found.extend(rule_problems(&rules, occurrence, now));
            found.extend(closed_problem(&schedule, occurrence));
            found.extend(
                qualification_problem(tx, &resource, req.contact_person_id, occurrence).await?,
            );
        }
        problems.push(found);
    }
    let prices = resource::prices_in(tx, resource.id).await?;
    Ok(Ok(Checked {
        resource,
        booker_kind,
        rules,
        prices,
        problems,
    }))
}

/// Checks every occurrence and writes those that can be booked, as one transaction.
///
/// On SQLite, everything but the other bookings is checked first, in a read that takes no
/// write lock: every write there waits for the one before it, so what the lock holds decides
/// how many bookings a second the network takes (663–697 → 729/s in `vaski bench-sharing`).
/// Inside the write transaction the resource is read again and, if it changed in between,
/// checked again there; its family and bookings are read only there, so two bookings never
/// collide. A change of hours, prices or qualifications that commits in between leaves the
/// booking checked as it was asked, as if it had come just before the change (none of those
/// changes reads bookings). On SQLite the write transaction is shared with the bookings that
/// wait for the lock at the same time ([`Db::write_grouped`], ADR 0009). On PostgreSQL a
/// booking locks only its resource's family, and the separate read cost more than it saved
/// (830 → 556/s), so everything is checked inside its own transaction.
pub async fn book(
    db: &Db,
    req: &NewBooking,
    now: Timestamp,
    actor: &Actor,
) -> Result<Result<Outcome, RequestError>, StoreError> {
    let checked = if db.backend() == Backend::Sqlite {
        // Dropped without a commit, the read transaction ends as soon as it is done.
        let mut read = db.begin_read().await?;
        match check(&mut read, req, now).await? {
            Ok(c) => Some(c),
            Err(e) => return Ok(Err(e)),
        }
    } else {
        None
    };
    let decision = Decision {
        req: req.clone(),
        checked,
        now,
        actor: actor.clone(),
    };
    let written = match db.write_grouped(decision).await? {
        Ok(written) => written,
        Err(e) => return Ok(Err(e)),
    };
    // On SQLite, read back after the commit, outside the write lock that every booking takes
    // in turn; on PostgreSQL the writing statement answered the rows already.
    let made = match written.rows {
        Some(rows) => rows,
        None if written.ids.is_empty() => Vec::new(),
        None => db.fetch_all(by_ids_query(&written.ids)).await?,
    };
    Ok(Ok(Outcome {
        made,
        refused: written.refused,
    }))
}

/// A booking request on its way into the write transaction, with what was checked before it
/// on SQLite.
struct Decision {
    req: NewBooking,
    checked: Option<Checked>,
    now: Timestamp,
    actor: Actor,
}

/// What a decided request wrote: the new bookings' ids and the occurrences refused; on
/// PostgreSQL also the new bookings as the writing statement answered them.
struct Written {
    ids: Vec<i64>,
    rows: Option<Vec<Booking>>,
    refused: Vec<Refusal>,
}

impl Grouped for Decision {
    type Answer = Result<Written, RequestError>;

    fn run<'a>(&'a mut self, tx: &'a mut Tx) -> BoxFuture<'a, Result<Self::Answer, StoreError>> {
        Box::pin(decide(
            tx,
            &self.req,
            self.checked.as_ref(),
            self.now,
            &self.actor,
        ))
    }
}

/// Inside the write transaction: checks the request again where the resource changed since
/// `before_lock`, reads its family's bookings, decides each occurrence and writes those that
/// can be booked (without `skip_conflicts`, all or none).
async fn decide(
    tx: &mut Tx,
    req: &NewBooking,
    before_lock: Option<&Checked>,
    now: Timestamp,
    actor: &Actor,
) -> Result<Result<Written, RequestError>, StoreError> {
    let still_valid = match before_lock {
        Some(c) => {
            let current = resource::get_in(tx, req.resource_id).await?;
            current.is_some_and(|r| r == c.resource).then(|| c.clone())
        }
        None => None,
    };
    let checked = match still_valid {
        Some(c) => c,
        None => match check(tx, req, now).await? {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        },
    };
    let Checked {
        resource,
        booker_kind,
        rules,
        prices,
        problems: checked_problems,
    } = checked;
    let hierarchy = resource::hierarchy(tx).await?;
    lock_family(tx, &hierarchy, resource.id).await?;
    let mut existing = occupancies(tx, &hierarchy, &resource, &req.occurrences).await?;
    let mut accepted: Vec<Interval> = Vec::new();
    let mut refused: Vec<Refusal> = Vec::new();
    for (n, (occurrence, mut problems)) in req.occurrences.iter().zip(checked_problems).enumerate()
    {
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
            Err(c) => problems.push(clash_problem(tx, &c).await?),
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
        return Ok(Ok(Written {
            ids: Vec::new(),
            rows: None,
            refused,
        }));
    }
    let series_id = write_series(tx, req, &resource).await?;
    let writing = Writing {
        req,
        resource: &resource,
        rules: &rules,
        prices: &prices,
        booker_kind,
        series_id,
        status: if req.kind == Kind::Block {
            BookingStatus::Confirmed
        } else {
            rules.initial_status()
        },
        actor,
    };
    let (ids, rows) = write_bookings(tx, &writing, &accepted).await?;
    Ok(Ok(Written { ids, rows, refused }))
}

/// On PostgreSQL, locks the top resource of the family so that bookings of a hall and of its
/// booths are checked one after another. SQLite's write transaction already is such a lock.
pub(crate) async fn lock_family(
    tx: &mut Tx,
    hierarchy: &Hierarchy,
    id: i64,
) -> Result<(), StoreError> {
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

/// The resource's opening hours: its own, or else its location's, or always open (the rule is
/// [`super::hours`]'s).
pub async fn schedule_in(tx: &mut Tx, resource: &Resource) -> Result<Schedule, StoreError> {
    let governing = super::hours::governing_in(tx, resource).await?;
    resource::schedule_from(
        &governing.weekly,
        &governing.exceptions,
        resource.closed_on_public_holidays,
    )
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

/// What every booking of one request is written with.
struct Writing<'a> {
    req: &'a NewBooking,
    resource: &'a Resource,
    rules: &'a BookingRules,
    prices: &'a Prices,
    booker_kind: Option<BookerKind>,
    series_id: Option<i64>,
    status: BookingStatus,
    actor: &'a Actor,
}

impl Writing<'_> {
    fn units(&self) -> u32 {
        if self.req.kind == Kind::Block {
            self.resource.capacity()
        } else {
            self.req.units
        }
    }

    fn price(&self, occurrence: &Interval) -> Option<i64> {
        self.booker_kind
            .and_then(|k| price_cents(self.prices, k, occurrence, self.req.units))
    }

    /// The audit entry's changes of one new booking.
    fn changes(&self, occurrence: &Interval) -> Vec<Change> {
        let made = |field: &str, new: String| Change {
            field: field.into(),
            old: None,
            new: Some(new),
        };
        vec![
            made("resource", self.resource.name.clone()),
            made("starts_at", occurrence.start().to_string()),
            made("ends_at", occurrence.end().to_string()),
            made("status", self.status.code().to_string()),
        ]
    }
}

/// Occurrences per statement of [`write_bookings`]: six values a row of their own, well under
/// SQLite's limit of 32 766 bound values and PostgreSQL's of 65 535.
const BOOKINGS_PER_INSERT: usize = 1000;

/// Writes the accepted occurrences with their audit entries and notices, and answers their ids
/// in the occurrences' order (and on PostgreSQL the rows, by start, as the answer lists them).
/// A 52-week series is a few statements, not three per week. On PostgreSQL, where each
/// statement is a round trip to the server, the bookings, entries and notices are one
/// statement (data-modifying `WITH`); SQLite has no such statements, and its statements are
/// calls within the process.
async fn write_bookings(
    tx: &mut Tx,
    w: &Writing<'_>,
    accepted: &[Interval],
) -> Result<(Vec<i64>, Option<Vec<Booking>>), StoreError> {
    let mut ids = Vec::with_capacity(accepted.len());
    let mut written: Option<Vec<Booking>> = None;
    for chunk in accepted.chunks(BOOKINGS_PER_INSERT) {
        let rows: Vec<(Interval, String)> = chunk.iter().map(|o| (*o, new_uid())).collect();
        if tx.backend() == Backend::Postgres {
            let made: Vec<Booking> = tx.fetch_all(written_at_once(w, &rows)?).await?;
            let keys = made.iter().map(|b| (b.id, b.uid.clone())).collect();
            ids.extend(in_order(&rows, keys)?);
            written.get_or_insert_with(Vec::new).extend(made);
        } else {
            let made = in_order(
                &rows,
                tx.fetch_all(bookings_insert(w, &rows, "id, uid")).await?,
            )?;
            audit_created(tx, w, &rows, &made).await?;
            if w.req.kind == Kind::Booking {
                super::notice::record_all(tx, &made, w.status.code(), w.actor.user_id).await?;
            }
            ids.extend(made);
        }
    }
    if let Some(rows) = written.as_mut() {
        rows.sort_by_key(|b| (b.starts_at, b.id));
    }
    Ok((ids, written))
}

fn new_uid() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{}@vaski", hex::encode(bytes))
}

/// `INSERT INTO bookings … RETURNING {returning}` for the rows: what all rows share is bound
/// once.
fn bookings_insert(w: &Writing<'_>, rows: &[(Interval, String)], returning: &str) -> Query {
    let mut q = sql(
        "INSERT INTO bookings (resource_id, series_id, kind, status, starts_at, ends_at, occupied_from, \
         occupied_until, units, exclusive, booker_organisation_id, booker_kind, contact_person_id, booked_by, \
         purpose, people_count, price_cents, uid, created_at, updated_at) VALUES ",
    );
    let now = OffsetDateTime::now_utc();
    let resource_id = q.push_arg(w.resource.id);
    let series_id = q.push_arg(w.series_id);
    let kind = q.push_arg(w.req.kind.code());
    let status = q.push_arg(w.status.code());
    let units = q.push_arg(i64::from(w.units()));
    let exclusive = q.push_arg(!w.resource.is_pool());
    let booker = q.push_arg(w.req.booker_organisation_id);
    let booker_kind = q.push_arg(w.booker_kind.map(|k| k.code()));
    let contact = q.push_arg(w.req.contact_person_id);
    let booked_by = q.push_arg(w.req.booked_by);
    let purpose = q.push_arg(w.req.purpose.clone());
    let people = q.push_arg(w.req.people_count);
    let now = q.push_arg(now);
    for (n, (occurrence, uid)) in rows.iter().enumerate() {
        let occupied = w.rules.occupied(occurrence);
        let starts = q.push_arg(occurrence.start());
        let ends = q.push_arg(occurrence.end());
        let from = q.push_arg(occupied.start());
        let until = q.push_arg(occupied.end());
        let price = q.push_arg(w.price(occurrence));
        let uid = q.push_arg(uid.as_str());
        if n > 0 {
            q.push_sql(", ");
        }
        q.push_sql(&format!(
            "({resource_id}, {series_id}, {kind}, {status}, {starts}, {ends}, {from}, {until}, {units}, \
             {exclusive}, {booker}, {booker_kind}, {contact}, {booked_by}, {purpose}, {people}, {price}, \
             {uid}, {now}, {now})"
        ));
    }
    q.push_sql(&format!(" RETURNING {returning}"));
    q
}

/// On PostgreSQL: the bookings, their audit entries and (for a booker's booking) their notices
/// as one statement, answering the new bookings as [`Booking`]s, so that no read follows.
fn written_at_once(w: &Writing<'_>, rows: &[(Interval, String)]) -> Result<Query, StoreError> {
    let mut q = bookings_insert(w, rows, "*");
    let mut text = format!("WITH made AS ({}), ", q.text());
    let at = q.push_arg(OffsetDateTime::now_utc());
    let actor_id = q.push_arg(w.actor.user_id);
    let label = q.push_arg(w.actor.label.as_str());
    let organisation = q.push_arg(w.resource.owner_organisation_id);
    let mut changes = Vec::with_capacity(rows.len());
    for (occurrence, uid) in rows {
        let uid = q.push_arg(uid.as_str());
        let json = serde_json::to_string(&w.changes(occurrence))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        changes.push(format!("({uid}, {})", q.push_arg(json)));
    }
    text.push_str(&format!(
        "logged AS ({} SELECT {at}, {actor_id}, {label}, 'create', 'booking', made.id, {organisation}, v.changes \
         FROM made JOIN (VALUES {}) AS v (uid, changes) ON v.uid = made.uid)",
        audit::INSERT_INTO,
        changes.join(", ")
    ));
    if w.req.kind == Kind::Booking {
        let event = q.push_arg(w.status.code());
        text.push_str(&format!(
            ", told AS ({} SELECT made.id, {event}, {actor_id}, {at} FROM made)",
            super::notice::INSERT_INTO
        ));
    }
    text.push_str(&format!(
        " SELECT {} ORDER BY b.starts_at, b.id",
        COLUMNS.replacen("FROM bookings b", "FROM made b", 1)
    ));
    Ok(q.with_text(text))
}

/// On SQLite: one audit entry per new booking, in one statement.
async fn audit_created(
    tx: &mut Tx,
    w: &Writing<'_>,
    rows: &[(Interval, String)],
    ids: &[i64],
) -> Result<(), StoreError> {
    let at = OffsetDateTime::now_utc();
    let entries: Vec<audit::NewEntry<'_>> = rows
        .iter()
        .zip(ids)
        .map(|((occurrence, _), id)| audit::NewEntry {
            at,
            actor: w.actor.clone(),
            action: "create",
            subject: subject(w.resource, *id),
            changes: w.changes(occurrence),
        })
        .collect();
    audit::record_all(tx, &entries).await
}

/// The new bookings' ids in the rows' order; `RETURNING` promises no order of its own.
fn in_order(rows: &[(Interval, String)], made: Vec<(i64, String)>) -> Result<Vec<i64>, StoreError> {
    let by_uid: std::collections::HashMap<String, i64> =
        made.into_iter().map(|(id, uid)| (uid, id)).collect();
    rows.iter()
        .map(|(_, uid)| {
            by_uid
                .get(uid)
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("booking {uid} was not written")))
        })
        .collect()
}

fn subject(resource: &Resource, id: i64) -> Subject<'static> {
    Subject {
        entity: "booking",
        entity_id: Some(id),
        organisation_id: Some(resource.owner_organisation_id),
    }
}

fn by_ids_query(ids: &[i64]) -> Query {
    let mut q = sql(format!("SELECT {COLUMNS} WHERE b.id IN ("));
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(") ORDER BY b.starts_at, b.id");
    q
}

/// The bookings with these ids, by start.
pub(crate) async fn by_ids_in(tx: &mut Tx, ids: &[i64]) -> Result<Vec<Booking>, StoreError> {
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

/// Gives a booking its next status, or with it the following occurrences of its series, or the
/// whole series (the owner confirms a request of nine Thursdays at once); answers the bookings
/// changed. Of a series, the occurrences that cannot take the status (a cancelled one, or an
/// occurrence already decided when the rest are confirmed) are left as they are; a single
/// booking that cannot is refused as [`set_status`] refuses it.
pub async fn set_status_in_series(
    tx: &mut Tx,
    id: i64,
    scope: vaski_domain::sharing::resource::SeriesScope,
    next: BookingStatus,
    actor: &Actor,
) -> Result<Vec<Booking>, StoreError> {
    use vaski_domain::sharing::resource::SeriesScope;
    let b = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let ids: Vec<i64> = match (scope, b.series_id) {
        (SeriesScope::This, _) | (_, None) => {
            return Ok(vec![set_status(tx, id, next, actor).await?])
        }
        (SeriesScope::Following, Some(series)) => series_ids(tx, series, Some(b.starts_at)).await?,
        (SeriesScope::All, Some(series)) => series_ids(tx, series, None).await?,
    };
    let mut changed = Vec::new();
    for current in by_ids_in(tx, &ids).await? {
        if current.status().is_some_and(|s| s.may_become(next)) {
            changed.push(set_status(tx, current.id, next, actor).await?);
        }
    }
    Ok(changed)
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

/// A request to move the time of a booking, or of it and the following occurrences of its
/// series, or of the whole series.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub scope: vaski_domain::sharing::resource::SeriesScope,
    /// The new start and end time of day, applied on each occurrence's own Helsinki date.
    pub times: WallClock,
    /// A new Helsinki date for a single occurrence (scope `this` only).
    pub date: Option<jiff::civil::Date>,
    /// Whether the one moving manages the resource: a booker's move of a confirmed booking
    /// asks the owner again where the owner approves bookings.
    pub by_owner: bool,
}

/// An occurrence that cannot move, with every reason: its present time and the time asked.
#[derive(Debug, Clone, Serialize)]
pub struct MoveRefusal {
    pub booking_id: i64,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    /// The time it would have moved to; none when the clock does not show that time.
    pub new_starts_at: Option<OffsetDateTime>,
    pub new_ends_at: Option<OffsetDateTime>,
    pub problems: Vec<Problem>,
}

/// One booking to move and where to.
struct Moving {
    old: Booking,
    to: Result<Interval, Unbookable>,
}

/// Moves the chosen occurrences to new wall-clock times in one transaction: every occurrence is
/// checked as a new booking would be (rules, opening hours, qualification, clashes with every
/// other booking of the family, the moved ones left out, and a pool's units), and either all
/// move or none does and each refused occurrence is named with its reasons. Occurrences that
/// no longer hold time (cancelled, rejected) and, for a series, those already begun are left
/// as they are; `this` on such a booking is `error-booking-status-change` or `series-move-started`.
pub async fn move_in_series(
    db: &Db,
    id: i64,
    m: &Move,
    now: Timestamp,
    actor: &Actor,
) -> Result<Result<Vec<Booking>, Vec<MoveRefusal>>, StoreError> {
    use vaski_domain::sharing::resource::SeriesScope;
    if m.date.is_some() && m.scope != SeriesScope::This {
        return Err(StoreError::Invalid {
            field: "date",
            key: "series-move-date-one-only",
        });
    }
    let mut tx = db.begin().await?;
    let first = get_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
    let resource = resource::get_in(&mut tx, first.resource_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let hierarchy = resource::hierarchy(&mut tx).await?;
    lock_family(&mut tx, &hierarchy, resource.id).await?;
    let chosen = bookings_to_move(&mut tx, &first, m.scope, now).await?;
    let moving = destinations(&chosen, m)?;
    let refused = check_moves(&mut tx, &hierarchy, &resource, &moving, now).await?;
    if !refused.is_empty() {
        return Ok(Err(refused));
    }
    let ids = write_moves(&mut tx, &resource, &moving, m.by_owner, actor).await?;
    let moved = by_ids_in(&mut tx, &ids).await?;
    tx.commit().await?;
    Ok(Ok(moved))
}

/// The bookings a move applies to, in order: the one booking, or the occurrences of its series
/// from it on or all of them, of those that still hold time and have not begun.
async fn bookings_to_move(
    tx: &mut Tx,
    first: &Booking,
    scope: vaski_domain::sharing::resource::SeriesScope,
    now: Timestamp,
) -> Result<Vec<Booking>, StoreError> {
    use vaski_domain::sharing::resource::SeriesScope;
    let holds = |b: &Booking| b.status().is_some_and(BookingStatus::occupies);
    let begun = |b: &Booking| to_timestamp(b.starts_at).map(|s| s <= now);
    let ids = match (scope, first.series_id) {
        (SeriesScope::This, _) | (_, None) => {
            if !holds(first) {
                return Err(StoreError::Invalid {
                    field: "status",
                    key: "error-booking-status-change",
                });
            }
            if begun(first)? {
                return Err(StoreError::Invalid {
                    field: "scope",
                    key: "series-move-started",
                });
            }
            return Ok(vec![first.clone()]);
        }
        (SeriesScope::Following, Some(series)) => {
            series_ids(tx, series, Some(first.starts_at)).await?
        }
        (SeriesScope::All, Some(series)) => series_ids(tx, series, None).await?,
    };
    let mut chosen = Vec::new();
    for b in by_ids_in(tx, &ids).await? {
        if holds(&b) && !begun(&b)? {
            chosen.push(b);
        }
    }
    if chosen.is_empty() {
        return Err(StoreError::Invalid {
            field: "scope",
            key: "series-move-nothing",
        });
    }
    Ok(chosen)
}

/// Where each booking goes: the new times on its own Helsinki date, or on the date asked.
fn destinations(chosen: &[Booking], m: &Move) -> Result<Vec<Moving>, StoreError> {
    chosen
        .iter()
        .map(|b| {
            let day = match m.date {
                Some(day) => day,
                None => to_timestamp(b.starts_at)?
                    .to_zoned(vaski_domain::sharing::zone::helsinki().clone())
                    .date(),
            };
            Ok(Moving {
                old: b.clone(),
                to: m.times.on(day),
            })
        })
        .collect()
}

/// Every reason any of the moves cannot be made; empty when all of them can.
async fn check_moves(
    tx: &mut Tx,
    hierarchy: &Hierarchy,
    resource: &Resource,
    moving: &[Moving],
    now: Timestamp,
) -> Result<Vec<MoveRefusal>, StoreError> {
    let rules = resource.rules()?;
    let schedule = schedule_in(tx, resource).await?;
    let targets: Vec<Interval> = moving.iter().filter_map(|m| m.to.ok()).collect();
    let moved_ids: Vec<i64> = moving.iter().map(|m| m.old.id).collect();
    // The moved bookings give up their present time: only the other bookings are in the way.
    let mut existing: Vec<Occupancy> = occupancies(tx, hierarchy, resource, &targets)
        .await?
        .into_iter()
        .filter(|o| match o.occupant {
            Occupant::Booking(id) | Occupant::Block(id) => !moved_ids.contains(&id),
        })
        .collect();
    let mut refused = Vec::new();
    for (n, m) in moving.iter().enumerate() {
        let to = match m.to {
            Ok(to) => to,
            Err(why) => {
                refused.push(move_refusal(
                    &m.old,
                    None,
                    vec![Problem::Nonexistent {
                        key: why.message_key(),
                    }],
                ));
                continue;
            }
        };
        let mut problems = Vec::new();
        if m.old.kind == Kind::Booking.code() {
            problems.extend(rule_problems(&rules, &to, now));
            problems.extend(closed_problem(&schedule, &to));
            problems
                .extend(qualification_problem(tx, resource, m.old.contact_person_id, &to).await?);
        }
        let request = Request {
            resource_id: resource.id,
            interval: rules.occupied(&to),
            units: u32::try_from(m.old.units).unwrap_or(u32::MAX),
        };
        if let Err(c) = clash::conflicts(&request, resource.capacity(), &existing, hierarchy) {
            problems.push(clash_problem(tx, &c).await?);
        }
        if problems.is_empty() {
            existing.push(Occupancy {
                occupant: Occupant::Booking(-1 - i64::try_from(n).unwrap_or(0)),
                resource_id: resource.id,
                interval: request.interval,
                units: request.units,
            });
        } else {
            refused.push(move_refusal(&m.old, Some(to), problems));
        }
    }
    Ok(refused)
}

fn move_refusal(old: &Booking, to: Option<Interval>, problems: Vec<Problem>) -> MoveRefusal {
    MoveRefusal {
        booking_id: old.id,
        starts_at: old.starts_at,
        ends_at: old.ends_at,
        new_starts_at: to.map(|t| crate::db::to_offset_date_time(t.start())),
        new_ends_at: to.map(|t| crate::db::to_offset_date_time(t.end())),
        problems,
    }
}

/// Writes the checked moves: new times, occupied spans and price, the status after the move,
/// the next iCalendar sequence; audits each and records its `changed` notice.
async fn write_moves(
    tx: &mut Tx,
    resource: &Resource,
    moving: &[Moving],
    by_owner: bool,
    actor: &Actor,
) -> Result<Vec<i64>, StoreError> {
    let rules = resource.rules()?;
    let prices = resource::prices_in(tx, resource.id).await?;
    let ids: Vec<i64> = moving.iter().map(|m| m.old.id).collect();
    // PostgreSQL checks its no-overlap constraint after each statement: a moved occurrence may
    // take time another moved one is only about to give up. The moved rows leave the
    // constraint while they move and rejoin it together, checked as a whole, at the end.
    set_exclusive(tx, &ids, false).await?;
    let now = OffsetDateTime::now_utc();
    for m in moving {
        let Ok(to) = m.to else {
            return Err(StoreError::Corrupt(format!(
                "booking {} moved nowhere",
                m.old.id
            )));
        };
        let current = m
            .old
            .status()
            .ok_or_else(|| StoreError::Corrupt(format!("booking {} status", m.old.id)))?;
        let next = if m.old.kind == Kind::Booking.code() {
            current.after_move(rules.approval(), by_owner)
        } else {
            current
        };
        let units = u32::try_from(m.old.units).unwrap_or(1);
        let price = m
            .old
            .booker_kind
            .as_deref()
            .and_then(|k| BookerKind::parse(k).ok())
            .and_then(|k| price_cents(&prices, k, &to, units));
        let occupied = rules.occupied(&to);
        tx.execute(
            sql("UPDATE bookings SET starts_at = $1, ends_at = $2, occupied_from = $3, occupied_until = $4, \
                 status = $5, price_cents = $6, sequence = sequence + 1, updated_at = $7 WHERE id = $8")
            .bind(to.start())
            .bind(to.end())
            .bind(occupied.start())
            .bind(occupied.end())
            .bind(next.code())
            .bind(price)
            .bind(now)
            .bind(m.old.id),
        )
        .await?;
        audit_moved(tx, actor, resource, &m.old, &to, current, next).await?;
        if m.old.kind == Kind::Booking.code() {
            super::notice::record(tx, m.old.id, "changed", actor.user_id).await?;
        }
    }
    set_exclusive(tx, &ids, !resource.is_pool()).await?;
    Ok(ids)
}

async fn set_exclusive(tx: &mut Tx, ids: &[i64], exclusive: bool) -> Result<(), StoreError> {
    let mut q = sql("UPDATE bookings SET exclusive = $1 WHERE id IN (").bind(exclusive);
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(")");
    tx.execute(q).await?;
    Ok(())
}

async fn audit_moved(
    tx: &mut Tx,
    actor: &Actor,
    resource: &Resource,
    old: &Booking,
    to: &Interval,
    current: BookingStatus,
    next: BookingStatus,
) -> Result<(), StoreError> {
    let mut changes = vec![
        Change {
            field: "starts_at".into(),
            old: Some(to_timestamp(old.starts_at)?.to_string()),
            new: Some(to.start().to_string()),
        },
        Change {
            field: "ends_at".into(),
            old: Some(to_timestamp(old.ends_at)?.to_string()),
            new: Some(to.end().to_string()),
        },
    ];
    if current != next {
        changes.push(Change {
            field: "status".into(),
            old: Some(current.code().into()),
            new: Some(next.code().into()),
        });
    }
    audit::record(tx, actor, "update", subject(resource, old.id), &changes).await
}
