//! Which opening hours govern a resource: the one rule, read for one resource inside a
//! transaction (a booking) or for many at once (availability, utilisation, the resource page).
//!
//! A resource follows its own weekly hours. When it has none and it is at a location, it follows
//! the location's weekly hours (none there either: always open), and the location's dated
//! exceptions unless it has dated exceptions of its own. A resource with its own weekly hours
//! keeps its own exceptions only: its owner has set its calendar apart from the site's.

use super::resource::{DatedException, Resource, WeeklyRange};
use crate::db::{sql, Db, Query, Tx};
use crate::error::StoreError;
use crate::in_list;
use std::collections::{BTreeSet, HashMap};

/// The parts of a resource's hours chosen by [`choose`]; generic so that a caller that keeps
/// hours in its own shape (the strategy figures) applies the same rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Chosen<'a, W, E> {
    pub weekly: &'a [W],
    pub exceptions: &'a [E],
    /// The weekly hours are the location's (and not empty).
    pub weekly_from_location: bool,
    /// The dated exceptions are the location's (and not empty).
    pub exceptions_from_location: bool,
}

/// The rule. `has_own_exceptions` is asked apart from `own_exceptions` because a caller may
/// read only the exceptions of a few weeks: a resource with exceptions elsewhere in its calendar
/// still has its own and does not follow the location's.
pub fn choose<'a, W, E>(
    own_weekly: &'a [W],
    own_exceptions: &'a [E],
    has_own_exceptions: bool,
    location: Option<(&'a [W], &'a [E])>,
) -> Chosen<'a, W, E> {
    match location {
        Some((site_weekly, site_exceptions)) if own_weekly.is_empty() => {
            let from_site = !has_own_exceptions && own_exceptions.is_empty();
            Chosen {
                weekly: site_weekly,
                exceptions: if from_site {
                    site_exceptions
                } else {
                    own_exceptions
                },
                weekly_from_location: !site_weekly.is_empty(),
                exceptions_from_location: from_site && !site_exceptions.is_empty(),
            }
        }
        _ => Chosen {
            weekly: own_weekly,
            exceptions: own_exceptions,
            weekly_from_location: false,
            exceptions_from_location: false,
        },
    }
}

/// The hours that govern one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Governing {
    pub weekly: Vec<WeeklyRange>,
    /// The dated exceptions, of the days asked about when only some were.
    pub exceptions: Vec<DatedException>,
    /// The location the weekly hours or the exceptions come from, when either does.
    pub from_location: Option<i64>,
}

/// The days whose exceptions are read, first and last inclusive; `None` reads them all.
pub type Days = Option<(time::Date, time::Date)>;

/// The governing hours of each of `resources` (every one has an entry), with the exceptions
/// of `days`. Two queries, and a third only for resources that might follow their location's
/// exceptions but have none of their own in `days`.
pub async fn governing_of(
    db: &Db,
    resources: &[Resource],
    days: Days,
) -> Result<HashMap<i64, Governing>, StoreError> {
    if resources.is_empty() {
        return Ok(HashMap::new());
    }
    let keys = Keys::of(resources.iter().map(|r| (r.id, r.location_id)));
    let weekly: Vec<WeeklyRow> = db.fetch_all(weekly_query(&keys)).await?;
    let exceptions: Vec<ExceptionRow> = db.fetch_all(exceptions_query(&keys, days)).await?;
    let read = Read::of(weekly, exceptions);
    let ask = read.unsure_of_own_exceptions(&keys, days);
    let with_own: BTreeSet<i64> = if ask.is_empty() {
        BTreeSet::new()
    } else {
        let rows: Vec<(i64,)> = db.fetch_all(with_exceptions_query(&ask)).await?;
        rows.into_iter().map(|(id,)| id).collect()
    };
    Ok(read.governing(&keys, &with_own))
}

/// The governing hours of one resource, with all its exceptions (the resource page, the API).
pub async fn governing(db: &Db, resource: &Resource) -> Result<Governing, StoreError> {
    let mut all = governing_of(db, std::slice::from_ref(resource), None).await?;
    Ok(all.remove(&resource.id).unwrap_or_default())
}

/// The governing hours of one resource, with all its exceptions, inside a transaction.
pub async fn governing_in(tx: &mut Tx, resource: &Resource) -> Result<Governing, StoreError> {
    let keys = Keys::of([(resource.id, resource.location_id)]);
    let weekly: Vec<WeeklyRow> = tx.fetch_all(weekly_query(&keys)).await?;
    let exceptions: Vec<ExceptionRow> = tx.fetch_all(exceptions_query(&keys, None)).await?;
    let mut all = Read::of(weekly, exceptions).governing(&keys, &BTreeSet::new());
    Ok(all.remove(&resource.id).unwrap_or_default())
}

/// The resources asked about with their locations, and the locations among them.
struct Keys {
    resources: Vec<(i64, Option<i64>)>,
    locations: BTreeSet<i64>,
}

impl Keys {
    fn of(resources: impl IntoIterator<Item = (i64, Option<i64>)>) -> Keys {
        let resources: Vec<(i64, Option<i64>)> = resources.into_iter().collect();
        let locations = resources.iter().filter_map(|(_, l)| *l).collect();
        Keys {
            resources,
            locations,
        }
    }
}

type WeeklyRow = (Option<i64>, Option<i64>, i64, i64, i64);
type ExceptionRow = (
    Option<i64>,
    Option<i64>,
    time::Date,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// `SELECT … WHERE resource_id IN (…) UNION ALL SELECT … WHERE location_id IN (…)`: each half
/// read through its own index, which an `OR` of the two would not promise.
fn owned_query(
    columns: &str,
    table: &str,
    keys: &Keys,
    also: &dyn Fn(&mut Query) -> String,
) -> Query {
    let mut q = sql(format!(
        "SELECT {columns} FROM {table} WHERE resource_id IN ("
    ));
    let list = in_list(&mut q, keys.resources.iter().map(|(id, _)| *id));
    q.push_sql(&list);
    let extra = also(&mut q);
    q.push_sql(&format!("){extra}"));
    if !keys.locations.is_empty() {
        q.push_sql(&format!(
            " UNION ALL SELECT {columns} FROM {table} WHERE location_id IN ("
        ));
        let list = in_list(&mut q, keys.locations.iter().copied());
        q.push_sql(&list);
        let extra = also(&mut q);
        q.push_sql(&format!("){extra}"));
    }
    q
}

fn weekly_query(keys: &Keys) -> Query {
    let mut q = owned_query(
        "resource_id, location_id, weekday, opens_minute, closes_minute",
        "opening_hours",
        keys,
        &|_: &mut Query| String::new(),
    );
    q.push_sql(" ORDER BY weekday, opens_minute");
    q
}

fn exceptions_query(keys: &Keys, days: Days) -> Query {
    let within = |q: &mut Query| match days {
        Some((from, to)) => {
            let from = q.push_arg(from);
            let to = q.push_arg(to);
            format!(" AND on_date >= {from} AND on_date <= {to}")
        }
        None => String::new(),
    };
    let mut q = owned_query(
        "resource_id, location_id, on_date, opens_minute, closes_minute, note",
        "opening_exceptions",
        keys,
        &within,
    );
    q.push_sql(" ORDER BY on_date, opens_minute");
    q
}

/// Which of `ids` have a dated exception on any day.
fn with_exceptions_query(ids: &[i64]) -> Query {
    let mut q = sql("SELECT DISTINCT resource_id FROM opening_exceptions WHERE resource_id IN (");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(")");
    q
}

/// The hours read, by resource and by location.
#[derive(Default)]
struct Read {
    weekly: HashMap<(bool, i64), Vec<WeeklyRange>>,
    exceptions: HashMap<(bool, i64), Vec<DatedException>>,
}

/// `(true, resource)` or `(false, location)`; `None` for a row that belongs to neither, which
/// the tables' checks do not allow.
fn owner_key(resource_id: Option<i64>, location_id: Option<i64>) -> Option<(bool, i64)> {
    match (resource_id, location_id) {
        (Some(r), _) => Some((true, r)),
        (None, Some(l)) => Some((false, l)),
        (None, None) => None,
    }
}

impl Read {
    fn of(weekly: Vec<WeeklyRow>, exceptions: Vec<ExceptionRow>) -> Read {
        let mut read = Read::default();
        for (resource_id, location_id, weekday, opens_minute, closes_minute) in weekly {
            if let Some(key) = owner_key(resource_id, location_id) {
                read.weekly.entry(key).or_default().push(WeeklyRange {
                    weekday,
                    opens_minute,
                    closes_minute,
                });
            }
        }
        for (resource_id, location_id, on_date, opens_minute, closes_minute, note) in exceptions {
            if let Some(key) = owner_key(resource_id, location_id) {
                read.exceptions
                    .entry(key)
                    .or_default()
                    .push(DatedException {
                        on_date,
                        opens_minute,
                        closes_minute,
                        note,
                    });
            }
        }
        read
    }

    /// The resources that would follow their location's exceptions if they had none of their
    /// own, and have none among those read: only when some days were read can they still have
    /// some on other days.
    fn unsure_of_own_exceptions(&self, keys: &Keys, days: Days) -> Vec<i64> {
        if days.is_none() {
            return Vec::new();
        }
        keys.resources
            .iter()
            .filter(|(id, location)| {
                location.is_some()
                    && !self.weekly.contains_key(&(true, *id))
                    && !self.exceptions.contains_key(&(true, *id))
            })
            .map(|(id, _)| *id)
            .collect()
    }

    fn governing(&self, keys: &Keys, with_own: &BTreeSet<i64>) -> HashMap<i64, Governing> {
        let none_weekly: &[WeeklyRange] = &[];
        let none_exceptions: &[DatedException] = &[];
        let weekly_of = |key: (bool, i64)| self.weekly.get(&key).map_or(none_weekly, Vec::as_slice);
        let exceptions_of = |key: (bool, i64)| {
            self.exceptions
                .get(&key)
                .map_or(none_exceptions, Vec::as_slice)
        };
        keys.resources
            .iter()
            .map(|(id, location)| {
                let chosen = choose(
                    weekly_of((true, *id)),
                    exceptions_of((true, *id)),
                    with_own.contains(id),
                    location.map(|l| (weekly_of((false, l)), exceptions_of((false, l)))),
                );
                let from_location = (chosen.weekly_from_location
                    || chosen.exceptions_from_location)
                    .then_some(*location)
                    .flatten();
                let governing = Governing {
                    weekly: chosen.weekly.to_vec(),
                    exceptions: chosen.exceptions.to_vec(),
                    from_location,
                };
                (*id, governing)
            })
            .collect()
    }
}

/// Whose hours a row of `opening_hours` or `opening_exceptions` is: each table has a column for
/// each kind of holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    Resource(i64),
    Location(i64),
}

impl Holder {
    fn column_and_id(self) -> (&'static str, i64) {
        match self {
            Holder::Resource(id) => ("resource_id", id),
            Holder::Location(id) => ("location_id", id),
        }
    }
}

/// The holder's own weekly hours, by weekday and opening time.
pub(crate) fn holder_weekly_query(holder: Holder) -> Query {
    let (column, id) = holder.column_and_id();
    sql(format!(
        "SELECT weekday, opens_minute, closes_minute FROM opening_hours WHERE {column} = $1 \
         ORDER BY weekday, opens_minute"
    ))
    .bind(id)
}

/// The holder's own dated exceptions, by date.
pub(crate) fn holder_exceptions_query(holder: Holder) -> Query {
    let (column, id) = holder.column_and_id();
    sql(format!(
        "SELECT on_date, opens_minute, closes_minute, note FROM opening_exceptions \
         WHERE {column} = $1 ORDER BY on_date, opens_minute"
    ))
    .bind(id)
}

/// Replaces the holder's weekly hours with `ranges`; the caller audits.
pub(crate) async fn write_weekly(
    tx: &mut Tx,
    holder: Holder,
    ranges: &[WeeklyRange],
) -> Result<(), StoreError> {
    let (column, id) = holder.column_and_id();
    tx.execute(sql(format!("DELETE FROM opening_hours WHERE {column} = $1")).bind(id))
        .await?;
    for r in ranges {
        tx.execute(
            sql(format!(
                "INSERT INTO opening_hours ({column}, weekday, opens_minute, closes_minute) \
                 VALUES ($1, $2, $3, $4)"
            ))
            .bind(id)
            .bind(r.weekday)
            .bind(r.opens_minute)
            .bind(r.closes_minute),
        )
        .await?;
    }
    Ok(())
}

/// Adds one dated exception to the holder's calendar; the caller audits.
pub(crate) async fn insert_exception(
    tx: &mut Tx,
    holder: Holder,
    e: &DatedException,
) -> Result<(), StoreError> {
    let (column, id) = holder.column_and_id();
    tx.execute(
        sql(format!(
            "INSERT INTO opening_exceptions ({column}, on_date, opens_minute, closes_minute, note) \
             VALUES ($1, $2, $3, $4, $5)"
        ))
        .bind(id)
        .bind(e.on_date)
        .bind(e.opens_minute)
        .bind(e.closes_minute)
        .bind(e.note.clone()),
    )
    .await?;
    Ok(())
}

/// Replaces the holder's dated exceptions with `exceptions`; the caller audits.
pub(crate) async fn write_exceptions(
    tx: &mut Tx,
    holder: Holder,
    exceptions: &[DatedException],
) -> Result<(), StoreError> {
    let (column, id) = holder.column_and_id();
    tx.execute(
        sql(format!(
            "DELETE FROM opening_exceptions WHERE {column} = $1"
        ))
        .bind(id),
    )
    .await?;
    for e in exceptions {
        insert_exception(tx, holder, e).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_with_its_own_weekly_hours_ignores_its_location() {
        let own = [1];
        let c = choose::<i32, i32>(&own, &[], false, Some((&[2][..], &[3][..])));
        assert_eq!((c.weekly, c.exceptions), (&own[..], &[][..]));
        assert!(!c.weekly_from_location && !c.exceptions_from_location);
    }

    #[test]
    fn a_resource_without_hours_follows_its_location_and_its_exceptions() {
        let c = choose::<i32, i32>(&[], &[], false, Some((&[2][..], &[3][..])));
        assert_eq!((c.weekly, c.exceptions), (&[2][..], &[3][..]));
        assert!(c.weekly_from_location && c.exceptions_from_location);
    }

    #[test]
    fn own_exceptions_even_outside_the_days_read_keep_the_locations_away() {
        let c = choose::<i32, i32>(&[], &[], true, Some((&[2][..], &[3][..])));
        assert_eq!((c.weekly, c.exceptions), (&[2][..], &[][..]));
        assert!(c.weekly_from_location && !c.exceptions_from_location);
    }

    #[test]
    fn without_a_location_a_resource_has_only_its_own() {
        let c = choose::<i32, i32>(&[], &[4], true, None);
        assert_eq!((c.weekly, c.exceptions), (&[][..], &[4][..]));
    }
}
