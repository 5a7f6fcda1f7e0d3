//! Logging interactions with a partner, correcting and deleting them, and closing follow-ups.

use super::view::FieldErrors;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use time::OffsetDateTime;
use vaski_domain::network::interaction::{InteractionDraft, InteractionInput};
use vaski_domain::network::InteractionKind;
use vaski_store::account::{self, User};
use vaski_store::network::{interaction, organisation};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/{id}/interactions/new", get(new_form))
        .route("/organisations/{id}/interactions", post(create))
        .route("/interactions/{id}", post(update))
        .route("/interactions/{id}/edit", get(edit_form))
        .route("/interactions/{id}/delete", post(delete))
        .route("/interactions/{id}/done", post(complete))
}

#[derive(Template)]
#[template(path = "network/interaction_form.html")]
struct FormPage {
    page: Frame,
    action: String,
    /// Set when an existing interaction is edited, for the delete button.
    interaction_id: Option<i64>,
    organisation_id: i64,
    organisation_name: String,
    input: InteractionInput,
    assignee: String,
    staff: Vec<User>,
    errors: FieldErrors,
}

impl FormPage {
    fn kinds(&self) -> &'static [InteractionKind] {
        InteractionKind::ALL
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        &session,
        &format!("/organisations/{org}/interactions/new"),
        "interaction-new-title",
    );
    let input = InteractionInput {
        kind: "visit".into(),
        date: OffsetDateTime::now_utc().date().to_string(),
        our_participants: session.user.name.clone(),
        ..Default::default()
    };
    let staff = account::staff_users(&state.db).await?;
    render(&FormPage {
        page,
        action: format!("/organisations/{org}/interactions"),
        interaction_id: None,
        organisation_id: org,
        organisation_name: o.name,
        input,
        assignee: String::new(),
        staff,
        errors: FieldErrors::default(),
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let i = interaction::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        &session,
        &format!("/interactions/{id}/edit"),
        "interaction-edit-title",
    );
    let input = InteractionInput {
        kind: i.kind.clone(),
        date: i.occurred_on.to_string(),
        our_participants: i.our_participants.clone().unwrap_or_default(),
        their_participants: i.their_participants.clone().unwrap_or_default(),
        notes: i.notes.clone().unwrap_or_default(),
        follow_up_on: i.follow_up_on.map(|d| d.to_string()).unwrap_or_default(),
        follow_up_assignee: i.follow_up_assignee,
    };
    let staff = account::staff_users(&state.db).await?;
    render(&FormPage {
        page,
        action: format!("/interactions/{id}"),
        interaction_id: Some(id),
        organisation_id: i.organisation_id,
        organisation_name: i.organisation_name,
        assignee: i
            .follow_up_assignee
            .map(|a| a.to_string())
            .unwrap_or_default(),
        input,
        staff,
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct InteractionForm {
    csrf: String,
    kind: String,
    date: String,
    #[serde(default)]
    our_participants: String,
    #[serde(default)]
    their_participants: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    follow_up_on: String,
    #[serde(default)]
    follow_up_assignee: String,
}

/// Validates the form; on failure, the form page again with the errors and what was typed.
fn validate(
    form: InteractionForm,
    staff: Vec<User>,
    frame: impl FnOnce() -> Frame,
    target: (String, Option<i64>, i64, String),
) -> Result<InteractionDraft, Box<Response>> {
    let mut extra: BTreeMap<&'static str, &'static str> = BTreeMap::new();
    let assignee = match form.follow_up_assignee.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) if staff.iter().any(|u| u.id == id) => Some(id),
            _ => {
                extra.insert("follow_up_assignee", "error-assignee");
                None
            }
        },
    };
    let input = InteractionInput {
        kind: form.kind,
        date: form.date,
        our_participants: form.our_participants,
        their_participants: form.their_participants,
        notes: form.notes,
        follow_up_on: form.follow_up_on,
        follow_up_assignee: assignee,
    };
    match input.validate() {
        Ok(d) if extra.is_empty() => Ok(d),
        other => {
            let mut errors = other.err().unwrap_or_default();
            errors.extend(extra);
            let page = frame();
            let errors = FieldErrors::new(&page.t, errors);
            let (action, interaction_id, organisation_id, organisation_name) = target;
            let res = render(&FormPage {
                page,
                action,
                interaction_id,
                organisation_id,
                organisation_name,
                input,
                assignee: form.follow_up_assignee,
                staff,
                errors,
            })
            .map(|mut r| {
                *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
                r
            });
            Err(Box::new(res.unwrap_or_else(IntoResponse::into_response)))
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
    Form(form): Form<InteractionForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = account::staff_users(&state.db).await?;
    let frame = || {
        Frame::of(
            &session,
            &format!("/organisations/{org}/interactions/new"),
            "interaction-new-title",
        )
    };
    let target = (
        format!("/organisations/{org}/interactions"),
        None,
        org,
        o.name,
    );
    let draft = match validate(form, staff, frame, target) {
        Ok(d) => d,
        Err(page) => return Ok(*page),
    };
    let mut tx = state.db.begin().await?;
    interaction::create(&mut tx, org, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{org}#interactions")).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<InteractionForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let i = interaction::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = account::staff_users(&state.db).await?;
    let frame = || {
        Frame::of(
            &session,
            &format!("/interactions/{id}/edit"),
            "interaction-edit-title",
        )
    };
    let target = (
        format!("/interactions/{id}"),
        Some(id),
        i.organisation_id,
        i.organisation_name,
    );
    let draft = match validate(form, staff, frame, target) {
        Ok(d) => d,
        Err(page) => return Ok(*page),
    };
    let mut tx = state.db.begin().await?;
    interaction::update(&mut tx, id, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/organisations/{}#interactions",
        i.organisation_id
    ))
    .into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let i = interaction::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    interaction::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/organisations/{}#interactions",
        i.organisation_id
    ))
    .into_response())
}

/// Closes a follow-up: its assignee may, and so may anyone who edits the network.
pub async fn complete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let i = interaction::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if i.follow_up_assignee != Some(session.user.id) {
        access::edits_network(&session.user)?;
    }
    let mut tx = state.db.begin().await?;
    interaction::complete_follow_up(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/").into_response())
}
