//! A browser test of a workshop: a participant without an account opens the workshop's link in
//! headless Chromium, types a name, adds an idea, gives dots until the budget is used, and sees
//! the refusal when trying one more; axe-core finds no serious or critical violation on the
//! participant's page or the organiser's. Needs the tools `browser.rs` needs; skips without
//! them unless `VASKI_BROWSER_TESTS=1`.

mod common;
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use common::{hitsaamo, TestApp, PASSWORD};
use driver::{Browser, DESKTOP};
use serde_json::Value;
use vaski_domain::account::Role;
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::strategy::workshop::WorkshopInput;
use vaski_store::strategy::{plan, workshop};
use vaski_store::{Actor, Backend};

const ORGANISER: &str = "tiina@lhkk.example";

/// One axe-core finding, as printed when a page fails.
struct Violation {
    page: String,
    id: String,
    impact: String,
    help: String,
    help_url: String,
    nodes: Vec<String>,
}

impl Violation {
    fn serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "[{}] {} ({}) on {}: {}",
            self.impact, self.id, self.help_url, self.page, self.help
        )?;
        for node in &self.nodes {
            writeln!(f, "    {node}")?;
        }
        Ok(())
    }
}

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then((results) => done({
    ok: true,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact || '',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html,
        summary: n.failureSummary || '',
      })),
    })),
  }))
  .catch((e) => done({ ok: false, error: String(e) }));
"#;

/// Runs axe-core on the page shown now and returns every violation it finds.
async fn axe(b: &Browser, source: &str, page: &str) -> Vec<Violation> {
    let has_axe = b.script("return typeof window.axe === 'object';").await;
    if has_axe != Value::Bool(true) {
        b.client
            .execute(source, vec![])
            .await
            .unwrap_or_else(|e| panic!("inject axe-core into {page}: {e}"));
    }
    let result = b
        .client
        .execute_async(RUN_AXE, vec![])
        .await
        .unwrap_or_else(|e| panic!("run axe-core on {page}: {e}"));
    assert_eq!(result["ok"], true, "axe-core failed on {page}: {result}");
    let passes = result["passes"].as_u64().unwrap_or_default();
    let violations = result["violations"].as_array().map_or(0, Vec::len);
    eprintln!("axe: {page}: {passes} rules passed, {violations} violated");
    assert!(
        passes > 10,
        "axe-core checked next to nothing on {page}: {result}"
    );
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    result["violations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|v| Violation {
            page: page.to_string(),
            id: text(&v["id"]),
            impact: text(&v["impact"]),
            help: text(&v["help"]),
            help_url: text(&v["helpUrl"]),
            nodes: v["nodes"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|n| {
                    let summary = text(&n["summary"]).replace('\n', " ");
                    format!(
                        "target {} | {} | {}",
                        text(&n["target"]),
                        text(&n["html"]),
                        summary
                    )
                })
                .collect(),
        })
        .collect()
}

/// Waits until the element's text contains `needle` (a form's answer may still be loading) and
/// returns the text; reads the text through a script, so a page being replaced is no error.
async fn wait_text(b: &Browser, css: &str, needle: &str) -> String {
    let js = format!(
        "const e = document.querySelector({}); return document.readyState === 'complete' && e ? e.innerText : '';",
        serde_json::to_string(css).unwrap_or_default()
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = b.script(&js).await.as_str().unwrap_or_default().to_string();
        if text.contains(needle) || std::time::Instant::now() > deadline {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

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
