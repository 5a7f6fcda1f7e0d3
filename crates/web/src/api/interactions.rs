//! `/interactions`: visits, calls, meetings and their follow-ups. Logging one refreshes the
//! organisation's `last_interaction_at` (the store does it in the same transaction).

use super::error::{ApiError, JsonBody};
use super::input::{validated, Body, Params};
use super::output;
use super::people::list_scope;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use vaski_domain::network::interaction::{InteractionDraft, InteractionInput};
use vaski_domain::network::search;
use vaski_store::account::{self, User};
use vaski_store::network::interaction::{self, Interaction};
use vaski_store::network::organisation;
use vaski_store::{sql, Db};

const READ_ONLY: &[&str] = &[
    "id",
    "organisation_id",
    "organisation_name",
    "follow_up_done",
    "created_by_name",
];

fn to_json(i: &Interaction) -> Value {
    json!({
        "id": i.id,
        "organisation_id": i.organisation_id,
        "organisation_name": i.organisation_name,
        "kind": i.kind,
        "date": output::date(i.occurred_on),
        "our_participants": i.our_participants,
        "their_participants": i.their_participants,
        "notes": i.notes,
        "follow_up_on": output::opt_date(i.follow_up_on),
        "follow_up_assignee": i.follow_up_assignee,
        "follow_up_done": i.follow_up_done,
        "created_by_name": i.created_by_name,
    })
}

/// Reads an interaction; a follow-up's assignee must be a staff user.
async fn read_input(db: &Db, map: &Map<String, Value>) -> Result<InteractionDraft, ApiError> {
    let mut b = Body::new(map);
    let input = InteractionInput {
        kind: b.text("kind"),
        date: b.text("date"),
        our_participants: b.text("our_participants"),
        their_participants: b.text("their_participants"),
        notes: b.text("notes"),
        follow_up_on: b.text("follow_up_on"),
        follow_up_assignee: b.int("follow_up_assignee"),
    };
    b.read_only(READ_ONLY);
    let mut problems = b.finish();
    if let Some(assignee) = input.follow_up_assignee {
        let staff = account::staff_users(db).await?;
        if !staff.iter().any(|s| s.id == assignee) {
            problems.insert("follow_up_assignee".into(), "error-assignee");
        }
    }
    validated(problems, input.validate())
}

async fn count(db: &Db, q: Option<&str>, organisation_id: Option<i64>) -> Result<i64, ApiError> {
    let mut query = sql("SELECT COUNT(*) FROM interactions i");
    let mut conditions = Vec::new();
    if let Some(text) = q {
        for stem in search::query_stems(text) {
            let p = query.push_arg(format!("% {stem}%"));
            conditions.push(format!("i.search_text LIKE {p}"));
        }
    }
    if let Some(org) = organisation_id {
        let p = query.push_arg(org);
        conditions.push(format!("i.organisation_id = {p}"));
    }
    if !conditions.is_empty() {
        query.push_sql(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    let (n,): (i64,) = db.fetch_one(query).await?;
    Ok(n)
}

/// The interaction, if the user may read its organisation.
async fn readable(state: &AppState, user: &User, id: i64) -> Result<Interaction, ApiError> {
    let i = interaction::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    access::reads_organisation(user, i.organisation_id)?;
    Ok(i)
}

/// `GET /interactions`
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let q = p.text("q");
    let organisation_id = p.int("organisation");
    let page = p.page();
    p.finish()?;
    let scope = list_scope(&user, organisation_id)?;
    let rows = interaction::list(&state.db, q.as_deref(), scope, page).await?;
    let total = count(&state.db, q.as_deref(), scope).await?;
    Ok(output::list(
        rows.iter().map(to_json).collect(),
        total,
        page,
    ))
}

/// `GET /interactions/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(to_json(&readable(&state, &user, id).await?)))
}

/// `POST /organisations/{id}/interactions`
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
    let draft = read_input(&state.db, &body).await?;
    let mut tx = state.db.begin().await?;
    let id = interaction::create(&mut tx, org, &draft, &api.actor()).await?;
    tx.commit().await?;
    let i = readable(&state, &api.user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/api/v1/interactions/{id}"))],
        Json(to_json(&i)),
    )
        .into_response())
}

/// `PUT /interactions/{id}`
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let old = readable(&state, &api.user, id).await?;
    access::edits_organisation(&api.user, old.organisation_id)?;
    let draft = read_input(&state.db, &body).await?;
    let mut tx = state.db.begin().await?;
    interaction::update(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(to_json(&readable(&state, &api.user, id).await?)))
}

/// `DELETE /interactions/{id}`: staff only.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    readable(&state, &api.user, id).await?;
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    interaction::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
