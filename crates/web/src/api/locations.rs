//! `/locations/{id}/opening-hours`: a location's weekly hours and dated exceptions, in the shape
//! of a resource's opening hours. The resources at the location that have no weekly hours of
//! their own follow these (see `vaski_store::sharing::hours`).
//!
//! Read by whoever may read the location's organisation (a partner only their own; another's
//! location does not exist for them); replaced by those who manage the organisation's resources,
//! as on the locations page.

use super::error::{ApiError, JsonBody};
use super::input::Body;
use super::resources::{exception_json, read_exceptions, read_part, read_weekly, weekly_json};
use crate::auth::{access, ApiUser};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};
use vaski_store::account::User;
use vaski_store::sharing::location::{self, Location};
use vaski_store::{Db, StoreError};

/// The location, when the user may read its organisation (404 otherwise).
async fn readable(db: &Db, user: &User, id: i64) -> Result<Location, ApiError> {
    let l = location::get(db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    access::reads_organisation(user, l.organisation_id)?;
    Ok(l)
}

async fn opening_hours_json(db: &Db, l: &Location) -> Result<Value, ApiError> {
    let weekly = location::weekly_hours(db, l.id).await?;
    let exceptions = location::exceptions(db, l.id).await?;
    Ok(json!({
        "location_id": l.id,
        "weekly": weekly_json(&weekly),
        "exceptions": exceptions.iter().map(exception_json).collect::<Vec<_>>(),
    }))
}

/// `GET /locations/{id}/opening-hours`
pub async fn opening_hours(
    State(state): State<AppState>,
    ApiUser { user }: ApiUser,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let l = readable(&state.db, &user, id).await?;
    Ok(Json(opening_hours_json(&state.db, &l).await?))
}

/// `PUT /locations/{id}/opening-hours`: replaces the weekly hours and the dated exceptions, in
/// one transaction, each change audited; a bad part is refused by its field and nothing changes.
pub async fn set_opening_hours(
    State(state): State<AppState>,
    api: ApiUser,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let l = readable(&state.db, &api.user, id).await?;
    access::manages_resource(&api.user, l.organisation_id)?;
    let mut b = Body::new(&body);
    let weekly = read_part(&mut b, "weekly", read_weekly);
    let exceptions = read_part(&mut b, "exceptions", read_exceptions);
    b.read_only(&["location_id"]);
    let problems = b.finish();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    let actor = api.actor();
    match location::set_weekly_hours(&mut tx, id, &weekly, &actor).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => return Err(ApiError::not_found()),
        Err(e) => return Err(e.into()),
    }
    location::replace_exceptions(&mut tx, id, &exceptions, &actor).await?;
    tx.commit().await?;
    Ok(Json(opening_hours_json(&state.db, &l).await?))
}
