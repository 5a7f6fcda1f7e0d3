//! What every handler shares: the database pool and the settings.

use crate::config::Config;
use std::sync::Arc;
use vaski_store::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}
