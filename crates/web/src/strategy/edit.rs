//! Suunta's forms: a new plan, and on the plan's edit page its details, new goals, actions and
//! indicators; the action page with its milestones and status; the indicator page with its
//! targets per year, the goals it weighs in and the values kept by hand. Every form keeps what
//! was typed on an error and says what is wrong next to the field.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, CsrfOnly, Frame};
use crate::sharing::Choice;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::network::organisation::FieldErrors;
use vaski_domain::strategy::action::{
    ActionInput, ActionStatus, MilestoneInput, Priority, ShownStatus,
};
use vaski_domain::strategy::computed::ComputedIndicator;
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::{Direction, IndicatorInput};
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::strategy::unit::IndicatorUnit;
use vaski_store::strategy::{action, indicator, plan};
use vaski_store::StoreError;

/// A form's errors: field → message key, said in the user's language by the template.
#[derive(Debug, Default, Clone)]
pub struct Errors(pub BTreeMap<&'static str, &'static str>);

impl Errors {
    pub fn msg(&self, t: &Tr, field: &str) -> Option<String> {
        self.0.get(field).map(|k| t.t(k))
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

impl From<FieldErrors> for Errors {
    fn from(e: FieldErrors) -> Errors {
        Errors(e)
    }
}

/// A store's refusal of a field, as the form's errors; other errors go on up.
fn refused(e: StoreError) -> Result<Errors, AppError> {
    match e {
        StoreError::Invalid { field, key } => Ok(Errors([(field, key)].into_iter().collect())),
        other => Err(other.into()),
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    key: impl Fn(T) -> &'static str,
    t: &Tr,
    selected: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(code(*v), t.t(key(*v)), code(*v) == selected))
        .collect()
}

/// A status a person sets, named as the pages show it (the shown statuses share its codes).
fn status_name(s: ActionStatus) -> &'static str {
    ShownStatus::parse(s.code()).map_or("action-shown-planned", ShownStatus::message_key)
}

// ---------------------------------------------------------------------------------------------
// A new plan

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub csrf: String,
    pub organisation: String,
    #[serde(flatten)]
    pub input: PlanInput,
}

#[derive(Template)]
#[template(path = "strategy/plan_new.html")]
struct NewPlanPage {
    page: Frame,
    input: PlanInput,
    organisations: Vec<Choice>,
    errors: Errors,
}

async fn new_plan_page(
    state: &AppState,
    session: &Session,
    form: PlanForm,
    errors: Errors,
) -> Result<Response, AppError> {
    let organisations = plan::institutions(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| Choice::new(&id.to_string(), name, form.organisation == id.to_string()))
        .collect();
    let page = Frame::of(session, "/plans/new", "strategy-new-plan");
    render(&NewPlanPage {
        page,
        input: form.input,
        organisations,
        errors,
    })
}

pub async fn new_plan(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let form = PlanForm {
        input: PlanInput {
            first_year: "2023".into(),
            last_year: "2027".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    new_plan_page(&state, &session, form, Errors::default()).await
}

pub async fn create_plan(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(e) => return new_plan_page(&state, &session, form, e.into()).await,
    };
    let Ok(organisation) = form.organisation.trim().parse::<i64>() else {
        let errors = Errors([("organisation", "error-required")].into_iter().collect());
        return new_plan_page(&state, &session, form, errors).await;
    };
    let mut tx = state.db.begin().await?;
    let id = plan::create(&mut tx, organisation, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{id}/edit")).into_response())
}

// ---------------------------------------------------------------------------------------------
// The plan's edit page

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoalForm {
    pub csrf: String,
    pub title: String,
    pub description: String,
    pub perspective: String,
    pub parent: String,
    pub owner: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub csrf: String,
    pub goal: String,
    pub owners: Vec<String>,
    pub idea: String,
    #[serde(flatten)]
    pub input: ActionInput,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndicatorForm {
    pub csrf: String,
    #[serde(flatten)]
    pub input: IndicatorInput,
}

/// Which of the page's forms was sent and refused, with what was typed.
#[derive(Default)]
enum Refused {
    #[default]
    None,
    Plan(PlanInput, Errors),
    Goal(GoalForm, Errors),
    Action(ActionForm, Errors),
    Indicator(IndicatorInput, Errors),
}

#[derive(Template)]
#[template(path = "strategy/plan_edit.html")]
struct EditPage {
    page: Frame,
    plan: plan::Plan,
    plan_input: PlanInput,
    plan_errors: Errors,
    goal: GoalForm,
    goal_errors: Errors,
    action: ActionForm,
    action_errors: Errors,
    indicator: IndicatorInput,
    indicator_errors: Errors,
    goals: Vec<Choice>,
    perspectives: Vec<Choice>,
    staff: Vec<Choice>,
    action_owners: Vec<Choice>,
    statuses: Vec<Choice>,
    priorities: Vec<Choice>,
    units: Vec<Choice>,
    directions: Vec<Choice>,
    computed: Vec<Choice>,
    indicators: Vec<(i64, String)>,
    actions: Vec<(i64, String)>,
}

async fn edit_page(
    state: &AppState,
    session: &Session,
    plan_id: i64,
    refused: Refused,
) -> Result<Response, AppError> {
    let p = plan::get(&state.db, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        session,
        &format!("/plans/{plan_id}/edit"),
        "strategy-edit-plan",
    )
    .with_title(p.title.clone());
    let t = page.t.clone();
    let as_input = PlanInput {
        title: p.title.clone(),
        vision: p.vision.clone(),
        first_year: p.first_year.to_string(),
        last_year: p.last_year.to_string(),
        on_track_from: format!("{}", (p.on_track_from * 100.0).round()),
        at_risk_from: format!("{}", (p.at_risk_from * 100.0).round()),
    };
    let (mut plan_input, mut plan_errors) = (as_input, Errors::default());
    let (mut goal, mut goal_errors) = (GoalForm::default(), Errors::default());
    let (mut action_form, mut action_errors) = (ActionForm::default(), Errors::default());
    let (mut indicator_input, mut indicator_errors) = (
        IndicatorInput {
            direction: "higher".into(),
            unit: "count".into(),
            ..Default::default()
        },
        Errors::default(),
    );
    match refused {
        Refused::None => {}
        Refused::Plan(i, e) => (plan_input, plan_errors) = (i, e),
        Refused::Goal(f, e) => (goal, goal_errors) = (f, e),
        Refused::Action(f, e) => (action_form, action_errors) = (f, e),
        Refused::Indicator(i, e) => (indicator_input, indicator_errors) = (i, e),
    }
    let all_goals = plan::goals(&state.db, plan_id).await?;
    let depths = vaski_store::strategy::scorecard::depths(&all_goals);
    let goal_label = |g: &plan::Goal| {
        format!(
            "{}{}",
            "— ".repeat(depths.get(&g.id).copied().unwrap_or(1) - 1),
            g.title
        )
    };
    let goals = all_goals
        .iter()
        .map(|g| {
            Choice::new(
                &g.id.to_string(),
                goal_label(g),
                action_form.goal == g.id.to_string() || goal.parent == g.id.to_string(),
            )
        })
        .collect();
    let perspectives = plan::perspectives(&state.db)
        .await?
        .into_iter()
        .map(|x| {
            Choice::new(
                &x.key,
                x.name(session.lang).to_string(),
                goal.perspective == x.key,
            )
        })
        .collect();
    let staff_users = vaski_store::account::staff_users(&state.db).await?;
    let staff = staff_users
        .iter()
        .map(|u| {
            Choice::new(
                &u.id.to_string(),
                u.name.clone(),
                goal.owner == u.id.to_string(),
            )
        })
        .collect();
    let action_owners = staff_users
        .iter()
        .map(|u| {
            Choice::new(
                &u.id.to_string(),
                u.name.clone(),
                action_form.owners.contains(&u.id.to_string()),
            )
        })
        .collect();
    let statuses = choices(
        ActionStatus::ALL,
        ActionStatus::code,
        status_name,
        &t,
        if action_form.input.status.is_empty() {
            "planned"
        } else {
            &action_form.input.status
        },
    );
    let priorities = choices(
        Priority::ALL,
        Priority::code,
        Priority::message_key,
        &t,
        if action_form.input.priority.is_empty() {
            "medium"
        } else {
            &action_form.input.priority
        },
    );
    let units = choices(
        IndicatorUnit::ALL,
        IndicatorUnit::code,
        IndicatorUnit::message_key,
        &t,
        &indicator_input.unit,
    );
    let directions = choices(
        Direction::ALL,
        Direction::code,
        Direction::message_key,
        &t,
        &indicator_input.direction,
    );
    let computed = ComputedIndicator::all()
        .into_iter()
        .map(|c| {
            let name = match c {
                ComputedIndicator::CooperationForm(f) => {
                    format!("{}: {}", t.t(c.message_key()), t.t(f.message_key()))
                }
                _ => t.t(c.message_key()),
            };
            Choice::new(&c.key(), name, indicator_input.computed == c.key())
        })
        .collect();
    let indicators = indicator::of_plan(&state.db, plan_id)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let actions = action::of_plan(&state.db, plan_id)
        .await?
        .into_iter()
        .map(|a| (a.row.id, a.row.title))
        .collect();
    render(&EditPage {
        page,
        plan: p,
        plan_input,
        plan_errors,
        goal,
        goal_errors,
        action: action_form,
        action_errors,
        indicator: indicator_input,
        indicator_errors,
        goals,
        perspectives,
        staff,
        action_owners,
        statuses,
        priorities,
        units,
        directions,
        computed,
        indicators,
        actions,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    edit_page(&state, &session, id, Refused::None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlanUpdateForm {
    pub csrf: String,
    #[serde(flatten)]
    pub input: PlanInput,
}

pub async fn update_plan(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<PlanUpdateForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(e) => {
            return edit_page(&state, &session, id, Refused::Plan(form.input, e.into())).await
        }
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = plan::update(&mut tx, id, &draft, &session.actor()).await {
        drop(tx);
        return edit_page(&state, &session, id, Refused::Plan(form.input, refused(e)?)).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{id}/edit")).into_response())
}

fn optional_id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

pub async fn add_goal(
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
        Err(e) => return edit_page(&state, &session, id, Refused::Goal(form, e.into())).await,
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = plan::create_goal(&mut tx, id, &draft, &session.actor()).await {
        drop(tx);
        return edit_page(&state, &session, id, Refused::Goal(form, refused(e)?)).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{id}/edit#goals")).into_response())
}

pub async fn add_action(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let p = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let draft = match form.input.validate(p.period()?) {
        Ok(d) => d,
        Err(e) => return edit_page(&state, &session, id, Refused::Action(form, e.into())).await,
    };
    let Some(goal_id) = optional_id(&form.goal) else {
        let errors = Errors([("goal", "error-action-goal")].into_iter().collect());
        return edit_page(&state, &session, id, Refused::Action(form, errors)).await;
    };
    let links = action::Links {
        goal_id,
        owners: form.owners.iter().filter_map(|o| optional_id(o)).collect(),
        partners: Vec::new(),
        idea_id: optional_id(&form.idea),
    };
    let mut tx = state.db.begin().await?;
    let action_id = match action::create(&mut tx, id, &draft, &links, &session.actor()).await {
        Ok(a) => a,
        Err(e) => {
            drop(tx);
            return edit_page(&state, &session, id, Refused::Action(form, refused(e)?)).await;
        }
    };
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{action_id}")).into_response())
}

pub async fn add_indicator(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(e) => {
            return edit_page(
                &state,
                &session,
                id,
                Refused::Indicator(form.input, e.into()),
            )
            .await
        }
    };
    let mut tx = state.db.begin().await?;
    let indicator_id = match indicator::create(&mut tx, id, &draft, &session.actor()).await {
        Ok(i) => i,
        Err(e) => {
            drop(tx);
            return edit_page(
                &state,
                &session,
                id,
                Refused::Indicator(form.input, refused(e)?),
            )
            .await;
        }
    };
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{indicator_id}")).into_response())
}

// ---------------------------------------------------------------------------------------------
// An action and its milestones

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
}

async fn action_page(
    state: &AppState,
    session: &Session,
    id: i64,
    milestone: MilestoneInput,
    errors: Errors,
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
    render(&ActionPage {
        page,
        plan: p,
        action: a,
        milestone,
        errors,
        statuses,
        idea,
    })
}

pub async fn show_action(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    action_page(
        &state,
        &session,
        id,
        MilestoneInput::default(),
        Errors::default(),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MilestoneForm {
    pub csrf: String,
    #[serde(flatten)]
    pub input: MilestoneInput,
}

pub async fn add_milestone(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    match action::add_milestone(&mut tx, id, &form.input, &session.actor()).await? {
        Ok(_) => tx.commit().await?,
        Err(errors) => {
            drop(tx);
            return action_page(&state, &session, id, form.input, errors.into()).await;
        }
    }
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneForm {
    pub csrf: String,
    /// Non-empty: done today; empty: not done.
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

// ---------------------------------------------------------------------------------------------
// An indicator: targets, goals and values

#[derive(Template)]
#[template(path = "strategy/indicator.html")]
struct IndicatorPage {
    page: Frame,
    plan: plan::Plan,
    indicator: indicator::Indicator,
    unit_name: String,
    /// `(year, typed or stored target)`.
    targets: Vec<(i32, String)>,
    target_errors: Errors,
    goals: Vec<Choice>,
    links: Vec<(String, f64)>,
    values: Vec<(String, String, String, String)>,
    value_input: (String, String, String),
    value_errors: Errors,
}

#[derive(Default)]
struct IndicatorRefused {
    targets: Option<(BTreeMap<String, String>, Errors)>,
    value: Option<((String, String, String), Errors)>,
}

async fn indicator_page(
    state: &AppState,
    session: &Session,
    id: i64,
    refused: IndicatorRefused,
) -> Result<Response, AppError> {
    let ind = indicator::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = plan::get(&state.db, ind.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        session,
        &format!("/indicators/{id}"),
        "strategy-indicator-title",
    )
    .with_title(ind.name.clone());
    let t = page.t.clone();
    let lang = session.lang;
    let unit = ind.unit();
    let stored = indicator::targets_of_plan(&state.db, ind.plan_id).await?;
    let (typed, target_errors) = refused.targets.unwrap_or_default();
    let targets = p
        .period()?
        .years()
        .map(|y| {
            let text = typed.get(&y.to_string()).cloned().unwrap_or_else(|| {
                stored
                    .iter()
                    .find(|x| x.indicator_id == id && x.year == i64::from(y))
                    .map(|x| typed_value(unit, x.value, lang))
                    .unwrap_or_default()
            });
            (y, text)
        })
        .collect();
    let all_links = indicator::goal_links(&state.db, ind.plan_id).await?;
    let goals_all = plan::goals(&state.db, ind.plan_id).await?;
    let links = all_links
        .iter()
        .filter(|l| l.indicator_id == id)
        .filter_map(|l| {
            goals_all
                .iter()
                .find(|g| g.id == l.goal_id)
                .map(|g| (g.title.clone(), l.weight))
        })
        .collect();
    let goals = goals_all
        .iter()
        .map(|g| Choice::new(&g.id.to_string(), g.title.clone(), false))
        .collect();
    let values = indicator::values(&state.db, id)
        .await?
        .into_iter()
        .rev()
        .map(|v| {
            (
                super::roadmap::date_text(v.measured_on),
                super::format_value(unit, v.value, lang),
                v.comment.unwrap_or_default(),
                v.entered_by_name.unwrap_or_default(),
            )
        })
        .collect();
    let (value_input, value_errors) = refused.value.unwrap_or_else(|| {
        (
            (
                super::roadmap::date_text(action::today()),
                String::new(),
                String::new(),
            ),
            Errors::default(),
        )
    });
    render(&IndicatorPage {
        unit_name: t.t(unit.message_key()),
        page,
        plan: p,
        indicator: ind,
        targets,
        target_errors,
        goals,
        links,
        values,
        value_input,
        value_errors,
    })
}

/// A stored figure as a person would type it back: a share as a percentage, a decimal comma.
fn typed_value(unit: IndicatorUnit, v: f64, lang: vaski_domain::Language) -> String {
    let shown = if unit == IndicatorUnit::Share {
        v * 100.0
    } else {
        v
    };
    let text = format!("{}", (shown * 100.0).round() / 100.0);
    match lang {
        vaski_domain::Language::En => text,
        _ => text.replace('.', ","),
    }
}

pub async fn show_indicator(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    indicator_page(&state, &session, id, IndicatorRefused::default()).await
}

/// Targets per year: fields named by the year; an empty field removes that year's target.
pub async fn set_targets(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    session.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    access::edits_network(&session.user)?;
    let ind = indicator::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let typed: BTreeMap<String, String> = form
        .iter()
        .filter(|(k, _)| k.chars().all(|c| c.is_ascii_digit()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut values = Vec::new();
    for (year, text) in &typed {
        let Ok(y) = year.parse::<i32>() else { continue };
        if text.trim().is_empty() {
            values.push((y, None));
            continue;
        }
        match ind.unit().parse_value(text) {
            Ok(v) => values.push((y, Some(v))),
            Err(e) => {
                let errors = Errors([("targets", e.key)].into_iter().collect());
                return indicator_page(
                    &state,
                    &session,
                    id,
                    IndicatorRefused {
                        targets: Some((typed, errors)),
                        value: None,
                    },
                )
                .await;
            }
        }
    }
    let mut tx = state.db.begin().await?;
    for (year, value) in values {
        if let Err(e) = indicator::set_target(&mut tx, id, year, value, &session.actor()).await {
            drop(tx);
            let errors = refused(e)?;
            let errors = Errors(errors.0.into_values().map(|k| ("targets", k)).collect());
            return indicator_page(
                &state,
                &session,
                id,
                IndicatorRefused {
                    targets: Some((typed, errors)),
                    value: None,
                },
            )
            .await;
        }
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub csrf: String,
    pub goal: String,
    pub weight: String,
}

pub async fn link_goal(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let goal = optional_id(&form.goal).ok_or(AppError::BadRequest(String::new()))?;
    let weight = if form.weight.trim().is_empty() {
        1.0
    } else {
        form.weight
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| AppError::BadRequest(String::new()))?
    };
    let mut tx = state.db.begin().await?;
    indicator::link_goal(&mut tx, goal, id, weight, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ValueForm {
    pub csrf: String,
    pub measured_on: String,
    pub value: String,
    pub comment: String,
}

pub async fn add_value(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ValueForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let typed = (
        form.measured_on.clone(),
        form.value.clone(),
        form.comment.clone(),
    );
    let on = match vaski_domain::text::parse_date(&form.measured_on) {
        Ok(Some(d)) => d,
        Ok(None) => {
            return indicator_page(
                &state,
                &session,
                id,
                IndicatorRefused {
                    targets: None,
                    value: Some((
                        typed,
                        Errors([("measured_on", "error-required")].into_iter().collect()),
                    )),
                },
            )
            .await
        }
        Err(e) => {
            return indicator_page(
                &state,
                &session,
                id,
                IndicatorRefused {
                    targets: None,
                    value: Some((
                        typed,
                        Errors([("measured_on", e.key)].into_iter().collect()),
                    )),
                },
            )
            .await
        }
    };
    let comment = vaski_domain::text::optional_line(&form.comment, 500)
        .map_err(|_| AppError::BadRequest(String::new()))?;
    let mut tx = state.db.begin().await?;
    if let Err(e) = indicator::add_value(
        &mut tx,
        id,
        on,
        &form.value,
        comment.as_deref(),
        &session.actor(),
    )
    .await
    {
        drop(tx);
        return indicator_page(
            &state,
            &session,
            id,
            IndicatorRefused {
                targets: None,
                value: Some((typed, refused(e)?)),
            },
        )
        .await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}")).into_response())
}

/// Keeps `CsrfOnly` in use for forms that send nothing else.
pub type Empty = CsrfOnly;
