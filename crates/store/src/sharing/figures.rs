//! The figures of shared use: how much of its opening hours each resource is booked, who books
//! (by kind of booker and by organisation, and how much of it is outside the owner), the
//! no-shows owners mark, and the invoicing basis per booker organisation and month.
//!
//! What counts as used time:
//! - Confirmed bookings only: not the owner's blocks (maintenance, own courses entered as
//!   blocks), not requests still waiting, not rejected or cancelled ones.
//! - A booking of several units of a pool counts each unit (five laptops for four hours are
//!   20 hours), and a pool's open time is its opening hours times its units, so that its
//!   utilisation stays a share of what it could give.
//! - A no-show still counts as booked: it held the resource from others. The no-shows are
//!   shown apart.
//! - Times are clipped to the period asked; months are Helsinki calendar months.
//!
//! The invoicing basis takes the bookings that *start* in the month (a booking is invoiced
//! whole, once), charged by another organisation than the owner, at the price fixed when
//! each was booked; tax is computed per row with the domain's rounding.

use super::resource;
use crate::db::{sql, to_timestamp, Db, Query};
use crate::error::StoreError;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use time::OffsetDateTime;
use vaski_domain::sharing::pricing::{totals, VAT_GENERAL_BASIS_POINTS};
use vaski_domain::sharing::resource::BookerKind;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;

/// The longest period the figures are computed for at once, in months.
pub const MAX_MONTHS: i64 = 36;

/// A calendar month, `2026-10`, as in Helsinki.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month {
    year: i16,
    month: i8,
}

impl Month {
    /// A month of the years 1970–9998 (so that its first instant and the next month's always
    /// exist); `None` otherwise.
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((1970..=9998).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// `2026-10` or `2026-1`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        if !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The month a date is in.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The Helsinki month an instant is in.
    pub fn containing(t: Timestamp) -> Month {
        Month::of(t.to_zoned(helsinki().clone()).date())
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn month(self) -> i8 {
        self.month
    }

    pub fn first_day(self) -> Date {
        // Valid by construction: month 1–12, day 1.
        Date::new(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The months from this one to `last`, both included; none when `last` is earlier.
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(self), |m| Some(m.next())).take_while(move |m| *m <= last)
    }

    /// How many months from this one to `last`, both included (0 when `last` is earlier).
    pub fn count_through(self, last: Month) -> i64 {
        let n = (i64::from(last.year) - i64::from(self.year)) * 12 + i64::from(last.month)
            - i64::from(self.month)
            + 1;
        n.max(0)
    }

    /// The first instant of the month in Helsinki (midnight is never skipped there).
    pub fn start(self) -> Result<Timestamp, StoreError> {
        self.first_day()
            .to_zoned(helsinki().clone())
            .map(|z| z.timestamp())
            .map_err(|e| StoreError::Corrupt(format!("month {self}: {e}")))
    }

    /// The month as an interval of instants.
    pub fn span(self) -> Result<Interval, StoreError> {
        Interval::new(self.start()?, self.next().start()?)
            .map_err(|_| StoreError::Corrupt(format!("month {self}")))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One resource in one month: booked and open time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Utilisation {
    pub resource_id: i64,
    pub name: String,
    pub owner_organisation_id: i64,
    pub owner_name: String,
    pub month: Month,
    /// Confirmed bookings in the month, in unit-minutes.
    pub booked_minutes: i64,
    /// Opening hours of the month by the resource's schedule, in unit-minutes.
    pub open_minutes: i64,
}

impl Utilisation {
    /// Booked over open time in whole percent, rounded half up; nothing open is 0 %.
    pub fn percent(&self) -> i64 {
        percent(self.booked_minutes, self.open_minutes)
    }
}

/// A share in whole percent, rounded half up; a part of nothing is 0 %.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (200 * i128::from(part) + i128::from(whole))
            .checked_div(2 * i128::from(whole))
            .and_then(|p| i64::try_from(p).ok())
            .unwrap_or(0)
    }
}

/// Booked time of one kind of booker (as priced when booking; `None` for bookings without a
/// booker organisation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindHours {
    pub booker_kind: Option<BookerKind>,
    pub bookings: i64,
    pub minutes: i64,
}

/// Booked time of one booker organisation, on its own resources or on others'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationHours {
    pub organisation_id: Option<i64>,
    pub name: Option<String>,
    /// Whether this is use of other organisations' resources (sharing) rather than of its own.
    pub outside: bool,
    pub bookings: i64,
    pub minutes: i64,
}

/// How much of the booked time was shared outside the owners, for the one-sentence answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sharing {
    pub bookings: i64,
    pub minutes: i64,
    pub outside_bookings: i64,
    pub outside_minutes: i64,
    /// How many organisations used others' resources.
    pub outside_organisations: i64,
}

impl Sharing {
    pub fn outside_percent(&self) -> i64 {
        percent(self.outside_minutes, self.minutes)
    }
}

/// The no-shows of one resource: of its confirmed bookings that have ended, how many the owner
/// marked as not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoShows {
    pub resource_id: i64,
    pub name: String,
    pub ended_bookings: i64,
    pub no_shows: i64,
    pub no_show_minutes: i64,
}

impl NoShows {
    pub fn percent(&self) -> i64 {
        percent(self.no_shows, self.ended_bookings)
    }
}

/// Everything the figures page shows, from one reading of the bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub utilisation: Vec<Utilisation>,
    pub by_booker_kind: Vec<KindHours>,
    pub by_organisation: Vec<OrganisationHours>,
    pub sharing: Sharing,
    pub no_shows: Vec<NoShows>,
}

/// A confirmed booking as the figures read it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct BookedRow {
    resource_id: i64,
    owner_organisation_id: i64,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    units: i64,
    booker_organisation_id: Option<i64>,
    booker_name: Option<String>,
    booker_business_id: Option<String>,
    booker_kind: Option<String>,
    no_show: bool,
    price_cents: Option<i64>,
}

#[derive(Debug, Clone)]
struct Booked {
    row: BookedRow,
    interval: Interval,
}

impl Booked {
    fn units(&self) -> i64 {
        self.row.units.max(1)
    }

    /// Unit-minutes of the booking inside `span`.
    fn minutes_in(&self, span: &Interval) -> i64 {
        let start = self.interval.start().max(span.start());
        let end = self.interval.end().min(span.end());
        if start >= end {
            return 0;
        }
        minutes(end.duration_since(start)) * self.units()
    }

    fn outside(&self) -> bool {
        self.row.booker_organisation_id != Some(self.row.owner_organisation_id)
    }
}

fn minutes(d: SignedDuration) -> i64 {
    d.as_secs() / 60
}

/// The `AND` conditions of a resource owner, if one is given.
fn owner_condition(q: &mut Query, owner: Option<i64>) {
    if let Some(o) = owner {
        let p = q.push_arg(o);
        q.push_sql(&format!(" AND r.owner_organisation_id = {p}"));
    }
}

const BOOKED_COLUMNS: &str = "SELECT b.resource_id, r.owner_organisation_id, b.starts_at, b.ends_at, b.units, \
    b.booker_organisation_id, o.name AS booker_name, o.business_id AS booker_business_id, b.booker_kind, \
    b.no_show, b.price_cents \
    FROM bookings b JOIN resources r ON r.id = b.resource_id \
    LEFT JOIN organisations o ON o.id = b.booker_organisation_id \
    WHERE b.kind = 'booking' AND b.status = 'confirmed'";

fn booked_from(rows: Vec<BookedRow>) -> Result<Vec<Booked>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let interval = Interval::new(to_timestamp(row.starts_at)?, to_timestamp(row.ends_at)?)
                .map_err(|_| StoreError::Corrupt("a booking ends before it starts".into()))?;
            Ok(Booked { row, interval })
        })
        .collect()
}

/// The confirmed bookings that overlap `span`.
async fn overlapping(
    db: &Db,
    span: &Interval,
    owner: Option<i64>,
) -> Result<Vec<Booked>, StoreError> {
    let mut q = sql(BOOKED_COLUMNS);
    let until = q.push_arg(span.end());
    let from = q.push_arg(span.start());
    q.push_sql(&format!(
        " AND b.starts_at < {until} AND b.ends_at > {from}"
    ));
    owner_condition(&mut q, owner);
    booked_from(db.fetch_all(q).await?)
}

/// The whole period from the start of `from` to the end of `to`; `None` when `to` is earlier.
fn period(from: Month, to: Month) -> Result<Option<Interval>, StoreError> {
    if to < from {
        return Ok(None);
    }
    Ok(Some(
        Interval::new(from.start()?, to.next().start()?)
            .map_err(|_| StoreError::Corrupt("period".into()))?,
    ))
}

/// Every figure of the period for the figures page. `now` decides which bookings have ended
/// (only those can be no-shows).
pub async fn figures(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
    now: Timestamp,
) -> Result<Figures, StoreError> {
    let Some(span) = period(from, to)? else {
        return Ok(Figures {
            utilisation: Vec::new(),
            by_booker_kind: Vec::new(),
            by_organisation: Vec::new(),
            sharing: Sharing::default(),
            no_shows: Vec::new(),
        });
    };
    let booked = overlapping(db, &span, owner).await?;
    let by_organisation = organisation_hours(&booked, &span);
    Ok(Figures {
        utilisation: utilisation_of(db, from, to, owner, &booked).await?,
        by_booker_kind: kind_hours(&booked, &span),
        sharing: sharing(&by_organisation),
        by_organisation,
        no_shows: no_shows_of(db, owner, &booked, &span, now).await?,
    })
}

/// Booked against open time of each resource (of `owner`, or all) and month from `from` to
/// `to`, also for months without bookings, by resource name and month.
pub async fn utilisation(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
) -> Result<Vec<Utilisation>, StoreError> {
    let Some(span) = period(from, to)? else {
        return Ok(Vec::new());
    };
    let booked = overlapping(db, &span, owner).await?;
    utilisation_of(db, from, to, owner, &booked).await
}

async fn utilisation_of(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
    booked: &[Booked],
) -> Result<Vec<Utilisation>, StoreError> {
    let resources = resource::list(
        db,
        &resource::Filter {
            owner_organisation_id: owner,
            ..Default::default()
        },
    )
    .await?;
    let days = Some((
        resource::store_date(from.first_day())?,
        resource::store_date(to.last_day())?,
    ));
    let mut hours = super::hours::governing_of(db, &resources, days).await?;
    let months: Vec<(Month, Interval)> = from
        .through(to)
        .map(|m| Ok((m, m.span()?)))
        .collect::<Result<_, StoreError>>()?;
    let mut by_resource: HashMap<i64, Vec<&Booked>> = HashMap::new();
    for b in booked {
        by_resource.entry(b.row.resource_id).or_default().push(b);
    }
    let mut rows = Vec::with_capacity(resources.len() * months.len());
    for r in &resources {
        let governing = hours.remove(&r.id).unwrap_or_default();
        let schedule = resource::schedule_from(
            &governing.weekly,
            &governing.exceptions,
            r.closed_on_public_holidays,
        )?;
        let units = r.quantity.max(1);
        let own = by_resource.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
        for (month, span) in &months {
            let open: i64 = schedule
                .open_intervals(month.first_day(), month.last_day())
                .iter()
                .map(|i| minutes(i.duration()))
                .sum();
            rows.push(Utilisation {
                resource_id: r.id,
                name: r.name.clone(),
                owner_organisation_id: r.owner_organisation_id,
                owner_name: r.owner_name.clone(),
                month: *month,
                booked_minutes: own.iter().map(|b| b.minutes_in(span)).sum(),
                open_minutes: open * units,
            });
        }
    }
    Ok(rows)
}

/// Booked time by kind of booker, in the order of [`BookerKind::ALL`], bookings without a
/// kind last.
pub async fn hours_by_booker_kind(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
) -> Result<Vec<KindHours>, StoreError> {
    let Some(span) = period(from, to)? else {
        return Ok(Vec::new());
    };
    Ok(kind_hours(&overlapping(db, &span, owner).await?, &span))
}

fn kind_hours(booked: &[Booked], span: &Interval) -> Vec<KindHours> {
    let mut by: BTreeMap<(bool, Option<BookerKind>), (i64, i64)> = BTreeMap::new();
    for b in booked {
        let kind = b
            .row
            .booker_kind
            .as_deref()
            .and_then(|k| BookerKind::parse(k).ok());
        let e = by.entry((kind.is_none(), kind)).or_default();
        e.0 += 1;
        e.1 += b.minutes_in(span);
    }
    by.into_iter()
        .map(|((_, booker_kind), (bookings, minutes))| KindHours {
            booker_kind,
            bookings,
            minutes,
        })
        .collect()
}

/// Booked time by booker organisation, split into use of its own resources and of others'
/// (`outside`); most hours first.
pub async fn hours_by_organisation(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
) -> Result<Vec<OrganisationHours>, StoreError> {
    let Some(span) = period(from, to)? else {
        return Ok(Vec::new());
    };
    Ok(organisation_hours(
        &overlapping(db, &span, owner).await?,
        &span,
    ))
}

fn organisation_hours(booked: &[Booked], span: &Interval) -> Vec<OrganisationHours> {
    let mut by: HashMap<(Option<i64>, bool), OrganisationHours> = HashMap::new();
    for b in booked {
        let e = by
            .entry((b.row.booker_organisation_id, b.outside()))
            .or_insert_with(|| OrganisationHours {
                organisation_id: b.row.booker_organisation_id,
                name: b.row.booker_name.clone(),
                outside: b.outside(),
                bookings: 0,
                minutes: 0,
            });
        e.bookings += 1;
        e.minutes += b.minutes_in(span);
    }
    let mut rows: Vec<OrganisationHours> = by.into_values().collect();
    rows.sort_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.organisation_id.cmp(&b.organisation_id))
            .then_with(|| a.outside.cmp(&b.outside))
    });
    rows
}

/// The totals of booked time and the part of it outside the owners.
pub fn sharing(rows: &[OrganisationHours]) -> Sharing {
    let mut s = Sharing::default();
    let mut outsiders = std::collections::BTreeSet::new();
    for r in rows {
        s.bookings += r.bookings;
        s.minutes += r.minutes;
        if r.outside {
            s.outside_bookings += r.bookings;
            s.outside_minutes += r.minutes;
            outsiders.insert(r.organisation_id);
        }
    }
    s.outside_organisations = i64::try_from(outsiders.len()).unwrap_or(i64::MAX);
    s
}

/// The resources with no-shows among their confirmed bookings of the period that ended before
/// `now`, most no-shows first.
pub async fn no_shows(
    db: &Db,
    from: Month,
    to: Month,
    owner: Option<i64>,
    now: Timestamp,
) -> Result<Vec<NoShows>, StoreError> {
    let Some(span) = period(from, to)? else {
        return Ok(Vec::new());
    };
    let booked = overlapping(db, &span, owner).await?;
    no_shows_of(db, owner, &booked, &span, now).await
}

async fn no_shows_of(
    db: &Db,
    owner: Option<i64>,
    booked: &[Booked],
    span: &Interval,
    now: Timestamp,
) -> Result<Vec<NoShows>, StoreError> {
    let mut by: BTreeMap<i64, (i64, i64, i64)> = BTreeMap::new();
    for b in booked.iter().filter(|b| b.interval.end() <= now) {
        let e = by.entry(b.row.resource_id).or_default();
        e.0 += 1;
        if b.row.no_show {
            e.1 += 1;
            e.2 += b.minutes_in(span);
        }
    }
    by.retain(|_, (_, n, _)| *n > 0);
    if by.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i64, String> = resource::list(
        db,
        &resource::Filter {
            owner_organisation_id: owner,
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect();
    let mut rows: Vec<NoShows> = by
        .into_iter()
        .map(|(id, (ended, n, m))| NoShows {
            resource_id: id,
            name: names.get(&id).cloned().unwrap_or_default(),
            ended_bookings: ended,
            no_shows: n,
            no_show_minutes: m,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.no_shows
            .cmp(&a.no_shows)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(rows)
}

/// One row of the invoicing basis: what one owner charges one booker organisation for the
/// bookings that start in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceRow {
    pub owner_organisation_id: i64,
    pub owner_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub business_id: Option<String>,
    /// The kind the bookings were priced as (the last one's, should it have changed).
    pub booker_kind: Option<BookerKind>,
    pub bookings: i64,
    /// Unit-minutes booked.
    pub minutes: i64,
    /// Helsinki calendar days the bookings touch, times their units.
    pub days: i64,
    pub net_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
}

/// The sums of the invoicing basis; tax is the sum of the rows' tax.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InvoiceTotals {
    pub bookings: i64,
    pub minutes: i64,
    pub days: i64,
    pub net_cents: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
}

/// The invoicing basis of the month: per owner (of `owner`, or all) and booker organisation
/// other than the owner, the confirmed bookings starting in the month that carry a price, with
/// tax at the general rate; by owner and booker name.
pub async fn invoicing_basis(
    db: &Db,
    month: Month,
    owner: Option<i64>,
) -> Result<Vec<InvoiceRow>, StoreError> {
    let span = month.span()?;
    let mut q = sql(format!(
        "{BOOKED_COLUMNS} AND b.price_cents IS NOT NULL AND b.booker_organisation_id IS NOT NULL \
         AND b.booker_organisation_id <> r.owner_organisation_id"
    ));
    let from = q.push_arg(span.start());
    let until = q.push_arg(span.end());
    q.push_sql(&format!(
        " AND b.starts_at >= {from} AND b.starts_at < {until}"
    ));
    owner_condition(&mut q, owner);
    q.push_sql(" ORDER BY b.starts_at, b.id");
    let booked = booked_from(db.fetch_all(q).await?)?;
    let owners: HashMap<i64, String> = owner_names(db).await?.into_iter().collect();
    let mut by: HashMap<(i64, i64), InvoiceRow> = HashMap::new();
    for b in &booked {
        let Some(org) = b.row.booker_organisation_id else {
            continue;
        };
        let owner_id = b.row.owner_organisation_id;
        let e = by.entry((owner_id, org)).or_insert_with(|| InvoiceRow {
            owner_organisation_id: owner_id,
            owner_name: owners.get(&owner_id).cloned().unwrap_or_default(),
            organisation_id: org,
            organisation_name: b.row.booker_name.clone().unwrap_or_default(),
            business_id: b.row.booker_business_id.clone(),
            booker_kind: None,
            bookings: 0,
            minutes: 0,
            days: 0,
            net_cents: 0,
            vat_cents: 0,
            total_cents: 0,
        });
        e.booker_kind = b
            .row
            .booker_kind
            .as_deref()
            .and_then(|k| BookerKind::parse(k).ok());
        e.bookings += 1;
        e.minutes += minutes(b.interval.duration()) * b.units();
        e.days += days_touched(&b.interval) * b.units();
        e.net_cents += b.row.price_cents.unwrap_or(0);
    }
    let mut rows: Vec<InvoiceRow> = by
        .into_values()
        .map(|mut r| {
            let t = totals(r.net_cents, VAT_GENERAL_BASIS_POINTS);
            r.vat_cents = t.vat_cents;
            r.total_cents = t.total_cents;
            r
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            &a.owner_name,
            a.owner_organisation_id,
            &a.organisation_name,
            a.organisation_id,
        )
            .cmp(&(
                &b.owner_name,
                b.owner_organisation_id,
                &b.organisation_name,
                b.organisation_id,
            ))
    });
    Ok(rows)
}

/// The sum row of an invoicing basis.
pub fn invoice_totals(rows: &[InvoiceRow]) -> InvoiceTotals {
    rows.iter()
        .fold(InvoiceTotals::default(), |t, r| InvoiceTotals {
            bookings: t.bookings + r.bookings,
            minutes: t.minutes + r.minutes,
            days: t.days + r.days,
            net_cents: t.net_cents + r.net_cents,
            vat_cents: t.vat_cents + r.vat_cents,
            total_cents: t.total_cents + r.total_cents,
        })
}

/// The Helsinki calendar days from the start's to that of the last instant before the end, as
/// the price rule counts them.
fn days_touched(i: &Interval) -> i64 {
    let zone = helsinki().clone();
    let first = i.start().to_zoned(zone.clone()).date();
    let last = (i.end() - SignedDuration::from_nanos(1))
        .to_zoned(zone)
        .date();
    first
        .until(last)
        .map(|span| i64::from(span.get_days()) + 1)
        .unwrap_or(1)
}

/// The organisations that own resources, by name: the choices of the owner filter.
pub async fn owner_names(db: &Db) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(sql("SELECT o.id, o.name FROM organisations o \
         WHERE EXISTS (SELECT 1 FROM resources r WHERE r.owner_organisation_id = o.id) \
         ORDER BY o.name, o.id"))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_with_or_without_a_leading_zero_and_nothing_else() {
        assert_eq!(Month::parse("2026-10"), Month::new(2026, 10));
        assert_eq!(Month::parse(" 2026-1 "), Month::new(2026, 1));
        for bad in [
            "2026-13", "2026-0", "26-01", "2026/01", "2026-001", "", "x-y", "2026-+1",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Month::new(2026, 3).map(|m| m.to_string()),
            Some("2026-03".into())
        );
    }

    #[test]
    fn a_period_of_months_runs_across_the_new_year() {
        let from = Month::new(2025, 11).expect("month");
        let to = Month::new(2026, 2).expect("month");
        let months: Vec<String> = from.through(to).map(|m| m.to_string()).collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(from.count_through(to), 4);
        assert_eq!(to.count_through(from), 0);
        assert_eq!(to.through(from).count(), 0);
    }

    #[test]
    fn a_month_is_its_helsinki_calendar_month() {
        let march = Month::new(2026, 3).expect("month").span().expect("span");
        // March 2026 loses an hour to summer time: 31 days less one hour.
        assert_eq!(minutes(march.duration()), 31 * 24 * 60 - 60);
        assert_eq!(
            Month::containing(march.start()),
            Month::new(2026, 3).expect("month")
        );
        assert_eq!(
            Month::containing(march.end() - SignedDuration::from_secs(1)),
            Month::new(2026, 3).expect("month")
        );
    }

    #[test]
    fn shares_are_whole_percents_rounded_half_up() {
        assert_eq!(percent(240, 10_080), 2);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(5, 0), 0);
    }
}
