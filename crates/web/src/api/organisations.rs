//! `/organisations`: the partner register as JSON. The list takes the same filters as the list
//! page (Finnish-aware `q`, kind, municipality in Finnish, Swedish or as a code, tag, owner,
//! status, single owner); a partner user sees and changes only their own organisation.

use super::error::{english, english_with, ApiError, JsonBody, Problems};
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
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};
use vaski_domain::network::organisation::{OrganisationDraft, OrganisationInput};
use vaski_domain::network::{CooperationForm, OrganisationKind, OrganisationStatus};
use vaski_domain::reference::{Industry, Municipality};
use vaski_domain::text;
use vaski_store::account::{self, User};
use vaski_store::network::organisation::{self, Filter, Organisation};
use vaski_store::{in_list, sql, Db, StoreError};

/// Fields the API answers with but does not take (owners have their own endpoint).
const READ_ONLY: &[&str] = &[
    "id",
    "municipality_code",
    "owners",
    "single_owner",
    "last_interaction_at",
    "created_at",
    "updated_at",
];

/// An organisation as the API writes it.
pub fn to_json(o: &Organisation) -> Value {
    let industry = o.industry_code.as_deref().map(|code| {
        let known = Industry::by_code(code);
        json!({
            "code": code,
            "name": known.map(|i| i.name_en.as_str()),
            "name_fi": known.map(|i| i.name_fi.as_str()),
            "classification": o.industry_classification,
        })
    });
    let municipality = o
        .municipality_code
        .as_deref()
        .and_then(Municipality::by_code)
        .map(|m| m.name_fi.as_str());
    let mut owners: Vec<i64> = o.owners.iter().map(|w| w.user_id).collect();
    owners.sort_unstable();
    json!({
        "id": o.id,
        "name": o.name,
        "business_id": o.business_id,
        "kind": o.kind.code(),
        "industry": industry,
        "municipality": municipality,
        "municipality_code": o.municipality_code,
        "address": o.address,
        "website": o.website,
        "tags": o.tags,
        "cooperation": o.cooperation.iter().map(|c| c.code()).collect::<Vec<_>>(),
        "status": o.status.code(),
        "notes": o.notes,
        "partner_since": output::date(o.partner_since),
        "owners": owners,
        "single_owner": o.has_single_owner(),
        "last_interaction_at": output::opt_date(o.last_interaction_on),
        "created_at": output::timestamp(o.created_at),
        "updated_at": output::timestamp(o.updated_at),
    })
}

/// The stored organisation as an input object, the base a PATCH is merged into.
fn as_input(o: &Organisation) -> Map<String, Value> {
    let value = json!({
        "name": o.name,
        "business_id": o.business_id,
        "kind": o.kind.code(),
        "industry": o.industry_code,
        "municipality": o.municipality_code,
        "address": o.address,
        "website": o.website,
        "tags": o.tags,
        "cooperation": o.cooperation.iter().map(|c| c.code()).collect::<Vec<_>>(),
        "status": o.status.code(),
        "notes": o.notes,
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Reads an organisation from a JSON object; `extra` reads fields only some endpoints take.
fn read_input(
    map: &Map<String, Value>,
    extra: impl FnOnce(&mut Body<'_>),
) -> (OrganisationInput, Problems) {
    let mut b = Body::new(map);
    let input = OrganisationInput {
        name: b.text("name"),
        business_id: b.text("business_id"),
        kind: b.text("kind"),
        industry: b.code("industry"),
        municipality: b.text("municipality"),
        address: b.text("address"),
        website: b.text("website"),
        tags: b.tags("tags"),
        cooperation: b.texts("cooperation"),
        status: b.text("status"),
        notes: b.text("notes"),
    };
    b.read_only(READ_ONLY);
    extra(&mut b);
    (input, b.finish())
}

/// Loads whole organisations for a list of ids, in the order given: four queries for any number.
pub async fn load_many(db: &Db, ids: &[i64]) -> Result<Vec<Organisation>, ApiError> {
    type Row = (
        i64,
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Date,
        Option<Date>,
        OffsetDateTime,
        OffsetDateTime,
    );
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!(
        "SELECT id, name, business_id, kind, industry_code, industry_classification, municipality_code, \
         address, website, status, notes, partner_since, last_interaction_on, created_at, updated_at \
         FROM organisations WHERE id IN ({list})"
    ));
    let rows: Vec<Row> = db.fetch_all(q).await?;
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!(
        "SELECT organisation_id, tag FROM organisation_tags WHERE organisation_id IN ({list}) ORDER BY tag"
    ));
    let tags: Vec<(i64, String)> = db.fetch_all(q).await?;
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!(
        "SELECT organisation_id, form FROM organisation_cooperation WHERE organisation_id IN ({list}) ORDER BY form"
    ));
    let forms: Vec<(i64, String)> = db.fetch_all(q).await?;
    let owners = organisation::owners_of(db, ids).await?;
    let mut by_id: BTreeMap<i64, Organisation> = BTreeMap::new();
    for r in rows {
        let corrupt = |what: &str| StoreError::Corrupt(format!("organisation {}: {what}", r.0));
        let o = Organisation {
            id: r.0,
            kind: OrganisationKind::parse(&r.3).map_err(|_| corrupt("kind"))?,
            status: OrganisationStatus::parse(&r.9).map_err(|_| corrupt("status"))?,
            tags: tags
                .iter()
                .filter(|(id, _)| *id == r.0)
                .map(|(_, t)| t.clone())
                .collect(),
            cooperation: forms
                .iter()
                .filter(|(id, _)| *id == r.0)
                .filter_map(|(_, f)| CooperationForm::parse(f).ok())
                .collect(),
            owners: owners
                .iter()
                .filter(|w| w.organisation_id == r.0)
                .cloned()
                .collect(),
            name: r.1,
            business_id: r.2,
            industry_code: r.4,
            industry_classification: r.5,
            municipality_code: r.6,
            address: r.7,
            website: r.8,
            notes: r.10,
            partner_since: r.11,
            last_interaction_on: r.12,
            created_at: r.13,
            updated_at: r.14,
        };
        by_id.insert(o.id, o);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The organisation a user may read, or 404.
async fn readable(state: &AppState, user: &User, id: i64) -> Result<Organisation, ApiError> {
    access::reads_organisation(user, id)?;
    organisation::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The answer to a business ID that another organisation holds: 409, naming that organisation
/// to those who may see it.
async fn conflict(
    state: &AppState,
    user: &User,
    draft: &OrganisationDraft,
    own_id: Option<i64>,
) -> Result<ApiError, ApiError> {
    let existing = match &draft.business_id {
        Some(b) => organisation::by_business_id(&state.db, b.as_str()).await?,
        None => None,
    };
    let Some((id, name)) = existing.filter(|(id, _)| Some(*id) != own_id) else {
        return Ok(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            english("error-page-conflict"),
        ));
    };
    let mut err = ApiError::new(
        StatusCode::CONFLICT,
        "duplicate_business_id",
        english("error-business-id-taken"),
    );
    err.fields
        .insert("business_id".into(), english("error-business-id-taken"));
    if user.role.sees_whole_network() {
        err.message = english_with(
            "api-error-duplicate-business-id",
            &[
                (
                    "business_id",
                    draft
                        .business_id
                        .as_ref()
                        .map(|b| b.as_str().to_string())
                        .unwrap_or_default(),
                ),
                ("name", name.clone()),
                ("id", id.to_string()),
            ],
        );
        err.existing = Some((id, name));
    }
    Ok(err)
}

/// `GET /organisations`
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let filter = Filter {
        q: p.text("q"),
        kind: p.parsed("kind", OrganisationKind::parse_loose),
        status: p.parsed("status", OrganisationStatus::parse_loose),
        municipality_code: p
            .parsed("municipality", Municipality::parse)
            .map(|m| m.code.clone()),
        tag: p.text("tag"),
        owner: p.int("owner"),
        single_owner: p.flag("single_owner"),
        only_id: if user.role.sees_whole_network() {
            None
        } else {
            Some(user.organisation_id.unwrap_or(-1))
        },
    };
    let page = p.page();
    p.finish()?;
    let (rows, total) = organisation::list(&state.db, &filter, page).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let items = load_many(&state.db, &ids)
        .await?
        .iter()
        .map(to_json)
        .collect();
    Ok(output::list(items, total, page))
}

/// `GET /organisations/{id}`
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(to_json(&readable(&state, &user, id).await?)))
}

/// `POST /organisations`: staff create; the creator owns the new partnership.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    access::edits_network(&api.user)?;
    let mut partner_since = String::new();
    let (input, mut problems) = read_input(&body, |b| partner_since = b.text("partner_since"));
    let today = OffsetDateTime::now_utc().date();
    let since = match text::parse_date(&partner_since) {
        Ok(d) => d.unwrap_or(today),
        Err(e) => {
            problems.insert("partner_since".into(), e.key);
            today
        }
    };
    let draft = validated(problems, input.validate())?;
    let mut tx = state.db.begin().await?;
    let id = match organisation::create(&mut tx, &draft, since, &api.actor()).await {
        Ok(id) => id,
        Err(StoreError::Conflict { .. }) => {
            drop(tx);
            return Err(conflict(&state, &api.user, &draft, None).await?);
        }
        Err(e) => return Err(e.into()),
    };
    if api.user.role.can_own_partnerships() {
        organisation::set_owners(&mut tx, id, &[api.user.id], &api.actor()).await?;
    }
    tx.commit().await?;
    let o = readable(&state, &api.user, id).await?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, format!("/api/v1/organisations/{id}"))],
        Json(to_json(&o)),
    )
        .into_response())
}

async fn store_update(
    state: &AppState,
    api: &ApiUser,
    id: i64,
    map: &Map<String, Value>,
) -> Result<Json<Value>, ApiError> {
    let (input, problems) = read_input(map, |b| b.read_only(&["partner_since"]));
    let draft = validated(problems, input.validate())?;
    let mut tx = state.db.begin().await?;
    match organisation::update(&mut tx, id, &draft, &api.actor()).await {
        Ok(_) => {}
        Err(StoreError::Conflict { .. }) => {
            drop(tx);
            return Err(conflict(state, &api.user, &draft, Some(id)).await?);
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Json(to_json(&readable(state, &api.user, id).await?)))
}

/// `PUT /organisations/{id}`: replaces every field; a field left out becomes empty.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_organisation(&api.user, id)?;
    store_update(&state, &api, id, &body).await
}

/// `PATCH /organisations/{id}`: changes only the fields given (a JSON merge patch).
pub async fn patch(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_organisation(&api.user, id)?;
    let current = readable(&state, &api.user, id).await?;
    let mut merged = as_input(&current);
    merged.extend(body);
    store_update(&state, &api, id, &merged).await
}

/// `DELETE /organisations/{id}`: staff only; everything filed under it goes with it.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::reads_organisation(&api.user, id)?;
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    organisation::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /organisations/{id}/owners`: `{"owners": [user ids]}`, each a staff user.
pub async fn set_owners(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::reads_organisation(&api.user, id)?;
    access::edits_network(&api.user)?;
    readable(&state, &api.user, id).await?;
    let mut b = Body::new(&body);
    let owners = b.ids("owners");
    let mut problems = b.finish();
    let staff = account::staff_users(&state.db).await?;
    if owners.iter().any(|o| !staff.iter().any(|s| s.id == *o)) {
        problems.entry("owners".into()).or_insert("error-assignee");
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    organisation::set_owners(&mut tx, id, &owners, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(to_json(&readable(&state, &api.user, id).await?)))
}
