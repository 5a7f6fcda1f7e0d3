//! Fresh, empty, migrated databases for tests: a SQLite file of its own, or a PostgreSQL
//! database of its own on the cluster named by `VASKI_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`). Tests never share a database.

use crate::db::{Backend, Db};
use rand::Rng;

/// The PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("VASKI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A database made for one test; [`TestDb::finish`] removes it.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDb {
    /// Creates and migrates a new database. Panics where the database cannot be made, since a
    /// test cannot run without one.
    pub async fn new(backend: Backend) -> TestDb {
        let suffix: u64 = rand::thread_rng().gen();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir()
                    .join(format!("vaski-test-{}-{suffix:x}.db", std::process::id()));
                let url = format!("sqlite:{}", path.display());
                let db = Db::connect(&url)
                    .await
                    .expect("open a test SQLite database");
                db.migrate()
                    .await
                    .expect("migrate the test SQLite database");
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::File(path),
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("vaski_test_{suffix:x}");
                let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL for tests at {admin_url} is not reachable ({e}); start it or set VASKI_TEST_POSTGRES_URL")
                });
                admin
                    .execute(crate::sql(format!("CREATE DATABASE {name}")))
                    .await
                    .expect("create a test database");
                admin.close().await;
                let url = database_url(&admin_url, &name);
                let db = Db::connect(&url)
                    .await
                    .expect("connect to the test database");
                db.migrate()
                    .await
                    .expect("migrate the test PostgreSQL database");
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::Database { admin_url, name },
                }
            }
        }
    }

    /// Closes the pool and removes the database.
    pub async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
                }
            }
            Cleanup::Database { admin_url, name } => {
                if let Ok(admin) = Db::connect(&admin_url).await {
                    let _ = admin
                        .execute(crate::sql(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// The URL of another database on the same server as `admin_url`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let without_db = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{without_db}/{name}?{q}"),
        None => format!("{without_db}/{name}"),
    }
}

/// Defines a test that runs once on SQLite and once on PostgreSQL, each on a fresh database:
/// `both_databases! { async fn name(db) { ... } }` gives `name::on_sqlite` and `name::on_postgres`.
#[macro_export]
macro_rules! both_databases {
    ($(async fn $name:ident($db:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($db: $crate::Db) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    let t = $crate::testing::TestDb::new($crate::Backend::Sqlite).await;
                    run(t.db.clone()).await;
                    t.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    let t = $crate::testing::TestDb::new($crate::Backend::Postgres).await;
                    run(t.db.clone()).await;
                    t.finish().await;
                }
            }
        )*
    };
}
