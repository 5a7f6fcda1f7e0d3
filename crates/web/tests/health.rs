//! HTTP tests of the network health page and the network map, on both databases.

mod common;

use common::{hitsaamo, TestApp};
use time::{Date, Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::network::agreement::AgreementInput;
use vaski_domain::network::interaction::InteractionInput;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::network::person::PersonInput;
use vaski_store::network::{agreement, interaction, person};
use vaski_store::Actor;

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// A date the way the Finnish pages write it.
fn finnish(d: Date) -> String {
    format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year())
}

fn company(name: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        business_id: String::new(),
        ..hitsaamo()
    }
}

async fn visit(app: &TestApp, organisation: i64, on: Date) {
    let draft = InteractionInput {
        kind: "visit".into(),
        date: on.to_string(),
        ..Default::default()
    }
    .validate()
    .expect("valid interaction");
    let mut tx = app.db.begin().await.expect("begin");
    interaction::create(&mut tx, organisation, &draft, &Actor::system("test"))
        .await
        .expect("interaction");
    tx.commit().await.expect("commit");
}

async fn agreement_with(
    app: &TestApp,
    organisation: i64,
    others: &[i64],
    title: &str,
    valid_to: Date,
) {
    let draft = AgreementInput {
        title: title.into(),
        kind: "equipment_sharing".into(),
        valid_from: "2024-01-01".into(),
        valid_to: valid_to.to_string(),
        other_parties: others.to_vec(),
        ..Default::default()
    }
    .validate()
    .expect("valid agreement");
    let mut tx = app.db.begin().await.expect("begin");
    agreement::create(&mut tx, organisation, &draft, None, &Actor::system("test"))
        .await
        .expect("agreement");
    tx.commit().await.expect("commit");
}

/// The part of a page from one marker up to the next, so that a test can tell in which section
/// a name appears.
fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from} on the page"));
    let end = html[start..]
        .find(to)
        .map(|e| start + e)
        .unwrap_or(html.len());
    &html[start..end]
}

/// The inline SVG drawing of the map page.
fn drawing(html: &str) -> &str {
    section(
        html,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-map\"",
        "</svg>",
    )
}

app_test! {
    async fn the_health_page_names_the_single_owner_partner_the_dormant_partner_and_the_expiring_agreement(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let pekka = app.user("pekka@lhkk.example", Role::Staff, None).await;
        let single = app.organisation(company("Forssan Hitsaamo Oy"), &[tiina]).await;
        visit(app, single, today()).await;
        let quiet = app.organisation(company("Hiljainen Puusepänliike Oy"), &[tiina, pekka]).await;
        let busy = app.organisation(company("Jokioisten Konepaja Oy"), &[tiina, pekka]).await;
        visit(app, busy, today()).await;
        let ends = today() + Duration::days(30);
        agreement_with(app, busy, &[], "Hitsauslaitteiden yhteiskäyttö", ends).await;
        agreement_with(app, busy, &[], "Pitkä puitesopimus", today() + Duration::days(400)).await;

        let client = app.login("tiina@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/network/health").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Verkoston tila</h1>"));

        let single_owner = section(&html, "<h2 id=\"single-owner\">", "<h2 id=\"no-owner\">");
        assert!(single_owner.contains(&format!("<a href=\"/organisations/{single}\">Forssan Hitsaamo Oy</a>")));
        assert!(!single_owner.contains("Hiljainen Puusepänliike Oy"), "two owners is not one");
        assert!(single_owner.contains("href=\"/organisations?single_owner=1\""));
        assert!(single_owner.contains("Yksi kumppani."));

        let dormant = section(&html, "<h2 id=\"dormant\">", "<h2 id=\"expiring\">");
        assert!(dormant.contains(&format!("<a href=\"/organisations/{quiet}\">Hiljainen Puusepänliike Oy</a>")));
        assert!(!dormant.contains("Forssan Hitsaamo Oy"), "visited today is not dormant");
        assert!(!dormant.contains("Jokioisten Konepaja Oy"));
        assert!(dormant.contains("value=\"365\""), "the form shows the limit in use");

        let expiring = section(&html, "<h2 id=\"expiring\">", "<h2 id=\"new-per-year\">");
        assert!(expiring.contains("Hitsauslaitteiden yhteiskäyttö"));
        assert!(expiring.contains(&finnish(ends)), "the end date is written the Finnish way");
        assert!(expiring.contains("30 päivää"));
        assert!(!expiring.contains("Pitkä puitesopimus"), "an agreement ending in 400 days is not expiring");
    }

    async fn the_dormancy_limit_is_changed_with_the_form_and_a_mistyped_limit_is_explained(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let o = app.organisation(company("Forssan Hitsaamo Oy"), &[tiina]).await;
        visit(app, o, today() - Duration::days(100)).await;
        let client = app.login("tiina@lhkk.example").await;
        let dormant_part = |html: &str| section(html, "<h2 id=\"dormant\">", "<h2 id=\"expiring\">").to_string();

        let (_, html) = app.get_html(&client, "/network/health").await;
        assert!(html.contains("<form class=\"filters\" method=\"get\" action=\"/network/health#dormant\">"));
        assert!(!dormant_part(&html).contains("Forssan Hitsaamo Oy"), "100 days is not a year");

        let (status, html) = app.get_html(&client, "/network/health?dormant_days=30").await;
        assert_eq!(status, 200);
        let dormant = dormant_part(&html);
        assert!(dormant.contains("Forssan Hitsaamo Oy"), "100 days is more than 30");
        assert!(dormant.contains("value=\"30\""));
        assert!(dormant.contains(&finnish(today() - Duration::days(100))), "the last contact is shown");

        let (status, html) = app.get_html(&client, "/network/health?dormant_days=kolme").await;
        assert_eq!(status, 200, "a mistyped limit is explained, not refused");
        let dormant = dormant_part(&html);
        assert!(dormant.contains("value=\"kolme\""), "what the user typed is kept");
        assert!(dormant.contains("aria-invalid=\"true\""));
        assert!(dormant.contains("Anna päivien määrä kokonaislukuna"));
        assert!(!dormant.contains("Forssan Hitsaamo Oy"), "the default limit is used meanwhile");
    }

    async fn the_health_page_draws_new_partners_per_year_with_the_same_figures_in_a_table(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        app.organisation(company("Forssan Hitsaamo Oy"), &[tiina]).await;
        app.organisation(company("Jokioisten Konepaja Oy"), &[tiina]).await;
        let client = app.login("tiina@lhkk.example").await;
        let (_, html) = app.get_html(&client, "/network/health").await;
        let part = section(&html, "<h2 id=\"new-per-year\">", "<h2 id=\"composition\">");
        assert!(part.contains("role=\"img\""));
        assert!(part.contains("aria-labelledby=\"new-per-year-chart-title new-per-year-chart-desc\""));
        assert!(part.contains("<title id=\"new-per-year-chart-title\">Uudet kumppanit vuosittain</title>"));
        assert!(part.contains("<title>2024: 2</title>"), "the harness makes partners since 2024");
        assert!(part.contains("<th scope=\"row\">2024</th><td class=\"num\">2</td>"), "the table gives the same figure");
        let composition = section(&html, "<h2 id=\"composition\">", "</main>");
        assert!(composition.contains("25 "), "the industry is named by its TOL division code");
        assert!(composition.contains("Forssa"), "the municipality is named");
        assert!(composition.contains("100 %"));
    }

    async fn partners_are_refused_the_health_page_and_the_map_and_viewers_may_read_them(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let own = app.organisation(hitsaamo(), &[staff]).await;
        app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        app.user("ville@lhkk.example", Role::Viewer, None).await;
        let partner = app.login("pekka@hitsaamo.example").await;
        for path in ["/network/health", "/network/map", "/network/map.svg", "/network/health?dormant_days=10"] {
            assert_eq!(app.get_html(&partner, path).await.0, 403, "{path}");
        }
        let viewer = app.login("ville@lhkk.example").await;
        for path in ["/network/health", "/network/map", "/network/map.svg"] {
            assert_eq!(app.get_html(&viewer, path).await.0, 200, "{path}");
        }
        let res = app.client().get(app.url("/network/map")).send().await.expect("get");
        assert_eq!(res.status(), 303, "a visitor is sent to log in");
    }

    async fn the_map_draws_a_node_link_for_every_organisation_and_tells_the_links_in_text(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let pekka = app.user("pekka@lhkk.example", Role::Staff, None).await;
        let hitsaamo_id = app.organisation(company("Forssan Hitsaamo Oy"), &[tiina]).await;
        let konepaja = app.organisation(company("Jokioisten Konepaja Oy"), &[tiina, pekka]).await;
        let puu = app.organisation(OrganisationInput { kind: "vocational_institution".into(), ..company("Tammelan Puuopisto") }, &[tiina, pekka]).await;
        let alone = app.organisation(company("Yksinäinen Oy"), &[tiina, pekka]).await;
        agreement_with(app, hitsaamo_id, &[konepaja], "Laitteiden yhteiskäyttö", today() + Duration::days(300)).await;
        let draft = PersonInput { name: "Maija Mallikas".into(), ..Default::default() }.validate().expect("valid person");
        let mut tx = app.db.begin().await.expect("begin");
        let maija = person::create(&mut tx, &draft, konepaja, Some(today() - Duration::days(800)), &Actor::system("test")).await.expect("person");
        person::move_to(&mut tx, maija, puu, None, today() - Duration::days(100), &Actor::system("test")).await.expect("move");
        tx.commit().await.expect("commit");

        let client = app.login("tiina@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/network/map").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Verkostokartta</h1>"));
        let svg = drawing(&html);
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(svg.contains("width=\"100%\""));
        for id in [hitsaamo_id, konepaja, puu, alone] {
            assert_eq!(svg.matches(&format!("<a href=\"/organisations/{id}\">")).count(), 1, "one node for organisation {id}");
        }
        assert_eq!(svg.matches("<line ").count(), 2, "one line for the agreement, one for the person");
        let hitsaamo_node = section(svg, &format!("<a href=\"/organisations/{hitsaamo_id}\">"), "</a>");
        assert!(hitsaamo_node.contains("<title>Forssan Hitsaamo Oy ("));
        assert!(hitsaamo_node.contains("yksi vastuuhenkilö"), "the tooltip tells the single owner");
        assert!(hitsaamo_node.contains("stroke-dasharray=\"3 2\""), "the node has a dashed outline");
        let konepaja_node = section(svg, &format!("<a href=\"/organisations/{konepaja}\">"), "</a>");
        assert!(!konepaja_node.contains("stroke-dasharray"), "two owners: no mark");

        let text = section(&html, "<h2 id=\"map-text\"", "</main>");
        assert!(text.contains("<li>Forssan Hitsaamo Oy — Jokioisten Konepaja Oy: yhteinen sopimus (1)</li>"));
        assert!(text.contains("<li>Jokioisten Konepaja Oy — Tammelan Puuopisto: yhteinen yhteyshenkilö (1)</li>"));
        assert!(text.contains(&format!("<a href=\"/organisations/{alone}\">Yksinäinen Oy</a>")), "an organisation without links is still listed");
        let legend = section(&html, "<h2 id=\"map-legend\">", "</ul>");
        assert!(legend.contains("Katkoviivareunus: vain yksi vastuuhenkilö"));
        assert!(legend.contains("Viiva: yhteinen hanke"));
    }

    async fn the_bare_map_is_an_svg_image_with_the_same_nodes(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let a = app.organisation(company("Forssan Hitsaamo Oy"), &[tiina]).await;
        let b = app.organisation(company("Jokioisten Konepaja Oy"), &[tiina]).await;
        agreement_with(app, a, &[b], "Laitteiden yhteiskäyttö", today() + Duration::days(300)).await;
        let client = app.login("tiina@lhkk.example").await;
        let res = client.get(app.url("/network/map.svg")).send().await.expect("get");
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().expect("type").starts_with("image/svg+xml"));
        let svg = res.text().await.expect("text");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{}", &svg[..svg.len().min(80)]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("<html"));
        for id in [a, b] {
            assert!(svg.contains(&format!("<a href=\"/organisations/{id}\">")));
        }
        let (_, page) = app.get_html(&client, "/network/map").await;
        assert_eq!(drawing(&page).trim(), svg.trim_end().trim_end_matches("</svg>").trim(), "the page and the file draw the same");
    }

    async fn names_are_escaped_on_the_health_page_and_in_the_map(app) {
        let tiina = app.user("tiina@lhkk.example", Role::Staff, None).await;
        app.organisation(company("<script>alert(1)</script> & Co Oy"), &[tiina]).await;
        let client = app.login("tiina@lhkk.example").await;
        for path in ["/network/health", "/network/map", "/network/map.svg"] {
            let (status, html) = app.get_html(&client, path).await;
            assert_eq!(status, 200, "{path}");
            assert!(!html.contains("<script>alert(1)</script>"), "{path}");
            // askama writes numeric character references.
            assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{path}: the name is shown as text");
        }
    }

    async fn the_pages_speak_swedish_and_english(app) {
        app.user("tiina@lhkk.example", Role::Staff, None).await;
        let client = app.login("tiina@lhkk.example").await;
        client.get(app.url("/language/sv?back=/")).send().await.expect("switch");
        assert!(app.get_html(&client, "/network/health").await.1.contains("<h1>Nätverkets läge</h1>"));
        assert!(app.get_html(&client, "/network/map").await.1.contains("<h1>Nätverkskarta</h1>"));
        client.get(app.url("/language/en?back=/")).send().await.expect("switch");
        assert!(app.get_html(&client, "/network/health").await.1.contains("<h1>Network health</h1>"));
        assert!(app.get_html(&client, "/network/map").await.1.contains("<h1>Network map</h1>"));
    }
}
