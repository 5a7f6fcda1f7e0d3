//! An action's page: what it is, the form that changes every field of it (goal, owners,
//! status, priority, dates, budget and the partners of the network), the quick status, its
//! milestones (added, changed, done and undone, removed), and its deletion. Staff and admins
//! change it; viewers read it. Every change is audited by the store.

use super::edit::{choices, goal_choices, optional_id, refused, status_name, Errors};
use super::roadmap::date_text;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, CsrfOnly, Frame};
use crate::sharing::Choice;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use vaski_domain::strategy::action::{ActionInput, ActionStatus, MilestoneInput, Priority};
use vaski_domain::Language;
use vaski_store::network::organisation::{self as organisations, Filter, Summary};
use vaski_store::strategy::{action, plan};
use vaski_store::Page;

/// The action's edit form as typed. The fields are spelled out (no `flatten`) so that the
/// repeated `owners` and `partners` are read as lists however many are ticked.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionEditForm {
    pub csrf: String,
    pub goal: String,
    pub owners: Vec<String>,
    pub partners: Vec<String>,
    /// A name or business ID to find one more partner organisation by.
    pub partner_search: String,
    pub title: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub starts_on: String,
    pub ends_on: String,
    pub budget: String,
}

impl ActionEditForm {
    fn input(&self) -> ActionInput {
        ActionInput {
            title: self.title.clone(),
            description: self.description.clone(),
            status: self.status.clone(),
            priority: self.priority.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            budget: self.budget.clone(),
        }
    }

    /// The form filled with the action as stored.
    fn of(a: &action::Action, lang: Language) -> ActionEditForm {
        ActionEditForm {
            csrf: String::new(),
            goal: a.row.goal_id.to_string(),
            owners: a.owners.iter().map(|o| o.user_id.to_string()).collect(),
            partners: a
                .partners
                .iter()
                .map(|p| p.organisation_id.to_string())
                .collect(),
            partner_search: String::new(),
            title: a.row.title.clone(),
            description: a.row.description.clone().unwrap_or_default(),
            status: a.row.status.clone(),
            priority: a.row.priority.clone(),
            starts_on: date_text(a.row.starts_on),
            ends_on: date_text(a.row.ends_on),
            budget: a
                .row
                .budget_cents
                .map(|c| euros_text(c, lang))
                .unwrap_or_default(),
        }
    }
}

/// Cents as a person would type them back: whole euros, or with two decimals after a comma
/// (a point in English).
fn euros_text(cents: i64, lang: Language) -> String {
    if cents % 100 == 0 {
        return (cents / 100).to_string();
    }
    let sep = if lang == Language::En { '.' } else { ',' };
    format!("{}{sep}{:02}", cents / 100, (cents % 100).abs())
}

/// A milestone on the page, with its own edit form.
struct MilestoneRow {
    id: i64,
    title: String,
    due: String,
    done: Option<String>,
    input: MilestoneInput,
    errors: Errors,
}

/// Which of the page's forms was sent and refused, with what was typed.
#[derive(Default)]
enum Refused {
    #[default]
    None,
    NewMilestone(MilestoneInput, Errors),
    Edit(Box<ActionEditForm>, Errors, Vec<Summary>),
    Milestone(i64, MilestoneInput, Errors),
}

#[derive(Template)]
#[template(path = "strategy/action.html")]
struct ActionPage {
    page: Frame,
    plan: plan::Plan,
    action: action::Action,
    milestone: MilestoneInput,
    errors: Errors,
    statuses: Vec<Choice>,
    idea: Option<(i64, String)>,
    milestones: Vec<MilestoneRow>,
    edit: ActionEditForm,
    edit_errors: Errors,
    goals: Vec<Choice>,
    owners: Vec<Choice>,
    partners: Vec<Choice>,
    edit_statuses: Vec<Choice>,
    priorities: Vec<Choice>,
}

impl ActionPage {
    fn budget(&self) -> Option<String> {
        self.action
            .row
            .budget_cents
            .map(|c| crate::sharing::figures::euros(c, self.page.t.lang))
    }
}

async fn action_page(
    state: &AppState,
    session: &Session,
    id: i64,
    refused: Refused,
) -> Result<Response, AppError> {
    let a = action::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = plan::get(&state.db, a.row.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(session, &format!("/actions/{id}"), "strategy-action-title")
        .with_title(a.row.title.clone());
    let t = page.t.clone();
    let statuses = choices(
        ActionStatus::ALL,
        ActionStatus::code,
        status_name,
        &t,
        &a.row.status,
    );
    let idea = match a.row.idea_id {
        Some(idea_id) => vaski_store::strategy::workshop::idea(&state.db, idea_id)
            .await?
            .map(|i| (i.workshop_id, i.text)),
        None => None,
    };
    let (mut milestone, mut errors) = (MilestoneInput::default(), Errors::default());
    let (mut edit, mut edit_errors, mut candidates) = (
        ActionEditForm::of(&a, session.lang),
        Errors::default(),
        Vec::new(),
    );
    let mut refused_milestone = None;
    match refused {
        Refused::None => {}
        Refused::NewMilestone(i, e) => (milestone, errors) = (i, e),
        Refused::Edit(f, e, c) => (edit, edit_errors, candidates) = (*f, e, c),
        Refused::Milestone(m, i, e) => refused_milestone = Some((m, i, e)),
    }
    let milestones = a
        .milestones
        .iter()
        .map(|m| {
            let (input, errors) = match &refused_milestone {
                Some((id, i, e)) if *id == m.id => (i.clone(), e.clone()),
                _ => (
                    MilestoneInput {
                        title: m.title.clone(),
                        due_on: date_text(m.due_on),
                        done_on: String::new(),
                    },
                    Errors::default(),
                ),
            };
            MilestoneRow {
                id: m.id,
                title: m.title.clone(),
                due: date_text(m.due_on),
                done: m.done_on.map(date_text),
                input,
                errors,
            }
        })
        .collect();
    let all_goals = plan::goals(&state.db, a.row.plan_id).await?;
    let goals = goal_choices(&all_goals, |g| edit.goal == g.to_string());
    let owners = vaski_store::account::staff_users(&state.db)
        .await?
        .into_iter()
        .map(|u| {
            let value = u.id.to_string();
            let selected = edit.owners.contains(&value);
            Choice::new(&value, u.name, selected)
        })
        .collect();
    // The partners now, then the organisations a search found; ticked as the form says.
    let mut partners: Vec<Choice> = Vec::new();
    let known = a
        .partners
        .iter()
        .map(|p| (p.organisation_id, p.name.clone()))
        .chain(candidates.iter().map(|o| {
            let name = match &o.business_id {
                Some(b) => format!("{} ({b})", o.name),
                None => o.name.clone(),
            };
            (o.id, name)
        }));
    for (id, name) in known {
        let value = id.to_string();
        if partners.iter().all(|c| c.value != value) {
            let selected = edit.partners.contains(&value);
            partners.push(Choice::new(&value, name, selected));
        }
    }
    let edit_statuses = choices(
        ActionStatus::ALL,
        ActionStatus::code,
        status_name,
        &t,
        &edit.status,
    );
    let priorities = choices(
        Priority::ALL,
        Priority::code,
        Priority::message_key,
        &t,
        &edit.priority,
    );
    render(&ActionPage {
        page,
        plan: p,
        action: a,
        milestone,
        errors,
        statuses,
        idea,
        milestones,
        edit,
        edit_errors,
        goals,
        owners,
        partners,
        edit_statuses,
        priorities,
    })
}

pub async fn show_action(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    action_page(&state, &session, id, Refused::None).await
}

/// How many organisations a partner search offers to choose from.
const CANDIDATES: i64 = 10;

/// What a partner search found: an organisation with that business ID, or those whose name
/// the Finnish-aware search matches.
async fn find_partners(state: &AppState, text: &str) -> Result<Vec<Summary>, AppError> {
    let text = text.trim();
    if let Some((id, _)) = organisations::by_business_id(&state.db, text).await? {
        let filter = Filter {
            only_id: Some(id),
            ..Default::default()
        };
        let (rows, _) = organisations::list_capped(&state.db, &filter, Page::new(1, 0), 1).await?;
        return Ok(rows);
    }
    let filter = Filter {
        q: Some(text.to_string()),
        ..Default::default()
    };
    let (rows, _) =
        organisations::list_capped(&state.db, &filter, Page::new(CANDIDATES, 0), CANDIDATES)
            .await?;
    Ok(rows)
}

/// The partner ids the form asks for, with the search answered: one match (or one whose name
/// is exactly the text) is added; none, or several without a choice among them, is refused
/// with the matches offered to tick.
async fn partners_of(
    state: &AppState,
    form: &ActionEditForm,
    current: &[i64],
) -> Result<Result<Vec<i64>, (Errors, Vec<Summary>)>, AppError> {
    let mut ids: Vec<i64> = form
        .partners
        .iter()
        .filter_map(|p| optional_id(p))
        .collect();
    let text = form.partner_search.trim();
    if text.is_empty() {
        return Ok(Ok(ids));
    }
    let found = find_partners(state, text).await?;
    // The search was answered earlier by ticking one of its matches.
    if found
        .iter()
        .any(|o| ids.contains(&o.id) && !current.contains(&o.id))
    {
        return Ok(Ok(ids));
    }
    let exact: Vec<&Summary> = found
        .iter()
        .filter(|o| o.name.to_lowercase() == text.to_lowercase())
        .collect();
    let chosen = match (found.len(), exact.as_slice()) {
        (0, _) => {
            let errors = Errors([("partner_search", "error-partner-not-found")].into());
            return Ok(Err((errors, found)));
        }
        (1, _) => found[0].id,
        (_, [one]) => one.id,
        _ => {
            let errors = Errors([("partner_search", "error-partner-several")].into());
            return Ok(Err((errors, found)));
        }
    };
    if !ids.contains(&chosen) {
        ids.push(chosen);
    }
    Ok(Ok(ids))
}

/// Changes every field of an action; nothing changes when any of it is refused.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionEditForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let a = action::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = plan::get(&state.db, a.row.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let refuse = |form: ActionEditForm, errors: Errors, found: Vec<Summary>| {
        Refused::Edit(Box::new(form), errors, found)
    };
    let current: Vec<i64> = a.partners.iter().map(|x| x.organisation_id).collect();
    let partners = match partners_of(&state, &form, &current).await? {
        Ok(ids) => ids,
        Err((errors, found)) => {
            return action_page(&state, &session, id, refuse(form, errors, found)).await
        }
    };
    let draft = match form.input().validate(p.period()?) {
        Ok(d) => d,
        Err(e) => return action_page(&state, &session, id, refuse(form, e.into(), vec![])).await,
    };
    let Some(goal_id) = optional_id(&form.goal) else {
        let errors = Errors([("goal", "error-action-goal")].into());
        return action_page(&state, &session, id, refuse(form, errors, vec![])).await;
    };
    let links = action::Links {
        goal_id,
        owners: form.owners.iter().filter_map(|o| optional_id(o)).collect(),
        partners,
        idea_id: a.row.idea_id,
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = action::update(&mut tx, id, &draft, &links, &session.actor()).await {
        drop(tx);
        let errors = refused(e)?;
        return action_page(&state, &session, id, refuse(form, errors, vec![])).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}

/// Deletes an action with its milestones; back to the plan's edit page.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    let a = action::get_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    action::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{}/edit", a.row.plan_id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MilestoneForm {
    pub csrf: String,
    pub title: String,
    pub due_on: String,
}

impl MilestoneForm {
    fn input(&self, done_on: Option<time::Date>) -> MilestoneInput {
        MilestoneInput {
            title: self.title.clone(),
            due_on: self.due_on.clone(),
            done_on: done_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

pub async fn add_milestone(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let input = form.input(None);
    let mut tx = state.db.begin().await?;
    match action::add_milestone(&mut tx, id, &input, &session.actor()).await? {
        Ok(_) => tx.commit().await?,
        Err(errors) => {
            drop(tx);
            let refused = Refused::NewMilestone(input, errors.into());
            return action_page(&state, &session, id, refused).await;
        }
    }
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}

/// Changes a milestone's name and date; whether it is done stays as it was.
pub async fn update_milestone(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = form.input(m.done_on);
    match action::update_milestone(&mut tx, id, &input, &session.actor()).await? {
        Ok(()) => tx.commit().await?,
        Err(errors) => {
            drop(tx);
            // Shown as typed: the done day is not a field of this form.
            let typed = MilestoneInput {
                done_on: String::new(),
                ..input
            };
            let refused = Refused::Milestone(id, typed, errors.into());
            return action_page(&state, &session, m.action_id, refused).await;
        }
    }
    Ok(Redirect::to(&format!("/actions/{}#milestones", m.action_id)).into_response())
}

pub async fn delete_milestone(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    action::delete_milestone(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{}#milestones", m.action_id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneForm {
    pub csrf: String,
    /// Non-empty: done today; empty: not done (undoes a done milestone).
    pub done: String,
}

pub async fn milestone_done(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<DoneForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    let m = action::milestone_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let done_on = (!form.done.is_empty()).then(action::today);
    action::set_milestone_done(&mut tx, id, done_on, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{}", m.action_id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub csrf: String,
    pub status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let status =
        ActionStatus::parse(&form.status).map_err(|_| AppError::BadRequest(String::new()))?;
    let mut tx = state.db.begin().await?;
    action::set_status(&mut tx, id, status, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_is_shown_as_it_would_be_typed() {
        assert_eq!(euros_text(1_200_000, Language::Fi), "12000");
        assert_eq!(euros_text(125_050, Language::Fi), "1250,50");
        assert_eq!(euros_text(125_005, Language::En), "1250.05");
    }
}
