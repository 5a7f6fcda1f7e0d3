//! When resources can be booked: the free time of many resources at once for the availability
//! search, by the hours that govern each (see [`super::hours`]), and the own weekly hours of
//! many resources read in one go.
//!
//! Free time is read without a transaction: it is advice for picking a time, not a promise.
//! The promise is [`super::booking::book`], which checks again under the family's lock.

use super::resource::{self, Resource, WeeklyRange};
use crate::db::{sql, Db};
use crate::error::StoreError;
use crate::in_list;
use jiff::{SignedDuration, Timestamp};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use vaski_domain::sharing::availability::{busy_times, free_slots};
use vaski_domain::sharing::clash::{Hierarchy, Occupancy};
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;

/// The free time of one resource within the window asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeTime {
    pub resource_id: i64,
    /// The maximal spans a booking of the asked length fits anywhere in, in order.
    pub slots: Vec<Interval>,
}

/// Where a booking of `duration` and `units` still fits in each of `resources` between the
/// window's start and end, by the resources' hours, rules and the bookings of their wholes and
/// parts; nothing starts before `now` plus a resource's notice.
pub async fn free_times(
    db: &Db,
    resources: &[Resource],
    window: Interval,
    duration: SignedDuration,
    units: u32,
    now: Timestamp,
) -> Result<Vec<FreeTime>, StoreError> {
    if resources.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = resources.iter().map(|r| r.id).collect();
    let hierarchy = hierarchy(db).await?;
    let first_day = helsinki().to_datetime(window.start()).date();
    let last_day = helsinki().to_datetime(window.end()).date();
    let days = Some((
        resource::store_date(first_day)?,
        resource::store_date(last_day)?,
    ));
    let hours = super::hours::governing_of(db, resources, days).await?;
    let family: BTreeSet<i64> = ids.iter().flat_map(|id| hierarchy.related(*id)).collect();
    let occupancies = occupancies(db, &family, &window).await?;
    // Grouped by resource once, so that each resource looks only at its own family's
    // bookings, not at every booking of the week (1 000 resources × 10 000 bookings).
    let mut by_resource: HashMap<i64, Vec<Occupancy>> = HashMap::new();
    for o in occupancies {
        by_resource.entry(o.resource_id).or_default().push(o);
    }
    let mut free = Vec::with_capacity(resources.len());
    for r in resources {
        let own: Vec<Occupancy> = hierarchy
            .related(r.id)
            .into_iter()
            .filter_map(|id| by_resource.get(&id))
            .flatten()
            .cloned()
            .collect();
        let (weekly, exceptions) = hours
            .get(&r.id)
            .map(|g| (g.weekly.as_slice(), g.exceptions.as_slice()))
            .unwrap_or_default();
        let schedule = resource::schedule_from(weekly, exceptions, r.closed_on_public_holidays)?;
        let open = clip(&schedule.open_intervals(first_day, last_day), &window);
        let busy = busy_times(r.id, r.capacity(), units, &own, &hierarchy);
        free.push(FreeTime {
            resource_id: r.id,
            slots: free_slots(&open, &busy, duration, &r.rules()?, now),
        });
    }
    Ok(free)
}

/// The parts of `spans` that lie inside `window`.
fn clip(spans: &[Interval], window: &Interval) -> Vec<Interval> {
    spans
        .iter()
        .filter_map(|s| {
            Interval::new(s.start().max(window.start()), s.end().min(window.end())).ok()
        })
        .collect()
}

/// Every whole–part link, read outside a transaction.
async fn hierarchy(db: &Db) -> Result<Hierarchy, StoreError> {
    let links: Vec<(i64, i64)> = db
        .fetch_all(sql(
            "SELECT id, part_of FROM resources WHERE part_of IS NOT NULL",
        ))
        .await?;
    Hierarchy::from_links(links)
        .map_err(|e| StoreError::Corrupt(format!("resource hierarchy: {}", e.key)))
}

/// The occupying bookings and blocks of `resource_ids` that may touch `window`.
async fn occupancies(
    db: &Db,
    resource_ids: &BTreeSet<i64>,
    window: &Interval,
) -> Result<Vec<Occupancy>, StoreError> {
    // Widened by a day on each side, as in `booking::book`: stored spans hold their own
    // buffers, and a request's buffers are shorter than a day.
    let day = SignedDuration::from_hours(24);
    let ids: Vec<i64> = resource_ids.iter().copied().collect();
    super::calendar::occupancies(db, &ids, window.start() - day, window.end() + day).await
}

/// The own weekly hours of many resources, by resource; a resource without hours of its own
/// has no entry. These are what the resource document's `opening_hours` holds and replaces; the
/// hours that govern a resource are [`super::hours::governing_of`]'s.
pub async fn weekly_hours_of(
    db: &Db,
    ids: &[i64],
) -> Result<BTreeMap<i64, Vec<WeeklyRange>>, StoreError> {
    let mut by_resource: BTreeMap<i64, Vec<WeeklyRange>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(by_resource);
    }
    let mut q = sql("SELECT resource_id, weekday, opens_minute, closes_minute FROM opening_hours WHERE resource_id IN (");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(") ORDER BY resource_id, weekday, opens_minute");
    let rows: Vec<(i64, i64, i64, i64)> = db.fetch_all(q).await?;
    for (id, weekday, opens_minute, closes_minute) in rows {
        by_resource.entry(id).or_default().push(WeeklyRange {
            weekday,
            opens_minute,
            closes_minute,
        });
    }
    Ok(by_resource)
}
