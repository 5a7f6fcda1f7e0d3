//! The scorecard page (tuloskortti): for a year of the plan, every indicator with its
//! baseline, target, actual figure, progress, status colour and trend chart, and the goals'
//! rolled-up progress.

use super::chart::TrendChart;
use super::{format_value, percent};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use vaski_store::strategy::{action, plan, scorecard};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: Option<i32>,
}

pub struct RowView {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub computed: bool,
    pub baseline: String,
    pub target: String,
    pub actual: String,
    pub percent: Option<i64>,
    pub status: &'static str,
    pub status_key: &'static str,
    pub stale: bool,
    pub chart: String,
    /// The trend as text: the chart's alternative.
    pub trend_text: String,
}

pub struct GoalRow {
    pub depth: usize,
    pub title: String,
    pub percent: Option<i64>,
    pub status: &'static str,
    pub status_key: &'static str,
}

#[derive(Template)]
#[template(path = "strategy/scorecard.html")]
struct ScorecardPage {
    page: Frame,
    plan: plan::Plan,
    year: i32,
    at: String,
    years: Vec<i32>,
    rows: Vec<RowView>,
    goals: Vec<GoalRow>,
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let plan = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let period = plan.period()?;
    let year = q
        .year
        .filter(|y| period.contains_year(*y))
        .unwrap_or_else(|| period.current_year(action::today()));
    let card = scorecard::for_year(&state.db, id, year, scorecard::Trends::With).await?;
    let lang = session.lang;
    let page = Frame::of(
        &session,
        &format!("/plans/{id}/scorecard?year={year}"),
        "strategy-scorecard-title",
    );
    let t = page.t.clone();
    let none = || "–".to_string();
    let rows = card
        .rows
        .iter()
        .map(|r| {
            let unit = r.indicator.unit();
            let fmt = |v: Option<f64>| v.map(|v| format_value(unit, v, lang)).unwrap_or_else(none);
            let trend_text = r
                .trend
                .iter()
                .map(|(d, v)| {
                    format!(
                        "{}.{}.{}: {}",
                        d.day(),
                        u8::from(d.month()),
                        d.year(),
                        format_value(unit, *v, lang)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let desc = if trend_text.is_empty() {
                t.t("strategy-trend-empty")
            } else {
                trend_text.clone()
            };
            let chart_id = format!("trend-{}", r.indicator.id);
            let chart = TrendChart {
                id: &chart_id,
                title: &r.indicator.name,
                desc: &desc,
                first_year: period.first_year(),
                last_year: period.last_year(),
                points: &r.trend,
                targets: &r.targets,
            }
            .render();
            RowView {
                id: r.indicator.id,
                key: r.indicator.key.clone(),
                name: r.indicator.name.clone(),
                computed: r.indicator.computed.is_some(),
                baseline: fmt(r.baseline),
                target: fmt(r.target),
                actual: fmt(r.actual),
                percent: percent(r.progress),
                status: r.status.code(),
                status_key: r.status.message_key(),
                stale: r.stale,
                chart,
                trend_text: desc,
            }
        })
        .collect();
    let goals = card
        .goals
        .iter()
        .map(|g| GoalRow {
            depth: g.depth,
            title: g.goal.title.clone(),
            percent: percent(g.progress),
            status: g.status.code(),
            status_key: g.status.message_key(),
        })
        .collect();
    let at = format!(
        "{}.{}.{}",
        card.at.day(),
        u8::from(card.at.month()),
        card.at.year()
    );
    let years = period.years().collect();
    render(&ScorecardPage {
        page,
        plan,
        year,
        at,
        years,
        rows,
        goals,
    })
}
