//! HTTP tests of Suunta's workshops on both databases: the staff make a workshop and organise
//! it, a participant without an account joins through the code and gives dots, votes past the
//! budget are refused with nothing changed, a closed workshop's link takes no one, anonymous
//! results name no one, and an idea turned into an action keeps its link.

mod common;

use common::{csrf_in, hitsaamo, TestApp};
use serde_json::{json, Value};
use vaski_domain::account::Role;
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::strategy::workshop::WorkshopInput;
use vaski_store::strategy::workshop::{self, Workshop};
use vaski_store::strategy::{action, plan};
use vaski_store::Actor;

struct Plan {
    id: i64,
    goal: i64,
}

/// A 2023–2030 plan with one goal.
async fn a_plan(app: &TestApp) -> Plan {
    let org = app.organisation(hitsaamo(), &[]).await;
    let actor = Actor::system("test");
    let d = PlanInput {
        title: "Työelämäyhteistyön suunta".into(),
        vision: "Verkostomaisesti ja vastuullisesti".into(),
        first_year: "2023".into(),
        last_year: "2030".into(),
        ..Default::default()
    }
    .validate()
    .expect("plan");
    let mut tx = app.db.begin().await.expect("begin");
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
    tx.commit().await.expect("commit");
    Plan { id, goal }
}

/// A workshop open from 2020 to 2099, or one that closed in 2021.
async fn a_workshop(
    app: &TestApp,
    plan: &Plan,
    budget: u32,
    anonymous: bool,
    open: bool,
) -> Workshop {
    let draft = WorkshopInput {
        title: "Kevään työpaja".into(),
        held_on: "2026-03-05".into(),
        theme: String::new(),
        opens_at: "2020-01-01 09:00".into(),
        closes_at: if open {
            "2099-12-31 18:00"
        } else {
            "2021-01-01 18:00"
        }
        .into(),
        vote_budget: budget.to_string(),
        vote_cap: String::new(),
        anonymous_votes: anonymous,
    }
    .validate()
    .expect("workshop");
    let mut tx = app.db.begin().await.expect("begin");
    let w = workshop::create(&mut tx, plan.id, &draft, &Actor::system("test"))
        .await
        .expect("workshop");
    tx.commit().await.expect("commit");
    w
}

/// A browser that joined the workshop under `name`; returns it with its CSRF secret.
async fn joined(app: &TestApp, w: &Workshop, name: &str) -> (reqwest::Client, String) {
    let browser = app.client();
    let path = format!("/w/{}", w.code.as_str());
    let (status, html) = app.get_html(&browser, &path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"name\""), "the page asks a name");
    let join_csrf = csrf_in(&html).expect("the join form's csrf");
    let res = app
        .client()
        .post(app.url(&path))
        .form(&[("csrf", join_csrf.as_str()), ("name", name)])
        .send()
        .await
        .expect("join");
    assert_eq!(
        res.status().as_u16(),
        403,
        "a join from another browser, without the form's cookie"
    );
    let res = browser
        .post(app.url(&path))
        .form(&[("csrf", join_csrf.as_str()), ("name", name)])
        .send()
        .await
        .expect("join");
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/w/"),
        "{cookie}"
    );
    let (status, html) = app.get_html(&browser, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(name), "the page greets the participant");
    let csrf = csrf_in(&html).expect("a csrf field");
    (browser, csrf)
}

async fn add_idea(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    w: &Workshop,
    text: &str,
) -> i64 {
    let res = browser
        .post(app.url(&format!("/w/{}/ideas", w.code.as_str())))
        .form(&[("csrf", csrf), ("text", text)])
        .send()
        .await
        .expect("idea");
    assert_eq!(res.status().as_u16(), 303);
    workshop::ideas(&app.db, w.id)
        .await
        .expect("ideas")
        .into_iter()
        .find(|i| i.text == text)
        .expect("the idea")
        .id
}

async fn vote(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    w: &Workshop,
    idea: i64,
    dots: u32,
) -> (u16, String) {
    let res = browser
        .post(app.url(&format!("/w/{}/votes/{idea}", w.code.as_str())))
        .form(&[("csrf", csrf), ("dots", &dots.to_string())])
        .send()
        .await
        .expect("vote");
    let status = res.status().as_u16();
    (status, res.text().await.expect("text"))
}

async fn dots_on(app: &TestApp, w: &Workshop) -> Vec<(i64, u32)> {
    let mut all: Vec<(i64, u32)> = workshop::result(&app.db, w.id)
        .await
        .expect("result")
        .into_iter()
        .map(|r| (r.idea_id, r.dots))
        .collect();
    all.sort();
    all
}

app_test! {
    async fn staff_make_a_workshop_through_the_form_and_see_its_code(app) {
        app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app).await;
        let client = app.login("jari@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/plans/{}", p.id)).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("/plans/{}/workshops", p.id)), "the plan links to its workshops");
        let csrf = app.csrf(&client, &format!("/plans/{}/workshops", p.id)).await;
        let form = |title: &'static str, budget: &'static str| vec![
            ("csrf", csrf.clone()), ("title", title.to_string()), ("held_on", "2026-03-05".into()),
            ("opens_at", "2026-03-05T09:00".into()), ("closes_at", "2026-03-05T16:00".into()),
            ("vote_budget", budget.to_string()), ("anonymous_votes", "1".into()),
        ];
        let url = app.url(&format!("/plans/{}/workshops", p.id));
        let res = client.post(&url).form(&form("Kevään työpaja", "0")).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("value=\"Kevään työpaja\""), "what was typed is kept");
        assert!(html.contains("Pisteitä on oltava 1–100."), "the error is next to the budget");

        let res = client.post(&url).form(&form("Kevään työpaja", "5")).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        let w = workshop::of_plan(&app.db, p.id).await.expect("workshops").remove(0);
        assert!(w.rules.anonymous());
        let (status, html) = app.get_html(&client, &format!("/workshops/{}", w.id)).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("/w/{}", w.code.as_str())), "the join link");
        assert!(html.contains(&w.code.to_string()), "the code to type");

        let res = client.post(&url).form(&[("csrf", "wrong"), ("title", "X")]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 403, "no form without its CSRF token");
    }

    async fn a_participant_joins_through_the_code_and_votes(app) {
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, false, true).await;
        let (browser, csrf) = joined(app, &w, "Maija Virtanen").await;
        let idea = add_idea(app, &browser, &csrf, &w, "Yhteinen CNC-sorvi").await;
        let (status, _) = vote(app, &browser, &csrf, &w, idea, 2).await;
        assert_eq!(status, 303);
        let (_, html) = app.get_html(&browser, &format!("/w/{}", w.code.as_str())).await;
        assert!(html.contains("1 piste jäljellä"), "{html}");
        assert!(html.contains("Pisteesi: 2"));
        assert_eq!(dots_on(app, &w).await, vec![(idea, 2)]);

        let (status, _) = vote(app, &browser, "not-the-secret", &w, idea, 3).await;
        assert_eq!(status, 403, "a vote without the participant's CSRF secret");
        let stranger = app.client();
        let res = stranger.post(app.url(&format!("/w/{}/votes/{idea}", w.code.as_str()))).form(&[("csrf", csrf.as_str()), ("dots", "3")]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 403, "a browser that did not join");
        assert_eq!(dots_on(app, &w).await, vec![(idea, 2)]);
    }

    async fn a_vote_past_the_budget_is_refused_and_nothing_changes(app) {
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, false, true).await;
        let (browser, csrf) = joined(app, &w, "Maija Virtanen").await;
        let first = add_idea(app, &browser, &csrf, &w, "Yhteinen CNC-sorvi").await;
        let second = add_idea(app, &browser, &csrf, &w, "Työpaikkaohjaajien koulutus").await;
        assert_eq!(vote(app, &browser, &csrf, &w, first, 2).await.0, 303);
        let (status, html) = vote(app, &browser, &csrf, &w, second, 2).await;
        assert_eq!(status, 422);
        assert!(html.contains("Sinulla on enää 1 piste."), "{html}");
        assert_eq!(dots_on(app, &w).await, vec![(first, 2), (second, 0)], "nothing changed");
    }

    async fn a_closed_workshops_link_refuses(app) {
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, false, false).await;
        let browser = app.client();
        let path = format!("/w/{}", w.code.as_str());
        let (status, html) = app.get_html(&browser, &path).await;
        assert_eq!(status, 422);
        assert!(html.contains("Työpaja on jo päättynyt."));
        assert!(!html.contains("name=\"name\""), "no name to give");
        let res = browser.post(app.url(&path)).form(&[("name", "Maija")]).send().await.expect("join");
        assert!(res.status().is_client_error());
        assert!(res.headers().get("set-cookie").is_none(), "no participant cookie");
        assert!(workshop::participants(&app.db, w.id).await.expect("participants").is_empty());
    }

    async fn anonymous_results_show_no_names(app) {
        app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app).await;
        let client = app.login("jari@lhkk.example").await;
        for anonymous in [true, false] {
            let w = a_workshop(app, &p, 3, anonymous, true).await;
            let (browser, csrf) = joined(app, &w, "Maija Virtanen").await;
            let idea = add_idea(app, &browser, &csrf, &w, "Yhteinen CNC-sorvi").await;
            assert_eq!(vote(app, &browser, &csrf, &w, idea, 2).await.0, 303);
            let (status, html) = app.get_html(&client, &format!("/workshops/{}", w.id)).await;
            assert_eq!(status, 200);
            let result = &html[html.find("id=\"result\"").expect("the result")..];
            assert!(result.contains("<td>2</td>"), "the dots count either way");
            if anonymous {
                assert!(!html.contains("Maija Virtanen"), "no name anywhere on the page");
            } else {
                assert!(result.contains("Maija Virtanen (2)"), "named votes show who gave how many");
            }
        }
    }

    async fn an_idea_turned_into_an_action_keeps_its_link(app) {
        app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, true, true).await;
        let (browser, csrf) = joined(app, &w, "Maija Virtanen").await;
        let idea = add_idea(app, &browser, &csrf, &w, "Yhteinen CNC-sorvi").await;
        let client = app.login("jari@lhkk.example").await;
        let path = format!("/workshops/{}/ideas/{idea}/action", w.id);
        let (status, html) = app.get_html(&client, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"Yhteinen CNC-sorvi\""), "the title comes from the idea");
        let staff_csrf = csrf_in(&html).expect("csrf");
        let goal = p.goal.to_string();
        let res = client.post(app.url(&path)).form(&[("csrf", staff_csrf.as_str()), ("goal_id", goal.as_str()), ("title", "Yhteinen CNC-sorvi"), ("starts_on", "2031-01-01"), ("ends_on", "2031-12-31")]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422, "dates outside the plan are refused");
        assert!(action::of_plan(&app.db, p.id).await.expect("actions").is_empty());
        let res = client.post(app.url(&path)).form(&[("csrf", staff_csrf.as_str()), ("goal_id", goal.as_str()), ("title", "Yhteinen CNC-sorvi"), ("starts_on", "2026-04-01"), ("ends_on", "2026-12-31")]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        let actions = action::of_plan(&app.db, p.id).await.expect("actions");
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].row.idea_id, Some(idea), "the action keeps the idea it came from");
        let (_, html) = app.get_html(&client, &format!("/plans/{}", p.id)).await;
        assert!(html.contains("Yhteinen CNC-sorvi"), "the action is on the plan page");
        assert!(html.contains(&format!("href=\"/ideas/{idea}\"")), "the action links back to its idea");
        let res = client.get(app.url(&format!("/ideas/{idea}"))).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(res.headers()["location"], format!("/workshops/{}#w-idea-{idea}", w.id).as_str());
    }

    async fn staff_vote_as_themselves_from_the_organisers_page(app) {
        app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 2, false, true).await;
        let client = app.login("jari@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/workshops/{}", w.id)).await;
        let res = client.post(app.url(&format!("/workshops/{}/ideas", w.id))).form(&[("csrf", csrf.as_str()), ("text", "Avoimet ovet yrityksille")]).send().await.expect("idea");
        assert_eq!(res.status().as_u16(), 303);
        let idea = workshop::ideas(&app.db, w.id).await.expect("ideas")[0].id;
        let res = client.post(app.url(&format!("/workshops/{}/votes/{idea}", w.id))).form(&[("csrf", csrf.as_str()), ("dots", "3")]).send().await.expect("vote");
        assert_eq!(res.status().as_u16(), 422, "past the budget of 2");
        let res = client.post(app.url(&format!("/workshops/{}/votes/{idea}", w.id))).form(&[("csrf", csrf.as_str()), ("dots", "2")]).send().await.expect("vote");
        assert_eq!(res.status().as_u16(), 303);
        let (_, html) = app.get_html(&client, &format!("/workshops/{}", w.id)).await;
        assert!(html.contains("jari (2)"), "the staff member's named vote");
    }

    async fn staff_group_the_ideas_they_tick_under_a_theme_at_once_and_a_viewer_cannot(app) {
        app.user("jari@lhkk.example", Role::Staff, None).await;
        app.user("katsoja@lhkk.example", Role::Viewer, None).await;
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, false, true).await;
        let client = app.login("jari@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/workshops/{}", w.id)).await;
        for text in ["Avoimet ovet yrityksille", "Yhteinen konepaja", "Kesätyöpaikat"] {
            let res = client.post(app.url(&format!("/workshops/{}/ideas", w.id))).form(&[("csrf", csrf.as_str()), ("text", text)]).send().await.expect("idea");
            assert_eq!(res.status().as_u16(), 303);
        }
        let res = client.post(app.url(&format!("/workshops/{}/themes", w.id))).form(&[("csrf", csrf.as_str()), ("name", "Yhteistyö yritysten kanssa")]).send().await.expect("theme");
        assert_eq!(res.status().as_u16(), 303);
        let theme = workshop::themes(&app.db, w.id).await.expect("themes")[0].id;
        let ideas = workshop::ideas(&app.db, w.id).await.expect("ideas");
        let id_of = |text: &str| ideas.iter().find(|i| i.text == text).expect("idea").id.to_string();
        let (a, b) = (id_of("Avoimet ovet yrityksille"), id_of("Yhteinen konepaja"));

        let (_, html) = app.get_html(&client, &format!("/workshops/{}", w.id)).await;
        assert!(html.contains("form=\"move-ideas\""), "each idea can be ticked for the one form");
        let theme_text = theme.to_string();
        let form = [("csrf", csrf.as_str()), ("theme_id", theme_text.as_str()), ("idea", a.as_str()), ("idea", b.as_str())];
        let viewer = app.login("katsoja@lhkk.example").await;
        let viewer_csrf = app.csrf(&viewer, &format!("/workshops/{}", w.id)).await;
        let res = viewer.post(app.url(&format!("/workshops/{}/ideas/theme", w.id))).form(&[("csrf", viewer_csrf.as_str()), ("theme_id", theme_text.as_str()), ("idea", a.as_str())]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 403, "a viewer only reads");
        let res = client.post(app.url(&format!("/workshops/{}/ideas/theme", w.id))).form(&form).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 303);
        let themed: Vec<(String, Option<i64>)> = workshop::ideas(&app.db, w.id).await.expect("ideas").into_iter().map(|i| (i.text, i.theme_id)).collect();
        assert!(themed.contains(&("Avoimet ovet yrityksille".into(), Some(theme))));
        assert!(themed.contains(&("Yhteinen konepaja".into(), Some(theme))));
        assert!(themed.contains(&("Kesätyöpaikat".into(), None)), "the idea not ticked stays");

        let res = client.post(app.url(&format!("/workshops/{}/ideas/theme", w.id))).form(&[("csrf", csrf.as_str()), ("theme_id", "")]).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 422);
        assert!(res.text().await.expect("text").contains("Valitse ensin siirrettävät ideat."));
    }

    async fn wrong_codes_from_one_address_are_throttled(app) {
        let p = a_plan(app).await;
        let w = a_workshop(app, &p, 3, false, true).await;
        let browser = app.client();
        for _ in 0..20 {
            let (status, _) = app.get_html(&browser, "/w/ABCD2345").await;
            assert_eq!(status, 404);
        }
        let (status, _) = app.get_html(&browser, &format!("/w/{}", w.code.as_str())).await;
        assert_eq!(status, 429, "even the right code waits after 20 wrong ones");
    }

    async fn the_api_makes_a_workshop_takes_ideas_and_refuses_dots_past_the_budget(app) {
        let staff = app.user("jari@lhkk.example", Role::Staff, None).await;
        let p = a_plan(app).await;
        let token = app.token(staff).await;
        let api = app.client();
        let res = api.post(app.url(&format!("/api/v1/plans/{}/workshops", p.id))).bearer_auth(&token)
            .json(&json!({"title": "Kevään työpaja", "held_on": "2026-03-05", "opens_at": "2020-01-01T09:00", "closes_at": "2099-12-31T18:00", "vote_budget": 2, "anonymous_votes": false}))
            .send().await.expect("post");
        assert_eq!(res.status().as_u16(), 201);
        let w: Value = res.json().await.expect("json");
        let id = w["id"].as_i64().expect("id");
        assert_eq!(w["code"].as_str().expect("code").len(), 8);
        let res = api.post(app.url(&format!("/api/v1/workshops/{id}/ideas"))).bearer_auth(&token).json(&json!({"text": "Yhteinen CNC-sorvi"})).send().await.expect("post");
        assert_eq!(res.status().as_u16(), 201);
        let idea = res.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
        let votes = app.url(&format!("/api/v1/workshops/{id}/ideas/{idea}/votes"));
        let res = api.put(&votes).bearer_auth(&token).json(&json!({"dots": 3})).send().await.expect("put");
        assert_eq!(res.status().as_u16(), 422);
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["error"]["message"], "You have only 2 dots left.");
        let res = api.put(&votes).bearer_auth(&token).json(&json!({"dots": 2})).send().await.expect("put");
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.json::<Value>().await.expect("json"), json!({"dots": 2, "left": 0}));
        let res = api.get(app.url(&format!("/api/v1/workshops/{id}/result"))).bearer_auth(&token).send().await.expect("get");
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["items"][0]["rank"], 1);
        assert_eq!(body["items"][0]["dots"], 2);
        assert_eq!(body["items"][0]["named_voters"][0]["name"], "jari");
        let res = api.get(app.url(&format!("/api/v1/workshops/{id}"))).bearer_auth(&token).send().await.expect("get");
        let body: Value = res.json().await.expect("json");
        assert_eq!(body["ideas"][0]["text"], "Yhteinen CNC-sorvi");
        assert_eq!(body["result"][0]["idea_id"], idea);
        let res = api.get(app.url(&format!("/api/v1/plans/{}/workshops", p.id))).bearer_auth(&token).send().await.expect("get");
        assert_eq!(res.json::<Value>().await.expect("json")["items"][0]["id"], id);
    }
}
