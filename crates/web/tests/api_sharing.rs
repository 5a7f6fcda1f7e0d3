//! HTTP tests of the shared-use API (resources, bookings, availability) against the started
//! application, on both databases. Times are chosen weeks ahead of the day the tests run, so
//! that no rule about the past or about notice gets in the way.

mod common;

use common::{hitsaamo, TestApp};
use jiff::civil::{Date, Weekday};
use jiff::{Timestamp, ToSpan};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::holidays::{holidays, HolidayKind};
use vaski_domain::sharing::zone::helsinki;
use vaski_store::sharing::resource as stored;
use vaski_store::{sql, Actor};

/// A real PNG picture, one pixel wide and two high.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x16, 0xe3, 0x21,
    0x70, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xdf, 0xc0, 0xc0,
    0x00, 0xc4, 0x00, 0x0d, 0xfe, 0x02, 0xff, 0x00, 0x03, 0x6b, 0x44, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// An answer of the API: status, body (`null` when empty) and whether it was a replay.
struct Answer {
    status: u16,
    body: Value,
    replayed: bool,
}

async fn send(
    client: &reqwest::Client,
    app_url: String,
    token: &str,
    method: &str,
    body: Option<Value>,
    idempotency_key: Option<&str>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = client.request(method, app_url).bearer_auth(token);
    if let Some(key) = idempotency_key {
        req = req.header("Idempotency-Key", key);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("send");
    let status = res.status().as_u16();
    let replayed = res.headers().get("idempotent-replayed").is_some();
    let text = res.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    Answer {
        status,
        body,
        replayed,
    }
}

async fn call(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let a = send(
        &app.client(),
        app.url(&format!("/api/v1{path}")),
        token,
        method,
        body,
        None,
    )
    .await;
    (a.status, a.body)
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    call(app, token, "GET", path, None).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, token, "POST", path, Some(body)).await
}

/// The people and organisations of a small network.
struct Network {
    staff: String,
    viewer: String,
    school: i64,
    company: i64,
    /// A partner user of `company`.
    partner: String,
    other_company: i64,
    /// A partner user of `other_company`.
    other_partner: String,
}

async fn network(app: &TestApp) -> Network {
    let staff_id = app.user("tiina@lhkk.example", Role::Staff, None).await;
    let school = app
        .organisation(
            OrganisationInput {
                name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
                kind: "vocational_institution".into(),
                municipality: "Forssa".into(),
                ..Default::default()
            },
            &[staff_id],
        )
        .await;
    let company = app.organisation(hitsaamo(), &[staff_id]).await;
    let other_company = app
        .organisation(
            OrganisationInput {
                name: "Jokioisten Konepaja Oy".into(),
                kind: "company".into(),
                municipality: "Jokioinen".into(),
                ..Default::default()
            },
            &[staff_id],
        )
        .await;
    let viewer = app.user("ville@lhkk.example", Role::Viewer, None).await;
    let partner = app
        .user("pekka@hitsaamo.example", Role::Partner, Some(company))
        .await;
    let other_partner = app
        .user("olli@konepaja.example", Role::Partner, Some(other_company))
        .await;
    Network {
        staff: app.token(staff_id).await,
        viewer: app.token(viewer).await,
        school,
        company,
        partner: app.token(partner).await,
        other_company,
        other_partner: app.token(other_partner).await,
    }
}

/// A lathe of the school that every partner may book, confirmed at once, always open.
fn lathe(school: i64) -> Value {
    json!({
        "name": "CNC-sorvi",
        "kind": "machine",
        "owner_organisation_id": school,
        "municipality": "Forssa",
        "approval": "automatic",
        "eligibility": "registered_partners",
        "closed_on_public_holidays": false,
        "prices": [{"booker": "company", "per_hour_cents": 4500, "per_day_cents": null}],
    })
}

async fn create_resource(app: &TestApp, token: &str, body: Value) -> i64 {
    let (status, r) = post(app, token, "/resources", body).await;
    assert_eq!(status, 201, "{r}");
    r["id"].as_i64().expect("id")
}

/// The Monday at least four weeks after today (Helsinki).
fn monday() -> Date {
    let mut day = Timestamp::now().to_zoned(helsinki().clone()).date() + 28.days();
    while day.weekday() != Weekday::Monday {
        day = day.tomorrow().expect("a next day");
    }
    day
}

/// A Helsinki wall-clock time as RFC 3339 with its offset.
fn at(day: Date, hour: i8, minute: i8) -> String {
    let instant = day
        .at(hour, minute, 0, 0)
        .to_zoned(helsinki().clone())
        .expect("a Helsinki time")
        .timestamp();
    instant
        .display_with_offset(helsinki().to_offset(instant))
        .to_string()
}

/// The next Good Friday more than a week away.
fn good_friday() -> Date {
    let soon = Timestamp::now().to_zoned(helsinki().clone()).date() + 7.days();
    (soon.year()..=soon.year() + 1)
        .flat_map(holidays)
        .filter(|h| h.kind == HolidayKind::GoodFriday)
        .map(|h| h.date)
        .find(|d| *d > soon)
        .expect("a Good Friday within two years")
}

fn booking(resource: i64, day: Date, from: (i8, i8), to: (i8, i8)) -> Value {
    json!({
        "resource_id": resource,
        "starts_at": at(day, from.0, from.1),
        "ends_at": at(day, to.0, to.1),
        "purpose": "Sarjatuotannon koeajo",
    })
}

fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
}

/// The ids of the bookings that hold time on a resource in the week of `day`.
async fn held(app: &TestApp, token: &str, resource: i64, day: Date) -> Vec<Value> {
    let path = format!(
        "/resources/{resource}/bookings?from={}&to={}",
        day,
        day + 7.days()
    );
    let (status, list) = get(app, token, &path).await;
    assert_eq!(status, 200, "{list}");
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|b| b["status"] == "confirmed" || b["status"] == "requested")
        .cloned()
        .collect()
}

/// Every property the schema requires is answered, and every property answered is described.
fn assert_matches_schema(doc: &Value, schema: &str, answered: &Value) {
    let schema = &doc["components"]["schemas"][schema];
    let keys = |v: &Value| -> BTreeSet<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let required: BTreeSet<String> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let answered = keys(answered);
    let described = keys(&schema["properties"]);
    assert_eq!(
        required.difference(&answered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "required but not answered"
    );
    assert_eq!(
        answered.difference(&described).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "answered but not described"
    );
}

/// Uploads a picture as an API client does: `multipart/form-data` with the text alternative
/// (when given) and the file; answers the status, the body and the `Location` header.
async fn upload(
    app: &TestApp,
    token: &str,
    resource: i64,
    alt: Option<&str>,
    bytes: &[u8],
) -> (u16, Value, Option<String>) {
    let mut form = reqwest::multipart::Form::new();
    if let Some(alt) = alt {
        form = form.text("alt_text", alt.to_string());
    }
    form = form.part(
        "image",
        reqwest::multipart::Part::bytes(bytes.to_vec())
            .file_name("sorvi.png")
            .mime_str("image/png")
            .expect("mime"),
    );
    let res = app
        .client()
        .post(app.url(&format!("/api/v1/resources/{resource}/images")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = res.json().await.expect("JSON");
    (status, body, location)
}

/// A location of an organisation, made in the store.
async fn site(app: &TestApp, organisation_id: i64, name: &str) -> i64 {
    let mut tx = app.db.begin().await.expect("begin");
    let id = stored::create_location(
        &mut tx,
        organisation_id,
        name,
        None,
        None,
        &Actor::system("test"),
    )
    .await
    .expect("location");
    tx.commit().await.expect("commit");
    id
}

/// The changes of the audit entries about a resource, as stored.
async fn audited(app: &TestApp, resource: i64) -> Vec<String> {
    app.db
        .fetch_all::<(String,)>(
            sql("SELECT changes FROM audit_log WHERE entity = 'resource' AND entity_id = $1 ORDER BY id")
                .bind(resource),
        )
        .await
        .expect("audit entries")
        .into_iter()
        .map(|(c,)| c)
        .collect()
}

fn span_of(b: &Value) -> (Timestamp, Timestamp) {
    let t = |v: &Value| {
        v.as_str()
            .expect("time")
            .parse::<Timestamp>()
            .expect("RFC 3339")
    };
    (t(&b["starts_at"]), t(&b["ends_at"]))
}

app_test! {
    async fn a_created_resource_answers_201_with_its_private_calendar_feed(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["opening_hours"] = json!([
            {"weekday": 1, "opens": "08:00", "closes": "16:00"},
            {"weekday": 5, "opens": "16:00", "closes": "24:00"},
        ]);
        body["buffer_minutes"] = json!(15);
        let res = app.client().post(app.url("/api/v1/resources")).bearer_auth(&n.staff).json(&body).send().await.expect("post");
        assert_eq!(res.status(), 201);
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let r: Value = res.json().await.expect("json");
        let id = r["id"].as_i64().expect("id");
        assert_eq!(location, format!("/api/v1/resources/{id}"));
        let feed = r["calendar_feed_url"].as_str().expect("a feed link");
        assert!(feed.starts_with(&format!("http://{}/calendar/resources/", app.addr)), "{feed}");
        assert!(feed.ends_with(".ics"), "{feed}");
        assert_eq!(r["opening_hours"][1], json!({"weekday": 5, "opens": "16:00", "closes": "24:00"}));
        assert_eq!(r["prices"], json!([{"booker": "company", "per_hour_cents": 4500, "per_day_cents": null}]));
        assert_eq!((r["buffer_before_minutes"].as_i64(), r["buffer_after_minutes"].as_i64()), (Some(15), Some(15)));
        assert_eq!(r["max_duration_minutes"], Value::Null, "a rule left out sets no limit");
        assert_eq!(r["quantity"], 1);
        assert_eq!(r["municipality"], "Forssa");
        // What a GET answers goes back with a PUT; others than those who manage it never see the feed.
        let (status, same) = call(app, &n.staff, "PUT", &format!("/resources/{id}"), Some(r.clone())).await;
        assert_eq!(status, 200, "{same}");
        assert_eq!(same["opening_hours"], r["opening_hours"]);
        let (_, seen_by_partner) = get(app, &n.partner, &format!("/resources/{id}")).await;
        assert_eq!(seen_by_partner["calendar_feed_url"], Value::Null);
        let (_, list) = get(app, &n.partner, "/resources?kind=machine&municipality=Forssa").await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["name"], "CNC-sorvi");
    }

    async fn a_negative_price_an_unknown_kind_or_bad_hours_answer_422_naming_the_field(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["prices"] = json!([{"booker": "company", "per_hour_cents": -100, "per_day_cents": null}]);
        let (status, e) = post(app, &n.staff, "/resources", body).await;
        assert_eq!(status, 422);
        assert_error(&e, "validation");
        assert_eq!(e["error"]["fields"]["prices"], "A price cannot be negative.");
        let mut body = lathe(n.school);
        body["kind"] = json!("spaceship");
        let (status, e) = post(app, &n.staff, "/resources", body).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["fields"]["kind"], "Unknown kind of resource.");
        let mut body = lathe(n.school);
        body["opening_hours"] = json!([{"weekday": 1, "opens": "16:00", "closes": "08:00"}]);
        let (status, e) = post(app, &n.staff, "/resources", body).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["fields"]["opening_hours"], "Opening must be before closing.");
        let mut body = lathe(n.school);
        body["opening_hours"] = json!([{"weekday": 8, "opens": "08:00", "closes": "16:00"}]);
        let (status, e) = post(app, &n.staff, "/resources", body).await;
        assert_eq!(status, 422);
        assert!(e["error"]["fields"]["opening_hours"].is_string(), "{e}");
        let (_, list) = get(app, &n.staff, "/resources").await;
        assert_eq!(list["total"], 0, "nothing was stored");
    }

    async fn a_partner_manages_only_its_own_resources_and_a_viewer_none(app) {
        let n = network(app).await;
        let mut own = lathe(n.company);
        own["name"] = json!("Hitsaamon särmäyspuristin");
        assert_eq!(post(app, &n.partner, "/resources", own).await.0, 201);
        assert_eq!(post(app, &n.partner, "/resources", lathe(n.school)).await.0, 403);
        assert_eq!(post(app, &n.viewer, "/resources", lathe(n.school)).await.0, 403);
    }

    async fn a_free_time_is_booked_with_201_and_helsinki_times(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let mut body = booking(lathe, day, (8, 0), (12, 0));
        body["people_count"] = json!(2);
        let (status, made) = post(app, &n.partner, "/bookings", body.clone()).await;
        assert_eq!(status, 201, "{made}");
        let b = &made["bookings"][0];
        assert_eq!(b["status"], "confirmed", "automatic approval confirms at once");
        assert_eq!(b["starts_at"], body["starts_at"], "answered with Helsinki's offset");
        assert_eq!(b["booker"]["id"], n.company, "a partner books for its own organisation");
        assert_eq!(b["price_cents"], 4 * 4500);
        assert_eq!(made["skipped"], json!([]));
        let id = b["id"].as_i64().expect("id");
        let (status, again) = get(app, &n.partner, &format!("/bookings/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(&again, b);
    }

    async fn an_overlapping_booking_answers_409_naming_the_first_with_its_times(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let (_, first) = post(app, &n.partner, "/bookings", booking(lathe, day, (8, 0), (12, 0))).await;
        let first = &first["bookings"][0];
        let first_id = first["id"].as_i64().expect("id");
        let mut second = booking(lathe, day, (11, 0), (13, 0));
        second["booker_organisation_id"] = json!(n.other_company);
        let (status, e) = post(app, &n.staff, "/bookings", second).await;
        assert_eq!(status, 409, "{e}");
        assert_error(&e, "conflict");
        let conflict = &e["error"]["conflicts"][0];
        assert_eq!(conflict["booking_id"], first_id);
        assert_eq!(conflict["starts_at"], first["starts_at"]);
        assert_eq!(conflict["ends_at"], first["ends_at"]);
        assert_eq!(conflict["booker"], "Forssan Hitsaamo Oy", "staff see who booked");
        let message = e["error"]["message"].as_str().expect("message");
        assert!(message.contains(&first_id.to_string()) && message.contains(first["starts_at"].as_str().expect("start")), "{message}");
        assert_eq!(e["error"]["occurrences"][0]["problems"][0]["code"], "conflict");
        let mut touching = booking(lathe, day, (12, 0), (13, 0));
        touching["booker_organisation_id"] = json!(n.school);
        let (status, made) = post(app, &n.staff, "/bookings", touching).await;
        assert_eq!(status, 201, "a booking may start when the previous one ends: {made}");
        assert_eq!(made["bookings"][0]["booker"]["kind"], "own", "the owner books its own resource as its own");
    }

    async fn a_resource_closed_on_public_holidays_refuses_good_friday_with_422_closed(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["closed_on_public_holidays"] = json!(true);
        let lathe = create_resource(app, &n.staff, body).await;
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, good_friday(), (8, 0), (12, 0))).await;
        assert_eq!(status, 422, "{e}");
        assert_error(&e, "closed");
        assert_eq!(e["error"]["message"], "The resource is closed on public holidays (Good Friday).");
        let problem = &e["error"]["occurrences"][0]["problems"][0];
        assert_eq!(problem["holiday"], "good_friday");
        assert_eq!(problem["reason"], "error-closed-public-holiday");
    }

    async fn rules_hours_and_exceptions_refuse_with_their_own_code(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["max_duration_minutes"] = json!(120);
        body["opening_hours"] = json!((1..=5).map(|d| json!({"weekday": d, "opens": "08:00", "closes": "16:00"})).collect::<Vec<_>>());
        let lathe = create_resource(app, &n.staff, body).await;
        let day = monday();
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, day, (8, 0), (12, 0))).await;
        assert_eq!(status, 422);
        assert_error(&e, "rule");
        assert_eq!(e["error"]["message"], "A booking may last at most 120 minutes.");
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, day, (15, 0), (17, 0))).await;
        assert_eq!((status, e["error"]["code"].as_str()), (422, Some("closed")));
        let closed_day = day + 1.days();
        let (status, hours) = call(app, &n.staff, "PUT", &format!("/resources/{lathe}/opening-hours"), Some(json!({
            "weekly": [{"weekday": 2, "opens": "08:00", "closes": "16:00"}],
            "exceptions": [{"date": closed_day.to_string(), "closed": true, "note": "Huoltopäivä"}],
        }))).await;
        assert_eq!(status, 200, "{hours}");
        assert_eq!(hours["exceptions"][0], json!({"date": closed_day.to_string(), "closed": true, "note": "Huoltopäivä"}));
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, closed_day, (9, 0), (10, 0))).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["occurrences"][0]["problems"][0]["reason"], "error-closed-exception");
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, day, (9, 0), (10, 0))).await;
        assert_eq!(status, 422, "Monday has no hours any more: {e}");
    }

    async fn a_recurring_booking_with_one_clash_is_refused_whole_unless_conflicts_are_skipped(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let thursday = monday() + 3.days();
        let until = thursday + 8.weeks();
        let course_day = thursday + 4.weeks();
        let mut course = booking(lathe, course_day, (9, 0), (10, 0));
        course["booker_organisation_id"] = json!(n.school);
        let (_, course) = post(app, &n.staff, "/bookings", course).await;
        let course_id = course["bookings"][0]["id"].as_i64().expect("id");
        let mut series = booking(lathe, thursday, (8, 0), (12, 0));
        series["recurrence"] = json!(format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL={}", until.strftime("%Y%m%d")));
        let (status, e) = post(app, &n.partner, "/bookings", series.clone()).await;
        assert_eq!(status, 409, "{e}");
        assert_eq!(e["error"]["conflicts"][0]["booking_id"], course_id);
        assert_eq!(e["error"]["conflicts"][0]["booker"], Value::Null, "the partner is neither booker nor owner of the course");
        assert_eq!(e["error"]["occurrences"].as_array().map(Vec::len), Some(1), "only one occurrence clashes");
        assert_eq!(held(app, &n.staff, lathe, thursday).await.len(), 0, "all or none: nothing was booked");
        series["skip_conflicts"] = json!(true);
        let (status, made) = post(app, &n.partner, "/bookings", series).await;
        assert_eq!(status, 201, "{made}");
        let bookings = made["bookings"].as_array().expect("bookings");
        assert_eq!(bookings.len(), 4, "five Thursdays every other week, one skipped");
        assert!(bookings.iter().all(|b| b["series_id"] == bookings[0]["series_id"] && !b["series_id"].is_null()));
        assert_eq!(bookings[1]["starts_at"], at(thursday + 2.weeks(), 8, 0));
        let skipped = &made["skipped"][0];
        assert_eq!(skipped["starts_at"], at(course_day, 8, 0));
        assert_eq!(skipped["problems"][0]["conflicts"][0]["booking_id"], course_id);
    }

    async fn a_bad_recurrence_rule_answers_422_recurrence_naming_the_part(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let mut series = booking(lathe, monday(), (8, 0), (9, 0));
        series["recurrence"] = json!("FREQ=WEEKLY;BYHOUR=9;COUNT=3");
        let (status, e) = post(app, &n.partner, "/bookings", series.clone()).await;
        assert_eq!(status, 422);
        assert_error(&e, "recurrence");
        assert!(e["error"]["fields"]["recurrence"].as_str().expect("message").contains("BYHOUR=9"), "{e}");
        series["recurrence"] = json!("FREQ=DAILY;COUNT=501");
        let (status, e) = post(app, &n.partner, "/bookings", series).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["fields"]["recurrence"], "Too many occurrences: at most 500. (COUNT=501)");
    }

    async fn a_retried_request_with_the_same_idempotency_key_books_once_and_answers_the_same(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let url = app.url("/api/v1/bookings");
        let body = booking(lathe, day, (8, 0), (10, 0));
        let first = send(&app.client(), url.clone(), &n.partner, "POST", Some(body.clone()), Some("retry-1")).await;
        assert_eq!(first.status, 201, "{}", first.body);
        assert!(!first.replayed);
        let second = send(&app.client(), url.clone(), &n.partner, "POST", Some(body.clone()), Some("retry-1")).await;
        assert_eq!((second.status, &second.body), (201, &first.body), "the same answer again");
        assert!(second.replayed);
        assert_eq!(held(app, &n.staff, lathe, day).await.len(), 1);
        let mut other = body.clone();
        other["purpose"] = json!("Toinen tarkoitus");
        let reused = send(&app.client(), url.clone(), &n.partner, "POST", Some(other), Some("retry-1")).await;
        assert_eq!(reused.status, 422);
        assert_error(&reused.body, "idempotency_key_reused");
        // Another user's key of the same name is their own.
        let mut for_other = booking(lathe, day, (10, 0), (11, 0));
        for_other["purpose"] = json!("Koulutus");
        let theirs = send(&app.client(), url, &n.other_partner, "POST", Some(for_other), Some("retry-1")).await;
        assert_eq!(theirs.status, 201, "{}", theirs.body);
    }

    async fn concurrent_retries_with_one_idempotency_key_make_one_booking(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let body = booking(lathe, day, (8, 0), (10, 0));
        let client = app.client();
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let (client, url, token, body) = (client.clone(), app.url("/api/v1/bookings"), n.partner.clone(), body.clone());
            tasks.push(tokio::spawn(async move { send(&client, url, &token, "POST", Some(body), Some("same-key")).await }));
        }
        let mut created = Vec::new();
        for t in tasks {
            let a = t.await.expect("task");
            match a.status {
                201 => created.push(a.body),
                409 => assert_error(&a.body, "idempotency_in_progress"),
                other => panic!("unexpected {other}: {}", a.body),
            }
        }
        assert!(!created.is_empty());
        assert!(created.iter().all(|b| *b == created[0]), "every 201 is the one answer");
        assert_eq!(held(app, &n.staff, lathe, day).await.len(), 1, "one booking");
    }

    async fn forty_simultaneous_overlapping_requests_book_each_disjoint_slot_exactly_once(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        // Four disjoint two-hour slots from 8:00; every request lies inside one slot and covers
        // its quarter hour from one hour in, so requests for one slot all overlap each other.
        let variants: [((i8, i8), (i8, i8)); 5] = [((0, 0), (2, 0)), ((0, 30), (1, 30)), ((1, 0), (2, 0)), ((0, 0), (1, 30)), ((0, 45), (1, 15))];
        let client = app.client();
        let mut tasks = Vec::new();
        for k in 0..40usize {
            let slot_start = 8 + 2 * i8::try_from(k % 4).expect("small");
            let (from, to) = variants[(k / 4) % variants.len()];
            let mut body = booking(lathe, day, (slot_start + from.0, from.1), (slot_start + to.0, to.1));
            let token = if k % 2 == 0 { n.staff.clone() } else { n.partner.clone() };
            if k % 2 == 0 {
                body["booker_organisation_id"] = json!(n.other_company);
            }
            let (client, url) = (client.clone(), app.url("/api/v1/bookings"));
            tasks.push(tokio::spawn(async move { send(&client, url, &token, "POST", Some(body), None).await }));
        }
        let mut answers = Vec::new();
        for t in tasks {
            answers.push(t.await.expect("task"));
        }
        let stored = held(app, &n.staff, lathe, day).await;
        assert_eq!(stored.len(), 4, "one booking per disjoint slot");
        for (i, a) in stored.iter().enumerate() {
            for b in &stored[i + 1..] {
                let (a_start, a_end) = span_of(a);
                let (b_start, b_end) = span_of(b);
                assert!(a_end <= b_start || b_end <= a_start, "{a} overlaps {b}");
            }
        }
        let ids: BTreeSet<i64> = stored.iter().filter_map(|b| b["id"].as_i64()).collect();
        let accepted = answers.iter().filter(|a| a.status == 201).count();
        assert_eq!(accepted, 4, "exactly the expected number were accepted");
        for a in &answers {
            match a.status {
                201 => assert!(ids.contains(&a.body["bookings"][0]["id"].as_i64().expect("id"))),
                409 => {
                    assert_error(&a.body, "conflict");
                    let named = a.body["error"]["conflicts"][0]["booking_id"].as_i64().expect("a booking named");
                    assert!(ids.contains(&named), "the refusal names booking {named}, which exists");
                }
                other => panic!("unexpected {other}: {}", a.body),
            }
        }
    }

    async fn resources_bookings_and_refusals_answer_the_json_their_schemas_describe(app) {
        let n = network(app).await;
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let (_, resource) = get(app, &n.staff, &format!("/resources/{lathe}")).await;
        assert_matches_schema(&doc, "Resource", &resource);
        let day = monday();
        let (_, made) = post(app, &n.partner, "/bookings", booking(lathe, day, (8, 0), (10, 0))).await;
        assert_matches_schema(&doc, "BookingsMade", &made);
        assert_matches_schema(&doc, "Booking", &made["bookings"][0]);
        let (_, refused) = post(app, &n.other_partner, "/bookings", booking(lathe, day, (9, 0), (11, 0))).await;
        assert_matches_schema(&doc, "RefusedOccurrence", &refused["error"]["occurrences"][0]);
        assert_matches_schema(&doc, "BookingProblem", &refused["error"]["occurrences"][0]["problems"][0]);
        assert_matches_schema(&doc, "Clashing", &refused["error"]["conflicts"][0]);
        let (_, hours) = get(app, &n.staff, &format!("/resources/{lathe}/opening-hours")).await;
        assert_matches_schema(&doc, "OpeningHours", &hours);
        let (_, free) = get(app, &n.staff, &format!("/availability?from={day}&to={}&duration_minutes=60", day + 1.days())).await;
        assert_matches_schema(&doc, "Availability", &free);
        assert_matches_schema(&doc, "AvailableResource", &free["resources"][0]);
        let (_, listed) = get(app, &n.staff, &format!("/resources/{lathe}/bookings?from={day}&to={}", day + 1.days())).await;
        assert_matches_schema(&doc, "ResourceBookings", &listed);
    }

    async fn a_viewer_gets_403_on_booking(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let (status, e) = post(app, &n.viewer, "/bookings", booking(lathe, monday(), (8, 0), (9, 0))).await;
        assert_eq!(status, 403);
        assert_error(&e, "forbidden");
        assert!(held(app, &n.staff, lathe, monday()).await.is_empty());
    }

    async fn a_partner_cannot_see_another_organisation_s_booking_but_sees_the_clash_time(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let (_, made) = post(app, &n.partner, "/bookings", booking(lathe, day, (8, 0), (12, 0))).await;
        let theirs = &made["bookings"][0];
        let id = theirs["id"].as_i64().expect("id");
        let (status, e) = get(app, &n.other_partner, &format!("/bookings/{id}")).await;
        assert_eq!(status, 404);
        assert_error(&e, "not_found");
        let (status, e) = post(app, &n.other_partner, "/bookings", booking(lathe, day, (10, 0), (11, 0))).await;
        assert_eq!(status, 409);
        let conflict = &e["error"]["conflicts"][0];
        assert_eq!((conflict["booking_id"].as_i64(), &conflict["starts_at"], &conflict["ends_at"]), (Some(id), &theirs["starts_at"], &theirs["ends_at"]));
        assert_eq!(conflict["booker"], Value::Null);
        assert!(!e.to_string().contains("Hitsaamo"), "no trace of who booked: {e}");
        let (_, listed) = get(app, &n.other_partner, &format!("/resources/{lathe}/bookings?from={day}&to={}", day + 1.days())).await;
        assert_eq!(listed["items"][0]["starts_at"], theirs["starts_at"]);
        assert_eq!((&listed["items"][0]["booker"], &listed["items"][0]["purpose"]), (&Value::Null, &Value::Null));
        let (_, listed) = get(app, &n.partner, &format!("/resources/{lathe}/bookings?from={day}&to={}", day + 1.days())).await;
        assert_eq!(listed["items"][0]["purpose"], "Sarjatuotannon koeajo", "the booker sees its own");
        assert_eq!(get(app, &n.staff, &format!("/bookings/{id}")).await.0, 200);
        assert_eq!(get(app, &n.viewer, &format!("/bookings/{id}")).await.0, 200);
    }

    async fn the_owner_s_side_confirms_and_either_side_cancels(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["approval"] = json!("owner");
        let lathe = create_resource(app, &n.staff, body).await;
        let (_, made) = post(app, &n.partner, "/bookings", booking(lathe, monday(), (8, 0), (10, 0))).await;
        let b = &made["bookings"][0];
        assert_eq!(b["status"], "requested");
        let id = b["id"].as_i64().expect("id");
        assert_eq!(post(app, &n.partner, &format!("/bookings/{id}/confirm"), json!({})).await.0, 403, "the booker does not confirm its own");
        assert_eq!(post(app, &n.other_partner, &format!("/bookings/{id}/cancel"), json!({})).await.0, 404);
        let (status, confirmed) = post(app, &n.staff, &format!("/bookings/{id}/confirm"), json!({})).await;
        assert_eq!((status, confirmed["status"].as_str()), (200, Some("confirmed")));
        let (status, e) = post(app, &n.staff, &format!("/bookings/{id}/reject"), json!({})).await;
        assert_eq!(status, 422, "a confirmed booking is not rejected: {e}");
        assert!(e["error"]["fields"]["status"].is_string());
        assert_eq!(post(app, &n.viewer, &format!("/bookings/{id}/cancel"), json!({})).await.0, 403);
        let (status, cancelled) = post(app, &n.partner, &format!("/bookings/{id}/cancel"), json!({})).await;
        assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")));
        assert!(held(app, &n.staff, lathe, monday()).await.is_empty(), "the time is free again");
    }

    async fn availability_answers_the_free_time_around_a_booking_inside_the_hours(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["opening_hours"] = json!((1..=5).map(|d| json!({"weekday": d, "opens": "08:00", "closes": "16:00"})).collect::<Vec<_>>());
        let lathe = create_resource(app, &n.staff, body).await;
        let day = monday();
        assert_eq!(post(app, &n.partner, "/bookings", booking(lathe, day, (10, 0), (12, 0))).await.0, 201);
        let path = format!("/availability?kind=machine&from={day}&to={}&duration_minutes=60", day + 1.days());
        let (status, free) = get(app, &n.other_partner, &path).await;
        assert_eq!(status, 200, "{free}");
        assert_eq!(free["resources"][0]["id"], lathe);
        assert_eq!(free["resources"][0]["free"], json!([
            {"starts_at": at(day, 8, 0), "ends_at": at(day, 10, 0)},
            {"starts_at": at(day, 12, 0), "ends_at": at(day, 16, 0)},
        ]));
        let (status, e) = get(app, &n.staff, &format!("/availability?from={day}&to={}", day + 1.days())).await;
        assert_eq!(status, 422);
        assert!(e["error"]["fields"]["duration_minutes"].is_string());
    }
}

app_test! {
    async fn the_owner_s_side_confirms_a_whole_series_with_scope_all(app) {
        let n = network(app).await;
        let mut body = lathe(n.school);
        body["approval"] = json!("owner");
        let lathe = create_resource(app, &n.staff, body).await;
        let mut series = booking(lathe, monday() + 3.days(), (8, 0), (12, 0));
        series["recurrence"] = json!("FREQ=WEEKLY;BYDAY=TH;COUNT=3");
        let (_, made) = post(app, &n.partner, "/bookings", series).await;
        let ids: Vec<i64> = made["bookings"].as_array().expect("bookings").iter().map(|b| b["id"].as_i64().expect("id")).collect();
        assert_eq!(ids.len(), 3);
        let (status, e) = post(app, &n.staff, &format!("/bookings/{}/confirm?scope=sometimes", ids[1]), json!({})).await;
        assert_eq!(status, 422, "{e}");
        assert!(e["error"]["fields"]["scope"].is_string(), "{e}");
        assert_eq!(post(app, &n.partner, &format!("/bookings/{}/confirm?scope=all", ids[1]), json!({})).await.0, 403, "the booker does not confirm its own series");
        let (status, confirmed) = post(app, &n.staff, &format!("/bookings/{}/confirm?scope=all", ids[1]), json!({})).await;
        assert_eq!(status, 200, "{confirmed}");
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        assert_matches_schema(&doc, "BookingsChanged", &confirmed);
        let changed: Vec<(i64, &str)> = confirmed["bookings"].as_array().expect("bookings").iter()
            .map(|b| (b["id"].as_i64().expect("id"), b["status"].as_str().expect("status")))
            .collect();
        assert_eq!(changed, ids.iter().map(|id| (*id, "confirmed")).collect::<Vec<_>>());
        let (status, cancelled) = post(app, &n.partner, &format!("/bookings/{}/cancel?scope=following", ids[1]), json!({})).await;
        assert_eq!(status, 200, "{cancelled}");
        assert_eq!(cancelled["bookings"].as_array().expect("bookings").len(), 2, "this and the following one");
        let (_, first) = get(app, &n.staff, &format!("/bookings/{}", ids[0])).await;
        assert_eq!(first["status"], "confirmed", "the first Thursday stays");
    }

    async fn moving_a_series_answers_200_with_the_moved_bookings_at_the_new_wall_clock_time(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let thursday = monday() + 3.days();
        let mut series = booking(lathe, thursday, (8, 0), (12, 0));
        series["recurrence"] = json!("FREQ=WEEKLY;BYDAY=TH;COUNT=3");
        let (_, made) = post(app, &n.partner, "/bookings", series).await;
        let second = made["bookings"][1]["id"].as_i64().expect("id");
        let (status, moved) = post(app, &n.partner, &format!("/bookings/{second}/move"), json!({"scope": "following", "starts": "13:00", "ends": "15:00"})).await;
        assert_eq!(status, 200, "{moved}");
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        assert_matches_schema(&doc, "BookingsMoved", &moved);
        let moved = moved["bookings"].as_array().expect("bookings");
        assert_eq!(moved.len(), 2, "this and the following one");
        assert_eq!((&moved[0]["starts_at"], &moved[0]["ends_at"]), (&json!(at(thursday + 1.weeks(), 13, 0)), &json!(at(thursday + 1.weeks(), 15, 0))));
        assert_eq!(moved[1]["starts_at"], at(thursday + 2.weeks(), 13, 0));
        let (_, first) = get(app, &n.staff, &format!("/bookings/{}", made["bookings"][0]["id"])).await;
        assert_eq!(first["starts_at"], at(thursday, 8, 0), "the first occurrence stays");
        let one = made["bookings"][0]["id"].as_i64().expect("id");
        let (status, moved) = post(app, &n.partner, &format!("/bookings/{one}/move"), json!({"scope": "this", "starts": "10:00", "ends": "11:00", "date": (thursday + 1.days()).to_string()})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["bookings"][0]["starts_at"], at(thursday + 1.days(), 10, 0));
    }

    async fn a_move_into_another_booking_answers_409_naming_the_occurrence_and_moves_nothing(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let day = monday();
        let (_, mine) = post(app, &n.partner, "/bookings", booking(lathe, day, (8, 0), (10, 0))).await;
        let (_, theirs) = post(app, &n.other_partner, "/bookings", booking(lathe, day, (12, 0), (14, 0))).await;
        let id = mine["bookings"][0]["id"].as_i64().expect("id");
        let (status, e) = post(app, &n.partner, &format!("/bookings/{id}/move"), json!({"scope": "this", "starts": "11:00", "ends": "13:00"})).await;
        assert_eq!(status, 409, "{e}");
        assert_error(&e, "move_refused");
        let refused = &e["error"]["occurrences"][0];
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        assert_matches_schema(&doc, "RefusedMove", refused);
        assert_eq!(refused["booking_id"], id);
        assert_eq!(refused["new_starts_at"], at(day, 11, 0));
        assert_eq!(refused["problems"][0]["code"], "conflict");
        assert_eq!(refused["problems"][0]["conflicts"][0]["booking_id"], theirs["bookings"][0]["id"]);
        assert_eq!(refused["problems"][0]["conflicts"][0]["booker"], Value::Null, "another company's booking stays anonymous");
        let (_, still) = get(app, &n.partner, &format!("/bookings/{id}")).await;
        assert_eq!(still["starts_at"], at(day, 8, 0), "nothing moved");
    }

    async fn a_move_is_refused_to_those_who_may_not_cancel_and_reads_its_fields(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let (_, made) = post(app, &n.partner, "/bookings", booking(lathe, monday(), (8, 0), (10, 0))).await;
        let id = made["bookings"][0]["id"].as_i64().expect("id");
        let path = format!("/bookings/{id}/move");
        let body = json!({"scope": "this", "starts": "09:00", "ends": "11:00"});
        assert_eq!(post(app, &n.other_partner, &path, body.clone()).await.0, 404);
        assert_eq!(post(app, &n.viewer, &path, body).await.0, 403);
        let (status, e) = post(app, &n.partner, &path, json!({"scope": "sometimes", "starts": "9", "ends": "08:00", "date": "2026-13-01"})).await;
        assert_eq!(status, 422, "{e}");
        for field in ["scope", "starts", "date"] {
            assert!(e["error"]["fields"][field].is_string(), "{field}: {e}");
        }
        let (status, e) = post(app, &n.partner, &path, json!({"scope": "this", "starts": "12:00", "ends": "11:00"})).await;
        assert_eq!(status, 422);
        assert!(e["error"]["fields"]["ends"].is_string(), "{e}");
    }
}

app_test! {
    async fn a_resource_is_put_at_its_owners_location_through_the_api_and_answers_its_location_id(app) {
        let n = network(app).await;
        let hall = site(app, n.school, "Konepajahalli").await;
        let foreign = site(app, n.company, "Hitsaamon halli").await;
        let mut body = lathe(n.school);
        body["location_id"] = json!(hall);
        let (status, r) = post(app, &n.staff, "/resources", body).await;
        assert_eq!(status, 201, "{r}");
        assert_eq!(r["location_id"], hall);
        let id = r["id"].as_i64().expect("id");
        let (_, seen) = get(app, &n.partner, &format!("/resources/{id}")).await;
        assert_eq!(seen["location_id"], hall, "everyone reading the resource sees where it is");
        assert_eq!(stored::get(&app.db, id).await.expect("get").expect("stored").location_id, Some(hall));
        let (status, same) = call(app, &n.staff, "PUT", &format!("/resources/{id}"), Some(r.clone())).await;
        assert_eq!((status, &same["location_id"]), (200, &json!(hall)), "what a GET answered goes back with a PUT");

        let mut moved = r.clone();
        moved["location_id"] = json!(foreign);
        moved["name"] = json!("CNC-sorvi Okuma");
        let (status, e) = call(app, &n.staff, "PUT", &format!("/resources/{id}"), Some(moved)).await;
        assert_eq!(status, 422, "{e}");
        assert_eq!(e["error"]["fields"]["location_id"], "The location is not one of the owner organisation's. Choose one of the owner's locations or \"No location\".");
        let kept = stored::get(&app.db, id).await.expect("get").expect("stored");
        assert_eq!((kept.name.as_str(), kept.location_id), ("CNC-sorvi", Some(hall)), "nothing was changed");
        let mut wrong = lathe(n.school);
        wrong["location_id"] = json!("the hall");
        let (status, e) = post(app, &n.staff, "/resources", wrong).await;
        assert_eq!(status, 422);
        assert!(e["error"]["fields"]["location_id"].is_string(), "{e}");
        let mut elsewhere = lathe(n.school);
        elsewhere["location_id"] = json!(foreign);
        assert_eq!(post(app, &n.staff, "/resources", elsewhere).await.0, 422);
        let (_, list) = get(app, &n.staff, "/resources").await;
        assert_eq!(list["total"], 1, "no resource was made at another organisation's location");

        let mut nowhere = r.clone();
        nowhere["location_id"] = Value::Null;
        let (status, r) = call(app, &n.staff, "PUT", &format!("/resources/{id}"), Some(nowhere)).await;
        assert_eq!((status, &r["location_id"]), (200, &Value::Null), "null takes the resource away from its location");
        assert!(audited(app, id).await.iter().any(|c| c.contains("location_id")), "audited");
    }

    async fn a_picture_is_uploaded_listed_renamed_and_deleted_through_the_api(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let (status, image, location) = upload(app, &n.staff, lathe, Some("CNC-sorvi konepajan hallissa"), PNG).await;
        assert_eq!(status, 201, "{image}");
        let image_id = image["id"].as_i64().expect("id");
        assert_eq!(location.as_deref(), Some(format!("/api/v1/resources/{lathe}/images/{image_id}").as_str()));
        assert_eq!(image["content_type"], "image/png");
        assert_eq!(image["alt_text"], "CNC-sorvi konepajan hallissa");
        assert_eq!(image["url"], format!("http://{}/api/v1/resources/{lathe}/images/{image_id}", app.addr));

        let (status, list) = get(app, &n.partner, &format!("/resources/{lathe}/images")).await;
        assert_eq!(status, 200, "{list}");
        assert_eq!((list["total"].as_i64(), &list["items"][0]), (Some(1), &image), "everyone signed in lists the pictures");
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        assert_matches_schema(&doc, "ResourceImageList", &list);
        assert_matches_schema(&doc, "ResourceImage", &image);
        let res = app.client().get(image["url"].as_str().expect("url")).bearer_auth(&n.partner).send().await.expect("get bytes");
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/png");
        assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG, "the same bytes come back");

        let path = format!("/resources/{lathe}/images/{image_id}");
        let mut changed = image.clone();
        changed["alt_text"] = json!("CNC-sorvi edestä");
        let (status, renamed) = call(app, &n.staff, "PUT", &path, Some(changed)).await;
        assert_eq!(status, 200, "what was answered goes back with the new text: {renamed}");
        assert_eq!(renamed["alt_text"], "CNC-sorvi edestä");
        let (status, e) = call(app, &n.staff, "PUT", &path, Some(json!({"alt_text": "  "}))).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["fields"]["alt_text"], "This is required.");
        assert_eq!(stored::images(&app.db, lathe).await.expect("images")[0].alt_text.as_deref(), Some("CNC-sorvi edestä"));
        let (status, _) = call(app, &n.staff, "PUT", &format!("/resources/{lathe}/images/{}", image_id + 1), Some(json!({"alt_text": "x"}))).await;
        assert_eq!(status, 404, "no such picture");

        let (status, body) = call(app, &n.staff, "DELETE", &path, None).await;
        assert_eq!((status, body), (204, Value::Null));
        let (_, list) = get(app, &n.partner, &format!("/resources/{lathe}/images")).await;
        assert_eq!(list["total"], 0);
        assert_eq!(get(app, &n.partner, &path).await.0, 404, "the bytes are gone too");
        assert_eq!(call(app, &n.staff, "DELETE", &path, None).await.0, 404);
        let entries = audited(app, lathe).await;
        for expected in ["image/png", "CNC-sorvi edestä", "\"new\":null"] {
            assert!(entries.iter().any(|c| c.contains(expected)), "{expected} audited: {entries:?}");
        }
    }

    async fn a_file_that_is_not_an_image_or_lacks_its_alt_text_answers_422_and_nothing_is_stored(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let (status, e, _) = upload(app, &n.staff, lathe, Some("Sorvin kuva"), b"<script>alert(1)</script>").await;
        assert_eq!(status, 422, "{e}");
        assert_error(&e, "validation");
        assert_eq!(e["error"]["fields"]["image"], "The file is not a picture. Accepted formats are PNG, JPEG, WebP and GIF.");
        let (status, e, _) = upload(app, &n.staff, lathe, None, PNG).await;
        assert_eq!(status, 422);
        assert!(e["error"]["fields"]["alt_text"].is_string(), "a picture needs its text alternative: {e}");
        let mut big = PNG.to_vec();
        big.resize(vaski_domain::sharing::image::MAX_IMAGE_BYTES + 1, 0);
        let (status, e, _) = upload(app, &n.staff, lathe, Some("Iso kuva"), &big).await;
        assert_eq!(status, 422);
        assert_eq!(e["error"]["fields"]["image"], "The picture is too large: 5 MB at most.");
        let (status, e) = post(app, &n.staff, &format!("/resources/{lathe}/images"), json!({"alt_text": "Sorvi", "image": "iVBORw0KGgo="})).await;
        assert_eq!(status, 415, "a picture is sent as multipart: {e}");
        assert!(e["error"]["message"].as_str().expect("message").contains("multipart/form-data"));
        assert!(stored::images(&app.db, lathe).await.expect("images").is_empty(), "nothing was stored");
        assert_eq!(upload(app, &n.staff, lathe + 1000, Some("Sorvi"), PNG).await.0, 404, "no such resource");
    }

    async fn a_viewer_or_another_organisations_partner_gets_403_on_changing_pictures(app) {
        let n = network(app).await;
        let lathe = create_resource(app, &n.staff, lathe(n.school)).await;
        let mut tx = app.db.begin().await.expect("begin");
        let image = stored::add_image(&mut tx, lathe, PNG.to_vec(), Some("Sorvi".into()), &Actor::system("test"))
            .await
            .expect("add image");
        tx.commit().await.expect("commit");
        let path = format!("/resources/{lathe}/images/{image}");
        for token in [&n.viewer, &n.partner] {
            let (status, e, _) = upload(app, token, lathe, Some("Ei minun"), PNG).await;
            assert_eq!(status, 403, "{e}");
            assert_error(&e, "forbidden");
            assert_eq!(call(app, token, "PUT", &path, Some(json!({"alt_text": "Ei minun"}))).await.0, 403);
            assert_eq!(call(app, token, "DELETE", &path, None).await.0, 403);
            let (status, list) = get(app, token, &format!("/resources/{lathe}/images")).await;
            assert_eq!((status, &list["total"]), (200, &json!(1)), "but may list them");
        }
        let images = stored::images(&app.db, lathe).await.expect("images");
        assert_eq!(images.len(), 1, "nothing was added or deleted");
        assert_eq!(images[0].alt_text.as_deref(), Some("Sorvi"), "nor renamed");
        let res = app.client().get(app.url(&format!("/api/v1{path}"))).send().await.expect("get");
        assert_eq!(res.status(), 401, "no picture without a token");
    }
}

app_test! {
    async fn a_locations_opening_hours_round_trip_and_govern_its_resources_without_hours_of_their_own(app) {
        let n = network(app).await;
        let mut tx = app.db.begin().await.expect("begin");
        let campus = stored::create_location(&mut tx, n.school, "Forssan kampus", None, None, &Actor::system("test"))
            .await
            .expect("location");
        tx.commit().await.expect("commit");
        let mut body = lathe(n.school);
        body["location_id"] = json!(campus);
        let lathe = create_resource(app, &n.staff, body).await;
        let day = monday();
        let wednesday = day + 2.days();
        let hours = json!({
            "weekly": (1..=5).map(|d| json!({"weekday": d, "opens": "08:00", "closes": "16:00"})).collect::<Vec<_>>(),
            "exceptions": [{"date": wednesday.to_string(), "closed": true, "note": "Sähkökatko"}],
        });
        let path = format!("/locations/{campus}/opening-hours");
        let (status, put) = call(app, &n.staff, "PUT", &path, Some(hours.clone())).await;
        assert_eq!(status, 200, "{put}");
        assert_eq!((&put["weekly"], &put["exceptions"]), (&hours["weekly"], &hours["exceptions"]), "the answer is what was sent");
        let (status, got) = get(app, &n.staff, &path).await;
        assert_eq!(status, 200);
        assert_eq!(got, put, "and is read back the same");
        let (status, again) = call(app, &n.staff, "PUT", &path, Some(got.clone())).await;
        assert_eq!((status, &again), (200, &got), "what is read can be sent back as it is");
        let (_, doc) = get(app, &n.staff, "/openapi.json").await;
        assert_matches_schema(&doc, "LocationOpeningHours", &got);
        let entries: Vec<(String,)> = app.db.fetch_all(
            sql("SELECT changes FROM audit_log WHERE entity = 'location' AND entity_id = $1 AND action = 'update' ORDER BY id").bind(campus),
        ).await.expect("audit");
        assert_eq!(entries.len(), 2, "the weekly hours and the exceptions, each audited once: {entries:?}");

        let (status, own) = get(app, &n.partner, &format!("/resources/{lathe}/opening-hours")).await;
        assert_eq!(status, 200);
        assert_eq!(own["weekly"], json!([]), "the lathe has no hours of its own");
        assert_eq!(own["location_hours"]["name"], "Forssan kampus", "but says whose it follows: {own}");
        assert_eq!(own["location_hours"]["weekly"], hours["weekly"]);
        assert_eq!(own["location_hours"]["exceptions"], hours["exceptions"]);
        assert_matches_schema(&doc, "OpeningHours", &own);

        let (status, free) = get(app, &n.partner, &format!("/availability?from={day}&to={}&duration_minutes=60", day + 3.days())).await;
        assert_eq!(status, 200, "{free}");
        let slots = free["resources"].as_array().expect("resources").iter()
            .find(|r| r["id"] == lathe).expect("the lathe")["free"].clone();
        assert_eq!(slots, json!([
            {"starts_at": at(day, 8, 0), "ends_at": at(day, 16, 0)},
            {"starts_at": at(day + 1.days(), 8, 0), "ends_at": at(day + 1.days(), 16, 0)},
        ]), "free in the campus's hours, and not on its closed Wednesday");
        let (status, e) = post(app, &n.partner, "/bookings", booking(lathe, wednesday, (9, 0), (10, 0))).await;
        assert_eq!(status, 422, "a booking on the closed day is refused: {e}");

        let (status, _) = get(app, &n.partner, &path).await;
        assert_eq!(status, 404, "another organisation's location does not exist for a partner");
        let (status, _) = call(app, &n.viewer, "PUT", &path, Some(json!({"weekly": [], "exceptions": []}))).await;
        assert_eq!(status, 403, "a viewer changes nothing");
        let (status, e) = call(app, &n.staff, "PUT", &path, Some(json!({
            "weekly": [],
            "exceptions": [{"date": "2031-02-30", "closed": true}],
        }))).await;
        assert_eq!(status, 422, "{e}");
        assert!(e["error"]["fields"]["exceptions"].is_string(), "{e}");
        assert_eq!(get(app, &n.staff, &path).await.1, got, "a refused document changes nothing");
    }
}
