//! Workshops in the API (docs/adr/0008-strategy.md): a plan's workshops, one workshop with its
//! ideas and ranked result, new ideas, and the token user's own dots on an idea. The token user
//! takes part as themselves, like staff on the organiser's page.

use super::error::ApiError;
use super::input::{validated, Body};
use super::output;
use crate::auth::{access, ApiUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use jiff::Timestamp;
use serde_json::{json, Value};
use vaski_domain::strategy::workshop::{parse_dots, DisplayName, IdeaText, WorkshopInput};
use vaski_domain::Language;
use vaski_store::account::User;
use vaski_store::strategy::plan;
use vaski_store::strategy::workshop::{self as store, Participant, Workshop};

fn workshop_json(w: &Workshop) -> Value {
    json!({
        "id": w.id,
        "plan_id": w.plan_id,
        "title": w.title,
        "held_on": output::date(w.held_on),
        "theme": w.theme,
        "code": w.code.as_str(),
        "join_path": format!("/w/{}", w.code.as_str()),
        "opens_at": w.window.opens_at().to_string(),
        "closes_at": w.window.closes_at().to_string(),
        "vote_budget": w.rules.budget(),
        "vote_cap": w.rules.cap_per_idea(),
        "anonymous_votes": w.rules.anonymous(),
    })
}

async fn result_json(state: &AppState, w: &Workshop) -> Result<Value, ApiError> {
    let result = store::result(&state.db, w.id).await?;
    Ok(Value::Array(
        result
            .into_iter()
            .map(|r| {
                json!({
                    "rank": r.rank,
                    "idea_id": r.idea_id,
                    "text": r.text,
                    "theme_id": r.theme_id,
                    "theme": r.theme,
                    "dots": r.dots,
                    "voters": r.voters,
                    "named_voters": r.named_voters.map(|vs| vs.iter().map(|v| json!({
                        "name": v.name,
                        "dots": v.dots,
                    })).collect::<Vec<_>>()),
                })
            })
            .collect(),
    ))
}

async fn workshop_of(state: &AppState, id: i64) -> Result<Workshop, ApiError> {
    store::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// `GET /plans/{id}/workshops`: the plan's workshops, latest first.
pub async fn list(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(plan_id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    plan::get(&state.db, plan_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let all = store::of_plan(&state.db, plan_id).await?;
    Ok(Json(json!({
        "items": all.iter().map(workshop_json).collect::<Vec<_>>(),
    })))
}

/// `POST /plans/{id}/workshops`: a new workshop with a fresh join code; 201.
pub async fn create(
    State(state): State<AppState>,
    api: ApiUser,
    Path(plan_id): Path<i64>,
    super::error::JsonBody(map): super::error::JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&api.user)?;
    let mut b = Body::new(&map);
    let input = WorkshopInput {
        title: b.text("title"),
        held_on: b.text("held_on"),
        theme: b.text("theme"),
        opens_at: b.text("opens_at"),
        closes_at: b.text("closes_at"),
        vote_budget: b.number_text("vote_budget"),
        vote_cap: b.number_text("vote_cap"),
        anonymous_votes: b.boolean("anonymous_votes"),
    };
    let problems = b.finish();
    let draft = validated(problems, input.validate())?;
    let mut tx = state.db.begin().await?;
    let w = store::create(&mut tx, plan_id, &draft, &api.actor()).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(workshop_json(&w))))
}

/// `GET /workshops/{id}`: the workshop, its themes, its ideas and the ranked result.
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let w = workshop_of(&state, id).await?;
    let anonymous = w.rules.anonymous();
    let themes = store::themes(&state.db, id).await?;
    let ideas = store::ideas(&state.db, id).await?;
    let mut body = workshop_json(&w);
    body["themes"] = themes
        .iter()
        .map(|t| json!({ "id": t.id, "name": t.name }))
        .collect();
    body["ideas"] = ideas
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "text": i.text,
                "theme_id": i.theme_id,
                "author": if anonymous { None } else { i.author.clone() },
            })
        })
        .collect();
    body["result"] = result_json(&state, &w).await?;
    Ok(Json(body))
}

/// `GET /workshops/{id}/result`: the ranked result; voters are named only where votes are.
pub async fn result(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let w = workshop_of(&state, id).await?;
    Ok(Json(json!({ "items": result_json(&state, &w).await? })))
}

/// The token user as a participant of the workshop, joining if they had not.
async fn participant_of(state: &AppState, user: &User, id: i64) -> Result<Participant, ApiError> {
    let name = DisplayName::parse(&user.name)
        .or_else(|_| DisplayName::parse(user.email.as_str()))
        .map_err(|e| ApiError::field("name", e.key))?;
    let mut tx = state.db.begin().await?;
    let p = store::join_as_user(&mut tx, id, user.id, &name).await?;
    tx.commit().await?;
    Ok(p)
}

/// `POST /workshops/{id}/ideas`: a new idea by the token user; 201.
pub async fn add_idea(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
    super::error::JsonBody(map): super::error::JsonBody,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    access::edits_network(&user)?;
    let mut b = Body::new(&map);
    let text = b.text("text");
    let theme_id = b.int("theme_id");
    let problems = b.finish();
    let text = validated(
        problems,
        IdeaText::parse(&text).map_err(|e| [("text", e.key)].into_iter().collect()),
    )?;
    workshop_of(&state, id).await?;
    let me = participant_of(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    let idea = store::add_idea(&mut tx, &me, &text, theme_id).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": idea.id, "text": idea.text, "theme_id": idea.theme_id })),
    ))
}

/// `PUT /workshops/{id}/ideas/{idea_id}/votes` with `{"dots": N}`: the token user's dots on
/// the idea; 422 with the reason when the budget or the cap would be passed (nothing changes).
pub async fn vote(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path((id, idea_id)): Path<(i64, i64)>,
    super::error::JsonBody(map): super::error::JsonBody,
) -> Result<Json<Value>, ApiError> {
    access::edits_network(&user)?;
    let mut b = Body::new(&map);
    let dots = b.number_text("dots");
    let problems = b.finish();
    let dots = validated(
        problems,
        parse_dots(&dots).map_err(|e| [("dots", e.key)].into_iter().collect()),
    )?;
    let idea = store::idea(&state.db, idea_id)
        .await?
        .filter(|i| i.workshop_id == id)
        .ok_or_else(ApiError::not_found)?;
    let me = participant_of(&state, &user, id).await?;
    match store::set_dots(&state.db, me.id, idea.id, dots, Timestamp::now()).await? {
        Ok(voted) => Ok(Json(json!({ "dots": voted.dots, "left": voted.left }))),
        Err(refused) => {
            let message =
                crate::strategy::workshops::refusal_text(&Tr::new(Language::En), &refused);
            let mut e = ApiError::field("dots", refused.key());
            e.fields.insert("dots".into(), message.clone());
            e.message = message;
            Err(e.with("reason", Value::String(refused.key().into())))
        }
    }
}
