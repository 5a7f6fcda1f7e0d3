//! Contact people: add one to an organisation, see and edit a person, move them elsewhere.

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
use vaski_domain::network::person::PersonInput;
use vaski_store::network::organisation;
use vaski_store::network::person::{self, Person, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/{id}/people/new", get(new_form))
        .route("/organisations/{id}/people", post(create))
        .route("/people/{id}", get(show).post(update))
        .route("/people/{id}/edit", get(edit_form))
        .route("/people/{id}/delete", post(delete))
        .route("/people/{id}/move", post(move_to))
}

#[derive(Template)]
#[template(path = "network/person_form.html")]
struct FormPage {
    page: Frame,
    action: String,
    organisation_name: String,
    input: PersonInput,
    errors: FieldErrors,
}

pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_organisation(&session.user, org)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        &session,
        &format!("/organisations/{org}/people/new"),
        "person-new-title",
    );
    render(&FormPage {
        page,
        action: format!("/organisations/{org}/people"),
        organisation_name: o.name,
        input: PersonInput::default(),
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct PersonForm {
    csrf: String,
    #[serde(flatten)]
    input: PersonInput,
}

fn form_again(
    session: &Session,
    action: String,
    organisation_name: String,
    input: PersonInput,
    errors: BTreeMap<&'static str, &'static str>,
) -> Result<Response, AppError> {
    let page = Frame::of(session, &action, "person-new-title");
    let errors = FieldErrors::new(&page.t, errors);
    let mut res = render(&FormPage {
        page,
        action,
        organisation_name,
        input,
        errors,
    })?;
    *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_organisation(&session.user, org)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(errors) => {
            return form_again(
                &session,
                format!("/organisations/{org}/people"),
                o.name,
                form.input,
                errors,
            )
        }
    };
    let mut tx = state.db.begin().await?;
    person::create(
        &mut tx,
        &draft,
        org,
        Some(OffsetDateTime::now_utc().date()),
        &session.actor(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{org}#people")).into_response())
}

/// A person may be seen by staff and viewers, and by a partner user of an organisation the
/// person belongs to.
async fn readable(
    state: &AppState,
    session: &Session,
    id: i64,
) -> Result<(Person, Vec<Role>), AppError> {
    let p = person::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = person::roles_of_person(&state.db, id).await?;
    if !session.user.role.sees_whole_network()
        && !roles
            .iter()
            .any(|r| access::reads_organisation(&session.user, r.organisation_id).is_ok())
    {
        return Err(AppError::NotFound);
    }
    Ok((p, roles))
}

fn editable(session: &Session, roles: &[Role]) -> Result<(), AppError> {
    if session.user.role.edits_network()
        || roles
            .iter()
            .any(|r| access::edits_organisation(&session.user, r.organisation_id).is_ok())
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Template)]
#[template(path = "network/person.html")]
struct ShowPage {
    page: Frame,
    p: Person,
    roles: Vec<Role>,
    can_edit: bool,
    /// Where staff can move the person; empty for others.
    organisations: Vec<(i64, String)>,
    today: String,
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (p, roles) = readable(&state, &session, id).await?;
    let can_edit = editable(&session, &roles).is_ok();
    let organisations = if session.user.role.edits_network() {
        organisation::names(&state.db).await?
    } else {
        Vec::new()
    };
    let page =
        Frame::of(&session, &format!("/people/{id}"), "person-title").with_title(p.name.clone());
    let today = OffsetDateTime::now_utc().date().to_string();
    render(&ShowPage {
        page,
        p,
        roles,
        can_edit,
        organisations,
        today,
    })
}

#[derive(Deserialize)]
pub struct MoveForm {
    csrf: String,
    organisation_id: i64,
    #[serde(default)]
    role_title: String,
    on: String,
}

/// Records that a person moved to another organisation: the current roles end, a new one starts.
pub async fn move_to(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    person::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    organisation::get(&state.db, form.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let on = vaski_domain::text::parse_date(&form.on)
        .ok()
        .flatten()
        .ok_or_else(|| AppError::Validation([("on", "error-date")].into_iter().collect()))?;
    let title = vaski_domain::text::optional_line(&form.role_title, 200)
        .map_err(|e| AppError::Validation([("role_title", e.key)].into_iter().collect()))?;
    let mut tx = state.db.begin().await?;
    person::move_to(
        &mut tx,
        id,
        form.organisation_id,
        title.as_deref(),
        on,
        &session.actor(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/people/{id}")).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (p, roles) = readable(&state, &session, id).await?;
    editable(&session, &roles)?;
    let page = Frame::of(&session, &format!("/people/{id}/edit"), "person-edit-title");
    let input = PersonInput {
        name: p.name,
        title: p.title.unwrap_or_default(),
        email: p.email.unwrap_or_default(),
        phone: p.phone.unwrap_or_default(),
        lawful_basis: p.lawful_basis.unwrap_or_default(),
    };
    let organisation_name = roles
        .first()
        .map(|r| r.organisation_name.clone())
        .unwrap_or_default();
    render(&FormPage {
        page,
        action: format!("/people/{id}"),
        organisation_name,
        input,
        errors: FieldErrors::default(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let (_, roles) = readable(&state, &session, id).await?;
    editable(&session, &roles)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let name = roles
                .first()
                .map(|r| r.organisation_name.clone())
                .unwrap_or_default();
            return form_again(&session, format!("/people/{id}"), name, form.input, errors);
        }
    };
    let mut tx = state.db.begin().await?;
    person::update(&mut tx, id, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/people/{id}")).into_response())
}

/// Erases a person (the GDPR's right to erasure); the audit keeps that it happened.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let (_, roles) = readable(&state, &session, id).await?;
    editable(&session, &roles)?;
    let mut tx = state.db.begin().await?;
    person::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    let back = roles
        .first()
        .map(|r| format!("/organisations/{}#people", r.organisation_id))
        .unwrap_or_else(|| "/".into());
    Ok(Redirect::to(&back).into_response())
}
