//! HTTP tests of the JSON API under `/api/v1` against the started application, on both
//! databases.

mod common;

use common::{hitsaamo, TestApp};
use serde_json::{json, Value};
use std::collections::BTreeSet;
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

/// A staff user and their token.
async fn staff(app: &TestApp) -> (i64, String) {
    let id = app.user("tiina@lhkk.example", Role::Staff, None).await;
    (id, app.token(id).await)
}

fn assert_error_shape(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
    assert!(body["error"]["fields"].is_object(), "{body}");
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|o| o["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn other(name: &str, municipality: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        business_id: String::new(),
        municipality: municipality.into(),
        tags: String::new(),
        ..hitsaamo()
    }
}

app_test! {
    async fn missing_token_answers_401(app) {
        let (status, body) = call(app, None, "GET", "/organisations", None).await;
        assert_eq!(status, 401);
        assert_error_shape(&body, "unauthenticated");
        let (status, body) = call(app, Some("vaski_not-a-real-token"), "GET", "/organisations", None).await;
        assert_eq!(status, 401);
        assert_error_shape(&body, "unauthenticated");
        let res = app.client().get(app.url("/api/v1/people")).send().await.expect("get");
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
    }

    async fn create_answers_201_with_normalised_business_id(app) {
        let (staff_id, token) = staff(app).await;
        let res = app
            .client()
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .json(&json!({
                "name": "Jokioisten Konepaja Oy",
                "business_id": " 245458-3 ",
                "kind": "company",
                "industry": "25",
                "municipality": "Jockis",
                "tags": ["metalli", "CNC"],
                "cooperation": ["apprenticeship"],
            }))
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 201);
        let location = res.headers()["location"].to_str().expect("location").to_string();
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["business_id"], "0245458-3");
        assert_eq!(body["municipality"], "Jokioinen");
        assert_eq!(body["municipality_code"], "169");
        assert_eq!(body["industry"]["code"], "25");
        assert_eq!(body["industry"]["classification"], "TOL 2008");
        assert_eq!(body["owners"], json!([staff_id]), "the creator owns the partnership");
        assert_eq!(body["single_owner"], true);
        assert_eq!(body["status"], "active");
        let id = body["id"].as_i64().expect("id");
        assert_eq!(location, format!("/api/v1/organisations/{id}"));
        let (status, again) = get(app, &token, &format!("/organisations/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(again, body);
    }

    async fn invalid_business_id_answers_422_with_the_field_named(app) {
        let (_, token) = staff(app).await;
        let (status, body) = call(app, Some(&token), "POST", "/organisations", Some(json!({
            "name": "Virhe Oy", "business_id": "1234567-8", "municipality": "Atlantis", "tags": 7,
        }))).await;
        assert_eq!(status, 422);
        assert_error_shape(&body, "validation");
        let fields = &body["error"]["fields"];
        assert_eq!(fields["business_id"], "The business ID's check digit does not match.");
        assert_eq!(fields["municipality"], "Unknown municipality.");
        assert_eq!(fields["tags"], "Give a list of texts.");
        assert_eq!(vaski_store::network::organisation::count(&app.db).await.expect("count"), 0);
    }

    async fn duplicate_business_id_answers_409_naming_the_existing_organisation(app) {
        let (staff_id, token) = staff(app).await;
        let existing = app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, body) = call(app, Some(&token), "POST", "/organisations", Some(json!({
            "name": "Toinen Oy", "business_id": "112038-9",
        }))).await;
        assert_eq!(status, 409);
        assert_error_shape(&body, "duplicate_business_id");
        assert_eq!(body["error"]["existing"], json!({"id": existing, "name": "Forssan Hitsaamo Oy"}));
        let message = body["error"]["message"].as_str().expect("message");
        assert!(message.contains("Forssan Hitsaamo Oy") && message.contains(&existing.to_string()), "{message}");
        assert!(body["error"]["fields"]["business_id"].is_string());
        // The same on a change of another organisation.
        let second = app.organisation(other("Muu Oy", "Forssa"), &[staff_id]).await;
        let (status, body) = call(app, Some(&token), "PATCH", &format!("/organisations/{second}"), Some(json!({"business_id": "0112038-9"}))).await;
        assert_eq!(status, 409);
        assert_eq!(body["error"]["existing"]["id"], existing);
    }

    async fn listing_filters_by_municipality_given_in_swedish(app) {
        let (staff_id, token) = staff(app).await;
        app.organisation(other("Jokioisten Konepaja Oy", "Jokioinen"), &[staff_id]).await;
        app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, list) = get(app, &token, "/organisations?municipality=Jockis").await;
        assert_eq!(status, 200);
        assert_eq!(names(&list), vec!["Jokioisten Konepaja Oy"]);
        assert_eq!(list["total"], 1);
        let (_, by_code) = get(app, &token, "/organisations?municipality=61").await;
        assert_eq!(names(&by_code), vec!["Forssan Hitsaamo Oy"]);
        let (status, body) = get(app, &token, "/organisations?municipality=Atlantis").await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["municipality"], "Unknown municipality.");
    }

    async fn search_q_finds_hitsaamo_with_hitsaus(app) {
        let (staff_id, token) = staff(app).await;
        app.organisation(other("Hitsaamo Virtanen Oy", "Forssa"), &[staff_id]).await;
        app.organisation(other("Leipomo Oy", "Forssa"), &[staff_id]).await;
        let (status, list) = get(app, &token, "/organisations?q=hitsaus").await;
        assert_eq!(status, 200);
        assert_eq!(names(&list), vec!["Hitsaamo Virtanen Oy"]);
        let (_, none) = get(app, &token, "/organisations?q=saamo").await;
        assert_eq!(none["total"], 0, "a word matches at its beginning only");
    }

    async fn listing_filters_by_kind_tag_owner_status_and_single_owner(app) {
        let (staff_id, token) = staff(app).await;
        let second = app.user("olli@lhkk.example", Role::Staff, None).await;
        app.organisation(hitsaamo(), &[staff_id]).await;
        app.organisation(OrganisationInput { kind: "association".into(), status: "prospect".into(), ..other("Metalliyhdistys ry", "Forssa") }, &[staff_id, second]).await;
        let (_, list) = get(app, &token, "/organisations?kind=association").await;
        assert_eq!(names(&list), vec!["Metalliyhdistys ry"]);
        let (_, list) = get(app, &token, "/organisations?tag=hitsaus").await;
        assert_eq!(names(&list), vec!["Forssan Hitsaamo Oy"]);
        let (_, list) = get(app, &token, &format!("/organisations?owner={second}")).await;
        assert_eq!(names(&list), vec!["Metalliyhdistys ry"]);
        let (_, list) = get(app, &token, "/organisations?status=prospect").await;
        assert_eq!(names(&list), vec!["Metalliyhdistys ry"]);
        let (_, list) = get(app, &token, "/organisations?single_owner=true").await;
        assert_eq!(names(&list), vec!["Forssan Hitsaamo Oy"]);
        let (status, body) = get(app, &token, "/organisations?single_owner=maybe&colour=red").await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"]["single_owner"].is_string());
        assert_eq!(body["error"]["fields"]["colour"], "Unknown parameter.");
    }

    async fn listing_pages_with_limit_and_offset_and_caps_the_limit_at_500(app) {
        let (staff_id, token) = staff(app).await;
        for name in ["Aa Oy", "Bb Oy", "Cc Oy"] {
            app.organisation(other(name, "Forssa"), &[staff_id]).await;
        }
        let (_, page) = get(app, &token, "/organisations?limit=2&offset=1").await;
        assert_eq!(names(&page), vec!["Bb Oy", "Cc Oy"]);
        assert_eq!((page["total"].as_i64(), page["limit"].as_i64(), page["offset"].as_i64()), (Some(3), Some(2), Some(1)));
        let (_, all) = get(app, &token, "/organisations?limit=100000").await;
        assert_eq!(all["limit"], 500);
        let (_, default) = get(app, &token, "/organisations").await;
        assert_eq!(default["limit"], 50);
        assert_eq!(default["items"][0]["tags"], json!([]), "list items are whole organisations");
    }

    async fn put_replaces_every_field_and_patch_changes_only_those_given(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (_, mut current) = get(app, &token, &format!("/organisations/{id}")).await;
        // What a GET answered can be sent back with a change.
        current["notes"] = json!("Hitsauslinja uusittu");
        let (status, put) = call(app, Some(&token), "PUT", &format!("/organisations/{id}"), Some(current.clone())).await;
        assert_eq!(status, 200, "{put}");
        assert_eq!(put["notes"], "Hitsauslinja uusittu");
        assert_eq!(put["tags"], json!(["hitsaus", "metalli"]));
        let (status, patched) = call(app, Some(&token), "PATCH", &format!("/organisations/{id}"), Some(json!({"status": "dormant", "address": null}))).await;
        assert_eq!(status, 200);
        assert_eq!(patched["status"], "dormant");
        assert_eq!(patched["notes"], "Hitsauslinja uusittu");
        assert_eq!(patched["municipality"], "Forssa");
        let (status, replaced) = call(app, Some(&token), "PUT", &format!("/organisations/{id}"), Some(json!({"name": "Forssan Hitsaamo Oy"}))).await;
        assert_eq!(status, 200);
        assert_eq!(replaced["tags"], json!([]), "a field left out of a PUT becomes empty");
        assert_eq!(replaced["business_id"], Value::Null);
        assert_eq!(replaced["status"], "active");
        let (status, body) = call(app, Some(&token), "PUT", &format!("/organisations/{id}"), Some(json!({"name": "X", "nmae": "typo"}))).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["nmae"], "Unknown field.");
    }

    async fn malformed_json_answers_400_in_the_error_shape(app) {
        let (_, token) = staff(app).await;
        let res = app.client().post(app.url("/api/v1/organisations")).bearer_auth(&token)
            .header("content-type", "application/json").body("{\"name\": ").send().await.expect("post");
        assert_eq!(res.status(), 400);
        let body: Value = res.json().await.expect("json");
        assert_error_shape(&body, "bad_request");
        let res = app.client().post(app.url("/api/v1/organisations")).bearer_auth(&token)
            .body("name=x").send().await.expect("post");
        assert_eq!(res.status(), 415);
        assert_error_shape(&res.json().await.expect("json"), "unsupported_media_type");
        let (status, body) = call(app, Some(&token), "POST", "/organisations", Some(json!(["a list"]))).await;
        assert_eq!(status, 422);
        assert_error_shape(&body, "validation");
        let (status, body) = get(app, &token, "/organisations/abc").await;
        assert_eq!(status, 400);
        assert_error_shape(&body, "bad_request");
    }

    async fn unknown_routes_and_methods_answer_in_the_error_shape(app) {
        let (_, token) = staff(app).await;
        let (status, body) = get(app, &token, "/no-such-thing").await;
        assert_eq!(status, 404);
        assert_error_shape(&body, "not_found");
        let (status, body) = call(app, Some(&token), "POST", "/people", Some(json!({}))).await;
        assert_eq!(status, 405);
        assert_error_shape(&body, "method_not_allowed");
        let (status, body) = get(app, &token, "/organisations/999999").await;
        assert_eq!(status, 404);
        assert_error_shape(&body, "not_found");
    }

    async fn a_partner_gets_404_for_another_organisation(app) {
        let (staff_id, _) = staff(app).await;
        let own = app.organisation(hitsaamo(), &[staff_id]).await;
        let other_id = app.organisation(other("Muu Oy", "Forssa"), &[staff_id]).await;
        let partner = app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        let token = app.token(partner).await;
        assert_eq!(get(app, &token, &format!("/organisations/{own}")).await.0, 200);
        let (status, body) = get(app, &token, &format!("/organisations/{other_id}")).await;
        assert_eq!(status, 404);
        assert_error_shape(&body, "not_found");
        let (_, list) = get(app, &token, "/organisations").await;
        assert_eq!(names(&list), vec!["Forssan Hitsaamo Oy"]);
        assert_eq!(list["total"], 1);
        let (status, _) = call(app, Some(&token), "PATCH", &format!("/organisations/{other_id}"), Some(json!({"notes": "x"}))).await;
        assert_eq!(status, 404);
        let (status, _) = call(app, Some(&token), "POST", &format!("/organisations/{other_id}/people"), Some(json!({"name": "Vieras"}))).await;
        assert_eq!(status, 404);
        assert_eq!(get(app, &token, &format!("/people?organisation={other_id}")).await.0, 404);
        assert_eq!(get(app, &token, "/network/health").await.0, 403);
        // Their own organisation they may update, but not delete.
        let (status, body) = call(app, Some(&token), "PATCH", &format!("/organisations/{own}"), Some(json!({"website": "www.hitsaamo.fi"}))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(call(app, Some(&token), "DELETE", &format!("/organisations/{own}"), None).await.0, 403);
    }

    async fn a_partner_lists_only_the_people_interactions_and_agreements_of_their_own(app) {
        let (staff_id, staff_token) = staff(app).await;
        let own = app.organisation(hitsaamo(), &[staff_id]).await;
        let other_id = app.organisation(other("Muu Oy", "Forssa"), &[staff_id]).await;
        for (org, name) in [(own, "Maija Mallikas"), (other_id, "Ville Vieras")] {
            assert_eq!(call(app, Some(&staff_token), "POST", &format!("/organisations/{org}/people"), Some(json!({"name": name}))).await.0, 201);
            assert_eq!(call(app, Some(&staff_token), "POST", &format!("/organisations/{org}/interactions"), Some(json!({"kind": "visit", "date": "2025-03-10", "notes": name}))).await.0, 201);
            assert_eq!(call(app, Some(&staff_token), "POST", &format!("/organisations/{org}/agreements"), Some(json!({"title": name, "kind": "nda", "valid_from": "2025-01-01"}))).await.0, 201);
        }
        let partner = app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        let token = app.token(partner).await;
        let (_, people) = get(app, &token, "/people").await;
        assert_eq!(names(&people), vec!["Maija Mallikas"]);
        let (_, interactions) = get(app, &token, "/interactions").await;
        assert_eq!(interactions["total"], 1);
        assert_eq!(interactions["items"][0]["organisation_id"], own);
        let (_, agreements) = get(app, &token, "/agreements").await;
        assert_eq!(agreements["total"], 1);
        assert_eq!(agreements["items"][0]["title"], "Maija Mallikas");
        let (_, everyone) = get(app, &staff_token, "/people").await;
        assert_eq!(everyone["total"], 2);
        let foreign = everyone["items"].as_array().expect("items").iter().find(|p| p["name"] == "Ville Vieras").expect("ville")["id"].as_i64().expect("id");
        assert_eq!(get(app, &token, &format!("/people/{foreign}")).await.0, 404);
    }

    async fn a_viewer_cannot_delete(app) {
        let (staff_id, _) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let viewer = app.user("ville@lhkk.example", Role::Viewer, None).await;
        let token = app.token(viewer).await;
        assert_eq!(get(app, &token, &format!("/organisations/{id}")).await.0, 200);
        let (status, body) = call(app, Some(&token), "DELETE", &format!("/organisations/{id}"), None).await;
        assert_eq!(status, 403);
        assert_error_shape(&body, "forbidden");
        assert_eq!(call(app, Some(&token), "PATCH", &format!("/organisations/{id}"), Some(json!({"notes": "x"}))).await.0, 403);
        assert_eq!(call(app, Some(&token), "POST", "/organisations", Some(json!({"name": "Uusi Oy"}))).await.0, 403);
        assert_eq!(vaski_store::network::organisation::count(&app.db).await.expect("count"), 1);
    }

    async fn staff_delete_answers_204_and_the_organisation_is_gone(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, body) = call(app, Some(&token), "DELETE", &format!("/organisations/{id}"), None).await;
        assert_eq!((status, body), (204, Value::Null));
        assert_eq!(get(app, &token, &format!("/organisations/{id}")).await.0, 404);
        assert_eq!(call(app, Some(&token), "DELETE", &format!("/organisations/{id}"), None).await.0, 404);
    }

    async fn owners_are_replaced_and_must_be_staff(app) {
        let (staff_id, token) = staff(app).await;
        let second = app.user("olli@lhkk.example", Role::Staff, None).await;
        let viewer = app.user("ville@lhkk.example", Role::Viewer, None).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, body) = call(app, Some(&token), "PUT", &format!("/organisations/{id}/owners"), Some(json!({"owners": [second, staff_id]}))).await;
        assert_eq!(status, 200);
        let mut expected = vec![staff_id, second];
        expected.sort_unstable();
        assert_eq!(body["owners"], json!(expected));
        assert_eq!(body["single_owner"], false);
        let (status, body) = call(app, Some(&token), "PUT", &format!("/organisations/{id}/owners"), Some(json!({"owners": [viewer]}))).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["owners"], "Choose an owner from the staff.");
    }

    async fn people_are_created_under_an_organisation_and_found_by_q(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, person) = call(app, Some(&token), "POST", &format!("/organisations/{id}/people"), Some(json!({
            "name": "Maija Mallikas", "title": "Tuotantopäällikkö", "email": "maija@hitsaamo.fi",
        }))).await;
        assert_eq!(status, 201, "{person}");
        assert_eq!(person["organisation_id"], id);
        assert_eq!(person["roles"][0]["organisation_name"], "Forssan Hitsaamo Oy");
        let pid = person["id"].as_i64().expect("id");
        let (_, found) = get(app, &token, "/people?q=tuotantopaallikko").await;
        assert_eq!(names(&found), vec!["Maija Mallikas"]);
        let (_, by_org) = get(app, &token, &format!("/people?organisation={id}")).await;
        assert_eq!(by_org["total"], 1);
        let (status, body) = call(app, Some(&token), "PUT", &format!("/people/{pid}"), Some(json!({"name": "Maija Mallikas", "email": "maija(at)hitsaamo"}))).await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"]["email"].as_str().expect("message").contains("email address"));
        let (status, updated) = call(app, Some(&token), "PUT", &format!("/people/{pid}"), Some(json!({"name": "Maija Virtanen"}))).await;
        assert_eq!(status, 200);
        assert_eq!(updated["email"], Value::Null);
        assert_eq!(call(app, Some(&token), "DELETE", &format!("/people/{pid}"), None).await.0, 204);
        assert_eq!(get(app, &token, &format!("/people/{pid}")).await.0, 404);
    }

    async fn an_interaction_sets_the_last_interaction_date_of_its_organisation(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (status, i) = call(app, Some(&token), "POST", &format!("/organisations/{id}/interactions"), Some(json!({
            "kind": "visit", "date": "10.3.2025", "notes": "Kävimme hitsaamossa", "follow_up_on": "2025-04-01", "follow_up_assignee": staff_id,
        }))).await;
        assert_eq!(status, 201, "{i}");
        assert_eq!(i["date"], "2025-03-10");
        assert_eq!(i["follow_up_on"], "2025-04-01");
        let (_, o) = get(app, &token, &format!("/organisations/{id}")).await;
        assert_eq!(o["last_interaction_at"], "2025-03-10");
        let (_, found) = get(app, &token, &format!("/interactions?organisation={id}&q=hitsaamossa")).await;
        assert_eq!(found["total"], 1);
        let iid = i["id"].as_i64().expect("id");
        let (status, body) = call(app, Some(&token), "PUT", &format!("/interactions/{iid}"), Some(json!({"kind": "call", "date": "2025-03-12", "follow_up_on": "2025-03-01"}))).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["follow_up_on"], "A follow-up cannot be before the interaction.");
        let (status, body) = call(app, Some(&token), "POST", &format!("/organisations/{id}/interactions"), Some(json!({"kind": "call", "date": "2025-03-12", "follow_up_on": "2025-04-01", "follow_up_assignee": 999}))).await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"]["follow_up_assignee"].is_string());
        assert_eq!(call(app, Some(&token), "DELETE", &format!("/interactions/{iid}"), None).await.0, 204);
        let (_, o) = get(app, &token, &format!("/organisations/{id}")).await;
        assert_eq!(o["last_interaction_at"], Value::Null);
    }

    async fn agreements_answer_valid_from_and_valid_to(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let school = app.organisation(other("Forssan ammattiopisto", "Forssa"), &[staff_id]).await;
        let (status, a) = call(app, Some(&token), "POST", &format!("/organisations/{id}/agreements"), Some(json!({
            "title": "Yhteistyösopimus", "kind": "cooperation", "valid_from": "1.1.2025", "valid_to": "2026-12-31", "reminder_days": 30, "parties": [school],
        }))).await;
        assert_eq!(status, 201, "{a}");
        assert_eq!(a["valid_from"], "2025-01-01");
        assert_eq!(a["valid_to"], "2026-12-31");
        assert_eq!(a["reminder_days"], 30);
        assert_eq!(a["reminder_on"], "2026-12-01");
        assert_eq!(a["parties"], json!([{"id": id, "name": "Forssan Hitsaamo Oy"}, {"id": school, "name": "Forssan ammattiopisto"}]));
        let aid = a["id"].as_i64().expect("id");
        let (_, of_school) = get(app, &token, &format!("/agreements?organisation={school}")).await;
        assert_eq!(of_school["total"], 1, "a party finds the agreement");
        let (status, body) = call(app, Some(&token), "PUT", &format!("/agreements/{aid}"), Some(json!({"title": "Sopimus", "kind": "nda", "valid_from": "2025-01-01", "valid_to": "2024-12-31"}))).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["valid_to"], "An agreement cannot end before it starts.");
        let (status, body) = call(app, Some(&token), "PUT", &format!("/agreements/{aid}"), Some(json!({"title": "Sopimus", "kind": "nda", "valid_from": "2025-01-01", "parties": [999999]}))).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["fields"]["parties"], "Unknown organisation.");
        // What a GET answered goes back unchanged.
        let (status, same) = call(app, Some(&token), "PUT", &format!("/agreements/{aid}"), Some(a.clone())).await;
        assert_eq!(status, 200);
        assert_eq!(same, a);
        assert_eq!(call(app, Some(&token), "DELETE", &format!("/agreements/{aid}"), None).await.0, 204);
    }

    async fn health_answers_the_single_owner_count(app) {
        let (staff_id, token) = staff(app).await;
        let second = app.user("olli@lhkk.example", Role::Staff, None).await;
        app.organisation(hitsaamo(), &[staff_id]).await;
        app.organisation(other("Kaksi Omistajaa Oy", "Forssa"), &[staff_id, second]).await;
        app.organisation(other("Ei Omistajaa Oy", "Forssa"), &[]).await;
        let (status, h) = get(app, &token, "/network/health").await;
        assert_eq!(status, 200);
        assert_eq!(h["organisations"], 3);
        assert_eq!(h["single_owner_count"], 1);
        assert_eq!(h["single_owner"][0]["name"], "Forssan Hitsaamo Oy");
        assert_eq!(h["no_owner_count"], 1);
        assert_eq!(h["dormant_days"], 365, "the server's setting by default");
        assert_eq!(h["dormant_count"], 3, "nobody has been visited");
        let (_, h) = get(app, &token, "/network/health?dormant_days=30").await;
        assert_eq!(h["dormant_days"], 30);
        let (status, body) = get(app, &token, "/network/health?dormant_days=0").await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"]["dormant_days"].is_string());
    }

    async fn every_write_is_in_the_audit_trail_with_the_api_caller(app) {
        let (_, token) = staff(app).await;
        let (_, o) = call(app, Some(&token), "POST", "/organisations", Some(json!({"name": "Kirjattu Oy"}))).await;
        let id = o["id"].as_i64().expect("id");
        call(app, Some(&token), "PATCH", &format!("/organisations/{id}"), Some(json!({"notes": "muutos"}))).await;
        let rows: Vec<(String, String)> = app.db.fetch_all(
            vaski_store::sql("SELECT action, actor FROM audit_log WHERE entity = 'organisation' AND entity_id = $1 ORDER BY id").bind(id),
        ).await.expect("audit");
        let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(actions, vec!["create", "update", "update"], "create, owners, notes");
        assert!(rows.iter().all(|(_, actor)| actor == "tiina@lhkk.example (API)"), "{rows:?}");
    }

    async fn an_unreachable_database_answers_503(app) {
        let (_, token) = staff(app).await;
        app.db.close().await;
        let (status, body) = get(app, &token, "/organisations").await;
        assert_eq!(status, 503);
        assert_error_shape(&body, "unavailable");
    }

    async fn the_openapi_document_lists_every_route(app) {
        let (_, token) = staff(app).await;
        let (status, doc) = call(app, None, "GET", "/openapi.json", None).await;
        assert_eq!(status, 200, "the document needs no token");
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        assert_eq!(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
        let mut documented = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                if ["get", "put", "post", "patch", "delete"].contains(&method.as_str()) {
                    documented.insert((method.clone(), path.clone()));
                }
            }
        }
        let registered: BTreeSet<(String, String)> = vaski_web::api::ROUTES.iter().map(|r| (r.method.to_string(), r.path.to_string())).collect();
        assert_eq!(documented, registered);
        // And the server really serves each: no route is answered by the fallback or a 405.
        for (method, path) in &registered {
            let concrete = path.replace("{id}", "999999");
            let body = (method != "get" && method != "delete").then(|| json!({}));
            let (status, answer) = call(app, Some(&token), &method.to_uppercase(), &concrete, body).await;
            assert_ne!(status, 405, "{method} {path}");
            assert_ne!(answer["error"]["message"], "There is no such API route.", "{method} {path}");
        }
    }

    async fn the_organisation_json_has_every_property_the_schema_requires(app) {
        let (staff_id, token) = staff(app).await;
        let id = app.organisation(hitsaamo(), &[staff_id]).await;
        let (_, doc) = call(app, None, "GET", "/openapi.json", None).await;
        let schema = &doc["components"]["schemas"]["Organisation"];
        let (_, o) = get(app, &token, &format!("/organisations/{id}")).await;
        let answered: BTreeSet<String> = o.as_object().expect("object").keys().cloned().collect();
        let required: BTreeSet<String> = schema["required"].as_array().expect("required").iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        let described: BTreeSet<String> = schema["properties"].as_object().expect("properties").keys().cloned().collect();
        assert_eq!(required.difference(&answered).collect::<Vec<_>>(), Vec::<&String>::new(), "required but not answered");
        assert_eq!(answered.difference(&described).collect::<Vec<_>>(), Vec::<&String>::new(), "answered but not described");
        let kinds: Vec<&str> = doc["components"]["schemas"]["OrganisationKind"]["enum"].as_array().expect("enum").iter().filter_map(Value::as_str).collect();
        assert!(kinds.contains(&o["kind"].as_str().expect("kind")));
        let (_, list) = get(app, &token, "/organisations").await;
        assert_eq!(list["items"][0], o, "a list item is the same JSON as the organisation");
    }
}
