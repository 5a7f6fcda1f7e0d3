//! The store's one error type. Constraint violations that a user can cause are turned into
//! their own variants here, once, so that the layers above never parse database messages.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("cannot bind a query argument: {0}")]
    Bind(#[source] sqlx::error::BoxDynError),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    /// A value the store checks against other records (a whole that does not exist, a cycle of
    /// parts) was refused: the field and the message-catalogue key of the reason.
    #[error("{field}: {key}")]
    Invalid {
        field: &'static str,
        key: &'static str,
    },
    /// A unique constraint refused the write; the constraint's name says which.
    #[error("conflicts with an existing record ({constraint})")]
    Conflict { constraint: String },
    /// The database holds data already, where an empty one was required.
    #[error("{0}")]
    NotEmpty(String),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the error means the database could not be reached (a 503, not a 500).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_) | StoreError::Connect(_))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_) => StoreError::Unavailable(e),
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict {
                constraint: db
                    .constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| db.message().to_string()),
            },
            // An exclusion constraint (PostgreSQL's guard against overlapping bookings).
            sqlx::Error::Database(db) if db.code().as_deref() == Some("23P01") => {
                StoreError::Conflict {
                    constraint: db
                        .constraint()
                        .map(str::to_string)
                        .unwrap_or_else(|| db.message().to_string()),
                }
            }
            _ => StoreError::Database(e),
        }
    }
}
