//! A goal's edit page: its title, description, owner, perspective and parent (at most three
//! levels, `domain::strategy::goal`), and its deletion. Deleting a goal takes its subgoals with
//! it and unlinks the indicators that weighed in them (the indicators stay), as the store's
//! `delete_goal` does; the page says so beforehand, naming them. A goal with actions under it
//! or its subgoals is not deleted: the page names the actions to move first.

use super::edit::{goal_choices, optional_id, perspective_choices, refused, Errors, GoalForm};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, CsrfOnly, Frame};
use crate::sharing::Choice;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use vaski_domain::strategy::goal::GoalInput;
use vaski_store::strategy::{action, indicator, plan};

#[derive(Template)]
#[template(path = "strategy/goal_edit.html")]
struct GoalPage {
    page: Frame,
    plan: plan::Plan,
    goal: plan::Goal,
    form: GoalForm,
    errors: Errors,
    perspectives: Vec<Choice>,
    parents: Vec<Choice>,
    staff: Vec<Choice>,
    /// The subgoals (and theirs) that a deletion takes along.
    subgoals: Vec<String>,
    /// The indicators linked to the goal or its subgoals: `(id, name)`.
    indicators: Vec<(i64, String)>,
    /// The actions under the goal or its subgoals, which stop a deletion: `(id, title)`.
    actions: Vec<(i64, String)>,
    delete_errors: Errors,
}

/// Which form was refused.
enum Refused {
    None,
    Edit(GoalForm, Errors),
    Delete(Errors),
}

/// The goal's descendants, nearest first.
fn descendants(all: &[plan::Goal], id: i64) -> Vec<&plan::Goal> {
    let mut out: Vec<&plan::Goal> = Vec::new();
    let mut frontier = vec![id];
    while let Some(parent) = frontier.pop() {
        for g in all.iter().filter(|g| g.parent_id == Some(parent)) {
            if out.iter().all(|o| o.id != g.id) && g.id != id {
                out.push(g);
                frontier.push(g.id);
            }
        }
    }
    out
}

async fn goal_page(
    state: &AppState,
    session: &Session,
    id: i64,
    refused: Refused,
) -> Result<Response, AppError> {
    let goal = plan::goal(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let p = plan::get(&state.db, goal.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(session, &format!("/goals/{id}/edit"), "strategy-edit-goal")
        .with_title(goal.title.clone());
    let stored = GoalForm {
        csrf: String::new(),
        title: goal.title.clone(),
        description: goal.description.clone().unwrap_or_default(),
        perspective: goal.perspective.clone().unwrap_or_default(),
        parent: goal.parent_id.map(|x| x.to_string()).unwrap_or_default(),
        owner: goal
            .owner_user_id
            .map(|x| x.to_string())
            .unwrap_or_default(),
    };
    let (form, errors, delete_errors) = match refused {
        Refused::None => (stored, Errors::default(), Errors::default()),
        Refused::Edit(f, e) => (f, e, Errors::default()),
        Refused::Delete(e) => (stored, Errors::default(), e),
    };
    let all = plan::goals(&state.db, goal.plan_id).await?;
    let below = descendants(&all, id);
    let family: Vec<i64> = std::iter::once(id)
        .chain(below.iter().map(|g| g.id))
        .collect();
    // A goal cannot go under itself or one of its own subgoals.
    let others: Vec<plan::Goal> = all
        .iter()
        .filter(|g| !family.contains(&g.id))
        .cloned()
        .collect();
    let parents = goal_choices(&others, |g| form.parent == g.to_string());
    let perspectives = perspective_choices(state, session.lang, &form.perspective).await?;
    let staff = vaski_store::account::staff_users(&state.db)
        .await?
        .into_iter()
        .map(|u| {
            let value = u.id.to_string();
            let selected = form.owner == value;
            Choice::new(&value, u.name, selected)
        })
        .collect();
    let subgoals = below.iter().map(|g| g.title.clone()).collect();
    let links = indicator::goal_links(&state.db, goal.plan_id).await?;
    let mut indicators: Vec<(i64, String)> = Vec::new();
    for ind in indicator::of_plan(&state.db, goal.plan_id).await? {
        if links
            .iter()
            .any(|l| l.indicator_id == ind.id && family.contains(&l.goal_id))
        {
            indicators.push((ind.id, ind.name));
        }
    }
    let actions = action::of_plan(&state.db, goal.plan_id)
        .await?
        .into_iter()
        .filter(|a| family.contains(&a.row.goal_id))
        .map(|a| (a.row.id, a.row.title))
        .collect();
    render(&GoalPage {
        page,
        plan: p,
        goal,
        form,
        errors,
        perspectives,
        parents,
        staff,
        subgoals,
        indicators,
        actions,
        delete_errors,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    goal_page(&state, &session, id, Refused::None).await
}

/// Changes a goal; a parent that would make the tree too deep, or that lies under the goal
/// itself, is refused next to the field and nothing changes.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<GoalForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let input = GoalInput {
        title: form.title.clone(),
        description: form.description.clone(),
        perspective: form.perspective.clone(),
        parent_id: optional_id(&form.parent),
        owner_user_id: optional_id(&form.owner),
    };
    let draft = match input.validate() {
        Ok(d) => d,
        Err(e) => return goal_page(&state, &session, id, Refused::Edit(form, e.into())).await,
    };
    let goal = plan::goal(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if let Err(e) = plan::update_goal(&mut tx, id, &draft, &session.actor()).await {
        drop(tx);
        let errors = refused(e)?;
        return goal_page(&state, &session, id, Refused::Edit(form, errors)).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{}#goal-{id}", goal.plan_id)).into_response())
}

/// Deletes a goal with its subgoals; refused, naming the actions, while actions are under it.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let goal = plan::goal(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if let Err(e) = plan::delete_goal(&mut tx, id, &session.actor()).await {
        drop(tx);
        let errors = refused(e)?;
        return goal_page(&state, &session, id, Refused::Delete(errors)).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{}/edit#goal-list", goal.plan_id)).into_response())
}
