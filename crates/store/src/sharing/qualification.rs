//! Qualifications and inductions ("CNC lathe safety induction") that an owner's staff grant to
//! people, and that a resource can require of whoever uses it.

use crate::audit::{self, Actor, Change, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Qualification {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Grant {
    pub id: i64,
    pub qualification_id: i64,
    pub qualification_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub granted_on: Date,
    pub valid_until: Option<Date>,
}

/// A new qualification of the organisation; a name taken in that organisation is a conflict.
pub async fn create(
    tx: &mut Tx,
    organisation_id: i64,
    name: &str,
    description: Option<&str>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql(
                "INSERT INTO qualifications (organisation_id, name, description, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(organisation_id)
            .bind(name)
            .bind(description)
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [Change {
        field: "name".into(),
        old: None,
        new: Some(name.to_string()),
    }];
    let subject = Subject {
        entity: "qualification",
        entity_id: Some(id),
        organisation_id: Some(organisation_id),
    };
    audit::record(tx, actor, "create", subject, &changes).await?;
    Ok(id)
}

pub async fn of_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<Qualification>, StoreError> {
    db.fetch_all(
        sql(
            "SELECT id, organisation_id, name, description FROM qualifications \
             WHERE organisation_id = $1 ORDER BY name",
        )
        .bind(organisation_id),
    )
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Qualification>, StoreError> {
    db.fetch_optional(
        sql("SELECT id, organisation_id, name, description FROM qualifications WHERE id = $1")
            .bind(id),
    )
    .await
}

/// Grants the qualification to a person from `granted_on`, valid until the end of
/// `valid_until` (or for good).
pub async fn grant(
    tx: &mut Tx,
    qualification_id: i64,
    person_id: i64,
    granted_on: Date,
    valid_until: Option<Date>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let (organisation_id,): (i64,) = tx
        .fetch_optional(
            sql("SELECT organisation_id FROM qualifications WHERE id = $1").bind(qualification_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO qualification_grants (qualification_id, person_id, granted_on, valid_until, granted_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(qualification_id)
            .bind(person_id)
            .bind(granted_on)
            .bind(valid_until)
            .bind(actor.user_id)
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [
        Change {
            field: "person_id".into(),
            old: None,
            new: Some(person_id.to_string()),
        },
        Change {
            field: "valid_until".into(),
            old: None,
            new: valid_until.map(|d| d.to_string()),
        },
    ];
    let subject = Subject {
        entity: "qualification_grant",
        entity_id: Some(id),
        organisation_id: Some(organisation_id),
    };
    audit::record(tx, actor, "create", subject, &changes).await?;
    Ok(id)
}

/// The grants of one qualification, latest first.
pub async fn grants(db: &Db, qualification_id: i64) -> Result<Vec<Grant>, StoreError> {
    db.fetch_all(
        sql("SELECT g.id, g.qualification_id, q.name AS qualification_name, g.person_id, p.name AS person_name, \
             g.granted_on, g.valid_until FROM qualification_grants g \
             JOIN qualifications q ON q.id = g.qualification_id JOIN people p ON p.id = g.person_id \
             WHERE g.qualification_id = $1 ORDER BY g.granted_on DESC, g.id")
        .bind(qualification_id),
    )
    .await
}
