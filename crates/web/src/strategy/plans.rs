//! The plans, one plan's vision, goals (with their rolled-up progress) and action plan, and a
//! user's own actions with their milestones due.

use super::percent;
use super::roadmap::date_text as date;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use time::{Date, Duration};
use vaski_store::strategy::action::{self, Action};
use vaski_store::strategy::plan::{self, Perspective, Plan};
use vaski_store::strategy::scorecard;

#[derive(Template)]
#[template(path = "strategy/plans.html")]
struct PlansPage {
    page: Frame,
    plans: Vec<Plan>,
}

pub async fn list(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let plans = plan::list(&state.db).await?;
    render(&PlansPage {
        page: Frame::of(&session, "/plans", "strategy-plans-title"),
        plans,
    })
}

/// A goal as the plan page shows it: indented by depth, with its progress and status.
pub struct GoalView {
    pub id: i64,
    pub depth: usize,
    pub title: String,
    pub description: Option<String>,
    pub perspective: Option<String>,
    pub owner: Option<String>,
    pub percent: Option<i64>,
    pub status: &'static str,
    pub status_code: &'static str,
    pub actions: Vec<ActionView>,
}

pub struct ActionView {
    pub id: i64,
    /// The workshop idea the action was made from.
    pub idea_id: Option<i64>,
    pub title: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub priority: &'static str,
    pub starts_on: String,
    pub ends_on: String,
    pub owners: String,
    pub partners: String,
    pub milestones: Vec<MilestoneView>,
}

pub struct MilestoneView {
    pub title: String,
    pub due_on: String,
    pub done: bool,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "strategy/plan.html")]
struct PlanPage {
    page: Frame,
    plan: Plan,
    year: i32,
    goals: Vec<GoalView>,
    /// `(id, created, revoked)` of the plan's public links.
    links: Vec<(i64, String, Option<String>)>,
}

fn action_view(a: &Action, today: Date) -> ActionView {
    ActionView {
        id: a.row.id,
        idea_id: a.row.idea_id,
        title: a.row.title.clone(),
        status: a.shown_status.message_key(),
        status_code: a.shown_status.code(),
        priority: vaski_domain::strategy::action::Priority::parse(&a.row.priority)
            .map(|p| p.message_key())
            .unwrap_or("action-priority-medium"),
        starts_on: date(a.row.starts_on),
        ends_on: date(a.row.ends_on),
        owners: a
            .owners
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        partners: a
            .partners
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        milestones: a
            .milestones
            .iter()
            .map(|m| MilestoneView {
                title: m.title.clone(),
                due_on: date(m.due_on),
                done: m.done_on.is_some(),
                overdue: m.dates().is_overdue(today),
            })
            .collect(),
    }
}

fn perspective_name(
    all: &[Perspective],
    key: Option<&str>,
    lang: vaski_domain::Language,
) -> Option<String> {
    key.and_then(|k| all.iter().find(|p| p.key == k))
        .map(|p| p.name(lang).to_string())
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let plan = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let today = action::today();
    let year = plan.period()?.current_year(today);
    let card = scorecard::for_year(&state.db, id, year, scorecard::Trends::Without).await?;
    let actions = action::of_plan(&state.db, id).await?;
    let perspectives = plan::perspectives(&state.db).await?;
    let goals = card
        .goals
        .iter()
        .map(|g| GoalView {
            id: g.goal.id,
            depth: g.depth,
            title: g.goal.title.clone(),
            description: g.goal.description.clone(),
            perspective: perspective_name(
                &perspectives,
                g.goal.perspective.as_deref(),
                session.lang,
            ),
            owner: g.goal.owner_name.clone(),
            percent: percent(g.progress),
            status: g.status.message_key(),
            status_code: g.status.code(),
            actions: actions
                .iter()
                .filter(|a| a.row.goal_id == g.goal.id)
                .map(|a| action_view(a, today))
                .collect(),
        })
        .collect();
    let links = vaski_store::strategy::public_link::of_plan(&state.db, id)
        .await?
        .into_iter()
        .map(|l| {
            (
                l.id,
                date(l.created_at.date()),
                l.revoked_at.map(|r| date(r.date())),
            )
        })
        .collect();
    let page = Frame::of(&session, &format!("/plans/{id}"), "strategy-plan-title")
        .with_title(plan.title.clone());
    render(&PlanPage {
        page,
        plan,
        year,
        goals,
        links,
    })
}

#[derive(Template)]
#[template(path = "strategy/mine.html")]
struct MinePage {
    page: Frame,
    actions: Vec<ActionView>,
    due: Vec<(String, String, bool)>,
}

/// "Omat toimenpiteet": the actions the user owns, and their milestones due in the next 60
/// days or already overdue.
pub async fn mine(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let today = action::today();
    let actions = action::of_owner(&state.db, session.user.id).await?;
    let due = action::milestones_due(&state.db, session.user.id, today + Duration::days(60))
        .await?
        .into_iter()
        .map(|m| {
            let action = actions
                .iter()
                .find(|a| a.row.id == m.action_id)
                .map(|a| a.row.title.clone())
                .unwrap_or_default();
            (
                format!("{} — {}", date(m.due_on), m.title),
                action,
                m.dates().is_overdue(today),
            )
        })
        .collect();
    let actions = actions.iter().map(|a| action_view(a, today)).collect();
    render(&MinePage {
        page: Frame::of(&session, "/my/actions", "strategy-mine-title"),
        actions,
        due,
    })
}
