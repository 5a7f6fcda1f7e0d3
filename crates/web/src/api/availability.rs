//! `GET /availability`: where a booking of a given length still fits, resource by resource, in
//! a period: the catalogue's filters (`q`, `kind`, `municipality`, `owner`) choose the
//! resources, and each answers the maximal free spans inside its opening hours, by its rules
//! and the bookings of it, its wholes and its parts (`vaski_store::sharing::availability`).
//! The answer is advice for picking a time; the booking itself is checked again.

use super::bookings::period;
use super::error::ApiError;
use super::input::Params;
use super::times::{helsinki_text, parse_instant_or_date};
use crate::auth::ApiUser;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use vaski_domain::reference::Municipality;
use vaski_domain::sharing::resource::ResourceKind;
use vaski_domain::sharing::rules::MAX_MINUTES;
use vaski_store::sharing::availability::{self, FreeTime};
use vaski_store::sharing::resource::{self, Filter, Resource};

/// The longest period one search covers: a quarter of a year, so that a search over the whole
/// catalogue stays quick.
const MAX_SEARCH_DAYS: i64 = 92;

// The answer is written by typed structs rather than a `serde_json::Value` tree: a search over
// a thousand resources answers tens of thousands of slots, and the tree cost an allocation per
// key and value (docs/benchmarks.md). The fields are in the order of their names, as the
// tree wrote them.

#[derive(Serialize)]
struct Answer<'a> {
    duration_minutes: i64,
    from: String,
    resources: Vec<ResourceFree<'a>>,
    to: String,
    units: u32,
}

#[derive(Serialize)]
struct ResourceFree<'a> {
    free: Vec<Slot>,
    id: i64,
    kind: &'a str,
    municipality: Option<&'a str>,
    name: &'a str,
    owner_name: &'a str,
    owner_organisation_id: i64,
    quantity: i64,
}

#[derive(Serialize)]
struct Slot {
    ends_at: String,
    starts_at: String,
}

fn resource_free<'a>(r: &'a Resource, free: &FreeTime) -> ResourceFree<'a> {
    ResourceFree {
        free: free
            .slots
            .iter()
            .map(|s| Slot {
                ends_at: helsinki_text(s.end()),
                starts_at: helsinki_text(s.start()),
            })
            .collect(),
        id: r.id,
        kind: &r.kind,
        municipality: r
            .municipality_code
            .as_deref()
            .and_then(Municipality::by_code)
            .map(|m| m.name_fi.as_str()),
        name: &r.name,
        owner_name: &r.owner_name,
        owner_organisation_id: r.owner_organisation_id,
        quantity: r.quantity,
    }
}

/// `GET /availability?from=&to=&duration_minutes=` with optional `units` and the catalogue's
/// filters.
pub async fn search(
    State(state): State<AppState>,
    _caller: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let mut p = Params::new(params);
    let filter = Filter {
        q: p.text("q"),
        kind: p.parsed("kind", ResourceKind::parse),
        municipality_code: p
            .parsed("municipality", Municipality::parse)
            .map(|m| m.code.clone()),
        owner_organisation_id: p.int("owner"),
    };
    let from = p.parsed("from", parse_instant_or_date);
    let to = p.parsed("to", parse_instant_or_date);
    let duration = p.int("duration_minutes");
    let units = p.int("units");
    p.finish()?;
    let window = period(from, to, MAX_SEARCH_DAYS)?;
    let minutes = duration
        .filter(|m| (1..=MAX_MINUTES).contains(m))
        .ok_or_else(|| ApiError::field("duration_minutes", "api-error-duration"))?;
    let units = u32::try_from(units.unwrap_or(1))
        .ok()
        .filter(|u| *u >= 1)
        .ok_or_else(|| ApiError::field("units", "api-error-units"))?;
    let resources = resource::list(&state.db, &filter).await?;
    let free = availability::free_times(
        &state.db,
        &resources,
        window,
        SignedDuration::from_mins(minutes),
        units,
        Timestamp::now(),
    )
    .await?;
    // `free_times` answers in the order of the resources it was given.
    let answer = Answer {
        duration_minutes: minutes,
        from: helsinki_text(window.start()),
        resources: resources
            .iter()
            .zip(&free)
            .map(|(r, f)| resource_free(r, f))
            .collect(),
        to: helsinki_text(window.end()),
        units,
    };
    Ok(Json(answer).into_response())
}
