//! `/bookings` and `/resources/{id}/bookings`: booking shared resources, once or by a
//! recurrence rule, and the booking's life after that (confirmed or rejected by the owner,
//! cancelled by either side).
//!
//! The store checks and writes every occurrence of a request in one transaction
//! (`vaski_store::sharing::booking::book`); this module reads the request, expands a rule into
//! occurrences in Helsinki wall-clock time, and turns the store's outcome into an answer:
//!
//! - 201 `{"bookings": [...], "skipped": [...]}` when something was booked;
//! - 409 `conflict` when the only obstacle is other bookings, naming each in `conflicts`;
//! - 422 with the reason in `code` (`closed`, `rule`, `qualification`, `units`,
//!   `recurrence`, `eligibility`) when the resource's rules refuse, whatever else is in the
//!   way, since waiting for a clash to clear would not help.
//!
//! Both errors list every refused occurrence in `occurrences`. A recurring request books all
//! or none of its occurrences, unless it says `"skip_conflicts": true`: then every occurrence
//! that can be booked is, and the others are listed in `skipped` with their reasons.
//!
//! Who may do what (`auth::access`): everyone but a viewer books; a partner books for their
//! own organisation, staff for any (their own by default). Those who manage the resource
//! confirm and reject. The booker's side (users of the booker organisation, or the user who
//! booked) and those who manage the resource cancel. Who booked and why is shown to staff,
//! admins and viewers, and to partners of the booker or owner organisation; to other partners
//! a booking is only a taken time, and `GET /bookings/{id}` does not exist for them.

use super::error::{english, english_with, ApiError, JsonBody};
use super::idempotency::{self, Answer};
use super::input::{Body, Params};
use super::resources;
use super::times::{
    helsinki_text, local_text, parse_exclusion, parse_instant, parse_instant_or_date,
    stored_local_text, stored_text,
};
use crate::auth::{access, ApiUser};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use vaski_domain::account::Role;
use vaski_domain::sharing::recurrence::{self, Exclusion, Occurrence, Rule, RuleError, WallClock};
use vaski_domain::sharing::resource::{BookingStatus, SeriesScope};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::text;
use vaski_store::account::User;
use vaski_store::network::person;
use vaski_store::sharing::booking::{
    self, Booking, Clashing, Kind, MoveRefusal, NewBooking, NewSeries, Problem, Refusal,
    RequestError,
};
use vaski_store::sharing::resource;
use vaski_store::{Db, StoreError};

/// The PostgreSQL exclusion constraint that refuses overlapping bookings of one resource.
const BOOKINGS_NO_OVERLAP: &str = "bookings_no_overlap";

/// The longest period one listing of a resource's bookings covers.
const MAX_LISTING_DAYS: i64 = 366;

/// A booking as the API writes it; who booked and why only where `details` allows.
pub fn booking_json(b: &Booking, details: bool) -> Value {
    let booker = b
        .booker_organisation_id
        .filter(|_| details)
        .map(|id| json!({ "id": id, "name": b.booker_name, "kind": b.booker_kind }));
    let contact = b
        .contact_person_id
        .filter(|_| details)
        .map(|id| json!({ "id": id, "name": b.contact_name }));
    json!({
        "id": b.id,
        "resource_id": b.resource_id,
        "resource_name": b.resource_name,
        "owner_organisation_id": b.owner_organisation_id,
        "series_id": b.series_id,
        "kind": b.kind,
        "status": b.status,
        "starts_at": stored_text(b.starts_at),
        "ends_at": stored_text(b.ends_at),
        "units": b.units,
        "booker": booker,
        "contact_person": contact,
        "purpose": b.purpose.as_ref().filter(|_| details),
        "people_count": b.people_count.filter(|_| details),
        "price_cents": b.price_cents.filter(|_| details),
        "decided_at": b.decided_at.map(stored_text),
        "cancelled_at": b.cancelled_at.map(stored_text),
        "created_at": stored_text(b.created_at),
        "updated_at": stored_text(b.updated_at),
    })
}

fn details_for(user: &User, b: &Booking) -> bool {
    access::sees_booking_details(user, b.booker_organisation_id, b.owner_organisation_id)
}

/// A booking request as read from its JSON.
struct Ask {
    resource_id: i64,
    /// The booking, or the first occurrence of a series.
    first: Interval,
    recurrence: Option<String>,
    exclusions: Vec<Exclusion>,
    units: u32,
    purpose: Option<String>,
    people_count: Option<i64>,
    contact_person_id: Option<i64>,
    booker_organisation_id: Option<i64>,
    skip_conflicts: bool,
}

fn instant_field(b: &mut Body<'_>, key: &'static str) -> Option<Timestamp> {
    let text = b.text(key);
    if text.trim().is_empty() {
        b.problem(key, "error-required");
        return None;
    }
    match parse_instant(&text) {
        Ok(t) => Some(t),
        Err(e) => {
            b.problem(key, e.key);
            None
        }
    }
}

/// Reads a booking request, reporting every field's problem at once.
fn read_ask(map: &Map<String, Value>) -> Result<Ask, ApiError> {
    let mut b = Body::new(map);
    let resource_id = b.int("resource_id");
    if resource_id.is_none() {
        b.problem("resource_id", "error-required");
    }
    let starts = instant_field(&mut b, "starts_at");
    let ends = instant_field(&mut b, "ends_at");
    let first = match (starts, ends) {
        (Some(s), Some(e)) => Interval::new(s, e)
            .map_err(|e| b.problem("ends_at", e.key))
            .ok(),
        _ => None,
    };
    let recurrence = Some(b.text("recurrence")).filter(|r| !r.trim().is_empty());
    let mut exclusions = Vec::new();
    for text in b.texts("exdates") {
        match parse_exclusion(&text) {
            Ok(e) => exclusions.push(e),
            Err(e) => b.problem("exdates", e.key),
        }
    }
    if recurrence.is_none() && !exclusions.is_empty() {
        b.problem("exdates", "api-error-exdates-without-recurrence");
    }
    let units = match b.int("units") {
        None => 1,
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|u| *u >= 1)
            .unwrap_or_else(|| {
                b.problem("units", "api-error-units");
                1
            }),
    };
    let purpose = text::optional_text(&b.text("purpose"), 2000)
        .map_err(|e| b.problem("purpose", e.key))
        .ok()
        .flatten();
    let people_count = b.int("people_count");
    if people_count.is_some_and(|n| n < 0) {
        b.problem("people_count", "api-error-negative");
    }
    let contact_person_id = b.int("contact_person_id");
    let booker_organisation_id = b.int("booker_organisation_id");
    let skip_conflicts = b.boolean("skip_conflicts");
    let problems = b.finish();
    match (resource_id, first) {
        (Some(resource_id), Some(first)) if problems.is_empty() => Ok(Ask {
            resource_id,
            first,
            recurrence,
            exclusions,
            units,
            purpose,
            people_count,
            contact_person_id,
            booker_organisation_id,
            skip_conflicts,
        }),
        _ => Err(ApiError::validation(problems)),
    }
}

/// The organisation a booking is made for: a partner's own always; for staff the one asked
/// for, or their own.
fn booker_of(user: &User, asked: Option<i64>) -> Result<i64, ApiError> {
    if user.role == Role::Partner {
        let own = user.organisation_id.ok_or_else(ApiError::forbidden)?;
        return match asked {
            Some(other) if other != own => Err(ApiError::forbidden()),
            _ => Ok(own),
        };
    }
    asked
        .or(user.organisation_id)
        .ok_or_else(|| ApiError::field("booker_organisation_id", "error-required"))
}

/// A contact person must be one of the booker organisation's people.
async fn check_contact(db: &Db, person_id: Option<i64>, booker: i64) -> Result<(), ApiError> {
    let Some(person_id) = person_id else {
        return Ok(());
    };
    if person::current_organisations(db, person_id)
        .await?
        .contains(&booker)
    {
        Ok(())
    } else {
        Err(ApiError::field(
            "contact_person_id",
            "api-error-contact-person",
        ))
    }
}

/// The occurrences of a request: the one booking, or a rule's expansion from the first
/// occurrence's Helsinki wall-clock time, with the occurrences no clock shows set apart.
struct Plan {
    occurrences: Vec<Interval>,
    unbookable: Vec<Occurrence>,
    series: Option<NewSeries>,
}

fn plan(ask: &Ask, cap: usize) -> Result<Plan, ApiError> {
    let Some(text) = &ask.recurrence else {
        return Ok(Plan {
            occurrences: vec![ask.first],
            unbookable: Vec::new(),
            series: None,
        });
    };
    let rule = Rule::parse(text).map_err(|e| rule_error(&e, cap))?;
    let local_start = helsinki().to_datetime(ask.first.start());
    let local_end = helsinki().to_datetime(ask.first.end());
    // The first occurrence's length on the wall clock, which every occurrence keeps.
    let duration = local_end.duration_since(local_start);
    let expansion = recurrence::expand(&rule, local_start, duration, &ask.exclusions, cap)
        .map_err(|e| rule_error(&e, cap))?;
    Ok(Plan {
        occurrences: expansion.bookable().collect(),
        unbookable: expansion.unbookable().copied().collect(),
        series: Some(NewSeries {
            rrule: rule.to_rrule_string(),
            exdates: exdates_text(&ask.exclusions),
        }),
    })
}

/// The excluded dates as iCalendar writes them (`20261224`, `20261224T080000`, local),
/// separated by commas, for the series' calendar feed.
fn exdates_text(exclusions: &[Exclusion]) -> String {
    exclusions
        .iter()
        .map(|e| match e {
            Exclusion::Day(d) => d.strftime("%Y%m%d").to_string(),
            Exclusion::At(dt) => dt.strftime("%Y%m%dT%H%M%S").to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A rule that cannot be read or expanded: 422 `recurrence`, naming the part at fault.
fn rule_error(e: &RuleError, cap: usize) -> ApiError {
    let text = english_with(e.key, &[("max", cap.to_string())]);
    let message = if e.part.is_empty() {
        text
    } else {
        format!("{text} ({})", e.part)
    };
    let mut err = recurrence_error(message.clone());
    err.fields.insert("recurrence".into(), message);
    err
}

fn recurrence_error(message: String) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "recurrence", message)
}

/// The code a refusal reason is known by in answers.
fn problem_code(p: &Problem) -> &'static str {
    match p {
        Problem::Clash { .. } => "conflict",
        Problem::ClashWithinRequest => "recurrence",
        Problem::Units { .. } => "units",
        Problem::Rule { .. } => "rule",
        Problem::Closed { .. } => "closed",
        Problem::Qualification { .. } => "qualification",
        Problem::Nonexistent { .. } => "recurrence",
    }
}

fn problem_message(p: &Problem) -> String {
    match p {
        Problem::Rule {
            key,
            limit_minutes: Some(minutes),
        } => english_with(key, &[("minutes", minutes.to_string())]),
        Problem::Closed {
            key,
            holiday: Some(holiday),
        } => english_with(key, &[("holiday", english(holiday))]),
        Problem::Units { capacity, .. } => {
            english_with(p.message_key(), &[("capacity", capacity.to_string())])
        }
        Problem::ClashWithinRequest => english("api-error-occurrences-overlap"),
        _ => english(p.message_key()),
    }
}

/// What the caller may see of the bookings in the way: who booked them only where they may see
/// that of a booking of the resource's owner.
struct Viewer<'a> {
    user: &'a User,
    owners: BTreeMap<i64, i64>,
}

impl<'a> Viewer<'a> {
    async fn new(db: &Db, user: &'a User, refused: &[Refusal]) -> Result<Viewer<'a>, ApiError> {
        Viewer::of_problems(db, user, refused.iter().flat_map(|r| r.problems.iter())).await
    }

    /// The viewer of the bookings in the way of any of these problems.
    async fn of_problems(
        db: &Db,
        user: &'a User,
        problems: impl Iterator<Item = &Problem>,
    ) -> Result<Viewer<'a>, ApiError> {
        let mut ids: Vec<i64> = problems
            .flat_map(|p| match p {
                Problem::Clash { with } => with.as_slice(),
                _ => &[][..],
            })
            .map(|c| c.resource_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let owners = resource::by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|r| (r.id, r.owner_organisation_id))
            .collect();
        Ok(Viewer { user, owners })
    }

    fn clashing(&self, c: &Clashing) -> Value {
        let visible = self.owners.get(&c.resource_id).is_some_and(|owner| {
            access::sees_booking_details(self.user, c.booker_organisation_id, *owner)
        });
        json!({
            "booking_id": c.booking_id,
            "resource_id": c.resource_id,
            "kind": c.kind,
            "starts_at": stored_text(c.starts_at),
            "ends_at": stored_text(c.ends_at),
            "booker": c.booker_name.as_ref().filter(|_| visible),
        })
    }

    fn problem(&self, p: &Problem) -> Value {
        let mut o = Map::new();
        o.insert("code".into(), json!(problem_code(p)));
        o.insert("message".into(), json!(problem_message(p)));
        match p {
            Problem::Clash { with } => {
                let with: Vec<Value> = with.iter().map(|c| self.clashing(c)).collect();
                o.insert("conflicts".into(), json!(with));
            }
            Problem::ClashWithinRequest => {}
            Problem::Units {
                requested,
                capacity,
            } => {
                o.insert("requested".into(), json!(requested));
                o.insert("capacity".into(), json!(capacity));
            }
            Problem::Rule { key, limit_minutes } => {
                o.insert("reason".into(), json!(key));
                o.insert("limit_minutes".into(), json!(limit_minutes));
            }
            Problem::Closed { key, holiday } => {
                o.insert("reason".into(), json!(key));
                let code = holiday.map(|h| h.trim_start_matches("holiday-"));
                o.insert("holiday".into(), json!(code));
            }
            Problem::Qualification { qualification_id } => {
                o.insert("qualification_id".into(), json!(qualification_id));
            }
            Problem::Nonexistent { key } => {
                o.insert("reason".into(), json!(key));
            }
        }
        Value::Object(o)
    }

    /// Every refused occurrence, the store's refusals and those no clock shows, in time order.
    fn occurrences(&self, refused: &[Refusal], unbookable: &[Occurrence]) -> Vec<Value> {
        let mut all: Vec<(String, Value)> = refused
            .iter()
            .map(|r| {
                let local = stored_local_text(r.starts_at);
                let value = json!({
                    "starts_at": stored_text(r.starts_at),
                    "ends_at": stored_text(r.ends_at),
                    "local_start": local,
                    "local_end": stored_local_text(r.ends_at),
                    "problems": r.problems.iter().map(|p| self.problem(p)).collect::<Vec<_>>(),
                });
                (local, value)
            })
            .collect();
        all.extend(unbookable.iter().map(unbookable_json));
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(_, v)| v).collect()
    }
}

/// An occurrence whose start or end the Helsinki clock skips in spring.
fn unbookable_json(o: &Occurrence) -> (String, Value) {
    let key = o
        .slot
        .err()
        .map_or("error-occurrence-nonexistent-start", |u| u.message_key());
    let local = local_text(o.local_start);
    let value = json!({
        "starts_at": null,
        "ends_at": null,
        "local_start": local,
        "local_end": local_text(o.local_end),
        "problems": [{"code": "recurrence", "reason": key, "message": english(key)}],
    });
    (local, value)
}

/// The stored bookings in the way of any refused occurrence, each once, in time order.
fn clashes(refused: &[Refusal]) -> Vec<&Clashing> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<&Clashing> = refused
        .iter()
        .flat_map(|r| r.problems.iter())
        .flat_map(|p| match p {
            Problem::Clash { with } => with.as_slice(),
            _ => &[][..],
        })
        .filter(|c| seen.insert(c.booking_id))
        .collect();
    out.sort_by_key(|c| (c.starts_at, c.booking_id));
    out
}

/// The answer when nothing was booked: 422 for a reason of the resource's rules (or of the
/// rule's clock), otherwise 409 naming the bookings in the way.
fn refusal_error(viewer: &Viewer<'_>, refused: &[Refusal], unbookable: &[Occurrence]) -> ApiError {
    let occurrences = json!(viewer.occurrences(refused, unbookable));
    let rule_problem = refused
        .iter()
        .flat_map(|r| r.problems.iter())
        .find(|p| !matches!(p, Problem::Clash { .. }));
    if let Some(p) = rule_problem {
        return ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            problem_code(p),
            problem_message(p),
        )
        .with("occurrences", occurrences);
    }
    if let Some(o) = unbookable.first() {
        let key = o
            .slot
            .err()
            .map_or("api-error-no-occurrences", |u| u.message_key());
        return recurrence_error(english(key)).with("occurrences", occurrences);
    }
    let in_the_way = clashes(refused);
    let message = match in_the_way.first() {
        Some(c) => english_with(
            "api-error-booking-clash",
            &[
                ("id", c.booking_id.to_string()),
                ("starts_at", stored_text(c.starts_at)),
                ("ends_at", stored_text(c.ends_at)),
            ],
        ),
        None => english("api-error-no-occurrences"),
    };
    let conflicts: Vec<Value> = in_the_way.iter().map(|c| viewer.clashing(c)).collect();
    ApiError::new(StatusCode::CONFLICT, "conflict", message)
        .with("conflicts", json!(conflicts))
        .with("occurrences", occurrences)
}

fn request_error(e: RequestError) -> ApiError {
    match e {
        RequestError::NotEligible => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "eligibility",
            english("api-error-not-eligible"),
        ),
        RequestError::NoBooker => {
            ApiError::field("booker_organisation_id", "api-error-unknown-organisation")
        }
    }
}

/// The database's own guard refused the write: the time was taken meanwhile.
fn taken_meanwhile() -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "conflict", english("booking-clashes"))
        .with("conflicts", json!([]))
}

/// `POST /bookings`: honours `Idempotency-Key`. A request that cannot be read is refused
/// before the key is claimed, so that the corrected request may use the same key.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    access::books(&api.user)?;
    let key = idempotency::key_of(&headers)?;
    let ask = read_ask(&body)?;
    let hash = idempotency::request_hash("POST", "/api/v1/bookings", &body);
    let (db, user_id) = (state.db.clone(), api.user.id);
    idempotency::once(db, user_id, key, &hash, book(state, api, ask)).await
}

/// Books what the request asks, through the store. Owns what it needs, since with an
/// idempotency key it runs as a task of its own.
async fn book(state: AppState, api: ApiUser, ask: Ask) -> Answer {
    let booker = booker_of(&api.user, ask.booker_organisation_id)?;
    check_contact(&state.db, ask.contact_person_id, booker).await?;
    let plan = plan(&ask, state.config.max_occurrences)?;
    let viewer = Viewer {
        user: &api.user,
        owners: BTreeMap::new(),
    };
    if !plan.unbookable.is_empty() && !ask.skip_conflicts {
        return Err(refusal_error(&viewer, &[], &plan.unbookable));
    }
    if plan.occurrences.is_empty() {
        return Err(recurrence_error(english("api-error-no-occurrences")));
    }
    let req = NewBooking {
        resource_id: ask.resource_id,
        kind: Kind::Booking,
        occurrences: plan.occurrences,
        series: plan.series,
        units: ask.units,
        booker_organisation_id: Some(booker),
        contact_person_id: ask.contact_person_id,
        booked_by: Some(api.user.id),
        purpose: ask.purpose,
        people_count: ask.people_count,
        skip_conflicts: ask.skip_conflicts,
    };
    let outcome = match booking::book(&state.db, &req, Timestamp::now(), &api.actor()).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => return Err(request_error(e)),
        Err(StoreError::Conflict { constraint }) if constraint == BOOKINGS_NO_OVERLAP => {
            return Err(taken_meanwhile())
        }
        Err(e) => return Err(e.into()),
    };
    let viewer = Viewer::new(&state.db, &api.user, &outcome.refused).await?;
    if outcome.made.is_empty() {
        return Err(refusal_error(&viewer, &outcome.refused, &plan.unbookable));
    }
    let bookings: Vec<Value> = outcome
        .made
        .iter()
        .map(|b| booking_json(b, details_for(&api.user, b)))
        .collect();
    let skipped = viewer.occurrences(&outcome.refused, &plan.unbookable);
    Ok((
        StatusCode::CREATED,
        json!({ "bookings": bookings, "skipped": skipped }),
    ))
}

/// A booking the user may see, or 404.
async fn visible(db: &Db, user: &User, id: i64) -> Result<Booking, ApiError> {
    let b = booking::get(db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    access::sees_booking(user, &b)?;
    Ok(b)
}

/// `GET /bookings/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let b = visible(&state.db, &user, id).await?;
    Ok(Json(booking_json(&b, true)))
}

/// Moves a booking to `next` after `may` allowed the user to. Without `?scope=` (or with
/// `this`) the answer is the booking; with `following` or `all` the occurrences of its series
/// that could take the status change too (the series shares the booking's resource and booker,
/// so `may` holds for each), and the answer lists those changed: `{"bookings": [...]}`.
async fn change_status(
    state: &AppState,
    api: &ApiUser,
    id: i64,
    params: Vec<(String, String)>,
    next: BookingStatus,
    may: fn(&User, &Booking) -> Result<(), AppError>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let scope = p.parsed("scope", SeriesScope::parse);
    p.finish()?;
    let b = visible(&state.db, &api.user, id).await?;
    may(&api.user, &b)?;
    let mut tx = state.db.begin().await?;
    let answer = match scope {
        None | Some(SeriesScope::This) => booking_json(
            &booking::set_status(&mut tx, id, next, &api.actor()).await?,
            true,
        ),
        Some(scope) => {
            let changed =
                booking::set_status_in_series(&mut tx, id, scope, next, &api.actor()).await?;
            let bookings: Vec<Value> = changed.iter().map(|b| booking_json(b, true)).collect();
            json!({ "bookings": bookings })
        }
    };
    tx.commit().await?;
    Ok(Json(answer))
}

/// `POST /bookings/{id}/confirm`: the owner's side accepts a requested booking.
pub async fn confirm(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    change_status(
        &state,
        &api,
        id,
        params,
        BookingStatus::Confirmed,
        access::decides_booking,
    )
    .await
}

/// `POST /bookings/{id}/reject`: the owner's side turns a requested booking down.
pub async fn reject(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    change_status(
        &state,
        &api,
        id,
        params,
        BookingStatus::Rejected,
        access::decides_booking,
    )
    .await
}

/// `POST /bookings/{id}/cancel`: either side frees the time.
pub async fn cancel(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    change_status(
        &state,
        &api,
        id,
        params,
        BookingStatus::Cancelled,
        access::cancels_booking,
    )
    .await
}

/// A move request as read from its JSON.
fn read_move(map: &Map<String, Value>, by_owner: bool) -> Result<booking::Move, ApiError> {
    let mut b = Body::new(map);
    let scope_text = b.code("scope");
    let scope = if scope_text.is_empty() {
        b.problem("scope", "error-required");
        None
    } else {
        SeriesScope::parse(&scope_text)
            .map_err(|e| b.problem("scope", e.key))
            .ok()
    };
    let starts = clock_field(&mut b, "starts");
    let ends = clock_field(&mut b, "ends");
    let date_text = b.text("date");
    let date = if date_text.trim().is_empty() {
        None
    } else {
        match date_text.trim().parse::<jiff::civil::Date>() {
            Ok(d) if scope == Some(SeriesScope::This) => Some(d),
            Ok(_) => {
                b.problem("date", "series-move-date-one-only");
                None
            }
            Err(_) => {
                b.problem("date", "error-date");
                None
            }
        }
    };
    let times = match (starts, ends) {
        (Some(s), Some(e)) => WallClock::new(s, e)
            .map_err(|e| b.problem("ends", e.key))
            .ok(),
        _ => None,
    };
    let problems = b.finish();
    match (scope, times) {
        (Some(scope), Some(times)) if problems.is_empty() => Ok(booking::Move {
            scope,
            times,
            date,
            by_owner,
        }),
        _ => Err(ApiError::validation(problems)),
    }
}

/// A Helsinki time of day, `HH:MM`.
fn clock_field(b: &mut Body<'_>, key: &'static str) -> Option<jiff::civil::Time> {
    let text = b.text(key);
    if text.trim().is_empty() {
        b.problem(key, "error-required");
        return None;
    }
    match jiff::civil::Time::strptime("%H:%M", text.trim()) {
        Ok(t) => Some(t),
        Err(_) => {
            b.problem(key, "error-clock");
            None
        }
    }
}

/// The occurrences a move refused, each with its present time, the time asked and every reason.
fn move_refusals_json(viewer: &Viewer<'_>, refused: &[MoveRefusal]) -> Vec<Value> {
    refused
        .iter()
        .map(|r| {
            json!({
                "booking_id": r.booking_id,
                "starts_at": stored_text(r.starts_at),
                "ends_at": stored_text(r.ends_at),
                "new_starts_at": r.new_starts_at.map(stored_text),
                "new_ends_at": r.new_ends_at.map(stored_text),
                "problems": r.problems.iter().map(|p| viewer.problem(p)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `POST /bookings/{id}/move`: moves the booking, or it and the following occurrences of its
/// series, or the whole series, to new Helsinki times of day (and one occurrence to a new
/// date). All move or none: 200 with the moved bookings, or 409 `move_refused` naming every
/// occurrence that cannot move and why. Whoever may cancel the booking may move it.
pub async fn move_booking(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let b = visible(&state.db, &api.user, id).await?;
    access::cancels_booking(&api.user, &b)?;
    let by_owner = access::manages_resource(&api.user, b.owner_organisation_id).is_ok();
    let m = read_move(&body, by_owner)?;
    let moved =
        match booking::move_in_series(&state.db, id, &m, Timestamp::now(), &api.actor()).await {
            Ok(outcome) => outcome,
            Err(StoreError::Conflict { constraint }) if constraint == BOOKINGS_NO_OVERLAP => {
                return Err(taken_meanwhile())
            }
            Err(e) => return Err(e.into()),
        };
    match moved {
        Ok(moved) => {
            let bookings: Vec<Value> = moved
                .iter()
                .map(|b| booking_json(b, details_for(&api.user, b)))
                .collect();
            Ok(Json(json!({ "bookings": bookings })))
        }
        Err(refused) => {
            let problems = refused.iter().flat_map(|r| r.problems.iter());
            let viewer = Viewer::of_problems(&state.db, &api.user, problems).await?;
            Err(ApiError::new(
                StatusCode::CONFLICT,
                "move_refused",
                english("series-move-refused-api"),
            )
            .with("occurrences", json!(move_refusals_json(&viewer, &refused))))
        }
    }
}

/// `from` and `to` of a listing or a search: both given, in order, at most `max_days` apart.
pub fn period(
    from: Option<Timestamp>,
    to: Option<Timestamp>,
    max_days: i64,
) -> Result<Interval, ApiError> {
    let from = from.ok_or_else(|| ApiError::field("from", "error-required"))?;
    let to = to.ok_or_else(|| ApiError::field("to", "error-required"))?;
    let period = Interval::new(from, to).map_err(|e| ApiError::field("to", e.key))?;
    if period.duration() > SignedDuration::from_hours(24 * max_days) {
        return Err(ApiError::field("to", "api-error-period-too-long"));
    }
    Ok(period)
}

/// `GET /resources/{id}/bookings?from=&to=`: every booking of the resource in the period, any
/// status, by start; who booked and why where the caller may see it.
pub async fn of_resource(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let from = p.parsed("from", parse_instant_or_date);
    let to = p.parsed("to", parse_instant_or_date);
    p.finish()?;
    let period = period(from, to, MAX_LISTING_DAYS)?;
    let r = resources::existing(&state.db, id).await?;
    let items: Vec<Value> = booking::in_period(&state.db, r.id, period.start(), period.end())
        .await?
        .iter()
        .map(|b| booking_json(b, details_for(&user, b)))
        .collect();
    Ok(Json(json!({
        "resource_id": r.id,
        "from": helsinki_text(period.start()),
        "to": helsinki_text(period.end()),
        "items": items,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn excluded_dates_are_kept_as_icalendar_writes_them() {
        let text = exdates_text(&[
            Exclusion::Day(date(2026, 12, 24)),
            Exclusion::At(date(2026, 12, 31).at(8, 0, 0, 0)),
        ]);
        assert_eq!(text, "20261224,20261231T080000");
    }

    #[test]
    fn each_refusal_reason_has_its_code() {
        assert_eq!(problem_code(&Problem::ClashWithinRequest), "recurrence");
        assert_eq!(
            problem_code(&Problem::Closed {
                key: "error-closed-public-holiday",
                holiday: Some("holiday-good_friday")
            }),
            "closed"
        );
        assert_eq!(
            problem_code(&Problem::Qualification {
                qualification_id: 3
            }),
            "qualification"
        );
    }
}
