//! `vaski bench-sharing`: the shared-use targets of the issue, on a database filled with
//! 1 000 resources and 500 000 bookings:
//!
//! 1. a 52-week recurring booking checked and stored (the store call, median of 20 series, each
//!    on a resource that already holds 500 bookings);
//! 2. a resource's calendar feed with 10 000 bookings (`GET`, median of 20);
//! 3. an availability search over all resources for one week (`GET /api/v1/availability`);
//! 4. bookings accepted per second through `POST /api/v1/bookings` by 16 clients across 100
//!    resources.

use super::fill::Inserter;
use super::load::Stats;
use super::report::{load_average, write_marked, Machine};
use super::server::{self, Server};
use anyhow::Context;
use jiff::civil::{date, Date};
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vaski_domain::account::Role;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::db::to_offset_date_time;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::{sql, Actor, Backend, Db, Value};

#[derive(clap::Args, Debug)]
pub struct SharingArgs {
    /// The database to fill and measure (empty, or filled by an earlier run with --reuse).
    #[arg(
        long,
        env = "VASKI_DATABASE_URL",
        default_value = "sqlite:vaski-bench-sharing.db"
    )]
    pub database_url: String,
    #[arg(long, default_value_t = 1000)]
    pub resources: usize,
    #[arg(long, default_value_t = 500_000)]
    pub bookings: usize,
    /// Bookings of the one resource whose feed is timed.
    #[arg(long, default_value_t = 10_000)]
    pub feed_bookings: usize,
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Booking requests sent through the API.
    #[arg(long, default_value_t = 4000)]
    pub requests: usize,
    #[arg(long)]
    pub reuse: bool,
    #[arg(long, default_value = "docs/benchmarks.md")]
    pub write: PathBuf,
    #[arg(long)]
    pub no_write: bool,
}

/// The purpose of the bookings the API load makes, so that a re-run can remove them first.
const API_PURPOSE: &str = "bench-api";

/// The first day of the filled calendar: every resource is booked 8–10 on consecutive days.
fn first_day() -> Date {
    date(2027, 1, 4)
}

fn local(d: Date, hour: i8, minute: i8) -> anyhow::Result<Timestamp> {
    Ok(d.at(hour, minute, 0, 0)
        .to_zoned(helsinki().clone())?
        .timestamp())
}

fn step(started: Instant, what: &str) {
    println!("[{:>7.1} s] {what}", started.elapsed().as_secs_f64());
}

pub async fn run(args: SharingArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let machine = Machine::probe();
    let db = Db::connect(&args.database_url).await?;
    db.migrate().await?;
    let filled = if args.reuse && resource_count(&db).await? >= args.resources as i64 {
        step(started, "reusing the filled database");
        None
    } else {
        step(
            started,
            &format!(
                "filling {} resources and {} bookings",
                args.resources, args.bookings
            ),
        );
        let t = Instant::now();
        fill(&db, &args).await?;
        Some(t.elapsed())
    };
    let ids = resource_ids(&db).await?;
    let feed_resource = *ids.last().context("no resources")?;
    // A reused database still holds an earlier run's series and API bookings: every run must
    // meet the same calendar.
    db.execute(sql("DELETE FROM bookings WHERE purpose IN ('bench', $1)").bind(API_PURPOSE))
        .await?;

    step(started, "booking 52-week series through the store");
    let series = time_series(&db, &ids).await?;

    let token = bench_token(&db).await?;
    let server = Server::start(&args.database_url).await?;
    let client = reqwest::Client::new();
    step(
        started,
        "timing the feed of the resource with the most bookings",
    );
    let feed = time_feed(&client, &server.base, &db, feed_resource).await?;
    step(started, "timing the availability search");
    let availability = time_availability(&client, &server.base, &token).await?;
    step(
        started,
        &format!(
            "sending {} booking requests from {} clients",
            args.requests, args.clients
        ),
    );
    let (booker,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM organisations WHERE kind = 'company' ORDER BY id LIMIT 1",
        ))
        .await?;
    let pg_database = server::postgres_database(&db).await?;
    let cpu_before = server::cpu_used(server.pid(), pg_database.as_deref());
    let mut throughput = api_load(
        &server.base,
        &token,
        booker,
        &ids[..100.min(ids.len())],
        &args,
    )
    .await?;
    let cpu_after = server::cpu_used(server.pid(), pg_database.as_deref());
    let answered = throughput.sent.max(1) as f64;
    throughput.cpu_per_request = (
        (cpu_after.0 - cpu_before.0) / answered,
        (cpu_after.1 - cpu_before.1) / answered,
    );
    let memory = server.memory_kb();
    server.stop().await?;

    let md = markdown(
        &args,
        &machine,
        filled,
        &series,
        &feed,
        &availability,
        &throughput,
        memory,
        db.backend(),
    );
    println!("{md}");
    if !args.no_write {
        let marker = match db.backend() {
            Backend::Sqlite => "sharing-sqlite",
            Backend::Postgres => "sharing-postgres",
        };
        write_marked(&args.write, marker, &md)?;
        println!(
            "vaski bench-sharing: wrote the results to {}",
            args.write.display()
        );
    }
    Ok(())
}

async fn resource_count(db: &Db) -> anyhow::Result<i64> {
    let (n,): (i64,) = db.fetch_one(sql("SELECT COUNT(*) FROM resources")).await?;
    Ok(n)
}

async fn resource_ids(db: &Db) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(sql("SELECT id FROM resources ORDER BY id"))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The owner (an institution), the bookers (companies) and the resources, written directly:
/// each resource booked 8–10 on consecutive days; the last resource, ten one-hour bookings a
/// day, for the feed.
async fn fill(db: &Db, args: &SharingArgs) -> anyhow::Result<()> {
    let owner = organisation(db, "Bench-oppilaitos", "vocational_institution").await?;
    let booker = organisation(db, "Bench-yritys Oy", "company").await?;
    let now = time::OffsetDateTime::now_utc();
    let mut resources = Inserter::new(
        db,
        "resources",
        &[
            "name",
            "kind",
            "owner_organisation_id",
            "municipality_code",
            "quantity",
            "approval",
            "eligibility",
            "closed_on_public_holidays",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "feed_token",
            "search_text",
            "created_at",
            "updated_at",
        ],
    );
    for i in 0..args.resources {
        resources
            .push(vec![
                format!("Kone {i}").into(),
                "machine".into(),
                owner.into(),
                "061".into(),
                1i64.into(),
                "automatic".into(),
                "registered_partners".into(),
                false.into(),
                0i64.into(),
                0i64.into(),
                vaski_store::sharing::resource::new_feed_token().into(),
                format!(" kone {i} machine forssa").into(),
                now.into(),
                now.into(),
            ])
            .await?;
    }
    resources.finish().await?;
    let ids = resource_ids(db).await?;
    let feed_resource = *ids.last().context("no resources")?;
    let per_resource = args.bookings / ids.len().max(1);
    let mut bookings = Inserter::new(
        db,
        "bookings",
        &[
            "resource_id",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "occupied_from",
            "occupied_until",
            "units",
            "exclusive",
            "booker_organisation_id",
            "booker_kind",
            "price_cents",
            "uid",
            "sequence",
            "no_show",
            "created_at",
            "updated_at",
        ],
    );
    let mut uid = 0u64;
    for &id in &ids {
        let slots: Vec<(Date, i8)> = if id == feed_resource {
            (0..args.feed_bookings)
                .map(|k| (day_after(k / 10), 8 + (k % 10) as i8))
                .collect()
        } else {
            (0..per_resource).map(|k| (day_after(k), 8)).collect()
        };
        let hours = if id == feed_resource { 1 } else { 2 };
        for (d, h) in slots {
            let start = to_offset_date_time(local(d, h, 0)?);
            let end = to_offset_date_time(local(d, h + hours, 0)?);
            uid += 1;
            bookings
                .push(vec![
                    id.into(),
                    "booking".into(),
                    "confirmed".into(),
                    start.into(),
                    end.into(),
                    start.into(),
                    end.into(),
                    1i64.into(),
                    true.into(),
                    booker.into(),
                    "company".into(),
                    Value::Int(Some(9000)),
                    format!("bench-{uid}@vaski").into(),
                    0i64.into(),
                    false.into(),
                    now.into(),
                    now.into(),
                ])
                .await?;
        }
    }
    bookings.finish().await?;
    if db.backend() == Backend::Postgres {
        db.execute(sql("ANALYZE")).await?;
    } else {
        db.execute(sql("PRAGMA optimize")).await?;
    }
    Ok(())
}

fn day_after(k: usize) -> Date {
    first_day()
        .checked_add(SignedDuration::from_hours(24 * k as i64))
        .unwrap_or(first_day())
}

async fn organisation(db: &Db, name: &str, kind: &str) -> anyhow::Result<i64> {
    let draft = vaski_domain::network::organisation::OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        municipality: "Forssa".into(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("bench organisation: {e:?}"))?;
    let mut tx = db.begin().await?;
    let id = vaski_store::network::organisation::create(
        &mut tx,
        &draft,
        time::OffsetDateTime::now_utc().date(),
        &Actor::system("bench"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Books a weekly 14–16 series of 52 occurrences on each of 20 resources (free time: the fill
/// books 8–10) and times each `book` call.
async fn time_series(db: &Db, ids: &[i64]) -> anyhow::Result<Option<Stats>> {
    let (booker,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM organisations WHERE kind = 'company' ORDER BY id LIMIT 1",
        ))
        .await?;
    let now = local(first_day(), 0, 0)? - SignedDuration::from_hours(24 * 7);
    let mut times = Vec::new();
    for (n, &id) in ids.iter().take(21).enumerate() {
        let mut occurrences = Vec::with_capacity(52);
        for week in 0..52 {
            let d = day_after(week * 7 + n % 5);
            occurrences.push(
                Interval::new(local(d, 14, 0)?, local(d, 16, 0)?)
                    .map_err(|e| anyhow::anyhow!(e.key))?,
            );
        }
        let req = NewBooking {
            resource_id: id,
            kind: Kind::Booking,
            occurrences,
            series: Some(booking::NewSeries {
                rrule: "FREQ=WEEKLY;COUNT=52".into(),
                exdates: String::new(),
            }),
            units: 1,
            booker_organisation_id: Some(booker),
            contact_person_id: None,
            booked_by: None,
            purpose: Some("bench".into()),
            people_count: None,
            skip_conflicts: false,
        };
        let t = Instant::now();
        let outcome = booking::book(db, &req, now, &Actor::system("bench"))
            .await?
            .map_err(|e| anyhow::anyhow!("series refused: {e:?}"))?;
        let took = t.elapsed();
        if n > 0 {
            // The first call warms the caches; a re-run finds the series booked already.
            if outcome.made.len() == 52 || !outcome.refused.is_empty() {
                times.push(took);
            }
        }
    }
    Ok(Stats::of(&times))
}

async fn time_feed(
    client: &reqwest::Client,
    base: &str,
    db: &Db,
    resource: i64,
) -> anyhow::Result<Option<(Stats, usize, usize)>> {
    let (token,): (String,) = db
        .fetch_one(sql("SELECT feed_token FROM resources WHERE id = $1").bind(resource))
        .await?;
    let url = format!("{base}/calendar/resources/{token}.ics");
    let mut times = Vec::new();
    let (mut bytes, mut events) = (0, 0);
    for i in 0..21 {
        let t = Instant::now();
        let r = client.get(&url).send().await?;
        if !r.status().is_success() {
            return Ok(None);
        }
        let text = r.text().await?;
        if i > 0 {
            times.push(t.elapsed());
        }
        bytes = text.len();
        events = text.matches("BEGIN:VEVENT").count();
    }
    Ok(Stats::of(&times).map(|s| (s, events, bytes)))
}

async fn bench_token(db: &Db) -> anyhow::Result<String> {
    const EMAIL: &str = "bench-sharing@vaski.example";
    let user = match account::user_by_email(db, EMAIL).await? {
        Some(u) => u,
        None => {
            let email = Email::parse(EMAIL).map_err(|_| anyhow::anyhow!("bench email"))?;
            account::create_user(
                db,
                NewUser {
                    email: &email,
                    name: "Bench",
                    role: Role::Staff,
                    organisation_id: None,
                    password_hash: None,
                    language: Language::Fi,
                },
                &Actor::system("bench"),
            )
            .await?;
            account::user_by_email(db, EMAIL)
                .await?
                .context("bench user")?
        }
    };
    let token = vaski_web::auth::token::new_api_token();
    account::create_api_token(
        db,
        user.id,
        &vaski_web::auth::token::hash_secret(&token),
        "bench",
        &Actor::system("bench"),
    )
    .await?;
    Ok(token)
}

async fn time_availability(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> anyhow::Result<Option<Stats>> {
    let from = first_day()
        .checked_add(SignedDuration::from_hours(24 * 14))
        .unwrap_or(first_day());
    let to = from
        .checked_add(SignedDuration::from_hours(24 * 7))
        .unwrap_or(from);
    let url = format!("{base}/api/v1/availability?from={from}&to={to}&duration_minutes=120");
    let mut times = Vec::new();
    for i in 0..11 {
        let t = Instant::now();
        let r = client.get(&url).bearer_auth(token).send().await?;
        if !r.status().is_success() {
            println!(
                "  availability: {} (not available in this build?)",
                r.status()
            );
            return Ok(None);
        }
        r.bytes().await?;
        if i > 0 {
            times.push(t.elapsed());
        }
    }
    Ok(Stats::of(&times))
}

#[derive(Debug, Default)]
struct Throughput {
    sent: usize,
    accepted: usize,
    refused: usize,
    failed: usize,
    elapsed: Duration,
    latencies: Option<Stats>,
    /// CPU seconds per answered request: the server process, and the PostgreSQL backends.
    cpu_per_request: (f64, f64),
}

/// 16 clients book one-hour slots 11–18 on random days of the filled calendar across 100
/// resources; clashes (409) are part of the load.
async fn api_load(
    base: &str,
    token: &str,
    booker: i64,
    ids: &[i64],
    args: &SharingArgs,
) -> anyhow::Result<Throughput> {
    let booker_probe = reqwest::Client::new()
        .post(format!("{base}/api/v1/bookings"))
        .bearer_auth(token)
        .json(&serde_json::json!({}))
        .send()
        .await?;
    if booker_probe.status().as_u16() == 404 || booker_probe.status().as_u16() == 405 {
        println!(
            "  bookings API: {} (not available in this build)",
            booker_probe.status()
        );
        return Ok(Throughput::default());
    }
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..args.clients {
        let (next, base, token, ids) = (
            next.clone(),
            base.to_string(),
            token.to_string(),
            ids.to_vec(),
        );
        let total = args.requests;
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut rng = StdRng::seed_from_u64(c as u64);
            let mut out = (0usize, 0usize, 0usize, Vec::new());
            while next.fetch_add(1, Ordering::Relaxed) < total {
                let id = ids[rng.gen_range(0..ids.len())];
                let d = day_after(rng.gen_range(0..300));
                let h: i8 = rng.gen_range(11..18);
                let (Ok(start), Ok(end)) = (local(d, h, 0), local(d, h + 1, 0)) else { continue };
                let body = serde_json::json!({
                    "resource_id": id,
                    "starts_at": start.to_zoned(helsinki().clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    "ends_at": end.to_zoned(helsinki().clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    "purpose": API_PURPOSE,
                    "booker_organisation_id": booker,
                });
                let t = Instant::now();
                match client.post(format!("{base}/api/v1/bookings")).bearer_auth(&token).json(&body).send().await {
                    Ok(r) if r.status().as_u16() == 201 => out.0 += 1,
                    Ok(r) if r.status().as_u16() == 409 => out.1 += 1,
                    Ok(r) => {
                        if out.2 == 0 && c == 0 {
                            let status = r.status();
                            let text = r.text().await.unwrap_or_default();
                            println!("  first failed booking: {status} {text}");
                        }
                        out.2 += 1;
                    }
                    Err(e) => {
                        if out.2 == 0 && c == 0 {
                            println!("  first failed booking: {e}");
                        }
                        out.2 += 1;
                    }
                }
                out.3.push(t.elapsed());
            }
            out
        }));
    }
    let mut result = Throughput::default();
    let mut latencies = Vec::new();
    for t in tasks {
        let (a, r, f, l) = t.await?;
        result.accepted += a;
        result.refused += r;
        result.failed += f;
        latencies.extend(l);
    }
    result.elapsed = started.elapsed();
    result.sent = latencies.len();
    result.latencies = Stats::of(&latencies);
    Ok(result)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[allow(clippy::too_many_arguments)]
fn markdown(
    args: &SharingArgs,
    machine: &Machine,
    filled: Option<Duration>,
    series: &Option<Stats>,
    feed: &Option<(Stats, usize, usize)>,
    availability: &Option<Stats>,
    t: &Throughput,
    memory: Option<(u64, u64)>,
    backend: Backend,
) -> String {
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    let mut rows = Vec::new();
    match series {
        Some(s) => rows.push(format!("| 52-week recurring booking checked and stored (store call), median / p99 | {} / {} | < 50 ms | {} |", ms(s.median), ms(s.p99), verdict(s.median < Duration::from_millis(50)))),
        None => rows.push("| 52-week recurring booking | not measured | < 50 ms | |".into()),
    }
    match availability {
        Some(s) => rows.push(format!("| Availability search, all resources, one week (`GET /api/v1/availability`), median / p99 | {} / {} | < 100 ms | {} |", ms(s.median), ms(s.p99), verdict(s.median < Duration::from_millis(100)))),
        None => rows.push("| Availability search, all resources, one week | not available in this build | < 100 ms | not measured |".into()),
    }
    match feed {
        Some((s, events, bytes)) => rows.push(format!("| Feed of a resource with {events} bookings ({:.1} MB), median / p99 | {} / {} | < 100 ms | {} |", *bytes as f64 / 1e6, ms(s.median), ms(s.p99), verdict(s.median < Duration::from_millis(100)))),
        None => rows.push("| Resource feed | not available | < 100 ms | |".into()),
    }
    if t.sent > 0 {
        let per_second = t.accepted as f64 / t.elapsed.as_secs_f64();
        let answered = t.sent as f64 / t.elapsed.as_secs_f64();
        rows.push(format!("| Bookings accepted per second through the API, {} clients, 100 resources | {per_second:.0}/s ({} accepted, {} refused as clashes, {} failed; {answered:.0} answers/s{}) | ≥ 1 000/s | {} |",
            args.clients, t.accepted, t.refused, t.failed,
            t.latencies.as_ref().map(|l| format!(", median {}", ms(l.median))).unwrap_or_default(),
            verdict(per_second >= 1000.0)));
        let (server, database) = t.cpu_per_request;
        rows.push(match backend {
            Backend::Sqlite => format!(
                "| CPU time per booking request (server process) | {:.2} ms | | |",
                server * 1000.0
            ),
            Backend::Postgres => format!(
                "| CPU time per booking request (server process / database backends) | {:.2} / {:.2} ms | | |",
                server * 1000.0,
                database * 1000.0
            ),
        });
    } else {
        rows.push("| Bookings per second through the API | not available in this build | ≥ 1 000/s | not measured |".into());
    }
    if let Some((peak, _)) = memory {
        rows.push(format!(
            "| Server peak memory (VmHWM) | {} MB | | |",
            peak / 1024
        ));
    }
    rows.push(format!(
        "| Fill of the database | {} | | |",
        filled
            .map(|d| format!("{:.1} s", d.as_secs_f64()))
            .unwrap_or_else(|| "reused (`--reuse`)".into())
    ));
    let db = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    format!(
        "## Shared use, {db}, {}\n\nConditions: {} resources, {} bookings; {} CPUs ({}), load average {}; {} build. Command: `vaski bench-sharing --database-url {}`.\n\n| Figure | Measured | Target | |\n|---|---:|---:|---|\n{}\n\n",
        time::OffsetDateTime::now_utc().date(),
        args.resources, args.bookings, machine.cpus, machine.cpu_model, load_average(),
        if cfg!(debug_assertions) { "debug" } else { "release" },
        redact(&args.database_url),
        rows.join("\n")
    )
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(a), Some(b)) if b > a => format!("{}://…@{}", &url[..a], &url[b + 1..]),
        _ => url.to_string(),
    }
}
