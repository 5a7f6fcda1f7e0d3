//! axe-core run on the page a test's browser shows, and waiting for a page's text: shared by
//! the browser tests of the product's modules (`#[path = "browser/axe.rs"] mod axe;`).
#![allow(dead_code)]

use super::driver::Browser;
use serde_json::Value;

/// One axe-core finding, as printed when a page fails.
pub struct Violation {
    pub page: String,
    pub id: String,
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<String>,
}

impl Violation {
    pub fn serious(&self) -> bool {
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
pub async fn axe(b: &Browser, source: &str, page: &str) -> Vec<Violation> {
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
pub async fn wait_text(b: &Browser, css: &str, needle: &str) -> String {
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
