//! Suunta's action plan in the API: a plan's actions with their owners, partners and
//! milestones (askelmerkit), the status to show (`late` is derived from the milestones and
//! the end date, never set), new and changed actions, the status alone, and milestones, each
//! within its action's dates. Read by those who see the whole network, changed by staff and
//! admins, as on the pages (`strategy::edit`).

use super::error::{english_with, ApiError, JsonBody, Problems};
use super::input::{merge, Body};
use super::output;
use super::plans::plan_of;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Map, Value};
use time::Date;
use vaski_domain::network::organisation::FieldErrors;
use vaski_domain::strategy::action::{ActionDraft, ActionInput, ActionStatus, MilestoneInput};
use vaski_store::strategy::action::{self, Action, Links, Milestone};

/// Fields an action answers with but does not take (its milestones have their own calls,
/// but a new action may bring its first ones).
const ACTION_READ_ONLY: &[&str] = &["id", "plan_id", "shown_status"];

/// Fields a milestone answers with but does not take.
const MILESTONE_READ_ONLY: &[&str] = &["id", "action_id", "overdue"];

fn milestone_json(m: &Milestone, today: Date) -> Value {
    json!({
        "id": m.id,
        "action_id": m.action_id,
        "title": m.title,
        "due_on": output::date(m.due_on),
        "done_on": output::opt_date(m.done_on),
        "overdue": m.dates().is_overdue(today),
    })
}

fn action_json(a: &Action, today: Date) -> Value {
    json!({
        "id": a.row.id,
        "plan_id": a.row.plan_id,
        "goal_id": a.row.goal_id,
        "idea_id": a.row.idea_id,
        "title": a.row.title,
        "description": a.row.description,
        "status": a.row.status,
        "shown_status": a.shown_status.code(),
        "priority": a.row.priority,
        "starts_on": output::date(a.row.starts_on),
        "ends_on": output::date(a.row.ends_on),
        "budget_cents": a.row.budget_cents,
        "owners": a.owners.iter().map(|o| json!({
            "id": o.user_id,
            "name": o.name,
        })).collect::<Vec<_>>(),
        "partners": a.partners.iter().map(|p| json!({
            "id": p.organisation_id,
            "name": p.name,
            "confidential": p.confidential,
        })).collect::<Vec<_>>(),
        "milestones": a.milestones.iter().map(|m| milestone_json(m, today)).collect::<Vec<_>>(),
    })
}

async fn action_of(state: &AppState, id: i64) -> Result<Action, ApiError> {
    action::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

async fn action_answer(state: &AppState, id: i64) -> Result<Value, ApiError> {
    Ok(action_json(&action_of(state, id).await?, action::today()))
}

/// A 422 with every problem; a milestone outside its action's dates says which dates those
/// are.
fn refused(problems: Problems, starts_on: Date, ends_on: Date) -> ApiError {
    let outside: Vec<String> = problems
        .iter()
        .filter(|(_, key)| **key == "error-milestone-outside-action")
        .map(|(field, _)| field.clone())
        .collect();
    let mut e = ApiError::validation(problems);
    for field in outside {
        e.fields.insert(
            field,
            english_with(
                "error-milestone-outside-action-dates",
                &[
                    ("starts_on", output::date(starts_on)),
                    ("ends_on", output::date(ends_on)),
                ],
            ),
        );
    }
    e
}

/// The domain's errors of a milestone under `prefix` (`milestones[0].`), with the problems.
fn with_milestone_errors(problems: &mut Problems, prefix: &str, errors: FieldErrors) {
    for (field, key) in errors {
        problems.entry(format!("{prefix}{field}")).or_insert(key);
    }
}

fn milestone_input(b: &mut Body) -> MilestoneInput {
    MilestoneInput {
        title: b.text("title"),
        due_on: b.text("due_on"),
        done_on: b.text("done_on"),
    }
}

/// An action as sent, checked against the plan's years.
struct Sent {
    draft: Result<ActionDraft, Problems>,
    links: Links,
    milestones: Vec<MilestoneInput>,
}

/// Reads an action; `milestones` only when `new` (a new action may bring its first ones).
fn read_action(
    map: &Map<String, Value>,
    period: vaski_domain::strategy::plan::PlanPeriod,
    new: bool,
) -> Sent {
    let mut b = Body::new(map);
    let budget = match b.int("budget_cents") {
        Some(c) if c < 0 => {
            b.problem("budget_cents", "error-euros");
            String::new()
        }
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
        None => String::new(),
    };
    let input = ActionInput {
        title: b.text("title"),
        description: b.text("description"),
        status: b.text("status"),
        priority: b.text("priority"),
        starts_on: b.text("starts_on"),
        ends_on: b.text("ends_on"),
        budget,
    };
    let goal_id = b.int("goal_id");
    let links = Links {
        goal_id: goal_id.unwrap_or_default(),
        owners: b.ids("owners"),
        partners: b.ids("partners"),
        idea_id: b.int("idea_id"),
    };
    let mut milestones = Vec::new();
    if new {
        match b.raw("milestones") {
            None => {}
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::Object(m) => {
                            let mut mb = Body::new(m);
                            let input = milestone_input(&mut mb);
                            mb.read_only(MILESTONE_READ_ONLY);
                            if !mb.finish().is_empty() {
                                b.problem("milestones", "api-error-milestones");
                            }
                            milestones.push(input);
                        }
                        _ => b.problem("milestones", "api-error-milestones"),
                    }
                }
            }
            Some(_) => b.problem("milestones", "api-error-milestones"),
        }
    } else {
        b.read_only(&["milestones"]);
    }
    b.read_only(ACTION_READ_ONLY);
    let mut problems = b.finish();
    if goal_id.is_none() {
        problems
            .entry("goal_id".into())
            .or_insert("error-action-goal");
    }
    let draft = match input.validate(period) {
        Ok(d) if problems.is_empty() => Ok(d),
        Ok(_) => Err(problems),
        Err(domain) => {
            // The form calls the budget `budget`, in euros; the API `budget_cents`.
            let domain = domain
                .into_iter()
                .map(|(f, k)| (if f == "budget" { "budget_cents" } else { f }, k))
                .collect();
            Err(merge(problems, domain))
        }
    };
    Sent {
        draft,
        links,
        milestones,
    }
}

/// `GET /plans/{id}/actions`: the plan's actions in goal order, each with its owners, partners
/// and milestones.
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(plan_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    plan_of(&state, plan_id).await?;
    let today = action::today();
    let all = action::of_plan(&state.db, plan_id).await?;
    Ok(Json(json!({
        "items": all.iter().map(|a| action_json(a, today)).collect::<Vec<_>>(),
    })))
}

/// `POST /plans/{id}/actions`: a new action under a goal of the plan, with its owners,
/// partners and, if sent, its first milestones, all or nothing; 201.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    Path(plan_id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    let p = plan_of(&state, plan_id).await?;
    let sent = read_action(&map, p.period()?, true);
    // The milestones are checked against the action's dates once those are right.
    let draft = sent.draft.map_err(ApiError::validation)?;
    let mut problems = Problems::new();
    for (i, m) in sent.milestones.iter().enumerate() {
        if let Err(errors) = m.validate(draft.starts_on, draft.ends_on) {
            with_milestone_errors(&mut problems, &format!("milestones[{i}]."), errors);
        }
    }
    if !problems.is_empty() {
        return Err(refused(problems, draft.starts_on, draft.ends_on));
    }
    let actor = api.actor();
    let mut tx = state.db.begin().await?;
    let id = action::create(&mut tx, plan_id, &draft, &sent.links, &actor).await?;
    for (i, m) in sent.milestones.iter().enumerate() {
        if let Err(errors) = action::add_milestone(&mut tx, id, m, &actor).await? {
            with_milestone_errors(&mut problems, &format!("milestones[{i}]."), errors);
            return Err(refused(problems, draft.starts_on, draft.ends_on));
        }
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(action_answer(&state, id).await?)))
}

/// `GET /actions/{id}`: the action with its owners, partners, milestones and shown status.
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    Ok(Json(action_answer(&state, id).await?))
}

/// `PUT /actions/{id}`: the whole action but its milestones; dates that would leave a
/// milestone outside are refused.
pub async fn replace(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let old = action_of(&state, id).await?;
    let p = plan_of(&state, old.row.plan_id).await?;
    let sent = read_action(&map, p.period()?, false);
    let draft = sent.draft.map_err(ApiError::validation)?;
    let mut tx = state.db.begin().await?;
    action::update(&mut tx, id, &draft, &sent.links, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(action_answer(&state, id).await?))
}

/// `POST /actions/{id}/status` with `{"status": ...}`: the status alone (`late` is not one
/// that can be set).
pub async fn set_status(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let mut b = Body::new(&map);
    let status = b.text("status");
    let mut problems = b.finish();
    let parsed = if status.trim().is_empty() {
        problems.entry("status".into()).or_insert("error-required");
        None
    } else {
        match ActionStatus::parse(status.trim()) {
            Ok(s) => Some(s),
            Err(e) => {
                problems.entry("status".into()).or_insert(e.key);
                None
            }
        }
    };
    let status = match parsed {
        Some(s) if problems.is_empty() => s,
        _ => return Err(ApiError::validation(problems)),
    };
    let mut tx = state.db.begin().await?;
    action::set_status(&mut tx, id, status, &api.actor()).await?;
    tx.commit().await?;
    Ok(Json(action_answer(&state, id).await?))
}

/// `DELETE /actions/{id}`: the action with its milestones.
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    action::delete(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A milestone as sent, with the problems of the body.
fn read_milestone(map: &Map<String, Value>) -> (MilestoneInput, Problems) {
    let mut b = Body::new(map);
    let input = milestone_input(&mut b);
    b.read_only(MILESTONE_READ_ONLY);
    (input, b.finish())
}

/// `POST /actions/{id}/milestones`: a new milestone; its date must lie within the action's,
/// else 422 naming them and nothing is added; 201.
pub async fn add_milestone(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    let a = action_of(&state, id).await?;
    let (input, mut problems) = read_milestone(&map);
    let mut tx = state.db.begin().await?;
    let milestone_id = match action::add_milestone(&mut tx, id, &input, &api.actor()).await? {
        Ok(m) if problems.is_empty() => m,
        Ok(_) => return Err(refused(problems, a.row.starts_on, a.row.ends_on)),
        Err(errors) => {
            with_milestone_errors(&mut problems, "", errors);
            return Err(refused(problems, a.row.starts_on, a.row.ends_on));
        }
    };
    let m = action::milestone_in(&mut tx, milestone_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(milestone_json(&m, action::today())),
    ))
}

/// The milestone and its action's dates, or 404.
async fn milestone_and_dates(
    state: &AppState,
    id: i64,
) -> Result<(Milestone, Date, Date), ApiError> {
    let mut tx = state.db.begin().await?;
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let a = action::get_in(&mut tx, m.action_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok((m, a.row.starts_on, a.row.ends_on))
}

/// `PUT /milestones/{id}`: the milestone's title, date and the day it was done, within its
/// action's dates.
pub async fn replace_milestone(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let (_, starts_on, ends_on) = milestone_and_dates(&state, id).await?;
    let (input, mut problems) = read_milestone(&map);
    let mut tx = state.db.begin().await?;
    match action::update_milestone(&mut tx, id, &input, &api.actor()).await? {
        Ok(()) if problems.is_empty() => {}
        Ok(()) => return Err(refused(problems, starts_on, ends_on)),
        Err(errors) => {
            with_milestone_errors(&mut problems, "", errors);
            return Err(refused(problems, starts_on, ends_on));
        }
    }
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Json(milestone_json(&m, action::today())))
}

/// `POST /milestones/{id}/done` with `{"done": true}` (done today, or on `done_on`) or
/// `{"done": false}` (not done).
pub async fn set_done(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(map): JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&api.user)?;
    let mut b = Body::new(&map);
    let sent = b.has("done") && b.raw("done").is_some();
    let done = b.boolean("done");
    let on = b.text("done_on");
    let mut problems = b.finish();
    if !sent {
        problems.entry("done".into()).or_insert("error-required");
    }
    let on = match vaski_domain::text::parse_date(&on) {
        Ok(d) => d,
        Err(e) => {
            problems.entry("done_on".into()).or_insert(e.key);
            None
        }
    };
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let done_on = done.then(|| on.unwrap_or_else(action::today));
    let mut tx = state.db.begin().await?;
    action::set_milestone_done(&mut tx, id, done_on, &api.actor()).await?;
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    tx.commit().await?;
    Ok(Json(milestone_json(&m, action::today())))
}

/// `DELETE /milestones/{id}`.
pub async fn delete_milestone(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    access::edits_network(&api.user)?;
    let mut tx = state.db.begin().await?;
    action::delete_milestone(&mut tx, id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
