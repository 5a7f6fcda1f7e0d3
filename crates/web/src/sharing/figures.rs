//! The figures of shared use ("Yhteiskäytön luvut") and the invoicing basis ("Laskutusperuste"):
//! how much of its opening hours each resource was booked month by month, who booked (by kind
//! of booker and by organisation, and how much outside the owner, answered in one sentence at
//! the top), the no-shows; and per booker organisation and month what to invoice, as a page and
//! as CSV and XLSX downloads with Finnish headers.
//!
//! Staff, admins and viewers see the whole network (and may narrow it to one owner); a partner
//! sees the figures of their own organisation's resources only.

use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::{catalogues, Tr};
use crate::pages::{render, url_encode, Frame};
use crate::state::AppState;
use crate::svg::{Bar, BarChart};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use fluent_bundle::{FluentArgs, FluentValue};
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::sharing::resource::BookerKind;
use vaski_domain::Language;
use vaski_sheets::Cell;
use vaski_store::account::User;
use vaski_store::sharing::figures::{
    self, percent, Figures, InvoiceRow, InvoiceTotals, Month, MAX_MONTHS,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/resources/figures", get(figures_page))
        .route("/resources/invoicing", get(invoicing_page))
        .route("/resources/invoicing.csv", get(invoicing_csv))
        .route("/resources/invoicing.xlsx", get(invoicing_xlsx))
}

/// Whose resources a user's figures cover: the whole network (or the one owner chosen) for
/// staff, admins and viewers; a partner's own organisation, whatever they ask.
pub fn scope(user: &User, asked: &str) -> Result<Option<i64>, AppError> {
    if user.role.sees_whole_network() {
        Ok(asked.trim().parse::<i64>().ok())
    } else {
        user.organisation_id.map(Some).ok_or(AppError::Forbidden)
    }
}

/// This month in Helsinki.
fn this_month() -> Month {
    Month::containing(jiff::Timestamp::now())
}

/// The month `n` months before `m`.
fn months_back(m: Month, n: i64) -> Month {
    let index = i64::from(m.year()) * 12 + i64::from(m.month()) - 1 - n;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    i16::try_from(year)
        .ok()
        .zip(i8::try_from(month).ok())
        .and_then(|(y, mo)| Month::new(y, mo))
        .unwrap_or(m)
}

/// A month as the language writes it: `10/2026`, or `2026-10` in English.
pub fn month_label(m: Month, lang: Language) -> String {
    match lang {
        Language::En => m.to_string(),
        _ => format!("{}/{}", m.month(), m.year()),
    }
}

/// A short month label for a chart: `10/26`.
fn month_short(m: Month) -> String {
    format!("{}/{:02}", m.month(), m.year().rem_euclid(100))
}

/// Digits grouped by thousands with `sep`.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Hundredths as the language writes a number: `1 234,5` (no-break space) in Finnish and
/// Swedish, `1,234.5` in English; `keep` decimals always shown (money), else trailing zeros
/// dropped.
pub fn hundredths(value: i64, lang: Language, keep: bool) -> String {
    let (group, point) = match lang {
        Language::En => (",", "."),
        _ => ("\u{a0}", ","),
    };
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let whole = grouped(abs / 100, group);
    let cents = abs % 100;
    let decimals = if keep {
        format!("{point}{cents:02}")
    } else if cents == 0 {
        String::new()
    } else if cents.is_multiple_of(10) {
        format!("{point}{}", cents / 10)
    } else {
        format!("{point}{cents:02}")
    };
    format!("{sign}{whole}{decimals}")
}

/// Minutes as hours in hundredths, rounded half up.
fn minutes_to_hundredths(minutes: i64) -> i64 {
    (minutes * 100 * 2 + 60) / 120
}

/// Minutes as hours the way the language writes them: `2,5`.
pub fn hours(minutes: i64, lang: Language) -> String {
    hundredths(minutes_to_hundredths(minutes), lang, false)
}

/// Euros with the sign the language puts where it does: `1 234,50 €`, `€1,234.50`.
pub fn euros(cents: i64, lang: Language) -> String {
    match lang {
        Language::En => format!("€{}", hundredths(cents, lang, true)),
        _ => format!("{}\u{a0}€", hundredths(cents, lang, true)),
    }
}

/// A number for a Finnish CSV: `1234,50`, a decimal comma and no grouping, so that a Finnish
/// Excel reads it as a number.
pub fn csv_decimal(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// A message with several named arguments; numbers go in as numbers (for plural forms), the
/// rest as text.
fn message(t: &Tr, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut a = FluentArgs::new();
    for (name, value) in args {
        a.set(name.to_string(), value.clone());
    }
    catalogues().message(t.lang, key, Some(&a))
}

fn text(s: String) -> FluentValue<'static> {
    FluentValue::from(s)
}

fn booker_kind_label(t: &Tr, kind: Option<BookerKind>) -> String {
    match kind {
        Some(k) => t.t(&format!("figures-booker-{}", k.code())),
        None => t.t("figures-booker-none"),
    }
}

// ---------------------------------------------------------------------------------------------
// The figures page

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiguresQuery {
    /// Kept as typed so that a mistyped month is shown back with a message.
    pub from: String,
    pub to: String,
    pub owner: String,
}

/// The period to use and the message keys of what was wrong with the typed months (the default
/// period, the last twelve months, is used meanwhile).
pub fn period(
    query: &FiguresQuery,
    today: Month,
) -> (Month, Month, Option<&'static str>, Option<&'static str>) {
    let default = (months_back(today, 11), today);
    let parse = |s: &str, d: Month| {
        if s.trim().is_empty() {
            (d, None)
        } else {
            match Month::parse(s) {
                Some(m) => (m, None),
                None => (d, Some("figures-month-invalid")),
            }
        }
    };
    let (from, from_error) = parse(&query.from, default.0);
    let (to, to_error) = parse(&query.to, default.1);
    if from_error.is_some() || to_error.is_some() {
        return (default.0, default.1, from_error, to_error);
    }
    if to < from {
        return (default.0, default.1, None, Some("figures-period-reversed"));
    }
    if from.count_through(to) > MAX_MONTHS {
        return (default.0, default.1, None, Some("figures-period-too-long"));
    }
    (from, to, None, None)
}

/// A choice of the owner filter.
pub struct OwnerOption {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

fn owner_options(owners: &[(i64, String)], owner: Option<i64>) -> Vec<OwnerOption> {
    owners
        .iter()
        .map(|(id, name)| OwnerOption {
            id: *id,
            name: name.clone(),
            selected: owner == Some(*id),
        })
        .collect()
}

/// One resource's row of the utilisation table: a share per month and over the period.
pub struct UtilisationRow {
    pub id: i64,
    pub name: String,
    pub owner: String,
    pub cells: Vec<String>,
    pub booked: String,
    pub open: String,
    pub total: String,
}

/// The network's (or the owner's) utilisation in one month.
pub struct MonthRow {
    pub label: String,
    pub booked: String,
    pub open: String,
    pub percent: i64,
}

pub struct KindRow {
    pub label: String,
    pub bookings: i64,
    pub hours: String,
    pub percent: i64,
}

pub struct OrganisationRow {
    pub id: Option<i64>,
    pub name: String,
    pub outside: bool,
    pub bookings: i64,
    pub hours: String,
    pub percent: i64,
}

pub struct NoShowRow {
    pub id: i64,
    pub name: String,
    pub ended: i64,
    pub no_shows: i64,
    pub percent: i64,
    pub hours: String,
}

#[derive(Template)]
#[template(path = "sharing_figures/figures.html")]
struct FiguresPage {
    page: Frame,
    answer: String,
    typed_from: String,
    typed_to: String,
    from_error: Option<String>,
    to_error: Option<String>,
    owners: Vec<OwnerOption>,
    whole_network: bool,
    period_label: String,
    months: Vec<String>,
    total_hours: String,
    outside_hours: String,
    outside_percent: i64,
    outside_organisations: i64,
    bookings: i64,
    chart: String,
    by_month: Vec<MonthRow>,
    utilisation: Vec<UtilisationRow>,
    by_kind: Vec<KindRow>,
    by_organisation: Vec<OrganisationRow>,
    no_shows: Vec<NoShowRow>,
    invoicing_link: String,
}

/// The one-sentence answer to "how many hours were the resources used by outsiders".
fn answer(t: &Tr, f: &Figures, period: &str, owner_name: Option<&str>) -> String {
    let s = &f.sharing;
    if s.bookings == 0 {
        return message(t, "figures-answer-none", &[("period", text(period.into()))]);
    }
    let mut args = vec![
        ("period", text(period.into())),
        ("hours", text(hours(s.minutes, t.lang))),
        ("outside", text(hours(s.outside_minutes, t.lang))),
        ("percent", FluentValue::from(s.outside_percent())),
        ("organisations", FluentValue::from(s.outside_organisations)),
    ];
    match owner_name {
        Some(name) => {
            args.push(("owner", text(name.into())));
            message(t, "figures-answer-owner", &args)
        }
        None => message(t, "figures-answer", &args),
    }
}

fn utilisation_rows(f: &Figures, months: &[Month], lang: Language) -> Vec<UtilisationRow> {
    let mut rows: Vec<UtilisationRow> = Vec::new();
    let mut names: BTreeMap<i64, (String, String)> = BTreeMap::new();
    let mut order: Vec<i64> = Vec::new();
    let mut by_resource: BTreeMap<i64, BTreeMap<Month, (i64, i64)>> = BTreeMap::new();
    for u in &f.utilisation {
        names.entry(u.resource_id).or_insert_with(|| {
            order.push(u.resource_id);
            (u.name.clone(), u.owner_name.clone())
        });
        by_resource
            .entry(u.resource_id)
            .or_default()
            .insert(u.month, (u.booked_minutes, u.open_minutes));
    }
    for id in order {
        let Some((name, owner)) = names.remove(&id) else {
            continue;
        };
        let cells_of = by_resource.remove(&id).unwrap_or_default();
        let (booked, open) = cells_of
            .values()
            .fold((0, 0), |(b, o), (bm, om)| (b + bm, o + om));
        rows.push(UtilisationRow {
            id,
            name,
            owner,
            cells: months
                .iter()
                .map(|m| match cells_of.get(m) {
                    Some((b, o)) if *o > 0 || *b > 0 => format!("{}\u{a0}%", percent(*b, *o)),
                    _ => "–".to_string(),
                })
                .collect(),
            booked: hours(booked, lang),
            open: hours(open, lang),
            total: format!("{}\u{a0}%", percent(booked, open)),
        });
    }
    rows
}

fn month_rows(f: &Figures, months: &[Month], lang: Language) -> Vec<MonthRow> {
    months
        .iter()
        .map(|m| {
            let (booked, open) = f
                .utilisation
                .iter()
                .filter(|u| u.month == *m)
                .fold((0, 0), |(b, o), u| {
                    (b + u.booked_minutes, o + u.open_minutes)
                });
            MonthRow {
                label: month_label(*m, lang),
                booked: hours(booked, lang),
                open: hours(open, lang),
                percent: percent(booked, open),
            }
        })
        .collect()
}

pub async fn figures_page(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<FiguresQuery>,
) -> Result<Response, AppError> {
    let owner = scope(&session.user, &query.owner)?;
    let whole_network = session.user.role.sees_whole_network();
    let (from, to, from_error, to_error) = period(&query, this_month());
    let f = figures::figures(&state.db, from, to, owner, jiff::Timestamp::now()).await?;
    let owners = if whole_network {
        figures::owner_names(&state.db).await?
    } else {
        Vec::new()
    };
    let mut path = format!("/resources/figures?from={from}&to={to}");
    if let Some(o) = owner.filter(|_| whole_network) {
        path.push_str(&format!("&owner={o}"));
    }
    let page = Frame::of(&session, &path, "figures-title");
    let t = page.t.clone();
    let lang = t.lang;
    let period_label = if from == to {
        month_label(from, lang)
    } else {
        format!("{}–{}", month_label(from, lang), month_label(to, lang))
    };
    let owner_name = match owner {
        Some(o) if whole_network => owners
            .iter()
            .find(|(id, _)| *id == o)
            .map(|(_, n)| n.clone()),
        Some(o) => vaski_store::network::organisation::get(&state.db, o)
            .await?
            .map(|org| org.name),
        None => None,
    };
    let answer = answer(&t, &f, &period_label, owner_name.as_deref());
    let months: Vec<Month> = from.through(to).collect();
    let by_month = month_rows(&f, &months, lang);
    let bars: Vec<Bar> = months
        .iter()
        .zip(&by_month)
        .map(|(m, r)| Bar {
            label: month_short(*m),
            value: r.percent,
        })
        .collect();
    let chart_title = t.t("figures-chart-title");
    let chart_desc = t.t("figures-chart-desc");
    let chart = BarChart {
        id: "utilisation-chart",
        title: &chart_title,
        desc: &chart_desc,
        bars: &bars,
    }
    .render();
    let s = f.sharing;
    let by_kind = f
        .by_booker_kind
        .iter()
        .map(|k| KindRow {
            label: booker_kind_label(&t, k.booker_kind),
            bookings: k.bookings,
            hours: hours(k.minutes, lang),
            percent: percent(k.minutes, s.minutes),
        })
        .collect();
    let by_organisation = f
        .by_organisation
        .iter()
        .map(|o| OrganisationRow {
            id: o.organisation_id,
            name: o.name.clone().unwrap_or_else(|| t.t("figures-booker-none")),
            outside: o.outside,
            bookings: o.bookings,
            hours: hours(o.minutes, lang),
            percent: percent(o.minutes, s.minutes),
        })
        .collect();
    let no_shows = f
        .no_shows
        .iter()
        .map(|n| NoShowRow {
            id: n.resource_id,
            name: n.name.clone(),
            ended: n.ended_bookings,
            no_shows: n.no_shows,
            percent: n.percent(),
            hours: hours(n.no_show_minutes, lang),
        })
        .collect();
    let mut invoicing_link = format!("/resources/invoicing?month={to}");
    if let Some(o) = owner.filter(|_| whole_network) {
        invoicing_link.push_str(&format!("&owner={o}"));
    }
    render(&FiguresPage {
        answer,
        typed_from: if from_error.is_some() {
            query.from.clone()
        } else {
            from.to_string()
        },
        typed_to: if to_error.is_some() {
            query.to.clone()
        } else {
            to.to_string()
        },
        from_error: from_error.map(|k| t.t(k)),
        to_error: to_error.map(|k| t.t(k)),
        owners: owner_options(&owners, owner),
        whole_network,
        period_label,
        months: months.iter().map(|m| month_label(*m, lang)).collect(),
        total_hours: hours(s.minutes, lang),
        outside_hours: hours(s.outside_minutes, lang),
        outside_percent: s.outside_percent(),
        outside_organisations: s.outside_organisations,
        bookings: s.bookings,
        chart,
        utilisation: utilisation_rows(&f, &months, lang),
        by_month,
        by_kind,
        by_organisation,
        no_shows,
        invoicing_link,
        page,
    })
}

// ---------------------------------------------------------------------------------------------
// The invoicing basis

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InvoicingQuery {
    pub month: String,
    pub owner: String,
}

/// The headers of the invoicing basis files, in Finnish.
pub const HEADERS: &[&str] = &[
    "Kuukausi",
    "Omistaja",
    "Varaaja",
    "Y-tunnus",
    "Hintaryhmä",
    "Varauksia",
    "Tunnit",
    "Päivät",
    "Veroton hinta (€)",
    "ALV 25,5 % (€)",
    "Yhteensä (€)",
];

/// The first cell of the sum row.
pub const TOTAL_LABEL: &str = "Yhteensä";

fn finnish(key: &str) -> String {
    catalogues().message(Language::Fi, key, None)
}

/// One row of the basis as CSV text: money and hours with a decimal comma and two decimals.
pub fn csv_row(month: Month, r: &InvoiceRow) -> Vec<String> {
    vec![
        month.to_string(),
        r.owner_name.clone(),
        r.organisation_name.clone(),
        r.business_id.clone().unwrap_or_default(),
        booker_kind_label(&Tr::new(Language::Fi), r.booker_kind),
        r.bookings.to_string(),
        csv_decimal(minutes_to_hundredths(r.minutes)),
        r.days.to_string(),
        csv_decimal(r.net_cents),
        csv_decimal(r.vat_cents),
        csv_decimal(r.total_cents),
    ]
}

/// The sum row as CSV text.
pub fn csv_total(t: &InvoiceTotals) -> Vec<String> {
    vec![
        TOTAL_LABEL.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        t.bookings.to_string(),
        csv_decimal(minutes_to_hundredths(t.minutes)),
        t.days.to_string(),
        csv_decimal(t.net_cents),
        csv_decimal(t.vat_cents),
        csv_decimal(t.total_cents),
    ]
}

fn xlsx_row(month: Month, r: &InvoiceRow) -> Vec<Cell> {
    vec![
        Cell::Text(month.to_string()),
        Cell::Text(r.owner_name.clone()),
        Cell::Text(r.organisation_name.clone()),
        Cell::Text(r.business_id.clone().unwrap_or_default()),
        Cell::Text(booker_kind_label(&Tr::new(Language::Fi), r.booker_kind)),
        Cell::Integer(r.bookings),
        Cell::Decimal(minutes_to_hundredths(r.minutes) as f64 / 100.0),
        Cell::Integer(r.days),
        Cell::Cents(r.net_cents),
        Cell::Cents(r.vat_cents),
        Cell::Cents(r.total_cents),
    ]
}

fn xlsx_total(t: &InvoiceTotals) -> Vec<Cell> {
    vec![
        Cell::Text(TOTAL_LABEL.to_string()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Integer(t.bookings),
        Cell::Decimal(minutes_to_hundredths(t.minutes) as f64 / 100.0),
        Cell::Integer(t.days),
        Cell::Cents(t.net_cents),
        Cell::Cents(t.vat_cents),
        Cell::Cents(t.total_cents),
    ]
}

/// The month asked for, the previous month when none is; `None` for a mistyped one.
fn invoicing_month(typed: &str) -> Option<Month> {
    if typed.trim().is_empty() {
        Some(months_back(this_month(), 1))
    } else {
        Month::parse(typed)
    }
}

pub struct InvoiceLine {
    pub owner: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub business_id: String,
    pub kind: String,
    pub bookings: i64,
    pub hours: String,
    pub days: i64,
    pub net: String,
    pub vat: String,
    pub total: String,
}

#[derive(Template)]
#[template(path = "sharing_figures/invoicing.html")]
struct InvoicingPage {
    page: Frame,
    typed_month: String,
    month_error: Option<String>,
    month_label: String,
    owners: Vec<OwnerOption>,
    whole_network: bool,
    lines: Vec<InvoiceLine>,
    total_bookings: i64,
    total_hours: String,
    total_days: i64,
    total_net: String,
    total_vat: String,
    total_total: String,
    download_query: String,
    figures_link: String,
}

pub async fn invoicing_page(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<InvoicingQuery>,
) -> Result<Response, AppError> {
    let owner = scope(&session.user, &query.owner)?;
    let whole_network = session.user.role.sees_whole_network();
    let (month, month_error) = match invoicing_month(&query.month) {
        Some(m) => (m, None),
        None => (months_back(this_month(), 1), Some("figures-month-invalid")),
    };
    let rows = figures::invoicing_basis(&state.db, month, owner).await?;
    let owners = if whole_network {
        figures::owner_names(&state.db).await?
    } else {
        Vec::new()
    };
    let mut download_query = format!("month={month}");
    if let Some(o) = owner.filter(|_| whole_network) {
        download_query.push_str(&format!("&owner={o}"));
    }
    let page = Frame::of(
        &session,
        &format!("/resources/invoicing?{download_query}"),
        "invoicing-title",
    );
    let t = page.t.clone();
    let lang = t.lang;
    let totals = figures::invoice_totals(&rows);
    let lines = rows
        .iter()
        .map(|r| InvoiceLine {
            owner: r.owner_name.clone(),
            organisation_id: r.organisation_id,
            organisation: r.organisation_name.clone(),
            business_id: r.business_id.clone().unwrap_or_default(),
            kind: booker_kind_label(&t, r.booker_kind),
            bookings: r.bookings,
            hours: hours(r.minutes, lang),
            days: r.days,
            net: euros(r.net_cents, lang),
            vat: euros(r.vat_cents, lang),
            total: euros(r.total_cents, lang),
        })
        .collect();
    let figures_link = format!(
        "/resources/figures?from={month}&to={month}{}",
        owner
            .filter(|_| whole_network)
            .map(|o| format!("&owner={o}"))
            .unwrap_or_default()
    );
    render(&InvoicingPage {
        typed_month: if month_error.is_some() {
            query.month.clone()
        } else {
            month.to_string()
        },
        month_error: month_error.map(|k| t.t(k)),
        month_label: month_label(month, lang),
        owners: owner_options(&owners, owner),
        whole_network,
        lines,
        total_bookings: totals.bookings,
        total_hours: hours(totals.minutes, lang),
        total_days: totals.days,
        total_net: euros(totals.net_cents, lang),
        total_vat: euros(totals.vat_cents, lang),
        total_total: euros(totals.total_cents, lang),
        download_query,
        figures_link,
        page,
    })
}

/// The download formats of the invoicing basis.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

async fn download(
    state: &AppState,
    session: &Session,
    query: &InvoicingQuery,
    format: Format,
) -> Result<Response, AppError> {
    let owner = scope(&session.user, &query.owner)?;
    let month = invoicing_month(&query.month)
        .ok_or_else(|| AppError::BadRequest(finnish("figures-month-invalid")))?;
    let rows = figures::invoicing_basis(&state.db, month, owner).await?;
    let totals = figures::invoice_totals(&rows);
    let (bytes, content_type, extension) = match format {
        Format::Csv => {
            let mut lines: Vec<Vec<String>> = rows.iter().map(|r| csv_row(month, r)).collect();
            lines.push(csv_total(&totals));
            (
                vaski_sheets::write_csv(HEADERS, &lines),
                "text/csv; charset=utf-8",
                "csv",
            )
        }
        Format::Xlsx => {
            let cells: Vec<Vec<Cell>> = rows.iter().map(|r| xlsx_row(month, r)).collect();
            let bytes = vaski_sheets::write_xlsx_cells(
                &format!("Laskutusperuste {month}"),
                HEADERS,
                &cells,
                Some(&xlsx_total(&totals)),
            )
            .map_err(|e| AppError::Internal(e.to_string()))?;
            (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        }
    };
    let file_name = format!("laskutusperuste-{month}.{extension}");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", url_encode(&file_name)),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

pub async fn invoicing_csv(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<InvoicingQuery>,
) -> Result<Response, AppError> {
    download(&state, &session, &query, Format::Csv).await
}

pub async fn invoicing_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<InvoicingQuery>,
) -> Result<Response, AppError> {
    download(&state, &session, &query, Format::Xlsx).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i16, m: i8) -> Month {
        Month::new(y, m).expect("a month")
    }

    #[test]
    fn numbers_are_written_the_way_each_language_writes_them() {
        assert_eq!(hundredths(123_450, Language::Fi, true), "1\u{a0}234,50");
        assert_eq!(hundredths(123_450, Language::En, true), "1,234.50");
        assert_eq!(hundredths(250, Language::Fi, false), "2,5");
        assert_eq!(hundredths(125, Language::Sv, false), "1,25");
        assert_eq!(hundredths(400, Language::Fi, false), "4");
        assert_eq!(hundredths(-5, Language::Fi, true), "-0,05");
        assert_eq!(euros(4590, Language::Fi), "45,90\u{a0}€");
        assert_eq!(euros(4590, Language::En), "€45.90");
        assert_eq!(hours(75, Language::Fi), "1,25");
        assert_eq!(hours(20, Language::Fi), "0,33");
    }

    #[test]
    fn csv_numbers_have_a_decimal_comma_and_no_grouping() {
        assert_eq!(csv_decimal(123_450), "1234,50");
        assert_eq!(csv_decimal(5), "0,05");
        assert_eq!(csv_decimal(0), "0,00");
    }

    #[test]
    fn the_default_period_is_the_last_twelve_months() {
        let q = FiguresQuery::default();
        let (from, to, e1, e2) = period(&q, month(2026, 3));
        assert_eq!(
            (from, to, e1, e2),
            (month(2025, 4), month(2026, 3), None, None)
        );
    }

    #[test]
    fn a_mistyped_reversed_or_too_long_period_falls_back_to_the_default_and_says_why() {
        let today = month(2026, 3);
        let q = |from: &str, to: &str| FiguresQuery {
            from: from.into(),
            to: to.into(),
            owner: String::new(),
        };
        assert_eq!(
            period(&q("2026-13", ""), today).2,
            Some("figures-month-invalid")
        );
        assert_eq!(
            period(&q("2026-05", "2026-01"), today).3,
            Some("figures-period-reversed")
        );
        assert_eq!(
            period(&q("2020-01", "2026-01"), today).3,
            Some("figures-period-too-long")
        );
        assert_eq!(
            period(&q("2026-01", "2026-12"), today),
            (month(2026, 1), month(2026, 12), None, None)
        );
    }

    #[test]
    fn months_back_cross_the_new_year() {
        assert_eq!(months_back(month(2026, 1), 1), month(2025, 12));
        assert_eq!(months_back(month(2026, 3), 11), month(2025, 4));
        assert_eq!(month_short(month(2026, 10)), "10/26");
        assert_eq!(month_label(month(2026, 10), Language::Fi), "10/2026");
    }

    #[test]
    fn every_kind_of_booker_has_a_finnish_name_for_the_files() {
        for kind in BookerKind::ALL {
            let key = format!("figures-booker-{}", kind.code());
            assert_ne!(finnish(&key), key);
        }
    }
}
