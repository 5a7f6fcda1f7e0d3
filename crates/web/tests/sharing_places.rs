//! HTTP tests of a resource's pictures, an organisation's locations (sijainnit) with their
//! weekly opening hours and dated exceptions, and a resource's location and the hours it follows
//! from there, against the started application, on SQLite and on PostgreSQL.

mod common;

use common::TestApp;
use reqwest::multipart::{Form, Part};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_store::sharing::resource::{DatedException, WeeklyRange};
use vaski_store::sharing::{location, resource};
use vaski_store::{sql, Actor};

const TEACHER: &str = "tiina@lhkk.example";
const MANAGER: &str = "pekka@konepaja.example";

/// A real PNG picture, one pixel wide and two high.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x16, 0xe3, 0x21,
    0x70, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xdf, 0xc0, 0xc0,
    0x00, 0xc4, 0x00, 0x0d, 0xfe, 0x02, 0xff, 0x00, 0x03, 0x6b, 0x44, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

struct Network {
    school: i64,
    company: i64,
    lathe: i64,
}

/// A school owning a lathe (its teacher is staff) and a company whose manager is a partner.
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
    app.user(MANAGER, Role::Partner, Some(company)).await;
    let input = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        municipality: "Forssa".into(),
        approval: "owner".into(),
        eligibility: "registered_partners".into(),
        ..Default::default()
    };
    let lathe = new_resource(app, input).await;
    Network {
        school,
        company,
        lathe,
    }
}

async fn new_resource(app: &TestApp, input: ResourceInput) -> i64 {
    let draft = input.validate().expect("valid resource");
    let mut tx = app.db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &Actor::system("test"))
        .await
        .expect("create resource");
    tx.commit().await.expect("commit");
    id
}

/// Sends the pictures page's upload form as a browser does: the CSRF token and the alt text
/// first, the file last.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    resource_id: i64,
    csrf: &str,
    alt: &str,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let form = Form::new()
        .text("csrf", csrf.to_string())
        .text("alt_text", alt.to_string())
        .part(
            "image",
            Part::bytes(bytes.to_vec())
                .file_name(file_name.to_string())
                .mime_str("image/png")
                .expect("mime"),
        );
    client
        .post(app.url(&format!("/resources/{resource_id}/images")))
        .multipart(form)
        .send()
        .await
        .expect("post upload")
}

async fn image_count(app: &TestApp, resource_id: i64) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(
            sql("SELECT COUNT(*) FROM resource_images WHERE resource_id = $1").bind(resource_id),
        )
        .await
        .expect("count images");
    n
}

/// The audit entries about the entity, with their changes as stored text.
async fn audited(app: &TestApp, entity: &str, id: i64) -> Vec<(String, String)> {
    app.db
        .fetch_all(
            sql("SELECT action, changes FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id")
                .bind(entity)
                .bind(id),
        )
        .await
        .expect("audit entries")
}

async fn redirect_target(res: reqwest::Response) -> String {
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("a redirect")
        .to_string()
}

/// A location made directly in the store; answers its id.
async fn site(app: &TestApp, organisation_id: i64, name: &str) -> i64 {
    let mut tx = app.db.begin().await.expect("begin");
    let id = resource::create_location(
        &mut tx,
        organisation_id,
        name,
        None,
        Some("061"),
        &Actor::system("test"),
    )
    .await
    .expect("location");
    tx.commit().await.expect("commit");
    id
}

/// Sends the lathe's resource form with its basic fields and the given location.
async fn save_lathe(
    app: &TestApp,
    client: &reqwest::Client,
    n: &Network,
    name: &str,
    location_id: &str,
) -> reqwest::Response {
    let csrf = app
        .csrf(client, &format!("/resources/{}/edit", n.lathe))
        .await;
    let school = n.school.to_string();
    client
        .post(app.url(&format!("/resources/{}", n.lathe)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("kind", "machine"),
            ("owner_organisation_id", school.as_str()),
            ("municipality", "Forssa"),
            ("approval", "owner"),
            ("eligibility", "registered_partners"),
            ("location_id", location_id),
        ])
        .send()
        .await
        .expect("post the resource form")
}

fn range(weekday: i64, opens: i64, closes: i64) -> WeeklyRange {
    WeeklyRange {
        weekday,
        opens_minute: opens * 60,
        closes_minute: closes * 60,
    }
}

app_test! {
    async fn an_editor_puts_the_lathe_at_the_schools_hall_through_the_form_and_its_page_shows_it(app) {
        let n = network(app).await;
        let hall = site(app, n.school, "Konepajahalli").await;
        site(app, n.company, "Konepajan oma halli").await;
        let teacher = app.login(TEACHER).await;
        let edit = format!("/resources/{}/edit", n.lathe);
        let (status, html) = app.get_html(&teacher, &edit).await;
        assert_eq!(status, 200);
        assert!(html.contains("<select id=\"location_id\" name=\"location_id\""), "the form has a location select: {html}");
        assert!(html.contains(&format!("<option value=\"{hall}\">Konepajahalli</option>")), "the owner's location is offered");
        assert!(!html.contains("Konepajan oma halli"), "another organisation's is not");

        let res = save_lathe(app, &teacher, &n, "CNC-sorvi", &hall.to_string()).await;
        assert_eq!(redirect_target(res).await, format!("/resources/{}", n.lathe));
        let lathe = resource::get(&app.db, n.lathe).await.expect("get").expect("lathe");
        assert_eq!(lathe.location_id, Some(hall), "the location is saved");
        let (_, html) = app.get_html(&teacher, &edit).await;
        assert!(html.contains(&format!("<option value=\"{hall}\" selected>Konepajahalli</option>")), "and chosen when the form is opened again");

        let manager = app.login(MANAGER).await;
        let (status, html) = app.get_html(&manager, &format!("/resources/{}", n.lathe)).await;
        assert_eq!(status, 200);
        assert!(html.contains("Konepajahalli, Forssa"), "the resource page names the location with the municipality: {html}");
        let entries = audited(app, "resource", n.lathe).await;
        assert!(
            entries.iter().any(|(_, c)| c.contains("location_id") && c.contains(&format!("\"new\":\"{hall}\""))),
            "the change is audited: {entries:?}"
        );

        let res = save_lathe(app, &teacher, &n, "CNC-sorvi", "").await;
        redirect_target(res).await;
        let lathe = resource::get(&app.db, n.lathe).await.expect("get").expect("lathe");
        assert_eq!(lathe.location_id, None, "no location chosen takes it away");
    }

    async fn another_organisations_location_is_refused_next_to_the_field_and_nothing_is_saved(app) {
        let n = network(app).await;
        let hall = site(app, n.school, "Konepajahalli").await;
        let foreign = site(app, n.company, "Konepajan oma halli").await;
        let mut tx = app.db.begin().await.expect("begin");
        resource::set_location(&mut tx, n.lathe, Some(hall), &Actor::system("test")).await.expect("set");
        tx.commit().await.expect("commit");
        let teacher = app.login(TEACHER).await;

        let res = save_lathe(app, &teacher, &n, "CNC-sorvi Okuma", &foreign.to_string()).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(
            html.contains("id=\"location_id-error\">Sijainti ei ole omistajaorganisaation sijainti."),
            "the error is next to the location select: {html}"
        );
        assert!(html.contains("value=\"CNC-sorvi Okuma\""), "what was typed is kept");
        let lathe = resource::get(&app.db, n.lathe).await.expect("get").expect("lathe");
        assert_eq!((lathe.name.as_str(), lathe.location_id), ("CNC-sorvi", Some(hall)), "nothing was saved");

        let res = save_lathe(app, &teacher, &n, "CNC-sorvi", "kolmas halli").await;
        assert_eq!(res.status(), 422, "a location that is no id at all is refused too");
        assert!(res.text().await.expect("text").contains("id=\"location_id-error\""));

        let csrf = app.csrf(&teacher, "/resources/new").await;
        let school = n.school.to_string();
        let foreign = foreign.to_string();
        let res = teacher
            .post(app.url("/resources"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Hitsauskone"),
                ("kind", "machine"),
                ("owner_organisation_id", school.as_str()),
                ("approval", "owner"),
                ("eligibility", "registered_partners"),
                ("location_id", foreign.as_str()),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422, "nor is a new resource put at it");
        let (count,): (i64,) = app.db.fetch_one(sql("SELECT COUNT(*) FROM resources")).await.expect("count");
        assert_eq!(count, 1, "only the lathe");
    }

    async fn a_locations_weekly_hours_are_saved_from_its_page_shown_and_audited(app) {
        let n = network(app).await;
        let campus = site(app, n.school, "Forssan kampus").await;
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains("Aukioloaikoja ei ole asetettu."), "no hours yet: {html}");
        assert!(
            html.contains(&format!("action=\"{path}/{campus}/hours\"")) && html.contains(&format!("id=\"location-{campus}-hours_1\" name=\"hours_1\"")),
            "the location has a weekly-hours form with a field per weekday"
        );
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&format!("{path}/{campus}/hours")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("hours_1", "08:00-16:00"),
                ("hours_2", "08:00-12:00, 13:00-16:00"),
                ("hours_6", ""),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(redirect_target(res).await, format!("{path}#location-{campus}"));
        assert_eq!(
            location::weekly_hours(&app.db, campus).await.expect("hours"),
            vec![range(1, 8, 16), range(2, 8, 12), range(2, 13, 16)],
            "Monday, and Tuesday's two ranges"
        );
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains("8.00–12.00, 13.00–16.00"), "the page shows the hours: {html}");
        assert!(html.contains(&format!("id=\"location-{campus}-hours_2\" name=\"hours_2\" value=\"08:00-12:00, 13:00-16:00\"")), "the form holds them");
        let entries = audited(app, "location", campus).await;
        assert!(
            entries.iter().any(|(a, c)| a == "update" && c.contains("opening_hours") && c.contains("2 13:00-16:00")),
            "the change is audited: {entries:?}"
        );

        let res = teacher
            .post(app.url(&format!("{path}/{campus}/hours")))
            .form(&[("csrf", "wrong"), ("hours_1", "")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "no change without the CSRF token");
        assert_eq!(location::weekly_hours(&app.db, campus).await.expect("hours").len(), 3);
    }

    async fn bad_hours_for_a_location_are_refused_next_to_the_day_and_nothing_changes(app) {
        let n = network(app).await;
        let campus = site(app, n.school, "Forssan kampus").await;
        let mut tx = app.db.begin().await.expect("begin");
        location::set_weekly_hours(&mut tx, campus, &[range(1, 8, 16)], &Actor::system("test")).await.expect("hours");
        tx.commit().await.expect("commit");
        let before = audited(app, "location", campus).await.len();
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&format!("{path}/{campus}/hours")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("hours_1", "09:00-17:00"),
                ("hours_3", "16:00-08:00"),
                ("hours_5", "aamupäivä"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(
            html.contains(&format!("id=\"location-{campus}-hours_3-error\">Aukioloajan on päätyttävä alkamisen jälkeen.")),
            "Wednesday's error is next to Wednesday: {html}"
        );
        assert!(html.contains(&format!("id=\"location-{campus}-hours_5-error\"")), "and Friday's next to Friday");
        assert!(!html.contains(&format!("id=\"location-{campus}-hours_1-error\"")), "Monday was fine");
        assert!(html.contains("value=\"16:00-08:00\"") && html.contains("value=\"09:00-17:00\""), "what was typed is kept");
        assert_eq!(
            location::weekly_hours(&app.db, campus).await.expect("hours"),
            vec![range(1, 8, 16)],
            "nothing changed, not even the good day"
        );
        assert_eq!(audited(app, "location", campus).await.len(), before, "and nothing was audited");

        app.user("olli@konepaja.example", Role::Partner, Some(n.company)).await;
        let partner = app.login("olli@konepaja.example").await;
        let own = format!("/organisations/{}/locations", n.company);
        let csrf = app.csrf(&partner, &own).await;
        let res = partner
            .post(app.url(&format!("{path}/{campus}/hours")))
            .form(&[("csrf", csrf.as_str()), ("hours_1", "00:00-24:00")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404, "another organisation's location is not the partner's to change");
        assert_eq!(location::weekly_hours(&app.db, campus).await.expect("hours"), vec![range(1, 8, 16)]);
    }

    async fn a_resource_without_hours_of_its_own_shows_its_locations_hours_and_says_so(app) {
        let n = network(app).await;
        let campus = site(app, n.school, "Forssan kampus").await;
        let mut tx = app.db.begin().await.expect("begin");
        location::set_weekly_hours(&mut tx, campus, &[range(1, 8, 16)], &Actor::system("test")).await.expect("hours");
        resource::set_location(&mut tx, n.lathe, Some(campus), &Actor::system("test")).await.expect("at campus");
        tx.commit().await.expect("commit");
        let manager = app.login(MANAGER).await;
        let page = format!("/resources/{}", n.lathe);
        let (status, html) = app.get_html(&manager, &page).await;
        assert_eq!(status, 200);
        assert!(html.contains("Aukioloajat tulevat sijainnista Forssan kampus."), "the page says where the hours come from: {html}");
        assert!(html.contains("8.00–16.00"), "and shows them");
        assert!(!html.contains("varattavissa ympäri vuorokauden"), "not as open round the clock");

        let mut tx = app.db.begin().await.expect("begin");
        resource::set_weekly_hours(&mut tx, n.lathe, &[range(2, 9, 12)], &Actor::system("test")).await.expect("own hours");
        tx.commit().await.expect("commit");
        let (_, html) = app.get_html(&manager, &page).await;
        assert!(!html.contains("Aukioloajat tulevat sijainnista"), "its own hours are its own");
        assert!(html.contains("9.00–12.00"));
    }

    async fn a_locations_closed_day_is_added_and_removed_on_its_page_and_audited(app) {
        let n = network(app).await;
        let campus = site(app, n.school, "Forssan kampus").await;
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains("Poikkeavia päiviä ei ole."), "none yet: {html}");
        assert!(
            html.contains(&format!("action=\"{path}/{campus}/exceptions\"")) && html.contains(&format!("id=\"location-{campus}-exception-1-date\" name=\"exception_date\"")),
            "the location has a form of exception rows"
        );
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&format!("{path}/{campus}/exceptions")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("exception_date", "2031-06-02"),
                ("exception_hours", ""),
                ("exception_note", "Sähkökatko"),
                ("exception_date", "2031-06-03"),
                ("exception_hours", "10:00-14:00"),
                ("exception_note", ""),
                ("exception_date", ""),
                ("exception_hours", ""),
                ("exception_note", ""),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(redirect_target(res).await, format!("{path}#location-{campus}"));
        let closed = DatedException {
            on_date: time::macros::date!(2031 - 06 - 02),
            opens_minute: None,
            closes_minute: None,
            note: Some("Sähkökatko".into()),
        };
        let short = DatedException {
            on_date: time::macros::date!(2031 - 06 - 03),
            opens_minute: Some(600),
            closes_minute: Some(840),
            note: None,
        };
        assert_eq!(location::exceptions(&app.db, campus).await.expect("exceptions"), vec![closed.clone(), short]);
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains("suljettu (Sähkökatko)") && html.contains("10.00–14.00"), "the page shows them: {html}");

        let res = teacher
            .post(app.url(&format!("{path}/{campus}/exceptions")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("exception_date", "2031-06-02"),
                ("exception_hours", ""),
                ("exception_note", "Sähkökatko"),
                ("exception_date", ""),
                ("exception_hours", ""),
                ("exception_note", ""),
            ])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        assert_eq!(location::exceptions(&app.db, campus).await.expect("exceptions"), vec![closed], "the emptied row is removed");
        let entries = audited(app, "location", campus).await;
        let changes: Vec<&String> = entries.iter().filter(|(a, c)| a == "update" && c.contains("opening_exceptions")).map(|(_, c)| c).collect();
        assert_eq!(changes.len(), 2, "each change audited: {entries:?}");
        assert!(changes[1].contains("2031-06-03 10:00-14:00"), "with the exceptions before and after: {}", changes[1]);

        let res = teacher
            .post(app.url(&format!("{path}/{campus}/exceptions")))
            .form(&[("csrf", "wrong"), ("exception_date", "")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "no change without the CSRF token");
        assert_eq!(location::exceptions(&app.db, campus).await.expect("exceptions").len(), 1);
    }

    async fn a_bad_date_for_a_locations_exception_is_refused_next_to_its_row_keeping_the_rest(app) {
        let n = network(app).await;
        let campus = site(app, n.school, "Forssan kampus").await;
        let before = audited(app, "location", campus).await.len();
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&format!("{path}/{campus}/exceptions")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("exception_date", "2031-06-02"),
                ("exception_hours", ""),
                ("exception_note", "Sähkökatko"),
                ("exception_date", "31.2.2031"),
                ("exception_hours", "08:00-12:00"),
                ("exception_note", "Inventaario"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(
            html.contains(&format!("id=\"location-{campus}-exception-2-error\">Päivämäärä ei ole kelvollinen")),
            "the error is next to the second row: {html}"
        );
        assert!(!html.contains(&format!("id=\"location-{campus}-exception-1-error\"")), "the first row was fine");
        assert!(
            html.contains("value=\"31.2.2031\"") && html.contains("value=\"Inventaario\"") && html.contains("value=\"Sähkökatko\""),
            "what was typed is kept"
        );
        assert!(location::exceptions(&app.db, campus).await.expect("exceptions").is_empty(), "nothing changed, not even the good row");
        assert_eq!(audited(app, "location", campus).await.len(), before, "and nothing was audited");

        let partner = app.login(MANAGER).await;
        let own = format!("/organisations/{}/locations", n.company);
        let csrf = app.csrf(&partner, &own).await;
        let res = partner
            .post(app.url(&format!("{path}/{campus}/exceptions")))
            .form(&[("csrf", csrf.as_str()), ("exception_date", "2031-06-02")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404, "another organisation's location is not the partner's to change");
        assert!(location::exceptions(&app.db, campus).await.expect("exceptions").is_empty());
    }

    async fn an_editor_uploads_a_png_and_a_partner_sees_it_on_the_resource_page(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let pictures = format!("/resources/{}/images", n.lathe);
        let csrf = app.csrf(&teacher, &pictures).await;
        let res = upload(app, &teacher, n.lathe, &csrf, "CNC-sorvi konepajan hallissa", "sorvi.png", PNG).await;
        let target = redirect_target(res).await;
        let images = resource::images(&app.db, n.lathe).await.expect("images");
        assert_eq!(images.len(), 1, "one picture stored");
        let image = &images[0];
        assert_eq!(target, format!("{pictures}#image-{}", image.id));
        assert_eq!(image.content_type, "image/png");
        assert_eq!(image.alt_text.as_deref(), Some("CNC-sorvi konepajan hallissa"));

        let manager = app.login(MANAGER).await;
        let (status, html) = app.get_html(&manager, &format!("/resources/{}", n.lathe)).await;
        assert_eq!(status, 200);
        let src = format!("/resources/{}/images/{}", n.lathe, image.id);
        assert!(
            html.contains(&format!(
                "<img src=\"{src}\" alt=\"CNC-sorvi konepajan hallissa\" loading=\"lazy\""
            )),
            "the resource page shows the picture with its alt text, lazily: {html}"
        );
        assert!(
            !html.contains(&format!("href=\"{pictures}\"")),
            "a partner of another organisation gets no link to edit the pictures"
        );
        let res = manager.get(app.url(&src)).send().await.expect("get picture");
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/png");
        let cache = res.headers()["cache-control"].to_str().expect("text").to_string();
        assert!(cache.contains("max-age") && cache.contains("private"), "{cache}");
        assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG, "the same bytes come back");

        let (_, html) = app.get_html(&teacher, &format!("/resources/{}", n.lathe)).await;
        assert!(html.contains(&format!("href=\"{pictures}\"")), "the editor is linked to the pictures page");
        let entries = audited(app, "resource", n.lathe).await;
        assert!(
            entries.iter().any(|(action, changes)| action == "update" && changes.contains("image/png")),
            "the upload is audited: {entries:?}"
        );
    }

    async fn a_picture_is_served_only_to_logged_in_users_and_only_under_its_resource(app) {
        let n = network(app).await;
        let mut tx = app.db.begin().await.expect("begin");
        let image = resource::add_image(&mut tx, n.lathe, PNG.to_vec(), Some("Sorvi".into()), &Actor::system("test"))
            .await
            .expect("add image");
        tx.commit().await.expect("commit");
        let other = new_resource(app, ResourceInput {
            name: "Hitsauskone".into(),
            kind: "machine".into(),
            owner_organisation_id: n.school.to_string(),
            approval: "owner".into(),
            eligibility: "registered_partners".into(),
            ..Default::default()
        }).await;

        let anonymous = app.client();
        let res = anonymous
            .get(app.url(&format!("/resources/{}/images/{image}", n.lathe)))
            .send()
            .await
            .expect("get");
        assert_ne!(res.status(), 200, "no picture without logging in");
        let manager = app.login(MANAGER).await;
        let res = manager
            .get(app.url(&format!("/resources/{other}/images/{image}")))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), 404, "a picture is not served under another resource");
    }

    async fn a_partner_of_another_organisation_cannot_upload_a_picture(app) {
        let n = network(app).await;
        let manager = app.login(MANAGER).await;
        let pictures = format!("/resources/{}/images", n.lathe);
        let (status, _) = app.get_html(&manager, &pictures).await;
        assert_eq!(status, 403, "the pictures page is not for the partner");
        // The partner's own CSRF token, from a page they may see.
        let csrf = app.csrf(&manager, &format!("/resources/{}", n.lathe)).await;
        let res = upload(app, &manager, n.lathe, &csrf, "Ei minun", "sorvi.png", PNG).await;
        assert_eq!(res.status(), 403);
        assert_eq!(image_count(app, n.lathe).await, 0, "nothing was stored");
    }

    async fn a_file_that_is_not_an_image_is_refused_next_to_the_field_keeping_the_alt_text(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let pictures = format!("/resources/{}/images", n.lathe);
        let csrf = app.csrf(&teacher, &pictures).await;
        let res = upload(
            app, &teacher, n.lathe, &csrf, "Sorvin kuva", "sorvi.png", b"<script>alert(1)</script>",
        )
        .await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(
            html.contains("id=\"image-error\">Tiedosto ei ole kuva."),
            "the error is next to the file field: {html}"
        );
        assert!(html.contains("value=\"Sorvin kuva\""), "the typed alt text is kept");
        assert_eq!(image_count(app, n.lathe).await, 0);

        let res = upload(app, &teacher, n.lathe, &csrf, "  ", "sorvi.png", PNG).await;
        assert_eq!(res.status(), 422, "a picture needs its alt text");
        let html = res.text().await.expect("text");
        assert!(html.contains("id=\"alt_text-error\""), "the error is next to the alt text");
        assert_eq!(image_count(app, n.lathe).await, 0);
    }

    async fn a_picture_too_big_is_refused_with_a_message_next_to_the_field(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let pictures = format!("/resources/{}/images", n.lathe);
        let csrf = app.csrf(&teacher, &pictures).await;
        let mut big = PNG.to_vec();
        big.resize(vaski_domain::sharing::image::MAX_IMAGE_BYTES + 1, 0);
        let res = upload(app, &teacher, n.lathe, &csrf, "Iso kuva", "iso.png", &big).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("id=\"image-error\">Kuva on liian suuri"), "{html}");
        assert!(html.contains("value=\"Iso kuva\""), "the typed alt text is kept");
        assert_eq!(image_count(app, n.lathe).await, 0);
    }

    async fn an_editor_changes_the_alt_text_and_deletes_the_picture_both_audited(app) {
        let n = network(app).await;
        let mut tx = app.db.begin().await.expect("begin");
        let image = resource::add_image(&mut tx, n.lathe, PNG.to_vec(), Some("Sorvi".into()), &Actor::system("test"))
            .await
            .expect("add image");
        tx.commit().await.expect("commit");
        let teacher = app.login(TEACHER).await;
        let pictures = format!("/resources/{}/images", n.lathe);
        let csrf = app.csrf(&teacher, &pictures).await;

        let res = teacher
            .post(app.url(&format!("{pictures}/{image}")))
            .form(&[("csrf", csrf.as_str()), ("alt_text", "")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422, "an empty alt text is refused");
        let html = res.text().await.expect("text");
        assert!(html.contains(&format!("id=\"alt-{image}-error\"")), "next to that picture's field");

        let res = teacher
            .post(app.url(&format!("{pictures}/{image}")))
            .form(&[("csrf", csrf.as_str()), ("alt_text", "CNC-sorvi edestä")])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        let images = resource::images(&app.db, n.lathe).await.expect("images");
        assert_eq!(images[0].alt_text.as_deref(), Some("CNC-sorvi edestä"));

        let res = teacher
            .post(app.url(&format!("{pictures}/{image}/delete")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        assert_eq!(image_count(app, n.lathe).await, 0, "the picture is gone");
        let entries = audited(app, "resource", n.lathe).await;
        assert!(
            entries.iter().any(|(_, c)| c.contains("alt_text") && c.contains("CNC-sorvi edestä")),
            "the alt-text change is audited: {entries:?}"
        );
        assert!(
            entries.iter().any(|(_, c)| c.contains(&format!("{image} image/png")) && c.contains("\"new\":null")),
            "the deletion is audited: {entries:?}"
        );

        let res = teacher
            .post(app.url(&format!("{pictures}/{image}/delete")))
            .form(&[("csrf", "wrong")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 403, "no change without the CSRF token");
    }

    async fn an_editor_adds_edits_and_deletes_a_location(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let (status, html) = app.get_html(&teacher, &format!("/organisations/{}", n.school)).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("href=\"{path}\"")), "the organisation page links to its locations");
        let csrf = app.csrf(&teacher, &path).await;

        let res = teacher
            .post(app.url(&path))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Forssan kampus"),
                ("address", "Wahreninkatu 2"),
                ("municipality", "Forssa"),
            ])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        let list = location::of_organisation(&app.db, n.school).await.expect("list");
        assert_eq!(list.len(), 1);
        let l = &list[0];
        assert_eq!(l.municipality_code.as_deref(), Some("061"), "stored by the municipality's code");
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains("Forssan kampus") && html.contains("Wahreninkatu 2"), "{html}");

        let res = teacher
            .post(app.url(&format!("{path}/{}", l.id)))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Forssan kampus, B-talo"),
                ("address", "Wahreninkatu 2"),
                ("municipality", "Tammela"),
            ])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        let changed = location::get(&app.db, l.id).await.expect("get").expect("still there");
        assert_eq!(changed.name, "Forssan kampus, B-talo");
        assert_eq!(changed.municipality_code.as_deref(), Some("834"), "Tammela");

        let res = teacher
            .post(app.url(&format!("{path}/{}/delete", l.id)))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        redirect_target(res).await;
        assert!(location::get(&app.db, l.id).await.expect("get").is_none(), "deleted");
        let actions: Vec<String> = audited(app, "location", l.id).await.into_iter().map(|(a, _)| a).collect();
        assert_eq!(actions, ["create", "update", "delete"], "every change is audited");
    }

    async fn an_unknown_municipality_is_refused_keeping_what_was_typed(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&path))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Metallihalli"),
                ("address", ""),
                ("municipality", "Atlantis"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("id=\"location-municipality-error\">Tuntematon kunta."), "{html}");
        assert!(html.contains("value=\"Atlantis\"") && html.contains("value=\"Metallihalli\""), "typed values kept");
        assert!(location::of_organisation(&app.db, n.school).await.expect("list").is_empty());
    }

    async fn a_location_in_use_cannot_be_deleted_and_the_page_says_which_resource_uses_it(app) {
        let n = network(app).await;
        let mut tx = app.db.begin().await.expect("begin");
        let site = resource::create_location(&mut tx, n.school, "Konepajahalli", None, Some("061"), &Actor::system("test"))
            .await
            .expect("location");
        resource::set_location(&mut tx, n.lathe, Some(site), &Actor::system("test"))
            .await
            .expect("set location");
        tx.commit().await.expect("commit");

        let teacher = app.login(TEACHER).await;
        let path = format!("/organisations/{}/locations", n.school);
        let (_, html) = app.get_html(&teacher, &path).await;
        assert!(html.contains(&format!("<a href=\"/resources/{}\">CNC-sorvi</a>", n.lathe)), "the page lists the resource at the location");
        let csrf = app.csrf(&teacher, &path).await;
        let res = teacher
            .post(app.url(&format!("{path}/{site}/delete")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 409);
        let html = res.text().await.expect("text");
        assert!(
            html.contains("Sijaintia ei voi poistaa, koska siinä on resursseja: CNC-sorvi."),
            "the refusal names the resource: {html}"
        );
        assert!(location::get(&app.db, site).await.expect("get").is_some(), "the location is kept");
        let lathe = resource::get(&app.db, n.lathe).await.expect("get").expect("lathe");
        assert_eq!(lathe.location_id, Some(site), "and the lathe is still at it");
    }

    async fn a_partner_cannot_see_or_change_another_organisations_locations(app) {
        let n = network(app).await;
        let mut tx = app.db.begin().await.expect("begin");
        let site = resource::create_location(&mut tx, n.school, "Konepajahalli", None, None, &Actor::system("test"))
            .await
            .expect("location");
        tx.commit().await.expect("commit");
        let manager = app.login(MANAGER).await;
        let (status, _) = app.get_html(&manager, &format!("/organisations/{}/locations", n.school)).await;
        assert_eq!(status, 404, "another organisation's locations do not exist for a partner");
        let own = format!("/organisations/{}/locations", n.company);
        let (status, _) = app.get_html(&manager, &own).await;
        assert_eq!(status, 200, "a partner manages their own organisation's locations");
        let csrf = app.csrf(&manager, &own).await;
        let res = manager
            .post(app.url(&format!("/organisations/{}/locations/{site}/delete", n.school)))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404);
        let res = manager
            .post(app.url(&format!("/organisations/{}/locations/{site}/delete", n.company)))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404, "not through their own organisation's address either");
        assert!(location::get(&app.db, site).await.expect("get").is_some());
    }
}
