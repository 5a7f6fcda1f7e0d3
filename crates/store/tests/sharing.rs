//! Store tests of shared use: resources, the booking rules and the no-overlap guarantee, on
//! SQLite and on PostgreSQL.

use jiff::civil::{date, DateTime, Time};
use jiff::{SignedDuration, Timestamp};
use time::macros::date as tdate;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::network::person::PersonInput;
use vaski_domain::sharing::draft::{PriceInput, ResourceInput};
use vaski_domain::sharing::recurrence::WallClock;
use vaski_domain::sharing::resource::{BookingStatus, SeriesScope};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_store::network::{organisation, person};
use vaski_store::sharing::booking::{self, Kind, NewBooking, Outcome, Problem};
use vaski_store::sharing::resource::{self, WeeklyRange};
use vaski_store::sharing::{notice, qualification};
use vaski_store::{both_databases, sql, Actor, Db, StoreError};

fn actor() -> Actor {
    Actor::system("test")
}

/// "Now" in the tests: Monday 2 November 2026, 9:00 in Helsinki.
fn now() -> Timestamp {
    local(date(2026, 11, 2).at(9, 0, 0, 0))
}

fn local(dt: DateTime) -> Timestamp {
    dt.to_zoned(helsinki().clone())
        .expect("a Helsinki time")
        .timestamp()
}

/// `hh:mm`–`hh:mm` on a day of November 2026, Helsinki time.
fn span(day: i8, from: (i8, i8), to: (i8, i8)) -> Interval {
    Interval::new(
        local(date(2026, 11, day).at(from.0, from.1, 0, 0)),
        local(date(2026, 11, day).at(to.0, to.1, 0, 0)),
    )
    .expect("a span")
}

async fn organisation(db: &Db, name: &str, kind: &str) -> i64 {
    let draft = OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        municipality: "Forssa".into(),
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

struct Network {
    school: i64,
    company: i64,
}

async fn network(db: &Db) -> Network {
    Network {
        school: organisation(
            db,
            "Lounais-Hämeen koulutuskuntayhtymä",
            "vocational_institution",
        )
        .await,
        company: organisation(db, "Forssan Konepaja Oy", "company").await,
    }
}

fn lathe(owner: i64) -> ResourceInput {
    ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: owner.to_string(),
        municipality: "Forssa".into(),
        approval: "automatic".into(),
        eligibility: "registered_partners".into(),
        prices: vec![PriceInput {
            booker: "company".into(),
            per_hour: "45".into(),
            per_day: String::new(),
        }],
        ..Default::default()
    }
}

async fn resource(db: &Db, input: ResourceInput) -> i64 {
    let draft = input.validate().expect("valid resource");
    let mut tx = db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &actor())
        .await
        .expect("create resource");
    tx.commit().await.expect("commit");
    id
}

fn request(resource_id: i64, booker: i64, occurrences: Vec<Interval>) -> NewBooking {
    NewBooking {
        resource_id,
        kind: Kind::Booking,
        occurrences,
        series: None,
        units: 1,
        booker_organisation_id: Some(booker),
        contact_person_id: None,
        booked_by: None,
        purpose: Some("Sarjatuotannon koeajo".into()),
        people_count: Some(2),
        skip_conflicts: false,
    }
}

async fn book(db: &Db, req: &NewBooking) -> Outcome {
    booking::book(db, req, now(), &actor())
        .await
        .expect("store works")
        .expect("request accepted")
}

fn clashing_ids(o: &Outcome) -> Vec<i64> {
    o.refused
        .iter()
        .flat_map(|r| r.problems.iter())
        .flat_map(|p| match p {
            Problem::Clash { with } => with.iter().map(|c| c.booking_id).collect(),
            _ => Vec::new(),
        })
        .collect()
}

both_databases! {
    async fn a_free_slot_is_booked_and_an_overlapping_one_is_refused_naming_the_first(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let first = book(&db, &request(lathe, n.company, vec![span(10, (8, 0), (12, 0))])).await;
        assert_eq!(first.made.len(), 1);
        assert_eq!(first.made[0].status, "confirmed", "automatic approval confirms at once");
        assert_eq!(first.made[0].price_cents, Some(4 * 4500), "four hours at the company price");

        let second = book(&db, &request(lathe, n.company, vec![span(10, (11, 0), (13, 0))])).await;
        assert!(second.made.is_empty());
        assert_eq!(clashing_ids(&second), vec![first.made[0].id]);

        let touching = book(&db, &request(lathe, n.company, vec![span(10, (12, 0), (13, 0))])).await;
        assert_eq!(touching.made.len(), 1, "a booking may start when the previous one ends");
    }

    async fn buffers_keep_cleaning_time_free_after_a_booking(db) {
        let n = network(&db).await;
        let kitchen = resource(&db, ResourceInput { buffer_after_minutes: "30".into(), ..lathe(n.school) }).await;
        book(&db, &request(kitchen, n.company, vec![span(10, (8, 0), (12, 0))])).await;
        let too_soon = book(&db, &request(kitchen, n.company, vec![span(10, (12, 15), (13, 0))])).await;
        assert!(too_soon.made.is_empty() && !clashing_ids(&too_soon).is_empty());
        let after_cleaning = book(&db, &request(kitchen, n.company, vec![span(10, (12, 30), (13, 0))])).await;
        assert_eq!(after_cleaning.made.len(), 1);
    }

    async fn booking_the_whole_blocks_its_parts_and_a_part_blocks_the_whole(db) {
        let n = network(&db).await;
        let hall = resource(&db, ResourceInput { name: "Hitsaushalli".into(), kind: "facility".into(), ..lathe(n.school) }).await;
        let booth = |k: i64| ResourceInput { name: format!("Hitsauskoppi {k}"), part_of: hall.to_string(), ..lathe(n.school) };
        let booth1 = resource(&db, booth(1)).await;
        let booth2 = resource(&db, booth(2)).await;
        let in_booth1 = book(&db, &request(booth1, n.company, vec![span(11, (8, 0), (10, 0))])).await;
        assert_eq!(book(&db, &request(booth2, n.company, vec![span(11, (8, 0), (10, 0))])).await.made.len(), 1, "two booths are independent");
        let whole = book(&db, &request(hall, n.company, vec![span(11, (9, 0), (11, 0))])).await;
        assert!(whole.made.is_empty());
        assert!(clashing_ids(&whole).contains(&in_booth1.made[0].id));
        let whole_later = book(&db, &request(hall, n.company, vec![span(11, (12, 0), (14, 0))])).await;
        let part = book(&db, &request(booth1, n.company, vec![span(11, (13, 0), (15, 0))])).await;
        assert_eq!(clashing_ids(&part), vec![whole_later.made[0].id]);
    }

    async fn a_pool_is_never_booked_beyond_its_units(db) {
        let n = network(&db).await;
        let laptops = resource(&db, ResourceInput { name: "Kannettavat".into(), kind: "equipment".into(), quantity: "3".into(), ..lathe(n.school) }).await;
        let two = NewBooking { units: 2, ..request(laptops, n.company, vec![span(12, (8, 0), (12, 0))]) };
        assert_eq!(book(&db, &two).await.made.len(), 1);
        assert_eq!(book(&db, &request(laptops, n.company, vec![span(12, (10, 0), (14, 0))])).await.made.len(), 1, "the third unit");
        let fourth = book(&db, &request(laptops, n.company, vec![span(12, (11, 0), (11, 30))])).await;
        assert!(fourth.made.is_empty());
        assert_eq!(clashing_ids(&fourth).len(), 2, "both bookings holding the units are named");
        let too_many = NewBooking { units: 4, ..request(laptops, n.company, vec![span(13, (8, 0), (9, 0))]) };
        let refused = book(&db, &too_many).await;
        assert!(matches!(refused.refused[0].problems[0], Problem::Units { requested: 4, capacity: 3 }));
    }

    async fn a_resource_closed_on_public_holidays_refuses_good_friday_and_hours_bind(db) {
        let n = network(&db).await;
        let lathe = resource(&db, ResourceInput { closed_on_public_holidays: true, ..lathe(n.school) }).await;
        let mut tx = db.begin().await.expect("begin");
        let weekdays: Vec<WeeklyRange> = (1..=5).map(|d| WeeklyRange { weekday: d, opens_minute: 7 * 60, closes_minute: 16 * 60 }).collect();
        resource::set_weekly_hours(&mut tx, lathe, &weekdays, &actor()).await.expect("hours");
        tx.commit().await.expect("commit");
        let good_friday = Interval::new(local(date(2027, 3, 26).at(8, 0, 0, 0)), local(date(2027, 3, 26).at(12, 0, 0, 0))).expect("span");
        let o = book(&db, &request(lathe, n.company, vec![good_friday])).await;
        assert_eq!(o.refused[0].problems, vec![Problem::Closed { key: "error-closed-public-holiday", holiday: Some("holiday-good_friday") }]);
        let evening = book(&db, &request(lathe, n.company, vec![span(10, (15, 0), (18, 0))])).await;
        assert_eq!(evening.refused[0].problems[0].message_key(), "error-outside-opening-hours");
    }

    async fn a_recurring_booking_is_all_or_nothing_unless_conflicts_are_skipped(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let course = book(&db, &request(lathe, n.school, vec![span(19, (8, 0), (12, 0))])).await;
        let thursdays: Vec<Interval> = [5i8, 12, 19, 26].iter().map(|d| span(*d, (8, 0), (12, 0))).collect();
        let all_or_none = book(&db, &request(lathe, n.company, thursdays.clone())).await;
        assert!(all_or_none.made.is_empty());
        assert_eq!(all_or_none.refused.len(), 1, "only the 19th clashes");
        assert_eq!(clashing_ids(&all_or_none), vec![course.made[0].id]);
        let rest = book(&db, &NewBooking { skip_conflicts: true, ..request(lathe, n.company, thursdays) }).await;
        assert_eq!(rest.made.len(), 3);
        assert_eq!(rest.refused.len(), 1);
    }

    async fn a_required_qualification_must_be_held_by_the_contact_person(db) {
        let n = network(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let induction = qualification::create(&mut tx, n.school, "CNC-sorvin turvallisuusperehdytys", None, &actor()).await.expect("qualification");
        let person = PersonInput { name: "Matti Meikäläinen".into(), ..Default::default() }.validate().expect("person");
        let matti = person::create(&mut tx, &person, n.company, None, &actor()).await.expect("person");
        tx.commit().await.expect("commit");
        let lathe = resource(&db, ResourceInput { required_qualification_id: induction.to_string(), ..lathe(n.school) }).await;
        let req = NewBooking { contact_person_id: Some(matti), ..request(lathe, n.company, vec![span(10, (8, 0), (12, 0))]) };
        let refused = book(&db, &req).await;
        assert_eq!(refused.refused[0].problems, vec![Problem::Qualification { qualification_id: induction }]);
        let mut tx = db.begin().await.expect("begin");
        qualification::grant(&mut tx, induction, matti, tdate!(2026 - 10 - 01), Some(tdate!(2027 - 10 - 01)), &actor()).await.expect("grant");
        tx.commit().await.expect("commit");
        assert_eq!(book(&db, &req).await.made.len(), 1);
    }

    async fn the_owner_approves_a_requested_booking_and_a_cancelled_one_frees_the_time(db) {
        let n = network(&db).await;
        let lathe = resource(&db, ResourceInput { approval: "owner".into(), ..lathe(n.school) }).await;
        let asked = book(&db, &request(lathe, n.company, vec![span(10, (8, 0), (12, 0))])).await;
        assert_eq!(asked.made[0].status, "requested");
        assert!(book(&db, &request(lathe, n.company, vec![span(10, (9, 0), (10, 0))])).await.made.is_empty(), "a request holds the time");
        let mut tx = db.begin().await.expect("begin");
        let confirmed = booking::set_status(&mut tx, asked.made[0].id, BookingStatus::Confirmed, &actor()).await.expect("confirm");
        assert_eq!((confirmed.status.as_str(), confirmed.sequence), ("confirmed", 1));
        booking::set_status(&mut tx, asked.made[0].id, BookingStatus::Cancelled, &actor()).await.expect("cancel");
        assert!(booking::set_status(&mut tx, asked.made[0].id, BookingStatus::Confirmed, &actor()).await.is_err(), "a cancelled booking stays cancelled");
        tx.commit().await.expect("commit");
        assert_eq!(book(&db, &request(lathe, n.company, vec![span(10, (9, 0), (10, 0))])).await.made.len(), 1);
    }

    async fn cancelling_this_and_following_leaves_the_earlier_occurrences_of_a_series(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let thursdays: Vec<Interval> = [5i8, 12, 19, 26].iter().map(|d| span(*d, (8, 0), (12, 0))).collect();
        let series = NewBooking {
            series: Some(booking::NewSeries { rrule: "FREQ=WEEKLY;BYDAY=TH;COUNT=4".into(), exdates: String::new() }),
            ..request(lathe, n.company, thursdays)
        };
        let made = book(&db, &series).await.made;
        assert_eq!(made.len(), 4);
        let mut tx = db.begin().await.expect("begin");
        let cancelled = booking::set_status_in_series(&mut tx, made[2].id, vaski_domain::sharing::resource::SeriesScope::Following, BookingStatus::Cancelled, &actor()).await.expect("cancel");
        tx.commit().await.expect("commit");
        assert_eq!(cancelled.iter().map(|b| b.id).collect::<Vec<_>>(), vec![made[2].id, made[3].id]);
        let first = booking::get(&db, made[0].id).await.expect("get").expect("exists");
        assert_eq!(first.status, "confirmed");
        assert_eq!(book(&db, &request(lathe, n.company, vec![span(19, (9, 0), (10, 0))])).await.made.len(), 1, "the 19th is free again");
    }

    async fn the_owner_confirms_a_whole_series_at_once_and_an_occurrence_already_rejected_stays_rejected(db) {
        let n = network(&db).await;
        let lathe = resource(&db, ResourceInput { approval: "owner".into(), ..lathe(n.school) }).await;
        let made = thursdays(&db, lathe, n.company, &[5, 12, 19, 26]).await;
        assert!(made.iter().all(|b| b.status == "requested"), "each waits for the owner");
        let mut tx = db.begin().await.expect("begin");
        booking::set_status(&mut tx, made[1].id, BookingStatus::Rejected, &actor()).await.expect("reject one");
        let confirmed = booking::set_status_in_series(&mut tx, made[2].id, SeriesScope::All, BookingStatus::Confirmed, &actor()).await.expect("confirm all");
        tx.commit().await.expect("commit");
        assert_eq!(confirmed.iter().map(|b| b.id).collect::<Vec<_>>(), vec![made[0].id, made[2].id, made[3].id]);
        let statuses: Vec<String> = statuses_of(&db, &made).await;
        assert_eq!(statuses, ["confirmed", "rejected", "confirmed", "confirmed"]);
        let mut tx = db.begin().await.expect("begin");
        let refused = booking::set_status_in_series(&mut tx, made[1].id, SeriesScope::This, BookingStatus::Confirmed, &actor()).await;
        assert!(matches!(refused, Err(StoreError::Invalid { .. })), "a rejected booking alone cannot be confirmed: {refused:?}");
    }

    async fn a_resource_without_hours_of_its_own_follows_its_locations_hours(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let mut tx = db.begin().await.expect("begin");
        let campus = resource::create_location(&mut tx, n.school, "Forssan kampus", Some("Koulutie 1"), Some("061"), &actor()).await.expect("location");
        let weekdays: Vec<WeeklyRange> = (1..=5).map(|d| WeeklyRange { weekday: d, opens_minute: 8 * 60, closes_minute: 16 * 60 }).collect();
        resource::set_location_weekly_hours(&mut tx, campus, &weekdays, &actor()).await.expect("hours");
        resource::set_location(&mut tx, lathe, Some(campus), &actor()).await.expect("set location");
        tx.commit().await.expect("commit");
        let saturday = book(&db, &request(lathe, n.company, vec![span(14, (9, 0), (11, 0))])).await;
        assert_eq!(saturday.refused[0].problems[0].message_key(), "error-outside-opening-hours");
        assert_eq!(book(&db, &request(lathe, n.company, vec![span(13, (9, 0), (11, 0))])).await.made.len(), 1, "a Friday within the campus hours");
    }

    async fn a_picture_must_be_an_image(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let mut tx = db.begin().await.expect("begin");
        let refused = resource::add_image(&mut tx, lathe, b"<html>not a picture</html>".to_vec(), None, &actor()).await;
        assert!(matches!(refused, Err(vaski_store::StoreError::Invalid { field: "image", key: "error-image-not-image" })), "{refused:?}");
        resource::add_image(&mut tx, lathe, b"\x89PNG\r\n\x1a\n rest".to_vec(), Some("Sorvi edestä".into()), &actor()).await.expect("a png");
        tx.commit().await.expect("commit");
        assert_eq!(resource::images(&db, lathe).await.expect("images").len(), 1);
    }

    async fn many_simultaneous_requests_for_one_slot_book_it_once(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let laptops = resource(&db, ResourceInput { name: "Kannettavat".into(), quantity: "3".into(), ..lathe_input(n.school) }).await;
        let mut tasks = Vec::new();
        for k in 0..24i8 {
            let db = db.clone();
            let (target, from) = if k % 2 == 0 { (lathe, 8 + k % 3) } else { (laptops, 8 + k % 4) };
            let req = request(target, n.company, vec![span(16, (from, 0), (from + 2, 0))]);
            tasks.push(tokio::spawn(async move { booking::book(&db, &req, now(), &actor()).await }));
        }
        for t in tasks {
            t.await.expect("task").expect("no store error under contention").expect("accepted");
        }
        assert_no_overlaps(&db, lathe, 1).await;
        assert_no_overlaps(&db, laptops, 3).await;
    }
}

fn lathe_input(owner: i64) -> ResourceInput {
    lathe(owner)
}

/// No two occupying bookings of a single resource overlap; a pool never holds more than its units.
async fn assert_no_overlaps(db: &Db, resource_id: i64, capacity: i64) {
    let from = now() - SignedDuration::from_hours(24 * 365);
    let to = now() + SignedDuration::from_hours(24 * 365);
    let all = booking::in_period(db, resource_id, from, to)
        .await
        .expect("bookings");
    let held: Vec<_> = all
        .iter()
        .filter(|b| b.status == "confirmed" || b.status == "requested")
        .collect();
    assert!(!held.is_empty());
    for b in &held {
        let units_at_start: i64 = held
            .iter()
            .filter(|o| o.starts_at <= b.starts_at && b.starts_at < o.ends_at)
            .map(|o| o.units)
            .sum();
        assert!(
            units_at_start <= capacity,
            "{units_at_start} units held at {} of a resource of {capacity}",
            b.starts_at
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Moving the time of a booking or of occurrences of its series; a resource's quantity

/// A weekly series of the lathe for the company on the given days of November 2026, 8–12.
async fn thursdays(db: &Db, lathe: i64, company: i64, days: &[i8]) -> Vec<booking::Booking> {
    let occurrences: Vec<Interval> = days.iter().map(|d| span(*d, (8, 0), (12, 0))).collect();
    let series = NewBooking {
        series: Some(booking::NewSeries {
            rrule: format!("FREQ=WEEKLY;BYDAY=TH;COUNT={}", days.len()),
            exdates: String::new(),
        }),
        ..request(lathe, company, occurrences)
    };
    book(db, &series).await.made
}

fn to(scope: SeriesScope, from: (i8, i8), until: (i8, i8)) -> booking::Move {
    booking::Move {
        scope,
        times: WallClock::new(
            Time::constant(from.0, from.1, 0, 0),
            Time::constant(until.0, until.1, 0, 0),
        )
        .expect("times"),
        date: None,
        by_owner: false,
    }
}

async fn move_at(
    db: &Db,
    id: i64,
    m: &booking::Move,
    at: Timestamp,
) -> Result<Vec<booking::Booking>, Vec<booking::MoveRefusal>> {
    booking::move_in_series(db, id, m, at, &actor())
        .await
        .expect("store works")
}

async fn fetch(db: &Db, id: i64) -> booking::Booking {
    booking::get(db, id).await.expect("get").expect("exists")
}

fn starts(bookings: &[booking::Booking]) -> Vec<Timestamp> {
    bookings
        .iter()
        .map(|b| b.interval().expect("span").start())
        .collect()
}

async fn statuses_of(db: &Db, made: &[booking::Booking]) -> Vec<String> {
    let mut out = Vec::new();
    for b in made {
        out.push(fetch(db, b.id).await.status);
    }
    out
}

/// The events recorded for a booking, oldest first.
async fn events_of(db: &Db, id: i64) -> Vec<String> {
    let mut tx = db.begin().await.expect("begin");
    let events = notice::take(&mut tx, 1000)
        .await
        .expect("notices")
        .into_iter()
        .filter(|n| n.booking_id == id)
        .map(|n| n.event)
        .collect();
    drop(tx);
    events
}

both_databases! {
    async fn a_series_is_written_with_an_audit_entry_and_a_notice_for_each_occurrence_in_its_order(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let days = [5i8, 12, 19, 26];
        let made = thursdays(&db, lathe, n.company, &days).await;
        let expected: Vec<Timestamp> = days.iter().map(|d| span(*d, (8, 0), (12, 0)).start()).collect();
        assert_eq!(starts(&made), expected, "the bookings answer in the occurrences' order");
        for b in &made {
            assert_eq!(format!("{b:?}"), format!("{:?}", fetch(&db, b.id).await), "the answer is the booking as a read finds it");
        }
        assert_eq!(made[0].booker_name.as_deref(), Some("Forssan Konepaja Oy"), "with its booker's name");
        for (b, start) in made.iter().zip(&expected) {
            let entries: Vec<(String, String)> = db
                .fetch_all(sql("SELECT action, changes FROM audit_log WHERE entity = 'booking' AND entity_id = $1").bind(b.id))
                .await
                .expect("audit entries");
            assert_eq!(entries.len(), 1, "one entry for booking {}: {entries:?}", b.id);
            assert_eq!(entries[0].0, "create");
            assert!(entries[0].1.contains(&start.to_string()), "the entry names its own start {start}: {}", entries[0].1);
        }
        let mut tx = db.begin().await.expect("begin");
        let notices = notice::take(&mut tx, 1000).await.expect("notices");
        drop(tx);
        let told: Vec<i64> = notices.iter().map(|n| n.booking_id).collect();
        for b in &made {
            assert_eq!(told.iter().filter(|id| **id == b.id).count(), 1, "one notice for booking {}", b.id);
        }
    }
}

both_databases! {
    async fn moving_a_whole_series_moves_every_occurrence_on_its_own_date_and_bumps_its_sequence(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let made = thursdays(&db, lathe, n.company, &[5, 12, 19, 26]).await;
        let moved = move_at(&db, made[1].id, &to(SeriesScope::All, (13, 0), (15, 30)), now()).await.expect("moved");
        assert_eq!(starts(&moved), [5i8, 12, 19, 26].iter().map(|d| span(*d, (13, 0), (15, 30)).start()).collect::<Vec<_>>());
        for b in &moved {
            assert_eq!(b.interval().expect("span"), span(view_day(b), (13, 0), (15, 30)));
            assert_eq!((b.sequence, b.status.as_str()), (1, "confirmed"));
            assert_eq!(b.price_cents, Some(2 * 4500 + 2250), "the price follows the new length");
        }
        assert_eq!(events_of(&db, made[0].id).await, vec!["confirmed", "changed"]);
        assert_eq!(book(&db, &request(lathe, n.company, vec![span(19, (8, 0), (12, 0))])).await.made.len(), 1, "the old time is free");
    }

    async fn moving_this_and_following_leaves_the_earlier_occurrences_where_they_were(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let made = thursdays(&db, lathe, n.company, &[5, 12, 19, 26]).await;
        let moved = move_at(&db, made[2].id, &to(SeriesScope::Following, (9, 0), (10, 0)), now()).await.expect("moved");
        assert_eq!(moved.iter().map(|b| b.id).collect::<Vec<_>>(), vec![made[2].id, made[3].id]);
        assert_eq!(fetch(&db, made[1].id).await.interval().expect("span"), span(12, (8, 0), (12, 0)));
        assert_eq!(fetch(&db, made[1].id).await.sequence, 0);
        assert_eq!(fetch(&db, made[3].id).await.interval().expect("span"), span(26, (9, 0), (10, 0)));
    }

    async fn one_occurrence_moves_to_another_date_and_a_booker_move_asks_an_approving_owner_again(db) {
        let n = network(&db).await;
        let lathe = resource(&db, ResourceInput { approval: "owner".into(), ..lathe(n.school) }).await;
        let made = thursdays(&db, lathe, n.company, &[5, 12]).await;
        let mut tx = db.begin().await.expect("begin");
        for b in &made {
            booking::set_status(&mut tx, b.id, BookingStatus::Confirmed, &actor()).await.expect("confirm");
        }
        tx.commit().await.expect("commit");
        let to_friday = booking::Move { date: Some(date(2026, 11, 13)), ..to(SeriesScope::This, (10, 0), (11, 0)) };
        let moved = move_at(&db, made[1].id, &to_friday, now()).await.expect("moved");
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].interval().expect("span"), span(13, (10, 0), (11, 0)));
        assert_eq!((moved[0].status.as_str(), moved[0].sequence), ("requested", 2), "the booker's move waits for the owner");
        assert_eq!(fetch(&db, made[0].id).await.interval().expect("span"), span(5, (8, 0), (12, 0)), "the other occurrence stays");
        let by_owner = booking::Move { by_owner: true, ..to(SeriesScope::This, (13, 0), (14, 0)) };
        let mut tx = db.begin().await.expect("begin");
        booking::set_status(&mut tx, made[0].id, BookingStatus::Confirmed, &actor()).await.expect("already confirmed");
        tx.commit().await.expect("commit");
        let kept = move_at(&db, made[0].id, &by_owner, now()).await.expect("moved");
        assert_eq!(kept[0].status, "confirmed", "the owner's own move keeps it confirmed");
    }

    async fn a_move_that_would_clash_is_refused_naming_each_occurrence_and_nothing_changes(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let made = thursdays(&db, lathe, n.company, &[5, 12, 19, 26]).await;
        let course = book(&db, &request(lathe, n.school, vec![span(19, (13, 0), (14, 0))])).await.made;
        let refused = move_at(&db, made[0].id, &to(SeriesScope::All, (12, 0), (16, 0)), now()).await.expect_err("refused");
        assert_eq!(refused.len(), 1, "only the 19th clashes");
        assert_eq!(refused[0].booking_id, made[2].id);
        assert!(matches!(&refused[0].problems[..], [Problem::Clash { with }] if with[0].booking_id == course[0].id), "{:?}", refused[0].problems);
        for b in &made {
            let now_stored = fetch(&db, b.id).await;
            assert_eq!((now_stored.starts_at, now_stored.sequence), (b.starts_at, 0), "nothing moved");
        }
        assert!(events_of(&db, made[0].id).await.iter().all(|e| e != "changed"));
        let into_itself = move_at(&db, made[0].id, &to(SeriesScope::All, (9, 0), (13, 0)), now()).await;
        assert!(into_itself.is_ok(), "an occurrence may take its own old time: {into_itself:?}");
    }

    async fn a_move_across_the_october_change_keeps_the_wall_clock_time(db) {
        let n = network(&db).await;
        let lathe = resource(&db, lathe(n.school)).await;
        let october = local(date(2026, 10, 1).at(9, 0, 0, 0));
        let days = [date(2026, 10, 15), date(2026, 10, 22), date(2026, 10, 29), date(2026, 11, 5)];
        let occurrences: Vec<Interval> = days.iter().map(|d| Interval::new(local(d.at(8, 0, 0, 0)), local(d.at(12, 0, 0, 0))).expect("span")).collect();
        let series = NewBooking { series: Some(booking::NewSeries { rrule: "FREQ=WEEKLY;BYDAY=TH;COUNT=4".into(), exdates: String::new() }), ..request(lathe, n.company, occurrences) };
        let made = booking::book(&db, &series, october, &actor()).await.expect("store").expect("accepted").made;
        let moved = move_at(&db, made[0].id, &to(SeriesScope::All, (9, 0), (11, 30)), october).await.expect("moved");
        let utc: Vec<String> = starts(&moved).iter().map(|t| t.to_string()).collect();
        assert_eq!(utc, vec!["2026-10-15T06:00:00Z", "2026-10-22T06:00:00Z", "2026-10-29T07:00:00Z", "2026-11-05T07:00:00Z"]);
        for b in &moved {
            let local_start = b.interval().expect("span").start().to_zoned(helsinki().clone());
            assert_eq!((local_start.hour(), local_start.minute()), (9, 0), "9.00 in Helsinki on {}", local_start.date());
        }
    }

    async fn a_pool_cannot_shrink_below_its_future_bookings_nor_become_single_while_they_overlap(db) {
        let n = network(&db).await;
        let laptops_input = ResourceInput { name: "Kannettavat".into(), kind: "equipment".into(), quantity: "3".into(), ..lathe(n.school) };
        let laptops = resource(&db, laptops_input.clone()).await;
        assert_eq!(book_now(&db, &NewBooking { units: 2, ..request(laptops, n.company, vec![fortnight_ahead((8, 0), (12, 0))]) }).await.made.len(), 1);
        assert_eq!(book_now(&db, &request(laptops, n.company, vec![fortnight_ahead((10, 0), (14, 0))])).await.made.len(), 1);
        let with_quantity = |q: &str| ResourceInput { quantity: q.into(), ..laptops_input.clone() }.validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let two = resource::update(&mut tx, laptops, &with_quantity("2"), &actor()).await;
        assert!(matches!(two, Err(StoreError::Invalid { field: "quantity", key: "series-error-quantity-below-booked" })), "{two:?}");
        let one = resource::update(&mut tx, laptops, &with_quantity("1"), &actor()).await;
        assert!(matches!(one, Err(StoreError::Invalid { field: "quantity", key: "series-error-quantity-single-overlaps" })), "{one:?}");
        assert!(resource::update(&mut tx, laptops, &with_quantity("5"), &actor()).await.is_ok(), "growing is always fine");
        tx.commit().await.expect("commit");
        assert_eq!(resource::get(&db, laptops).await.expect("get").expect("exists").quantity, 5);
    }

    async fn a_pool_without_overlapping_bookings_becomes_a_single_thing_that_refuses_overlaps(db) {
        let n = network(&db).await;
        let input = ResourceInput { name: "Mittalaite".into(), kind: "equipment".into(), quantity: "2".into(), ..lathe(n.school) };
        let meter = resource(&db, input.clone()).await;
        assert_eq!(book_now(&db, &request(meter, n.company, vec![fortnight_ahead((8, 0), (10, 0))])).await.made.len(), 1);
        assert_eq!(book_now(&db, &request(meter, n.company, vec![fortnight_ahead((10, 0), (12, 0))])).await.made.len(), 1);
        let mut tx = db.begin().await.expect("begin");
        resource::update(&mut tx, meter, &ResourceInput { quantity: "1".into(), ..input }.validate().expect("valid"), &actor()).await.expect("no overlaps: may become single");
        tx.commit().await.expect("commit");
        assert!(book_now(&db, &request(meter, n.company, vec![fortnight_ahead((9, 0), (11, 0))])).await.made.is_empty());
        let (exclusive,): (bool,) = db.fetch_one(vaski_store::sql("SELECT exclusive FROM bookings WHERE resource_id = $1 ORDER BY id LIMIT 1").bind(meter)).await.expect("flag");
        assert!(exclusive, "the bookings to come are under the single thing's no-overlap guard");
    }
}

/// `hh:mm`–`hh:mm` two weeks from the real today, Helsinki time: a resource's quantity is
/// checked against the bookings still to come by the clock.
fn fortnight_ahead(from: (i8, i8), to: (i8, i8)) -> Interval {
    let day = Timestamp::now().to_zoned(helsinki().clone()).date() + jiff::ToSpan::days(14);
    Interval::new(
        local(day.at(from.0, from.1, 0, 0)),
        local(day.at(to.0, to.1, 0, 0)),
    )
    .expect("a span")
}

/// Books as of the real now.
async fn book_now(db: &Db, req: &NewBooking) -> Outcome {
    booking::book(db, req, Timestamp::now(), &actor())
        .await
        .expect("store works")
        .expect("request accepted")
}

/// The November day of a stored booking's Helsinki start.
fn view_day(b: &booking::Booking) -> i8 {
    b.interval()
        .expect("span")
        .start()
        .to_zoned(helsinki().clone())
        .day()
}
