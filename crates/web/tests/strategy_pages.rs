//! HTTP tests of Suunta's pages and API: the plan page, the scorecard with its figures, status
//! words and trend charts, who may read them, and the scorecard and indicator-value API, on
//! both databases.

mod common;

use common::{csrf_in, hitsaamo, TestApp};
use serde_json::Value;
use time::macros::date;
use vaski_domain::account::Role;
use vaski_domain::strategy::action::ActionInput;
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::IndicatorInput;
use vaski_domain::strategy::plan::PlanInput;
use vaski_store::strategy::{action, indicator, plan};
use vaski_store::Actor;

struct Plan {
    id: i64,
}

/// A 2023–2027 plan with one goal, one action owned by `owner`, and a hand-kept indicator
/// (placements, 40 → 60 in 2024, 55 measured at the end of 2024).
async fn a_plan(app: &TestApp, owner: i64) -> Plan {
    let org = app.organisation(hitsaamo(), &[]).await;
    let actor = Actor::system("test");
    let d = PlanInput {
        title: "Työelämäyhteistyön suunta".into(),
        vision: "Verkostomaisesti ja vastuullisesti".into(),
        first_year: "2023".into(),
        last_year: "2027".into(),
        ..Default::default()
    }
    .validate()
    .expect("plan");
    let partner = |name: &str| vaski_domain::network::organisation::OrganisationInput {
        name: name.into(),
        kind: "company".into(),
        ..Default::default()
    };
    let open = app.organisation(partner("Avoin Kumppani Oy"), &[]).await;
    let secret = app.organisation(partner("Salainen Kumppani Oy"), &[]).await;
    let mut tx = app.db.begin().await.expect("begin");
    plan::mark_confidential(&mut tx, secret, true, &actor)
        .await
        .expect("confidential");
    let id = plan::create(&mut tx, org, &d, &actor).await.expect("plan");
    let g = GoalInput {
        title: "Verkostomainen yhteistyö".into(),
        perspective: "network".into(),
        ..Default::default()
    }
    .validate()
    .expect("goal");
    let goal = plan::create_goal(&mut tx, id, &g, &actor)
        .await
        .expect("goal");
    let a = ActionInput {
        title: "Yhteiskäytön sopimusmalli".into(),
        starts_on: "2024-01-01".into(),
        ends_on: "2027-12-31".into(),
        ..Default::default()
    }
    .validate(vaski_domain::strategy::plan::PlanPeriod::new(2023, 2027).expect("period"))
    .expect("action");
    action::create(
        &mut tx,
        id,
        &a,
        &action::Links {
            goal_id: goal,
            owners: vec![owner],
            partners: vec![open, secret],
            ..Default::default()
        },
        &actor,
    )
    .await
    .expect("action");
    let i = IndicatorInput {
        key: "placements".into(),
        name: "Työpaikalla järjestettävä koulutus".into(),
        unit: "count".into(),
        direction: "higher".into(),
        baseline_value: "40".into(),
        ..Default::default()
    }
    .validate()
    .expect("indicator");
    let ind = indicator::create(&mut tx, id, &i, &actor)
        .await
        .expect("indicator");
    indicator::set_target(&mut tx, ind, 2024, Some(60.0), &actor)
        .await
        .expect("target");
    indicator::add_value(&mut tx, ind, date!(2024 - 12 - 31), "55", None, &actor)
        .await
        .expect("value");
    indicator::link_goal(&mut tx, goal, ind, 1.0, &actor)
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    Plan { id }
}

/// The audit trail of one thing: `(action, changes as JSON)`, oldest first.
async fn audit_of(app: &TestApp, entity: &str, id: i64) -> Vec<(String, String)> {
    app.db
        .fetch_all(
            vaski_store::sql("SELECT action, changes FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id")
                .bind(entity)
                .bind(id),
        )
        .await
        .expect("audit")
}

/// Posts a form (repeated names allowed) and returns the status, where it redirects, and the page.
async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, String)],
) -> (u16, String, String) {
    let res = client
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, location, res.text().await.expect("text"))
}

fn company(name: &str) -> vaski_domain::network::organisation::OrganisationInput {
    vaski_domain::network::organisation::OrganisationInput {
        name: name.into(),
        kind: "company".into(),
        ..Default::default()
    }
}

/// A goal made in the store under a parent, returning its id.
async fn goal_in(app: &TestApp, plan_id: i64, title: &str, parent: Option<i64>) -> i64 {
    let d = GoalInput {
        title: title.into(),
        parent_id: parent,
        ..Default::default()
    }
    .validate()
    .expect("goal");
    let mut tx = app.db.begin().await.expect("begin");
    let id = plan::create_goal(&mut tx, plan_id, &d, &Actor::system("test"))
        .await
        .expect("goal");
    tx.commit().await.expect("commit");
    id
}

app_test! {
    async fn staff_read_the_scorecard_with_figures_status_words_and_a_trend_chart(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let client = app.login("jari@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/plans/{}/scorecard?year=2024", p.id)).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Tuloskortti 2024"));
        let row_at = html.find("data-key=\"placements\"").expect("the indicator's row");
        let row = &html[row_at..];
        assert!(row.contains(">55<"), "the actual figure");
        assert!(row.contains(">60<"), "the target");
        assert!(row.contains("75 %"), "three quarters of the way from 40 to 60");
        assert!(row.contains("Riskissä"), "the status in words, not colour only");
        assert!(row.contains("<svg") && row.contains("role=\"img\""), "a trend chart");
        assert!(row.contains("31.12.2024: 55"), "the chart's text alternative");

        let (status, html) = app.get_html(&client, &format!("/plans/{}", p.id)).await;
        assert_eq!(status, 200);
        assert!(html.contains("Verkostomaisesti ja vastuullisesti"));
        assert!(html.contains("Yhteiskäytön sopimusmalli"));
        let (status, html) = app.get_html(&client, "/my/actions").await;
        assert_eq!(status, 200);
        assert!(html.contains("Yhteiskäytön sopimusmalli"), "the owner sees their action");
    }

    async fn a_computed_indicator_shows_its_figure_at_once_and_draws_its_trend_on_a_page_of_its_own(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let computed = IndicatorInput {
            name: "Voimassa olevat sopimukset".into(),
            direction: "higher".into(),
            computed: "valid_agreements".into(),
            ..Default::default()
        }
        .validate()
        .expect("indicator");
        let mut tx = app.db.begin().await.expect("begin");
        let ind = indicator::create(&mut tx, p.id, &computed, &Actor::system("test"))
            .await
            .expect("indicator");
        tx.commit().await.expect("commit");
        let client = app.login("jari@lhkk.example").await;

        let (status, html) = app.get_html(&client, &format!("/plans/{}/scorecard?year=2024", p.id)).await;
        assert_eq!(status, 200, "{html}");
        let row_at = html.find("data-key=\"valid_agreements\"").expect("the indicator's row");
        let row = &html[row_at..html[row_at..].find("</tr>").map_or(html.len(), |e| row_at + e)];
        let src = format!("/plans/{}/scorecard/trends/{ind}?year=2024", p.id);
        assert!(row.contains(&format!("data-trend-src=\"{src}\"")), "the chart is read apart: {row}");
        assert!(row.contains(&format!("href=\"{src}\"")), "and linked without JavaScript: {row}");
        assert!(!row.contains("<svg"), "the trend is not computed for the table: {row}");

        let (status, html) = app.get_html(&client, &src).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Voimassa olevat sopimukset"));
        assert!(html.contains("<figure class=\"chart\" data-trend>"), "{html}");
        assert!(html.contains("<svg") && html.contains("role=\"img\""), "the chart: {html}");
        assert!(html.contains("31.3.2023: 0") && html.contains("31.12.2024: 0"), "quarter ends as text: {html}");

        let other_plan_indicator = app.get_html(&client, &format!("/plans/{}/scorecard/trends/999999?year=2024", p.id)).await;
        assert_eq!(other_plan_indicator.0, 404);
    }

    async fn a_hand_value_is_removed_from_the_indicator_page_and_a_viewer_cannot(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        app.user("katsoja@lhkk.example", Role::Viewer, None).await;
        let p = a_plan(app, staff).await;
        let ind = indicator::of_plan(&app.db, p.id).await.expect("indicators")[0].id;
        let value = indicator::values(&app.db, ind).await.expect("values")[0].id;
        let path = format!("/indicators/{ind}/values/{value}/delete");
        let viewer = app.login("katsoja@lhkk.example").await;
        let csrf = app.csrf(&viewer, &format!("/indicators/{ind}")).await;
        let res = viewer.post(app.url(&path)).form(&[("csrf", csrf.as_str())]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 403);
        let client = app.login("jari@lhkk.example").await;
        let (_, html) = app.get_html(&client, &format!("/indicators/{ind}")).await;
        assert!(html.contains(&format!("action=\"{path}\"")), "each value has its remove button");
        let csrf = app.csrf(&client, &format!("/indicators/{ind}")).await;
        let res = client.post(app.url(&path)).form(&[("csrf", csrf.as_str())]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        assert!(indicator::values(&app.db, ind).await.expect("values").is_empty(), "the value is gone");
    }

    async fn a_partner_reads_no_plan(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let company = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Jokioisten Konepaja Oy".into(), kind: "company".into(), ..Default::default() }, &[]).await;
        app.user("partner@konepaja.example", Role::Partner, Some(company)).await;
        let client = app.login("partner@konepaja.example").await;
        for path in ["/plans".to_string(), format!("/plans/{}", p.id), format!("/plans/{}/scorecard", p.id)] {
            let (status, _) = app.get_html(&client, &path).await;
            assert_eq!(status, 403, "{path}");
        }
    }

    async fn the_api_answers_the_scorecard_in_the_agreed_shape(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let token = app.token(staff).await;
        let res = app.client().get(app.url(&format!("/api/v1/scorecard?plan={}&year=2024", p.id))).bearer_auth(&token).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 200);
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["year"], 2024);
        let row = &body["indicators"][0];
        assert_eq!(row["key"], "placements");
        assert_eq!(row["unit"], "count");
        assert_eq!(row["direction"], "higher");
        assert_eq!(row["baseline"], 40.0);
        assert_eq!(row["target"], 60.0);
        assert_eq!(row["actual"], 55.0);
        assert_eq!(row["progress"], 0.75);
        assert_eq!(row["status"], "at_risk");

        let res = app.client().get(app.url(&format!("/api/v1/scorecard?plan={}&year=2031", p.id))).bearer_auth(&token).send().await.expect("get");
        assert!(res.status().is_client_error(), "a year outside the plan");
        let res = app.client().get(app.url("/api/v1/indicators/no_such_thing/value")).bearer_auth(&token).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 404);
    }

    async fn a_public_link_shows_the_plan_without_people_or_confidential_partners_until_revoked(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        app.db.execute(vaski_store::sql("UPDATE users SET name = 'Jari Lehtonen' WHERE id = $1").bind(staff)).await.expect("rename");
        let p = a_plan(app, staff).await;
        let token = app.token(staff).await;
        let res = app.client().post(app.url(&format!("/api/v1/plans/{}/public-links", p.id))).bearer_auth(&token).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 201);
        let body: Value = res.json().await.expect("json");
        let url = body["url"].as_str().expect("url").to_string();
        let link_id = body["id"].as_i64().expect("id");
        assert!(url.contains("/public/plans/"), "{url}");

        let anonymous = app.client();
        let res = anonymous.get(&url).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("Verkostomaisesti ja vastuullisesti"), "the vision");
        assert!(html.contains("Yhteiskäytön sopimusmalli"), "the action on the roadmap");
        assert!(html.contains("Työpaikalla järjestettävä koulutus"), "the indicator on the scorecard");
        assert!(html.contains("Avoin Kumppani Oy"), "a partner that is not confidential");
        assert!(!html.contains("Salainen Kumppani Oy"), "no confidential partner");
        assert!(!html.contains("Jari Lehtonen") && !html.contains("jari@"), "no person's name");
        assert!(!html.contains("<form"), "nothing to submit");

        // Writing through the link is impossible: no route takes a POST there.
        let res = anonymous.post(&url).send().await.expect("post");
        assert!(res.status().is_client_error());

        let res = app.client().delete(app.url(&format!("/api/v1/plans/{}/public-links/{link_id}", p.id))).bearer_auth(&token).send().await.expect("delete");
        assert_eq!(res.status().as_u16(), 204);
        let res = anonymous.get(&url).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 404, "a revoked link opens nothing");
    }

    async fn the_roadmap_draws_each_action_and_filters_by_status(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let client = app.login("jari@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/plans/{}/roadmap", p.id)).await;
        assert_eq!(status, 200);
        assert!(html.contains("class=\"roadmap\""));
        assert_eq!(html.matches("<rect").count(), 1, "one action, one bar");
        let (_, html) = app.get_html(&client, &format!("/plans/{}/roadmap?status=done", p.id)).await;
        assert_eq!(html.matches("<rect").count(), 0, "the planned action is filtered out");
    }

    async fn a_director_builds_a_plan_through_the_forms_and_bad_input_changes_nothing(app) {
        let staff = app.user("johtaja@lhkk.example", Role::Staff, None).await;
        let _ = staff;
        let school = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Lounais-Hämeen koulutuskuntayhtymä".into(), kind: "vocational_institution".into(), ..Default::default() }, &[]).await;
        let client = app.login("johtaja@lhkk.example").await;
        let csrf = app.csrf(&client, "/plans/new").await;
        let post = |path: &str, form: Vec<(&str, String)>| client.post(app.url(path)).form(&form).send();

        // A period that ends before it starts is refused on its field, with the typed title kept.
        let res = post("/plans", vec![("csrf", csrf.clone()), ("organisation", school.to_string()), ("title", "Suunta 2023–2027".into()), ("first_year", "2027".into()), ("last_year", "2023".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("Viimeinen vuosi on ennen ensimmäistä."));
        assert!(html.contains("value=\"Suunta 2023–2027\""));
        assert!(plan::list(&app.db).await.expect("plans").is_empty(), "nothing was created");

        let res = post("/plans", vec![("csrf", csrf.clone()), ("organisation", school.to_string()), ("title", "Suunta 2023–2027".into()), ("vision", "Verkostomaisesti".into()), ("first_year", "2023".into()), ("last_year", "2027".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 303, "created and sent on to the edit page");
        let plan_id = plan::list(&app.db).await.expect("plans")[0].id;

        let res = post(&format!("/plans/{plan_id}/goals"), vec![("csrf", csrf.clone()), ("title", "Yhteiskäyttö laajenee".into()), ("perspective", "working_life".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        let res = post(&format!("/plans/{plan_id}/indicators"), vec![("csrf", csrf.clone()), ("name", "Opiskelijapalaute".into()), ("key", "feedback".into()), ("unit", "score".into()), ("direction", "higher".into()), ("baseline_value", "3,6".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        let ind = indicator::of_plan(&app.db, plan_id).await.expect("indicators")[0].id;

        // A target for a year outside the plan is refused and no target is stored.
        let res = post(&format!("/indicators/{ind}/targets"), vec![("csrf", csrf.clone()), ("2026", "4,0".into()), ("2031", "4,5".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 200);
        assert!(res.text().await.expect("text").contains("Vuosi ei kuulu suunnitelman kauteen."));
        assert!(indicator::targets_of_plan(&app.db, plan_id).await.expect("targets").is_empty(), "all or nothing");
        let res = post(&format!("/indicators/{ind}/targets"), vec![("csrf", csrf.clone()), ("2026", "4,0".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 303);

        // A value that is not a number is refused with the typed text kept; a good one is stored.
        let res = post(&format!("/indicators/{ind}/values"), vec![("csrf", csrf.clone()), ("measured_on", "30.6.2026".into()), ("value", "hyvä".into())]).await.expect("post");
        let html = res.text().await.expect("text");
        assert!(html.contains("Anna luku, esimerkiksi 12 tai 12,5."));
        assert!(html.contains("value=\"hyvä\""));
        assert!(indicator::values(&app.db, ind).await.expect("values").is_empty());
        let res = post(&format!("/indicators/{ind}/values"), vec![("csrf", csrf.clone()), ("measured_on", "30.6.2026".into()), ("value", "3,9".into()), ("comment", "Kevään kysely".into())]).await.expect("post");
        assert_eq!(res.status().as_u16(), 303);

        let (_, html) = app.get_html(&client, &format!("/plans/{plan_id}/scorecard?year=2026")).await;
        let row = &html[html.find("data-key=\"feedback\"").expect("row")..];
        assert!(row.contains(">3,9<") && row.contains(">4<"), "actual and target on the scorecard");
        assert!(row.contains("75 %"), "0.3 of the 0.4 from 3.6 to 4.0");
    }

    async fn the_action_plan_and_scorecard_download_as_workbooks_and_a_public_plan_copies_into_a_new_one(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let client = app.login("jari@lhkk.example").await;
        let res = client.get(app.url(&format!("/plans/{}/actions.xlsx", p.id))).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 200);
        let table = vaski_sheets::read_table(&res.bytes().await.expect("bytes")).expect("a workbook");
        assert_eq!(table.headers[1], "Toimenpide");
        assert_eq!(table.rows[0].cells[1], "Yhteiskäytön sopimusmalli");
        let res = client.get(app.url(&format!("/plans/{}/scorecard.xlsx?year=2024", p.id))).send().await.expect("get");
        let table = vaski_sheets::read_table(&res.bytes().await.expect("bytes")).expect("a workbook");
        assert_eq!(table.rows[0].cells[0], "Työpaikalla järjestettävä koulutus");
        assert_eq!(table.rows[0].cells[4], "55", "the actual figure as a number");

        // Another institution takes the structure from the public link and copies it.
        let token = app.token(staff).await;
        let res = app.client().post(app.url(&format!("/api/v1/plans/{}/public-links", p.id))).bearer_auth(&token).send().await.expect("post");
        let url = res.json::<Value>().await.expect("json")["url"].as_str().expect("url").to_string();
        let file = app.client().get(format!("{url}/plan.json")).send().await.expect("get").bytes().await.expect("bytes");
        assert!(!String::from_utf8_lossy(&file).contains("jari"), "no people in the file");
        let school = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Toinen oppilaitos".into(), kind: "vocational_institution".into(), ..Default::default() }, &[]).await;
        let csrf = app.csrf(&client, "/plans/copy").await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("organisation", school.to_string())
            .part("file", reqwest::multipart::Part::bytes(file.to_vec()).file_name("plan.json"));
        let res = client.post(app.url("/plans/copy")).multipart(form).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303, "copied");
        let plans = plan::list(&app.db).await.expect("plans");
        let copy = plans.iter().find(|x| x.organisation_id == school).expect("the copy");
        assert_eq!(action::of_plan(&app.db, copy.id).await.expect("actions")[0].row.title, "Yhteiskäytön sopimusmalli");

        // A file that is not a plan is refused and says so.
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf)
            .text("organisation", school.to_string())
            .part("file", reqwest::multipart::Part::bytes(b"nimi;tavoite".to_vec()).file_name("plan.csv"));
        let res = client.post(app.url("/plans/copy")).multipart(form).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        assert!(res.text().await.expect("text").contains("Tiedosto ei ole Vaskin suunnitelman JSON-tiedosto."));
    }

    async fn a_public_plan_copies_from_its_link_and_a_wrong_or_revoked_link_says_why(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let client = app.login("jari@lhkk.example").await;
        let token = app.token(staff).await;
        let res = app.client().post(app.url(&format!("/api/v1/plans/{}/public-links", p.id))).bearer_auth(&token).send().await.expect("post");
        let made = res.json::<Value>().await.expect("json");
        let url = made["url"].as_str().expect("url").to_string();
        let school = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Kolmas oppilaitos".into(), kind: "vocational_institution".into(), ..Default::default() }, &[]).await;
        let csrf = app.csrf(&client, "/plans/copy").await;
        let copy_from = |link: &str| {
            reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("organisation", school.to_string())
                .text("link", link.to_string())
        };

        let res = client.post(app.url("/plans/copy")).multipart(copy_from(&url)).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303, "copied from the link");
        let plans = plan::list(&app.db).await.expect("plans");
        let copy = plans.iter().find(|x| x.organisation_id == school).expect("the copy");
        assert_eq!(action::of_plan(&app.db, copy.id).await.expect("actions")[0].row.title, "Yhteiskäytön sopimusmalli");

        let res = client.post(app.url("/plans/copy")).multipart(copy_from("https://vaski.example.fi/admin/mail")).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("Linkki ei ole julkisen suunnitelman osoite"), "{html}");
        assert!(html.contains("value=\"https://vaski.example.fi/admin/mail\""), "the link is kept");

        let id = made["id"].as_i64().expect("id");
        let res = app.client().delete(app.url(&format!("/api/v1/plans/{}/public-links/{id}", p.id))).bearer_auth(&token).send().await.expect("delete");
        assert!(res.status().is_success());
        let before = plan::list(&app.db).await.expect("plans").len();
        let res = client.post(app.url("/plans/copy")).multipart(copy_from(&url)).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        assert!(res.text().await.expect("text").contains("Linkin takana ei ole suunnitelmaa"));
        assert_eq!(plan::list(&app.db).await.expect("plans").len(), before, "nothing copied");

        let res = client.post(app.url("/plans/copy")).multipart(copy_from("")).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        assert!(res.text().await.expect("text").contains("Valitse tiedosto tai anna julkinen linkki."));
    }

    async fn a_goal_is_edited_on_its_page_and_a_parent_too_deep_or_an_empty_title_changes_nothing(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let main = plan::goals(&app.db, p.id).await.expect("goals")[0].id;
        let a = goal_in(app, p.id, "Opiskelijat työelämään", None).await;
        let b = goal_in(app, p.id, "Harjoittelupaikat", Some(a)).await;
        let c = goal_in(app, p.id, "Konepajat mukaan", Some(b)).await;
        let client = app.login("jari@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/goals/{main}/edit")).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"Verkostomainen yhteistyö\""), "the form holds the goal");
        let parents = &html[html.find("id=\"goal-parent\"").expect("the parent list")..];
        let parents = &parents[..parents.find("</select>").expect("its end")];
        assert!(!parents.contains(&format!("<option value=\"{main}\"")), "a goal is no parent of itself");
        assert!(parents.contains(&format!("<option value=\"{c}\">— — Konepajat mukaan</option>")), "the others indented by depth");
        let csrf = csrf_in(&html).expect("csrf");
        let path = format!("/goals/{main}");

        // Under the third level the goal would be a fourth: refused next to the parent, text kept.
        let form = |title: &str, parent: String| vec![("csrf", csrf.clone()), ("title", title.to_string()), ("description", "Koko verkosto".to_string()), ("perspective", "students".to_string()), ("parent", parent), ("owner", staff.to_string())];
        let (status, _, html) = post_form(&client, app, &path, &form("Verkosto laajenee", c.to_string())).await;
        assert_eq!(status, 200);
        assert!(html.contains("Tavoitteita voi olla enintään kolmella tasolla."), "the message by the parent field");
        assert!(html.contains("value=\"Verkosto laajenee\""), "the typed title is kept");
        let (status, _, html) = post_form(&client, app, &path, &form("  ", String::new())).await;
        assert_eq!(status, 200);
        assert!(html.contains("Pakollinen tieto puuttuu."));
        let g = plan::goal(&app.db, main).await.expect("get").expect("goal");
        assert_eq!((g.title.as_str(), g.parent_id, g.owner_user_id), ("Verkostomainen yhteistyö", None, None), "nothing changed");

        // A good change: the plan shows it, and the audit trail has it.
        let (status, location, _) = post_form(&client, app, &path, &form("Verkosto laajenee", a.to_string())).await;
        assert_eq!(status, 303);
        assert_eq!(location, format!("/plans/{}#goal-{main}", p.id));
        let g = plan::goal(&app.db, main).await.expect("get").expect("goal");
        assert_eq!((g.title.as_str(), g.parent_id, g.owner_user_id, g.perspective.as_deref()), ("Verkosto laajenee", Some(a), Some(staff), Some("students")));
        let (_, html) = app.get_html(&client, &format!("/plans/{}", p.id)).await;
        assert!(html.contains("Verkosto laajenee") && html.contains("Vastuu: jari") && html.contains("Opiskelijat"), "the plan shows the new title, owner and perspective");
        let audit = audit_of(app, "goal", main).await;
        let (action, changes) = audit.last().expect("an audit row");
        assert_eq!(action, "update");
        assert!(changes.contains("Verkosto laajenee") && changes.contains("Verkostomainen yhteistyö"), "old and new title: {changes}");
    }

    async fn a_goal_with_actions_is_not_deleted_and_one_without_goes_with_its_subgoals_and_links(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let main = plan::goals(&app.db, p.id).await.expect("goals")[0].id;
        let client = app.login("jari@lhkk.example").await;
        let (_, html) = app.get_html(&client, &format!("/goals/{main}/edit")).await;
        assert!(html.contains("Yhteiskäytön sopimusmalli"), "the page names the action under the goal");
        assert!(!html.contains(&format!("action=\"/goals/{main}/delete\"")), "and offers no deletion");
        let csrf = csrf_in(&html).expect("csrf");
        let (status, _, html) = post_form(&client, app, &format!("/goals/{main}/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 200);
        assert!(html.contains("Tavoitteella tai sen alatavoitteilla on toimenpiteitä; siirrä ne ensin."));
        assert!(html.contains("Yhteiskäytön sopimusmalli"), "the refusal names the action");
        assert!(plan::goal(&app.db, main).await.expect("get").is_some(), "nothing deleted");

        let other = goal_in(app, p.id, "Opiskelijat työelämään", None).await;
        let sub = goal_in(app, p.id, "Harjoittelupaikat", Some(other)).await;
        let ind = indicator::of_plan(&app.db, p.id).await.expect("indicators")[0].id;
        let mut tx = app.db.begin().await.expect("begin");
        indicator::link_goal(&mut tx, sub, ind, 1.0, &Actor::system("test")).await.expect("link");
        tx.commit().await.expect("commit");
        let (_, html) = app.get_html(&client, &format!("/goals/{other}/edit")).await;
        assert!(html.contains("Harjoittelupaikat") && html.contains("Työpaikalla järjestettävä koulutus"), "the page says what goes with it");
        let (status, location, _) = post_form(&client, app, &format!("/goals/{other}/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 303);
        assert_eq!(location, format!("/plans/{}/edit#goal-list", p.id));
        let left: Vec<i64> = plan::goals(&app.db, p.id).await.expect("goals").iter().map(|g| g.id).collect();
        assert_eq!(left, vec![main], "the subgoal went with it");
        assert!(indicator::get(&app.db, ind).await.expect("get").is_some(), "the indicator stays");
        let links = indicator::goal_links(&app.db, p.id).await.expect("links");
        assert!(links.iter().all(|l| l.goal_id == main), "only the remaining goal's link is left");
        assert_eq!(audit_of(app, "goal", other).await.last().map(|(a, _)| a.as_str()), Some("delete"));
        assert_eq!(audit_of(app, "goal", sub).await.last().map(|(a, _)| a.as_str()), Some("delete"));
    }

    async fn an_action_is_edited_with_two_owners_and_partners_found_by_name_and_business_id(app) {
        let jari = app.user("jari@lhkk.example", Role::Staff, None).await;
        let liisa = app.user("liisa@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, jari).await;
        let a = action::of_plan(&app.db, p.id).await.expect("actions")[0].clone();
        let goal = a.row.goal_id;
        let open = a.partners.iter().find(|x| x.name == "Avoin Kumppani Oy").expect("open partner").organisation_id;
        let virtanen = app.organisation(company("Konepaja Virtanen Oy"), &[]).await;
        app.organisation(company("Konepaja Mäkinen Oy"), &[]).await;
        let client = app.login("jari@lhkk.example").await;
        let path = format!("/actions/{}", a.row.id);
        let (status, html) = app.get_html(&client, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"Yhteiskäytön sopimusmalli\""), "the edit form holds the action");
        assert!(html.contains(&format!("name=\"partners\" value=\"{open}\" checked")), "its partners ticked");
        let csrf = csrf_in(&html).expect("csrf");
        let form = |ends: &str, partners: &[i64], search: &str| {
            let mut f = vec![
                ("csrf", csrf.clone()),
                ("goal", goal.to_string()),
                ("title", "Yhteiskäytön sopimusmalli ja hinnasto".to_string()),
                ("description", "Malli ja hinnat yrityksille".to_string()),
                ("status", "in_progress".to_string()),
                ("priority", "high".to_string()),
                ("starts_on", "1.1.2024".to_string()),
                ("ends_on", ends.to_string()),
                ("budget", "12 500,50".to_string()),
                ("owners", jari.to_string()),
                ("owners", liisa.to_string()),
                ("partner_search", search.to_string()),
            ];
            f.extend(partners.iter().map(|x| ("partners", x.to_string())));
            f
        };
        let unchanged = || {
            let id = a.row.id;
            async move {
                let now = action::get(&app.db, id).await.expect("get").expect("action");
                assert_eq!(now.row.title, "Yhteiskäytön sopimusmalli", "nothing changed");
                assert_eq!(now.partners.len(), 2);
                assert_eq!(now.owners.len(), 1);
            }
        };

        // An end before the start: the message by the field, what was typed kept.
        let (status, _, html) = post_form(&client, app, &path, &form("31.12.2023", &[open], "")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Toimenpide päättyy ennen kuin se alkaa."));
        assert!(html.contains("value=\"Yhteiskäytön sopimusmalli ja hinnasto\""));
        unchanged().await;
        // A search that finds two: both offered, nothing saved.
        let (status, _, html) = post_form(&client, app, &path, &form("31.12.2026", &[open], "Konepaja")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Haku löysi useita organisaatioita."), "{html}");
        assert!(html.contains("Konepaja Virtanen Oy") && html.contains("Konepaja Mäkinen Oy"));
        assert!(html.contains("value=\"Konepaja\""), "the search text kept");
        unchanged().await;
        // A search that finds nothing.
        let (status, _, html) = post_form(&client, app, &path, &form("31.12.2026", &[open], "Olematon Yhtiö")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Haulla ei löytynyt organisaatiota."));
        unchanged().await;

        // Ticking one of the two answers the search; the other partner is dropped by unticking.
        let (status, location, _) = post_form(&client, app, &path, &form("31.12.2026", &[open, virtanen], "Konepaja")).await;
        assert_eq!((status, location.as_str()), (303, path.as_str()));
        let now = action::get(&app.db, a.row.id).await.expect("get").expect("action");
        assert_eq!(now.row.title, "Yhteiskäytön sopimusmalli ja hinnasto");
        assert_eq!((now.row.status.as_str(), now.row.priority.as_str()), ("in_progress", "high"));
        assert_eq!(now.row.ends_on, date!(2026 - 12 - 31));
        assert_eq!(now.row.budget_cents, Some(1_250_050));
        let mut owners: Vec<i64> = now.owners.iter().map(|o| o.user_id).collect();
        owners.sort_unstable();
        assert_eq!(owners, vec![jari, liisa], "two owners");
        let mut partners: Vec<i64> = now.partners.iter().map(|x| x.organisation_id).collect();
        partners.sort_unstable();
        assert_eq!(partners, vec![open, virtanen]);

        // A business ID finds exactly one organisation, which is added.
        let (status, _, _) = post_form(&client, app, &path, &form("31.12.2026", &[open, virtanen], "0112038-9")).await;
        assert_eq!(status, 303);
        let now = action::get(&app.db, a.row.id).await.expect("get").expect("action");
        assert!(now.partners.iter().any(|x| x.name == "Forssan Hitsaamo Oy"), "found by its business ID");

        let (_, html) = app.get_html(&client, &path).await;
        assert!(html.contains("<h1>Yhteiskäytön sopimusmalli ja hinnasto</h1>"));
        assert!(html.contains("jari, liisa") && html.contains("Konepaja Virtanen Oy"), "the page shows owners and partners");
        let audit = audit_of(app, "action", a.row.id).await;
        assert!(audit.iter().filter(|(x, _)| x == "update").any(|(_, c)| c.contains("\"field\":\"owners\"")), "{audit:?}");
    }

    async fn milestones_are_changed_undone_and_deleted_and_a_date_outside_the_action_changes_nothing(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let a = action::of_plan(&app.db, p.id).await.expect("actions")[0].row.id;
        let mut tx = app.db.begin().await.expect("begin");
        let m = action::add_milestone(&mut tx, a, &vaski_domain::strategy::action::MilestoneInput { title: "Luonnos".into(), due_on: "2024-06-30".into(), done_on: "2024-06-28".into() }, &Actor::system("test"))
            .await
            .expect("store")
            .expect("valid");
        tx.commit().await.expect("commit");
        let client = app.login("jari@lhkk.example").await;
        let (_, html) = app.get_html(&client, &format!("/actions/{a}")).await;
        assert!(html.contains("Merkitse tekemättömäksi"), "a done milestone can be undone");
        assert!(html.contains(&format!("action=\"/milestones/{m}\"")), "and edited");
        let csrf = csrf_in(&html).expect("csrf");

        let (status, _, html) = post_form(&client, app, &format!("/milestones/{m}"), &[("csrf", csrf.clone()), ("title", "Sopimusluonnos".into()), ("due_on", "1.1.2030".into())]).await;
        assert_eq!(status, 200);
        assert!(html.contains("Askelmerkin päivän pitää olla toimenpiteen aikataulun sisällä."));
        assert!(html.contains("value=\"1.1.2030\"") && html.contains("value=\"Sopimusluonnos\""), "typed values kept");
        let get = || async move {
            let mut tx = app.db.begin().await.expect("begin");
            let x = action::milestone_in(&mut tx, m).await.expect("get");
            tx.commit().await.expect("commit");
            x
        };
        let now = get().await.expect("milestone");
        assert_eq!((now.title.as_str(), now.due_on), ("Luonnos", date!(2024 - 06 - 30)), "nothing changed");

        let (status, _, _) = post_form(&client, app, &format!("/milestones/{m}"), &[("csrf", csrf.clone()), ("title", "Sopimusluonnos".into()), ("due_on", "30.9.2024".into())]).await;
        assert_eq!(status, 303);
        let now = get().await.expect("milestone");
        assert_eq!((now.title.as_str(), now.due_on, now.done_on), ("Sopimusluonnos", date!(2024 - 09 - 30), Some(date!(2024 - 06 - 28))), "renamed and moved, still done");
        let (_, html) = app.get_html(&client, &format!("/actions/{a}")).await;
        assert!(html.contains("30.9.2024 Sopimusluonnos"));

        let (status, _, _) = post_form(&client, app, &format!("/milestones/{m}/done"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 303);
        assert_eq!(get().await.expect("milestone").done_on, None, "undone");

        let (status, _, _) = post_form(&client, app, &format!("/milestones/{m}/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 303);
        assert!(get().await.is_none(), "deleted");
        let actions: Vec<String> = audit_of(app, "milestone", m).await.into_iter().map(|(x, _)| x).collect();
        assert_eq!(actions, vec!["create", "update", "update", "delete"]);
    }

    async fn an_action_is_deleted_with_its_milestones_from_its_page(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let a = action::of_plan(&app.db, p.id).await.expect("actions")[0].row.id;
        let client = app.login("jari@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/actions/{a}")).await;
        let (status, location, _) = post_form(&client, app, &format!("/actions/{a}/delete"), &[("csrf", csrf)]).await;
        assert_eq!((status, location), (303, format!("/plans/{}/edit", p.id)));
        assert!(action::get(&app.db, a).await.expect("get").is_none());
        assert_eq!(audit_of(app, "action", a).await.last().map(|(x, _)| x.clone()), Some("delete".to_string()));
    }

    async fn an_indicator_is_edited_unlinked_loses_a_target_and_is_deleted_and_bad_input_changes_nothing(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let ind = indicator::of_plan(&app.db, p.id).await.expect("indicators")[0].id;
        let goal = plan::goals(&app.db, p.id).await.expect("goals")[0].id;
        let client = app.login("jari@lhkk.example").await;
        let path = format!("/indicators/{ind}");
        let (status, html) = app.get_html(&client, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"Työpaikalla järjestettävä koulutus\"") && html.contains("id=\"ind-baseline\" name=\"baseline_value\" type=\"text\" value=\"40\""), "the form holds the indicator");
        assert!(html.contains("id=\"ind-baseline-hint\">Mittarin yksikössä; osuus prosentteina, esimerkiksi 45."), "the form says how a share is typed");
        let csrf = csrf_in(&html).expect("csrf");
        let form = |unit: &str, direction: &str, low: &str, high: &str| vec![
            ("csrf", csrf.clone()), ("name", "Koulutussopimukset".to_string()), ("key", "placements".to_string()),
            ("unit", unit.to_string()), ("direction", direction.to_string()), ("band_low", low.to_string()), ("band_high", high.to_string()),
            ("baseline_value", "45".to_string()), ("baseline_on", "1.1.2023".to_string()), ("update_every_days", "90".to_string()),
        ];
        let unchanged = || async move {
            let i = indicator::get(&app.db, ind).await.expect("get").expect("indicator");
            assert_eq!((i.name.as_str(), i.baseline_value), ("Työpaikalla järjestettävä koulutus", Some(40.0)), "nothing changed");
        };
        let (status, _, html) = post_form(&client, app, &path, &form("count", "band", "50", "")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Anna tavoitevälin ala- ja yläraja."));
        assert!(html.contains("value=\"Koulutussopimukset\""), "the typed name kept");
        unchanged().await;
        let (status, _, html) = post_form(&client, app, &path, &form("share", "higher", "", "")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Yksikköä ei voi vaihtaa"), "a target and values hold the unit");
        unchanged().await;

        let (status, _, _) = post_form(&client, app, &path, &form("count", "band", "50", "70")).await;
        assert_eq!(status, 303);
        let i = indicator::get(&app.db, ind).await.expect("get").expect("indicator");
        assert_eq!((i.name.as_str(), i.direction.as_str(), i.band_low, i.band_high, i.baseline_value, i.update_every_days), ("Koulutussopimukset", "band", Some(50.0), Some(70.0), Some(45.0), Some(90)));
        let (_, html) = app.get_html(&client, &path).await;
        assert!(html.contains("<h1>Koulutussopimukset</h1>"));
        assert!(audit_of(app, "indicator", ind).await.iter().any(|(x, c)| x == "update" && c.contains("Koulutussopimukset")));

        let (status, _, _) = post_form(&client, app, &format!("/indicators/{ind}/goals/{goal}/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 303);
        assert!(indicator::goal_links(&app.db, p.id).await.expect("links").is_empty(), "unlinked");
        let (status, _, _) = post_form(&client, app, &format!("/indicators/{ind}/targets/2024/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!(status, 303);
        assert!(indicator::targets_of_plan(&app.db, p.id).await.expect("targets").is_empty(), "the target removed");
        let audit = audit_of(app, "indicator", ind).await;
        assert!(audit.iter().any(|(_, c)| c.contains(&format!("goal_{goal}_weight")) && c.contains("\"new\":null")), "{audit:?}");
        assert!(audit.iter().any(|(_, c)| c.contains("target_2024") && c.contains("\"new\":null")), "{audit:?}");

        let (status, location, _) = post_form(&client, app, &format!("/indicators/{ind}/delete"), &[("csrf", csrf.clone())]).await;
        assert_eq!((status, location), (303, format!("/plans/{}/edit", p.id)));
        assert!(indicator::get(&app.db, ind).await.expect("get").is_none());
        assert_eq!(audit_of(app, "indicator", ind).await.last().map(|(x, _)| x.clone()), Some("delete".to_string()));
    }

    async fn an_admin_adds_and_renames_perspectives_and_a_taken_or_bad_key_changes_nothing(app) {
        app.user("admin@lhkk.example", Role::Admin, None).await;
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let client = app.login("admin@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/admin/perspectives").await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"Työelämä\"") && html.contains("value=\"Arbetslivet\""));
        let csrf = csrf_in(&html).expect("csrf");
        let add = |key: &str, fi: &str| vec![("csrf", csrf.clone()), ("key", key.to_string()), ("name_fi", fi.to_string()), ("name_sv", "Kompetens".to_string()), ("name_en", "Skills".to_string())];
        let count = || async move { plan::perspectives(&app.db).await.expect("perspectives").len() };

        let (status, _, html) = post_form(&client, app, "/admin/perspectives", &add("network", "Osaaminen")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Tällä tunnuksella on jo näkökulma."));
        let (status, _, html) = post_form(&client, app, "/admin/perspectives", &add("Osaaminen", "Osaaminen")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Tunnuksessa saa olla vain pieniä kirjaimia a–z"));
        assert!(html.contains("value=\"Osaaminen\""), "typed text kept");
        assert_eq!(count().await, 5, "nothing added");
        assert_eq!(plan::perspectives(&app.db).await.expect("p").iter().find(|x| x.key == "network").expect("network").name_fi, "Verkosto");

        let (status, _, _) = post_form(&client, app, "/admin/perspectives", &add("skills", "Osaaminen")).await;
        assert_eq!(status, 303);
        assert_eq!(count().await, 6);
        let (_, html) = app.get_html(&client, &format!("/plans/{}/edit", p.id)).await;
        assert!(html.contains("<option value=\"skills\">Osaaminen</option>"), "goals can serve the new perspective");

        let rename = |fi: &str| vec![("csrf", csrf.clone()), ("name_fi", fi.to_string()), ("name_sv", "Kompetens".to_string()), ("name_en", "Skills".to_string())];
        let (status, _, html) = post_form(&client, app, "/admin/perspectives/skills", &rename(" ")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Pakollinen tieto puuttuu."));
        let (status, _, _) = post_form(&client, app, "/admin/perspectives/skills", &rename("Osaamisen kehittäminen")).await;
        assert_eq!(status, 303);
        let skills = plan::perspectives(&app.db).await.expect("p").into_iter().find(|x| x.key == "skills").expect("skills");
        assert_eq!(skills.name_fi, "Osaamisen kehittäminen");
        let rows: Vec<(String, String)> = app.db.fetch_all(vaski_store::sql("SELECT action, changes FROM audit_log WHERE entity = 'perspective' ORDER BY id")).await.expect("audit");
        assert_eq!(rows.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(), vec!["create", "update"]);
        assert!(rows[1].1.contains("Osaamisen kehittäminen"));
        let (status, _, _) = post_form(&client, app, "/admin/perspectives/no_such", &rename("Mikä")).await;
        assert_eq!(status, 404);
    }

    async fn an_admin_marks_an_organisation_home_and_confidential_on_its_page_and_staff_may_not(app) {
        app.user("admin@lhkk.example", Role::Admin, None).await;
        app.user("jari@lhkk.example", Role::Staff, None).await;
        let org = app.organisation(hitsaamo(), &[]).await;
        let admin = app.login("admin@lhkk.example").await;
        let path = format!("/organisations/{org}");
        let (_, html) = app.get_html(&admin, &path).await;
        assert!(html.contains("Suunta-merkinnät") && html.contains("id=\"flag-home\""));
        assert!(!html.contains("id=\"flag-home\" name=\"home\" value=\"1\" aria-describedby=\"flag-home-hint\" checked"));
        let csrf = csrf_in(&html).expect("csrf");
        let flags = || async move { vaski_store::strategy::plan::organisation_flags(&app.db, org).await.expect("flags") };

        let (status, _, _) = post_form(&admin, app, &format!("{path}/flags"), &[("csrf", csrf.clone()), ("home", "1".into())]).await;
        assert_eq!(status, 303);
        assert_eq!(flags().await, Some((true, false)));
        let (_, html) = app.get_html(&admin, &path).await;
        assert!(html.contains("id=\"flag-home\" name=\"home\" value=\"1\" aria-describedby=\"flag-home-hint\" checked"), "shown ticked");
        let (status, _, _) = post_form(&admin, app, &format!("{path}/flags"), &[("csrf", csrf.clone()), ("confidential", "1".into())]).await;
        assert_eq!(status, 303);
        assert_eq!(flags().await, Some((false, true)));
        let changes: Vec<String> = audit_of(app, "organisation", org).await.into_iter().filter(|(a, _)| a == "update").map(|(_, c)| c).collect();
        assert_eq!(changes.len(), 3, "home on, home off, confidential on: {changes:?}");
        assert!(changes[2].contains("\"field\":\"confidential\"") && changes[2].contains("\"old\":\"false\""));

        let staff = app.login("jari@lhkk.example").await;
        let (_, html) = app.get_html(&staff, &path).await;
        assert!(!html.contains("/flags"), "staff see no flags form");
        let csrf = csrf_in(&html).expect("csrf");
        let (status, _, _) = post_form(&staff, app, &format!("{path}/flags"), &[("csrf", csrf), ("home", "1".into())]).await;
        assert_eq!(status, 403);
        assert_eq!(flags().await, Some((false, true)), "nothing changed");
    }

    async fn staff_delete_a_plan_from_its_edit_page_and_through_the_api(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let first = a_plan(app, staff).await;
        let institution = plan::get(&app.db, first.id).await.expect("get").expect("plan").organisation_id;
        let draft = vaski_domain::strategy::plan::PlanInput { title: "Toinen suunnitelma".into(), first_year: "2024".into(), last_year: "2026".into(), ..Default::default() }
            .validate()
            .expect("valid plan");
        let mut tx = app.db.begin().await.expect("begin");
        let second = Plan { id: plan::create(&mut tx, institution, &draft, &Actor::system("test")).await.expect("plan") };
        tx.commit().await.expect("commit");
        let client = app.login("jari@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/plans/{}/edit", first.id)).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("action=\"/plans/{}/delete\" data-confirm=\"Poistetaanko suunnitelma kaikkineen?\"", first.id)), "the page asks before it deletes");
        let csrf = csrf_in(&html).expect("csrf");
        let (status, _, _) = post_form(&client, app, &format!("/plans/{}/delete", first.id), &[("csrf", "väärä".to_string())]).await;
        assert_eq!(status, 403, "a wrong CSRF token deletes nothing");
        assert!(plan::get(&app.db, first.id).await.expect("get").is_some());
        let (status, location, _) = post_form(&client, app, &format!("/plans/{}/delete", first.id), &[("csrf", csrf)]).await;
        assert_eq!((status, location.as_str()), (303, "/plans"));
        assert!(plan::get(&app.db, first.id).await.expect("get").is_none());
        assert!(plan::goals(&app.db, first.id).await.expect("goals").is_empty(), "its goals went with it");
        let (status, _) = app.get_html(&client, &format!("/plans/{}", first.id)).await;
        assert_eq!(status, 404);

        let token = app.token(staff).await;
        let api = reqwest::Client::new();
        let res = api.delete(app.url(&format!("/api/v1/plans/{}", second.id))).bearer_auth(&token).send().await.expect("delete");
        assert_eq!(res.status(), 204);
        let res = api.delete(app.url(&format!("/api/v1/plans/{}", second.id))).bearer_auth(&token).send().await.expect("delete");
        assert_eq!(res.status(), 404, "a plan is deleted once");
        assert_eq!(audit_of(app, "plan", second.id).await.last().map(|(x, _)| x.clone()), Some("delete".to_string()));
    }

    async fn a_viewer_and_a_partner_get_403_on_every_edit_and_delete_and_nothing_changes(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app, staff).await;
        let goal = plan::goals(&app.db, p.id).await.expect("goals")[0].id;
        let a = action::of_plan(&app.db, p.id).await.expect("actions")[0].row.id;
        let ind = indicator::of_plan(&app.db, p.id).await.expect("indicators")[0].id;
        let mut tx = app.db.begin().await.expect("begin");
        let m = action::add_milestone(&mut tx, a, &vaski_domain::strategy::action::MilestoneInput { title: "Luonnos".into(), due_on: "2024-06-30".into(), done_on: "2024-06-28".into() }, &Actor::system("test"))
            .await
            .expect("store")
            .expect("valid");
        tx.commit().await.expect("commit");
        let org = app.organisation(company("Jokioisten Konepaja Oy"), &[]).await;
        app.user("viewer@lhkk.example", Role::Viewer, None).await;
        app.user("partner@konepaja.example", Role::Partner, Some(org)).await;
        let (audit_before,): (i64,) = app.db.fetch_one(vaski_store::sql("SELECT COUNT(*) FROM audit_log")).await.expect("count");

        for email in ["viewer@lhkk.example", "partner@konepaja.example", "jari@lhkk.example"] {
            let client = app.login(email).await;
            let csrf = app.csrf(&client, "/").await;
            let staff_may = email.starts_with("jari");
            if !staff_may {
                for path in [format!("/goals/{goal}/edit"), "/admin/perspectives".to_string()] {
                    let (status, _) = app.get_html(&client, &path).await;
                    assert_eq!(status, 403, "{email} GET {path}");
                }
                for path in [
                    format!("/goals/{goal}"),
                    format!("/goals/{goal}/delete"),
                    format!("/actions/{a}"),
                    format!("/actions/{a}/delete"),
                    format!("/milestones/{m}"),
                    format!("/milestones/{m}/delete"),
                    format!("/milestones/{m}/done"),
                    format!("/indicators/{ind}"),
                    format!("/indicators/{ind}/delete"),
                    format!("/indicators/{ind}/goals/{goal}/delete"),
                    format!("/indicators/{ind}/targets/2024/delete"),
                    format!("/plans/{}/delete", p.id),
                ] {
                    let (status, _, _) = post_form(&client, app, &path, &[("csrf", csrf.clone()), ("title", "Muutettu".into()), ("name", "Muutettu".into())]).await;
                    assert_eq!(status, 403, "{email} POST {path}");
                }
            }
            // The admin's pages: 403 to everyone else, staff included.
            for path in ["/admin/perspectives".to_string(), "/admin/perspectives/network".to_string(), format!("/organisations/{org}/flags")] {
                let (status, _, _) = post_form(&client, app, &path, &[("csrf", csrf.clone()), ("key", "muu".into()), ("name_fi", "Muu".into()), ("name_sv", "Annan".into()), ("name_en", "Other".into()), ("home", "1".into())]).await;
                assert_eq!(status, 403, "{email} POST {path}");
            }
        }
        let (audit_after,): (i64,) = app.db.fetch_one(vaski_store::sql("SELECT COUNT(*) FROM audit_log")).await.expect("count");
        assert_eq!(audit_after, audit_before, "no change was audited");
        assert_eq!(plan::goal(&app.db, goal).await.expect("get").expect("goal").title, "Verkostomainen yhteistyö");
        assert!(action::get(&app.db, a).await.expect("get").is_some());
        assert_eq!(indicator::get(&app.db, ind).await.expect("get").expect("indicator").name, "Työpaikalla järjestettävä koulutus");
        assert_eq!(indicator::goal_links(&app.db, p.id).await.expect("links").len(), 1);
        assert_eq!(indicator::targets_of_plan(&app.db, p.id).await.expect("targets").len(), 1);
        assert!(plan::get(&app.db, p.id).await.expect("get").is_some(), "the plan stays");
        assert_eq!(plan::perspectives(&app.db).await.expect("p").len(), 5);
        assert_eq!(vaski_store::strategy::plan::organisation_flags(&app.db, org).await.expect("flags"), Some((false, false)));
    }
}
