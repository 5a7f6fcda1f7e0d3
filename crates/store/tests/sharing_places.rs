//! The store's pictures of a resource and locations of an organisation, on SQLite and
//! PostgreSQL: a picture only under its own resource, a location that a resource is at is
//! never deleted, a resource only at its owner's location, a location's weekly hours and dated
//! exceptions replaced and audited, the location's hours governing its resources that have none
//! of their own (free times, utilisation, bookings), and audit entries written in bulk.

use jiff::civil::{date, DateTime};
use jiff::{SignedDuration, Timestamp};
use time::macros::date as tdate;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_domain::sharing::location::LocationInput;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_store::audit::{self, Change, NewEntry, Subject};
use vaski_store::network::organisation;
use vaski_store::sharing::figures::{self, Month};
use vaski_store::sharing::location::{self, Deletion};
use vaski_store::sharing::resource::{self, DatedException, WeeklyRange};
use vaski_store::sharing::{availability, booking, hours};
use vaski_store::{both_databases, sql, Actor, Db, StoreError};

/// A real PNG's first bytes: enough for the store's check of the kind.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn actor() -> Actor {
    Actor::system("test")
}

/// A school with a lathe; answers their ids.
async fn school_with_lathe(db: &Db) -> (i64, i64) {
    let org = OrganisationInput {
        name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
        kind: "vocational_institution".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let school = organisation::create(&mut tx, &org, tdate!(2024 - 01 - 01), &actor())
        .await
        .expect("organisation");
    let lathe = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        ..Default::default()
    }
    .validate()
    .expect("valid resource");
    let lathe = resource::create(&mut tx, &lathe, &actor())
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    (school, lathe)
}

/// Another organisation (a company) with a site of its own; answers the site's id.
async fn company_site(db: &Db) -> i64 {
    let org = OrganisationInput {
        name: "Forssan Konepaja Oy".into(),
        kind: "company".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let company = organisation::create(&mut tx, &org, tdate!(2024 - 01 - 01), &actor())
        .await
        .expect("organisation");
    let site = resource::create_location(&mut tx, company, "Konepajan halli", None, None, &actor())
        .await
        .expect("location");
    tx.commit().await.expect("commit");
    site
}

fn range(weekday: i64, opens: i64, closes: i64) -> WeeklyRange {
    WeeklyRange {
        weekday,
        opens_minute: opens * 60,
        closes_minute: closes * 60,
    }
}

fn local(dt: DateTime) -> Timestamp {
    dt.to_zoned(helsinki().clone())
        .expect("a Helsinki time")
        .timestamp()
}

fn closed_on(on_date: time::Date, note: &str) -> DatedException {
    DatedException {
        on_date,
        opens_minute: None,
        closes_minute: None,
        note: Some(note.to_string()),
    }
}

/// A campus open on weekdays 8–16 with the school's lathe at it (no hours of its own) and a
/// welder at it that has a dated exception of its own far in the future; answers the campus
/// and the welder.
async fn campus_with_lathe_and_welder(db: &Db, school: i64, lathe: i64) -> (i64, i64) {
    let welder = ResourceInput {
        name: "Hitsauskone".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        ..Default::default()
    }
    .validate()
    .expect("valid resource");
    let mut tx = db.begin().await.expect("begin");
    let welder = resource::create(&mut tx, &welder, &actor())
        .await
        .expect("welder");
    let campus = resource::create_location(&mut tx, school, "Forssan kampus", None, None, &actor())
        .await
        .expect("location");
    let weekdays: Vec<WeeklyRange> = (1..=5).map(|d| range(d, 8, 16)).collect();
    location::set_weekly_hours(&mut tx, campus, &weekdays, &actor())
        .await
        .expect("hours");
    resource::set_location(&mut tx, lathe, Some(campus), &actor())
        .await
        .expect("lathe at campus");
    resource::set_location(&mut tx, welder, Some(campus), &actor())
        .await
        .expect("welder at campus");
    resource::replace_exceptions(
        &mut tx,
        welder,
        &[closed_on(tdate!(2027 - 06 - 01), "Huolto")],
        &actor(),
    )
    .await
    .expect("welder's own exception");
    tx.commit().await.expect("commit");
    (campus, welder)
}

/// The audit entries about the entity: action and changes as stored.
async fn audited(db: &Db, entity: &str, id: i64) -> Vec<(String, String)> {
    db.fetch_all(
        sql("SELECT action, changes FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id")
            .bind(entity)
            .bind(id),
    )
    .await
    .expect("audit entries")
}

both_databases! {
    async fn a_resource_is_put_at_its_owners_location_and_never_at_another_organisations(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        let foreign = company_site(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let hall = resource::create_location(&mut tx, school, "Konepajahalli", None, Some("061"), &actor())
            .await
            .expect("location");
        resource::set_location(&mut tx, lathe, Some(hall), &actor()).await.expect("own location");
        let refused = resource::set_location(&mut tx, lathe, Some(foreign), &actor()).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid { field: "location_id", key: "places-error-location-of-owner" })),
            "{refused:?}"
        );
        let unknown = resource::set_location(&mut tx, lathe, Some(foreign + 1000), &actor()).await;
        assert!(matches!(unknown, Err(StoreError::Invalid { field: "location_id", .. })), "{unknown:?}");
        tx.commit().await.expect("commit");
        let stored = resource::get(&db, lathe).await.expect("get").expect("lathe");
        assert_eq!(stored.location_id, Some(hall), "the refusals changed nothing");
        let entries = audited(&db, "resource", lathe).await;
        assert_eq!(
            entries.iter().filter(|(_, c)| c.contains("location_id")).count(),
            1,
            "the one change is audited: {entries:?}"
        );

        let mut tx = db.begin().await.expect("begin");
        resource::set_location(&mut tx, lathe, None, &actor()).await.expect("no location");
        tx.commit().await.expect("commit");
        assert_eq!(resource::get(&db, lathe).await.expect("get").expect("lathe").location_id, None);
    }

    async fn a_locations_weekly_hours_are_replaced_and_audited_with_the_hours_before_and_after(db) {
        let (school, _) = school_with_lathe(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let campus = resource::create_location(&mut tx, school, "Forssan kampus", None, None, &actor())
            .await
            .expect("location");
        let weekdays: Vec<WeeklyRange> = (1..=5).map(|d| range(d, 8, 16)).collect();
        assert!(location::set_weekly_hours(&mut tx, campus, &weekdays, &actor()).await.expect("set"));
        tx.commit().await.expect("commit");
        assert_eq!(location::weekly_hours(&db, campus).await.expect("hours"), weekdays);

        let mut tx = db.begin().await.expect("begin");
        assert!(
            !location::set_weekly_hours(&mut tx, campus, &weekdays, &actor()).await.expect("same"),
            "the same hours again are no change"
        );
        let shorter = vec![range(1, 8, 12), range(1, 13, 16), range(6, 10, 14)];
        assert!(location::set_weekly_hours(&mut tx, campus, &shorter, &actor()).await.expect("set"));
        tx.commit().await.expect("commit");
        assert_eq!(location::weekly_hours(&db, campus).await.expect("hours"), shorter);
        let entries = audited(&db, "location", campus).await;
        let hours: Vec<&String> = entries
            .iter()
            .filter(|(a, c)| a == "update" && c.contains("opening_hours"))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(hours.len(), 2, "two changes, two entries: {entries:?}");
        assert!(
            hours[1].contains("1 08:00-12:00, 1 13:00-16:00, 6 10:00-14:00")
                && hours[1].contains("5 08:00-16:00"),
            "the entry names the hours before and after: {}",
            hours[1]
        );
        // The resources' own hours are not touched.
        let (resource_rows,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM opening_hours WHERE resource_id IS NOT NULL"))
            .await
            .expect("count");
        assert_eq!(resource_rows, 0);
        let mut tx = db.begin().await.expect("begin");
        let gone = location::set_weekly_hours(&mut tx, campus + 1000, &shorter, &actor()).await;
        assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    }

    async fn a_resource_without_hours_of_its_own_is_free_and_open_in_its_locations_hours(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        campus_with_lathe_and_welder(&db, school, lathe).await;
        let lathe_now = resource::get(&db, lathe).await.expect("get").expect("lathe");
        let monday = date(2026, 11, 2);
        let week = Interval::new(local(monday.at(0, 0, 0, 0)), local(date(2026, 11, 9).at(0, 0, 0, 0)))
            .expect("week");
        let free = availability::free_times(
            &db,
            std::slice::from_ref(&lathe_now),
            week,
            SignedDuration::from_hours(1),
            1,
            local(date(2026, 1, 1).at(0, 0, 0, 0)),
        )
        .await
        .expect("free times");
        let slots = &free[0].slots;
        assert_eq!(slots.len(), 5, "one span each weekday, none at the weekend: {slots:?}");
        assert_eq!(slots[0].start(), local(monday.at(8, 0, 0, 0)), "from the campus's opening");
        assert_eq!(slots[0].end(), local(monday.at(16, 0, 0, 0)), "to its closing");

        let rows = figures::utilisation(&db, Month::new(2026, 11).expect("month"), Month::new(2026, 11).expect("month"), Some(school))
            .await
            .expect("utilisation");
        let lathe_row = rows.iter().find(|r| r.resource_id == lathe).expect("the lathe's row");
        assert_eq!(lathe_row.open_minutes, 21 * 8 * 60, "21 weekdays of 8 hours in November 2026");

        let governing = hours::governing(&db, &lathe_now).await.expect("governing");
        assert_eq!(governing.weekly.len(), 5);
        assert!(governing.from_location.is_some(), "the hours are the campus's");
    }

    async fn a_locations_closed_day_closes_its_resources_without_exceptions_of_their_own(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        let (campus, welder) = campus_with_lathe_and_welder(&db, school, lathe).await;
        let mut tx = db.begin().await.expect("begin");
        let outage = vec![closed_on(tdate!(2026 - 11 - 04), "Sähkökatko")];
        assert!(location::replace_exceptions(&mut tx, campus, &outage, &actor()).await.expect("exceptions"));
        assert!(
            !location::replace_exceptions(&mut tx, campus, &outage, &actor()).await.expect("same"),
            "the same exceptions again are no change"
        );
        tx.commit().await.expect("commit");
        assert_eq!(location::exceptions(&db, campus).await.expect("stored"), outage);
        let entries = audited(&db, "location", campus).await;
        assert!(
            entries.iter().any(|(a, c)| a == "update" && c.contains("opening_exceptions") && c.contains("2026-11-04 closed (Sähkökatko)")),
            "the change is audited with the day: {entries:?}"
        );

        let resources = resource::by_ids(&db, &[lathe, welder]).await.expect("resources");
        let monday = date(2026, 11, 2);
        let week = Interval::new(local(monday.at(0, 0, 0, 0)), local(date(2026, 11, 9).at(0, 0, 0, 0)))
            .expect("week");
        let free = availability::free_times(&db, &resources, week, SignedDuration::from_hours(1), 1, local(date(2026, 1, 1).at(0, 0, 0, 0)))
            .await
            .expect("free times");
        let wednesday = date(2026, 11, 4);
        let open_on_wednesday = |id: i64| {
            free.iter()
                .find(|f| f.resource_id == id)
                .expect("the resource's free time")
                .slots
                .iter()
                .any(|s| s.start() == local(wednesday.at(8, 0, 0, 0)))
        };
        assert!(!open_on_wednesday(lathe), "the lathe follows the campus's closed day");
        assert!(open_on_wednesday(welder), "the welder has exceptions of its own and keeps its Wednesday");

        let rows = figures::utilisation(&db, Month::new(2026, 11).expect("month"), Month::new(2026, 11).expect("month"), Some(school))
            .await
            .expect("utilisation");
        let open_of = |id: i64| rows.iter().find(|r| r.resource_id == id).map(|r| r.open_minutes);
        assert_eq!(open_of(lathe), Some(20 * 8 * 60), "one weekday fewer for the lathe");
        assert_eq!(open_of(welder), Some(21 * 8 * 60));

        let mut tx = db.begin().await.expect("begin");
        let lathe_now = resource::get_in(&mut tx, lathe).await.expect("get").expect("lathe");
        let schedule = booking::schedule_in(&mut tx, &lathe_now).await.expect("schedule");
        let morning = Interval::new(local(wednesday.at(9, 0, 0, 0)), local(wednesday.at(10, 0, 0, 0))).expect("span");
        assert!(schedule.why_closed(&morning).is_some(), "a booking on the closed day is refused");
        let gone = location::replace_exceptions(&mut tx, campus + 1000, &outage, &actor()).await;
        assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    }

    async fn audit_entries_written_in_bulk_keep_each_ones_moment_actor_and_changes(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        let at = time::macros::datetime!(2025-03-04 10:15:00 UTC);
        let entries: Vec<NewEntry> = (0..2500i64)
            .map(|n| NewEntry {
                at: at + time::Duration::minutes(n),
                actor: if n % 2 == 0 { Actor::system("demo") } else { Actor::system(format!("bulk {n}")) },
                action: "create",
                subject: Subject {
                    entity: "booking",
                    entity_id: Some(100_000 + n),
                    organisation_id: Some(school),
                },
                changes: vec![Change {
                    field: "resource".into(),
                    old: None,
                    new: Some(format!("CNC-sorvi {n}")),
                }],
            })
            .collect();
        let mut tx = db.begin().await.expect("begin");
        audit::record_all(&mut tx, &entries).await.expect("record all");
        audit::record_all(&mut tx, &[]).await.expect("nothing to record");
        tx.commit().await.expect("commit");
        let (count,): (i64,) = db
            .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'booking'"))
            .await
            .expect("count");
        assert_eq!(count, 2500, "every entry, over several statements");
        let history = audit::organisation_history(&db, school, 5000).await.expect("history");
        let bookings: Vec<_> = history.iter().filter(|e| e.entity == "booking").collect();
        assert_eq!(bookings.len(), 2500, "every entry is in the owner's history");
        let last = bookings[0];
        assert_eq!(last.entity_id, Some(100_000 + 2499), "newest first by each one's moment");
        assert_eq!(last.at, at + time::Duration::minutes(2499), "its own moment, not the write's");
        assert_eq!(last.actor, "bulk 2499");
        assert_eq!(last.changes[0].new.as_deref(), Some("CNC-sorvi 2499"));
        assert_eq!(bookings[2499].actor, "demo");
        assert!(
            history.iter().any(|e| e.entity == "resource" && e.entity_id == Some(lathe)),
            "the entries written one at a time are kept beside them"
        );
    }


    async fn a_pictures_alt_text_changes_and_the_picture_is_removed_only_under_its_resource(db) {
        let (_, lathe) = school_with_lathe(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let image = resource::add_image(&mut tx, lathe, PNG.to_vec(), Some("Sorvi".into()), &actor())
            .await
            .expect("add");
        assert!(resource::set_image_alt(&mut tx, lathe, image, "Sorvi edestä", &actor()).await.expect("alt"));
        assert!(!resource::set_image_alt(&mut tx, lathe, image, "Sorvi edestä", &actor()).await.expect("alt"),
            "the same text again is no change");
        let wrong = resource::remove_image(&mut tx, lathe + 1, image, &actor()).await;
        assert!(matches!(wrong, Err(StoreError::NotFound)), "not under another resource: {wrong:?}");
        tx.commit().await.expect("commit");
        let stored = resource::image_of(&db, lathe, image).await.expect("get").expect("there");
        assert_eq!(stored.alt_text.as_deref(), Some("Sorvi edestä"));

        let mut tx = db.begin().await.expect("begin");
        resource::remove_image(&mut tx, lathe, image, &actor()).await.expect("remove");
        tx.commit().await.expect("commit");
        assert!(resource::images(&db, lathe).await.expect("list").is_empty());
    }

    async fn a_location_with_a_resource_at_it_is_not_deleted_and_one_without_is(db) {
        let (school, lathe) = school_with_lathe(&db).await;
        let draft = |name: &str| LocationInput {
            name: name.into(),
            address: "Wahreninkatu 2".into(),
            municipality: "Forssa".into(),
        }
        .validate()
        .expect("valid location");
        let mut tx = db.begin().await.expect("begin");
        let hall = location::create(&mut tx, school, &draft("Konepajahalli"), &actor()).await.expect("create");
        let campus = location::create(&mut tx, school, &draft("Kampus"), &actor()).await.expect("create");
        resource::set_location(&mut tx, lathe, Some(hall), &actor()).await.expect("set");
        assert!(location::update(&mut tx, campus, &draft("Forssan kampus"), &actor()).await.expect("update"));
        tx.commit().await.expect("commit");

        let mut tx = db.begin().await.expect("begin");
        let refused = location::delete(&mut tx, hall, &actor()).await.expect("delete");
        assert_eq!(refused, Deletion::InUse(vec![(lathe, "CNC-sorvi".to_string())]));
        let done = location::delete(&mut tx, campus, &actor()).await.expect("delete");
        assert_eq!(done, Deletion::Deleted);
        tx.commit().await.expect("commit");
        let names: Vec<String> = location::of_organisation(&db, school)
            .await
            .expect("list")
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Konepajahalli"]);
        let lathe = resource::get(&db, lathe).await.expect("get").expect("lathe");
        assert_eq!(lathe.location_id, Some(hall), "the lathe is still at the hall");
    }
}
