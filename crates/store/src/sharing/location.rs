//! Locations (sijainnit) of an organisation: the sites its resources are at and whose opening
//! hours they can follow (see [`super::hours`]). Created with
//! [`super::resource::create_location`]; listed, changed and deleted here, with their weekly
//! opening hours and dated exceptions. A location that resources are at is never
//! deleted: the database would quietly take the resources away from it, so the store refuses
//! and names them.

use super::resource::{self, DatedException, WeeklyRange};
use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Query, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::sharing::location::LocationDraft;

/// A stored location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Location {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
}

impl Location {
    fn snapshot(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.clone())),
            ("address", self.address.clone()),
            ("municipality", self.municipality_code.clone()),
        ]
    }
}

fn draft_snapshot(d: &LocationDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(d.name.clone())),
        ("address", d.address.clone()),
        ("municipality", d.municipality_code().map(str::to_string)),
    ]
}

/// What [`delete`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    /// Refused: these resources (id, name) are at the location.
    InUse(Vec<(i64, String)>),
}

const COLUMNS: &str = "SELECT id, organisation_id, name, address, municipality_code FROM locations";

fn one(id: i64) -> Query {
    sql(format!("{COLUMNS} WHERE id = $1")).bind(id)
}

/// The organisation's locations by name.
pub async fn of_organisation(db: &Db, organisation_id: i64) -> Result<Vec<Location>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{COLUMNS} WHERE organisation_id = $1 ORDER BY name, id"
        ))
        .bind(organisation_id),
    )
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Location>, StoreError> {
    db.fetch_optional(one(id)).await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Location>, StoreError> {
    tx.fetch_optional(one(id)).await
}

/// Stores a new location of the organisation; answers its id.
pub async fn create(
    tx: &mut Tx,
    organisation_id: i64,
    d: &LocationDraft,
    actor: &Actor,
) -> Result<i64, StoreError> {
    resource::create_location(
        tx,
        organisation_id,
        &d.name,
        d.address.as_deref(),
        d.municipality_code(),
        actor,
    )
    .await
}

fn subject(l: &Location) -> Subject<'static> {
    Subject {
        entity: "location",
        entity_id: Some(l.id),
        organisation_id: Some(l.organisation_id),
    }
}

/// Changes a location; answers whether anything changed.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &LocationDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let changes = diff(&old.snapshot(), &draft_snapshot(d));
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        sql("UPDATE locations SET name = $1, address = $2, municipality_code = $3, updated_at = $4 \
             WHERE id = $5")
        .bind(d.name.as_str())
        .bind(d.address.clone())
        .bind(d.municipality_code().map(str::to_string))
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    audit::record(tx, actor, "update", subject(&old), &changes).await?;
    Ok(true)
}

fn resources_query(id: i64) -> Query {
    sql("SELECT id, name FROM resources WHERE location_id = $1 ORDER BY name, id").bind(id)
}

/// The resources (id, name) at the location.
pub async fn resources_at(db: &Db, id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(resources_query(id)).await
}

/// Deletes a location with its opening hours, unless resources are at it.
pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<Deletion, StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let users: Vec<(i64, String)> = tx.fetch_all(resources_query(id)).await?;
    if !users.is_empty() {
        return Ok(Deletion::InUse(users));
    }
    tx.execute(sql("DELETE FROM locations WHERE id = $1").bind(id))
        .await?;
    let changes: Vec<audit::Change> = old
        .snapshot()
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(field, v)| audit::Change {
            field: field.to_string(),
            old: v,
            new: None,
        })
        .collect();
    audit::record(tx, actor, "delete", subject(&old), &changes).await?;
    Ok(Deletion::Deleted)
}

/// The location's weekly hours, by weekday and opening time.
pub async fn weekly_hours(db: &Db, id: i64) -> Result<Vec<WeeklyRange>, StoreError> {
    db.fetch_all(super::hours::holder_weekly_query(
        super::hours::Holder::Location(id),
    ))
    .await
}

pub async fn weekly_hours_in(tx: &mut Tx, id: i64) -> Result<Vec<WeeklyRange>, StoreError> {
    tx.fetch_all(super::hours::holder_weekly_query(
        super::hours::Holder::Location(id),
    ))
    .await
}

/// Replaces the location's weekly hours, audited with the hours before and after; answers
/// whether anything changed.
pub async fn set_weekly_hours(
    tx: &mut Tx,
    id: i64,
    ranges: &[WeeklyRange],
    actor: &Actor,
) -> Result<bool, StoreError> {
    let l = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let old = weekly_hours_in(tx, id).await?;
    let mut wanted = ranges.to_vec();
    wanted.sort_by_key(|r| (r.weekday, r.opens_minute));
    if old == wanted {
        return Ok(false);
    }
    super::hours::write_weekly(tx, super::hours::Holder::Location(id), &wanted).await?;
    tx.execute(
        sql("UPDATE locations SET updated_at = $1 WHERE id = $2")
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let changes = [audit::Change {
        field: "opening_hours".into(),
        old: Some(resource::weekly_text(&old)),
        new: Some(resource::weekly_text(&wanted)),
    }];
    audit::record(tx, actor, "update", subject(&l), &changes).await?;
    Ok(true)
}

/// The location's dated exceptions (closed days and special hours), by date.
pub async fn exceptions(db: &Db, id: i64) -> Result<Vec<DatedException>, StoreError> {
    db.fetch_all(super::hours::holder_exceptions_query(
        super::hours::Holder::Location(id),
    ))
    .await
}

pub async fn exceptions_in(tx: &mut Tx, id: i64) -> Result<Vec<DatedException>, StoreError> {
    tx.fetch_all(super::hours::holder_exceptions_query(
        super::hours::Holder::Location(id),
    ))
    .await
}

/// Replaces the location's dated exceptions with `exceptions` (a form or an API document lists
/// them all), audited with the exceptions before and after; answers whether anything changed.
pub async fn replace_exceptions(
    tx: &mut Tx,
    id: i64,
    exceptions: &[DatedException],
    actor: &Actor,
) -> Result<bool, StoreError> {
    let l = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let old = exceptions_in(tx, id).await?;
    let mut wanted = exceptions.to_vec();
    wanted.sort_by_key(|e| (e.on_date, e.opens_minute));
    if old == wanted {
        return Ok(false);
    }
    super::hours::write_exceptions(tx, super::hours::Holder::Location(id), &wanted).await?;
    tx.execute(
        sql("UPDATE locations SET updated_at = $1 WHERE id = $2")
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let changes = [audit::Change {
        field: "opening_exceptions".into(),
        old: Some(resource::exceptions_text(&old)),
        new: Some(resource::exceptions_text(&wanted)),
    }];
    audit::record(tx, actor, "update", subject(&l), &changes).await?;
    Ok(true)
}
