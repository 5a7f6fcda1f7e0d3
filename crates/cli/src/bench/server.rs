//! The server under test: `vaski serve` started as a child process on a free loopback port,
//! and the figures of its memory read from `/proc`.

use anyhow::{bail, Context};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `vaski serve --bind 127.0.0.1:0` on the database and waits for the line that
    /// names its address.
    pub async fn start(database_url: &str) -> anyhow::Result<Server> {
        let exe = std::env::current_exe().context("cannot find the vaski executable")?;
        let mut child = Command::new(exe)
            .args([
                "--database-url",
                database_url,
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .env("VASKI_LOG", "warn,sqlx=error")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start the server")?;
        let stdout = child
            .stdout
            .take()
            .context("the server's standard output is not readable")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(rest) = line.strip_prefix("Vaski is running at ") {
                    return Ok::<_, std::io::Error>(Some(rest.trim_end_matches('/').to_string()));
                }
            }
            Ok(None)
        })
        .await;
        let base = match first {
            Ok(Ok(Some(base))) => base,
            Ok(Ok(None)) => bail!("the server stopped before it was ready"),
            Ok(Err(e)) => return Err(e).context("cannot read the server's output"),
            Err(_) => bail!("the server did not start within two minutes"),
        };
        // Keep reading, so that the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server { child, base })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Peak and current resident memory of the server, in kB (VmHWM, VmRSS).
    pub fn memory_kb(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }

    /// Asks the server to stop (SIGTERM, so that it finishes cleanly), and kills it if it has
    /// not stopped within ten seconds.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(pid) = self.child.id() {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .await;
        }
        match tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await {
            Ok(status) => {
                status.context("cannot wait for the server")?;
            }
            Err(_) => {
                self.child.kill().await.context("cannot stop the server")?;
            }
        }
        Ok(())
    }
}

/// Clock ticks per second of `/proc/*/stat` (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU time a process has used, from `/proc/PID/stat`.
fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which may hold spaces) and its closing bracket:
    // state is field 3, utime field 14 and stime field 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / TICKS_PER_SECOND)
}

/// The PostgreSQL database the bench runs on, whose backends' CPU time [`cpu_used`] counts;
/// `None` on SQLite, where the server process does all the work.
pub async fn postgres_database(db: &vaski_store::Db) -> anyhow::Result<Option<String>> {
    Ok(match db.backend() {
        vaski_store::Backend::Postgres => Some(
            db.fetch_one::<(String,)>(vaski_store::sql("SELECT current_database()"))
                .await?
                .0,
        ),
        vaski_store::Backend::Sqlite => None,
    })
}

/// CPU time used so far by the server process, and by the PostgreSQL backends serving the
/// named database (their process title is `postgres: USER DB ...`).
pub fn cpu_used(server_pid: Option<u32>, postgres_database: Option<&str>) -> (f64, f64) {
    let server = server_pid
        .and_then(|p| cpu_seconds(&p.to_string()))
        .unwrap_or(0.0);
    let mut database = 0.0;
    if let Some(db) = postgres_database {
        let needle = format!(" {db} ");
        if let Ok(entries) = std::fs::read_dir("/proc") {
            for e in entries.flatten() {
                let name = e.file_name();
                let Some(pid) = name
                    .to_str()
                    .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                else {
                    continue;
                };
                let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
                    continue;
                };
                let cmdline = String::from_utf8_lossy(&cmdline);
                if cmdline.starts_with("postgres: ") && cmdline.contains(&needle) {
                    database += cpu_seconds(pid).unwrap_or(0.0);
                }
            }
        }
    }
    (server, database)
}
