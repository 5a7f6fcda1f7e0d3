//! The test harness: a real Vaski on a fresh database (SQLite or PostgreSQL) listening on a
//! loopback port, with typed helpers for logging in, reading CSRF tokens and calling the API.
#![allow(dead_code)]

use std::net::SocketAddr;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::testing::TestDb;
use vaski_store::{Actor, Backend, Db};

pub const PASSWORD: &str = "oikea hevonen patteri niitti";

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    test_db: TestDb,
    server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, vaski_web::Config::default()).await
    }

    pub async fn spawn_with(backend: Backend, config: vaski_web::Config) -> TestApp {
        let test_db = TestDb::new(backend).await;
        let db = test_db.db.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let app = vaski_web::app(db.clone(), config);
        let server = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        TestApp {
            addr,
            db,
            test_db,
            server,
        }
    }

    /// A second server on the same database, as behind a load balancer.
    pub async fn second_server(&self) -> (SocketAddr, tokio::task::JoinHandle<()>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let app = vaski_web::app(self.db.clone(), vaski_web::Config::default());
        let server = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        (addr, server)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A user with the test password.
    pub async fn user(&self, email: &str, role: Role, organisation_id: Option<i64>) -> i64 {
        let hash = vaski_web::auth::password::hash(PASSWORD).expect("hash");
        let email = Email::parse(email).expect("valid email");
        account::create_user(
            &self.db,
            NewUser {
                email: &email,
                name: email.as_str().split('@').next().unwrap_or("user"),
                role,
                organisation_id,
                password_hash: Some(&hash),
                language: Language::Fi,
            },
            &Actor::system("test"),
        )
        .await
        .expect("create user")
    }

    /// An organisation made directly in the store, owned by the given users.
    pub async fn organisation(&self, input: OrganisationInput, owners: &[i64]) -> i64 {
        let draft = input.validate().expect("valid organisation");
        let mut tx = self.db.begin().await.expect("begin");
        let id = vaski_store::network::organisation::create(
            &mut tx,
            &draft,
            time::macros::date!(2024 - 01 - 01),
            &Actor::system("test"),
        )
        .await
        .expect("create organisation");
        vaski_store::network::organisation::set_owners(&mut tx, id, owners, &Actor::system("test"))
            .await
            .expect("owners");
        tx.commit().await.expect("commit");
        id
    }

    /// A browser-like client (cookies kept, redirects not followed).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Logs in through the login form and returns the logged-in client.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let res = self.login_with(&client, email, PASSWORD).await;
        assert_eq!(res.status(), 303, "login of {email} should redirect");
        client
    }

    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        let csrf = self.csrf(client, "/login").await;
        client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("password", password),
                ("next", "/"),
            ])
            .send()
            .await
            .expect("post login")
    }

    /// The CSRF token of the first form on a page.
    pub async fn csrf(&self, client: &reqwest::Client, path: &str) -> String {
        let html = client
            .get(self.url(path))
            .send()
            .await
            .expect("get page")
            .text()
            .await
            .expect("page text");
        csrf_in(&html).unwrap_or_else(|| panic!("no csrf field on {path}"))
    }

    pub async fn get_html(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let res = client.get(self.url(path)).send().await.expect("get");
        let status = res.status().as_u16();
        (status, res.text().await.expect("text"))
    }

    /// An API token for a user.
    pub async fn token(&self, user_id: i64) -> String {
        let token = vaski_web::auth::token::new_api_token();
        account::create_api_token(
            &self.db,
            user_id,
            &vaski_web::auth::token::hash_secret(&token),
            "test",
            &Actor::system("test"),
        )
        .await
        .expect("token");
        token
    }

    pub async fn finish(self) {
        self.server.abort();
        self.test_db.finish().await;
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

pub fn hitsaamo() -> OrganisationInput {
    OrganisationInput {
        name: "Forssan Hitsaamo Oy".into(),
        business_id: "0112038-9".into(),
        kind: "company".into(),
        industry: "25".into(),
        municipality: "Forssa".into(),
        tags: "metalli, hitsaus".into(),
        cooperation: vec!["workplace_learning".into()],
        ..Default::default()
    }
}

/// Defines a test that runs against a fresh application on SQLite and on PostgreSQL:
/// `app_test! { async fn name(app) { ... } }` gives `name::on_sqlite` and `name::on_postgres`.
#[macro_export]
macro_rules! app_test {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($app: &$crate::common::TestApp) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    let app = $crate::common::TestApp::spawn(vaski_store::Backend::Sqlite).await;
                    run(&app).await;
                    app.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    let app = $crate::common::TestApp::spawn(vaski_store::Backend::Postgres).await;
                    run(&app).await;
                    app.finish().await;
                }
            }
        )*
    };
}
