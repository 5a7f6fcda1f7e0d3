//! The JSON API under `/api/v1`, for the systems around Vaski. Every call but the OpenAPI
//! document is authenticated with `Authorization: Bearer <token>` (see `auth::ApiUser`) and
//! checked with the same `auth::access` rules as the pages; every write goes through the store
//! in one transaction, which writes the audit trail with it.
//!
//! Errors all have one shape, `{"error": {"code", "message", "fields"}}`, with English
//! messages (see [`error`]). The routes are listed once, in [`ROUTES`]: the router is built from
//! the table, and a test holds the OpenAPI document (`openapi.json`) to it.

pub mod actions;
pub mod agreements;
pub mod availability;
pub mod bookings;
pub mod error;
pub mod health;
pub mod idempotency;
pub mod images;
pub mod indicators;
pub mod input;
pub mod interactions;
pub mod locations;
pub mod organisations;
pub mod output;
pub mod people;
pub mod plans;
pub mod resources;
pub mod strategy;
pub mod times;
pub mod workshops;

use crate::state::AppState;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post, put, MethodRouter};
use axum::Router;

pub use error::{render_errors, ApiError};

/// The OpenAPI 3.1 document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// One route of the API: its method and path (the same `{param}` syntax in axum and OpenAPI).
pub struct ApiRoute {
    pub method: &'static str,
    pub path: &'static str,
    handler: fn() -> MethodRouter<AppState>,
}

macro_rules! routes {
    ($($method:ident $path:literal => $handler:path),+ $(,)?) => {
        &[$(ApiRoute {
            method: stringify!($method),
            path: $path,
            handler: || $method($handler),
        }),+]
    };
}

/// Every route of the API.
pub const ROUTES: &[ApiRoute] = routes! {
    get "/openapi.json" => openapi,
    get "/organisations" => organisations::list,
    post "/organisations" => organisations::create,
    get "/organisations/{id}" => organisations::show,
    put "/organisations/{id}" => organisations::replace,
    patch "/organisations/{id}" => organisations::patch,
    delete "/organisations/{id}" => organisations::delete,
    put "/organisations/{id}/owners" => organisations::set_owners,
    post "/organisations/{id}/people" => people::create,
    post "/organisations/{id}/interactions" => interactions::create,
    post "/organisations/{id}/agreements" => agreements::create,
    get "/people" => people::list,
    get "/people/{id}" => people::show,
    put "/people/{id}" => people::replace,
    delete "/people/{id}" => people::delete,
    get "/interactions" => interactions::list,
    get "/interactions/{id}" => interactions::show,
    put "/interactions/{id}" => interactions::replace,
    delete "/interactions/{id}" => interactions::delete,
    get "/agreements" => agreements::list,
    get "/agreements/{id}" => agreements::show,
    put "/agreements/{id}" => agreements::replace,
    delete "/agreements/{id}" => agreements::delete,
    get "/network/health" => health::show,
    get "/scorecard" => strategy::scorecard,
    get "/indicators/{key}/value" => strategy::indicator_value,
    post "/plans/{id}/public-links" => strategy::create_public_link,
    delete "/plans/{id}/public-links/{link_id}" => strategy::revoke_public_link,
    get "/plans" => plans::list,
    post "/plans" => plans::create,
    get "/plans/{id}" => plans::show,
    put "/plans/{id}" => plans::replace,
    delete "/plans/{id}" => plans::delete,
    get "/plans/{id}/goals" => plans::goals,
    post "/plans/{id}/goals" => plans::create_goal,
    put "/goals/{id}" => plans::replace_goal,
    delete "/goals/{id}" => plans::delete_goal,
    get "/plans/{id}/actions" => actions::list,
    post "/plans/{id}/actions" => actions::create,
    get "/actions/{id}" => actions::show,
    put "/actions/{id}" => actions::replace,
    post "/actions/{id}/status" => actions::set_status,
    delete "/actions/{id}" => actions::delete,
    post "/actions/{id}/milestones" => actions::add_milestone,
    put "/milestones/{id}" => actions::replace_milestone,
    post "/milestones/{id}/done" => actions::set_done,
    delete "/milestones/{id}" => actions::delete_milestone,
    get "/plans/{id}/indicators" => indicators::list,
    post "/plans/{id}/indicators" => indicators::create,
    get "/indicators/{id}" => indicators::show,
    put "/indicators/{id}" => indicators::replace,
    delete "/indicators/{id}" => indicators::delete,
    put "/indicators/{id}/targets/{year}" => indicators::set_target,
    put "/indicators/{id}/goals/{goal_id}" => indicators::link_goal,
    delete "/indicators/{id}/goals/{goal_id}" => indicators::unlink_goal,
    get "/indicators/{id}/values" => indicators::values,
    post "/indicators/{id}/values" => indicators::add_value,
    delete "/indicators/{id}/values/{value_id}" => indicators::delete_value,
    get "/plans/{id}/workshops" => workshops::list,
    post "/plans/{id}/workshops" => workshops::create,
    get "/workshops/{id}" => workshops::show,
    post "/workshops/{id}/ideas" => workshops::add_idea,
    put "/workshops/{id}/ideas/{idea_id}/votes" => workshops::vote,
    get "/workshops/{id}/result" => workshops::result,
    get "/resources" => resources::list,
    post "/resources" => resources::create,
    get "/resources/{id}" => resources::show,
    put "/resources/{id}" => resources::replace,
    get "/resources/{id}/opening-hours" => resources::opening_hours,
    put "/resources/{id}/opening-hours" => resources::set_opening_hours,
    get "/locations/{id}/opening-hours" => locations::opening_hours,
    put "/locations/{id}/opening-hours" => locations::set_opening_hours,
    get "/resources/{id}/bookings" => bookings::of_resource,
    post "/bookings" => bookings::create,
    get "/bookings/{id}" => bookings::show,
    post "/bookings/{id}/confirm" => bookings::confirm,
    post "/bookings/{id}/reject" => bookings::reject,
    post "/bookings/{id}/cancel" => bookings::cancel,
    post "/bookings/{id}/move" => bookings::move_booking,
    get "/availability" => availability::search,
    get "/resources/{id}/images" => images::list,
    post "/resources/{id}/images" => images::upload,
    get "/resources/{id}/images/{image_id}" => images::bytes,
    put "/resources/{id}/images/{image_id}" => images::set_alt,
    delete "/resources/{id}/images/{image_id}" => images::delete,
};

/// The API's router, to be nested under `/api/v1`.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for route in ROUTES {
        router = router.route(route.path, (route.handler)());
    }
    router
        .fallback(error::no_route)
        .layer(axum::middleware::from_fn(render_errors))
}

/// `GET /openapi.json`: public, so that tools can read it before they have a token.
async fn openapi() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn document() -> Value {
        serde_json::from_str(OPENAPI).expect("openapi.json is JSON")
    }

    fn documented(doc: &Value) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        if let Some(paths) = doc["paths"].as_object() {
            for (path, item) in paths {
                for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                    if item.get(method).is_some() {
                        out.insert((method.to_string(), path.clone()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_route_is_documented_and_every_documented_route_exists() {
        let doc = document();
        let registered: BTreeSet<(String, String)> = ROUTES
            .iter()
            .map(|r| (r.method.to_string(), r.path.to_string()))
            .collect();
        assert_eq!(registered.len(), ROUTES.len(), "a route is listed twice");
        let documented = documented(&doc);
        assert_eq!(
            registered.difference(&documented).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "routes missing from openapi.json"
        );
        assert_eq!(
            documented.difference(&registered).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "documented routes the server does not have"
        );
    }

    /// Every `$ref` names a component that exists.
    #[test]
    fn every_reference_resolves() {
        fn walk(v: &Value, doc: &Value, broken: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    if let Some(Value::String(r)) = map.get("$ref") {
                        let target = r
                            .strip_prefix("#/")
                            .map(|p| p.split('/').fold(doc, |node, part| &node[part]));
                        if target.is_none_or(Value::is_null) {
                            broken.push(r.clone());
                        }
                    }
                    map.values().for_each(|x| walk(x, doc, broken));
                }
                Value::Array(items) => items.iter().for_each(|x| walk(x, doc, broken)),
                _ => {}
            }
        }
        let doc = document();
        let mut broken = Vec::new();
        walk(&doc, &doc, &mut broken);
        assert_eq!(broken, Vec::<String>::new());
    }

    /// Each path parameter is declared on its operation, and every operation but the document
    /// itself answers 401 without a token.
    #[test]
    fn path_parameters_and_authentication_are_declared() {
        let doc = document();
        for route in ROUTES {
            let op = &doc["paths"][route.path][route.method];
            let declared: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(
                    doc["paths"][route.path]["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten(),
                )
                .filter_map(|p| {
                    let p = match p.get("$ref").and_then(Value::as_str) {
                        Some(r) => r
                            .strip_prefix("#/")
                            .map(|r| r.split('/').fold(&doc, |n, part| &n[part]))
                            .unwrap_or(p),
                        None => p,
                    };
                    (p["in"] == "path").then(|| p["name"].as_str().unwrap_or("").to_string())
                })
                .collect();
            if route.path.contains("{id}") {
                assert!(
                    declared.contains(&"id".to_string()),
                    "{} {}",
                    route.method,
                    route.path
                );
            }
            if route.path != "/openapi.json" {
                assert!(
                    op["responses"]["401"].is_object(),
                    "{} {} documents 401",
                    route.method,
                    route.path
                );
            }
        }
    }
}
