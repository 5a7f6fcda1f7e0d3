//! A browser test of a workshop: a participant without an account opens the workshop's link in
//! headless Chromium, types a name, adds an idea, gives dots until the budget is used, and sees
//! the refusal when trying one more; axe-core finds no serious or critical violation on the
//! participant's page or the organiser's. Needs the tools `browser.rs` needs; skips without
//! them unless `VASKI_BROWSER_TESTS=1`.

#[path = "browser/axe.rs"]
mod axe;
mod common;
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use axe::{axe, wait_text};

use common::{hitsaamo, TestApp, PASSWORD};
use driver::{Browser, DESKTOP};
use vaski_domain::account::Role;
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::strategy::workshop::WorkshopInput;
use vaski_store::strategy::{plan, workshop};
use vaski_store::{Actor, Backend};

const ORGANISER: &str = "tiina@lhkk.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_joins_adds_an_idea_and_gives_dots_until_the_budget_is_used() {
    let test = "a_participant_joins_adds_an_idea_and_gives_dots_until_the_budget_is_used";
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
    app.user(ORGANISER, Role::Staff, None).await;
    let org = app.organisation(hitsaamo(), &[]).await;
    let actor = Actor::system("test");
    let plan_draft = PlanInput {
        title: "Työelämäyhteistyön suunta".into(),
        vision: "Verkostomaisesti".into(),
        first_year: "2023".into(),
        last_year: "2030".into(),
        ..Default::default()
    }
    .validate()
    .expect("plan");
    let draft = WorkshopInput {
        title: "Kevään työpaja".into(),
        held_on: "2026-03-05".into(),
        opens_at: "2020-01-01 09:00".into(),
        closes_at: "2099-12-31 18:00".into(),
        vote_budget: "2".into(),
        anonymous_votes: false,
        ..Default::default()
    }
    .validate()
    .expect("workshop");
    let mut tx = app.db.begin().await.expect("begin");
    let plan_id = plan::create(&mut tx, org, &plan_draft, &actor)
        .await
        .expect("plan");
    let w = workshop::create(&mut tx, plan_id, &draft, &actor)
        .await
        .expect("workshop");
    tx.commit().await.expect("commit");
    let link = format!("/w/{}", w.code.as_str());

    let mut found = Vec::new();
    b.open(&link).await;
    found.extend(axe(&b, &source, "the join page").await);
    b.fill("#name", "Maija Virtanen").await;
    b.click("main form.form button[type=submit]").await;
    let main = wait_text(&b, "main", "2 pistettä jäljellä").await;
    assert!(main.contains("Maija Virtanen"), "{main}");
    assert!(main.contains("2 pistettä jäljellä"), "{main}");

    b.fill("#text", "Yhteinen CNC-sorvi yrityksille").await;
    b.click("form[action$='/ideas'] button[type=submit]").await;
    let ideas = wait_text(&b, "#ideas", "Yhteinen CNC-sorvi yrityksille").await;
    assert!(ideas.contains("Yhteinen CNC-sorvi yrityksille"), "{ideas}");

    for left in ["1 piste jäljellä", "0 pistettä jäljellä"] {
        b.click("button[aria-label^='Yksi piste lisää']").await;
        let main = wait_text(&b, "main", left).await;
        assert!(main.contains(left), "after a dot, {left}: {main}");
    }
    b.click("button[aria-label^='Yksi piste lisää']").await;
    let refusal = wait_text(&b, "#vote-error", "Sinulla").await;
    assert!(
        refusal.contains("Sinulla ei ole enää pisteitä"),
        "the refusal is shown: {refusal}"
    );
    let main = wait_text(&b, "main", "Pisteesi: 2").await;
    assert!(main.contains("Pisteesi: 2"), "nothing changed: {main}");
    found.extend(axe(&b, &source, "the participant's page with a refusal").await);

    b.log_in(ORGANISER, PASSWORD).await;
    b.open(&format!("/workshops/{}", w.id)).await;
    let result = wait_text(&b, "table.workshop-result", "Maija Virtanen (2)").await;
    assert!(result.contains("Maija Virtanen (2)"), "{result}");
    found.extend(axe(&b, &source, "the organiser's page").await);

    for v in &found {
        eprintln!("{v}");
    }
    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.serious())
        .map(|v| v.to_string())
        .collect();
    assert!(
        serious.is_empty(),
        "serious or critical axe violations:\n{}",
        serious.join("")
    );
    b.close().await;
    app.finish().await;
}
