//! `vaski bench-strategy`: Suunta's performance targets (issue 4) on a database filled with the
//! partner network of `vaski bench` (100 000 organisations, 1 000 000 interactions over three
//! years, agreements, owners, tags and forms) and, on top of it, 1 000 resources and 500 000
//! bookings over five years by the network's organisations. It times:
//!
//! 1. each computed indicator's value today (median of five);
//! 2. the scorecard of a plan of thirty computed indicators (every computed indicator of the
//!    whole network and fourteen scoped ones), with and without the trends;
//! 3. each computed indicator's history of 60 month ends (median of three).

use super::fill::{self, Inserter, Sizes};
use super::gen::{self, Gen, Stream};
use super::report::{load_average, write_marked, Machine};
use anyhow::{bail, Context};
use jiff::civil::Date as CivilDate;
use rand::Rng;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use time::{Date, OffsetDateTime};
use vaski_domain::network::OrganisationKind;
use vaski_domain::reference::industry::Industry;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::strategy::indicator::IndicatorInput;
use vaski_domain::strategy::plan::PlanInput;
use vaski_store::db::to_offset_date_time;
use vaski_store::strategy::computed::{self, ComputedIndicator, Scope};
use vaski_store::strategy::scorecard::{self, Trends};
use vaski_store::strategy::{indicator, plan};
use vaski_store::{sql, Actor, Backend, Db, Value};

pub const VALUE_TARGET: Duration = Duration::from_millis(300);
pub const HISTORY_TARGET: Duration = Duration::from_secs(1);
const DEFAULT_SEED: u64 = 20_240_801;
const UNITS: &[&str] = &["tekniikka", "hyvinvointi", "palvelut", "liiketalous"];
/// How far back the bookings go.
const BOOKING_DAYS: i64 = 5 * 365;

#[derive(clap::Args, Debug)]
pub struct StrategyArgs {
    /// The database to fill and measure (empty, or filled by an earlier run with --reuse).
    #[arg(
        long = "database-url",
        default_value = "sqlite:vaski-bench-strategy.db"
    )]
    pub database_url: String,
    #[arg(long, default_value_t = 100_000)]
    pub organisations: u64,
    /// People do not enter any indicator; the default leaves them out to fill faster.
    #[arg(long, default_value_t = 0)]
    pub people: u64,
    #[arg(long, default_value_t = 1_000_000)]
    pub interactions: u64,
    #[arg(long, default_value_t = 1000)]
    pub resources: u64,
    #[arg(long, default_value_t = 500_000)]
    pub bookings: u64,
    /// Measures a database that an earlier run filled, if its sizes match.
    #[arg(long)]
    pub reuse: bool,
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    #[arg(long, default_value = "docs/benchmarks.md")]
    pub write: PathBuf,
    #[arg(long)]
    pub no_write: bool,
}

fn step(started: Instant, what: &str) {
    eprintln!("[{:>7.1} s] {what}", started.elapsed().as_secs_f64());
}

pub async fn run(args: StrategyArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut machine = Machine::probe();
    let today = OffsetDateTime::now_utc().date();
    let db = crate::connect(&args.database_url).await?;
    let wanted = Sizes {
        organisations: args.organisations,
        people: args.people,
        interactions: args.interactions,
    };
    let existing = fill::existing_sizes(&db).await?;
    let (bookings_now,): (i64,) = db.fetch_one(sql("SELECT COUNT(*) FROM bookings")).await?;
    let fill_time = if existing.organisations == 0 {
        step(
            started,
            &format!(
                "filling {} organisations, {} interactions, {} resources and {} bookings",
                args.organisations, args.interactions, args.resources, args.bookings
            ),
        );
        let t = Instant::now();
        let gen = Gen::new(args.seed, today);
        fill::fill(&db, &gen, wanted).await?;
        step(started, "the network is filled; now the shared use");
        fill_sharing(&db, &args, today).await?;
        Some(t.elapsed())
    } else if args.reuse && existing == wanted && bookings_now == 0 {
        // A run that stopped after the network (see docs/benchmarks.md) goes on from there.
        step(started, "the network is there; filling the shared use");
        let t = Instant::now();
        fill_sharing(&db, &args, today).await?;
        Some(t.elapsed())
    } else if args.reuse {
        if existing != wanted || bookings_now < args.bookings as i64 {
            bail!("the database holds other sizes than asked for; give the same sizes or a fresh database");
        }
        step(started, "reusing the filled database");
        None
    } else {
        bail!(
            "the database {} is not empty; give a fresh database, or --reuse",
            crate::redact(&args.database_url)
        );
    };

    step(started, "timing each indicator's value today");
    let whole = Scope::default();
    let mut values = Vec::new();
    for indicator in ComputedIndicator::all() {
        let (value, time) =
            median_of(5, || computed::value_at(&db, indicator, &whole, today)).await?;
        values.push((indicator.key(), value, time));
    }

    step(
        started,
        "timing the scorecard of a plan of thirty indicators",
    );
    let plan_id = scorecard_plan(&db, today).await?;
    let year = today.year();
    // Once to warm the caches as a running server's are, then timed nine times (the figures)
    // and three times (with the trends): the median of three varied by ±10 % from run to run.
    let figures_time = median_after_warming(9, || {
        scorecard::for_year(&db, plan_id, year, Trends::Without)
    })
    .await?;
    let trends_time =
        median_after_warming(3, || scorecard::for_year(&db, plan_id, year, Trends::With)).await?;
    let scorecard_count = scorecard_indicators().len();

    step(started, "timing each indicator's 60-month history");
    let months = month_ends(today, 60);
    let mut histories = Vec::new();
    for indicator in ComputedIndicator::all() {
        let (_, time) = median_of(3, || computed::history(&db, indicator, &whole, &months)).await?;
        histories.push((indicator.key(), time));
    }
    machine.load_after = load_average();

    let md = markdown(
        &args,
        &machine,
        db.backend(),
        fill_time,
        &values,
        scorecard_count,
        (figures_time, trends_time),
        &histories,
    );
    println!("{md}");
    if !args.no_write {
        let marker = match db.backend() {
            Backend::Sqlite => "strategy-sqlite",
            Backend::Postgres => "strategy-postgres",
        };
        write_marked(&args.write, marker, &md)?;
        println!(
            "vaski bench-strategy: wrote the results to {}",
            args.write.display()
        );
    }
    Ok(())
}

/// Runs `f` `n` times; its last result and the median time.
async fn median_of<T, F, Fut>(n: usize, mut f: F) -> anyhow::Result<(T, Duration)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, vaski_store::StoreError>>,
{
    let mut times = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        last = Some(f().await?);
        times.push(t.elapsed());
    }
    times.sort();
    let value = last.context("no run")?;
    Ok((value, times[times.len() / 2]))
}

/// Runs `f` once unmeasured, then `n` times; the median time.
async fn median_after_warming<T, F, Fut>(n: usize, mut f: F) -> anyhow::Result<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, vaski_store::StoreError>>,
{
    f().await?;
    let (_, time) = median_of(n, f).await?;
    Ok(time)
}

/// The bench's plan: thirty computed indicators (those of [`scorecard_indicators`]), made on
/// the first run and found again with `--reuse`.
async fn scorecard_plan(db: &Db, today: Date) -> anyhow::Result<i64> {
    const TITLE: &str = "Mittaussuunnitelma";
    if let Some(p) = plan::list(db).await?.into_iter().find(|p| p.title == TITLE) {
        return Ok(p.id);
    }
    let actor = Actor::system("bench");
    let draft = PlanInput {
        title: TITLE.into(),
        vision: "Verkostomainen työelämäyhteistyö.".into(),
        first_year: (today.year() - 3).to_string(),
        last_year: (today.year() + 1).to_string(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("the bench plan: {e:?}"))?;
    let mut tx = db.begin().await?;
    let plan_id = plan::create(&mut tx, 1, &draft, &actor).await?;
    for (indicator, scope) in scorecard_indicators() {
        let suffix = if scope.unit.is_some() {
            ".unit"
        } else if scope.field.is_some() {
            ".field"
        } else if scope.kind.is_some() {
            ".kind"
        } else {
            ""
        };
        let draft = IndicatorInput {
            key: format!("{}{suffix}", indicator.key()),
            name: format!("{}{suffix}", indicator.key()),
            direction: "higher".into(),
            computed: indicator.key(),
            baseline_value: "1".into(),
            scope_field: scope.field.map(|f| f.code.clone()).unwrap_or_default(),
            scope_unit: scope.unit.clone().unwrap_or_default(),
            scope_kind: scope.kind.map(|k| k.code().to_string()).unwrap_or_default(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| anyhow::anyhow!("the bench indicator {}: {e:?}", indicator.key()))?;
        indicator::create(&mut tx, plan_id, &draft, &actor).await?;
    }
    tx.commit().await?;
    Ok(plan_id)
}

/// The last days of the `n` months up to this one (this month's is today).
fn month_ends(today: Date, n: usize) -> Vec<Date> {
    let mut ends = vec![today];
    let mut first = today.replace_day(1).unwrap_or(today);
    while ends.len() < n {
        let Some(last) = first.previous_day() else {
            break;
        };
        ends.push(last);
        first = last.replace_day(1).unwrap_or(last);
    }
    ends.reverse();
    ends
}

/// Every computed indicator of the whole network, and scoped ones up to thirty.
fn scorecard_indicators() -> Vec<(ComputedIndicator, Scope)> {
    let mut all: Vec<(ComputedIndicator, Scope)> = ComputedIndicator::all()
        .into_iter()
        .map(|c| (c, Scope::default()))
        .collect();
    let scoped = [
        Scope {
            unit: Some(UNITS[0].into()),
            ..Default::default()
        },
        Scope {
            field: Industry::by_code("C"),
            ..Default::default()
        },
        Scope {
            kind: Some(OrganisationKind::Company),
            ..Default::default()
        },
    ];
    let repeated = [
        ComputedIndicator::ActivePartners,
        ComputedIndicator::SingleOwnerShare,
        ComputedIndicator::NewPartners,
        ComputedIndicator::ExternalBookings,
        ComputedIndicator::Utilisation,
    ];
    for scope in &scoped {
        for c in repeated {
            if all.len() < 30 {
                all.push((c, scope.clone()));
            }
        }
    }
    all
}

fn local(d: Date, minute: i64) -> anyhow::Result<Value> {
    let civil = CivilDate::new(
        i16::try_from(d.year())?,
        i8::try_from(u8::from(d.month()))?,
        i8::try_from(d.day())?,
    )?;
    let ts = civil
        .to_datetime(jiff::civil::time(0, 0, 0, 0))
        .checked_add(jiff::SignedDuration::from_mins(minute))?
        .to_zoned(helsinki().clone())?
        .timestamp();
    Ok(to_offset_date_time(ts).into())
}

/// Units for the staff, three home organisations, the resources (some pools, most on weekday
/// hours, some following their location) and the bookings by the network's organisations.
async fn fill_sharing(db: &Db, args: &StrategyArgs, today: Date) -> anyhow::Result<()> {
    db.execute(sql(format!(
        "UPDATE users SET unit = CASE id % 4 WHEN 0 THEN '{}' WHEN 1 THEN '{}' WHEN 2 THEN '{}' ELSE '{}' END",
        UNITS[0], UNITS[1], UNITS[2], UNITS[3]
    )))
    .await?;
    db.execute(sql("UPDATE organisations SET home = TRUE WHERE id <= 3"))
        .await?;
    let now = OffsetDateTime::now_utc();
    let (location,): (i64,) = db
        .fetch_one(
            sql("INSERT INTO locations (organisation_id, name, created_at, updated_at) VALUES (1, 'Kampus', $1, $1) RETURNING id")
                .bind(now),
        )
        .await?;
    for weekday in 1..=5i64 {
        db.execute(
            sql("INSERT INTO opening_hours (location_id, weekday, opens_minute, closes_minute) VALUES ($1, $2, 420, 1260)")
                .bind(location)
                .bind(weekday),
        )
        .await?;
    }
    let mut r = gen::rng(args.seed, Stream::Sampling, 7);
    let mut resources = Inserter::new(
        db,
        "resources",
        &[
            "id",
            "name",
            "kind",
            "owner_organisation_id",
            "location_id",
            "quantity",
            "approval",
            "eligibility",
            "closed_on_public_holidays",
            "feed_token",
            "search_text",
            "created_at",
            "updated_at",
            "unit",
        ],
    );
    let mut quantities = Vec::new();
    for i in 0..args.resources {
        let id = i as i64 + 1;
        let owner: i64 = if r.gen_bool(0.8) {
            r.gen_range(1..=3)
        } else {
            r.gen_range(4..=args.organisations as i64)
        };
        let quantity: i64 = if r.gen_bool(0.1) { 5 } else { 1 };
        quantities.push(quantity);
        resources
            .push(vec![
                id.into(),
                format!("Resurssi {i}").into(),
                "machine".into(),
                owner.into(),
                (i % 10 == 0).then_some(location).into(),
                quantity.into(),
                "automatic".into(),
                "registered_partners".into(),
                (i % 3 != 0).into(),
                vaski_store::sharing::resource::new_feed_token().into(),
                format!(" resurssi {i}").into(),
                now.into(),
                now.into(),
                UNITS[(i % 4) as usize].into(),
            ])
            .await?;
    }
    resources.finish().await?;
    // Weekday hours for nine in ten (those at the location follow it), a closed day each.
    let mut hours = Inserter::new(
        db,
        "opening_hours",
        &["resource_id", "weekday", "opens_minute", "closes_minute"],
    );
    let mut closed_days = Vec::new();
    for i in 0..args.resources {
        if i % 10 == 0 {
            continue;
        }
        let (opens, closes) = if i % 2 == 0 { (480, 960) } else { (480, 1200) };
        for weekday in 1..=5i64 {
            hours
                .push(vec![
                    (i as i64 + 1).into(),
                    weekday.into(),
                    opens.into(),
                    closes.into(),
                ])
                .await?;
        }
        let closed = today - time::Duration::days(r.gen_range(0..BOOKING_DAYS));
        closed_days.push((i as i64 + 1, closed));
    }
    hours.finish().await?;
    // Only after the hours are in: each inserter holds its own write transaction, and on
    // SQLite a second one waits for the first until it gives up ("database is locked").
    let mut exceptions = Inserter::new(
        db,
        "opening_exceptions",
        &["resource_id", "on_date", "opens_minute", "closes_minute"],
    );
    for (resource, closed) in closed_days {
        exceptions
            .push(vec![
                resource.into(),
                closed.into(),
                Value::Int(None),
                Value::Int(None),
            ])
            .await?;
    }
    exceptions.finish().await?;

    // Bookers: the network's organisations, the more active ones more often.
    let bookers: Vec<i64> = (0..2000)
        .map(|_| {
            let u: f64 = r.gen();
            1 + ((u * u * u) * args.organisations as f64) as i64
        })
        .collect();
    let per_resource = (args.bookings / args.resources.max(1)).max(1);
    let first_day = today - time::Duration::days(BOOKING_DAYS);
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
            "uid",
            "created_at",
            "updated_at",
        ],
    );
    let mut uid = 0u64;
    for i in 0..args.resources {
        let id = i as i64 + 1;
        let quantity = quantities[i as usize];
        for k in 0..per_resource {
            // Spread over the five years, one slot a day at most, so no two overlap.
            let day =
                first_day + time::Duration::days((k as i64 * BOOKING_DAYS) / per_resource as i64);
            let start = 8 * 60 + 60 * r.gen_range(0..6i64);
            let length = 60 * r.gen_range(1..=4i64);
            let status = match r.gen_range(0..20) {
                0 | 1 => "cancelled",
                2 => "requested",
                _ => "confirmed",
            };
            let kind = if r.gen_range(0..25) == 0 {
                "block"
            } else {
                "booking"
            };
            let booker = if kind == "block" {
                None
            } else {
                Some(bookers[r.gen_range(0..bookers.len())])
            };
            uid += 1;
            let starts = local(day, start)?;
            let ends = local(day, start + length)?;
            bookings
                .push(vec![
                    id.into(),
                    kind.into(),
                    status.into(),
                    starts.clone(),
                    ends.clone(),
                    starts,
                    ends,
                    (if quantity > 1 {
                        r.gen_range(1..=quantity)
                    } else {
                        1
                    })
                    .into(),
                    (quantity == 1).into(),
                    booker.into(),
                    format!("strategy-{uid}@vaski").into(),
                    now.into(),
                    now.into(),
                ])
                .await?;
        }
    }
    bookings.finish().await?;
    if db.backend() == Backend::Postgres {
        db.execute(sql(
            "SELECT setval(pg_get_serial_sequence('resources', 'id'), (SELECT COALESCE(MAX(id), 1) FROM resources))",
        ))
        .await?;
        db.execute(sql("VACUUM ANALYZE")).await?;
    } else {
        db.execute(sql("ANALYZE")).await?;
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn verdict(d: Duration, target: Duration) -> &'static str {
    if d <= target {
        "✓"
    } else {
        "✗"
    }
}

#[allow(clippy::too_many_arguments)]
fn markdown(
    args: &StrategyArgs,
    machine: &Machine,
    backend: Backend,
    fill_time: Option<Duration>,
    values: &[(String, f64, Duration)],
    scorecard_count: usize,
    (figures_time, trends_time): (Duration, Duration),
    histories: &[(String, Duration)],
) -> String {
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    let date = OffsetDateTime::now_utc().date();
    let mut md = format!(
        "## Suunta's computed indicators, {name}, {date}\n\n\
         {} organisations, {} interactions, {} resources, {} bookings over five years \
         (`vaski bench-strategy`, release build). Machine: {} CPUs ({}), {:.1} GiB; one-minute \
         load average {} before and {} after.{}\n\n",
        args.organisations,
        args.interactions,
        args.resources,
        args.bookings,
        machine.cpus,
        machine.cpu_model,
        machine.memory_gib,
        machine.load_before,
        machine.load_after,
        fill_time
            .map(|t| format!(" Filled in {:.0} s.", t.as_secs_f64()))
            .unwrap_or_default(),
    );
    md.push_str(&format!(
        "| Measure | Time | Target |\n|---|---|---|\n\
         | The scorecard of a plan of {scorecard_count} computed indicators: every figure, progress, status and goal roll-up (`scorecard::for_year`, what the plan page, the public page, the exports and the API read) | {} | {} {} |\n\
         | The same with every indicator's trend at the plan's quarter ends (what the scorecard page draws) | {} | |\n",
        ms(figures_time),
        ms(VALUE_TARGET),
        verdict(figures_time, VALUE_TARGET),
        ms(trends_time),
    ));
    let slowest = histories.iter().map(|(_, t)| *t).max().unwrap_or_default();
    md.push_str(&format!(
        "| The slowest 60-month history | {} | {} {} |\n\n",
        ms(slowest),
        ms(HISTORY_TARGET),
        verdict(slowest, HISTORY_TARGET)
    ));
    md.push_str("| Indicator | Value today | Time today (median of 5) | 60-month history (median of 3) |\n|---|---|---|---|\n");
    for ((key, value, time), (_, history)) in values.iter().zip(histories) {
        md.push_str(&format!(
            "| `{key}` | {} | {} | {} |\n",
            if value.fract() == 0.0 {
                format!("{value:.0}")
            } else {
                format!("{value:.3}")
            },
            ms(*time),
            ms(*history)
        ));
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn sixty_month_ends_end_today_and_run_back_five_years() {
        let ends = month_ends(date!(2026 - 11 - 24), 60);
        assert_eq!(ends.len(), 60);
        assert_eq!(ends[59], date!(2026 - 11 - 24));
        assert_eq!(ends[58], date!(2026 - 10 - 31));
        assert_eq!(ends[0], date!(2021 - 12 - 31));
        assert!(ends.contains(&date!(2024 - 02 - 29)));
    }

    #[test]
    fn a_scorecard_holds_thirty_indicators() {
        assert_eq!(scorecard_indicators().len(), 30);
    }
}
