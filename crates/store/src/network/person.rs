//! Contact people and their dated roles at organisations (a person can move between them).

use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::person::PersonDraft;
use vaski_domain::network::search;

/// A contact person.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lawful_basis: Option<String>,
}

/// A person's role at an organisation, from `start_on` until `end_on` (open when `None`).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Role {
    pub id: i64,
    pub person_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub person_name: String,
    pub role_title: Option<String>,
    pub start_on: Option<Date>,
    pub end_on: Option<Date>,
}

pub(crate) fn snapshot(d: &PersonDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(d.name.clone())),
        ("title", d.title.clone()),
        ("email", d.email.as_ref().map(|e| e.to_string())),
        ("phone", d.phone.clone()),
        ("lawful_basis", d.lawful_basis.clone()),
    ]
}

fn person_snapshot(p: &Person) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(p.name.clone())),
        ("title", p.title.clone()),
        ("email", p.email.clone()),
        ("phone", p.phone.clone()),
        ("lawful_basis", p.lawful_basis.clone()),
    ]
}

pub(crate) fn search_text(d: &PersonDraft) -> String {
    let mut fields = vec![d.name.as_str()];
    if let Some(t) = &d.title {
        fields.push(t);
    }
    if let Some(e) = &d.email {
        fields.push(e.as_str());
    }
    search::index_text(fields)
}

/// Creates a person with a role at an organisation starting today.
pub async fn create(
    tx: &mut Tx,
    d: &PersonDraft,
    organisation_id: i64,
    start_on: Option<Date>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO people (name, title, email, phone, lawful_basis, search_text, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id")
            .bind(&d.name)
            .bind(d.title.as_deref())
            .bind(d.email.as_ref().map(|e| e.as_str()))
            .bind(d.phone.as_deref())
            .bind(d.lawful_basis.as_deref())
            .bind(search_text(d))
            .bind(now),
        )
        .await?;
    tx.execute(
        sql("INSERT INTO person_roles (person_id, organisation_id, role_title, start_on) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(organisation_id)
            .bind(d.title.as_deref())
            .bind(start_on),
    )
    .await?;
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "person",
            entity_id: Some(id),
            organisation_id: Some(organisation_id),
        },
        &diff(&[], &snapshot(d)),
    )
    .await?;
    Ok(id)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &PersonDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old: Person = tx
        .fetch_optional(
            sql("SELECT id, name, title, email, phone, lawful_basis FROM people WHERE id = $1")
                .bind(id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let changes = diff(&person_snapshot(&old), &snapshot(d));
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        sql("UPDATE people SET name = $1, title = $2, email = $3, phone = $4, lawful_basis = $5, search_text = $6, updated_at = $7 WHERE id = $8")
            .bind(&d.name)
            .bind(d.title.as_deref())
            .bind(d.email.as_ref().map(|e| e.as_str()))
            .bind(d.phone.as_deref())
            .bind(d.lawful_basis.as_deref())
            .bind(search_text(d))
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let org: Option<(i64,)> = tx
        .fetch_optional(sql("SELECT organisation_id FROM person_roles WHERE person_id = $1 ORDER BY end_on IS NULL DESC, id DESC LIMIT 1").bind(id))
        .await?;
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "person",
            entity_id: Some(id),
            organisation_id: org.map(|(o,)| o),
        },
        &changes,
    )
    .await?;
    Ok(true)
}

pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old: Person = tx
        .fetch_optional(
            sql("SELECT id, name, title, email, phone, lawful_basis FROM people WHERE id = $1")
                .bind(id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let org: Option<(i64,)> = tx.fetch_optional(sql("SELECT organisation_id FROM person_roles WHERE person_id = $1 ORDER BY id DESC LIMIT 1").bind(id)).await?;
    tx.execute(sql("DELETE FROM people WHERE id = $1").bind(id))
        .await?;
    let changes: Vec<_> = person_snapshot(&old)
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
            entity: "person",
            entity_id: Some(id),
            organisation_id: org.map(|(o,)| o),
        },
        &changes,
    )
    .await?;
    Ok(())
}

/// Ends the person's current role at one organisation and starts one at another.
pub async fn move_to(
    tx: &mut Tx,
    person_id: i64,
    organisation_id: i64,
    role_title: Option<&str>,
    on: Date,
    actor: &Actor,
) -> Result<(), StoreError> {
    tx.execute(
        sql("UPDATE person_roles SET end_on = $1 WHERE person_id = $2 AND end_on IS NULL")
            .bind(on)
            .bind(person_id),
    )
    .await?;
    tx.execute(
        sql("INSERT INTO person_roles (person_id, organisation_id, role_title, start_on) VALUES ($1, $2, $3, $4)")
            .bind(person_id)
            .bind(organisation_id)
            .bind(role_title)
            .bind(on),
    )
    .await?;
    let change = audit::Change {
        field: "organisation".into(),
        old: None,
        new: Some(organisation_id.to_string()),
    };
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "person",
            entity_id: Some(person_id),
            organisation_id: Some(organisation_id),
        },
        &[change],
    )
    .await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Person>, StoreError> {
    db.fetch_optional(
        sql("SELECT id, name, title, email, phone, lawful_basis FROM people WHERE id = $1")
            .bind(id),
    )
    .await
}

const ROLE_SELECT: &str = "SELECT r.id, r.person_id, r.organisation_id, o.name AS organisation_name, p.name AS person_name, \
    r.role_title, r.start_on, r.end_on FROM person_roles r JOIN organisations o ON o.id = r.organisation_id \
    JOIN people p ON p.id = r.person_id";

/// The roles of a person, current first.
pub async fn roles_of_person(db: &Db, person_id: i64) -> Result<Vec<Role>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{ROLE_SELECT} WHERE r.person_id = $1 ORDER BY r.end_on IS NULL DESC, r.start_on DESC"
        ))
        .bind(person_id),
    )
    .await
}

/// The people of an organisation (current and former), current first.
pub async fn roles_at(db: &Db, organisation_id: i64) -> Result<Vec<Role>, StoreError> {
    db.fetch_all(
        sql(format!(
            "{ROLE_SELECT} WHERE r.organisation_id = $1 ORDER BY r.end_on IS NULL DESC, p.name"
        ))
        .bind(organisation_id),
    )
    .await
}

/// The organisations a person currently belongs to (for access checks).
pub async fn current_organisations(db: &Db, person_id: i64) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT organisation_id FROM person_roles WHERE person_id = $1").bind(person_id),
        )
        .await?;
    Ok(rows.into_iter().map(|(o,)| o).collect())
}

/// People of an organisation with a given email, for import: the same contact is not added twice.
pub async fn find_at(
    tx: &mut Tx,
    organisation_id: i64,
    name: &str,
    email: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT p.id FROM people p JOIN person_roles r ON r.person_id = p.id WHERE r.organisation_id = $1 \
                 AND (p.email = $2 OR ($2 IS NULL AND p.name = $3)) LIMIT 1")
            .bind(organisation_id)
            .bind(email)
            .bind(name),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// A page of people, optionally only those of some organisations.
pub async fn list(
    db: &Db,
    q: Option<&str>,
    only_organisation: Option<i64>,
    page: crate::Page,
) -> Result<Vec<Person>, StoreError> {
    let mut query =
        sql("SELECT p.id, p.name, p.title, p.email, p.phone, p.lawful_basis FROM people p");
    let mut conditions = Vec::new();
    if let Some(text) = q {
        conditions.extend(crate::search_conditions(&mut query, "p.search_text", text));
    }
    if let Some(org) = only_organisation {
        let p = query.push_arg(org);
        conditions.push(format!("EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.organisation_id = {p})"));
    }
    if !conditions.is_empty() {
        query.push_sql(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    let limit = query.push_arg(page.limit);
    let offset = query.push_arg(page.offset);
    query.push_sql(&format!(
        " ORDER BY p.name, p.id LIMIT {limit} OFFSET {offset}"
    ));
    db.fetch_all(query).await
}
