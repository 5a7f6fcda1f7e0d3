//! Booking mails: a request, its confirmation and the day-before reminder reach the booker and
//! the owner's people (the resource's managers and the owner organisation's users), each in
//! their own language, through a real SMTP server (aiosmtpd), on SQLite and on PostgreSQL.

// The SMTP test server of the mail tests; these tests read fewer of its fields.
#[path = "mail/smtpd.rs"]
#[expect(dead_code)]
mod smtpd;

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use smtpd::{free_port, Received, Smtpd};
use std::path::Path;
use std::time::Duration;
use time::macros::date as tdate;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_domain::sharing::resource::{BookingStatus, SeriesScope};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::organisation;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::sharing::resource;
use vaski_store::testing::TestDb;
use vaski_store::{Actor, Backend, Db};
use vaski_web::mail::{spawn_outbox_worker, Mailer, SmtpConfig, SmtpTls, WorkerSettings};
use vaski_web::sharing::notify;

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

fn actor() -> Actor {
    Actor::system("test")
}

async fn organisation(db: &Db, name: &str, kind: &str) -> i64 {
    let draft = OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let id = organisation::create(&mut tx, &draft, tdate!(2024 - 01 - 01), &actor())
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

async fn user(db: &Db, email: &str, name: &str, role: Role, org: i64, language: Language) -> i64 {
    let email = Email::parse(email).expect("email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name,
            role,
            organisation_id: Some(org),
            password_hash: None,
            language,
        },
        &actor(),
    )
    .await
    .expect("user")
}

/// The school's CNC lathe, whose bookings wait for the owner's approval.
async fn lathe_needing_approval(db: &Db, school: i64) -> i64 {
    let draft = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        approval: "owner".into(),
        eligibility: "registered_partners".into(),
        ..Default::default()
    }
    .validate()
    .expect("resource");
    let mut tx = db.begin().await.expect("begin");
    let lathe = resource::create(&mut tx, &draft, &actor())
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    lathe
}

/// The company's request of the lathe, made by `booker`.
fn request(lathe: i64, company: i64, booker: i64, occurrences: Vec<Interval>) -> NewBooking {
    NewBooking {
        resource_id: lathe,
        kind: Kind::Booking,
        occurrences,
        series: None,
        units: 1,
        booker_organisation_id: Some(company),
        contact_person_id: None,
        booked_by: Some(booker),
        purpose: None,
        people_count: None,
        skip_conflicts: false,
    }
}

fn tuesday(hour_from: i8, hour_to: i8) -> Interval {
    let at = |h: i8| {
        date(2026, 11, 10)
            .at(h, 0, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("time")
            .timestamp()
    };
    Interval::new(at(hour_from), at(hour_to)).expect("span")
}

fn now() -> Timestamp {
    date(2026, 11, 2)
        .at(9, 0, 0, 0)
        .to_zoned(helsinki().clone())
        .expect("time")
        .timestamp()
}

/// Sends what the notices queued and waits for `n` mails.
async fn deliver(db: &Db, port: u16, server: &Smtpd, n: usize) -> Vec<Received> {
    let mailer = Mailer::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "Vaski <vaski@lhkk.example>".into(),
        timeout: Duration::from_secs(10),
    })
    .expect("SMTP settings");
    let worker = spawn_outbox_worker(
        db.clone(),
        mailer,
        WorkerSettings {
            poll_interval: Duration::from_millis(100),
            ..WorkerSettings::default()
        },
    );
    let received = server.wait_for(n).await;
    worker.shutdown().await;
    received
}

fn to(received: &[Received], address: &str) -> Vec<Received> {
    received
        .iter()
        .filter(|r| r.rcpt_tos.iter().any(|a| a == address))
        .cloned()
        .collect()
}

mail_test! {
    async fn a_request_and_its_confirmation_reach_the_booker_and_the_owner_in_their_languages(t, python) {
        let db = &t.db;
        let school = organisation(db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let company = organisation(db, "Forssan Konepaja Oy", "company").await;
        user(db, "opettaja@lhkk.example", "Outi Opettaja", Role::Staff, school, Language::Fi).await;
        let manager = user(db, "chef@konepaja.example", "Sven Svensson", Role::Partner, company, Language::Sv).await;
        let lathe = lathe_needing_approval(db, school).await;
        let req = NewBooking {
            purpose: Some("Koeajo".into()),
            ..request(lathe, company, manager, vec![tuesday(8, 12)])
        };
        let made = booking::book(db, &req, now(), &Actor::user(manager, "chef")).await.expect("store").expect("accepted").made;
        assert_eq!(made.len(), 1);

        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 2);
        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 0, "a notice is told once");
        let port = free_port();
        let server = Smtpd::start(python, port);
        let received = deliver(db, port, &server, 2).await;
        let to_booker = to(&received, "chef@konepaja.example");
        let to_owner = to(&received, "opettaja@lhkk.example");
        assert_eq!((to_booker.len(), to_owner.len()), (1, 1));
        assert_eq!(to_booker[0].subject, "Bokningsförfrågan: CNC-sorvi 10.11.2026 kl. 8.00–12.00");
        assert!(to_booker[0].body.contains("Hej Sven Svensson"), "{}", to_booker[0].body);
        assert_eq!(to_owner[0].subject, "Varauspyyntö: CNC-sorvi 10.11.2026 klo 8.00–12.00");
        assert!(to_owner[0].body.contains("Forssan Konepaja Oy pyytää varausta"), "{}", to_owner[0].body);
        assert!(to_owner[0].body.contains(&format!("https://vaski.example/bookings/{}", made[0].id)));

        let mut tx = db.begin().await.expect("begin");
        booking::set_status(&mut tx, made[0].id, BookingStatus::Confirmed, &actor()).await.expect("confirm");
        tx.commit().await.expect("commit");
        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 2);
        let received = deliver(db, port, &server, 4).await;
        let confirmed: Vec<&str> = received.iter().skip(2).map(|r| r.subject.as_str()).collect();
        assert!(confirmed.contains(&"Bokningen bekräftad: CNC-sorvi 10.11.2026 kl. 8.00–12.00"), "{confirmed:?}");
        assert!(confirmed.contains(&"Varaus vahvistettu: CNC-sorvi 10.11.2026 klo 8.00–12.00"), "{confirmed:?}");

        let day_before = tuesday(8, 12).start() - SignedDuration::from_hours(20);
        assert_eq!(notify::queue_reminders(db, day_before, "https://vaski.example").await.expect("reminders"), 2);
        assert_eq!(notify::queue_reminders(db, day_before, "https://vaski.example").await.expect("reminders"), 0, "one reminder per booking and person");
        let received = deliver(db, port, &server, 6).await;
        assert!(received.iter().skip(4).any(|r| r.subject == "Muistutus: CNC-sorvi 10.11.2026 klo 8.00–12.00"));
    }

    async fn a_requested_series_and_its_confirmation_are_one_mail_to_each_person(t, python) {
        let db = &t.db;
        let school = organisation(db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let company = organisation(db, "Forssan Konepaja Oy", "company").await;
        user(db, "opettaja@lhkk.example", "Outi Opettaja", Role::Staff, school, Language::Fi).await;
        let manager = user(db, "chef@konepaja.example", "Pekka Päällikkö", Role::Partner, company, Language::En).await;
        let lathe = lathe_needing_approval(db, school).await;
        let week = SignedDuration::from_hours(24 * 7);
        let tuesdays: Vec<Interval> = (0..3i32)
            .map(|k| {
                let first = tuesday(8, 12);
                Interval::new(first.start() + week * k, first.end() + week * k).expect("span")
            })
            .collect();
        let req = NewBooking {
            series: Some(booking::NewSeries { rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3".into(), exdates: String::new() }),
            purpose: Some("Koeajo".into()),
            ..request(lathe, company, manager, tuesdays)
        };
        let made = booking::book(db, &req, now(), &Actor::user(manager, "chef")).await.expect("store").expect("accepted").made;
        assert_eq!(made.len(), 3);

        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 2, "one mail to each person, not one per Tuesday");
        let port = free_port();
        let server = Smtpd::start(python, port);
        let received = deliver(db, port, &server, 2).await;
        let to_owner = to(&received, "opettaja@lhkk.example");
        let to_booker = to(&received, "chef@konepaja.example");
        assert_eq!((to_owner.len(), to_booker.len()), (1, 1));
        assert_eq!(to_owner[0].subject, "Varauspyyntö: CNC-sorvi 3 aikaa 10.11.2026 – 24.11.2026");
        for day in ["- 10.11.2026 klo 8.00–12.00", "- 17.11.2026 klo 8.00–12.00", "- 24.11.2026 klo 8.00–12.00"] {
            assert!(to_owner[0].body.contains(day), "{day} is listed: {}", to_owner[0].body);
        }
        assert_eq!(to_booker[0].subject, "Booking request: CNC-sorvi 3 times, 10 Nov 2026 – 24 Nov 2026");
        assert!(to_booker[0].body.contains("- 17 Nov 2026 8:00–12:00"), "{}", to_booker[0].body);

        let mut tx = db.begin().await.expect("begin");
        booking::set_status_in_series(&mut tx, made[0].id, SeriesScope::All, BookingStatus::Confirmed, &actor()).await.expect("confirm all");
        tx.commit().await.expect("commit");
        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 2, "the confirmation of the series is one mail each too");
        let received = deliver(db, port, &server, 4).await;
        let confirmed: Vec<&str> = received.iter().skip(2).map(|r| r.subject.as_str()).collect();
        assert!(confirmed.contains(&"Varaus vahvistettu: CNC-sorvi 3 aikaa 10.11.2026 – 24.11.2026"), "{confirmed:?}");
    }

    async fn a_request_reaches_the_resources_manager_who_belongs_to_no_organisation(t, python) {
        let db = &t.db;
        let school = organisation(db, "Lounais-Hämeen koulutuskuntayhtymä", "vocational_institution").await;
        let company = organisation(db, "Forssan Konepaja Oy", "company").await;
        let email = Email::parse("jari.lehtonen@lhkk.example").expect("email");
        let teacher = account::create_user(db, NewUser {
            email: &email,
            name: "Jari Lehtonen",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::En,
        }, &actor()).await.expect("teacher");
        let other = Email::parse("olli@lhkk.example").expect("email");
        account::create_user(db, NewUser {
            email: &other,
            name: "Olli Opettaja",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        }, &actor()).await.expect("another teacher");
        let booker = user(db, "chef@konepaja.example", "Pekka Päällikkö", Role::Partner, company, Language::Fi).await;
        let lathe = lathe_needing_approval(db, school).await;
        let mut tx = db.begin().await.expect("begin");
        vaski_store::sharing::manager::set_managers(&mut tx, lathe, &[teacher], &actor()).await.expect("manager");
        tx.commit().await.expect("commit");
        let req = request(lathe, company, booker, vec![tuesday(8, 12)]);
        booking::book(db, &req, now(), &Actor::user(booker, "chef")).await.expect("store").expect("accepted");

        assert_eq!(notify::tell_pending(db, "https://vaski.example").await.expect("notices"), 2, "the booker and the manager");
        let port = free_port();
        let server = Smtpd::start(python, port);
        let received = deliver(db, port, &server, 2).await;
        let to_teacher = to(&received, "jari.lehtonen@lhkk.example");
        assert_eq!(to_teacher.len(), 1, "{received:?}");
        assert!(to_teacher[0].subject.starts_with("Booking request: CNC-sorvi"), "{}", to_teacher[0].subject);
        assert!(to(&received, "olli@lhkk.example").is_empty(), "a teacher who does not manage it is not told");
    }
}
