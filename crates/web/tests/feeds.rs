//! Calendar feeds read back by an independent iCalendar parser (the `ical` crate), on SQLite
//! and on PostgreSQL.

mod common;

use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use jiff::civil::date;
use jiff::Timestamp;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_domain::sharing::resource::BookingStatus;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::sharing::resource;
use vaski_store::Actor;

fn actor() -> Actor {
    Actor::system("test")
}

fn at(d: i8, h: i8) -> Timestamp {
    date(2026, 11, d)
        .at(h, 0, 0, 0)
        .to_zoned(helsinki().clone())
        .expect("time")
        .timestamp()
}

fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    parser
        .next()
        .expect("one calendar")
        .expect("a calendar the parser reads")
}

fn property<'a>(e: &'a IcalEvent, name: &str) -> Option<&'a ical::property::Property> {
    e.properties.iter().find(|p| p.name == name)
}

fn value(e: &IcalEvent, name: &str) -> String {
    property(e, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

struct Setup {
    lathe: i64,
    token: String,
    booking: i64,
    partner: i64,
}

async fn setup(app: &common::TestApp) -> Setup {
    let school = app
        .organisation(
            OrganisationInput {
                name: "LHKK".into(),
                kind: "vocational_institution".into(),
                ..Default::default()
            },
            &[],
        )
        .await;
    let company = app
        .organisation(
            OrganisationInput {
                name: "Forssan Konepaja Oy".into(),
                ..Default::default()
            },
            &[],
        )
        .await;
    let partner = app
        .user("chef@konepaja.example", Role::Partner, Some(company))
        .await;
    let draft = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        address: "Koulutie 1, Forssa".into(),
        approval: "automatic".into(),
        eligibility: "registered_partners".into(),
        ..Default::default()
    }
    .validate()
    .expect("resource");
    let mut tx = app.db.begin().await.expect("begin");
    let lathe = resource::create(&mut tx, &draft, &actor())
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    let token = resource::get(&app.db, lathe)
        .await
        .expect("get")
        .expect("exists")
        .feed_token;
    let req = |d: i8, purpose: &str| NewBooking {
        resource_id: lathe,
        kind: Kind::Booking,
        occurrences: vec![Interval::new(at(d, 8), at(d, 12)).expect("span")],
        series: None,
        units: 1,
        booker_organisation_id: Some(company),
        contact_person_id: None,
        booked_by: Some(partner),
        purpose: Some(purpose.into()),
        people_count: None,
        skip_conflicts: false,
    };
    let now = at(2, 9) - jiff::SignedDuration::from_hours(24 * 30);
    let made = booking::book(&app.db, &req(30, "Koeajo; sarja 1, osa 2"), now, &actor())
        .await
        .expect("store")
        .expect("ok")
        .made;
    Setup {
        lathe,
        token,
        booking: made[0].id,
        partner,
    }
}

app_test! {
    async fn a_resource_feed_is_valid_icalendar_in_helsinki_time_and_follows_changes(app) {
        let s = setup(app).await;
        let client = app.client();
        let feed = client.get(app.url(&format!("/calendar/resources/{}.ics", s.token))).send().await.expect("feed");
        assert_eq!(feed.status(), 200);
        assert!(feed.headers()["content-type"].to_str().expect("type").starts_with("text/calendar"));
        let cal = parse(&feed.text().await.expect("text"));
        assert_eq!(cal.timezones.len(), 1, "the feed carries VTIMEZONE");
        assert_eq!(cal.events.len(), 1);
        let e = &cal.events[0];
        let start = property(e, "DTSTART").expect("DTSTART");
        assert_eq!(start.value.as_deref(), Some("20261130T080000"));
        assert_eq!(start.params.as_ref().and_then(|p| p.iter().find(|(k, _)| k == "TZID")).map(|(_, v)| v[0].as_str()), Some("Europe/Helsinki"));
        assert_eq!(value(e, "STATUS"), "CONFIRMED");
        assert_eq!(value(e, "SEQUENCE"), "0");
        assert!(value(e, "SUMMARY").contains("Forssan Konepaja Oy"));
        assert!(value(e, "DESCRIPTION").contains("Koeajo\\; sarja 1\\, osa 2"));
        let uid = value(e, "UID");

        let mut tx = app.db.begin().await.expect("begin");
        booking::set_status(&mut tx, s.booking, BookingStatus::Cancelled, &actor()).await.expect("cancel");
        tx.commit().await.expect("commit");
        let text = client.get(app.url(&format!("/calendar/resources/{}.ics", s.token))).send().await.expect("feed").text().await.expect("text");
        let e = &parse(&text).events[0];
        assert_eq!(value(e, "UID"), uid, "the UID is stable");
        assert_eq!(value(e, "SEQUENCE"), "1", "a change raises SEQUENCE");
        assert_eq!(value(e, "STATUS"), "CANCELLED");
    }

    async fn the_public_feed_shows_busy_time_without_the_booker_and_a_wrong_token_finds_nothing(app) {
        let s = setup(app).await;
        let client = app.client();
        let text = client.get(app.url(&format!("/calendar/resources/{}/busy.ics", s.lathe))).send().await.expect("feed").text().await.expect("text");
        let cal = parse(&text);
        assert_eq!(cal.events.len(), 1);
        assert!(!text.contains("Konepaja") && !text.contains("Koeajo"), "{text}");
        assert_eq!(value(&cal.events[0], "SUMMARY"), "CNC-sorvi: Varattu");
        let wrong = client.get(app.url("/calendar/resources/00ff00ff.ics")).send().await.expect("feed");
        assert_eq!(wrong.status(), 404);
    }

    async fn a_user_subscribes_to_their_own_bookings_by_a_private_link(app) {
        let s = setup(app).await;
        let token = vaski_store::sharing::feed::user_token(&app.db, s.partner).await.expect("token");
        let text = app.client().get(app.url(&format!("/calendar/users/{token}.ics"))).send().await.expect("feed").text().await.expect("text");
        let cal = parse(&text);
        assert_eq!(cal.events.len(), 1);
        assert_eq!(value(&cal.events[0], "LOCATION"), "Koulutie 1\\, Forssa");
        let renewed = vaski_store::sharing::feed::renew_user_token(&app.db, s.partner).await.expect("renew");
        assert_ne!(renewed, token);
        let old = app.client().get(app.url(&format!("/calendar/users/{token}.ics"))).send().await.expect("feed");
        assert_eq!(old.status(), 404, "the old link stops working");
    }

    async fn one_booking_downloads_as_ics_for_those_who_may_see_it(app) {
        let s = setup(app).await;
        let other = app.organisation(OrganisationInput { name: "Muu Oy".into(), ..Default::default() }, &[]).await;
        app.user("muu@muu.example", Role::Partner, Some(other)).await;
        let own = app.login("chef@konepaja.example").await;
        let r = own.get(app.url(&format!("/bookings/{}/calendar.ics", s.booking))).send().await.expect("ics");
        assert_eq!(r.status(), 200);
        assert_eq!(parse(&r.text().await.expect("text")).events.len(), 1);
        let stranger = app.login("muu@muu.example").await;
        let r = stranger.get(app.url(&format!("/bookings/{}/calendar.ics", s.booking))).send().await.expect("ics");
        assert_eq!(r.status(), 404);
    }
}
