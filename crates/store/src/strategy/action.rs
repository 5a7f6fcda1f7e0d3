//! The action plan: actions with their owners, partners and milestones (askelmerkit).

use super::plan::{self, subject};
use crate::audit::{self, Actor, Change};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use crate::in_list;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::strategy::action::{
    shown_status, ActionDraft, ActionStatus, MilestoneDates, MilestoneDraft, ShownStatus,
};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub plan_id: i64,
    pub goal_id: i64,
    pub idea_id: Option<i64>,
    pub title: String,
    pub description: Option<String>,
    pub status: String,
    pub priority: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub budget_cents: Option<i64>,
}

/// An action with its people, partners and milestones, and the status to show.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    #[serde(flatten)]
    pub row: ActionRow,
    pub owners: Vec<Owner>,
    pub partners: Vec<Partner>,
    pub milestones: Vec<Milestone>,
    pub shown_status: ShownStatus,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Owner {
    pub action_id: i64,
    pub user_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Partner {
    pub action_id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub confidential: bool,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Milestone {
    pub id: i64,
    pub action_id: i64,
    pub title: String,
    pub due_on: Date,
    pub done_on: Option<Date>,
}

impl Milestone {
    pub fn dates(&self) -> MilestoneDates {
        MilestoneDates {
            due_on: self.due_on,
            done_on: self.done_on,
        }
    }
}

/// Who and what an action involves, chosen from lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub goal_id: i64,
    pub owners: Vec<i64>,
    pub partners: Vec<i64>,
    pub idea_id: Option<i64>,
}

const COLUMNS: &str =
    "a.id, a.plan_id, a.goal_id, a.idea_id, a.title, a.description, a.status, a.priority, \
     a.starts_on, a.ends_on, a.budget_cents";

async fn check_links(tx: &mut Tx, plan_id: i64, links: &Links) -> Result<(), StoreError> {
    let goal: Option<(i64,)> = tx
        .fetch_optional(sql("SELECT plan_id FROM goals WHERE id = $1").bind(links.goal_id))
        .await?;
    if goal.map(|(p,)| p) != Some(plan_id) {
        return Err(StoreError::Invalid {
            field: "goal_id",
            key: "error-action-goal",
        });
    }
    if !links.owners.is_empty() {
        let mut q = sql("");
        let list = in_list(&mut q, links.owners.iter().copied());
        q.push_sql(&format!("SELECT COUNT(*) FROM users WHERE id IN ({list}) AND active AND role IN ('admin', 'staff')"));
        let (found,): (i64,) = tx.fetch_one(q).await?;
        if found != distinct(&links.owners) {
            return Err(StoreError::Invalid {
                field: "owners",
                key: "error-action-owner",
            });
        }
    }
    if !links.partners.is_empty() {
        let mut q = sql("");
        let list = in_list(&mut q, links.partners.iter().copied());
        q.push_sql(&format!(
            "SELECT COUNT(*) FROM organisations WHERE id IN ({list})"
        ));
        let (found,): (i64,) = tx.fetch_one(q).await?;
        if found != distinct(&links.partners) {
            return Err(StoreError::Invalid {
                field: "partners",
                key: "error-action-partner",
            });
        }
    }
    if let Some(idea) = links.idea_id {
        let row: Option<(i64,)> = tx
            .fetch_optional(sql("SELECT w.plan_id FROM ideas i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = $1").bind(idea))
            .await?;
        if row.map(|(p,)| p) != Some(plan_id) {
            return Err(StoreError::Invalid {
                field: "idea_id",
                key: "error-action-idea",
            });
        }
    }
    Ok(())
}

fn distinct(ids: &[i64]) -> i64 {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    i64::try_from(v.len()).unwrap_or(i64::MAX)
}

async fn write_people(tx: &mut Tx, id: i64, links: &Links) -> Result<(), StoreError> {
    tx.execute(sql("DELETE FROM action_owners WHERE action_id = $1").bind(id))
        .await?;
    tx.execute(sql("DELETE FROM action_partners WHERE action_id = $1").bind(id))
        .await?;
    let mut owners = links.owners.clone();
    owners.sort_unstable();
    owners.dedup();
    for u in owners {
        tx.execute(
            sql("INSERT INTO action_owners (action_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(u),
        )
        .await?;
    }
    let mut partners = links.partners.clone();
    partners.sort_unstable();
    partners.dedup();
    for o in partners {
        tx.execute(
            sql("INSERT INTO action_partners (action_id, organisation_id) VALUES ($1, $2)")
                .bind(id)
                .bind(o),
        )
        .await?;
    }
    Ok(())
}

fn fields(d: &ActionDraft, links: &Links) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(d.title.clone())),
        ("description", d.description.clone()),
        ("status", Some(d.status.code().to_string())),
        ("priority", Some(d.priority.code().to_string())),
        ("starts_on", Some(d.starts_on.to_string())),
        ("ends_on", Some(d.ends_on.to_string())),
        ("budget_cents", d.budget_cents.map(|c| c.to_string())),
        ("goal_id", Some(links.goal_id.to_string())),
        ("owners", Some(join(&links.owners))),
        ("partners", Some(join(&links.partners))),
        ("idea_id", links.idea_id.map(|i| i.to_string())),
    ]
}

fn join(ids: &[i64]) -> String {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Adds an action under a goal of the plan. Its dates were checked against the plan's years
/// by the domain; its milestones come after.
pub async fn create(
    tx: &mut Tx,
    plan_id: i64,
    d: &ActionDraft,
    links: &Links,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let plan = plan::get_in(tx, plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_links(tx, plan_id, links).await?;
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO actions (plan_id, goal_id, idea_id, title, description, status, priority, starts_on, ends_on, \
                 budget_cents, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")
            .bind(plan_id)
            .bind(links.goal_id)
            .bind(links.idea_id)
            .bind(&d.title)
            .bind(d.description.as_deref())
            .bind(d.status.code())
            .bind(d.priority.code())
            .bind(d.starts_on)
            .bind(d.ends_on)
            .bind(d.budget_cents)
            .bind(now),
        )
        .await?;
    write_people(tx, id, links).await?;
    let changes = audit::diff(&[], &fields(d, links));
    audit::record(
        tx,
        actor,
        "create",
        subject("action", id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Changes an action; refused when one of its milestones would fall outside its new dates.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &ActionDraft,
    links: &Links,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, old.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    check_links(tx, old.row.plan_id, links).await?;
    if old
        .milestones
        .iter()
        .any(|m| m.due_on < d.starts_on || m.due_on > d.ends_on)
    {
        return Err(StoreError::Invalid {
            field: "ends_on",
            key: "error-action-dates-exclude-milestones",
        });
    }
    tx.execute(
        sql("UPDATE actions SET goal_id = $1, idea_id = $2, title = $3, description = $4, status = $5, priority = $6, \
             starts_on = $7, ends_on = $8, budget_cents = $9, updated_at = $10 WHERE id = $11")
        .bind(links.goal_id)
        .bind(links.idea_id)
        .bind(&d.title)
        .bind(d.description.as_deref())
        .bind(d.status.code())
        .bind(d.priority.code())
        .bind(d.starts_on)
        .bind(d.ends_on)
        .bind(d.budget_cents)
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    write_people(tx, id, links).await?;
    let old_links = Links {
        goal_id: old.row.goal_id,
        owners: old.owners.iter().map(|o| o.user_id).collect(),
        partners: old.partners.iter().map(|p| p.organisation_id).collect(),
        idea_id: old.row.idea_id,
    };
    let old_fields = vec![
        ("title", Some(old.row.title.clone())),
        ("description", old.row.description.clone()),
        ("status", Some(old.row.status.clone())),
        ("priority", Some(old.row.priority.clone())),
        ("starts_on", Some(old.row.starts_on.to_string())),
        ("ends_on", Some(old.row.ends_on.to_string())),
        ("budget_cents", old.row.budget_cents.map(|c| c.to_string())),
        ("goal_id", Some(old_links.goal_id.to_string())),
        ("owners", Some(join(&old_links.owners))),
        ("partners", Some(join(&old_links.partners))),
        ("idea_id", old_links.idea_id.map(|i| i.to_string())),
    ];
    let changes = audit::diff(&old_fields, &fields(d, links));
    if !changes.is_empty() {
        audit::record(
            tx,
            actor,
            "update",
            subject("action", id, plan.organisation_id),
            &changes,
        )
        .await?;
    }
    Ok(())
}

/// Sets only the status (the owner's quick update).
pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: ActionStatus,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, old.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("UPDATE actions SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let changes = [Change {
        field: "status".into(),
        old: Some(old.row.status),
        new: Some(status.code().into()),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject("action", id, plan.organisation_id),
        &changes,
    )
    .await
}

pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, old.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM actions WHERE id = $1").bind(id))
        .await?;
    let changes = [Change {
        field: "title".into(),
        old: Some(old.row.title),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "delete",
        subject("action", id, plan.organisation_id),
        &changes,
    )
    .await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Action>, StoreError> {
    let row: Option<ActionRow> = tx
        .fetch_optional(sql(format!("SELECT {COLUMNS} FROM actions a WHERE a.id = $1")).bind(id))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let owners = tx
        .fetch_all(sql("SELECT o.action_id, o.user_id, u.name FROM action_owners o JOIN users u ON u.id = o.user_id WHERE o.action_id = $1 ORDER BY u.name").bind(id))
        .await?;
    let partners = tx
        .fetch_all(sql("SELECT p.action_id, p.organisation_id, o.name, o.confidential FROM action_partners p \
                        JOIN organisations o ON o.id = p.organisation_id WHERE p.action_id = $1 ORDER BY o.name").bind(id))
        .await?;
    let milestones = tx
        .fetch_all(sql("SELECT id, action_id, title, due_on, done_on FROM milestones WHERE action_id = $1 ORDER BY due_on, id").bind(id))
        .await?;
    Ok(Some(
        assemble(vec![row], owners, partners, milestones, today()).remove(0),
    ))
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Action>, StoreError> {
    let mut tx = db.begin().await?;
    let a = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

/// Today in Helsinki, the day "late" is judged on.
pub fn today() -> Date {
    let now = jiff::Timestamp::now()
        .to_zoned(vaski_domain::sharing::zone::helsinki().clone())
        .date();
    crate::sharing::resource::store_date(now).unwrap_or(OffsetDateTime::now_utc().date())
}

/// The plan's actions in goal order, each with its people and milestones.
pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Action>, StoreError> {
    let rows: Vec<ActionRow> = db
        .fetch_all(
            sql(format!(
            "SELECT {COLUMNS} FROM actions a JOIN goals g ON g.id = a.goal_id WHERE a.plan_id = $1 \
             ORDER BY g.position, a.starts_on, a.id"
        ))
            .bind(plan_id),
        )
        .await?;
    let owners = db
        .fetch_all(sql("SELECT o.action_id, o.user_id, u.name FROM action_owners o JOIN users u ON u.id = o.user_id \
                        JOIN actions a ON a.id = o.action_id WHERE a.plan_id = $1 ORDER BY u.name").bind(plan_id))
        .await?;
    let partners = db
        .fetch_all(sql("SELECT p.action_id, p.organisation_id, o.name, o.confidential FROM action_partners p \
                        JOIN organisations o ON o.id = p.organisation_id JOIN actions a ON a.id = p.action_id \
                        WHERE a.plan_id = $1 ORDER BY o.name").bind(plan_id))
        .await?;
    let milestones = db
        .fetch_all(sql("SELECT m.id, m.action_id, m.title, m.due_on, m.done_on FROM milestones m \
                        JOIN actions a ON a.id = m.action_id WHERE a.plan_id = $1 ORDER BY m.due_on, m.id").bind(plan_id))
        .await?;
    Ok(assemble(rows, owners, partners, milestones, today()))
}

/// The actions a user owns, in every plan, with their milestones.
pub async fn of_owner(db: &Db, user_id: i64) -> Result<Vec<Action>, StoreError> {
    let rows: Vec<ActionRow> = db
        .fetch_all(sql(format!(
            "SELECT {COLUMNS} FROM actions a JOIN action_owners o ON o.action_id = a.id WHERE o.user_id = $1 \
             ORDER BY a.ends_on, a.id"
        )).bind(user_id))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!("SELECT o.action_id, o.user_id, u.name FROM action_owners o JOIN users u ON u.id = o.user_id WHERE o.action_id IN ({list}) ORDER BY u.name"));
    let owners = db.fetch_all(q).await?;
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!("SELECT p.action_id, p.organisation_id, o.name, o.confidential FROM action_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.action_id IN ({list}) ORDER BY o.name"));
    let partners = db.fetch_all(q).await?;
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!("SELECT id, action_id, title, due_on, done_on FROM milestones WHERE action_id IN ({list}) ORDER BY due_on, id"));
    let milestones = db.fetch_all(q).await?;
    Ok(assemble(rows, owners, partners, milestones, today()))
}

fn assemble(
    rows: Vec<ActionRow>,
    owners: Vec<Owner>,
    partners: Vec<Partner>,
    milestones: Vec<Milestone>,
    today: Date,
) -> Vec<Action> {
    rows.into_iter()
        .map(|row| {
            let milestones: Vec<Milestone> = milestones
                .iter()
                .filter(|m| m.action_id == row.id)
                .cloned()
                .collect();
            let dates: Vec<MilestoneDates> = milestones.iter().map(Milestone::dates).collect();
            let set = ActionStatus::parse(&row.status).unwrap_or(ActionStatus::Planned);
            Action {
                shown_status: shown_status(set, row.ends_on, &dates, today),
                owners: owners
                    .iter()
                    .filter(|o| o.action_id == row.id)
                    .cloned()
                    .collect(),
                partners: partners
                    .iter()
                    .filter(|p| p.action_id == row.id)
                    .cloned()
                    .collect(),
                milestones,
                row,
            }
        })
        .collect()
}

/// Adds a milestone to an action; its date must lie within the action's (checked by the
/// domain against the dates read here, in the same transaction).
pub async fn add_milestone(
    tx: &mut Tx,
    action_id: i64,
    input: &vaski_domain::strategy::action::MilestoneInput,
    actor: &Actor,
) -> Result<Result<i64, vaski_domain::network::organisation::FieldErrors>, StoreError> {
    let action = get_in(tx, action_id).await?.ok_or(StoreError::NotFound)?;
    let d = match input.validate(action.row.starts_on, action.row.ends_on) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let plan = plan::get_in(tx, action.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO milestones (action_id, title, due_on, done_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                .bind(action_id)
                .bind(&d.title)
                .bind(d.due_on)
                .bind(d.done_on)
                .bind(now),
        )
        .await?;
    let changes = audit::diff(&[], &milestone_fields(&d));
    audit::record(
        tx,
        actor,
        "create",
        subject("milestone", id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(Ok(id))
}

fn milestone_fields(d: &MilestoneDraft) -> [(&'static str, Option<String>); 3] {
    [
        ("title", Some(d.title.clone())),
        ("due_on", Some(d.due_on.to_string())),
        ("done_on", d.done_on.map(|x| x.to_string())),
    ]
}

pub async fn milestone_in(tx: &mut Tx, id: i64) -> Result<Option<Milestone>, StoreError> {
    tx.fetch_optional(
        sql("SELECT id, action_id, title, due_on, done_on FROM milestones WHERE id = $1").bind(id),
    )
    .await
}

/// Changes a milestone, checked against its action's dates like a new one.
pub async fn update_milestone(
    tx: &mut Tx,
    id: i64,
    input: &vaski_domain::strategy::action::MilestoneInput,
    actor: &Actor,
) -> Result<Result<(), vaski_domain::network::organisation::FieldErrors>, StoreError> {
    let old = milestone_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let action = get_in(tx, old.action_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let d = match input.validate(action.row.starts_on, action.row.ends_on) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let plan = plan::get_in(tx, action.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("UPDATE milestones SET title = $1, due_on = $2, done_on = $3, updated_at = $4 WHERE id = $5")
            .bind(&d.title)
            .bind(d.due_on)
            .bind(d.done_on)
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let old_fields = [
        ("title", Some(old.title)),
        ("due_on", Some(old.due_on.to_string())),
        ("done_on", old.done_on.map(|x| x.to_string())),
    ];
    let changes = audit::diff(&old_fields, &milestone_fields(&d));
    if !changes.is_empty() {
        audit::record(
            tx,
            actor,
            "update",
            subject("milestone", id, plan.organisation_id),
            &changes,
        )
        .await?;
    }
    Ok(Ok(()))
}

/// Marks a milestone done on a day, or not done (`None`).
pub async fn set_milestone_done(
    tx: &mut Tx,
    id: i64,
    done_on: Option<Date>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = milestone_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let input = vaski_domain::strategy::action::MilestoneInput {
        title: old.title.clone(),
        due_on: old.due_on.to_string(),
        done_on: done_on.map(|d| d.to_string()).unwrap_or_default(),
    };
    update_milestone(tx, id, &input, actor)
        .await?
        .map_err(|_| StoreError::Invalid {
            field: "done_on",
            key: "error-date",
        })
}

pub async fn delete_milestone(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = milestone_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let action = get_in(tx, old.action_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let plan = plan::get_in(tx, action.row.plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM milestones WHERE id = $1").bind(id))
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
        subject("milestone", id, plan.organisation_id),
        &changes,
    )
    .await
}

/// The milestones not yet done of the actions a user owns, due on or before `until`, earliest
/// first: "my milestones due".
pub async fn milestones_due(
    db: &Db,
    user_id: i64,
    until: Date,
) -> Result<Vec<Milestone>, StoreError> {
    db.fetch_all(
        sql(
            "SELECT m.id, m.action_id, m.title, m.due_on, m.done_on FROM milestones m \
             JOIN action_owners o ON o.action_id = m.action_id \
             WHERE o.user_id = $1 AND m.done_on IS NULL AND m.due_on <= $2 ORDER BY m.due_on, m.id",
        )
        .bind(user_id)
        .bind(until),
    )
    .await
}
