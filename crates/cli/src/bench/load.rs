//! The load: logged-in clients asking for organisation list pages, all at once, and the health
//! view one request at a time.

use anyhow::{bail, Context};
use rand::Rng;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use vaski_web::network::organisations::ListQuery;

/// Latency figures of a set of requests.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub count: usize,
    pub median: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Stats {
    /// Nearest-rank percentiles; `None` for no samples.
    pub fn of(samples: &[Duration]) -> Option<Stats> {
        if samples.is_empty() {
            return None;
        }
        let mut s = samples.to_vec();
        s.sort_unstable();
        let at = |p: f64| {
            let rank = (p * s.len() as f64).ceil() as usize;
            s[rank.clamp(1, s.len()) - 1]
        };
        Some(Stats {
            count: s.len(),
            median: at(0.5),
            p90: at(0.9),
            p99: at(0.99),
            max: s[s.len() - 1],
        })
    }
}

/// The list pages asked for: searches with common name words and inflected place names,
/// and the filters of the list, alone and together. Owner is the staff user who owns most.
pub fn probes(owner: i64) -> Vec<ListQuery> {
    let q = |q: &str| ListQuery {
        q: q.into(),
        ..Default::default()
    };
    vec![
        q("forssan"),
        q("hitsaus"),
        q("jokioisten"),
        q("forssan hitsaus"),
        q("hämeenlinnan"),
        q("ypäjällä"),
        q("virtanen"),
        q("oy"),
        q("tampereen ravintola"),
        ListQuery {
            q: "konepaja".into(),
            municipality: "Tampere".into(),
            ..Default::default()
        },
        ListQuery {
            q: "rakennus".into(),
            kind: "company".into(),
            ..Default::default()
        },
        ListQuery {
            q: "sähkö".into(),
            status: "active".into(),
            ..Default::default()
        },
        ListQuery {
            kind: "company".into(),
            municipality: "061".into(),
            ..Default::default()
        },
        ListQuery {
            municipality: "091".into(),
            ..Default::default()
        },
        ListQuery {
            tag: "metalli".into(),
            ..Default::default()
        },
        ListQuery {
            owner: owner.to_string(),
            ..Default::default()
        },
        ListQuery {
            single_owner: "1".into(),
            kind: "company".into(),
            ..Default::default()
        },
        ListQuery::default(),
    ]
}

/// The label of a probe in the report: its query string unencoded, or "(no filter)".
pub fn label(p: &ListQuery) -> String {
    let pairs = [
        ("q", &p.q),
        ("kind", &p.kind),
        ("status", &p.status),
        ("municipality", &p.municipality),
        ("tag", &p.tag),
        ("owner", &p.owner),
        ("single_owner", &p.single_owner),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if parts.is_empty() {
        "(no filter)".into()
    } else {
        parts.join("&")
    }
}

/// `count` requests over the probes in a fixed random order: mostly the first page, some
/// the next few pages. Each is (probe index, path).
pub fn plan(probes: &[ListQuery], count: usize, seed: u64) -> Vec<(usize, String)> {
    let mut r = super::gen::rng(seed, super::gen::Stream::Sampling, 1);
    (0..count)
        .map(|_| {
            let i = r.gen_range(0..probes.len());
            let page = match r.gen_range(0..10) {
                0..=6 => 1,
                7..=8 => r.gen_range(2..4),
                _ => r.gen_range(4..11),
            };
            let qs = probes[i].query_string();
            let path = if qs.is_empty() {
                format!("/organisations?page={page}")
            } else {
                format!("/organisations?{qs}&page={page}")
            };
            (i, path)
        })
        .collect()
}

/// A browser-like client: keeps cookies, does not follow redirects.
fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .build()
        .context("cannot make an HTTP client")
}

fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let at = html.find(marker)? + marker.len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// Logs in through the login form (CSRF double-submit cookie) and returns the client.
pub async fn login(base: &str, email: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let client = client()?;
    let html = client
        .get(format!("{base}/login"))
        .send()
        .await
        .context("cannot load the login page")?
        .text()
        .await
        .context("cannot read the login page")?;
    let csrf = csrf_in(&html).context("the login page has no CSRF field")?;
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
            ("next", "/"),
        ])
        .send()
        .await
        .context("cannot post the login form")?;
    if res.status().as_u16() != 303 {
        bail!("login answered {} instead of a redirect", res.status());
    }
    Ok(client)
}

/// What one run of requests gave.
pub struct LoadResult {
    /// (probe index, latency) of each successful request.
    pub samples: Vec<(usize, Duration)>,
    pub failures: usize,
    pub first_failure: Option<String>,
    pub wall: Duration,
}

/// Sends the planned requests from all clients at once; each client sends its next request as
/// soon as its previous one is answered.
pub async fn run(
    base: &str,
    clients: &[reqwest::Client],
    plan: Vec<(usize, String)>,
) -> LoadResult {
    let plan = Arc::new(plan);
    let next = Arc::new(AtomicUsize::new(0));
    let samples = Arc::new(Mutex::new(Vec::with_capacity(plan.len())));
    let failures = Arc::new(Mutex::new((0usize, None::<String>)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in clients {
        let (client, plan, next, samples, failures) = (
            client.clone(),
            plan.clone(),
            next.clone(),
            samples.clone(),
            failures.clone(),
        );
        let base = base.to_string();
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((probe, path)) = plan.get(i) else {
                    break;
                };
                let t = Instant::now();
                let outcome = match client.get(format!("{base}{path}")).send().await {
                    Ok(res) => {
                        let status = res.status();
                        match res.bytes().await {
                            Ok(_) if status.is_success() => Ok(()),
                            Ok(_) => Err(format!("{path}: {status}")),
                            Err(e) => Err(format!("{path}: {e}")),
                        }
                    }
                    Err(e) => Err(format!("{path}: {e}")),
                };
                let elapsed = t.elapsed();
                match outcome {
                    Ok(()) => {
                        if let Ok(mut s) = samples.lock() {
                            s.push((*probe, elapsed));
                        }
                    }
                    Err(e) => {
                        if let Ok(mut f) = failures.lock() {
                            f.0 += 1;
                            f.1.get_or_insert(e);
                        }
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let wall = started.elapsed();
    let samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
    let (failures, first_failure) = failures.lock().map(|f| f.clone()).unwrap_or((0, None));
    LoadResult {
        samples,
        failures,
        first_failure,
        wall,
    }
}

/// The health view, one request at a time. `None` when this build has no such page (404).
pub async fn health_route(
    base: &str,
    client: &reqwest::Client,
    count: usize,
) -> anyhow::Result<Option<Vec<Duration>>> {
    let url = format!("{base}/network/health");
    let mut samples = Vec::with_capacity(count);
    for i in 0..count + 1 {
        let t = Instant::now();
        let res = client
            .get(&url)
            .send()
            .await
            .context("cannot request the health view")?;
        let status = res.status();
        let _ = res.bytes().await;
        let elapsed = t.elapsed();
        if status.as_u16() == 404 {
            return Ok(None);
        }
        if !status.is_success() {
            bail!("the health view answered {status}");
        }
        // The first request warms up and is not counted.
        if i > 0 {
            samples.push(elapsed);
        }
    }
    Ok(Some(samples))
}
