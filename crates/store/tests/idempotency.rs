//! Store tests of `Idempotency-Key` claims, on SQLite and on PostgreSQL: a key is claimed once,
//! its answer is kept for the same request, refused for another, and forgotten after a day.

use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::sharing::idempotency::{self, Claim};
use vaski_store::{both_databases, Actor, Db};

const NOW: OffsetDateTime = datetime!(2026-11-02 07:00 UTC);

async fn user(db: &Db, email: &str) -> i64 {
    let email = Email::parse(email).expect("valid email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name: "API-asiakas",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        },
        &Actor::system("test"),
    )
    .await
    .expect("create user")
}

async fn claim(db: &Db, user_id: i64, key: &str, hash: &str, now: OffsetDateTime) -> Claim {
    idempotency::claim(db, user_id, key, hash, now)
        .await
        .expect("store works")
}

both_databases! {
    async fn a_new_key_is_claimed_and_its_answer_is_replayed_to_the_same_request(db) {
        let u = user(&db, "api@lhkk.example").await;
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::Claimed);
        idempotency::finish(&db, u, "k-1", 201, "{\"bookings\":[]}").await.expect("finish");
        assert_eq!(
            claim(&db, u, "k-1", "hash-a", NOW).await,
            Claim::Replay { status: 201, body: "{\"bookings\":[]}".into() }
        );
    }

    async fn a_key_sent_with_another_request_is_reported_as_reused(db) {
        let u = user(&db, "api@lhkk.example").await;
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::Claimed);
        assert_eq!(claim(&db, u, "k-1", "hash-b", NOW).await, Claim::Reused, "while in progress");
        idempotency::finish(&db, u, "k-1", 409, "{}").await.expect("finish");
        assert_eq!(claim(&db, u, "k-1", "hash-b", NOW).await, Claim::Reused, "once answered");
    }

    async fn a_key_in_progress_holds_off_retries_until_released(db) {
        let u = user(&db, "api@lhkk.example").await;
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::Claimed);
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::InProgress);
        idempotency::release(&db, u, "k-1").await.expect("release");
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::Claimed, "a released key runs afresh");
    }

    async fn a_finished_answer_is_not_released_by_a_late_release(db) {
        let u = user(&db, "api@lhkk.example").await;
        claim(&db, u, "k-1", "hash-a", NOW).await;
        idempotency::finish(&db, u, "k-1", 201, "first").await.expect("finish");
        idempotency::release(&db, u, "k-1").await.expect("release");
        idempotency::finish(&db, u, "k-1", 500, "second").await.expect("finish");
        assert_eq!(claim(&db, u, "k-1", "hash-a", NOW).await, Claim::Replay { status: 201, body: "first".into() });
    }

    async fn keys_are_per_user(db) {
        let first = user(&db, "first@lhkk.example").await;
        let second = user(&db, "second@lhkk.example").await;
        assert_eq!(claim(&db, first, "k-1", "hash-a", NOW).await, Claim::Claimed);
        assert_eq!(claim(&db, second, "k-1", "hash-b", NOW).await, Claim::Claimed);
    }

    async fn of_many_simultaneous_claims_of_one_key_exactly_one_wins(db) {
        let u = user(&db, "api@lhkk.example").await;
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                idempotency::claim(&db, u, "k-1", "hash-a", NOW).await
            }));
        }
        let mut claimed = 0;
        for t in tasks {
            match t.await.expect("task").expect("no store error under contention") {
                Claim::Claimed => claimed += 1,
                Claim::InProgress => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(claimed, 1);
    }

    async fn a_key_older_than_a_day_is_forgotten(db) {
        let u = user(&db, "api@lhkk.example").await;
        claim(&db, u, "k-1", "hash-a", NOW).await;
        idempotency::finish(&db, u, "k-1", 201, "old").await.expect("finish");
        claim(&db, u, "k-2", "hash-a", NOW).await;
        let within = NOW + Duration::hours(23);
        assert_eq!(claim(&db, u, "k-1", "hash-b", within).await, Claim::Reused, "kept for a day");
        let later = NOW + Duration::hours(25);
        assert_eq!(claim(&db, u, "k-1", "hash-b", later).await, Claim::Claimed, "a day later the key is new");
        let purged = idempotency::purge(&db, later + Duration::hours(25)).await.expect("purge");
        assert_eq!(purged, 1, "only the key claimed a day later was left");
    }
}
