//! HTTP tests of interactions and agreements through the pages, on both databases.

mod common;

use common::hitsaamo;
use vaski_domain::account::Role;

app_test! {
    async fn an_interaction_with_a_follow_up_shows_on_the_assignees_home_page_until_done(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let org = app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/organisations/{org}/interactions/new")).await;
        let today = time::OffsetDateTime::now_utc().date();
        let res = client
            .post(app.url(&format!("/organisations/{org}/interactions")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "visit"),
                ("date", today.to_string().as_str()),
                ("their_participants", "Pekka Tuotantopäällikkö"),
                ("notes", "Kaksi työssäoppimispaikkaa syksyllä"),
                ("follow_up_on", today.to_string().as_str()),
                ("follow_up_assignee", staff.to_string().as_str()),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let (_, home) = app.get_html(&client, "/").await;
        assert!(home.contains("Kaksi työssäoppimispaikkaa syksyllä"), "the follow-up is due on the home page");
        let (_, page) = app.get_html(&client, &format!("/organisations/{org}")).await;
        assert!(page.contains("Pekka Tuotantopäällikkö"), "the timeline shows it");
        let id = vaski_store::network::interaction::timeline(&app.db, org, 10).await.expect("timeline")[0].id;
        let res = client.post(app.url(&format!("/interactions/{id}/done"))).form(&[("csrf", csrf.as_str())]).send().await.expect("done");
        assert_eq!(res.status(), 303);
        let (_, home) = app.get_html(&client, "/").await;
        assert!(!home.contains("Kaksi työssäoppimispaikkaa syksyllä"), "a done follow-up leaves the home page");
    }

    async fn an_interaction_is_corrected_and_then_deleted_with_the_history_kept(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let org = app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/organisations/{org}/interactions/new")).await;
        client
            .post(app.url(&format!("/organisations/{org}/interactions")))
            .form(&[("csrf", csrf.as_str()), ("kind", "call"), ("date", "2025-03-10"), ("notes", "Soitto")])
            .send()
            .await
            .expect("post");
        let id = vaski_store::network::interaction::timeline(&app.db, org, 10).await.expect("timeline")[0].id;
        let (status, form) = app.get_html(&client, &format!("/interactions/{id}/edit")).await;
        assert_eq!(status, 200);
        assert!(form.contains("Soitto"));
        let res = client
            .post(app.url(&format!("/interactions/{id}")))
            .form(&[("csrf", csrf.as_str()), ("kind", "meeting"), ("date", "2025-03-11"), ("notes", "Tapaaminen")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 303);
        let o = vaski_store::network::organisation::get(&app.db, org).await.expect("get").expect("exists");
        assert_eq!(o.last_interaction_on, Some(time::macros::date!(2025 - 03 - 11)));
        let res = client.post(app.url(&format!("/interactions/{id}/delete"))).form(&[("csrf", csrf.as_str())]).send().await.expect("delete");
        assert_eq!(res.status(), 303);
        let o = vaski_store::network::organisation::get(&app.db, org).await.expect("get").expect("exists");
        assert_eq!(o.last_interaction_on, None, "no interactions remain");
        let history = vaski_store::audit::organisation_history(&app.db, org, 20).await.expect("history");
        let actions: Vec<(&str, &str)> = history.iter().filter(|e| e.entity == "interaction").map(|e| (e.action.as_str(), e.entity.as_str())).collect();
        assert_eq!(actions, vec![("delete", "interaction"), ("update", "interaction"), ("create", "interaction")]);
    }

    async fn an_agreement_with_an_uploaded_document_expires_on_the_home_page_and_only_its_parties_may_download(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let org = app.organisation(hitsaamo(), &[staff]).await;
        let other = app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Muu Oy".into(), business_id: String::new(), ..hitsaamo() }, &[staff]).await;
        app.user("pekka@muu.example", Role::Partner, Some(other)).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/organisations/{org}/agreements/new")).await;
        let today = time::OffsetDateTime::now_utc().date();
        let ends = today + time::Duration::days(30);
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("title", "Laitteiden yhteiskäyttö 2025")
            .text("kind", "equipment_sharing")
            .text("valid_from", "2025-01-01")
            .text("valid_to", ends.to_string())
            .text("reminder_days", "")
            .part("document", reqwest::multipart::Part::bytes(b"%PDF-1.4 sopimus".to_vec()).file_name("sopimus.pdf").mime_str("application/pdf").expect("mime"));
        let res = client.post(app.url(&format!("/organisations/{org}/agreements"))).multipart(form).send().await.expect("post");
        assert_eq!(res.status(), 303);
        let agreements = vaski_store::network::agreement::of_organisation(&app.db, org).await.expect("agreements");
        assert_eq!(agreements.len(), 1);
        assert_eq!(agreements[0].reminder_on, Some(ends - time::Duration::days(60)), "the reminder defaults to 60 days before the end");
        let doc = agreements[0].document_id.expect("a stored document");
        let (_, home) = app.get_html(&client, "/").await;
        assert!(home.contains("Laitteiden yhteiskäyttö 2025"), "an agreement ending within 60 days is on the home page");
        let res = client.get(app.url(&format!("/documents/{doc}"))).send().await.expect("download");
        assert_eq!(res.status(), 200);
        assert_eq!(res.bytes().await.expect("bytes").as_ref(), b"%PDF-1.4 sopimus");
        let partner = app.login("pekka@muu.example").await;
        assert_eq!(app.get_html(&partner, &format!("/documents/{doc}")).await.0, 404, "a partner of another organisation cannot download it");
    }

    async fn an_agreement_ending_before_it_starts_is_refused_next_to_the_field(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let org = app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csrf = app.csrf(&client, &format!("/organisations/{org}/agreements/new")).await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf)
            .text("title", "NDA")
            .text("kind", "nda")
            .text("valid_from", "1.1.2025")
            .text("valid_to", "31.12.2024");
        let res = client.post(app.url(&format!("/organisations/{org}/agreements"))).multipart(form).send().await.expect("post");
        assert_eq!(res.status(), 422);
        let html = res.text().await.expect("text");
        assert!(html.contains("Sopimus ei voi päättyä ennen alkamistaan."));
        assert!(html.contains("value=\"31.12.2024\""));
        assert!(vaski_store::network::agreement::of_organisation(&app.db, org).await.expect("list").is_empty());
    }
}
