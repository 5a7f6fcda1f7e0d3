//! The one search box: organisations, people and interactions found by the same Finnish-aware
//! search keys.

use crate::db::Db;
use crate::error::StoreError;
use crate::network::{interaction, organisation, person};
use crate::Page;

/// What one search finds, each list capped at `limit`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Found {
    pub organisations: Vec<organisation::Summary>,
    pub organisations_total: i64,
    pub people: Vec<person::Person>,
    pub interactions: Vec<interaction::Interaction>,
}

pub async fn everything(db: &Db, q: &str, limit: i64) -> Result<Found, StoreError> {
    let filter = organisation::Filter {
        q: Some(q.to_string()),
        ..Default::default()
    };
    let page = Page::new(limit, 0);
    let (organisations, organisations_total) = organisation::list(db, &filter, page).await?;
    let people = person::list(db, Some(q), None, page).await?;
    let interactions = interaction::list(db, Some(q), None, page).await?;
    Ok(Found {
        organisations,
        organisations_total,
        people,
        interactions,
    })
}
