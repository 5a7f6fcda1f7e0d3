//! Group commit for SQLite's hottest write, the booking (docs/adr/0009-group-commit.md).
//!
//! SQLite lets one transaction write at a time, and under load each booking held that lock for
//! about 1.2 ms, half of it the commit alone (docs/benchmarks.md): one lock holder after the
//! other, the network took no more bookings a second than that allowed, however many CPUs were
//! idle. Here writes that arrive while one is running wait in a queue, and the next transaction
//! runs all that waited, one after the other, and commits them once. Nothing is answered before
//! its commit. If anything in a group fails, the group is rolled back and each of its writes is
//! run again in a transaction of its own, so one write's failure is never another's.
//!
//! On PostgreSQL a write runs in its own transaction at once: there the locks are per row, and
//! grouping would make bookings of unrelated resources wait for each other.

use crate::db::{Db, Tx};
use crate::error::StoreError;
use futures_util::future::BoxFuture;
use tokio::sync::{mpsc, oneshot};

/// At most this many writes share one transaction, so that a burst does not keep the first of
/// them waiting for its answer behind a long commit.
const MOST_IN_A_GROUP: usize = 32;

/// A write that may share its transaction with others. It may be run more than once (a group
/// that failed is run again write by write), so [`Grouped::run`] keeps what it is given.
pub trait Grouped: Send + 'static {
    type Answer: Send + 'static;

    fn run<'a>(&'a mut self, tx: &'a mut Tx) -> BoxFuture<'a, Result<Self::Answer, StoreError>>;
}

/// The queue of writes waiting for the group writer; cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Queue {
    sender: mpsc::UnboundedSender<Box<dyn Waiting>>,
}

impl Queue {
    /// Starts the writer task of `db`, which ends when the last clone of the queue is dropped.
    pub(crate) fn start(db: Db) -> Queue {
        let (sender, receiver) = mpsc::unbounded_channel();
        tokio::spawn(write_groups(db, receiver));
        Queue { sender }
    }

    /// Queues the write and waits for it to be committed (or to fail).
    pub(crate) async fn write<G: Grouped>(&self, write: G) -> Result<G::Answer, StoreError> {
        let (reply, answer) = oneshot::channel();
        let waiting = Box::new(Pending {
            write,
            answer: None,
            reply,
        });
        self.sender.send(waiting).map_err(|_| writer_gone())?;
        answer.await.map_err(|_| writer_gone())?
    }
}

/// The writer task stopped (the runtime is shutting down) or a write panicked: the write's
/// fate is unknown to the caller, as with a lost connection.
fn writer_gone() -> StoreError {
    StoreError::Unavailable(sqlx::Error::PoolClosed)
}

/// A queued write with its answer, its type erased so that one queue takes every kind.
trait Waiting: Send {
    fn run<'a>(&'a mut self, tx: &'a mut Tx) -> BoxFuture<'a, Result<(), StoreError>>;
    /// Answers the caller: the kept answer once committed, or the error.
    fn finish(self: Box<Self>, committed: Result<(), StoreError>);
}

impl std::fmt::Debug for dyn Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a queued write")
    }
}

struct Pending<G: Grouped> {
    write: G,
    answer: Option<G::Answer>,
    reply: oneshot::Sender<Result<G::Answer, StoreError>>,
}

impl<G: Grouped> Waiting for Pending<G> {
    fn run<'a>(&'a mut self, tx: &'a mut Tx) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.answer = Some(self.write.run(tx).await?);
            Ok(())
        })
    }

    fn finish(self: Box<Self>, committed: Result<(), StoreError>) {
        let Pending { answer, reply, .. } = *self;
        let answer = committed.and_then(|()| answer.ok_or_else(writer_gone));
        // The caller may have gone (its client hung up); the write stands all the same.
        let _ = reply.send(answer);
    }
}

async fn write_groups(db: Db, mut queue: mpsc::UnboundedReceiver<Box<dyn Waiting>>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MOST_IN_A_GROUP {
            match queue.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        // A write that panics loses its group's answers (their callers see an error) but not
        // the writer.
        if let Err(e) = tokio::spawn(write_group(db.clone(), group)).await {
            tracing::error!(error = %e, "a grouped write panicked");
        }
    }
}

async fn write_group(db: Db, mut group: Vec<Box<dyn Waiting>>) {
    if group.len() > 1 {
        match together(&db, &mut group).await {
            Ok(()) => {
                for write in group {
                    write.finish(Ok(()));
                }
                return;
            }
            Err(e) => tracing::debug!(error = %e, "a group of writes failed; each runs alone"),
        }
    }
    for mut write in group {
        let committed = alone(&db, write.as_mut()).await;
        write.finish(committed);
    }
}

async fn together(db: &Db, group: &mut [Box<dyn Waiting>]) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    for write in group.iter_mut() {
        write.run(&mut tx).await?;
    }
    tx.commit().await
}

async fn alone(db: &Db, write: &mut dyn Waiting) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    write.run(&mut tx).await?;
    tx.commit().await
}
