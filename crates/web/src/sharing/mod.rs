//! Yhteiskäyttö's pages: the catalogue of shared resources with its availability search, each
//! resource with its week and month views and booking form, the resource form, the user's
//! bookings with the owner's one-click decisions, and qualifications.

pub mod bookings;
pub mod feeds;
pub mod figures;
pub mod images;
pub mod locations;
pub mod notify;
pub mod qualifications;
pub mod resource_form;
pub mod resources;
pub mod view;

use crate::auth::access;
use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use vaski_store::account::User;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/resources",
            get(resources::list).post(resource_form::create),
        )
        .route("/resources/new", get(resource_form::new_form))
        .route(
            "/resources/{id}",
            get(resources::show).post(resource_form::update),
        )
        .route("/resources/{id}/edit", get(resource_form::edit_form))
        .route("/resources/{id}/book", post(bookings::book))
        .route("/resources/{id}/block", post(bookings::block))
        .route("/bookings", get(bookings::list))
        .route("/bookings/{id}", get(bookings::show))
        .route("/bookings/{id}/confirm", post(bookings::confirm))
        .route("/bookings/{id}/reject", post(bookings::reject))
        .route("/bookings/{id}/cancel", post(bookings::cancel))
        .route("/bookings/{id}/move", post(bookings::move_booking))
        .route("/bookings/{id}/no-show", post(bookings::no_show))
        .route(
            "/organisations/{id}/qualifications",
            get(qualifications::page).post(qualifications::create),
        )
        .route(
            "/organisations/{id}/qualifications/grants",
            post(qualifications::grant),
        )
        .route(
            "/resources/{id}/images",
            get(images::page).post(images::upload),
        )
        .route(
            "/resources/{id}/images/{image_id}",
            get(images::bytes).post(images::update_alt),
        )
        .route(
            "/resources/{id}/images/{image_id}/delete",
            post(images::delete),
        )
        .route(
            "/organisations/{id}/locations",
            get(locations::page).post(locations::create),
        )
        .route(
            "/organisations/{id}/locations/{location_id}",
            post(locations::update),
        )
        .route(
            "/organisations/{id}/locations/{location_id}/delete",
            post(locations::delete),
        )
        .route(
            "/organisations/{id}/locations/{location_id}/hours",
            post(locations::set_hours),
        )
        .route(
            "/organisations/{id}/locations/{location_id}/exceptions",
            post(locations::set_exceptions),
        )
}

/// Whether a booking's booker may be named to the user: where [`access::sees_booking`]
/// allows, and always when the booker is the owner itself (its own use of its own machine is
/// no other organisation's business secret, and the owner is named on the page anyway).
pub fn names_booker(user: &User, booker: Option<i64>, owner: i64) -> bool {
    booker == Some(owner) || access::sees_booking_of(user, booker, owner).is_ok()
}

/// One option of a select or a radio group, or a link with its text.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: &str, label: String, selected: bool) -> Choice {
        Choice {
            value: value.to_string(),
            label,
            selected,
        }
    }
}
