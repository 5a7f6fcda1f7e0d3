//! Computed indicators (TEMPORARY placeholder in main until the computed-indicators branch is
//! merged this session; see docs/adr/0008-strategy.md).

use crate::db::Db;
use crate::error::StoreError;
use time::Date;
use vaski_domain::strategy::computed::{ComputedIndicator, Scope};

pub async fn value_at(
    _db: &Db,
    _indicator: ComputedIndicator,
    _scope: &Scope,
    _at: Date,
) -> Result<f64, StoreError> {
    Err(StoreError::NotFound)
}

pub async fn history(
    _db: &Db,
    _indicator: ComputedIndicator,
    _scope: &Scope,
    _dates: &[Date],
) -> Result<Vec<(Date, f64)>, StoreError> {
    Err(StoreError::NotFound)
}

pub async fn value_at_in(
    _tx: &mut crate::db::Tx,
    _indicator: ComputedIndicator,
    _scope: &Scope,
    _at: Date,
) -> Result<f64, StoreError> {
    Err(StoreError::NotFound)
}
