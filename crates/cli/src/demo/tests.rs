//! The demo network: the plan is reproducible and realistic, and it loads into both databases
//! with the health figures the product's home page and health view are meant to show.

use super::plan::{DemoNetwork, ORGANISATIONS};
use super::sharing::{self, PersonRef, LATHE_QUALIFICATION, PRODUCTION_MANAGER_EMAIL};
use super::{is_empty, load, DEFAULT_SEED, DEMO_EMAIL, DEMO_PASSWORD, TEACHER_EMAIL};
use std::collections::BTreeSet;
use time::macros::date;
use time::{Date, Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::network::{AgreementKind, BusinessId, OrganisationKind, OrganisationStatus};
use vaski_domain::sharing::clash::{self, Hierarchy, Occupancy, Occupant, Request};
use vaski_domain::sharing::resource::BookingStatus;
use vaski_store::account;
use vaski_store::network::{health, interaction, organisation, project};
use vaski_store::sharing::figures::{self, Month};
use vaski_store::sharing::{booking, qualification, resource};
use vaski_store::testing::TestDb;
use vaski_store::{sql, Backend, Db};

const DAY: Date = date!(2026 - 03 - 15);

fn network() -> DemoNetwork {
    DemoNetwork::generate(DEFAULT_SEED, DAY)
}

fn names_and_ids(n: &DemoNetwork) -> Vec<(String, String)> {
    n.organisations
        .iter()
        .map(|o| (o.input.name.clone(), o.input.business_id.clone()))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_network() {
    let a = network();
    let b = network();
    assert_eq!(names_and_ids(&a), names_and_ids(&b));
    assert_eq!(a, b, "the whole plan, not only the organisations");
    let other = DemoNetwork::generate(DEFAULT_SEED + 1, DAY);
    assert_ne!(names_and_ids(&a), names_and_ids(&other));
}

#[test]
fn every_business_id_is_valid_and_unique() {
    let n = network();
    let mut seen = BTreeSet::new();
    for o in &n.organisations {
        let id = BusinessId::parse(&o.input.business_id).unwrap_or_else(|e| {
            panic!(
                "{}: {} is not valid ({e})",
                o.input.name, o.input.business_id
            )
        });
        assert_eq!(id.as_str(), o.input.business_id);
        assert!(seen.insert(id), "{} is used twice", o.input.business_id);
    }
    assert_eq!(seen.len(), ORGANISATIONS);
}

#[test]
fn every_kind_appears_in_real_places_of_the_region() {
    let n = network();
    for kind in OrganisationKind::ALL {
        assert!(
            n.organisations.iter().any(|o| o.kind == *kind),
            "no organisation of kind {kind}"
        );
    }
    let region = [
        "Forssa",
        "Jokioinen",
        "Tammela",
        "Ypäjä",
        "Humppila",
        "Loimaa",
        "Urjala",
        "Somero",
        "Hämeenlinna",
        "Riihimäki",
    ];
    let mut names = BTreeSet::new();
    for o in &n.organisations {
        let draft = o
            .input
            .validate()
            .unwrap_or_else(|e| panic!("{} does not validate: {e:?}", o.input.name));
        assert!(names.insert(draft.name.clone()), "{} twice", draft.name);
        assert!(draft.industry.is_some(), "{} has no industry", draft.name);
        let municipality = draft.municipality.map(|m| m.name_fi.as_str());
        assert_ne!(municipality, Some("Äänekoski"));
        if o.kind == OrganisationKind::Company {
            assert!(
                municipality.is_some_and(|m| region.contains(&m)),
                "{} is in {municipality:?}",
                draft.name
            );
        }
    }
    let place_of = |name: &str| {
        n.organisations
            .iter()
            .find(|o| o.input.name == name)
            .map(|o| o.input.municipality.as_str())
    };
    assert_eq!(place_of("Forssan Hitsaamo Oy"), Some("Forssa"));
    assert_eq!(place_of("Luonnonvarakeskus"), Some("Jokioinen"));
    assert_eq!(
        place_of("Lounais-Hämeen koulutuskuntayhtymä"),
        Some("Forssa")
    );
    assert!(place_of("Hämeen ammattikorkeakoulu Oy").is_some());
    let hitsaamot: Vec<&str> = n
        .organisations
        .iter()
        .filter(|o| o.input.name.contains("Hitsaamo"))
        .map(|o| o.input.municipality.as_str())
        .collect();
    assert!(hitsaamot.len() >= 2, "{hitsaamot:?}");
    assert!(hitsaamot.iter().all(|m| region.contains(m)));
    // Industries fit the names.
    for (word, division) in [("Hitsaamo", "25"), ("Leipomo", "10"), ("Kuljetus", "49")] {
        for o in n
            .organisations
            .iter()
            .filter(|o| o.input.name.contains(word))
        {
            assert_eq!(o.input.industry, division, "{}", o.input.name);
        }
    }
}

#[test]
fn the_plan_has_the_shape_of_a_real_network() {
    let n = network();
    assert_eq!(n.organisations.len(), ORGANISATIONS);
    assert!(
        (500..=700).contains(&n.people.len()),
        "{} people",
        n.people.len()
    );
    assert!(
        n.interactions.len() >= 2500,
        "{} interactions",
        n.interactions.len()
    );
    assert!(n.people.iter().any(|p| p.moved.is_some()));
    for p in &n.people {
        p.input
            .validate()
            .unwrap_or_else(|e| panic!("{} does not validate: {e:?}", p.input.name));
        let phone = &p.input.phone;
        assert!(
            phone.starts_with("040 ") || phone.starts_with("050 "),
            "{phone}"
        );
    }

    // Users: the coordinator is the admin, one viewer, one partner at the welding shop.
    assert_eq!(n.users[n.admin()].email, DEMO_EMAIL);
    assert_eq!(n.users[n.admin()].role, Role::Admin);
    assert!((12..=15).contains(&n.users.len()));
    assert_eq!(n.users.iter().filter(|u| u.role == Role::Viewer).count(), 1);
    let partner = n
        .users
        .iter()
        .find(|u| u.role == Role::Partner)
        .expect("a partner user");
    assert_eq!(
        partner
            .organisation
            .and_then(|o| n.organisations.get(o))
            .map(|o| o.input.name.as_str()),
        Some("Forssan Hitsaamo Oy")
    );
    assert_eq!(partner.organisation, n.by_key("hitsaamo"));

    // Owners: mostly two or three, a clear minority with one, a few with none.
    let live: Vec<_> = n
        .organisations
        .iter()
        .filter(|o| o.status != OrganisationStatus::Ended)
        .collect();
    let with = |k: usize| live.iter().filter(|o| o.owners.len() == k).count();
    let single = with(1) as f64 / live.len() as f64;
    assert!(
        (0.08..=0.22).contains(&single),
        "single-owner share {single}"
    );
    assert!((1..=20).contains(&with(0)), "{} without owners", with(0));
    assert!(with(2) + with(3) > live.len() / 2);

    // Interactions run up to the day, follow-ups never before their interaction.
    let start = DAY - Duration::days(3 * 365 + 31);
    for i in &n.interactions {
        assert!(i.date <= DAY);
        assert!(
            i.date >= start || i.date == date!(2023 - 06 - 05),
            "{}",
            i.date
        );
        if let Some(f) = &i.follow_up {
            assert!(f.on >= i.date);
        }
    }
    let admin_open: Vec<Date> = n
        .interactions
        .iter()
        .filter_map(|i| i.follow_up.as_ref())
        .filter(|f| f.assignee == n.admin() && !f.done)
        .map(|f| f.on)
        .collect();
    assert!(admin_open.iter().any(|d| *d < DAY), "overdue follow-ups");
    assert!(
        admin_open
            .iter()
            .any(|d| *d >= DAY && *d <= DAY + Duration::days(7)),
        "follow-ups due this week"
    );
    assert!(n.organisations.iter().any(|o| o.quiet));

    // Agreements: some run out within 60 days; equipment is shared by several parties.
    let soon = n
        .agreements
        .iter()
        .filter(|a| {
            a.valid_to
                .is_some_and(|t| t >= DAY && t <= DAY + Duration::days(60))
        })
        .count();
    assert!(soon >= 3, "{soon} agreements expire soon");
    assert!(n
        .agreements
        .iter()
        .any(|a| a.kind == AgreementKind::EquipmentSharing && a.other_parties.len() >= 2));
    assert!(n.agreements.iter().any(|a| a.kind == AgreementKind::Nda));
    for a in &n.agreements {
        assert!(a.valid_to.is_none_or(|t| t >= a.valid_from), "{}", a.title);
    }

    // Projects with several members each.
    assert!(n.projects.len() >= 5);
    assert!(n.projects.iter().all(|p| p.members.len() >= 4));
    assert!(n
        .projects
        .iter()
        .any(|p| p.name == "Vaski – työelämäyhteistyön kehittäminen"));
}

#[test]
fn no_demo_day_gives_a_resource_two_exceptions_on_one_date() {
    // The fair day is drawn 20–60 days ahead and once fell into the Christmas service week,
    // so the demo refused to load on 25 November. Every day from autumn to the year's end.
    let mut day = date!(2026 - 10 - 15);
    while day <= date!(2026 - 12 - 31) {
        let p = sharing::plan(&DemoNetwork::generate(DEFAULT_SEED, day)).expect("a plan");
        let mut seen = std::collections::BTreeSet::new();
        for (resource, e) in &p.exceptions {
            assert!(
                seen.insert((*resource, e.on_date)),
                "on the demo day {day} resource {resource} has two exceptions on {}",
                e.on_date
            );
        }
        day = day.next_day().expect("a day");
    }
}

#[test]
fn the_campus_training_day_is_a_working_friday_whatever_the_demo_day() {
    // It once fell on Christmas Day. Every demo day of a whole year.
    let mut day = date!(2026 - 01 - 01);
    while day <= date!(2026 - 12 - 31) {
        let training = sharing::training_day(day);
        let (month, date) = (training.month(), training.day());
        assert_eq!(training.weekday(), time::Weekday::Friday, "from {day}");
        assert!(
            training > day + time::Duration::days(29),
            "from {day}: {training}"
        );
        let christmas_weeks = (month == time::Month::December && date >= 20)
            || (month == time::Month::January && date <= 6);
        assert!(
            !christmas_weeks,
            "from {day}: {training} is in the Christmas weeks"
        );
        assert!(
            vaski_domain::sharing::holidays::holiday_on(sharing::civil(training)).is_none(),
            "from {day}: {training} is a public holiday"
        );
        day = day.next_day().expect("a day");
    }
}

#[test]
fn the_shared_use_plan_has_about_forty_resources_and_bookings_that_never_overlap() {
    let n = network();
    let p = sharing::plan(&n).expect("a plan");
    assert_eq!(
        p,
        sharing::plan(&n).expect("a plan"),
        "the same seed and day, the same plan"
    );
    assert!(
        (35..=45).contains(&p.resources.len()),
        "{} resources",
        p.resources.len()
    );
    let owners: BTreeSet<&str> = p
        .resources
        .iter()
        .filter_map(|r| n.organisations[r.owner].key)
        .collect();
    for owner in [
        "lhkk",
        "tavastia",
        "livia",
        "hitsaamo",
        "jokioistenkonepaja",
        "tammelanpuu",
    ] {
        assert!(owners.contains(owner), "{owner} owns nothing");
    }
    assert!(
        p.resources.iter().any(|r| r.part_of.is_some()),
        "a hall with booths"
    );
    assert!(p.resources.iter().any(|r| r.draft.quantity > 1), "a pool");
    let lathe = p
        .resources
        .iter()
        .position(|r| r.qualification)
        .expect("a resource that requires the induction");
    assert!(p.resources[lathe].draft.name.starts_with("CNC-sorvi"));
    assert!(
        p.grants.len() >= 3,
        "the induction is granted to several people"
    );

    // A year back and some months ahead; every kind of status.
    let now = n.today;
    let count = |s: BookingStatus| {
        p.bookings
            .iter()
            .filter(|b| b.status == s && !b.block)
            .count()
    };
    assert!(p.bookings.len() >= 2000, "{} bookings", p.bookings.len());
    assert!(
        count(BookingStatus::Requested) >= 5,
        "requests waiting for approval"
    );
    assert!(count(BookingStatus::Cancelled) >= 20);
    assert!(count(BookingStatus::Rejected) >= 1);
    assert!(p.bookings.iter().any(|b| b.no_show));
    assert!(p.bookings.iter().any(|b| b.block));
    let zone = vaski_domain::sharing::zone::helsinki().clone();
    let day_of = |t: jiff::Timestamp| t.to_zoned(zone.clone()).date();
    let first = p
        .bookings
        .iter()
        .map(|b| day_of(b.interval.start()))
        .min()
        .expect("bookings");
    let last = p
        .bookings
        .iter()
        .map(|b| day_of(b.interval.start()))
        .max()
        .expect("bookings");
    assert!(
        i64::from((sharing::civil(now) - first).get_days()) >= 350,
        "a year back: {first}"
    );
    assert!(
        i64::from((last - sharing::civil(now)).get_days()) >= 60,
        "months ahead: {last}"
    );
    for b in &p.bookings {
        if b.status == BookingStatus::Requested {
            assert!(
                day_of(b.interval.start()) > sharing::civil(now),
                "only future requests wait"
            );
        }
        assert!(!b.no_show || b.status == BookingStatus::Confirmed);
    }

    // The rules the store keeps: opening hours, the induction, and no clash of occupying
    // bookings with their buffers, of a whole with its parts, or beyond a pool's units.
    let hierarchy = Hierarchy::from_links(
        p.resources
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i as i64 + 1, r.part_of? as i64 + 1))),
    )
    .expect("a hierarchy");
    let mut held: Vec<Occupancy> = Vec::new();
    for (k, b) in p.bookings.iter().enumerate() {
        let r = &p.resources[b.resource];
        let schedule = resource::schedule_from(&r.hours, &[], r.draft.closed_on_public_holidays)
            .expect("hours");
        assert!(
            schedule.is_open_for(&b.interval),
            "{} is closed at {:?}",
            r.draft.name,
            b.interval
        );
        assert_eq!(b.occupied, r.draft.rules.occupied(&b.interval));
        if b.resource == lathe && !b.block {
            let holder = b.contact.expect("a contact on the lathe");
            assert!(
                p.grants.iter().any(|g| g.person == holder),
                "{holder:?} is not inducted"
            );
        }
        if !b.status.occupies() {
            continue;
        }
        let request = Request {
            resource_id: b.resource as i64 + 1,
            interval: b.occupied,
            units: b.units,
        };
        assert_eq!(
            clash::conflicts(&request, r.draft.quantity, &held, &hierarchy),
            Ok(()),
            "booking {k} of {}",
            r.draft.name
        );
        held.push(Occupancy {
            occupant: Occupant::Booking(k as i64 + 1),
            resource_id: request.resource_id,
            interval: b.occupied,
            units: b.units,
        });
    }
    assert!(matches!(
        p.extra_people[1].input.email.as_str(),
        PRODUCTION_MANAGER_EMAIL
    ));
    assert!(
        p.grants.iter().any(|g| g.person == PersonRef::Extra(1)),
        "the production manager is inducted"
    );
}

/// Loads the demo into a fresh database and checks what the pages will show.
async fn loads_into(backend: Backend) {
    let t = TestDb::new(backend).await;
    let db: Db = t.db.clone();
    assert!(is_empty(&db).await.expect("is_empty"));
    let started = std::time::Instant::now();
    let summary = load(&db, DEFAULT_SEED).await.expect("load the demo");
    let took = started.elapsed();
    assert!(!is_empty(&db).await.expect("is_empty"));
    assert_eq!(summary.organisations, ORGANISATIONS);
    assert_eq!(
        organisation::count(&db).await.expect("count"),
        ORGANISATIONS as i64
    );
    assert_eq!(
        account::count_users(&db).await.expect("users"),
        summary.users as i64
    );
    assert_eq!(
        project::count(&db).await.expect("projects"),
        summary.projects as i64
    );
    eprintln!("{backend:?}: loaded {summary:?} in {took:?}");

    let today = OffsetDateTime::now_utc().date();
    let h = health::health(&db, today, health::DEFAULT_DORMANT_DAYS, 50)
        .await
        .expect("health");
    assert_eq!(h.organisations, ORGANISATIONS as i64);
    assert_eq!(h.by_kind.len(), OrganisationKind::ALL.len());
    assert!(h.single_owner_count > 0, "single-owner partners");
    assert!(h.no_owner_count > 0, "partners without an owner");
    assert!(h.dormant_count > 0, "dormant partners");
    assert!(
        h.dormant_count < 40,
        "{} dormant partners is not a healthy demo",
        h.dormant_count
    );
    assert!(!h.expiring_agreements.is_empty(), "expiring agreements");
    assert!(h.new_per_year.len() >= 8, "partners joined over the years");

    let links = health::links(&db).await.expect("links");
    for kind in ["project", "agreement", "person"] {
        assert!(links.iter().any(|l| l.kind == kind), "no {kind} links");
    }

    let admin = account::user_by_email(&db, DEMO_EMAIL)
        .await
        .expect("admin")
        .expect("the demo admin exists");
    assert_eq!(admin.role, Role::Admin);
    let hash = admin.password_hash.as_deref().unwrap_or_default();
    assert!(vaski_web::auth::password::verify(DEMO_PASSWORD, hash));
    let due = interaction::follow_ups_due(&db, admin.id, today + Duration::days(7))
        .await
        .expect("follow-ups");
    assert!(due
        .iter()
        .any(|i| i.follow_up_on.is_some_and(|d| d < today)));
    assert!(due
        .iter()
        .any(|i| i.follow_up_on.is_some_and(|d| d >= today)));

    let partner = account::user_by_email(&db, "yrittaja@hitsaamo.example")
        .await
        .expect("partner")
        .expect("the partner user exists");
    assert_eq!(partner.role, Role::Partner);
    let org = organisation::get(&db, partner.organisation_id.expect("organisation"))
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(org.name, "Forssan Hitsaamo Oy");
    assert_eq!(org.municipality_code.as_deref(), Some("061"));

    shared_use_is_there(&db, &summary).await;
    the_plan_is_there(&db).await;
    t.finish().await;
}

/// Suunta in the demo: the plan from the workshop of 5 June 2023 with its ideas and votes,
/// actions that came from the ideas, and a scorecard with real figures and a mix of statuses.
async fn the_plan_is_there(db: &Db) {
    use vaski_store::strategy::{action, plan, scorecard, workshop};
    let plans = plan::list(db).await.expect("plans");
    assert_eq!(plans.len(), 1);
    let p = &plans[0];
    assert_eq!((p.first_year, p.last_year), (2023, 2027));
    let workshops = workshop::of_plan(db, p.id).await.expect("workshops");
    assert_eq!(workshops[0].held_on, time::macros::date!(2023 - 06 - 05));
    let result = workshop::result(db, workshops[0].id).await.expect("result");
    assert!(result.len() >= 10, "the workshop's ideas");
    let actions = action::of_plan(db, p.id).await.expect("actions");
    assert!(
        actions.iter().filter(|a| a.row.idea_id.is_some()).count() >= 5,
        "actions from ideas"
    );
    assert!(actions.iter().all(|a| !a.milestones.is_empty()));
    let card = scorecard::for_year(db, p.id, 2025, scorecard::Trends::Without)
        .await
        .expect("scorecard");
    assert!(card.rows.len() >= 8);
    assert!(
        card.rows.iter().all(|r| r.actual.is_some()),
        "every indicator has a figure"
    );
    let statuses: std::collections::BTreeSet<_> =
        card.rows.iter().map(|r| r.status.code()).collect();
    assert!(
        statuses.len() >= 2,
        "a true mix of statuses, not all one colour: {statuses:?}"
    );
}

/// The shared use the demo loads: resources, the lathe's induction, the accounts, bookings
/// that never overlap, requests waiting, and figures that are not zero.
async fn shared_use_is_there(db: &Db, summary: &super::Summary) {
    let resources = resource::list(db, &resource::Filter::default())
        .await
        .expect("resources");
    assert_eq!(resources.len(), summary.resources);
    assert!(
        (35..=45).contains(&resources.len()),
        "{} resources",
        resources.len()
    );
    let lathe = resources
        .iter()
        .find(|r| r.name.starts_with("CNC-sorvi"))
        .expect("the CNC lathe");
    let induction = qualification::get(
        db,
        lathe
            .required_qualification_id
            .expect("the lathe requires an induction"),
    )
    .await
    .expect("get")
    .expect("the induction exists");
    assert_eq!(induction.name, LATHE_QUALIFICATION);
    // The lathe stands on LHKK's campus, whose hours and staff training day are kept.
    let campus = lathe.location_id.expect("the lathe is on the campus");
    assert_eq!(
        vaski_store::sharing::location::weekly_hours(db, campus)
            .await
            .expect("campus hours")
            .len(),
        5,
        "the campus is open on weekdays"
    );
    let closed = vaski_store::sharing::location::exceptions(db, campus)
        .await
        .expect("campus exceptions");
    assert!(
        closed.len() == 1 && closed[0].opens_minute.is_none(),
        "the campus has its training day: {closed:?}"
    );
    assert!(
        qualification::grants(db, induction.id)
            .await
            .expect("grants")
            .len()
            >= 3
    );
    assert!(summary.requests > 0, "requests waiting for approval");

    let teacher = account::user_by_email(db, TEACHER_EMAIL)
        .await
        .expect("user")
        .expect("the teacher exists");
    assert_eq!(teacher.role, Role::Staff, "staff decide on bookings");
    let lathe_managers = vaski_store::sharing::manager::managers(db, lathe.id)
        .await
        .expect("managers");
    assert_eq!(
        lathe_managers.iter().map(|m| m.user_id).collect::<Vec<_>>(),
        [teacher.id],
        "the teacher looks after the lathe"
    );
    for r in &resources {
        let managed = vaski_store::sharing::manager::is_manager(db, r.id, teacher.id)
            .await
            .expect("managers");
        assert_eq!(
            managed,
            r.owner_name == "Lounais-Hämeen koulutuskuntayhtymä",
            "the teacher manages LHKK's resources and no others: {}",
            r.name
        );
    }
    let manager = account::user_by_email(db, PRODUCTION_MANAGER_EMAIL)
        .await
        .expect("user")
        .expect("the production manager exists");
    assert_eq!(manager.role, Role::Partner);
    let company = organisation::get(db, manager.organisation_id.expect("an organisation"))
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(company.name, "Jokioisten Konepaja Ky");

    // No two occupying bookings of a single resource overlap, a pool never holds more than
    // its units (buffers, wholes and parts are checked on the plan).
    let now = jiff::Timestamp::now();
    let year = jiff::SignedDuration::from_hours(24 * 400);
    let mut requested = 0;
    for r in &resources {
        let all = booking::in_period(db, r.id, now - year, now + year)
            .await
            .expect("bookings");
        let held: Vec<_> = all
            .iter()
            .filter(|b| b.status == "confirmed" || b.status == "requested")
            .collect();
        requested += held.iter().filter(|b| b.status == "requested").count();
        for b in &held {
            let units: i64 = held
                .iter()
                .filter(|o| o.starts_at <= b.starts_at && b.starts_at < o.ends_at)
                .map(|o| o.units)
                .sum();
            assert!(
                units <= r.quantity,
                "{} holds {units} units at {}",
                r.name,
                b.starts_at
            );
        }
    }
    assert_eq!(requested, summary.requests);
    every_booking_has_its_audit_entry(db, lathe).await;

    let to = Month::containing(now);
    let from = Month::new(to.year() - 1, to.month()).expect("a month");
    let f = figures::figures(db, from, to, None, now)
        .await
        .expect("figures");
    let booked: i64 = f.utilisation.iter().map(|u| u.booked_minutes).sum();
    let open: i64 = f.utilisation.iter().map(|u| u.open_minutes).sum();
    assert!(
        booked > 0 && open > booked,
        "booked {booked} of {open} minutes"
    );
    assert!(f.sharing.outside_minutes > 0 && f.sharing.outside_minutes < f.sharing.minutes);
    assert!(
        f.sharing.outside_organisations >= 10,
        "{} outside organisations",
        f.sharing.outside_organisations
    );
    assert!(f.by_booker_kind.len() >= 4, "{:?}", f.by_booker_kind);
    assert!(!f.no_shows.is_empty(), "no-shows");
    let mut months = vec![from];
    while let Some(m) = months.last().map(|m| m.next()).filter(|m| *m < to) {
        months.push(m);
    }
    let mut basis = Vec::new();
    for m in months.iter().rev().take(3) {
        basis.extend(figures::invoicing_basis(db, *m, None).await.expect("basis"));
    }
    assert!(!basis.is_empty(), "something to invoice in the last months");
    assert!(basis
        .iter()
        .all(|r| r.net_cents >= 0 && r.total_cents >= r.net_cents));
}

/// Each demo booking and block has exactly one audit entry of its making, about the owner,
/// naming its resource and its times as `booking::book` does.
async fn every_booking_has_its_audit_entry(db: &Db, lathe: &resource::Resource) {
    let (bookings,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM bookings"))
        .await
        .expect("count bookings");
    let (audited, unaudited): (i64, i64) = db
        .fetch_one(sql(
            "SELECT (SELECT COUNT(*) FROM audit_log WHERE entity = 'booking' AND action = 'create'), \
                    (SELECT COUNT(*) FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM audit_log a \
                     WHERE a.entity = 'booking' AND a.entity_id = b.id AND a.action = 'create'))",
        ))
        .await
        .expect("count audit entries");
    assert!(bookings > 1000, "{bookings} bookings");
    assert_eq!((audited, unaudited), (bookings, 0), "one entry per booking");
    let (booking_id, starts_at): (i64, OffsetDateTime) = db
        .fetch_one(
            sql("SELECT id, starts_at FROM bookings WHERE resource_id = $1 ORDER BY id LIMIT 1")
                .bind(lathe.id),
        )
        .await
        .expect("a booking of the lathe");
    let (organisation_id, changes): (Option<i64>, String) = db
        .fetch_one(
            sql("SELECT organisation_id, changes FROM audit_log WHERE entity = 'booking' AND entity_id = $1")
                .bind(booking_id),
        )
        .await
        .expect("the lathe booking's entry");
    assert_eq!(organisation_id, Some(lathe.owner_organisation_id));
    let changes: Vec<vaski_store::audit::Change> =
        serde_json::from_str(&changes).expect("changes as JSON");
    let value = |field: &str| {
        changes
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.new.clone())
            .unwrap_or_default()
    };
    assert_eq!(value("resource"), lathe.name);
    let start = vaski_store::db::to_timestamp(starts_at).expect("a time");
    assert_eq!(value("starts_at"), start.to_string());
    assert!(
        ["requested", "confirmed"].contains(&value("status").as_str()),
        "{changes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_into_sqlite() {
    loads_into(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_into_postgres() {
    loads_into(Backend::Postgres).await;
}
