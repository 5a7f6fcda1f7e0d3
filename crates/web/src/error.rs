//! The web layer's one error type and its policy:
//!
//! - a user's mistake (validation, conflict, missing record, no right) is answered with its own
//!   status and a message in the user's language;
//! - a database that cannot be reached is a 503 with a page that says so, and a log line;
//! - anything else is a 500 whose body says nothing of the cause; the cause goes to the log.
//!
//! Pages render it as HTML, the API as `{"error": {"code", "message", "fields"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use vaski_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(BTreeMap<&'static str, &'static str>),
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("too many attempts")]
    TooManyRequests,
    #[error("payload too large")]
    TooLarge,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            e if e.is_unavailable() => AppError::Unavailable(e.to_string()),
            // A value the store checked against other records: the user's to correct.
            StoreError::Invalid { field, key } => {
                AppError::Validation(BTreeMap::from([(field, key)]))
            }
            // A unique constraint, or `bookings_no_overlap`, the database's own guard against
            // two overlapping bookings of one resource: the record or the time is taken.
            StoreError::Conflict { constraint } => AppError::Conflict {
                code: "conflict",
                message: constraint,
            },
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message-catalogue key of what the user is told.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "error-page-unauthenticated",
            AppError::Forbidden => "error-page-forbidden",
            AppError::NotFound => "error-page-not-found",
            AppError::Validation(_) => "error-page-validation",
            AppError::Conflict { .. } => "error-page-conflict",
            AppError::BadRequest(_) => "error-page-bad-request",
            AppError::TooManyRequests => "error-page-too-many",
            AppError::TooLarge => "error-page-too-large",
            AppError::Unavailable(_) => "error-page-unavailable",
            AppError::Internal(_) => "error-page-internal",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Validation(_) => "validation",
            AppError::Conflict { code, .. } => code,
            AppError::BadRequest(_) => "bad_request",
            AppError::TooManyRequests => "too_many_requests",
            AppError::TooLarge => "too_large",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// Logs what operators need to know; user errors are not logged as errors.
    pub fn log(&self) {
        match self {
            AppError::Internal(cause) => tracing::error!(%cause, "request failed"),
            AppError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
    }
}

/// What a rendered error needs, carried from the handler to the layer that renders it as a page
/// or as JSON (see `pages::render_errors` and `api::render_errors`).
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub key: &'static str,
    pub detail: Option<String>,
    pub fields: BTreeMap<&'static str, &'static str>,
}

/// The body is plain text in all three languages; the page and API layers replace it with
/// HTML or JSON using the attached [`ErrorInfo`].
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let key = self.message_key();
        let c = crate::i18n::catalogues();
        let body = vaski_domain::Language::ALL
            .iter()
            .map(|l| c.message(*l, key, None))
            .collect::<Vec<_>>()
            .join(" / ");
        let detail = match &self {
            AppError::Conflict { message, .. } => Some(message.clone()),
            AppError::BadRequest(m) => Some(m.clone()),
            _ => None,
        };
        let fields = match &self {
            AppError::Validation(f) => f.clone(),
            _ => BTreeMap::new(),
        };
        let info = ErrorInfo {
            code: self.code(),
            key,
            detail,
            fields,
        };
        let mut res = (self.status(), body).into_response();
        res.extensions_mut().insert(info);
        res
    }
}
