//! Pages for the administrators who run the deployment. Every page here answers 403 to anyone
//! but an admin.

pub mod mail;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/mail", get(mail::page))
        .route("/admin/mail/{id}/retry", post(mail::retry))
        .route("/admin/mail/{id}/discard", post(mail::discard))
}
