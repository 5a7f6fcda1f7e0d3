//! `vaski bench`: builds a large network and measures the performance targets.
//!
//! 1. Fills a fresh database with a generated network (fixed seed; Finnish names, valid
//!    business IDs, municipalities of the whole country, tags, owners, people with roles,
//!    interactions over three years, agreements).
//! 2. Starts `vaski serve` on it as a child process, logs clients in through the login form,
//!    and sends organisation list requests from all of them at once; then asks for the health
//!    view one request at a time, and reads the server's peak memory.
//! 3. Times `vaski import organisations` of a 50 000-row XLSX file on an empty database and on
//!    a copy of the filled one.
//! 4. Prints the figures as Markdown and puts them in `docs/benchmarks.md`.

mod fill;
mod gen;
mod import;
mod load;
mod names;
mod report;
mod server;
pub mod sharing;
pub mod strategy;

use anyhow::{bail, Context};
use fill::Sizes;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use vaski_domain::account::Role;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::{health, organisation};
use vaski_store::{sql, Actor, Backend, Db, Page};

/// The user the clients log in as.
const BENCH_EMAIL: &str = "bench@vaski-bench.example";
const BENCH_PASSWORD: &str = "vaski-bench-salasana";
const DEFAULT_SEED: u64 = 20_240_801;
/// How many partners the health view lists; the same cap the page uses for its lists.
const HEALTH_LIST_LIMIT: i64 = 50;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// The database to fill and measure: `sqlite:FILE` or `postgres://USER@HOST/DB`. It must be
    /// empty (or, with --reuse, filled by an earlier run with the same sizes).
    #[arg(long = "database-url", default_value = "sqlite:vaski-bench.db")]
    database_url: String,
    #[arg(long, default_value_t = 100_000)]
    organisations: u64,
    #[arg(long, default_value_t = 300_000)]
    people: u64,
    #[arg(long, default_value_t = 1_000_000)]
    interactions: u64,
    /// Clients sending list requests at the same time.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// List requests measured (after a warm-up of one request in ten, at least 50).
    #[arg(long, default_value_t = 2000)]
    requests: usize,
    /// Health view requests, one at a time.
    #[arg(long, default_value_t = 20)]
    health_requests: usize,
    /// Rows of the import file.
    #[arg(long, default_value_t = 50_000)]
    import_rows: usize,
    /// Measures a database that an earlier run filled, if its sizes match.
    #[arg(long)]
    reuse: bool,
    /// Leaves out the import measurement.
    #[arg(long)]
    skip_import: bool,
    /// The seed of the generated network.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// The Markdown file whose section for this database is replaced with the results.
    #[arg(long, default_value = "docs/benchmarks.md")]
    write: PathBuf,
    /// Only prints the results.
    #[arg(long)]
    no_write: bool,
}

fn step(started: Instant, what: &str) {
    eprintln!("[{:>7.1} s] {what}", started.elapsed().as_secs_f64());
}

pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    if args.organisations == 0 || args.organisations >= import::NEW_FROM {
        bail!(
            "--organisations must be between 1 and {}",
            import::NEW_FROM - 1
        );
    }
    if args.clients == 0 || args.requests == 0 {
        bail!("--clients and --requests must be at least 1");
    }
    let mut machine = report::Machine::probe();
    let wanted = Sizes {
        organisations: args.organisations,
        people: args.people,
        interactions: args.interactions,
    };
    let today = OffsetDateTime::now_utc().date();
    let gen = gen::Gen::new(args.seed, today);

    let db = crate::connect(&args.database_url).await?;
    let database = database_version(&db).await?;
    let existing = fill::existing_sizes(&db).await?;
    let users = account::count_users(&db).await?;
    let empty = existing
        == Sizes {
            organisations: 0,
            people: 0,
            interactions: 0,
        }
        && users == 0;
    let fill_report = if empty {
        step(
            started,
            &format!(
                "filling {} with {} organisations, {} people and {} interactions",
                crate::redact(&args.database_url),
                wanted.organisations,
                wanted.people,
                wanted.interactions
            ),
        );
        let f = fill::fill(&db, &gen, wanted).await?;
        step(
            started,
            &format!("filled in {:.1} s", f.total.as_secs_f64()),
        );
        Some(f)
    } else if args.reuse {
        if existing != wanted {
            bail!(
                "the database holds {} organisations, {} people and {} interactions, not the sizes asked for; \
                 give the same sizes or a fresh database",
                existing.organisations,
                existing.people,
                existing.interactions
            );
        }
        step(started, "reusing the filled database");
        None
    } else {
        bail!(
            "the database {} is not empty; give a fresh database, or --reuse to measure one that an \
             earlier `vaski bench` filled with the same sizes",
            crate::redact(&args.database_url)
        );
    };
    let staff = fill::existing_staff(&db).await?;
    let bench_user = ensure_bench_user(&db).await?;
    let other_rows = other_rows(&db).await?;

    // The owner filter: the staff user who owns the most partnerships.
    let (top_owner,): (i64,) = db
        .fetch_optional(sql(
            "SELECT user_id FROM organisation_owners GROUP BY user_id ORDER BY COUNT(*) DESC, user_id LIMIT 1",
        ))
        .await?
        .unwrap_or((staff.first().map_or(0, |s| s.0),));
    let probes = load::probes(top_owner);

    step(started, "starting the server");
    let server = server::Server::start(&args.database_url).await?;
    step(
        started,
        &format!("logging in {} clients at {}", args.clients, server.base),
    );
    let rss_at_start = server.memory_kb().map(|(hwm, _)| hwm);
    let mut clients = Vec::with_capacity(args.clients);
    for _ in 0..args.clients {
        clients.push(load::login(&server.base, BENCH_EMAIL, BENCH_PASSWORD).await?);
    }
    let rss_after_logins = server.memory_kb().map(|(hwm, _)| hwm);
    let warm_up = (args.requests / 10).max(50);
    step(started, &format!("warming up with {warm_up} list requests"));
    let w = load::run(
        &server.base,
        &clients,
        load::plan(&probes, warm_up, args.seed ^ 1),
    )
    .await;
    if w.samples.is_empty() {
        bail!(
            "no list request succeeded: {}",
            w.first_failure.unwrap_or_default()
        );
    }
    step(
        started,
        &format!(
            "sending {} list requests from {} clients",
            args.requests, args.clients
        ),
    );
    let pg_database = server::postgres_database(&db).await?;
    let cpu_before = server::cpu_used(server.pid(), pg_database.as_deref());
    let result = load::run(
        &server.base,
        &clients,
        load::plan(&probes, args.requests, args.seed),
    )
    .await;
    let cpu_after = server::cpu_used(server.pid(), pg_database.as_deref());
    let served = result.samples.len().max(1) as f64;
    let cpu_per_request = (
        (cpu_after.0 - cpu_before.0) / served,
        (cpu_after.1 - cpu_before.1) / served,
    );
    let all: Vec<Duration> = result.samples.iter().map(|(_, d)| *d).collect();
    let list = load::Stats::of(&all);
    let list_per_second = result.samples.len() as f64 / result.wall.as_secs_f64().max(1e-9);
    if let Some(s) = &list {
        step(
            started,
            &format!(
                "list: median {:.1} ms, p99 {:.1} ms, {list_per_second:.1}/s, {} failed; CPU per request: server {:.1} ms, database {:.1} ms",
                s.median.as_secs_f64() * 1000.0,
                s.p99.as_secs_f64() * 1000.0,
                result.failures,
                cpu_per_request.0 * 1000.0,
                cpu_per_request.1 * 1000.0
            ),
        );
    }

    step(
        started,
        &format!("asking for the health view {} times", args.health_requests),
    );
    let health_route = load::health_route(&server.base, &clients[0], args.health_requests)
        .await?
        .and_then(|s| load::Stats::of(&s));
    if health_route.is_none() {
        step(
            started,
            "the health view is not available in this build (404); measuring the store call only",
        );
    }
    let memory = server.memory_kb();
    let peak_rss_kb = memory.map(|(hwm, _)| hwm);
    step(
        started,
        &format!(
            "server memory in kB: peak {} at the start, {} after the logins, {} at the end (now {})",
            rss_at_start.unwrap_or(0),
            rss_after_logins.unwrap_or(0),
            peak_rss_kb.unwrap_or(0),
            memory.map_or(0, |(_, now)| now)
        ),
    );
    machine.load_after = report::load_average();

    step(started, "timing the store calls alone");
    let mut probe_rows = Vec::with_capacity(probes.len());
    for (i, p) in probes.iter().enumerate() {
        let filter = p.filter(&bench_user);
        let (_, matches) = organisation::list(&db, &filter, Page::new(1, 0)).await?;
        let mut times = Vec::new();
        for page in 0..10 {
            let t = Instant::now();
            organisation::list_capped(
                &db,
                &filter,
                Page::new(50, page * 50),
                organisation::COUNT_CAP,
            )
            .await?;
            times.push(t.elapsed());
        }
        times.sort_unstable();
        let under_load: Vec<Duration> = result
            .samples
            .iter()
            .filter(|(p, _)| *p == i)
            .map(|(_, d)| *d)
            .collect();
        probe_rows.push(report::ProbeRow {
            label: load::label(p),
            matches,
            under_load: load::Stats::of(&under_load),
            alone: times[times.len() / 2],
        });
    }
    let mut health_times = Vec::with_capacity(args.health_requests);
    for i in 0..args.health_requests + 1 {
        let t = Instant::now();
        health::health(&db, today, health::DEFAULT_DORMANT_DAYS, HEALTH_LIST_LIMIT).await?;
        if i > 0 {
            health_times.push(t.elapsed());
        }
    }
    let health_store = load::Stats::of(&health_times);
    server.stop().await?;

    let (import_empty, import_filled, import_file_bytes) = if args.skip_import {
        (None, None, 0)
    } else {
        step(
            started,
            &format!("writing a {}-row XLSX file", args.import_rows),
        );
        let rows = import::rows(&gen, args.import_rows, wanted.organisations);
        let file = std::env::temp_dir().join(format!("vaski-bench-{}.xlsx", std::process::id()));
        let bytes = import::write(&file, &rows)?;
        drop(rows);
        let outcome = measure_imports(&db, &args.database_url, &file, started).await;
        let _ = std::fs::remove_file(&file);
        let (empty, filled) = outcome?;
        (Some(empty), Some(filled), bytes)
    };
    db.close().await;

    let results = report::Results {
        backend: db.backend(),
        database,
        date: today.to_string(),
        command: command_line(&args),
        profile: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        machine,
        sizes: wanted,
        other_rows,
        fill: fill_report,
        clients: args.clients,
        requests: args.requests,
        list,
        list_per_second,
        cpu_per_request,
        list_failures: result.failures,
        first_failure: result.first_failure,
        probes: probe_rows,
        health_route,
        health_store,
        peak_rss_kb,
        rss_at_start,
        rss_after_logins,
        import_rows: args.import_rows,
        import_file_bytes,
        import_empty,
        import_filled,
        total: started.elapsed(),
    };
    let md = results.markdown();
    println!("{md}");
    if !args.no_write {
        match args.write.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                eprintln!(
                    "vaski bench: {} does not exist; the results were only printed",
                    dir.display()
                );
            }
            _ => {
                report::write_section(&args.write, &results)?;
                eprintln!("vaski bench: wrote the results to {}", args.write.display());
            }
        }
    }
    Ok(())
}

async fn database_version(db: &Db) -> anyhow::Result<String> {
    Ok(match db.backend() {
        Backend::Sqlite => {
            let (v,): (String,) = db.fetch_one(sql("SELECT sqlite_version()")).await?;
            format!("SQLite {v} (one file, WAL, synchronous=NORMAL)")
        }
        Backend::Postgres => {
            let (v,): (String,) = db
                .fetch_one(sql("SELECT current_setting('server_version')"))
                .await?;
            let (sb,): (String,) = db
                .fetch_one(sql("SELECT current_setting('shared_buffers')"))
                .await?;
            format!("PostgreSQL {v} (shared_buffers {sb}, on the same machine)")
        }
    })
}

/// The user the clients log in as: a staff user with a known password.
async fn ensure_bench_user(db: &Db) -> anyhow::Result<account::User> {
    if let Some(u) = account::user_by_email(db, BENCH_EMAIL).await? {
        return Ok(u);
    }
    let hash = vaski_web::auth::password::hash(BENCH_PASSWORD)
        .map_err(|e| anyhow::anyhow!("cannot hash the bench password: {e}"))?;
    let email =
        Email::parse(BENCH_EMAIL).map_err(|_| anyhow::anyhow!("the bench email is not valid"))?;
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: "Vaski Bench",
            role: Role::Staff,
            organisation_id: None,
            password_hash: Some(&hash),
            language: Language::Fi,
        },
        &Actor::system("bench"),
    )
    .await
    .context("cannot create the bench user")?;
    account::user_by_email(db, BENCH_EMAIL)
        .await?
        .context("the bench user vanished")
}

async fn other_rows(db: &Db) -> anyhow::Result<Vec<(&'static str, u64)>> {
    let mut out = Vec::new();
    for (table, label) in [
        ("person_roles", "roles"),
        ("organisation_owners", "owners"),
        ("organisation_tags", "tags"),
        ("agreements", "agreements"),
        ("users", "users"),
    ] {
        let (n,): (i64,) = db
            .fetch_one(sql(format!("SELECT COUNT(*) FROM {table}")))
            .await?;
        out.push((label, n.max(0) as u64));
    }
    Ok(out)
}

fn command_line(args: &BenchArgs) -> String {
    let mut s = format!(
        "vaski bench --database-url {}",
        crate::redact(&args.database_url)
    );
    if args.organisations != 100_000 || args.people != 300_000 || args.interactions != 1_000_000 {
        s.push_str(&format!(
            " --organisations {} --people {} --interactions {}",
            args.organisations, args.people, args.interactions
        ));
    }
    if args.clients != 16 {
        s.push_str(&format!(" --clients {}", args.clients));
    }
    if args.requests != 2000 {
        s.push_str(&format!(" --requests {}", args.requests));
    }
    if args.reuse {
        s.push_str(" --reuse");
    }
    s
}

/// Imports the file into an empty scratch database and into a copy of the filled one.
async fn measure_imports(
    db: &Db,
    url: &str,
    file: &std::path::Path,
    started: Instant,
) -> anyhow::Result<(import::Outcome, import::Outcome)> {
    let scratch = Scratch::new(db, url).await?;
    let result = async {
        step(started, "importing into an empty database");
        let empty = import::run(&scratch.empty_url, file).await?;
        report_import(started, &empty);
        step(started, "importing into a copy of the filled database");
        let filled = import::run(&scratch.filled_url, file).await?;
        report_import(started, &filled);
        anyhow::Ok((empty, filled))
    }
    .await;
    scratch.remove(db).await;
    result
}

fn report_import(started: Instant, o: &import::Outcome) {
    match o {
        import::Outcome::Done { elapsed, summary } => step(
            started,
            &format!("imported in {:.1} s: {summary}", elapsed.as_secs_f64()),
        ),
        import::Outcome::NotAvailable => step(started, "import: not available in this build"),
        import::Outcome::Failed(e) => step(started, &format!("import failed: {e}")),
    }
}

/// Two scratch databases for the import: an empty one and a copy of the filled one.
struct Scratch {
    empty_url: String,
    filled_url: String,
    kind: ScratchKind,
}

enum ScratchKind {
    Files(Vec<PathBuf>),
    Databases { empty: String, filled: String },
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Scratch {
    async fn new(db: &Db, url: &str) -> anyhow::Result<Scratch> {
        let pid = std::process::id();
        match db.backend() {
            Backend::Sqlite => {
                let path = url
                    .strip_prefix("sqlite://")
                    .or_else(|| url.strip_prefix("sqlite:"))
                    .unwrap_or(url);
                let path = path.split('?').next().unwrap_or(path);
                let dir = std::env::temp_dir();
                let empty = dir.join(format!("vaski-bench-import-empty-{pid}.db"));
                let filled = dir.join(format!("vaski-bench-import-filled-{pid}.db"));
                // Everything in the main file, then a plain copy of it.
                let _: (i64, i64, i64) = db
                    .fetch_one(sql("PRAGMA wal_checkpoint(TRUNCATE)"))
                    .await
                    .context("cannot checkpoint the database")?;
                std::fs::copy(path, &filled)
                    .with_context(|| format!("cannot copy {path} to {}", filled.display()))?;
                let mut files = Vec::new();
                for p in [&empty, &filled] {
                    for suffix in ["", "-wal", "-shm"] {
                        files.push(PathBuf::from(format!("{}{suffix}", p.display())));
                    }
                }
                Ok(Scratch {
                    empty_url: format!("sqlite:{}", empty.display()),
                    filled_url: format!("sqlite:{}", filled.display()),
                    kind: ScratchKind::Files(files),
                })
            }
            Backend::Postgres => {
                let (current,): (String,) = db.fetch_one(sql("SELECT current_database()")).await?;
                let empty = format!("{current}_import_empty");
                let filled = format!("{current}_import_filled");
                for name in [&empty, &filled] {
                    db.execute(sql(format!(
                        "DROP DATABASE IF EXISTS {}",
                        quote_ident(name)
                    )))
                    .await
                    .with_context(|| format!("cannot drop the scratch database {name}"))?;
                }
                db.execute(sql(format!("CREATE DATABASE {}", quote_ident(&empty))))
                    .await
                    .with_context(|| format!("cannot create the scratch database {empty}"))?;
                // A template must have no other sessions: copy it from the scratch database,
                // with the bench's own connections closed.
                db.close().await;
                let empty_url = replace_database(url, &empty)?;
                let other = Db::connect(&empty_url)
                    .await
                    .context("cannot connect to the scratch database")?;
                let copied = other
                    .execute(sql(format!(
                        "CREATE DATABASE {} TEMPLATE {}",
                        quote_ident(&filled),
                        quote_ident(&current)
                    )))
                    .await
                    .with_context(|| format!("cannot copy {current} to {filled}"));
                other.close().await;
                copied?;
                Ok(Scratch {
                    empty_url,
                    filled_url: replace_database(url, &filled)?,
                    kind: ScratchKind::Databases { empty, filled },
                })
            }
        }
    }

    /// Removes the scratch files or databases; what cannot be removed is named.
    async fn remove(self, db: &Db) {
        match self.kind {
            ScratchKind::Files(files) => {
                for f in files {
                    let _ = std::fs::remove_file(f);
                }
            }
            ScratchKind::Databases { empty, filled } => {
                let Ok(url) = replace_database(&self.empty_url, "postgres") else {
                    return;
                };
                let _ = db;
                match Db::connect(&url).await {
                    Ok(admin) => {
                        for name in [&empty, &filled] {
                            if let Err(e) = admin
                                .execute(sql(format!(
                                    "DROP DATABASE IF EXISTS {}",
                                    quote_ident(name)
                                )))
                                .await
                            {
                                eprintln!(
                                    "vaski bench: cannot drop the scratch database {name}: {e}"
                                );
                            }
                        }
                        admin.close().await;
                    }
                    Err(e) => eprintln!(
                        "vaski bench: cannot drop the scratch databases {empty} and {filled}: {e}"
                    ),
                }
            }
        }
    }
}

/// The URL with another database name: `postgres://u@h:5432/old?x=y` → `.../new?x=y`.
fn replace_database(url: &str, name: &str) -> anyhow::Result<String> {
    let scheme_end = url.find("://").context("not a PostgreSQL URL")? + 3;
    let (base, query) = match url.find('?') {
        Some(q) => (&url[..q], &url[q..]),
        None => (url, ""),
    };
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    Ok(format!("{}/{name}{query}", &base[..path_start]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_of_a_url_is_replaced() {
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432/vaski_bench", "x").expect("a URL"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            replace_database("postgres://u:p@h/db?sslmode=disable", "x").expect("a URL"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            replace_database("postgres://h", "x").expect("a URL"),
            "postgres://h/x"
        );
    }
}
