//! The audit trail: who created, changed, deleted or imported what, when, with old and new
//! values. Written in the same transaction as the change it records.

use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Who makes a change: a user, or a command-line run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
}

impl Actor {
    pub fn user(id: i64, label: impl Into<String>) -> Actor {
        Actor {
            user_id: Some(id),
            label: label.into(),
        }
    }

    pub fn system(label: impl Into<String>) -> Actor {
        Actor {
            user_id: None,
            label: label.into(),
        }
    }
}

/// One field's change; `old` is `None` for a new record, `new` is `None` for a deleted one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Compares two snapshots of `(field, value)` pairs and lists the fields that differ.
pub fn diff(old: &[(&str, Option<String>)], new: &[(&str, Option<String>)]) -> Vec<Change> {
    let mut changes = Vec::new();
    for (field, new_value) in new {
        let old_value = old
            .iter()
            .find(|(f, _)| f == field)
            .and_then(|(_, v)| v.clone());
        if old_value != *new_value {
            changes.push(Change {
                field: (*field).to_string(),
                old: old_value,
                new: new_value.clone(),
            });
        }
    }
    changes
}

/// What an audit entry is about.
pub struct Subject<'a> {
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    /// The organisation whose history shows the entry.
    pub organisation_id: Option<i64>,
}

/// The head of every insert into the audit trail, for statements that write entries with
/// other rows (the bookings' `WITH … INSERT`).
pub(crate) const INSERT_INTO: &str =
    "INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, organisation_id, changes)";

pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    subject: Subject<'_>,
    changes: &[Change],
) -> Result<(), StoreError> {
    let changes = serde_json::to_string(changes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        sql(format!(
            "{INSERT_INTO} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        ))
        .bind(OffsetDateTime::now_utc())
        .bind(actor.user_id)
        .bind(&actor.label)
        .bind(action)
        .bind(subject.entity)
        .bind(subject.entity_id)
        .bind(subject.organisation_id)
        .bind(changes),
    )
    .await?;
    Ok(())
}

/// An entry for [`record_all`]: what [`record`] takes, with the moment the change was made.
pub struct NewEntry<'a> {
    pub at: OffsetDateTime,
    pub actor: Actor,
    pub action: &'a str,
    pub subject: Subject<'a>,
    pub changes: Vec<Change>,
}

/// Rows per statement of [`record_all`]: eight values a row, under SQLite's limit of 32 766
/// bound values.
const ROWS_PER_INSERT: usize = 1000;

/// Writes many entries with one statement per thousand, for a batch that makes thousands of
/// records at once (the demo's year of bookings) and would take long one entry at a time.
pub async fn record_all(tx: &mut Tx, entries: &[NewEntry<'_>]) -> Result<(), StoreError> {
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        let mut q = sql(format!("{INSERT_INTO} VALUES "));
        for (k, e) in chunk.iter().enumerate() {
            let changes = serde_json::to_string(&e.changes)
                .map_err(|err| StoreError::Corrupt(err.to_string()))?;
            let places = [
                q.push_arg(e.at),
                q.push_arg(e.actor.user_id),
                q.push_arg(e.actor.label.as_str()),
                q.push_arg(e.action),
                q.push_arg(e.subject.entity),
                q.push_arg(e.subject.entity_id),
                q.push_arg(e.subject.organisation_id),
                q.push_arg(changes),
            ];
            if k > 0 {
                q.push_sql(", ");
            }
            q.push_sql(&format!("({})", places.join(", ")));
        }
        tx.execute(q).await?;
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct EntryRow {
    id: i64,
    at: OffsetDateTime,
    actor: String,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    changes: String,
}

/// An entry of an organisation's history.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub changes: Vec<Change>,
}

/// The history of an organisation and everything filed under it, newest first.
pub async fn organisation_history(
    db: &Db,
    organisation_id: i64,
    limit: i64,
) -> Result<Vec<Entry>, StoreError> {
    let rows: Vec<EntryRow> = db
        .fetch_all(
            sql(
                "SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log \
                 WHERE organisation_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
            )
            .bind(organisation_id)
            .bind(limit),
        )
        .await?;
    rows.into_iter().map(entry_from_row).collect()
}

/// The newest entries of the whole deployment, for an administrator.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Entry>, StoreError> {
    let rows: Vec<EntryRow> = db
        .fetch_all(
            sql("SELECT id, at, actor, action, entity, entity_id, changes FROM audit_log ORDER BY id DESC LIMIT $1")
                .bind(limit),
        )
        .await?;
    rows.into_iter().map(entry_from_row).collect()
}

fn entry_from_row(r: EntryRow) -> Result<Entry, StoreError> {
    let changes =
        serde_json::from_str(&r.changes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(Entry {
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        changes,
    })
}
