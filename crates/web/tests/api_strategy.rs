//! HTTP tests of Suunta's JSON API under `/api/v1`: plans and their goals, actions with their
//! owners, partners and milestones and the derived late status, indicators with targets, goal
//! links and hand-kept values; who may read and write them, and the audit trail of the
//! writes; against the started application on both databases.

mod common;

use common::TestApp;
use serde_json::{json, Value};
use time::{Date, Duration, Month};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;

/// Calls the API with an optional bearer token and JSON body; answers the status and the body
/// (`null` when there is none).
async fn call(
    app: &TestApp,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = app
        .client()
        .request(method, app.url(&format!("/api/v1{path}")));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("send");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    (status, value)
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    call(app, Some(token), "GET", path, None).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, Some(token), "POST", path, Some(body)).await
}

async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, Some(token), "PUT", path, Some(body)).await
}

async fn delete(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    call(app, Some(token), "DELETE", path, None).await
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// Today as the server judges "late" (Helsinki), give or take a day: the tests keep their
/// dates further than that from it.
fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn iso(d: Date) -> String {
    d.to_string()
}

fn first_day(year: i32) -> Date {
    Date::from_calendar_date(year, Month::January, 1).expect("date")
}

fn last_day(year: i32) -> Date {
    Date::from_calendar_date(year, Month::December, 31).expect("date")
}

/// The institution, a staff user with a token, and a plan made through the API that runs from
/// last year to two years ahead (so that today lies inside it).
struct Setup {
    staff_id: i64,
    token: String,
    plan: i64,
    first_year: i32,
    last_year: i32,
}

async fn setup(app: &TestApp) -> Setup {
    let school = app
        .organisation(
            OrganisationInput {
                name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
                kind: "vocational_institution".into(),
                ..Default::default()
            },
            &[],
        )
        .await;
    let staff_id = app.user("tiina@lhkk.example", Role::Staff, None).await;
    let token = app.token(staff_id).await;
    let (first_year, last_year) = (today().year() - 1, today().year() + 2);
    let (status, plan) = post(
        app,
        &token,
        "/plans",
        json!({
            "organisation_id": school,
            "title": "Työelämäyhteistyön suunta",
            "vision": "Verkostomaisesti ja vastuullisesti",
            "first_year": first_year,
            "last_year": last_year,
        }),
    )
    .await;
    assert_eq!(status, 201, "{plan}");
    assert_eq!(plan["on_track_from"], 0.9, "the default thresholds");
    assert_eq!(plan["at_risk_from"], 0.6);
    Setup {
        staff_id,
        token,
        plan: id(&plan),
        first_year,
        last_year,
    }
}

async fn a_goal(app: &TestApp, s: &Setup, title: &str, parent: Option<i64>) -> i64 {
    let (status, goal) = post(
        app,
        &s.token,
        &format!("/plans/{}/goals", s.plan),
        json!({ "title": title, "perspective": "network", "parent_id": parent }),
    )
    .await;
    assert_eq!(status, 201, "{goal}");
    id(&goal)
}

/// An action over the whole plan under a new goal, with no milestones.
async fn an_action(app: &TestApp, s: &Setup) -> Value {
    let goal = a_goal(app, s, "Verkostomainen yhteistyö", None).await;
    let (status, action) = post(
        app,
        &s.token,
        &format!("/plans/{}/actions", s.plan),
        json!({
            "goal_id": goal,
            "title": "Yhteiskäytön sopimusmalli",
            "starts_on": iso(first_day(s.first_year)),
            "ends_on": iso(last_day(s.last_year)),
            "owners": [s.staff_id],
        }),
    )
    .await;
    assert_eq!(status, 201, "{action}");
    action
}

async fn a_count_indicator(app: &TestApp, s: &Setup) -> Value {
    let (status, indicator) = post(
        app,
        &s.token,
        &format!("/plans/{}/indicators", s.plan),
        json!({
            "key": "placements",
            "name": "Työpaikalla järjestettävä koulutus",
            "unit": "count",
            "direction": "higher",
            "baseline_value": 40,
        }),
    )
    .await;
    assert_eq!(status, 201, "{indicator}");
    indicator
}

/// The audit rows of one record: `(action, actor)` in order.
async fn audit_of(app: &TestApp, entity: &str, entity_id: i64) -> Vec<(String, String)> {
    app.db
        .fetch_all(
            vaski_store::sql(
                "SELECT action, actor FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
            )
            .bind(entity)
            .bind(entity_id),
        )
        .await
        .expect("audit")
}

async fn audit_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(vaski_store::sql("SELECT COUNT(*) FROM audit_log"))
        .await
        .expect("count");
    n
}

app_test! {
    async fn a_plan_is_read_with_its_goals_as_a_tree_and_its_thresholds_change(app) {
        let s = setup(app).await;
        let main = a_goal(app, &s, "Verkostomainen yhteistyö", None).await;
        let sub = a_goal(app, &s, "Yhteiskäyttö kasvaa", Some(main)).await;
        let (status, plan) = get(app, &s.token, &format!("/plans/{}", s.plan)).await;
        assert_eq!(status, 200);
        assert_eq!(plan["vision"], "Verkostomaisesti ja vastuullisesti");
        assert_eq!(plan["organisation_name"], "Lounais-Hämeen koulutuskuntayhtymä");
        assert_eq!(plan["goals"][0]["id"], main);
        assert_eq!(plan["goals"][0]["subgoals"][0]["id"], sub);
        assert_eq!(plan["goals"][0]["subgoals"][0]["depth"], 2);
        let (_, list) = get(app, &s.token, "/plans").await;
        assert_eq!(list["items"][0]["id"], s.plan);

        let mut changed = plan.clone();
        changed["on_track_from"] = json!(0.8);
        changed["at_risk_from"] = json!(0.5);
        let (status, after) = put(app, &s.token, &format!("/plans/{}", s.plan), changed).await;
        assert_eq!(status, 200, "what GET answered can be sent back: {after}");
        assert_eq!(after["on_track_from"], 0.8);
        assert_eq!(after["at_risk_from"], 0.5);
        let mut wrong = after.clone();
        wrong["on_track_from"] = json!(90);
        let (status, body) = put(app, &s.token, &format!("/plans/{}", s.plan), wrong).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["on_track_from"], "Give a share from 0 to 1, for example 0.9.");
        let (_, same) = get(app, &s.token, &format!("/plans/{}", s.plan)).await;
        assert_eq!(same["on_track_from"], 0.8, "nothing changed");
    }

    async fn a_goal_is_created_changed_and_nests_three_levels_deep_at_most(app) {
        let s = setup(app).await;
        let main = a_goal(app, &s, "Verkostomainen yhteistyö", None).await;
        let sub = a_goal(app, &s, "Yhteiskäyttö kasvaa", Some(main)).await;
        let third = a_goal(app, &s, "Koneet kalenteriin", Some(sub)).await;
        let (status, body) = post(app, &s.token, &format!("/plans/{}/goals", s.plan), json!({
            "title": "Liian syvä", "parent_id": third,
        })).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["parent_id"], "Goals can nest at most three levels deep.");
        let (_, goals) = get(app, &s.token, &format!("/plans/{}/goals", s.plan)).await;
        let titles: Vec<&str> = goals["items"].as_array().expect("items").iter().filter_map(|g| g["title"].as_str()).collect();
        assert_eq!(titles, vec!["Verkostomainen yhteistyö", "Yhteiskäyttö kasvaa", "Koneet kalenteriin"]);
        assert_eq!(goals["items"][2]["depth"], 3);

        let (status, body) = post(app, &s.token, &format!("/plans/{}/goals", s.plan), json!({ "title": "" })).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["title"], "This is required.");

        let (status, changed) = put(app, &s.token, &format!("/goals/{third}"), json!({
            "title": "Koneet ja tilat kalenteriin", "parent_id": main, "owner_user_id": s.staff_id,
        })).await;
        assert_eq!(status, 200, "{changed}");
        assert_eq!(changed["title"], "Koneet ja tilat kalenteriin");
        assert_eq!(changed["depth"], 2);
        assert_eq!(changed["owner_name"], "tiina");
        let (status, _) = post(app, &s.token, "/plans/999999/goals", json!({ "title": "Ei suunnitelmaa" })).await;
        assert_eq!(status, 404);
    }

    async fn an_action_is_created_with_owners_partners_and_milestones(app) {
        let s = setup(app).await;
        let second = app.user("olli@lhkk.example", Role::Staff, None).await;
        let partner = app.organisation(OrganisationInput { name: "Forssan Hitsaamo Oy".into(), kind: "company".into(), ..Default::default() }, &[]).await;
        let goal = a_goal(app, &s, "Verkostomainen yhteistyö", None).await;
        let due = today() + Duration::days(60);
        let (status, action) = post(app, &s.token, &format!("/plans/{}/actions", s.plan), json!({
            "goal_id": goal,
            "title": "Yhteiskäytön sopimusmalli",
            "priority": "high",
            "starts_on": iso(first_day(s.first_year)),
            "ends_on": iso(last_day(s.last_year)),
            "budget_cents": 1_250_050,
            "owners": [s.staff_id, {"id": second}],
            "partners": [partner],
            "milestones": [{ "title": "Sopimusluonnos", "due_on": iso(due) }],
        })).await;
        assert_eq!(status, 201, "{action}");
        let aid = id(&action);
        let (status, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(status, 200);
        assert_eq!(read, action, "the answer is the action as read");
        let owners: Vec<i64> = read["owners"].as_array().expect("owners").iter().filter_map(|o| o["id"].as_i64()).collect();
        assert_eq!(owners.len(), 2);
        assert!(owners.contains(&s.staff_id) && owners.contains(&second));
        assert_eq!(read["partners"][0]["name"], "Forssan Hitsaamo Oy");
        assert_eq!(read["budget_cents"], 1_250_050);
        assert_eq!(read["priority"], "high");
        assert_eq!(read["status"], "planned");
        assert_eq!(read["shown_status"], "planned");
        assert_eq!(read["milestones"][0]["title"], "Sopimusluonnos");
        assert_eq!(read["milestones"][0]["due_on"], iso(due));
        assert_eq!(read["milestones"][0]["overdue"], false);

        let (status, m) = post(app, &s.token, &format!("/actions/{aid}/milestones"), json!({
            "title": "Malli hyväksytty", "due_on": iso(due + Duration::days(30)),
        })).await;
        assert_eq!(status, 201, "{m}");
        let (_, list) = get(app, &s.token, &format!("/plans/{}/actions", s.plan)).await;
        assert_eq!(list["items"][0]["milestones"].as_array().map(Vec::len), Some(2));

        let mut changed = read.clone();
        changed["title"] = json!("Yhteiskäytön sopimusmalli ja hinnasto");
        changed["owners"] = json!([second]);
        let (status, after) = put(app, &s.token, &format!("/actions/{aid}"), changed).await;
        assert_eq!(status, 200, "{after}");
        assert_eq!(after["title"], "Yhteiskäytön sopimusmalli ja hinnasto");
        assert_eq!(after["owners"], json!([{"id": second, "name": "olli"}]));
        assert_eq!(after["milestones"].as_array().map(Vec::len), Some(2), "the milestones stay");

        let (status, body) = post(app, &s.token, &format!("/actions/{aid}/status"), json!({"status": "late"})).await;
        assert_eq!(status, 422, "late is derived, never set");
        assert!(body["error"]["fields"]["status"].is_string());
        let (status, after) = post(app, &s.token, &format!("/actions/{aid}/status"), json!({"status": "in_progress"})).await;
        assert_eq!(status, 200);
        assert_eq!(after["status"], "in_progress");
        assert_eq!(after["shown_status"], "in_progress");
    }

    async fn an_action_is_shown_late_when_a_milestone_date_passed_undone(app) {
        let s = setup(app).await;
        let action = an_action(app, &s).await;
        let aid = id(&action);
        assert_eq!(action["shown_status"], "planned");
        let (status, m) = post(app, &s.token, &format!("/actions/{aid}/milestones"), json!({
            "title": "Kartoitus tehty", "due_on": iso(today() - Duration::days(10)),
        })).await;
        assert_eq!(status, 201, "{m}");
        assert_eq!(m["overdue"], true);
        let (_, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(read["status"], "planned", "the status set stays");
        assert_eq!(read["shown_status"], "late", "the status shown is derived");

        let (status, done) = post(app, &s.token, &format!("/milestones/{}/done", id(&m)), json!({"done": true})).await;
        assert_eq!(status, 200, "{done}");
        assert!(done["done_on"].is_string());
        assert_eq!(done["overdue"], false);
        let (_, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(read["shown_status"], "planned");

        let (_, undone) = post(app, &s.token, &format!("/milestones/{}/done", id(&m)), json!({"done": false})).await;
        assert_eq!(undone["done_on"], Value::Null);
        let (_, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(read["shown_status"], "late");
        let (status, body) = post(app, &s.token, &format!("/milestones/{}/done", id(&m)), json!({})).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["done"], "This is required.");
    }

    async fn a_milestone_outside_its_action_is_refused_and_nothing_changes(app) {
        let s = setup(app).await;
        let action = an_action(app, &s).await;
        let aid = id(&action);
        let (_, m) = post(app, &s.token, &format!("/actions/{aid}/milestones"), json!({
            "title": "Sopimusluonnos", "due_on": iso(today() + Duration::days(30)),
        })).await;
        let before = audit_count(app).await;
        let outside = iso(last_day(s.last_year) + Duration::days(1));
        let (status, body) = post(app, &s.token, &format!("/actions/{aid}/milestones"), json!({
            "title": "Liian myöhään", "due_on": outside,
        })).await;
        assert_eq!(status, 422);
        assert_eq!(
            body["error"]["fields"]["due_on"],
            format!("A milestone's date must lie within its action's schedule, {} to {}.", iso(first_day(s.first_year)), iso(last_day(s.last_year))),
        );
        let (status, body) = put(app, &s.token, &format!("/milestones/{}", id(&m)), json!({
            "title": "Sopimusluonnos", "due_on": iso(first_day(s.first_year) - Duration::days(1)),
        })).await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"]["due_on"].as_str().is_some_and(|t| t.contains("within its action's schedule")));
        let (status, body) = post(app, &s.token, &format!("/plans/{}/actions", s.plan), json!({
            "goal_id": action["goal_id"], "title": "Uusi", "starts_on": iso(first_day(s.first_year)), "ends_on": iso(last_day(s.first_year)),
            "milestones": [{ "title": "Myöhässä", "due_on": iso(first_day(s.last_year)) }],
        })).await;
        assert_eq!(status, 422, "{body}");
        assert!(body["error"]["fields"]["milestones[0].due_on"].is_string());

        let (_, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(read["milestones"].as_array().map(Vec::len), Some(1));
        assert_eq!(read["milestones"][0]["due_on"], iso(today() + Duration::days(30)));
        let (_, list) = get(app, &s.token, &format!("/plans/{}/actions", s.plan)).await;
        assert_eq!(list["items"].as_array().map(Vec::len), Some(1), "no action was added");
        assert_eq!(audit_count(app).await, before, "nothing was written");

        // Nor may the action's dates move so that its milestone falls outside.
        let mut shorter = read.clone();
        shorter["ends_on"] = json!(iso(first_day(s.first_year) + Duration::days(5)));
        let (status, body) = put(app, &s.token, &format!("/actions/{aid}"), shorter).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["ends_on"], "Milestones would fall outside the action's schedule.");
    }

    async fn an_indicator_is_created_with_targets_per_year_and_goal_links(app) {
        let s = setup(app).await;
        let goal = a_goal(app, &s, "Verkostomainen yhteistyö", None).await;
        let indicator = a_count_indicator(app, &s).await;
        let iid = id(&indicator);
        assert_eq!(indicator["baseline_value"], 40.0);
        assert_eq!(indicator["targets"], json!([]));
        for (year, value) in [(s.first_year, 50), (s.last_year, 70)] {
            let (status, t) = put(app, &s.token, &format!("/indicators/{iid}/targets/{year}"), json!({"value": value})).await;
            assert_eq!(status, 200, "{t}");
            assert_eq!(t["year"], year);
        }
        let (status, link) = put(app, &s.token, &format!("/indicators/{iid}/goals/{goal}"), json!({"weight": 2})).await;
        assert_eq!(status, 200, "{link}");
        let (status, read) = get(app, &s.token, &format!("/indicators/{iid}")).await;
        assert_eq!(status, 200);
        assert_eq!(read["targets"], json!([{"year": s.first_year, "value": 50.0}, {"year": s.last_year, "value": 70.0}]));
        assert_eq!(read["goals"], json!([{"goal_id": goal, "title": "Verkostomainen yhteistyö", "weight": 2.0}]));
        let (_, list) = get(app, &s.token, &format!("/plans/{}/indicators", s.plan)).await;
        assert_eq!(list["items"][0]["targets"], read["targets"]);

        // A target of null removes the year's target; a count target with decimals is refused.
        let (status, _) = put(app, &s.token, &format!("/indicators/{iid}/targets/{}", s.first_year), json!({"value": null})).await;
        assert_eq!(status, 200);
        let (status, body) = put(app, &s.token, &format!("/indicators/{iid}/targets/{}", s.first_year), json!({"value": 2.5})).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["value"], "Give a whole number that is not negative.");
        let (_, read) = get(app, &s.token, &format!("/indicators/{iid}")).await;
        assert_eq!(read["targets"], json!([{"year": s.last_year, "value": 70.0}]));

        // A share is given from 0 to 1, as the scorecard answers it.
        let (status, share) = post(app, &s.token, &format!("/plans/{}/indicators", s.plan), json!({
            "key": "feedback", "name": "Tyytyväiset kumppanit", "unit": "share", "direction": "band",
            "band_low": 0.6, "band_high": 0.85,
        })).await;
        assert_eq!(status, 201, "{share}");
        assert_eq!(share["band_high"], 0.85);
        let (status, body) = post(app, &s.token, &format!("/plans/{}/indicators", s.plan), json!({
            "key": "placements", "name": "Toinen", "unit": "share", "direction": "band", "band_low": 60, "band_high": 85,
        })).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["band_low"], "Give a share from 0 to 1: 37.5 % is 0.375.");
        let (status, body) = post(app, &s.token, &format!("/plans/{}/indicators", s.plan), json!({
            "key": "placements", "name": "Toinen", "unit": "count", "direction": "higher",
        })).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["key"], "The plan already has an indicator with this key.");
        let (_, list) = get(app, &s.token, &format!("/plans/{}/indicators", s.plan)).await;
        assert_eq!(list["items"].as_array().map(Vec::len), Some(2), "nothing more was added");
    }

    async fn a_target_outside_the_plan_period_is_refused(app) {
        let s = setup(app).await;
        let iid = id(&a_count_indicator(app, &s).await);
        let before = audit_count(app).await;
        let outside = s.last_year + 1;
        let (status, body) = put(app, &s.token, &format!("/indicators/{iid}/targets/{outside}"), json!({"value": 80})).await;
        assert_eq!(status, 422);
        assert_eq!(
            body["error"]["fields"]["year"],
            format!("The year {outside} is outside the plan's period, {} to {}.", s.first_year, s.last_year),
        );
        let (_, read) = get(app, &s.token, &format!("/indicators/{iid}")).await;
        assert_eq!(read["targets"], json!([]));
        assert_eq!(audit_count(app).await, before, "nothing was written");
    }

    async fn a_hand_value_that_is_not_a_number_of_the_unit_is_refused(app) {
        let s = setup(app).await;
        let iid = id(&a_count_indicator(app, &s).await);
        let on = iso(today() - Duration::days(3));
        for (value, message) in [
            (json!("paljon"), "Give a number, for example 12 or 12.5."),
            (json!(2.5), "Give a whole number that is not negative."),
            (json!(-1), "Give a whole number that is not negative."),
        ] {
            let (status, body) = post(app, &s.token, &format!("/indicators/{iid}/values"), json!({
                "measured_on": on, "value": value,
            })).await;
            assert_eq!(status, 422, "{value}");
            assert_eq!(body["error"]["fields"]["value"], message, "{value}");
        }
        let (status, body) = post(app, &s.token, &format!("/indicators/{iid}/values"), json!({"value": 55})).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["measured_on"], "This is required.");
        let (_, values) = get(app, &s.token, &format!("/indicators/{iid}/values")).await;
        assert_eq!(values["items"], json!([]), "nothing was kept");

        let (status, v) = post(app, &s.token, &format!("/indicators/{iid}/values"), json!({
            "measured_on": on, "value": 55, "comment": "Kevään luku",
        })).await;
        assert_eq!(status, 201, "{v}");
        assert_eq!(v["value"], 55.0);
        assert_eq!(v["entered_by"], s.staff_id);
        let (_, values) = get(app, &s.token, &format!("/indicators/{iid}/values")).await;
        assert_eq!(values["items"], json!([v]));

        // A computed indicator takes no values by hand.
        let (status, computed) = post(app, &s.token, &format!("/plans/{}/indicators", s.plan), json!({
            "computed": "active_partners", "name": "Aktiiviset kumppanit", "direction": "higher",
        })).await;
        assert_eq!(status, 201, "{computed}");
        assert_eq!(computed["key"], "active_partners");
        assert_eq!(computed["unit"], "count");
        let (status, body) = post(app, &s.token, &format!("/indicators/{}/values", id(&computed)), json!({
            "measured_on": on, "value": 12,
        })).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["value"], "A computed indicator takes no values by hand.");
    }

    async fn a_hand_value_typed_wrong_is_removed_audited_and_only_by_staff(app) {
        let s = setup(app).await;
        let iid = id(&a_count_indicator(app, &s).await);
        let on = iso(today() - Duration::days(3));
        let (status, v) = post(app, &s.token, &format!("/indicators/{iid}/values"), json!({
            "measured_on": on, "value": 550,
        })).await;
        assert_eq!(status, 201, "{v}");
        let path = format!("/indicators/{iid}/values/{}", id(&v));
        let viewer = app.user("johto@lhkk.example", Role::Viewer, None).await;
        let viewer = app.token(viewer).await;
        assert_eq!(delete(app, &viewer, &path).await.0, 403, "a viewer only reads");
        let (status, other) = post(app, &s.token, &format!("/plans/{}/indicators", s.plan), json!({
            "key": "toinen", "name": "Toinen mittari", "unit": "count", "direction": "higher",
        })).await;
        assert_eq!(status, 201, "{other}");
        let other = id(&other);
        assert_eq!(delete(app, &s.token, &format!("/indicators/{other}/values/{}", id(&v))).await.0, 404, "not through another indicator");
        let before = audit_of(app, "indicator", iid).await.len();

        assert_eq!(delete(app, &s.token, &path).await.0, 204);
        let (_, values) = get(app, &s.token, &format!("/indicators/{iid}/values")).await;
        assert_eq!(values["items"], json!([]), "the value is gone");
        assert_eq!(audit_of(app, "indicator", iid).await.len(), before + 1, "and the removal audited");
        assert_eq!(delete(app, &s.token, &path).await.0, 404, "once");
    }

    async fn a_viewer_reads_but_cannot_write_and_a_partner_reads_nothing(app) {
        let s = setup(app).await;
        let action = an_action(app, &s).await;
        let aid = id(&action);
        let goal = action["goal_id"].as_i64().expect("goal");
        let iid = id(&a_count_indicator(app, &s).await);
        let viewer = app.user("johto@lhkk.example", Role::Viewer, None).await;
        let viewer = app.token(viewer).await;
        for path in [
            "/plans".to_string(),
            format!("/plans/{}", s.plan),
            format!("/plans/{}/goals", s.plan),
            format!("/plans/{}/actions", s.plan),
            format!("/actions/{aid}"),
            format!("/plans/{}/indicators", s.plan),
            format!("/indicators/{iid}"),
            format!("/indicators/{iid}/values"),
        ] {
            assert_eq!(get(app, &viewer, &path).await.0, 200, "a viewer reads {path}");
        }
        let before = audit_count(app).await;
        let writes: Vec<(&str, String, Option<Value>)> = vec![
            ("POST", "/plans".into(), Some(json!({"title": "x"}))),
            ("PUT", format!("/plans/{}", s.plan), Some(json!({"title": "x"}))),
            ("POST", format!("/plans/{}/goals", s.plan), Some(json!({"title": "x"}))),
            ("PUT", format!("/goals/{goal}"), Some(json!({"title": "x"}))),
            ("DELETE", format!("/goals/{goal}"), None),
            ("POST", format!("/plans/{}/actions", s.plan), Some(json!({"title": "x"}))),
            ("PUT", format!("/actions/{aid}"), Some(json!({"title": "x"}))),
            ("POST", format!("/actions/{aid}/status"), Some(json!({"status": "done"}))),
            ("DELETE", format!("/actions/{aid}"), None),
            ("POST", format!("/actions/{aid}/milestones"), Some(json!({"title": "x"}))),
            ("POST", format!("/plans/{}/indicators", s.plan), Some(json!({"name": "x"}))),
            ("PUT", format!("/indicators/{iid}"), Some(json!({"name": "x"}))),
            ("DELETE", format!("/indicators/{iid}"), None),
            ("PUT", format!("/indicators/{iid}/targets/{}", s.first_year), Some(json!({"value": 1}))),
            ("PUT", format!("/indicators/{iid}/goals/{goal}"), Some(json!({}))),
            ("POST", format!("/indicators/{iid}/values"), Some(json!({"measured_on": "2025-01-01", "value": 1}))),
        ];
        for (method, path, body) in &writes {
            let (status, answer) = call(app, Some(&viewer), method, path, body.clone()).await;
            assert_eq!(status, 403, "a viewer may not {method} {path}: {answer}");
            assert_eq!(answer["error"]["code"], "forbidden");
        }
        assert_eq!(audit_count(app).await, before, "the viewer changed nothing");

        let company = app.organisation(OrganisationInput { name: "Jokioisten Konepaja Oy".into(), kind: "company".into(), ..Default::default() }, &[]).await;
        let partner = app.user("partner@konepaja.example", Role::Partner, Some(company)).await;
        let partner = app.token(partner).await;
        for path in ["/plans".to_string(), format!("/plans/{}", s.plan), format!("/actions/{aid}"), format!("/indicators/{iid}/values")] {
            assert_eq!(get(app, &partner, &path).await.0, 403, "a partner does not read {path}");
        }
        assert_eq!(call(app, Some(&partner), "DELETE", &format!("/actions/{aid}"), None).await.0, 403);
    }

    async fn without_a_token_every_call_answers_401(app) {
        let s = setup(app).await;
        for (method, path) in [
            ("GET", "/plans".to_string()),
            ("GET", format!("/plans/{}", s.plan)),
            ("POST", format!("/plans/{}/goals", s.plan)),
            ("GET", format!("/plans/{}/actions", s.plan)),
            ("DELETE", "/actions/1".to_string()),
            ("PUT", "/milestones/1".to_string()),
            ("GET", "/indicators/1".to_string()),
            ("PUT", format!("/indicators/1/targets/{}", s.first_year)),
            ("POST", "/indicators/1/values".to_string()),
        ] {
            let body = (method != "GET" && method != "DELETE").then(|| json!({}));
            let (status, answer) = call(app, None, method, &path, body).await;
            assert_eq!(status, 401, "{method} {path}");
            assert_eq!(answer["error"]["code"], "unauthenticated");
        }
    }

    async fn deleting_works_and_is_in_the_audit_trail_with_the_api_caller(app) {
        let s = setup(app).await;
        let action = an_action(app, &s).await;
        let aid = id(&action);
        let goal = action["goal_id"].as_i64().expect("goal");
        let (_, m) = post(app, &s.token, &format!("/actions/{aid}/milestones"), json!({
            "title": "Sopimusluonnos", "due_on": iso(today() + Duration::days(30)),
        })).await;
        let mid = id(&m);
        let indicator = a_count_indicator(app, &s).await;
        let iid = id(&indicator);
        put(app, &s.token, &format!("/indicators/{iid}/goals/{goal}"), json!({})).await;

        let (status, body) = delete(app, &s.token, &format!("/goals/{goal}")).await;
        assert_eq!(status, 422, "a goal with actions stays");
        assert_eq!(body["error"]["fields"]["goal"], "The goal or its subgoals have actions; move them first.");

        assert_eq!(delete(app, &s.token, &format!("/indicators/{iid}/goals/{goal}")).await.0, 204);
        assert_eq!(delete(app, &s.token, &format!("/indicators/{iid}/goals/{goal}")).await.0, 404, "no longer linked");
        assert_eq!(delete(app, &s.token, &format!("/milestones/{mid}")).await.0, 204);
        let (_, read) = get(app, &s.token, &format!("/actions/{aid}")).await;
        assert_eq!(read["milestones"], json!([]));
        assert_eq!(delete(app, &s.token, &format!("/actions/{aid}")).await.0, 204);
        assert_eq!(get(app, &s.token, &format!("/actions/{aid}")).await.0, 404);
        assert_eq!(delete(app, &s.token, &format!("/goals/{goal}")).await.0, 204);
        assert_eq!(delete(app, &s.token, &format!("/indicators/{iid}")).await.0, 204);
        assert_eq!(get(app, &s.token, &format!("/indicators/{iid}")).await.0, 404);
        assert_eq!(delete(app, &s.token, &format!("/indicators/{iid}")).await.0, 404, "gone");

        let caller = "tiina@lhkk.example (API)".to_string();
        for (entity, entity_id, actions) in [
            ("milestone", mid, vec!["create", "delete"]),
            ("action", aid, vec!["create", "delete"]),
            ("goal", goal, vec!["create", "delete"]),
            ("indicator", iid, vec!["create", "update", "update", "delete"]),
        ] {
            let rows = audit_of(app, entity, entity_id).await;
            let done: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
            assert_eq!(done, actions, "{entity} {entity_id}");
            assert!(rows.iter().all(|(_, actor)| *actor == caller), "{rows:?}");
        }
    }
}
