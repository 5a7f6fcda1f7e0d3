//! Outbox tests: every one runs on SQLite and on PostgreSQL. Time is passed in, so a test moves
//! the clock instead of waiting.

use std::collections::HashSet;
use time::{Duration, OffsetDateTime};
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::outbox::{self, NewMail, MAX_ATTEMPTS};
use vaski_store::testing::TestDb;
use vaski_store::{both_databases, sql, Actor, Backend, Db};

const LEASE: Duration = Duration::minutes(5);

fn mail(n: usize) -> NewMail {
    NewMail {
        to: Email::parse(&format!("varaaja{n}@example.fi")).expect("valid email"),
        to_name: "Päivi Hämäläinen".into(),
        language: Language::Fi,
        subject: "Varaus vahvistettu: CNC-sorvi".into(),
        body: "Varauksesi on vahvistettu.\nTervetuloa!".into(),
        kind: Some("booking-confirmed".into()),
        reference: Some(format!("booking:{n}")),
        dedupe_key: None,
    }
}

/// The administrator who acts; a system actor, since these tests make no users.
fn admin() -> Actor {
    Actor::system("admin@lhkk.example")
}

/// The audit entries of a mail: the action and the changes as stored (JSON).
async fn audit_of(db: &Db, id: i64) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = db
        .fetch_all(
            sql("SELECT action, changes FROM audit_log WHERE entity = 'mail' AND entity_id = $1 ORDER BY id")
                .bind(id),
        )
        .await
        .expect("audit");
    rows
}

/// A mail queued, claimed and recorded as sent at `at`; no other mail may be due.
async fn sent_at(db: &Db, n: usize, at: OffsetDateTime) -> i64 {
    let id = queue(db, &mail(n)).await.expect("queued");
    let claimed: Vec<i64> = outbox::claim(db, "w1", OffsetDateTime::now_utc(), LEASE, 100)
        .await
        .expect("claim")
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(claimed, vec![id]);
    assert!(outbox::mark_sent(db, id, "w1", at)
        .await
        .expect("mark sent"));
    id
}

async fn queue(db: &Db, mail: &NewMail) -> Option<i64> {
    let mut tx = db.begin().await.expect("begin");
    let id = outbox::enqueue(&mut tx, mail).await.expect("enqueue");
    tx.commit().await.expect("commit");
    id
}

async fn claim_at(db: &Db, worker: &str, at: OffsetDateTime) -> Vec<i64> {
    outbox::claim(db, worker, at, LEASE, 10)
        .await
        .expect("claim")
        .into_iter()
        .map(|m| m.id)
        .collect()
}

both_databases! {
    async fn a_queued_mail_is_claimed_with_its_text_and_then_marked_sent(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 1);
        let now = OffsetDateTime::now_utc();

        let claimed = outbox::claim(&db, "w1", now, LEASE, 10).await.expect("claim");
        assert_eq!(claimed.len(), 1);
        let m = &claimed[0];
        assert_eq!(m.id, id);
        assert_eq!(m.to, "varaaja1@example.fi");
        assert_eq!(m.to_name, "Päivi Hämäläinen");
        assert_eq!(m.language, Language::Fi);
        assert_eq!(m.subject, "Varaus vahvistettu: CNC-sorvi");
        assert_eq!(m.body, "Varauksesi on vahvistettu.\nTervetuloa!");
        assert_eq!(m.kind.as_deref(), Some("booking-confirmed"));
        assert_eq!(m.reference.as_deref(), Some("booking:1"));
        assert_eq!(m.attempts, 1);
        assert_eq!(m.claimed_by.as_deref(), Some("w1"));

        assert!(outbox::mark_sent(&db, id, "w1", now).await.expect("mark sent"));
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 0);
        let stored = outbox::mail_by_id(&db, id).await.expect("read").expect("exists");
        assert!(stored.sent_at.is_some());
        assert_eq!(stored.claimed_by, None);
        // A sent mail is never due again, not even long after.
        assert!(claim_at(&db, "w2", now + Duration::days(30)).await.is_empty());
    }

    async fn an_event_with_the_same_dedupe_key_queues_its_mail_only_once(db) {
        let keyed = NewMail { dedupe_key: Some("booking:7:confirmed:user:3".into()), ..mail(7) };
        let first = queue(&db, &keyed).await;
        let again = queue(&db, &NewMail { subject: "Toinen".into(), ..keyed.clone() }).await;
        assert!(first.is_some());
        assert_eq!(again, None);
        // Mails without a key are never taken for each other.
        assert!(queue(&db, &mail(8)).await.is_some());
        assert!(queue(&db, &mail(8)).await.is_some());
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 3);
        let kept = outbox::mail_by_id(&db, first.expect("id")).await.expect("read").expect("exists");
        assert_eq!(kept.subject, "Varaus vahvistettu: CNC-sorvi");
    }

    async fn a_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(db) {
        let mut tx = db.begin().await.expect("begin");
        outbox::enqueue(&mut tx, &mail(1)).await.expect("enqueue");
        drop(tx);
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 0);
        assert!(claim_at(&db, "w1", OffsetDateTime::now_utc()).await.is_empty());
    }

    async fn a_failed_mail_is_retried_after_one_minute_then_two_then_four(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let mut at = OffsetDateTime::now_utc();
        for (attempt, wait) in [(1, 1), (2, 2), (3, 4)] {
            assert_eq!(claim_at(&db, "w1", at).await, vec![id], "attempt {attempt}");
            let error = format!("421 try again later ({attempt})");
            assert!(outbox::mark_failed(&db, id, "w1", at, &error).await.expect("mark failed"));
            let stored = outbox::mail_by_id(&db, id).await.expect("read").expect("exists");
            assert_eq!(stored.attempts, attempt);
            assert_eq!(stored.last_error.as_deref(), Some(error.as_str()));
            assert_eq!(stored.claimed_by, None);
            let due = at + Duration::minutes(wait);
            assert!(claim_at(&db, "w1", due - Duration::seconds(1)).await.is_empty(), "too early after attempt {attempt}");
            at = due;
        }
        assert_eq!(claim_at(&db, "w1", at).await, vec![id]);
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 1);
    }

    async fn a_failing_mail_is_shown_to_the_admin_and_given_up_after_the_last_attempt(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let mut at = OffsetDateTime::now_utc();
        for _ in 0..MAX_ATTEMPTS {
            assert_eq!(claim_at(&db, "w1", at).await, vec![id]);
            assert!(outbox::mark_failed(&db, id, "w1", at, "Connection refused").await.expect("mark failed"));
            let failures = outbox::failures(&db, 10).await.expect("failures");
            assert_eq!(failures.len(), 1);
            assert_eq!(failures[0].last_error.as_deref(), Some("Connection refused"));
            at += Duration::hours(6);
        }
        let failures = outbox::failures(&db, 10).await.expect("failures");
        assert!(failures[0].gave_up());
        assert_eq!(failures[0].attempts, MAX_ATTEMPTS);
        assert!(claim_at(&db, "w1", at + Duration::days(365)).await.is_empty());

        assert!(outbox::retry_now(&db, id, at, &admin()).await.expect("retry"));
        let claimed = outbox::claim(&db, "w1", at, LEASE, 10).await.expect("claim");
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].attempts, 1, "the admin's retry starts a fresh series");
        assert!(outbox::mark_sent(&db, id, "w1", at).await.expect("mark sent"));
        assert!(outbox::failures(&db, 10).await.expect("failures").is_empty());
        assert!(!outbox::retry_now(&db, id, at, &admin()).await.expect("retry"), "a sent mail is not sent again");
    }

    async fn a_claimed_mail_is_not_claimed_by_another_worker_until_its_lease_ends(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let t0 = OffsetDateTime::now_utc();
        assert_eq!(claim_at(&db, "w1", t0).await, vec![id]);
        assert!(claim_at(&db, "w2", t0 + LEASE - Duration::seconds(1)).await.is_empty());
        assert!(!outbox::retry_now(&db, id, t0 + Duration::minutes(1), &admin()).await.expect("retry"),
            "the admin's retry leaves a mail that is being sent alone");

        // w1 stalled past its lease: w2 takes the mail, and w1 can no longer record anything.
        assert_eq!(claim_at(&db, "w2", t0 + LEASE).await, vec![id]);
        assert!(!outbox::mark_sent(&db, id, "w1", t0 + LEASE).await.expect("mark sent"));
        assert!(!outbox::mark_failed(&db, id, "w1", t0 + LEASE, "late").await.expect("mark failed"));
        assert!(!outbox::release(&db, id, "w1").await.expect("release"));
        assert!(outbox::mark_sent(&db, id, "w2", t0 + LEASE).await.expect("mark sent"));
        let stored = outbox::mail_by_id(&db, id).await.expect("read").expect("exists");
        assert_eq!(stored.attempts, 2);
        assert_eq!(stored.last_error, None);
    }

    async fn a_released_mail_is_free_at_once_and_its_attempt_is_not_counted(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        assert_eq!(claim_at(&db, "w1", now).await, vec![id]);
        assert!(outbox::release(&db, id, "w1").await.expect("release"));
        let claimed = outbox::claim(&db, "w2", now, LEASE, 10).await.expect("claim");
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].attempts, 1);
    }

    async fn a_claim_takes_at_most_its_limit_oldest_due_first(db) {
        let mut ids = Vec::new();
        for n in 0..5 {
            ids.push(queue(&db, &mail(n)).await.expect("queued"));
        }
        let now = OffsetDateTime::now_utc();
        let first = outbox::claim(&db, "w1", now, LEASE, 3).await.expect("claim");
        assert_eq!(first.iter().map(|m| m.id).collect::<Vec<_>>(), ids[..3]);
        let rest = outbox::claim(&db, "w2", now, LEASE, 3).await.expect("claim");
        assert_eq!(rest.iter().map(|m| m.id).collect::<Vec<_>>(), ids[3..]);
    }

    async fn an_undeliverable_mail_is_given_up_at_once_and_shown_to_the_admin(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        claim_at(&db, "w1", now).await;
        assert!(outbox::mark_undeliverable(&db, id, "w1", now, "bad address").await.expect("mark"));
        assert!(claim_at(&db, "w1", now + Duration::days(365)).await.is_empty());
        let failures = outbox::failures(&db, 10).await.expect("failures");
        assert_eq!(failures.len(), 1);
        assert!(failures[0].gave_up());
        assert_eq!(failures[0].last_error.as_deref(), Some("bad address"));
    }

    async fn a_long_error_is_kept_shortened_and_whole_characters(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        claim_at(&db, "w1", now).await;
        let long = "ä".repeat(5000);
        assert!(outbox::mark_failed(&db, id, "w1", now, &long).await.expect("mark failed"));
        let stored = outbox::mail_by_id(&db, id).await.expect("read").expect("exists");
        assert_eq!(stored.last_error.expect("error").chars().count(), 1000);
    }
}

/// Workers on separate connection pools, as on separate servers, claim a batch at once until
/// nothing is due; each mail must reach exactly one of them.
async fn concurrent_workers_share_out_every_mail_once(backend: Backend) {
    let t = TestDb::new(backend).await;
    const MAILS: usize = 60;
    for n in 0..MAILS {
        queue(&t.db, &mail(n)).await.expect("queued");
    }
    let now = OffsetDateTime::now_utc();
    let mut workers = Vec::new();
    for w in 0..4 {
        let db = Db::connect(&t.url).await.expect("a second connection pool");
        workers.push(tokio::spawn(async move {
            let worker = format!("w{w}");
            let mut mine = Vec::new();
            loop {
                let claimed = outbox::claim(&db, &worker, now, LEASE, 4)
                    .await
                    .expect("claim");
                if claimed.is_empty() {
                    break;
                }
                for m in claimed {
                    assert!(outbox::mark_sent(&db, m.id, &worker, now)
                        .await
                        .expect("mark sent"));
                    mine.push(m.id);
                }
            }
            db.close().await;
            mine
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("worker"));
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), MAILS, "every mail claimed once: {all:?}");
    assert_eq!(distinct.len(), MAILS);
    assert_eq!(outbox::pending_count(&t.db).await.expect("count"), 0);
    t.finish().await;
}

mod workers_on_separate_connections_never_claim_the_same_mail {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        concurrent_workers_share_out_every_mail_once(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        concurrent_workers_share_out_every_mail_once(Backend::Postgres).await;
    }
}

both_databases! {
    async fn the_admins_retry_is_recorded_in_the_audit_trail(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        claim_at(&db, "w1", now).await;
        assert!(outbox::mark_undeliverable(&db, id, "w1", now, "bad address").await.expect("mark"));
        assert!(outbox::retry_now(&db, id, now, &admin()).await.expect("retry"));
        let audit = audit_of(&db, id).await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].0, "retry");
        assert!(audit[0].1.contains(&format!("\"old\":\"{MAX_ATTEMPTS}\"")), "{audit:?}");
    }

    async fn a_discarded_mail_is_gone_and_its_recipient_and_subject_stay_in_the_audit_trail(db) {
        let id = queue(&db, &mail(1)).await.expect("queued");
        let kept = queue(&db, &mail(2)).await.expect("queued");
        let now = OffsetDateTime::now_utc();
        claim_at(&db, "w1", now).await;
        assert!(outbox::mark_failed(&db, id, "w1", now, "Connection refused").await.expect("mark"));
        assert!(outbox::mark_failed(&db, kept, "w1", now, "Connection refused").await.expect("mark"));

        assert!(outbox::discard(&db, id, now, &admin()).await.expect("discard"));
        assert_eq!(outbox::mail_by_id(&db, id).await.expect("read"), None);
        assert_eq!(outbox::failures(&db, 10).await.expect("failures").iter().map(|m| m.id).collect::<Vec<_>>(), [kept]);
        assert!(claim_at(&db, "w2", now + Duration::days(1)).await == vec![kept], "the discarded mail is never sent");
        let audit = audit_of(&db, id).await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].0, "delete");
        assert!(audit[0].1.contains("varaaja1@example.fi"), "{audit:?}");
        assert!(audit[0].1.contains("Varaus vahvistettu: CNC-sorvi"), "{audit:?}");
        assert!(!outbox::discard(&db, id, now, &admin()).await.expect("discard"), "a mail is discarded once");
    }

    async fn a_mail_being_sent_or_already_sent_is_not_discarded(db) {
        let now = OffsetDateTime::now_utc();
        let sent = sent_at(&db, 1, now).await;
        assert!(!outbox::discard(&db, sent, now, &admin()).await.expect("discard"));
        let busy = queue(&db, &mail(2)).await.expect("queued");
        // Claimed at a time read after the queueing: a mail is due from the second it is queued.
        let now = OffsetDateTime::now_utc();
        assert_eq!(claim_at(&db, "w1", now).await, vec![busy]);
        assert!(!outbox::discard(&db, busy, now + Duration::minutes(1), &admin()).await.expect("discard"));
        assert!(outbox::mail_by_id(&db, sent).await.expect("read").is_some());
        assert!(outbox::mail_by_id(&db, busy).await.expect("read").is_some());
        assert!(audit_of(&db, sent).await.is_empty() && audit_of(&db, busy).await.is_empty(), "nothing done, nothing recorded");
    }

    async fn sent_mails_older_than_the_retention_are_purged_in_batches_and_unsent_ones_stay(db) {
        let now = OffsetDateTime::now_utc();
        let long_ago = now - Duration::days(45);
        let mut old_sent = Vec::new();
        for n in 0..5 {
            old_sent.push(sent_at(&db, n, long_ago).await);
        }
        let recent = sent_at(&db, 10, now - Duration::days(3)).await;
        // Unsent: one waiting for a retry, one given up, one due now.
        let failing = queue(&db, &mail(11)).await.expect("queued");
        let given_up = queue(&db, &mail(12)).await.expect("queued");
        // Claimed at a time read after the queueing (a slow run crossed a second here).
        assert_eq!(claim_at(&db, "w2", OffsetDateTime::now_utc()).await, vec![failing, given_up]);
        assert!(outbox::mark_failed(&db, failing, "w2", now, "Connection refused").await.expect("mark"));
        assert!(outbox::mark_undeliverable(&db, given_up, "w2", now, "bad address").await.expect("mark"));
        let pending = queue(&db, &mail(13)).await.expect("queued");

        let purged = outbox::purge_sent(&db, now - outbox::DEFAULT_RETENTION, 2).await.expect("purge");
        assert_eq!(purged, 5, "five old sent mails, two at a time");
        for id in old_sent {
            assert_eq!(outbox::mail_by_id(&db, id).await.expect("read"), None);
        }
        for id in [recent, failing, given_up, pending] {
            assert!(outbox::mail_by_id(&db, id).await.expect("read").is_some(), "mail {id} stays");
        }
        assert_eq!(outbox::pending_count(&db).await.expect("count"), 3);
        assert_eq!(outbox::purge_sent(&db, now - outbox::DEFAULT_RETENTION, 2).await.expect("purge"), 0);
        // Whatever the cut-off, an unsent mail is never purged.
        assert_eq!(outbox::purge_sent(&db, now + Duration::days(365), 2).await.expect("purge"), 1);
        assert_eq!(outbox::mail_by_id(&db, recent).await.expect("read"), None);
        for id in [failing, given_up, pending] {
            assert!(outbox::mail_by_id(&db, id).await.expect("read").is_some(), "unsent mail {id} stays");
        }
    }
}
