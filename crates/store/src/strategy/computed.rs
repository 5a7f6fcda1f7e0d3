//! The indicators Vaski computes from its own data, at any date D (issue 4, part 4 and the
//! exact meanings of part 9; docs/adr/0008-strategy.md). "At D" means the data as it stands
//! now, filtered by the dates the meanings name, so a history is recomputed, never stored.
//!
//! The precise readings, where the words leave a choice:
//!
//! - **Days and instants.** Dates are Helsinki calendar dates. A date column (`occurred_on`,
//!   `partner_since`, `valid_from`) is compared as a date; an instant (`starts_at`) is "on or
//!   before D" when it is before the Helsinki midnight that starts D + 1.
//! - **`active_partners`**: "the 365 days up to D" are D − 364 ..= D, D itself included (365
//!   calendar days). An interaction counts by its `occurred_on`; a booking counts when the
//!   organisation is its booker, it is confirmed and of kind `booking` (not the owner's block,
//!   not a request, not a cancelled or rejected one) and it *starts* in those days. The
//!   institution's own organisations (`home`) never count.
//! - **The institution's own organisations** are not partners: `single_owner_share`,
//!   `new_partners` and `cooperation_form:FORM` leave them out as well.
//! - **`new_partners`** counts by `partner_since`, not by `created_at`: the row's creation is
//!   when someone typed or imported it, and an import of a thousand old partners in one year
//!   would otherwise make them all "new" that year. `partner_since` is the date the
//!   partnership began (it is what the health view's "new per year" counts too).
//! - **What existed at D.** Organisations carry no history of their status, owners or forms;
//!   `single_owner_share` and `cooperation_form:FORM` at D count the organisations that were
//!   partners by then (`partner_since` ≤ D) with their status, owners and forms as they are now.
//! - **`single_owner_share`** is 0 when there are no active organisations.
//! - **`valid_agreements`**: `valid_from` ≤ D and (`valid_to` is empty or D ≤ `valid_to`).
//! - **Bookings** (`external_bookings`, `external_booking_hours`, `utilisation`) are the
//!   confirmed bookings of kind `booking` that *start* in D's calendar year, on or before D.
//!   A booking counts whole in the period it starts in (as the invoicing basis does), so a
//!   booking across midnight of D counts on D. Hours are (`ends_at` − `starts_at`) times the
//!   booked units: five laptops of a pool for four hours are 20 hours, as in the shared-use
//!   figures, because a pool's open time is its opening hours times its units.
//! - **External** means a booker organisation that is not the resource's owner (a home
//!   organisation booking another home organisation's resource is external to that owner).
//! - **`utilisation`** is booked hours (every booker, the owner's own bookings included; not
//!   blocks) over open hours of the resources, 0 when nothing was open. Open hours come from
//!   each resource's opening hours, or its location's when it has none of its own (as booking
//!   does), with dated exceptions and public holidays, from 1 January of D's year to D, times
//!   its units. Resources count with their hours as they are now, also for past years.
//!
//! **Scope** ([`Scope`]): *field* is a TOL 2008 section; an organisation is in it when its
//! `industry_code` is the section's letter or one of its divisions. *unit* is a unit of the
//! institution: an organisation is in it when one of its owners (`users.unit`) is. *tag* and
//! *kind* are the organisation's. Per indicator:
//!
//! - organisation indicators (`active_partners`, `single_owner_share`, `new_partners`,
//!   `cooperation_form:FORM`): all four restrict the organisation counted;
//! - `valid_agreements`: an agreement is in scope when one of its parties is;
//! - `external_bookings`, `external_booking_hours`: field, tag and kind restrict the booker
//!   organisation, unit the resource (`resources.unit`);
//! - `utilisation`: unit restricts the resources (both booked and open hours); field, tag and
//!   kind restrict the bookers of the booked hours only, so the figure is the share of all open
//!   time that such bookers used.
//!
//! **Speed.** A history is a few grouped queries over the dates' whole range and arithmetic in
//! Rust per date, never one scan per date: organisation counts are grouped by `partner_since`,
//! agreements by their start and end, bookings by the hour they start in (a Helsinki midnight
//! is always on a whole UTC hour), activity per organisation as one list of days; open hours
//! are computed once per distinct schedule. Indexes: migration 0009.

use crate::db::{sql, to_offset_date_time, Backend, Db, Query};
use crate::error::StoreError;
use crate::sharing::hours;
use crate::sharing::resource::{self, civil_date, DatedException, WeeklyRange};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration, Month, OffsetDateTime};
use vaski_domain::reference::industry::Industry;
use vaski_domain::sharing::opening::Schedule;
use vaski_domain::sharing::zone::helsinki;
pub use vaski_domain::strategy::computed::{ComputedIndicator, Scope};

/// How many days before D the activity window of `active_partners` starts (D − 364 ..= D).
pub const ACTIVE_WINDOW_DAYS_BEFORE: i64 = 364;

/// The value of `indicator` within `scope` at the date `at`.
pub async fn value_at(
    db: &Db,
    indicator: ComputedIndicator,
    scope: &Scope,
    at: Date,
) -> Result<f64, StoreError> {
    if indicator == ComputedIndicator::ActivePartners {
        return active_partners_at(db, scope, at).await;
    }
    let values = history(db, indicator, scope, &[at]).await?;
    Ok(values.first().map_or(0.0, |(_, v)| *v))
}

/// The value of `indicator` within `scope` at each of `dates`, in the order given.
pub async fn history(
    db: &Db,
    indicator: ComputedIndicator,
    scope: &Scope,
    dates: &[Date],
) -> Result<Vec<(Date, f64)>, StoreError> {
    if dates.is_empty() {
        return Ok(Vec::new());
    }
    let values = match indicator {
        ComputedIndicator::ActivePartners => active_partners(db, scope, dates).await?,
        ComputedIndicator::SingleOwnerShare => single_owner_share(db, scope, dates).await?,
        ComputedIndicator::NewPartners => new_partners(db, scope, dates).await?,
        ComputedIndicator::CooperationForm(form) => {
            cooperation_form(db, form.code(), scope, dates).await?
        }
        ComputedIndicator::ValidAgreements => valid_agreements(db, scope, dates).await?,
        ComputedIndicator::ExternalBookings => booking_counts(db, scope, dates, true)
            .await?
            .into_iter()
            .map(|s| s.bookings as f64)
            .collect(),
        ComputedIndicator::ExternalBookingHours => booking_counts(db, scope, dates, true)
            .await?
            .into_iter()
            .map(|s| s.seconds as f64 / 3600.0)
            .collect(),
        ComputedIndicator::Utilisation => utilisation(db, scope, dates).await?,
    };
    Ok(dates.iter().copied().zip(values).collect())
}

// ---------------------------------------------------------------------------------------------
// Dates and instants

/// 1 January of the date's year.
pub(super) fn year_start(d: Date) -> Date {
    Date::from_calendar_date(d.year(), Month::January, 1).unwrap_or(d)
}

pub(super) fn next_day(d: Date) -> Date {
    d.next_day().unwrap_or(d)
}

/// The Helsinki midnight that starts `d`.
pub(super) fn midnight(d: Date) -> Result<OffsetDateTime, StoreError> {
    let civil =
        civil_date(d).map_err(|e| StoreError::Corrupt(format!("date {d} out of range: {e}")))?;
    let ts = civil
        .to_zoned(helsinki().clone())
        .map_err(|e| StoreError::Corrupt(format!("date {d}: {e}")))?
        .timestamp();
    Ok(to_offset_date_time(ts))
}

/// The Helsinki date of an instant given as Unix seconds.
fn helsinki_date(seconds: i64) -> Option<Date> {
    let ts = jiff::Timestamp::from_second(seconds).ok()?;
    let d = helsinki().to_datetime(ts).date();
    let month = Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    Date::from_calendar_date(i32::from(d.year()), month, u8::try_from(d.day()).ok()?).ok()
}

fn min_max(dates: &[Date]) -> (Date, Date) {
    let min = dates.iter().copied().min().unwrap_or(Date::MIN);
    let max = dates.iter().copied().max().unwrap_or(Date::MIN);
    (min, max)
}

// ---------------------------------------------------------------------------------------------
// Scope

/// The TOL codes of a field: the section's letter and all its divisions.
pub(super) fn field_codes(field: &Industry) -> Vec<String> {
    let section = field.section();
    let mut codes = vec![section.code.clone()];
    codes.extend(
        Industry::divisions()
            .filter(|d| d.section().code == section.code)
            .map(|d| d.code.clone()),
    );
    codes
}

/// The conditions (each starting with ` AND`) that restrict the organisation `org` to the
/// scope; the unit only when `with_unit`.
pub(super) fn organisation_scope(
    q: &mut Query,
    scope: &Scope,
    org: &str,
    with_unit: bool,
) -> String {
    let mut text = String::new();
    if let Some(field) = scope.field {
        let list = crate::in_list(q, field_codes(field));
        text.push_str(&format!(" AND {org}.industry_code IN ({list})"));
    }
    if let Some(kind) = scope.kind {
        let p = q.push_arg(kind.code());
        text.push_str(&format!(" AND {org}.kind = {p}"));
    }
    if let Some(tag) = &scope.tag {
        let p = q.push_arg(tag.trim());
        text.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM organisation_tags st WHERE st.organisation_id = {org}.id AND st.tag = {p})"
        ));
    }
    if let (true, Some(unit)) = (with_unit, &scope.unit) {
        // The unit's partnerships read once, not a join per organisation (SQLite: 158 → 64 ms
        // for the partners of a unit among 100 000).
        let p = q.push_arg(unit.trim());
        text.push_str(&format!(
            " AND {org}.id IN (SELECT sw.organisation_id FROM organisation_owners sw \
             JOIN users su ON su.id = sw.user_id WHERE su.unit = {p})"
        ));
    }
    text
}

fn restricts_organisation(scope: &Scope) -> bool {
    scope.field.is_some() || scope.kind.is_some() || scope.tag.is_some()
}

// ---------------------------------------------------------------------------------------------
// Organisations: counts by the day the partnership began

/// Rows of (partner_since, organisations, of which single-owner) up to the last date.
type SinceRow = (Date, i64, i64);

/// How many of the counted organisations began on or before each date, and how many of them
/// have exactly one owner.
fn cumulative(rows: &[SinceRow], dates: &[Date]) -> Vec<(i64, i64)> {
    dates
        .iter()
        .map(|d| {
            rows.iter()
                .filter(|(since, _, _)| since <= d)
                .fold((0, 0), |(n, s), (_, rn, rs)| (n + rn, s + rs))
        })
        .collect()
}

async fn since_rows(
    db: &Db,
    scope: &Scope,
    dates: &[Date],
    extra_from: &str,
    extra_where: &str,
    first_arg: Option<&str>,
) -> Result<Vec<SinceRow>, StoreError> {
    let (_, last) = min_max(dates);
    let mut q = sql("");
    if let Some(a) = first_arg {
        q.push_arg(a);
    }
    let until = q.push_arg(last);
    let scoped = organisation_scope(&mut q, scope, "o", true);
    q.push_sql(&format!(
        "SELECT o.partner_since, COUNT(*), SUM(CASE WHEN o.owner_count = 1 THEN 1 ELSE 0 END) \
         FROM {extra_from} organisations o WHERE o.home = FALSE AND o.partner_since <= {until}{extra_where}{scoped} \
         GROUP BY o.partner_since ORDER BY o.partner_since"
    ));
    let rows: Vec<(Date, i64, Option<i64>)> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(|(d, n, s)| (d, n, s.unwrap_or(0)))
        .collect())
}

async fn single_owner_share(
    db: &Db,
    scope: &Scope,
    dates: &[Date],
) -> Result<Vec<f64>, StoreError> {
    let rows = since_rows(db, scope, dates, "", " AND o.status = 'active'", None).await?;
    Ok(cumulative(&rows, dates)
        .into_iter()
        .map(|(n, single)| {
            if n == 0 {
                0.0
            } else {
                single as f64 / n as f64
            }
        })
        .collect())
}

async fn new_partners(db: &Db, scope: &Scope, dates: &[Date]) -> Result<Vec<f64>, StoreError> {
    let (first, _) = min_max(dates);
    let mut q = sql("");
    let from = q.push_arg(year_start(first));
    let rows = {
        let (_, last) = min_max(dates);
        let until = q.push_arg(last);
        let scoped = organisation_scope(&mut q, scope, "o", true);
        q.push_sql(&format!(
            "SELECT o.partner_since, COUNT(*), CAST(0 AS BIGINT) FROM organisations o WHERE o.home = FALSE \
             AND o.partner_since >= {from} AND o.partner_since <= {until}{scoped} \
             GROUP BY o.partner_since ORDER BY o.partner_since"
        ));
        db.fetch_all::<SinceRow>(q).await?
    };
    Ok(dates
        .iter()
        .map(|d| {
            let from = year_start(*d);
            rows.iter()
                .filter(|(since, _, _)| *since >= from && since <= d)
                .map(|(_, n, _)| *n)
                .sum::<i64>() as f64
        })
        .collect())
}

async fn cooperation_form(
    db: &Db,
    form: &str,
    scope: &Scope,
    dates: &[Date],
) -> Result<Vec<f64>, StoreError> {
    if let ([at], true) = (dates, scope.is_whole_network()) {
        return Ok(vec![cooperation_form_at(db, form, *at).await? as f64]);
    }
    let rows = since_rows(
        db,
        scope,
        dates,
        "organisation_cooperation c,",
        " AND c.organisation_id = o.id AND c.form = $1",
        Some(form),
    )
    .await?;
    Ok(cumulative(&rows, dates)
        .into_iter()
        .map(|(n, _)| n as f64)
        .collect())
}

/// The organisations of a form of cooperation at one date, in the whole network: all that
/// have the form (read from the form's index alone), less the institution's own and those
/// that became partners after the date (a handful, found through their own indexes). The
/// same count as [`since_rows`] gives, without reading every organisation.
async fn cooperation_form_at(db: &Db, form: &str, at: Date) -> Result<i64, StoreError> {
    let (all,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM organisation_cooperation WHERE form = $1").bind(form))
        .await?;
    let (left_out,): (i64,) = db
        .fetch_one(
            sql(
                "SELECT COUNT(*) FROM organisations o JOIN organisation_cooperation c \
                 ON c.organisation_id = o.id AND c.form = $1 \
                 WHERE o.home = TRUE OR o.partner_since > $2",
            )
            .bind(form)
            .bind(at),
        )
        .await?;
    Ok(all - left_out)
}

/// Every form's organisations at one date in the whole network, counted as
/// [`cooperation_form_at`] counts one form: two grouped reads instead of two per form.
pub(super) async fn cooperation_forms_at(
    db: &Db,
    at: Date,
) -> Result<HashMap<String, i64>, StoreError> {
    let all: Vec<(String, i64)> = db
        .fetch_all(sql(
            "SELECT form, COUNT(*) FROM organisation_cooperation GROUP BY form",
        ))
        .await?;
    let left_out: Vec<(String, i64)> = db
        .fetch_all(
            sql(
                "SELECT c.form, COUNT(*) FROM organisations o JOIN organisation_cooperation c \
                 ON c.organisation_id = o.id WHERE o.home = TRUE OR o.partner_since > $1 \
                 GROUP BY c.form",
            )
            .bind(at),
        )
        .await?;
    let mut by_form: HashMap<String, i64> = all.into_iter().collect();
    for (form, n) in left_out {
        *by_form.entry(form).or_default() -= n;
    }
    Ok(by_form)
}

// ---------------------------------------------------------------------------------------------
// Agreements

async fn valid_agreements(db: &Db, scope: &Scope, dates: &[Date]) -> Result<Vec<f64>, StoreError> {
    let (_, last) = min_max(dates);
    let in_scope = |q: &mut Query| agreement_scope(q, scope);
    // Agreements that have begun by each date, less those that ended before it. An agreement
    // whose end is before its start was never valid and is left out of both.
    let mut q = sql("");
    let until = q.push_arg(last);
    let scoped = in_scope(&mut q);
    q.push_sql(&format!(
        "SELECT a.valid_from, COUNT(*) FROM agreements a WHERE a.valid_from <= {until} \
         AND (a.valid_to IS NULL OR a.valid_to >= a.valid_from){scoped} GROUP BY a.valid_from"
    ));
    let starts: Vec<(Date, i64)> = db.fetch_all(q).await?;
    let mut q = sql("");
    let until = q.push_arg(last);
    let scoped = in_scope(&mut q);
    q.push_sql(&format!(
        "SELECT a.valid_to, COUNT(*) FROM agreements a WHERE a.valid_to < {until} \
         AND a.valid_to >= a.valid_from{scoped} GROUP BY a.valid_to"
    ));
    let ends: Vec<(Date, i64)> = db.fetch_all(q).await?;
    Ok(dates
        .iter()
        .map(|d| {
            let begun: i64 = starts.iter().filter(|(f, _)| f <= d).map(|(_, n)| n).sum();
            let ended: i64 = ends.iter().filter(|(t, _)| t < d).map(|(_, n)| n).sum();
            (begun - ended) as f64
        })
        .collect())
}

/// The condition (starting with ` AND`, or empty) that an agreement `a` has a party in scope.
pub(super) fn agreement_scope(q: &mut Query, scope: &Scope) -> String {
    if scope.is_whole_network() {
        return String::new();
    }
    let scoped = organisation_scope(q, scope, "po", true);
    format!(
        " AND EXISTS (SELECT 1 FROM agreement_parties ap JOIN organisations po ON po.id = ap.organisation_id \
         WHERE ap.agreement_id = a.id{scoped})"
    )
}

// ---------------------------------------------------------------------------------------------
// Bookings

/// The join and the conditions (each starting with ` AND`) that restrict bookings `b` of
/// resources `r` to the scope: the unit restricts the resource, the field, tag and kind the
/// booker organisation.
pub(super) fn booking_scope(q: &mut Query, scope: &Scope) -> (&'static str, String) {
    let mut conditions = String::new();
    if let Some(unit) = &scope.unit {
        let p = q.push_arg(unit.trim());
        conditions.push_str(&format!(" AND r.unit = {p}"));
    }
    if !restricts_organisation(scope) {
        return ("", conditions);
    }
    conditions.push_str(&organisation_scope(q, scope, "o", false));
    (
        " JOIN organisations o ON o.id = b.booker_organisation_id",
        conditions,
    )
}

/// Bookings and their unit-seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct BookingSums {
    bookings: i64,
    seconds: i64,
}

/// The confirmed bookings (kind `booking`) starting in each date's year up to the date, of
/// external bookers only when `external`, within the scope.
async fn booking_counts(
    db: &Db,
    scope: &Scope,
    dates: &[Date],
    external: bool,
) -> Result<Vec<BookingSums>, StoreError> {
    let (first, last) = min_max(dates);
    let backend = db.backend();
    let mut q = sql("");
    let from = q.push_arg(midnight(year_start(first))?);
    let until = q.push_arg(midnight(next_day(last))?);
    let mut conditions = String::new();
    if external {
        conditions.push_str(
            " AND b.booker_organisation_id IS NOT NULL AND b.booker_organisation_id <> r.owner_organisation_id",
        );
    }
    let (booker_join, scoped) = booking_scope(&mut q, scope);
    conditions.push_str(&scoped);
    let start = backend.epoch_seconds("b.starts_at");
    let end = backend.epoch_seconds("b.ends_at");
    // Grouped by the UTC hour a booking starts in: Helsinki midnights fall on whole hours.
    q.push_sql(&format!(
        "SELECT {start} / 3600 AS hour, COUNT(*), CAST(SUM(({end} - {start}) * b.units) AS BIGINT) \
         FROM bookings b JOIN resources r ON r.id = b.resource_id{booker_join} \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' \
         AND b.starts_at >= {from} AND b.starts_at < {until}{conditions} \
         GROUP BY {start} / 3600"
    ));
    let rows: Vec<(i64, i64, Option<i64>)> = db.fetch_all(q).await?;
    let mut by_hour: BTreeMap<i64, BookingSums> = BTreeMap::new();
    for (hour, n, s) in rows {
        let e = by_hour.entry(hour).or_default();
        e.bookings += n;
        e.seconds += s.unwrap_or(0);
    }
    dates
        .iter()
        .map(|d| {
            let from = midnight(year_start(*d))?.unix_timestamp() / 3600;
            let until = midnight(next_day(*d))?.unix_timestamp() / 3600;
            Ok(by_hour
                .range(from..until)
                .fold(BookingSums::default(), |acc, (_, s)| BookingSums {
                    bookings: acc.bookings + s.bookings,
                    seconds: acc.seconds + s.seconds,
                }))
        })
        .collect()
}

/// A resource as its open hours need it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct ResourceRow {
    id: i64,
    location_id: Option<i64>,
    quantity: i64,
    closed_on_public_holidays: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct HoursRow {
    resource_id: Option<i64>,
    location_id: Option<i64>,
    weekday: i64,
    opens_minute: i64,
    closes_minute: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ExceptionRow {
    resource_id: Option<i64>,
    location_id: Option<i64>,
    on_date: Date,
    opens_minute: Option<i64>,
    closes_minute: Option<i64>,
}

type Weekly = Vec<(i64, i64, i64)>;
type Dated = Vec<(Date, Option<i64>, Option<i64>)>;

fn weekly_ranges(weekly: &[(i64, i64, i64)]) -> Vec<WeeklyRange> {
    weekly
        .iter()
        .map(|(weekday, opens_minute, closes_minute)| WeeklyRange {
            weekday: *weekday,
            opens_minute: *opens_minute,
            closes_minute: *closes_minute,
        })
        .collect()
}

fn dated_exceptions(dated: &[(Date, Option<i64>, Option<i64>)]) -> Vec<DatedException> {
    dated
        .iter()
        .map(|(on_date, opens_minute, closes_minute)| DatedException {
            on_date: *on_date,
            opens_minute: *opens_minute,
            closes_minute: *closes_minute,
            note: None,
        })
        .collect()
}

/// The days from `first` to `last`, as stored dates and as the sharing domain's dates, and
/// whether the day is one of summer time's two odd days (23 or 25 hours long).
struct Days {
    first: Date,
    dates: Vec<Date>,
    civil: Vec<jiff::civil::Date>,
    odd: Vec<bool>,
}

impl Days {
    fn new(first: Date, last: Date) -> Result<Days, StoreError> {
        let dates: Vec<Date> = std::iter::successors(Some(first), |d| d.next_day())
            .take_while(|d| *d <= last)
            .collect();
        let mut civil = Vec::with_capacity(dates.len());
        let mut odd = Vec::with_capacity(dates.len());
        for d in &dates {
            civil.push(civil_date(*d).map_err(|e| StoreError::Corrupt(format!("date {d}: {e}")))?);
            let length = midnight(next_day(*d))?.unix_timestamp() - midnight(*d)?.unix_timestamp();
            odd.push(length != 86_400);
        }
        Ok(Days {
            first,
            dates,
            civil,
            odd,
        })
    }

    fn index(&self, d: Date) -> Option<usize> {
        usize::try_from((d - self.first).whole_days())
            .ok()
            .filter(|i| *i < self.dates.len())
    }
}

/// The open seconds of a schedule on the `i`th day: the minutes of its hours, except on the
/// days the clocks turn, where the domain places the hours in real time.
fn day_seconds(schedule: &Schedule, days: &Days, i: usize) -> i64 {
    let day = days.civil[i];
    if days.odd[i] {
        schedule
            .open_intervals(day, day)
            .iter()
            .map(|open| open.duration().as_secs())
            .sum()
    } else {
        schedule
            .hours_on(day)
            .iter()
            .map(|r| {
                let (opens, closes) = r.to_minutes();
                (closes - opens) * 60
            })
            .sum()
    }
}

/// Open unit-seconds of the resources in scope from 1 January of each date's year to the date.
/// Resources that share weekly hours and the holiday rule share one pass over the days; each
/// dated exception then adds the difference it makes on its day.
pub(super) async fn open_seconds(
    db: &Db,
    scope: &Scope,
    dates: &[Date],
) -> Result<Vec<i64>, StoreError> {
    let mut q = sql("SELECT id, location_id, quantity, closed_on_public_holidays FROM resources");
    if let Some(unit) = &scope.unit {
        let p = q.push_arg(unit.trim());
        q.push_sql(&format!(" WHERE unit = {p}"));
    }
    let resources: Vec<ResourceRow> = db.fetch_all(q).await?;
    if resources.is_empty() {
        return Ok(vec![0; dates.len()]);
    }
    let hours: Vec<HoursRow> = db
        .fetch_all(sql(
            "SELECT resource_id, location_id, weekday, opens_minute, closes_minute FROM opening_hours \
             ORDER BY weekday, opens_minute",
        ))
        .await?;
    let exceptions: Vec<ExceptionRow> = db
        .fetch_all(sql(
            "SELECT resource_id, location_id, on_date, opens_minute, closes_minute FROM opening_exceptions \
             ORDER BY on_date, opens_minute",
        ))
        .await?;
    let mut weekly_of: HashMap<(bool, i64), Weekly> = HashMap::new();
    for h in hours {
        let key = match (h.resource_id, h.location_id) {
            (Some(r), _) => (true, r),
            (None, Some(l)) => (false, l),
            (None, None) => continue,
        };
        weekly_of
            .entry(key)
            .or_default()
            .push((h.weekday, h.opens_minute, h.closes_minute));
    }
    let mut dated_of: HashMap<(bool, i64), Dated> = HashMap::new();
    for e in exceptions {
        let key = match (e.resource_id, e.location_id) {
            (Some(r), _) => (true, r),
            (None, Some(l)) => (false, l),
            (None, None) => continue,
        };
        dated_of
            .entry(key)
            .or_default()
            .push((e.on_date, e.opens_minute, e.closes_minute));
    }
    let (first, last) = min_max(dates);
    let days = Days::new(year_start(first), last)?;
    let mut per_day = vec![0i64; days.dates.len()];
    let mut units_by_base: HashMap<(Weekly, bool), i64> = HashMap::new();
    for r in &resources {
        // Each resource's hours by the one rule of `sharing::hours` (all exceptions are read
        // here, so those read are all the resource has).
        let none = (Weekly::default(), Dated::default());
        let own_weekly = weekly_of.get(&(true, r.id)).unwrap_or(&none.0);
        let own_dated = dated_of.get(&(true, r.id)).unwrap_or(&none.1);
        let site = r.location_id.map(|l| {
            (
                weekly_of.get(&(false, l)).unwrap_or(&none.0).as_slice(),
                dated_of.get(&(false, l)).unwrap_or(&none.1).as_slice(),
            )
        });
        let chosen = hours::choose(
            own_weekly.as_slice(),
            own_dated.as_slice(),
            !own_dated.is_empty(),
            site,
        );
        let weekly: Weekly = chosen.weekly.to_vec();
        let dated: Dated = chosen.exceptions.to_vec();
        let units = r.quantity.max(1);
        let in_period: Vec<usize> = dated.iter().filter_map(|e| days.index(e.0)).collect();
        if !in_period.is_empty() {
            let ranges = weekly_ranges(&weekly);
            let base = resource::schedule_from(&ranges, &[], r.closed_on_public_holidays)?;
            let with = resource::schedule_from(
                &ranges,
                &dated_exceptions(&dated),
                r.closed_on_public_holidays,
            )?;
            for i in in_period {
                per_day[i] += (day_seconds(&with, &days, i) - day_seconds(&base, &days, i)) * units;
            }
        }
        *units_by_base
            .entry((weekly, r.closed_on_public_holidays))
            .or_default() += units;
    }
    for ((weekly, holidays), units) in units_by_base {
        let schedule = resource::schedule_from(&weekly_ranges(&weekly), &[], holidays)?;
        for (i, total) in per_day.iter_mut().enumerate() {
            *total += day_seconds(&schedule, &days, i) * units;
        }
    }
    // Running totals, so that each date's year-to-date sum is one subtraction.
    let mut running = Vec::with_capacity(per_day.len() + 1);
    running.push(0i64);
    for s in &per_day {
        running.push(running.last().copied().unwrap_or(0) + s);
    }
    Ok(dates
        .iter()
        .map(|d| match (days.index(year_start(*d)), days.index(*d)) {
            (Some(from), Some(to)) => running[to + 1] - running[from],
            _ => 0,
        })
        .collect())
}

async fn utilisation(db: &Db, scope: &Scope, dates: &[Date]) -> Result<Vec<f64>, StoreError> {
    let booked = booking_counts(db, scope, dates, false).await?;
    let open = open_seconds(db, scope, dates).await?;
    Ok(booked
        .into_iter()
        .zip(open)
        .map(|(b, o)| {
            if o <= 0 {
                0.0
            } else {
                b.seconds as f64 / o as f64
            }
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Active partners

/// Non-home organisations in scope with an interaction, or a confirmed booking as booker, in
/// D − 364 ..= D: one count. An organisation's latest interaction (`last_interaction_on`, which
/// every write of an interaction keeps) answers for most of them without reading interactions:
/// latest in the window is active, latest before it is not active by interactions; only those
/// whose latest is after D (D in the past) are looked up in the window.
pub(super) async fn active_partners_at(
    db: &Db,
    scope: &Scope,
    at: Date,
) -> Result<f64, StoreError> {
    let mut q = sql("");
    let union = active_partners_union(&mut q, scope, at, "o.id")?;
    q.push_sql(&format!("SELECT COUNT(*) FROM ({union}) active"));
    let (n,): (i64,) = db.fetch_one(q).await?;
    Ok(n as f64)
}

/// The text of a query for `columns` of the organisations `o` that [`active_partners_at`]
/// counts: three sets of organisations, each read through its own index, united. An OR of
/// the three made PostgreSQL test every organisation against all of them (120–190 ms against
/// 75–80 ms on the bench network of 100 000).
pub(super) fn active_partners_union(
    q: &mut Query,
    scope: &Scope,
    at: Date,
    columns: &str,
) -> Result<String, StoreError> {
    let first = at - Duration::days(ACTIVE_WINDOW_DAYS_BEFORE);
    let from_day = q.push_arg(first);
    let to_day = q.push_arg(at);
    let from = q.push_arg(midnight(first)?);
    let until = q.push_arg(midnight(next_day(at))?);
    let scoped = organisation_scope(q, scope, "o", true);
    Ok(format!(
        "SELECT {columns} FROM organisations o WHERE o.home = FALSE{scoped} \
             AND o.last_interaction_on >= {from_day} AND o.last_interaction_on <= {to_day} \
         UNION SELECT {columns} FROM organisations o WHERE o.home = FALSE{scoped} \
             AND o.last_interaction_on > {to_day} AND EXISTS (SELECT 1 FROM interactions i \
             WHERE i.organisation_id = o.id AND i.occurred_on >= {from_day} AND i.occurred_on <= {to_day}) \
         UNION SELECT {columns} FROM organisations o WHERE o.home = FALSE{scoped} \
             AND o.id IN (SELECT b.booker_organisation_id FROM bookings b WHERE b.status = 'confirmed' AND b.kind = 'booking' \
             AND b.starts_at >= {from} AND b.starts_at < {until} AND b.booker_organisation_id IS NOT NULL)"
    ))
}

/// Every date at once: each organisation's days of activity in the dates' whole range come as
/// one list (interactions as dates, bookings as Unix seconds turned into Helsinki dates), and
/// each date asks whether one of them falls in its window.
async fn active_partners(db: &Db, scope: &Scope, dates: &[Date]) -> Result<Vec<f64>, StoreError> {
    if dates.len() == 1 {
        return Ok(vec![active_partners_at(db, scope, dates[0]).await?]);
    }
    let (first, last) = min_max(dates);
    let window_start = first - Duration::days(ACTIVE_WINDOW_DAYS_BEFORE);
    let mut days: HashMap<i64, Vec<i32>> = HashMap::new();
    // SQLite's planner read the interactions by day and sorted a million of them by
    // organisation (0.32 s) where the organisation's index gives them in order (0.15 s), and
    // read the bookings through the booker's index, visiting every booking's row (1.0 s),
    // where the partial index of confirmed bookings holds all it needs (0.24 s).
    let (interactions_index, bookings_index) = match db.backend() {
        Backend::Sqlite => (
            " INDEXED BY interactions_organisation",
            " INDEXED BY bookings_confirmed_start",
        ),
        Backend::Postgres => ("", ""),
    };

    let mut q = sql("");
    let from_day = q.push_arg(window_start);
    let to_day = q.push_arg(last);
    let scoped = organisation_scope(&mut q, scope, "o", true);
    q.push_sql(&format!(
        "SELECT x.organisation_id, x.days FROM (SELECT i.organisation_id, \
         string_agg(CAST(i.occurred_on AS TEXT), ',') AS days FROM interactions i{interactions_index} \
         WHERE i.occurred_on >= {from_day} AND i.occurred_on <= {to_day} GROUP BY i.organisation_id) x \
         JOIN organisations o ON o.id = x.organisation_id WHERE o.home = FALSE{scoped}"
    ));
    let rows: Vec<(i64, String)> = db.fetch_all(q).await?;
    for (org, list) in rows {
        let e = days.entry(org).or_default();
        for text in list.split(',') {
            if let Some(d) = parse_day(text) {
                e.push(d);
            }
        }
    }

    let mut q = sql("");
    let from = q.push_arg(midnight(window_start)?);
    let until = q.push_arg(midnight(next_day(last))?);
    let scoped = organisation_scope(&mut q, scope, "o", true);
    let start = db.backend().epoch_seconds("b.starts_at");
    q.push_sql(&format!(
        "SELECT x.organisation_id, x.times FROM (SELECT b.booker_organisation_id AS organisation_id, \
         string_agg(CAST({start} AS TEXT), ',') AS times FROM bookings b{bookings_index} \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' AND b.booker_organisation_id IS NOT NULL \
         AND b.starts_at >= {from} AND b.starts_at < {until} GROUP BY b.booker_organisation_id) x \
         JOIN organisations o ON o.id = x.organisation_id WHERE o.home = FALSE{scoped}"
    ));
    let rows: Vec<(i64, String)> = db.fetch_all(q).await?;
    let mut day_of_hour = HelsinkiDays::default();
    for (org, list) in rows {
        let e = days.entry(org).or_default();
        for text in list.split(',') {
            if let Some(d) = text
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|t| day_of_hour.day(t))
            {
                e.push(d);
            }
        }
    }

    Ok(active_counts(days.into_values(), dates)
        .into_iter()
        .map(|n| n as f64)
        .collect())
}

/// For each date, how many of the day lists (Julian days, any order) have a day in the date's
/// window D − 364 ..= D. The windows are visited in the order of their dates, so one pointer
/// walks each sorted list once (a binary search per list and date took a quarter of a
/// 60-month history of 80 000 organisations).
fn active_counts(lists: impl Iterator<Item = Vec<i32>>, dates: &[Date]) -> Vec<i64> {
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_by_key(|&i| dates[i]);
    let windows: Vec<(usize, i32, i32)> = order
        .iter()
        .map(|&i| {
            let to = dates[i].to_julian_day();
            (i, to - ACTIVE_WINDOW_DAYS_BEFORE as i32, to)
        })
        .collect();
    let mut counts = vec![0i64; dates.len()];
    for mut list in lists {
        list.sort_unstable();
        let mut next = 0;
        for &(i, from, to) in &windows {
            while list.get(next).is_some_and(|&d| d < from) {
                next += 1;
            }
            if list.get(next).is_some_and(|&d| d <= to) {
                counts[i] += 1;
            }
        }
    }
    counts
}

/// Helsinki dates of instants, as Julian days, remembered by the hour: Helsinki's offset
/// changes only on a whole hour, so every instant of an hour falls on the same date, and a
/// history's 500 000 bookings start in a few thousand distinct hours.
#[derive(Default)]
struct HelsinkiDays {
    by_hour: HashMap<i64, Option<i32>>,
}

impl HelsinkiDays {
    fn day(&mut self, seconds: i64) -> Option<i32> {
        let hour = seconds.div_euclid(3600);
        *self
            .by_hour
            .entry(hour)
            .or_insert_with(|| helsinki_date(hour * 3600).map(|d| d.to_julian_day()))
    }
}

/// `2026-11-24` as a Julian day number.
fn parse_day(text: &str) -> Option<i32> {
    let t = text.trim();
    let year: i32 = t.get(0..4)?.parse().ok()?;
    let month: u8 = t.get(5..7)?.parse().ok()?;
    let day: u8 = t.get(8..10)?.parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day)
        .ok()
        .map(Date::to_julian_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn each_date_counts_the_lists_with_a_day_in_its_window_whatever_the_order() {
        let day = |d: Date| d.to_julian_day();
        let dates = [
            date!(2025 - 12 - 31),
            date!(2024 - 12 - 31),
            date!(2025 - 06 - 30),
        ];
        let lists = vec![
            // The first and last day of 2025's window (2025-01-01 ..= 2025-12-31).
            vec![day(date!(2025 - 12 - 31)), day(date!(2025 - 01 - 01))],
            // A day before every window but 2024's, and one after all of them.
            vec![day(date!(2026 - 01 - 01)), day(date!(2024 - 03 - 01))],
            // The day before 2025's window opens: in 2024's and in June 2025's.
            vec![day(date!(2024 - 12 - 31))],
            Vec::new(),
        ];
        assert_eq!(active_counts(lists.into_iter(), &dates), vec![1, 2, 2]);
    }

    #[test]
    fn an_instant_falls_on_its_helsinki_date_also_at_the_hour_before_midnight() {
        let mut days = HelsinkiDays::default();
        // 2025-06-30 21:30 UTC is 2025-07-01 00:30 in Helsinki (summer time, +3).
        let t = 1_751_319_000;
        assert_eq!(days.day(t), Some(date!(2025 - 07 - 01).to_julian_day()));
        // 20:59 UTC the same evening is still 30 June; it was remembered by its own hour.
        assert_eq!(
            days.day(t - 31 * 60),
            Some(date!(2025 - 06 - 30).to_julian_day())
        );
    }

    #[test]
    fn a_field_is_its_section_letter_and_all_its_divisions() {
        let c = Industry::by_code("C").expect("section C");
        let codes = field_codes(c);
        assert!(codes.contains(&"C".to_string()));
        assert!(codes.contains(&"25".to_string()));
        assert!(!codes.contains(&"41".to_string()));
        // A division given as the field stands for its section.
        let division = Industry::by_code("25").expect("division 25");
        assert_eq!(field_codes(division), codes);
    }

    #[test]
    fn helsinki_midnight_is_the_previous_evening_in_utc() {
        let winter = midnight(date!(2026 - 01 - 01)).expect("midnight");
        assert_eq!(winter.to_string(), "2025-12-31 22:00:00.0 +00:00:00");
        let summer = midnight(date!(2026 - 07 - 01)).expect("midnight");
        assert_eq!(summer.to_string(), "2026-06-30 21:00:00.0 +00:00:00");
        assert_eq!(
            helsinki_date(summer.unix_timestamp()),
            Some(date!(2026 - 07 - 01))
        );
        assert_eq!(
            helsinki_date(summer.unix_timestamp() - 1),
            Some(date!(2026 - 06 - 30))
        );
    }

    #[test]
    fn dates_parse_to_julian_days() {
        assert_eq!(
            parse_day("2026-11-24"),
            Some(date!(2026 - 11 - 24).to_julian_day())
        );
        assert_eq!(parse_day("2026-13-01"), None);
        assert_eq!(parse_day("x"), None);
    }
}
