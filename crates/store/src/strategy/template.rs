//! A plan's structure out to a file and in as a new plan (docs/adr/0008-strategy.md): what
//! another institution copies as its starting point. No people go out: no owners, partners,
//! workshop participants or hand-entered values.

use super::{action, indicator, plan};
use crate::audit::Actor;
use crate::db::{Db, Tx};
use crate::error::StoreError;
use std::collections::HashMap;
use vaski_domain::network::organisation::FieldErrors;
use vaski_domain::strategy::action::{ActionInput, MilestoneInput};
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::{Aim, IndicatorInput};
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::strategy::template::{
    ActionTemplate, GoalTemplate, IndicatorTemplate, MilestoneTemplate, PlanTemplate,
    TemplateError, FORMAT,
};

/// The plan's structure.
pub async fn export(db: &Db, plan_id: i64) -> Result<PlanTemplate, StoreError> {
    let p = plan::get(db, plan_id).await?.ok_or(StoreError::NotFound)?;
    let goals = plan::goals(db, plan_id).await?;
    let index: HashMap<i64, usize> = goals.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let targets = indicator::targets_of_plan(db, plan_id).await?;
    let links = indicator::goal_links(db, plan_id).await?;
    let indicators = indicator::of_plan(db, plan_id)
        .await?
        .into_iter()
        .map(|i| IndicatorTemplate {
            targets: targets
                .iter()
                .filter(|t| t.indicator_id == i.id)
                .filter_map(|t| i32::try_from(t.year).ok().map(|y| (y, t.value)))
                .collect(),
            goals: links
                .iter()
                .filter(|l| l.indicator_id == i.id)
                .filter_map(|l| index.get(&l.goal_id).map(|g| (*g, l.weight)))
                .collect(),
            band: match i.aim() {
                Aim::Band { low, high } => Some((low, high)),
                _ => None,
            },
            key: i.key,
            name: i.name,
            description: i.description,
            unit: i.unit,
            direction: i.direction,
            baseline: i.baseline_value,
            computed: i.computed,
            scope_field: i.scope_field,
            scope_unit: i.scope_unit,
            scope_tag: i.scope_tag,
            scope_kind: i.scope_kind,
            update_every_days: i.update_every_days.and_then(|d| u32::try_from(d).ok()),
        })
        .collect();
    let actions = action::of_plan(db, plan_id)
        .await?
        .into_iter()
        .filter_map(|a| {
            index.get(&a.row.goal_id).map(|g| ActionTemplate {
                title: a.row.title.clone(),
                description: a.row.description.clone(),
                goal: *g,
                priority: a.row.priority.clone(),
                starts_on: a.row.starts_on.to_string(),
                ends_on: a.row.ends_on.to_string(),
                budget_cents: a.row.budget_cents,
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| MilestoneTemplate {
                        title: m.title.clone(),
                        due_on: m.due_on.to_string(),
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(PlanTemplate {
        format: FORMAT.into(),
        title: p.title,
        vision: p.vision,
        first_year: plan::year(p.first_year)?,
        last_year: plan::year(p.last_year)?,
        goals: goals
            .iter()
            .map(|g| GoalTemplate {
                title: g.title.clone(),
                description: g.description.clone(),
                perspective: g.perspective.clone(),
                parent: g.parent_id.and_then(|p| index.get(&p).copied()),
            })
            .collect(),
        indicators,
        actions,
    })
}

/// Why a copy was refused: a part of the file that does not hold.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{0}")]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn invalid(at: String, errors: &FieldErrors) -> CopyError {
    let (field, key) = errors
        .iter()
        .next()
        .map(|(f, k)| (*f, *k))
        .unwrap_or(("", "error-invalid"));
    CopyError::Template(TemplateError {
        at: format!("{at}.{field}"),
        key,
    })
}

fn refused(at: String, e: StoreError) -> CopyError {
    match e {
        StoreError::Invalid { field, key } => CopyError::Template(TemplateError {
            at: format!("{at}.{field}"),
            key,
        }),
        other => CopyError::Store(other),
    }
}

/// Creates a new plan of `organisation_id` from a file's structure, every part through the same
/// checks as the forms; any refusal names the part and nothing is created (the caller's
/// transaction is dropped). Perspectives the deployment does not know are left empty.
pub async fn import(
    tx: &mut Tx,
    organisation_id: i64,
    t: &PlanTemplate,
    actor: &Actor,
) -> Result<i64, CopyError> {
    let known: Vec<String> = tx
        .fetch_all::<(String,)>(crate::db::sql("SELECT key FROM perspectives"))
        .await?
        .into_iter()
        .map(|(k,)| k)
        .collect();
    let draft = PlanInput {
        title: t.title.clone(),
        vision: t.vision.clone(),
        first_year: t.first_year.to_string(),
        last_year: t.last_year.to_string(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| invalid("plan".into(), &e))?;
    let plan_id = plan::create(tx, organisation_id, &draft, actor).await?;
    let mut goal_ids: Vec<i64> = Vec::with_capacity(t.goals.len());
    for (i, g) in t.goals.iter().enumerate() {
        let input = GoalInput {
            title: g.title.clone(),
            description: g.description.clone().unwrap_or_default(),
            perspective: g
                .perspective
                .clone()
                .filter(|p| known.contains(p))
                .unwrap_or_default(),
            parent_id: g.parent.and_then(|p| goal_ids.get(p).copied()),
            owner_user_id: None,
        };
        let d = input
            .validate()
            .map_err(|e| invalid(format!("goals[{i}]"), &e))?;
        goal_ids.push(
            plan::create_goal(tx, plan_id, &d, actor)
                .await
                .map_err(|e| refused(format!("goals[{i}]"), e))?,
        );
    }
    for (i, ind) in t.indicators.iter().enumerate() {
        let number = |v: f64| {
            if ind.unit == "share" {
                format!("{}", v * 100.0)
            } else {
                format!("{v}")
            }
        };
        let input = IndicatorInput {
            key: ind.key.clone(),
            name: ind.name.clone(),
            description: ind.description.clone().unwrap_or_default(),
            unit: ind.unit.clone(),
            direction: ind.direction.clone(),
            band_low: ind.band.map(|(l, _)| number(l)).unwrap_or_default(),
            band_high: ind.band.map(|(_, h)| number(h)).unwrap_or_default(),
            baseline_value: ind.baseline.map(number).unwrap_or_default(),
            baseline_on: String::new(),
            computed: ind.computed.clone().unwrap_or_default(),
            scope_field: ind.scope_field.clone().unwrap_or_default(),
            scope_unit: ind.scope_unit.clone().unwrap_or_default(),
            scope_tag: ind.scope_tag.clone().unwrap_or_default(),
            scope_kind: ind.scope_kind.clone().unwrap_or_default(),
            update_every_days: ind
                .update_every_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        };
        let at = format!("indicators[{i}]");
        let d = input.validate().map_err(|e| invalid(at.clone(), &e))?;
        let id = indicator::create(tx, plan_id, &d, actor)
            .await
            .map_err(|e| refused(at.clone(), e))?;
        for (year, value) in &ind.targets {
            indicator::set_target(tx, id, *year, Some(*value), actor)
                .await
                .map_err(|e| refused(format!("{at}.targets"), e))?;
        }
        for (goal, weight) in &ind.goals {
            let goal_id = goal_ids.get(*goal).copied().ok_or(TemplateError {
                at: format!("{at}.goals"),
                key: "error-plan-file-reference",
            })?;
            indicator::link_goal(tx, goal_id, id, *weight, actor)
                .await
                .map_err(|e| refused(format!("{at}.goals"), e))?;
        }
    }
    for (i, a) in t.actions.iter().enumerate() {
        let at = format!("actions[{i}]");
        let input = ActionInput {
            title: a.title.clone(),
            description: a.description.clone().unwrap_or_default(),
            status: "planned".into(),
            priority: a.priority.clone(),
            starts_on: a.starts_on.clone(),
            ends_on: a.ends_on.clone(),
            budget: a
                .budget_cents
                .map(|c| format!("{}.{:02}", c / 100, c % 100))
                .unwrap_or_default(),
        };
        let d = input
            .validate(draft.period)
            .map_err(|e| invalid(at.clone(), &e))?;
        let goal_id = goal_ids.get(a.goal).copied().ok_or(TemplateError {
            at: format!("{at}.goal"),
            key: "error-plan-file-reference",
        })?;
        let links = action::Links {
            goal_id,
            ..Default::default()
        };
        let id = action::create(tx, plan_id, &d, &links, actor)
            .await
            .map_err(|e| refused(at.clone(), e))?;
        for (j, m) in a.milestones.iter().enumerate() {
            let input = MilestoneInput {
                title: m.title.clone(),
                due_on: m.due_on.clone(),
                done_on: String::new(),
            };
            action::add_milestone(tx, id, &input, actor)
                .await?
                .map_err(|e| invalid(format!("{at}.milestones[{j}]"), &e))?;
        }
    }
    Ok(plan_id)
}
