//! The API's one error shape, `{"error": {"code", "message", "fields"}}`, with English messages
//! from the Fluent catalogue. Handlers return [`ApiError`]; errors raised outside them (the
//! bearer-token extractor, axum's own rejections, unknown routes) are rewritten into the same
//! shape by [`render_errors`].

use crate::error::{AppError, ErrorInfo};
use crate::i18n::catalogues;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use vaski_domain::Language;
use vaski_store::StoreError;

/// Field name → message key, collected while reading a request.
pub type Problems = BTreeMap<String, &'static str>;

/// A message of the English catalogue.
/// The API's own wording (`api-<key>`, whole sentences) where it has one, else the pages'.
pub fn english(key: &str) -> String {
    let own = format!("api-{key}");
    let message = catalogues().message(Language::En, &own, None);
    if message == own {
        catalogues().message(Language::En, key, None)
    } else {
        message
    }
}

/// A message of the English catalogue with named text arguments.
pub fn english_with(key: &str, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(name.to_string(), FluentValue::from(value.clone()));
    }
    let own = format!("api-{key}");
    let message = catalogues().message(Language::En, &own, Some(&fluent));
    if message != own {
        return message;
    }
    catalogues().message(Language::En, key, Some(&fluent))
}

/// An error answered by the API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Field → English message of what is wrong with it.
    pub fields: BTreeMap<String, String>,
    /// The organisation a duplicate business ID belongs to.
    pub existing: Option<(i64, String)>,
    /// Further members of the error object that some errors carry (a booking conflict's
    /// `conflicts` and `occurrences`); boxed, so that every `Result` with this error stays
    /// small.
    pub extra: Option<Box<Map<String, Value>>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: BTreeMap::new(),
            existing: None,
            extra: None,
        }
    }

    /// A 422 naming every field that is wrong.
    pub fn validation(problems: Problems) -> ApiError {
        ApiError {
            fields: problems
                .into_iter()
                .map(|(field, key)| (field, english(key)))
                .collect(),
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                english("error-page-validation"),
            )
        }
    }

    /// A 422 for one field.
    pub fn field(field: &str, key: &'static str) -> ApiError {
        ApiError::validation([(field.to_string(), key)].into_iter().collect())
    }

    /// This error with a further member of the error object.
    pub fn with(mut self, key: &str, value: Value) -> ApiError {
        self.extra
            .get_or_insert_with(Box::default)
            .insert(key.to_string(), value);
        self
    }

    pub fn not_found() -> ApiError {
        AppError::NotFound.into()
    }

    pub fn forbidden() -> ApiError {
        AppError::Forbidden.into()
    }

    /// The code an error status is known by where nothing more specific is known.
    fn code_of(status: StatusCode) -> &'static str {
        match status.as_u16() {
            400 => "bad_request",
            401 => "unauthenticated",
            403 => "forbidden",
            404 => "not_found",
            405 => "method_not_allowed",
            409 => "conflict",
            413 => "too_large",
            415 => "unsupported_media_type",
            422 => "validation",
            429 => "too_many_requests",
            503 => "unavailable",
            _ => "internal",
        }
    }

    /// The English message of an error status, for answers that carry none of their own.
    fn message_of(status: StatusCode) -> String {
        let key = match status.as_u16() {
            400 => "error-page-bad-request",
            401 => "error-page-unauthenticated",
            403 => "error-page-forbidden",
            404 => "error-page-not-found",
            405 => "api-error-method-not-allowed",
            409 => "error-page-conflict",
            413 => "error-page-too-large",
            415 => "api-error-json-content-type",
            422 => "error-page-validation",
            429 => "error-page-too-many",
            503 => "error-page-unavailable",
            _ => "error-page-internal",
        };
        english(key)
    }

    /// The error a page-layer [`AppError`] answered with, from what it attached.
    fn from_info(status: StatusCode, info: ErrorInfo) -> ApiError {
        let mut message = english(info.key);
        // Only a bad request's detail is meant for the caller; a conflict's names a constraint.
        if let (Some(detail), "bad_request") = (&info.detail, info.code) {
            message = format!("{message} {detail}");
        }
        ApiError {
            status,
            code: info.code,
            message,
            fields: info
                .fields
                .iter()
                .map(|(f, k)| (f.to_string(), english(k)))
                .collect(),
            existing: None,
            extra: None,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut error = Map::new();
        error.insert("code".into(), json!(self.code));
        error.insert("message".into(), json!(self.message));
        error.insert("fields".into(), json!(self.fields));
        if let Some((id, name)) = &self.existing {
            error.insert("existing".into(), json!({ "id": id, "name": name }));
        }
        for (key, value) in self.extra.iter().flat_map(|extra| extra.iter()) {
            error.insert(key.clone(), value.clone());
        }
        json!({ "error": error })
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        e.log();
        let mut message = english(e.message_key());
        if let AppError::BadRequest(detail) = &e {
            message = format!("{message} {detail}");
        }
        let fields = match &e {
            AppError::Validation(f) => f
                .iter()
                .map(|(field, key)| (field.to_string(), english(key)))
                .collect(),
            _ => BTreeMap::new(),
        };
        ApiError {
            status: e.status(),
            code: e.code(),
            message,
            fields,
            existing: None,
            extra: None,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        AppError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(self.body())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

fn is_json(res: &Response) -> bool {
    res.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// Rewrites every error answer of the API that is not JSON already (an [`AppError`] from an
/// extractor, axum's plain-text rejections, a 405) into the API's error shape.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if let Some(info) = res.extensions().get::<ErrorInfo>().cloned() {
        return ApiError::from_info(status, info).into_response();
    }
    if !(status.is_client_error() || status.is_server_error()) || is_json(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    // axum's rejections explain themselves in a line of English; a server error says nothing.
    let text = match axum::body::to_bytes(body, 4096).await {
        Ok(bytes) if status.is_client_error() => String::from_utf8_lossy(&bytes).trim().to_string(),
        _ => String::new(),
    };
    let message = if text.is_empty() {
        ApiError::message_of(status)
    } else {
        text
    };
    let mut out = ApiError::new(status, ApiError::code_of(status), message).into_response();
    if let Some(allow) = parts.headers.get(axum::http::header::ALLOW) {
        out.headers_mut()
            .insert(axum::http::header::ALLOW, allow.clone());
    }
    out
}

/// Answers a path under `/api/v1` that no route serves.
pub async fn no_route() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        english("api-error-no-route"),
    )
}

/// A JSON object from the request body; anything else is an [`ApiError`] in the API's shape.
pub struct JsonBody(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<JsonBody, ApiError> {
        match Json::<Value>::from_request(req, state).await {
            Ok(Json(Value::Object(map))) => Ok(JsonBody(map)),
            Ok(Json(_)) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                english("api-error-expected-object"),
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                english("api-error-json-content-type"),
            )),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("{} {}", english("api-error-invalid-json"), e.body_text()),
            )),
            Err(other) => Err(ApiError::new(
                other.status(),
                ApiError::code_of(other.status()),
                other.body_text(),
            )),
        }
    }
}
