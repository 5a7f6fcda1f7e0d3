//! `GET /network/health`: the network's health figures as of today (UTC): partnerships resting
//! on one person, dormant partners, expiring agreements, and the counts by kind, industry,
//! municipality, status and year.

use super::agreements;
use super::error::ApiError;
use super::input::Params;
use super::output;
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde_json::{json, Value};
use time::OffsetDateTime;
use vaski_domain::reference::Municipality;
use vaski_store::network::health::{self, Count, Partner};

fn counts(c: &[Count]) -> Value {
    json!(c
        .iter()
        .map(|c| json!({ "key": c.key, "count": c.count }))
        .collect::<Vec<_>>())
}

fn partners(p: &[Partner]) -> Value {
    json!(p
        .iter()
        .map(|p| json!({
            "id": p.id,
            "name": p.name,
            "municipality": p.municipality_code.as_deref().and_then(Municipality::by_code).map(|m| m.name_fi.as_str()),
            "municipality_code": p.municipality_code,
            "last_interaction_at": output::opt_date(p.last_interaction_on),
            "owner_count": p.owner_count,
        }))
        .collect::<Vec<_>>())
}

/// `GET /network/health?dormant_days=&limit=`; for those who see the whole network.
pub async fn show(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    access::sees_network(&user)?;
    let mut p = Params::new(params);
    let dormant_days = p.int("dormant_days").unwrap_or(state.config.dormant_days);
    let limit = p
        .int("limit")
        .unwrap_or(super::input::DEFAULT_LIMIT)
        .clamp(1, vaski_store::Page::MAX_LIMIT);
    p.finish()?;
    if !(1..=36_500).contains(&dormant_days) {
        return Err(ApiError::field("dormant_days", "api-error-days"));
    }
    let today = OffsetDateTime::now_utc().date();
    let h = health::health(&state.db, today, dormant_days, limit).await?;
    let expiring = agreements::to_json_many(&state.db, &h.expiring_agreements).await?;
    Ok(Json(json!({
        "today": output::date(today),
        "organisations": h.organisations,
        "by_kind": counts(&h.by_kind),
        "by_industry": counts(&h.by_industry),
        "by_municipality": counts(&h.by_municipality),
        "by_status": counts(&h.by_status),
        "single_owner_count": h.single_owner_count,
        "single_owner": partners(&h.single_owner),
        "no_owner_count": h.no_owner_count,
        "dormant_days": h.dormant_days,
        "dormant_count": h.dormant_count,
        "dormant": partners(&h.dormant),
        "expiring_agreements": expiring,
        "new_per_year": counts(&h.new_per_year),
    })))
}
