//! `/people`: contact people and their roles at organisations. A partner user sees the people
//! of their own organisation, and of each person only the roles there.

use super::error::{ApiError, JsonBody};
use super::input::{validated, Body, Params};
use super::output;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use time::OffsetDateTime;
use vaski_domain::network::person::PersonInput;
use vaski_domain::network::search;
use vaski_store::account::User;
use vaski_store::network::organisation;
use vaski_store::network::person::{self, Person, Role};
use vaski_store::{in_list, sql, Db, Page};

const READ_ONLY: &[&str] = &["id", "organisation_id", "roles"];

/// A person as the API writes it, with the roles the user may see.
fn to_json(p: &Person, roles: &[Role], user: &User) -> Value {
    let visible: Vec<&Role> = roles
        .iter()
        .filter(|r| r.person_id == p.id)
        .filter(|r| access::reads_organisation(user, r.organisation_id).is_ok())
        .collect();
    // The current organisation: an open role first, else the latest.
    let current = visible
        .iter()
        .find(|r| r.end_on.is_none())
        .or_else(|| visible.first())
        .map(|r| r.organisation_id);
    json!({
        "id": p.id,
        "name": p.name,
        "title": p.title,
        "email": p.email,
        "phone": p.phone,
        "lawful_basis": p.lawful_basis,
        "organisation_id": current,
        "roles": visible.iter().map(|r| json!({
            "organisation_id": r.organisation_id,
            "organisation_name": r.organisation_name,
            "title": r.role_title,
            "start_on": output::opt_date(r.start_on),
            "end_on": output::opt_date(r.end_on),
        })).collect::<Vec<_>>(),
    })
}

/// The roles of several people, current first, newest first.
async fn roles_of(db: &Db, person_ids: &[i64]) -> Result<Vec<Role>, ApiError> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql("");
    let list = in_list(&mut q, person_ids.iter().copied());
    q.push_sql(&format!(
        "SELECT r.id, r.person_id, r.organisation_id, o.name AS organisation_name, p.name AS person_name, \
         r.role_title, r.start_on, r.end_on FROM person_roles r JOIN organisations o ON o.id = r.organisation_id \
         JOIN people p ON p.id = r.person_id WHERE r.person_id IN ({list}) \
         ORDER BY r.end_on IS NULL DESC, r.id DESC"
    ));
    Ok(db.fetch_all(q).await?)
}

/// How many people `person::list` would give without paging.
async fn count(db: &Db, q: Option<&str>, organisation_id: Option<i64>) -> Result<i64, ApiError> {
    let mut query = sql("SELECT COUNT(*) FROM people p");
    let mut conditions = Vec::new();
    if let Some(text) = q {
        for stem in search::query_stems(text) {
            let p = query.push_arg(format!("% {stem}%"));
            conditions.push(format!("p.search_text LIKE {p}"));
        }
    }
    if let Some(org) = organisation_id {
        let p = query.push_arg(org);
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.organisation_id = {p})"
        ));
    }
    if !conditions.is_empty() {
        query.push_sql(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    let (n,): (i64,) = db.fetch_one(query).await?;
    Ok(n)
}

/// The organisation a list is narrowed to: a partner's own, whatever else they ask for.
pub fn list_scope(user: &User, asked: Option<i64>) -> Result<Option<i64>, ApiError> {
    if user.role.sees_whole_network() {
        return Ok(asked);
    }
    let own = user.organisation_id.ok_or_else(ApiError::not_found)?;
    match asked {
        Some(other) if other != own => Err(ApiError::not_found()),
        _ => Ok(Some(own)),
    }
}

fn read_input(
    map: &Map<String, Value>,
) -> Result<vaski_domain::network::person::PersonDraft, ApiError> {
    let mut b = Body::new(map);
    let input = PersonInput {
        name: b.text("name"),
        title: b.text("title"),
        email: b.text("email"),
        phone: b.text("phone"),
        lawful_basis: b.text("lawful_basis"),
    };
    b.read_only(READ_ONLY);
    validated(b.finish(), input.validate())
}

/// The person with their roles, if the user may see them: staff and viewers any, a partner
/// user only people with a role at their organisation.
async fn readable(state: &AppState, user: &User, id: i64) -> Result<(Person, Vec<Role>), ApiError> {
    let p = person::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let roles = roles_of(&state.db, &[id]).await?;
    if !user.role.sees_whole_network()
        && !roles
            .iter()
            .any(|r| access::reads_organisation(user, r.organisation_id).is_ok())
    {
        return Err(ApiError::not_found());
    }
    Ok((p, roles))
}

fn editable(user: &User, roles: &[Role]) -> Result<(), ApiError> {
    if user.role.edits_network()
        || roles
            .iter()
            .any(|r| access::edits_organisation(user, r.organisation_id).is_ok())
    {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// `GET /people`
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let q = p.text("q");
    let organisation_id = p.int("organisation");
    let page: Page = p.page();
    p.finish()?;
    let scope = list_scope(&user, organisation_id)?;
    let people = person::list(&state.db, q.as_deref(), scope, page).await?;
    let total = count(&state.db, q.as_deref(), scope).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let roles = roles_of(&state.db, &ids).await?;
    let items = people.iter().map(|p| to_json(p, &roles, &user)).collect();
    Ok(output::list(items, total, page))
}

/// `GET /people/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let (p, roles) = readable(&state, &user, id).await?;
    Ok(Json(to_json(&p, &roles, &user)))
}

/// `POST /organisations/{id}/people`: a new contact with a role there from today.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    Path(org): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    access::edits_organisation(&api.user, org)?;
    organisation::get(&state.db, org)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let draft = read_input(&body)?;
    let mut tx = state.db.begin().await?;
    let id = person::create(
        &mut tx,
        &draft,
        org,
        Some(OffsetDateTime::now_utc().date()),
        &api.actor(),
    )
    .await?;
    tx.commit().await?;
    let (p, roles) = readable(&state, &api.user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/api/v1/people/{id}"))],
        Json(to_json(&p, &roles, &api.user)),
    )
        .into_response())
}

/// `PUT /people/{id}`
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let (_, roles) = readable(&state, &api.user, id).await?;
    editable(&api.user, &roles)?;
    let draft = read_input(&body)?;
    let mut tx = state.db.begin().await?;
    person::update(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    let (p, roles) = readable(&state, &api.user, id).await?;
    Ok(Json(to_json(&p, &roles, &api.user)))
}

/// `DELETE /people/{id}`: erases the person (the GDPR's right to erasure); the audit trail
/// keeps that it happened.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    let (_, roles) = readable(&state, &api.user, id).await?;
    editable(&api.user, &roles)?;
    let mut tx = state.db.begin().await?;
    person::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
