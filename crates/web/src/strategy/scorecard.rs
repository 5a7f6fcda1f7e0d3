//! The scorecard page (tuloskortti): for a year of the plan, every indicator with its
//! baseline, target, actual figure, progress, status colour and trend chart, and the goals'
//! rolled-up progress.

use super::chart::TrendChart;
use super::{format_value, percent};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use time::Date;
use vaski_domain::strategy::plan::PlanPeriod;
use vaski_domain::Language;
use vaski_store::strategy::indicator::{self, Indicator};
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
    /// The chart drawn in the page (indicators kept by hand), or empty where the page loads
    /// it from `trend_src` (computed indicators, whose trends take a query each).
    pub chart: String,
    /// The trend as text: the chart's alternative.
    pub trend_text: String,
    pub trend_src: Option<String>,
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
    let card = scorecard::for_year(&state.db, id, year, scorecard::Trends::Without).await?;
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
            let (chart, trend_text, trend_src) = if r.indicator.computed.is_some() {
                (
                    String::new(),
                    t.t("strategy-trend-loading"),
                    Some(trend_url(id, r.indicator.id, year)),
                )
            } else {
                let (chart, text) = chart_of(&t, lang, &period, &r.indicator, &r.trend, &r.targets);
                (chart, text, None)
            };
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
                trend_text,
                trend_src,
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

fn trend_url(plan_id: i64, indicator_id: i64, year: i32) -> String {
    format!("/plans/{plan_id}/scorecard/trends/{indicator_id}?year={year}")
}

/// An indicator's trend chart (SVG) and its text alternative.
fn chart_of(
    t: &Tr,
    lang: Language,
    period: &PlanPeriod,
    indicator: &Indicator,
    trend: &[(Date, f64)],
    targets: &[(i32, f64)],
) -> (String, String) {
    let unit = indicator.unit();
    let text = trend
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
    let desc = if text.is_empty() {
        t.t("strategy-trend-empty")
    } else {
        text
    };
    let chart_id = format!("trend-{}", indicator.id);
    let chart = TrendChart {
        id: &chart_id,
        title: &indicator.name,
        desc: &desc,
        first_year: period.first_year(),
        last_year: period.last_year(),
        points: trend,
        targets,
    }
    .render();
    (chart, desc)
}

#[derive(Template)]
#[template(path = "strategy/scorecard_trend.html")]
struct TrendPage {
    page: Frame,
    plan: plan::Plan,
    year: i32,
    name: String,
    chart: String,
    trend_text: String,
}

/// One indicator's trend chart as a page of its own: the scorecard page fetches it into its
/// table (app.js), and without JavaScript its link opens it.
pub async fn trend(
    State(state): State<AppState>,
    session: Session,
    Path((id, indicator_id)): Path<(i64, i64)>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let plan = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let period = plan.period()?;
    let year = q
        .year
        .filter(|y| period.contains_year(*y))
        .unwrap_or_else(|| period.current_year(action::today()));
    let (indicator, points) = scorecard::trend(&state.db, id, indicator_id, year).await?;
    let targets: Vec<(i32, f64)> = indicator::targets_of_plan(&state.db, id)
        .await?
        .into_iter()
        .filter(|t| t.indicator_id == indicator_id)
        .filter_map(|t| i32::try_from(t.year).ok().map(|y| (y, t.value)))
        .collect();
    let page = Frame::of(
        &session,
        &trend_url(id, indicator_id, year),
        "strategy-scorecard-title",
    );
    let (chart, trend_text) = chart_of(
        &page.t,
        session.lang,
        &period,
        &indicator,
        &points,
        &targets,
    );
    render(&TrendPage {
        page,
        plan,
        year,
        name: indicator.name,
        chart,
        trend_text,
    })
}
