//! Suunta in the API: a plan's scorecard for a year, and a computed indicator's value at any
//! date. Plans are the institution's own: those who see the whole network may read them.

use super::error::ApiError;
use super::input::Params;
use super::output;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};
use vaski_domain::network::OrganisationKind;
use vaski_domain::reference::Industry;
use vaski_domain::strategy::computed::{ComputedIndicator, Scope};
use vaski_domain::text;
use vaski_store::strategy::{computed, plan, scorecard};

/// `GET /scorecard?plan=ID&year=YYYY`: every indicator of the plan with its baseline, the
/// year's target, the actual figure, progress (0..1) and status; the goals' rolled-up progress.
pub async fn scorecard(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let mut p = Params::new(params);
    let plan_id = p.int("plan");
    let year = p.int("year");
    p.finish()?;
    let plan_id = plan_id.ok_or_else(|| ApiError::field("plan", "error-required"))?;
    let plan = plan::get(&state.db, plan_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let period = plan.period()?;
    let year = match year {
        Some(y) => i32::try_from(y)
            .map_err(|_| ApiError::field("year", "error-target-year-outside-plan"))?,
        None => period.current_year(vaski_store::strategy::action::today()),
    };
    if !period.contains_year(year) {
        return Err(ApiError::field("year", "error-target-year-outside-plan"));
    }
    let card = scorecard::for_year(&state.db, plan_id, year, scorecard::Trends::Without).await?;
    Ok(Json(to_json(&card)))
}

/// The scorecard as the API (and the public link's JSON) gives it: no people.
pub fn to_json(card: &scorecard::Scorecard) -> Value {
    json!({
        "plan": card.plan.id,
        "year": card.year,
        "at": output::date(card.at),
        "indicators": card.rows.iter().map(|r| json!({
            "key": r.indicator.key,
            "name": r.indicator.name,
            "unit": r.indicator.unit,
            "direction": r.indicator.direction,
            "computed": r.indicator.computed,
            "baseline": r.baseline,
            "target": r.target,
            "actual": r.actual,
            "progress": r.progress,
            "status": r.status.code(),
            "stale": r.stale,
        })).collect::<Vec<_>>(),
        "goals": card.goals.iter().map(|g| json!({
            "id": g.goal.id,
            "parent_id": g.goal.parent_id,
            "title": g.goal.title,
            "progress": g.progress,
            "status": g.status.code(),
        })).collect::<Vec<_>>(),
    })
}

/// `GET /indicators/{key}/value?at=YYYY-MM-DD[&field=&unit=&tag=&kind=]`: a computed
/// indicator's value at a date (today when `at` is left out), over the whole network or the
/// scope given.
pub async fn indicator_value(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(key): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let indicator = ComputedIndicator::parse(&key).map_err(|_| ApiError::not_found())?;
    let mut p = Params::new(params);
    let at = p.parsed("at", text::parse_date).flatten();
    let field = p.parsed("field", |s| {
        Industry::by_code(s.trim())
            .filter(|i| i.level == 1)
            .ok_or(text::Invalid::new("error-scope-field"))
    });
    let unit = p.text("unit");
    let tag = p.text("tag");
    let kind = p.parsed("kind", OrganisationKind::parse);
    p.finish()?;
    let at = at.unwrap_or_else(vaski_store::strategy::action::today);
    let scope = Scope {
        field,
        unit,
        tag,
        kind,
    };
    let value = computed::value_at(&state.db, indicator, &scope, at).await?;
    Ok(Json(
        json!({ "key": indicator.key(), "at": output::date(at), "value": value }),
    ))
}

/// `POST /plans/{id}/public-links`: a new public read-only link to the plan's roadmap and
/// scorecard; 201 with `{"url", "id"}`. The URL carries the only copy of the token.
pub async fn create_public_link(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
) -> Result<(axum::http::StatusCode, Json<Value>), ApiError> {
    access::edits_network(&user)?;
    plan::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let actor = vaski_store::Actor::user(user.id, user.email.clone());
    let (link_id, token) = crate::strategy::public::make(&state, id, &actor).await?;
    let url = crate::strategy::public::link_url(&state, &headers, &token);
    Ok((
        axum::http::StatusCode::CREATED,
        Json(json!({ "url": url, "id": link_id })),
    ))
}

/// `DELETE /plans/{id}/public-links/{link_id}`: revokes the link; it answers 404 from then on.
pub async fn revoke_public_link(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path((id, link_id)): Path<(i64, i64)>,
) -> Result<axum::http::StatusCode, ApiError> {
    access::edits_network(&user)?;
    let actor = vaski_store::Actor::user(user.id, user.email.clone());
    let mut tx = state.db.begin().await?;
    vaski_store::strategy::public_link::revoke(&mut tx, id, link_id, &actor).await?;
    tx.commit().await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
