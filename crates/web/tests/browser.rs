//! Browser tests: the real application (on SQLite) driven in headless Chromium through
//! ChromeDriver, for what only a browser shows: forms filled and sent as a person does,
//! keyboard focus, accessibility rules checked by axe-core on the rendered pages, and the layout
//! at a phone's width.
//!
//! Needs Debian's `chromium` and `chromium-driver` and axe-core in `tests/browser/node_modules`
//! (`scripts/ensure-browser` installs them). Without them the tests skip with a line saying so,
//! unless `VASKI_BROWSER_TESTS=1` (as `scripts/test` sets) makes that a failure.

#[path = "browser/axe.rs"]
mod axe;
mod common;
#[path = "browser/driver.rs"]
mod driver;

use axe::{axe, Violation};

use common::{hitsaamo, TestApp, PASSWORD};
use driver::{Browser, DESKTOP, PHONE};
use fantoccini::key::Key;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_store::Backend;

const COORDINATOR: &str = "tiina@lhkk.example";

/// The application with one coordinator (staff) and a browser of the given size; `None` when
/// the browser tools are missing and the test skips.
async fn start(test: &str, screen: driver::Screen) -> Option<(TestApp, Browser, i64)> {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let Some(browser) = Browser::start(test, screen, &app.url("")).await else {
        app.finish().await;
        return None;
    };
    let coordinator = app.user(COORDINATOR, Role::Staff, None).await;
    Some((app, browser, coordinator))
}

async fn finish(app: TestApp, browser: Browser) {
    browser.close().await;
    app.finish().await;
}

fn is_organisation_page(path: &str) -> bool {
    path.strip_prefix("/organisations/")
        .is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_logs_in_and_creates_an_organisation_in_the_browser() {
    let Some((app, b, _)) = start(
        "a_coordinator_logs_in_and_creates_an_organisation_in_the_browser",
        DESKTOP,
    )
    .await
    else {
        return;
    };
    b.log_in(COORDINATOR, PASSWORD).await;
    assert!(
        b.text("h1").await.contains("tiina"),
        "the home page greets the coordinator"
    );

    b.open("/organisations/new").await;
    b.fill("#name", "Forssan Konepaja Oy").await;
    b.fill("#business_id", "0112038-9").await;
    b.fill("#municipality", "Forssa").await;
    b.click("main form.form button[type=submit]").await;
    let path = b
        .wait_for_path("the new organisation's page", is_organisation_page)
        .await;

    assert_eq!(b.text("h1").await, "Forssan Konepaja Oy", "on {path}");
    let warning = b.text("p.warning").await;
    assert!(
        warning.contains("yhden ihmisen varassa"),
        "the single-owner warning is shown, got {warning:?}"
    );
    let facts = b.text("dl.facts").await;
    assert!(facts.contains("0112038-9"), "business ID shown: {facts}");
    assert!(facts.contains("Forssa"), "municipality shown: {facts}");
    finish(app, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_shows_the_error_next_to_the_field_and_keeps_the_input() {
    let Some((app, b, _)) = start(
        "the_form_shows_the_error_next_to_the_field_and_keeps_the_input",
        DESKTOP,
    )
    .await
    else {
        return;
    };
    b.log_in(COORDINATOR, PASSWORD).await;
    b.open("/organisations/new").await;
    b.fill("#name", "Tammelan Puu Oy").await;
    b.fill("#business_id", "1234567-8").await;
    b.fill("#municipality", "Tammela").await;
    b.click("main form.form button[type=submit]").await;
    b.wait_for_path("the form shown again", |p| p == "/organisations")
        .await;

    assert!(b.has(".error-summary").await, "the form says it has errors");
    let error = b.text("#business_id-error").await;
    assert!(
        error.contains("tarkistusmerkki"),
        "the error says the check digit is wrong, got {error:?}"
    );
    assert_eq!(b.value("#business_id").await, "1234567-8", "typed ID kept");
    assert_eq!(b.value("#name").await, "Tammelan Puu Oy", "typed name kept");
    assert_eq!(
        b.value("#municipality").await,
        "Tammela",
        "municipality kept"
    );
    let field = b
        .script(
            "const input = document.getElementById('business_id');
             const error = document.getElementById('business_id-error');
             return {
               sameField: input.closest('.field') === error.closest('.field'),
               invalid: input.getAttribute('aria-invalid'),
               describedBy: input.getAttribute('aria-describedby'),
               fieldInvalid: input.closest('.field').classList.contains('invalid'),
             };",
        )
        .await;
    assert_eq!(field["sameField"], true, "the error is next to its field");
    assert_eq!(field["invalid"], "true", "the field is marked invalid");
    assert_eq!(
        field["describedBy"], "business_id-error",
        "screen readers read the error with the field"
    );
    assert_eq!(
        field["fieldInvalid"], true,
        "the field is styled as invalid"
    );
    assert!(!b.has("#name-error").await, "a valid field shows no error");
    finish(app, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_have_no_serious_or_critical_axe_violations() {
    let test = "the_main_pages_have_no_serious_or_critical_axe_violations";
    let axe_path = driver::axe_path();
    if !driver::tools_present(test, &[("axe-core", axe_path.as_path())]) {
        return;
    }
    let Some((app, b, staff)) = start(test, DESKTOP).await else {
        return;
    };
    let source = std::fs::read_to_string(&axe_path).expect("read axe.min.js");
    let id = app.organisation(hitsaamo(), &[staff]).await;

    let mut found = Vec::new();
    b.open("/login").await;
    found.extend(axe(&b, &source, "/login").await);
    b.log_in(COORDINATOR, PASSWORD).await;
    for path in [
        "/".to_string(),
        "/organisations".to_string(),
        format!("/organisations/{id}"),
        "/organisations/new".to_string(),
    ] {
        b.open(&path).await;
        found.extend(axe(&b, &source, &path).await);
    }

    b.open("/organisations/new").await;
    b.fill("#name", "Tammelan Puu Oy").await;
    b.fill("#business_id", "1234567-8").await;
    b.click("main form.form button[type=submit]").await;
    b.wait_for_path("the form with errors", |p| p == "/organisations")
        .await;
    assert!(b.has("#business_id-error").await, "the form shows errors");
    found.extend(axe(&b, &source, "/organisations/new with validation errors").await);

    b.open("/search?q=hitsaus").await;
    assert!(
        b.text("main").await.contains("Forssan Hitsaamo Oy"),
        "the search finds the organisation"
    );
    found.extend(axe(&b, &source, "/search?q=hitsaus").await);

    for (code, lang, heading) in [
        ("sv", "sv", "Organisationer"),
        ("en", "en", "Organisations"),
    ] {
        b.open(&format!("/language/{code}?back=/organisations"))
            .await;
        b.wait_for_path("the organisation list", |p| p == "/organisations")
            .await;
        let html_lang = b.script("return document.documentElement.lang;").await;
        assert_eq!(html_lang, lang, "the page is in the chosen language");
        assert_eq!(b.text("h1").await, heading);
        found.extend(axe(&b, &source, &format!("/organisations ({lang})")).await);
    }
    finish(app, b).await;

    for v in &found {
        eprint!("axe: {v}");
    }
    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.serious())
        .map(ToString::to_string)
        .collect();
    assert!(
        serious.is_empty(),
        "{} serious or critical axe-core violations:\n{}",
        serious.len(),
        serious.join("")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_work_with_the_keyboard_alone() {
    let Some((app, b, _)) = start("the_pages_work_with_the_keyboard_alone", DESKTOP).await else {
        return;
    };
    let active = |b: &Browser| {
        let client = b.client.clone();
        async move {
            client
                .execute(
                    "const e = document.activeElement;
                     return { tag: e.tagName.toLowerCase(), id: e.id, class: e.className,
                              href: e.getAttribute('href'), text: e.textContent.trim(),
                              visible: e.getBoundingClientRect().left >= 0 };",
                    vec![],
                )
                .await
                .expect("active element")
        }
    };

    // The login page: the first Tab reaches the skip link, further Tabs the form.
    b.open("/login").await;
    b.press(Key::Tab).await;
    let first = active(&b).await;
    assert_eq!(first["text"], "Siirry sisältöön", "first focus: {first}");
    assert_eq!(first["href"], "#main");
    assert_eq!(first["visible"], true, "the skip link shows when focused");
    let mut tabs = 1;
    while active(&b).await["id"] != "email" {
        tabs += 1;
        assert!(tabs < 20, "Tab never reached the email field");
        b.press(Key::Tab).await;
    }
    let field = b.client.active_element().await.expect("email field");
    field.send_keys(COORDINATOR).await.expect("type email");
    b.press(Key::Tab).await;
    assert_eq!(
        active(&b).await["id"],
        "password",
        "Tab goes on to the password"
    );
    let field = b.client.active_element().await.expect("password field");
    field
        .send_keys(&format!("{PASSWORD}{}", &*Key::Enter))
        .await
        .expect("type password and press Enter");
    b.wait_for_path("the home page after Enter", |p| p == "/")
        .await;

    // A page after logging in: Tab from the top reaches the skip link, Enter on it moves the
    // focus to the main content.
    b.open("/organisations").await;
    b.press(Key::Tab).await;
    let first = active(&b).await;
    assert_eq!(first["text"], "Siirry sisältöön", "first focus: {first}");
    b.press(Key::Enter).await;
    let target = active(&b).await;
    assert_eq!(
        target["id"], "main",
        "the skip link moves the focus: {target}"
    );
    finish(app, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisation_list_fits_a_phone_screen() {
    let Some((app, b, staff)) = start("the_organisation_list_fits_a_phone_screen", PHONE).await
    else {
        return;
    };
    app.organisation(hitsaamo(), &[staff]).await;
    app.organisation(
        OrganisationInput {
            name: "Kanta-Hämeen Ammattikorkeakoulun Harjoitteluyhdistys ry".into(),
            business_id: String::new(),
            kind: "association".into(),
            municipality: "Hämeenlinna".into(),
            ..hitsaamo()
        },
        &[staff],
    )
    .await;
    b.log_in(COORDINATOR, PASSWORD).await;
    b.open("/organisations").await;
    assert!(b.text("main").await.contains("Forssan Hitsaamo Oy"));
    let sizes = b
        .script(
            "const wide = [];
             for (const e of document.querySelectorAll('body *')) {
               const r = e.getBoundingClientRect();
               if (r.right > window.innerWidth + 0.5 && !e.closest('.table-wrap')) {
                 wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                   + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                   + ' right=' + Math.round(r.right));
               }
             }
             return { scrollWidth: document.documentElement.scrollWidth,
                      innerWidth: window.innerWidth, wide: wide.slice(0, 20) };",
        )
        .await;
    let inner = sizes["innerWidth"].as_u64().expect("innerWidth");
    let scroll = sizes["scrollWidth"].as_u64().expect("scrollWidth");
    assert!(
        inner <= u64::from(PHONE.width),
        "the browser window is phone-sized: {sizes}"
    );
    assert!(
        scroll <= inner,
        "the organisation list scrolls sideways on a {}px screen: {sizes}",
        PHONE.width
    );
    finish(app, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_imports_last_years_spreadsheet_and_finds_the_new_partners() {
    let test = "a_coordinator_imports_last_years_spreadsheet_and_finds_the_new_partners";
    let axe_path = driver::axe_path();
    if !driver::tools_present(test, &[("axe-core", axe_path.as_path())]) {
        return;
    }
    let Some((app, b, _)) = start(test, DESKTOP).await else {
        return;
    };
    let source = std::fs::read_to_string(&axe_path).expect("read axe.min.js");
    let headers = [
        "Nimi",
        "Y-tunnus",
        "Kunta",
        "Toimiala",
        "Yhteyshenkilö",
        "Sähköposti",
        "Puhelin",
    ];
    let rows = vec![
        row(&[
            "Ypäjän Hevostalli Oy",
            "0245458-3",
            "Ypäjä",
            "01",
            "Riikka Ratsastaja",
            "riikka@hevostalli.example",
            "040 765 4321",
        ]),
        row(&["Humppilan Lasitehdas Oy", "", "Humppila", "23", "", "", ""]),
        row(&["Virheellinen Oy", "1234567-8", "Forssa", "", "", "", ""]),
    ];
    let xlsx = vaski_sheets::write_xlsx("Kumppanit", &headers, &rows).expect("write xlsx");
    let file =
        std::env::temp_dir().join(format!("vaski-browser-import-{}.xlsx", std::process::id()));
    std::fs::write(&file, xlsx).expect("write the spreadsheet");

    b.log_in(COORDINATOR, PASSWORD).await;
    b.open("/import").await;
    found_no_serious(axe(&b, &source, "/import").await);
    b.find("#file")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    // One bad row must not stop the two good ones.
    b.click("#on-error-skip").await;
    b.click("main form.form button[type=submit]").await;
    b.wait_for_path("the import preview", |p| p == "/import/preview")
        .await;
    let preview = b.text("main").await;
    assert!(
        preview.contains("Virheellinen Oy") || preview.contains("1234567-8"),
        "the refused row is shown: {preview}"
    );
    assert!(
        preview.contains("Y-tunnus"),
        "with the column that was wrong"
    );
    found_no_serious(axe(&b, &source, "/import/preview").await);

    b.click("form[action='/import/confirm'] button[type=submit]")
        .await;
    b.wait_for_path("the import outcome", |p| p == "/import/confirm")
        .await;
    let outcome = b.text("main").await;
    std::fs::remove_file(&file).ok();

    b.open("/organisations?q=ypajalla").await;
    let list = b.text("main").await;
    let imported = vaski_store::network::organisation::count(&app.db)
        .await
        .expect("count");
    finish(app, b).await;
    assert_eq!(
        imported, 2,
        "the two good rows were written and the bad one was not: {outcome}"
    );
    assert!(
        list.contains("Ypäjän Hevostalli Oy"),
        "the list finds the imported partner: {list}"
    );
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_string()).collect()
}

fn found_no_serious(found: Vec<Violation>) {
    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.serious())
        .map(ToString::to_string)
        .collect();
    assert!(
        serious.is_empty(),
        "serious or critical axe-core violations:\n{}",
        serious.join("")
    );
}

/// The shared-use network of the browser tests: the institution with its CNC lathe, a company
/// with its production manager (a partner user), and a course booked on the lathe.
struct Sharing {
    lathe: i64,
    course: i64,
    course_day: jiff::civil::Date,
}

const PRODUCTION_MANAGER: &str = "pekka@konepaja.example";

/// A weekday some weeks ahead, so that the tests never book the past.
fn weekday_ahead(weeks: i64, weekday: jiff::civil::Weekday) -> jiff::civil::Date {
    let zone = vaski_domain::sharing::zone::helsinki();
    let mut d = zone
        .to_datetime(jiff::Timestamp::now())
        .date()
        .checked_add(jiff::Span::new().days(7 * weeks))
        .expect("a date");
    while d.weekday() != weekday {
        d = d.tomorrow().expect("a date");
    }
    d
}

async fn sharing_network(app: &TestApp, coordinator: i64, approval: &str) -> Sharing {
    use vaski_domain::sharing::draft::{PriceInput, ResourceInput};
    use vaski_store::sharing::{booking, resource};
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
            &[coordinator],
        )
        .await;
    let company = app
        .organisation(org("Forssan Konepaja Oy", "company"), &[coordinator])
        .await;
    app.user(PRODUCTION_MANAGER, Role::Partner, Some(company))
        .await;
    let actor = vaski_store::Actor::system("test");
    let draft = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        municipality: "Forssa".into(),
        building: "Metallipaja".into(),
        approval: approval.into(),
        eligibility: "registered_partners".into(),
        closed_on_public_holidays: true,
        max_duration_minutes: "480".into(),
        prices: vec![PriceInput {
            booker: "company".into(),
            per_hour: "45".into(),
            per_day: String::new(),
        }],
        ..Default::default()
    }
    .validate()
    .expect("a valid resource");
    let mut tx = app.db.begin().await.expect("begin");
    let lathe = resource::create(&mut tx, &draft, &actor)
        .await
        .expect("create the lathe");
    let weekdays: Vec<resource::WeeklyRange> = (1..=5)
        .map(|d| resource::WeeklyRange {
            weekday: d,
            opens_minute: 7 * 60,
            closes_minute: 17 * 60,
        })
        .collect();
    resource::set_weekly_hours(&mut tx, lathe, &weekdays, &actor)
        .await
        .expect("hours");
    tx.commit().await.expect("commit");
    let course_day = weekday_ahead(2, jiff::civil::Weekday::Thursday);
    let at = |h: i8| {
        course_day
            .at(h, 0, 0, 0)
            .to_zoned(vaski_domain::sharing::zone::helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    };
    let req = booking::NewBooking {
        resource_id: lathe,
        kind: booking::Kind::Booking,
        occurrences: vec![vaski_domain::sharing::Interval::new(at(8), at(12)).expect("a span")],
        series: None,
        units: 1,
        booker_organisation_id: Some(school),
        contact_person_id: None,
        booked_by: Some(coordinator),
        purpose: Some("Koneistuksen kurssi".into()),
        people_count: Some(12),
        skip_conflicts: false,
    };
    let made = booking::book(&app.db, &req, jiff::Timestamp::now(), &actor)
        .await
        .expect("store works")
        .expect("accepted");
    Sharing {
        lathe,
        course: made.made[0].id,
        course_day,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_books_a_clashing_slot_and_is_told_in_finnish_what_it_clashes_with() {
    let Some((app, b, coordinator)) = start(
        "a_partner_books_a_clashing_slot_and_is_told_in_finnish_what_it_clashes_with",
        DESKTOP,
    )
    .await
    else {
        return;
    };
    let s = sharing_network(&app, coordinator, "owner").await;
    b.log_in(PRODUCTION_MANAGER, PASSWORD).await;
    b.open(&format!("/resources/{}", s.lathe)).await;
    assert_eq!(b.text("h1").await, "CNC-sorvi");
    assert!(b.has("#week ol.days").await, "the week view is shown");

    // The free time the week view offers, then the course's morning instead.
    let day = s.course_day.to_string();
    b.open(&format!(
        "/resources/{}?date={day}&start=10:00&end=14:00#book",
        s.lathe
    ))
    .await;
    assert_eq!(b.value("#book-date").await, day, "the form is prefilled");
    b.fill("#book-purpose", "Sarjatuotannon koeajo").await;
    b.click("#book form.booking-form button[type=submit]").await;
    let lathe = s.lathe;
    b.wait_for_path("the refusal", |p| p == format!("/resources/{lathe}/book"))
        .await;
    let refusal = b.text(".refusals").await;
    assert!(
        refusal.contains(&format!("päällekkäin varauksen #{} kanssa", s.course)),
        "the clash names the booking in Finnish: {refusal}"
    );
    assert!(
        refusal.contains(&format!(
            "{}.{}. klo 8.00–12.00",
            s.course_day.day(),
            s.course_day.month()
        )),
        "and its time: {refusal}"
    );
    assert_eq!(
        b.value("#book-purpose").await,
        "Sarjatuotannon koeajo",
        "what was typed is kept"
    );
    finish(app, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sharing_pages_have_no_serious_or_critical_axe_violations() {
    let test = "the_sharing_pages_have_no_serious_or_critical_axe_violations";
    let axe_path = driver::axe_path();
    if !driver::tools_present(test, &[("axe-core", axe_path.as_path())]) {
        return;
    }
    let Some((app, b, coordinator)) = start(test, DESKTOP).await else {
        return;
    };
    let source = std::fs::read_to_string(&axe_path).expect("read axe.min.js");
    let s = sharing_network(&app, coordinator, "owner").await;
    let week = weekday_ahead(2, jiff::civil::Weekday::Monday);
    let sunday = week.checked_add(jiff::Span::new().days(6)).expect("a date");
    let pages = [
        format!("/resources?q=CNC&from={week}&to={sunday}&hours=4"),
        format!("/resources/{}?date={}", s.lathe, s.course_day),
        "/bookings".to_string(),
        format!("/bookings/{}", s.course),
        "/resources/new".to_string(),
        format!("/resources/{}/edit", s.lathe),
    ];
    let mut found = Vec::new();
    b.log_in(COORDINATOR, PASSWORD).await;
    for lang in ["fi", "en"] {
        b.open(&format!("/language/{lang}?back=/resources")).await;
        b.wait_for_path("the resource list", |p| p == "/resources")
            .await;
        for path in &pages {
            b.open(path).await;
            let html_lang = b.script("return document.documentElement.lang;").await;
            assert_eq!(html_lang, lang, "{path} is in the chosen language");
            found.extend(axe(&b, &source, &format!("{path} ({lang})")).await);
        }
        // The form again with an error next to a field.
        b.open("/resources/new").await;
        b.fill("#name", "Hitsaushalli").await;
        b.fill("#hours_1", "16-8").await;
        b.click("main form.resource-form button[type=submit]").await;
        b.wait_for_path("the form with errors", |p| p == "/resources")
            .await;
        assert!(b.has("#hours_1-error").await, "the error is shown");
        found.extend(axe(&b, &source, &format!("/resources/new with errors ({lang})")).await);
    }
    finish(app, b).await;
    for v in &found {
        eprint!("axe: {v}");
    }
    found_no_serious(found);
}
