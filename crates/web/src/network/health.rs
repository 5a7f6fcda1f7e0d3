//! The network's health at a glance ("Verkoston tila"): what kinds of partners there are and
//! where, which partnerships rest on one person or on nobody, which have gone quiet, which
//! agreements run out soon, and how many partners join each year.

use super::view::municipality_name;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, url_encode, Frame};
use crate::state::AppState;
use crate::svg::{Bar, BarChart};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::{AgreementKind, OrganisationKind, OrganisationStatus};
use vaski_domain::reference::{Industry, Municipality};
use vaski_store::network::agreement::Agreement;
use vaski_store::network::health::{self, Count, Health, Partner, EXPIRING_WITHIN_DAYS};

/// How many partners each list shows; the counts above them tell how many there are in all.
pub const LIST_LIMIT: i64 = 50;
/// The range a user may ask for as the dormancy limit: a day to ten years.
pub const DORMANT_DAYS_RANGE: std::ops::RangeInclusive<i64> = 1..=3650;

pub fn routes() -> Router<AppState> {
    Router::new().route("/network/health", get(page))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HealthQuery {
    /// Kept as text so that a mistyped value is shown back with a message rather than refused
    /// with a bare 400.
    pub dormant_days: String,
}

/// The dormancy limit to use and, if what the user typed is not a valid limit, the key of the
/// message that says so (the default is used meanwhile).
pub fn dormant_days(typed: &str, default: i64) -> (i64, Option<&'static str>) {
    let typed = typed.trim();
    if typed.is_empty() {
        return (default, None);
    }
    match typed.parse::<i64>() {
        Ok(n) if DORMANT_DAYS_RANGE.contains(&n) => (n, None),
        _ => (default, Some("health-dormant-days-invalid")),
    }
}

/// Every year from the first to the last with new partners, with zero for the years between:
/// a chart that skipped a quiet year would hide exactly what it should show.
pub fn years_filled(counts: &[Count]) -> Vec<(i32, i64)> {
    let known: Vec<(i32, i64)> = counts
        .iter()
        .filter_map(|c| Some((c.key.as_deref()?.parse::<i32>().ok()?, c.count)))
        .collect();
    let (Some(first), Some(last)) = (
        known.iter().map(|(y, _)| *y).min(),
        known.iter().map(|(y, _)| *y).max(),
    ) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| {
            let n = known
                .iter()
                .filter(|(y, _)| *y == year)
                .map(|(_, n)| n)
                .sum();
            (year, n)
        })
        .collect()
}

/// A share in whole percent, rounded half up; nothing of nothing is 0 %.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (200 * part + whole) / (2 * whole)
    }
}

/// One row of a count table: its label, the count and its share, and where the organisation
/// list filtered to it is (if it can be filtered so).
pub struct CountRow {
    pub label: String,
    pub count: i64,
    pub percent: i64,
    pub link: Option<String>,
}

fn rows(
    counts: &[Count],
    total: i64,
    t: &Tr,
    label: impl Fn(&str) -> String,
    link: impl Fn(&str) -> Option<String>,
) -> Vec<CountRow> {
    counts
        .iter()
        .map(|c| CountRow {
            label: match c.key.as_deref() {
                Some(k) if !k.is_empty() => label(k),
                _ => t.t("health-not-given"),
            },
            count: c.count,
            percent: percent(c.count, total),
            link: c.key.as_deref().and_then(&link),
        })
        .collect()
}

/// A partner in one of the lists, ready to show.
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub municipality: String,
    pub last_interaction: String,
    pub owner_count: i64,
}

fn partner_rows(partners: &[Partner], t: &Tr) -> Vec<PartnerRow> {
    partners
        .iter()
        .map(|p| PartnerRow {
            id: p.id,
            name: p.name.clone(),
            municipality: municipality_name(t, &p.municipality_code),
            last_interaction: match &p.last_interaction_on {
                Some(d) => t.date(d),
                None => t.t("health-never"),
            },
            owner_count: p.owner_count,
        })
        .collect()
}

pub struct AgreementRow {
    pub title: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub kind: String,
    pub ends: String,
    pub days_left: String,
}

fn agreement_rows(agreements: &[Agreement], today: Date, t: &Tr) -> Vec<AgreementRow> {
    agreements
        .iter()
        .filter_map(|a| {
            // `expiring` lists only agreements with an end date.
            let end = a.valid_to?;
            let kind = AgreementKind::parse(&a.kind)
                .map(|k| t.t(k.message_key()))
                .unwrap_or_else(|_| a.kind.clone());
            Some(AgreementRow {
                title: a.title.clone(),
                organisation_id: a.organisation_id,
                organisation_name: a.organisation_name.clone(),
                kind,
                ends: t.date(&end),
                days_left: t.n("health-days-left", (end - today).whole_days()),
            })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "network/health.html")]
struct HealthPage {
    page: Frame,
    h: Health,
    /// What the user typed as the dormancy limit, shown back in the form.
    typed_days: String,
    days_error: Option<String>,
    default_days: i64,
    expiring_within: i64,
    active: i64,
    by_kind: Vec<CountRow>,
    by_status: Vec<CountRow>,
    by_industry: Vec<CountRow>,
    by_municipality: Vec<CountRow>,
    single_owner: Vec<PartnerRow>,
    no_owner: Vec<PartnerRow>,
    dormant: Vec<PartnerRow>,
    expiring: Vec<AgreementRow>,
    years: Vec<(i32, i64)>,
    chart: String,
    list_limit: i64,
}

impl HealthPage {
    fn single_owner_percent(&self) -> i64 {
        percent(self.h.single_owner_count, self.h.organisations)
    }
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<HealthQuery>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let default_days = state.config.dormant_days;
    let (days, days_error) = dormant_days(&query.dormant_days, default_days);
    let today = OffsetDateTime::now_utc().date();
    let h = health::health(&state.db, today, days, LIST_LIMIT).await?;
    let path = if query.dormant_days.trim().is_empty() {
        "/network/health".to_string()
    } else {
        format!(
            "/network/health?dormant_days={}",
            url_encode(query.dormant_days.trim())
        )
    };
    let page = Frame::of(&session, &path, "health-title");
    let t = page.t.clone();
    let total = h.organisations;
    let by_kind = rows(
        &h.by_kind,
        total,
        &t,
        |k| match OrganisationKind::parse(k) {
            Ok(kind) => t.t(kind.message_key()),
            Err(_) => k.to_string(),
        },
        |k| {
            OrganisationKind::parse(k)
                .ok()
                .map(|kind| format!("/organisations?kind={}", kind.code()))
        },
    );
    let by_status = rows(
        &h.by_status,
        total,
        &t,
        |k| match OrganisationStatus::parse(k) {
            Ok(s) => t.t(s.message_key()),
            Err(_) => k.to_string(),
        },
        |k| {
            OrganisationStatus::parse(k)
                .ok()
                .map(|s| format!("/organisations?status={}", s.code()))
        },
    );
    let by_industry = rows(
        &h.by_industry,
        total,
        &t,
        |k| match Industry::by_code(k) {
            Some(i) => format!("{} {}", i.code, i.name(t.lang)),
            None => k.to_string(),
        },
        |_| None,
    );
    let by_municipality = rows(
        &h.by_municipality,
        total,
        &t,
        |k| match Municipality::by_code(k) {
            Some(m) => m.name(t.lang).to_string(),
            None => k.to_string(),
        },
        |k| Municipality::by_code(k).map(|m| format!("/organisations?municipality={}", m.code)),
    );
    let active = h
        .by_status
        .iter()
        .filter(|c| c.key.as_deref() == Some(OrganisationStatus::Active.code()))
        .map(|c| c.count)
        .sum();
    let years = years_filled(&h.new_per_year);
    let bars: Vec<Bar> = years
        .iter()
        .map(|(y, n)| Bar {
            label: y.to_string(),
            value: *n,
        })
        .collect();
    let chart_title = t.t("health-new-per-year");
    let chart_desc = t.t("health-new-per-year-desc");
    let chart = BarChart {
        id: "new-per-year-chart",
        title: &chart_title,
        desc: &chart_desc,
        bars: &bars,
    }
    .render();
    render(&HealthPage {
        typed_days: if days_error.is_some() {
            query.dormant_days.clone()
        } else {
            days.to_string()
        },
        days_error: days_error.map(|k| t.t(k)),
        default_days,
        expiring_within: EXPIRING_WITHIN_DAYS,
        active,
        by_kind,
        by_status,
        by_industry,
        by_municipality,
        single_owner: partner_rows(&h.single_owner, &t),
        no_owner: partner_rows(&h.no_owner, &t),
        dormant: partner_rows(&h.dormant, &t),
        expiring: agreement_rows(&h.expiring_agreements, today, &t),
        years,
        chart,
        list_limit: LIST_LIMIT,
        page,
        h,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(key: &str, n: i64) -> Count {
        Count {
            key: Some(key.to_string()),
            count: n,
        }
    }

    #[test]
    fn an_empty_dormancy_limit_means_the_configured_default() {
        assert_eq!(dormant_days("", 365), (365, None));
        assert_eq!(dormant_days("  ", 200), (200, None));
    }

    #[test]
    fn a_dormancy_limit_in_range_is_used_as_typed() {
        assert_eq!(dormant_days("90", 365), (90, None));
        assert_eq!(dormant_days(" 3650 ", 365), (3650, None));
    }

    #[test]
    fn a_mistyped_dormancy_limit_falls_back_to_the_default_and_says_so() {
        for typed in ["abc", "0", "-5", "3651", "1.5"] {
            assert_eq!(
                dormant_days(typed, 365),
                (365, Some("health-dormant-days-invalid")),
                "{typed}"
            );
        }
    }

    #[test]
    fn years_without_new_partners_are_shown_as_zero() {
        let counts = vec![count("2019", 3), count("2022", 1), count("2021", 4)];
        assert_eq!(
            years_filled(&counts),
            vec![(2019, 3), (2020, 0), (2021, 4), (2022, 1)]
        );
    }

    #[test]
    fn no_years_and_unreadable_years_give_no_bars() {
        assert!(years_filled(&[]).is_empty());
        let counts = vec![
            Count {
                key: None,
                count: 2,
            },
            count("xx", 1),
        ];
        assert!(years_filled(&counts).is_empty());
    }

    #[test]
    fn shares_are_whole_percents_rounded_half_up() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 5), 100);
    }
}
