//! The `Idempotency-Key` header: a client that sends one with a request it may have to retry
//! gets, for every retry, the first attempt's answer instead of a second booking
//! (docs/adr/0007-idempotency-keys.md; the claims are kept by the store's
//! `sharing::idempotency`).
//!
//! A request is the same request when its method, path and body are: the body is compared in
//! a canonical form (object keys sorted, no spaces), so that a client which writes the same
//! object out again in another order is not taken to have sent another one.

use super::error::{english, ApiError};
use crate::error::AppError;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::future::Future;
use time::OffsetDateTime;
use vaski_store::sharing::idempotency::{self, Claim};
use vaski_store::Db;

pub const HEADER: &str = "idempotency-key";

/// Marks an answer given again from the stored first answer.
pub const REPLAYED: &str = "idempotent-replayed";

/// The longest key accepted; a UUID is 36 characters.
const MAX_KEY_CHARS: usize = 255;

/// A JSON answer of an endpoint that honours the header: its status and body, or its error.
pub type Answer = Result<(StatusCode, Value), ApiError>;

/// The key a request carries, if any: 1 to 255 visible ASCII characters.
pub fn key_of(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = value.to_str().map(str::trim).unwrap_or_default();
    let visible = key.bytes().all(|b| b.is_ascii_graphic());
    if key.is_empty() || key.len() > MAX_KEY_CHARS || !visible {
        return Err(ApiError::field(
            "Idempotency-Key",
            "api-error-idempotency-key",
        ));
    }
    Ok(Some(key.to_string()))
}

/// SHA-256 (hex) of the method, the path and the body in canonical form.
pub fn request_hash(method: &str, path: &str, body: &Map<String, Value>) -> String {
    let mut text = format!("{method} {path}\n");
    canonical_object(body, &mut text);
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => canonical_object(map, out),
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn canonical_object(map: &Map<String, Value>, out: &mut String) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    out.push('{');
    for (n, key) in keys.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(key.clone()).to_string());
        out.push(':');
        if let Some(value) = map.get(key) {
            canonical(value, out);
        }
    }
    out.push('}');
}

/// Runs `work` once per key of the user: without a key it simply runs; with a new key it runs
/// and its answer is kept; with a key seen before, the kept answer is given again (or the key's
/// misuse or its running first request is reported) and `work` does not run.
pub async fn once(
    db: Db,
    user_id: i64,
    key: Option<String>,
    hash: &str,
    work: impl Future<Output = Answer> + Send + 'static,
) -> Result<Response, ApiError> {
    let Some(key) = key else {
        return Ok(respond(work.await));
    };
    match idempotency::claim(&db, user_id, &key, hash, OffsetDateTime::now_utc()).await? {
        Claim::Claimed => {}
        Claim::Replay { status, body } => return Ok(replay(status, body)),
        Claim::Reused => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                english("api-error-idempotency-key-reused"),
            ))
        }
        Claim::InProgress => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "idempotency_in_progress",
                english("api-error-idempotency-in-progress"),
            ))
        }
    }
    // The work and the keeping of its answer run as a task of their own: a client that hangs
    // up has its request dropped mid-way, and the retry it then sends must find the answer,
    // not a claim left in progress for a day.
    let (task_db, task_key) = (db.clone(), key.clone());
    let task = tokio::spawn(async move {
        let answer = work.await;
        keep(&task_db, user_id, &task_key, &answer).await;
        answer
    });
    match task.await {
        Ok(answer) => Ok(respond(answer)),
        Err(e) => {
            // The work panicked: nothing is known of it, so a retry may run afresh.
            let _ = idempotency::release(&db, user_id, &key).await;
            Err(AppError::Internal(format!("idempotent request failed: {e}")).into())
        }
    }
}

/// Stores the answer for the key's retries; a server error instead frees the key, since the
/// store failed and a retry may well succeed. A failure here is logged, not answered: the
/// work is done, and a key left in progress only makes retries wait, never book twice.
async fn keep(db: &Db, user_id: i64, key: &str, answer: &Answer) {
    let (status, body) = match answer {
        Ok((status, body)) => (*status, body.clone()),
        Err(e) => (e.status, e.body()),
    };
    let kept = if status.is_server_error() {
        idempotency::release(db, user_id, key).await
    } else {
        idempotency::finish(db, user_id, key, status.as_u16(), &body.to_string()).await
    };
    if let Err(e) = kept {
        tracing::warn!(error = %e, "idempotency key: the answer could not be kept");
    }
}

fn respond(answer: Answer) -> Response {
    match answer {
        Ok((status, body)) => (status, Json(body)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The kept answer, byte for byte, marked as given again.
fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn the_same_object_in_another_key_order_is_the_same_request() {
        let a = object(json!({"resource_id": 1, "starts_at": "x", "exdates": ["a", "b"]}));
        let b = object(json!({"exdates": ["a", "b"], "starts_at": "x", "resource_id": 1}));
        assert_eq!(
            request_hash("POST", "/bookings", &a),
            request_hash("POST", "/bookings", &b)
        );
        let c = object(json!({"resource_id": 2, "starts_at": "x", "exdates": ["a", "b"]}));
        assert_ne!(
            request_hash("POST", "/bookings", &a),
            request_hash("POST", "/bookings", &c)
        );
        assert_ne!(
            request_hash("POST", "/bookings", &a),
            request_hash("POST", "/other", &a)
        );
    }

    #[test]
    fn a_key_is_visible_ascii_of_reasonable_length() {
        let mut headers = HeaderMap::new();
        assert_eq!(key_of(&headers), Ok(None));
        headers.insert(HEADER, HeaderValue::from_static("3f2a-uuid"));
        assert_eq!(key_of(&headers), Ok(Some("3f2a-uuid".to_string())));
        headers.insert(HEADER, HeaderValue::from_static("two words"));
        assert!(key_of(&headers).is_err());
        let long = "k".repeat(256);
        headers.insert(HEADER, HeaderValue::from_str(&long).expect("header"));
        assert!(key_of(&headers).is_err());
    }
}
