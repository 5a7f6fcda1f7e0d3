//! The network's health in figures: what kinds of partners there are and where, which
//! partnerships rest on one person, which have gone quiet, which agreements run out, and the
//! links between organisations that the network map draws.

use crate::db::{sql, Db};
use crate::error::StoreError;
use crate::network::agreement::{self, Agreement};
use serde::Serialize;
use time::{Date, Duration};

/// Days without an interaction after which an active partner counts as dormant.
pub const DEFAULT_DORMANT_DAYS: i64 = 365;
/// How far ahead expiring agreements are listed.
pub const EXPIRING_WITHIN_DAYS: i64 = 60;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Count {
    pub key: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub municipality_code: Option<String>,
    pub last_interaction_on: Option<Date>,
    pub owner_count: i64,
}

/// Everything the health view and `GET /api/v1/network/health` show.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    pub organisations: i64,
    pub by_kind: Vec<Count>,
    pub by_industry: Vec<Count>,
    pub by_municipality: Vec<Count>,
    pub by_status: Vec<Count>,
    pub single_owner_count: i64,
    pub single_owner: Vec<Partner>,
    pub no_owner_count: i64,
    pub no_owner: Vec<Partner>,
    pub dormant_days: i64,
    pub dormant_count: i64,
    pub dormant: Vec<Partner>,
    pub expiring_agreements: Vec<Agreement>,
    pub new_per_year: Vec<Count>,
}

const PARTNER_SELECT: &str = "SELECT o.id, o.name, o.municipality_code, o.last_interaction_on, \
    o.owner_count FROM organisations o";

/// Kept by triggers on `organisation_owners` (migration 0004).
const OWNER_COUNT: &str = "o.owner_count";

/// Computes the health figures as of `today`; `list_limit` caps the lists of partners.
pub async fn health(
    db: &Db,
    today: Date,
    dormant_days: i64,
    list_limit: i64,
) -> Result<Health, StoreError> {
    let dormant_since = today - Duration::days(dormant_days);
    let (organisations,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM organisations"))
        .await?;
    let by_kind = grouped(db, "kind").await?;
    let by_industry = grouped(db, "industry_code").await?;
    let by_municipality = grouped(db, "municipality_code").await?;
    let by_status = grouped(db, "status").await?;
    let (single_owner_count,): (i64,) = db
        .fetch_one(sql(format!(
            "SELECT COUNT(*) FROM organisations o WHERE o.status <> 'ended' AND {OWNER_COUNT} = 1"
        )))
        .await?;
    let single_owner = db
        .fetch_all(sql(format!("{PARTNER_SELECT} WHERE o.status <> 'ended' AND {OWNER_COUNT} = 1 ORDER BY o.normalised_name LIMIT $1")).bind(list_limit))
        .await?;
    let (no_owner_count,): (i64,) = db
        .fetch_one(sql(format!(
            "SELECT COUNT(*) FROM organisations o WHERE o.status <> 'ended' AND {OWNER_COUNT} = 0"
        )))
        .await?;
    let no_owner = db
        .fetch_all(sql(format!("{PARTNER_SELECT} WHERE o.status <> 'ended' AND {OWNER_COUNT} = 0 ORDER BY o.normalised_name LIMIT $1")).bind(list_limit))
        .await?;
    let dormant_condition =
        "o.status = 'active' AND (o.last_interaction_on IS NULL OR o.last_interaction_on < $1)";
    let (dormant_count,): (i64,) = db
        .fetch_one(
            sql(format!(
                "SELECT COUNT(*) FROM organisations o WHERE {dormant_condition}"
            ))
            .bind(dormant_since),
        )
        .await?;
    let dormant = db
        .fetch_all(
            sql(format!("{PARTNER_SELECT} WHERE {dormant_condition} ORDER BY o.last_interaction_on IS NOT NULL, o.last_interaction_on, o.normalised_name LIMIT $2"))
                .bind(dormant_since)
                .bind(list_limit),
        )
        .await?;
    let expiring_agreements = agreement::expiring(db, today, EXPIRING_WITHIN_DAYS, None).await?;
    let new_per_year = db
        .fetch_all(sql(
            "SELECT SUBSTR(CAST(partner_since AS TEXT), 1, 4) AS key, COUNT(*) AS count FROM organisations \
             GROUP BY SUBSTR(CAST(partner_since AS TEXT), 1, 4) ORDER BY key",
        ))
        .await?;
    Ok(Health {
        organisations,
        by_kind,
        by_industry,
        by_municipality,
        by_status,
        single_owner_count,
        single_owner,
        no_owner_count,
        no_owner,
        dormant_days,
        dormant_count,
        dormant,
        expiring_agreements,
        new_per_year,
    })
}

async fn grouped(db: &Db, column: &'static str) -> Result<Vec<Count>, StoreError> {
    db.fetch_all(sql(format!(
        "SELECT {column} AS key, COUNT(*) AS count FROM organisations GROUP BY {column} ORDER BY COUNT(*) DESC, {column}"
    )))
    .await
}

/// A link between two organisations on the network map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Link {
    pub a: i64,
    pub b: i64,
    /// `project`, `agreement` (shared agreements, such as equipment sharing) or `person`
    /// (someone who moved between them).
    pub kind: String,
    pub weight: i64,
}

/// The links between organisations: shared projects, shared agreements and people who moved.
/// A person counts once per pair even when they held several roles at one of the two (someone
/// who left and came back), since the link is the person, not the role.
pub async fn links(db: &Db) -> Result<Vec<Link>, StoreError> {
    db.fetch_all(sql(
        "SELECT x.organisation_id AS a, y.organisation_id AS b, 'project' AS kind, COUNT(*) AS weight \
         FROM project_members x JOIN project_members y ON x.project_id = y.project_id AND x.organisation_id < y.organisation_id \
         GROUP BY x.organisation_id, y.organisation_id \
         UNION ALL \
         SELECT x.organisation_id AS a, y.organisation_id AS b, 'agreement' AS kind, COUNT(*) AS weight \
         FROM agreement_parties x JOIN agreement_parties y ON x.agreement_id = y.agreement_id AND x.organisation_id < y.organisation_id \
         GROUP BY x.organisation_id, y.organisation_id \
         UNION ALL \
         SELECT x.organisation_id AS a, y.organisation_id AS b, 'person' AS kind, COUNT(DISTINCT x.person_id) AS weight \
         FROM person_roles x JOIN person_roles y ON x.person_id = y.person_id AND x.organisation_id < y.organisation_id \
         GROUP BY x.organisation_id, y.organisation_id \
         ORDER BY a, b, kind",
    ))
    .await
}

/// An organisation as the network map draws it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Node {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub municipality_code: Option<String>,
    pub owner_count: i64,
}

/// The organisations a map draws: partnerships that have not ended, the most linked first (shared
/// agreements, projects and people who also worked elsewhere), so that a cap drops the least
/// connected ones rather than whole clusters of links. An agreement with the institution alone
/// links to no other organisation and does not count.
pub async fn nodes(db: &Db, limit: i64) -> Result<Vec<Node>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT o.id, o.name, o.kind, o.municipality_code, {OWNER_COUNT} AS owner_count FROM organisations o \
             WHERE o.status <> 'ended' ORDER BY \
             (SELECT COUNT(*) FROM agreement_parties p WHERE p.organisation_id = o.id AND EXISTS \
               (SELECT 1 FROM agreement_parties q WHERE q.agreement_id = p.agreement_id AND q.organisation_id <> o.id)) + \
             (SELECT COUNT(*) FROM project_members m WHERE m.organisation_id = o.id) + \
             (SELECT COUNT(*) FROM person_roles r WHERE r.organisation_id = o.id AND EXISTS \
               (SELECT 1 FROM person_roles s WHERE s.person_id = r.person_id AND s.organisation_id <> o.id)) DESC, \
             o.normalised_name, o.id LIMIT $1"
        ))
        .bind(limit),
    )
    .await
}
