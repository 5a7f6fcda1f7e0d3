//! Import and export through the pages, on both databases: upload, preview, mapping,
//! confirmation, refusals, and the export that imports back unchanged.

mod common;

use common::{hitsaamo, TestApp};
use reqwest::multipart::{Form, Part};
use vaski_domain::account::Role;
use vaski_store::network::{organisation, person};
use vaski_store::sql;

/// Text in Windows-1252, as a Finnish Excel saves "CSV (semicolon separated)"; the test texts
/// stay within the Latin-1 letters, where Windows-1252 and Unicode agree.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

const FINNISH_CSV: &str = "Nimi;Y-tunnus;Kunta;Toimiala;Yhteyshenkilö;Sähköposti;Puhelin\r\n\
Forssan Hitsaamo Oy;0112038-9;Forssa;25;Maija Mäkelä;maija@hitsaamo.fi;040 123 4567\r\n\
Ypäjän Hevosopisto;;Ypäjä;85;Örjan Åkerlund;orjan@hevosopisto.fi;\r\n\
Jokioisten Leipomo Oy;0245458-3;Jokioinen;10;;;\r\n";

/// Row 3 has a business ID with a wrong check digit.
const CSV_WITH_A_BAD_ROW: &str = "Nimi;Y-tunnus;Kunta\r\n\
Forssan Hitsaamo Oy;0112038-9;Forssa\r\n\
Pelti Oy;1234567-8;Loppi\r\n\
Ypäjän Talli;;Ypäjä\r\n";

async fn staff_client(app: &TestApp) -> reqwest::Client {
    app.user("tiina@lhkk.example", Role::Staff, None).await;
    app.login("tiina@lhkk.example").await
}

/// Uploads a file for preview with the given settings.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    file_name: &str,
    bytes: Vec<u8>,
    mode: &str,
    on_error: &str,
) -> reqwest::Response {
    let csrf = app.csrf(client, "/import").await;
    let form = Form::new()
        .text("csrf", csrf)
        .text("mode", mode.to_string())
        .text("on_error", on_error.to_string())
        .part("file", Part::bytes(bytes).file_name(file_name.to_string()));
    client
        .post(app.url("/import/preview"))
        .multipart(form)
        .send()
        .await
        .expect("post preview")
}

/// The hidden fields of the form posting to `action` on a page.
fn hidden_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let form = &html[start..end];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find("<input type=\"hidden\" name=\"") {
        rest = &rest[at + "<input type=\"hidden\" name=\"".len()..];
        let Some(name_end) = rest.find('"') else {
            break;
        };
        let name = rest[..name_end].to_string();
        let Some(value_at) = rest.find("value=\"") else {
            break;
        };
        let value_rest = &rest[value_at + "value=\"".len()..];
        let Some(value_end) = value_rest.find('"') else {
            break;
        };
        fields.push((name, value_rest[..value_end].to_string()));
        rest = value_rest;
    }
    fields
}

/// Posts the form to `action` found on the page, with its hidden fields, some replaced.
async fn submit(
    app: &TestApp,
    client: &reqwest::Client,
    html: &str,
    action: &str,
    replace: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = Form::new();
    for (name, value) in hidden_fields(html, action) {
        let value = replace
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(value, |(_, v)| (*v).to_string());
        form = form.text(name, value);
    }
    client
        .post(app.url(action))
        .multipart(form)
        .send()
        .await
        .expect("post form")
}

async fn organisation_names(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all(sql(
            "SELECT name FROM organisations ORDER BY normalised_name",
        ))
        .await
        .expect("names");
    rows.into_iter().map(|(n,)| n).collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(sql(format!("SELECT COUNT(*) FROM {table}")))
        .await
        .expect("count");
    n
}

app_test! {
    async fn a_windows_1252_semicolon_csv_with_finnish_headers_imports_with_contacts(app) {
        let client = staff_client(app).await;
        let res = upload(app, &client, "kumppanit.csv", windows_1252(FINNISH_CSV), "create", "abort").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("3 uutta organisaatiota"), "{html}");
        assert!(html.contains("Maija Mäkelä"), "the contact is read with its letters right");
        assert!(html.contains("Ypäjän Hevosopisto"));
        assert_eq!(count(app, "organisations").await, 0, "the preview writes nothing");
        let res = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(res.status(), 200);
        let done = res.text().await.expect("text");
        assert!(done.contains("3 organisaatiota lisättiin"), "{done}");
        assert!(done.contains("href=\"/organisations\""));
        assert_eq!(organisation_names(app).await, vec!["Forssan Hitsaamo Oy", "Jokioisten Leipomo Oy", "Ypäjän Hevosopisto"]);
        let (hitsaamo_id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM organisations WHERE business_id = '0112038-9'")).await.expect("id");
        let people = person::roles_at(&app.db, hitsaamo_id).await.expect("roles");
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].person_name, "Maija Mäkelä");
        let maija = person::get(&app.db, people[0].person_id).await.expect("get").expect("exists");
        assert_eq!(maija.email.as_deref(), Some("maija@hitsaamo.fi"));
        assert!(maija.lawful_basis.is_some_and(|b| b.contains("kumppanit.csv")));
        let o = organisation::get(&app.db, hitsaamo_id).await.expect("get").expect("exists");
        assert_eq!(o.owners.len(), 1, "the importing user owns the new partnership");
        assert_eq!(count(app, "people").await, 2);
    }

    async fn an_xlsx_upload_shows_the_preview_and_confirm_creates_the_organisations(app) {
        let client = staff_client(app).await;
        let rows = vec![
            vec!["Forssan Hitsaamo Oy".to_string(), "0112038-9".into(), "Forssa".into(), "Oppisopimus, työssäoppiminen".into()],
            vec!["Lopen Pelti Oy".to_string(), "0245458-3".into(), "Loppi".into(), String::new()],
        ];
        let xlsx = vaski_sheets::write_xlsx("Kumppanit", &["Yritys", "Y-tunnus", "Kotikunta", "Yhteistyö"], &rows).expect("xlsx");
        let res = upload(app, &client, "kumppanit.xlsx", xlsx, "create", "abort").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("2 uutta organisaatiota"), "{html}");
        assert!(html.contains("<caption>Sarakkeiden tulkinta</caption>"));
        assert!(html.contains("Lopen Pelti Oy"), "a sample of the creates is shown");
        let res = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(organisation_names(app).await, vec!["Forssan Hitsaamo Oy", "Lopen Pelti Oy"]);
        let (id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM organisations WHERE business_id = '0112038-9'")).await.expect("id");
        let o = organisation::get(&app.db, id).await.expect("get").expect("exists");
        assert_eq!(o.cooperation.len(), 2);
        // The upload is gone once used: confirming again imports nothing twice.
        let again = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(again.status(), 400);
        assert_eq!(count(app, "organisations").await, 2);
    }

    async fn an_unknown_column_is_mapped_by_the_user_and_the_preview_follows(app) {
        let client = staff_client(app).await;
        let csv = "Asiakas;Kunta\r\nForssan Hitsaamo Oy;Forssa\r\n";
        let res = upload(app, &client, "lista.csv", csv.as_bytes().to_vec(), "create", "abort").await;
        assert_eq!(res.status(), 422, "without a name column the file cannot be imported");
        let html = res.text().await.expect("text");
        assert!(html.contains("ei tunnistettu"), "the unknown column is flagged");
        assert!(html.contains("Mikään tiedoston sarake ei ole tulkittu tiedoksi ”Nimi”"), "{html}");
        assert!(!html.contains("action=\"/import/confirm\""), "nothing to confirm yet");
        let res = submit(app, &client, &html, "/import/preview", &[]).await;
        assert_eq!(res.status(), 422, "the same mapping is still refused");
        let mut form = Form::new();
        for (name, value) in hidden_fields(&html, "/import/preview") {
            form = form.text(name, value);
        }
        let form = form.text("column-0", "name").text("column-1", "municipality").text("mode", "create").text("on_error", "abort");
        let res = client.post(app.url("/import/preview")).multipart(form).send().await.expect("post");
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("Yksi uusi organisaatio"), "{html}");
        let res = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(organisation_names(app).await, vec!["Forssan Hitsaamo Oy"]);
    }

    async fn a_bad_row_is_named_by_row_and_column_and_abort_writes_nothing_while_skip_writes_the_rest(app) {
        let client = staff_client(app).await;
        let res = upload(app, &client, "lista.csv", CSV_WITH_A_BAD_ROW.as_bytes().to_vec(), "create", "abort").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("<th scope=\"row\">3</th><td>Y-tunnus</td><td>Y-tunnuksen tarkistusmerkki ei täsmää.</td><td>1234567-8</td>"), "{html}");
        assert!(html.contains("class=\"warning\""), "the user is told the import would stop");
        // Confirming anyway with abort stops the import and writes nothing.
        let html_again = html.clone();
        let mut form = Form::new();
        for (name, value) in hidden_fields(&html_again, "/import/preview") {
            form = form.text(name, value);
        }
        let res = client.post(app.url("/import/confirm")).multipart(form.text("mode", "create").text("on_error", "abort")).send().await.expect("post");
        assert_eq!(res.status(), 422);
        assert!(res.text().await.expect("text").contains("Mitään ei tallennettu"));
        assert_eq!(count(app, "organisations").await, 0);
        // With skip, the good rows are written.
        let mut form = Form::new();
        for (name, value) in hidden_fields(&html_again, "/import/preview") {
            form = form.text(name, value);
        }
        let res = client.post(app.url("/import/preview")).multipart(form.text("mode", "create").text("on_error", "skip")).send().await.expect("post");
        let html = res.text().await.expect("text");
        assert!(!html.contains("class=\"warning\""));
        let res = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(res.status(), 200);
        let done = res.text().await.expect("text");
        assert!(done.contains("2 organisaatiota lisättiin"), "{done}");
        assert!(done.contains("Yksi rivi hylätty"));
        assert_eq!(organisation_names(app).await, vec!["Forssan Hitsaamo Oy", "Ypäjän Talli"]);
    }

    async fn duplicates_in_the_file_and_in_the_database_are_shown_in_the_preview(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        app.organisation(hitsaamo(), &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let csv = "Nimi;Y-tunnus;Kunta\r\nHitsaamo;0112038-9;Forssa\r\nPelti Oy;0245458-3;Loppi\r\nPelti;245458-3;Loppi\r\n";
        let res = upload(app, &client, "lista.csv", csv.as_bytes().to_vec(), "create", "skip").await;
        let html = res.text().await.expect("text");
        assert!(html.contains("<th scope=\"row\">2</th><td>Y-tunnus</td><td>Organisaatio on jo Vaskissa."), "{html}");
        assert!(html.contains("<th scope=\"row\">4</th><td>Y-tunnus</td><td>Sama organisaatio on tiedostossa jo aiemmin. (sama kuin rivi 3)</td>"), "{html}");
        assert!(html.contains("Yksi uusi organisaatio"));
    }

    async fn the_csv_export_starts_with_a_bom_and_imports_back_unchanged(app) {
        let client = staff_client(app).await;
        let res = upload(app, &client, "kumppanit.csv", windows_1252(FINNISH_CSV), "create", "abort").await;
        let html = res.text().await.expect("text");
        submit(app, &client, &html, "/import/confirm", &[]).await;
        let (id,): (i64,) = app.db.fetch_one(sql("SELECT id FROM organisations WHERE business_id = '0112038-9'")).await.expect("id");
        let mut tx = app.db.begin().await.expect("begin");
        let mut input = hitsaamo();
        input.cooperation = vec!["training_purchase".into(), "guest_teaching".into(), "apprenticeship".into()];
        input.status = "dormant".into();
        input.website = "www.hitsaamo.fi".into();
        organisation::update(&mut tx, id, &input.validate().expect("valid"), &vaski_store::Actor::system("test")).await.expect("update");
        tx.commit().await.expect("commit");

        let res = client.get(app.url("/organisations/export.csv")).send().await.expect("export");
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-disposition"].to_str().expect("header").starts_with("attachment; filename=\"organisaatiot-"));
        assert!(res.headers()["content-type"].to_str().expect("header").starts_with("text/csv"));
        let bytes = res.bytes().await.expect("bytes").to_vec();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        assert!(text.starts_with("Nimi;Y-tunnus;Tyyppi;Toimiala;Kunta;"), "{text}");
        assert!(text.contains("Forssan Hitsaamo Oy;0112038-9;Yritys;25 "), "{text}");
        assert!(text.contains("Lepäävä"));
        assert!(text.contains("Maija Mäkelä"));

        let audit_before = count(app, "audit_log").await;
        let res = upload(app, &client, "organisaatiot.csv", bytes, "upsert", "abort").await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.expect("text");
        assert!(html.contains("3 organisaatiota ennallaan"), "{html}");
        assert!(html.contains("0 uutta organisaatiota"));
        assert!(html.contains("0 organisaatiota päivitetään"));
        let res = submit(app, &client, &html, "/import/confirm", &[]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(count(app, "audit_log").await, audit_before + 1, "only the import's summary entry");
        assert_eq!(count(app, "organisations").await, 3);
        assert_eq!(count(app, "people").await, 2);
    }

    async fn the_xlsx_export_follows_the_list_filters(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        app.organisation(hitsaamo(), &[staff]).await;
        app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Lopen Pelti Oy".into(), business_id: String::new(), municipality: "Loppi".into(), ..hitsaamo() }, &[staff]).await;
        let client = app.login("tiina@lhkk.example").await;
        let res = client.get(app.url("/organisations/export.xlsx?municipality=Loppi")).send().await.expect("export");
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-disposition"].to_str().expect("header").ends_with(".xlsx\""));
        let table = vaski_sheets::read_table(&res.bytes().await.expect("bytes")).expect("a workbook");
        assert_eq!(table.headers[0], "Nimi");
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].cells[0], "Lopen Pelti Oy");
    }

    async fn a_png_upload_is_refused_with_400_and_nothing_is_written(app) {
        let client = staff_client(app).await;
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
        let res = upload(app, &client, "logo.png", png, "create", "abort").await;
        assert_eq!(res.status(), 400);
        let html = res.text().await.expect("text");
        assert!(html.contains("Tiedosto ei ole taulukko"), "{html}");
        assert_eq!(count(app, "organisations").await, 0);
        assert_eq!(count(app, "import_uploads").await, 0);
        let (imports,): (i64,) = app.db.fetch_one(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'import'")).await.expect("count");
        assert_eq!(imports, 0);
    }

    async fn a_utf16_file_is_refused_as_unreadable_encoding(app) {
        let client = staff_client(app).await;
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Nimi;Kunta\r\nHitsaamo;Forssa\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let res = upload(app, &client, "lista.csv", utf16, "create", "abort").await;
        assert_eq!(res.status(), 400);
        assert!(res.text().await.expect("text").contains("merkistöä"));
        assert_eq!(count(app, "organisations").await, 0);
    }

    async fn a_partner_and_a_viewer_get_403_on_import(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let own = app.organisation(hitsaamo(), &[staff]).await;
        app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        app.user("ville@lhkk.example", Role::Viewer, None).await;
        for email in ["pekka@hitsaamo.example", "ville@lhkk.example"] {
            let client = app.login(email).await;
            assert_eq!(app.get_html(&client, "/import").await.0, 403, "{email}");
        }
        let staff_client = app.login("tiina@lhkk.example").await;
        let (status, html) = app.get_html(&staff_client, "/import").await;
        assert_eq!(status, 200);
        assert!(html.contains("<legend>Tuontitapa</legend>"));
        assert!(html.contains("<label for=\"file\">"));
    }

    async fn a_partner_exports_only_their_own_organisation(app) {
        let staff = app.user("tiina@lhkk.example", Role::Staff, None).await;
        let own = app.organisation(hitsaamo(), &[staff]).await;
        app.organisation(vaski_domain::network::organisation::OrganisationInput { name: "Muu Oy".into(), business_id: String::new(), ..hitsaamo() }, &[staff]).await;
        app.user("pekka@hitsaamo.example", Role::Partner, Some(own)).await;
        let client = app.login("pekka@hitsaamo.example").await;
        let res = client.get(app.url("/organisations/export.csv")).send().await.expect("export");
        assert_eq!(res.status(), 200);
        let text = res.text().await.expect("text");
        assert!(text.contains("Forssan Hitsaamo Oy"));
        assert!(!text.contains("Muu Oy"));
    }
}

/// An upload larger than the configured limit is refused with 413 and nothing is written.
async fn a_file_over_the_upload_limit_is_refused(backend: vaski_store::Backend) {
    let config = vaski_web::Config {
        upload_limit_bytes: 1024,
        ..Default::default()
    };
    let app = TestApp::spawn_with(backend, config).await;
    let client = staff_client(&app).await;
    let mut csv = String::from("Nimi;Kunta\r\n");
    while csv.len() <= 2048 {
        csv.push_str("Forssan Hitsaamo Oy;Forssa\r\n");
    }
    let res = upload(
        &app,
        &client,
        "iso.csv",
        csv.into_bytes(),
        "create",
        "abort",
    )
    .await;
    assert_eq!(res.status(), 413);
    assert_eq!(count(&app, "organisations").await, 0);
    assert_eq!(count(&app, "import_uploads").await, 0);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_upload_limit_is_refused_on_sqlite() {
    a_file_over_the_upload_limit_is_refused(vaski_store::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_upload_limit_is_refused_on_postgres() {
    a_file_over_the_upload_limit_is_refused(vaski_store::Backend::Postgres).await;
}
