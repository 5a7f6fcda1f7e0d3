//! Many computed indicators read at one date together, as a scorecard reads them.
//!
//! Each indicator alone ([`computed::value_at`]) is one or two scans of the network's largest
//! tables, and a plan of thirty repeats the same scans: the external bookings, their hours and
//! the booked hours of utilisation read the same year of bookings; the active partners, the
//! single-owner share and the new partners the same organisations, once per scope. Here each
//! of the three large reads (the partners by then, the active partners, the year's bookings)
//! is one pass for the whole plan, with a sum per figure and scope: the scope's conditions
//! go inside the sums, not into the query's filter. Scoped filters made the planner choose
//! per scope, and on SQLite a scope by kind visited 70 000 wide rows through the kind's index
//! (300 ms) where the sums over the covering index take 11 ms; grouping the rows by scope
//! instead (SQLite sorts to group) took 190 ms. The small reads (agreements, forms of
//! cooperation, open hours) stay one per scope.
//!
//! The meanings are those of `computed` (its module comment); the store tests check that
//! both give the same value for every indicator in every kind of scope.

use super::computed::{self, ComputedIndicator, Scope};
use crate::db::{sql, Db, Query, Sums};
use crate::error::StoreError;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::collections::HashMap;
use time::Date;

/// How many reads run at once: the pool's SQLite connections are four.
const CONCURRENT_READS: usize = 4;

/// The value of each `(indicator, scope)` at `at`, in the order given.
pub async fn values_at(
    db: &Db,
    wanted: &[(ComputedIndicator, Scope)],
    at: Date,
) -> Result<Vec<f64>, StoreError> {
    let scopes = Scopes::of(wanted);
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
    let pending: Vec<_> = reads.iter().map(|read| read.run(db, &scopes, at)).collect();
    let figures: Vec<Figures> = stream::iter(pending)
        .buffered(CONCURRENT_READS)
        .try_collect()
        .await?;
    let read: Readings = reads.into_iter().zip(figures).collect();
    wanted
        .iter()
        .map(|(indicator, scope)| value_of(*indicator, scope, &scopes, &read))
        .collect()
}

type Readings = HashMap<Read, Figures>;

/// What is read: one pass for all scopes, or a small read for one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Read {
    /// The partners by then (not the institution's own): active, of them single-owner, and
    /// new this year, per scope.
    Partners,
    /// The partners active in the 365 days up to the day, per scope.
    Active,
    /// The year's confirmed bookings up to the day: external ones, their unit-seconds and
    /// every booker's unit-seconds, per scope.
    Bookings,
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

/// The distinct scopes of each one-pass read, in the order of their sums.
#[derive(Debug, Default)]
struct Scopes {
    partners: Vec<ScopeKey>,
    active: Vec<ScopeKey>,
    bookings: Vec<ScopeKey>,
}

impl Scopes {
    fn of(wanted: &[(ComputedIndicator, Scope)]) -> Scopes {
        let mut scopes = Scopes::default();
        for (indicator, scope) in wanted {
            let list = match indicator {
                ComputedIndicator::ActivePartners => &mut scopes.active,
                ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
                    &mut scopes.partners
                }
                ComputedIndicator::ExternalBookings
                | ComputedIndicator::ExternalBookingHours
                | ComputedIndicator::Utilisation => &mut scopes.bookings,
                ComputedIndicator::CooperationForm(_) | ComputedIndicator::ValidAgreements => {
                    continue
                }
            };
            let key = ScopeKey(scope.clone());
            if !list.contains(&key) {
                list.push(key);
            }
        }
        scopes
    }
}

/// The first of a scope's `width` sums in a one-pass read.
fn sums_of<'s>(
    sums: &'s [i64],
    list: &[ScopeKey],
    scope: &Scope,
    width: usize,
) -> Result<&'s [i64], StoreError> {
    let key = ScopeKey(scope.clone());
    list.iter()
        .position(|k| *k == key)
        .and_then(|i| sums.get(i * width..(i + 1) * width))
        .ok_or_else(|| StoreError::Corrupt(format!("no sums were read for {scope:?}")))
}

impl Read {
    fn needed_by(indicator: ComputedIndicator, scope: &Scope) -> Vec<Read> {
        match indicator {
            ComputedIndicator::ActivePartners => vec![Read::Active],
            ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
                vec![Read::Partners]
            }
            ComputedIndicator::CooperationForm(_) => vec![Read::Forms(ScopeKey(scope.clone()))],
            ComputedIndicator::ValidAgreements => vec![Read::Agreements(ScopeKey(scope.clone()))],
            ComputedIndicator::ExternalBookings | ComputedIndicator::ExternalBookingHours => {
                vec![Read::Bookings]
            }
            // Open hours depend on the unit alone: the field, tag and kind of a utilisation
            // restrict its bookers.
            ComputedIndicator::Utilisation => vec![Read::Bookings, Read::Open(unit_of(scope))],
        }
    }

    async fn run(&self, db: &Db, scopes: &Scopes, at: Date) -> Result<Figures, StoreError> {
        let started = std::time::Instant::now();
        let figures = match self {
            Read::Partners => Figures::Sums(partners(db, &scopes.partners, at).await?),
            Read::Active => Figures::Sums(active_partners(db, &scopes.active, at).await?),
            Read::Bookings => Figures::Sums(bookings(db, &scopes.bookings, at).await?),
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
    Sums(Vec<i64>),
    Count(i64),
    Forms(HashMap<String, i64>),
}

fn value_of(
    indicator: ComputedIndicator,
    scope: &Scope,
    scopes: &Scopes,
    read: &Readings,
) -> Result<f64, StoreError> {
    let figures = |key: Read| {
        read.get(&key)
            .ok_or_else(|| StoreError::Corrupt(format!("{} was not read", indicator.key())))
    };
    let mismatch = || StoreError::Corrupt(format!("{} read the wrong figures", indicator.key()));
    let sums = |key: Read, list: &[ScopeKey], width: usize| -> Result<Vec<i64>, StoreError> {
        match figures(key)? {
            Figures::Sums(all) => Ok(sums_of(all, list, scope, width)?.to_vec()),
            _ => Err(mismatch()),
        }
    };
    Ok(match indicator {
        ComputedIndicator::ActivePartners => sums(Read::Active, &scopes.active, 1)?[0] as f64,
        ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
            let s = sums(Read::Partners, &scopes.partners, PARTNER_SUMS)?;
            let (active, single, new) = (s[0], s[1], s[2]);
            match indicator {
                ComputedIndicator::NewPartners => new as f64,
                _ if active == 0 => 0.0,
                _ => single as f64 / active as f64,
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
        ComputedIndicator::ExternalBookings => {
            sums(Read::Bookings, &scopes.bookings, BOOKING_SUMS)?[0] as f64
        }
        ComputedIndicator::ExternalBookingHours => {
            sums(Read::Bookings, &scopes.bookings, BOOKING_SUMS)?[1] as f64 / 3600.0
        }
        ComputedIndicator::Utilisation => {
            let booked = sums(Read::Bookings, &scopes.bookings, BOOKING_SUMS)?[2];
            let Figures::Count(open) = figures(Read::Open(unit_of(scope)))? else {
                return Err(mismatch());
            };
            if *open <= 0 {
                0.0
            } else {
                booked as f64 / *open as f64
            }
        }
    })
}

/// A sum of the rows that meet `condition`, of `value`.
fn sum_if(condition: &str, value: &str) -> String {
    format!("CAST(SUM(CASE WHEN {condition} THEN {value} ELSE 0 END) AS BIGINT)")
}

/// What puts an organisation in a scope, as SQL for a one-pass read: the joins to add to its
/// `FROM` and the condition for the scope's sums.
struct InScope {
    joins: String,
    condition: String,
}

/// The scope of organisation `org` (its id in `id`) as [`InScope`], the unit only when
/// `with_unit`. A unit's partnerships and a tag's organisations are joined once, under names
/// from `name`: asked inside each sum, PostgreSQL read them again for every sum (200 ms for
/// a plan's partners, against a few ms once).
fn in_scope(
    q: &mut Query,
    scope: &Scope,
    org: &str,
    id: &str,
    name: &str,
    with_unit: bool,
) -> InScope {
    let mut joins = String::new();
    let mut condition = "1 = 1".to_string();
    if let Some(field) = scope.field {
        let list = crate::in_list(q, computed::field_codes(field));
        condition.push_str(&format!(" AND {org}.industry_code IN ({list})"));
    }
    if let Some(kind) = scope.kind {
        let p = q.push_arg(kind.code());
        condition.push_str(&format!(" AND {org}.kind = {p}"));
    }
    if let Some(tag) = scope.tag.as_deref() {
        let p = q.push_arg(tag.trim());
        joins.push_str(&format!(
            " LEFT JOIN (SELECT DISTINCT st.organisation_id AS id FROM organisation_tags st \
             WHERE st.tag = {p}) {name}_tag ON {name}_tag.id = {id}"
        ));
        condition.push_str(&format!(" AND {name}_tag.id IS NOT NULL"));
    }
    if let (true, Some(unit)) = (with_unit, unit_of(scope)) {
        let p = q.push_arg(unit);
        joins.push_str(&format!(
            " LEFT JOIN (SELECT DISTINCT sw.organisation_id AS id FROM organisation_owners sw \
             JOIN users su ON su.id = sw.user_id WHERE su.unit = {p}) {name}_unit \
             ON {name}_unit.id = {id}"
        ));
        condition.push_str(&format!(" AND {name}_unit.id IS NOT NULL"));
    }
    InScope { joins, condition }
}

/// Sums per scope of [`partners`]: active, of them single-owner, new this year.
const PARTNER_SUMS: usize = 3;

/// The width of one field of a packed sum: three fit in a 64-bit integer.
const PACKED_BITS: u32 = 21;
const PACKED_FIELD: i64 = 1 << PACKED_BITS;

/// The partners by `at` (not the institution's own) in each scope, in one pass over the
/// covering index of migration 0013. A scope's three counts are packed into one sum (21 bits
/// each): one sum and one test of the scope per row instead of three (SQLite: 112 → 72 ms for
/// four scopes). The pass also counts its rows; packing is exact while they are fewer than a
/// field holds, and a network that large is counted again unpacked.
async fn partners(db: &Db, scopes: &[ScopeKey], at: Date) -> Result<Vec<i64>, StoreError> {
    let Sums(sums) = db.fetch_one(partners_query(scopes, at, true)).await?;
    let Some((rows, packed)) = sums.split_first() else {
        return Err(StoreError::Corrupt(
            "the partners' sums were not read".into(),
        ));
    };
    if *rows >= PACKED_FIELD {
        let Sums(sums) = db.fetch_one(partners_query(scopes, at, false)).await?;
        return Ok(sums);
    }
    let field = |sum: i64, n: u32| (sum >> (PACKED_BITS * n)) & (PACKED_FIELD - 1);
    Ok(packed
        .iter()
        .flat_map(|&sum| [field(sum, 0), field(sum, 1), field(sum, 2)])
        .collect())
}

/// The pass of [`partners`]: packed, a row count and one sum per scope; unpacked, a sum per
/// count and scope.
fn partners_query(scopes: &[ScopeKey], at: Date, packed: bool) -> Query {
    let mut q = sql("");
    let year_start = q.push_arg(computed::year_start(at));
    let until = q.push_arg(at);
    let mut columns = Vec::with_capacity(1 + scopes.len() * PARTNER_SUMS);
    if packed {
        columns.push("COUNT(*)".to_string());
    }
    let mut joins = String::new();
    for (i, scope) in scopes.iter().enumerate() {
        let scoped = in_scope(&mut q, &scope.0, "o", "o.id", &format!("s{i}"), true);
        joins.push_str(&scoped.joins);
        let inside = scoped.condition;
        if packed {
            let (single, new) = (PACKED_FIELD, PACKED_FIELD * PACKED_FIELD);
            let value = format!(
                "(CASE WHEN o.status = 'active' THEN 1 + (CASE WHEN o.owner_count = 1 THEN {single} ELSE 0 END) ELSE 0 END) \
                 + (CASE WHEN o.partner_since >= {year_start} THEN {new} ELSE 0 END)"
            );
            columns.push(sum_if(&inside, &value));
        } else {
            columns.push(sum_if(&format!("{inside} AND o.status = 'active'"), "1"));
            columns.push(sum_if(
                &format!("{inside} AND o.status = 'active' AND o.owner_count = 1"),
                "1",
            ));
            columns.push(sum_if(
                &format!("{inside} AND o.partner_since >= {year_start}"),
                "1",
            ));
        }
    }
    q.push_sql(&format!(
        "SELECT {} FROM organisations o{joins} WHERE o.partner_since <= {until} AND o.home = FALSE",
        columns.join(", ")
    ));
    q
}

/// The partners active in the 365 days up to `at` (as `computed::active_partners_at` counts
/// them) in each scope: the whole network's active partners once, a sum per scope.
async fn active_partners(db: &Db, scopes: &[ScopeKey], at: Date) -> Result<Vec<i64>, StoreError> {
    let mut q = sql("");
    let union = computed::active_partners_union(
        &mut q,
        &Scope::default(),
        at,
        "o.id, o.kind, o.industry_code",
    )?;
    let mut joins = String::new();
    let mut columns = Vec::with_capacity(scopes.len());
    for (i, scope) in scopes.iter().enumerate() {
        let scoped = in_scope(&mut q, &scope.0, "o", "o.id", &format!("s{i}"), true);
        joins.push_str(&scoped.joins);
        columns.push(sum_if(&scoped.condition, "1"));
    }
    q.push_sql(&format!(
        "SELECT {} FROM ({union}) o{joins}",
        columns.join(", ")
    ));
    let Sums(sums) = db.fetch_one(q).await?;
    Ok(sums)
}

/// Sums per scope of [`bookings`]: external bookings, their unit-seconds, every booker's
/// unit-seconds.
const BOOKING_SUMS: usize = 3;

/// The confirmed bookings (kind `booking`) that start in `at`'s year up to `at`, in each
/// scope: the unit restricts the resource, the kind, field and tag the booker organisation.
/// The year's bookings are first added up by booker, resource unit and whether they are
/// external (72 000 bookings make 7 000 groups on the bench network), and only the groups
/// are joined to their booker and summed per scope: on SQLite 110 → 70 ms for four scopes.
async fn bookings(db: &Db, scopes: &[ScopeKey], at: Date) -> Result<Vec<i64>, StoreError> {
    let backend = db.backend();
    let mut q = sql("");
    let from = q.push_arg(computed::midnight(computed::year_start(at))?);
    let until = q.push_arg(computed::midnight(computed::next_day(at))?);
    let start = backend.epoch_seconds("b.starts_at");
    let end = backend.epoch_seconds("b.ends_at");
    let booker_needed = scopes
        .iter()
        .any(|s| s.0.field.is_some() || s.0.kind.is_some());
    let booker_join = if booker_needed {
        " LEFT JOIN organisations o ON o.id = g.booker"
    } else {
        ""
    };
    let mut joins = String::new();
    let mut columns = Vec::with_capacity(scopes.len() * BOOKING_SUMS);
    for (i, scope) in scopes.iter().enumerate() {
        let s = &scope.0;
        // A booking without a booker has no kind, field or tag: the joined columns are NULL
        // and the scope's conditions leave it out, as an inner join would.
        let scoped = in_scope(&mut q, s, "o", "g.booker", &format!("s{i}"), false);
        joins.push_str(&scoped.joins);
        let mut inside = scoped.condition;
        if let Some(unit) = unit_of(s) {
            let p = q.push_arg(unit);
            inside.push_str(&format!(" AND g.unit = {p}"));
        }
        columns.push(sum_if(
            &format!("g.external = 1 AND {inside}"),
            "g.bookings",
        ));
        columns.push(sum_if(&format!("g.external = 1 AND {inside}"), "g.seconds"));
        columns.push(sum_if(&inside, "g.seconds"));
    }
    q.push_sql(&format!(
        "WITH g AS MATERIALIZED (SELECT b.booker_organisation_id AS booker, r.unit AS unit, \
         CASE WHEN b.booker_organisation_id IS NOT NULL \
         AND b.booker_organisation_id <> r.owner_organisation_id THEN 1 ELSE 0 END AS external, \
         COUNT(*) AS bookings, SUM(({end} - {start}) * b.units) AS seconds \
         FROM bookings b JOIN resources r ON r.id = b.resource_id \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' \
         AND b.starts_at >= {from} AND b.starts_at < {until} GROUP BY 1, 2, 3) \
         SELECT {} FROM g{booker_join}{joins}",
        columns.join(", ")
    ));
    let Sums(sums) = db.fetch_one(q).await?;
    Ok(sums)
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
