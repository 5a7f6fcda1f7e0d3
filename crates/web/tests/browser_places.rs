//! Browser test of a resource's pictures and an organisation's locations: a coordinator uploads
//! a picture through the form in headless Chromium and sees it load, adds a location and a
//! closed day of it (refused once), and axe-core finds no serious or critical violation on
//! either page. Same tools and skipping rule
//! as `browser.rs` (`scripts/ensure-browser`, `VASKI_BROWSER_TESTS=1`).

#[path = "browser/axe.rs"]
mod axe;
mod common;
#[path = "browser/driver.rs"]
#[allow(dead_code)]
mod driver;

use axe::axe;

use common::{TestApp, PASSWORD};
use driver::{Browser, DESKTOP};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::ResourceInput;
use vaski_store::{Actor, Backend};

const COORDINATOR: &str = "tiina@lhkk.example";

/// A real PNG picture, one pixel wide and two high.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x16, 0xe3, 0x21,
    0x70, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xdf, 0xc0, 0xc0,
    0x00, 0xc4, 0x00, 0x0d, 0xfe, 0x02, 0xff, 0x00, 0x03, 0x6b, 0x44, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Runs axe-core on the page shown now; answers its serious and critical findings as text.
async fn serious_axe_findings(b: &Browser, source: &str, page: &str) -> Vec<String> {
    axe(b, source, page)
        .await
        .into_iter()
        .filter(axe::Violation::serious)
        .map(|v| v.to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_uploads_a_picture_and_adds_a_location_in_the_browser() {
    let test = "a_coordinator_uploads_a_picture_and_adds_a_location_in_the_browser";
    let axe_path = driver::axe_path();
    if !driver::tools_present(test, &[("axe-core", axe_path.as_path())]) {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let Some(b) = Browser::start(test, DESKTOP, &app.url("")).await else {
        app.finish().await;
        return;
    };
    let source = std::fs::read_to_string(&axe_path).expect("read axe.min.js");
    let coordinator = app.user(COORDINATOR, Role::Staff, None).await;
    let school = app
        .organisation(
            OrganisationInput {
                name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
                kind: "vocational_institution".into(),
                municipality: "Forssa".into(),
                ..Default::default()
            },
            &[coordinator],
        )
        .await;
    let draft = ResourceInput {
        name: "CNC-sorvi".into(),
        kind: "machine".into(),
        owner_organisation_id: school.to_string(),
        approval: "owner".into(),
        eligibility: "registered_partners".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid resource");
    let mut tx = app.db.begin().await.expect("begin");
    let lathe = vaski_store::sharing::resource::create(&mut tx, &draft, &Actor::system("test"))
        .await
        .expect("create resource");
    tx.commit().await.expect("commit");
    let file = std::env::temp_dir().join(format!("vaski-browser-sorvi-{}.png", std::process::id()));
    std::fs::write(&file, PNG).expect("write the picture");
    let mut found = Vec::new();

    b.log_in(COORDINATOR, PASSWORD).await;
    let pictures = format!("/resources/{lathe}/images");
    b.open(&pictures).await;
    found.extend(serious_axe_findings(&b, &source, &pictures).await);
    b.fill("#alt_text", "CNC-sorvi konepajan hallissa").await;
    b.find("#image")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the picture");
    b.click("main form.image-upload button[type=submit]").await;
    // The list of pictures appears only once the upload is stored.
    b.find(".picture-list img").await;
    assert_eq!(b.path().await, pictures, "back on the pictures page");
    std::fs::remove_file(&file).ok();
    let shown = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const img = document.querySelector('.picture-list img');
             img.scrollIntoView();
             const report = () => done({ alt: img.alt, width: img.naturalWidth, loading: img.loading });
             if (img.complete && img.naturalWidth > 0) { report(); }
             else { img.addEventListener('load', report); img.addEventListener('error', report); }",
            vec![],
        )
        .await
        .expect("read the picture");
    assert_eq!(
        shown["alt"], "CNC-sorvi konepajan hallissa",
        "the uploaded picture is listed with its alt text: {shown}"
    );
    assert_eq!(shown["width"], 1, "and the browser could show it: {shown}");
    assert_eq!(
        shown["loading"], "lazy",
        "loaded only when scrolled to: {shown}"
    );
    found.extend(serious_axe_findings(&b, &source, &format!("{pictures} with a picture")).await);

    b.open(&format!("/resources/{lathe}")).await;
    let alt = b
        .script("const img = document.querySelector('.resource-pictures img'); return img ? img.alt : null;")
        .await;
    assert_eq!(
        alt, "CNC-sorvi konepajan hallissa",
        "the resource page shows the picture"
    );
    found.extend(serious_axe_findings(&b, &source, &format!("/resources/{lathe}")).await);

    let locations = format!("/organisations/{school}/locations");
    b.open(&locations).await;
    found.extend(serious_axe_findings(&b, &source, &locations).await);
    b.fill("#location-name", "Forssan kampus").await;
    b.fill("#location-municipality", "Atlantis").await;
    b.click("#new form button[type=submit]").await;
    let error = b.text("#location-municipality-error").await;
    assert!(
        error.contains("Tuntematon kunta"),
        "the error is next to the field: {error}"
    );
    assert_eq!(
        b.value("#location-name").await,
        "Forssan kampus",
        "the name is kept"
    );
    found.extend(serious_axe_findings(&b, &source, &format!("{locations} with errors")).await);
    b.fill("#location-municipality", "Forssa").await;
    b.click("#new form button[type=submit]").await;
    b.find(".location-list li").await;
    let list = b.text("#locations").await;
    assert!(
        list.contains("Forssan kampus") && list.contains("Forssa"),
        "{list}"
    );
    found.extend(serious_axe_findings(&b, &source, &format!("{locations} with a location")).await);

    // The location's dated exceptions: hours that do not read are refused next to their row,
    // keeping what was typed; then the closed day is saved and listed.
    let li = b
        .script("return document.querySelector('.location-list li').id;")
        .await;
    let li = li.as_str().expect("the location's element id").to_string();
    b.click(&format!(
        "#{li} details:has(.location-exceptions) > summary"
    ))
    .await;
    b.script(&format!(
        "document.getElementById('{li}-exception-1-date').value = '2031-06-02'; return null;"
    ))
    .await;
    b.fill(&format!("#{li}-exception-1-hours"), "25:00-26:00")
        .await;
    b.fill(&format!("#{li}-exception-1-note"), "Sähkökatko")
        .await;
    b.click(&format!("#{li} .location-exceptions button[type=submit]"))
        .await;
    let error = b.text(&format!("#{li}-exception-1-error")).await;
    assert!(!error.is_empty(), "the error is next to the row");
    assert_eq!(
        b.value(&format!("#{li}-exception-1-note")).await,
        "Sähkökatko",
        "the note is kept"
    );
    found.extend(
        serious_axe_findings(
            &b,
            &source,
            &format!("{locations} with a refused exception"),
        )
        .await,
    );
    b.fill(&format!("#{li}-exception-1-hours"), "").await;
    b.click(&format!("#{li} .location-exceptions button[type=submit]"))
        .await;
    b.wait_for_path("the locations page", |p| p.ends_with("/locations"))
        .await;
    let listed = b.text(&format!("#{li}")).await;
    assert!(
        listed.contains("Sähkökatko"),
        "the closed day is listed: {listed}"
    );
    found
        .extend(serious_axe_findings(&b, &source, &format!("{locations} with an exception")).await);

    b.close().await;
    app.finish().await;
    assert!(
        found.is_empty(),
        "serious or critical axe-core violations:\n{}",
        found.join("\n")
    );
}
