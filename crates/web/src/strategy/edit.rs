//! Suunta's forms: a new plan, and on the plan's edit page its details, new goals, actions and
//! indicators (an action's page is in `actions`, an indicator's in `indicators`, a goal's own
//! edit page in `goals`). Every form keeps what was typed on an error and says what is wrong
//! next to the field. The helpers the other form modules share are here.

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
use vaski_domain::strategy::action::{ActionInput, ActionStatus, Priority, ShownStatus};
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
pub(crate) fn refused(e: StoreError) -> Result<Errors, AppError> {
    match e {
        StoreError::Invalid { field, key } => Ok(Errors([(field, key)].into_iter().collect())),
        other => Err(other.into()),
    }
}

pub(crate) fn choices<T: Copy>(
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
pub(crate) fn status_name(s: ActionStatus) -> &'static str {
    ShownStatus::parse(s.code()).map_or("action-shown-planned", ShownStatus::message_key)
}

/// The plan's goals as choices, each indented by its depth ("— " per level below the top).
pub(crate) fn goal_choices(all: &[plan::Goal], selected: impl Fn(i64) -> bool) -> Vec<Choice> {
    let depths = vaski_store::strategy::scorecard::depths(all);
    all.iter()
        .map(|g| {
            let label = format!(
                "{}{}",
                "— ".repeat(depths.get(&g.id).copied().unwrap_or(1).saturating_sub(1)),
                g.title
            );
            Choice::new(&g.id.to_string(), label, selected(g.id))
        })
        .collect()
}

/// The perspectives in the user's language.
pub(crate) async fn perspective_choices(
    state: &AppState,
    lang: vaski_domain::Language,
    selected: &str,
) -> Result<Vec<Choice>, AppError> {
    Ok(plan::perspectives(&state.db)
        .await?
        .into_iter()
        .map(|x| Choice::new(&x.key, x.name(lang).to_string(), selected == x.key))
        .collect())
}

/// The lists of an indicator's form.
pub(crate) struct IndicatorChoices {
    pub units: Vec<Choice>,
    pub directions: Vec<Choice>,
    pub computed: Vec<Choice>,
}

pub(crate) fn indicator_choices(t: &Tr, input: &IndicatorInput) -> IndicatorChoices {
    let units = choices(
        IndicatorUnit::ALL,
        IndicatorUnit::code,
        IndicatorUnit::message_key,
        t,
        &input.unit,
    );
    let directions = choices(
        Direction::ALL,
        Direction::code,
        Direction::message_key,
        t,
        &input.direction,
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
            Choice::new(&c.key(), name, input.computed == c.key())
        })
        .collect();
    IndicatorChoices {
        units,
        directions,
        computed,
    }
}

/// A stored figure as a person would type it back: a share as a percentage, a decimal comma
/// in Finnish and Swedish.
pub(crate) fn typed_value(unit: IndicatorUnit, v: f64, lang: vaski_domain::Language) -> String {
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
    /// The plan's goals with their edit links, indented by depth.
    goal_list: Vec<(i64, String)>,
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
    let goals = goal_choices(&all_goals, |g| {
        action_form.goal == g.to_string() || goal.parent == g.to_string()
    });
    let perspectives = perspective_choices(state, session.lang, &goal.perspective).await?;
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
    let IndicatorChoices {
        units,
        directions,
        computed,
    } = indicator_choices(&t, &indicator_input);
    let goal_list = all_goals
        .iter()
        .zip(goal_choices(&all_goals, |_| false))
        .map(|(g, c)| (g.id, c.label))
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
        goal_list,
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

/// `POST /plans/{id}/delete`: the plan and everything under it, after the page's confirmation.
pub async fn delete_plan(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    plan::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/plans").into_response())
}

pub(crate) fn optional_id(s: &str) -> Option<i64> {
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

/// Keeps `CsrfOnly` in use for forms that send nothing else.
pub type Empty = CsrfOnly;
