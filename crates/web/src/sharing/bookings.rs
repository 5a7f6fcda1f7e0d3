//! Booking pages: the booking form's handling (single and repeating bookings, the page that
//! names every occurrence that cannot be booked and books the rest), the owner's blocks, the
//! user's bookings with the requests waiting for a decision, one booking with its actions.

use super::resources::{self, ShowQuery};
use super::view;
use super::Choice;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::network::view::FieldErrors;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use vaski_domain::account::Role;
use vaski_domain::sharing::recurrence::{self, Rule, WallClock, DEFAULT_MAX_OCCURRENCES};
use vaski_domain::sharing::resource::{BookingStatus, SeriesScope};
use vaski_domain::sharing::Interval;
use vaski_store::network::organisation::{self, Filter as OrganisationFilter};
use vaski_store::network::person;
use vaski_store::sharing::booking::{
    self, Booking, Kind, MoveRefusal, NewBooking, NewSeries, Outcome, Problem, RequestError,
};
use vaski_store::sharing::calendar;
use vaski_store::sharing::resource::{self, Resource};
use vaski_store::{Page, StoreError};

/// What the booking form (and the block form) sends, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BookingInput {
    pub date: String,
    pub start: String,
    pub end: String,
    pub units: String,
    pub purpose: String,
    pub people: String,
    pub contact: String,
    pub booker: String,
    /// `none`, `weekly`, `biweekly`, `monthly` or `custom`.
    pub repeat: String,
    pub until: String,
    pub rrule: String,
    /// Set by the "book the rest" button.
    pub skip_conflicts: String,
}

#[derive(Debug, Deserialize)]
pub struct BookingPost {
    csrf: String,
    #[serde(flatten)]
    input: BookingInput,
}

/// Everything the booking form (or the block form) shows.
pub struct BookingForm {
    pub action: String,
    pub block: bool,
    pub input: BookingInput,
    pub errors: FieldErrors,
    pub general: Option<String>,
    pub pool: bool,
    pub capacity: i64,
    pub contacts: Vec<Choice>,
    pub bookers: Vec<Choice>,
    pub booker_fixed: Option<String>,
    pub requires: Option<String>,
    pub repeats: Vec<Choice>,
}

impl BookingForm {
    /// A field's id: the booking form and the block form share a page.
    pub fn id(&self, field: &str) -> String {
        let form = if self.block { "block" } else { "book" };
        format!("{form}-{field}")
    }

    pub fn purpose_label(&self) -> &'static str {
        if self.block {
            "field-block-reason"
        } else {
            "field-purpose"
        }
    }

    pub fn submit_label(&self) -> &'static str {
        if self.block {
            "block-submit"
        } else {
            "booking-submit"
        }
    }
}

const REPEATS: [&str; 5] = ["none", "weekly", "biweekly", "monthly", "custom"];

fn repeats(t: &Tr, input: &BookingInput) -> Vec<Choice> {
    let chosen = if input.repeat.is_empty() {
        "none"
    } else {
        input.repeat.as_str()
    };
    REPEATS
        .iter()
        .map(|r| Choice::new(r, t.t(&format!("repeat-{r}")), chosen == *r))
        .collect()
}

/// The organisation a booking is made for: a partner's own; for the institution's staff the
/// one chosen, by default the owner itself (own use).
fn booker_of(session: &Session, r: &Resource, input: &BookingInput) -> Option<i64> {
    match session.user.role {
        Role::Partner => session.user.organisation_id,
        _ => input
            .booker
            .trim()
            .parse()
            .ok()
            .or(Some(r.owner_organisation_id)),
    }
}

/// The current people of an organisation, for the contact person.
async fn people_of(state: &AppState, organisation_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    let mut seen = std::collections::BTreeSet::new();
    Ok(person::roles_at(&state.db, organisation_id)
        .await?
        .into_iter()
        .filter(|r| r.end_on.is_none() && seen.insert(r.person_id))
        .map(|r| (r.person_id, r.person_name))
        .collect())
}

pub async fn booking_form(
    state: &AppState,
    session: &Session,
    r: &Resource,
    requires: Option<String>,
    input: BookingInput,
    errors: FieldErrors,
    general: Option<String>,
) -> Result<BookingForm, AppError> {
    let t = Tr::new(session.lang);
    let booker = booker_of(session, r, &input);
    let (bookers, booker_fixed) = match session.user.role {
        Role::Partner => {
            let name = match booker {
                Some(b) => organisation::get(&state.db, b).await?.map(|o| o.name),
                None => None,
            };
            (Vec::new(), name)
        }
        _ => {
            let mine = OrganisationFilter {
                owner: Some(session.user.id),
                ..Default::default()
            };
            let (owned, _) =
                organisation::list(&state.db, &mine, Page::new(Page::MAX_LIMIT, 0)).await?;
            let mut choices = vec![Choice::new(
                &r.owner_organisation_id.to_string(),
                view::message(&t, "booker-own-use", &[("name", r.owner_name.clone())]),
                booker == Some(r.owner_organisation_id),
            )];
            let mut others: Vec<(i64, String)> = owned
                .into_iter()
                .filter(|o| o.id != r.owner_organisation_id)
                .map(|o| (o.id, o.name))
                .collect();
            if let Some(b) = booker {
                if b != r.owner_organisation_id && !others.iter().any(|o| o.0 == b) {
                    if let Some(o) = organisation::get(&state.db, b).await? {
                        others.push((o.id, o.name));
                    }
                }
            }
            others.sort_by_key(|a| a.1.to_lowercase());
            choices.extend(
                others
                    .into_iter()
                    .map(|(id, name)| Choice::new(&id.to_string(), name, booker == Some(id))),
            );
            (choices, None)
        }
    };
    let contacts = match booker {
        Some(b) => people_of(state, b)
            .await?
            .into_iter()
            .map(|(id, name)| Choice::new(&id.to_string(), name, input.contact == id.to_string()))
            .collect(),
        None => Vec::new(),
    };
    Ok(BookingForm {
        action: format!("/resources/{}/book", r.id),
        block: false,
        repeats: repeats(&t, &input),
        pool: r.is_pool(),
        capacity: r.quantity,
        input,
        errors,
        general,
        contacts,
        bookers,
        booker_fixed,
        requires,
    })
}

pub fn block_form(
    r: &Resource,
    input: BookingInput,
    errors: FieldErrors,
    general: Option<String>,
) -> BookingForm {
    BookingForm {
        action: format!("/resources/{}/block", r.id),
        block: true,
        repeats: Vec::new(),
        pool: false,
        capacity: r.quantity,
        input,
        errors,
        general,
        contacts: Vec::new(),
        bookers: Vec::new(),
        booker_fixed: None,
        requires: None,
    }
}

/// A form's errors: the field and the message key of each.
type FormErrors = BTreeMap<&'static str, &'static str>;

/// A booking request read from the form: the occurrences and what is booked.
struct Parsed {
    occurrences: Vec<Interval>,
    /// Occurrences the clock does not allow (daylight-saving change), with their reason.
    unbookable: Vec<Unbookable>,
    series: Option<NewSeries>,
    units: u32,
    people: Option<i64>,
    purpose: Option<String>,
    contact: Option<i64>,
    booker: Option<i64>,
}

/// The first occurrence's date and times, and the rule that repeats it.
struct When {
    date: Date,
    start: Time,
    end: Time,
    /// The end is midnight after the date (`24:00`).
    end_next_day: bool,
    rule: Rule,
    repeating: bool,
}

fn parse_request(
    input: &BookingInput,
    block: bool,
) -> Result<When, BTreeMap<&'static str, &'static str>> {
    let mut errors = BTreeMap::new();
    let date = view::parse_date(&input.date)
        .map_err(|e| errors.insert("date", e))
        .ok();
    let start = view::parse_clock(&input.start)
        .map_err(|e| errors.insert("start", e))
        .ok();
    let end_text = input.end.trim();
    let (end, end_next_day) = if matches!(end_text, "24" | "24:00" | "24.00") {
        (Some(Time::midnight()), true)
    } else {
        (
            view::parse_clock(end_text)
                .map_err(|e| errors.insert("end", e))
                .ok(),
            false,
        )
    };
    if let (Some(s), Some(e)) = (start, end) {
        if !end_next_day && e <= s {
            errors.insert("end", "error-end-before-start");
        }
    }
    let repeat = if block || input.repeat.is_empty() {
        "none"
    } else {
        input.repeat.as_str()
    };
    let until = if repeat == "none" || (repeat == "custom" && input.until.trim().is_empty()) {
        None
    } else {
        match view::parse_date(&input.until) {
            Ok(u) => {
                if date.is_some_and(|d| u < d) {
                    errors.insert("until", "error-until-before-date");
                }
                Some(u)
            }
            Err(e) => {
                errors.insert("until", e);
                None
            }
        }
    };
    let compact = |d: Date| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day());
    let rule_text = match (repeat, date, until) {
        ("none", _, _) => Some("FREQ=DAILY;COUNT=1".to_string()),
        ("weekly", _, Some(u)) => Some(format!("FREQ=WEEKLY;UNTIL={}", compact(u))),
        ("biweekly", _, Some(u)) => Some(format!("FREQ=WEEKLY;INTERVAL=2;UNTIL={}", compact(u))),
        ("monthly", Some(d), Some(u)) => {
            // The same weekday of the month: the third Thursday, or the last one in its fifth week.
            let nth = (d.day() - 1) / 7 + 1;
            let nth = if nth == 5 { -1 } else { nth };
            let code = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                [usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0)];
            Some(format!(
                "FREQ=MONTHLY;BYDAY={nth}{code};UNTIL={}",
                compact(u)
            ))
        }
        ("custom", _, until) => {
            let text = input.rrule.trim().to_string();
            if text.is_empty() {
                errors.insert("rrule", "error-required");
                None
            } else {
                let upper = text.to_uppercase();
                match until {
                    Some(u) if !upper.contains("UNTIL=") && !upper.contains("COUNT=") => Some(
                        format!("{};UNTIL={}", text.trim_end_matches(';'), compact(u)),
                    ),
                    _ => Some(text),
                }
            }
        }
        (other, _, _) if !REPEATS.contains(&other) => {
            errors.insert("repeat", "error-repeat");
            None
        }
        _ => None,
    };
    let rule = match rule_text.map(|t| Rule::parse(&t)) {
        Some(Ok(rule)) => Some(rule),
        Some(Err(e)) => {
            errors.insert(if repeat == "custom" { "rrule" } else { "until" }, e.key);
            None
        }
        None => None,
    };
    match (date, start, end, rule) {
        (Some(date), Some(start), Some(end), Some(rule)) if errors.is_empty() => Ok(When {
            date,
            start,
            end,
            end_next_day,
            rule,
            repeating: repeat != "none",
        }),
        _ => Err(errors),
    }
}

async fn parse(
    state: &AppState,
    session: &Session,
    r: &Resource,
    input: &BookingInput,
    block: bool,
) -> Result<Result<Parsed, FormErrors>, AppError> {
    let mut errors = BTreeMap::new();
    let request = parse_request(input, block);
    let units = if !block && r.is_pool() && !input.units.trim().is_empty() {
        match input.units.trim().parse::<u32>() {
            Ok(n) if n >= 1 && i64::from(n) <= r.quantity => Some(n),
            _ => {
                errors.insert("units", "error-units");
                None
            }
        }
    } else {
        Some(1)
    };
    let people = match input.people.trim() {
        "" => None,
        p => match p.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => {
                errors.insert("people", "error-number");
                None
            }
        },
    };
    let purpose = match vaski_domain::text::optional_text(&input.purpose, 1000) {
        Ok(p) => p,
        Err(e) => {
            errors.insert("purpose", e.key);
            None
        }
    };
    let booker = if block {
        None
    } else {
        booker_of(session, r, input)
    };
    if !block {
        match booker {
            Some(b) if organisation::get(&state.db, b).await?.is_some() => {}
            _ => {
                errors.insert("booker", "error-booker");
            }
        }
    }
    let contact = match (block, input.contact.trim(), booker) {
        (true, _, _) | (_, "", _) => None,
        (false, c, Some(b)) => match c.parse::<i64>() {
            Ok(id) => {
                let people = people_of(state, b).await?;
                if people.iter().any(|p| p.0 == id) {
                    Some(id)
                } else {
                    errors.insert("contact", "error-contact-of-booker");
                    None
                }
            }
            Err(_) => {
                errors.insert("contact", "error-id");
                None
            }
        },
        (false, _, None) => None,
    };
    let When {
        date,
        start,
        end,
        end_next_day,
        rule,
        repeating,
    } = match request {
        Ok(v) => v,
        Err(e) => {
            errors.extend(e);
            return Ok(Err(errors));
        }
    };
    let first = date.to_datetime(start);
    let last = if end_next_day {
        view::next_day(date).to_datetime(end)
    } else {
        date.to_datetime(end)
    };
    let duration: SignedDuration = last.duration_since(first);
    let expansion = match recurrence::expand(&rule, first, duration, &[], DEFAULT_MAX_OCCURRENCES) {
        Ok(x) => x,
        Err(e) => {
            let field = match input.repeat.as_str() {
                "custom" => "rrule",
                "" | "none" => "date",
                _ => "until",
            };
            errors.insert(field, e.key);
            return Ok(Err(errors));
        }
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let unbookable = expansion
        .unbookable()
        .filter_map(|o| {
            o.slot.err().map(|u| Unbookable {
                start: o.local_start,
                end: o.local_end,
                key: u.message_key(),
            })
        })
        .collect();
    Ok(Ok(Parsed {
        occurrences: expansion.bookable().collect(),
        unbookable,
        series: repeating.then(|| NewSeries {
            rrule: rule.to_rrule_string(),
            exdates: String::new(),
        }),
        units: units.unwrap_or(1),
        people,
        purpose,
        contact,
        booker,
    }))
}

/// An occurrence of a series whose start or end the clock skips (the spring-forward change).
struct Unbookable {
    start: jiff::civil::DateTime,
    end: jiff::civil::DateTime,
    key: &'static str,
}

pub struct RefusalRow {
    pub when: String,
    pub reasons: Vec<String>,
}

/// Why an occurrence cannot be booked, in words. The booker of a clashing booking is named
/// only to those who may see it (or when it is the owner's own use).
fn reasons(
    t: &Tr,
    session: &Session,
    r: &Resource,
    requires: Option<&str>,
    problems: &[Problem],
) -> Vec<String> {
    let mut out = Vec::new();
    for p in problems {
        match p {
            Problem::Clash { with } => {
                for c in with {
                    let mut details =
                        view::span_short(t, view::instant(c.starts_at), view::instant(c.ends_at));
                    if super::names_booker(
                        &session.user,
                        c.booker_organisation_id,
                        r.owner_organisation_id,
                    ) {
                        if let Some(name) = &c.booker_name {
                            details = format!("{details}, {name}");
                        }
                    }
                    let key = if c.kind == "block" {
                        "refusal-clash-block"
                    } else {
                        "refusal-clash"
                    };
                    out.push(view::message(
                        t,
                        key,
                        &[("id", c.booking_id.to_string()), ("details", details)],
                    ));
                }
            }
            Problem::ClashWithinRequest => out.push(t.t("refusal-clash-within")),
            Problem::Units {
                requested,
                capacity,
            } => out.push(view::message(
                t,
                "refusal-units",
                &[
                    ("requested", requested.to_string()),
                    ("capacity", capacity.to_string()),
                ],
            )),
            Problem::Rule { key, limit_minutes } => out.push(view::message(
                t,
                key,
                &[(
                    "limit",
                    limit_minutes
                        .map(|m| view::duration(t, m))
                        .unwrap_or_default(),
                )],
            )),
            Problem::Closed { key, holiday } => out.push(match holiday {
                Some(h) => view::message(t, "refusal-closed-holiday", &[("holiday", t.t(h))]),
                None => t.t(key),
            }),
            Problem::Qualification { .. } => out.push(view::message(
                t,
                "refusal-qualification",
                &[("name", requires.unwrap_or_default().to_string())],
            )),
            Problem::Nonexistent { key } => out.push(t.t(key)),
        }
    }
    out
}

fn refusal_rows(
    t: &Tr,
    session: &Session,
    r: &Resource,
    requires: Option<&str>,
    outcome: &Outcome,
    unbookable: &[Unbookable],
) -> Vec<RefusalRow> {
    let mut all: Vec<(Timestamp, RefusalRow)> = outcome
        .refused
        .iter()
        .map(|f| {
            let (s, e) = (view::instant(f.starts_at), view::instant(f.ends_at));
            (
                s,
                RefusalRow {
                    when: view::span_weekday(t, s, e),
                    reasons: reasons(t, session, r, requires, &f.problems),
                },
            )
        })
        .collect();
    for u in unbookable {
        // A start the clock skips has no instant; UTC places it near enough for sorting.
        let approx = view::place(u.start).unwrap_or_else(|| {
            jiff::tz::Offset::UTC
                .to_timestamp(u.start)
                .unwrap_or(Timestamp::UNIX_EPOCH)
        });
        let when = format!(
            "{} {} {}–{}",
            view::weekday_short(t, u.start.date().weekday()),
            view::date(t, u.start.date()),
            view::clock(t, u.start.time()),
            view::clock(t, u.end.time())
        );
        all.push((
            approx,
            RefusalRow {
                when,
                reasons: vec![t.t(u.key)],
            },
        ));
    }
    all.sort_by_key(|(at, _)| *at);
    all.into_iter().map(|(_, row)| row).collect()
}

#[derive(Template)]
#[template(path = "sharing/booking_refused.html")]
struct RefusedPage {
    page: Frame,
    resource_id: i64,
    resource_name: String,
    refusals: Vec<RefusalRow>,
    bookable: usize,
    form: BookingForm,
}

impl RefusedPage {
    fn refused_count(&self) -> i64 {
        i64::try_from(self.refusals.len()).unwrap_or(i64::MAX)
    }
    fn bookable_count(&self) -> i64 {
        i64::try_from(self.bookable).unwrap_or(i64::MAX)
    }
}

pub struct MadeRow {
    pub id: i64,
    pub when: String,
    pub status: String,
    pub price: Option<String>,
}

#[derive(Template)]
#[template(path = "sharing/booking_done.html")]
struct DonePage {
    page: Frame,
    resource_id: i64,
    resource_name: String,
    made: Vec<MadeRow>,
    waiting: bool,
    skipped: Vec<RefusalRow>,
    total: Option<String>,
}

impl DonePage {
    fn made_count(&self) -> i64 {
        i64::try_from(self.made.len()).unwrap_or(i64::MAX)
    }
}

/// The resource page again, with the form's errors next to its fields.
async fn page_again(
    state: &AppState,
    session: &Session,
    id: i64,
    input: BookingInput,
    block: bool,
    errors: BTreeMap<&'static str, &'static str>,
    general: Option<String>,
) -> Result<Response, AppError> {
    let loaded = resources::load(state, id).await?;
    let t = Tr::new(session.lang);
    let query = ShowQuery {
        date: input.date.clone(),
        ..Default::default()
    };
    let errors = FieldErrors::new(&t, errors);
    let page = if block {
        resources::page_of(
            state,
            session,
            loaded,
            &query,
            BookingInput::default(),
            None,
            Some((input, errors, general)),
        )
        .await?
    } else {
        resources::page_of(
            state,
            session,
            loaded,
            &query,
            input,
            Some((errors, general)),
            None,
        )
        .await?
    };
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn book(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(post): Form<BookingPost>,
) -> Result<Response, AppError> {
    session.check_csrf(&post.csrf)?;
    access::books(&session.user)?;
    submit(&state, &session, id, post.input, false).await
}

pub async fn block(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(post): Form<BookingPost>,
) -> Result<Response, AppError> {
    session.check_csrf(&post.csrf)?;
    let r = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::manages_resource(&session.user, r.owner_organisation_id)?;
    submit(&state, &session, id, post.input, true).await
}

async fn submit(
    state: &AppState,
    session: &Session,
    id: i64,
    input: BookingInput,
    block: bool,
) -> Result<Response, AppError> {
    let t = Tr::new(session.lang);
    let resources::Loaded {
        r,
        qualification: requires,
        ..
    } = resources::load(state, id).await?;
    let parsed = match parse(state, session, &r, &input, block).await? {
        Ok(p) => p,
        Err(errors) => return page_again(state, session, id, input, block, errors, None).await,
    };
    let req = NewBooking {
        resource_id: id,
        kind: if block { Kind::Block } else { Kind::Booking },
        occurrences: parsed.occurrences.clone(),
        series: parsed.series.clone(),
        units: parsed.units,
        booker_organisation_id: parsed.booker,
        contact_person_id: parsed.contact,
        booked_by: Some(session.user.id),
        purpose: parsed.purpose.clone(),
        people_count: parsed.people,
        skip_conflicts: !input.skip_conflicts.is_empty(),
    };
    let outcome = if req.occurrences.is_empty() {
        Outcome {
            made: Vec::new(),
            refused: Vec::new(),
        }
    } else {
        match booking::book(&state.db, &req, Timestamp::now(), &session.actor()).await? {
            Ok(o) => o,
            Err(RequestError::NotEligible) => {
                let general = Some(t.t("error-not-eligible"));
                return page_again(state, session, id, input, block, BTreeMap::new(), general)
                    .await;
            }
            Err(RequestError::NoBooker) => {
                let errors = [("booker", "error-booker")].into_iter().collect();
                return page_again(state, session, id, input, block, errors, None).await;
            }
        }
    };
    // The language switch returns here with a GET: to the resource, not to this POST.
    let page_path = format!("/resources/{id}");
    if outcome.made.is_empty() {
        let refusals = refusal_rows(
            &t,
            session,
            &r,
            requires.as_deref(),
            &outcome,
            &parsed.unbookable,
        );
        let bookable = if req.skip_conflicts {
            0
        } else {
            req.occurrences.len().saturating_sub(outcome.refused.len())
        };
        let form = if block {
            block_form(&r, input, FieldErrors::default(), None)
        } else {
            booking_form(
                state,
                session,
                &r,
                requires.clone(),
                input,
                FieldErrors::default(),
                None,
            )
            .await?
        };
        let page = Frame::of(session, &page_path, "booking-refused-title");
        let mut res = render(&RefusedPage {
            page,
            resource_id: id,
            resource_name: r.name.clone(),
            refusals,
            bookable,
            form,
        })?;
        *res.status_mut() = StatusCode::CONFLICT;
        return Ok(res);
    }
    let skipped = refusal_rows(
        &t,
        session,
        &r,
        requires.as_deref(),
        &outcome,
        &parsed.unbookable,
    );
    let waiting = outcome
        .made
        .iter()
        .any(|b| b.status == BookingStatus::Requested.code());
    let priced: Vec<i64> = outcome.made.iter().filter_map(|b| b.price_cents).collect();
    let total = (!priced.is_empty()).then(|| view::euros(&t, priced.iter().sum()));
    let made = outcome
        .made
        .iter()
        .map(|b| MadeRow {
            id: b.id,
            when: view::stored_span(&t, b.starts_at, b.ends_at),
            status: t.t(&format!("booking-status-{}", b.status)),
            price: b.price_cents.map(|c| view::euros(&t, c)),
        })
        .collect();
    let title = if block {
        "block-done-title"
    } else {
        "booking-done-title"
    };
    let page = Frame::of(session, &page_path, title);
    render(&DonePage {
        page,
        resource_id: id,
        resource_name: r.name.clone(),
        made,
        waiting,
        skipped,
        total,
    })
}

// ---------------------------------------------------------------------------------------------
// The user's bookings and the requests waiting for a decision

pub struct BookingRow {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub when: String,
    pub status: String,
    pub status_code: String,
    pub booker: Option<String>,
    pub purpose: Option<String>,
    pub price: Option<String>,
}

fn row(t: &Tr, session: &Session, b: &Booking) -> BookingRow {
    let sees = access::sees_booking(&session.user, b).is_ok();
    BookingRow {
        id: b.id,
        resource_id: b.resource_id,
        resource_name: b.resource_name.clone(),
        when: view::stored_span(t, b.starts_at, b.ends_at),
        status: t.t(&format!("booking-status-{}", b.status)),
        status_code: b.status.clone(),
        booker: if sees { b.booker_name.clone() } else { None },
        purpose: b.purpose.clone(),
        price: b.price_cents.map(|c| view::euros(t, c)),
    }
}

#[derive(Template)]
#[template(path = "sharing/bookings.html")]
struct ListPage {
    page: Frame,
    upcoming: Vec<BookingRow>,
    past: Vec<BookingRow>,
    waiting: Vec<WaitingRow>,
    manages: bool,
}

/// A request waiting for the owner: one booking, or the first waiting occurrence of a series
/// with the others that wait after it, decided at once.
struct WaitingRow {
    first: BookingRow,
    /// How many occurrences the row stands for, itself included.
    count: i64,
    /// "and 8 more times of the same series, the last Thu 20 May 2027"; empty for one booking.
    more: String,
}

/// The waiting requests, a series as one row at its first waiting occurrence.
fn waiting_rows(t: &Tr, session: &Session, waiting: &[Booking]) -> Vec<WaitingRow> {
    let mut groups: Vec<Vec<&Booking>> = Vec::new();
    let mut of_series: HashMap<i64, usize> = HashMap::new();
    for b in waiting {
        match b.series_id.and_then(|s| of_series.get(&s)) {
            Some(&n) => groups[n].push(b),
            None => {
                if let Some(s) = b.series_id {
                    of_series.insert(s, groups.len());
                }
                groups.push(vec![b]);
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|group| {
            let (first, last) = (group.first()?, group.last()?);
            let count = i64::try_from(group.len()).unwrap_or(i64::MAX);
            let more = if count > 1 {
                view::counted(
                    t,
                    "bookings-waiting-series",
                    count - 1,
                    &[("last", view::stored_span(t, last.starts_at, last.ends_at))],
                )
            } else {
                String::new()
            };
            let mut first_row = row(t, session, first);
            if count > 1 && first_row.price.is_some() {
                // The series' sum is what the owner decides on: one time's price would mislead.
                let sum: i64 = group.iter().filter_map(|b| b.price_cents).sum();
                first_row.price = Some(view::message(
                    t,
                    "bookings-waiting-series-price",
                    &[("sum", view::euros(t, sum))],
                ));
            }
            Some(WaitingRow {
                first: first_row,
                count,
                more,
            })
        })
        .collect()
}

pub async fn list(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let t = Tr::new(session.lang);
    let now = Timestamp::now();
    let mine = booking::made_by(&state.db, session.user.id, 500).await?;
    let (mut upcoming, mut past): (Vec<Booking>, Vec<Booking>) = mine
        .into_iter()
        .partition(|b| view::instant(b.ends_at) > now);
    upcoming.sort_by_key(|b| (b.starts_at, b.id));
    past.sort_by_key(|b| std::cmp::Reverse((b.starts_at, b.id)));
    past.truncate(50);
    let (manages, owner) = match session.user.role {
        Role::Admin | Role::Staff => (true, None),
        Role::Partner => (
            session.user.organisation_id.is_some(),
            session.user.organisation_id,
        ),
        Role::Viewer => (false, None),
    };
    let waiting = if manages {
        calendar::waiting_requests(&state.db, owner, now, 200).await?
    } else {
        Vec::new()
    };
    let page = Frame::of(&session, "/bookings", "bookings-title");
    render(&ListPage {
        upcoming: upcoming.iter().map(|b| row(&t, &session, b)).collect(),
        past: past.iter().map(|b| row(&t, &session, b)).collect(),
        waiting: waiting_rows(&t, &session, &waiting),
        manages,
        page,
    })
}

#[derive(Template)]
#[template(path = "sharing/booking.html")]
struct ShowPage {
    page: Frame,
    b: Booking,
    row: BookingRow,
    facts: Vec<(String, String)>,
    terms: String,
    can_cancel: bool,
    can_decide: bool,
    can_mark: bool,
    can_move: bool,
    moving: MoveForm,
    series: Vec<BookingRow>,
    /// Occurrences of the series that wait for the owner, this one included; 0 when it does
    /// not wait itself.
    series_waiting: i64,
}

impl ShowPage {
    fn move_refused_count(&self) -> i64 {
        i64::try_from(self.moving.refusals.len()).unwrap_or(i64::MAX)
    }
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    show_page(&state, &session, id, None).await
}

/// The booking page; with the move form as sent and what was wrong with it, and the answer's
/// status, when a move was refused.
async fn show_page(
    state: &AppState,
    session: &Session,
    id: i64,
    refused: Option<(MoveForm, StatusCode)>,
) -> Result<Response, AppError> {
    let b = booking::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::sees_booking(&session.user, &b)?;
    let r = resource::get(&state.db, b.resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rules = r.rules()?;
    let page = Frame::of(session, &format!("/bookings/{id}"), "booking-title")
        .with_title(format!("{} #{id}", page_title(session, &b)));
    let t = page.t.clone();
    let now = Timestamp::now();
    let start = view::instant(b.starts_at);
    let terms = match rules.settings().cancellation_free_hours {
        None => t.t("terms-always-free"),
        Some(h) => {
            let deadline = start - SignedDuration::from_hours(h);
            let key = if rules.cancellation_is_free(start, now) {
                "terms-free-until"
            } else {
                "terms-no-longer-free"
            };
            view::message(
                &t,
                key,
                &[
                    ("limit", view::duration(&t, h * 60)),
                    ("deadline", view::moment(&t, deadline)),
                ],
            )
        }
    };
    let status = b.status();
    let mut facts = vec![(
        t.t("field-booking-status"),
        t.t(&format!("booking-status-{}", b.status)),
    )];
    if b.kind == "block" {
        facts.push((t.t("field-booking-kind"), t.t("booking-kind-block")));
    }
    if let Some(n) = &b.booker_name {
        facts.push((t.t("field-booker"), n.clone()));
    }
    if let Some(c) = &b.contact_name {
        facts.push((t.t("field-contact"), c.clone()));
    }
    if let Some(p) = &b.purpose {
        facts.push((t.t("field-purpose"), p.clone()));
    }
    if let Some(n) = b.people_count {
        facts.push((t.t("field-people"), n.to_string()));
    }
    if r.is_pool() {
        facts.push((t.t("field-units"), b.units.to_string()));
    }
    if let Some(c) = b.price_cents {
        facts.push((
            t.t("field-price"),
            format!("{} {}", view::euros(&t, c), t.t("price-vat-excluded")),
        ));
    }
    if b.no_show {
        facts.push((t.t("field-no-show"), t.t("no-show-marked")));
    }
    let others = match b.series_id {
        Some(s) => calendar::series_bookings(&state.db, s)
            .await?
            .into_iter()
            .filter(|o| o.id != b.id)
            .collect(),
        None => Vec::new(),
    };
    // The occurrences one "confirm all" decides: this one and the others that still wait.
    let series_waiting = if b.status() == Some(BookingStatus::Requested) {
        let others_waiting = others
            .iter()
            .filter(|o| o.status() == Some(BookingStatus::Requested))
            .count();
        i64::try_from(others_waiting).map_or(i64::MAX, |n| n + 1)
    } else {
        0
    };
    let series: Vec<BookingRow> = others.iter().map(|o| row(&t, session, o)).collect();
    let manages = access::manages_resource(&session.user, b.owner_organisation_id).is_ok();
    let (moving, status_code) = match refused {
        Some((form, code)) => (form, code),
        None => (MoveForm::of(&t, &b), StatusCode::OK),
    };
    let mut res = render(&ShowPage {
        row: row(&t, session, &b),
        can_cancel: access::cancels_booking(&session.user, &b).is_ok()
            && status.is_some_and(|s| s.may_become(BookingStatus::Cancelled))
            && view::instant(b.ends_at) > now,
        can_move: access::cancels_booking(&session.user, &b).is_ok()
            && status.is_some_and(BookingStatus::occupies)
            && (start > now || !series.is_empty()),
        moving,
        can_decide: manages && status == Some(BookingStatus::Requested),
        can_mark: manages
            && b.kind == "booking"
            && status == Some(BookingStatus::Confirmed)
            && start <= now,
        facts,
        terms,
        series,
        series_waiting,
        page,
        b,
    })?;
    *res.status_mut() = status_code;
    Ok(res)
}

fn page_title(session: &Session, b: &Booking) -> String {
    let t = Tr::new(session.lang);
    format!(
        "{}, {}",
        b.resource_name,
        view::stored_span(&t, b.starts_at, b.ends_at)
    )
}

#[derive(Debug, Deserialize)]
pub struct ActionForm {
    csrf: String,
    #[serde(default)]
    back: String,
    /// `this`, `following` or `all` occurrences of a series: a series is confirmed, rejected or
    /// cancelled at once.
    #[serde(default)]
    scope: String,
    #[serde(default)]
    no_show: String,
}

impl ActionForm {
    fn back_to(&self, id: i64) -> String {
        if self.back.starts_with('/') && !self.back.starts_with("//") {
            self.back.clone()
        } else {
            format!("/bookings/{id}")
        }
    }
}

async fn change_status(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &ActionForm,
    next: BookingStatus,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let b = booking::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::sees_booking(&session.user, &b)?;
    match next {
        BookingStatus::Cancelled => {
            access::cancels_booking(&session.user, &b)?;
        }
        _ => access::decides_booking(&session.user, &b)?,
    }
    let mut tx = state.db.begin().await?;
    let scope = SeriesScope::parse(&form.scope).unwrap_or(SeriesScope::This);
    let changed = booking::set_status_in_series(&mut tx, id, scope, next, &session.actor()).await;
    match changed {
        Ok(_) => {}
        Err(StoreError::Invalid { key, .. }) => {
            let t = Tr::new(session.lang);
            return Err(AppError::Conflict {
                code: "conflict",
                message: t.t(key),
            });
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to(&form.back_to(id)).into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    change_status(&state, &session, id, &form, BookingStatus::Confirmed).await
}

pub async fn reject(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    change_status(&state, &session, id, &form, BookingStatus::Rejected).await
}

pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    change_status(&state, &session, id, &form, BookingStatus::Cancelled).await
}

pub async fn no_show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let b = booking::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::manages_resource(&session.user, b.owner_organisation_id)?;
    let mut tx = state.db.begin().await?;
    booking::set_no_show(&mut tx, id, !form.no_show.is_empty(), &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&form.back_to(id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Moving a booking, or occurrences of its series, to another time

/// What the move form sends, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    /// `this`, `following` or `all` occurrences of a series.
    pub scope: String,
    pub start: String,
    pub end: String,
    /// A new date for one occurrence; empty keeps each occurrence's date.
    pub date: String,
}

#[derive(Debug, Deserialize)]
pub struct MovePost {
    csrf: String,
    #[serde(flatten)]
    input: MoveInput,
}

/// The move form on the booking page: what was typed, what is wrong with it, and the
/// occurrences that could not move with their reasons.
pub struct MoveForm {
    pub input: MoveInput,
    pub scopes: Vec<Choice>,
    pub errors: FieldErrors,
    pub general: Option<String>,
    pub refusals: Vec<RefusalRow>,
}

const SCOPES: [&str; 3] = ["this", "following", "all"];

const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

fn scope_choices(t: &Tr, chosen: &str) -> Vec<Choice> {
    let chosen = if SCOPES.contains(&chosen) {
        chosen
    } else {
        "this"
    };
    SCOPES
        .iter()
        .map(|s| Choice::new(s, t.t(&format!("series-scope-{s}")), chosen == *s))
        .collect()
}

impl MoveForm {
    /// The form as first shown: the booking's present times, this occurrence only.
    fn of(t: &Tr, b: &Booking) -> MoveForm {
        let start = view::local(view::instant(b.starts_at));
        let end = view::local(view::instant(b.ends_at));
        MoveForm {
            input: MoveInput {
                scope: "this".into(),
                start: view::hhmm(start.time()),
                end: view::hhmm(end.time()),
                date: String::new(),
            },
            scopes: scope_choices(t, "this"),
            errors: FieldErrors::default(),
            general: None,
            refusals: Vec::new(),
        }
    }

    fn again(t: &Tr, input: MoveInput) -> MoveForm {
        MoveForm {
            scopes: scope_choices(t, &input.scope),
            input,
            errors: FieldErrors::default(),
            general: None,
            refusals: Vec::new(),
        }
    }
}

/// Reads the move form, naming each field that is wrong.
fn parse_move(
    input: &MoveInput,
    by_owner: bool,
) -> Result<booking::Move, BTreeMap<&'static str, &'static str>> {
    let mut errors = BTreeMap::new();
    let scope = SeriesScope::parse(input.scope.trim()).unwrap_or(SeriesScope::This);
    let start = view::parse_clock(&input.start).map_err(|e| errors.insert("start", e));
    let end = view::parse_clock(&input.end).map_err(|e| errors.insert("end", e));
    let date = if input.date.trim().is_empty() {
        None
    } else if scope != SeriesScope::This {
        errors.insert("date", "series-move-date-one-only");
        None
    } else {
        view::parse_date(&input.date)
            .map_err(|e| errors.insert("date", e))
            .ok()
    };
    let times = match (start, end) {
        (Ok(s), Ok(e)) => WallClock::new(s, e)
            .map_err(|e| errors.insert("end", e.key))
            .ok(),
        _ => None,
    };
    match times {
        Some(times) if errors.is_empty() => Ok(booking::Move {
            scope,
            times,
            date,
            by_owner,
        }),
        _ => Err(errors),
    }
}

/// The occurrences that could not move: each with its present time, the time asked and why.
fn move_refusal_rows(
    t: &Tr,
    session: &Session,
    r: &Resource,
    requires: Option<&str>,
    refused: &[MoveRefusal],
) -> Vec<RefusalRow> {
    refused
        .iter()
        .map(|f| {
            let from = view::stored_span(t, f.starts_at, f.ends_at);
            let when = match (f.new_starts_at, f.new_ends_at) {
                (Some(s), Some(e)) => format!("{from} → {}", view::stored_span(t, s, e)),
                _ => from,
            };
            RefusalRow {
                when,
                reasons: reasons(t, session, r, requires, &f.problems),
            }
        })
        .collect()
}

/// `POST /bookings/{id}/move`: moves the booking (or occurrences of its series) to new times;
/// all the chosen occurrences move or none, and the page names each one that could not.
pub async fn move_booking(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(post): Form<MovePost>,
) -> Result<Response, AppError> {
    session.check_csrf(&post.csrf)?;
    let b = booking::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::sees_booking(&session.user, &b)?;
    access::cancels_booking(&session.user, &b)?;
    let t = Tr::new(session.lang);
    let by_owner = access::manages_resource(&session.user, b.owner_organisation_id).is_ok();
    let mut form = MoveForm::again(&t, post.input);
    let m = match parse_move(&form.input, by_owner) {
        Ok(m) => m,
        Err(errors) => {
            form.errors = FieldErrors::new(&t, errors);
            return show_page(&state, &session, id, Some((form, UNPROCESSABLE))).await;
        }
    };
    match booking::move_in_series(&state.db, id, &m, Timestamp::now(), &session.actor()).await {
        Ok(Ok(_)) => Ok(Redirect::to(&format!("/bookings/{id}")).into_response()),
        Ok(Err(refused)) => {
            let loaded = resources::load(&state, b.resource_id).await?;
            form.refusals = move_refusal_rows(
                &t,
                &session,
                &loaded.r,
                loaded.qualification.as_deref(),
                &refused,
            );
            show_page(&state, &session, id, Some((form, StatusCode::CONFLICT))).await
        }
        Err(StoreError::Invalid { field, key }) => {
            if matches!(field, "date" | "start" | "end") {
                form.errors = FieldErrors::new(&t, [(field, key)].into_iter().collect());
            } else {
                form.general = Some(t.t(key));
            }
            show_page(&state, &session, id, Some((form, UNPROCESSABLE))).await
        }
        Err(StoreError::Conflict { .. }) => {
            // The database's own guard: the time was taken meanwhile.
            form.general = Some(t.t("booking-clashes"));
            show_page(&state, &session, id, Some((form, StatusCode::CONFLICT))).await
        }
        Err(e) => Err(e.into()),
    }
}
