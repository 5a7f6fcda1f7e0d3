//! Mail tests: mails queued in the outbox go out through a real SMTP server (aiosmtpd, started
//! per test; see `mail/smtpd.rs`) and are read back as they arrived. Each test runs on SQLite and
//! on PostgreSQL.

#[path = "mail/smtpd.rs"]
mod smtpd;

use smtpd::{free_port, Smtpd};
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::outbox::{self, Mail, NewMail};
use vaski_store::testing::TestDb;
use vaski_store::{Backend, Db};
use vaski_web::mail::{
    spawn_outbox_worker, Mailer, OutboxWorker, SmtpConfig, SmtpTls, WorkerSettings,
};

const SUBJECT: &str = "Varaus vahvistettu: CNC-sorvi ma 2.3. klo 9–12 – hyvää päivää";
const BODY: &str = "Hei Päivi,\n\nvarauksesi on vahvistettu: CNC-sorvi, Forssan toimipiste.\nHinta 45 € / h. Tervetuloa – nähdään!\n\nVaski, Lounais-Hämeen koulutuskuntayhtymä\n";

/// Defines a test that runs on SQLite and on PostgreSQL, each on a fresh database, given the
/// python that runs aiosmtpd; it skips (or fails under `VASKI_MAIL_TESTS=1`) without one.
macro_rules! mail_test {
    ($(async fn $name:ident($db:ident, $python:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($db: &TestDb, $python: &Path) $body

                async fn on(backend: Backend) {
                    let Some(python) = smtpd::python(stringify!($name)) else {
                        return;
                    };
                    let t = TestDb::new(backend).await;
                    run(&t, &python).await;
                    t.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    on(Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    on(Backend::Postgres).await;
                }
            }
        )*
    };
}

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "Vaski – LHKK <vaski@lhkk.example>".into(),
        timeout: Duration::from_secs(10),
    }
}

fn worker(db: &Db, port: u16, worker_id: &str) -> OutboxWorker {
    let mailer = Mailer::new(&smtp(port)).expect("valid SMTP settings");
    let settings = WorkerSettings {
        worker_id: worker_id.into(),
        poll_interval: Duration::from_millis(100),
        batch: 4,
        ..WorkerSettings::default()
    };
    spawn_outbox_worker(db.clone(), mailer, settings)
}

fn booking_mail(n: usize) -> NewMail {
    NewMail {
        to: Email::parse(&format!("paivi.hamalainen+{n}@yritys.example")).expect("valid email"),
        to_name: "Päivi Hämäläinen".into(),
        language: Language::Fi,
        subject: SUBJECT.into(),
        body: BODY.into(),
        kind: Some("booking-confirmed".into()),
        reference: Some(format!("booking:{n}")),
        dedupe_key: Some(format!("booking:{n}:confirmed")),
    }
}

async fn queue(db: &Db, mail: &NewMail) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = outbox::enqueue(&mut tx, mail)
        .await
        .expect("enqueue")
        .expect("a new mail");
    tx.commit().await.expect("commit");
    id
}

async fn stored(db: &Db, id: i64) -> Mail {
    outbox::mail_by_id(db, id)
        .await
        .expect("read the outbox")
        .expect("the mail is in the outbox")
}

/// Waits until the mail's row satisfies `done`, and returns it.
async fn wait_for_row(db: &Db, id: i64, what: &str, done: impl Fn(&Mail) -> bool) -> Mail {
    let start = Instant::now();
    loop {
        let mail = stored(db, id).await;
        if done(&mail) {
            return mail;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the mail never became {what}: {mail:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

mail_test! {
    async fn a_queued_mail_arrives_once_with_its_finnish_subject_name_and_body(t, python) {
        let port = free_port();
        let server = Smtpd::start(python, port);
        let id = queue(&t.db, &booking_mail(1)).await;
        let sender = worker(&t.db, port, "server-a");

        let received = server.wait_for(1).await;
        wait_for_row(&t.db, id, "sent", |m| m.sent_at.is_some()).await;
        // Several more rounds of the worker: nothing further may arrive.
        tokio::time::sleep(Duration::from_millis(500)).await;
        sender.shutdown().await;
        let received_after = server.received();
        assert_eq!(received_after.len(), 1, "{received_after:#?}");

        let m = &received[0];
        assert_eq!(m.rcpt_tos, ["paivi.hamalainen+1@yritys.example"]);
        assert_eq!(m.mail_from, "vaski@lhkk.example");
        assert_eq!(m.subject, SUBJECT);
        assert_eq!(m.to, "Päivi Hämäläinen <paivi.hamalainen+1@yritys.example>");
        assert_eq!(m.from, "Vaski – LHKK <vaski@lhkk.example>");
        assert_eq!(m.body.replace("\r\n", "\n"), BODY);
        assert_eq!(m.content_type, "text/plain");
        assert_eq!(m.charset.as_deref(), Some("utf-8"));
        assert_eq!(m.outbox_id, Some(id.to_string()));
        // On the wire the subject is an RFC 2047 encoded word, as any mail system can carry.
        let raw_subject = m.raw_header("Subject").expect("a Subject header");
        assert!(raw_subject.is_ascii() && raw_subject.to_ascii_lowercase().contains("=?utf-8?"), "{raw_subject}");
        assert_eq!(m.raw_header("Auto-Submitted").as_deref(), Some("auto-generated"));
        assert_eq!(m.raw_header("Content-Language").as_deref(), Some("fi"));

        assert_eq!(outbox::pending_count(&t.db).await.expect("count"), 0);
        assert!(outbox::failures(&t.db, 10).await.expect("failures").is_empty());
    }

    async fn a_mail_waits_while_the_smtp_server_is_down_and_arrives_once_it_is_back(t, python) {
        let port = free_port();
        let id = queue(&t.db, &booking_mail(2)).await;
        let sender = worker(&t.db, port, "server-a");

        let failed = wait_for_row(&t.db, id, "failed", |m| m.last_error.is_some()).await;
        assert_eq!(failed.attempts, 1);
        assert_eq!(failed.sent_at, None);
        assert!(failed.next_attempt_at > OffsetDateTime::now_utc(), "the next attempt waits: {failed:?}");
        let failures = outbox::failures(&t.db, 10).await.expect("failures");
        assert_eq!(failures.iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
        assert!(!failures[0].gave_up());
        assert_eq!(outbox::pending_count(&t.db).await.expect("count"), 1);

        let server = Smtpd::start(python, port);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(server.received().is_empty(), "the worker waits for the back-off");
        assert!(outbox::retry_now(&t.db, id, OffsetDateTime::now_utc(), &vaski_store::Actor::system("test")).await.expect("retry"));
        sender.waker().wake();

        let received = server.wait_for(1).await;
        assert_eq!(received[0].subject, SUBJECT);
        assert_eq!(received[0].outbox_id, Some(id.to_string()));
        wait_for_row(&t.db, id, "sent", |m| m.sent_at.is_some()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        sender.shutdown().await;
        assert_eq!(server.received().len(), 1);
        assert!(outbox::failures(&t.db, 10).await.expect("failures").is_empty());
        assert_eq!(outbox::pending_count(&t.db).await.expect("count"), 0);
    }

    async fn a_mail_to_an_address_no_mail_system_takes_is_given_up_at_once_and_the_rest_go_out(t, python) {
        let port = free_port();
        let server = Smtpd::start(python, port);
        // Valid by Vaski's own check, refused by the mail library: two dots in a row.
        let bad = NewMail { to: Email::parse("matti..meikalainen@yritys.example").expect("valid email"), ..booking_mail(1) };
        let bad = queue(&t.db, &bad).await;
        let good = queue(&t.db, &booking_mail(2)).await;
        let sender = worker(&t.db, port, "server-a");

        let received = server.wait_for(1).await;
        assert_eq!(received[0].outbox_id, Some(good.to_string()));
        let given_up = wait_for_row(&t.db, bad, "given up", Mail::gave_up).await;
        assert_eq!(given_up.attempts, outbox::MAX_ATTEMPTS);
        assert!(given_up.last_error.as_deref().is_some_and(|e| e.contains("matti..meikalainen")), "{given_up:?}");
        let failures = outbox::failures(&t.db, 10).await.expect("failures");
        assert_eq!(failures.iter().map(|m| m.id).collect::<Vec<_>>(), [bad]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        sender.shutdown().await;
        assert_eq!(server.received().len(), 1);
    }

    async fn two_servers_on_one_database_send_thirty_mails_exactly_once(t, python) {
        const MAILS: usize = 30;
        let port = free_port();
        let server = Smtpd::start(python, port);
        let mut queued = HashSet::new();
        for n in 0..MAILS {
            queued.insert(queue(&t.db, &booking_mail(n)).await);
        }
        // Each server with its own connection pool, as two Vaski processes would have.
        let db_a = Db::connect(&t.url).await.expect("server A's pool");
        let db_b = Db::connect(&t.url).await.expect("server B's pool");
        let a = worker(&db_a, port, "server-a");
        let b = worker(&db_b, port, "server-b");

        server.wait_for(MAILS).await;
        let start = Instant::now();
        while outbox::pending_count(&t.db).await.expect("count") > 0 {
            assert!(start.elapsed() < Duration::from_secs(30), "mails left unsent");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        a.shutdown().await;
        b.shutdown().await;
        db_a.close().await;
        db_b.close().await;

        let received = server.received();
        let ids: Vec<i64> = received
            .iter()
            .map(|m| m.outbox_id.as_deref().expect("outbox id").parse().expect("a number"))
            .collect();
        let distinct: HashSet<i64> = ids.iter().copied().collect();
        assert_eq!(received.len(), MAILS, "outbox ids that arrived: {ids:?}");
        assert_eq!(distinct, queued);
        let message_ids: HashSet<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
        assert_eq!(message_ids.len(), MAILS);
    }

    async fn the_worker_purges_mails_sent_before_the_retention_and_sends_the_rest(t, python) {
        let port = free_port();
        let server = Smtpd::start(python, port);
        let long_ago = OffsetDateTime::now_utc() - time::Duration::days(31);
        let old = queue(&t.db, &booking_mail(1)).await;
        let claimed = outbox::claim(&t.db, "earlier", OffsetDateTime::now_utc(), time::Duration::minutes(5), 10).await.expect("claim");
        assert_eq!(claimed.len(), 1);
        assert!(outbox::mark_sent(&t.db, old, "earlier", long_ago).await.expect("mark sent"));
        let waiting = queue(&t.db, &booking_mail(2)).await;

        let mailer = Mailer::new(&smtp(port)).expect("valid SMTP settings");
        let sender = spawn_outbox_worker(t.db.clone(), mailer, WorkerSettings {
            poll_interval: Duration::from_millis(100),
            retention: time::Duration::days(30),
            ..WorkerSettings::default()
        });
        let received = server.wait_for(1).await;
        assert_eq!(received[0].outbox_id, Some(waiting.to_string()), "the waiting mail is sent");
        wait_for_row(&t.db, waiting, "sent", |m| m.sent_at.is_some()).await;
        sender.shutdown().await;
        assert_eq!(outbox::mail_by_id(&t.db, old).await.expect("read"), None, "the mail sent 31 days ago is purged");
        assert!(outbox::mail_by_id(&t.db, waiting).await.expect("read").is_some(), "the mail sent now stays");
    }
}
