//! An indicator's page: its definition with the form that changes it (name, unit, direction,
//! band, baseline, update frequency, source and scope), its targets per year (set, changed or
//! removed), the goals it weighs in (linked and unlinked), the values kept by hand, and its
//! deletion. Staff and admins change it; viewers read it. Every change is audited by the store.

use super::edit::{
    goal_choices, indicator_choices, optional_id, refused, typed_value, Errors, IndicatorChoices,
    IndicatorForm,
};
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
use std::collections::BTreeMap;
use vaski_domain::strategy::indicator::IndicatorInput;
use vaski_domain::Language;
use vaski_store::strategy::{action, indicator, plan};

#[derive(Template)]
#[template(path = "strategy/indicator.html")]
struct IndicatorPage {
    page: Frame,
    plan: plan::Plan,
    indicator: indicator::Indicator,
    unit_name: String,
    /// `(year, typed or stored target, whether a target is stored for the year)`.
    targets: Vec<(i32, String, bool)>,
    target_errors: Errors,
    goals: Vec<Choice>,
    /// `(goal id, goal, weight)`.
    links: Vec<(i64, String, f64)>,
    /// Id, date, value, comment, who: newest first.
    values: Vec<(i64, String, String, String, String)>,
    value_input: (String, String, String),
    value_errors: Errors,
    edit: IndicatorInput,
    edit_errors: Errors,
    units: Vec<Choice>,
    directions: Vec<Choice>,
    computed: Vec<Choice>,
}

/// Which of the page's forms was sent and refused, with what was typed.
#[derive(Default)]
struct IndicatorRefused {
    targets: Option<(BTreeMap<String, String>, Errors)>,
    value: Option<((String, String, String), Errors)>,
    edit: Option<(IndicatorInput, Errors)>,
}

/// The edit form filled with the indicator as stored, its figures as a person types them.
fn input_of(i: &indicator::Indicator, lang: Language) -> IndicatorInput {
    let unit = i.unit();
    let figure = |v: Option<f64>| v.map(|v| typed_value(unit, v, lang)).unwrap_or_default();
    IndicatorInput {
        key: i.key.clone(),
        name: i.name.clone(),
        description: i.description.clone().unwrap_or_default(),
        unit: i.unit.clone(),
        direction: i.direction.clone(),
        band_low: figure(i.band_low),
        band_high: figure(i.band_high),
        baseline_value: figure(i.baseline_value),
        baseline_on: i.baseline_on.map(date_text).unwrap_or_default(),
        computed: i.computed.clone().unwrap_or_default(),
        scope_field: i.scope_field.clone().unwrap_or_default(),
        scope_unit: i.scope_unit.clone().unwrap_or_default(),
        scope_tag: i.scope_tag.clone().unwrap_or_default(),
        scope_kind: i.scope_kind.clone().unwrap_or_default(),
        update_every_days: i
            .update_every_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
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
            let kept = stored
                .iter()
                .find(|x| x.indicator_id == id && x.year == i64::from(y));
            let text = typed.get(&y.to_string()).cloned().unwrap_or_else(|| {
                kept.map(|x| typed_value(unit, x.value, lang))
                    .unwrap_or_default()
            });
            (y, text, kept.is_some())
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
                .map(|g| (g.id, g.title.clone(), l.weight))
        })
        .collect();
    let goals = goal_choices(&goals_all, |_| false);
    let values = indicator::values(&state.db, id)
        .await?
        .into_iter()
        .rev()
        .map(|v| {
            (
                v.id,
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
    let (edit, edit_errors) = refused
        .edit
        .unwrap_or_else(|| (input_of(&ind, lang), Errors::default()));
    let IndicatorChoices {
        units,
        directions,
        computed,
    } = indicator_choices(&t, &edit);
    render(&IndicatorPage {
        edit,
        edit_errors,
        units,
        directions,
        computed,
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
                        ..Default::default()
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
                    ..Default::default()
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
                    value: Some((
                        typed,
                        Errors([("measured_on", "error-required")].into_iter().collect()),
                    )),
                    ..Default::default()
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
                    value: Some((
                        typed,
                        Errors([("measured_on", e.key)].into_iter().collect()),
                    )),
                    ..Default::default()
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
                value: Some((typed, refused(e)?)),
                ..Default::default()
            },
        )
        .await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}")).into_response())
}

/// Changes the indicator's definition; nothing changes when any field is refused.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let refuse = |input: IndicatorInput, errors: Errors| IndicatorRefused {
        edit: Some((input, errors)),
        ..Default::default()
    };
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(e) => return indicator_page(&state, &session, id, refuse(form.input, e.into())).await,
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = indicator::update(&mut tx, id, &draft, &session.actor()).await {
        drop(tx);
        let errors = refused(e)?;
        return indicator_page(&state, &session, id, refuse(form.input, errors)).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}")).into_response())
}

/// Deletes the indicator with its targets, values and goal links; back to the plan's edit page.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    let ind = indicator::get_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    indicator::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{}/edit", ind.plan_id)).into_response())
}

/// Takes the indicator out of a goal's roll-up; the indicator stays.
pub async fn unlink_goal(
    State(state): State<AppState>,
    session: Session,
    Path((id, goal)): Path<(i64, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    indicator::unlink_goal(&mut tx, goal, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}#goal-links")).into_response())
}

/// Removes one year's target.
pub async fn remove_target(
    State(state): State<AppState>,
    session: Session,
    Path((id, year)): Path<(i64, i32)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    if let Err(e) = indicator::set_target(&mut tx, id, year, None, &session.actor()).await {
        drop(tx);
        let errors = Errors(
            refused(e)?
                .0
                .into_values()
                .map(|k| ("targets", k))
                .collect(),
        );
        let refusal = IndicatorRefused {
            targets: Some((BTreeMap::new(), errors)),
            ..Default::default()
        };
        return indicator_page(&state, &session, id, refusal).await;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}#targets")).into_response())
}

/// Removes a value kept by hand (one typed wrong, say).
pub async fn delete_value(
    State(state): State<AppState>,
    session: Session,
    Path((id, value_id)): Path<(i64, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    indicator::delete_value(&mut tx, id, value_id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/indicators/{id}#values")).into_response())
}
