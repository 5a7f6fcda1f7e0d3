//! Suunta's indicators in the API: a plan's indicators with their targets per year, the goals
//! they weigh in and, for those kept by hand, their values. Figures are plain numbers in the
//! scale they are kept in, the same as the scorecard answers them: a share runs from 0 to 1
//! (37.5 % is 0.375). Read by those who see the whole network, changed by staff and admins, as
//! on the pages (`strategy::edit`).

use super::error::{english_with, ApiError, JsonBody};
use super::input::{validated, Body};
use super::output;
use super::plans::plan_of;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Map, Value};
use vaski_domain::strategy::indicator::{IndicatorDraft, IndicatorInput};
use vaski_store::strategy::indicator::{self, Indicator, Target};
use vaski_store::strategy::plan;

/// Fields an indicator answers with but does not take.
const READ_ONLY: &[&str] = &["id", "plan_id", "position", "targets", "goals", "values"];

fn indicator_json(i: &Indicator, targets: &[Target]) -> Value {
    json!({
        "id": i.id,
        "plan_id": i.plan_id,
        "key": i.key,
        "name": i.name,
        "description": i.description,
        "unit": i.unit,
        "direction": i.direction,
        "band_low": i.band_low,
        "band_high": i.band_high,
        "baseline_value": i.baseline_value,
        "baseline_on": output::opt_date(i.baseline_on),
        "computed": i.computed,
        "scope_field": i.scope_field,
        "scope_unit": i.scope_unit,
        "scope_tag": i.scope_tag,
        "scope_kind": i.scope_kind,
        "update_every_days": i.update_every_days,
        "position": i.position,
        "targets": targets
            .iter()
            .filter(|t| t.indicator_id == i.id)
            .map(|t| json!({ "year": t.year, "value": t.value }))
            .collect::<Vec<_>>(),
    })
}

fn value_json(v: &indicator::Value) -> Value {
    json!({
        "id": v.id,
        "indicator_id": v.indicator_id,
        "measured_on": output::date(v.measured_on),
        "value": v.value,
        "comment": v.comment,
        "entered_by": v.entered_by,
        "entered_by_name": v.entered_by_name,
    })
}

async fn indicator_of(state: &AppState, id: i64) -> Result<Indicator, ApiError> {
    indicator::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The indicator with its targets, the goals it weighs in and its values kept by hand.
async fn indicator_answer(state: &AppState, id: i64) -> Result<Value, ApiError> {
    let i = indicator_of(state, id).await?;
    let targets = indicator::targets_of_plan(&state.db, i.plan_id).await?;
    let goals = plan::goals(&state.db, i.plan_id).await?;
    let links = indicator::goal_links(&state.db, i.plan_id).await?;
    let values = indicator::values(&state.db, id).await?;
    let mut body = indicator_json(&i, &targets);
    body["goals"] = links
        .iter()
        .filter(|l| l.indicator_id == id)
        .filter_map(|l| {
            goals.iter().find(|g| g.id == l.goal_id).map(|g| {
                json!({
                    "goal_id": g.id,
                    "title": g.title,
                    "weight": l.weight,
                })
            })
        })
        .collect();
    body["values"] = values.iter().map(value_json).collect();
    Ok(body)
}

/// An indicator's definition as sent, its figures plain numbers in their kept scale.
fn read_indicator(map: &Map<String, Value>) -> Result<IndicatorDraft, ApiError> {
    let mut b = Body::new(map);
    let figure =
        |b: &mut Body, key: &'static str| b.number(key).map(|v| v.to_string()).unwrap_or_default();
    let input = IndicatorInput {
        key: b.text("key"),
        name: b.text("name"),
        description: b.text("description"),
        unit: b.text("unit"),
        direction: b.text("direction"),
        band_low: figure(&mut b, "band_low"),
        band_high: figure(&mut b, "band_high"),
        baseline_value: figure(&mut b, "baseline_value"),
        baseline_on: b.text("baseline_on"),
        computed: b.text("computed"),
        scope_field: b.text("scope_field"),
        scope_unit: b.text("scope_unit"),
        scope_tag: b.text("scope_tag"),
        scope_kind: b.text("scope_kind"),
        update_every_days: b
            .int("update_every_days")
            .map(|d| d.to_string())
            .unwrap_or_default(),
    };
    b.read_only(READ_ONLY);
    let problems = b.finish();
    validated(problems, input.validate_stored())
}

/// `GET /plans/{id}/indicators`: the plan's indicators in their order, with their targets.
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(plan_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    plan_of(&state, plan_id).await?;
    let all = indicator::of_plan(&state.db, plan_id).await?;
    let targets = indicator::targets_of_plan(&state.db, plan_id).await?;
    Ok(Json(json!({
        "items": all.iter().map(|i| indicator_json(i, &targets)).collect::<Vec<_>>(),
    })))
}

/// `POST /plans/{id}/indicators`: a new indicator, kept by hand or computed from Vaski's data;
/// 201.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    Path(plan_id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    plan_of(&state, plan_id).await?;
    let draft = read_indicator(&map)?;
    let mut tx = state.db.begin().await?;
    let id = indicator::create(&mut tx, plan_id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(indicator_answer(&state, id).await?),
    ))
}

/// `GET /indicators/{id}`: the indicator with its targets, goals and values.
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    Ok(Json(indicator_answer(&state, id).await?))
}

/// `PUT /indicators/{id}`: the indicator's definition; its targets, goals and values stay.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    indicator_of(&state, id).await?;
    let draft = read_indicator(&map)?;
    let mut tx = state.db.begin().await?;
    indicator::update(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(indicator_answer(&state, id).await?))
}

/// `DELETE /indicators/{id}`: the indicator with its targets, goal links and values.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    indicator::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /indicators/{id}/targets/{year}` with `{"value": N}`: the year's target; `null`
/// removes it. A year outside the plan's period is refused.
pub async fn set_target(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, year)): Path<(i64, i64)>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let i = indicator_of(&state, id).await?;
    let period = plan_of(&state, i.plan_id).await?.period()?;
    let mut b = Body::new(&map);
    let sent = b.has("value");
    let value = b.number("value");
    b.read_only(&["year"]);
    let mut problems = b.finish();
    if !sent {
        problems.entry("value".into()).or_insert("error-required");
    }
    let value = match value.map(|v| i.unit().check_stored(v)).transpose() {
        Ok(v) => v,
        Err(e) => {
            problems.entry("value".into()).or_insert(e.key);
            None
        }
    };
    let in_period = i32::try_from(year)
        .ok()
        .filter(|y| period.contains_year(*y));
    let Some(year) = in_period else {
        let mut e = ApiError::validation(problems);
        e.fields.insert(
            "year".into(),
            english_with(
                "error-target-year-outside-plan-period",
                &[
                    ("year", year.to_string()),
                    ("first_year", period.first_year().to_string()),
                    ("last_year", period.last_year().to_string()),
                ],
            ),
        );
        return Err(e);
    };
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    indicator::set_target(&mut tx, id, year, value, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(
        json!({ "indicator_id": id, "year": year, "value": value }),
    ))
}

/// `PUT /indicators/{id}/goals/{goal_id}` with `{"weight": N}` (1 when left out): the
/// indicator weighs in a goal of the same plan, or its weight there changes.
pub async fn link_goal(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, goal_id)): Path<(i64, i64)>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    indicator_of(&state, id).await?;
    let mut b = Body::new(&map);
    let weight = b.number("weight").unwrap_or(1.0);
    b.read_only(&["goal_id", "indicator_id", "title"]);
    let problems = b.finish();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    indicator::link_goal(&mut tx, goal_id, id, weight, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(
        json!({ "indicator_id": id, "goal_id": goal_id, "weight": weight }),
    ))
}

/// `DELETE /indicators/{id}/goals/{goal_id}`: the indicator no longer weighs in the goal.
pub async fn unlink_goal(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, goal_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let i = indicator_of(&state, id).await?;
    let links = indicator::goal_links(&state.db, i.plan_id).await?;
    if !links
        .iter()
        .any(|l| l.indicator_id == id && l.goal_id == goal_id)
    {
        return Err(ApiError::not_found());
    }
    let mut tx = state.db.begin().await?;
    indicator::unlink_goal(&mut tx, goal_id, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /indicators/{id}/values`: the values kept by hand, oldest first.
pub async fn values(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    indicator_of(&state, id).await?;
    let all = indicator::values(&state.db, id).await?;
    Ok(Json(json!({
        "items": all.iter().map(value_json).collect::<Vec<_>>(),
    })))
}

/// `POST /indicators/{id}/values` with `{"measured_on", "value", "comment"}`: a value kept by
/// hand; one that is not a figure of the indicator's unit is refused, and a computed
/// indicator takes none; 201.
pub async fn add_value(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    let i = indicator_of(&state, id).await?;
    let mut b = Body::new(&map);
    let measured_on = b.text("measured_on");
    let value = match b.raw("value") {
        None => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => {
            b.problem("value", "error-indicator-value-number");
            None
        }
    };
    let comment = b.text("comment");
    b.read_only(&["id", "indicator_id", "entered_by", "entered_by_name"]);
    let mut problems = b.finish();
    if i.computed.is_some() {
        problems.insert("value".into(), "error-indicator-computed-no-values");
    }
    let measured_on = match vaski_domain::text::parse_date(&measured_on) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems
                .entry("measured_on".into())
                .or_insert("error-required");
            None
        }
        Err(e) => {
            problems.entry("measured_on".into()).or_insert(e.key);
            None
        }
    };
    let comment = match vaski_domain::text::optional_line(&comment, 500) {
        Ok(c) => c,
        Err(e) => {
            problems.entry("comment".into()).or_insert(e.key);
            None
        }
    };
    let value = match value.map(|v| i.unit().check_stored(v)) {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            problems.entry("value".into()).or_insert(e.key);
            None
        }
        None => {
            problems.entry("value".into()).or_insert("error-required");
            None
        }
    };
    let (Some(measured_on), Some(value)) = (measured_on, value) else {
        return Err(ApiError::validation(problems));
    };
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    let value_id = indicator::add_stored_value(
        &mut tx,
        id,
        measured_on,
        value,
        comment.as_deref(),
        &api.actor(),
    )
    .await?;
    tx.commit().await?;
    let all = indicator::values(&state.db, id).await?;
    let added = all
        .iter()
        .find(|v| v.id == value_id)
        .ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(value_json(added))))
}

/// `DELETE /indicators/{id}/values/{value_id}`: removes a value kept by hand; 204.
pub async fn delete_value(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, value_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    indicator::delete_value(&mut tx, id, value_id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
