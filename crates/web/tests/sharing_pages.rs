//! HTTP tests of the shared-use pages (resources, bookings, qualifications) against the started
//! application, on SQLite and on PostgreSQL.

mod common;

use common::TestApp;
use jiff::civil::{Date, Weekday};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::{PriceInput, ResourceInput};
use vaski_domain::sharing::zone::helsinki;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::sharing::resource;
use vaski_store::{sql, Actor};

const TEACHER: &str = "tiina@lhkk.example";
const MANAGER: &str = "pekka@konepaja.example";
const VIEWER: &str = "ville@lhkk.example";

struct Network {
    school: i64,
    company: i64,
    other_company: i64,
}

async fn network(app: &TestApp) -> Network {
    let teacher = app.user(TEACHER, Role::Staff, None).await;
    let org = |name: &str, kind: &str| OrganisationInput {
        name: name.into(),
        kind: kind.into(),
        municipality: "Forssa".into(),
        status: "active".into(),
        ..Default::default()
    };
    let school = app
        .organisation(
            org(
                "Lounais-Hämeen koulutuskuntayhtymä",
                "vocational_institution",
            ),
            &[teacher],
        )
        .await;
    let company = app
        .organisation(org("Forssan Konepaja Oy", "company"), &[teacher])
        .await;
    let other_company = app
        .organisation(org("Jokioisten Metalli Oy", "company"), &[teacher])
        .await;
    app.user(MANAGER, Role::Partner, Some(company)).await;
    app.user(VIEWER, Role::Viewer, None).await;
    Network {
        school,
        company,
        other_company,
    }
}

fn lathe(owner: i64, approval: &str) -> ResourceInput {
    ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: owner.to_string(),
        municipality: "Forssa".into(),
        approval: approval.into(),
        eligibility: "registered_partners".into(),
        prices: vec![PriceInput {
            booker: "company".into(),
            per_hour: "45".into(),
            per_day: String::new(),
        }],
        ..Default::default()
    }
}

async fn resource(app: &TestApp, input: ResourceInput) -> i64 {
    let draft = input.validate().expect("valid resource");
    let mut tx = app.db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &Actor::system("test"))
        .await
        .expect("create resource");
    tx.commit().await.expect("commit");
    id
}

/// A weekday some weeks ahead, so that the tests never book the past.
fn ahead(weeks: i64, weekday: Weekday) -> Date {
    let today = helsinki().to_datetime(jiff::Timestamp::now()).date();
    let mut d = today
        .checked_add(jiff::Span::new().days(7 * weeks))
        .expect("a date");
    while d.weekday() != weekday {
        d = d.tomorrow().expect("a date");
    }
    d
}

fn iso(d: Date) -> String {
    d.to_string()
}

fn finnish(d: Date) -> String {
    format!("{}.{}.", d.day(), d.month())
}

/// A booking made directly in the store, 8–12 on the day, for the booker.
async fn booked(app: &TestApp, resource_id: i64, booker: i64, day: Date) -> i64 {
    let at = |h: i8| {
        day.at(h, 0, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    };
    let req = NewBooking {
        resource_id,
        kind: Kind::Booking,
        occurrences: vec![vaski_domain::sharing::Interval::new(at(8), at(12)).expect("span")],
        series: None,
        units: 1,
        booker_organisation_id: Some(booker),
        contact_person_id: None,
        booked_by: None,
        purpose: Some("Koneistuksen kurssi".into()),
        people_count: None,
        skip_conflicts: false,
    };
    let outcome = booking::book(
        &app.db,
        &req,
        jiff::Timestamp::now(),
        &Actor::system("test"),
    )
    .await
    .expect("store works")
    .expect("accepted");
    assert_eq!(outcome.made.len(), 1, "the set-up booking is made");
    outcome.made[0].id
}

async fn count(app: &TestApp, status: &str) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(sql("SELECT COUNT(*) FROM bookings WHERE status = $1").bind(status))
        .await
        .expect("count");
    n
}

async fn book(
    app: &TestApp,
    client: &reqwest::Client,
    resource_id: i64,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let csrf = app.csrf(client, &format!("/resources/{resource_id}")).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let res = client
        .post(app.url(&format!("/resources/{resource_id}/book")))
        .form(&form)
        .send()
        .await
        .expect("post booking");
    let status = res.status().as_u16();
    (status, res.text().await.expect("text"))
}

app_test! {
    async fn a_teacher_publishes_a_resource_through_the_form(app) {
        let n = network(app).await;
        let client = app.login(TEACHER).await;
        let csrf = app.csrf(&client, "/resources/new").await;
        let school = n.school.to_string();
        let res = client
            .post(app.url("/resources"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "CNC-sorvi Okuma"),
                ("kind", "machine"),
                ("owner_organisation_id", school.as_str()),
                ("municipality", "Forssa"),
                ("building", "Metallipaja"),
                ("approval", "owner"),
                ("eligibility", "registered_partners"),
                ("closed_on_public_holidays", "1"),
                ("max_duration_hours", "4"),
                ("buffer_after_minutes", "30"),
                ("price_hour_company", "45"),
                ("price_hour_institution", "30,50"),
                ("hours_1", "08:00-16:00"),
                ("hours_2", "08:00-12:00, 13:00-16:00"),
                ("exception_date", "2026-12-31"),
                ("exception_hours", "08:00-12:00"),
                ("exception_note", "Uudenvuodenaatto"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let (status, html) = app.get_html(&client, &location).await;
        assert_eq!(status, 200);
        assert!(html.contains("CNC-sorvi Okuma"));
        assert!(html.contains("45,00"), "the company price is shown in euros");
        assert!(html.contains("30,50"));
        assert!(html.contains("Suljettu arkipyhinä"));
        assert!(html.contains("Varaukset vaativat omistajan hyväksynnän"));
        assert!(html.contains("Enimmäiskesto 4 h"));
        assert!(html.contains("8.00–12.00, 13.00–16.00"), "Tuesday's two ranges");
        assert!(html.contains("id=\"week\""), "the week view is there");
        assert!(html.contains("class=\"month-grid\""), "and the month view");
        let id: i64 = location.trim_start_matches("/resources/").parse().expect("id");
        assert_eq!(resource::weekly_hours(&app.db, id).await.expect("hours").len(), 3);
        assert_eq!(resource::exceptions(&app.db, id).await.expect("exceptions").len(), 1);
    }

    async fn a_form_error_is_shown_next_to_its_field_with_the_typed_values_kept(app) {
        let n = network(app).await;
        let client = app.login(TEACHER).await;
        let csrf = app.csrf(&client, "/resources/new").await;
        let school = n.school.to_string();
        let res = client
            .post(app.url("/resources"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Hitsaushalli <b>"),
                ("kind", "facility"),
                ("owner_organisation_id", school.as_str()),
                ("price_hour_company", "neljäkymmentä"),
                ("hours_3", "16:00-08:00"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("id=\"prices-error\""), "the price error is next to the prices");
        assert!(html.contains("value=\"neljäkymmentä\""), "the typed price is kept");
        assert!(html.contains("id=\"hours_3-error\""), "Wednesday's hours are refused by their field");
        assert!(html.contains("value=\"16:00-08:00\""));
        assert!(html.contains("value=\"Hitsaushalli &lt;b&gt;\"") || html.contains("value=\"Hitsaushalli &#60;b&#62;\""), "the name is kept, escaped");
        let (n,): (i64,) = app.db.fetch_one(sql("SELECT COUNT(*) FROM resources")).await.expect("count");
        assert_eq!(n, 0, "nothing was stored");
    }

    async fn a_partner_books_a_free_slot_and_sees_it_among_his_bookings(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let client = app.login(MANAGER).await;
        let day = ahead(3, Weekday::Tuesday);
        let (status, html) = book(app, &client, lathe, &[("date", &iso(day)), ("start", "08:00"), ("end", "12:00"), ("purpose", "Sarjatuotannon koeajo")]).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Varaus tehty"));
        assert!(html.contains("180,00"), "four hours at the company price of 45 €");
        assert_eq!(count(app, "confirmed").await, 1);
        let (_, list) = app.get_html(&client, "/bookings").await;
        assert!(list.contains("CNC-sorvi"));
        assert!(list.contains(&format!("{} klo 8.00–12.00", finnish(day))) || list.contains("klo 8.00–12.00"), "{list}");
        assert!(list.contains("/calendar/me"), "the calendar subscription is linked");
        assert!(list.contains(".ics"), "each booking's calendar file is linked");
    }

    async fn a_clash_is_refused_naming_the_booking_and_its_time(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let day = ahead(3, Weekday::Thursday);
        let course = booked(app, lathe, n.school, day).await;
        let client = app.login(MANAGER).await;
        let (status, html) = book(app, &client, lathe, &[("date", &iso(day)), ("start", "10:00"), ("end", "14:00")]).await;
        assert_eq!(status, 409);
        assert!(html.contains("Kaikkia aikoja ei voi varata"));
        assert!(html.contains(&format!("päällekkäin varauksen #{course} kanssa")), "{html}");
        assert!(html.contains(&format!("({} klo 8.00–12.00", finnish(day))), "the clashing booking's time: {html}");
        assert!(html.contains("Lounais-Hämeen koulutuskuntayhtymä"), "the owner's own use is named");
        assert!(html.contains("value=\"10:00\""), "the typed start is kept");
        assert_eq!(count(app, "confirmed").await, 1, "nothing more was booked");
    }

    async fn a_repeating_booking_with_one_clash_books_the_rest_on_request(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let first = ahead(2, Weekday::Thursday);
        let third = first.checked_add(jiff::Span::new().days(14)).expect("a date");
        let last = first.checked_add(jiff::Span::new().days(21)).expect("a date");
        let course = booked(app, lathe, n.school, third).await;
        let client = app.login(MANAGER).await;
        let fields = [("date", iso(first)), ("start", "08:00".into()), ("end", "12:00".into()), ("repeat", "weekly".into()), ("until", iso(last))];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, html) = book(app, &client, lathe, &fields).await;
        assert_eq!(status, 409);
        assert!(html.contains(&format!("#{course}")));
        assert!(html.contains("Varaa loput (3 aikaa)"), "{html}");
        assert!(html.contains("name=\"skip_conflicts\" value=\"1\""));
        assert_eq!(count(app, "confirmed").await, 1, "all or nothing: nothing yet");

        let mut rest = fields.clone();
        rest.push(("skip_conflicts", "1"));
        let (status, html) = book(app, &client, lathe, &rest).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("3 aikaa varattiin"));
        assert!(html.contains("Näitä aikoja ei varattu"), "the skipped Thursday is listed");
        assert_eq!(count(app, "confirmed").await, 4);
    }

    async fn the_owner_confirms_a_request_in_one_click(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "owner")).await;
        let manager = app.login(MANAGER).await;
        let day = ahead(3, Weekday::Tuesday);
        let (status, html) = book(app, &manager, lathe, &[("date", &iso(day)), ("start", "08:00"), ("end", "12:00")]).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("odottaa hyväksyntää"));
        let (id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM bookings")).await.expect("booking");

        let teacher = app.login(TEACHER).await;
        let (_, list) = app.get_html(&teacher, "/bookings").await;
        assert!(list.contains(&format!("action=\"/bookings/{id}/confirm\"")), "a confirm button for the request");
        let csrf = app.csrf(&teacher, "/bookings").await;
        let res = teacher
            .post(app.url(&format!("/bookings/{id}/confirm")))
            .form(&[("csrf", csrf.as_str()), ("back", "/bookings")])
            .send()
            .await
            .expect("confirm");
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/bookings");
        assert_eq!(count(app, "confirmed").await, 1);
        assert_eq!(count(app, "requested").await, 0);

        let csrf = app.csrf(&manager, "/bookings").await;
        let res = manager
            .post(app.url(&format!("/bookings/{id}/reject")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("reject");
        assert_eq!(res.status(), 403, "the booker cannot decide on the owner's behalf");
    }

    async fn the_owner_confirms_a_requested_series_in_one_click_from_the_waiting_list(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "owner")).await;
        let first = ahead(2, Weekday::Thursday);
        let last = first.checked_add(jiff::Span::new().days(21)).expect("a date");
        let manager = app.login(MANAGER).await;
        let fields = [("date", iso(first)), ("start", "08:00".into()), ("end", "12:00".into()), ("repeat", "weekly".into()), ("until", iso(last))];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, html) = book(app, &manager, lathe, &fields).await;
        assert_eq!(status, 200, "{html}");
        assert_eq!(count(app, "requested").await, 4);
        let ids: Vec<(i64,)> = app.db.fetch_all(sql("SELECT id FROM bookings ORDER BY starts_at")).await.expect("ids");

        let teacher = app.login(TEACHER).await;
        let (_, list) = app.get_html(&teacher, "/bookings").await;
        assert_eq!(list.matches("action=\"/bookings/").count(), 2, "the series is one row with two buttons: {list}");
        assert!(list.contains(&format!("id=\"request-{}\"", ids[0].0)), "the row is its first occurrence");
        assert!(list.contains("Hyväksy kaikki 4"), "{list}");
        assert!(list.contains("ja 3 muuta saman sarjan aikaa"), "{list}");
        assert!(list.contains("yhteensä 720,00\u{a0}€"), "the series' sum, four times 4 h at 45 €: {list}");
        let (_, page) = app.get_html(&teacher, &format!("/bookings/{}", ids[1].0)).await;
        assert!(page.contains("Sarjasta odottaa hyväksyntää 4 aikaa"), "the booking page offers the whole series too: {page}");

        let csrf = app.csrf(&teacher, "/bookings").await;
        let res = teacher
            .post(app.url(&format!("/bookings/{}/confirm", ids[0].0)))
            .form(&[("csrf", csrf.as_str()), ("back", "/bookings"), ("scope", "following")])
            .send()
            .await
            .expect("confirm");
        assert_eq!(res.status(), 303);
        assert_eq!((count(app, "confirmed").await, count(app, "requested").await), (4, 0), "one click decides the series");
        let (_, list) = app.get_html(&teacher, "/bookings").await;
        assert!(!list.contains("Hyväksy kaikki"), "nothing waits any more");
    }

    async fn a_viewers_post_is_answered_403(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let viewer = app.login(VIEWER).await;
        let (status, html) = app.get_html(&viewer, &format!("/resources/{lathe}")).await;
        assert_eq!(status, 200);
        assert!(!html.contains(&format!("action=\"/resources/{lathe}/book\"")), "no booking form for a viewer");
        let day = ahead(3, Weekday::Tuesday);
        let (status, _) = book(app, &viewer, lathe, &[("date", &iso(day)), ("start", "08:00"), ("end", "12:00")]).await;
        assert_eq!(status, 403);
        let csrf = app.csrf(&viewer, "/resources").await;
        let res = viewer.post(app.url("/resources")).form(&[("csrf", csrf.as_str()), ("name", "Sorvi")]).send().await.expect("post");
        assert_eq!(res.status(), 403);
        let (status, _) = app.get_html(&viewer, &format!("/organisations/{}/qualifications", n.school)).await;
        assert_eq!(status, 403);
        assert_eq!(count(app, "confirmed").await, 0);
    }

    async fn a_partner_does_not_see_another_organisations_booker_names(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let day = ahead(3, Weekday::Wednesday);
        let theirs = booked(app, lathe, n.other_company, day).await;
        let query = format!("/resources/{lathe}?date={}", iso(day));

        let teacher = app.login(TEACHER).await;
        let (_, html) = app.get_html(&teacher, &query).await;
        assert!(html.contains("Jokioisten Metalli Oy"), "the institution's staff see the booker");

        let manager = app.login(MANAGER).await;
        let (_, html) = app.get_html(&manager, &query).await;
        assert!(html.contains("Varattu"), "the time shows as taken");
        assert!(!html.contains("Jokioisten Metalli Oy"), "but not by whom");
        let (status, html) = book(app, &manager, lathe, &[("date", &iso(day)), ("start", "09:00"), ("end", "10:00")]).await;
        assert_eq!(status, 409);
        assert!(html.contains(&format!("#{theirs}")));
        assert!(!html.contains("Jokioisten Metalli Oy"), "the clash does not name the other company");
        let (status, _) = app.get_html(&manager, &format!("/bookings/{theirs}")).await;
        assert_eq!(status, 404, "another company's booking does not exist for the partner");
        let _ = n.company;
    }

    async fn the_availability_search_lists_free_times_that_link_to_the_form(app) {
        let n = network(app).await;
        let lathe = resource(app, ResourceInput { closed_on_public_holidays: true, ..lathe(n.school, "automatic") }).await;
        let mut tx = app.db.begin().await.expect("begin");
        let weekdays: Vec<resource::WeeklyRange> = (1..=5).map(|d| resource::WeeklyRange { weekday: d, opens_minute: 8 * 60, closes_minute: 16 * 60 }).collect();
        resource::set_weekly_hours(&mut tx, lathe, &weekdays, &Actor::system("test")).await.expect("hours");
        tx.commit().await.expect("commit");
        let monday = ahead(2, Weekday::Monday);
        booked(app, lathe, n.school, monday.checked_add(jiff::Span::new().days(1)).expect("tuesday")).await;
        let sunday = monday.checked_add(jiff::Span::new().days(6)).expect("sunday");
        let client = app.login(MANAGER).await;
        let (status, html) = app
            .get_html(&client, &format!("/resources?q=CNC&municipality=Forssa&from={}&to={}&hours=4", iso(monday), iso(sunday)))
            .await;
        assert_eq!(status, 200);
        assert!(html.contains("Vapaat ajat, joihin varaus mahtuu"), "{html}");
        assert!(html.contains(&format!("/resources/{lathe}?date={}&#38;start=08%3A00&#38;end=12%3A00#book", iso(monday))), "Monday 8–12 is offered: {html}");
        let tuesday = format!("date={}&#38;start=08%3A00", iso(monday.checked_add(jiff::Span::new().days(1)).expect("tuesday")));
        assert!(!html.contains(&tuesday), "Tuesday morning is taken");
        assert!(html.contains(&format!("date={}&#38;start=12%3A00", iso(monday.checked_add(jiff::Span::new().days(1)).expect("tuesday")))), "Tuesday afternoon is free");
    }

    async fn a_qualification_is_created_and_granted(app) {
        let n = network(app).await;
        let person = vaski_domain::network::person::PersonInput { name: "Matti Meikäläinen".into(), ..Default::default() }.validate().expect("person");
        let mut tx = app.db.begin().await.expect("begin");
        let matti = vaski_store::network::person::create(&mut tx, &person, n.company, None, &Actor::system("test")).await.expect("person");
        tx.commit().await.expect("commit");
        let client = app.login(TEACHER).await;
        let path = format!("/organisations/{}/qualifications", n.school);
        let csrf = app.csrf(&client, &path).await;
        let res = client.post(app.url(&path)).form(&[("csrf", csrf.as_str()), ("name", "CNC-sorvin turvallisuusperehdytys")]).send().await.expect("create");
        assert_eq!(res.status(), 303);
        let (q,): (i64,) = app.db.fetch_one(sql("SELECT id FROM qualifications")).await.expect("qualification");
        let (_, html) = app.get_html(&client, &format!("{path}?q=Matti")).await;
        assert!(html.contains("Matti Meikäläinen"), "the person is found");
        let (q_s, matti_s) = (q.to_string(), matti.to_string());
        let res = client
            .post(app.url(&format!("{path}/grants")))
            .form(&[("csrf", csrf.as_str()), ("qualification_id", q_s.as_str()), ("person_id", matti_s.as_str()), ("granted_on", "2026-01-15"), ("valid_until", "2099-12-31")])
            .send()
            .await
            .expect("grant");
        assert_eq!(res.status(), 303);
        let (_, html) = app.get_html(&client, &path).await;
        assert!(html.contains("Matti Meikäläinen"));
        assert!(html.contains("31.12.2099"));
        assert!(html.contains("voimassa"));
    }
    async fn the_owner_blocks_time_for_maintenance_and_the_booker_cancels_his_booking(app) {
        let n = network(app).await;
        let lathe = resource(app, ResourceInput { cancellation_free_hours: "48".into(), ..lathe(n.school, "automatic") }).await;
        let day = ahead(3, Weekday::Monday);
        let teacher = app.login(TEACHER).await;
        let csrf = app.csrf(&teacher, &format!("/resources/{lathe}")).await;
        let date = iso(day);
        let res = teacher
            .post(app.url(&format!("/resources/{lathe}/block")))
            .form(&[("csrf", csrf.as_str()), ("date", date.as_str()), ("start", "12"), ("end", "16"), ("purpose", "Huolto")])
            .send()
            .await
            .expect("block");
        assert_eq!(res.status(), 200);
        assert!(res.text().await.expect("text").contains("Aika varattu omaan käyttöön"));

        let manager = app.login(MANAGER).await;
        let (_, html) = app.get_html(&manager, &format!("/resources/{lathe}?date={date}")).await;
        assert!(html.contains("Omistajan käyttö: Huolto"), "the block shows in the week view");
        let (status, html) = book(app, &manager, lathe, &[("date", &date), ("start", "15:00"), ("end", "17:00")]).await;
        assert_eq!(status, 409);
        assert!(html.contains("päällekkäin omistajan oman käytön #"), "{html}");
        let (status, _) = book(app, &manager, lathe, &[("date", &date), ("start", "8.00"), ("end", "12.00")]).await;
        assert_eq!(status, 200, "8.00 and 12.00 are read as clock times");
        let (id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM bookings WHERE kind = 'booking'")).await.expect("booking");
        let (_, page) = app.get_html(&manager, &format!("/bookings/{id}")).await;
        assert!(page.contains("Maksuton peruutus viimeistään 2 vrk ennen alkua"), "the free-cancellation terms are shown: {page}");
        let csrf = app.csrf(&manager, &format!("/bookings/{id}")).await;
        let res = manager.post(app.url(&format!("/bookings/{id}/cancel"))).form(&[("csrf", csrf.as_str())]).send().await.expect("cancel");
        assert_eq!(res.status(), 303);
        assert_eq!(count(app, "cancelled").await, 1);
    }

    async fn the_week_view_moves_by_iso_week_in_each_language(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let client = app.login(TEACHER).await;
        let path = format!("/resources/{lathe}?week=2026-W47");
        let (status, html) = app.get_html(&client, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("Viikko 47: 16.11.–22.11.2026"), "{html}");
        assert!(html.contains("week=2026-W46"), "a link to the previous week");
        assert!(html.contains("week=2026-W48"), "and to the next");
        assert!(html.contains("marraskuu 2026"), "the month view of the week's month");
        for (lang, title) in [("sv", "Vecka 47: 16.11.–22.11.2026"), ("en", "Week 47: 16 Nov – 22 Nov 2026")] {
            let res = client.get(app.url(&format!("/language/{lang}?back=/"))).send().await.expect("language");
            assert_eq!(res.status(), 303);
            let (_, html) = app.get_html(&client, &path).await;
            assert!(html.contains(title), "{lang}: {html}");
        }
    }
}

app_test! {
    async fn the_booker_cancels_this_and_the_following_thursdays_of_a_series(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let first = ahead(2, Weekday::Thursday);
        let last = first.checked_add(jiff::Span::new().days(21)).expect("a date");
        let client = app.login(MANAGER).await;
        let fields = [("date", iso(first)), ("start", "08:00".into()), ("end", "12:00".into()), ("repeat", "weekly".into()), ("until", iso(last))];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _) = book(app, &client, lathe, &fields).await;
        assert_eq!(status, 200);
        assert_eq!(count(app, "confirmed").await, 4);
        let ids: Vec<(i64,)> = app.db.fetch_all(sql("SELECT id FROM bookings ORDER BY starts_at")).await.expect("ids");
        let second = ids[1].0;
        let (_, page) = app.get_html(&client, &format!("/bookings/{second}")).await;
        assert!(page.contains("tämä ja seuraavat"), "the series choice is offered: {page}");
        let csrf = app.csrf(&client, &format!("/bookings/{second}")).await;
        let res = client
            .post(app.url(&format!("/bookings/{second}/cancel")))
            .form(&[("csrf", csrf.as_str()), ("scope", "following")])
            .send()
            .await
            .expect("cancel");
        assert_eq!(res.status(), 303);
        assert_eq!((count(app, "confirmed").await, count(app, "cancelled").await), (1, 3), "the first Thursday stays");
    }
}

/// The Helsinki start times of the bookings, in order, as `HH:MM`.
async fn start_times(app: &TestApp) -> Vec<String> {
    let rows: Vec<(time::OffsetDateTime,)> = app
        .db
        .fetch_all(sql("SELECT starts_at FROM bookings ORDER BY starts_at"))
        .await
        .expect("starts");
    rows.into_iter()
        .map(|(t,)| {
            let t = jiff::Timestamp::from_second(t.unix_timestamp())
                .expect("an instant")
                .to_zoned(helsinki().clone());
            format!("{:02}:{:02}", t.hour(), t.minute())
        })
        .collect()
}

app_test! {
    async fn the_booker_moves_the_whole_series_to_the_afternoon_from_the_booking_page(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let first = ahead(2, Weekday::Thursday);
        let last = first.checked_add(jiff::Span::new().days(14)).expect("a date");
        let client = app.login(MANAGER).await;
        let fields = [("date", iso(first)), ("start", "08:00".into()), ("end", "12:00".into()), ("repeat", "weekly".into()), ("until", iso(last))];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(book(app, &client, lathe, &fields).await.0, 200);
        let ids: Vec<(i64,)> = app.db.fetch_all(sql("SELECT id FROM bookings ORDER BY starts_at")).await.expect("ids");
        let second = ids[1].0;
        let (_, page) = app.get_html(&client, &format!("/bookings/{second}")).await;
        assert!(page.contains("Siirrä aikaa") && page.contains(r#"name="start" type="time" value="08:00""#), "the move form shows the present time: {page}");
        let csrf = app.csrf(&client, &format!("/bookings/{second}")).await;
        let res = client
            .post(app.url(&format!("/bookings/{second}/move")))
            .form(&[("csrf", csrf.as_str()), ("scope", "all"), ("start", "13:00"), ("end", "15:30"), ("date", "")])
            .send()
            .await
            .expect("move");
        assert_eq!(res.status(), 303);
        assert_eq!(start_times(app).await, vec!["13:00", "13:00", "13:00"]);
    }

    async fn a_refused_move_names_the_occurrence_in_the_way_and_keeps_what_was_typed(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let day = ahead(2, Weekday::Tuesday);
        let mine = booked(app, lathe, n.company, day).await;
        let next_day = day.tomorrow().expect("a date");
        booked(app, lathe, n.other_company, next_day).await;
        let client = app.login(MANAGER).await;
        let csrf = app.csrf(&client, &format!("/bookings/{mine}")).await;
        let res = client
            .post(app.url(&format!("/bookings/{mine}/move")))
            .form(&[("csrf", csrf.as_str()), ("scope", "this"), ("start", "10:00"), ("end", "11:00"), ("date", iso(next_day).as_str())])
            .send()
            .await
            .expect("move");
        assert_eq!(res.status(), 409);
        let page = res.text().await.expect("text");
        assert!(page.contains("Yhtä kertaa ei voi siirtää"), "the refusal is explained: {page}");
        assert!(page.contains(r#"value="10:00""#) && page.contains(&format!(r#"value="{}""#, iso(next_day))), "what was typed is kept: {page}");
        assert!(!page.contains("Jokioisten Metalli"), "another company's booking stays anonymous");
        assert_eq!(start_times(app).await, vec!["08:00", "08:00"], "nothing moved");
        let res = client
            .post(app.url(&format!("/bookings/{mine}/move")))
            .form(&[("csrf", csrf.as_str()), ("scope", "this"), ("start", "11:00"), ("end", "10:00"), ("date", "")])
            .send()
            .await
            .expect("move");
        assert_eq!(res.status(), 422);
        let page = res.text().await.expect("text");
        assert!(page.contains(r#"id="move-end-error""#), "the error is next to the end field: {page}");
    }

    async fn the_week_view_keeps_a_long_booker_name_whole_in_the_entry_s_title(app) {
        let n = network(app).await;
        let lathe = resource(app, lathe(n.school, "automatic")).await;
        let long = "Lounais-Hämeen Kunnossapitopalvelukeskusyksikköosakeyhtiö ja Tytäryhtiöt Oy";
        app.db.execute(sql("UPDATE organisations SET name = $1 WHERE id = $2").bind(long).bind(n.company)).await.expect("rename");
        let day = ahead(2, Weekday::Wednesday);
        booked(app, lathe, n.company, day).await;
        let client = app.login(TEACHER).await;
        let (status, html) = app.get_html(&client, &format!("/resources/{lathe}?date={}", iso(day))).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!(r#"title="8.00–12.00 {long} (vahvistettu)""#)), "the whole text in the title: {html}");
        assert!(html.contains(r#"<span class="what"><a href="/bookings/"#), "the name is in the box that wraps and clamps: {html}");
    }
}
