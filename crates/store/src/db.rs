//! One query layer over two databases. Each query is written once, as portable SQL with `$n`
//! placeholders (which both SQLite and PostgreSQL understand), and runs on whichever pool the
//! database URL chose. Values are bound through [`Value`], rows are decoded by types that derive
//! `sqlx::FromRow`, which works for both drivers. See `docs/adr/0002-one-query-source.md`.

use crate::error::StoreError;
use crate::group_commit::{self, Grouped};
use sqlx::postgres::{PgArguments, PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Arguments, FromRow, PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use time::{Date, OffsetDateTime};

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// SQL for a timestamp column as whole seconds since 1970: read as a plain integer, far
    /// cheaper than a timestamp decoded from SQLite's text.
    pub fn epoch_seconds(self, column: &str) -> String {
        match self {
            Backend::Sqlite => format!("unixepoch({column})"),
            Backend::Postgres => format!("CAST(EXTRACT(EPOCH FROM {column}) AS BIGINT)"),
        }
    }
}

/// A value bound to a `$n` placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(bool),
    Date(Option<Date>),
    Time(Option<OffsetDateTime>),
    Bytes(Vec<u8>),
}

macro_rules! value_from {
    ($t:ty, $variant:ident, $conv:expr) => {
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(Some($conv(v)))
            }
        }
        impl From<Option<$t>> for Value {
            fn from(v: Option<$t>) -> Value {
                Value::$variant(v.map($conv))
            }
        }
    };
}

value_from!(i64, Int, |v| v);
value_from!(f64, Float, |v| v);
value_from!(String, Text, |v| v);
value_from!(&str, Text, |v: &str| v.to_string());
value_from!(&String, Text, |v: &String| v.clone());
value_from!(Date, Date, |v| v);
value_from!(OffsetDateTime, Time, |v: OffsetDateTime| v
    .to_offset(time::UtcOffset::UTC));

impl From<jiff::Timestamp> for Value {
    fn from(v: jiff::Timestamp) -> Value {
        Value::Time(Some(to_offset_date_time(v)))
    }
}

impl From<Option<jiff::Timestamp>> for Value {
    fn from(v: Option<jiff::Timestamp>) -> Value {
        Value::Time(v.map(to_offset_date_time))
    }
}

/// An instant of the sharing module as the drivers bind it, to the whole second (bookings are
/// made to the minute), so that SQLite's text times stay one fixed width and compare in order.
pub fn to_offset_date_time(t: jiff::Timestamp) -> OffsetDateTime {
    // jiff's instants (years -9999..=9999) all fit `time`'s default range, so the fallback is
    // never taken; it only spares a panic path.
    OffsetDateTime::from_unix_timestamp(t.as_second()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// An instant read back from either database.
pub fn to_timestamp(t: OffsetDateTime) -> Result<jiff::Timestamp, StoreError> {
    jiff::Timestamp::from_second(t.unix_timestamp())
        .map_err(|e| StoreError::Corrupt(format!("time out of range: {e}")))
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Bytes(v)
    }
}

/// A statement and its arguments, built with [`sql`] and [`Query::bind`].
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    args: Vec<Value>,
    /// Kept prepared on the connection (the default); see [`Query::planned_for_its_arguments`].
    persistent: bool,
}

/// Starts a query from portable SQL text.
pub fn sql(text: impl Into<String>) -> Query {
    Query {
        text: text.into(),
        args: Vec::new(),
        persistent: true,
    }
}

impl Query {
    /// Plans the statement for the arguments of each call. PostgreSQL plans a statement that is
    /// kept prepared once for any arguments after its fifth run (a generic plan); for a search
    /// whose breadth depends on its words that plan is wrong for one of them: `q=oy` (41 000
    /// matches) was read through the trigram index and sorted, 39 ms, where its own plan walks
    /// the name index, 2 ms. SQLite does not plan by the arguments, so there it changes nothing.
    pub fn planned_for_its_arguments(mut self) -> Query {
        self.persistent = false;
        self
    }

    pub fn bind(mut self, v: impl Into<Value>) -> Query {
        self.args.push(v.into());
        self
    }

    /// Binds a value and returns its placeholder (`$3`), for queries assembled from parts.
    pub fn push_arg(&mut self, v: impl Into<Value>) -> String {
        self.args.push(v.into());
        format!("${}", self.args.len())
    }

    /// The same arguments under a new text, for a statement wrapped around the one built
    /// (`WITH made AS (…) …`); the new text must use the placeholders of the old.
    pub fn with_text(mut self, text: String) -> Query {
        self.text = text;
        self
    }

    pub fn push_sql(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn sqlite_args(&self) -> Result<SqliteArguments<'static>, StoreError> {
        let mut a = SqliteArguments::default();
        for v in &self.args {
            let r = match v.clone() {
                Value::Int(x) => a.add(x),
                Value::Float(x) => a.add(x),
                Value::Text(x) => a.add(x),
                Value::Bool(x) => a.add(x),
                Value::Date(x) => a.add(x),
                Value::Time(x) => a.add(x),
                Value::Bytes(x) => a.add(x),
            };
            r.map_err(StoreError::Bind)?;
        }
        Ok(a)
    }

    fn pg_args(&self) -> Result<PgArguments, StoreError> {
        let mut a = PgArguments::default();
        for v in &self.args {
            let r = match v.clone() {
                Value::Int(x) => a.add(x),
                Value::Float(x) => a.add(x),
                Value::Text(x) => a.add(x),
                Value::Bool(x) => a.add(x),
                Value::Date(x) => a.add(x),
                Value::Time(x) => a.add(x),
                Value::Bytes(x) => a.add(x),
            };
            r.map_err(StoreError::Bind)?;
        }
        Ok(a)
    }
}

/// A row type that both drivers can decode.
pub trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A row of integer sums, as many as the query selects: a query whose columns depend on its
/// input (one sum per scope asked) decodes into it. A sum over no rows (NULL) is 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sums(pub Vec<i64>);

impl Sums {
    /// Every column of `row` as an integer, NULL as 0.
    fn of<R: sqlx::Row>(row: &R) -> Result<Sums, sqlx::Error>
    where
        usize: sqlx::ColumnIndex<R>,
        for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    {
        (0..row.len())
            .map(|i| {
                row.try_get::<Option<i64>, _>(i)
                    .map(Option::unwrap_or_default)
            })
            .collect::<Result<_, _>>()
            .map(Sums)
    }
}

impl<'r> FromRow<'r, SqliteRow> for Sums {
    fn from_row(row: &'r SqliteRow) -> Result<Sums, sqlx::Error> {
        Sums::of(row)
    }
}

impl<'r> FromRow<'r, PgRow> for Sums {
    fn from_row(row: &'r PgRow) -> Result<Sums, sqlx::Error> {
        Sums::of(row)
    }
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The connection pool of one Vaski deployment; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
    /// On SQLite, the queue of grouped writes, its writer started by the first of them.
    group: Arc<OnceLock<group_commit::Queue>>,
}

impl Db {
    /// Connects to the database the URL names: `sqlite:path` (or a bare path) or
    /// `postgres://...`. A SQLite file is created where missing and runs in WAL mode.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(StoreError::Connect)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .map_err(StoreError::Connect)?;
            Ok(Db::of(Pool::Postgres(pool)))
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Each connection keeps up to 32 MB of pages, so that a large network's indexes
                // are read from memory, not through a system call per page; sorts stay in
                // memory too (docs/benchmarks.md).
                .pragma("cache_size", "-32000")
                .pragma("temp_store", "memory");
            // More connections than CPUs only add memory: queries are CPU-bound, and writes
            // take turns anyway. A connection to a file does not go stale, so it is not pinged
            // before each use: that would be one more hand-over to its thread per query.
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(StoreError::Connect)?;
            Ok(Db::of(Pool::Sqlite(pool)))
        }
    }

    fn of(pool: Pool) -> Db {
        Db {
            pool,
            group: Arc::new(OnceLock::new()),
        }
    }

    /// Runs a write in a transaction and answers once it is committed. On SQLite the writes
    /// that arrive together share one transaction ([`group_commit`]); on PostgreSQL each has
    /// its own.
    pub async fn write_grouped<G: Grouped>(&self, mut write: G) -> Result<G::Answer, StoreError> {
        match &self.pool {
            Pool::Sqlite(_) => {
                let queue = self
                    .group
                    .get_or_init(|| group_commit::Queue::start(Db::of(self.pool.clone())));
                queue.write(write).await
            }
            Pool::Postgres(_) => {
                let mut tx = self.begin().await?;
                let answer = write.run(&mut tx).await?;
                tx.commit().await?;
                Ok(answer)
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Brings the schema up to date; each database has its own migration folder because DDL is
    /// where the dialects really differ.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => {
                sqlx::migrate!("./migrations/sqlite").run(p).await?;
                // SQLite plans by its statistics and gathers them only when asked; without them
                // the list filters pick poor plans on a large network (docs/benchmarks.md).
                sqlx::query("PRAGMA optimize").execute(p).await?;
            }
            Pool::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// Answers whether the database can be reached, for `/healthz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.fetch_one::<(i64,)>(sql("SELECT CAST(1 AS BIGINT)"))
            .await
            .map(|_| ())
    }

    pub async fn fetch_all<T: Record>(&self, q: Query) -> Result<Vec<T>, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                sqlx::query_as_with::<Sqlite, T, _>(&q.text, q.sqlite_args()?)
                    .fetch_all(p)
                    .await?
            }
            Pool::Postgres(p) => {
                sqlx::query_as_with::<Postgres, T, _>(&q.text, q.pg_args()?)
                    .persistent(q.persistent)
                    .fetch_all(p)
                    .await?
            }
        })
    }

    pub async fn fetch_optional<T: Record>(&self, q: Query) -> Result<Option<T>, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                sqlx::query_as_with::<Sqlite, T, _>(&q.text, q.sqlite_args()?)
                    .fetch_optional(p)
                    .await?
            }
            Pool::Postgres(p) => {
                sqlx::query_as_with::<Postgres, T, _>(&q.text, q.pg_args()?)
                    .persistent(q.persistent)
                    .fetch_optional(p)
                    .await?
            }
        })
    }

    pub async fn fetch_one<T: Record>(&self, q: Query) -> Result<T, StoreError> {
        self.fetch_optional(q).await?.ok_or(StoreError::NotFound)
    }

    pub async fn execute(&self, q: Query) -> Result<u64, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => sqlx::query_with::<Sqlite, _>(&q.text, q.sqlite_args()?)
                .execute(p)
                .await?
                .rows_affected(),
            Pool::Postgres(p) => sqlx::query_with::<Postgres, _>(&q.text, q.pg_args()?)
                .persistent(q.persistent)
                .execute(p)
                .await?
                .rows_affected(),
        })
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`)
    /// so that two writers wait for each other instead of failing half-way.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A transaction that only reads: on SQLite a deferred one, which takes no write lock, so
    /// that what a write is checked against can be read before the write takes its turn.
    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN DEFERRED").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }
}

/// A transaction on either database; dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn fetch_all<T: Record>(&mut self, q: Query) -> Result<Vec<T>, StoreError> {
        Ok(match self {
            Tx::Sqlite(t) => {
                sqlx::query_as_with::<Sqlite, T, _>(&q.text, q.sqlite_args()?)
                    .fetch_all(&mut **t)
                    .await?
            }
            Tx::Postgres(t) => {
                sqlx::query_as_with::<Postgres, T, _>(&q.text, q.pg_args()?)
                    .persistent(q.persistent)
                    .fetch_all(&mut **t)
                    .await?
            }
        })
    }

    pub async fn fetch_optional<T: Record>(&mut self, q: Query) -> Result<Option<T>, StoreError> {
        Ok(match self {
            Tx::Sqlite(t) => {
                sqlx::query_as_with::<Sqlite, T, _>(&q.text, q.sqlite_args()?)
                    .fetch_optional(&mut **t)
                    .await?
            }
            Tx::Postgres(t) => {
                sqlx::query_as_with::<Postgres, T, _>(&q.text, q.pg_args()?)
                    .persistent(q.persistent)
                    .fetch_optional(&mut **t)
                    .await?
            }
        })
    }

    pub async fn fetch_one<T: Record>(&mut self, q: Query) -> Result<T, StoreError> {
        self.fetch_optional(q).await?.ok_or(StoreError::NotFound)
    }

    pub async fn execute(&mut self, q: Query) -> Result<u64, StoreError> {
        Ok(match self {
            Tx::Sqlite(t) => sqlx::query_with::<Sqlite, _>(&q.text, q.sqlite_args()?)
                .execute(&mut **t)
                .await?
                .rows_affected(),
            Tx::Postgres(t) => sqlx::query_with::<Postgres, _>(&q.text, q.pg_args()?)
                .persistent(q.persistent)
                .execute(&mut **t)
                .await?
                .rows_affected(),
        })
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
