//! HTTP tests of Suunta's pages and API: the plan page, the scorecard with its figures, status
//! words and trend charts, who may read them, and the scorecard and indicator-value API, on
//! both databases.

mod common;

use common::{hitsaamo, TestApp};
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
}
