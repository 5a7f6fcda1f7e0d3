//! Headless Chromium through ChromeDriver for the browser tests: each test starts its own
//! chromedriver on a free loopback port with a fresh Chromium profile, and the [`Browser`]
//! shuts both down when it is dropped, also when the test fails.
//!
//! `VASKI_BROWSER_TESTS=1` makes missing tools a failure (scripts/test sets it); without it a
//! machine lacking ChromeDriver or Chromium skips the browser tests with a line saying so.
//! `CHROMEDRIVER` and `CHROMIUM` name other binaries than Debian's `/usr/bin/chromedriver` and
//! `/usr/bin/chromium`.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The screen sizes the tests use.
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    pub width: u32,
    pub height: u32,
    /// Emulates a phone (its viewport, pixel ratio and touch) instead of sizing the window.
    pub phone: bool,
}

pub const DESKTOP: Screen = Screen {
    width: 1280,
    height: 900,
    phone: false,
};
pub const PHONE: Screen = Screen {
    width: 390,
    height: 844,
    phone: true,
};

/// How long a page, a script or a wait may take; generous, since the test machine has two
/// cores and the tests of one binary run side by side.
const PATIENCE: Duration = Duration::from_secs(30);

/// Whether the browser tests must run (`VASKI_BROWSER_TESTS=1`) rather than skip.
fn required() -> bool {
    std::env::var("VASKI_BROWSER_TESTS").is_ok_and(|v| v == "1")
}

fn tool(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

/// The workspace's `tests/browser`, the npm project holding axe-core.
pub fn npm_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser")
}

pub fn axe_path() -> PathBuf {
    npm_project().join("node_modules/axe-core/axe.min.js")
}

/// Checks that the given files exist. Missing ones fail the test under
/// `VASKI_BROWSER_TESTS=1` and otherwise skip it: `false` means skip.
pub fn tools_present(test: &str, files: &[(&str, &Path)]) -> bool {
    let missing: Vec<String> = files
        .iter()
        .filter(|(_, path)| !path.is_file())
        .map(|(what, path)| format!("{what} ({})", path.display()))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(", ");
    if required() {
        panic!(
            "VASKI_BROWSER_TESTS=1 but {missing} is missing; run scripts/ensure-browser to install it"
        );
    }
    eprintln!(
        "SKIPPED browser test {test}: {missing} is missing (run scripts/ensure-browser, or set VASKI_BROWSER_TESTS=1 to make this a failure)"
    );
    false
}

/// A running chromedriver; dropping it ends its sessions (and so their Chromium) and the
/// process, and removes the Chromium profile.
struct ChromeDriver {
    child: Child,
    port: u16,
    profile: PathBuf,
}

impl ChromeDriver {
    fn start(binary: &Path) -> ChromeDriver {
        static STARTED: AtomicU32 = AtomicU32::new(0);
        let profile = std::env::temp_dir().join(format!(
            "vaski-chromium-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("create a Chromium profile directory");
        // A free port: bind port 0, read it and let it go for chromedriver. Another process
        // could take it in between, so try a few times.
        for _ in 0..5 {
            let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .and_then(|l| l.local_addr())
                .expect("find a free loopback port")
                .port();
            let child = Command::new(binary)
                .arg(format!("--port={port}"))
                .arg("--allowed-ips=127.0.0.1")
                .arg("--log-level=WARNING")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
            let mut driver = ChromeDriver {
                child,
                port,
                profile: profile.clone(),
            };
            if driver.wait_until_ready() {
                return driver;
            }
            // Dropping it kills it; the profile is made again for the next try.
            drop(driver);
            std::fs::create_dir_all(&profile).expect("create a Chromium profile directory");
        }
        let _ = std::fs::remove_dir_all(&profile);
        panic!("chromedriver did not start answering on a loopback port");
    }

    /// Waits until `/status` answers; `false` when the process ended or never answered.
    fn wait_until_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if self
                .get("/status")
                .is_some_and(|answer| answer.contains("\"ready\":true"))
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// A bare HTTP GET to chromedriver, without a runtime (also usable from `Drop`).
    fn get(&self, path: &str) -> Option<String> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .ok()?;
        // chromedriver may keep the connection open: read one answer by its Content-Length.
        let mut answer = Vec::new();
        let mut chunk = [0u8; 4096];
        while !complete(&answer) {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
        }
        Some(String::from_utf8_lossy(&answer).into_owned())
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// Whether `answer` holds a whole HTTP response (headers and a body of its Content-Length).
fn complete(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    });
    length.is_some_and(|n| body.len() >= n)
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // `/shutdown` closes every session (quitting its Chromium) and ends chromedriver; kill
        // it only if it does not go by itself.
        let _ = self.get("/shutdown");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A headless Chromium session.
pub struct Browser {
    pub client: Client,
    base: String,
    // Dropped after the client: ends the session and the processes.
    _driver: ChromeDriver,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium of the given screen size, with pages served
    /// at `base` (`http://127.0.0.1:port`). `None`: the tools are missing and the test skips.
    pub async fn start(test: &str, screen: Screen, base: &str) -> Option<Browser> {
        let chromedriver = tool("CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium = tool("CHROMIUM", "/usr/bin/chromium");
        if !tools_present(
            test,
            &[
                ("ChromeDriver", chromedriver.as_path()),
                ("Chromium", chromium.as_path()),
            ],
        ) {
            return None;
        }
        let driver = tokio::task::spawn_blocking(move || ChromeDriver::start(&chromedriver))
            .await
            .expect("start chromedriver");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--user-data-dir={}", driver.profile.display()),
            format!("--window-size={},{}", screen.width, screen.height),
            // A Finnish browser, as the institution's staff have: pages before logging in
            // follow Accept-Language.
            "--lang=fi-FI".into(),
            "--accept-lang=fi-FI,fi".into(),
        ];
        let mut options = json!({
            "binary": chromium.display().to_string(),
            "args": args,
            "prefs": { "intl.accept_languages": "fi-FI,fi" },
        });
        if screen.phone {
            // A desktop window cannot be narrower than 500 px; a phone's screen is emulated.
            options["mobileEmulation"] = json!({
                "deviceMetrics": {
                    "width": screen.width,
                    "height": screen.height,
                    "pixelRatio": 3.0,
                    "touch": true,
                    "mobile": true,
                },
            });
        }
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": options,
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities are an object")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| panic!("start a Chromium session through chromedriver: {e}"));
        client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(PATIENCE),
                Some(PATIENCE),
                Some(Duration::ZERO),
            ))
            .await
            .expect("set WebDriver timeouts");
        Some(Browser {
            client,
            base: base.trim_end_matches('/').to_string(),
            _driver: driver,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens a page of the application and waits until it has loaded.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// The path (and query) of the page shown now.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the browser shows a page whose path satisfies `ok`, and returns the path.
    pub async fn wait_for_path(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let path = self.path().await;
            if ok(&path) && self.ready().await {
                return path;
            }
            if Instant::now() > deadline {
                panic!("waited for {what}; the browser still shows {path}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn ready(&self) -> bool {
        self.client
            .execute("return document.readyState", vec![])
            .await
            .is_ok_and(|state| state == "complete")
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css} on {}: {e}", self.url("")))
    }

    /// Whether the page has an element matching `css` (no waiting).
    pub async fn has(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("find elements")
            .is_empty()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// Types into a field after emptying it.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear field");
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// The current value of a form field.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("field value")
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Presses and releases one key on whatever has the focus.
    pub async fn press(&self, key: Key) {
        let value: char = key.into();
        let keys = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(keys)
            .await
            .expect("press a key");
    }

    /// Runs a script and returns what it returns.
    pub async fn script(&self, js: &str) -> Value {
        self.client
            .execute(js, vec![])
            .await
            .unwrap_or_else(|e| panic!("run script {js}: {e}"))
    }

    /// Logs in through the login form with the mouse, as a person would.
    pub async fn log_in(&self, email: &str, password: &str) {
        self.open("/login").await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click("main form button[type=submit]").await;
        self.wait_for_path("the home page after logging in", |p| p == "/")
            .await;
    }

    /// Ends the session, Chromium and chromedriver.
    pub async fn close(self) {
        let Browser {
            client,
            _driver: driver,
            ..
        } = self;
        let _ = client.close().await;
        let _ = tokio::task::spawn_blocking(move || drop(driver)).await;
    }
}
