//! `/resources/{id}/images`: a resource's pictures through the API, with the same checks as
//! the pictures page (`sharing::images`): everyone signed in lists them and fetches their bytes;
//! those who manage the resource upload one (multipart, with its text alternative), change its
//! text alternative and delete it. An upload must be a real image (PNG, JPEG, WebP or GIF by its
//! first bytes) within the size limit; every change goes through the store, which audits it.

use super::error::{english, ApiError, JsonBody};
use super::input::{Body, Params};
use super::output;
use super::resources::existing;
use crate::auth::{access, came_over_tls, ApiUser};
use crate::sharing::images::{read_upload, ALT_MAX, IMAGE_CACHE};
use crate::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use vaski_store::sharing::resource::{self, Image, Resource};

/// Fields an image's JSON answers with but a change does not take.
const READ_ONLY: &[&str] = &["id", "resource_id", "content_type", "url"];

/// Where the API serves a picture's bytes, on the host the caller reached (a relative link
/// where the request named none).
fn image_url(headers: &HeaderMap, resource_id: i64, image_id: i64) -> String {
    let path = format!("/api/v1/resources/{resource_id}/images/{image_id}");
    match headers.get(HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => {
            let scheme = if came_over_tls(headers) {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}{path}")
        }
        None => path,
    }
}

fn to_json(i: &Image, headers: &HeaderMap) -> Value {
    json!({
        "id": i.id,
        "resource_id": i.resource_id,
        "content_type": i.content_type,
        "alt_text": i.alt_text,
        "url": image_url(headers, i.resource_id, i.id),
    })
}

/// The resource, when the caller may change its pictures (404 when it does not exist, 403 when
/// the caller may not manage it).
async fn editable(state: &AppState, api: &ApiUser, id: i64) -> Result<Resource, ApiError> {
    let r = existing(&state.db, id).await?;
    access::manages_resource(&api.user, r.owner_organisation_id)?;
    Ok(r)
}

/// A picture of this resource, or 404.
async fn image_of(state: &AppState, id: i64, image_id: i64) -> Result<Image, ApiError> {
    resource::image_of(&state.db, id, image_id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// `GET /resources/{id}/images`
pub async fn list(
    State(state): State<AppState>,
    _caller: ApiUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let mut p = Params::new(params);
    let page = p.page();
    p.finish()?;
    existing(&state.db, id).await?;
    let all = resource::images(&state.db, id).await?;
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let items = all
        .iter()
        .skip(usize::try_from(page.offset).unwrap_or(0))
        .take(usize::try_from(page.limit).unwrap_or(0))
        .map(|i| to_json(i, &headers))
        .collect();
    Ok(output::list(items, total, page))
}

/// `POST /resources/{id}/images`: `multipart/form-data` with `alt_text` and `image` (the file).
pub async fn upload(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    editable(&state, &api, id).await?;
    let multipart = multipart.map_err(|_| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            english("api-places-error-multipart"),
        )
    })?;
    let form = read_upload(multipart).await?;
    let (alt, bytes) = form.checked().map_err(|errors| {
        ApiError::validation(
            errors
                .into_iter()
                .map(|(field, key)| (field.to_string(), key))
                .collect(),
        )
    })?;
    let mut tx = state.db.begin().await?;
    let image_id = resource::add_image(&mut tx, id, bytes, Some(alt), &api.actor()).await?;
    tx.commit().await?;
    let image = image_of(&state, id, image_id).await?;
    Ok((
        StatusCode::CREATED,
        [(
            LOCATION,
            format!("/api/v1/resources/{id}/images/{image_id}"),
        )],
        Json(to_json(&image, &headers)),
    )
        .into_response())
}

/// `GET /resources/{id}/images/{image_id}`: the picture's bytes, with its image type.
pub async fn bytes(
    State(state): State<AppState>,
    _caller: ApiUser,
    Path((id, image_id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    image_of(&state, id, image_id).await?;
    let (content_type, bytes) = resource::image_bytes(&state.db, image_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, IMAGE_CACHE.to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// `PUT /resources/{id}/images/{image_id}`: `{"alt_text": "..."}`, required.
pub async fn set_alt(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    Path((id, image_id)): Path<(i64, i64)>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    editable(&state, &api, id).await?;
    image_of(&state, id, image_id).await?;
    let mut b = Body::new(&body);
    let typed = b.text("alt_text");
    b.read_only(READ_ONLY);
    let mut problems = b.finish();
    let alt = match vaski_domain::text::required_line(&typed, ALT_MAX) {
        Ok(alt) => Some(alt),
        Err(e) => {
            problems.entry("alt_text".into()).or_insert(e.key);
            None
        }
    };
    let Some(alt) = alt.filter(|_| problems.is_empty()) else {
        return Err(ApiError::validation(problems));
    };
    let mut tx = state.db.begin().await?;
    resource::set_image_alt(&mut tx, id, image_id, &alt, &api.actor()).await?;
    tx.commit().await?;
    let image = image_of(&state, id, image_id).await?;
    Ok(Json(to_json(&image, &headers)))
}

/// `DELETE /resources/{id}/images/{image_id}`
pub async fn delete(
    State(state): State<AppState>,
    api: ApiUser,
    Path((id, image_id)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    editable(&state, &api, id).await?;
    let mut tx = state.db.begin().await?;
    resource::remove_image(&mut tx, id, image_id, &api.actor()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
