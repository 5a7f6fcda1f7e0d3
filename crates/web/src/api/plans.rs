//! Suunta's plans and goals in the API: the plans, one plan with its vision, period,
//! thresholds and goals as a tree, new and changed plans, and a plan's goals (three levels deep
//! at most). Plans are the institution's own: those who see the whole network read them (a
//! partner does not), staff and admins change them, as on the pages (`strategy::edit`).

use super::error::{ApiError, JsonBody};
use super::input::{validated, Body};
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Map, Value};
use vaski_domain::network::organisation::FieldErrors;
use vaski_domain::strategy::goal::{GoalDraft, GoalInput, MAX_DEPTH};
use vaski_domain::strategy::plan::{PlanDraft, PlanInput, Thresholds};
use vaski_store::strategy::plan::{self, Goal, Plan};
use vaski_store::strategy::scorecard::depths;

/// Fields a plan answers with but does not take.
const PLAN_READ_ONLY: &[&str] = &["id", "organisation_name", "goals"];

/// Fields a goal answers with but does not take.
const GOAL_READ_ONLY: &[&str] = &[
    "id",
    "plan_id",
    "owner_name",
    "position",
    "depth",
    "subgoals",
];

pub fn plan_json(p: &Plan) -> Value {
    json!({
        "id": p.id,
        "organisation_id": p.organisation_id,
        "organisation_name": p.organisation_name,
        "title": p.title,
        "vision": p.vision,
        "first_year": p.first_year,
        "last_year": p.last_year,
        "on_track_from": p.on_track_from,
        "at_risk_from": p.at_risk_from,
    })
}

fn goal_json(g: &Goal, depth: usize) -> Value {
    json!({
        "id": g.id,
        "plan_id": g.plan_id,
        "parent_id": g.parent_id,
        "title": g.title,
        "description": g.description,
        "perspective": g.perspective,
        "owner_user_id": g.owner_user_id,
        "owner_name": g.owner_name,
        "position": g.position,
        "depth": depth,
    })
}

/// The goals under `parent` with their subgoals, as nested objects.
fn tree(goals: &[Goal], parent: Option<i64>, depth: usize) -> Vec<Value> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    goals
        .iter()
        .filter(|g| g.parent_id == parent)
        .map(|g| {
            let mut node = goal_json(g, depth);
            node["subgoals"] = Value::Array(tree(goals, Some(g.id), depth + 1));
            node
        })
        .collect()
}

/// The plan, or 404.
pub async fn plan_of(state: &AppState, id: i64) -> Result<Plan, ApiError> {
    plan::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// A goal as the API answers it, with its depth in its plan.
async fn goal_answer(state: &AppState, id: i64) -> Result<Value, ApiError> {
    let g = plan::goal(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let all = plan::goals(&state.db, g.plan_id).await?;
    let depth = depths(&all).get(&g.id).copied().unwrap_or(1);
    Ok(goal_json(&g, depth))
}

/// `GET /plans`: every plan, the latest period first.
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let all = plan::list(&state.db).await?;
    Ok(Json(json!({
        "items": all.iter().map(plan_json).collect::<Vec<_>>(),
    })))
}

/// `GET /plans/{id}`: the plan with its vision, period, thresholds and goals as a tree.
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    Ok(Json(plan_answer(&state, id).await?))
}

/// The plan with its goals as a tree.
async fn plan_answer(state: &AppState, id: i64) -> Result<Value, ApiError> {
    let p = plan_of(state, id).await?;
    let goals = plan::goals(&state.db, id).await?;
    let mut body = plan_json(&p);
    body["goals"] = Value::Array(tree(&goals, None, 1));
    Ok(body)
}

/// A plan as sent: the years as numbers, the thresholds as shares from 0 to 1 (0.9 and 0.6
/// when left out). Answers the draft and the organisation id, if one was sent.
fn plan_draft(map: &Map<String, Value>) -> Result<(PlanDraft, Option<i64>), ApiError> {
    let mut b = Body::new(map);
    let year = |y: Option<i64>| y.map(|y| y.to_string()).unwrap_or_default();
    let input = PlanInput {
        title: b.text("title"),
        vision: b.text("vision"),
        first_year: year(b.int("first_year")),
        last_year: year(b.int("last_year")),
        ..PlanInput::default()
    };
    let organisation_id = b.int("organisation_id");
    let defaults = Thresholds::default();
    let on_track = b.number("on_track_from");
    let at_risk = b.number("at_risk_from");
    b.read_only(PLAN_READ_ONLY);
    let problems = b.finish();
    let (on_track, at_risk) = (
        on_track.unwrap_or(defaults.on_track_from),
        at_risk.unwrap_or(defaults.at_risk_from),
    );
    let thresholds = Thresholds::new(on_track, at_risk).map_err(|e| {
        let field = if e.key == "error-threshold-range" && !(0.0..=1.0).contains(&on_track) {
            "on_track_from"
        } else {
            "at_risk_from"
        };
        (field, e.key)
    });
    let result = match (input.validate(), thresholds) {
        (Ok(mut d), Ok(t)) => {
            d.thresholds = t;
            Ok(d)
        }
        (Ok(_), Err((field, key))) => Err(FieldErrors::from([(field, key)])),
        (Err(mut errors), t) => {
            if let Err((field, key)) = t {
                errors.entry(field).or_insert(key);
            }
            Err(errors)
        }
    };
    Ok((validated(problems, result)?, organisation_id))
}

/// `POST /plans`: a new plan of one of the institutions (`organisation_id`); 201.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    let (draft, organisation_id) = plan_draft(&map)?;
    let Some(organisation_id) = organisation_id else {
        return Err(ApiError::field("organisation_id", "error-required"));
    };
    let institutions = plan::institutions(&state.db).await?;
    if !institutions.iter().any(|(id, _)| *id == organisation_id) {
        return Err(ApiError::field(
            "organisation_id",
            "api-error-plan-organisation",
        ));
    }
    let mut tx = state.db.begin().await?;
    let id = plan::create(&mut tx, organisation_id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(plan_answer(&state, id).await?)))
}

/// `PUT /plans/{id}`: the plan's title, vision, period and thresholds. A period that would
/// leave out targets or actions is refused. The organisation does not change.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let old = plan_of(&state, id).await?;
    let (draft, organisation_id) = plan_draft(&map)?;
    if organisation_id.is_some_and(|o| o != old.organisation_id) {
        return Err(ApiError::field(
            "organisation_id",
            "api-error-plan-organisation-fixed",
        ));
    }
    let mut tx = state.db.begin().await?;
    plan::update(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(plan_answer(&state, id).await?))
}

/// `DELETE /plans/{id}`: the plan and everything under it; 204.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    plan::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /plans/{id}/goals`: the plan's goals, each followed by its subgoals, with their depth.
pub async fn goals(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(plan_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    plan_of(&state, plan_id).await?;
    let all = plan::goals(&state.db, plan_id).await?;
    let depth = depths(&all);
    Ok(Json(json!({
        "items": all
            .iter()
            .map(|g| goal_json(g, depth.get(&g.id).copied().unwrap_or(1)))
            .collect::<Vec<_>>(),
    })))
}

fn goal_draft(map: &Map<String, Value>) -> Result<GoalDraft, ApiError> {
    let mut b = Body::new(map);
    let input = GoalInput {
        title: b.text("title"),
        description: b.text("description"),
        perspective: b.text("perspective"),
        parent_id: b.int("parent_id"),
        owner_user_id: b.int("owner_user_id"),
    };
    b.read_only(GOAL_READ_ONLY);
    let problems = b.finish();
    validated(problems, input.validate())
}

/// `POST /plans/{id}/goals`: a new goal, under `parent_id` when given (three levels at most);
/// 201.
pub async fn create_goal(
    State(state): State<AppState>,
    api: ApiUser,
    Path(plan_id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    plan_of(&state, plan_id).await?;
    let draft = goal_draft(&map)?;
    let mut tx = state.db.begin().await?;
    let id = plan::create_goal(&mut tx, plan_id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(goal_answer(&state, id).await?)))
}

/// `PUT /goals/{id}`: the goal's title, description, perspective, parent and owner.
pub async fn replace_goal(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    plan::goal(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let draft = goal_draft(&map)?;
    let mut tx = state.db.begin().await?;
    plan::update_goal(&mut tx, id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(goal_answer(&state, id).await?))
}

/// `DELETE /goals/{id}`: the goal with its subgoals; refused while actions are filed under
/// them.
pub async fn delete_goal(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    plan::delete_goal(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
