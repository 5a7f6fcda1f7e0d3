//! The import: a 50 000-row XLSX file with the Finnish headers people use, timed through
//! `vaski import organisations FILE --mode upsert --on-error skip` as a child process.

use super::gen::{self, Gen, Stream};
use anyhow::Context;
use rand::Rng;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The first organisation number of the new rows.
pub const NEW_FROM: u64 = 1_000_000;

pub const HEADERS: &[&str] = &[
    "Nimi",
    "Y-tunnus",
    "Kunta",
    "Toimiala",
    "Yhteyshenkilö",
    "Sähköposti",
    "Puhelin",
];

/// The rows of the import file. Half of them are organisations of the filled database (same
/// name and business ID, sometimes a new industry, always a contact person), half are new;
/// one in a hundred has a mistake (a wrong check digit, an unknown municipality), which
/// `--on-error skip` skips.
pub fn rows(gen: &Gen, count: usize, existing: u64) -> Vec<Vec<String>> {
    let mut r = gen::rng(gen.seed, Stream::Import, 0);
    (0..count)
        .map(|k| {
            let known = existing > 0 && k % 2 == 0;
            let n = if known {
                r.gen_range(0..existing)
            } else {
                // Past the numbers of the filled organisations (fewer than a million), so the
                // business IDs are new.
                NEW_FROM + k as u64
            };
            let o = gen.organisation(n);
            let d = &o.draft;
            let mut business_id = d
                .business_id
                .as_ref()
                .map(|b| b.as_str().to_string())
                .unwrap_or_default();
            let mut municipality = d
                .municipality
                .map(|m| m.name_fi.clone())
                .unwrap_or_default();
            if k % 100 == 99 {
                if r.gen_bool(0.5) && business_id.len() == 9 {
                    // Break the check digit.
                    let last = business_id.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
                    business_id.push(char::from(b'0' + ((last + 1) % 10) as u8));
                } else {
                    municipality = "Atlantis".into();
                }
            }
            let industry = if known && r.gen_bool(0.3) {
                let all: Vec<_> = vaski_domain::reference::Industry::divisions().collect();
                all[r.gen_range(0..all.len())].code.clone()
            } else {
                d.industry.map(|i| i.code.clone()).unwrap_or_default()
            };
            let p = gen::person(&mut r, &o.domain);
            vec![
                d.name.clone(),
                business_id,
                municipality,
                industry,
                p.name,
                p.email.unwrap_or_default(),
                p.phone.unwrap_or_default(),
            ]
        })
        .collect()
}

/// Writes the XLSX file; returns its size in bytes.
pub fn write(path: &Path, rows: &[Vec<String>]) -> anyhow::Result<u64> {
    let bytes = vaski_sheets::write_xlsx("Yhteistyökumppanit", HEADERS, rows)
        .context("cannot make the XLSX file")?;
    std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(bytes.len() as u64)
}

/// How an import run went.
pub enum Outcome {
    Done {
        elapsed: Duration,
        /// The last line the command printed (its summary).
        summary: String,
    },
    /// This build's `vaski import` is not written yet.
    NotAvailable,
    Failed(String),
}

/// Runs `vaski import organisations FILE --mode upsert --on-error skip` and times it.
pub async fn run(database_url: &str, file: &Path) -> anyhow::Result<Outcome> {
    let exe = std::env::current_exe().context("cannot find the vaski executable")?;
    let started = Instant::now();
    let out = tokio::process::Command::new(exe)
        .arg("--database-url")
        .arg(database_url)
        .args(["import", "organisations"])
        .arg(file)
        .args(["--mode", "upsert", "--on-error", "skip"])
        .env("VASKI_LOG", "warn,sqlx=error")
        .stdin(Stdio::null())
        .output()
        .await
        .context("cannot run vaski import")?;
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        if stderr.contains("being written") {
            return Ok(Outcome::NotAvailable);
        }
        let last = stderr.lines().last().unwrap_or("").to_string();
        return Ok(Outcome::Failed(format!("{}: {last}", out.status)));
    }
    let summary = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(Outcome::Done { elapsed, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use vaski_domain::reference::Municipality;

    fn known_municipality(name: &str) -> bool {
        Municipality::parse(name).is_ok()
    }

    #[test]
    fn import_rows_are_mostly_valid_and_half_known() {
        let g = Gen::new(3, date!(2025 - 06 - 01));
        let rows = rows(&g, 400, 1000);
        assert_eq!(rows.len(), 400);
        assert!(rows.iter().all(|r| r.len() == HEADERS.len()));
        let bad = rows.iter().filter(|r| !known_municipality(&r[2])).count();
        assert!(bad <= 4, "{bad} rows with an unknown municipality");
        let known: std::collections::HashSet<String> = (0..1000)
            .filter_map(|n| {
                g.organisation(n)
                    .draft
                    .business_id
                    .map(|b| b.as_str().to_string())
            })
            .collect();
        let matching = rows.iter().filter(|r| known.contains(&r[1])).count();
        assert!(
            matching > 150,
            "{matching} rows match the filled organisations"
        );
    }
}
