//! `/resources`: the catalogue of shared resources (Yhteiskäyttö) — machines, halls, learning
//! environments — with their booking rules, prices and weekly opening hours, and
//! `/resources/{id}/opening-hours` for the hours with their dated exceptions.
//!
//! Everyone signed in may read the catalogue: finding a free machine is what it is for. Those
//! who manage a resource (admins and staff, or a partner of the owner organisation) create and
//! change it and see its private calendar link, which shows every booking in full. Its
//! managers (vastuuhenkilöt, `managers`: user ids) are shown to the institution's staff and set
//! by staff; whoever creates a resource becomes one of them.

use super::error::{ApiError, JsonBody, Problems};
use super::input::{validated, Body, Params};
use super::output;
use crate::auth::{access, came_over_tls, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{HOST, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use vaski_domain::reference::Municipality;
use vaski_domain::sharing::draft::{PriceInput, ResourceDraft, ResourceInput};
use vaski_domain::sharing::opening::{parse_opening, Closing, DayHours, HoursRange};
use vaski_domain::sharing::pricing::Prices;
use vaski_domain::sharing::resource::ResourceKind;
use vaski_domain::text::{self, Invalid};
use vaski_store::account::User;
use vaski_store::sharing::availability;
use vaski_store::sharing::hours;
use vaski_store::sharing::location;
use vaski_store::sharing::manager;
use vaski_store::sharing::qualification;
use vaski_store::sharing::resource::{self, DatedException, Filter, Resource, WeeklyRange};
use vaski_store::{Db, Page};

/// Fields the API answers with but does not take.
const READ_ONLY: &[&str] = &[
    "id",
    "owner_name",
    "municipality_code",
    "calendar_feed_url",
    "created_at",
    "updated_at",
];

/// `HH:MM` of minutes since local midnight; 1440 is `24:00`.
fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

pub(super) fn weekly_json(weekly: &[WeeklyRange]) -> Vec<Value> {
    weekly
        .iter()
        .map(|r| {
            json!({
                "weekday": r.weekday,
                "opens": clock(r.opens_minute),
                "closes": clock(r.closes_minute),
            })
        })
        .collect()
}

fn prices_json(prices: &Prices) -> Vec<Value> {
    prices
        .tariffs()
        .map(|(booker, tariff)| {
            json!({
                "booker": booker.code(),
                "per_hour_cents": tariff.per_hour_cents(),
                "per_day_cents": tariff.per_day_cents(),
            })
        })
        .collect()
}

/// The private full-detail calendar feed of a resource, on the host the caller reached (a
/// relative link where the request named none).
fn feed_url(headers: &HeaderMap, token: &str) -> String {
    let path = format!("/calendar/resources/{token}.ics");
    match headers.get(HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => {
            let scheme = if came_over_tls(headers) {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}{path}")
        }
        None => path,
    }
}

/// A resource as the API writes it; the feed link only to those who manage the resource, the
/// managers only to those who may see them (`null` to others).
pub fn to_json(
    r: &Resource,
    prices: &Prices,
    weekly: &[WeeklyRange],
    managers: &[i64],
    user: &User,
    headers: &HeaderMap,
) -> Value {
    let managers = access::sees_resource_managers(user).then_some(managers);
    let feed = access::manages_resource(user, r.owner_organisation_id)
        .is_ok()
        .then(|| feed_url(headers, &r.feed_token));
    let municipality = r
        .municipality_code
        .as_deref()
        .and_then(Municipality::by_code)
        .map(|m| m.name_fi.as_str());
    json!({
        "id": r.id,
        "name": r.name,
        "kind": r.kind,
        "owner_organisation_id": r.owner_organisation_id,
        "owner_name": r.owner_name,
        "part_of": r.part_of,
        "location_id": r.location_id,
        "address": r.address,
        "municipality": municipality,
        "municipality_code": r.municipality_code,
        "building": r.building,
        "room": r.room,
        "description": r.description,
        "capacity_people": r.capacity_people,
        "accessibility": r.accessibility,
        "quantity": r.quantity,
        "approval": r.approval,
        "eligibility": r.eligibility,
        "closed_on_public_holidays": r.closed_on_public_holidays,
        "slot_minutes": r.slot_minutes,
        "min_duration_minutes": r.min_duration_minutes,
        "max_duration_minutes": r.max_duration_minutes,
        "min_notice_minutes": r.min_notice_minutes,
        "max_ahead_minutes": r.max_ahead_minutes,
        "buffer_before_minutes": r.buffer_before_minutes,
        "buffer_after_minutes": r.buffer_after_minutes,
        "cancellation_free_hours": r.cancellation_free_hours,
        "required_qualification_id": r.required_qualification_id,
        "prices": prices_json(prices),
        "opening_hours": weekly_json(weekly),
        "managers": managers,
        "calendar_feed_url": feed,
        "created_at": output::timestamp(r.created_at),
        "updated_at": output::timestamp(r.updated_at),
    })
}

/// A stored resource, or 404.
pub async fn existing(db: &Db, id: i64) -> Result<Resource, ApiError> {
    resource::get(db, id).await?.ok_or_else(ApiError::not_found)
}

/// One resource as JSON, read afresh.
async fn answer(
    state: &AppState,
    id: i64,
    user: &User,
    headers: &HeaderMap,
) -> Result<Value, ApiError> {
    let r = existing(&state.db, id).await?;
    let prices = resource::prices(&state.db, id).await?;
    let weekly = resource::weekly_hours(&state.db, id).await?;
    let managers: Vec<i64> = manager::managers(&state.db, id)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(to_json(&r, &prices, &weekly, &managers, user, headers))
}

/// What a resource's JSON says, read into the domain's input and the weekly hours.
struct Form {
    input: ResourceInput,
    /// `None` when the request left the hours out.
    weekly: Option<Vec<WeeklyRange>>,
    /// The managers' user ids; `None` when the request left them out (or sent `null`).
    managers: Option<Vec<i64>>,
    /// The owner's location the resource is at; left out or `null` is none.
    location_id: Option<i64>,
    problems: Problems,
}

fn read_form(map: &Map<String, Value>) -> Form {
    let mut b = Body::new(map);
    let buffer = b.number_text("buffer_minutes");
    let either = |specific: String| {
        if specific.trim().is_empty() {
            buffer.clone()
        } else {
            specific
        }
    };
    let input = ResourceInput {
        name: b.text("name"),
        kind: b.text("kind"),
        owner_organisation_id: b.number_text("owner_organisation_id"),
        part_of: b.number_text("part_of"),
        address: b.text("address"),
        municipality: b.text("municipality"),
        building: b.text("building"),
        room: b.text("room"),
        description: b.text("description"),
        capacity_people: b.number_text("capacity_people"),
        accessibility: b.text("accessibility"),
        quantity: b.number_text("quantity"),
        approval: b.text("approval"),
        eligibility: b.text("eligibility"),
        closed_on_public_holidays: b.boolean("closed_on_public_holidays"),
        slot_minutes: b.number_text("slot_minutes"),
        min_duration_minutes: b.number_text("min_duration_minutes"),
        max_duration_minutes: b.number_text("max_duration_minutes"),
        min_notice_minutes: b.number_text("min_notice_minutes"),
        max_ahead_minutes: b.number_text("max_ahead_minutes"),
        buffer_before_minutes: either(b.number_text("buffer_before_minutes")),
        buffer_after_minutes: either(b.number_text("buffer_after_minutes")),
        cancellation_free_hours: b.number_text("cancellation_free_hours"),
        required_qualification_id: b.number_text("required_qualification_id"),
        prices: read_prices(&mut b),
    };
    let weekly = match b.raw("opening_hours") {
        None => None,
        Some(value) => match read_weekly(value) {
            Ok(ranges) => Some(ranges),
            Err(key) => {
                b.problem("opening_hours", key);
                None
            }
        },
    };
    let managers = b.raw("managers").is_some().then(|| b.ids("managers"));
    let location_id = b.int("location_id");
    b.read_only(READ_ONLY);
    Form {
        input,
        weekly,
        managers,
        location_id,
        problems: b.finish(),
    }
}

/// `prices: [{"booker", "per_hour_cents", "per_day_cents"}]`, as the domain reads prices.
fn read_prices(b: &mut Body<'_>) -> Vec<PriceInput> {
    let Some(value) = b.raw("prices") else {
        return Vec::new();
    };
    match price_inputs(value) {
        Some(prices) => prices,
        None => {
            b.problem("prices", "api-error-prices");
            Vec::new()
        }
    }
}

fn price_inputs(value: &Value) -> Option<Vec<PriceInput>> {
    let cents = |v: Option<&Value>| -> Option<String> {
        match v {
            None | Some(Value::Null) => Some(String::new()),
            Some(n) => n.as_i64().map(euros_text),
        }
    };
    value
        .as_array()?
        .iter()
        .map(|item| {
            let o = item.as_object()?;
            Some(PriceInput {
                booker: o.get("booker")?.as_str()?.to_string(),
                per_hour: cents(o.get("per_hour_cents"))?,
                per_day: cents(o.get("per_day_cents"))?,
            })
        })
        .collect()
}

/// Cents as the euros the domain reads (`4500` → `45.00`), a minus kept so that the domain
/// names a negative price as such.
fn euros_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// `[{"weekday": 1-7, "opens": "HH:MM", "closes": "HH:MM"}]`, checked day by day: each range
/// opens before it closes (`24:00` closes at midnight) and a day's ranges do not overlap.
pub(super) fn read_weekly(value: &Value) -> Result<Vec<WeeklyRange>, &'static str> {
    let items = value.as_array().ok_or("api-error-opening-hours")?;
    let mut by_day: BTreeMap<i64, Vec<HoursRange>> = BTreeMap::new();
    for item in items {
        let o = item.as_object().ok_or("api-error-opening-hours")?;
        let weekday = o
            .get("weekday")
            .and_then(Value::as_i64)
            .filter(|d| (1..=7).contains(d))
            .ok_or("api-error-weekday")?;
        let range = hours_range(o.get("opens"), o.get("closes")).map_err(|e| e.key)?;
        by_day.entry(weekday).or_default().push(range);
    }
    let mut weekly = Vec::new();
    for (weekday, ranges) in by_day {
        for range in DayHours::new(ranges).map_err(|e| e.key)?.ranges() {
            let (opens_minute, closes_minute) = range.to_minutes();
            weekly.push(WeeklyRange {
                weekday,
                opens_minute,
                closes_minute,
            });
        }
    }
    Ok(weekly)
}

fn hours_range(opens: Option<&Value>, closes: Option<&Value>) -> Result<HoursRange, Invalid> {
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::to_string)
            .ok_or(Invalid::new("error-opening-hours"))
    };
    HoursRange::new(
        parse_opening(&text(opens)?)?,
        Closing::parse(&text(closes)?)?,
    )
}

/// The checks a draft needs against other records before the store writes it: the
/// qualification exists, a whole it is made part of is one the user manages too, and its
/// location is one of the owner's.
async fn check_links(
    db: &Db,
    user: &User,
    draft: &ResourceDraft,
    location_id: Option<i64>,
) -> Result<(), ApiError> {
    if let Some(l) = location_id {
        let owners = location::get(db, l)
            .await?
            .is_some_and(|l| l.organisation_id == draft.owner_organisation_id);
        if !owners {
            return Err(ApiError::field(
                "location_id",
                "places-error-location-of-owner",
            ));
        }
    }
    if let Some(q) = draft.required_qualification_id {
        if qualification::get(db, q).await?.is_none() {
            return Err(ApiError::field(
                "required_qualification_id",
                "api-error-unknown-qualification",
            ));
        }
    }
    if let Some(whole) = draft.part_of {
        // A whole that does not exist is the store's to name (`error-part-of-unknown`).
        if let Some(w) = resource::get(db, whole).await? {
            if access::manages_resource(user, w.owner_organisation_id).is_err() {
                return Err(ApiError::field("part_of", "api-error-part-of-foreign"));
            }
        }
    }
    Ok(())
}

/// Managers may be set by the institution's staff only: a partner sees no other users, and
/// what a partner sent back from a GET (`null`) leaves them as they are.
fn check_managers_input(user: &User, managers: &Option<Vec<i64>>) -> Result<(), ApiError> {
    if managers.is_some() && !access::sets_resource_managers(user) {
        return Err(ApiError::field("managers", "managers-api-staff-only"));
    }
    Ok(())
}

/// The owner a request names, for the access check made before anything else is read.
fn named_owner(input: &ResourceInput) -> Option<i64> {
    input.owner_organisation_id.trim().parse().ok()
}

/// `GET /resources`
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let filter = Filter {
        q: p.text("q"),
        kind: p.parsed("kind", ResourceKind::parse),
        municipality_code: p
            .parsed("municipality", Municipality::parse)
            .map(|m| m.code.clone()),
        owner_organisation_id: p.int("owner"),
    };
    let page = p.page();
    p.finish()?;
    let all = resource::list(&state.db, &filter).await?;
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let shown = page_of(&all, page);
    let ids: Vec<i64> = shown.iter().map(|r| r.id).collect();
    let weekly = availability::weekly_hours_of(&state.db, &ids).await?;
    let managers = manager::manager_ids_of(&state.db, &ids).await?;
    let mut items = Vec::with_capacity(shown.len());
    for r in shown {
        let prices = resource::prices(&state.db, r.id).await?;
        let hours = weekly.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        let of = managers.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        items.push(to_json(r, &prices, hours, of, &user, &headers));
    }
    Ok(output::list(items, total, page))
}

/// The page of a list read whole (the catalogue holds a few thousand resources at most).
fn page_of<T>(all: &[T], page: Page) -> &[T] {
    let start = usize::try_from(page.offset).unwrap_or(0).min(all.len());
    let len = usize::try_from(page.limit).unwrap_or(0);
    &all[start..all.len().min(start.saturating_add(len))]
}

/// `GET /resources/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(answer(&state, id, &user, &headers).await?))
}

/// `POST /resources`: those who manage the owner's resources create one, with its weekly
/// hours and its managers (the creator among them), in one transaction.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let form = read_form(&body);
    match named_owner(&form.input) {
        Some(owner) => access::manages_resource(&api.user, owner)?,
        None => access::books(&api.user)?,
    }
    let draft = validated(form.problems, form.input.validate())?;
    check_managers_input(&api.user, &form.managers)?;
    check_links(&state.db, &api.user, &draft, form.location_id).await?;
    let mut tx = state.db.begin().await?;
    let id = resource::create(&mut tx, &draft, &api.actor()).await?;
    resource::set_location(&mut tx, id, form.location_id, &api.actor()).await?;
    if let Some(weekly) = &form.weekly {
        resource::set_weekly_hours(&mut tx, id, weekly, &api.actor()).await?;
    }
    let mut managers = form.managers.unwrap_or_default();
    managers.push(api.user.id);
    manager::set_managers(&mut tx, id, &managers, &api.actor()).await?;
    tx.commit().await?;
    let json = answer(&state, id, &api.user, &headers).await?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/api/v1/resources/{id}"))],
        Json(json),
    )
        .into_response())
}

/// `PUT /resources/{id}`: replaces every field (one left out becomes empty, or its default;
/// `location_id` left out is no location); the weekly hours only when `opening_hours` is given,
/// since they have their own document, and the managers only when `managers` is given.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let current = existing(&state.db, id).await?;
    access::manages_resource(&api.user, current.owner_organisation_id)?;
    let form = read_form(&body);
    if let Some(owner) = named_owner(&form.input) {
        access::manages_resource(&api.user, owner)?;
    }
    let draft = validated(form.problems, form.input.validate())?;
    check_managers_input(&api.user, &form.managers)?;
    check_links(&state.db, &api.user, &draft, form.location_id).await?;
    let mut tx = state.db.begin().await?;
    resource::update(&mut tx, id, &draft, &api.actor()).await?;
    resource::set_location(&mut tx, id, form.location_id, &api.actor()).await?;
    if let Some(weekly) = &form.weekly {
        resource::set_weekly_hours(&mut tx, id, weekly, &api.actor()).await?;
    }
    if let Some(managers) = &form.managers {
        manager::set_managers(&mut tx, id, managers, &api.actor()).await?;
    }
    tx.commit().await?;
    Ok(Json(answer(&state, id, &api.user, &headers).await?))
}

pub(super) fn exception_json(e: &DatedException) -> Value {
    match (e.opens_minute, e.closes_minute) {
        (Some(opens), Some(closes)) => json!({
            "date": output::date(e.on_date),
            "closed": false,
            "opens": clock(opens),
            "closes": clock(closes),
            "note": e.note,
        }),
        _ => json!({
            "date": output::date(e.on_date),
            "closed": true,
            "note": e.note,
        }),
    }
}

/// The resource's own hours (what `PUT` replaces) and, when it has no weekly hours of its own,
/// the hours of its location that govern it instead (see `vaski_store::sharing::hours`).
async fn opening_hours_json(db: &Db, r: &Resource) -> Result<Value, ApiError> {
    let weekly = resource::weekly_hours(db, r.id).await?;
    let exceptions = resource::exceptions(db, r.id).await?;
    let governing = hours::governing(db, r).await?;
    let site = match governing.from_location {
        Some(l) => location::get(db, l).await?,
        None => None,
    };
    let location_hours = site.map(|l| {
        // Only the location's exceptions that apply: none when the resource has its own.
        let site_exceptions: &[DatedException] = if exceptions.is_empty() {
            &governing.exceptions
        } else {
            &[]
        };
        json!({
            "location_id": l.id,
            "name": l.name,
            "weekly": weekly_json(&governing.weekly),
            "exceptions": site_exceptions.iter().map(exception_json).collect::<Vec<_>>(),
        })
    });
    Ok(json!({
        "resource_id": r.id,
        "closed_on_public_holidays": r.closed_on_public_holidays,
        "weekly": weekly_json(&weekly),
        "exceptions": exceptions.iter().map(exception_json).collect::<Vec<_>>(),
        "location_hours": location_hours,
    }))
}

/// `GET /resources/{id}/opening-hours`
pub async fn opening_hours(
    State(state): State<AppState>,
    _caller: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let r = existing(&state.db, id).await?;
    Ok(Json(opening_hours_json(&state.db, &r).await?))
}

/// `[{"date", "closed": true} | {"date", "opens", "closes"}]`, one exception a date.
pub(super) fn read_exceptions(value: &Value) -> Result<Vec<DatedException>, &'static str> {
    let items = value.as_array().ok_or("api-error-exceptions")?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let o = item.as_object().ok_or("api-error-exceptions")?;
        let e = read_exception(o)?;
        if !seen.insert(e.on_date) {
            return Err("error-opening-exception-duplicate");
        }
        out.push(e);
    }
    out.sort_by_key(|e| e.on_date);
    Ok(out)
}

fn read_exception(o: &Map<String, Value>) -> Result<DatedException, &'static str> {
    let date = o
        .get("date")
        .and_then(Value::as_str)
        .ok_or("api-error-exceptions")
        .and_then(|d| text::parse_date(d).map_err(|e| e.key))?
        .ok_or("api-error-exceptions")?;
    let note = o
        .get("note")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let closed = o.get("closed").and_then(Value::as_bool).unwrap_or(false);
    let (opens_minute, closes_minute) = if closed {
        (None, None)
    } else {
        let (opens, closes) = hours_range(o.get("opens"), o.get("closes"))
            .map_err(|_| "api-error-exception-hours")?
            .to_minutes();
        (Some(opens), Some(closes))
    };
    Ok(DatedException {
        on_date: date,
        opens_minute,
        closes_minute,
        note,
    })
}

/// `PUT /resources/{id}/opening-hours`: replaces the weekly hours and the dated exceptions.
pub async fn set_opening_hours(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let r = existing(&state.db, id).await?;
    access::manages_resource(&api.user, r.owner_organisation_id)?;
    let mut b = Body::new(&body);
    let weekly = read_part(&mut b, "weekly", read_weekly);
    let exceptions = read_part(&mut b, "exceptions", read_exceptions);
    b.read_only(&["resource_id", "closed_on_public_holidays", "location_hours"]);
    let problems = b.finish();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    resource::set_weekly_hours(&mut tx, id, &weekly, &api.actor()).await?;
    resource::replace_exceptions(&mut tx, id, &exceptions, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(opening_hours_json(&state.db, &r).await?))
}

/// A list field read by `read`; absent is empty, a problem is reported against the field.
pub(super) fn read_part<T>(
    b: &mut Body<'_>,
    key: &'static str,
    read: impl Fn(&Value) -> Result<Vec<T>, &'static str>,
) -> Vec<T> {
    match b.raw(key).map(read) {
        None => Vec::new(),
        Some(Ok(items)) => items,
        Some(Err(message)) => {
            b.problem(key, message);
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_written_as_the_euros_the_domain_reads() {
        assert_eq!(euros_text(4500), "45.00");
        assert_eq!(euros_text(5), "0.05");
        assert_eq!(euros_text(-1000), "-10.00");
    }

    #[test]
    fn weekly_hours_may_close_at_midnight_but_not_overlap() {
        let ok = json!([
            {"weekday": 1, "opens": "16:00", "closes": "24:00"},
            {"weekday": 1, "opens": "08:00", "closes": "12:00"},
        ]);
        let weekly = read_weekly(&ok).expect("valid");
        assert_eq!(
            weekly
                .iter()
                .map(|r| (r.opens_minute, r.closes_minute))
                .collect::<Vec<_>>(),
            vec![(480, 720), (960, 1440)]
        );
        let overlapping = json!([
            {"weekday": 2, "opens": "08:00", "closes": "12:00"},
            {"weekday": 2, "opens": "11:00", "closes": "13:00"},
        ]);
        assert_eq!(
            read_weekly(&overlapping),
            Err("error-opening-hours-overlap")
        );
        let backwards = json!([{"weekday": 3, "opens": "16:00", "closes": "08:00"}]);
        assert_eq!(read_weekly(&backwards), Err("error-opening-hours-order"));
        let no_such_day = json!([{"weekday": 8, "opens": "08:00", "closes": "16:00"}]);
        assert_eq!(read_weekly(&no_such_day), Err("api-error-weekday"));
    }

    #[test]
    fn a_page_of_a_short_list_is_what_there_is() {
        let all = [1, 2, 3];
        assert_eq!(page_of(&all, Page::new(2, 1)), &[2, 3]);
        assert!(page_of(&all, Page::new(2, 10)).is_empty());
    }
}
