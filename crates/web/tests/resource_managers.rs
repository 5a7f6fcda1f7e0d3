//! Resource managers (vastuuhenkilöt) through the pages and the API: the creator becomes one,
//! staff choose them on the resource form (kept on a validation error), staff see their names
//! and partners do not, the API reads and writes `managers`, and a manager decides on a
//! booking of the resource; on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use serde_json::{json, Value};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_store::sharing::manager;
use vaski_store::sql;

const TEACHER: &str = "jari@lhkk.example";
const COLLEAGUE: &str = "tiina@lhkk.example";
const PARTNER: &str = "pekka@konepaja.example";

struct Network {
    school: i64,
    teacher: i64,
    colleague: i64,
    partner: i64,
}

async fn network(app: &TestApp) -> Network {
    let teacher = app.user(TEACHER, Role::Staff, None).await;
    let colleague = app.user(COLLEAGUE, Role::Staff, None).await;
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
            &[teacher],
        )
        .await;
    let company = app
        .organisation(org("Forssan Konepaja Oy", "company"), &[teacher])
        .await;
    let partner = app.user(PARTNER, Role::Partner, Some(company)).await;
    Network {
        school,
        teacher,
        colleague,
        partner,
    }
}

/// The managers' select of a resource form, for checking which users are chosen in it.
fn managers_select(html: &str) -> &str {
    let start = html
        .find("name=\"managers\"")
        .expect("the managers' select");
    let end = html[start..]
        .find("</select>")
        .expect("the end of the select");
    &html[start..start + end]
}

fn chosen(html: &str, user_id: i64) -> bool {
    managers_select(html).contains(&format!("<option value=\"{user_id}\" selected>"))
}

async fn manager_ids(app: &TestApp, resource_id: i64) -> Vec<i64> {
    manager::managers(&app.db, resource_id)
        .await
        .expect("managers")
        .into_iter()
        .map(|m| m.user_id)
        .collect()
}

/// Posts the resource form as `client`, with the lathe's basics and `extra` fields.
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    owner: i64,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = app.csrf(client, "/resources/new").await;
    let owner = owner.to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("csrf", csrf.as_str()),
        ("name", "CNC-sorvi"),
        ("kind", "machine"),
        ("owner_organisation_id", owner.as_str()),
        ("approval", "owner"),
        ("eligibility", "registered_partners"),
    ];
    form.extend_from_slice(extra);
    client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post")
}

async fn api(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = app
        .client()
        .request(method, app.url(&format!("/api/v1{path}")))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("send");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

app_test! {
    async fn the_creator_and_the_chosen_colleague_manage_a_resource_made_on_the_form(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let (_, html) = app.get_html(&teacher, "/resources/new").await;
        assert!(html.contains("name=\"managers\" multiple"), "the form offers the managers");
        assert!(managers_select(&html).contains("tiina (tiina@lhkk.example)"), "staff users are offered");
        assert!(!managers_select(&html).contains("pekka@konepaja.example"), "partners are not offered");
        assert!(chosen(&html, n.teacher), "the creator is chosen already");
        assert!(!chosen(&html, n.colleague));

        let colleague = n.colleague.to_string();
        let res = post_form(app, &teacher, "/resources", n.school, &[("managers", colleague.as_str())]).await;
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let id: i64 = location.trim_start_matches("/resources/").parse().expect("id");
        let mut expected = vec![n.teacher, n.colleague];
        expected.sort_unstable();
        let mut got = manager_ids(app, id).await;
        got.sort_unstable();
        assert_eq!(got, expected, "the creator is a manager though he left himself out");

        let (_, page) = app.get_html(&teacher, &location).await;
        assert!(page.contains("<dt>Vastuuhenkilöt</dt><dd>jari, tiina</dd>"), "staff see the managers' names");
        let partner = app.login(PARTNER).await;
        let (status, page) = app.get_html(&partner, &location).await;
        assert_eq!(status, 200);
        assert!(!page.contains("Vastuuhenkilöt"), "a partner does not see who the managers are");
    }

    async fn a_refused_form_keeps_the_chosen_managers_and_an_ineligible_one_is_named_by_its_field(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let colleague = n.colleague.to_string();
        let res = post_form(app, &teacher, "/resources", n.school, &[("managers", colleague.as_str()), ("hours_1", "16:00-08:00")]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(chosen(&html, n.colleague), "the choice is kept");
        assert!(!chosen(&html, n.teacher), "and only the choice");

        // A partner of another organisation cannot look after the school's lathe.
        let partner = n.partner.to_string();
        let res = post_form(app, &teacher, "/resources", n.school, &[("managers", partner.as_str())]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("id=\"managers-error\""), "the error is next to the managers");
        let (resources,): (i64,) = app.db.fetch_one(sql("SELECT COUNT(*) FROM resources")).await.expect("count");
        assert_eq!(resources, 0, "nothing was written");
    }

    async fn editing_a_resource_replaces_its_managers_with_the_chosen_ones(app) {
        let n = network(app).await;
        let teacher = app.login(TEACHER).await;
        let res = post_form(app, &teacher, "/resources", n.school, &[]).await;
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let id: i64 = location.trim_start_matches("/resources/").parse().expect("id");
        assert_eq!(manager_ids(app, id).await, [n.teacher]);

        let (_, html) = app.get_html(&teacher, &format!("/resources/{id}/edit")).await;
        assert!(chosen(&html, n.teacher), "the edit form shows the managers");
        let colleague = n.colleague.to_string();
        let res = post_form(app, &teacher, &location, n.school, &[("managers", colleague.as_str())]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(manager_ids(app, id).await, [n.colleague]);
        let (audited,): (i64,) = app
            .db
            .fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'resource' AND entity_id = $1 AND changes LIKE '%managers%'").bind(id))
            .await
            .expect("audit");
        assert_eq!(audited, 2, "the creation's managers and the change are in the audit trail");
    }

    async fn the_api_reads_and_writes_managers_and_shows_them_only_to_staff(app) {
        let n = network(app).await;
        let staff = app.token(n.teacher).await;
        let partner = app.token(n.partner).await;
        let body = json!({
            "name": "Hitsaushalli",
            "kind": "facility",
            "owner_organisation_id": n.school,
            "approval": "owner",
            "managers": [n.colleague],
        });
        let (status, r) = api(app, &staff, "POST", "/resources", Some(body.clone())).await;
        assert_eq!(status, 201, "{r}");
        let id = r["id"].as_i64().expect("id");
        let mut expected = vec![n.teacher, n.colleague];
        expected.sort_unstable();
        assert_eq!(r["managers"], json!(expected), "the caller is among the managers");

        let (_, seen) = api(app, &partner, "GET", &format!("/resources/{id}"), None).await;
        assert_eq!(seen["managers"], Value::Null, "a partner sees no managers");
        let (_, list) = api(app, &staff, "GET", "/resources", None).await;
        assert_eq!(list["items"][0]["managers"], json!(expected), "the list shows them to staff");

        let mut replaced = r.clone();
        replaced["managers"] = json!([n.colleague]);
        let (status, r) = api(app, &staff, "PUT", &format!("/resources/{id}"), Some(replaced.clone())).await;
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["managers"], json!([n.colleague]));
        let mut left_out = r.clone();
        left_out.as_object_mut().expect("object").remove("managers");
        let (status, r) = api(app, &staff, "PUT", &format!("/resources/{id}"), Some(left_out)).await;
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["managers"], json!([n.colleague]), "left out, the managers stay");

        let mut foreign = r.clone();
        foreign["managers"] = json!([n.partner]);
        let (status, e) = api(app, &staff, "PUT", &format!("/resources/{id}"), Some(foreign)).await;
        assert_eq!(status, 422, "{e}");
        assert!(e["error"]["fields"]["managers"].is_string(), "{e}");
        assert_eq!(manager_ids(app, id).await, [n.colleague], "a refused change writes nothing");
    }

    async fn a_manager_confirms_a_request_for_his_resource(app) {
        let n = network(app).await;
        let staff = app.token(n.teacher).await;
        let (status, r) = api(app, &staff, "POST", "/resources", Some(json!({
            "name": "CNC-sorvi",
            "kind": "machine",
            "owner_organisation_id": n.school,
            "approval": "owner",
            "eligibility": "registered_partners",
            "managers": [n.colleague],
        }))).await;
        assert_eq!(status, 201, "{r}");
        let id = r["id"].as_i64().expect("id");
        let day = jiff::Zoned::now().date().checked_add(jiff::Span::new().days(21)).expect("date");
        let at = |h: i8| {
            day.at(h, 0, 0, 0)
                .to_zoned(vaski_domain::sharing::zone::helsinki().clone())
                .expect("time")
                .timestamp()
                .to_string()
        };
        let booker = app.token(n.partner).await;
        let (status, b) = api(app, &booker, "POST", "/bookings", Some(json!({
            "resource_id": id,
            "starts_at": at(8),
            "ends_at": at(12),
        }))).await;
        assert_eq!(status, 201, "{b}");
        let (booking_id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM bookings")).await.expect("booking");

        let colleague = app.login(COLLEAGUE).await;
        let csrf = app.csrf(&colleague, "/bookings").await;
        let res = colleague
            .post(app.url(&format!("/bookings/{booking_id}/confirm")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .expect("confirm");
        assert_eq!(res.status(), 303);
        let (status,): (String,) = app.db.fetch_one(sql("SELECT status FROM bookings WHERE id = $1").bind(booking_id)).await.expect("status");
        assert_eq!(status, "confirmed");
    }
}
