//! Joint projects (hankkeet) and the organisations taking part in them; the network map draws
//! a link between every two members of a project.

use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::{Date, OffsetDateTime};

/// A project as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Project {
    pub id: i64,
    pub name: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

/// A new project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDraft {
    pub name: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

fn snapshot(d: &ProjectDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(d.name.clone())),
        ("starts_on", d.starts_on.map(|s| s.to_string())),
        ("ends_on", d.ends_on.map(|e| e.to_string())),
    ]
}

/// Creates a project without members.
pub async fn create(tx: &mut Tx, d: &ProjectDraft, actor: &Actor) -> Result<i64, StoreError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO projects (name, starts_on, ends_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(&d.name)
                .bind(d.starts_on)
                .bind(d.ends_on)
                .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "project",
            entity_id: Some(id),
            organisation_id: None,
        },
        &diff(&[], &snapshot(d)),
    )
    .await?;
    Ok(id)
}

/// Adds an organisation to a project; adding a member twice changes nothing. The audit entry is
/// filed under the organisation, so that its history shows the project.
pub async fn add_member(
    tx: &mut Tx,
    project_id: i64,
    organisation_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT project_id FROM project_members WHERE project_id = $1 AND organisation_id = $2")
                .bind(project_id)
                .bind(organisation_id),
        )
        .await?;
    if existing.is_some() {
        return Ok(());
    }
    tx.execute(
        sql("INSERT INTO project_members (project_id, organisation_id) VALUES ($1, $2)")
            .bind(project_id)
            .bind(organisation_id),
    )
    .await?;
    let change = audit::Change {
        field: "project".into(),
        old: None,
        new: Some(project_id.to_string()),
    };
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "project_member",
            entity_id: Some(project_id),
            organisation_id: Some(organisation_id),
        },
        &[change],
    )
    .await
}

const SELECT: &str = "SELECT p.id, p.name, p.starts_on, p.ends_on FROM projects p";

pub async fn get(db: &Db, id: i64) -> Result<Option<Project>, StoreError> {
    db.fetch_optional(sql(format!("{SELECT} WHERE p.id = $1")).bind(id))
        .await
}

/// Every project, the newest start first.
pub async fn list(db: &Db) -> Result<Vec<Project>, StoreError> {
    db.fetch_all(sql(format!(
        "{SELECT} ORDER BY p.starts_on IS NULL, p.starts_on DESC, p.name, p.id"
    )))
    .await
}

/// The projects an organisation takes part in.
pub async fn of_organisation(db: &Db, organisation_id: i64) -> Result<Vec<Project>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{SELECT} WHERE p.id IN (SELECT project_id FROM project_members WHERE organisation_id = $1) \
             ORDER BY p.starts_on IS NULL, p.starts_on DESC, p.name, p.id"
        ))
        .bind(organisation_id),
    )
    .await
}

/// The member organisations of a project, by name.
pub async fn members(db: &Db, project_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(
        sql("SELECT o.id, o.name FROM project_members m JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.project_id = $1 ORDER BY o.normalised_name, o.id")
        .bind(project_id),
    )
    .await
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    let (n,): (i64,) = db.fetch_one(sql("SELECT COUNT(*) FROM projects")).await?;
    Ok(n)
}
