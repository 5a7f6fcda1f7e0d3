//! Resource pages: the catalogue with its search and its availability search, and one resource
//! with its rules, prices, hours, week and month views, the booking form and the owner's block
//! form. The resource form is in `resource_form`.

use super::bookings::{self, BookingForm, BookingInput};
use super::view::{self, Month, Week};
use super::Choice;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::network::view::{municipality_name, FieldErrors};
use crate::pages::{render, url_encode, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::account::Role;
use vaski_domain::network::OrganisationKind;
use vaski_domain::reference::Municipality;
use vaski_domain::sharing::availability::{busy_times, free_slots};
use vaski_domain::sharing::clash::Hierarchy;
use vaski_domain::sharing::holidays::holiday_on;
use vaski_domain::sharing::opening::{HoursRange, Schedule};
use vaski_domain::sharing::pricing::Prices;
use vaski_domain::sharing::resource::{Approval, BookerKind, Eligibility, ResourceKind};
use vaski_domain::sharing::rules::BookingRules;
use vaski_domain::sharing::Interval;
use vaski_store::account::User;
use vaski_store::network::organisation;
use vaski_store::sharing::booking::{self, Booking};
use vaski_store::sharing::calendar;
use vaski_store::sharing::hours;
use vaski_store::sharing::location;
use vaski_store::sharing::manager;
use vaski_store::sharing::qualification;
use vaski_store::sharing::resource::{self, DatedException, Filter, Resource, WeeklyRange};

/// How many resources the availability search looks into, and how many free times it lists
/// for each.
const SEARCH_RESOURCES: usize = 50;
const SLOTS_SHOWN: usize = 8;
/// The longest period the availability search covers.
const SEARCH_DAYS: i64 = 62;

// ---------------------------------------------------------------------------------------------
// The catalogue and the availability search

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub kind: String,
    pub municipality: String,
    pub from: String,
    pub to: String,
    pub hours: String,
}

impl ListPage {
    fn count(&self) -> i64 {
        i64::try_from(self.rows.len()).unwrap_or(i64::MAX)
    }
}

impl ListQuery {
    fn wants_availability(&self) -> bool {
        !(self.from.trim().is_empty() && self.to.trim().is_empty() && self.hours.trim().is_empty())
    }
}

/// A row of the catalogue, with the free times found for it.
struct Row {
    r: Resource,
    kind: String,
    location: String,
    approval: String,
    slots: Vec<Choice>,
    more_slots: i64,
    note: Option<String>,
}

#[derive(Template)]
#[template(path = "sharing/resources.html")]
struct ListPage {
    page: Frame,
    query: ListQuery,
    kinds: Vec<Choice>,
    rows: Vec<Row>,
    searched: bool,
    errors: FieldErrors,
    can_publish: bool,
    own_qualifications: Option<i64>,
    capped: bool,
}

pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let t = Tr::new(session.lang);
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let filter = Filter {
        q: some(&query.q),
        kind: ResourceKind::parse(&query.kind).ok(),
        municipality_code: some(&query.municipality)
            .and_then(|m| Municipality::parse(&m).ok())
            .map(|m| m.code.clone()),
        owner_organisation_id: None,
    };
    let mut errors = BTreeMap::new();
    if some(&query.municipality).is_some() && filter.municipality_code.is_none() {
        errors.insert("municipality", "error-municipality");
    }
    let resources = resource::list(&state.db, &filter).await?;
    let search = if query.wants_availability() {
        match availability_request(&query) {
            Ok(search) => Some(search),
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    } else {
        None
    };
    let capped = search.is_some() && resources.len() > SEARCH_RESOURCES;
    let mut rows: Vec<Row> = resources
        .into_iter()
        .map(|r| Row {
            kind: t.t(&format!("resource-kind-{}", r.kind)),
            location: location(&t, &r),
            approval: t.t(&format!("approval-{}", r.approval)),
            r,
            slots: Vec::new(),
            more_slots: 0,
            note: None,
        })
        .collect();
    if let Some(search) = &search {
        rows.truncate(SEARCH_RESOURCES);
        find_free_times(&state, &session, &t, search, &mut rows).await?;
    }
    let page = Frame::of(&session, "/resources", "resources-title");
    let kinds = ResourceKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), t.t(k.message_key()), query.kind == k.code()))
        .collect();
    let own_qualifications = match session.user.role {
        Role::Partner => session.user.organisation_id,
        _ => None,
    };
    let mut res = render(&ListPage {
        errors: FieldErrors::new(&page.t, errors.clone()),
        searched: search.is_some(),
        can_publish: super::resource_form::publishes(&session.user).is_ok(),
        own_qualifications,
        page,
        query,
        kinds,
        rows,
        capped,
    })?;
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

struct AvailabilitySearch {
    from: jiff::civil::Date,
    to: jiff::civil::Date,
    duration: SignedDuration,
}

fn availability_request(
    q: &ListQuery,
) -> Result<AvailabilitySearch, BTreeMap<&'static str, &'static str>> {
    let mut errors = BTreeMap::new();
    let from = view::parse_date(&q.from)
        .map_err(|e| errors.insert("from", e))
        .ok();
    let to = if q.to.trim().is_empty() {
        from.map(|f| view::add_days(f, 6))
    } else {
        view::parse_date(&q.to)
            .map_err(|e| errors.insert("to", e))
            .ok()
    };
    let minutes = if q.hours.trim().is_empty() {
        errors.insert("hours", "error-required");
        None
    } else {
        match view::parse_hours(&q.hours) {
            Some(m) if m > 0 => Some(m),
            _ => {
                errors.insert("hours", "error-hours");
                None
            }
        }
    };
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.insert("to", "error-to-before-from");
        } else if f.until(t).map(|s| s.get_days()).unwrap_or(i32::MAX) > SEARCH_DAYS as i32 {
            errors.insert("to", "error-search-too-long");
        }
    }
    match (from, to, minutes) {
        (Some(from), Some(to), Some(m)) if errors.is_empty() => Ok(AvailabilitySearch {
            from,
            to,
            duration: SignedDuration::from_mins(m),
        }),
        _ => Err(errors),
    }
}

/// For each resource: the spans in which a booking of the wanted length fits, as links to
/// the booking form.
async fn find_free_times(
    state: &AppState,
    session: &Session,
    t: &Tr,
    search: &AvailabilitySearch,
    rows: &mut [Row],
) -> Result<(), AppError> {
    let hierarchy = calendar::hierarchy(&state.db).await?;
    let now = Timestamp::now();
    let from = view::start_of(search.from);
    let to = view::start_of(view::next_day(search.to));
    let day = SignedDuration::from_hours(24);
    let mut family: Vec<i64> = rows
        .iter()
        .flat_map(|row| hierarchy.related(row.r.id))
        .collect();
    family.sort_unstable();
    family.dedup();
    let occupied = calendar::occupancies(&state.db, &family, from - day, to + day).await?;
    let own_kind = own_organisation_kind(state, &session.user).await?;
    for row in rows.iter_mut() {
        let r = &row.r;
        let rules = r.rules()?;
        if let Some(kind) = booker_kind_for(&session.user, own_kind, r) {
            if !rules.admits(kind) {
                row.note = Some(t.t("resource-not-for-you"));
                continue;
            }
        }
        let schedule = schedule_of(state, r).await?;
        let open = schedule.open_intervals(search.from, search.to);
        let busy = busy_times(r.id, r.capacity(), 1, &occupied, &hierarchy);
        let free = free_slots(&open, &busy, search.duration, &rules, now);
        let mut pieces = Vec::new();
        for span in free {
            pieces.extend(
                split_by_day(&span)
                    .into_iter()
                    .filter(|p| p.duration() >= search.duration),
            );
        }
        if pieces.is_empty() {
            row.note = Some(t.t("resource-no-free-time"));
            continue;
        }
        row.more_slots = i64::try_from(pieces.len().saturating_sub(SLOTS_SHOWN)).unwrap_or(0);
        row.slots = pieces
            .iter()
            .take(SLOTS_SHOWN)
            .map(|p| {
                let end = p.start() + search.duration;
                Choice {
                    value: booking_link(r.id, p.start(), end),
                    label: view::span_weekday(t, p.start(), p.end()),
                    selected: false,
                }
            })
            .collect();
    }
    Ok(())
}

/// The pieces of a span in each Helsinki day it touches.
fn split_by_day(span: &Interval) -> Vec<Interval> {
    let mut out = Vec::new();
    let mut start = span.start();
    while start < span.end() {
        let day = view::local(start).date();
        let midnight = view::start_of(view::next_day(day));
        let end = midnight.min(span.end());
        out.extend(Interval::new(start, end));
        if end <= start {
            break;
        }
        start = end;
    }
    out
}

/// The booking form of a resource, prefilled with a time.
pub fn booking_link(resource_id: i64, start: Timestamp, end: Timestamp) -> String {
    let (s, e) = (view::local(start), view::local(end));
    let end_text = if e.date() != s.date() && e.time() == jiff::civil::Time::midnight() {
        "24:00".to_string()
    } else {
        view::hhmm(e.time())
    };
    format!(
        "/resources/{resource_id}?date={}&start={}&end={}#book",
        view::iso(s.date()),
        url_encode(&view::hhmm(s.time())),
        url_encode(&end_text)
    )
}

async fn own_organisation_kind(
    state: &AppState,
    user: &User,
) -> Result<Option<OrganisationKind>, AppError> {
    if user.role != Role::Partner {
        return Ok(None);
    }
    let Some(org) = user.organisation_id else {
        return Ok(None);
    };
    Ok(organisation::get(&state.db, org).await?.map(|o| o.kind))
}

/// The kind of booker the user books this resource as by default: a partner as their
/// organisation, the institution's staff as the owner itself (own use).
fn booker_kind_for(
    user: &User,
    own_kind: Option<OrganisationKind>,
    r: &Resource,
) -> Option<BookerKind> {
    match user.role {
        Role::Partner => {
            let is_owner = user.organisation_id == Some(r.owner_organisation_id);
            own_kind.map(|k| BookerKind::for_organisation(k, is_owner))
        }
        Role::Admin | Role::Staff => Some(BookerKind::Own),
        Role::Viewer => None,
    }
}

/// The resource's schedule by the hours that govern it (its own, or its location's).
pub async fn schedule_of(state: &AppState, r: &Resource) -> Result<Schedule, AppError> {
    let g = hours::governing(&state.db, r).await?;
    Ok(resource::schedule_from(
        &g.weekly,
        &g.exceptions,
        r.closed_on_public_holidays,
    )?)
}

/// `Forssa, B-talo, 114` from the parts given.
fn location(t: &Tr, r: &Resource) -> String {
    let municipality = municipality_name(t, &r.municipality_code);
    [Some(municipality), r.building.clone(), r.room.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// One resource: details, week and month, booking form

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    pub week: String,
    pub month: String,
    pub date: String,
    pub start: String,
    pub end: String,
}

pub struct WeekView {
    pub title: String,
    pub code: String,
    pub previous: String,
    pub next: String,
    pub current: String,
    pub days: Vec<DayView>,
}

pub struct DayView {
    pub id: String,
    pub heading: String,
    pub today: bool,
    pub hours: String,
    pub closed: bool,
    pub entries: Vec<Entry>,
    pub free: Vec<Choice>,
    pub bars: Vec<Bar>,
    pub length: i64,
}

pub struct Entry {
    pub time: String,
    pub label: String,
    pub status: String,
    pub class: &'static str,
    pub link: Option<String>,
}

/// A piece of a day's time line: x and width in minutes from midnight.
pub struct Bar {
    pub x: i64,
    pub width: i64,
    pub class: &'static str,
}

pub struct MonthView {
    pub title: String,
    pub previous: String,
    pub next: String,
    pub weeks: Vec<MonthWeek>,
}

pub struct MonthWeek {
    pub number: i8,
    pub link: String,
    pub days: Vec<MonthDay>,
}

pub struct MonthDay {
    pub day: i8,
    pub in_month: bool,
    pub today: bool,
    pub link: String,
    /// The weekday and the full date, for screen readers.
    pub label: String,
    pub note: String,
    /// Why the day is closed, for screen readers (the cell shows only "closed").
    pub reason: String,
    pub class: &'static str,
}

#[derive(Template)]
#[template(path = "sharing/resource.html")]
pub struct ShowPage {
    pub page: Frame,
    pub r: Resource,
    pub facts: Vec<(String, String)>,
    pub rules: Vec<String>,
    pub prices: Vec<(String, String, String)>,
    pub hours: Vec<(String, String)>,
    pub always_open: bool,
    pub holidays: String,
    pub exceptions: Vec<(String, String)>,
    /// "The hours come from location X", when they do.
    pub hours_from: Option<String>,
    pub week: WeekView,
    pub month: MonthView,
    pub can_manage: bool,
    pub form: Option<BookingForm>,
    pub block_form: Option<BookingForm>,
    pub why_no_form: Option<String>,
    pub whole: Option<(i64, String)>,
    pub parts: Vec<(i64, String)>,
    /// The resource's pictures: where each is served and its text alternative.
    pub pictures: Vec<(String, String)>,
    /// The managers' names, to those who may see them.
    pub managers: Option<Vec<String>>,
}

/// What the resource page reads, for showing it and for showing it again with a form's errors.
pub struct Loaded {
    pub r: Resource,
    pub prices: Prices,
    /// The hours that govern the resource: its own, or its location's.
    pub weekly: Vec<WeeklyRange>,
    pub exceptions: Vec<DatedException>,
    /// The location the hours come from, when they do, by id and name.
    pub hours_from: Option<(i64, String)>,
    pub schedule: Schedule,
    pub rules: BookingRules,
    pub hierarchy: Hierarchy,
    pub qualification: Option<String>,
}

pub async fn load(state: &AppState, id: i64) -> Result<Loaded, AppError> {
    let r = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prices = resource::prices(&state.db, id).await?;
    let hours::Governing {
        weekly,
        exceptions,
        from_location,
    } = hours::governing(&state.db, &r).await?;
    let hours_from = match from_location {
        Some(l) => location::get(&state.db, l).await?.map(|l| (l.id, l.name)),
        None => None,
    };
    let schedule = resource::schedule_from(&weekly, &exceptions, r.closed_on_public_holidays)?;
    let rules = r.rules()?;
    let hierarchy = calendar::hierarchy(&state.db).await?;
    let qualification = match r.required_qualification_id {
        Some(q) => qualification::get(&state.db, q).await?.map(|q| q.name),
        None => None,
    };
    Ok(Loaded {
        r,
        prices,
        weekly,
        exceptions,
        hours_from,
        schedule,
        rules,
        hierarchy,
        qualification,
    })
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, id).await?;
    let input = BookingInput {
        date: query.date.clone(),
        start: query.start.clone(),
        end: query.end.clone(),
        ..Default::default()
    };
    let page = page_of(&state, &session, loaded, &query, input, None, None).await?;
    render(&page)
}

/// The resource page, with the booking form (or the block form) as the user left it.
pub async fn page_of(
    state: &AppState,
    session: &Session,
    loaded: Loaded,
    query: &ShowQuery,
    input: BookingInput,
    booking_errors: Option<(FieldErrors, Option<String>)>,
    block: Option<(BookingInput, FieldErrors, Option<String>)>,
) -> Result<ShowPage, AppError> {
    let Loaded {
        r,
        prices,
        weekly,
        exceptions,
        hours_from,
        schedule,
        rules,
        hierarchy,
        qualification,
    } = loaded;
    let id = r.id;
    let page = Frame::of(session, &format!("/resources/{id}"), "resource-title")
        .with_title(r.name.clone());
    let t = page.t.clone();
    let focus = view::parse_date(&query.date).ok();
    let week = Week::parse(&query.week)
        .or_else(|| focus.map(Week::of))
        .unwrap_or_else(|| Week::of(view::today()));
    let month = Month::parse(&query.month).unwrap_or_else(|| Month::of(week.monday));
    let grid = month.weeks();
    let first = grid
        .first()
        .map_or(week.monday, |w| w.monday)
        .min(week.monday);
    let last = grid
        .last()
        .map_or(week.sunday(), |w| w.sunday())
        .max(week.sunday());
    let family = hierarchy.related(id);
    let from = view::start_of(first);
    let to = view::start_of(view::next_day(last));
    let mut bookings: Vec<Booking> = Vec::new();
    for member in &family {
        bookings.extend(booking::in_period(&state.db, *member, from, to).await?);
    }
    bookings.retain(|b| b.status().is_some_and(|s| s.occupies()));
    bookings.sort_by_key(|b| (b.starts_at, b.id));
    let day = SignedDuration::from_hours(24);
    let occupied = calendar::occupancies(
        &state.db,
        &family,
        view::start_of(week.monday) - day,
        view::start_of(view::next_day(week.sunday())) + day,
    )
    .await?;
    let busy = busy_times(id, r.capacity(), 1, &occupied, &hierarchy);
    let week_view = week_view(&t, session, &r, &schedule, &rules, &bookings, &busy, week);
    let month_view = month_view(&t, &r, &schedule, &bookings, &month, &week);

    let can_manage = access::manages_resource(&session.user, r.owner_organisation_id).is_ok();
    let own_kind = own_organisation_kind(state, &session.user).await?;
    let eligible = booker_kind_for(&session.user, own_kind, &r).is_none_or(|k| rules.admits(k));
    let (form, why_no_form) = if access::books(&session.user).is_err() {
        (None, Some(t.t("resource-viewer-cannot-book")))
    } else if !eligible {
        (None, Some(t.t("resource-not-for-you")))
    } else {
        let (errors, general) = booking_errors.unwrap_or_default();
        let form = bookings::booking_form(
            state,
            session,
            &r,
            qualification.clone(),
            input,
            errors,
            general,
        )
        .await?;
        (Some(form), None)
    };
    let block_form = if can_manage {
        let (input, errors, general) = block.unwrap_or_default();
        Some(bookings::block_form(&r, input, errors, general))
    } else {
        None
    };

    let whole = match r.part_of {
        Some(w) => resource::get(&state.db, w).await?.map(|w| (w.id, w.name)),
        None => None,
    };
    let parts: Vec<(i64, String)> = resource::list(
        &state.db,
        &Filter {
            owner_organisation_id: Some(r.owner_organisation_id),
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .filter(|p| p.part_of == Some(id))
    .map(|p| (p.id, p.name))
    .collect();
    let pictures = resource::images(&state.db, id)
        .await?
        .into_iter()
        .map(|i| {
            (
                super::images::image_src(id, i.id),
                i.alt_text.unwrap_or_default(),
            )
        })
        .collect();
    let site = match r.location_id {
        Some(l) => location::get(&state.db, l).await?.map(|l| l.name),
        None => None,
    };
    let managers = if access::sees_resource_managers(&session.user) {
        Some(
            manager::managers(&state.db, id)
                .await?
                .into_iter()
                .map(|m| m.name)
                .collect(),
        )
    } else {
        None
    };

    Ok(ShowPage {
        facts: facts(&t, &r, site.as_deref()),
        rules: rules_in_words(&t, &r, &rules, qualification.as_deref()),
        prices: prices_in_words(&t, &prices),
        hours: hours_in_words(&t, &weekly),
        always_open: weekly.is_empty(),
        holidays: t.t(if r.closed_on_public_holidays {
            "resource-closed-on-holidays"
        } else {
            "resource-open-on-holidays"
        }),
        exceptions: exceptions_in_words(&t, &exceptions),
        hours_from: hours_from.map(|(_, name)| {
            view::message(&t, "places-hours-from-location", &[("location", name)])
        }),
        week: week_view,
        month: month_view,
        can_manage,
        form,
        block_form,
        why_no_form,
        whole,
        parts,
        pictures,
        managers,
        page,
        r,
    })
}

/// The resource's facts; `site` is the name of the owner's location it is at.
fn facts(t: &Tr, r: &Resource, site: Option<&str>) -> Vec<(String, String)> {
    let mut facts = vec![
        (
            t.t("field-resource-kind"),
            t.t(&format!("resource-kind-{}", r.kind)),
        ),
        (t.t("field-resource-owner"), r.owner_name.clone()),
    ];
    let place = [site.unwrap_or_default().to_string(), location(t, r)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !place.is_empty() {
        facts.push((t.t("field-location"), place));
    }
    if let Some(a) = &r.address {
        facts.push((t.t("field-address"), a.clone()));
    }
    if let Some(c) = r.capacity_people {
        facts.push((t.t("field-capacity-people"), c.to_string()));
    }
    if r.is_pool() {
        facts.push((t.t("field-quantity"), r.quantity.to_string()));
    }
    if let Some(a) = &r.accessibility {
        facts.push((t.t("field-accessibility"), a.clone()));
    }
    facts
}

/// The booking rules as sentences.
fn rules_in_words(
    t: &Tr,
    r: &Resource,
    rules: &BookingRules,
    qualification: Option<&str>,
) -> Vec<String> {
    let s = rules.settings();
    let mut out = vec![
        t.t(match s.approval {
            Approval::Owner => "rule-approval-owner",
            Approval::Automatic => "rule-approval-automatic",
        }),
        t.t(match s.eligibility {
            Eligibility::OwnInstitution => "rule-eligibility-own_institution",
            Eligibility::NetworkInstitutions => "rule-eligibility-network_institutions",
            Eligibility::RegisteredPartners => "rule-eligibility-registered_partners",
        }),
    ];
    let limit =
        |key: &str, minutes: i64| view::message(t, key, &[("limit", view::duration(t, minutes))]);
    if let Some(m) = s.slot_minutes {
        out.push(limit("rule-slot", m));
    }
    if let Some(m) = s.min_duration_minutes {
        out.push(limit("rule-min-duration", m));
    }
    if let Some(m) = s.max_duration_minutes {
        out.push(limit("rule-max-duration", m));
    }
    if let Some(m) = s.min_notice_minutes {
        out.push(limit("rule-min-notice", m));
    }
    if let Some(m) = s.max_ahead_minutes {
        out.push(limit("rule-max-ahead", m));
    }
    if s.buffer_before_minutes > 0 {
        out.push(limit("rule-buffer-before", s.buffer_before_minutes));
    }
    if s.buffer_after_minutes > 0 {
        out.push(limit("rule-buffer-after", s.buffer_after_minutes));
    }
    match s.cancellation_free_hours {
        Some(h) => out.push(limit("rule-cancellation-free", h * 60)),
        None => out.push(t.t("rule-cancellation-always-free")),
    }
    if let Some(q) = qualification {
        out.push(view::message(
            t,
            "rule-qualification",
            &[("name", q.to_string())],
        ));
    }
    if r.is_pool() {
        out.push(t.n("rule-pool", r.quantity));
    }
    out
}

fn prices_in_words(t: &Tr, prices: &Prices) -> Vec<(String, String, String)> {
    prices
        .tariffs()
        .map(|(kind, tariff)| {
            let money = |c: Option<i64>| c.map(|c| view::euros(t, c)).unwrap_or_else(|| "—".into());
            (
                t.t(kind.message_key()),
                money(tariff.per_hour_cents()),
                money(tariff.per_day_cents()),
            )
        })
        .collect()
}

fn ranges_in_words(t: &Tr, ranges: &[HoursRange]) -> String {
    ranges
        .iter()
        .map(|r| {
            let (o, c) = r.to_minutes();
            let clock = |m: i64| {
                let (h, m) = (m / 60, m % 60);
                match t.lang {
                    vaski_domain::Language::En => format!("{h}:{m:02}"),
                    _ => format!("{h}.{m:02}"),
                }
            };
            format!("{}–{}", clock(o), clock(c))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn hours_in_words(t: &Tr, weekly: &[WeeklyRange]) -> Vec<(String, String)> {
    (1..=7i64)
        .map(|day| {
            let ranges: Vec<HoursRange> = weekly
                .iter()
                .filter(|r| r.weekday == day)
                .filter_map(|r| HoursRange::from_minutes(r.opens_minute, r.closes_minute).ok())
                .collect();
            let text = if ranges.is_empty() {
                t.t("hours-closed")
            } else {
                ranges_in_words(t, &ranges)
            };
            (view::weekday_name(t, resource::weekday(day)), text)
        })
        .collect()
}

pub(super) fn exceptions_in_words(t: &Tr, exceptions: &[DatedException]) -> Vec<(String, String)> {
    exceptions
        .iter()
        .filter_map(|e| {
            let d = view::civil(e.on_date)?;
            if d < view::add_days(view::today(), -1) {
                return None;
            }
            let hours = match (e.opens_minute, e.closes_minute) {
                (Some(o), Some(c)) => HoursRange::from_minutes(o, c)
                    .map(|r| ranges_in_words(t, &[r]))
                    .unwrap_or_default(),
                _ => t.t("hours-closed"),
            };
            let text = match &e.note {
                Some(n) => format!("{hours} ({n})"),
                None => hours,
            };
            Some((
                format!(
                    "{} {}",
                    view::weekday_short(t, d.weekday()),
                    view::date(t, d)
                ),
                text,
            ))
        })
        .collect()
}

/// Why a day is closed, in words.
fn closed_reason(t: &Tr, schedule: &Schedule, d: jiff::civil::Date) -> String {
    if schedule.exceptions().any(|e| e.date == d) {
        return t.t("hours-closed-exception");
    }
    match holiday_on(d).filter(|_| schedule.closed_on_public_holidays()) {
        Some(h) => view::message(
            t,
            "hours-closed-holiday",
            &[("holiday", t.t(h.message_key()))],
        ),
        None => t.t("hours-closed"),
    }
}

#[expect(clippy::too_many_arguments)]
fn week_view(
    t: &Tr,
    session: &Session,
    r: &Resource,
    schedule: &Schedule,
    rules: &BookingRules,
    bookings: &[Booking],
    busy: &[Interval],
    week: Week,
) -> WeekView {
    let id = r.id;
    let today = view::today();
    let link = |w: Week| {
        format!(
            "/resources/{id}?week={}&month={}#week",
            w.code(),
            Month::of(w.monday).code()
        )
    };
    let now = Timestamp::now();
    let probe = rules
        .min_duration()
        .or_else(|| {
            rules
                .slot_minutes()
                .map(|s| SignedDuration::from_mins(i64::from(s)))
        })
        .unwrap_or(SignedDuration::from_mins(15));
    let open_all = schedule.open_intervals(week.monday, week.sunday());
    let free_all = free_slots(&open_all, busy, probe, rules, now);
    let days = week
        .days()
        .into_iter()
        .map(|d| {
            let day_start = view::start_of(d);
            let day_end = view::start_of(view::next_day(d));
            let ranges = schedule.hours_on(d);
            let closed = ranges.is_empty();
            let all_day = ranges.len() == 1 && ranges[0] == HoursRange::all_day();
            let hours = if closed {
                closed_reason(t, schedule, d)
            } else if all_day {
                t.t("hours-all-day")
            } else {
                ranges_in_words(t, ranges)
            };
            let mut bars: Vec<Bar> = schedule
                .open_intervals(d, d)
                .iter()
                .map(|o| {
                    let x = view::minute_of_day(d, o.start());
                    Bar {
                        x,
                        width: view::minute_of_day(d, o.end()) - x,
                        class: "open",
                    }
                })
                .collect();
            let mut entries = Vec::new();
            for b in bookings {
                let (s, e) = (view::instant(b.starts_at), view::instant(b.ends_at));
                if !(s < day_end && e > day_start) {
                    continue;
                }
                let sees = access::sees_booking(&session.user, b).is_ok();
                let named = super::names_booker(
                    &session.user,
                    b.booker_organisation_id,
                    b.owner_organisation_id,
                );
                let mut label = if b.kind == "block" {
                    match &b.purpose {
                        Some(p) => format!("{}: {p}", t.t("booking-kind-block")),
                        None => t.t("booking-kind-block"),
                    }
                } else if named {
                    b.booker_name
                        .clone()
                        .unwrap_or_else(|| t.t("booking-taken"))
                } else {
                    t.t("booking-taken")
                };
                if b.resource_id != id {
                    label = format!("{label} ({})", b.resource_name);
                }
                if r.is_pool() && b.resource_id == id {
                    label = format!("{label} · {}", t.n("booking-units-count", b.units));
                }
                let x = view::minute_of_day(d, s);
                bars.push(Bar {
                    x,
                    width: (view::minute_of_day(d, e) - x).max(1),
                    class: if b.status == "requested" {
                        "requested"
                    } else {
                        "busy"
                    },
                });
                entries.push(Entry {
                    time: view::times(t, s.max(day_start), e.min(day_end)),
                    label,
                    status: t.t(&format!("booking-status-{}", b.status)),
                    class: if b.kind == "block" {
                        "block"
                    } else {
                        "booking"
                    },
                    link: sees.then(|| format!("/bookings/{}", b.id)),
                });
            }
            let free = free_all
                .iter()
                .filter_map(|f| {
                    let s = f.start().max(day_start);
                    let e = f.end().min(day_end);
                    (s < e).then(|| {
                        let suggested = match rules.max_duration() {
                            Some(max) => e.min(s + max),
                            None => e,
                        };
                        Choice {
                            value: booking_link(id, s, suggested),
                            label: view::times(t, s, e),
                            selected: false,
                        }
                    })
                })
                .collect();
            DayView {
                id: format!("d-{}", view::iso(d)),
                heading: format!(
                    "{} {}",
                    view::weekday_name(t, d.weekday()),
                    view::date(t, d)
                ),
                today: d == today,
                hours,
                closed,
                entries,
                free,
                bars,
                length: view::day_minutes(d),
            }
        })
        .collect();
    WeekView {
        title: view::message(
            t,
            "week-title",
            &[
                ("week", week.number().to_string()),
                ("from", view::date_short(t, week.monday)),
                ("to", view::date(t, week.sunday())),
            ],
        ),
        code: week.code(),
        previous: link(week.previous()),
        next: link(week.next()),
        current: link(Week::of(today)),
        days,
    }
}

fn month_view(
    t: &Tr,
    r: &Resource,
    schedule: &Schedule,
    bookings: &[Booking],
    month: &Month,
    week: &Week,
) -> MonthView {
    let id = r.id;
    let today = view::today();
    let link = |m: Month| {
        format!(
            "/resources/{id}?week={}&month={}#month",
            week.code(),
            m.code()
        )
    };
    let weeks = month
        .weeks()
        .into_iter()
        .map(|w| MonthWeek {
            number: w.number(),
            link: format!(
                "/resources/{id}?week={}&month={}#week",
                w.code(),
                month.code()
            ),
            days: w
                .days()
                .into_iter()
                .map(|d| {
                    let (start, end) = (view::start_of(d), view::start_of(view::next_day(d)));
                    let count = bookings
                        .iter()
                        .filter(|b| {
                            view::instant(b.starts_at) < end && view::instant(b.ends_at) > start
                        })
                        .count();
                    let closed = schedule.hours_on(d).is_empty();
                    let note = if closed {
                        t.t("month-closed")
                    } else if count > 0 {
                        t.n("month-bookings", i64::try_from(count).unwrap_or(0))
                    } else {
                        String::new()
                    };
                    let label = format!(
                        "{} {}",
                        view::weekday_name(t, d.weekday()),
                        view::date(t, d)
                    );
                    let reason = if closed {
                        let why = closed_reason(t, schedule, d);
                        if why == note {
                            String::new()
                        } else {
                            why
                        }
                    } else {
                        String::new()
                    };
                    MonthDay {
                        day: d.day(),
                        in_month: d.month() == month.first.month(),
                        today: d == today,
                        link: format!(
                            "/resources/{id}?week={}&month={}&date={}#{}",
                            Week::of(d).code(),
                            month.code(),
                            view::iso(d),
                            format_args!("d-{}", view::iso(d))
                        ),
                        label,
                        note,
                        reason,
                        class: if closed {
                            "closed"
                        } else if count > 0 {
                            "taken"
                        } else {
                            "free"
                        },
                    }
                })
                .collect(),
        })
        .collect();
    MonthView {
        title: month.title(t),
        previous: link(month.previous()),
        next: link(month.next()),
        weeks,
    }
}
