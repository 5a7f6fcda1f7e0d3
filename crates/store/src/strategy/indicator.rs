//! A plan's indicators: their definitions, targets per year, the goals they weigh in, and the
//! value history of those kept by hand.

use super::plan::{self, subject};
use crate::audit::{self, Actor, Change};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::OrganisationKind;
use vaski_domain::reference::Industry;
use vaski_domain::strategy::computed::{ComputedIndicator, Scope};
use vaski_domain::strategy::indicator::{Aim, Direction, IndicatorDraft};
use vaski_domain::strategy::unit::IndicatorUnit;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Indicator {
    pub id: i64,
    pub plan_id: i64,
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: String,
    pub direction: String,
    pub band_low: Option<f64>,
    pub band_high: Option<f64>,
    pub baseline_value: Option<f64>,
    pub baseline_on: Option<Date>,
    pub computed: Option<String>,
    pub scope_field: Option<String>,
    pub scope_unit: Option<String>,
    pub scope_tag: Option<String>,
    pub scope_kind: Option<String>,
    pub update_every_days: Option<i64>,
    pub position: i64,
}

impl Indicator {
    pub fn unit(&self) -> IndicatorUnit {
        IndicatorUnit::parse(&self.unit).unwrap_or(IndicatorUnit::Count)
    }

    pub fn aim(&self) -> Aim {
        let direction = Direction::parse(&self.direction).unwrap_or(Direction::Higher);
        Aim::new(direction, self.band_low.zip(self.band_high)).unwrap_or(Aim::Higher)
    }

    /// The computation behind the figure, for one computed from Vaski's data.
    pub fn computation(&self) -> Option<ComputedIndicator> {
        self.computed
            .as_deref()
            .and_then(|k| ComputedIndicator::parse(k).ok())
    }

    pub fn scope(&self) -> Scope {
        Scope {
            field: self.scope_field.as_deref().and_then(Industry::by_code),
            unit: self.scope_unit.clone(),
            tag: self.scope_tag.clone(),
            kind: self
                .scope_kind
                .as_deref()
                .and_then(|k| OrganisationKind::parse(k).ok()),
        }
    }

    pub fn update_every_days(&self) -> Option<u32> {
        self.update_every_days.and_then(|d| u32::try_from(d).ok())
    }
}

const COLUMNS: &str = "id, plan_id, key, name, description, unit, direction, band_low, band_high, baseline_value, \
     baseline_on, computed, scope_field, scope_unit, scope_tag, scope_kind, update_every_days, position";

fn band(d: &IndicatorDraft) -> (Option<f64>, Option<f64>) {
    match d.aim {
        Aim::Band { low, high } => (Some(low), Some(high)),
        _ => (None, None),
    }
}

fn fields(d: &IndicatorDraft) -> Vec<(&'static str, Option<String>)> {
    let (low, high) = band(d);
    vec![
        ("key", Some(d.key.clone())),
        ("name", Some(d.name.clone())),
        ("unit", Some(d.unit.code().into())),
        ("direction", Some(d.aim.direction().code().into())),
        ("band_low", low.map(|v| v.to_string())),
        ("band_high", high.map(|v| v.to_string())),
        ("baseline_value", d.baseline.map(|(v, _)| v.to_string())),
        (
            "baseline_on",
            d.baseline.and_then(|(_, on)| on).map(|x| x.to_string()),
        ),
        ("computed", d.computed.map(|c| c.key())),
        ("scope_field", d.scope.field.map(|f| f.code.clone())),
        ("scope_unit", d.scope.unit.clone()),
        ("scope_tag", d.scope.tag.clone()),
        ("scope_kind", d.scope.kind.map(|k| k.code().to_string())),
        (
            "update_every_days",
            d.update_every_days.map(|x| x.to_string()),
        ),
    ]
}

fn old_fields(i: &Indicator) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("key", Some(i.key.clone())),
        ("name", Some(i.name.clone())),
        ("unit", Some(i.unit.clone())),
        ("direction", Some(i.direction.clone())),
        ("band_low", i.band_low.map(|v| v.to_string())),
        ("band_high", i.band_high.map(|v| v.to_string())),
        ("baseline_value", i.baseline_value.map(|v| v.to_string())),
        ("baseline_on", i.baseline_on.map(|x| x.to_string())),
        ("computed", i.computed.clone()),
        ("scope_field", i.scope_field.clone()),
        ("scope_unit", i.scope_unit.clone()),
        ("scope_tag", i.scope_tag.clone()),
        ("scope_kind", i.scope_kind.clone()),
        (
            "update_every_days",
            i.update_every_days.map(|x| x.to_string()),
        ),
    ]
}

/// A key already used in the plan is refused on the key field.
fn key_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict { .. } => StoreError::Invalid {
            field: "key",
            key: "error-indicator-key-taken",
        },
        other => other,
    }
}

pub async fn create(
    tx: &mut Tx,
    plan_id: i64,
    d: &IndicatorDraft,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let plan = plan::get_in(tx, plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (low, high) = band(d);
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO indicators (plan_id, key, name, description, unit, direction, band_low, band_high, \
                 baseline_value, baseline_on, computed, scope_field, scope_unit, scope_tag, scope_kind, update_every_days, \
                 position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM indicators WHERE plan_id = $1), $17, $17) RETURNING id")
            .bind(plan_id)
            .bind(&d.key)
            .bind(&d.name)
            .bind(d.description.as_deref())
            .bind(d.unit.code())
            .bind(d.aim.direction().code())
            .bind(low)
            .bind(high)
            .bind(d.baseline.map(|(v, _)| v))
            .bind(d.baseline.and_then(|(_, on)| on))
            .bind(d.computed.map(|c| c.key()))
            .bind(d.scope.field.map(|f| f.code.clone()))
            .bind(d.scope.unit.as_deref())
            .bind(d.scope.tag.as_deref())
            .bind(d.scope.kind.map(|k| k.code()))
            .bind(d.update_every_days.map(i64::from))
            .bind(now),
        )
        .await
        .map_err(key_taken)?;
    let changes = audit::diff(&[], &fields(d));
    audit::record(
        tx,
        actor,
        "create",
        subject("indicator", id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Changes an indicator's definition. Its unit cannot change while it has targets or values:
/// they are figures of the old unit (a share is kept as 0..1, a count whole), and reading them
/// in another would silently change them.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &IndicatorDraft,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, old.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if old.unit != d.unit.code() {
        let (figures,): (i64,) = tx
            .fetch_one(
                sql(
                    "SELECT (SELECT COUNT(*) FROM indicator_targets WHERE indicator_id = $1) \
                     + (SELECT COUNT(*) FROM indicator_values WHERE indicator_id = $1)",
                )
                .bind(id),
            )
            .await?;
        if figures > 0 {
            return Err(StoreError::Invalid {
                field: "unit",
                key: "error-indicator-unit-in-use",
            });
        }
    }
    let (low, high) = band(d);
    tx.execute(
        sql("UPDATE indicators SET key = $1, name = $2, description = $3, unit = $4, direction = $5, band_low = $6, \
             band_high = $7, baseline_value = $8, baseline_on = $9, computed = $10, scope_field = $11, scope_unit = $12, \
             scope_tag = $13, scope_kind = $14, update_every_days = $15, updated_at = $16 WHERE id = $17")
        .bind(&d.key)
        .bind(&d.name)
        .bind(d.description.as_deref())
        .bind(d.unit.code())
        .bind(d.aim.direction().code())
        .bind(low)
        .bind(high)
        .bind(d.baseline.map(|(v, _)| v))
        .bind(d.baseline.and_then(|(_, on)| on))
        .bind(d.computed.map(|c| c.key()))
        .bind(d.scope.field.map(|f| f.code.clone()))
        .bind(d.scope.unit.as_deref())
        .bind(d.scope.tag.as_deref())
        .bind(d.scope.kind.map(|k| k.code()))
        .bind(d.update_every_days.map(i64::from))
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await
    .map_err(key_taken)?;
    let changes = audit::diff(&old_fields(&old), &fields(d));
    if !changes.is_empty() {
        audit::record(
            tx,
            actor,
            "update",
            subject("indicator", id, plan.organisation_id),
            &changes,
        )
        .await?;
    }
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, old.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM indicators WHERE id = $1").bind(id))
        .await?;
    let changes = [Change {
        field: "key".into(),
        old: Some(old.key),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "delete",
        subject("indicator", id, plan.organisation_id),
        &changes,
    )
    .await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Indicator>, StoreError> {
    tx.fetch_optional(sql(format!("SELECT {COLUMNS} FROM indicators WHERE id = $1")).bind(id))
        .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Indicator>, StoreError> {
    db.fetch_optional(sql(format!("SELECT {COLUMNS} FROM indicators WHERE id = $1")).bind(id))
        .await
}

pub async fn by_key(db: &Db, plan_id: i64, key: &str) -> Result<Option<Indicator>, StoreError> {
    db.fetch_optional(
        sql(format!(
            "SELECT {COLUMNS} FROM indicators WHERE plan_id = $1 AND key = $2"
        ))
        .bind(plan_id)
        .bind(key),
    )
    .await
}

pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Indicator>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {COLUMNS} FROM indicators WHERE plan_id = $1 ORDER BY position, id"
        ))
        .bind(plan_id),
    )
    .await
}

/// Sets the target of a year, or removes it (`None`); a year outside the plan is refused and
/// nothing changes. Setting the value the year already has records nothing.
pub async fn set_target(
    tx: &mut Tx,
    indicator_id: i64,
    year: i32,
    value: Option<f64>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let ind = get_in(tx, indicator_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, ind.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    plan.period()?
        .check_target_year(year)
        .map_err(|e| StoreError::Invalid {
            field: "year",
            key: e.key,
        })?;
    let old: Option<(f64,)> = tx
        .fetch_optional(
            sql("SELECT value FROM indicator_targets WHERE indicator_id = $1 AND year = $2")
                .bind(indicator_id)
                .bind(i64::from(year)),
        )
        .await?;
    tx.execute(
        sql("DELETE FROM indicator_targets WHERE indicator_id = $1 AND year = $2")
            .bind(indicator_id)
            .bind(i64::from(year)),
    )
    .await?;
    if let Some(v) = value {
        tx.execute(
            sql("INSERT INTO indicator_targets (indicator_id, year, value) VALUES ($1, $2, $3)")
                .bind(indicator_id)
                .bind(i64::from(year))
                .bind(v),
        )
        .await?;
    }
    let old = old.map(|(v,)| v);
    if old == value {
        return Ok(());
    }
    let changes = [Change {
        field: format!("target_{year}"),
        old: old.map(|v| v.to_string()),
        new: value.map(|v| v.to_string()),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("indicator", indicator_id, plan.organisation_id),
        &changes,
    )
    .await
}

#[derive(Debug, Clone, Copy, Serialize, sqlx::FromRow)]
pub struct Target {
    pub indicator_id: i64,
    pub year: i64,
    pub value: f64,
}

pub async fn targets_of_plan(db: &Db, plan_id: i64) -> Result<Vec<Target>, StoreError> {
    db.fetch_all(
        sql("SELECT t.indicator_id, t.year, t.value FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id \
             WHERE i.plan_id = $1 ORDER BY t.indicator_id, t.year")
        .bind(plan_id),
    )
    .await
}

/// Links an indicator to a goal of the same plan with a weight (or changes the weight).
pub async fn link_goal(
    tx: &mut Tx,
    goal_id: i64,
    indicator_id: i64,
    weight: f64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let ind = get_in(tx, indicator_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let goal: Option<(i64,)> = tx
        .fetch_optional(sql("SELECT plan_id FROM goals WHERE id = $1").bind(goal_id))
        .await?;
    if goal.map(|(p,)| p) != Some(ind.plan_id) {
        return Err(StoreError::Invalid {
            field: "goal_id",
            key: "error-action-goal",
        });
    }
    if !(weight > 0.0 && weight <= 100.0) {
        return Err(StoreError::Invalid {
            field: "weight",
            key: "error-weight",
        });
    }
    let plan = plan::get_in(tx, ind.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("DELETE FROM goal_indicators WHERE goal_id = $1 AND indicator_id = $2")
            .bind(goal_id)
            .bind(indicator_id),
    )
    .await?;
    tx.execute(
        sql("INSERT INTO goal_indicators (goal_id, indicator_id, weight) VALUES ($1, $2, $3)")
            .bind(goal_id)
            .bind(indicator_id)
            .bind(weight),
    )
    .await?;
    let changes = [Change {
        field: format!("goal_{goal_id}_weight"),
        old: None,
        new: Some(weight.to_string()),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("indicator", indicator_id, plan.organisation_id),
        &changes,
    )
    .await
}

/// Removes an indicator from a goal's roll-up (the indicator stays); a link that does not exist
/// is not found.
pub async fn unlink_goal(
    tx: &mut Tx,
    goal_id: i64,
    indicator_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let ind = get_in(tx, indicator_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, ind.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (weight,): (f64,) = tx
        .fetch_optional(
            sql("SELECT weight FROM goal_indicators WHERE goal_id = $1 AND indicator_id = $2")
                .bind(goal_id)
                .bind(indicator_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("DELETE FROM goal_indicators WHERE goal_id = $1 AND indicator_id = $2")
            .bind(goal_id)
            .bind(indicator_id),
    )
    .await?;
    let changes = [Change {
        field: format!("goal_{goal_id}_weight"),
        old: Some(weight.to_string()),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("indicator", indicator_id, plan.organisation_id),
        &changes,
    )
    .await
}

#[derive(Debug, Clone, Copy, Serialize, sqlx::FromRow)]
pub struct GoalLink {
    pub goal_id: i64,
    pub indicator_id: i64,
    pub weight: f64,
}

pub async fn goal_links(db: &Db, plan_id: i64) -> Result<Vec<GoalLink>, StoreError> {
    db.fetch_all(
        sql("SELECT l.goal_id, l.indicator_id, l.weight FROM goal_indicators l JOIN goals g ON g.id = l.goal_id \
             WHERE g.plan_id = $1 ORDER BY l.goal_id, l.indicator_id")
        .bind(plan_id),
    )
    .await
}

/// One hand-entered value.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Value {
    pub id: i64,
    pub indicator_id: i64,
    pub measured_on: Date,
    pub value: f64,
    pub comment: Option<String>,
    pub entered_by: Option<i64>,
    pub entered_by_name: Option<String>,
}

/// Records a hand-entered value. The text is read by the indicator's unit; a value that is not
/// a number of it is refused and nothing changes. A computed indicator takes no typed values.
pub async fn add_value(
    tx: &mut Tx,
    indicator_id: i64,
    measured_on: Date,
    text: &str,
    comment: Option<&str>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let ind = hand_kept(tx, indicator_id).await?;
    let value = ind
        .unit()
        .parse_value(text)
        .map_err(|e| StoreError::Invalid {
            field: "value",
            key: e.key,
        })?;
    record_value(tx, &ind, measured_on, value, comment, actor).await
}

/// Records a hand-entered value given as a number in the scale figures are kept in (a share
/// from 0 to 1), as the API gives it; refused like [`add_value`] when it is not a figure of the
/// indicator's unit or the indicator is computed, and nothing changes.
pub async fn add_stored_value(
    tx: &mut Tx,
    indicator_id: i64,
    measured_on: Date,
    value: f64,
    comment: Option<&str>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let ind = hand_kept(tx, indicator_id).await?;
    let value = ind
        .unit()
        .check_stored(value)
        .map_err(|e| StoreError::Invalid {
            field: "value",
            key: e.key,
        })?;
    record_value(tx, &ind, measured_on, value, comment, actor).await
}

/// The indicator, if it is kept by hand: a computed one takes no values.
async fn hand_kept(tx: &mut Tx, indicator_id: i64) -> Result<Indicator, StoreError> {
    let ind = get_in(tx, indicator_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if ind.computed.is_some() {
        return Err(StoreError::Invalid {
            field: "value",
            key: "error-indicator-computed-no-values",
        });
    }
    Ok(ind)
}

async fn record_value(
    tx: &mut Tx,
    ind: &Indicator,
    measured_on: Date,
    value: f64,
    comment: Option<&str>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let indicator_id = ind.id;
    let plan = plan::get_in(tx, ind.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO indicator_values (indicator_id, measured_on, value, comment, entered_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(indicator_id)
            .bind(measured_on)
            .bind(value)
            .bind(comment)
            .bind(actor.user_id)
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [Change {
        field: format!("value_{measured_on}"),
        old: None,
        new: Some(value.to_string()),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("indicator", indicator_id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Removes a hand-entered value of the indicator (one typed wrong, say); the change is
/// audited with the value removed. A value of another indicator is not found.
pub async fn delete_value(
    tx: &mut Tx,
    indicator_id: i64,
    value_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let ind = get_in(tx, indicator_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, ind.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (measured_on, value): (Date, f64) = tx
        .fetch_optional(
            sql("SELECT measured_on, value FROM indicator_values WHERE id = $1 AND indicator_id = $2")
                .bind(value_id)
                .bind(indicator_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM indicator_values WHERE id = $1").bind(value_id))
        .await?;
    let changes = [Change {
        field: format!("value_{measured_on}"),
        old: Some(value.to_string()),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("indicator", indicator_id, plan.organisation_id),
        &changes,
    )
    .await
}

/// An indicator's hand-entered values, oldest first.
pub async fn values(db: &Db, indicator_id: i64) -> Result<Vec<Value>, StoreError> {
    db.fetch_all(
        sql("SELECT v.id, v.indicator_id, v.measured_on, v.value, v.comment, v.entered_by, u.name AS entered_by_name \
             FROM indicator_values v LEFT JOIN users u ON u.id = v.entered_by WHERE v.indicator_id = $1 \
             ORDER BY v.measured_on, v.id")
        .bind(indicator_id),
    )
    .await
}

/// Every hand-entered value of a plan's indicators, oldest first (for the scorecard's trends).
pub async fn values_of_plan(db: &Db, plan_id: i64) -> Result<Vec<Value>, StoreError> {
    db.fetch_all(
        sql("SELECT v.id, v.indicator_id, v.measured_on, v.value, v.comment, v.entered_by, u.name AS entered_by_name \
             FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id LEFT JOIN users u ON u.id = v.entered_by \
             WHERE i.plan_id = $1 ORDER BY v.indicator_id, v.measured_on, v.id")
        .bind(plan_id),
    )
    .await
}
