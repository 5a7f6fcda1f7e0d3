//! Agreements with partners: validity, parties, renewal reminders and documents.

use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use crate::in_list;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::agreement::AgreementDraft;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Agreement {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub title: String,
    pub kind: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub reminder_days: i64,
    pub reminder_on: Option<Date>,
    pub document_url: Option<String>,
    pub document_id: Option<i64>,
    pub notes: Option<String>,
}

/// An uploaded document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Document {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

const SELECT: &str = "SELECT a.id, a.organisation_id, o.name AS organisation_name, a.title, a.kind, a.valid_from, a.valid_to, \
    a.reminder_days, a.reminder_on, a.document_url, a.document_id, a.notes FROM agreements a \
    JOIN organisations o ON o.id = a.organisation_id";

fn snapshot(d: &AgreementDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(d.title.clone())),
        ("kind", Some(d.kind.code().to_string())),
        ("valid_from", Some(d.valid_from.to_string())),
        ("valid_to", d.valid_to.map(|v| v.to_string())),
        ("reminder_days", Some(d.reminder_days.to_string())),
        ("document_url", d.document_url.clone()),
        ("notes", d.notes.clone()),
    ]
}

fn stored_snapshot(a: &Agreement) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(a.title.clone())),
        ("kind", Some(a.kind.clone())),
        ("valid_from", Some(a.valid_from.to_string())),
        ("valid_to", a.valid_to.map(|v| v.to_string())),
        ("reminder_days", Some(a.reminder_days.to_string())),
        ("document_url", a.document_url.clone()),
        ("notes", a.notes.clone()),
    ]
}

/// Stores an uploaded document and returns its id.
pub async fn store_document(
    tx: &mut Tx,
    file_name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO documents (file_name, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(file_name)
                .bind(content_type)
                .bind(bytes)
                .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    Ok(id)
}

pub async fn document(db: &Db, id: i64) -> Result<Option<Document>, StoreError> {
    db.fetch_optional(
        sql("SELECT id, file_name, content_type, bytes FROM documents WHERE id = $1").bind(id),
    )
    .await
}

pub async fn create(
    tx: &mut Tx,
    organisation_id: i64,
    d: &AgreementDraft,
    document_id: Option<i64>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO agreements (organisation_id, title, kind, valid_from, valid_to, reminder_days, reminder_on, \
                 document_url, document_id, notes, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")
            .bind(organisation_id)
            .bind(&d.title)
            .bind(d.kind.code())
            .bind(d.valid_from)
            .bind(d.valid_to)
            .bind(d.reminder_days)
            .bind(d.reminder_on())
            .bind(d.document_url.as_deref())
            .bind(document_id)
            .bind(d.notes.as_deref())
            .bind(now),
        )
        .await?;
    write_parties(tx, id, organisation_id, &d.other_parties).await?;
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "agreement",
            entity_id: Some(id),
            organisation_id: Some(organisation_id),
        },
        &diff(&[], &snapshot(d)),
    )
    .await?;
    Ok(id)
}

async fn write_parties(
    tx: &mut Tx,
    id: i64,
    organisation_id: i64,
    others: &[i64],
) -> Result<(), StoreError> {
    tx.execute(sql("DELETE FROM agreement_parties WHERE agreement_id = $1").bind(id))
        .await?;
    let mut parties = vec![organisation_id];
    parties.extend(others.iter().copied().filter(|o| *o != organisation_id));
    parties.dedup();
    for party in parties {
        tx.execute(
            sql("INSERT INTO agreement_parties (agreement_id, organisation_id) VALUES ($1, $2)")
                .bind(id)
                .bind(party),
        )
        .await?;
    }
    Ok(())
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &AgreementDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old: Agreement = tx
        .fetch_optional(sql(format!("{SELECT} WHERE a.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let changes = diff(&stored_snapshot(&old), &snapshot(d));
    write_parties(tx, id, old.organisation_id, &d.other_parties).await?;
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        sql("UPDATE agreements SET title = $1, kind = $2, valid_from = $3, valid_to = $4, reminder_days = $5, reminder_on = $6, \
             document_url = $7, notes = $8, updated_at = $9 WHERE id = $10")
        .bind(&d.title)
        .bind(d.kind.code())
        .bind(d.valid_from)
        .bind(d.valid_to)
        .bind(d.reminder_days)
        .bind(d.reminder_on())
        .bind(d.document_url.as_deref())
        .bind(d.notes.as_deref())
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "agreement",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &changes,
    )
    .await?;
    Ok(true)
}

/// Attaches a newly uploaded document to an agreement, replacing the one it had.
pub async fn set_document(
    tx: &mut Tx,
    id: i64,
    document_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old: Agreement = tx
        .fetch_optional(sql(format!("{SELECT} WHERE a.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("UPDATE agreements SET document_id = $1 WHERE id = $2")
            .bind(document_id)
            .bind(id),
    )
    .await?;
    let change = audit::Change {
        field: "document".into(),
        old: old.document_id.map(|d| d.to_string()),
        new: Some(document_id.to_string()),
    };
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "agreement",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &[change],
    )
    .await
}

pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old: Agreement = tx
        .fetch_optional(sql(format!("{SELECT} WHERE a.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM agreements WHERE id = $1").bind(id))
        .await?;
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
            entity: "agreement",
            entity_id: Some(id),
            organisation_id: Some(old.organisation_id),
        },
        &changes,
    )
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Agreement>, StoreError> {
    db.fetch_optional(sql(format!("{SELECT} WHERE a.id = $1")).bind(id))
        .await
}

/// The organisations party to an agreement, the filing organisation first.
pub async fn parties(db: &Db, id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(
        sql("SELECT o.id, o.name FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id \
             JOIN agreements a ON a.id = p.agreement_id WHERE p.agreement_id = $1 \
             ORDER BY CASE WHEN o.id = a.organisation_id THEN 0 ELSE 1 END, o.name")
        .bind(id),
    )
    .await
}

/// Agreements an organisation is party to.
pub async fn of_organisation(db: &Db, organisation_id: i64) -> Result<Vec<Agreement>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{SELECT} WHERE a.id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = $1) ORDER BY a.valid_to IS NULL, a.valid_to, a.id"
        ))
        .bind(organisation_id),
    )
    .await
}

/// Agreements whose renewal reminder is due by `today` and that have not yet ended, soonest end
/// first; `only` narrows to some organisations (a partner's own).
pub async fn expiring(
    db: &Db,
    today: Date,
    within_days: i64,
    only: Option<&[i64]>,
) -> Result<Vec<Agreement>, StoreError> {
    let mut q = sql(format!(
        "{SELECT} WHERE a.valid_to >= $1 AND a.valid_to <= $2"
    ));
    q = q
        .bind(today)
        .bind(today + time::Duration::days(within_days));
    if let Some(ids) = only {
        let list = in_list(&mut q, ids.iter().copied());
        q.push_sql(&format!(" AND a.organisation_id IN ({list})"));
    }
    q.push_sql(" ORDER BY a.valid_to, a.id");
    db.fetch_all(q).await
}

/// Agreements whose own renewal reminder has fallen due and that have not ended.
pub async fn reminders_due(db: &Db, today: Date) -> Result<Vec<Agreement>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{SELECT} WHERE a.reminder_on <= $1 AND a.valid_to >= $1 ORDER BY a.valid_to, a.id"
        ))
        .bind(today),
    )
    .await
}

/// A page of agreements, optionally of one organisation.
pub async fn list(
    db: &Db,
    organisation_id: Option<i64>,
    page: crate::Page,
) -> Result<Vec<Agreement>, StoreError> {
    let mut q = sql(SELECT);
    if let Some(org) = organisation_id {
        let p = q.push_arg(org);
        q.push_sql(&format!(" WHERE a.id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = {p})"));
    }
    let limit = q.push_arg(page.limit);
    let offset = q.push_arg(page.offset);
    q.push_sql(&format!(
        " ORDER BY a.valid_to IS NULL, a.valid_to, a.id LIMIT {limit} OFFSET {offset}"
    ));
    db.fetch_all(q).await
}
