//! HTTP tests of the shared-use figures page and the invoicing basis with its CSV and XLSX
//! downloads, on both databases.

mod common;
#[expect(dead_code, reason = "the browser driver serves more tests than these")]
#[path = "browser/driver.rs"]
mod driver;

use common::{hitsaamo, TestApp, PASSWORD};
use jiff::civil::date;
use jiff::Timestamp;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::sharing::draft::{PriceInput, ResourceInput};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_store::sharing::booking::{self, Kind, NewBooking};
use vaski_store::sharing::resource;
use vaski_store::{Actor, Backend};

struct Network {
    school: i64,
    company: i64,
    other: i64,
}

fn local(day: i8, hour: i8) -> Timestamp {
    date(2025, 10, day)
        .at(hour, 0, 0, 0)
        .to_zoned(helsinki().clone())
        .expect("a Helsinki time")
        .timestamp()
}

fn price(booker: &str, per_hour: &str) -> PriceInput {
    PriceInput {
        booker: booker.into(),
        per_hour: per_hour.into(),
        per_day: String::new(),
    }
}

async fn resource(app: &TestApp, name: &str, owner: i64, prices: Vec<PriceInput>) -> i64 {
    let draft = ResourceInput {
        name: name.into(),
        kind: "machine".into(),
        owner_organisation_id: owner.to_string(),
        municipality: "Forssa".into(),
        approval: "automatic".into(),
        eligibility: "registered_partners".into(),
        prices,
        ..Default::default()
    }
    .validate()
    .expect("valid resource");
    let mut tx = app.db.begin().await.expect("begin");
    let id = resource::create(&mut tx, &draft, &Actor::system("test"))
        .await
        .expect("resource");
    tx.commit().await.expect("commit");
    id
}

/// A booking of October 2025 from `from` to `to` o'clock, made in September.
async fn book(app: &TestApp, resource_id: i64, booker: i64, day: i8, from: i8, to: i8) {
    let req = NewBooking {
        resource_id,
        kind: Kind::Booking,
        occurrences: vec![Interval::new(local(day, from), local(day, to)).expect("span")],
        series: None,
        units: 1,
        booker_organisation_id: Some(booker),
        contact_person_id: None,
        booked_by: None,
        purpose: None,
        people_count: None,
        skip_conflicts: false,
    };
    let september = local(1, 8) - jiff::SignedDuration::from_hours(24 * 30);
    let made = booking::book(&app.db, &req, september, &Actor::system("test"))
        .await
        .expect("store works")
        .expect("accepted");
    assert_eq!(made.made.len(), 1, "{:?}", made.refused);
}

/// The school's CNC lathe and the welding shop's press brake, booked in October 2025: the shop
/// on the lathe 4 h (45 €/h), the school on its own lathe 2 h (no price), the school on the
/// press 3 h (30 €/h) and another company on the press 2 h (40 €/h).
async fn network(app: &TestApp) -> Network {
    let school = app
        .organisation(
            OrganisationInput {
                name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
                kind: "vocational_institution".into(),
                municipality: "Forssa".into(),
                ..Default::default()
            },
            &[],
        )
        .await;
    let company = app.organisation(hitsaamo(), &[]).await;
    let other = app
        .organisation(
            OrganisationInput {
                name: "Jokioisten Konepaja Ky".into(),
                kind: "company".into(),
                municipality: "Jokioinen".into(),
                ..Default::default()
            },
            &[],
        )
        .await;
    let lathe = resource(app, "CNC-sorvi", school, vec![price("company", "45")]).await;
    let press = resource(
        app,
        "Särmäyspuristin",
        company,
        vec![price("institution", "30"), price("company", "40")],
    )
    .await;
    book(app, lathe, company, 6, 8, 12).await;
    book(app, lathe, school, 7, 8, 10).await;
    book(app, press, school, 8, 8, 11).await;
    book(app, press, other, 9, 12, 14).await;
    Network {
        school,
        company,
        other,
    }
}

const OCTOBER: &str = "from=2025-10&to=2025-10";

/// A cell of either file as text: numbers as hundredths, so that `180,00` in the CSV and 180.0
/// in the workbook read the same.
fn normalised(text: &str) -> String {
    let digits = text.replace(',', ".");
    match digits.parse::<f64>() {
        Ok(x) if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == ',') => {
            format!("#{}", (x * 100.0).round() as i64)
        }
        _ => text.to_string(),
    }
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

fn xlsx_rows(bytes: Vec<u8>) -> (Vec<String>, Vec<Vec<String>>) {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an XLSX workbook");
    let name = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&name).expect("the sheet");
    let mut rows = range.rows().map(|r| {
        r.iter()
            .map(|c| match c {
                Data::String(s) => s.clone(),
                Data::Float(x) => format!("#{}", (x * 100.0).round() as i64),
                Data::Int(n) => format!("#{}", n * 100),
                Data::Empty => String::new(),
                other => panic!("unexpected cell {other:?}"),
            })
            .collect::<Vec<String>>()
    });
    let headers = rows.next().expect("a header row");
    (headers, rows.collect())
}

async fn download(app: &TestApp, client: &reqwest::Client, path: &str) -> Vec<u8> {
    let res = client.get(app.url(path)).send().await.expect("get");
    assert_eq!(res.status(), 200, "{path}");
    let disposition = res
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.contains("laskutusperuste-2025-10"),
        "{disposition}"
    );
    res.bytes().await.expect("body").to_vec()
}

app_test! {
    async fn a_viewer_sees_the_whole_network_and_the_answer_to_how_much_outsiders_used(app) {
        network(app).await;
        app.user("rehtori@lhkk.example", Role::Viewer, None).await;
        let client = app.login("rehtori@lhkk.example").await;
        let (status, html) = app.get_html(&client, &format!("/resources/figures?{OCTOBER}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("CNC-sorvi") && html.contains("Särmäyspuristin"));
        // 11 hours booked, 9 of them by others than the owner: the shop on the lathe and the
        // school and the other company on the press.
        let answer = &html[html.find("id=\"answer\"").expect("the answer")..];
        let answer = &answer[..answer.find("</p>").expect("end")];
        assert!(answer.contains("10/2025"), "{answer}");
        assert!(answer.contains("9 tuntia eli 82 % kaikista 11 varatusta tunnista"), "{answer}");
        assert!(answer.contains("3 organisaatiota"), "{answer}");
        assert!(html.contains("<svg"), "a chart");
        assert!(html.contains("role=\"img\""), "the chart is an image with a text alternative");
    }

    async fn a_partner_sees_only_the_figures_of_their_own_resources(app) {
        let n = network(app).await;
        app.user("yrittaja@hitsaamo.example", Role::Partner, Some(n.company)).await;
        let client = app.login("yrittaja@hitsaamo.example").await;
        for path in [format!("/resources/figures?{OCTOBER}"), format!("/resources/figures?{OCTOBER}&owner={}", n.school)] {
            let (status, html) = app.get_html(&client, &path).await;
            assert_eq!(status, 200);
            assert!(html.contains("Särmäyspuristin"), "{path}");
            assert!(!html.contains("CNC-sorvi"), "the school's lathe is not the partner's: {path}");
            assert!(html.contains("5 tuntia eli 100 % kaikista 5 varatusta tunnista"), "{path}");
        }
        let (status, html) = app.get_html(&client, "/resources/invoicing?month=2025-10").await;
        assert_eq!(status, 200);
        assert!(html.contains("Jokioisten Konepaja Ky"));
        assert!(!html.contains("225,90"), "the shop's own booking of the lathe is the school's to invoice");
        let (headers, rows) = csv_rows(&download(app, &client, "/resources/invoicing.csv?month=2025-10").await);
        assert_eq!(headers[1], "Omistaja");
        assert_eq!(rows.len(), 3, "two bookers and the sum row");
        assert!(rows[..2].iter().all(|r| r[1] == "Forssan Hitsaamo Oy"), "{rows:?}");
        let _ = n.other;
    }

    async fn the_invoicing_basis_downloads_parse_back_to_the_same_rows(app) {
        let n = network(app).await;
        app.user("koordinaattori@lhkk.example", Role::Staff, None).await;
        let client = app.login("koordinaattori@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/resources/invoicing?month=2025-10").await;
        assert_eq!(status, 200);
        for figure in ["180,00\u{a0}€", "45,90\u{a0}€", "225,90\u{a0}€", "439,25\u{a0}€"] {
            assert!(html.contains(figure), "{figure} on the page");
        }

        let (headers, rows) = csv_rows(&download(app, &client, "/resources/invoicing.csv?month=2025-10").await);
        assert_eq!(
            headers,
            ["Kuukausi", "Omistaja", "Varaaja", "Y-tunnus", "Hintaryhmä", "Varauksia", "Tunnit", "Päivät", "Veroton hinta (€)", "ALV 25,5 % (€)", "Yhteensä (€)"]
        );
        let expected: Vec<Vec<&str>> = vec![
            vec!["2025-10", "Forssan Hitsaamo Oy", "Jokioisten Konepaja Ky", "", "Yritys", "1", "2,00", "1", "80,00", "20,40", "100,40"],
            vec!["2025-10", "Forssan Hitsaamo Oy", "Lounais-Hämeen koulutuskuntayhtymä", "", "Oppilaitos tai tutkimuslaitos", "1", "3,00", "1", "90,00", "22,95", "112,95"],
            vec!["2025-10", "Lounais-Hämeen koulutuskuntayhtymä", "Forssan Hitsaamo Oy", "0112038-9", "Yritys", "1", "4,00", "1", "180,00", "45,90", "225,90"],
            vec!["Yhteensä", "", "", "", "", "3", "9,00", "3", "350,00", "89,25", "439,25"],
        ];
        assert_eq!(rows, expected);

        let (xlsx_headers, xlsx) = xlsx_rows(download(app, &client, "/resources/invoicing.xlsx?month=2025-10").await);
        assert_eq!(xlsx_headers, headers);
        let csv_normalised: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| normalised(c)).collect()).collect();
        let xlsx_padded: Vec<Vec<String>> = xlsx
            .into_iter()
            .map(|mut r| {
                r.resize(headers.len(), String::new());
                r
            })
            .collect();
        assert_eq!(xlsx_padded, csv_normalised, "the workbook holds the same rows, its figures as numbers");
        assert_eq!(xlsx_padded[2][8], "#18000", "180,00 € as the number 180");

        // One owner only.
        let (_, own) = csv_rows(&download(app, &client, &format!("/resources/invoicing.csv?month=2025-10&owner={}", n.school)).await);
        assert_eq!(own.len(), 2);
        assert_eq!(own[0][2], "Forssan Hitsaamo Oy");
    }

    async fn a_mistyped_month_is_said_next_to_the_field_and_a_download_refuses_it(app) {
        network(app).await;
        app.user("koordinaattori@lhkk.example", Role::Staff, None).await;
        let client = app.login("koordinaattori@lhkk.example").await;
        let (status, html) = app.get_html(&client, "/resources/figures?from=2025-13&to=2025-10").await;
        assert_eq!(status, 200);
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(html.contains("value=\"2025-13\""), "what was typed is shown back");
        let res = client.get(app.url("/resources/invoicing.csv?month=lokakuu")).send().await.expect("get");
        assert_eq!(res.status(), 400);
        let anonymous = app.client().get(app.url("/resources/figures")).send().await.expect("get");
        assert_eq!(anonymous.status(), 303, "to the login page");
    }
}

/// Runs axe-core on the page shown now; answers the serious and critical violations.
async fn serious_axe_violations(b: &driver::Browser, source: &str, page: &str) -> Vec<String> {
    const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then((r) => done({ ok: true, passes: r.passes.length, violations: r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.html).join(' | ')) }))
  .catch((e) => done({ ok: false, error: String(e) }));
"#;
    if b.script("return typeof window.axe === 'object';").await != serde_json::Value::Bool(true) {
        b.client
            .execute(source, vec![])
            .await
            .unwrap_or_else(|e| panic!("inject axe-core into {page}: {e}"));
    }
    let result = b
        .client
        .execute_async(RUN, vec![])
        .await
        .unwrap_or_else(|e| panic!("run axe-core on {page}: {e}"));
    assert_eq!(result["ok"], true, "axe-core failed on {page}: {result}");
    assert!(
        result["passes"].as_u64().unwrap_or_default() > 10,
        "axe-core checked next to nothing on {page}"
    );
    result["violations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|v| format!("{page}: {}", v.as_str().unwrap_or_default()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_figures_and_invoicing_pages_have_no_serious_axe_violations() {
    let test = "the_figures_and_invoicing_pages_have_no_serious_axe_violations";
    let axe_path = driver::axe_path();
    if !driver::tools_present(test, &[("axe-core", axe_path.as_path())]) {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite).await;
    let Some(b) = driver::Browser::start(test, driver::DESKTOP, &app.url("")).await else {
        app.finish().await;
        return;
    };
    network(&app).await;
    app.user("koordinaattori@lhkk.example", Role::Staff, None)
        .await;
    let source = std::fs::read_to_string(&axe_path).expect("read axe.min.js");
    b.log_in("koordinaattori@lhkk.example", PASSWORD).await;
    let mut found = Vec::new();
    for path in [
        format!("/resources/figures?{OCTOBER}"),
        "/resources/figures?from=2025-13&to=2025-10".to_string(),
        "/resources/invoicing?month=2025-10".to_string(),
        "/resources/invoicing?month=2025-01".to_string(),
    ] {
        b.open(&path).await;
        found.extend(serious_axe_violations(&b, &source, &path).await);
    }
    b.close().await;
    app.finish().await;
    assert!(
        found.is_empty(),
        "serious or critical axe-core violations:\n{}",
        found.join("\n")
    );
}
