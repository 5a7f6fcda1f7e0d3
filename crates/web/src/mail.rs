//! Mail over SMTP: the server's settings ([`SmtpConfig`]), the [`Mailer`] that turns an outbox
//! row into a plain-text UTF-8 message and hands it to the SMTP server (lettre, rustls), and the
//! worker that empties the outbox ([`spawn_outbox_worker`]) and, once an hour, removes the
//! mails sent longer ago than the retention (30 days unless configured). Mails are queued with
//! `vaski_store::outbox::enqueue` inside the transaction of the event they tell of; sending is
//! this worker's business alone. [`MailError`] never reaches a web response: its text is what
//! the outbox records as the mail's last error for the administrator.
//!
//! A mail goes out only while this worker's lease on it has more time left than one whole send
//! may take (the SMTP timeout plus an allowance for the servers' clocks differing), so two
//! servers never send the same mail; see `vaski_store::outbox` and docs/adr/0006-mail-outbox.md.

use lettre::address::{Address, AddressError};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use vaski_store::outbox::{self, Mail};
use vaski_store::{Db, StoreError};

/// How far apart the clocks of two Vaski servers may be. A lease is judged by the clock of the
/// server that claims next, so a send must end this long before the sender's own lease does.
pub const CLOCK_ALLOWANCE: Duration = Duration::from_secs(30);

/// The header that names a mail's outbox row, for tracing a mail back to its event.
const OUTBOX_ID_HEADER: &str = "X-Vaski-Outbox-Id";

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or a trusted network.
    None,
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    StartTls,
    /// TLS from the first byte (SMTPS, port 465).
    Tls,
}

impl SmtpTls {
    /// The port servers usually listen on for this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SmtpTls::None => "none",
            SmtpTls::StartTls => "starttls",
            SmtpTls::Tls => "tls",
        }
    }
}

impl FromStr for SmtpTls {
    type Err = String;
    fn from_str(s: &str) -> Result<SmtpTls, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(SmtpTls::None),
            "starttls" => Ok(SmtpTls::StartTls),
            "tls" => Ok(SmtpTls::Tls),
            other => Err(format!("'{other}' is not one of none, starttls, tls")),
        }
    }
}

/// The SMTP server mail goes through. Without it (`Config::smtp` is `None`) mails stay queued.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender: `vaski@example.fi` or `Vaski <vaski@example.fi>`.
    pub from: String,
    /// The longest one whole send may take: connecting, TLS, the SMTP dialogue.
    pub timeout: Duration,
}

impl SmtpConfig {
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
}

/// Written by hand so that the password never reaches a log.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP settings are not valid: {0}")]
    Settings(String),
    #[error("the recipient address '{address}' is not valid: {source}")]
    Recipient {
        address: String,
        #[source]
        source: AddressError,
    },
    #[error("cannot build the message: {0}")]
    Message(#[from] lettre::error::Error),
    #[error("{0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("the SMTP server did not finish within {0:?}")]
    TimedOut(Duration),
}

impl MailError {
    /// Whether trying again cannot help, because the mail itself is at fault. SMTP refusals
    /// are never taken as such: a wrong password or a full disk on the server refuses every
    /// mail alike and is fixed by someone, after which the retries succeed.
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Recipient { .. } | MailError::Message(_))
    }
}

/// Sends outbox mails through one SMTP server; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
}

impl Mailer {
    pub fn new(config: &SmtpConfig) -> Result<Mailer, MailError> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| MailError::Settings(format!("sender '{}': {e}", config.from)))?;
        if config.username.is_some() && config.password.is_none() {
            return Err(MailError::Settings(
                "an SMTP username needs a password (VASKI_SMTP_PASSWORD)".into(),
            ));
        }
        Ok(Mailer {
            transport: transport(config)?,
            from,
            timeout: config.timeout,
        })
    }

    /// The longest one send may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The message for an outbox mail: plain text in UTF-8, the subject and names encoded for
    /// any mail system (RFC 2047), a Message-ID fixed by the outbox row so that a copy sent
    /// twice is recognisably the same mail, and marked as sent by a machine (RFC 3834) so that
    /// vacation replies stay away.
    pub fn message(&self, mail: &Mail) -> Result<Message, MailError> {
        let address: Address = mail.to.parse().map_err(|source| MailError::Recipient {
            address: mail.to.clone(),
            source,
        })?;
        let name = Some(mail.to_name.trim().to_string()).filter(|n| !n.is_empty());
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(name, address))
            .subject(mail.subject.clone())
            .message_id(Some(message_id(mail, self.from.email.domain())))
            .header(ContentType::TEXT_PLAIN)
            .raw_header(header("Auto-Submitted", "auto-generated"))
            .raw_header(header("Content-Language", mail.language.code()))
            .raw_header(header(OUTBOX_ID_HEADER, &mail.id.to_string()))
            // lettre ends the body with a line break of its own; one more would add an empty line.
            .body(mail.body.trim_end_matches(['\r', '\n']).to_string())?;
        Ok(message)
    }

    /// Hands one mail to the SMTP server; `Ok` means the server accepted it.
    pub async fn send(&self, mail: &Mail) -> Result<(), MailError> {
        let message = self.message(mail)?;
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(MailError::Smtp(e)),
            Err(_) => Err(MailError::TimedOut(self.timeout)),
        }
    }
}

fn transport(config: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    type Smtp = AsyncSmtpTransport<Tokio1Executor>;
    let tls_error = |e: lettre::transport::smtp::Error| {
        MailError::Settings(format!("TLS for {}: {e}", config.host))
    };
    let builder = match config.tls {
        SmtpTls::None => Smtp::builder_dangerous(&config.host),
        SmtpTls::StartTls => Smtp::starttls_relay(&config.host).map_err(tls_error)?,
        SmtpTls::Tls => Smtp::relay(&config.host).map_err(tls_error)?,
    };
    let builder = builder.port(config.port).timeout(Some(config.timeout));
    let builder = match (&config.username, &config.password) {
        (Some(user), Some(password)) => {
            builder.credentials(Credentials::new(user.clone(), password.clone()))
        }
        _ => builder,
    };
    Ok(builder.build())
}

fn header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_string())
}

/// `<vaski.42.1767225600@example.fi>`: the row's id with its creation time, so that ids reused
/// by a new database still give new Message-IDs.
fn message_id(mail: &Mail, domain: &str) -> String {
    format!(
        "<vaski.{}.{}@{domain}>",
        mail.id,
        mail.created_at.unix_timestamp()
    )
}

/// How a worker takes mails from the outbox.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Names this worker in the outbox's `claimed_by`; unique among all servers.
    pub worker_id: String,
    /// How long the worker sleeps when nothing is due, unless woken.
    pub poll_interval: Duration,
    /// How long a claim is held. It is made at least twice the time one send may take.
    pub lease: Duration,
    /// How many mails one claim takes.
    pub batch: i64,
    /// How long a sent mail is kept (for tracing a mail back) before it is purged.
    pub retention: time::Duration,
    /// How often the worker purges sent mails older than `retention`.
    pub purge_interval: Duration,
}

impl Default for WorkerSettings {
    fn default() -> WorkerSettings {
        WorkerSettings {
            worker_id: this_worker_id(),
            poll_interval: Duration::from_secs(5),
            lease: Duration::from_secs(5 * 60),
            batch: 10,
            retention: outbox::DEFAULT_RETENTION,
            purge_interval: Duration::from_secs(60 * 60),
        }
    }
}

/// Sent mails removed per delete statement: small enough that a purge never holds the outbox
/// long against the workers.
const PURGE_BATCH: i64 = 500;

/// `host:pid:random`, so that the administrator sees which server holds a mail.
fn this_worker_id() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "vaski".to_string());
    let nonce: u32 = rand::random();
    format!("{host}:{}:{nonce:08x}", std::process::id())
}

/// Wakes the outbox worker at once, for a caller that has just committed a queued mail.
#[derive(Debug, Clone)]
pub struct MailWaker(Arc<Notify>);

impl MailWaker {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// A running outbox worker; [`OutboxWorker::shutdown`] stops it between two sends.
pub struct OutboxWorker {
    task: JoinHandle<()>,
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
}

impl OutboxWorker {
    pub fn waker(&self) -> MailWaker {
        MailWaker(self.wake.clone())
    }

    /// Stops the worker and waits for it: the mail being sent is finished and recorded, the
    /// rest of its claim is given back for another server to send at once.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the outbox worker ended abnormally");
        }
    }
}

/// Starts a worker that sends due outbox mails until [`OutboxWorker::shutdown`] (or until the
/// handle is dropped).
pub fn spawn_outbox_worker(db: Db, mailer: Mailer, settings: WorkerSettings) -> OutboxWorker {
    let wake = Arc::new(Notify::new());
    let (stop, stopped) = watch::channel(false);
    let worker = Worker {
        lease: settings.lease.max(
            mailer
                .timeout()
                .saturating_add(CLOCK_ALLOWANCE)
                .saturating_mul(2),
        ),
        db,
        mailer,
        settings,
        stopped,
    };
    let task = tokio::spawn(worker.run(wake.clone()));
    OutboxWorker { task, wake, stop }
}

struct Worker {
    db: Db,
    mailer: Mailer,
    settings: WorkerSettings,
    lease: Duration,
    stopped: watch::Receiver<bool>,
}

impl Worker {
    async fn run(mut self, wake: Arc<Notify>) {
        tracing::info!(worker = %self.settings.worker_id, "the outbox worker is sending mail");
        let mut last_purge: Option<Instant> = None;
        while !self.stopping() {
            if last_purge.is_none_or(|at| at.elapsed() >= self.settings.purge_interval) {
                self.purge_sent().await;
                last_purge = Some(Instant::now());
            }
            let full_batch = match self.send_due_mails().await {
                Ok(claimed) => claimed >= usize::try_from(self.settings.batch).unwrap_or(1),
                Err(e) => {
                    tracing::warn!(error = %e, "the outbox worker cannot reach the outbox");
                    false
                }
            };
            if full_batch {
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(self.settings.poll_interval) => {}
                () = wake.notified() => {}
                _ = self.stopped.changed() => {}
            }
        }
        tracing::info!(worker = %self.settings.worker_id, "the outbox worker stopped");
    }

    /// Removes the mails sent longer ago than the retention; a failure waits for the next
    /// purge, since nothing is lost by keeping a sent mail a little longer.
    async fn purge_sent(&self) {
        let before = OffsetDateTime::now_utc() - self.settings.retention;
        match outbox::purge_sent(&self.db, before, PURGE_BATCH).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "sent mails past their retention were removed"),
            Err(e) => tracing::warn!(error = %e, "cannot purge sent mails"),
        }
    }

    /// Stopping when asked to, or when nobody holds the handle any more.
    fn stopping(&self) -> bool {
        *self.stopped.borrow() || self.stopped.has_changed().is_err()
    }

    /// One round: claims a batch of due mails and sends them one by one while the lease has
    /// room for a whole send. Answers how many mails were claimed.
    async fn send_due_mails(&self) -> Result<usize, StoreError> {
        let claimed_at = Instant::now();
        let mails = outbox::claim(
            &self.db,
            &self.settings.worker_id,
            OffsetDateTime::now_utc(),
            time_duration(self.lease),
            self.settings.batch,
        )
        .await?;
        let claimed = mails.len();
        // The lease in the database began no earlier than `claimed_at`; a send may start only
        // while it has room for a whole send and the other servers' clocks running ahead.
        let room = self
            .lease
            .saturating_sub(self.mailer.timeout())
            .saturating_sub(CLOCK_ALLOWANCE);
        let mut mails = mails.into_iter();
        while let Some(mail) = mails.next() {
            if self.stopping() || claimed_at.elapsed() >= room {
                self.give_back(std::iter::once(mail).chain(mails)).await;
                break;
            }
            self.deliver(&mail).await?;
        }
        Ok(claimed)
    }

    async fn deliver(&self, mail: &Mail) -> Result<(), StoreError> {
        let worker = &self.settings.worker_id;
        match self.mailer.send(mail).await {
            Ok(()) => self.record_sent(mail).await,
            Err(e) => {
                tracing::warn!(mail = mail.id, attempt = mail.attempts, error = %e, "a mail was not sent");
                let now = OffsetDateTime::now_utc();
                let error = e.to_string();
                let held = if e.is_permanent() {
                    outbox::mark_undeliverable(&self.db, mail.id, worker, now, &error).await?
                } else {
                    outbox::mark_failed(&self.db, mail.id, worker, now, &error).await?
                };
                if !held {
                    tracing::warn!(
                        mail = mail.id,
                        "the lease on a mail ran out during its send"
                    );
                }
                Ok(())
            }
        }
    }

    /// Records a sent mail, trying again for a while if the database does not answer: until
    /// this is stored, the mail would be sent again once its lease runs out.
    async fn record_sent(&self, mail: &Mail) -> Result<(), StoreError> {
        let worker = &self.settings.worker_id;
        let mut pause = Duration::from_millis(500);
        let mut tries = 0;
        loop {
            tries += 1;
            match outbox::mark_sent(&self.db, mail.id, worker, OffsetDateTime::now_utc()).await {
                Ok(true) => return Ok(()),
                Ok(false) => {
                    tracing::warn!(
                        mail = mail.id,
                        "a mail was sent after its lease ran out; another server may send it again"
                    );
                    return Ok(());
                }
                Err(e) if tries < 5 => {
                    tracing::warn!(mail = mail.id, error = %e, "cannot record a sent mail yet");
                    tokio::time::sleep(pause).await;
                    pause *= 2;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Releases claimed mails that were not tried, for any server to take at once.
    async fn give_back(&self, mails: impl Iterator<Item = Mail>) {
        for mail in mails {
            if let Err(e) = outbox::release(&self.db, mail.id, &self.settings.worker_id).await {
                tracing::warn!(mail = mail.id, error = %e, "cannot release a mail; it is free again when its lease ends");
            }
        }
    }
}

fn time_duration(d: Duration) -> time::Duration {
    time::Duration::try_from(d).unwrap_or(time::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vaski_domain::Language;

    fn config() -> SmtpConfig {
        SmtpConfig {
            host: "smtp.example.fi".into(),
            port: 587,
            tls: SmtpTls::StartTls,
            username: Some("vaski".into()),
            password: Some("salainen".into()),
            from: "Vaski <vaski@example.fi>".into(),
            timeout: SmtpConfig::DEFAULT_TIMEOUT,
        }
    }

    fn mail(to: &str) -> Mail {
        let now = OffsetDateTime::now_utc();
        Mail {
            id: 42,
            to: to.into(),
            to_name: "Päivi Hämäläinen".into(),
            language: Language::Fi,
            subject: "Varaus vahvistettu: hitsauskoppi".into(),
            body: "Hei!\nVarauksesi on vahvistettu.".into(),
            kind: None,
            reference: None,
            created_at: now,
            attempts: 1,
            next_attempt_at: now,
            claimed_by: None,
            claimed_until: None,
            sent_at: None,
            last_error: None,
        }
    }

    #[test]
    fn the_settings_never_show_the_password() {
        let shown = format!("{:?}", config());
        assert!(!shown.contains("salainen"), "{shown}");
        assert!(shown.contains("***"));
    }

    #[test]
    fn tls_modes_are_read_from_their_names() {
        assert_eq!("STARTTLS".parse(), Ok(SmtpTls::StartTls));
        assert_eq!("tls".parse(), Ok(SmtpTls::Tls));
        assert_eq!("none".parse(), Ok(SmtpTls::None));
        assert!("ssl".parse::<SmtpTls>().is_err());
    }

    #[test]
    fn a_username_without_a_password_is_refused() {
        let c = SmtpConfig {
            password: None,
            ..config()
        };
        assert!(matches!(Mailer::new(&c), Err(MailError::Settings(_))));
    }

    #[test]
    fn a_sender_that_is_no_address_is_refused() {
        let c = SmtpConfig {
            from: "Vaski".into(),
            ..config()
        };
        assert!(matches!(Mailer::new(&c), Err(MailError::Settings(_))));
    }

    #[test]
    fn the_message_names_its_outbox_row_and_keeps_a_fixed_message_id() {
        let mailer = Mailer::new(&config()).expect("mailer");
        let m = mail("paivi@example.fi");
        let text = String::from_utf8(mailer.message(&m).expect("message").formatted())
            .expect("the message is ASCII");
        assert!(text.contains("X-Vaski-Outbox-Id: 42\r\n"), "{text}");
        assert!(
            text.contains("Auto-Submitted: auto-generated\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Language: fi\r\n"), "{text}");
        let id = format!(
            "Message-ID: <vaski.42.{}@example.fi>",
            m.created_at.unix_timestamp()
        );
        assert!(text.contains(&id), "{text}");
        assert!(text.is_ascii(), "headers and body are encoded: {text}");
    }

    #[test]
    fn a_recipient_address_that_cannot_be_mailed_is_a_permanent_failure() {
        let mailer = Mailer::new(&config()).expect("mailer");
        let e = mailer
            .message(&mail("not an address"))
            .expect_err("refused");
        assert!(e.is_permanent());
    }
}
