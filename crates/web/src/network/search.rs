//! The one search box over organisations, people and interactions.

use super::view::municipality_name;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use vaski_store::network::search::{self, Found};

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search_page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
}

#[derive(Template)]
#[template(path = "network/search.html")]
struct SearchPage {
    page: Frame,
    q: String,
    found: Option<Found>,
}

impl SearchPage {
    fn municipality(&self, code: &Option<String>) -> String {
        municipality_name(&self.page.t, code)
    }
}

const RESULTS_PER_KIND: i64 = 25;

pub async fn search_page(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let q = query.q.trim().to_string();
    let found = if q.is_empty() {
        None
    } else {
        Some(search::everything(&state.db, &q, RESULTS_PER_KIND).await?)
    };
    let page = Frame::of(&session, "/search", "search-title");
    render(&SearchPage { page, q, found })
}
