//! `/agreements`: agreements with their validity, renewal reminder and parties. An agreement is
//! filed under one organisation and may have other parties; every party may read it, the
//! filing organisation's editors may change it.

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
use vaski_domain::network::agreement::{AgreementDraft, AgreementInput};
use vaski_store::account::User;
use vaski_store::network::agreement::{self, Agreement};
use vaski_store::network::organisation;
use vaski_store::{in_list, sql, Db};

const READ_ONLY: &[&str] = &[
    "id",
    "organisation_id",
    "organisation_name",
    "reminder_on",
    "document_id",
];

/// `(agreement id, organisation id, organisation name)`, the filing organisation first.
type Party = (i64, i64, String);

fn to_json(a: &Agreement, parties: &[Party]) -> Value {
    json!({
        "id": a.id,
        "organisation_id": a.organisation_id,
        "organisation_name": a.organisation_name,
        "title": a.title,
        "kind": a.kind,
        "valid_from": output::date(a.valid_from),
        "valid_to": output::opt_date(a.valid_to),
        "reminder_days": a.reminder_days,
        "reminder_on": output::opt_date(a.reminder_on),
        "document_url": a.document_url,
        "document_id": a.document_id,
        "notes": a.notes,
        "parties": parties
            .iter()
            .filter(|(agreement_id, _, _)| *agreement_id == a.id)
            .map(|(_, id, name)| json!({ "id": id, "name": name }))
            .collect::<Vec<_>>(),
    })
}

/// The parties of several agreements.
async fn parties_of(db: &Db, ids: &[i64]) -> Result<Vec<Party>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!(
        "SELECT p.agreement_id, o.id, o.name FROM agreement_parties p \
         JOIN organisations o ON o.id = p.organisation_id JOIN agreements a ON a.id = p.agreement_id \
         WHERE p.agreement_id IN ({list}) \
         ORDER BY p.agreement_id, CASE WHEN o.id = a.organisation_id THEN 0 ELSE 1 END, o.name"
    ));
    Ok(db.fetch_all(q).await?)
}

/// Agreements with their parties, as JSON.
pub async fn to_json_many(db: &Db, agreements: &[Agreement]) -> Result<Vec<Value>, ApiError> {
    let ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
    let parties = parties_of(db, &ids).await?;
    Ok(agreements.iter().map(|a| to_json(a, &parties)).collect())
}

/// Reads an agreement. The other parties must be organisations of the network, and a partner
/// user may name only those already party to it.
async fn read_input(
    db: &Db,
    user: &User,
    map: &Map<String, Value>,
    filing: i64,
    current: &[i64],
) -> Result<AgreementDraft, ApiError> {
    let mut b = Body::new(map);
    let parties = b.ids("parties");
    let input = AgreementInput {
        title: b.text("title"),
        kind: b.text("kind"),
        valid_from: b.text("valid_from"),
        valid_to: b.text("valid_to"),
        reminder_days: b.number_text("reminder_days"),
        document_url: b.text("document_url"),
        notes: b.text("notes"),
        other_parties: parties.iter().copied().filter(|p| *p != filing).collect(),
    };
    b.read_only(READ_ONLY);
    let mut problems = b.finish();
    if !input.other_parties.is_empty() {
        let mut q = sql("");
        let list = in_list(&mut q, input.other_parties.iter().copied());
        q.push_sql(&format!(
            "SELECT id FROM organisations WHERE id IN ({list})"
        ));
        let found: Vec<(i64,)> = db.fetch_all(q).await?;
        let allowed = |id: &i64| {
            found.iter().any(|(f,)| f == id)
                && (user.role.sees_whole_network() || current.contains(id))
        };
        if !input.other_parties.iter().all(allowed) {
            problems.insert("parties".into(), "api-error-unknown-organisation");
        }
    }
    validated(problems, input.validate())
}

async fn count(db: &Db, organisation_id: Option<i64>) -> Result<i64, ApiError> {
    let mut q = sql("SELECT COUNT(*) FROM agreements a");
    if let Some(org) = organisation_id {
        let p = q.push_arg(org);
        q.push_sql(&format!(
            " WHERE a.id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = {p})"
        ));
    }
    let (n,): (i64,) = db.fetch_one(q).await?;
    Ok(n)
}

/// The agreement with its parties, if the user may read one of the parties.
async fn readable(
    state: &AppState,
    user: &User,
    id: i64,
) -> Result<(Agreement, Vec<Party>), ApiError> {
    let a = agreement::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let parties = parties_of(&state.db, &[id]).await?;
    if !parties
        .iter()
        .any(|(_, org, _)| access::reads_organisation(user, *org).is_ok())
    {
        return Err(ApiError::not_found());
    }
    Ok((a, parties))
}

/// May change the agreement: an editor of the filing organisation. A party that only reads it
/// is refused with 403, since it knows the agreement exists.
fn editable(user: &User, a: &Agreement) -> Result<(), ApiError> {
    access::edits_organisation(user, a.organisation_id).map_err(|_| ApiError::forbidden())
}

/// `GET /agreements`
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let organisation_id = p.int("organisation");
    let page = p.page();
    p.finish()?;
    let scope = list_scope(&user, organisation_id)?;
    let rows = agreement::list(&state.db, scope, page).await?;
    let total = count(&state.db, scope).await?;
    Ok(output::list(
        to_json_many(&state.db, &rows).await?,
        total,
        page,
    ))
}

/// `GET /agreements/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let (a, parties) = readable(&state, &user, id).await?;
    Ok(Json(to_json(&a, &parties)))
}

/// `POST /organisations/{id}/agreements`
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
    let draft = read_input(&state.db, &api.user, &body, org, &[]).await?;
    let mut tx = state.db.begin().await?;
    let id = agreement::create(&mut tx, org, &draft, None, &api.actor()).await?;
    tx.commit().await?;
    let (a, parties) = readable(&state, &api.user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/api/v1/agreements/{id}"))],
        Json(to_json(&a, &parties)),
    )
        .into_response())
}

/// `PUT /agreements/{id}`: replaces every field and the list of other parties.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let (old, parties) = readable(&state, &api.user, id).await?;
    editable(&api.user, &old)?;
    let current: Vec<i64> = parties.iter().map(|(_, org, _)| *org).collect();
    let draft = read_input(&state.db, &api.user, &body, old.organisation_id, &current).await?;
    let mut tx = state.db.begin().await?;
    agreement::update(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    let (a, parties) = readable(&state, &api.user, id).await?;
    Ok(Json(to_json(&a, &parties)))
}

/// `DELETE /agreements/{id}`: staff only.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    readable(&state, &api.user, id).await?;
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    agreement::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
