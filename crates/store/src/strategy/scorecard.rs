//! The scorecard (tuloskortti) of a plan for a year: every indicator with its baseline, the
//! year's target, the actual figure (computed live from Vaski's data, or the latest value kept
//! by hand), its progress and status, its trend, and the progress rolled up to the goals.

use super::action::today;
use super::computed;
use super::indicator::{self, Indicator};
use super::plan::{self, Goal, Plan};
use super::readings;
use crate::db::Db;
use crate::error::StoreError;
use futures_util::stream::{self, StreamExt, TryStreamExt};
use serde::Serialize;
use std::collections::HashMap;
use time::{Date, Month};
use vaski_domain::strategy::goal::{GoalNode, Weighted};
use vaski_domain::strategy::indicator::{is_stale, progress, status, target_for, Status};

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub plan: Plan,
    pub year: i32,
    /// The day the actual figures are taken on: the year's last day, or today in this year.
    pub at: Date,
    pub rows: Vec<Row>,
    pub goals: Vec<GoalProgress>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub indicator: Indicator,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub progress: Option<f64>,
    pub status: Status,
    /// A hand-kept figure older than its update frequency.
    pub stale: bool,
    /// The figure over the plan's years so far, oldest first: computed at each quarter's end,
    /// or the values kept by hand.
    pub trend: Vec<(Date, f64)>,
    /// The targets per year, for the chart's target line.
    pub targets: Vec<(i32, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalProgress {
    pub goal: Goal,
    pub depth: usize,
    pub progress: Option<f64>,
    pub status: Status,
}

/// How many computed figures of a scorecard are read at once.
const CONCURRENT_FIGURES: usize = 4;

/// The day a year's figures are read on: its last day, but never after `today`.
pub fn reading_day(year: i32, today: Date) -> Result<Date, StoreError> {
    let end = Date::from_calendar_date(year, Month::December, 31)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(end.min(today))
}

/// Quarter ends from the plan's first year up to `at`, and `at` itself.
pub fn trend_days(first_year: i32, at: Date) -> Vec<Date> {
    let mut days = Vec::new();
    for year in first_year..=at.year() {
        for (month, day) in [
            (Month::March, 31),
            (Month::June, 30),
            (Month::September, 30),
            (Month::December, 31),
        ] {
            if let Ok(d) = Date::from_calendar_date(year, month, day) {
                if d < at {
                    days.push(d);
                }
            }
        }
    }
    days.push(at);
    days
}

/// Whether a scorecard computes each indicator's trend (quarter ends since the plan began), or
/// only the figures of the reading day: the trend is dozens of readings per computed indicator,
/// and only the scorecard page draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trends {
    With,
    Without,
}

pub async fn for_year(
    db: &Db,
    plan_id: i64,
    year: i32,
    trends: Trends,
) -> Result<Scorecard, StoreError> {
    let plan = plan::get(db, plan_id).await?.ok_or(StoreError::NotFound)?;
    let period = plan.period()?;
    period
        .check_target_year(year)
        .map_err(|e| StoreError::Invalid {
            field: "year",
            key: e.key,
        })?;
    let today = today();
    let at = reading_day(year, today)?;
    let thresholds = plan.thresholds();
    let indicators = indicator::of_plan(db, plan_id).await?;
    let targets = indicator::targets_of_plan(db, plan_id).await?;
    let values = indicator::values_of_plan(db, plan_id).await?;
    let computed_figures = match trends {
        Trends::Without => reading_day_figures(db, &indicators, at).await?,
        Trends::With => {
            let days = trend_days(period.first_year(), at);
            // The computed figures are independent queries: read them a few at a time, so
            // that the database's cores share the work (the pool has four SQLite
            // connections, more on PostgreSQL), keeping the indicators' order.
            let figures: Vec<_> = indicators
                .iter()
                .map(|ind| computed_figures(db, ind, &days))
                .collect();
            stream::iter(figures)
                .buffered(CONCURRENT_FIGURES)
                .try_collect()
                .await?
        }
    };
    let mut rows = Vec::with_capacity(indicators.len());
    for (ind, computed_trend) in indicators.into_iter().zip(computed_figures) {
        let own_targets: Vec<(i32, f64)> = targets
            .iter()
            .filter(|t| t.indicator_id == ind.id)
            .filter_map(|t| i32::try_from(t.year).ok().map(|y| (y, t.value)))
            .collect();
        let (actual, trend, stale) = match ind.computation() {
            Some(_) => {
                let actual = computed_trend.last().map(|(_, v)| *v);
                (actual, computed_trend, false)
            }
            None => {
                let own: Vec<(Date, f64)> = values
                    .iter()
                    .filter(|v| v.indicator_id == ind.id && v.measured_on <= at)
                    .map(|v| (v.measured_on, v.value))
                    .collect();
                let latest = own.last().copied();
                let stale = year == today.year()
                    && is_stale(latest.map(|(d, _)| d), ind.update_every_days(), today);
                (latest.map(|(_, v)| v), own, stale)
            }
        };
        let target = target_for(&own_targets, year);
        let p = progress(ind.aim(), ind.baseline_value, target, actual);
        rows.push(Row {
            baseline: ind.baseline_value,
            target,
            actual,
            progress: p,
            status: status(p, thresholds),
            stale,
            trend,
            targets: own_targets,
            indicator: ind,
        });
    }
    let goals = roll_up(db, plan_id, &rows, thresholds).await?;
    Ok(Scorecard {
        plan,
        year,
        at,
        rows,
        goals,
    })
}

/// One indicator's trend over the plan's years up to the year's reading day: a computed one
/// at each quarter's end (as [`Trends::With`] gives it), a hand-kept one its values. The
/// scorecard page reads the figures first and each chart's trend on its own, so that a plan
/// of many indicators shows its figures at once.
pub async fn trend(
    db: &Db,
    plan_id: i64,
    indicator_id: i64,
    year: i32,
) -> Result<(Indicator, Vec<(Date, f64)>), StoreError> {
    let plan = plan::get(db, plan_id).await?.ok_or(StoreError::NotFound)?;
    let period = plan.period()?;
    period
        .check_target_year(year)
        .map_err(|e| StoreError::Invalid {
            field: "year",
            key: e.key,
        })?;
    let ind = indicator::get(db, indicator_id)
        .await?
        .filter(|i| i.plan_id == plan_id)
        .ok_or(StoreError::NotFound)?;
    let at = reading_day(year, today())?;
    let points = match ind.computation() {
        Some(c) => {
            computed::history(db, c, &ind.scope(), &trend_days(period.first_year(), at)).await?
        }
        None => indicator::values(db, indicator_id)
            .await?
            .into_iter()
            .filter(|v| v.measured_on <= at)
            .map(|v| (v.measured_on, v.value))
            .collect(),
    };
    Ok((ind, points))
}

/// Each computed indicator's figure at the reading day, read together so that indicators
/// of the same data share its scans (`readings`); nothing for one kept by hand.
async fn reading_day_figures(
    db: &Db,
    indicators: &[Indicator],
    at: Date,
) -> Result<Vec<Vec<(Date, f64)>>, StoreError> {
    let wanted: Vec<(computed::ComputedIndicator, computed::Scope)> = indicators
        .iter()
        .filter_map(|ind| ind.computation().map(|c| (c, ind.scope())))
        .collect();
    let mut values = readings::values_at(db, &wanted, at).await?.into_iter();
    Ok(indicators
        .iter()
        .map(|ind| match ind.computation() {
            Some(_) => values.next().map(|v| vec![(at, v)]).unwrap_or_default(),
            None => Vec::new(),
        })
        .collect())
}

/// A computed indicator's figures at `days`; nothing for one kept by hand.
async fn computed_figures(
    db: &Db,
    ind: &Indicator,
    days: &[Date],
) -> Result<Vec<(Date, f64)>, StoreError> {
    match ind.computation() {
        Some(c) => computed::history(db, c, &ind.scope(), days).await,
        None => Ok(Vec::new()),
    }
}

async fn roll_up(
    db: &Db,
    plan_id: i64,
    rows: &[Row],
    thresholds: vaski_domain::strategy::plan::Thresholds,
) -> Result<Vec<GoalProgress>, StoreError> {
    let goals = plan::goals(db, plan_id).await?;
    let links = indicator::goal_links(db, plan_id).await?;
    let progress_of: HashMap<i64, Option<f64>> =
        rows.iter().map(|r| (r.indicator.id, r.progress)).collect();
    fn node(
        id: i64,
        goals: &[Goal],
        links: &[indicator::GoalLink],
        progress_of: &HashMap<i64, Option<f64>>,
        depth: usize,
    ) -> GoalNode {
        GoalNode {
            indicators: links
                .iter()
                .filter(|l| l.goal_id == id)
                .map(|l| Weighted {
                    weight: l.weight,
                    progress: progress_of.get(&l.indicator_id).copied().flatten(),
                })
                .collect(),
            subgoals: if depth >= vaski_domain::strategy::goal::MAX_DEPTH {
                Vec::new()
            } else {
                goals
                    .iter()
                    .filter(|g| g.parent_id == Some(id))
                    .map(|g| node(g.id, goals, links, progress_of, depth + 1))
                    .collect()
            },
        }
    }
    let depth_of = depths(&goals);
    Ok(goals
        .iter()
        .map(|g| {
            let depth = depth_of.get(&g.id).copied().unwrap_or(1);
            let p = node(g.id, &goals, &links, &progress_of, depth).progress();
            GoalProgress {
                goal: g.clone(),
                depth,
                progress: p,
                status: status(p, thresholds),
            }
        })
        .collect())
}

/// Each goal's depth (a main goal is 1).
pub fn depths(goals: &[Goal]) -> HashMap<i64, usize> {
    let parent: HashMap<i64, Option<i64>> = goals.iter().map(|g| (g.id, g.parent_id)).collect();
    goals
        .iter()
        .map(|g| {
            let mut depth = 1;
            let mut up = g.parent_id;
            while let Some(p) = up {
                depth += 1;
                if depth > 10 {
                    break;
                }
                up = parent.get(&p).copied().flatten();
            }
            (g.id, depth)
        })
        .collect()
}
