//! Many computed indicators read at one date together, as a scorecard reads them.
//!
//! Each indicator alone ([`computed::value_at`]) is one or two scans of the network's largest
//! tables, and a plan of thirty repeats the same scans: the external bookings, their hours and
//! the booked hours of utilisation read the same year of bookings; the active partners, the
//! single-owner share and the new partners the same organisations, once per scope. Here the
//! three large reads (the partners by then, the active partners, the year's bookings grouped
//! by booker and unit) are made once for the whole network, and each scope's figures are
//! counted from them in Rust with the scope's unit and tag read as sets of organisations.
//! Scoped SQL made the database's planner choose per scope, and on SQLite a scope by kind
//! visited 70 000 wide rows through the kind's index (300 ms) where the whole network took
//! 17 ms. The small reads (agreements, forms of cooperation, open hours) stay per scope.
//!
//! The meanings are those of `computed` (its module comment); the store tests check that
//! both give the same value for every indicator in every kind of scope.

use super::computed::{self, ComputedIndicator, Scope};
use crate::db::{sql, Db};
use crate::error::StoreError;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::collections::{HashMap, HashSet};
use time::Date;

/// How many reads run at once: the pool's SQLite connections are four.
const CONCURRENT_READS: usize = 4;

/// The value of each `(indicator, scope)` at `at`, in the order given.
pub async fn values_at(
    db: &Db,
    wanted: &[(ComputedIndicator, Scope)],
    at: Date,
) -> Result<Vec<f64>, StoreError> {
    let mut reads: Vec<Read> = Vec::new();
    for (indicator, scope) in wanted {
        for read in Read::needed_by(*indicator, scope) {
            if !reads.contains(&read) {
                reads.push(read);
            }
        }
    }
    // Collected first: a future borrowed by a closure inside the stream would not be `Send`
    // for every lifetime, which the web layer's handlers need.
    let pending: Vec<_> = reads.iter().map(|read| read.run(db, at)).collect();
    let figures: Vec<Figures> = stream::iter(pending)
        .buffered(CONCURRENT_READS)
        .try_collect()
        .await?;
    let read: Readings = reads.into_iter().zip(figures).collect();
    wanted
        .iter()
        .map(|(indicator, scope)| value_of(*indicator, scope, &read))
        .collect()
}

type Readings = HashMap<Read, Figures>;

/// What is read: a large read for the whole network, or a small one for one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Read {
    /// The partners by then (not the institution's own), with status, owners and start.
    Partners,
    /// The partners active in the 365 days up to the day.
    Active,
    /// The year's confirmed bookings up to the day, by booker, resource unit and whether the
    /// booker is external.
    Bookings,
    /// The organisations a unit's staff own.
    Unit(String),
    /// The organisations with a tag.
    Tag(String),
    /// The year's open seconds of the resources, of one unit or all.
    Open(Option<String>),
    /// The agreements valid on the day with a party in the scope.
    Agreements(ScopeKey),
    /// The partners by then of each form of cooperation, in the scope.
    Forms(ScopeKey),
}

/// A scope as a key and as the query builders take it.
#[derive(Debug, Clone)]
struct ScopeKey(Scope);

impl ScopeKey {
    fn parts(&self) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
        let s = &self.0;
        (
            s.field.map(|f| f.section().code.as_str()),
            s.unit.as_deref().map(str::trim),
            s.tag.as_deref().map(str::trim),
            s.kind.map(|k| k.code()),
        )
    }
}

impl PartialEq for ScopeKey {
    fn eq(&self, other: &ScopeKey) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for ScopeKey {}

impl std::hash::Hash for ScopeKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

fn unit_of(scope: &Scope) -> Option<String> {
    scope.unit.as_deref().map(|u| u.trim().to_string())
}

fn tag_of(scope: &Scope) -> Option<String> {
    scope.tag.as_deref().map(|t| t.trim().to_string())
}

impl Read {
    fn needed_by(indicator: ComputedIndicator, scope: &Scope) -> Vec<Read> {
        let mut reads = match indicator {
            ComputedIndicator::ActivePartners => vec![Read::Active],
            ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
                vec![Read::Partners]
            }
            ComputedIndicator::CooperationForm(_) => {
                return vec![Read::Forms(ScopeKey(scope.clone()))]
            }
            ComputedIndicator::ValidAgreements => {
                return vec![Read::Agreements(ScopeKey(scope.clone()))]
            }
            ComputedIndicator::ExternalBookings | ComputedIndicator::ExternalBookingHours => {
                vec![Read::Bookings]
            }
            // Open hours depend on the unit alone: the field, tag and kind of a utilisation
            // restrict its bookers.
            ComputedIndicator::Utilisation => vec![Read::Bookings, Read::Open(unit_of(scope))],
        };
        // The organisation indicators' unit is the owners' unit; the bookings' unit is the
        // resource's, which their rows carry.
        if let (Some(unit), false) = (unit_of(scope), reads.contains(&Read::Bookings)) {
            reads.push(Read::Unit(unit));
        }
        if let Some(tag) = tag_of(scope) {
            reads.push(Read::Tag(tag));
        }
        reads
    }

    async fn run(&self, db: &Db, at: Date) -> Result<Figures, StoreError> {
        let started = std::time::Instant::now();
        let figures = match self {
            Read::Partners => Figures::Partners(partners(db, at).await?),
            Read::Active => Figures::Active(active_partners(db, at).await?),
            Read::Bookings => Figures::Bookings(bookings(db, at).await?),
            Read::Unit(unit) => Figures::Ids(unit_partners(db, unit).await?),
            Read::Tag(tag) => Figures::Ids(tag_partners(db, tag).await?),
            Read::Open(unit) => Figures::Count(open_seconds(db, unit, at).await?),
            Read::Agreements(scope) => Figures::Count(agreements(db, &scope.0, at).await?),
            Read::Forms(scope) => Figures::Forms(forms(db, &scope.0, at).await?),
        };
        tracing::debug!(read = ?self, elapsed = ?started.elapsed(), "scorecard read");
        Ok(figures)
    }
}

/// What a read gives.
#[derive(Debug, Clone)]
enum Figures {
    Partners(Vec<Partner>),
    Active(Vec<Organisation>),
    Bookings(Vec<BookingGroup>),
    Ids(HashSet<i64>),
    Count(i64),
    Forms(HashMap<String, i64>),
}

/// An organisation with what a scope may ask of it.
#[derive(Debug, Clone)]
struct Organisation {
    id: i64,
    kind: String,
    industry_code: Option<String>,
}

/// A partner by the day read.
#[derive(Debug, Clone)]
struct Partner {
    organisation: Organisation,
    active: bool,
    single_owner: bool,
    /// Became a partner in the day's year.
    new: bool,
}

/// The bookings of one booker at the resources of one unit, external or not.
#[derive(Debug, Clone)]
struct BookingGroup {
    /// `None` for a booking without a booker organisation.
    booker: Option<Organisation>,
    resource_unit: Option<String>,
    external: bool,
    bookings: i64,
    seconds: i64,
}

/// A scope applied to organisations in Rust, as `computed::organisation_scope` applies it
/// in SQL.
struct Filter<'a> {
    kind: Option<&'static str>,
    field: Option<HashSet<String>>,
    unit: Option<&'a HashSet<i64>>,
    tag: Option<&'a HashSet<i64>>,
}

impl<'a> Filter<'a> {
    /// The scope's filter; with `with_unit`, the unit restricts the organisations (through
    /// their owners), otherwise it is left to the caller.
    fn new(scope: &Scope, read: &'a Readings, with_unit: bool) -> Result<Filter<'a>, StoreError> {
        let ids = |key: Read| match read.get(&key) {
            Some(Figures::Ids(ids)) => Ok(ids),
            _ => Err(StoreError::Corrupt(format!("{key:?} was not read"))),
        };
        Ok(Filter {
            kind: scope.kind.map(|k| k.code()),
            field: scope
                .field
                .map(|f| computed::field_codes(f).into_iter().collect()),
            unit: match (with_unit, unit_of(scope)) {
                (true, Some(unit)) => Some(ids(Read::Unit(unit))?),
                _ => None,
            },
            tag: tag_of(scope).map(|tag| ids(Read::Tag(tag))).transpose()?,
        })
    }

    /// Whether the scope restricts organisations by what they are (not by the unit).
    fn restricts(&self) -> bool {
        self.kind.is_some() || self.field.is_some() || self.tag.is_some()
    }

    fn admits(&self, o: &Organisation) -> bool {
        self.kind.is_none_or(|k| o.kind == k)
            && self.field.as_ref().is_none_or(|codes| {
                o.industry_code
                    .as_ref()
                    .is_some_and(|c| codes.contains(c))
            })
            && self.unit.is_none_or(|ids| ids.contains(&o.id))
            && self.tag.is_none_or(|ids| ids.contains(&o.id))
    }
}

fn value_of(
    indicator: ComputedIndicator,
    scope: &Scope,
    read: &Readings,
) -> Result<f64, StoreError> {
    let figures = |key: Read| {
        read.get(&key)
            .ok_or_else(|| StoreError::Corrupt(format!("{} was not read", indicator.key())))
    };
    let mismatch = || StoreError::Corrupt(format!("{} read the wrong figures", indicator.key()));
    Ok(match indicator {
        ComputedIndicator::ActivePartners => {
            let Figures::Active(active) = figures(Read::Active)? else {
                return Err(mismatch());
            };
            let filter = Filter::new(scope, read, true)?;
            active.iter().filter(|o| filter.admits(o)).count() as f64
        }
        ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
            let Figures::Partners(partners) = figures(Read::Partners)? else {
                return Err(mismatch());
            };
            let filter = Filter::new(scope, read, true)?;
            let counted = partners.iter().filter(|p| filter.admits(&p.organisation));
            if indicator == ComputedIndicator::NewPartners {
                return Ok(counted.filter(|p| p.new).count() as f64);
            }
            let (active, single) = counted
                .filter(|p| p.active)
                .fold((0i64, 0i64), |(n, s), p| (n + 1, s + i64::from(p.single_owner)));
            if active == 0 {
                0.0
            } else {
                single as f64 / active as f64
            }
        }
        ComputedIndicator::CooperationForm(form) => {
            let Figures::Forms(by_form) = figures(Read::Forms(ScopeKey(scope.clone())))? else {
                return Err(mismatch());
            };
            by_form.get(form.code()).copied().unwrap_or(0) as f64
        }
        ComputedIndicator::ValidAgreements => {
            let Figures::Count(n) = figures(Read::Agreements(ScopeKey(scope.clone())))? else {
                return Err(mismatch());
            };
            *n as f64
        }
        ComputedIndicator::ExternalBookings
        | ComputedIndicator::ExternalBookingHours
        | ComputedIndicator::Utilisation => {
            let Figures::Bookings(groups) = figures(Read::Bookings)? else {
                return Err(mismatch());
            };
            let filter = Filter::new(scope, read, false)?;
            let unit = unit_of(scope);
            let in_scope = groups.iter().filter(|g| {
                unit.as_ref()
                    .is_none_or(|u| g.resource_unit.as_ref() == Some(u))
                    && (!filter.restricts()
                        || g.booker.as_ref().is_some_and(|o| filter.admits(o)))
            });
            match indicator {
                ComputedIndicator::ExternalBookings => {
                    in_scope.filter(|g| g.external).map(|g| g.bookings).sum::<i64>() as f64
                }
                ComputedIndicator::ExternalBookingHours => {
                    in_scope.filter(|g| g.external).map(|g| g.seconds).sum::<i64>() as f64
                        / 3600.0
                }
                _ => {
                    let Figures::Count(open) = figures(Read::Open(unit.clone()))? else {
                        return Err(mismatch());
                    };
                    let booked: i64 = in_scope.map(|g| g.seconds).sum();
                    if *open <= 0 {
                        0.0
                    } else {
                        booked as f64 / *open as f64
                    }
                }
            }
        }
    })
}

type OrganisationRow = (i64, String, Option<String>);

fn organisation((id, kind, industry_code): OrganisationRow) -> Organisation {
    Organisation {
        id,
        kind,
        industry_code,
    }
}

/// The partners by `at` (not the institution's own), read through the covering index of
/// migration 0013.
async fn partners(db: &Db, at: Date) -> Result<Vec<Partner>, StoreError> {
    let mut q = sql("");
    let year_start = q.push_arg(computed::year_start(at));
    let until = q.push_arg(at);
    q.push_sql(&format!(
        "SELECT o.id, o.kind, o.industry_code, \
         CASE WHEN o.status = 'active' THEN 1 ELSE 0 END, \
         CASE WHEN o.owner_count = 1 THEN 1 ELSE 0 END, \
         CASE WHEN o.partner_since >= {year_start} THEN 1 ELSE 0 END \
         FROM organisations o WHERE o.partner_since <= {until} AND o.home = FALSE"
    ));
    type Row = (i64, String, Option<String>, i32, i32, i32);
    let rows: Vec<Row> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, industry_code, active, single, new)| Partner {
            organisation: organisation((id, kind, industry_code)),
            active: active == 1,
            single_owner: single == 1,
            new: new == 1,
        })
        .collect())
}

/// The partners active in the 365 days up to `at` in the whole network, as
/// `computed::active_partners_at` counts them.
async fn active_partners(db: &Db, at: Date) -> Result<Vec<Organisation>, StoreError> {
    let mut q = sql("");
    let union = computed::active_partners_union(
        &mut q,
        &Scope::default(),
        at,
        "o.id, o.kind, o.industry_code",
    )?;
    q.push_sql(&union);
    let rows: Vec<OrganisationRow> = db.fetch_all(q).await?;
    Ok(rows.into_iter().map(organisation).collect())
}

/// The confirmed bookings (kind `booking`) that start in `at`'s year up to `at`, grouped by
/// booker, the resource's unit and whether the booker is external (not the resource's
/// owner), with the booker's kind and field joined to the groups, not to each booking.
async fn bookings(db: &Db, at: Date) -> Result<Vec<BookingGroup>, StoreError> {
    let backend = db.backend();
    let mut q = sql("");
    let from = q.push_arg(computed::midnight(computed::year_start(at))?);
    let until = q.push_arg(computed::midnight(computed::next_day(at))?);
    let start = backend.epoch_seconds("b.starts_at");
    let end = backend.epoch_seconds("b.ends_at");
    let external = "CASE WHEN b.booker_organisation_id IS NOT NULL \
                    AND b.booker_organisation_id <> r.owner_organisation_id THEN 1 ELSE 0 END";
    q.push_sql(&format!(
        "SELECT g.booker, o.kind, o.industry_code, g.unit, g.external, g.bookings, g.seconds FROM (\
         SELECT b.booker_organisation_id AS booker, r.unit AS unit, {external} AS external, \
         COUNT(*) AS bookings, CAST(SUM(({end} - {start}) * b.units) AS BIGINT) AS seconds \
         FROM bookings b JOIN resources r ON r.id = b.resource_id \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' \
         AND b.starts_at >= {from} AND b.starts_at < {until} \
         GROUP BY b.booker_organisation_id, r.unit, {external}) g \
         LEFT JOIN organisations o ON o.id = g.booker"
    ));
    type Row = (
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        i32,
        i64,
        Option<i64>,
    );
    let rows: Vec<Row> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(
            |(booker, kind, industry_code, unit, external, bookings, seconds)| BookingGroup {
                booker: booker
                    .zip(kind)
                    .map(|(id, kind)| organisation((id, kind, industry_code))),
                resource_unit: unit,
                external: external == 1,
                bookings,
                seconds: seconds.unwrap_or(0),
            },
        )
        .collect())
}

/// The organisations that a staff user of the unit owns.
async fn unit_partners(db: &Db, unit: &str) -> Result<HashSet<i64>, StoreError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT DISTINCT sw.organisation_id FROM organisation_owners sw \
                 JOIN users su ON su.id = sw.user_id WHERE su.unit = $1")
            .bind(unit),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The organisations with the tag.
async fn tag_partners(db: &Db, tag: &str) -> Result<HashSet<i64>, StoreError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(sql("SELECT organisation_id FROM organisation_tags WHERE tag = $1").bind(tag))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The partners by `at` of each form of cooperation.
async fn forms(db: &Db, scope: &Scope, at: Date) -> Result<HashMap<String, i64>, StoreError> {
    if scope.is_whole_network() {
        return computed::cooperation_forms_at(db, at).await;
    }
    let mut q = sql("");
    let until = q.push_arg(at);
    let scoped = computed::organisation_scope(&mut q, scope, "o", true);
    q.push_sql(&format!(
        "SELECT c.form, COUNT(*) FROM organisation_cooperation c \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE o.home = FALSE AND o.partner_since <= {until}{scoped} GROUP BY c.form"
    ));
    let rows: Vec<(String, i64)> = db.fetch_all(q).await?;
    Ok(rows.into_iter().collect())
}

/// Agreements valid on `at` with a party in scope. An agreement whose end is before its start
/// was never valid: its end is then before `at` or its start after it.
async fn agreements(db: &Db, scope: &Scope, at: Date) -> Result<i64, StoreError> {
    let mut q = sql("");
    let day = q.push_arg(at);
    let scoped = computed::agreement_scope(&mut q, scope);
    q.push_sql(&format!(
        "SELECT COUNT(*) FROM agreements a WHERE a.valid_from <= {day} \
         AND (a.valid_to IS NULL OR a.valid_to >= {day}){scoped}"
    ));
    let (n,): (i64,) = db.fetch_one(q).await?;
    Ok(n)
}

async fn open_seconds(db: &Db, unit: &Option<String>, at: Date) -> Result<i64, StoreError> {
    let scope = Scope {
        unit: unit.clone(),
        ..Default::default()
    };
    let open = computed::open_seconds(db, &scope, &[at]).await?;
    Ok(open.first().copied().unwrap_or(0))
}
