//! Plans, their goals and the perspectives goals serve.

use crate::audit::{self, Actor, Change, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::strategy::goal::{self as goal_rules, GoalDraft};
use vaski_domain::strategy::plan::{PlanDraft, PlanPeriod, Thresholds};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Plan {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub title: String,
    pub vision: String,
    pub first_year: i64,
    pub last_year: i64,
    pub on_track_from: f64,
    pub at_risk_from: f64,
}

impl Plan {
    pub fn period(&self) -> Result<PlanPeriod, StoreError> {
        let (first, last) = (year(self.first_year)?, year(self.last_year)?);
        PlanPeriod::new(first, last)
            .map_err(|e| StoreError::Corrupt(format!("plan {}: {}", self.id, e.key)))
    }

    pub fn thresholds(&self) -> Thresholds {
        Thresholds::new(self.on_track_from, self.at_risk_from).unwrap_or_default()
    }
}

pub(crate) fn year(y: i64) -> Result<i32, StoreError> {
    i32::try_from(y).map_err(|_| StoreError::Corrupt(format!("year {y}")))
}

const PLAN_COLUMNS: &str =
    "p.id, p.organisation_id, o.name AS organisation_name, p.title, p.vision, \
     p.first_year, p.last_year, p.on_track_from, p.at_risk_from";

pub async fn create(
    tx: &mut Tx,
    organisation_id: i64,
    d: &PlanDraft,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO plans (organisation_id, title, vision, first_year, last_year, on_track_from, at_risk_from, \
                 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
            .bind(organisation_id)
            .bind(&d.title)
            .bind(&d.vision)
            .bind(i64::from(d.period.first_year()))
            .bind(i64::from(d.period.last_year()))
            .bind(d.thresholds.on_track_from)
            .bind(d.thresholds.at_risk_from)
            .bind(actor.user_id)
            .bind(now),
        )
        .await?;
    let changes = audit::diff(&[], &plan_fields(d));
    audit::record(
        tx,
        actor,
        "create",
        subject("plan", id, organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Changes a plan. A period that would leave out a year that already has targets, or dates of
/// actions, is refused: shortening the plan must not silently orphan them.
pub async fn update(tx: &mut Tx, id: i64, d: &PlanDraft, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let (first, last) = (
        i64::from(d.period.first_year()),
        i64::from(d.period.last_year()),
    );
    let (outside_targets,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id \
                 WHERE i.plan_id = $1 AND (t.year < $2 OR t.year > $3)")
            .bind(id)
            .bind(first)
            .bind(last),
        )
        .await?;
    if outside_targets > 0 {
        return Err(StoreError::Invalid {
            field: "last_year",
            key: "error-plan-period-excludes-targets",
        });
    }
    let (outside_actions,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM actions WHERE plan_id = $1 AND (starts_on < $2 OR ends_on > $3)")
                .bind(id)
                .bind(time_date(first, 1, 1)?)
                .bind(time_date(last, 12, 31)?),
        )
        .await?;
    if outside_actions > 0 {
        return Err(StoreError::Invalid {
            field: "last_year",
            key: "error-plan-period-excludes-actions",
        });
    }
    tx.execute(
        sql("UPDATE plans SET title = $1, vision = $2, first_year = $3, last_year = $4, on_track_from = $5, \
             at_risk_from = $6, updated_at = $7 WHERE id = $8")
        .bind(&d.title)
        .bind(&d.vision)
        .bind(first)
        .bind(last)
        .bind(d.thresholds.on_track_from)
        .bind(d.thresholds.at_risk_from)
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    let old_fields = [
        ("title", Some(old.title.clone())),
        ("vision", Some(old.vision.clone())),
        ("first_year", Some(old.first_year.to_string())),
        ("last_year", Some(old.last_year.to_string())),
        ("on_track_from", Some(old.on_track_from.to_string())),
        ("at_risk_from", Some(old.at_risk_from.to_string())),
    ];
    let changes = audit::diff(&old_fields, &plan_fields(d));
    if !changes.is_empty() {
        audit::record(
            tx,
            actor,
            "update",
            subject("plan", id, old.organisation_id),
            &changes,
        )
        .await?;
    }
    Ok(())
}

fn plan_fields(d: &PlanDraft) -> [(&'static str, Option<String>); 6] {
    [
        ("title", Some(d.title.clone())),
        ("vision", Some(d.vision.clone())),
        ("first_year", Some(d.period.first_year().to_string())),
        ("last_year", Some(d.period.last_year().to_string())),
        (
            "on_track_from",
            Some(d.thresholds.on_track_from.to_string()),
        ),
        ("at_risk_from", Some(d.thresholds.at_risk_from.to_string())),
    ]
}

pub(crate) fn time_date(year: i64, month: u8, day: u8) -> Result<time::Date, StoreError> {
    let month = time::Month::try_from(month).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    time::Date::from_calendar_date(self::year(year)?, month, day)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn subject(entity: &'static str, id: i64, organisation_id: i64) -> Subject<'static> {
    Subject {
        entity,
        entity_id: Some(id),
        organisation_id: Some(organisation_id),
    }
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Plan>, StoreError> {
    db.fetch_optional(
        sql(format!("SELECT {PLAN_COLUMNS} FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1"))
            .bind(id),
    )
    .await
}

/// Deletes a plan with everything under it: its goals, actions and their milestones,
/// indicators with their targets and values, workshops with their ideas and votes, and public
/// links (the tables cascade). The audit keeps the plan's title.
pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM plans WHERE id = $1").bind(id))
        .await?;
    let changes = [Change {
        field: "title".into(),
        old: Some(old.title),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "delete",
        subject("plan", id, old.organisation_id),
        &changes,
    )
    .await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Plan>, StoreError> {
    tx.fetch_optional(
        sql(format!("SELECT {PLAN_COLUMNS} FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1"))
            .bind(id),
    )
    .await
}

/// Every plan, newest period first.
pub async fn list(db: &Db) -> Result<Vec<Plan>, StoreError> {
    db.fetch_all(sql(format!(
        "SELECT {PLAN_COLUMNS} FROM plans p JOIN organisations o ON o.id = p.organisation_id \
         ORDER BY p.last_year DESC, p.title, p.id"
    )))
    .await
}

/// A perspective a goal serves, with its name in each language.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Perspective {
    pub key: String,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
}

impl Perspective {
    pub fn name(&self, lang: vaski_domain::Language) -> &str {
        match lang {
            vaski_domain::Language::Fi => &self.name_fi,
            vaski_domain::Language::Sv => &self.name_sv,
            vaski_domain::Language::En => &self.name_en,
        }
    }
}

pub async fn perspectives(db: &Db) -> Result<Vec<Perspective>, StoreError> {
    db.fetch_all(sql(
        "SELECT key, name_fi, name_sv, name_en FROM perspectives ORDER BY position, key",
    ))
    .await
}

/// Adds or renames a perspective (the admin's list). The audit entry names the key and the
/// names before and after.
pub async fn save_perspective(
    tx: &mut Tx,
    p: &Perspective,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old: Option<Perspective> = tx
        .fetch_optional(
            sql("SELECT key, name_fi, name_sv, name_en FROM perspectives WHERE key = $1")
                .bind(&p.key),
        )
        .await?;
    if old.is_some() {
        tx.execute(
            sql("UPDATE perspectives SET name_fi = $1, name_sv = $2, name_en = $3 WHERE key = $4")
                .bind(&p.name_fi)
                .bind(&p.name_sv)
                .bind(&p.name_en)
                .bind(&p.key),
        )
        .await?;
    } else {
        tx.execute(
            sql("INSERT INTO perspectives (key, name_fi, name_sv, name_en, position) \
                 VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM perspectives))")
            .bind(&p.key)
            .bind(&p.name_fi)
            .bind(&p.name_sv)
            .bind(&p.name_en),
        )
        .await?;
    }
    let fields = |x: &Perspective| {
        [
            ("key", Some(x.key.clone())),
            ("name_fi", Some(x.name_fi.clone())),
            ("name_sv", Some(x.name_sv.clone())),
            ("name_en", Some(x.name_en.clone())),
        ]
    };
    let old_fields = old.as_ref().map(|o| fields(o).to_vec()).unwrap_or_default();
    let changes = audit::diff(&old_fields, &fields(p));
    if changes.is_empty() {
        return Ok(());
    }
    let s = Subject {
        entity: "perspective",
        entity_id: None,
        organisation_id: None,
    };
    audit::record(
        tx,
        actor,
        if old.is_none() { "create" } else { "update" },
        s,
        &changes,
    )
    .await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Goal {
    pub id: i64,
    pub plan_id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub description: Option<String>,
    pub perspective: Option<String>,
    pub owner_user_id: Option<i64>,
    pub owner_name: Option<String>,
    pub position: i64,
}

const GOAL_COLUMNS: &str = "g.id, g.plan_id, g.parent_id, g.title, g.description, g.perspective, \
     g.owner_user_id, u.name AS owner_name, g.position";

/// One goal.
pub async fn goal(db: &Db, id: i64) -> Result<Option<Goal>, StoreError> {
    db.fetch_optional(
        sql(format!(
            "SELECT {GOAL_COLUMNS} FROM goals g LEFT JOIN users u ON u.id = g.owner_user_id WHERE g.id = $1"
        ))
        .bind(id),
    )
    .await
}

/// The plan's goals, parents before their children, each level in its order.
pub async fn goals(db: &Db, plan_id: i64) -> Result<Vec<Goal>, StoreError> {
    let all: Vec<Goal> = db
        .fetch_all(
            sql(format!(
                "SELECT {GOAL_COLUMNS} FROM goals g LEFT JOIN users u ON u.id = g.owner_user_id \
                 WHERE g.plan_id = $1 ORDER BY g.position, g.id"
            ))
            .bind(plan_id),
        )
        .await?;
    Ok(in_tree_order(all))
}

/// Orders goals depth first: each goal followed by its subgoals.
pub fn in_tree_order(all: Vec<Goal>) -> Vec<Goal> {
    fn visit(parent: Option<i64>, all: &[Goal], out: &mut Vec<Goal>, depth: usize) {
        if depth > goal_rules::MAX_DEPTH {
            return;
        }
        for g in all.iter().filter(|g| g.parent_id == parent) {
            out.push(g.clone());
            visit(Some(g.id), all, out, depth + 1);
        }
    }
    let mut out = Vec::with_capacity(all.len());
    visit(None, &all, &mut out, 1);
    out
}

/// How deep a goal lies (a main goal is 1), following its parents.
pub async fn depth_in(tx: &mut Tx, goal_id: i64) -> Result<usize, StoreError> {
    let mut depth = 0;
    let mut current = Some(goal_id);
    while let Some(id) = current {
        depth += 1;
        if depth > goal_rules::MAX_DEPTH + 1 {
            return Err(StoreError::Corrupt(format!("goal {goal_id} lies too deep")));
        }
        let row: Option<(Option<i64>,)> = tx
            .fetch_optional(sql("SELECT parent_id FROM goals WHERE id = $1").bind(id))
            .await?;
        current = row.ok_or(StoreError::NotFound)?.0;
    }
    Ok(depth)
}

async fn check_goal_links(
    tx: &mut Tx,
    plan_id: i64,
    d: &GoalDraft,
    this: Option<i64>,
) -> Result<(), StoreError> {
    if let Some(parent) = d.parent_id {
        let row: Option<(i64,)> = tx
            .fetch_optional(sql("SELECT plan_id FROM goals WHERE id = $1").bind(parent))
            .await?;
        if row.map(|(p,)| p) != Some(plan_id) || Some(parent) == this {
            return Err(StoreError::Invalid {
                field: "parent_id",
                key: "error-goal-parent",
            });
        }
        let parent_depth = depth_in(tx, parent).await?;
        goal_rules::check_depth(Some(parent_depth)).map_err(|e| StoreError::Invalid {
            field: "parent_id",
            key: e.key,
        })?;
        if let Some(id) = this {
            // A goal that has subgoals cannot itself go down a level past the limit, nor under one of its own.
            let (children,): (i64,) = tx
                .fetch_one(sql("SELECT COUNT(*) FROM goals WHERE parent_id = $1").bind(id))
                .await?;
            if children > 0 && parent_depth + 2 > goal_rules::MAX_DEPTH {
                return Err(StoreError::Invalid {
                    field: "parent_id",
                    key: "error-goal-too-deep",
                });
            }
            let mut up = Some(parent);
            while let Some(p) = up {
                if p == id {
                    return Err(StoreError::Invalid {
                        field: "parent_id",
                        key: "error-goal-parent",
                    });
                }
                let row: Option<(Option<i64>,)> = tx
                    .fetch_optional(sql("SELECT parent_id FROM goals WHERE id = $1").bind(p))
                    .await?;
                up = row.and_then(|(p,)| p);
            }
        }
    }
    if let Some(key) = &d.perspective {
        let row: Option<(String,)> = tx
            .fetch_optional(sql("SELECT key FROM perspectives WHERE key = $1").bind(key))
            .await?;
        if row.is_none() {
            return Err(StoreError::Invalid {
                field: "perspective",
                key: "error-perspective",
            });
        }
    }
    if let Some(owner) = d.owner_user_id {
        let row: Option<(String,)> = tx
            .fetch_optional(sql("SELECT role FROM users WHERE id = $1 AND active AND role IN ('admin', 'staff')").bind(owner))
            .await?;
        if row.is_none() {
            return Err(StoreError::Invalid {
                field: "owner_user_id",
                key: "error-goal-owner",
            });
        }
    }
    Ok(())
}

pub async fn create_goal(
    tx: &mut Tx,
    plan_id: i64,
    d: &GoalDraft,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let plan = get_in(tx, plan_id).await?.ok_or(StoreError::NotFound)?;
    check_goal_links(tx, plan_id, d, None).await?;
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO goals (plan_id, parent_id, title, description, perspective, owner_user_id, position, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(position), 0) + 1 FROM goals WHERE plan_id = $1), $7, $7) RETURNING id")
            .bind(plan_id)
            .bind(d.parent_id)
            .bind(&d.title)
            .bind(d.description.as_deref())
            .bind(d.perspective.as_deref())
            .bind(d.owner_user_id)
            .bind(now),
        )
        .await?;
    let changes = audit::diff(&[], &goal_fields(d));
    audit::record(
        tx,
        actor,
        "create",
        subject("goal", id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

pub async fn update_goal(
    tx: &mut Tx,
    id: i64,
    d: &GoalDraft,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old: Goal = tx
        .fetch_optional(sql(format!("SELECT {GOAL_COLUMNS} FROM goals g LEFT JOIN users u ON u.id = g.owner_user_id WHERE g.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let plan = get_in(tx, old.plan_id).await?.ok_or(StoreError::NotFound)?;
    check_goal_links(tx, old.plan_id, d, Some(id)).await?;
    tx.execute(
        sql("UPDATE goals SET parent_id = $1, title = $2, description = $3, perspective = $4, owner_user_id = $5, updated_at = $6 WHERE id = $7")
            .bind(d.parent_id)
            .bind(&d.title)
            .bind(d.description.as_deref())
            .bind(d.perspective.as_deref())
            .bind(d.owner_user_id)
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let old_fields = [
        ("title", Some(old.title)),
        ("description", old.description),
        ("perspective", old.perspective),
        ("parent_id", old.parent_id.map(|p| p.to_string())),
        ("owner_user_id", old.owner_user_id.map(|p| p.to_string())),
    ];
    let changes = audit::diff(&old_fields, &goal_fields(d));
    if !changes.is_empty() {
        audit::record(
            tx,
            actor,
            "update",
            subject("goal", id, plan.organisation_id),
            &changes,
        )
        .await?;
    }
    Ok(())
}

fn goal_fields(d: &GoalDraft) -> [(&'static str, Option<String>); 5] {
    [
        ("title", Some(d.title.clone())),
        ("description", d.description.clone()),
        ("perspective", d.perspective.clone()),
        ("parent_id", d.parent_id.map(|p| p.to_string())),
        ("owner_user_id", d.owner_user_id.map(|p| p.to_string())),
    ]
}

/// Deletes a goal with its subgoals; refused while actions are filed under it or its subgoals.
/// The links of indicators to the goals go with them (the indicators stay). Each goal removed
/// gets its own audit entry, naming the indicators it was linked to.
pub async fn delete_goal(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let (plan_id,): (i64,) = tx
        .fetch_optional(sql("SELECT plan_id FROM goals WHERE id = $1").bind(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let (actions,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM actions WHERE goal_id = $1 OR goal_id IN (SELECT id FROM goals WHERE parent_id = $1) \
                 OR goal_id IN (SELECT id FROM goals WHERE parent_id IN (SELECT id FROM goals WHERE parent_id = $1))")
            .bind(id),
        )
        .await?;
    if actions > 0 {
        return Err(StoreError::Invalid {
            field: "goal",
            key: "error-goal-has-actions",
        });
    }
    let plan = get_in(tx, plan_id).await?.ok_or(StoreError::NotFound)?;
    let removed: Vec<(i64, String)> = tx
        .fetch_all(
            sql(
                "SELECT id, title FROM goals WHERE id = $1 OR parent_id = $1 \
                 OR parent_id IN (SELECT id FROM goals WHERE parent_id = $1) ORDER BY id",
            )
            .bind(id),
        )
        .await?;
    for (goal_id, title) in &removed {
        let linked: Vec<(String,)> = tx
            .fetch_all(
                sql("SELECT i.key FROM goal_indicators l JOIN indicators i ON i.id = l.indicator_id \
                     WHERE l.goal_id = $1 ORDER BY i.key")
                .bind(*goal_id),
            )
            .await?;
        let mut changes = vec![Change {
            field: "title".into(),
            old: Some(title.clone()),
            new: None,
        }];
        if !linked.is_empty() {
            changes.push(Change {
                field: "indicators".into(),
                old: Some(
                    linked
                        .into_iter()
                        .map(|(k,)| k)
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                new: None,
            });
        }
        audit::record(
            tx,
            actor,
            "delete",
            subject("goal", *goal_id, plan.organisation_id),
            &changes,
        )
        .await?;
    }
    tx.execute(sql("DELETE FROM goals WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

/// Marks an organisation as one of the institution's own (or not): computed indicators count
/// the other organisations as partners.
pub async fn mark_home(
    tx: &mut Tx,
    organisation_id: i64,
    home: bool,
    actor: &Actor,
) -> Result<(), StoreError> {
    set_flag(tx, organisation_id, Flag::Home, home, actor).await
}

/// Marks a partner confidential (or not): a public link never names it.
pub async fn mark_confidential(
    tx: &mut Tx,
    organisation_id: i64,
    confidential: bool,
    actor: &Actor,
) -> Result<(), StoreError> {
    set_flag(tx, organisation_id, Flag::Confidential, confidential, actor).await
}

#[derive(Clone, Copy)]
enum Flag {
    Home,
    Confidential,
}

/// Sets one of an organisation's Suunta flags; a change is audited with the old value, and
/// setting the value it already has records nothing.
async fn set_flag(
    tx: &mut Tx,
    organisation_id: i64,
    flag: Flag,
    value: bool,
    actor: &Actor,
) -> Result<(), StoreError> {
    let column = match flag {
        Flag::Home => "home",
        Flag::Confidential => "confidential",
    };
    let (old,): (bool,) = tx
        .fetch_optional(
            sql(format!("SELECT {column} FROM organisations WHERE id = $1")).bind(organisation_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    if old == value {
        return Ok(());
    }
    tx.execute(
        sql(format!(
            "UPDATE organisations SET {column} = $1 WHERE id = $2"
        ))
        .bind(value)
        .bind(organisation_id),
    )
    .await?;
    let changes = [Change {
        field: column.into(),
        old: Some(old.to_string()),
        new: Some(value.to_string()),
    }];
    let s = Subject {
        entity: "organisation",
        entity_id: Some(organisation_id),
        organisation_id: Some(organisation_id),
    };
    audit::record(tx, actor, "update", s, &changes).await
}

/// An organisation's Suunta flags: `(home, confidential)`.
pub async fn organisation_flags(
    db: &Db,
    organisation_id: i64,
) -> Result<Option<(bool, bool)>, StoreError> {
    db.fetch_optional(
        sql("SELECT home, confidential FROM organisations WHERE id = $1").bind(organisation_id),
    )
    .await
}

/// The organisations a plan can belong to: the home organisations first, then the vocational
/// institutions, universities and research institutes of the network.
pub async fn institutions(db: &Db) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(sql(
        "SELECT id, name FROM organisations WHERE home OR kind IN ('vocational_institution', 'university', 'research_institute') \
         ORDER BY home DESC, name, id",
    ))
    .await
}
