//! The `vaski import organisations` and `vaski export organisations` commands, run as the
//! built binary against a fresh database, on SQLite and on PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vaski_store::testing::TestDb;
use vaski_store::{sql, Backend, Db};

/// A directory of its own for a test's files, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        let path = std::env::temp_dir().join(format!(
            "vaski-cli-test-{}-{}",
            std::process::id(),
            rand::random::<u64>()
        ));
        std::fs::create_dir_all(&path).expect("temporary directory");
        Dir(path)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn vaski(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vaski"))
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env("VASKI_LOG", "warn")
        .output()
        .expect("run vaski")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

async fn count(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(sql(format!("SELECT COUNT(*) FROM {table}")))
        .await
        .expect("count");
    n
}

/// Windows-1252, as a Finnish Excel saves CSV; the text stays within Latin-1.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

const FINNISH_CSV: &str = "Nimi;Y-tunnus;Kunta;Toimiala;Tunnisteet;Yhteistyö;Yhteyshenkilö;Sähköposti;Puhelin\r\n\
Forssan Hitsaamo Oy;0112038-9;Forssa;25;metalli, hitsaus;oppisopimus, täsmäkoulutus, vierailijaopettaja;Maija Mäkelä;maija@hitsaamo.fi;+358 40 123 4567\r\n\
Ypäjän Hevosopisto;;Ypäjä;85;;;Örjan Åkerlund;orjan@hevosopisto.fi;\r\n\
Jokioisten Leipomo Oy;0245458-3;Jokioinen;10;leipomo;työssäoppiminen;;;\r\n";

const CSV_WITH_A_BAD_ROW: &str = "Nimi;Y-tunnus;Kunta\r\n\
Forssan Hitsaamo Oy;0112038-9;Forssa\r\n\
Pelti Oy;1234567-8;Loppi\r\n\
Ypäjän Talli;;Ypäjä\r\n";

macro_rules! both_databases {
    ($(async fn $name:ident($db:ident, $url:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($db: Db, $url: String) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    let t = TestDb::new(Backend::Sqlite).await;
                    run(t.db.clone(), t.url.clone()).await;
                    t.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    let t = TestDb::new(Backend::Postgres).await;
                    run(t.db.clone(), t.url.clone()).await;
                    t.finish().await;
                }
            }
        )*
    };
}

both_databases! {
    async fn an_export_imported_again_in_upsert_mode_changes_nothing(db, url) {
        let dir = Dir::new();
        let input = dir.file("kumppanit.csv");
        std::fs::write(&input, windows_1252(FINNISH_CSV)).expect("write");
        let o = vaski(&url, &["import", "organisations", path(&input)]);
        assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("3 created, 0 updated, 0 unchanged, 0 refused"), "{}", stdout(&o));
        assert_eq!(count(&db, "organisations").await, 3);
        assert_eq!(count(&db, "people").await, 2);
        for format in ["csv", "xlsx"] {
            let exported = dir.file(&format!("vienti.{format}"));
            let audit_before_export = count(&db, "audit_log").await;
            let o = vaski(&url, &["export", "organisations", "--format", format, "--output", path(&exported)]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert_eq!(count(&db, "audit_log").await, audit_before_export + 1, "the export is in the audit trail");
            assert!(stdout(&o).contains("Exported 3 organisations"));
            let bytes = std::fs::read(&exported).expect("read export");
            if format == "csv" {
                assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
            }
            let table = vaski_sheets::read_table(&bytes).expect("the export reads back");
            assert_eq!(table.rows.len(), 3);
            let audit_before = count(&db, "audit_log").await;
            let o = vaski(&url, &["import", "organisations", path(&exported), "--mode", "upsert"]);
            assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
            assert!(stdout(&o).contains("0 created, 0 updated, 3 unchanged, 0 refused"), "{format}: {}", stdout(&o));
            assert_eq!(count(&db, "audit_log").await, audit_before + 1, "only the import's summary entry");
        }
        assert_eq!(count(&db, "organisations").await, 3);
        assert_eq!(count(&db, "people").await, 2);
    }

    async fn a_refused_row_is_reported_by_row_and_column_and_abort_fails_writing_nothing(db, url) {
        let dir = Dir::new();
        let input = dir.file("lista.csv");
        std::fs::write(&input, CSV_WITH_A_BAD_ROW).expect("write");
        let o = vaski(&url, &["import", "organisations", path(&input)]);
        assert!(!o.status.success());
        assert!(stdout(&o).contains("row 3, column Y-tunnus: The business ID's check digit does not match. ('1234567-8')"), "{}", stdout(&o));
        let err = stderr(&o);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("import aborted"), "{err}");
        assert_eq!(count(&db, "organisations").await, 0);

        let o = vaski(&url, &["import", "organisations", path(&input), "--on-error", "skip"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("2 created, 0 updated, 0 unchanged, 1 refused"), "{}", stdout(&o));
        assert_eq!(count(&db, "organisations").await, 2);
    }

    async fn a_dry_run_shows_the_plan_and_writes_nothing(db, url) {
        let dir = Dir::new();
        let input = dir.file("kumppanit.csv");
        std::fs::write(&input, windows_1252(FINNISH_CSV)).expect("write");
        let o = vaski(&url, &["import", "organisations", path(&input), "--dry-run"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("3 would be created"), "{}", stdout(&o));
        assert!(stdout(&o).contains("Dry run: nothing was written."));
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "audit_log").await, 0);
    }

    async fn a_file_that_is_not_a_spreadsheet_or_too_large_is_refused_with_the_reason(db, url) {
        let dir = Dir::new();
        let png = dir.file("logo.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0").expect("write");
        let o = vaski(&url, &["import", "organisations", path(&png)]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("The file is not a spreadsheet"), "{}", stderr(&o));
        let big = dir.file("iso.csv");
        let mut text = String::from("Nimi;Kunta\r\n");
        while text.len() <= 21 * 1024 * 1024 {
            text.push_str("Forssan Hitsaamo Oy;Forssa\r\n");
        }
        std::fs::write(&big, text).expect("write");
        let o = vaski(&url, &["import", "organisations", path(&big)]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("the largest file imported is 20 MB"), "{}", stderr(&o));
        assert_eq!(count(&db, "organisations").await, 0);
    }

    async fn an_import_killed_mid_way_leaves_the_database_as_before(db, url) {
        let dir = Dir::new();
        let input = dir.file("iso.xlsx");
        std::fs::write(&input, large_xlsx(20_000)).expect("write");
        let mut child = Command::new(env!("CARGO_BIN_EXE_vaski"))
            .arg("--database-url")
            .arg(&url)
            .args(["import", "organisations", path(&input)])
            .env("VASKI_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start vaski");
        // The first line is printed once the file is read, just before the transaction
        // starts; wait until the import is writing rows, then kill it without warning.
        let out = child.stdout.take().expect("stdout");
        let first_line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line).map(|_| line)
        })
        .await
        .expect("join")
        .expect("read stdout");
        assert!(first_line.contains("20000 rows"), "{first_line}");
        let wal = wal_size(&url);
        let started = std::time::Instant::now();
        while !writing(&db, &url, wal).await {
            assert!(started.elapsed() < std::time::Duration::from_secs(60), "the import never started writing");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(child.try_wait().expect("status").is_none(), "the import was still running when killed");
        child.kill().expect("kill -9");
        let _ = child.wait();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(count(&db, "organisations").await, 0);
        assert_eq!(count(&db, "people").await, 0);
        // The database takes the same import afterwards.
        let o = vaski(&url, &["import", "organisations", path(&input)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(count(&db, "organisations").await, 20_000);
    }
}

/// The size of a SQLite database's write-ahead log (0 for PostgreSQL or none yet).
fn wal_size(url: &str) -> u64 {
    url.strip_prefix("sqlite:")
        .and_then(|p| std::fs::metadata(format!("{p}-wal")).ok())
        .map_or(0, |m| m.len())
}

/// Whether an import is writing rows in its open transaction: on SQLite the write-ahead log
/// grows (the transaction's pages spill into it before the commit), on PostgreSQL another
/// session runs an insert.
async fn writing(db: &Db, url: &str, wal_before: u64) -> bool {
    match db.backend() {
        Backend::Sqlite => wal_size(url) > wal_before,
        Backend::Postgres => db
            .fetch_one::<(i64,)>(sql(
                // A transaction id is given once a transaction has written something.
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
            ))
            .await
            .is_ok_and(|(n,)| n > 0),
    }
}

/// A workbook of `n` organisations with contacts.
fn large_xlsx(n: u32) -> Vec<u8> {
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            // Seven bodies per row, so that rows never share one; not every body has a
            // check digit.
            let id = (0..7)
                .find_map(|k| vaski_domain::network::BusinessId::from_body(1_000_000 + i * 7 + k))
                .expect("a valid business ID");
            vec![
                format!("Yritys {i} Oy"),
                id.as_str().to_string(),
                "Yritys".into(),
                "25".into(),
                ["Forssa", "Jokioinen", "Ypäjä", "Tammela", "Humppila"][(i % 5) as usize].into(),
                format!("Teollisuustie {i}"),
                format!("www.yritys{i}.example"),
                "metalli, hitsaus".into(),
                "oppisopimus, työssäoppiminen".into(),
                "Aktiivinen".into(),
                format!("Henkilö {i}"),
                "Työnjohtaja".into(),
                format!("h{i}@yritys{i}.example"),
                "040 123 4567".into(),
            ]
        })
        .collect();
    vaski_sheets::write_xlsx(
        "Kumppanit",
        &[
            "Nimi",
            "Y-tunnus",
            "Tyyppi",
            "Toimiala",
            "Kunta",
            "Osoite",
            "Verkkosivut",
            "Tunnisteet",
            "Yhteistyömuodot",
            "Tila",
            "Yhteyshenkilö",
            "Tehtävänimike",
            "Sähköposti",
            "Puhelin",
        ],
        &rows,
    )
    .expect("xlsx")
}

/// Measures the import of a 50 000-row workbook (not a timed test: it prints the figure).
/// Run with `cargo test -p vaski-cli --test interchange -- --ignored --nocapture`.
async fn measure_fifty_thousand(backend: Backend) {
    let t = TestDb::new(backend).await;
    let dir = Dir::new();
    let input = dir.file("iso.xlsx");
    std::fs::write(&input, large_xlsx(50_000)).expect("write");
    let size = std::fs::metadata(&input).map(|m| m.len()).unwrap_or(0);
    let started = std::time::Instant::now();
    let o = vaski(&t.url, &["import", "organisations", path(&input)]);
    let first = started.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let started = std::time::Instant::now();
    let o = vaski(
        &t.url,
        &["import", "organisations", path(&input), "--mode", "upsert"],
    );
    let again = started.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("50000 unchanged"), "{}", stdout(&o));
    println!(
        "{backend:?}: 50 000-row XLSX ({} KB) imported in {:.2} s; imported again (upsert, all unchanged) in {:.2} s",
        size / 1024,
        first.as_secs_f64(),
        again.as_secs_f64()
    );
    assert_eq!(count(&t.db, "organisations").await, 50_000);
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run on demand"]
async fn measure_a_fifty_thousand_row_import_on_sqlite() {
    measure_fifty_thousand(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run on demand"]
async fn measure_a_fifty_thousand_row_import_on_postgres() {
    measure_fifty_thousand(Backend::Postgres).await;
}
