//! A real SMTP server for the mail tests: aiosmtpd, started by each test on a free loopback port
//! and stopped when the [`Smtpd`] is dropped (also when the test fails). Every message that
//! arrives is saved by `smtp_sink.py` as JSON, decoded by Python's standard email parser.
//!
//! `VASKI_TEST_SMTPD` names a python that has aiosmtpd (`scripts/ensure-smtp` prints it; without
//! the variable, the workspace's `target/smtp-venv` is used when it is there).
//! `VASKI_MAIL_TESTS=1` makes a missing server a failure (scripts/test sets it); without it the
//! mail tests skip with a line saying so.

use serde::Deserialize;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the server may take to start and a message to arrive, on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(30);

/// One message as it arrived.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    /// The message as sent, headers still encoded.
    pub raw: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub outbox_id: Option<String>,
    pub content_type: String,
    pub charset: Option<String>,
    pub body: String,
}

impl Received {
    /// A header line of the raw message, unfolded and not decoded.
    pub fn raw_header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let prefix = format!("{}:", name.to_ascii_lowercase());
        unfolded
            .split("\r\n")
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_string())
    }
}

fn required() -> bool {
    std::env::var("VASKI_MAIL_TESTS").is_ok_and(|v| v == "1")
}

/// The python with aiosmtpd, or `None` when it is missing and the test should skip.
pub fn python(test: &str) -> Option<PathBuf> {
    let python = std::env::var_os("VASKI_TEST_SMTPD")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/smtp-venv/bin/python")
        });
    if python.is_file() {
        return Some(python);
    }
    if required() {
        panic!(
            "VASKI_MAIL_TESTS=1 but the SMTP server's python ({}) is missing; set VASKI_TEST_SMTPD to what scripts/ensure-smtp prints",
            python.display()
        );
    }
    eprintln!(
        "SKIPPED mail test {test}: no python with aiosmtpd at {} (run scripts/ensure-smtp, or set VASKI_MAIL_TESTS=1 to make this a failure)",
        python.display()
    );
    None
}

/// A loopback port nobody listens on (at the moment of asking).
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A running aiosmtpd that saves what arrives in a directory of its own.
pub struct Smtpd {
    child: Child,
    dir: PathBuf,
}

impl Smtpd {
    /// Starts the server on `port` and waits until it accepts connections.
    pub fn start(python: &Path, port: u16) -> Smtpd {
        let dir = std::env::temp_dir().join(format!(
            "vaski-smtpd-{}-{:016x}",
            std::process::id(),
            rand::random::<u64>()
        ));
        std::fs::create_dir_all(dir.join("messages")).expect("a directory for the messages");
        let log = std::fs::File::create(dir.join("server.log")).expect("a log file");
        let sink = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "smtp_sink.Sink"])
            .arg(dir.join("messages"))
            .env("PYTHONPATH", &sink)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start aiosmtpd with {}: {e}", python.display()));
        let mut server = Smtpd { child, dir };
        server.wait_until_listening(port);
        server
    }

    fn wait_until_listening(&mut self, port: u16) {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let start = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("aiosmtpd ended ({status}) before listening: {}", self.log());
            }
            assert!(
                start.elapsed() < PATIENCE,
                "aiosmtpd does not listen on port {port}: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// Every message that has arrived, in order of arrival.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("messages"))
            .expect("read the messages")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("read a message");
                serde_json::from_str(&text).expect("a message saved by smtp_sink.py")
            })
            .collect()
    }

    /// Waits until at least `n` messages have arrived and returns all that have.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{} of {n} messages arrived; server log: {}",
                received.len(),
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
