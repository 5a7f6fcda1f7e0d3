//! HTTP tests of the pages against the started application, on both databases.

mod common;

use common::{hitsaamo, TestApp};
use vaski_domain::account::Role;

app_test! {
    async fn a_visitor_is_sent_to_login_and_comes_back_after_it(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.client();
        let res = client.get(app.url("/organisations")).send().await.expect("get");
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/login?next=/organisations");
    }

    async fn a_wrong_password_is_refused_and_the_sixth_try_is_throttled(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.client();
        for _ in 0..5 {
            let res = app.login_with(&client, "tiina@lhkk.example", "väärä salasana").await;
            assert_eq!(res.status(), 401);
        }
        let res = app.login_with(&client, "tiina@lhkk.example", common::PASSWORD).await;
        assert_eq!(res.status(), 429, "even the right password waits once the account is throttled");
    }

    async fn the_session_cookie_is_http_only_and_same_site(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.client();
        let res = app.login_with(&client, "tiina@lhkk.example", common::PASSWORD).await;
        let cookie = res.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|c| c.starts_with("vaski_session=")).expect("session cookie").to_string();
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"), "plain HTTP on loopback");
    }

    async fn behind_a_tls_proxy_the_session_cookie_is_secure(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.client();
        let csrf = app.csrf(&client, "/login").await;
        let res = client
            .post(app.url("/login"))
            .header("x-forwarded-proto", "https")
            .form(&[("csrf", csrf.as_str()), ("email", "tiina@lhkk.example"), ("password", common::PASSWORD), ("next", "/")])
            .send()
            .await
            .expect("post login");
        assert_eq!(res.status(), 303);
        let cookie = res.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|c| c.starts_with("vaski_session=")).expect("session cookie").to_string();
        assert!(cookie.contains("; Secure"));
    }

    async fn logging_out_ends_the_session_in_the_database(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, "/").await;
        let res = client.post(app.url("/logout")).form(&[("csrf", csrf.as_str())]).send().await.expect("logout");
        assert_eq!(res.status(), 303);
        let res = client.get(app.url("/organisations")).send().await.expect("get");
        assert_eq!(res.status(), 303, "back to the login page");
        let (n,): (i64,) = app.db.fetch_one(vaski_store::sql("SELECT COUNT(*) FROM sessions")).await.expect("count");
        assert_eq!(n, 0);
    }

    async fn a_form_without_the_csrf_token_is_refused(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        let res = client.post(app.url("/organisations")).form(&[("csrf", "wrong"), ("name", "Uusi Oy")]).send().await.expect("post");
        assert_eq!(res.status(), 403);
        assert_eq!(vaski_store::network::organisation::count(&app.db).await.expect("count"), 0);
    }

    async fn staff_creates_an_organisation_and_becomes_its_only_owner(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, "/organisations/new").await;
        let res = client
            .post(app.url("/organisations"))
            .form(&[("csrf", csrf.as_str()), ("name", "Jokioisten Konepaja Oy"), ("business_id", "0245458-3"), ("kind", "company"), ("municipality", "Jockis"), ("status", "active"), ("cooperation", "apprenticeship"), ("cooperation", "recruitment")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let (status, html) = app.get_html(&client, &location).await;
        assert_eq!(status, 200);
        assert!(html.contains("Jokioisten Konepaja Oy"));
        assert!(html.contains("Jokioinen"), "the Swedish name was understood and shown in Finnish");
        assert!(html.contains("Oppisopimus"));
        assert!(html.contains("class=\"warning\""), "a partnership with one owner is flagged");
    }

    async fn an_invalid_business_id_shows_the_form_again_with_what_was_typed(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, "/organisations/new").await;
        let res = client
            .post(app.url("/organisations"))
            .form(&[("csrf", csrf.as_str()), ("name", "<script>alert(1)</script> Oy"), ("business_id", "1234567-8"), ("kind", "company"), ("status", "active")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("value=\"1234567-8\""), "what the user typed is kept");
        assert!(html.contains("tarkistusmerkki"), "the message says the check digit is wrong");
        assert!(html.contains("&lt;script&gt;") || html.contains("&#60;script&#62;"), "script is shown as text");
        assert!(!html.contains("<script>alert(1)</script>"));
    }

    async fn a_taken_business_id_names_the_existing_organisation(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let existing = app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, "/organisations/new").await;
        let res = client
            .post(app.url("/organisations"))
            .form(&[("csrf", csrf.as_str()), ("name", "Toinen Oy"), ("business_id", "112038-9"), ("kind", "company"), ("status", "active")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains(&format!("/organisations/{existing}")));
        assert!(html.contains("Forssan Hitsaamo Oy"));
    }

    async fn a_partner_sees_their_own_organisation_and_no_other(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let own = app.organisation(hitsaamo(), &[staff]).await;
        let other = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Muu Oy".into(), business_id: String::new(), ..hitsaamo() }, &[staff]).await;
        app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        let client = app.login("pekka@hitsaamo.example").await;
        assert_eq!(app.get_html(&client, &format!("/organisations/{own}")).await.0, 200);
        assert_eq!(app.get_html(&client, &format!("/organisations/{other}")).await.0, 404);
        assert_eq!(app.get_html(&client, "/search?q=muu").await.0, 403);
        let (_, list) = app.get_html(&client, "/organisations").await;
        assert!(list.contains("Forssan Hitsaamo Oy"));
        assert!(!list.contains("Muu Oy"));
    }

    async fn a_mistyped_address_answers_the_not_found_page_not_an_empty_one(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/actions/1/edit").await;
        assert_eq!(status, 404);
        assert!(html.contains("Sivua ei löytynyt."), "the page says so in Finnish: {html}");
        assert!(html.contains("href=\"/\""), "and leads back home");
        let res = client.get(app.url("/api/v1/no-such-thing")).send().await.expect("get");
        assert_eq!(res.status(), 404);
        let body: serde_json::Value = res.json().await.expect("the API still answers JSON");
        assert_eq!(body["error"]["code"], "not_found");
    }

    async fn a_viewer_reads_but_cannot_change(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let id = app.organisation(hitsaamo(), &[staff]).await;
        app.user("ville@lhkk.example", Role::Viewer, None).await;
        let client = app.login("ville@lhkk.example").await;
        assert_eq!(app.get_html(&client, &format!("/organisations/{id}")).await.0, 200);
        assert_eq!(app.get_html(&client, &format!("/organisations/{id}/edit")).await.0, 403);
        let csrf = app.csrf(&client, "/").await;
        let res = client.post(app.url(&format!("/organisations/{id}/delete"))).form(&[("csrf", csrf.as_str())]).send().await.expect("post");
        assert_eq!(res.status(), 403);
    }

    async fn the_search_page_finds_an_organisation_by_an_inflected_word(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/search?q=hitsaus%20forssassa").await;
        assert_eq!(status, 200);
        assert!(html.contains("Forssan Hitsaamo Oy"));
    }

    async fn the_language_switch_turns_the_page_to_swedish_and_english(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        assert!(app.get_html(&client, "/organisations").await.1.contains("<html lang=\"fi\">"));
        let res = client.get(app.url("/language/sv?back=/organisations")).send().await.expect("switch");
        assert_eq!(res.headers()["location"], "/organisations");
        let (_, html) = app.get_html(&client, "/organisations").await;
        assert!(html.contains("<html lang=\"sv\">"));
        assert!(html.contains("Organisationer"));
        client.get(app.url("/language/en?back=/")).send().await.expect("switch");
        assert!(app.get_html(&client, "/organisations").await.1.contains("Organisations"));
    }

    async fn a_session_made_on_one_server_is_valid_on_another_sharing_the_database(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let cookie = format!("vaski_session={}", session_cookie(app).await);
        let (second, server) = app.second_server().await;
        let plain = reqwest::Client::new();
        let on_first = plain.get(app.url("/")).header("cookie", &cookie).send().await.expect("get").text().await.expect("text");
        let on_second = plain.get(format!("http://{second}/")).header("cookie", &cookie).send().await.expect("get");
        assert_eq!(on_second.status(), 200, "the second server knows the session");
        let on_second = on_second.text().await.expect("text");
        assert_eq!(common::csrf_in(&on_first), common::csrf_in(&on_second), "and its CSRF token");
        server.abort();
    }

    async fn a_page_answers_503_while_the_database_is_gone(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        app.db.close().await;
        let (status, html) = app.get_html(&client, "/organisations").await;
        assert_eq!(status, 503);
        assert!(html.contains("Tietokanta ei ole juuri nyt käytettävissä"));
    }

    async fn a_contact_person_added_and_moved_keeps_the_old_role_with_its_end_date(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let from = app.organisation(hitsaamo(), &[staff]).await;
        let to = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Tammelan Puu Oy".into(), business_id: String::new(), municipality: "Tammela".into(), ..hitsaamo() }, &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/organisations/{from}/people/new")).await;
        let res = client
            .post(app.url(&format!("/organisations/{from}/people")))
            .form(&[("csrf", csrf.as_str()), ("name", "Maija Mallikas"), ("title", "Tuotantopäällikkö"), ("email", "maija@hitsaamo.example"), ("phone", "040 123 4567"), ("lawful_basis", "Sopimussuhde")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let people = vaski_store::network::person::roles_at(&app.db, from).await.expect("roles");
        let person = people[0].person_id;
        let res = client
            .post(app.url(&format!("/people/{person}/move")))
            .form(&[("csrf", csrf.as_str()), ("organisation_id", to.to_string().as_str()), ("role_title", "Hankintapäällikkö"), ("on", "2025-08-01")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let (_, html) = app.get_html(&client, &format!("/people/{person}")).await;
        assert!(html.contains("Tammelan Puu Oy"));
        assert!(html.contains("Forssan Hitsaamo Oy"));
        assert!(html.contains("1.8.2025"), "the old role ended on the day of the move");
        let links = vaski_store::network::health::links(&app.db).await.expect("links");
        assert!(links.iter().any(|l| l.kind == "person" && l.a.min(l.b) == from.min(to)), "the move links the two organisations");
    }

    async fn healthz_answers_ok_while_the_database_is_up(app) {
        let res = reqwest::get(app.url("/healthz")).await.expect("get");
        assert_eq!(res.status(), 200);
    }
}

/// Logs in and returns the session cookie's value (reqwest's cookie store does not hand values
/// out).
async fn session_cookie(app: &TestApp) -> String {
    let client = app.client();
    let res = app
        .login_with(&client, "tiina@lhkk.example", common::PASSWORD)
        .await;
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.strip_prefix("vaski_session=")
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
        .expect("session cookie")
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_gone() {
    let app = TestApp::spawn(vaski_store::Backend::Sqlite).await;
    app.db.close().await;
    let res = reqwest::get(app.url("/healthz")).await.expect("get");
    assert_eq!(res.status(), 503);
    app.finish().await;
}
