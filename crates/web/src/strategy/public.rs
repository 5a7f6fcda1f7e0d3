//! Public read-only links to a plan: the staff make and revoke them; anyone with the link sees
//! the plan's vision, goals, roadmap and scorecard, without any person's name and without
//! partners marked confidential. The public page is a separate handler that takes no session
//! and renders no form, so nothing can be changed through it.

use super::format_value;
use super::roadmap::{draw, lanes, Filter, LaneData};
use crate::auth::token::{hash_secret, random_secret};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use vaski_store::strategy::{action, plan, public_link, scorecard};

/// The address a public link opens, on this server as the browser reached it (or the
/// configured public address).
pub fn link_url(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    let base = match &state.config.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let host = headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let scheme = if crate::auth::came_over_tls(headers) {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}")
        }
    };
    format!("{base}/public/plans/{token}")
}

/// Makes a new link and returns its id and token (shown once).
pub async fn make(
    state: &AppState,
    plan_id: i64,
    actor: &vaski_store::Actor,
) -> Result<(i64, String), AppError> {
    let token = random_secret();
    let mut tx = state.db.begin().await?;
    let id = public_link::create(&mut tx, plan_id, &hash_secret(&token), actor).await?;
    tx.commit().await?;
    Ok((id, token))
}

#[derive(Debug, Default, Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "strategy/link_made.html")]
struct LinkMade {
    page: Frame,
    plan_id: i64,
    url: String,
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let (_, token) = make(&state, id, &session.actor()).await?;
    let url = link_url(&state, &headers, &token);
    render(&LinkMade {
        page: Frame::of(
            &session,
            &format!("/plans/{id}"),
            "strategy-link-made-title",
        ),
        plan_id: id,
        url,
    })
}

pub async fn revoke(
    State(state): State<AppState>,
    session: Session,
    Path((id, link)): Path<(i64, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    public_link::revoke(&mut tx, id, link, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{id}#public-links")).into_response())
}

pub struct PublicRow {
    pub name: String,
    pub baseline: String,
    pub target: String,
    pub actual: String,
    pub percent: Option<i64>,
    pub status: &'static str,
    pub status_key: &'static str,
}

pub struct PublicGoal {
    pub title: String,
    pub depth: usize,
    pub percent: Option<i64>,
    pub status: &'static str,
    pub status_key: &'static str,
}

#[derive(Template)]
#[template(path = "strategy/public.html")]
struct PublicPage {
    page: Frame,
    plan: plan::Plan,
    year: i32,
    at: String,
    goals: Vec<PublicGoal>,
    rows: Vec<PublicRow>,
    drawing: String,
    lanes: Vec<LaneData>,
}

/// The public view of a plan. Unknown and revoked tokens are 404, as if the page never was.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let plan_id = public_link::plan_of(&state.db, &hash_secret(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = plan::get(&state.db, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = crate::auth::language_of(&headers);
    let page = Frame::new(
        None,
        lang,
        &format!("/public/plans/{token}"),
        "strategy-public-title",
    )
    .with_title(plan.title.clone());
    let t: Tr = page.t.clone();
    let today = action::today();
    let year = plan.period()?.current_year(today);
    let card = scorecard::for_year(&state.db, plan_id, year, scorecard::Trends::Without).await?;
    let goals = plan::goals(&state.db, plan_id).await?;
    let actions = action::of_plan(&state.db, plan_id).await?;
    let lanes = lanes(&goals, &actions, &Filter::default(), true);
    let title = t.t1("strategy-roadmap-of", "plan", &plan.title);
    let drawing = draw(
        "roadmap",
        &title,
        &t.t("strategy-roadmap-desc"),
        i32::try_from(plan.first_year).unwrap_or(2000),
        i32::try_from(plan.last_year).unwrap_or(2000),
        &lanes,
        today,
    );
    let rows = card
        .rows
        .iter()
        .map(|r| {
            let unit = r.indicator.unit();
            let fmt = |v: Option<f64>| {
                v.map(|v| format_value(unit, v, lang))
                    .unwrap_or_else(|| "–".into())
            };
            PublicRow {
                name: r.indicator.name.clone(),
                baseline: fmt(r.baseline),
                target: fmt(r.target),
                actual: fmt(r.actual),
                percent: super::percent(r.progress),
                status: r.status.code(),
                status_key: r.status.message_key(),
            }
        })
        .collect();
    let goals = card
        .goals
        .iter()
        .map(|g| PublicGoal {
            title: g.goal.title.clone(),
            depth: g.depth,
            percent: super::percent(g.progress),
            status: g.status.code(),
            status_key: g.status.message_key(),
        })
        .collect();
    let at = super::roadmap::date_text(card.at);
    let mut response = render(&PublicPage {
        page,
        plan,
        year,
        at,
        goals,
        rows,
        drawing,
        lanes,
    })?;
    // A shared link should not end up in search engines' indexes.
    response.headers_mut().insert(
        "x-robots-tag",
        axum::http::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}
