//! The results as a Markdown section, and its place in `docs/benchmarks.md`.

use super::fill::{FillReport, Sizes};
use super::import::Outcome;
use super::load::Stats;
use anyhow::Context;
use std::path::Path;
use std::time::Duration;
use vaski_store::Backend;

pub const LIST_MEDIAN_TARGET: Duration = Duration::from_millis(50);
pub const LIST_P99_TARGET: Duration = Duration::from_millis(150);
pub const HEALTH_TARGET: Duration = Duration::from_millis(300);
pub const IMPORT_TARGET: Duration = Duration::from_secs(10);
pub const RSS_TARGET_MB: f64 = 300.0;

/// The machine the figures were taken on.
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    pub load_before: String,
    pub load_after: String,
}

impl Machine {
    pub fn probe() -> Machine {
        let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("model name"))
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let memory_gib = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
        Machine {
            cpus,
            cpu_model,
            memory_gib,
            load_before: load_average(),
            load_after: String::new(),
        }
    }
}

/// The one-minute load average, as `/proc/loadavg` gives it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// One list URL: how many organisations it matches and how fast it was.
pub struct ProbeRow {
    pub label: String,
    pub matches: i64,
    pub under_load: Option<Stats>,
    pub alone: Duration,
}

pub struct Results {
    pub backend: Backend,
    pub database: String,
    pub date: String,
    pub command: String,
    pub profile: &'static str,
    pub machine: Machine,
    pub sizes: Sizes,
    /// Other tables and their rows, for the conditions.
    pub other_rows: Vec<(&'static str, u64)>,
    pub fill: Option<FillReport>,
    pub clients: usize,
    pub requests: usize,
    pub list: Option<Stats>,
    pub list_per_second: f64,
    /// CPU seconds per list request: the server process, and the PostgreSQL backends serving
    /// the bench database (zero on SQLite, which runs inside the server).
    pub cpu_per_request: (f64, f64),
    pub list_failures: usize,
    pub first_failure: Option<String>,
    pub probes: Vec<ProbeRow>,
    /// `None`: the page is not in this build.
    pub health_route: Option<Stats>,
    pub health_store: Option<Stats>,
    pub peak_rss_kb: Option<u64>,
    /// Peak memory once the server is up, and once the clients have logged in.
    pub rss_at_start: Option<u64>,
    pub rss_after_logins: Option<u64>,
    pub import_rows: usize,
    pub import_file_bytes: u64,
    pub import_empty: Option<Outcome>,
    pub import_filled: Option<Outcome>,
    pub total: Duration,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Thousands separated by a space, as in Finnish.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let (head, rest) = s.split_at(s.len() % 3);
    let mut out = head.to_string();
    for group in rest.as_bytes().chunks(3) {
        if !out.is_empty() {
            out.push('\u{a0}');
        }
        out.push_str(std::str::from_utf8(group).unwrap_or(""));
    }
    out
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

fn import_cell(o: &Option<Outcome>) -> (String, &'static str) {
    match o {
        None => ("not run (`--skip-import`)".into(), ""),
        Some(Outcome::NotAvailable) => {
            ("import: not available in this build".into(), "not measured")
        }
        Some(Outcome::Failed(e)) => (format!("failed: {e}"), "not measured"),
        Some(Outcome::Done { elapsed, summary }) => {
            let s = if summary.is_empty() {
                secs(*elapsed)
            } else {
                format!("{} ({})", secs(*elapsed), summary.replace('|', "/"))
            };
            (s, verdict(*elapsed < IMPORT_TARGET))
        }
    }
}

impl Results {
    pub fn marker(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    pub fn title(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let push = |md: &mut String, s: &str| {
            md.push_str(s);
            md.push('\n');
        };
        push(&mut md, &format!("## {}, {}", self.title(), self.date));
        push(&mut md, "");
        let others: Vec<String> = self
            .other_rows
            .iter()
            .map(|(t, n)| format!("{} {t}", thousands(*n)))
            .collect();
        push(
            &mut md,
            &format!(
                "Conditions: {db}; {orgs} organisations, {people} people, {interactions} interactions ({others}); \
                 {clients} concurrent clients, {requests} list requests; {cpus} CPUs ({model}), {mem:.1} GiB memory, \
                 load average {lb} at the start and {la} at the end (other work was running: figures are noisy); \
                 {profile} build. Command: `{command}`.",
                db = self.database,
                orgs = thousands(self.sizes.organisations),
                people = thousands(self.sizes.people),
                interactions = thousands(self.sizes.interactions),
                others = others.join(", "),
                clients = self.clients,
                requests = thousands(self.requests as u64),
                cpus = self.machine.cpus,
                model = self.machine.cpu_model,
                mem = self.machine.memory_gib,
                lb = self.machine.load_before,
                la = self.machine.load_after,
                profile = self.profile,
                command = self.command,
            ),
        );
        push(&mut md, "");
        push(&mut md, "| Figure | Measured | Target | |");
        push(&mut md, "|---|---:|---:|---|");
        match &self.list {
            Some(s) => {
                push(
                    &mut md,
                    &format!(
                        "| List page, median | {} | < {} | {} |",
                        ms(s.median),
                        ms(LIST_MEDIAN_TARGET),
                        verdict(s.median < LIST_MEDIAN_TARGET)
                    ),
                );
                push(&mut md, &format!("| List page, p90 | {} | | |", ms(s.p90)));
                push(
                    &mut md,
                    &format!(
                        "| List page, p99 | {} | < {} | {} |",
                        ms(s.p99),
                        ms(LIST_P99_TARGET),
                        verdict(s.p99 < LIST_P99_TARGET)
                    ),
                );
                push(&mut md, &format!("| List page, max | {} | | |", ms(s.max)));
                push(
                    &mut md,
                    &format!(
                        "| List pages per second | {:.1} | | {} failed |",
                        self.list_per_second, self.list_failures
                    ),
                );
                let (server, database) = self.cpu_per_request;
                let cpu = server + database;
                let cpus = self.machine.cpus.max(1) as f64;
                let cpu_text = match self.backend {
                    Backend::Sqlite => {
                        format!("{:.1} ms (server with SQLite inside)", server * 1000.0)
                    }
                    Backend::Postgres => format!(
                        "{:.1} ms (server {:.1} ms + PostgreSQL {:.1} ms)",
                        cpu * 1000.0,
                        server * 1000.0,
                        database * 1000.0
                    ),
                };
                push(
                    &mut md,
                    &format!("| CPU time per list request | {cpu_text} | | |"),
                );
                if cpu > 0.0 {
                    // With every client always waiting for an answer, the median is about
                    // clients × CPU per request / CPUs once the CPUs are saturated.
                    push(
                        &mut md,
                        &format!(
                            "| … on {cpus:.0} idle CPUs: at most | {:.0} pages/s, median ≈ {} with {} clients | ≤ {:.1} ms CPU per page for a 50 ms median | {} |",
                            cpus / cpu,
                            ms(Duration::from_secs_f64(self.clients as f64 * cpu / cpus)),
                            self.clients,
                            LIST_MEDIAN_TARGET.as_secs_f64() * 1000.0 * cpus / self.clients.max(1) as f64,
                            verdict(self.clients as f64 * cpu / cpus < LIST_MEDIAN_TARGET.as_secs_f64())
                        ),
                    );
                }
            }
            None => push(
                &mut md,
                "| List page | no successful request | | **missed** |",
            ),
        }
        match &self.health_route {
            Some(s) => push(
                &mut md,
                &format!(
                    "| Health view `GET /network/health`, median / p99 ({} requests, one at a time) | {} / {} | < {} | {} |",
                    s.count,
                    ms(s.median),
                    ms(s.p99),
                    ms(HEALTH_TARGET),
                    verdict(s.p99 < HEALTH_TARGET)
                ),
            ),
            None => push(
                &mut md,
                &format!(
                    "| Health view `GET /network/health` | not available in this build | < {} | not measured |",
                    ms(HEALTH_TARGET)
                ),
            ),
        }
        if let Some(s) = &self.health_store {
            push(
                &mut md,
                &format!(
                    "| Health figures, store call `health()` alone, median / p99 ({} calls) | {} / {} | < {} | {} |",
                    s.count,
                    ms(s.median),
                    ms(s.p99),
                    ms(HEALTH_TARGET),
                    verdict(s.p99 < HEALTH_TARGET)
                ),
            );
        }
        let (empty, v) = import_cell(&self.import_empty);
        push(
            &mut md,
            &format!(
                "| Import of {} XLSX rows ({:.1} MB), empty database | {empty} | < {} | {v} |",
                thousands(self.import_rows as u64),
                self.import_file_bytes as f64 / 1_000_000.0,
                secs(IMPORT_TARGET)
            ),
        );
        let (filled, v) = import_cell(&self.import_filled);
        push(
            &mut md,
            &format!(
                "| Import of {} XLSX rows, filled database (half of them known) | {filled} | < {} | {v} |",
                thousands(self.import_rows as u64),
                secs(IMPORT_TARGET)
            ),
        );
        match self.peak_rss_kb {
            Some(kb) => {
                let mb = kb as f64 / 1024.0;
                push(
                    &mut md,
                    &format!(
                        "| Server peak memory (VmHWM) after the load | {mb:.0} MB | < {RSS_TARGET_MB:.0} MB | {} |",
                        verdict(mb < RSS_TARGET_MB)
                    ),
                );
                let mib = |kb: Option<u64>| {
                    kb.map_or("?".to_string(), |kb| {
                        format!("{:.0} MB", kb as f64 / 1024.0)
                    })
                };
                push(
                    &mut md,
                    &format!(
                        "| … of which: peak once started / after {} logins (argon2) | {} / {} | | |",
                        self.clients,
                        mib(self.rss_at_start),
                        mib(self.rss_after_logins)
                    ),
                );
            }
            None => push(&mut md, "| Server peak memory | not readable | | |"),
        }
        match &self.fill {
            Some(f) => push(
                &mut md,
                &format!("| Fill of the database | {} | | |", secs(f.total)),
            ),
            None => push(&mut md, "| Fill of the database | reused (`--reuse`) | | |"),
        }
        push(
            &mut md,
            &format!("| Whole bench run | {} | | |", secs(self.total)),
        );
        if let Some(e) = &self.first_failure {
            push(&mut md, "");
            push(&mut md, &format!("First failed request: `{e}`."));
        }
        push(&mut md, "");
        push(
            &mut md,
            "Each list URL (pages 1 to 10 in the load): organisations it matches, latency under the load, \
             and the store call the page makes, `organisation::list_capped`, alone (median over pages 1 to 10, no other load):",
        );
        push(&mut md, "");
        push(
            &mut md,
            "| Query | Matches | Median under load | p99 under load | Store call alone |",
        );
        push(&mut md, "|---|---:|---:|---:|---:|");
        for p in &self.probes {
            let (median, p99) = p
                .under_load
                .map_or(("–".to_string(), "–".to_string()), |s| {
                    (ms(s.median), ms(s.p99))
                });
            push(
                &mut md,
                &format!(
                    "| `{}` | {} | {median} | {p99} | {} |",
                    p.label,
                    thousands(p.matches.max(0) as u64),
                    ms(p.alone)
                ),
            );
        }
        if let Some(f) = &self.fill {
            push(&mut md, "");
            let parts: Vec<String> = f
                .tables
                .iter()
                .filter(|(_, _, d)| !d.is_zero())
                .map(|(t, _, d)| format!("{t} {}", secs(*d)))
                .collect();
            push(
                &mut md,
                &format!("Fill time by table: {}.", parts.join(", ")),
            );
        }
        md
    }
}

const INTRO: &str = "# Benchmarks\n\n\
Figures written by `vaski bench` (see `crates/cli/src/bench/`). Each database has its own \
section, replaced by the next run on that database. The targets are those of the issue: on a \
2-core machine with 100 000 organisations, 300 000 people and 1 000 000 interactions, a \
filtered and searched organisation list page answers in under 50 ms at the median and 150 ms \
at p99 under 16 concurrent clients; the health view in under 300 ms; importing a 50 000-row \
XLSX file takes under 10 s; the server's peak memory stays under 300 MB.\n\n\
Run it with a release build, on a fresh database:\n\n\
```sh\n\
cargo run --release -p vaski-cli -- bench --database-url sqlite:/tmp/vaski-bench.db\n\
cargo run --release -p vaski-cli -- bench --database-url postgres://postgres@127.0.0.1/vaski_bench\n\
```\n\n\
`--reuse` measures a database an earlier run filled (same sizes); `--no-write` only prints.\n";

/// Puts the section of this database into the file, between its markers, keeping the rest.
pub fn write_section(path: &Path, r: &Results) -> anyhow::Result<()> {
    write_marked(path, r.marker(), &r.markdown())
}

/// Puts a section between its markers `<!-- bench:MARKER -->`, keeping the rest of the file.
pub fn write_marked(path: &Path, marker: &str, markdown: &str) -> anyhow::Result<()> {
    let start = format!("<!-- bench:{marker} -->");
    let end = format!("<!-- /bench:{marker} -->");
    let section = format!("{start}\n{markdown}{end}\n");
    let existing = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => INTRO.to_string(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let updated = match (existing.find(&start), existing.find(&end)) {
        (Some(a), Some(b)) if b > a => {
            let after = &existing[b + end.len()..];
            let after = after.strip_prefix('\n').unwrap_or(after);
            format!("{}{section}{after}", &existing[..a])
        }
        _ => {
            let sep = if existing.ends_with("\n\n") {
                ""
            } else if existing.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            format!("{existing}{sep}{section}")
        }
    };
    std::fs::write(path, updated).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_with_spaces() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1\u{a0}000");
        assert_eq!(thousands(1_000_000), "1\u{a0}000\u{a0}000");
        assert_eq!(thousands(50_000), "50\u{a0}000");
    }

    #[test]
    fn a_section_is_replaced_between_its_markers() {
        let dir = std::env::temp_dir().join(format!("vaski-bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("benchmarks.md");
        std::fs::write(
            &path,
            "# B\n\n<!-- bench:sqlite -->\nold\n<!-- /bench:sqlite -->\n\ntail\n",
        )
        .expect("write");
        let r = Results {
            backend: Backend::Sqlite,
            database: "SQLite".into(),
            date: "2025-01-01".into(),
            command: "vaski bench".into(),
            profile: "release",
            machine: Machine {
                cpus: 2,
                cpu_model: "cpu".into(),
                memory_gib: 1.0,
                load_before: "0".into(),
                load_after: "0".into(),
            },
            sizes: Sizes {
                organisations: 1,
                people: 1,
                interactions: 1,
            },
            other_rows: Vec::new(),
            fill: None,
            clients: 1,
            requests: 1,
            list: None,
            list_per_second: 0.0,
            cpu_per_request: (0.0, 0.0),
            list_failures: 0,
            first_failure: None,
            probes: Vec::new(),
            health_route: None,
            health_store: None,
            peak_rss_kb: None,
            rss_at_start: None,
            rss_after_logins: None,
            import_rows: 1,
            import_file_bytes: 0,
            import_empty: Some(Outcome::NotAvailable),
            import_filled: None,
            total: Duration::from_secs(1),
        };
        write_section(&path, &r).expect("write the section");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("# B\n\n<!-- bench:sqlite -->\n## SQLite, 2025-01-01"));
        assert!(!text.contains("old"));
        assert!(text.ends_with("<!-- /bench:sqlite -->\n\ntail\n"));
        assert!(text.contains("import: not available in this build"));
        let r = Results {
            backend: Backend::Postgres,
            ..r
        };
        write_section(&path, &r).expect("write another section");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("<!-- bench:sqlite -->") && text.contains("<!-- bench:postgres -->"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
