//! Group commit (`Db::write_grouped`): every write is answered after its own commit, a write
//! that fails takes nothing of the others with it, and a write that panics leaves the writer
//! working. On SQLite the writes that wait share a transaction; on PostgreSQL each has its own,
//! and the same answers hold.

use futures_util::future::{join_all, BoxFuture};
use std::time::Duration;
use vaski_store::audit::{self, Subject};
use vaski_store::group_commit::Grouped;
use vaski_store::{both_databases, sql, Actor, Db, StoreError, Tx};

/// Writes one audit entry numbered `n`; `slow` holds its transaction a while first, so that
/// the writes sent meanwhile queue up behind it and go together; `fails` writes and then
/// refuses, so that its entry must not stay.
struct Entry {
    n: i64,
    slow: bool,
    fails: bool,
    panics: bool,
}

impl Entry {
    fn new(n: i64) -> Entry {
        Entry {
            n,
            slow: false,
            fails: false,
            panics: false,
        }
    }
}

impl Grouped for Entry {
    type Answer = i64;

    fn run<'a>(&'a mut self, tx: &'a mut Tx) -> BoxFuture<'a, Result<i64, StoreError>> {
        Box::pin(async move {
            if self.slow {
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            let subject = Subject {
                entity: "group-test",
                entity_id: Some(self.n),
                organisation_id: None,
            };
            audit::record(tx, &Actor::system("test"), "create", subject, &[]).await?;
            if self.panics {
                panic!("a write that panics");
            }
            if self.fails {
                return Err(StoreError::Invalid {
                    field: "entry",
                    key: "refused",
                });
            }
            Ok(self.n * 10)
        })
    }
}

async fn written(db: &Db) -> Vec<i64> {
    let rows: Vec<(i64,)> = db
        .fetch_all(sql(
            "SELECT entity_id FROM audit_log WHERE entity = 'group-test' ORDER BY entity_id",
        ))
        .await
        .expect("read the entries");
    rows.into_iter().map(|(n,)| n).collect()
}

both_databases! {
    async fn each_write_is_answered_and_kept_once(db) {
        let mut first = Entry::new(0);
        first.slow = true;
        let mut writes = vec![db.write_grouped(first)];
        // Sent while the first holds its transaction: on SQLite these wait and go together.
        for n in 1..20 {
            writes.push(db.write_grouped(Entry::new(n)));
        }
        let answers: Vec<i64> = join_all(writes)
            .await
            .into_iter()
            .map(|a| a.expect("every write succeeds"))
            .collect();
        assert_eq!(answers, (0..20).map(|n| n * 10).collect::<Vec<_>>());
        assert_eq!(written(&db).await, (0..20).collect::<Vec<_>>());
    }

    async fn a_failing_write_takes_nothing_of_the_others_with_it(db) {
        let mut first = Entry::new(0);
        first.slow = true;
        let mut writes = vec![db.write_grouped(first)];
        for n in 1..10 {
            let mut e = Entry::new(n);
            e.fails = n == 5;
            writes.push(db.write_grouped(e));
        }
        let answers = join_all(writes).await;
        for (n, answer) in answers.into_iter().enumerate() {
            match (n, answer) {
                (5, Err(StoreError::Invalid { key: "refused", .. })) => {}
                (5, other) => panic!("the failing write answered {other:?}"),
                (n, Ok(a)) => assert_eq!(a, n as i64 * 10),
                (n, Err(e)) => panic!("write {n} failed: {e}"),
            }
        }
        assert_eq!(
            written(&db).await,
            vec![0, 1, 2, 3, 4, 6, 7, 8, 9],
            "the failed write's entry is rolled back, every other one is kept once"
        );
    }

    async fn a_write_that_panics_leaves_the_writer_working(db) {
        let mut bad = Entry::new(1);
        bad.panics = true;
        let lost = tokio::spawn({
            let db = db.clone();
            async move { db.write_grouped(bad).await }
        })
        .await;
        // On SQLite the writer answers with an error; on PostgreSQL the caller's own task panics.
        assert!(!matches!(lost, Ok(Ok(_))), "a panicking write is not answered as made");
        assert_eq!(db.write_grouped(Entry::new(2)).await.expect("the next write"), 20);
        assert_eq!(written(&db).await, vec![2], "nothing of the panicking write stays");
    }
}
