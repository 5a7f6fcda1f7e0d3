//! A browser test of Suunta: a director opens the plan, the scorecard and the roadmap in
//! headless Chromium, sees the figures, the status words and the charts drawn, fills a form
//! wrongly and sees the message next to the field, and axe-core finds no serious or critical
//! violation on any of the pages. Needs the tools `browser.rs` needs; skips without them unless
//! `VASKI_BROWSER_TESTS=1`.

#[path = "browser/axe.rs"]
mod axe;
mod common;
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use axe::{axe, wait_text};
use common::{hitsaamo, TestApp, PASSWORD};
use driver::{Browser, DESKTOP};
use time::macros::date;
use vaski_domain::account::Role;
use vaski_domain::strategy::action::{ActionInput, MilestoneInput};
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::IndicatorInput;
use vaski_domain::strategy::plan::PlanInput;
use vaski_store::strategy::{action, indicator, plan};
use vaski_store::{Actor, Backend};

const DIRECTOR: &str = "johtaja@lhkk.example";

/// A 2023–2027 plan with a goal, an action with a milestone, and a hand-kept indicator with a
/// target and two values.
async fn a_plan(app: &TestApp, owner: i64) -> i64 {
    let org = app.organisation(hitsaamo(), &[]).await;
    let actor = Actor::system("test");
    let d = PlanInput {
        title: "Työelämäyhteistyön suunta".into(),
        vision: "Verkostomaisesti ja vastuullisesti".into(),
        first_year: "2023".into(),
        last_year: "2027".into(),
        ..Default::default()
    }
    .validate()
    .expect("plan");
    let mut tx = app.db.begin().await.expect("begin");
    let id = plan::create(&mut tx, org, &d, &actor).await.expect("plan");
    let g = GoalInput {
        title: "Yhteiskäyttö laajenee".into(),
        perspective: "working_life".into(),
        ..Default::default()
    }
    .validate()
    .expect("goal");
    let goal = plan::create_goal(&mut tx, id, &g, &actor)
        .await
        .expect("goal");
    let a = ActionInput {
        title: "CNC-sorvi yritysten varattavaksi".into(),
        status: "in_progress".into(),
        starts_on: "2024-01-01".into(),
        ends_on: "2027-12-31".into(),
        ..Default::default()
    }
    .validate(d.period)
    .expect("action");
    let action_id = action::create(
        &mut tx,
        id,
        &a,
        &action::Links {
            goal_id: goal,
            owners: vec![owner],
            ..Default::default()
        },
        &actor,
    )
    .await
    .expect("action");
    let m = MilestoneInput {
        title: "Perehdytysmalli".into(),
        due_on: "2024-03-31".into(),
        done_on: "2024-03-20".into(),
    };
    action::add_milestone(&mut tx, action_id, &m, &actor)
        .await
        .expect("store")
        .expect("valid");
    let i = IndicatorInput {
        key: "placements".into(),
        name: "Työpaikalla järjestettävä koulutus".into(),
        unit: "count".into(),
        direction: "higher".into(),
        baseline_value: "40".into(),
        ..Default::default()
    }
    .validate()
    .expect("indicator");
    let ind = indicator::create(&mut tx, id, &i, &actor)
        .await
        .expect("indicator");
    indicator::set_target(&mut tx, ind, 2024, Some(60.0), &actor)
        .await
        .expect("target");
    indicator::add_value(&mut tx, ind, date!(2024 - 06 - 30), "48", None, &actor)
        .await
        .expect("value");
    indicator::add_value(&mut tx, ind, date!(2024 - 12 - 31), "55", None, &actor)
        .await
        .expect("value");
    indicator::link_goal(&mut tx, goal, ind, 1.0, &actor)
        .await
        .expect("link");
    let computed = IndicatorInput {
        name: "Voimassa olevat sopimukset".into(),
        direction: "higher".into(),
        computed: "valid_agreements".into(),
        ..Default::default()
    }
    .validate()
    .expect("computed indicator");
    indicator::create(&mut tx, id, &computed, &actor)
        .await
        .expect("computed indicator");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_director_reads_the_scorecard_and_roadmap_and_the_pages_pass_axe() {
    let test = "a_director_reads_the_scorecard_and_roadmap_and_the_pages_pass_axe";
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
    let director = app.user(DIRECTOR, Role::Staff, None).await;
    let plan_id = a_plan(&app, director).await;
    b.log_in(DIRECTOR, PASSWORD).await;
    let mut found = Vec::new();

    b.open(&format!("/plans/{plan_id}/scorecard?year=2024"))
        .await;
    let table = wait_text(&b, "#scorecard", "Riskissä").await;
    assert!(
        table.contains("55") && table.contains("60") && table.contains("75 %"),
        "{table}"
    );
    assert!(table.contains("Riskissä"), "the status in words: {table}");
    let drawn = b.script("const s = document.querySelector('svg.trend polyline.actual'); return s ? s.getBoundingClientRect().width : 0;").await;
    assert!(
        drawn.as_f64().unwrap_or_default() > 5.0,
        "the trend line is drawn: {drawn}"
    );
    // The computed indicator's chart is read after the page and drawn into its row.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let computed_chart = "const s = document.querySelector('tr[data-key=\"valid_agreements\"] svg.trend'); return s ? s.getBoundingClientRect().width : 0;";
    let mut width = b.script(computed_chart).await;
    while width.as_f64().unwrap_or_default() <= 5.0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        width = b.script(computed_chart).await;
    }
    assert!(
        width.as_f64().unwrap_or_default() > 5.0,
        "the computed indicator's trend is drawn into the table: {width}"
    );
    found.extend(axe(&b, &source, "the scorecard").await);

    b.open(&format!("/plans/{plan_id}")).await;
    assert!(wait_text(&b, "main", "CNC-sorvi")
        .await
        .contains("Yhteiskäyttö laajenee"));
    found.extend(axe(&b, &source, "the plan").await);

    b.open(&format!("/plans/{plan_id}/roadmap")).await;
    let bars = b
        .script("return document.querySelectorAll('svg.roadmap rect.bar').length;")
        .await;
    assert_eq!(bars.as_u64(), Some(1), "one action, one bar");
    found.extend(axe(&b, &source, "the roadmap").await);

    // A value that is not a number of the unit: the message next to the field, the text kept.
    let ind = indicator::of_plan(&app.db, plan_id)
        .await
        .expect("indicators")[0]
        .id;
    b.open(&format!("/indicators/{ind}")).await;
    b.fill("#v-value", "viisikymmentä").await;
    b.click("form[action$='/values'] button[type=submit]").await;
    let main = wait_text(&b, "main", "Anna luku").await;
    assert!(
        main.contains("Anna luku, esimerkiksi 12 tai 12,5."),
        "{main}"
    );
    assert_eq!(b.value("#v-value").await, "viisikymmentä");
    found.extend(axe(&b, &source, "the indicator with an error").await);

    b.open(&format!("/plans/{plan_id}/edit")).await;
    found.extend(axe(&b, &source, "the plan's edit page").await);

    // The editing pages: an action's page with its edit form and milestones, a goal's edit
    // page, and a computed indicator's trend page.
    let action_id = action::of_plan(&app.db, plan_id).await.expect("actions")[0]
        .row
        .id;
    b.open(&format!("/actions/{action_id}")).await;
    assert!(wait_text(&b, "main", "CNC-sorvi yritysten varattavaksi")
        .await
        .contains("CNC-sorvi yritysten varattavaksi"));
    found.extend(axe(&b, &source, "the action's page").await);
    let goal_id = plan::goals(&app.db, plan_id).await.expect("goals")[0].id;
    b.open(&format!("/goals/{goal_id}/edit")).await;
    found.extend(axe(&b, &source, "the goal's edit page").await);
    let computed = indicator::of_plan(&app.db, plan_id)
        .await
        .expect("indicators")
        .into_iter()
        .find(|i| i.computed.is_some())
        .expect("the computed indicator")
        .id;
    b.open(&format!(
        "/plans/{plan_id}/scorecard/trends/{computed}?year=2024"
    ))
    .await;
    found.extend(axe(&b, &source, "a trend's page").await);

    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.serious())
        .map(ToString::to_string)
        .collect();
    b.close().await;
    app.finish().await;
    assert!(
        serious.is_empty(),
        "serious or critical axe violations:\n{}",
        serious.join("")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_a_perspective_and_sees_the_organisation_flags_and_the_pages_pass_axe() {
    let test = "an_admin_adds_a_perspective_and_sees_the_organisation_flags_and_the_pages_pass_axe";
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
    app.user("yllapito@lhkk.example", Role::Admin, None).await;
    let org = app.organisation(hitsaamo(), &[]).await;
    b.log_in("yllapito@lhkk.example", PASSWORD).await;
    let mut found = Vec::new();

    b.open("/admin/perspectives").await;
    b.fill("#new-key", "osaaminen").await;
    b.fill("#new-fi", "Osaaminen").await;
    b.fill("#new-sv", "Kompetens").await;
    b.fill("#new-en", "Competence").await;
    b.click("form[action='/admin/perspectives'] button[type=submit]")
        .await;
    // The hint of the key field names "osaaminen" too: wait for the new perspective's own form.
    let listed = wait_text(&b, "#perspective-osaaminen", "osaaminen").await;
    assert!(
        listed.contains("osaaminen"),
        "the new perspective is listed: {listed}"
    );
    assert!(
        plan::perspectives(&app.db)
            .await
            .expect("perspectives")
            .iter()
            .any(|p| p.key == "osaaminen"),
        "and stored"
    );
    found.extend(axe(&b, &source, "the perspectives page").await);

    b.open(&format!("/organisations/{org}")).await;
    let main = wait_text(&b, "main", "Suunta-merkinnät").await;
    assert!(main.contains("Suunta-merkinnät"), "the flags form: {main}");
    found.extend(axe(&b, &source, "an organisation with its flags").await);

    let serious: Vec<String> = found
        .iter()
        .filter(|v| v.serious())
        .map(ToString::to_string)
        .collect();
    b.close().await;
    app.finish().await;
    assert!(
        serious.is_empty(),
        "serious or critical axe violations:\n{}",
        serious.join("")
    );
}
