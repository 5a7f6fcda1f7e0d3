//! Telling people about their bookings: the store records each event of a booking (requested,
//! confirmed, rejected, cancelled, changed) with the change itself; this worker turns the events
//! into mails in each recipient's language and queues them in the outbox, in one transaction,
//! and a sweep queues the day-before reminders. The outbox sends them (see `crate::mail`).
//!
//! Every mail carries a dedupe key (`notice:<id>:user:<id>`, `booking:<id>:reminder:user:<id>`),
//! so that a notice told twice (two servers, a crash between the queueing and the deletion)
//! still sends one mail.

use crate::i18n::Tr;
use crate::mail::MailWaker;
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::db::{to_offset_date_time, to_timestamp};
use vaski_store::outbox::{self, NewMail};
use vaski_store::sharing::booking::Booking;
use vaski_store::sharing::notice::{self, Recipient, Side};
use vaski_store::{Db, StoreError};

/// How the notice worker runs.
#[derive(Debug, Clone)]
pub struct NoticeSettings {
    pub poll_interval: Duration,
    /// The address people open Vaski at, for the links in mails (`https://vaski.lhkk.fi`).
    pub public_url: String,
    /// Wakes the outbox worker once mails are queued, where one runs.
    pub waker: Option<MailWaker>,
}

/// The running worker; [`NoticeWorker::shutdown`] stops it.
pub struct NoticeWorker {
    handle: JoinHandle<()>,
    stop: Arc<Notify>,
}

impl NoticeWorker {
    pub async fn shutdown(self) {
        self.stop.notify_one();
        let _ = self.handle.await;
    }
}

/// Notices told per transaction: a handful of statements tell them all, so that the write
/// lock the telling holds on SQLite is short whatever the batch.
const BATCH: i64 = 200;

pub fn spawn_notice_worker(db: Db, settings: NoticeSettings) -> NoticeWorker {
    let stop = Arc::new(Notify::new());
    let stopped = stop.clone();
    let handle = tokio::spawn(async move {
        loop {
            let queued = tell_pending(&db, &settings.public_url).await;
            let reminders = queue_reminders(&db, Timestamp::now(), &settings.public_url).await;
            match (queued, reminders) {
                (Ok(a), Ok(b)) if a + b > 0 => {
                    if let Some(w) = &settings.waker {
                        w.wake();
                    }
                }
                (Ok(_), Ok(_)) => {}
                (Err(e), _) | (_, Err(e)) => tracing::warn!(error = %e, "booking notices"),
            }
            tokio::select! {
                () = stopped.notified() => break,
                () = tokio::time::sleep(settings.poll_interval) => {}
            }
        }
    });
    NoticeWorker { handle, stop }
}

/// Tells every recorded notice: queues its mails and removes it, a batch per transaction.
/// Answers how many mails were queued.
pub async fn tell_pending(db: &Db, public_url: &str) -> Result<usize, StoreError> {
    let mut queued = 0;
    loop {
        let mut tx = db.begin().await?;
        let notices = notice::take(&mut tx, BATCH).await?;
        if notices.is_empty() {
            return Ok(queued);
        }
        let ids: Vec<i64> = notices.iter().map(|n| n.booking_id).collect();
        let bookings = notice::bookings(&mut tx, &ids).await?;
        let about: Vec<&Booking> = bookings.values().collect();
        let recipients = notice::recipients_of_all(&mut tx, &about).await?;
        let mut mails = Vec::new();
        for told in told_together(&notices, &bookings) {
            for r in recipients.get(&told.bookings[0].id).into_iter().flatten() {
                let key = format!("notice:{}:user:{}", told.first_notice, r.user_id);
                mails.extend(mail(told.event, &told.bookings, r, public_url, key)?);
            }
        }
        queued += outbox::enqueue_all(&mut tx, &mails).await?;
        let told: Vec<i64> = notices.iter().map(|n| n.id).collect();
        notice::done(&mut tx, &told).await?;
        tx.commit().await?;
    }
}

/// Notices told in one mail: one booking's, or the same event of several occurrences of one
/// series (a request of nine Thursdays, confirmed at once), so that a series is one mail to
/// each person and not one per occurrence.
struct Told<'a> {
    event: &'a str,
    /// Never empty, in the order the notices were recorded.
    bookings: Vec<&'a Booking>,
    /// The first notice's id, for the mail's dedupe key.
    first_notice: i64,
}

fn told_together<'a>(
    notices: &'a [notice::Notice],
    bookings: &'a HashMap<i64, Booking>,
) -> Vec<Told<'a>> {
    let mut told: Vec<Told<'a>> = Vec::new();
    let mut of_series: HashMap<(i64, &str, Option<i64>), usize> = HashMap::new();
    for n in notices {
        let Some(b) = bookings.get(&n.booking_id) else {
            continue;
        };
        let key = b.series_id.map(|s| (s, n.event.as_str(), n.actor_id));
        match key.and_then(|k| of_series.get(&k)) {
            Some(&i) => told[i].bookings.push(b),
            None => {
                if let Some(k) = key {
                    of_series.insert(k, told.len());
                }
                told.push(Told {
                    event: &n.event,
                    bookings: vec![b],
                    first_notice: n.id,
                });
            }
        }
    }
    told
}

/// Queues the reminders of confirmed bookings that start within the next 24 hours and have
/// not had theirs (checked every few seconds, so each booking is reminded about a day before).
pub async fn queue_reminders(
    db: &Db,
    now: Timestamp,
    public_url: &str,
) -> Result<usize, StoreError> {
    let from = to_offset_date_time(now);
    let to = to_offset_date_time(now + SignedDuration::from_hours(24));
    // Looked for before the write transaction: most sweeps find nothing, and on SQLite a write
    // transaction would make every booking wait.
    let due = {
        let mut read = db.begin_read().await?;
        notice::due_reminders(&mut read, from, to).await?
    };
    if due.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    let bookings = notice::bookings(&mut tx, &due).await?;
    // In the order of their starts, as the sweep found them.
    let about: Vec<&Booking> = due.iter().filter_map(|id| bookings.get(id)).collect();
    let recipients = notice::recipients_of_all(&mut tx, &about).await?;
    let mut mails = Vec::new();
    for b in about {
        for r in recipients.get(&b.id).into_iter().flatten() {
            let key = format!("booking:{}:reminder:user:{}", b.id, r.user_id);
            mails.extend(mail("reminder", &[b], r, public_url, key)?);
        }
    }
    let queued = outbox::enqueue_all(&mut tx, &mails).await?;
    tx.commit().await?;
    Ok(queued)
}

/// The mail that tells `r` of the event, or none where the user's address cannot be mailed.
/// Its reference (`booking:<id>`) and kind (`booking-<event>`) are what
/// [`notice::due_reminders`] looks for.
fn mail(
    event: &str,
    bookings: &[&Booking],
    r: &Recipient,
    public_url: &str,
    dedupe_key: String,
) -> Result<Option<NewMail>, StoreError> {
    let Ok(to) = Email::parse(&r.email) else {
        tracing::warn!(
            user = r.user_id,
            "a user's address cannot be mailed; notice skipped"
        );
        return Ok(None);
    };
    let (subject, body) = compose(event, bookings, r, public_url)?;
    let Some(b) = bookings.first() else {
        return Ok(None);
    };
    Ok(Some(NewMail {
        to,
        to_name: r.name.clone(),
        language: r.language,
        subject,
        body,
        kind: Some(format!("booking-{event}")),
        reference: Some(format!("booking:{}", b.id)),
        dedupe_key: Some(dedupe_key),
    }))
}

/// The subject and the plain-text body of a booking mail, in the recipient's language: about
/// one booking, or about several occurrences of one series, listed by their times.
pub fn compose(
    event: &str,
    bookings: &[&Booking],
    r: &Recipient,
    public_url: &str,
) -> Result<(String, String), StoreError> {
    let (Some(b), Some(last)) = (bookings.first(), bookings.last()) else {
        return Err(StoreError::Corrupt(
            "a booking mail about no booking".into(),
        ));
    };
    let t = Tr::new(r.language);
    let count = i64::try_from(bookings.len()).unwrap_or(i64::MAX);
    let when = if count == 1 {
        when(r.language, b.starts_at, b.ends_at)?
    } else {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        args.set("first", FluentValue::from(day(r.language, b.starts_at)?));
        args.set("last", FluentValue::from(day(r.language, last.starts_at)?));
        t.with_args("series-mail-times", &args)
    };
    let side = match r.side {
        Side::Booker => "booker",
        Side::Owner => "owner",
    };
    let mut args = FluentArgs::new();
    args.set("resource", FluentValue::from(b.resource_name.clone()));
    args.set("when", FluentValue::from(when.clone()));
    args.set("name", FluentValue::from(r.name.clone()));
    args.set(
        "booker",
        FluentValue::from(b.booker_name.clone().unwrap_or_default()),
    );
    let message = |key: &str| t.with_args(key, &args);
    let subject = message(&format!("booking-mail-{event}-subject"));
    let mut body = vec![
        message("booking-mail-greeting"),
        String::new(),
        message(&format!("booking-mail-{event}-{side}")),
    ];
    // A booker's move of a confirmed booking asks the owner again: say so to both.
    if event == "changed" && bookings.iter().any(|b| b.status == "requested") {
        body.push(message(&format!("series-mail-changed-waiting-{side}")));
    }
    body.push(String::new());
    body.push(format!(
        "{}: {}",
        t.t("booking-mail-resource"),
        b.resource_name
    ));
    if count == 1 {
        body.push(format!("{}: {when}", t.t("booking-mail-time")));
    } else {
        body.push(t.n("series-mail-count", count));
        for o in bookings {
            body.push(format!(
                "- {}",
                self::when(r.language, o.starts_at, o.ends_at)?
            ));
        }
    }
    if let Some(booker) = &b.booker_name {
        body.push(format!("{}: {booker}", t.t("booking-mail-booker")));
    }
    if let Some(p) = &b.purpose {
        body.push(format!("{}: {p}", t.t("booking-mail-purpose")));
    }
    body.push(String::new());
    body.push(format!(
        "{}: {}/bookings/{}",
        t.t("booking-mail-link"),
        public_url.trim_end_matches('/'),
        b.id
    ));
    body.push(String::new());
    body.push(t.t("booking-mail-signature"));
    Ok((subject, body.join("\n")))
}

/// The Helsinki date of an instant as the recipient reads it (3.12.2026, 3 Dec 2026).
fn day(lang: Language, at: OffsetDateTime) -> Result<String, StoreError> {
    let at = to_timestamp(at)?.to_zoned(helsinki().clone());
    Ok(at.strftime(Formats::of(lang).date).to_string())
}

/// How a mail writes a date and a time of day in the recipient's language, and the word
/// before the time ("klo 8.00").
struct Formats {
    date: &'static str,
    time: &'static str,
    word: &'static str,
}

impl Formats {
    fn of(lang: Language) -> Formats {
        let (date, time, word) = match lang {
            Language::Fi => ("%-d.%-m.%Y", "%-H.%M", "klo "),
            Language::Sv => ("%-d.%-m.%Y", "%-H.%M", "kl. "),
            Language::En => ("%-d %b %Y", "%-H:%M", ""),
        };
        Formats { date, time, word }
    }
}

/// The booking's time as the recipient reads it, in Helsinki time.
pub fn when(
    lang: Language,
    start: OffsetDateTime,
    end: OffsetDateTime,
) -> Result<String, StoreError> {
    let start = to_timestamp(start)?.to_zoned(helsinki().clone());
    let end = to_timestamp(end)?.to_zoned(helsinki().clone());
    let same_day = start.date() == end.date();
    let Formats { date, time, word } = Formats::of(lang);
    Ok(if same_day {
        format!(
            "{} {word}{}–{}",
            start.strftime(date),
            start.strftime(time),
            end.strftime(time)
        )
    } else {
        format!(
            "{} {word}{} – {} {word}{}",
            start.strftime(date),
            start.strftime(time),
            end.strftime(date),
            end.strftime(time)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn moved_booking(status: &str) -> Booking {
        Booking {
            id: 7,
            resource_id: 3,
            resource_name: "CNC-sorvi".into(),
            owner_organisation_id: 1,
            series_id: Some(2),
            kind: "booking".into(),
            status: status.into(),
            starts_at: datetime!(2026-10-29 07:00 UTC),
            ends_at: datetime!(2026-10-29 09:30 UTC),
            units: 1,
            booker_organisation_id: Some(5),
            booker_name: Some("Forssan Konepaja Oy".into()),
            booker_kind: Some("company".into()),
            contact_person_id: None,
            contact_name: None,
            booked_by: Some(9),
            purpose: None,
            people_count: None,
            price_cents: None,
            uid: "x@vaski".into(),
            sequence: 1,
            decided_by: None,
            decided_at: None,
            cancelled_by: None,
            cancelled_at: None,
            no_show: false,
            created_at: datetime!(2026-10-01 07:00 UTC),
            updated_at: datetime!(2026-10-01 07:00 UTC),
        }
    }

    fn reader(language: Language, side: Side) -> Recipient {
        Recipient {
            user_id: 9,
            email: "pekka@konepaja.example".into(),
            name: "Pekka".into(),
            language,
            side,
        }
    }

    #[test]
    fn a_moved_booking_is_told_with_its_new_helsinki_time() {
        let (subject, body) = compose(
            "changed",
            &[&moved_booking("confirmed")],
            &reader(Language::Fi, Side::Booker),
            "https://vaski.example",
        )
        .expect("composed");
        assert_eq!(
            subject,
            "Varauksen aika muuttui: CNC-sorvi 29.10.2026 klo 9.00–11.30"
        );
        assert!(body.contains("Varauksesi aika on muuttunut."), "{body}");
        assert!(!body.contains("vahvist"), "nothing waits: {body}");
    }

    #[test]
    fn a_moved_booking_waiting_for_the_owner_says_so_to_each_side() {
        let b = moved_booking("requested");
        let owner = reader(Language::En, Side::Owner);
        let (_, body) =
            compose("changed", &[&b], &owner, "https://vaski.example").expect("composed");
        assert!(
            body.contains("The new time waits for your confirmation"),
            "{body}"
        );
        let booker = reader(Language::Sv, Side::Booker);
        let (_, body) =
            compose("changed", &[&b], &booker, "https://vaski.example").expect("composed");
        assert!(body.contains("Ägaren bekräftar den nya tiden."), "{body}");
    }
}
