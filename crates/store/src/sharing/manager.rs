//! Resource managers (vastuuhenkilöt): the people who look after a resource. They are told of
//! its bookings together with the owner organisation's users, since the institution's staff
//! usually belong to no organisation. A manager is an active admin or staff user, or a partner
//! user of the resource's owner; viewers only read and never manage.

use crate::audit::{self, Actor, Subject};
use crate::db::{sql, Db, Query, Tx};
use crate::error::StoreError;
use crate::in_list;
use serde::Serialize;
use std::collections::BTreeMap;

/// A manager as the pages show one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Manager {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

fn managers_query(resource_id: i64) -> Query {
    sql(
        "SELECT u.id AS user_id, u.name, u.email FROM resource_managers m \
         JOIN users u ON u.id = m.user_id WHERE m.resource_id = $1 ORDER BY u.name, u.id",
    )
    .bind(resource_id)
}

/// The managers of a resource, by name.
pub async fn managers(db: &Db, resource_id: i64) -> Result<Vec<Manager>, StoreError> {
    db.fetch_all(managers_query(resource_id)).await
}

/// [`managers`] inside a transaction.
pub async fn managers_in(tx: &mut Tx, resource_id: i64) -> Result<Vec<Manager>, StoreError> {
    tx.fetch_all(managers_query(resource_id)).await
}

/// The managers' user ids of each of the resources, for a list of resources; a resource
/// without managers is absent.
pub async fn manager_ids_of(
    db: &Db,
    resource_ids: &[i64],
) -> Result<BTreeMap<i64, Vec<i64>>, StoreError> {
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    if resource_ids.is_empty() {
        return Ok(out);
    }
    let mut q = sql("");
    let ids = in_list(&mut q, resource_ids.iter().copied());
    q.push_sql(&format!(
        "SELECT resource_id, user_id FROM resource_managers WHERE resource_id IN ({ids}) \
         ORDER BY resource_id, user_id"
    ));
    let rows: Vec<(i64, i64)> = db.fetch_all(q).await?;
    for (resource, user) in rows {
        out.entry(resource).or_default().push(user);
    }
    Ok(out)
}

/// Whether the user is one of the resource's managers.
pub async fn is_manager(db: &Db, resource_id: i64, user_id: i64) -> Result<bool, StoreError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT user_id FROM resource_managers WHERE resource_id = $1 AND user_id = $2")
                .bind(resource_id)
                .bind(user_id),
        )
        .await?;
    Ok(row.is_some())
}

/// Replaces the managers of a resource with `user_ids` (duplicates count once), as one audited
/// change; answers whether anything changed. A user who may not manage the resource (unknown,
/// inactive, a viewer, or a partner of another organisation) is refused with
/// `error-manager-not-eligible` and nothing is written.
pub async fn set_managers(
    tx: &mut Tx,
    resource_id: i64,
    user_ids: &[i64],
    actor: &Actor,
) -> Result<bool, StoreError> {
    let (owner,): (i64,) = tx
        .fetch_optional(
            sql("SELECT owner_organisation_id FROM resources WHERE id = $1").bind(resource_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut wanted: Vec<i64> = user_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    check_eligible(tx, owner, &wanted).await?;
    let old: Vec<i64> = {
        let mut ids: Vec<i64> = managers_in(tx, resource_id)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        ids.sort_unstable();
        ids
    };
    if old == wanted {
        return Ok(false);
    }
    tx.execute(sql("DELETE FROM resource_managers WHERE resource_id = $1").bind(resource_id))
        .await?;
    for user_id in &wanted {
        tx.execute(
            sql("INSERT INTO resource_managers (resource_id, user_id) VALUES ($1, $2)")
                .bind(resource_id)
                .bind(*user_id),
        )
        .await?;
    }
    let text = |ids: &[i64]| {
        Some(
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let changes = [audit::Change {
        field: "managers".into(),
        old: text(&old),
        new: text(&wanted),
    }];
    let subject = Subject {
        entity: "resource",
        entity_id: Some(resource_id),
        organisation_id: Some(owner),
    };
    audit::record(tx, actor, "update", subject, &changes).await?;
    Ok(true)
}

/// Adds one manager (the creator of a new resource), keeping the others.
pub async fn add_manager(
    tx: &mut Tx,
    resource_id: i64,
    user_id: i64,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let mut ids: Vec<i64> = managers_in(tx, resource_id)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    ids.push(user_id);
    set_managers(tx, resource_id, &ids, actor).await
}

/// Refuses any of `user_ids` that may not manage a resource of `owner`.
async fn check_eligible(tx: &mut Tx, owner: i64, user_ids: &[i64]) -> Result<(), StoreError> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let mut q = sql("");
    let owner_arg = q.push_arg(owner);
    let ids = in_list(&mut q, user_ids.iter().copied());
    q.push_sql(&format!(
        "SELECT COUNT(*) FROM users WHERE id IN ({ids}) AND active = TRUE \
         AND (role IN ('admin', 'staff') OR (role = 'partner' AND organisation_id = {owner_arg}))"
    ));
    let (n,): (i64,) = tx.fetch_one(q).await?;
    if usize::try_from(n).ok() == Some(user_ids.len()) {
        Ok(())
    } else {
        Err(StoreError::Invalid {
            field: "managers",
            key: "error-manager-not-eligible",
        })
    }
}

/// The users who may be chosen as managers on the resource form: the active admin and staff
/// users, by name.
pub async fn candidates(db: &Db) -> Result<Vec<Manager>, StoreError> {
    db.fetch_all(sql(
        "SELECT id AS user_id, name, email FROM users \
         WHERE role IN ('admin', 'staff') AND active = TRUE ORDER BY name, id",
    ))
    .await
}
