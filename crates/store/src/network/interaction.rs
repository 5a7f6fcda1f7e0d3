//! Interactions with partners (visits, calls, meetings, ...) and their follow-ups.

use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use crate::network::organisation;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::interaction::InteractionDraft;
use vaski_domain::network::search;

/// An interaction as stored, with the names a timeline shows.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Interaction {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub kind: String,
    pub occurred_on: Date,
    pub our_participants: Option<String>,
    pub their_participants: Option<String>,
    pub notes: Option<String>,
    pub follow_up_on: Option<Date>,
    pub follow_up_assignee: Option<i64>,
    pub follow_up_assignee_name: Option<String>,
    pub follow_up_done: bool,
    pub created_by_name: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.kind, i.occurred_on, i.our_participants, \
    i.their_participants, i.notes, i.follow_up_on, i.follow_up_assignee, a.name AS follow_up_assignee_name, i.follow_up_done, \
    c.name AS created_by_name FROM interactions i JOIN organisations o ON o.id = i.organisation_id \
    LEFT JOIN users a ON a.id = i.follow_up_assignee LEFT JOIN users c ON c.id = i.created_by";

fn snapshot(d: &InteractionDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(d.kind.code().to_string())),
        ("date", Some(d.date.to_string())),
        ("our_participants", d.our_participants.clone()),
        ("their_participants", d.their_participants.clone()),
        ("notes", d.notes.clone()),
        ("follow_up_on", d.follow_up_on.map(|f| f.to_string())),
        (
            "follow_up_assignee",
            d.follow_up_assignee.map(|a| a.to_string()),
        ),
    ]
}

fn stored_snapshot(i: &Interaction) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(i.kind.clone())),
        ("date", Some(i.occurred_on.to_string())),
        ("our_participants", i.our_participants.clone()),
        ("their_participants", i.their_participants.clone()),
        ("notes", i.notes.clone()),
        ("follow_up_on", i.follow_up_on.map(|f| f.to_string())),
        (
            "follow_up_assignee",
            i.follow_up_assignee.map(|a| a.to_string()),
        ),
    ]
}

fn search_text(d: &InteractionDraft) -> String {
    let fields = [
        d.our_participants.as_deref(),
        d.their_participants.as_deref(),
        d.notes.as_deref(),
    ];
    search::index_text(fields.into_iter().flatten())
}

pub async fn create(
    tx: &mut Tx,
    organisation_id: i64,
    d: &InteractionDraft,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO interactions (organisation_id, kind, occurred_on, our_participants, their_participants, notes, \
                 follow_up_on, follow_up_assignee, follow_up_done, created_by, search_text, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $10, $11) RETURNING id")
            .bind(organisation_id)
            .bind(d.kind.code())
            .bind(d.date)
            .bind(d.our_participants.as_deref())
            .bind(d.their_participants.as_deref())
            .bind(d.notes.as_deref())
            .bind(d.follow_up_on)
            .bind(d.follow_up_assignee)
            .bind(actor.user_id)
            .bind(search_text(d))
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    organisation::refresh_last_interaction(tx, organisation_id).await?;
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "interaction",
            entity_id: Some(id),
            organisation_id: Some(organisation_id),
        },
        &diff(&[], &snapshot(d)),
    )
    .await?;
    Ok(id)
}

async fn get_in(tx: &mut Tx, id: i64) -> Result<Interaction, StoreError> {
    tx.fetch_optional(sql(format!("{SELECT} WHERE i.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &InteractionDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = get_in(tx, id).await?;
    let changes = diff(&stored_snapshot(&old), &snapshot(d));
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        sql("UPDATE interactions SET kind = $1, occurred_on = $2, our_participants = $3, their_participants = $4, notes = $5, \
             follow_up_on = $6, follow_up_assignee = $7, search_text = $8 WHERE id = $9")
        .bind(d.kind.code())
        .bind(d.date)
        .bind(d.our_participants.as_deref())
        .bind(d.their_participants.as_deref())
        .bind(d.notes.as_deref())
        .bind(d.follow_up_on)
        .bind(d.follow_up_assignee)
        .bind(search_text(d))
        .bind(id),
    )
    .await?;
    organisation::refresh_last_interaction(tx, old.organisation_id).await?;
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "interaction",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &changes,
    )
    .await?;
    Ok(true)
}

pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?;
    tx.execute(sql("DELETE FROM interactions WHERE id = $1").bind(id))
        .await?;
    organisation::refresh_last_interaction(tx, old.organisation_id).await?;
    let changes: Vec<_> = stored_snapshot(&old)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| audit::Change {
            field: f.to_string(),
            old: v,
            new: None,
        })
        .collect();
    audit::record(
        tx,
        actor,
        "delete",
        Subject {
            entity: "interaction",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &changes,
    )
    .await
}

/// Marks a follow-up done.
pub async fn complete_follow_up(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?;
    tx.execute(sql("UPDATE interactions SET follow_up_done = TRUE WHERE id = $1").bind(id))
        .await?;
    let change = audit::Change {
        field: "follow_up_done".into(),
        old: Some("false".into()),
        new: Some("true".into()),
    };
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "interaction",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &[change],
    )
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Interaction>, StoreError> {
    db.fetch_optional(sql(format!("{SELECT} WHERE i.id = $1")).bind(id))
        .await
}

/// An organisation's timeline, newest first.
pub async fn timeline(
    db: &Db,
    organisation_id: i64,
    limit: i64,
) -> Result<Vec<Interaction>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{SELECT} WHERE i.organisation_id = $1 ORDER BY i.occurred_on DESC, i.id DESC LIMIT $2"
        ))
        .bind(organisation_id)
        .bind(limit),
    )
    .await
}

/// Open follow-ups assigned to a user that fall due on or before `until`, oldest first.
pub async fn follow_ups_due(
    db: &Db,
    user_id: i64,
    until: Date,
) -> Result<Vec<Interaction>, StoreError> {
    db.fetch_all(
        sql(format!("{SELECT} WHERE i.follow_up_assignee = $1 AND i.follow_up_done = FALSE AND i.follow_up_on <= $2 ORDER BY i.follow_up_on, i.id"))
            .bind(user_id)
            .bind(until),
    )
    .await
}

/// A page of interactions, optionally searched and limited to one organisation.
pub async fn list(
    db: &Db,
    q: Option<&str>,
    organisation_id: Option<i64>,
    page: crate::Page,
) -> Result<Vec<Interaction>, StoreError> {
    let mut query = sql(SELECT);
    let mut conditions = Vec::new();
    if let Some(text) = q {
        conditions.extend(crate::search_conditions(&mut query, "i.search_text", text));
    }
    if let Some(org) = organisation_id {
        let p = query.push_arg(org);
        conditions.push(format!("i.organisation_id = {p}"));
    }
    if !conditions.is_empty() {
        query.push_sql(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    let limit = query.push_arg(page.limit);
    let offset = query.push_arg(page.offset);
    query.push_sql(&format!(
        " ORDER BY i.occurred_on DESC, i.id DESC LIMIT {limit} OFFSET {offset}"
    ));
    db.fetch_all(query).await
}
