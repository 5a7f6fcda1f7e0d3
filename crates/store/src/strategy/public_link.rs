//! Public read-only links to a plan's roadmap and scorecard. The store keeps only the token's
//! hash; the web layer makes the token and shows it once.

use super::plan::{self, subject};
use crate::audit::{self, Actor, Change};
use crate::db::{sql, Db, Tx};
use crate::error::StoreError;
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PublicLink {
    pub id: i64,
    pub plan_id: i64,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

pub async fn create(
    tx: &mut Tx,
    plan_id: i64,
    token_hash: &str,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let plan = plan::get_in(tx, plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO public_links (plan_id, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(plan_id)
                .bind(token_hash)
                .bind(actor.user_id)
                .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [Change {
        field: "public_link".into(),
        old: None,
        new: Some(id.to_string()),
    }];
    audit::record(
        tx,
        actor,
        "create",
        subject("public_link", id, plan.organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Revokes a link of the plan; a link of another plan or one revoked already is not found.
pub async fn revoke(
    tx: &mut Tx,
    plan_id: i64,
    link_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let plan = plan::get_in(tx, plan_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let n = tx
        .execute(
            sql("UPDATE public_links SET revoked_at = $1 WHERE id = $2 AND plan_id = $3 AND revoked_at IS NULL")
                .bind(OffsetDateTime::now_utc())
                .bind(link_id)
                .bind(plan_id),
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let changes = [Change {
        field: "public_link".into(),
        old: Some(link_id.to_string()),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "revoke",
        subject("public_link", link_id, plan.organisation_id),
        &changes,
    )
    .await
}

/// The plan a live link opens; `None` for an unknown or revoked token.
pub async fn plan_of(db: &Db, token_hash: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT plan_id FROM public_links WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(token_hash),
        )
        .await?;
    Ok(row.map(|(p,)| p))
}

pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<PublicLink>, StoreError> {
    db.fetch_all(
        sql("SELECT id, plan_id, created_at, revoked_at FROM public_links WHERE plan_id = $1 ORDER BY created_at DESC, id DESC")
            .bind(plan_id),
    )
    .await
}
