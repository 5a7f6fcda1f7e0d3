//! `/admin/mail`: the mails that could not be sent. The administrator sees each failed or
//! given-up mail (recipient, subject, attempts, last error, next attempt) and how many wait in
//! the outbox, and sends one again now or discards it; both are recorded in the audit trail.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, CsrfOnly, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::Language;
use vaski_store::db::to_timestamp;
use vaski_store::outbox::{self, Mail};

/// The most failed mails listed at once; more than this means the SMTP settings are wrong,
/// which the first page shows as well as a thousand.
const SHOWN: i64 = 200;

/// One failed mail as the table shows it.
struct Row {
    id: i64,
    to: String,
    subject: String,
    attempts: i64,
    last_error: String,
    next_try: String,
    /// Buttons only where the store would act: not while a worker holds the mail.
    actionable: bool,
}

#[derive(Template)]
#[template(path = "admin/mail.html")]
struct MailPage {
    page: Frame,
    pending: i64,
    rows: Vec<Row>,
    done: Option<String>,
}

/// What the last action did, carried by the redirect back to the page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    pub done: String,
}

/// `GET /admin/mail`
pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    access::is_admin(&session.user)?;
    let page = Frame::of(&session, "/admin/mail", "mail-admin-title");
    let now = OffsetDateTime::now_utc();
    let lang = page.t.lang;
    let rows = outbox::failures(&state.db, SHOWN)
        .await?
        .into_iter()
        .map(|m| row(&page, lang, &m, now))
        .collect();
    let pending = outbox::pending_count(&state.db).await?;
    let done = match done.done.as_str() {
        "retried" => Some(page.t.t("mail-admin-retried")),
        "discarded" => Some(page.t.t("mail-admin-discarded")),
        "unchanged" => Some(page.t.t("mail-admin-unchanged")),
        _ => None,
    };
    render(&MailPage {
        page,
        pending,
        rows,
        done,
    })
}

fn row(page: &Frame, lang: Language, m: &Mail, now: OffsetDateTime) -> Row {
    let being_sent = m.claimed_until.is_some_and(|until| until > now);
    let next_try = if being_sent {
        page.t.t("mail-admin-sending")
    } else if m.gave_up() {
        page.t.t("mail-admin-given-up")
    } else {
        moment(lang, m.next_attempt_at)
    };
    Row {
        id: m.id,
        to: if m.to_name.trim().is_empty() {
            m.to.clone()
        } else {
            format!("{} <{}>", m.to_name, m.to)
        },
        subject: m.subject.clone(),
        attempts: m.attempts,
        last_error: m.last_error.clone().unwrap_or_default(),
        next_try,
        actionable: !being_sent,
    }
}

/// A moment in Helsinki time as the language writes it: `24.11.2026 klo 9.05`.
fn moment(lang: Language, t: OffsetDateTime) -> String {
    let Ok(at) = to_timestamp(t) else {
        return t.to_string();
    };
    let local = at.to_zoned(helsinki().clone());
    match lang {
        Language::Fi => local.strftime("%-d.%-m.%Y klo %-H.%M").to_string(),
        Language::Sv => local.strftime("%-d.%-m.%Y kl. %-H.%M").to_string(),
        Language::En => local.strftime("%-d %b %Y %-H:%M").to_string(),
    }
}

/// `POST /admin/mail/{id}/retry`: the mail is due at once with a fresh series of attempts.
pub async fn retry(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::is_admin(&session.user)?;
    let done =
        outbox::retry_now(&state.db, id, OffsetDateTime::now_utc(), &session.actor()).await?;
    Ok(back(if done { "retried" } else { "unchanged" }))
}

/// `POST /admin/mail/{id}/discard`: the mail is removed and never sent.
pub async fn discard(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::is_admin(&session.user)?;
    let done = outbox::discard(&state.db, id, OffsetDateTime::now_utc(), &session.actor()).await?;
    Ok(back(if done { "discarded" } else { "unchanged" }))
}

fn back(done: &str) -> Response {
    Redirect::to(&format!("/admin/mail?done={done}")).into_response()
}
