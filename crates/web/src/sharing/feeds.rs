//! Calendar feeds (iCalendar, RFC 5545): a resource's bookings in full behind a private link,
//! its busy times publicly, a user's own bookings behind their private link, and one booking
//! as a download. Subscribed to from Outlook, Google Calendar or the phone's calendar.

use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, CsrfOnly, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::sharing::ical::{Calendar, Event, EventStatus};
use vaski_domain::Language;
use vaski_store::account::User;
use vaski_store::sharing::booking::{self, Booking};
use vaski_store::sharing::feed;
use vaski_store::sharing::resource::{self, Resource};
use vaski_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calendar/resources/{file}", get(resource_private))
        .route("/calendar/resources/{id}/busy.ics", get(resource_busy))
        .route("/calendar/users/{file}", get(user_feed))
        .route("/calendar/me", get(me))
        .route("/calendar/me/renew", post(renew))
        .route("/bookings/{id}/calendar.ics", get(one_booking))
}

/// How far back a feed reaches: calendar programs keep what they already have.
const FEED_HISTORY_DAYS: i64 = 90;

fn since() -> OffsetDateTime {
    OffsetDateTime::now_utc() - Duration::days(FEED_HISTORY_DAYS)
}

/// The token of a `{token}.ics` path segment.
fn token_of(file: &str) -> Result<&str, AppError> {
    file.strip_suffix(".ics")
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or(AppError::NotFound)
}

fn language(q: &HashMap<String, String>) -> Language {
    q.get("lang")
        .and_then(|l| Language::parse(l))
        .unwrap_or_default()
}

/// The private feed of a resource: every booking with its booker and purpose.
async fn resource_private(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let token = token_of(&file)?;
    let r = resource::by_feed_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let labels = Labels::new(&Tr::new(language(&q)));
    let place = location(&r);
    let events = feed::resource_events(&state.db, r.id, since())
        .await?
        .into_iter()
        .map(|e| full_event(&labels, e, &r.name, &place))
        .collect();
    Ok(ics(
        &Calendar {
            name: r.name.clone(),
            events,
        },
        None,
    ))
}

/// The public feed of a resource: when it is taken, nothing about by whom.
async fn resource_busy(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let r = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Tr::new(language(&q));
    let summary = format!("{}: {}", r.name, t.t("calendar-busy"));
    let place = location(&r);
    let events = feed::resource_busy(&state.db, r.id, since())
        .await?
        .into_iter()
        .map(|b| busy_event(&summary, &place, b))
        .collect();
    let name = format!("{} ({})", r.name, t.t("calendar-busy"));
    Ok(ics(&Calendar { name, events }, None))
}

/// A user's own bookings, opened by the token of their private link.
async fn user_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = token_of(&file)?;
    let user_id = feed::user_of_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = vaski_store::account::user_by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let labels = Labels::new(&Tr::new(user.language));
    let bookings = feed::user_bookings(&state.db, user.id, since()).await?;
    let ids: Vec<i64> = bookings.iter().map(|b| b.resource_id).collect();
    let resources = resource::by_ids(&state.db, &ids).await?;
    let events = bookings
        .iter()
        .map(|b| {
            let place = resources
                .iter()
                .find(|r| r.id == b.resource_id)
                .and_then(location);
            Ok(full_event(
                &labels,
                feed::Event::of(b)?,
                &b.resource_name,
                &place,
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let name = format!("Vaski: {}", user.name);
    Ok(ics(&Calendar { name, events }, None))
}

/// One booking as a `.ics` download, for those who may see it.
async fn one_booking(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let b = booking::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    may_see(&session.user, &b)?;
    let r = resource::get(&state.db, b.resource_id).await?;
    let event = full_event(
        &Labels::new(&Tr::new(session.lang)),
        feed::Event::of(&b)?,
        &b.resource_name,
        &r.as_ref().and_then(location),
    );
    let calendar = Calendar {
        name: b.resource_name.clone(),
        events: vec![event],
    };
    Ok(ics(&calendar, Some(&format!("varaus-{id}.ics"))))
}

/// Staff and viewers see every booking; a partner those of their own organisation, as the
/// booker or as the owner; to anyone else the booking does not exist.
fn may_see(user: &User, b: &Booking) -> Result<(), AppError> {
    match user.role {
        Role::Admin | Role::Staff | Role::Viewer => Ok(()),
        Role::Partner
            if user.organisation_id.is_some()
                && (user.organisation_id == b.booker_organisation_id
                    || user.organisation_id == Some(b.owner_organisation_id)) =>
        {
            Ok(())
        }
        Role::Partner => Err(AppError::NotFound),
    }
}

fn status(status: &str) -> EventStatus {
    match status {
        "confirmed" => EventStatus::Confirmed,
        "requested" => EventStatus::Tentative,
        _ => EventStatus::Cancelled,
    }
}

fn location(r: &Resource) -> Option<String> {
    let parts: Vec<&str> = [&r.address, &r.building, &r.room]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The words of a feed, looked up once per feed rather than once per event (a feed of 10 000
/// bookings would otherwise spend most of its time in the message catalogue).
struct Labels {
    block: String,
    status: String,
    contact: String,
    units: String,
    requested: String,
    confirmed: String,
    rejected: String,
    cancelled: String,
}

impl Labels {
    fn new(t: &Tr) -> Labels {
        Labels {
            block: t.t("calendar-block"),
            status: t.t("calendar-status"),
            contact: t.t("calendar-contact"),
            units: t.t("calendar-units"),
            requested: t.t("calendar-status-requested"),
            confirmed: t.t("calendar-status-confirmed"),
            rejected: t.t("calendar-status-rejected"),
            cancelled: t.t("calendar-status-cancelled"),
        }
    }

    fn status_of(&self, status: &str) -> &str {
        match status {
            "requested" => &self.requested,
            "confirmed" => &self.confirmed,
            "rejected" => &self.rejected,
            _ => &self.cancelled,
        }
    }
}

fn full_event(t: &Labels, e: feed::Event, resource_name: &str, place: &Option<String>) -> Event {
    let who = if e.kind == "block" {
        t.block.as_str()
    } else {
        e.booker_name.as_deref().unwrap_or_default()
    };
    let mut description = format!("{}: {}", t.status, t.status_of(&e.status));
    if let Some(p) = &e.purpose {
        description.push('\n');
        description.push_str(p);
    }
    if let Some(c) = &e.contact_name {
        description.push_str(&format!("\n{}: {c}", t.contact));
    }
    if e.units > 1 {
        description.push_str(&format!("\n{}: {}", t.units, e.units));
    }
    Event {
        status: status(&e.status),
        uid: e.uid,
        sequence: e.sequence,
        stamp: e.updated_at,
        start: e.starts_at,
        end: e.ends_at,
        summary: format!("{resource_name}: {who}"),
        description: Some(description),
        location: place.clone(),
        url: None,
    }
}

fn busy_event(summary: &str, place: &Option<String>, b: feed::Busy) -> Event {
    Event {
        status: status(&b.status),
        uid: b.uid,
        sequence: b.sequence,
        stamp: b.updated_at,
        start: b.starts_at,
        end: b.ends_at,
        summary: summary.to_string(),
        description: None,
        location: place.clone(),
        url: None,
    }
}

fn ics(calendar: &Calendar, download: Option<&str>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(
        CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-cache"),
    );
    if let Some(name) = download {
        if let Ok(v) = format!("attachment; filename=\"{name}\"").parse() {
            headers.insert(CONTENT_DISPOSITION, v);
        }
    }
    (headers, calendar.to_ics()).into_response()
}

#[derive(Template)]
#[template(path = "feeds/me.html")]
struct MePage {
    page: Frame,
    https_url: String,
    webcal_url: String,
}

/// The user's subscription link, with how to use it.
async fn me(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let token = feed::user_token(&state.db, session.user.id).await?;
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if crate::auth::came_over_tls(&headers) {
        "https"
    } else {
        "http"
    };
    let path = format!("{host}/calendar/users/{token}.ics");
    render(&MePage {
        page: Frame::of(&session, "/calendar/me", "calendar-me-title"),
        https_url: format!("{scheme}://{path}"),
        webcal_url: format!("webcal://{path}"),
    })
}

/// A new private link; the old one stops working (for a link that leaked).
async fn renew(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    feed::renew_user_token(&state.db, session.user.id).await?;
    Ok(Redirect::to("/calendar/me").into_response())
}
